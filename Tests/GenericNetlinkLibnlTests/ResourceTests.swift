import CLibnlGenl
import GenericNetlink
import Netlink
import Testing

@testable import GenericNetlinkLibnl

/// Every libnl object (nl_sock, nl_cb, nl_msg) is freed exactly once: a double free
/// aborts in glibc, and a leak shows as heap growth over thousands of round trips.
@Suite struct ResourceTests {
    static func heapInUse() -> Int {
        Int(clibnl_heap_in_use())
    }

    /// One of each path: open and close, a family not found, replies, a dump read to its
    /// end and one abandoned by its body, the kernel's refusals, a request refused before
    /// it was sent, the resolver.
    static func everyPath() throws {
        struct Enough: Error {}
        #expect(throws: FamilyNotFoundError.self) {
            try LibnlGenericClient(familyName: "no_such_fam", version: 1, schema: Nlctrl.schema)
        }
        let client = try Nlctrl.client()
        _ = try client.getFamily(named: Nlctrl.name)
        _ = try client.familyNames()
        #expect(throws: Enough.self) { try client.familyNames { _ in throw Enough() } }
        #expect(throws: NetlinkError.self) { try client.newFamily() }
        #expect(throws: NetlinkError.self) { try client.newFamily(dump: true) }
        #expect(throws: LibnlError.self) {
            try client.exchange(
                command: UInt8(CTRL_CMD_GETFAMILY), operation: "getfamily", set: Nlctrl.set,
                attributeSpace: 0, { _ in -NLE_NOMEM }, each: { _ in })
        }
        _ = try LibnlFamilyResolver().familyID(named: Nlctrl.name)
    }

    /// Run alone (scripts/test.sh does): it reads the whole process's heap.
    @Test(.enabled(if: clibnl_heap_in_use() > 0, "needs glibc's mallinfo2"))
    func noLibnlObjectLeaks() throws {
        for _ in 0..<200 { try Self.everyPath() }  // warm up caches and lazy state
        let before = Self.heapInUse()
        let rounds = 3000
        for _ in 0..<rounds { try Self.everyPath() }
        let growth = Self.heapInUse() - before
        // One leaked nl_sock, nl_cb or nl_msg per round would be 100 KiB and more.
        #expect(growth < 64 * 1024, "heap grew by \(growth) bytes over \(rounds) rounds")
    }

    @Test func manyClientsOpenAndCloseCleanly() throws {
        // Each client owns a socket and a callback set; deinit frees both.
        for _ in 0..<200 {
            let client = try Nlctrl.client()
            #expect(client.familyID == Controller.familyID)
        }
        for _ in 0..<50 {
            #expect(throws: FamilyNotFoundError.self) {
                try LibnlGenericClient(familyName: "no_such_fam", version: 1, schema: Nlctrl.schema)
            }
        }
    }
}
