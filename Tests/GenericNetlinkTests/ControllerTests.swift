import CNetlink
import NetlinkTesting
import Testing

@testable import GenericNetlink
@testable import Netlink

@Suite struct ControllerTests {
    static let example = GenericNetlinkFamily(
        name: "example", id: 0x21, version: 3, headerSize: 0, maximumAttribute: 4,
        operations: [
            .init(command: 1, flags: [.canDo, .canDump, .hasPolicy]),
            .init(command: 2, flags: [.canDo, .adminPermission]),
        ],
        multicastGroups: [.init(name: "events", id: 9)])

    static let other = GenericNetlinkFamily(name: "other", id: 0x22, version: 1)

    @Test func resolvesEverythingNlctrlSays() throws {
        var connection = GenericNetlinkConnection(transport: fakeController(knowing: [Self.example]))
        #expect(try connection.family(named: "example") == Self.example)
    }

    @Test func resolvedFamiliesAreCached() throws {
        let kernel = fakeController(knowing: [Self.example])
        var connection = GenericNetlinkConnection(transport: kernel)
        _ = try connection.family(named: "example")
        _ = try connection.family(named: "example")
        #expect(kernel.sentDatagrams.count == 1)
        connection.forgetCachedFamilies()
        _ = try connection.family(named: "example")
        #expect(kernel.sentDatagrams.count == 2)
    }

    @Test func familyIDReadsOnlyTheIDAndIsCached() throws {
        let kernel = fakeController(knowing: [Self.example])
        var connection = GenericNetlinkConnection(transport: kernel)
        #expect(try connection.familyID(named: "example") == 0x21)
        #expect(try connection.familyID(named: "example") == 0x21)
        #expect(kernel.sentDatagrams.count == 1)
        // family(named:) does not share the id-only answer: it needs the whole description.
        #expect(try connection.family(named: "example") == Self.example)
        #expect(kernel.sentDatagrams.count == 2)
        connection.forgetCachedFamilies()
        #expect(try connection.familyID(named: "example") == 0x21)
        #expect(kernel.sentDatagrams.count == 3)
    }

    @Test func familyIDComesFromAResolvedFamily() throws {
        let kernel = fakeController(knowing: [Self.example])
        var connection = GenericNetlinkConnection(transport: kernel)
        _ = try connection.family(named: "example")
        #expect(try connection.familyID(named: "example") == 0x21)
        #expect(kernel.sentDatagrams.count == 1)
    }

    @Test func queryFamilyIDAsksEveryTime() throws {
        let kernel = fakeController(knowing: [Self.example])
        var connection = GenericNetlinkConnection(transport: kernel)
        _ = try connection.familyID(named: "example")
        #expect(try connection.queryFamilyID(named: "example") == 0x21)
        #expect(try connection.queryFamilyID(named: "example") == 0x21)
        #expect(kernel.sentDatagrams.count == 3)
    }

    @Test func unknownFamilyIDIsFamilyNotFound() throws {
        var connection = GenericNetlinkConnection(transport: fakeController(knowing: []))
        #expect(throws: FamilyNotFoundError(name: "absent")) {
            try connection.familyID(named: "absent")
        }
    }

    @Test func requestIsAGetFamilyWithTheName() throws {
        let kernel = fakeController(knowing: [Self.example])
        var connection = GenericNetlinkConnection(transport: kernel)
        _ = try connection.family(named: "example")
        var messages = NetlinkMessageDecoder(kernel.sentDatagrams[0][...])
        let first = messages.next()
        let sent = try #require(first)
        #expect(sent.header.type == 0x10)
        let request = try GenericNetlinkMessage(decoding: sent)
        #expect(request.header.command == UInt8(CTRL_CMD_GETFAMILY))
        var names: [String] = []
        try AttributeDecoder.forEach(in: request.payload) { names.append(try $0.string()) }
        #expect(names == ["example"])
    }

    @Test func unknownFamilyIsFamilyNotFound() throws {
        var connection = GenericNetlinkConnection(transport: fakeController(knowing: []))
        let error = try #require(throws: FamilyNotFoundError.self) {
            try connection.family(named: "gnl_foobar_xmpl")
        }
        #expect(error.description == "family gnl_foobar_xmpl not found — is the module loaded?")
    }

    @Test func listsAllFamiliesAndFillsTheCache() throws {
        let kernel = fakeController(knowing: [Self.example, Self.other])
        var connection = GenericNetlinkConnection(transport: kernel)
        #expect(try connection.families() == [Self.example, Self.other])
        #expect(try connection.family(named: "other") == Self.other)
        #expect(kernel.sentDatagrams.count == 1)
    }

    @Test func operationWithoutAnIdIsMalformed() throws {
        let kernel = FakeKernel { request in
            [try FakeKernel.reply(to: request) { encoder in
                encoder.append(GenericNetlinkHeader(command: UInt8(CTRL_CMD_NEWFAMILY), version: 2))
                encoder.appendAttribute(UInt16(CTRL_ATTR_FAMILY_ID), UInt16(0x30))
                try encoder.appendAttribute(UInt16(CTRL_ATTR_FAMILY_NAME), string: "broken")
                try encoder.appendNested(UInt16(CTRL_ATTR_OPS)) { list in
                    try list.appendNested(1) { $0.appendAttribute(UInt16(CTRL_ATTR_OP_FLAGS), UInt32(2)) }
                }
            }]
        }
        var connection = GenericNetlinkConnection(transport: kernel)
        #expect(throws: MalformedMessageError.self) { try connection.family(named: "broken") }
    }

    @Test func familyWithoutAnIdIsMalformed() throws {
        let kernel = FakeKernel { request in
            [try FakeKernel.reply(to: request) { encoder in
                encoder.append(GenericNetlinkHeader(command: UInt8(CTRL_CMD_NEWFAMILY), version: 2))
                try encoder.appendAttribute(UInt16(CTRL_ATTR_FAMILY_NAME), string: "anonymous")
            }]
        }
        var connection = GenericNetlinkConnection(transport: kernel)
        #expect(throws: MalformedMessageError.self) { try connection.family(named: "anonymous") }
        #expect(throws: MalformedMessageError.self) { try connection.familyID(named: "anonymous") }
    }

    @Test func familyIdOfTheWrongSizeIsMalformed() throws {
        let kernel = FakeKernel { request in
            [try FakeKernel.reply(to: request) { encoder in
                encoder.append(GenericNetlinkHeader(command: UInt8(CTRL_CMD_NEWFAMILY), version: 2))
                encoder.appendAttribute(UInt16(CTRL_ATTR_FAMILY_ID), UInt32(0x30))
                try encoder.appendAttribute(UInt16(CTRL_ATTR_FAMILY_NAME), string: "wide")
            }]
        }
        var connection = GenericNetlinkConnection(transport: kernel)
        #expect(throws: MalformedMessageError.self) { try connection.family(named: "wide") }
        #expect(throws: MalformedMessageError.self) { try connection.familyID(named: "wide") }
    }
}

@Suite struct GenericNetlinkMessageTests {
    @Test func headerIsFourBytes() {
        var encoder = MessageEncoder(type: 0x10, flags: [], sequence: 1, portID: 0)
        encoder.append(GenericNetlinkHeader(command: 3, version: 2))
        #expect(Array(encoder.finish()[16...]) == [3, 2, 0, 0])
    }

    @Test func splitsHeaderAndAttributes() throws {
        let message = NetlinkMessage(
            header: NetlinkMessageHeader(length: 28, type: 0x21, flags: [], sequence: 1, portID: 1),
            payload: [7, 1, 0, 0, 8, 0, 1, 0, 42, 0, 0, 0])
        let decoded = try GenericNetlinkMessage(decoding: message)
        #expect(decoded.header == GenericNetlinkHeader(command: 7, version: 1))
        var attributes = decoded.attributes()
        let attribute = attributes.next()
        try attributes.finish()
        #expect(try attribute?.uint32() == 42)
    }

    @Test(arguments: [0, 1, 3])
    func payloadShorterThanTheHeaderThrows(length: Int) {
        let message = NetlinkMessage(
            header: NetlinkMessageHeader(
                length: UInt32(16 + length), type: 0x21, flags: [], sequence: 1, portID: 1),
            payload: ArraySlice(repeating: 1, count: length))
        #expect(throws: MalformedMessageError.self) { try GenericNetlinkMessage(decoding: message) }
    }

    @Test func splitsBorrowedHeaderAndAttributes() throws {
        let payload: [UInt8] = [7, 1, 0, 0, 8, 0, 1, 0, 42, 0, 0, 0]
        let (header, attributeBytes) = try GenericNetlinkHeader.split(payload.span.bytes) {
            ($0, $1.byteCount)
        }
        #expect(header == GenericNetlinkHeader(command: 7, version: 1))
        #expect(attributeBytes == 8)
    }

    @Test(arguments: [0, 1, 3])
    func borrowedPayloadShorterThanTheHeaderThrows(length: Int) {
        let payload = [UInt8](repeating: 1, count: length)
        #expect(throws: MalformedMessageError.self) {
            try GenericNetlinkHeader.split(payload.span.bytes) { _, _ in }
        }
    }
}
