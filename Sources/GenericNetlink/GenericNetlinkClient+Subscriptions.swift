import Netlink

/// Subscriptions to the client's family, and to nlctrl's announcements about families.
/// Each has a socket of its own (see `NotificationSubscription`); the client's connection
/// stays for requests.
extension GenericNetlinkClient where Transport: ~Copyable {
    /// Subscribes to the family's multicast groups called `groupNames` (their ids from the
    /// family's description) on a new socket. `decode` reads a notification's header and
    /// attributes (borrowed) and returns nil for one it does not know, which is skipped.
    /// `receiveBufferSize` sets the socket's receive buffer (`setReceiveBufferSize`).
    /// Throws `MulticastGroupNotFoundError` for a group the family does not have.
    public func subscribe<Notification>(
        to groupNames: [String], receiveBufferSize: Int? = nil,
        decode: @escaping (GenericNetlinkHeader, RawSpan) throws -> Notification?
    ) throws -> NotificationSubscription<Notification, NetlinkSocket> {
        var socket = try NetlinkSocket()
        if let receiveBufferSize { try socket.setReceiveBufferSize(receiveBufferSize) }
        return try subscribe(to: groupNames, transport: socket, decode: decode)
    }

    /// Subscribes like `subscribe(to:receiveBufferSize:decode:)`, over `transport`.
    public func subscribe<Notification, SubscriptionTransport: NetlinkMulticastTransport & ~Copyable>(
        to groupNames: [String], transport: consuming SubscriptionTransport,
        decode: @escaping (GenericNetlinkHeader, RawSpan) throws -> Notification?
    ) throws -> NotificationSubscription<Notification, SubscriptionTransport> {
        var subscription = NotificationSubscription(family: family, transport: transport, decode: decode)
        for name in groupNames { try subscription.join(name) }
        return subscription
    }

    /// Subscribes a new socket to nlctrl's announcements of families registered and
    /// unregistered. A long-lived client hands them to `apply(_:)` (or
    /// `applyFamilyChanges(from:)`) to keep its family's id right across module reloads.
    public func subscribeToFamilyChanges() throws -> NotificationSubscription<FamilyChange, NetlinkSocket> {
        try subscribeToFamilyChanges(transport: NetlinkSocket())
    }

    /// Subscribes `transport` to nlctrl's announcements (see `subscribeToFamilyChanges()`).
    public func subscribeToFamilyChanges<SubscriptionTransport: NetlinkMulticastTransport & ~Copyable>(
        transport: consuming SubscriptionTransport
    ) throws -> NotificationSubscription<FamilyChange, SubscriptionTransport> {
        let controller = try withConnection { try $0.family(named: Controller.familyName) }
        return try NotificationSubscription(familyChangesFrom: controller, transport: transport)
    }

    /// Applies every family change `subscription` has received so far, without waiting.
    /// After an overrun (announcements lost) the family is resolved afresh.
    public func applyFamilyChanges<SubscriptionTransport: NetlinkMulticastTransport & ~Copyable>(
        from subscription: inout NotificationSubscription<FamilyChange, SubscriptionTransport>
    ) throws {
        while let event = try subscription.next(timeout: .zero) {
            switch event {
            case .notification(let change):
                apply(change)
            case .overrun:
                let current = try withConnection { connection in
                    connection.forgetCachedFamilies()
                    return try connection.family(named: family.name)
                }
                apply(.registered(current))
            }
        }
    }
}
