/// Something that hands out events one at a time and can wait for the next: the
/// subscriptions. The async layer (`GenericNetlinkAsync`) turns any of them into an
/// `AsyncSequence`.
public protocol BlockingEventSource: ~Copyable {
    associatedtype Event

    /// The next event, waiting at most `timeout` (for ever when nil); nil when none came
    /// in time.
    mutating func next(timeout: Duration?) throws -> Event?

    /// The next event if it is there already (received, or queued in the socket), without
    /// waiting and without anything else that blocks (a dump); nil otherwise, when
    /// `next(timeout:)` is for the caller to use. The async layer calls it in the consuming
    /// task, so a burst is read there, with no thread hop per event. By default nil:
    /// every event is waited for.
    mutating func nextWithoutWaiting() throws -> Event?
}

extension BlockingEventSource where Self: ~Copyable {
    public mutating func nextWithoutWaiting() throws -> Event? { nil }
}
