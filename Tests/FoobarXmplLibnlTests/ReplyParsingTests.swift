import CLibnlGenl
import CraftedMessages
import FoobarXmpl
import Netlink
import Testing

@testable import FoobarXmplLibnl

/// Reading the family's echo and dump replies as the client does (its `attrs` policy from
/// the generated schema, then `msg` and `dump-index`), on crafted messages: what the kernel
/// sends is read, anything else throws. How any reply's attributes are parsed is
/// GenericNetlinkLibnlTests' business.
@Suite struct ReplyParsingTests {
    static let message = GnlFoobarXmpl.Attrs.Attribute.msg
    static let index = GnlFoobarXmpl.Attrs.Attribute.dumpIndex

    /// Only its reply parsing is used; opened on nlctrl, which every host has.
    let client: LibnlFoobarXmplClient

    init() throws {
        client = try LibnlFoobarXmplClient(familyName: "nlctrl")
    }

    /// A reply of the family: nlmsghdr, genlmsghdr, `attributes`.
    func reply(_ attributes: [UInt8]) -> [UInt8] {
        Crafted.reply(command: GnlFoobarXmpl.Command.echoMsg, attributes)
    }

    /// The text of an echo reply, as `echo(_:)` reads it.
    func echoed(_ bytes: [UInt8]) throws -> String {
        try Crafted.withHeader(bytes, as: nlmsghdr.self) { header in
            try client.withMessage(header) { try LibnlFoobarXmplClient.text($0) }
        }
    }

    /// The text bytes of an echo reply, as `echo(_:bytes:)` lends them.
    func echoedBytes(_ bytes: [UInt8]) throws -> [UInt8] {
        try Crafted.withHeader(bytes, as: nlmsghdr.self) { header in
            try client.withMessage(header) { Array(LibnlFoobarXmplClient.textBytes($0)) }
        }
    }

    /// A dump message, as `dump(count:_:)` reads it.
    func dumped(_ bytes: [UInt8]) throws -> FoobarXmplDumpMessage {
        try Crafted.withHeader(bytes, as: nlmsghdr.self) { header in
            try client.withDumpEntry(header) { index, message in
                FoobarXmplDumpMessage(index: index, text: try LibnlFoobarXmplClient.text(message))
            }
        }
    }

    /// A dump message's index and text bytes, as `dump(count:bytes:)` lends them.
    func dumpedBytes(_ bytes: [UInt8]) throws -> (UInt32, [UInt8]) {
        try Crafted.withHeader(bytes, as: nlmsghdr.self) { header in
            try client.withDumpEntry(header) { index, message in
                (index, Array(LibnlFoobarXmplClient.textBytes(message)))
            }
        }
    }

    static let texts = [
        "", "hi", "héllo, wörld ✓ 𝄞", String(repeating: "x", count: GnlFoobarXmpl.msgMaxLen),
    ]

    @Test(arguments: texts)
    func echoReplyIsRead(text: String) throws {
        #expect(try echoed(reply(Crafted.attribute(Self.message, string: text))) == text)
    }

    @Test(arguments: texts)
    func echoReplyIsLentWithoutItsNul(text: String) throws {
        #expect(try echoedBytes(reply(Crafted.attribute(Self.message, string: text))) == Array(text.utf8))
    }

    @Test func dumpMessageIsRead() throws {
        let bytes = reply(
            Crafted.attribute(Self.index, UInt32(41))
                + Crafted.attribute(Self.message, string: "dump message 41"))
        #expect(try dumped(bytes) == FoobarXmplDumpMessage(index: 41, text: "dump message 41"))
        let (index, text) = try dumpedBytes(bytes)
        #expect(index == 41)
        #expect(text == Array("dump message 41".utf8))
    }

    @Test func echoReplyWithoutMessageIsMalformed() throws {
        #expect(throws: MalformedMessageError.self) { try echoed(reply([])) }
        #expect(throws: MalformedMessageError.self) { try echoedBytes(reply([])) }
    }

    @Test func dumpMessageWithoutIndexOrTextIsMalformed() throws {
        #expect(throws: MalformedMessageError.self) {
            try dumped(reply(Crafted.attribute(Self.message, string: "x")))
        }
        #expect(throws: MalformedMessageError.self) {
            try dumped(reply(Crafted.attribute(Self.index, UInt32(1))))
        }
    }

    @Test func indexOfTheWrongSizeIsMalformed() throws {
        // The schema says u32: the policy holds libnl to exactly 4 bytes.
        let bytes = reply(
            Crafted.attribute(Self.index, [1, 0]) + Crafted.attribute(Self.message, string: "x"))
        #expect(throws: MalformedMessageError.self) { try dumped(bytes) }
    }

    @Test func textWithoutNulOrNotUTF8IsMalformed() throws {
        #expect(throws: MalformedMessageError.self) {
            try echoed(reply(Crafted.attribute(Self.message, Array("no nul".utf8))))
        }
        #expect(throws: MalformedMessageError.self) {
            try echoed(reply(Crafted.attribute(Self.message, [0xc3, 0x28, 0])))
        }
    }

    @Test func messageRunningPastTheReplyIsMalformed() throws {
        // libnl drops an attribute that runs past nlmsg_len: the reply has no msg.
        var attribute = Crafted.attribute(Self.message, string: "hi")
        attribute.replaceSubrange(0..<2, with: Crafted.bytes(UInt16(200)))
        // Give the buffer room so only nlmsg_len, not memory, bounds the attribute.
        var bytes = reply(attribute) + [UInt8](repeating: 0x41, count: 256)
        bytes.replaceSubrange(0..<4, with: Crafted.bytes(UInt32(reply(attribute).count)))
        #expect(throws: MalformedMessageError.self) { try echoed(bytes) }
    }
}
