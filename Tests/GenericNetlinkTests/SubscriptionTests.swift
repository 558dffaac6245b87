import CNetlink
import GenericNetlink
import Netlink
import NetlinkTesting
import Testing

/// Subscriptions against a fake kernel: groups joined by name, notifications in order,
/// overruns as events, and requests on the client's own connection undisturbed.
@Suite struct SubscriptionTests {
    typealias Subscription = NotificationSubscription<TableChange, FakeKernel>

    func subscribe(_ table: FakeTableFamily, to groups: [String] = ["events"]) throws -> Subscription {
        try table.client().subscribe(to: groups, transport: table.subscriber, decode: TableChange.init)
    }

    @Test func joinsTheGroupByItsNameAndDecodesNotificationsInOrder() throws {
        let table = FakeTableFamily()
        var subscription = try subscribe(table)
        #expect(table.subscriber.joinedGroups == [FakeTableFamily.eventsGroup.id])
        #expect(subscription.groupNames == ["events"])
        table.set(1, 10)
        table.set(2, 20)
        table.delete(1)
        #expect(try subscription.next() == .notification(.set(Entry(key: 1, value: 10))))
        #expect(try subscription.next() == .notification(.set(Entry(key: 2, value: 20))))
        #expect(try subscription.next() == .notification(.deleted(key: 1)))
        #expect(try subscription.next(timeout: .zero) == nil)
    }

    @Test func severalNotificationsInOneDatagramComeOneByOne() throws {
        let table = FakeTableFamily()
        var subscription = try subscribe(table)
        let messages = [(1, 10), (2, 20)].map { key, value in
            FakeKernel.notification(type: table.family.id) { encoder in
                encoder.append(GenericNetlinkHeader(command: FakeTableFamily.Command.set, version: 1))
                encoder.appendAttribute(FakeTableFamily.Attribute.key, UInt32(key))
                encoder.appendAttribute(FakeTableFamily.Attribute.value, UInt32(value))
            }
        }
        table.subscriber.multicast(FakeKernel.datagram(messages), to: FakeTableFamily.eventsGroup.id)
        #expect(try subscription.next()?.notification == .set(Entry(key: 1, value: 10)))
        #expect(try subscription.next()?.notification == .set(Entry(key: 2, value: 20)))
        #expect(table.subscriber.receiveCount == 1)
    }

    @Test func anUnknownGroupIsRefusedNamingTheFamilysGroups() throws {
        let table = FakeTableFamily()
        let error = try #require(throws: MulticastGroupNotFoundError.self) {
            _ = try subscribe(table, to: ["evnets"])
        }
        #expect(error.availableGroups == ["events", "admin"])
        #expect("\(error)" == "family table has no multicast group 'evnets' (its groups: events, admin)")
        #expect(table.subscriber.joinedGroups.isEmpty)
    }

    @Test func leavingAGroupStopsItsNotifications() throws {
        let table = FakeTableFamily()
        var subscription = try subscribe(table, to: ["events", "admin"])
        table.set(1, 10)
        try subscription.leave("events")
        #expect(table.subscriber.joinedGroups == [10])
        #expect(subscription.groupNames == ["admin"])
        table.set(2, 20)  // not delivered: nobody is in the group
        #expect(try subscription.next()?.notification == .set(Entry(key: 1, value: 10)))
        #expect(try subscription.next(timeout: .zero) == nil)
    }

    @Test func anOverrunIsAnEventAndTheNotificationsGoOn() throws {
        let table = FakeTableFamily()
        var subscription = try subscribe(table)
        table.set(1, 10)
        table.subscriber.overflow()
        table.set(2, 20)
        #expect(try subscription.next() == .notification(.set(Entry(key: 1, value: 10))))
        #expect(try subscription.next() == .overrun)
        #expect(try subscription.next() == .notification(.set(Entry(key: 2, value: 20))))
    }

    @Test func otherFamiliesMessagesControlMessagesAndUnknownCommandsAreSkipped() throws {
        let table = FakeTableFamily()
        var subscription = try subscribe(table)
        let group = FakeTableFamily.eventsGroup.id
        let otherFamily = FakeKernel.notification(type: 0x30) {
            $0.append(GenericNetlinkHeader(command: FakeTableFamily.Command.set, version: 1))
        }
        let noop = try FakeKernel.notification(type: NetlinkMessageType.noop)
        let unknownCommand = FakeKernel.notification(type: table.family.id) {
            $0.append(GenericNetlinkHeader(command: 99, version: 1))
        }
        table.subscriber.multicast(FakeKernel.datagram([otherFamily, noop, unknownCommand]), to: group)
        table.set(1, 10)
        #expect(try subscription.next() == .notification(.set(Entry(key: 1, value: 10))))
    }

    @Test func aMalformedNotificationIsThrownAndTheNextOneStillComes() throws {
        let table = FakeTableFamily()
        var subscription = try subscribe(table)
        let rowWithoutValue = FakeKernel.notification(type: table.family.id) {
            $0.append(GenericNetlinkHeader(command: FakeTableFamily.Command.set, version: 1))
            $0.appendAttribute(FakeTableFamily.Attribute.key, UInt32(1))
        }
        table.subscriber.multicast(FakeKernel.datagram([rowWithoutValue]), to: FakeTableFamily.eventsGroup.id)
        table.subscriber.multicast([1, 2, 3], to: FakeTableFamily.eventsGroup.id)  // not even a header
        table.set(2, 20)
        #expect(throws: MalformedMessageError.self) { try subscription.next() }
        #expect(throws: MalformedMessageError.self) { try subscription.next() }
        #expect(try subscription.next() == .notification(.set(Entry(key: 2, value: 20))))
    }

    /// The subscription has a socket of its own: changes announced while the client waits
    /// for answers are all kept for the subscription, and a stray notification on the
    /// client's socket is never taken for an answer.
    @Test func notificationsInterleavedWithRequestsAreKeptAndNeverTakenForAnswers() throws {
        let table = FakeTableFamily()
        let client = try table.client()
        var subscription = try subscribe(table)
        table.afterDump = { table.set(3, 30) }  // a change while the dump is read
        table.set(1, 10)
        table.set(2, 20)
        // Announced to the client's socket too, before its answer: skipped there.
        table.requests.enqueue(FakeKernel.datagram([FakeKernel.notification(type: table.family.id) {
            $0.append(GenericNetlinkHeader(command: FakeTableFamily.Command.set, version: 1))
        }]))
        #expect(try client.dumpTable() == [Entry(key: 1, value: 10), Entry(key: 2, value: 20)])
        table.delete(2)
        #expect(try subscription.next()?.notification == .set(Entry(key: 1, value: 10)))
        #expect(try subscription.next()?.notification == .set(Entry(key: 2, value: 20)))
        #expect(try subscription.next()?.notification == .set(Entry(key: 3, value: 30)))
        #expect(try subscription.next()?.notification == .deleted(key: 2))
        #expect(try subscription.next(timeout: .zero) == nil)
    }

    @Test func theRawFormHandsOutWholeMessages() throws {
        let table = FakeTableFamily()
        var subscription = NotificationSubscription(family: table.family, transport: table.subscriber)
        try subscription.join("events")
        table.set(1, 10)
        let message = try #require(try subscription.next()?.notification)
        #expect(message.netlinkHeader.type == table.family.id)
        #expect(message.netlinkHeader.sequence == 0)
        #expect(message.header.command == FakeTableFamily.Command.set)
        #expect(try Entry(attributes: message.payload.span.bytes) == Entry(key: 1, value: 10))
    }
}
