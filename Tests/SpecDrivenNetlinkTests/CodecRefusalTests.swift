import Netlink
import NetlinkSpec
import SpecDrivenNetlink
import Testing

/// What the codec cannot do is refused clearly: a request value it cannot encode names
/// where in the request it is; a spec construct it does not support names its place in
/// the spec.
@Suite struct CodecRefusalTests {
    @Test(arguments: [
        (#"{"nope": 1}"#, "request .nope: attribute set 'all' has no attribute 'nope' (known: u8, u16,"),
        (#"{"u8": 256}"#, "request .u8: 256 does not fit a u8 (0...255)"),
        (#"{"s8": -129}"#, "request .s8: -129 does not fit a s8 (-128...127)"),
        (#"{"u64": -1}"#, "request .u64: -1 does not fit a u64"),
        (#"{"u64": 18446744073709551616}"#, "request .u64: 18446744073709551616 does not fit a u64"),
        (#"{"u32": 1.5}"#, "request .u32: expected an integer (u32), found a number"),
        (#"{"u32": "ten"}"#, "request .u32: 'ten' is not a number"),
        (#"{"u32": true}"#, "request .u32: expected an integer (u32), found a boolean"),
        (#"{"color": "purple"}"#, "request .color: 'purple' is not an entry of enum color (known: red, green, blue)"),
        (#"{"features": ["fast", "slow"]}"#, "request .features: 'slow' is not an entry of flags feature"),
        (#"{"features": [true]}"#, "request .features: a list of flags holds names or numbers, not a boolean"),
        (#"{"color": ["red"]}"#, "request .color: expected a name of enum color or a number, found an array"),
        (#"{"text": 5}"#, "request .text: expected a string, found an integer"),
        (#"{"text": "a\u0000b"}"#, "request .text:"),
        (#"{"blob": "abc"}"#, "request .blob: 'abc' is not hex"),
        (#"{"mac": "zz:00"}"#, "request .mac: 'zz:00' is not hex (two digits a byte) nor mac text"),
        (#"{"addr4": "300.1.1.1"}"#, "request .addr4: '300.1.1.1' is not hex (two digits a byte) nor ipv4 text"),
        (#"{"enabled": 1}"#, "request .enabled: expected true or false (flag), found an integer"),
        (#"{"inner": [1]}"#, "request .inner: expected an object (nest inner), found an array"),
        (#"{"inner": {"self": {"zz": 1}}}"#, "request .inner.self.zz: attribute set 'inner' has no attribute 'zz'"),
        (#"{"items": [{"a": 1}, {"a": "x"}]}"#, "request .items[1].a: 'x' is not a number"),
        (#"{"list": {"a": 1}}"#, "request .list: expected a list (indexed-array), found an object"),
        (#"{"values": [1, 70000]}"#, "request .values[1]: 70000 does not fit a u16"),
        (#"{"pair": {"first": 1, "third": 3}}"#, "request .pair.third: struct pair has no member 'third'"),
        (#"{"pair": {"tag": "abcdef"}}"#, "request .pair.tag: 3 bytes do not fit the member's 2"),
        (#"{"pair": [1]}"#, "request .pair: expected hex text or an object (struct pair), found an array"),
        (#"{"bits": {"value": 1}}"#, "request .bits.selector: missing (bitfield32)"),
        (#"{"bits": {"value": 1, "selector": 1, "mask": 2}}"#, "request .bits.mask: struct nla_bitfield32 has no member"),
        (#"{"pad": 0}"#, "request .pad: pad attributes are never sent"),
        (#"{"table": {}}"#, "request .table: nest-type-value attributes are never sent"),
        ("[1]", "request: expected an object of attributes, found an array"),
        (#"{"blob": ""# + String(repeating: "ab", count: 70000) + #""}"#,
         "request .blob: attribute 13 of 70000 bytes is longer than a netlink attribute can carry"),
        (#"{"inner": {"self": {"b": ""# + String(repeating: "x", count: 40000) + #""}, "b": ""# + String(repeating: "y", count: 40000) + #""}}"#,
         "request .inner: attribute 28 of"),
    ])
    func requestValuesItCannotEncodeSayWhere(_ json: String, _ expected: String) {
        #expect {
            _ = try CodecSpec.encode(json)
        } throws: { error in
            "\(error)".contains(expected)
        }
    }

    @Test func theFixedHeaderRefusesWhatItCannotHold() {
        #expect {
            _ = try CodecSpec.encode(#"{"index": -1}"#, operation: "with-header")
        } throws: { error in
            "\(error)" == "request .index: -1 does not fit a u32 (0...4294967295)"
        }
    }

    /// Specs the codec cannot serve: refused with the file, line and YAML path.
    @Test(arguments: [
        ("- { name: odd, type: indexed-array, sub-type: flag }",
         "unsupported.yaml:8:9: attribute-sets[0].attributes[1].sub-type: indexed-array of sub-type flag is not supported"),
        ("- { name: odd, type: binary, sub-type: uint }",
         "unsupported.yaml:8:9: attribute-sets[0].attributes[1].sub-type: binary of sub-type uint is not supported"),
        ("- { name: odd, type: indexed-array, sub-type: bitfield32 }",
         "unsupported.yaml:8:9: attribute-sets[0].attributes[1].sub-type: indexed-array of sub-type bitfield32 is not supported"),
    ])
    func unsupportedConstructsAreRefusedWithTheirPlace(_ attribute: String, _ expected: String) throws {
        let yaml = """
            name: unsupported
            protocol: genetlink-legacy
            doc: Constructs the codec refuses.
            attribute-sets:
              - name: main
                attributes:
                  - { name: ok, type: u32 }
                  \(attribute)
            operations:
              list:
                - { name: get, doc: Get., attribute-set: main, do: { reply: { attributes: [ok, odd] } } }
            """
        let spec = try Spec(yaml: yaml, source: "unsupported.yaml")
        let codec = SpecCodec(spec: spec)
        #expect {
            try codec.checkSupported(spec.operations.list[0])
        } throws: { error in
            (error as? SpecError)?.description.hasPrefix(expected) == true
        }
    }
}
