import Netlink

/// Subscriptions to the client's family, each on a socket of its own (see
/// `NotificationSubscription`); the client's connection stays for requests.
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
}
