import CNetlink
import Glibc
import GenericNetlink
import Netlink
import NetlinkTesting
import Testing

@testable import FoobarXmpl

/// The raw client against a fake kernel that has the family.
@Suite struct RawClientTests {
    private func client(_ fake: FakeFoobarXmplKernel = FakeFoobarXmplKernel())
        throws -> (GnlFoobarXmplClient<FakeKernel>, FakeKernel)
    {
        let kernel = fake.makeKernel()
        return (try GnlFoobarXmplClient(connection: GenericNetlinkConnection(transport: kernel)), kernel)
    }

    @Test func resolvesTheFamilyWhenOpened() throws {
        let (client, _) = try client()
        #expect(client.familyID == FakeFoobarXmplKernel.familyID)
        #expect(client.base.family.name == "gnl_foobar_xmpl")
    }

    @Test func missingFamilyIsReportedWhenOpened() throws {
        let kernel = FakeKernel { request in [try FakeKernel.error(ENOENT, answering: request)] }
        #expect(throws: FamilyNotFoundError(name: "gnl_foobar_xmpl")) {
            try GnlFoobarXmplClient(connection: GenericNetlinkConnection(transport: kernel))
        }
    }

    @Test(arguments: ["x", "héllo ✓ 𝄞", String(repeating: "z", count: 4096)])
    func echoReturnsTheReply(text: String) throws {
        let (client, kernel) = try client()
        #expect(try client.echo(text) == text)
        #expect(kernel.sentDatagrams.count == 2)  // resolve, echo
    }

    @Test(arguments: ["", "x", "héllo ✓ 𝄞", String(repeating: "z", count: 4096)])
    func bytesEchoLendsTheReplyWithoutItsNul(text: String) throws {
        let (client, kernel) = try client()
        var replies: [[UInt8]] = []
        try client.echo(text, bytes: { replies.append($0.withUnsafeBytes { Array($0) }) })
        #expect(replies == [Array(text.utf8)])
        #expect(kernel.sentDatagrams.count == 2)  // resolve, echo
    }

    @Test func bytesEchoRefusesUnencodableTextBeforeSending() throws {
        let (client, kernel) = try client()
        #expect(throws: UnencodableTextError(byteCount: 3, nulOffset: 1)) {
            try client.echo("a\0b", bytes: { _ in Issue.record("no reply expected") })
        }
        #expect(kernel.sentDatagrams.count == 1)  // only the resolve
    }

    @Test func echoRequestCarriesCommandVersionAndMessage() throws {
        let (client, kernel) = try client()
        _ = try client.echo("hi")
        var messages = NetlinkMessageDecoder(kernel.sentDatagrams[1][...])
        let first = messages.next()
        let request = try GenericNetlinkMessage(decoding: try #require(first))
        #expect(request.netlinkHeader.type == FakeFoobarXmplKernel.familyID)
        #expect(request.netlinkHeader.flags == .request)
        #expect(request.header == GenericNetlinkHeader(command: 1, version: 1))
        #expect(Array(request.payload) == [7, 0, 1, 0, 104, 105, 0, 0])
    }

    @Test(arguments: [
        ("a\0b", UnencodableTextError(byteCount: 3, nulOffset: 1)),
        (String(repeating: "a", count: 65531), UnencodableTextError(byteCount: 65531)),
    ])
    func unencodableTextIsRefusedBeforeSending(text: String, expected: UnencodableTextError) throws {
        let (client, kernel) = try client()
        #expect(throws: expected) { try client.echo(text) }
        #expect(kernel.sentDatagrams.count == 1)  // only the resolve
    }

    @Test func dumpStreamsEveryMessageInOrder() throws {
        let (client, kernel) = try client(FakeFoobarXmplKernel(messagesPerDatagram: 7))
        var received: [FoobarXmplDumpMessage] = []
        try client.dump(count: 100) { received.append($0) }
        #expect(received.count == 100)
        #expect(received.map(\.index) == Array(0..<100))
        #expect(received[42].text == "dump message 42")
        #expect(kernel.receiveCount == 1 + 15)  // resolve + ceil(101 / 7)
    }

    @Test func bytesDumpLendsTheSameMessages() throws {
        let (client, kernel) = try client(FakeFoobarXmplKernel(messagesPerDatagram: 7))
        var received: [FoobarXmplDumpMessage] = []
        try client.dump(count: 100, bytes: { index, text in
            received.append(FoobarXmplDumpMessage(
                index: index, text: text.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }))
        })
        #expect(received == (0..<100).map { FoobarXmplDumpMessage(index: $0, text: "dump message \($0)") })
        #expect(kernel.receiveCount == 1 + 15)
    }

    @Test func interruptedBytesDumpIsTypedAndComplete() throws {
        let (client, _) = try client(FakeFoobarXmplKernel(interruptFrom: 4))
        var delivered = 0
        let error = try #require(throws: DumpInterruptedError<FoobarXmplDumpMessage>.self) {
            try client.dump(count: 10, bytes: { _, _ in delivered += 1 })
        }
        #expect(delivered == 10)
        #expect(error.messageCount == 10)
    }

    @Test func dumpWithoutCountSendsNoAttribute() throws {
        let (client, kernel) = try client()
        let messages = try client.dumpAll()
        #expect(messages.count == 3)
        let sent = kernel.sentDatagrams[1]
        #expect(sent.count == 16 + 4)
        let header = try #require(NetlinkMessageHeader(decoding: sent[...]))
        #expect(header.flags.contains(.dump))
    }

    @Test func interruptedDumpIsTypedAndComplete() throws {
        let (client, _) = try client(FakeFoobarXmplKernel(interruptFrom: 4))
        var delivered = 0
        let error = try #require(throws: DumpInterruptedError<FoobarXmplDumpMessage>.self) {
            try client.dump(count: 10) { _ in delivered += 1 }
        }
        #expect(delivered == 10)
        #expect(error.messageCount == 10)
        #expect(error.partialResults.isEmpty)  // streamed: the body has them
    }

    @Test func interruptedDumpAllCarriesThePartialResults() throws {
        let (client, _) = try client(FakeFoobarXmplKernel(interruptFrom: 1))
        let error = try #require(throws: DumpInterruptedError<FoobarXmplDumpMessage>.self) {
            try client.dumpAll(count: 5)
        }
        #expect(error.partialResults.map(\.index) == [0, 1, 2, 3, 4])
    }

    @Test func replyWithErrorThrowsTheKernelsError() throws {
        let (client, _) = try client()
        let error = try #require(throws: NetlinkError.self) { try client.replyWithError() }
        #expect(error.errno == .invalidArgument)
        #expect(error.message == GnlFoobarXmpl.replyErrMsg)
        #expect(error.operation == "reply-with-nlmsg-err")
        #expect(
            error.description
                == "reply-with-nlmsg-err: EINVAL (22): gnl_foobar_xmpl: REPLY_WITH_NLMSG_ERR always fails, as requested")
    }

    @Test func usingTheClientFromItsOwnDumpClosureTraps() async {
        await #expect(processExitsWith: .failure) {
            let kernel = FakeFoobarXmplKernel().makeKernel()
            let client = try GnlFoobarXmplClient(connection: GenericNetlinkConnection(transport: kernel))
            try client.dump(count: 1) { _ in _ = try? client.echo("again") }
        }
    }

    @Test(arguments: [GnlFoobarXmpl.Attrs.Attribute.msg, GnlFoobarXmpl.Attrs.Attribute.dumpIndex])
    func replyWithoutAnAttributeTheFamilyAlwaysSendsIsMalformed(omitting: UInt16) throws {
        let (client, _) = try client(FakeFoobarXmplKernel(omitting: omitting))
        if omitting == GnlFoobarXmpl.Attrs.Attribute.msg {
            #expect(throws: MalformedMessageError.self) { try client.echo("x") }
            #expect(throws: MalformedMessageError.self) { try client.echo("x", bytes: { _ in Issue.record("no text") }) }
        }
        #expect(throws: MalformedMessageError.self) { try client.dump(count: 2) { _ in } }
        #expect(throws: MalformedMessageError.self) { try client.dump(count: 2, bytes: { _, _ in }) }
        #expect(try client.dumpEchoMsgAll(.init(dumpCount: 2)).count == 2)  // the generated API has optionals
    }

    @Test func clientIsUsableAfterAnError() throws {
        let (client, _) = try client()
        #expect(throws: NetlinkError.self) { try client.replyWithError() }
        #expect(try client.echo("still here") == "still here")
    }
}

/// The family's generated decoders, on crafted replies.
@Suite struct GeneratedDecodingTests {
    private func message(_ write: (inout MessageEncoder) throws -> Void) throws -> GenericNetlinkMessage {
        var encoder = MessageEncoder(type: 0x22, flags: [], sequence: 1, portID: 1)
        encoder.append(GenericNetlinkHeader(command: 1, version: 1))
        try write(&encoder)
        var decoder = NetlinkMessageDecoder(encoder.finish()[...])
        let netlink = decoder.next()
        return try GenericNetlinkMessage(decoding: try #require(netlink))
    }

    /// Dump message layouts, and what they hold: "index text" or nil for an error.
    static let dumpLayouts: [(name: String, holds: String?, write: @Sendable (inout MessageEncoder) throws -> Void)] = [
        ("the kernel's", "41 dump message 41", { e in
            e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpIndex, UInt32(41))
            try e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.msg, string: "dump message 41")
        }),
        ("an empty text", "0 ", { e in
            e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpIndex, UInt32(0))
            try e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.msg, bytes: [])
        }),
        ("a big-endian index", "41 x", { e in
            e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpIndex | UInt16(NLA_F_NET_BYTEORDER), UInt32(41).bigEndian)
            try e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.msg, string: "x")
        }),
        ("the other order", "41 dump message 41", { e in
            try e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.msg, string: "dump message 41")
            e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpIndex, UInt32(41))
        }),
        ("an attribute in between", "41 x", { e in
            e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpIndex, UInt32(41))
            e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpIndex + 1, UInt32(7))
            try e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.msg, string: "x")
        }),
        ("an attribute after", "42 x", { e in
            e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpIndex, UInt32(41))
            try e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.msg, string: "x")
            e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpIndex, UInt32(42))
        }),
        ("a 16-bit index", nil, { e in
            e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpIndex, UInt16(41))
            e.appendAttribute(0, UInt16(0))  // keeps MSG at offset 8
            try e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.msg, string: "x")
        }),
        ("no text", "41 -", { e in
            e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpIndex, UInt32(41))
            e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpIndex + 1, UInt32(7))
        }),
        ("a truncated attribute", nil, { e in
            e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpIndex, UInt32(41))
            e.append(UInt16(200))  // an nla_len past the end
            e.append(GnlFoobarXmpl.Attrs.Attribute.msg)
        }),
    ]

    /// What a decoder makes of a dump message: "index text", "-" for what is missing.
    private static func outcome(_ attributes: RawSpan, _ decode: (RawSpan) throws -> GnlFoobarXmpl.Attrs.Borrowed) -> String? {
        guard let message = try? decode(attributes) else { return nil }
        let text = message.msg.map { attributes.extracting($0).withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }
        return "\(message.dumpIndex.map(String.init) ?? "-") \(text ?? "-")"
    }

    /// The generated decoder reads the layout the spec lists at fixed offsets and walks any
    /// other; both must agree with the copying decoder on every layout.
    @Test(arguments: 0..<dumpLayouts.count)
    func dumpLayoutsDecodeAlikeEveryWay(layout: Int) throws {
        let (name, holds, write) = Self.dumpLayouts[layout]
        let attributes = try message(write).payload
        let bytes = attributes.span.bytes
        #expect(Self.outcome(bytes) { try .init(echoMsgDumpReply: $0) } == holds, "\(name)")
        #expect(Self.outcome(bytes) { try .init(attributes: $0) } == holds, "\(name)")
        let copied = try? GnlFoobarXmpl.Attrs(attributes: bytes)
        #expect(copied.map { "\($0.dumpIndex.map(String.init) ?? "-") \($0.msg ?? "-")" } == holds, "\(name)")
    }

    @Test func layoutWithoutTheLastPaddingIsRead() throws {
        let bytes = try message { e in
            e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpIndex, UInt32(5))
            try e.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.msg, string: "seven")
        }.payload.dropLast(2)  // "seven\0" is 6 bytes, padded to 8: the kernel may leave the padding off the last
        #expect(Self.outcome(bytes.span.bytes) { try .init(echoMsgDumpReply: $0) } == "5 seven")
        #expect(Self.outcome(bytes.span.bytes) { try .init(attributes: $0) } == "5 seven")
    }

    @Test func textIsReadUpToItsFirstNul() throws {
        // A payload with bytes after its NUL (as a longer, padded payload would carry).
        let reply = try message { try $0.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.msg, bytes: Array("ab\0cd\0".utf8)) }
        let bytes = reply.payload.span.bytes
        let borrowed = try GnlFoobarXmpl.Attrs.Borrowed(echoMsgReply: bytes)
        #expect(bytes.extracting(try #require(borrowed.msg)).withUnsafeBytes { Array($0) } == Array("ab".utf8))
        #expect(try GnlFoobarXmpl.Attrs(attributes: bytes).msg == "ab")
    }

    @Test func constantsComeFromTheHeader() {
        #expect(GnlFoobarXmpl.familyName == "gnl_foobar_xmpl")
        #expect(GnlFoobarXmpl.msgMaxLen == 4096)
        #expect(GnlFoobarXmpl.Command.echoMsg == 1)
        #expect(GnlFoobarXmpl.Command.replyWithNlmsgErr == 2)
        #expect(GnlFoobarXmpl.Attrs.Attribute.msg == 1)
        #expect(GnlFoobarXmpl.Attrs.Attribute.dumpCount == 2)
        #expect(GnlFoobarXmpl.Attrs.Attribute.dumpIndex == 3)
        #expect(Errno(rawValue: CInt(GnlFoobarXmpl.replyErrno)) == .invalidArgument)
    }
}
