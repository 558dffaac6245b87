import GenericNetlink
import Netlink
import Testing
import GnlKvFamily

/// The gnl_kv client against the real module, loaded in the VM by scripts/test.sh
/// (scripts/with-module.sh loads every family's module). Without the module, opening a
/// client throws `FamilyNotFoundError`. These check the starter handlers: change them
/// with the handlers.
@Suite struct GnlKvModuleTests {
    @Test func echoAnswersWithTheRequestsAttributes() throws {
        let client = try GnlKvClient()
        let reply = try client.echo(.init(text: "hello from Swift", number: 42))
        #expect(reply.text == "hello from Swift")
        #expect(reply.number == 42)
    }

    @Test func dumpAnswersEveryMessageInOrder() throws {
        let client = try GnlKvClient()
        let messages = try client.dumpEchoAll()
        #expect(messages.map(\.index) == (0..<UInt32(GnlKv.dumpCount)).map { $0 })
    }

    @Test func theKernelRefusesWhatTheSpecForbids() throws {
        let client = try GnlKvClient()
        let tooLong = String(repeating: "x", count: GnlKv.textMaxLen + 1)
        let error = try #require(throws: NetlinkError.self) { try client.echo(.init(text: tooLong)) }
        #expect([Errno.resultOutOfRange, .invalidArgument].contains(error.errno))
        #expect(error.message != nil, "the kernel says why (extended ACK)")
    }

    @Test func theFamilyHasItsEventsGroup() throws {
        let client = try GnlKvClient()
        #expect(client.base.family.multicastGroups.map(\.name) == ["events"])
    }
}
