// Must be refused (scripts/check-sendable.sh): the family-neutral client is not Sendable.
import GenericNetlink
import Netlink

func runElsewhere(_ body: @escaping @Sendable () -> Void) {}

func share(_ client: GenericNetlinkClient<NetlinkSocket>) {
    runElsewhere { _ = client.familyID }
}
