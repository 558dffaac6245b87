import NetlinkTesting
import Testing

@testable import Netlink

@Suite struct MessageDecodingTests {
    private func message(type: UInt16 = 20, sequence: UInt32 = 1, payload: [UInt8] = [])
        -> [UInt8]
    {
        var encoder = MessageEncoder(type: type, flags: [], sequence: sequence, portID: 5)
        for byte in payload { encoder.append(byte) }
        return encoder.finish()
    }

    private func decodeAll(_ bytes: [UInt8]) throws -> [NetlinkMessage] {
        var decoder = NetlinkMessageDecoder(bytes[...])
        var messages: [NetlinkMessage] = []
        while let message = decoder.next() { messages.append(message) }
        try decoder.finish()
        return messages
    }

    @Test func splitsADatagramIntoItsMessages() throws {
        let datagram = FakeKernel.datagram([
            message(sequence: 1, payload: [1, 2, 3]), message(sequence: 2, payload: [4]),
        ])
        let messages = try decodeAll(datagram)
        #expect(messages.map(\.header.sequence) == [1, 2])
        #expect(Array(messages[0].payload) == [1, 2, 3])
        #expect(Array(messages[1].payload) == [4])
    }

    @Test func lastMessageMayOmitItsPadding() throws {
        let bytes = message(payload: [9])
        #expect(bytes.count == 17)
        #expect(try decodeAll(bytes).map { Array($0.payload) } == [[9]])
    }

    @Test func emptyDatagramHasNoMessages() throws {
        #expect(try decodeAll([]).isEmpty)
    }

    @Test(arguments: [
        ("header cut short", Array(repeating: UInt8(0), count: 15)),
        ("length below the header", [8, 0, 0, 0] + Array(repeating: UInt8(0), count: 12)),
        ("length past the end", [40, 0, 0, 0] + Array(repeating: UInt8(0), count: 20)),
        ("length of 2^32-1", [255, 255, 255, 255] + Array(repeating: UInt8(0), count: 12)),
    ])
    func malformedHeadersThrow(_ problem: String, _ bytes: [UInt8]) {
        #expect(throws: MalformedMessageError.self, "\(problem)") { try decodeAll(bytes) }
    }

    @Test func trailingGarbageAfterAGoodMessageThrows() throws {
        var decoder = NetlinkMessageDecoder((message(payload: [1, 2, 3, 4]) + [1, 2])[...])
        let first = decoder.next()
        let second = decoder.next()
        #expect(first != nil)
        #expect(second == nil)
        #expect(decoder.error?.offset == 20)
        #expect(throws: MalformedMessageError.self) { try decoder.finish() }
    }

    @Test func decodesFromASliceThatDoesNotStartAtZero() throws {
        let bytes = [UInt8](repeating: 0xff, count: 3) + message(payload: [7])
        var decoder = NetlinkMessageDecoder(bytes[3...])
        let message = decoder.next()
        #expect(message.map { Array($0.payload) } == [7])
        try decoder.finish()
    }
}

@Suite struct AttributeDecodingTests {
    @Test(arguments: [
        ("header cut short", [UInt8]([5, 0, 1])),
        ("length below the header", [2, 0, 1, 0]),
        ("length past the end", [12, 0, 1, 0, 1, 2, 3, 4]),
        ("trailing bytes after a good attribute", [5, 0, 1, 0, 9, 0, 0, 0, 1]),
    ])
    func malformedAttributesThrow(_ problem: String, _ bytes: [UInt8]) {
        #expect(throws: MalformedMessageError.self, "\(problem)") {
            try AttributeDecoder(bytes[...]).collect()
        }
    }

    @Test func keepsTheFirstErrorAndStops() {
        // A good attribute, a broken one, then a good one that must not be returned.
        var decoder = AttributeDecoder(([5, 0, 1, 0, 9, 0, 0, 0, 2, 0, 7, 0, 4, 0, 3, 0] as [UInt8])[...])
        let first = decoder.next()
        let second = decoder.next()
        let third = decoder.next()
        #expect(first?.type == 1)
        #expect(second == nil)
        #expect(third == nil)
        #expect(decoder.error?.offset == 8)
        #expect(decoder.error?.problem.contains("shorter than its header") == true)
    }

    @Test func masksNestedAndByteOrderFlags() throws {
        // type 0x8003 (NLA_F_NESTED | 3), then 0x4004 (NLA_F_NET_BYTEORDER | 4).
        let bytes: [UInt8] = [4, 0, 0x03, 0x80, 8, 0, 0x04, 0x40, 0, 0, 1, 2]
        let attributes = try AttributeDecoder(bytes[...]).collect()
        #expect(attributes.map(\.type) == [3, 4])
        #expect(attributes[0].isNested && !attributes[0].isNetworkByteOrder)
        #expect(attributes[1].isNetworkByteOrder && !attributes[1].isNested)
        #expect(try attributes[1].uint32() == 0x0102)
    }

    @Test(arguments: [0, 1, 3, 5, 8])
    func wrongSizedIntegerThrows(size: Int) {
        let attribute = NetlinkAttribute(type: 1, payload: ArraySlice(repeating: 0, count: size))
        #expect(throws: MalformedMessageError.self) { try attribute.uint32() }
    }

    @Test func stringStopsAtNulOrEnd() throws {
        #expect(try NetlinkAttribute(type: 1, payload: [104, 105, 0, 120]).string() == "hi")
        #expect(try NetlinkAttribute(type: 1, payload: [104, 105]).string() == "hi")
        #expect(try NetlinkAttribute(type: 1, payload: []).string() == "")
    }

    @Test(arguments: [
        ([UInt8](), ""), ([104, 105], "hi"), ([104, 0, 105, 0], "h"),
        (Array("fifteen bytes!!".utf8) + [0], "fifteen bytes!!"),  // a small String
        (Array("sixteen bytes!!!".utf8) + [0], "sixteen bytes!!!"),  // a heap String
        ([0x68, 0xc3, 0xa9, 0], "hé"),
    ])
    func stringsEndAtTheFirstNul(bytes: [UInt8], text: String) throws {
        #expect(try NetlinkAttribute(type: 1, payload: bytes[...]).string() == text)
    }

    @Test func invalidUTF8Throws() {
        let attribute = NetlinkAttribute(type: 1, payload: [0xff, 0xfe, 0])
        #expect(throws: MalformedMessageError.self) { try attribute.string() }
    }

    @Test func borrowedWalkMatchesTheDecoder() throws {
        var encoder = MessageEncoder(type: 20, flags: [], sequence: 1, portID: 1)
        encoder.appendAttribute(1, UInt32(5))
        try encoder.appendAttribute(2, string: "hi")
        let payload = Array(encoder.finish()[16...])
        var walked: [NetlinkAttributeHeader] = []
        var texts: [String] = []
        try AttributeDecoder.forEach(in: payload.span.bytes) { header, range in
            walked.append(header)
            let bytes = payload.span.bytes.extracting(range)
            if header.type == 2 {
                texts.append(try header.string(in: bytes))
                #expect(NetlinkAttributeHeader.stringLength(in: bytes) == 2)
            } else {
                #expect(try header.integer(UInt32.self, in: bytes) == 5)
            }
        }
        #expect(walked.map(\.type) == (try AttributeDecoder(payload[...]).collect()).map(\.type))
        #expect(texts == ["hi"])
    }

    @Test func borrowedWalkThrowsAfterTheGoodAttributes() {
        // One good u32 attribute, then a header claiming 200 bytes.
        let bytes: [UInt8] = [8, 0, 1, 0, 5, 0, 0, 0, 200, 0, 2, 0]
        var seen = 0
        #expect(throws: MalformedMessageError.self) {
            try AttributeDecoder.forEach(in: bytes.span.bytes) { _, _ in seen += 1 }
        }
        #expect(seen == 1)
    }

    @Test func stringLengthIsTheWholePayloadWithoutANul() {
        let bytes: [UInt8] = [104, 105]
        #expect(NetlinkAttributeHeader.stringLength(in: bytes.span.bytes) == 2)
    }

    @Test func garbageNeverTraps() {
        // Every prefix of a valid message, and a pseudo-random byte soup, must throw or
        // decode — never trap.
        var encoder = MessageEncoder(type: 20, flags: [], sequence: 1, portID: 1)
        encoder.appendAttribute(1, UInt32(5))
        try? encoder.appendNested(2) { $0.appendAttribute(3, UInt64(9)) }
        let valid = encoder.finish()
        var generator = SystemRandomNumberGenerator()
        var inputs = (0...valid.count).map { Array(valid[..<$0]) }
        for _ in 0..<500 {
            inputs.append((0..<Int.random(in: 0..<64, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            })
        }
        for input in inputs {
            var messages = NetlinkMessageDecoder(input[...])
            while let message = messages.next() {
                var attributes = AttributeDecoder(message.payload)
                while let attribute = attributes.next() {
                    _ = try? attribute.uint32()
                    _ = try? attribute.string()
                    _ = try? attribute.nestedAttributes().collect()
                }
                try? AttributeDecoder.forEach(in: message.payload.span.bytes) { header, range in
                    _ = try? header.integer(UInt32.self, in: message.payload.span.bytes.extracting(range))
                }
                _ = try? NetlinkError(errorMessage: message)
                _ = try? NetlinkError(doneMessage: message)
            }
        }
    }
}
