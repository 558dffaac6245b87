import Testing

@testable import Netlink

@Suite struct EncodingTests {
    @Test func headerLengthIsPatchedAfterWriting() throws {
        var encoder = MessageEncoder(
            type: 0x10, flags: [.request, .acknowledge], sequence: 7, portID: 99)
        encoder.appendAttribute(1, UInt32(0xdead_beef))
        let bytes = encoder.finish()
        #expect(bytes.count == 16 + 8)
        let header = try #require(NetlinkMessageHeader(decoding: bytes[...]))
        #expect(header.length == 24)
        #expect(header.type == 0x10)
        #expect(header.flags == [.request, .acknowledge])
        #expect(header.sequence == 7)
        #expect(header.portID == 99)
    }

    @Test func growsPastItsInitialCapacityAndKeepsEveryByte() throws {
        var encoder = MessageEncoder(type: 0x10, flags: [], sequence: 1, portID: 0)
        let text = String(repeating: "abcdefg", count: 1000)  // 7000 bytes
        try encoder.appendAttribute(1, string: text)
        encoder.appendAttribute(2, UInt8(9))
        let bytes = encoder.finish()
        #expect(bytes.count == 16 + netlinkAligned(4 + 7001) + 8)
        let attributes = try decodeAttributes(bytes)
        #expect(try attributes[0].string() == text)
        #expect(try attributes[1].uint8() == 9)
    }

    @Test func restartedEncoderHoldsOnlyTheNewMessage() throws {
        var encoder = MessageEncoder(type: 0x10, flags: [], sequence: 1, portID: 0)
        // Longer than the initial capacity: the memory grows, and the grown memory is reused.
        try encoder.appendAttribute(1, string: String(repeating: "x", count: 500))
        #expect(encoder.finish().count == 16 + netlinkAligned(4 + 501))
        encoder.restart(type: 0x11, flags: [], sequence: 2, portID: 0)
        encoder.appendAttribute(2, UInt32(5))
        let sent = encoder.finish { Array($0) }
        #expect(sent.count == 24)
        #expect(sent == encoder.finish())
        var decoder = NetlinkMessageDecoder(sent[...])
        let next = decoder.next()
        let message = try #require(next)
        #expect(message.header.type == 0x11 && message.header.sequence == 2)
        #expect(try decodeAttributes(sent).map(\.type) == [2])
    }

    @Test func integersOfEveryWidthRoundTrip() throws {
        var encoder = MessageEncoder(type: 1, flags: [], sequence: 1, portID: 0)
        encoder.appendAttribute(1, UInt8(0xab))
        encoder.appendAttribute(2, UInt16(0xbeef))
        encoder.appendAttribute(3, UInt32(0xdead_beef))
        encoder.appendAttribute(4, UInt64(0x0123_4567_89ab_cdef))
        encoder.appendAttribute(5, Int8(-5))
        encoder.appendAttribute(6, Int16(-300))
        encoder.appendAttribute(7, Int32(-70000))
        encoder.appendAttribute(8, Int64.min)
        let attributes = try decodeAttributes(encoder.finish())
        #expect(attributes.map(\.type) == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(try attributes[0].uint8() == 0xab)
        #expect(try attributes[1].uint16() == 0xbeef)
        #expect(try attributes[2].uint32() == 0xdead_beef)
        #expect(try attributes[3].uint64() == 0x0123_4567_89ab_cdef)
        #expect(try attributes[4].int8() == -5)
        #expect(try attributes[5].int16() == -300)
        #expect(try attributes[6].int32() == -70000)
        #expect(try attributes[7].int64() == Int64.min)
    }

    @Test func attributesArePaddedToFourBytes() throws {
        var encoder = MessageEncoder(type: 1, flags: [], sequence: 1, portID: 0)
        encoder.appendAttribute(1, UInt8(1))  // 4 + 1, padded to 8
        try encoder.appendAttribute(2, string: "abc")  // 4 + 4, no padding
        try encoder.appendAttribute(3, string: "abcd")  // 4 + 5, padded to 12
        let bytes = encoder.finish()
        #expect(bytes.count == 16 + 8 + 8 + 12)
        // nla_len counts the payload, not the padding.
        #expect(bytes[16] == 5)
        #expect(bytes[24] == 8)
        #expect(bytes[32] == 9)
        #expect(Array(bytes[5 + 16..<24]) == [0, 0, 0])
    }

    @Test func stringsCarryTheirNul() throws {
        var encoder = MessageEncoder(type: 1, flags: [], sequence: 1, portID: 0)
        try encoder.appendAttribute(1, string: "héllo ✓")
        let attribute = try #require(try decodeAttributes(encoder.finish()).first)
        #expect(attribute.payload.last == 0)
        #expect(try attribute.string() == "héllo ✓")
    }

    @Test func binaryAndFlagAttributes() throws {
        var encoder = MessageEncoder(type: 1, flags: [], sequence: 1, portID: 0)
        try encoder.appendAttribute(1, bytes: [1, 2, 3])
        encoder.appendFlag(2)
        let attributes = try decodeAttributes(encoder.finish())
        #expect(Array(attributes[0].payload) == [1, 2, 3])
        #expect(attributes[1].type == 2)
        #expect(attributes[1].payload.isEmpty)
    }

    @Test func nestedLengthIsPatchedAndMarked() throws {
        var encoder = MessageEncoder(type: 1, flags: [], sequence: 1, portID: 0)
        try encoder.appendNested(5) { inner in
            inner.appendAttribute(1, UInt32(10))
            try inner.appendNested(2) { $0.appendAttribute(3, UInt16(7)) }
        }
        encoder.appendAttribute(6, UInt8(1))
        let attributes = try decodeAttributes(encoder.finish())
        #expect(attributes.map(\.type) == [5, 6])
        let outer = attributes[0]
        #expect(outer.isNested)
        #expect(outer.payload.count == 8 + 4 + 8)
        let inner = try outer.nestedAttributes().collect()
        #expect(inner.map(\.type) == [1, 2])
        #expect(try inner[0].uint32() == 10)
        #expect(inner[1].isNested)
        #expect(try inner[1].nestedAttributes().collect().map { try $0.uint16() } == [7])
    }

    @Test func nestThatOutgrowsTheMemoryIsPatchedInTheNewMemory() throws {
        var encoder = MessageEncoder(type: 1, flags: [], sequence: 1, portID: 0)
        let filler = [UInt8](repeating: 0xab, count: 3000)  // far past the initial 256 bytes
        try encoder.appendNested(5) { inner in
            inner.appendAttribute(1, UInt32(10))
            try inner.appendAttribute(2, bytes: filler)
        }
        let message = encoder.finish()
        #expect(message.count == 16 + 4 + 8 + 4 + 3000)
        #expect(message.prefix(4).elementsEqual(withUnsafeBytes(of: UInt32(message.count)) { Array($0) }))
        let outer = try #require(try decodeAttributes(message).first)
        #expect(outer.payload.count == 8 + 4 + 3000)
        let inner = try outer.nestedAttributes().collect()
        #expect(try inner[0].uint32() == 10)
        #expect(Array(inner[1].payload) == filler)
    }

    @Test func failedNestIsRemoved() throws {
        struct Refused: Error {}
        var encoder = MessageEncoder(type: 1, flags: [], sequence: 1, portID: 0)
        encoder.appendAttribute(1, UInt8(1))
        #expect(throws: Refused.self) {
            try encoder.appendNested(2) { inner in
                inner.appendAttribute(3, UInt32(1))
                throw Refused()
            }
        }
        #expect(try decodeAttributes(encoder.finish()).map(\.type) == [1])
    }

    @Test func nestLongerThanAnAttributeIsRefused() throws {
        var encoder = MessageEncoder(type: 1, flags: [], sequence: 1, portID: 0)
        #expect(throws: AttributeTooLongError.self) {
            try encoder.appendNested(2) { inner in
                for _ in 0..<2 {
                    try inner.appendAttribute(3, bytes: [UInt8](repeating: 1, count: 40_000))
                }
            }
        }
        #expect(encoder.bytes.count == 16)
    }

    @Test func longestStringFits() throws {
        var encoder = MessageEncoder(type: 1, flags: [], sequence: 1, portID: 0)
        let text = String(repeating: "a", count: NetlinkAttribute.maximumStringLength)
        try encoder.appendAttribute(1, string: text)
        let attribute = try #require(try decodeAttributes(encoder.finish()).first)
        #expect(try attribute.string() == text)
    }

    @Test func stringOneByteTooLongIsRefused() {
        var encoder = MessageEncoder(type: 1, flags: [], sequence: 1, portID: 0)
        let text = String(repeating: "a", count: NetlinkAttribute.maximumStringLength + 1)
        #expect(throws: UnencodableTextError(byteCount: 65531)) {
            try encoder.appendAttribute(1, string: text)
        }
        #expect(encoder.bytes.count == 16)
    }

    @Test func stringWithNulIsRefused() {
        var encoder = MessageEncoder(type: 1, flags: [], sequence: 1, portID: 0)
        #expect(throws: UnencodableTextError(byteCount: 3, nulOffset: 1)) {
            try encoder.appendAttribute(1, string: "a\0b")
        }
    }

    @Test func binaryTooLongIsRefused() {
        var encoder = MessageEncoder(type: 1, flags: [], sequence: 1, portID: 0)
        #expect(throws: AttributeTooLongError(type: 4, byteCount: 65532)) {
            try encoder.appendAttribute(4, bytes: [UInt8](repeating: 0, count: 65532))
        }
    }
}

/// The attributes of a finished message (after its 16-byte header).
func decodeAttributes(_ message: [UInt8]) throws -> [NetlinkAttribute] {
    try AttributeDecoder(message[16...]).collect()
}

extension AttributeDecoder {
    /// Every attribute, or the first problem.
    func collect() throws -> [NetlinkAttribute] {
        var decoder = self
        var attributes: [NetlinkAttribute] = []
        while let attribute = decoder.next() { attributes.append(attribute) }
        try decoder.finish()
        return attributes
    }
}
