import GenericNetlink
import Glibc
import GnlKvFamily
import Netlink
import Testing

/// Dump + subscribe against the module (`SynchronisedSubscription`): the view built from
/// its snapshots and notifications ends equal to what `dumpGetAll()` says, after the
/// notifications overran a small buffer, and after the first dump was interrupted by a
/// writer; each time the snapshot says it is a resynchronisation.
@Suite struct GnlKvSynchronisedTests {
    typealias Entry = GnlKv.Entry
    typealias Synchronised = SynchronisedSubscription<GnlKv.Kv, GnlKv.Notification, NetlinkSocket>

    /// The store as the events tell it: key to entry.
    struct View: Equatable {
        var entries: [String: Entry] = [:]
        var snapshots: [Snapshot<GnlKv.Kv>] = []

        init(dump: [GnlKv.Kv] = []) {
            entries = Self.entries(dump)
        }

        static func entries(_ messages: [GnlKv.Kv]) -> [String: Entry] {
            Dictionary(messages.compactMap(\.entry).map { ($0.key ?? "", $0) }, uniquingKeysWith: { $1 })
        }

        mutating func apply(_ event: SynchronisedEvent<GnlKv.Kv, GnlKv.Notification>) {
            switch event {
            case .snapshot(let snapshot):
                snapshots.append(snapshot)
                entries = Self.entries(snapshot.elements)
            case .notification(.setNtf(let kv)):
                if let entry = kv.entry, let key = entry.key { entries[key] = entry }
            case .notification(.deleteNtf(let kv)):
                if let key = kv.entry?.key { entries[key] = nil }
            }
        }

        /// Applies every event there is without waiting (dumps included).
        mutating func follow(_ synchronised: inout Synchronised) throws {
            while let event = try synchronised.next(timeout: .zero) { apply(event) }
        }

        static func == (left: View, right: View) -> Bool { left.entries == right.entries }
    }

    @Test func itConvergesAfterAnOverrunAndSaysItResynchronised() throws {
        let (clients, subscribed) = try subscriberInFreshNamespace(clients: 2, receiveBufferSize: 4096)
        let reader = clients[0], writer = clients[1]
        for index in 0..<10 { _ = try writer.set(.init(entry: Entry(key: "before-\(index)", value: [UInt8(index)]))) }
        var synchronised = Synchronised(subscription: subscribed.take(), dump: { try reader.dumpGetAll() })
        var view = View()
        try view.follow(&synchronised)
        #expect(view.snapshots.map(\.reason) == [.initial])
        #expect(view.entries.count == 10)

        // Unread, ~1 KiB each: the buffer overruns.
        for index in 0..<20 {
            _ = try writer.set(.init(entry: Entry(key: "burst-\(index)", value: GnlKvModuleTests.value(index))))
        }
        for index in 0..<5 { try writer.delete(.init(entry: Entry(key: "before-\(index)"))) }
        try view.follow(&synchronised)
        #expect(synchronised.overruns == 1)
        let resync = try #require(view.snapshots.last)
        #expect(resync.reason == .overrun && resync.isResynchronisation)
        #expect(view == View(dump: try reader.dumpGetAll()))
        #expect(view.entries.count == 25)

        // And on, by notifications.
        _ = try writer.set(.init(entry: Entry(key: "after", value: [1])))
        try writer.delete(.init(entry: Entry(key: "burst-0")))
        try view.follow(&synchronised)
        #expect(view.snapshots.count == 2)
        #expect(view == View(dump: try reader.dumpGetAll()))
    }

    /// 100 entries of ~1 KiB dump in four datagrams. A writer thread keeps counting in two
    /// entries; and the first dump is certainly interrupted: a write lands between its
    /// datagrams. The snapshot comes from a later, whole dump, and says so.
    @Test func itConvergesAfterAnInterruptedFirstDumpWithARacingWriter() throws {
        let (clients, subscribed) = try subscriberInFreshNamespace(clients: 4)
        let reader = clients[0], racer = clients[1], interrupter = clients[2], writer = clients[3]
        for index in 0..<100 {
            _ = try writer.set(.init(entry: Entry(key: "m-\(index + 100)", value: GnlKvModuleTests.value(index))))
        }
        var dumps = 0
        var synchronised = Synchronised(subscription: subscribed.take(), retry: .attempts(200)) {
            dumps += 1
            guard dumps == 1 else { return try reader.dumpGetAll() }
            var messages: [GnlKv.Kv] = []
            try reader.dumpGet { message in
                messages.append(message)
                if messages.count == 1 { _ = try interrupter.set(.init(entry: Entry(key: "m-100", value: [0]))) }
            }
            return messages  // not reached: the dump is flagged and thrown
        }

        // Slower than the default: under TCG a whole dump of 100 entries can take longer
        // than 3 ms, and a writer faster than every dump would interrupt them all.
        let counting = CounterWriter(racer, pauseMicroseconds: 30_000)
        defer { counting.stop() }

        var view = View()
        view.apply(try #require(try synchronised.next(timeout: .zero)))
        let first = try #require(view.snapshots.first)
        #expect(first.reason == .initial)
        #expect(first.interruptedDumps >= 1 && first.isResynchronisation)
        #expect(synchronised.interruptedDumps == first.interruptedDumps)
        #expect(dumps == first.interruptedDumps + 1)
        // Notifications while the writer goes on, then the rest once it stopped.
        for _ in 0..<20 { if let event = try synchronised.next(timeout: .seconds(1)) { view.apply(event) } }
        #expect(counting.stop() == nil)
        try view.follow(&synchronised)
        #expect(view == View(dump: try reader.dumpGetAll()))
        #expect(view.entries.count == 102)
    }
}
