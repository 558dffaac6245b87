import Glibc
import GnlKvFamily
import Netlink

/// Clients whose sockets live in a network namespace of their own, made for the test:
/// an empty store that no other test sees, so tests run in parallel. A namespace is a
/// thread's: the sockets are opened on a thread that unshares it and then ends; they
/// keep the namespace (and it them) for as long as they are open.
func clientsInFreshNamespace(_ count: Int) throws -> [GnlKvClient<NetlinkSocket>] {
    try onThreadOfItsOwn {
        guard unshare(cloneNewNet) == 0 else {
            throw SystemCallError(call: "unshare(CLONE_NEWNET)", errno: Errno(rawValue: errno))
        }
        return try (0..<count).map { _ in try GnlKvClient() }
    }
}

/// unshare(2), which Swift's Glibc module leaves out (glibc declares it for _GNU_SOURCE).
private let unshare = unsafeBitCast(
    dlsym(nil, "unshare"),  // RTLD_DEFAULT
    to: (@convention(c) (CInt) -> CInt).self)
/// `CLONE_NEWNET`, from <linux/sched.h>.
private let cloneNewNet: CInt = 0x4000_0000

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
