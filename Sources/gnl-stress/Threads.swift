#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What a thread runs, handed to `pthread_create` as its argument.
private final class ThreadStart: Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}

private func startThread(_ body: @escaping @Sendable () -> Void) -> pthread_t {
    var thread = pthread_t()
    let start = Unmanaged.passRetained(ThreadStart(body)).toOpaque()
    let status = pthread_create(&thread, nil, { argument in
        Unmanaged<ThreadStart>.fromOpaque(argument!).takeRetainedValue().body()
        return nil
    }, start)
    precondition(status == 0, "pthread_create: \(status)")
    return thread
}

/// Runs `body(index)` on `count` threads of their own and waits for them all. `body` is
/// `@Sendable`: whatever a thread uses that is not `Sendable` (a client) it makes itself.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let threads = (0..<count).map { index in startThread { body(index) } }
    for thread in threads { pthread_join(thread, nil) }
}

/// Runs `body` on a thread of its own that nobody waits for.
func detachThread(_ body: @escaping @Sendable () -> Void) {
    pthread_detach(startThread(body))
}
