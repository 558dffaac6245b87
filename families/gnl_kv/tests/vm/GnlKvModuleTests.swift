import Glibc
import GnlKvFamily
import Netlink
import Synchronization
import Testing

/// The gnl_kv module from Swift, through the generated client. Each test has a network
/// namespace, and so a store, of its own (`clientsInFreshNamespace`).
@Suite struct GnlKvModuleTests {
    typealias Entry = GnlKv.Entry

    static func value(_ index: Int, size: Int = 1000) -> [UInt8] {
        [UInt8](repeating: UInt8(truncatingIfNeeded: index), count: size)
    }

    @Test func setGetDeleteRoundTrip() throws {
        let client = try clientsInFreshNamespace(1)[0]
        let value: [UInt8] = [0, 1, 2, 0, 255]
        let written = try #require(try client.set(.init(entry: Entry(key: "alpha", value: value, tag: ["x", "y"]))).entry)
        #expect(written.key == "alpha" && written.value == nil)
        let version = try #require(written.version)
        #expect(try client.get(.init(entry: Entry(key: "alpha"))).entry
            == Entry(key: "alpha", value: value, tag: ["x", "y"], version: version))
        try client.delete(.init(entry: Entry(key: "alpha")))
        let error = try #require(throws: NetlinkError.self) { try client.get(.init(entry: Entry(key: "alpha"))) }
        #expect(error.errno == .noSuchFileOrDirectory)
        #expect("\(error)" == "get: ENOENT (2): no entry has this KEY (bad attribute: .entry.key)")
    }

    @Test func theDumpIsInKeyOrderAndVersionsGrow() throws {
        let client = try clientsInFreshNamespace(1)[0]
        var versions: [UInt64] = []
        for key in ["m", "b", "x", "a"] {
            versions.append(try #require(try client.set(.init(entry: Entry(key: key, value: [1]))).entry?.version))
        }
        #expect(versions == versions.sorted() && Set(versions).count == 4)
        #expect(try client.dumpGetAll().compactMap(\.entry?.key) == ["a", "b", "m", "x"])
    }

    @Test func refusalsNameTheAttributeFromTheSpec() throws {
        let client = try clientsInFreshNamespace(1)[0]
        _ = try client.set(.init(entry: Entry(key: "once", value: [1])))
        let exists = try #require(throws: NetlinkError.self) {
            try client.set(.init(entry: Entry(key: "once", value: [2]), exclusive: true))
        }
        #expect(exists.errno == Errno(rawValue: EEXIST) && exists.offendingAttribute == ".exclusive")
        let tooLong = try #require(throws: NetlinkError.self) {
            try client.set(.init(entry: Entry(key: String(repeating: "k", count: GnlKv.keyMaxLen + 1), value: [1])))
        }
        #expect([Errno.invalidArgument, .resultOutOfRange].contains(tooLong.errno))
        #expect(tooLong.offendingAttribute == ".entry.key")
        let noValue = try #require(throws: NetlinkError.self) { try client.set(.init(entry: Entry(key: "k"))) }
        #expect(noValue.missingAttributeName == ".entry.value" && noValue.message == "the ENTRY needs a VALUE")
        let tooManyTags = try #require(throws: NetlinkError.self) {
            try client.set(.init(entry: Entry(key: "k", value: [], tag: Array(repeating: "t", count: GnlKv.maxTags + 1))))
        }
        #expect(tooManyTags.offendingAttribute == ".entry.tag")
    }

    @Test func namespacesDoNotShareTheirStores() throws {
        let first = try clientsInFreshNamespace(1)[0]
        let second = try clientsInFreshNamespace(1)[0]
        _ = try first.set(.init(entry: Entry(key: "same-key", value: [1])))
        _ = try second.set(.init(entry: Entry(key: "same-key", value: [2])))
        _ = try second.set(.init(entry: Entry(key: "second-only", value: [2])))
        #expect(try first.dumpGetAll().compactMap(\.entry?.key) == ["same-key"])
        #expect(try first.get(.init(entry: Entry(key: "same-key"))).entry?.value == [1])
        #expect(try second.get(.init(entry: Entry(key: "same-key"))).entry?.value == [2])
        #expect(throws: NetlinkError.self) { try first.get(.init(entry: Entry(key: "second-only"))) }
    }

    /// 100 entries of ~1 KiB dump in four datagrams: a write after the first arrives
    /// lands between two dumpit calls (the kernel builds one datagram ahead).
    @Test func aDumpAcrossAWriteIsInterruptedAndDeliveredWhole() throws {
        let clients = try clientsInFreshNamespace(2)
        let (reader, writer) = (clients[0], clients[1])
        for index in 0..<100 { _ = try writer.set(.init(entry: Entry(key: "entry-\(index + 100)", value: Self.value(index)))) }
        var seen: [String] = []
        let interrupted = try #require(throws: DumpInterruptedError<GnlKv.Kv>.self) {
            try reader.dumpGet { message in
                seen.append(message.entry?.key ?? "")
                if seen.count == 1 { _ = try writer.set(.init(entry: Entry(key: "entry-100", value: [0]))) }
            }
        }
        #expect(interrupted.messageCount == 100)
        #expect(seen == (100..<200).map { "entry-\($0)" })
        // Nothing changes now: the next dump is whole, and has the write.
        let entries = try reader.dumpGetAll().compactMap(\.entry)
        #expect(entries.count == 100 && entries[0].value == [0])
    }

    /// A writer thread counts in two entries, "a-counter" then "z-counter", every few
    /// milliseconds, with 100 entries of ~1 KiB between them in key order, while the reader
    /// dumps. Every state the store has holds a = z or a = z + 1: a dump that says
    /// otherwise ran across a write, and must have been flagged. One that was is thrown
    /// with what it collected; retried, dumps return states the store really had.
    @Test func dumpsRacingAWriterAreRetriedUntilConsistent() throws {
        let clients = try clientsInFreshNamespace(2)
        let reader = clients[0], writer = clients[1]
        for index in 0..<100 { _ = try writer.set(.init(entry: Entry(key: "m-\(index + 100)", value: Self.value(index)))) }
        let stop = StopFlag()
        nonisolated(unsafe) var writerError: Error?
        let writing = NewThread {
            do {
                var count: UInt64 = 0
                while !stop.isSet {
                    count += 1
                    for key in ["a-counter", "z-counter"] {
                        _ = try writer.set(.init(entry: Entry(key: key, value: withUnsafeBytes(of: count) { Array($0) })))
                    }
                    usleep(3000)
                }
            } catch { writerError = error }
        }
        defer { stop.set(); writing.join() }

        func counters(_ messages: [GnlKv.Kv]) -> (a: UInt64, z: UInt64)? {
            func count(_ key: String) -> UInt64? {
                messages.first { $0.entry?.key == key }?.entry?.value?.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            }
            return count("a-counter").flatMap { a in count("z-counter").map { (a, $0) } }
        }

        var interrupted: DumpInterruptedError<GnlKv.Kv>?
        for _ in 0..<500 where interrupted == nil {
            do { _ = try reader.dumpGetAll() } catch let error as DumpInterruptedError<GnlKv.Kv> { interrupted = error }
        }
        let partial = try #require(interrupted, "no dump ran across a write")
        #expect(partial.partialResults.count == partial.messageCount)
        #expect(partial.partialResults.count >= 100)

        for _ in 0..<5 {
            let snapshot = try reader.dumpGetAll(retry: .attempts(200))
            #expect(snapshot.count == 102)
            let (a, z) = try #require(counters(snapshot))
            #expect(a == z || a == z + 1, "a consistent dump: a = \(a), z = \(z)")
        }
        stop.set()
        writing.join()
        #expect(writerError == nil)
    }
}

/// A flag one thread sets and another reads.
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}

/// What a caller without CAP_NET_ADMIN may do, in the initial namespace. As root these
/// skip themselves; scripts/vm-suite.sh runs them again as uid 65534 (setpriv).
@Suite(.enabled(if: geteuid() != 0, "run as an unprivileged user by scripts/vm-suite.sh"))
struct GnlKvUnprivilegedTests {
    @Test func readsAreOpen() throws {
        let client = try GnlKvClient()
        _ = try client.dumpGetAll()
        do {
            _ = try client.get(.init(entry: .init(key: "no-such-key-for-nobody")))
        } catch let error as NetlinkError {
            #expect(error.errno == .noSuchFileOrDirectory, "the handler ran: the read was allowed")
        }
    }

    @Test func writesAreRefusedWithEPERM() throws {
        let client = try GnlKvClient()
        let set = try #require(throws: NetlinkError.self) { try client.set(.init(entry: .init(key: "k", value: [1]))) }
        #expect(set.errno == .notPermitted && set.operation == "set")
        // What a caller prints: a permission error, naming the command.
        #expect(set.description.hasPrefix("set: EPERM (1): "))
        let delete = try #require(throws: NetlinkError.self) { try client.delete(.init(entry: .init(key: "k"))) }
        #expect(delete.errno == .notPermitted && delete.operation == "delete")
        #expect(delete.description.hasPrefix("delete: EPERM (1): "))
    }
}
