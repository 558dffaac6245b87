import Dispatch
import Netlink
import Synchronization

/// A subscription's events as an `AsyncSequence`:
///
///     for try await event in subscription.events() { … }
///
/// The subscription is moved in and read one event when the consumer asks for one:
/// nothing is buffered in between, so a slow consumer leaves notifications in the socket's
/// buffer, where an overflow is reported as the subscription's `.overrun`, not lost in
/// silence. What is waiting already is read in the consuming task itself, with no wait
/// (`nextWithoutWaiting`: a burst costs no thread hop per event); only an empty socket is
/// waited on, on a dispatch queue of the sequence's own, off the cooperative pool. The sequence ends
/// (returns nil) when the consuming task is cancelled; the wait notices within
/// `pollInterval`. It ends after an error too. It is one sequence: iterate it once.
///
/// This target is apart from `Netlink` and `GenericNetlink` because it needs the
/// concurrency runtime and libdispatch, which the static executables keep out.
// SendableMetatype: the source's methods run on the queue's thread.
public struct AsyncEvents<Source: BlockingEventSource & SendableMetatype & ~Copyable>: AsyncSequence,
    Sendable
where Source.Event: Sendable {
    public typealias Element = Source.Event

    /// Owns the source; every use of it holds `lock`, so one at a time. The consuming
    /// task's path is inlinable, so that it is specialised for the caller's source (run
    /// generic, it copied every event through value witnesses).
    @usableFromInline final class Reader: @unchecked Sendable {
        @usableFromInline var source: Source
        let queue = DispatchQueue(label: "GenericNetlinkAsync.AsyncEvents")
        let pollInterval: Duration
        /// Set after an error: the sequence has ended.
        @usableFromInline var finished = false
        /// Held while `source` or `finished` is used, in the consuming task or on `queue`.
        @usableFromInline let lock = Mutex(())

        init(_ source: consuming Source, pollInterval: Duration) {
            self.source = source
            self.pollInterval = pollInterval
        }

        /// The next event if it is waiting, in the caller's task: `.some(nil)` at the end;
        /// nil when the queue must wait for it (none waiting, or the source in use: a
        /// second iterator, which is not to be, is never waited for here).
        @inlinable func nextWaiting() throws -> Source.Event?? {
            let taken: Source.Event??? = try lock.withLockIfAvailable { _ in
                try read { try self.source.nextWithoutWaiting() }
            }
            return taken ?? nil
        }

        /// Waits up to `pollInterval` for the next event, on the queue.
        @usableFromInline func poll() async throws -> Source.Event?? {
            try await withCheckedThrowingContinuation { continuation in
                queue.async {
                    continuation.resume(
                        with: Result {
                            try self.lock.withLock { _ in
                                try self.read { try self.source.next(timeout: self.pollInterval) }
                            }
                        })
                }
            }
        }

        /// `receive`'s event: nil when none came, `.some(nil)` once the sequence ended;
        /// an error ends it. Called holding `lock`.
        @inlinable func read(_ receive: () throws -> Source.Event?) throws -> Source.Event?? {
            guard !finished else { return .some(nil) }
            do {
                return try receive().map { .some($0) }
            } catch {
                finished = true
                throw error
            }
        }
    }

    @usableFromInline let reader: Reader

    /// The events of `source`, which it owns from now on.
    public init(_ source: consuming Source, pollInterval: Duration = .milliseconds(100)) {
        reader = Reader(source, pollInterval: pollInterval)
    }

    @inlinable public func makeAsyncIterator() -> Iterator {
        Iterator(reader: reader)
    }

    public struct Iterator: AsyncIteratorProtocol {
        @usableFromInline let reader: Reader

        @inlinable init(reader: Reader) {
            self.reader = reader
        }

        @inlinable public mutating func next() async throws -> Source.Event? {
            while !Task.isCancelled {
                // nil: nothing waiting, or nothing came within the poll interval;
                // .some(nil): the end.
                if let result = try reader.nextWaiting() { return result }
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
