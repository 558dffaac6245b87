/// Something that hands out events one at a time and can wait for the next: the
/// subscriptions. The async layer (`GenericNetlinkAsync`) turns any of them into an
/// `AsyncSequence`.
public protocol BlockingEventSource: ~Copyable {
    associatedtype Event

    /// The next event, waiting at most `timeout` (for ever when nil); nil when none came
    /// in time.
    mutating func next(timeout: Duration?) throws -> Event?
}
