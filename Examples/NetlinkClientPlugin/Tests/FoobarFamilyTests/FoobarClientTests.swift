import FoobarFamily
import GenericNetlink
import Glibc
import Netlink
import NetlinkTesting
import Testing

/// The generated client against a fake kernel that has the family: no module needed.
@Suite struct FoobarClientTests {
    /// Answers nlctrl's look-up of the family, then echoes ECHO_MSG's attributes back.
    static func kernel() -> FakeKernel {
        FakeKernel { request in
            let message = try GenericNetlinkMessage(decoding: request)
            if request.header.type == Controller.familyID {
                let family = GenericNetlinkFamily(name: Foobar.familyName, id: 0x20, version: 1)
                return [try FakeKernel.reply(to: request) { encoder in
                    encoder.append(GenericNetlinkHeader(command: 1, version: 2))  // CTRL_CMD_NEWFAMILY
                    try family.appendAttributes(to: &encoder)
                }]
            }
            #expect(message.header.command == Foobar.Command.echoMsg)
            let echoed = try Foobar.Attrs(attributes: message.payload.span.bytes)
            return [try FakeKernel.reply(to: request) { encoder in
                encoder.append(GenericNetlinkHeader(command: Foobar.Command.echoMsg, version: 1))
                try echoed.encode(to: &encoder)
            }]
        }
    }

    @Test func echoSendsTheTextAndReadsTheReply() throws {
        let client = try FoobarClient(connection: GenericNetlinkConnection(transport: Self.kernel()))
        #expect(try client.echo("hello") == "hello")
    }

    @Test func withoutTheFamilyTheClientIsNotMade() {
        // nlctrl answers ENOENT for a family no module registered.
        let kernel = FakeKernel { request in [try FakeKernel.error(ENOENT, answering: request)] }
        #expect(throws: FamilyNotFoundError(name: "gnl_foobar_xmpl")) {
            try FoobarClient(connection: GenericNetlinkConnection(transport: kernel))
        }
    }
}
