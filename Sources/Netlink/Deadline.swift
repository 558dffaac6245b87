#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A point on the monotonic clock a wait must end by: turns "wait at most `timeout` in
/// all" into the time left for each of several waits. (`ContinuousClock` would do, but
/// it lives in the concurrency runtime, which the static executables keep out.)
struct Deadline {
    private let end: Duration

    /// `timeout` from now.
    init(after timeout: Duration) {
        end = Self.now() + timeout
    }

    /// What is left of the wait; zero once the deadline has passed.
    var remaining: Duration {
        max(.zero, end - Self.now())
    }

    private static func now() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }
}

extension Duration {
    /// Whole milliseconds, rounded up (so a wait never ends early and never spins), as
    /// `poll` takes them; at most `CInt.max`.
    var pollMilliseconds: CInt {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        let milliseconds = seconds.multipliedReportingOverflow(by: 1000)
        let total = milliseconds.partialValue.addingReportingOverflow(
            (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        guard !milliseconds.overflow, !total.overflow, total.partialValue <= Int64(CInt.max) else {
            return CInt.max
        }
        return CInt(total.partialValue)
    }
}
