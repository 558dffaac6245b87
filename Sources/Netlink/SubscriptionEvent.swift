/// What a subscription hands out: a notification, or the news that some were lost.
public enum SubscriptionEvent<Notification> {
    /// A message the kernel multicast to a group the subscription joined.
    case notification(Notification)
    /// The socket's receive buffer overflowed and the kernel dropped notifications
    /// (`recv` failed with `ENOBUFS`). The subscription goes on with the ones that follow;
    /// whatever was built from the lost ones is stale until read again (a dump:
    /// `SynchronisedSubscription` does it by itself).
    case overrun
}

extension SubscriptionEvent: Sendable where Notification: Sendable {}
extension SubscriptionEvent: Equatable where Notification: Equatable {}
extension SubscriptionEvent: Hashable where Notification: Hashable {}

extension SubscriptionEvent {
    /// The notification; nil for `.overrun`.
    public var notification: Notification? {
        if case .notification(let notification) = self { return notification }
        return nil
    }
}
