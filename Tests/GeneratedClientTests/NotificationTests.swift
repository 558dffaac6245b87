import CNetlink
import GenericNetlink
import Netlink
import NetlinkTesting
import Testing

/// The generated `Notification` and `subscribe(to:)` of everything.yaml's client: the
/// spec's `changed` notifies with `get`'s reply set, to the `events` group.
@Suite struct NotificationTests {
    typealias Attrs = Everything.EverythingAttributes

    static let events = GenericNetlinkFamily.MulticastGroup(name: "events", id: 7)

    /// A client whose nlctrl describes the family with `groups`.
    static func client(groups: [GenericNetlinkFamily.MulticastGroup] = [events]) throws -> EverythingClient<FakeKernel> {
        let kernel = FakeKernel { request in
            let family = GenericNetlinkFamily(name: "everything", id: 0x30, version: 2, multicastGroups: groups)
            return [try FakeKernel.reply(to: request) { encoder in
                encoder.append(GenericNetlinkHeader(command: UInt8(CTRL_CMD_NEWFAMILY), version: 2))
                try family.appendAttributes(to: &encoder)
            }]
        }
        return try EverythingClient(connection: GenericNetlinkConnection(transport: kernel))
    }

    static func notification(command: UInt8, _ attributes: Attrs) throws -> [UInt8] {
        try FakeKernel.notification(type: 0x30) { encoder in
            encoder.append(GenericNetlinkHeader(command: command, version: 2))
            try attributes.encode(to: &encoder)
        }
    }

    @Test func theSpecsGroupsAndNotificationsAreNamed() {
        #expect(Everything.MulticastGroup.allCases.map(\.rawValue) == ["events", "admin"])
        #expect(Everything.Notification.changed(Attrs()).name == "changed")
    }

    @Test func aSubscriptionHandsOutTypedNotifications() throws {
        let socket = FakeKernel(portID: 99) { _ in [] }
        var subscription = try Self.client().subscribe(to: [.events], transport: socket)
        #expect(socket.joinedGroups == [7])
        let changed = Attrs(u32: 5, text: "five")
        socket.multicast(FakeKernel.datagram([
            try Self.notification(command: Everything.Command.get, Attrs(u32: 1)),  // a reply's command: none
            try Self.notification(command: Everything.Command.changed, changed),
        ]), to: 7)
        #expect(try subscription.next() == .notification(.changed(changed)))
        #expect(try subscription.next(timeout: .zero) == nil)
    }

    @Test func aGroupTheKernelDoesNotHaveIsNamedInTheError() throws {
        let socket = FakeKernel(portID: 99) { _ in [] }
        let error = try #require(throws: MulticastGroupNotFoundError.self) {
            _ = try Self.client().subscribe(to: [.events, .admin], transport: socket)
        }
        #expect(error.group == "admin")
        #expect(error.family == "everything")
        #expect(error.availableGroups == ["events"])
    }

    @Test func decodingNeedsTheNotificationsCommand() throws {
        var encoder = MessageEncoder()
        try Attrs(u8: 3).encode(to: &encoder)
        let attributes = encoder.bytes
        #expect(try Everything.Notification(header: .init(command: Everything.Command.changed, version: 2), attributes: attributes.span.bytes) == .changed(Attrs(u8: 3)))
        #expect(try Everything.Notification(header: .init(command: Everything.Command.set, version: 2), attributes: attributes.span.bytes) == nil)
    }
}
