import Dispatch
import Netlink

/// A subscription's events as an `AsyncSequence`:
///
///     for try await event in subscription.events() { … }
///
/// The subscription is moved in and read on a dispatch queue of its own, one event when
/// the consumer asks for one: nothing is buffered in between, so a slow consumer leaves
/// notifications in the socket's buffer, where an overflow is reported as the
/// subscription's `.overrun`, not lost in silence. The sequence ends (returns nil) when
/// the consuming task is cancelled; the wait notices within `pollInterval`. It ends after
/// an error too. It is one sequence: iterate it once.
///
/// This target is apart from `Netlink` and `GenericNetlink` because it needs the
/// concurrency runtime and libdispatch, which the static executables keep out.
// SendableMetatype: the source's methods run on the queue's thread.
public struct AsyncEvents<Source: BlockingEventSource & SendableMetatype & ~Copyable>: AsyncSequence,
    Sendable
where Source.Event: Sendable {
    public typealias Element = Source.Event

    /// Owns the source; every use of it runs on `queue`, one at a time.
    final class Reader: @unchecked Sendable {
        var source: Source
        let queue = DispatchQueue(label: "GenericNetlinkAsync.AsyncEvents")
        let pollInterval: Duration
        /// Set (on `queue`) after an error: the sequence has ended.
        var finished = false

        init(_ source: consuming Source, pollInterval: Duration) {
            self.source = source
            self.pollInterval = pollInterval
        }

        /// Waits up to `pollInterval` for the next event, on the queue.
        func poll() async throws -> Source.Event?? {
            try await withCheckedThrowingContinuation { continuation in
                queue.async {
                    guard !self.finished else { return continuation.resume(returning: .some(nil)) }
                    do {
                        guard let event = try self.source.next(timeout: self.pollInterval) else {
                            return continuation.resume(returning: nil)
                        }
                        continuation.resume(returning: .some(event))
                    } catch {
                        self.finished = true
                        continuation.resume(throwing: error)
                    }
                }
            }
        }
    }

    let reader: Reader

    /// The events of `source`, which it owns from now on.
    public init(_ source: consuming Source, pollInterval: Duration = .milliseconds(100)) {
        reader = Reader(source, pollInterval: pollInterval)
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(reader: reader)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let reader: Reader

        public mutating func next() async throws -> Source.Event? {
            while !Task.isCancelled {
                // nil: nothing came within the poll interval; .some(nil): the end.
                if let result = try await reader.poll() { return result }
            }
            return nil
        }
    }
}

extension BlockingEventSource where Self: SendableMetatype & ~Copyable, Event: Sendable {
    /// The events as an `AsyncSequence` (see `AsyncEvents`); the source moves into it.
    public consuming func events(pollInterval: Duration = .milliseconds(100)) -> AsyncEvents<Self> {
        AsyncEvents(self, pollInterval: pollInterval)
    }
}
