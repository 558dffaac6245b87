import GenericNetlink
import Netlink
import Testing
import @Name@Family

/// The @name@ client against the real module, loaded in the VM by scripts/test.sh
/// (scripts/with-module.sh loads every family's module). Without the module, opening a
/// client throws `FamilyNotFoundError`. These check the starter handlers: change them
/// with the handlers.
@Suite struct @Name@ModuleTests {
    @Test func echoAnswersWithTheRequestsAttributes() throws {
        let client = try @Name@Client()
        let reply = try client.echo(.init(text: "hello from Swift", number: 42))
        #expect(reply.text == "hello from Swift")
        #expect(reply.number == 42)
    }

    @Test func dumpAnswersEveryMessageInOrder() throws {
        let client = try @Name@Client()
        let messages = try client.dumpEchoAll()
        #expect(messages.map(\.index) == (0..<UInt32(@Name@.dumpCount)).map { $0 })
    }

    @Test func theKernelRefusesWhatTheSpecForbids() throws {
        let client = try @Name@Client()
        let tooLong = String(repeating: "x", count: @Name@.textMaxLen + 1)
        let error = try #require(throws: NetlinkError.self) { try client.echo(.init(text: tooLong)) }
        #expect([Errno.resultOutOfRange, .invalidArgument].contains(error.errno))
        #expect(error.message != nil, "the kernel says why (extended ACK)")
    }

    @Test func theFamilyHasItsEventsGroup() throws {
        let client = try @Name@Client()
        #expect(client.base.family.multicastGroups.map(\.name) == ["events"])
    }
}
