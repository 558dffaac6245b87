import CNetlink
import GenericNetlink
import Glibc
import Netlink
import NetlinkTesting
import Testing

/// The client generated from Tests/NetlinkGeneratorTests/Specs/everything.yaml, against a
/// fake kernel that answers `get` with the attributes it was sent (its reply lists them
/// all): every type the generator handles is encoded by the request struct and decoded by
/// the reply struct, copying and borrowed.
@Suite struct RoundTripTests {
    typealias Attrs = Everything.EverythingAttributes

    /// A kernel with the family: echoes a `get`'s attributes (plus `extraReply`), dumps
    /// `u32` messages for `get` with NLM_F_DUMP, acknowledges `set`, refuses the rest.
    static func kernel(extraReply: [UInt8] = []) -> FakeKernel {
        FakeKernel { request in
            let message = try GenericNetlinkMessage(decoding: request)
            if request.header.type == Controller.familyID {
                let family = GenericNetlinkFamily(name: "everything", id: 0x30, version: 2)
                return [try FakeKernel.reply(to: request) { encoder in
                    encoder.append(GenericNetlinkHeader(command: UInt8(CTRL_CMD_NEWFAMILY), version: 2))
                    try family.appendAttributes(to: &encoder)
                }]
            }
            let header = GenericNetlinkHeader(command: message.header.command, version: 2)
            switch message.header.command {
            case Everything.Command.get where request.header.flags.contains(.dump):
                let count = try Attrs(attributes: message.payload.span.bytes).u32 ?? 0
                var replies = try (0..<count).map { index in
                    try FakeKernel.reply(to: request, flags: .multipart) { encoder in
                        encoder.append(header)
                        try Attrs(u32: index, text: "item \(index)").encode(to: &encoder)
                    }
                }
                replies.append(try FakeKernel.done(answering: request))
                return [FakeKernel.datagram(replies)]
            case Everything.Command.get:
                return [FakeKernel.reply(to: request) { encoder in
                    encoder.append(header)
                    for byte in Array(message.payload) + extraReply { encoder.append(byte) }
                }]
            case Everything.Command.set:
                return [FakeKernel.acknowledgement(of: request)]
            default:
                return [try FakeKernel.error(EOPNOTSUPP, answering: request)]
            }
        }
    }

    static func client(extraReply: [UInt8] = []) throws -> EverythingClient<FakeKernel> {
        try EverythingClient(connection: GenericNetlinkConnection(transport: kernel(extraReply: extraReply)))
    }

    /// A request with one value of every attribute a request can carry.
    static let full = Everything.GetRequest(
        u8: 200, u16: 15, u32: 100_000, u64: .max, s8: -128, s16: -2, s32: -70_000, s64: .min,
        port: 8080, text: "fifteen bytes..", rawText: "x", blob: [1, 2, 3], key: [9, 8, 7, 6],
        pair: Everything.Pair(first: 7, second: 0x1234, tag: [0xAB, 0xCD]), numbers: [1, 2, 0xFFFF_FFFF],
        flag: true, color: .blue, sparse: .ten, features: [.x, .z], colors: [.red, .blue], level: .high,
        mask: 5, bits: NetlinkBitfield32(value: 1, selector: 3), item: Everything.Item(id: 1, name: "one"),
        items: [Everything.Item(id: 2), Everything.Item(name: "three")], tags: ["a", "", "c"],
        list: [Everything.Item(id: 4, name: "four"), Everything.Item(id: 5)])

    @Test func everyTypeRoundTrips() throws {
        let reply = try Self.client().get(Self.full)
        let request = Self.full
        #expect(reply.u8 == request.u8 && reply.u16 == request.u16 && reply.u32 == request.u32)
        #expect(reply.u64 == request.u64 && reply.s8 == request.s8 && reply.s16 == request.s16)
        #expect(reply.s32 == request.s32 && reply.s64 == request.s64 && reply.port == request.port)
        #expect(reply.text == request.text && reply.rawText == request.rawText)
        #expect(reply.blob == request.blob && reply.key == request.key && reply.pair == request.pair)
        #expect(reply.numbers == request.numbers && reply.flag && reply.color == .blue)
        #expect(reply.sparse == .ten && reply.features == [.x, .z] && reply.colors == [.red, .blue])
        #expect(reply.level == .high && reply.mask == 5 && reply.bits == request.bits)
        #expect(reply.item == request.item && reply.items == request.items && reply.tags == request.tags)
        #expect(reply.list == request.list)
    }

    @Test func theBorrowedFormSeesTheSameValues() throws {
        try Self.client().get(Self.full) { reply, attributes in
            #expect(reply.u8 == 200 && reply.u64 == .max && reply.s32 == -70_000 && reply.port == 8080)
            let text = attributes.extracting(try #require(reply.text))
            #expect(text.withUnsafeBytes { String(decoding: $0, as: UTF8.self) } == "fifteen bytes..")
            let item = try Everything.Item(attributes: attributes.extracting(try #require(reply.item)))
            #expect(item == Everything.Item(id: 1, name: "one"))
            #expect(reply.flag && reply.color == .blue && reply.features == [.x, .z])
        }
    }

    @Test func bigEndianAttributesTravelInNetworkOrder() throws {
        let client = try Self.client()
        _ = try client.get(Everything.GetRequest(port: 0x1F90))
        var encoder = MessageEncoder()
        try Everything.GetRequest(port: 0x1F90).encode(to: &encoder)
        // nla_len 6, nla_type 11, then 0x1F 0x90 whatever the host's byte order.
        #expect(Array(encoder.bytes.suffix(4)) == [0x1F, 0x90, 0, 0])
    }

    @Test func structsArePackedAsTheSpecLaysThemOut() throws {
        let pair = Everything.Pair(first: 1, second: 0x0203, tag: [4, 5])
        #expect(Everything.Pair.byteCount == 8)
        #expect(pair.encoded() == [1, 0, 0, 0, 2, 3, 4, 5])  // first host order (LE here), second big-endian
        #expect(try Everything.Pair(decoding: pair.encoded().span.bytes) == pair)
        #expect(throws: MalformedMessageError.self) { try Everything.Pair(decoding: [UInt8]([1, 2, 3]).span.bytes) }
    }

    @Test func variableWidthIntegersTakeFourOrEightBytes() throws {
        // uint and sint come only in replies: the fake appends them to its echo.
        var encoder = MessageEncoder()
        encoder.appendAttribute(Attrs.Attribute.uint, unsignedVariableWidth: 7)
        encoder.appendAttribute(Attrs.Attribute.sint, signedVariableWidth: -(1 << 40))
        let extra = Array(encoder.bytes)
        #expect(extra.count == 8 + 12)
        let reply = try Self.client(extraReply: extra).get(.init(u8: 1))
        #expect(reply.uint == 7 && reply.sint == -(1 << 40) && reply.u8 == 1)
    }

    @Test func keyedNestsDecodeByTheirTypeNumbers() throws {
        // table: nest-type-value [row, column], sent by the kernel only.
        var encoder = MessageEncoder()
        try encoder.appendNested(Attrs.Attribute.table) { rows in
            try rows.appendNested(3) { columns in
                try columns.appendNested(9) { try Everything.Item(id: 39).encode(to: &$0) }
            }
        }
        let reply = try Self.client(extraReply: Array(encoder.bytes)).get(.init(u8: 1))
        #expect(reply.table == [3: [9: Everything.Item(id: 39)]])
    }

    @Test func indexedArraysOfScalarsDecodeInOrder() throws {
        var encoder = MessageEncoder()
        try encoder.appendNested(Attrs.Attribute.ids) { list in
            for (index, id) in [UInt32(10), 20, 30].enumerated() { list.appendAttribute(UInt16(index), id) }
        }
        #expect(try Self.client(extraReply: Array(encoder.bytes)).get(.init(u8: 1)).ids == [10, 20, 30])
    }

    @Test func unknownAttributesAndValuesAreKeptOrSkipped() throws {
        var encoder = MessageEncoder()
        encoder.appendAttribute(Attrs.Attribute.color, UInt32(77))  // a colour a newer kernel added
        encoder.appendAttribute(200, UInt32(1))  // an attribute a newer kernel added
        let reply = try Self.client(extraReply: Array(encoder.bytes)).get(.init(u8: 1))
        #expect(reply.color?.rawValue == 77 && reply.color?.name == nil && reply.color?.description == "77")
        #expect(reply.u8 == 1)
    }

    @Test func malformedRepliesAreThrownNotTrapped() throws {
        var encoder = MessageEncoder()
        encoder.appendAttribute(Attrs.Attribute.u64, UInt32(1))  // a u64 of 4 bytes
        #expect(throws: MalformedMessageError.self) {
            try Self.client(extraReply: Array(encoder.bytes)).get(.init(u8: 1))
        }
    }

    @Test func dumpsStreamCollectAndBorrow() throws {
        let client = try Self.client()
        var streamed: [String] = []
        try client.dumpGet(.init(u32: 3)) { streamed.append($0.text ?? "-") }
        #expect(streamed == ["item 0", "item 1", "item 2"])
        #expect(try client.dumpGetAll(.init(u32: 2)).map(\.u32) == [0, 1])
        var borrowed: [UInt32] = []
        try client.dumpGet(.init(u32: 4), eachBorrowed: { message, _ in borrowed.append(message.u32 ?? 99) })
        #expect(borrowed == [0, 1, 2, 3])
    }

    @Test func commandsWithoutReplyAreAcknowledged() throws {
        try Self.client().set(.init(u32: 1, item: Everything.Item(id: 1)))
    }

    @Test func flagsAndEnumsDescribeThemselvesByTheSpecsNames() {
        #expect(Everything.Feature([.x, .z]).names == ["x", "z"])
        #expect(Everything.Feature(rawValue: 0b1001).description == "[x, 8]")
        #expect(Everything.Color.green.name == "green")
        #expect(Everything.Level.low.rawValue == 3)
        #expect(Everything.ColorFlags.blue.rawValue == 4)
        #expect(Everything.greeting == "hello, world" && Everything.nameLen == 16)
        #expect(Everything.familyVersion == 2 && Everything.Command.set == 2)
    }
}
