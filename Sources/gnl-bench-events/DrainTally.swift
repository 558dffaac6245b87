import CommandLineSupport
import GnlKvFamily
import Netlink

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What a subscriber drained of a burst of `expected` set notifications: how many came,
/// and the time from the go-ahead to the last. The output is c-libnl's:
/// `<received> <lost> <ns>`, lost being those that never came.
struct DrainTally: Sendable {
    let expected: Int
    let start: UInt64
    private(set) var received = 0
    private var last: UInt64

    /// Starts the clock.
    init(expected: Int) {
        self.expected = expected
        start = monotonicNanoseconds()
        last = start
    }

    var isComplete: Bool { received >= expected }

    /// Counts a set notification that carries its entry's key and version (as c-libnl
    /// checks them); an overrun is not one: what was lost never comes.
    mutating func record(_ event: SubscriptionEvent<GnlKv.Notification>) throws {
        guard case .notification(.setNtf(let kv)) = event else { return }
        guard kv.entry?.key != nil, kv.entry?.version != nil else { throw IncompleteNotificationError() }
        received &+= 1
        last = monotonicNanoseconds()
    }

    func printResult() {
        print(received, expected - received, last &- start)
    }
}

/// A set notification without its entry's key or version.
struct IncompleteNotificationError: Error, CustomStringConvertible {
    var description: String { "a set notification without its entry's key or version" }
}

/// Tells the driver the subscriber is listening ("ready" on stdout), then waits for its
/// line on stdin: the burst is queued in the socket's buffer by then.
func awaitBurst() throws {
    print("ready")
    fflush(nil)
    guard readLine() != nil else { throw NoGoAheadError() }
}

/// stdin closed before the driver's go-ahead.
struct NoGoAheadError: Error, CustomStringConvertible {
    var description: String { "stdin closed before the go-ahead" }
}
