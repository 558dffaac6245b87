import Netlink
import NetlinkSpec
import SpecDrivenNetlink
import Testing

/// Replies as the kernel sends them, and as no kernel should: everything is kept and
/// shown, and bytes that do not fit the spec are thrown as `MalformedMessageError` naming
/// the attribute, never a trap.
@Suite struct CodecDecodingTests {
    typealias Spec = CodecSpec

    @Test func unknownAttributesAreKeptVisibly() throws {
        let bytes = Spec.attribute(200, [1, 2, 3]) + Spec.attribute(201, Spec.attribute(1, [9, 0, 0, 0]), nested: true)
        let decoded = try Spec.decode(bytes)
        #expect(decoded["UnknownAttr(200)"] == .string("010203"))
        #expect(decoded["UnknownAttr(201)"] == .object(["UnknownAttr(1)": .string("09000000")]))
    }

    @Test func valuesTheSpecDoesNotNameStayNumbers() throws {
        let bytes = Spec.attribute(Spec.type("color"), [7]) + Spec.attribute(Spec.type("features"), [0x09, 0, 0, 0])
        let decoded = try Spec.decode(bytes)
        #expect(decoded["color"] == .integer(7))
        #expect(decoded["features"] == .array([.string("fast"), .integer(8)]))
    }

    @Test func aRepeatedSingleAttributeBecomesAListOfAll() throws {
        let bytes = Spec.attribute(Spec.type("u8"), [1]) + Spec.attribute(Spec.type("u8"), [2]) + Spec.attribute(Spec.type("u8"), [3])
        #expect(try Spec.decode(bytes)["u8"] == .array([.integer(1), .integer(2), .integer(3)]))
    }

    @Test func emptyPaddingIsSkippedAPadWithAPayloadIsShown() throws {
        let bytes = Spec.attribute(Spec.type("pad"), []) + Spec.attribute(Spec.type("u8"), [1])
        #expect(try Spec.decode(bytes).keys == ["u8"])
        // nlctrl.yaml numbers `mask` 11 and `pad` 12, the kernel the other way round: its
        // masks must not vanish as padding.
        #expect(try Spec.decode(Spec.attribute(Spec.type("pad"), [3, 0, 0, 0, 0, 0, 0, 0]))["pad"] == .string("0300000000000000"))
    }

    @Test func nestTypeValueCarriesItsNumbers() throws {
        // nlctrl's policy dump: CTRL_ATTR_POLICY { policy-id { attr-id { … } } }.
        let cell = Spec.attribute(1, [5, 0, 0, 0])
        let one = Spec.attribute(Spec.type("table"), Spec.attribute(3, cell, nested: true), nested: true)
        #expect(try Spec.decode(one)["table"] == .object(["row": .integer(3), "a": .integer(5)]))
        let grid = Spec.attribute(
            Spec.type("grid"),
            Spec.attribute(1, Spec.attribute(2, cell, nested: true) + Spec.attribute(4, cell, nested: true), nested: true),
            nested: true)
        #expect(try Spec.decode(grid)["grid"] == .array([
            .object(["row": .integer(1), "column": .integer(2), "a": .integer(5)]),
            .object(["row": .integer(1), "column": .integer(4), "a": .integer(5)]),
        ]))
    }

    @Test func numberArraysAndTheirWidths() throws {
        let bytes = Spec.attribute(Spec.type("numbers"), [1, 0, 0, 0, 2, 0, 0, 0])
        #expect(try Spec.decode(bytes)["numbers"] == .array([.integer(1), .integer(2)]))
    }

    @Test func hintsThatDoNotFitTheLengthFallBackToHex() throws {
        let bytes = Spec.attribute(Spec.type("addr4"), [1, 2, 3]) + Spec.attribute(Spec.type("id"), [1])
        let decoded = try Spec.decode(bytes)
        #expect(decoded["addr4"] == .string("010203"))
        #expect(decoded["id"] == .string("01"))
    }

    @Test(arguments: [
        (Spec.attribute(Spec.type("u32"), [1, 2]), ".u32: 2 bytes, expected 4 for a u32"),
        (Spec.attribute(Spec.type("uint"), [1, 2, 3, 4, 5]), ".uint: 5 bytes, expected 4 or 8 for a uint"),
        (Spec.attribute(Spec.type("text"), [0xff, 0xfe, 0]), ".text: attribute 12 is not valid UTF-8"),
        (Spec.attribute(Spec.type("enabled"), [1]), ".enabled: a flag with a 1-byte payload"),
        (Spec.attribute(Spec.type("numbers"), [1, 2, 3]), ".numbers: 3 bytes are not a whole number of u32"),
        (Spec.attribute(Spec.type("pair"), [1, 2, 3]), ".pair: 3 bytes are too few for struct pair"),
        (Spec.attribute(Spec.type("pair"), [UInt8](repeating: 0, count: 12)), ".pair: 12 bytes for struct pair of 8"),
        (Spec.attribute(Spec.type("bits"), [1, 2, 3, 4]), ".bits: bitfield32 attribute 27 has 4 bytes"),
        (Spec.attribute(Spec.type("inner"), [8, 0, 1, 0, 1, 0, 0, 0, 0xff], nested: true), ".inner: 1 bytes left, too few for an attribute header"),
        (Spec.attribute(Spec.type("inner"), Spec.attribute(1, [1]), nested: true), ".inner.a: 1 bytes, expected 4"),
        (Spec.attribute(Spec.type("list"), Spec.attribute(0, Spec.attribute(2, [0x80, 0]), nested: true), nested: true),
         ".list[0].b: attribute 2 is not valid UTF-8"),
        ([40, 0, 1, 0, 1, 0, 0, 0], "the message: attribute length"),
        ([3, 0], "the message:"),
    ])
    func malformedRepliesAreThrownNamingTheAttribute(_ bytes: [UInt8], _ expected: String) {
        #expect {
            _ = try Spec.decode(bytes)
        } throws: { error in
            error is MalformedMessageError && "\(error)".contains(expected)
        }
    }

    @Test func aTruncatedFixedHeaderIsMalformed() {
        #expect(throws: MalformedMessageError.self) { _ = try Spec.decode([1, 2, 3], operation: "with-header") }
    }

    /// Random bytes: the decoder may refuse them, never trap.
    @Test func randomBytesNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let count = Int.random(in: 0..<64, using: &generator)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            // Mostly plausible headers: a length that fits, a type the spec knows.
            if bytes.count >= 4 {
                bytes[0] = UInt8(min(bytes.count, Int(bytes[0] % 40)))
                bytes[1] = 0
                bytes[2] %= 40
            }
            _ = try? Spec.decode(bytes)
        }
    }
}
