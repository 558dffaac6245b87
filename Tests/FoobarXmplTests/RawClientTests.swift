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
        throws -> (RawFoobarXmplClient<FakeKernel>, FakeKernel)
    {
        let kernel = fake.makeKernel()
        return (try RawFoobarXmplClient(connection: GenericNetlinkConnection(transport: kernel)), kernel)
    }

    @Test func resolvesTheFamilyWhenOpened() throws {
        let (client, _) = try client()
        #expect(client.familyID == FakeFoobarXmplKernel.familyID)
        #expect(client.family.name == "gnl_foobar_xmpl")
    }

    @Test func missingFamilyIsReportedWhenOpened() throws {
        let kernel = FakeKernel { request in [try FakeKernel.error(ENOENT, answering: request)] }
        #expect(throws: FamilyNotFoundError(name: "gnl_foobar_xmpl")) {
            try RawFoobarXmplClient(connection: GenericNetlinkConnection(transport: kernel))
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
        #expect(error.message == FoobarXmplFamily.replyErrorMessage)
        #expect(
            error.description
                == "EINVAL (22): gnl_foobar_xmpl: REPLY_WITH_NLMSG_ERR always fails, as requested")
    }

    @Test func usingTheClientFromItsOwnDumpClosureTraps() async {
        await #expect(processExitsWith: .failure) {
            let kernel = FakeFoobarXmplKernel().makeKernel()
            let client = try RawFoobarXmplClient(connection: GenericNetlinkConnection(transport: kernel))
            try client.dump(count: 1) { _ in _ = try? client.echo("again") }
        }
    }

    @Test func clientIsUsableAfterAnError() throws {
        let (client, _) = try client()
        #expect(throws: NetlinkError.self) { try client.replyWithError() }
        #expect(try client.echo("still here") == "still here")
    }
}

@Suite struct FoobarXmplMessageTests {
    private func message(_ write: (inout MessageEncoder) throws -> Void) throws -> GenericNetlinkMessage {
        var encoder = MessageEncoder(type: 0x22, flags: [], sequence: 1, portID: 1)
        encoder.append(GenericNetlinkHeader(command: 1, version: 1))
        try write(&encoder)
        var decoder = NetlinkMessageDecoder(encoder.finish()[...])
        let netlink = decoder.next()
        return try GenericNetlinkMessage(decoding: try #require(netlink))
    }

    /// Dump message layouts: whether each is the kernel's (read in place) and its bytes.
    static let dumpLayouts: [(name: String, kernelLayout: Bool, write: @Sendable (inout MessageEncoder) throws -> Void)] = [
        ("the kernel's", true, { e in
            e.appendAttribute(FoobarXmplFamily.Attribute.dumpIndex, UInt32(41))
            try e.appendAttribute(FoobarXmplFamily.Attribute.message, string: "dump message 41")
        }),
        ("an empty text", true, { e in
            e.appendAttribute(FoobarXmplFamily.Attribute.dumpIndex, UInt32(0))
            try e.appendAttribute(FoobarXmplFamily.Attribute.message, bytes: [])
        }),
        ("a big-endian index", true, { e in
            e.appendAttribute(FoobarXmplFamily.Attribute.dumpIndex | UInt16(NLA_F_NET_BYTEORDER), UInt32(41).bigEndian)
            try e.appendAttribute(FoobarXmplFamily.Attribute.message, string: "x")
        }),
        ("the other order", false, { e in
            try e.appendAttribute(FoobarXmplFamily.Attribute.message, string: "dump message 41")
            e.appendAttribute(FoobarXmplFamily.Attribute.dumpIndex, UInt32(41))
        }),
        ("an attribute in between", false, { e in
            e.appendAttribute(FoobarXmplFamily.Attribute.dumpIndex, UInt32(41))
            e.appendAttribute(FoobarXmplFamily.Attribute.maximum + 1, UInt32(7))
            try e.appendAttribute(FoobarXmplFamily.Attribute.message, string: "x")
        }),
        ("an attribute after", false, { e in
            e.appendAttribute(FoobarXmplFamily.Attribute.dumpIndex, UInt32(41))
            try e.appendAttribute(FoobarXmplFamily.Attribute.message, string: "x")
            e.appendAttribute(FoobarXmplFamily.Attribute.dumpIndex, UInt32(42))
        }),
        ("a 16-bit index", false, { e in
            e.appendAttribute(FoobarXmplFamily.Attribute.dumpIndex, UInt16(41))
            e.appendAttribute(0, UInt16(0))  // keeps MSG at offset 8
            try e.appendAttribute(FoobarXmplFamily.Attribute.message, string: "x")
        }),
        ("no text", false, { e in
            e.appendAttribute(FoobarXmplFamily.Attribute.dumpIndex, UInt32(41))
            e.appendAttribute(FoobarXmplFamily.Attribute.maximum + 1, UInt32(7))
        }),
    ]

    @Test(arguments: 0..<dumpLayouts.count)
    func dumpAttributesAreReadInPlaceOnlyInTheKernelsLayoutAndAlikeEitherWay(layout: Int) throws {
        let (name, kernelLayout, write) = Self.dumpLayouts[layout]
        let attributes = try message(write).payload
        /// What `read` makes of the attributes: "index range", or the error thrown.
        func outcome(_ read: (RawSpan) throws -> (UInt32, Range<Int>)?) -> String {
            do {
                guard let (index, text) = try read(attributes.span.bytes) else { return "nil" }
                return "\(index) \(text)"
            } catch {
                return "\(error)"
            }
        }
        let walked = outcome { try FoobarXmplMessages.walkDumpAttributes(in: $0) }
        let inPlace = outcome { FoobarXmplMessages.dumpAttributesInKernelLayout(in: $0) }
        #expect((inPlace != "nil") == kernelLayout, "\(name)")
        if kernelLayout {
            #expect(inPlace == walked, "\(name)")
        }
        // Either way dumpAttributes answers as the walk does.
        #expect(outcome { try FoobarXmplMessages.dumpAttributes(in: $0) } == walked, "\(name)")
    }

    @Test func kernelLayoutWithoutTheLastPaddingIsReadInPlace() throws {
        let padded = try message(Self.dumpLayouts[0].write).payload  // MSG "dump message 41\0": 16 bytes, no padding
        let bytes = try message { e in
            e.appendAttribute(FoobarXmplFamily.Attribute.dumpIndex, UInt32(5))
            try e.appendAttribute(FoobarXmplFamily.Attribute.message, string: "seven")
        }.payload.dropLast(2)  // "seven\0" is 6 bytes, padded to 8: the kernel may leave the padding off the last
        #expect(padded.count == 8 + 4 + 16)
        let found = FoobarXmplMessages.dumpAttributesInKernelLayout(in: bytes.span.bytes)
        let entry = try #require(found)
        #expect(entry.0 == 5 && entry.1 == 12..<18)
        let walked = try FoobarXmplMessages.walkDumpAttributes(in: bytes.span.bytes)
        #expect(walked.0 == 5 && walked.1 == 12..<18)
    }

    @Test func echoReplyWithoutMessageIsMalformed() throws {
        let reply = try message { $0.appendAttribute(FoobarXmplFamily.Attribute.dumpIndex, UInt32(1)) }
        #expect(throws: MalformedMessageError.self) { try FoobarXmplMessages.echoedText(in: reply.payload.span.bytes) }
    }

    @Test func echoedTextIsLentUpToItsFirstNul() throws {
        // A payload with bytes after its NUL (as a longer, padded payload would carry).
        let reply = try message { try $0.appendAttribute(FoobarXmplFamily.Attribute.message, bytes: Array("ab\0cd\0".utf8)) }
        var lent: [[UInt8]] = []
        try FoobarXmplMessages.withEchoedText(in: reply.payload.span.bytes) { lent.append($0.withUnsafeBytes { Array($0) }) }
        #expect(lent == [Array("ab".utf8)])
        #expect(try FoobarXmplMessages.echoedText(in: reply.payload.span.bytes) == "ab")
    }

    @Test func lentEchoReplyWithoutMessageIsMalformed() throws {
        let reply = try message { $0.appendAttribute(FoobarXmplFamily.Attribute.dumpIndex, UInt32(1)) }
        #expect(throws: MalformedMessageError.self) {
            try FoobarXmplMessages.withEchoedText(in: reply.payload.span.bytes) { _ in Issue.record("nothing to lend") }
        }
    }

    @Test func dumpMessageWithoutIndexIsMalformed() throws {
        let reply = try message { try $0.appendAttribute(FoobarXmplFamily.Attribute.message, string: "x") }
        #expect(throws: MalformedMessageError.self) { try FoobarXmplMessages.dumpMessage(in: reply.payload.span.bytes) }
    }

    @Test func dumpIndexOfTheWrongSizeIsMalformed() throws {
        let reply = try message {
            $0.appendAttribute(FoobarXmplFamily.Attribute.dumpIndex, UInt16(1))
            try $0.appendAttribute(FoobarXmplFamily.Attribute.message, string: "x")
        }
        #expect(throws: MalformedMessageError.self) { try FoobarXmplMessages.dumpMessage(in: reply.payload.span.bytes) }
    }

    @Test func dumpEntryLendsTheTextWithoutItsNul() throws {
        let reply = try message {
            $0.appendAttribute(FoobarXmplFamily.Attribute.dumpIndex, UInt32(7))
            try $0.appendAttribute(FoobarXmplFamily.Attribute.message, string: "seven")
        }
        var seen: [(UInt32, [UInt8])] = []
        try FoobarXmplMessages.withDumpEntry(in: reply.payload.span.bytes) { index, text in
            seen.append((index, text.withUnsafeBytes { Array($0) }))
        }
        #expect(seen.count == 1)
        #expect(seen.first?.0 == 7)
        #expect(seen.first?.1 == Array("seven".utf8))
    }

    @Test func dumpEntryWithoutIndexIsMalformed() throws {
        let reply = try message { try $0.appendAttribute(FoobarXmplFamily.Attribute.message, string: "x") }
        #expect(throws: MalformedMessageError.self) {
            try FoobarXmplMessages.withDumpEntry(in: reply.payload.span.bytes) { _, _ in }
        }
    }

    @Test func constantsComeFromTheHeader() {
        #expect(FoobarXmplFamily.name == "gnl_foobar_xmpl")
        #expect(FoobarXmplFamily.maximumTextLength == 4096)
        #expect(FoobarXmplFamily.Command.echo == 1)
        #expect(FoobarXmplFamily.Command.replyWithError == 2)
        #expect(FoobarXmplFamily.Attribute.message == 1)
        #expect(FoobarXmplFamily.Attribute.dumpCount == 2)
        #expect(FoobarXmplFamily.Attribute.dumpIndex == 3)
        #expect(FoobarXmplFamily.replyErrno == .invalidArgument)
    }
}
