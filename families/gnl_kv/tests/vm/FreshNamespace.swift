import GenericNetlink
import Glibc
import GnlKvFamily
import Netlink

/// Clients whose sockets live in a network namespace of their own, made for the test:
/// an empty store that no other test sees, so tests run in parallel.
func clientsInFreshNamespace(_ count: Int) throws -> [GnlKvClient<NetlinkSocket>] {
    try inFreshNamespace { try (0..<count).map { _ in try GnlKvClient() } }
}

typealias KvSubscription = NotificationSubscription<GnlKv.Notification, NetlinkSocket>

/// `count` clients and a subscription to the `events` group (`receiveBufferSize`: its
/// socket's receive buffer), all in a network namespace of their own: the subscription
/// hears the clients' changes and no other test's. Take the subscription out of its
/// `Handover` (it is not copyable).
func subscriberInFreshNamespace(clients count: Int = 1, receiveBufferSize: Int? = nil) throws
    -> (clients: [GnlKvClient<NetlinkSocket>], subscription: Handover<KvSubscription>)
{
    try inFreshNamespace {
        let clients = try (0..<count).map { _ in try GnlKvClient() }
        return (clients, Handover(try clients[0].subscribe(to: [.events], receiveBufferSize: receiveBufferSize)))
    }
}

/// Runs `body` in a new network namespace. A namespace is a thread's: `body` runs on a
/// thread that unshares it and then ends; the sockets `body` opens keep the namespace
/// (and it them) for as long as they are open.
func inFreshNamespace<Result>(_ body: @escaping () throws -> Result) throws -> Result {
    try onThreadOfItsOwn {
        guard unshare(cloneNewNet) == 0 else {
            throw SystemCallError(call: "unshare(CLONE_NEWNET)", errno: Errno(rawValue: errno))
        }
        return try body()
    }
}

/// unshare(2), which Swift's Glibc module leaves out (glibc declares it for _GNU_SOURCE).
private let unshare = unsafeBitCast(
    dlsym(nil, "unshare"),  // RTLD_DEFAULT
    to: (@convention(c) (CInt) -> CInt).self)
/// `CLONE_NEWNET`, from <linux/sched.h>.
private let cloneNewNet: CInt = 0x4000_0000
