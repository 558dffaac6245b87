import CommandLineSupport
import GenericNetlink
import Netlink
import SpecDrivenNetlink

/// `--subscribe GROUP`: the kit's `NotificationSubscription` to one of the family's
/// multicast groups, on a socket of its own, its notifications printed one JSON line
/// each until `--duration`/`--sleep` or `--count`. It is opened before any request of the
/// same command line, so the notifications that request causes are seen (as ynl does).
struct NotificationListener: ~Copyable {
    private var subscription: NotificationSubscription<JSONValue, NetlinkSocket>

    /// Joins `group` of `familyName`; `describe` makes each notification's line. A group
    /// the family does not have is a `MulticastGroupNotFoundError` naming those it has.
    init(familyName: String, group: String, describe: @escaping (GenericNetlinkHeader, RawSpan) throws -> JSONValue) throws {
        var connection = try GenericNetlinkConnection()
        let family = try connection.family(named: familyName)
        var subscription = NotificationSubscription(family: family, transport: try NetlinkSocket(), decode: describe)
        try subscription.join(group)
        self.subscription = subscription
    }

    /// Prints each notification, one line each, until `seconds` have passed or `count`
    /// were printed (nil: no bound). An overrun (the kernel dropped notifications: the
    /// socket's receive queue was full) is said on stderr, and the listening goes on.
    mutating func run(seconds: Double?, count: Int?) throws {
        let deadline = seconds.map { ContinuousClock.now + .milliseconds(Int64(($0 * 1000).rounded(.up))) }
        var printed = 0
        while count.map({ printed < $0 }) ?? true {
            let timeout = deadline.map { max(.zero, $0 - ContinuousClock.now) }
            if timeout == .zero { return }
            switch try subscription.next(timeout: timeout) {
            case nil:
                return
            case .overrun:
                writeToStandardError("gnl: notifications were lost: the socket's receive queue overflowed (ENOBUFS)\n")
            case .notification(let line):
                JSONOutput.printLine(line)
                printed += 1
            }
        }
    }
}
