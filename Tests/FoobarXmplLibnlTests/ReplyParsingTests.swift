import CLibnlGenl
import FoobarXmpl
import Netlink
import Testing

@testable import FoobarXmplLibnl

/// Reading the family's replies with genlmsg_parse and the client's policy, on crafted
/// messages: what the kernel sends is read, anything else throws.
@Suite struct ReplyParsingTests {
    static let message = FoobarXmplFamily.Attribute.message
    static let index = FoobarXmplFamily.Attribute.dumpIndex

    /// A reply of the family: nlmsghdr, genlmsghdr, `attributes`.
    func reply(_ attributes: [UInt8]) -> [UInt8] {
        Crafted.message(
            type: 0x20, flags: [.multipart],
            payload: [FoobarXmplFamily.Command.echo, 1, 0, 0] + attributes)
    }

    func withHeader<Result>(
        _ bytes: [UInt8], _ body: (UnsafeMutablePointer<nlmsghdr>) throws -> Result
    ) rethrows -> Result {
        var bytes = bytes
        return try bytes.withUnsafeMutableBytes {
            try body($0.baseAddress!.assumingMemoryBound(to: nlmsghdr.self))
        }
    }

    func echoed(_ bytes: [UInt8]) throws -> String {
        try withHeader(bytes) { try LibnlFoobarXmplClient.echoedText(in: $0) }
    }

    func echoedBytes(_ bytes: [UInt8]) throws -> [[UInt8]] {
        var lent: [[UInt8]] = []
        try withHeader(bytes) { header in
            try LibnlFoobarXmplClient.withEchoedText(in: header) { lent.append($0.withUnsafeBytes { Array($0) }) }
        }
        return lent
    }

    func dumped(_ bytes: [UInt8]) throws -> FoobarXmplDumpMessage {
        try withHeader(bytes) { try LibnlFoobarXmplClient.dumpMessage(in: $0) }
    }

    @Test(arguments: ["", "hi", "héllo, wörld ✓ 𝄞", String(repeating: "x", count: 4096)])
    func echoReplyIsRead(text: String) throws {
        #expect(try echoed(reply(Crafted.attribute(Self.message, string: text))) == text)
    }

    @Test func dumpMessageIsRead() throws {
        let bytes = reply(
            Crafted.attribute(Self.index, UInt32(41))
                + Crafted.attribute(Self.message, string: "dump message 41"))
        #expect(try dumped(bytes) == FoobarXmplDumpMessage(index: 41, text: "dump message 41"))
    }

    @Test func unknownAttributesAreSkipped() throws {
        let bytes = reply(
            Crafted.attribute(Self.message, string: "hi")
                + Crafted.attribute(FoobarXmplFamily.Attribute.maximum + 1, UInt32(0)))
        #expect(try echoed(bytes) == "hi")
    }

    @Test(arguments: ["", "hi", "héllo, wörld ✓ 𝄞"])
    func echoReplyIsLentWithoutItsNul(text: String) throws {
        #expect(try echoedBytes(reply(Crafted.attribute(Self.message, string: text))) == [Array(text.utf8)])
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

    @Test func attributeRunningPastTheMessageIsMalformed() throws {
        var attribute = Crafted.attribute(Self.message, string: "hi")
        attribute.replaceSubrange(0..<2, with: Crafted.bytes(UInt16(200)))
        // Give the buffer room so only nlmsg_len, not memory, bounds the attribute.
        let bytes = reply(attribute) + [UInt8](repeating: 0x41, count: 256)
        var header = bytes
        header.replaceSubrange(0..<4, with: Crafted.bytes(UInt32(reply(attribute).count)))
        #expect(throws: MalformedMessageError.self) { try echoed(header) }
    }

    @Test func messageShorterThanTheGenericNetlinkHeaderIsMalformed() throws {
        let bytes = Crafted.message(type: 0x20, payload: [1, 1])
        #expect(throws: MalformedMessageError.self) { try echoed(bytes + [0, 0]) }
    }
}
