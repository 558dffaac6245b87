import GenericNetlink
import GenericNetlinkAsync
import Netlink
import NetlinkTesting
import Synchronization
import Testing

/// Subscriptions as AsyncSequences, against a fake kernel.
@Suite struct AsyncEventsTests {
    @Test func notificationsAndOverrunsArriveInOrder() async throws {
        let table = FakeTableFamily()
        let subscription = try table.client().subscribe(
            to: ["events"], transport: table.subscriber, decode: TableChange.init)
        table.set(1, 10)
        table.subscriber.overflow()
        table.set(2, 20)
        let waits = WaitCount()
        var events: [SubscriptionEvent<TableChange>] = []
        for try await event in CountingWaits(inner: subscription, waits: waits).events(pollInterval: .milliseconds(10)) {
            events.append(event)
            if events.count == 3 { break }
        }
        #expect(events == [.notification(.set(Entry(key: 1, value: 10))), .overrun, .notification(.set(Entry(key: 2, value: 20)))])
        #expect(waits.value == 0)  // the overrun too was read in the consuming task
    }

    @Test func aQueuedBurstIsReadInTheConsumingTaskWithoutAWait() async throws {
        let table = FakeTableFamily()
        let subscription = try table.client().subscribe(
            to: ["events"], transport: table.subscriber, decode: TableChange.init)
        for key in 1...64 { table.set(UInt32(key), UInt32(key * 10)) }
        let waits = WaitCount()
        let counted = CountingWaits(inner: subscription, waits: waits)
        var received: [SubscriptionEvent<TableChange>] = []
        for try await event in counted.events(pollInterval: .milliseconds(10)) {
            received.append(event)
            if received.count == 64 { break }
        }
        #expect(received == (1...64).map { .notification(.set(Entry(key: UInt32($0), value: UInt32($0 * 10)))) })
        // Every event was waiting already: none went through the reader's queue (before,
        // each did, a thread hop each way per event).
        #expect(waits.value == 0)
    }

    @Test func aSynchronisedSubscriptionIsASequenceToo() async throws {
        let table = FakeTableFamily()
        table.set(1, 10)
        let client = try table.client()
        let subscription = try client.subscribe(to: ["events"], transport: table.subscriber, decode: TableChange.init)
        table.dumpsToInterrupt = 1
        let synchronised = SynchronisedSubscription(subscription: subscription) { try client.dumpTable() }
        var iterator = synchronised.events(pollInterval: .milliseconds(10)).makeAsyncIterator()
        guard case .snapshot(let snapshot) = try await iterator.next() else {
            Issue.record("the first event is not a snapshot")
            return
        }
        #expect(snapshot.elements == [Entry(key: 1, value: 10)])
        #expect(snapshot.interruptedDumps == 1)
    }

    @Test func cancellingTheConsumerEndsTheSequence() async throws {
        let table = FakeTableFamily()
        let subscription = try table.client().subscribe(
            to: ["events"], transport: table.subscriber, decode: TableChange.init)
        let events = subscription.events(pollInterval: .milliseconds(10))
        let consumer = Task {
            var count = 0
            for try await _ in events { count += 1 }
            return count
        }
        consumer.cancel()
        #expect(try await consumer.value == 0)
    }

    @Test func anErrorEndsTheSequence() async throws {
        let table = FakeTableFamily()
        let subscription = try table.client().subscribe(
            to: ["events"], transport: table.subscriber, decode: TableChange.init)
        table.subscriber.multicast([1, 2, 3], to: FakeTableFamily.eventsGroup.id)
        var iterator = subscription.events(pollInterval: .milliseconds(10)).makeAsyncIterator()
        await #expect(throws: MalformedMessageError.self) { try await iterator.next() }
        #expect(try await iterator.next() == nil)
    }
}

/// How often a `CountingWaits` was asked to wait.
final class WaitCount: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func increment() { count.withLock { $0 += 1 } }
}

/// `inner`, counting the calls to `next(timeout:)`: the async layer's waits on its queue.
struct CountingWaits<Inner: BlockingEventSource & ~Copyable>: BlockingEventSource, ~Copyable {
    var inner: Inner
    let waits: WaitCount

    mutating func next(timeout: Duration?) throws -> Inner.Event? {
        waits.increment()
        return try inner.next(timeout: timeout)
    }

    mutating func nextWithoutWaiting() throws -> Inner.Event? {
        try inner.nextWithoutWaiting()
    }
}
