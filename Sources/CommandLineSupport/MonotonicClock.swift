#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Nanoseconds on `CLOCK_MONOTONIC`, the clock the C baselines time with. Wrapping
/// arithmetic, as C's: the clock is never negative and overflows in 584 years, and
/// checks here would count against every request timed. Inlinable: the benchmarks' timed
/// loops read it twice per request.
@inlinable
public func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(truncatingIfNeeded: now.tv_sec) &* 1_000_000_000
        &+ UInt64(truncatingIfNeeded: now.tv_nsec)
}
