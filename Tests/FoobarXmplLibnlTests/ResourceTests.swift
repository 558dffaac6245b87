import CLibnlGenl
import FoobarXmpl
import GenericNetlink
import Netlink
import Testing

@testable import FoobarXmplLibnl

/// Every libnl object (nl_sock, nl_cb, nl_msg) is freed exactly once: a double free
/// aborts in glibc, and a leak shows as heap growth over thousands of round trips.
@Suite struct ResourceTests {
    static func heapInUse() -> Int {
        Int(clibnl_heap_in_use())
    }

    /// One of each path: open and close, replies, errors, refusals before sending,
    /// a dump abandoned by its body.
    static func everyPath() throws {
        struct Enough: Error {}
        #expect(throws: FamilyNotFoundError.self) { try LibnlFoobarXmplClient() }
        let client = try LibnlFoobarXmplClient(familyName: "nlctrl")
        #expect(throws: NetlinkError.self) { try client.echo("hello") }
        #expect(throws: NetlinkError.self) { try client.dump(count: 10, text: "x") { _ in } }
        #expect(throws: NetlinkError.self) { try client.replyWithError() }
        #expect(throws: UnencodableTextError.self) { try client.echo("a\0b") }
        #expect(throws: Enough.self) {
            try client.exchange(
                command: 3, version: 1, dump: true, attributeSpace: 0, { _ in 0 },
                each: { _ in throw Enough() })
        }
    }

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
}
