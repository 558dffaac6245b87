import CNetlink
import GenericNetlink
import Glibc
import Netlink
import NetlinkTesting
import Testing

/// A long-lived client across a module reload, against a fake kernel whose family comes
/// back with another id: asked again once on ENOENT/EOPNOTSUPP, or told by nlctrl.
@Suite struct FamilyReloadTests {
    /// How many `CTRL_CMD_GETFAMILY` requests `kernel` has had.
    func lookUps(_ kernel: FakeKernel) -> Int {
        kernel.sentDatagrams.count { NetlinkMessageHeader(decoding: $0[...])?.type == Controller.familyID }
    }

    /// nlctrl as it describes itself, with its `notify` group.
    static let controller = GenericNetlinkFamily(
        name: Controller.familyName, id: Controller.familyID, multicastGroups: [.init(name: "notify", id: 16)])

    func reload(_ table: FakeTableFamily, id: UInt16) {
        table.family.id = id
        table.family.multicastGroups = [.init(name: "events", id: 11)]
    }

    @Test func aRequestToAReloadedFamilyGoesToItsNewIDOnce() throws {
        let table = FakeTableFamily()
        table.set(1, 10)
        let client = try table.client()
        #expect(try client.dumpTable() == [Entry(key: 1, value: 10)])
        reload(table, id: 0x25)
        #expect(try client.dumpTable() == [Entry(key: 1, value: 10)])  // ENOENT, resolved again, sent again
        #expect(client.familyID == 0x25)
        #expect(client.family.multicastGroups == [.init(name: "events", id: 11)])
        #expect(try client.dumpTable().count == 1)
        #expect(lookUps(table.requests) == 2)  // opening, and once after the reload
    }

    @Test func aDoRequestAndAnAcknowledgedOneAreSentAgainToo() throws {
        let table = FakeTableFamily()
        let client = try table.client()
        reload(table, id: 0x25)
        let rows = try client.request(FakeTableFamily.Command.get, operation: "get", set: "table", { _ in }) {
            try Entry(attributes: $1)
        }
        #expect(rows == Entry(key: 0, value: 0))
        reload(table, id: 0x26)
        // The family refuses this command: EOPNOTSUPP from its new id, after one look-up.
        let error = try #require(throws: NetlinkError.self) {
            try client.requestAcknowledged(9, operation: "nine", set: "table") { _ in }
        }
        #expect(error.errno == .notSupported)
        #expect(error.operation == "nine")
        #expect(client.familyID == 0x26)
        #expect(lookUps(table.requests) == 3)
    }

    /// The family itself answered ENOENT/EOPNOTSUPP: one look-up, the same id, its error.
    @Test func theFamilysOwnRefusalIsThrownAfterOneLookUp() throws {
        let table = FakeTableFamily()
        let client = try table.client()
        let error = try #require(throws: NetlinkError.self) {
            try client.requestAcknowledged(9, operation: "nine", set: "table") { _ in }
        }
        #expect(error.errno == .notSupported)
        #expect(error.operation == "nine")
        #expect(lookUps(table.requests) == 2)
        #expect(table.requests.sentDatagrams.count == 3)  // look-up, request, look-up: not sent again
    }

    @Test func aFamilyThatIsGoneIsFamilyNotFound() throws {
        let table = FakeTableFamily()
        let client = try table.client()
        table.family.name = "renamed"  // nlctrl no longer knows "table"
        table.family.id = 0x25
        #expect(throws: FamilyNotFoundError(name: "table")) { try client.dumpTable() }
    }

    @Test func nlctrlsAnnouncementsKeepTheIDRightAheadOfTime() throws {
        let table = FakeTableFamily()
        let client = try table.client()
        let announcements = FakeKernel(portID: 4444) { _ in [] }
        // nlctrl's own description comes from the fake kernel's nlctrl: teach it nlctrl.
        let watcher = FakeKernel { try controllerReplies(to: $0, knowing: [Self.controller, table.family]) }
        let watchingClient = try GenericNetlinkClient(
            familyName: "table", version: 1, connection: GenericNetlinkConnection(transport: watcher))
        var changes = try watchingClient.subscribeToFamilyChanges(transport: announcements)
        #expect(announcements.joinedGroups == [16])

        let old = table.family
        reload(table, id: 0x25)
        announcements.multicast(
            FakeKernel.datagram([
                try familyAnnouncement(old, command: CTRL_CMD_DELFAMILY),
                try familyAnnouncement(table.family, command: CTRL_CMD_NEWFAMILY),
            ]), to: 16)
        #expect(try changes.next() == .notification(.unregistered(old)))
        #expect(try changes.next() == .notification(.registered(table.family)))

        announcements.multicast(
            FakeKernel.datagram([try familyAnnouncement(table.family, command: CTRL_CMD_NEWFAMILY)]), to: 16)
        try client.applyFamilyChanges(from: &changes)
        #expect(client.familyID == 0x25)
        #expect(try client.dumpTable().isEmpty)
        #expect(lookUps(table.requests) == 1)  // no request failed, nothing asked again
    }

    @Test func theConnectionsCacheFollowsAnnouncements() throws {
        let table = FakeTableFamily()
        var connection = GenericNetlinkConnection(transport: table.requests)
        let old = try connection.family(named: "table")
        var reloaded = old
        reloaded.id = 0x25
        connection.apply(.registered(reloaded))
        #expect(try connection.familyID(named: "table") == 0x25)
        connection.apply(.unregistered(old))  // an older registration: kept
        #expect(try connection.familyID(named: "table") == 0x25)
        connection.apply(.unregistered(reloaded))
        #expect(try connection.familyID(named: "table") == 0x21)  // asked again
        #expect(lookUps(table.requests) == 2)
    }

    @Test func afterLostAnnouncementsTheFamilyIsResolvedAfresh() throws {
        let table = FakeTableFamily()
        let client = try table.client()
        let announcements = FakeKernel(portID: 4444) { _ in [] }
        var changes = try NotificationSubscription(familyChangesFrom: Self.controller, transport: announcements)
        reload(table, id: 0x25)
        announcements.overflow()
        try client.applyFamilyChanges(from: &changes)
        #expect(client.familyID == 0x25)
    }

    /// A subscription follows its family to the new registration and its new group ids.
    @Test func aSubscriptionFollowsItsFamilyToItsNewGroups() throws {
        let table = FakeTableFamily()
        let client = try table.client()
        var subscription = try client.subscribe(to: ["events"], transport: table.subscriber, decode: TableChange.init)
        reload(table, id: 0x25)
        try subscription.follow(table.family)
        #expect(table.subscriber.joinedGroups.contains(11))
        table.subscriber.multicast(
            FakeKernel.datagram([FakeKernel.notification(type: 0x25) {
                $0.append(GenericNetlinkHeader(command: FakeTableFamily.Command.delete, version: 1))
                $0.appendAttribute(FakeTableFamily.Attribute.key, UInt32(7))
                $0.appendAttribute(FakeTableFamily.Attribute.value, UInt32(0))
            }]), to: 11)
        #expect(try subscription.next() == .notification(.deleted(key: 7)))
    }
}
