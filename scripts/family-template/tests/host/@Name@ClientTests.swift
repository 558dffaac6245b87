import GenericNetlink
import Netlink
import NetlinkTesting
import Testing
import @Name@Family

/// The @name@ client against a fake kernel (NetlinkTesting's `FakeKernel`): what it
/// sends and how it reads the answers, on any machine, without the module. The fake
/// answers as the module's starter handlers do; change both with the spec.
@Suite struct @Name@ClientTests {
    static let family = GenericNetlinkFamily(
        name: @Name@.familyName, id: 0x30, version: UInt32(@Name@.familyVersion),
        multicastGroups: [.init(name: "events", id: 0x40)])

    /// Every request sent, and a client over a kernel that answers echo with the
    /// request's attributes and the echo dump with `dumpCount` messages.
    final class Kernel {
        var requests: [GenericNetlinkMessage] = []

        func makeClient() throws -> @Name@Client<FakeKernel> {
            let kernel = FakeKernel.serving(@Name@ClientTests.family) { message, request in
                self.requests.append(message)
                guard request.header.flags.contains(.dump) else {
                    return [FakeKernel.reply(to: request, command: message.header.command) { encoder in
                        for byte in message.payload { encoder.append(byte) }
                    }]
                }
                var messages = (0..<UInt32(@Name@.dumpCount)).map { index in
                    FakeKernel.reply(to: request, command: message.header.command, flags: .multipart) {
                        $0.appendAttribute(@Name@.Attrs.Attribute.index, index)
                    }
                }
                messages.append(try FakeKernel.done(answering: request))
                return [FakeKernel.datagram(messages)]
            }
            return try @Name@Client(connection: GenericNetlinkConnection(transport: kernel))
        }
    }

    @Test func resolvesTheFamily() throws {
        let client = try Kernel().makeClient()
        #expect(client.base.familyID == Self.family.id)
        #expect(client.base.family.multicastGroups.map(\.name) == ["events"])
    }

    @Test func echoSendsItsAttributesAndReadsTheReply() throws {
        let kernel = Kernel()
        let client = try kernel.makeClient()
        let reply = try client.echo(.init(text: "hello", number: 7))
        #expect(reply.text == "hello")
        #expect(reply.number == 7)
        let request = try #require(kernel.requests.last)
        #expect(request.header.command == @Name@.Command.echo)
        #expect(request.header.version == @Name@.familyVersion)
    }

    @Test func dumpCollectsEveryMessage() throws {
        let client = try Kernel().makeClient()
        let messages = try client.dumpEchoAll()
        #expect(messages.map(\.index) == (0..<UInt32(@Name@.dumpCount)).map { $0 })
    }
}
