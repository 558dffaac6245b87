import Glibc
import Synchronization

/// Runs `body` on a new thread, not one that anything else will use, and waits for it.
func onThreadOfItsOwn<Result>(_ body: @escaping () throws -> Result) throws -> Result {
    nonisolated(unsafe) var outcome: Swift.Result<Result, Error>?
    let thread = NewThread { outcome = Swift.Result { try body() } }
    thread.join()
    return try outcome!.get()
}

/// A thread running `body`, started at once (pthreads: no Foundation).
final class NewThread: @unchecked Sendable {
    private let body: () -> Void
    private var thread = pthread_t()
    private var joined = false

    init(_ body: @escaping () -> Void) {
        self.body = body
        let context = Unmanaged.passRetained(self).toOpaque()
        let result = pthread_create(&thread, nil, { context in
            Unmanaged<NewThread>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, context)
        precondition(result == 0, "pthread_create: \(result)")
    }

    /// Waits for `body` to return (once; later calls return at once). From one thread.
    func join() {
        guard !joined else { return }
        joined = true
        pthread_join(thread, nil)
    }
}

/// A flag one thread sets and another reads.
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
