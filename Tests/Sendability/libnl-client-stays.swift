// Must be refused (scripts/check-sendable.sh): the libnl client is not Sendable.
import FoobarXmplLibnl

func runElsewhere(_ body: @escaping @Sendable () -> Void) {}

func share(_ client: LibnlFoobarXmplClient) {
    runElsewhere { _ = client }
}
