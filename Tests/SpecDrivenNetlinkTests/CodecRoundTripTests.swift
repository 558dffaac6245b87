import Netlink
import SpecDrivenNetlink
import Testing

/// A request encoded by the spec and decoded back is the request again, for every type;
/// the bytes on the wire are what the kernel expects.
@Suite struct CodecRoundTripTests {
    /// Every attribute a request can carry, in the form replies show it.
    static let everything = """
        {"u8": 255, "u16": 65535, "u32": 4294967295, "u64": 18446744073709551615,
         "s8": -128, "s16": -32768, "s32": -2147483648, "s64": -9223372036854775808,
         "uint": 18446744073709551615, "sint": -9223372036854775808, "port": 8080,
         "text": "héllo", "blob": "00ff10", "mac": "02:00:5e:10:00:01", "addr4": "192.0.2.1",
         "addr6": "2001:db8::1", "id": "123e4567-e89b-12d3-a456-426614174000",
         "ip-number": "198.51.100.7", "mask": "0xff00", "color": "blue",
         "features": ["fast", "cheap"], "color-bits": ["red", "blue"], "sparse": "ten",
         "enabled": true, "numbers": [1, 4294967295], "pair": {"first": 1, "second": 2, "tag": "abcd"},
         "bits": {"value": ["safe"], "selector": ["fast", "safe"]},
         "inner": {"a": 7, "b": "x", "self": {"a": 8}},
         "items": [{"a": 1}, {"b": "two"}], "list": [{"a": 1}, {"a": 2}],
         "values": [1, 65535], "names": ["eth0", "lo"], "tags": [3, 2, 1]}
        """

    @Test func everyTypeRoundTrips() throws {
        let request = try JSONValue(parsing: Self.everything)
        let decoded = try CodecSpec.decode(try CodecSpec.encode(Self.everything))
        #expect(JSONValue.object(decoded) == request)
    }

    @Test func uintAndSintTakeFourBytesWhenTheValueFits() throws {
        let small = try CodecSpec.encode(#"{"uint": 4294967295, "sint": -2147483648}"#)
        #expect(small == CodecSpec.attribute(CodecSpec.type("uint"), [0xff, 0xff, 0xff, 0xff])
            + CodecSpec.attribute(CodecSpec.type("sint"), [0, 0, 0, 0x80]))
        let large = try CodecSpec.encode(#"{"uint": 4294967296, "sint": -2147483649}"#)
        #expect(large == CodecSpec.attribute(CodecSpec.type("uint"), [0, 0, 0, 0, 1, 0, 0, 0])
            + CodecSpec.attribute(CodecSpec.type("sint"), [0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff]))
    }

    @Test func bigEndianIsHonouredBothWays() throws {
        let bytes = try CodecSpec.encode(#"{"port": 8080, "ip-number": "10.0.0.1"}"#)
        #expect(bytes == CodecSpec.attribute(CodecSpec.type("port"), [0x1f, 0x90])
            + CodecSpec.attribute(CodecSpec.type("ip-number"), [10, 0, 0, 1]))
        // NLA_F_NET_BYTEORDER on a host-order attribute: the reader swaps too.
        let flagged = CodecSpec.attribute(CodecSpec.type("u16") | 0x4000, [0x1f, 0x90])
        #expect(try CodecSpec.decode(flagged)["u16"] == .integer(8080))
    }

    @Test func namesAndNumbersEncodeAlike() throws {
        #expect(try CodecSpec.encode(#"{"color": "blue", "features": ["fast", "cheap"], "sparse": "ten"}"#)
            == CodecSpec.encode(#"{"color": 2, "features": 5, "sparse": 10}"#))
        #expect(try CodecSpec.encode(#"{"features": "safe", "u32": "0x10", "s8": "-3"}"#)
            == CodecSpec.encode(#"{"features": ["safe"], "u32": 16, "s8": -3}"#))
    }

    @Test func flagsAndEnumsAsFlagsAreBits() throws {
        #expect(try CodecSpec.encode(#"{"features": ["safe", "cheap"], "color-bits": ["green"]}"#)
            == CodecSpec.attribute(CodecSpec.type("features"), [6, 0, 0, 0])
            + CodecSpec.attribute(CodecSpec.type("color-bits"), [2, 0, 0, 0]))
    }

    @Test func aFalseFlagSendsNothing() throws {
        #expect(try CodecSpec.encode(#"{"enabled": false}"#).isEmpty)
        #expect(try CodecSpec.encode(#"{"enabled": true}"#) == CodecSpec.attribute(CodecSpec.type("enabled"), []))
    }

    @Test func indexedArraysNumberTheirElementsFromZero() throws {
        let bytes = try CodecSpec.encode(#"{"values": [7, 9]}"#)
        let elements = CodecSpec.attribute(0, [7, 0]) + CodecSpec.attribute(1, [9, 0])
        #expect(bytes == CodecSpec.attribute(CodecSpec.type("values"), elements, nested: true))
    }

    @Test func bitfield32IsValueThenSelector() throws {
        let bytes = try CodecSpec.encode(#"{"bits": {"value": 1, "selector": ["fast", "safe"]}}"#)
        #expect(bytes == CodecSpec.attribute(CodecSpec.type("bits"), [1, 0, 0, 0, 3, 0, 0, 0]))
    }

    @Test func structsArePackedWithTheirByteOrder() throws {
        let bytes = try CodecSpec.encode(#"{"pair": {"first": 1, "second": 2, "tag": "abcd"}}"#)
        #expect(bytes == CodecSpec.attribute(CodecSpec.type("pair"), [1, 0, 0, 0, 0, 2, 0xab, 0xcd]))
        // Members not given are zero.
        let zeros = try CodecSpec.encode(#"{"pair": {}}"#)
        #expect(zeros == CodecSpec.attribute(CodecSpec.type("pair"), [0, 0, 0, 0, 0, 0, 0, 0]))
    }

    @Test func theFixedHeaderComesFirstFromTheSameObject() throws {
        let bytes = try CodecSpec.encode(#"{"index": 5, "kind": "green", "u32": 1}"#, operation: "with-header")
        #expect(bytes == [5, 0, 0, 0, 1, 0, 0, 0] + CodecSpec.attribute(CodecSpec.type("u32"), [1, 0, 0, 0]))
        let decoded = try CodecSpec.decode(bytes, operation: "with-header")
        #expect(JSONValue.object(decoded) == (try JSONValue(parsing: #"{"index": 5, "kind": "green", "pad": "000000", "u32": 1}"#)))
    }

    @Test func displayHintsAcceptTheirOtherForms() throws {
        #expect(try CodecSpec.encode(#"{"mac": "02005e100001", "blob": "00 ff:10"}"#)
            == CodecSpec.encode(#"{"mac": "02:00:5e:10:00:01", "blob": "00ff10"}"#))
        #expect(try CodecSpec.encode(#"{"id": "123e4567e89b12d3a456426614174000"}"#)
            == CodecSpec.encode(#"{"id": "123e4567-e89b-12d3-a456-426614174000"}"#))
    }

    @Test func theSchemaNamesAttributesForErrors() {
        let schema = CodecSpec.codec.schema
        #expect(schema.sets["all"]?.attributes[CodecSpec.type("inner")]?.nestedSet == "inner")
        #expect(schema.sets["inner"]?.attributes[2]?.name == "b")
    }
}
