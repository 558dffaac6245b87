// Must typecheck (scripts/check-sendable.sh): what the library hands out as values —
// messages, attributes, errors, families, requests and decoded replies — may be sent to
// another thread.
import FoobarXmpl
import GenericNetlink
import Netlink

func runElsewhere(_ body: @escaping @Sendable () -> Void) {}

func share(
    message: NetlinkMessage, attribute: NetlinkAttribute, error: NetlinkError, family: GenericNetlinkFamily,
    request: GnlFoobarXmpl.EchoMsgRequest, reply: GnlFoobarXmpl.Attrs
) {
    runElsewhere { _ = (message, attribute, error, family, request, reply) }
}
