import Glibc
import GnlKvFamily
import Netlink

/// A thread that counts in two entries through `client`, "a-counter" then "z-counter",
/// every `pauseMicroseconds` (3 ms unless told) until stopped. Every state the store has holds a = z or
/// a = z + 1: a dump that shows otherwise ran across a write.
final class CounterWriter: @unchecked Sendable {
    private let stopFlag = StopFlag()
    private var failure: Error?  // written by the thread, read after joining it
    private var thread: NewThread?

    init(_ client: GnlKvClient<NetlinkSocket>, pauseMicroseconds: UInt32 = 3000) {
        thread = NewThread { [self] in
            do {
                var count: UInt64 = 0
                while !stopFlag.isSet {
                    count += 1
                    for key in ["a-counter", "z-counter"] {
                        _ = try client.set(.init(entry: .init(key: key, value: withUnsafeBytes(of: count) { Array($0) })))
                    }
                    usleep(pauseMicroseconds)
                }
            } catch { failure = error }
        }
    }

    /// Stops the thread and waits for it; the error that ended it early, if one did.
    @discardableResult
    func stop() -> Error? {
        stopFlag.set()
        thread?.join()
        return failure
    }

    /// The two counters in a dump; nil when it lacks one.
    static func counters(_ messages: [GnlKv.Kv]) -> (a: UInt64, z: UInt64)? {
        func count(_ key: String) -> UInt64? {
            messages.first { $0.entry?.key == key }?.entry?.value?.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        }
        return count("a-counter").flatMap { a in count("z-counter").map { (a, $0) } }
    }
}
