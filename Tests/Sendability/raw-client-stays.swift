// Must be refused (scripts/check-sendable.sh): a generated client is not Sendable.
import FoobarXmpl
import Netlink

func runElsewhere(_ body: @escaping @Sendable () -> Void) {}

func share(_ client: GnlFoobarXmplClient<NetlinkSocket>) {
    runElsewhere { _ = try? client.echoMsg(.init(msg: "x")) }
}
