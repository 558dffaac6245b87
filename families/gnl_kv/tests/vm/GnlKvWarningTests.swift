import GnlKvFamily
import Netlink
import Testing

/// The kernel's warnings on requests that succeeded, from Swift: gnl_kv ends the dump of
/// a full store with an `NLMSG_DONE` that carries one (an extended-ACK message with error
/// 0), which the client hands to its `warningHandler`; the dump itself succeeds.
@Suite struct GnlKvWarningTests {
    static let fullWarning = "gnl_kv: the store is full (\(GnlKv.maxEntries) entries): a new KEY will be refused"

    @Test func theDumpOfAFullStoreEndsWithAWarning() throws {
        let client = try clientsInFreshNamespace(1)[0]
        var warnings: [NetlinkWarning] = []
        client.base.warningHandler = { warnings.append($0) }
        let filled = try client.set(many: (0..<GnlKv.maxEntries).map {
            .init(entry: .init(key: "key-\(1000 + $0)", value: []))
        })
        #expect(filled.allSatisfy { (try? $0.get()) != nil })
        #expect(try client.dumpGetAll().count == GnlKv.maxEntries)
        #expect(warnings.map(\.message) == [Self.fullWarning])

        try client.delete(.init(entry: .init(key: "key-1000")))
        #expect(try client.dumpGetAll().count == GnlKv.maxEntries - 1)
        #expect(warnings.count == 1, "room again: no warning")
    }
}
