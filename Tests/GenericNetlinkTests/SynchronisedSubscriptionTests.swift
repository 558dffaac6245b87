import GenericNetlink
import Netlink
import NetlinkTesting
import Testing

/// Dump + subscribe against a fake kernel whose table changes: the caller's view, built
/// only from the events, must end equal to the kernel's table whatever was lost.
@Suite struct SynchronisedSubscriptionTests {
    typealias Synchronised = SynchronisedSubscription<Entry, TableChange, FakeKernel>

    func synchronise(_ table: FakeTableFamily, retry: DumpRetryPolicy = .attempts(10)) throws -> Synchronised {
        let client = try table.client()
        let subscription = try client.subscribe(
            to: ["events"], transport: table.subscriber, decode: TableChange.init)
        return SynchronisedSubscription(subscription: subscription, retry: retry) { try client.dumpTable() }
    }

    /// The caller's side: a view of the table and the snapshots seen.
    struct View {
        var rows: [UInt32: UInt32] = [:]
        var snapshots: [Snapshot<Entry>] = []

        /// Applies every event until none is left.
        mutating func follow(_ synchronised: inout Synchronised) throws {
            while let event = try synchronised.next(timeout: .zero) {
                switch event {
                case .snapshot(let snapshot):
                    snapshots.append(snapshot)
                    rows = Dictionary(uniqueKeysWithValues: snapshot.elements.map { ($0.key, $0.value) })
                case .notification(.set(let entry)):
                    rows[entry.key] = entry.value
                case .notification(.deleted(let key)):
                    rows[key] = nil
                }
            }
        }
    }

    @Test func aSnapshotFirstThenTheChanges() throws {
        let table = FakeTableFamily()
        table.set(1, 10)
        table.set(2, 20)
        var synchronised = try synchronise(table)
        let first = try #require(try synchronised.next())
        #expect(first == .snapshot(Snapshot(elements: [Entry(key: 1, value: 10), Entry(key: 2, value: 20)], reason: .initial)))
        table.set(3, 30)
        table.delete(1)
        #expect(try synchronised.next() == .notification(.set(Entry(key: 3, value: 30))))
        #expect(try synchronised.next() == .notification(.deleted(key: 1)))
        #expect(try synchronised.next(timeout: .zero) == nil)
    }

    /// Announcements received before a dump describe what the dump shows: dropped.
    @Test func notificationsBeforeTheDumpAreLeftToIt() throws {
        let table = FakeTableFamily()
        var synchronised = try synchronise(table)
        table.set(1, 10)
        table.delete(1)
        table.set(2, 20)
        var view = View()
        try view.follow(&synchronised)
        #expect(view.snapshots.map(\.elements) == [[Entry(key: 2, value: 20)]])
        #expect(view.rows == table.entries)
    }

    /// A change the dump did not show arrives after the snapshot: the view converges.
    @Test func aChangeRacingTheDumpFollowsTheSnapshot() throws {
        let table = FakeTableFamily()
        table.set(1, 10)
        table.afterDump = {
            table.afterDump = nil
            table.set(1, 11)
            table.set(2, 20)
        }
        var synchronised = try synchronise(table)
        var view = View()
        try view.follow(&synchronised)
        #expect(view.snapshots.map(\.elements) == [[Entry(key: 1, value: 10)]])
        #expect(view.rows == table.entries)
    }

    @Test func anInterruptedDumpIsIssuedAgainAndSaysSo() throws {
        let table = FakeTableFamily()
        table.set(1, 10)
        table.dumpsToInterrupt = 2
        var synchronised = try synchronise(table)
        var view = View()
        try view.follow(&synchronised)
        let snapshot = try #require(view.snapshots.first)
        #expect(view.snapshots.count == 1)
        #expect(snapshot.reason == .initial)
        #expect(snapshot.interruptedDumps == 2)
        #expect(snapshot.isResynchronisation)
        #expect(synchronised.interruptedDumps == 2)
        #expect(table.dumpCount == 3)
        #expect(view.rows == table.entries)
    }

    @Test func aDumpThatStaysInterruptedIsThrownAndTriedAgainByTheNextCall() throws {
        let table = FakeTableFamily()
        table.set(1, 10)
        table.dumpsToInterrupt = 3
        var synchronised = try synchronise(table, retry: .attempts(3))
        #expect(throws: DumpInterruptedError<Entry>.self) { try synchronised.next() }
        #expect(try synchronised.next() == .snapshot(Snapshot(elements: [Entry(key: 1, value: 10)], reason: .initial)))
    }

    /// Announcements lost in an overrun: the view is stale until the new dump, then equal
    /// to the kernel's table again; what was queued before the overrun is not replayed.
    @Test func anOverrunDumpsAgainAndTheViewConverges() throws {
        let table = FakeTableFamily()
        table.set(1, 10)
        table.set(2, 20)
        var synchronised = try synchronise(table)
        var view = View()
        try view.follow(&synchronised)
        table.set(3, 30)                    // queued before the overflow
        table.subscriber.overflow()
        table.delete(3, announce: false)    // lost in the overrun
        table.set(1, 11, announce: false)
        table.delete(2, announce: false)
        try view.follow(&synchronised)
        #expect(view.snapshots.map(\.reason) == [.initial, .overrun])
        #expect(view.snapshots.last?.elements == [Entry(key: 1, value: 11)])
        #expect(synchronised.overruns == 1)
        #expect(view.rows == table.entries)
        table.set(4, 40)                    // and the changes go on
        try view.follow(&synchronised)
        #expect(view.rows == table.entries)
    }

    /// What the async layer reads in the consuming task: notifications only; a snapshot,
    /// first or after an overrun, is left to `next(timeout:)` (a dump blocks).
    @Test func withoutWaitingOnlyNotificationsAreHandedOut() throws {
        let table = FakeTableFamily()
        table.set(1, 10)
        var synchronised = try synchronise(table)
        #expect(try synchronised.nextWithoutWaiting() == nil)
        #expect(try synchronised.next() == .snapshot(Snapshot(elements: [Entry(key: 1, value: 10)], reason: .initial)))
        table.set(2, 20)
        #expect(try synchronised.nextWithoutWaiting() == .notification(.set(Entry(key: 2, value: 20))))
        #expect(try synchronised.nextWithoutWaiting() == nil)
        table.subscriber.overflow()
        #expect(try synchronised.nextWithoutWaiting() == nil)
        #expect(synchronised.overruns == 1)
        #expect(table.dumpCount == 1)
        guard case .snapshot(let snapshot) = try synchronised.next() else {
            Issue.record("an overrun seen without waiting is not followed by a snapshot")
            return
        }
        #expect(snapshot.reason == .overrun)
        #expect(snapshot.elements == [Entry(key: 1, value: 10), Entry(key: 2, value: 20)])
    }

    @Test func anOverrunWhoseDumpIsInterruptedStillConverges() throws {
        let table = FakeTableFamily()
        var synchronised = try synchronise(table)
        var view = View()
        try view.follow(&synchronised)
        table.subscriber.overflow()
        table.set(1, 10, announce: false)
        table.dumpsToInterrupt = 1
        try view.follow(&synchronised)
        #expect(view.snapshots.last?.reason == .overrun)
        #expect(view.snapshots.last?.interruptedDumps == 1)
        #expect(view.rows == table.entries)
    }

    @Test func resynchroniseDumpsAgainOnRequest() throws {
        let table = FakeTableFamily()
        var synchronised = try synchronise(table)
        var view = View()
        try view.follow(&synchronised)
        table.set(1, 10, announce: false)
        synchronised.resynchronise()
        try view.follow(&synchronised)
        #expect(view.snapshots.map(\.reason) == [.initial, .requested])
        #expect(view.rows == table.entries)
    }
}
