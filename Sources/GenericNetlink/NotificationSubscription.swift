import Netlink

/// The notifications of one generic netlink family, decoded as they arrive: its multicast
/// groups joined by name (nlctrl's description of the family gives their ids), on a
/// socket of the subscription's own.
///
/// A subscription never sends requests (see `NetlinkSubscription`), so notifications are
/// never taken for answers, and none is lost while a client waits for an answer on its
/// own connection. A receive buffer that overflowed is `.overrun`, and the subscription
/// goes on.
///
///     var subscription = try client.subscribe(to: ["mgmt"]) { header, attributes in … }
///     while let event = try subscription.next(timeout: .seconds(1)) { … }
///
/// It is for one thread at a time; not copyable, and movable to another thread (the
/// async layer does) when its transport and `decode` may be used there.
public struct NotificationSubscription<Notification, Transport: NetlinkMulticastTransport & ~Copyable>:
    ~Copyable
{
    @usableFromInline var subscription: NetlinkSubscription<Transport>
    /// Reads one of the family's messages: its header and payload, borrowed.
    @usableFromInline let decode: (NetlinkMessageHeader, RawSpan) throws -> Notification?
    /// The family as nlctrl described it: its id picks out its messages, its groups give
    /// the ids joined.
    public private(set) var family: GenericNetlinkFamily
    /// The groups joined, by name, in the order they were joined.
    public private(set) var groupNames: [String] = []

    /// A subscription to `family` over `transport`, joining no group yet. `decode` reads a
    /// message's header and attributes (borrowed) and returns nil for one that is not a
    /// notification it knows, which is then skipped.
    public init(
        family: GenericNetlinkFamily, transport: consuming Transport,
        decode: @escaping (GenericNetlinkHeader, RawSpan) throws -> Notification?
    ) {
        self.init(
            family: family, transport: transport,
            decodeMessage: { _, payload in try GenericNetlinkHeader.split(payload, decode) })
    }

    private init(
        family: GenericNetlinkFamily, transport: consuming Transport,
        decodeMessage: @escaping (NetlinkMessageHeader, RawSpan) throws -> Notification?
    ) {
        subscription = NetlinkSubscription(transport: transport)
        self.family = family
        decode = decodeMessage
    }

    /// Joins the family's group called `name`. Throws `MulticastGroupNotFoundError`
    /// (naming the groups it has) when there is none.
    public mutating func join(_ name: String) throws {
        try subscription.join(group: family.multicastGroup(named: name).id)
        if !groupNames.contains(name) { groupNames.append(name) }
    }

    /// Leaves the family's group called `name`.
    public mutating func leave(_ name: String) throws {
        try subscription.leave(group: family.multicastGroup(named: name).id)
        groupNames.removeAll { $0 == name }
    }

    /// Follows the family to a new registration (its module reloaded: a new id, new group
    /// ids) and joins the same groups there, by name. The kernel dropped the old
    /// memberships when the family went away.
    public mutating func follow(_ family: GenericNetlinkFamily) throws {
        precondition(family.name == self.family.name, "a subscription follows its own family only")
        let joined = groupNames
        self.family = family
        for name in joined { try subscription.join(group: family.multicastGroup(named: name).id) }
    }
}

extension NotificationSubscription where Transport: ~Copyable {
    /// Reads and drops every notification received so far (see
    /// `NetlinkSubscription.discardReceived()`); returns how many messages there were.
    @discardableResult
    public mutating func discardReceived() throws -> Int {
        try subscription.discardReceived()
    }
}

extension NotificationSubscription: BlockingEventSource where Transport: ~Copyable {
    /// The next notification of the family, or `.overrun` when the kernel dropped some.
    /// Waits at most `timeout` in all (for ever when nil); nil when nothing came in time.
    /// An error `decode` throws is thrown; the next call goes on with what follows.
    public mutating func next(timeout: Duration? = nil) throws -> SubscriptionEvent<Notification>? {
        let familyID = family.id
        return try subscription.next(timeout: timeout) { [decode] header, payload in
            header.type == familyID ? try decode(header, payload) : nil
        }
    }

    /// What is waiting, read without a wait (`next(timeout: .zero)`).
    public mutating func nextWithoutWaiting() throws -> SubscriptionEvent<Notification>? {
        try next(timeout: .zero)
    }
}

extension NotificationSubscription where Notification == GenericNetlinkMessage, Transport: ~Copyable {
    /// A subscription that hands out every message of the family, copied.
    public init(family: GenericNetlinkFamily, transport: consuming Transport) {
        self.init(
            family: family, transport: transport,
            decodeMessage: { try GenericNetlinkMessage(decoding: NetlinkMessage(header: $0, copying: $1)) })
    }
}
