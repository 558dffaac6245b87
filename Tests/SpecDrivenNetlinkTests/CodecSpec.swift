import GenericNetlink
import Netlink
import NetlinkSpec
import SpecDrivenNetlink

/// A small spec with every type the codec handles, and helpers to run requests through
/// it: encode a JSON request as `gnl --do` would, decode bytes as a reply.
enum CodecSpec {
    static let yaml = """
        name: codec
        protocol: genetlink-legacy
        doc: Every type, for the spec-driven codec's tests.
        definitions:
          - { name: color, type: enum, entries: [red, green, blue] }
          - { name: feature, type: flags, entries: [fast, safe, cheap] }
          - name: sparse
            type: enum
            entries: [{ name: one, value: 1 }, { name: ten, value: 10 }]
          - name: pair
            type: struct
            members:
              - { name: first, type: u16 }
              - { name: second, type: u32, byte-order: big-endian }
              - { name: tag, type: binary, len: 2 }
          - name: hdr
            type: struct
            members:
              - { name: index, type: u32 }
              - { name: kind, type: u8, enum: color }
              - { name: pad, type: binary, len: 3 }
        attribute-sets:
          - name: all
            attributes:
              - { name: u8, type: u8 }
              - { name: u16, type: u16 }
              - { name: u32, type: u32 }
              - { name: u64, type: u64 }
              - { name: s8, type: s8 }
              - { name: s16, type: s16 }
              - { name: s32, type: s32 }
              - { name: s64, type: s64 }
              - { name: uint, type: uint }
              - { name: sint, type: sint }
              - { name: port, type: u16, byte-order: big-endian }
              - { name: text, type: string }
              - { name: blob, type: binary }
              - { name: mac, type: binary, display-hint: mac }
              - { name: addr4, type: binary, display-hint: ipv4 }
              - { name: addr6, type: binary, display-hint: ipv6 }
              - { name: id, type: binary, display-hint: uuid }
              - { name: ip-number, type: u32, byte-order: big-endian, display-hint: ipv4 }
              - { name: mask, type: u32, display-hint: hex }
              - { name: color, type: u8, enum: color }
              - { name: features, type: u32, enum: feature }
              - { name: color-bits, type: u32, enum: color, enum-as-flags: true }
              - { name: sparse, type: u32, enum: sparse }
              - { name: enabled, type: flag }
              - { name: numbers, type: binary, sub-type: u32 }
              - { name: pair, type: binary, struct: pair }
              - { name: bits, type: bitfield32, enum: feature }
              - { name: inner, type: nest, nested-attributes: inner }
              - { name: items, type: nest, nested-attributes: inner, multi-attr: true }
              - { name: list, type: indexed-array, sub-type: nest, nested-attributes: inner }
              - { name: values, type: indexed-array, sub-type: u16 }
              - { name: names, type: indexed-array, sub-type: string }
              - { name: tags, type: u32, multi-attr: true }
              - { name: pad, type: pad }
              - { name: table, type: nest-type-value, type-value: [row], nested-attributes: inner }
              - { name: grid, type: nest-type-value, type-value: [row, column], nested-attributes: inner }
          - name: inner
            attributes:
              - { name: a, type: u32 }
              - { name: b, type: string }
              - { name: self, type: nest, nested-attributes: inner }
        operations:
          list:
            - name: get
              doc: Get everything.
              attribute-set: all
              do:
                request: { attributes: [u8, text, inner] }
                reply: { attributes: [u8, text, inner, list, table] }
              dump:
                reply: { attributes: [u8] }
            - name: with-header
              doc: A message with a fixed header.
              attribute-set: all
              fixed-header: hdr
              do:
                request: { attributes: [u32] }
                reply: { attributes: [u32] }
        """

    static let spec = try! Spec(yaml: yaml, source: "codec.yaml")
    static let codec = SpecCodec(spec: spec)
    static var all: AttributeSet { spec.attributeSet(named: "all")! }

    /// A request for `operation` as the codec writes it: `genlmsghdr` and what follows.
    static func encode(_ json: String, operation: String = "get") throws -> [UInt8] {
        var encoder = MessageEncoder(type: 0x30, flags: [], sequence: 1, portID: 0)
        encoder.append(GenericNetlinkHeader(command: 1, version: 1))
        try codec.encodeRequest(spec.operations.operation(named: operation)!, try JSONValue(parsing: json), into: &encoder)
        return Array(encoder.finish().dropFirst(16 + 4))
    }

    /// `bytes` (after `genlmsghdr`) decoded as a message of `operation`.
    static func decode(_ bytes: [UInt8], operation: String = "get") throws -> JSONObject {
        try codec.decodeMessage(spec.operations.operation(named: operation)!, bytes.span.bytes)
    }

    /// One attribute's bytes: `nlattr` (host order), payload, padding.
    static func attribute(_ type: UInt16, _ payload: [UInt8], nested: Bool = false) -> [UInt8] {
        let length = UInt16(4 + payload.count)
        let flaggedType = nested ? type | 0x8000 : type
        var bytes = withUnsafeBytes(of: length) { Array($0) } + withUnsafeBytes(of: flaggedType) { Array($0) } + payload
        bytes += [UInt8](repeating: 0, count: netlinkAligned(bytes.count) - bytes.count)
        return bytes
    }

    /// The type number of an attribute of `all`.
    static func type(_ name: String) -> UInt16 { UInt16(all.attribute(named: name)!.value) }
}
