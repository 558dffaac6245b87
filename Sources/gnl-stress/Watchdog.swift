import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Turns a hang into a failure: the workers count what they finish (`step()`), and when
/// the count stands still for `limit` seconds the watchdog prints `whatHangs()` (one JSON
/// line) and exits with status 2. A reply the kernel never sends is thus a failure, not a
/// run that never ends.
final class Watchdog: Sendable {
    let progress = Atomic<Int>(0)
    private let finished = Atomic<Bool>(false)

    init(limit seconds: Int, whatHangs: @escaping @Sendable () -> String) {
        detachThread { [self] in
            var last = -1
            var still = 0
            while !finished.load(ordering: .acquiring) {
                sleep(1)
                let now = progress.load(ordering: .relaxed)
                still = now == last ? still + 1 : 0
                last = now
                if still >= seconds {
                    print(whatHangs())
                    fflush(nil)
                    exit(2)
                }
            }
        }
    }

    func step() { progress.add(1, ordering: .relaxed) }
    func stop() { finished.store(true, ordering: .releasing) }
}
