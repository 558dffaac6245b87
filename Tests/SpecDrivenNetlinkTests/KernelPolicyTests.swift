import GenericNetlink
import Netlink
import NetlinkSpec
import SpecDrivenNetlink
import Testing

/// Without a spec: requests typed by the kernel's policy, errors described by it; and the
/// comparison of a spec with the kernel's policies (`--check-spec`), on crafted policies.
@Suite struct KernelPolicyTests {
    static func rule(_ type: PolicyAttributeType, _ configure: (inout AttributePolicy) -> Void = { _ in }) -> AttributePolicy {
        var rule = AttributePolicy(type: type.rawValue)
        configure(&rule)
        return rule
    }

    /// Command 3: do with policy 0 (1: u32 max 10, 2: nested policy 1); policy 1 has
    /// 1: nul-string max length 15. Command 4 is dump-only and, as kernels up to 6.18 report
    /// it, asked for alone its policy comes under command 0.
    static let policies: KernelPolicies = {
        var all = FamilyPolicy(familyID: 0x30)
        all.commands[3] = .init(doPolicy: 0)
        all.policies[0] = [
            1: rule(.u32) { $0.minimumUnsignedValue = 0; $0.maximumUnsignedValue = 10 },
            2: rule(.nested) { $0.nestedPolicy = 1 },
            4: rule(.u8) { $0.minimumUnsignedValue = 0; $0.maximumUnsignedValue = 1 },
            6: rule(.binary),
            7: rule(.u32),
            9: rule(.flag),
        ]
        all.policies[1] = [1: rule(.nulString) { $0.maximumLength = 15 }]
        var alone = FamilyPolicy(familyID: 0x30)
        alone.commands[0] = .init(dumpPolicy: 0)
        alone.policies[0] = [7: rule(.uint) { $0.mask = 1 }]
        let family = GenericNetlinkFamily(
            name: "crafted", id: 0x30,
            operations: [.init(command: 3, flags: [.canDo, .hasPolicy]), .init(command: 4, flags: [.canDump, .hasPolicy])])
        return KernelPolicies(family: family, all: all, perCommand: [4: alone])
    }()
    static let codec = PolicyCodec(policies: policies)

    static func request(_ json: String, command: UInt8 = 3, mode: OperationMode = .do) throws -> [UInt8] {
        var encoder = MessageEncoder(type: 0x30, flags: [], sequence: 1, portID: 0)
        encoder.append(GenericNetlinkHeader(command: command, version: 1))
        guard case .object(let object) = try JSONValue(parsing: json) else { throw RequestValueError(path: "", "not an object") }
        try codec.encodeRequest(object, command: command, mode: mode, into: &encoder)
        return encoder.finish()
    }

    @Test func attributesAreTypedByThePolicy() throws {
        let bytes = try Self.request(#"{"1": 5, "2": {"1": "eth0"}}"#)
        let expected = CodecSpec.attribute(1, [5, 0, 0, 0])
            + CodecSpec.attribute(2, CodecSpec.attribute(1, Array("eth0".utf8) + [0]), nested: true)
        #expect(Array(bytes.dropFirst(20)) == expected)
        // The dump-only command's policy, reported under command 0.
        let dump = try Self.request(#"{"7": 1}"#, command: 4, mode: .dump)
        #expect(Array(dump.dropFirst(20)) == CodecSpec.attribute(7, [1, 0, 0, 0]))
    }

    @Test(arguments: [
        (#"{"x": 1}"#, "request .x: without a spec, attributes are numbered"),
        (#"{"8": 1}"#, "request .8: the kernel's policy has no attribute 8 here (it has: 1, 2, 4, 6, 7, 9)"),
        (#"{"1": "a"}"#, "request .1: 'a' is not a number"),
        (#"{"1": 4294967296}"#, "request .1: 4294967296 does not fit a u32"),
        (#"{"2": 1}"#, "request .2: expected an object (nested), found an integer"),
        (#"{"2": {"1": 3}}"#, "request .2.1: expected a string, found an integer"),
    ])
    func requestsThePolicyCannotTypeAreRefused(_ json: String, _ expected: String) {
        #expect { _ = try Self.request(json) } throws: { "\($0)".contains(expected) }
    }

    @Test func errorsDescribeTheAttributeByThePolicy() throws {
        let bytes = try Self.request(#"{"1": 5, "2": {"1": "eth0"}}"#)
        #expect(Self.codec.describeAttribute(in: bytes, at: 20, command: 3, mode: .do) == "type 1 of command 3's policy: u32, max 10")
        #expect(Self.codec.describeAttribute(in: bytes, at: 32, command: 3, mode: .do)
            == "type 1 in type 2 of command 3's policy: nul-string, max length 15")
        #expect(Self.codec.describeAttribute(in: bytes, at: 21, command: 3, mode: .do) == nil)
        let error = NetlinkError(errno: .invalidArgument, message: "bad", offendingAttributeOffset: 20,
            missingAttribute: .init(type: 1, nestOffset: 28))
        let named = error.naming(operation: "crafted command 3", request: bytes, command: 3, mode: .do, codec: Self.codec)
        #expect("\(named)" == "crafted command 3: EINVAL (22): bad (bad attribute: type 1 of command 3's policy: u32, max 10)"
            + " (missing attribute: type 1 in type 2 of command 3's policy: nul-string, max length 15)")
    }

    @Test func summariesLeaveOutWholeRanges() {
        #expect(Self.rule(.u8) { $0.minimumUnsignedValue = 0; $0.maximumUnsignedValue = 255 }.summary == "u8")
        #expect(Self.rule(.s16) { $0.minimumSignedValue = -1; $0.maximumSignedValue = 32767 }.summary == "s16, min -1")
        #expect(Self.rule(.binary) { $0.minimumLength = 6; $0.maximumLength = 6 }.summary == "binary, min length 6, max length 6")
        #expect(AttributePolicy(type: 99).summary == "type 99")
    }

    /// A spec that agrees with the crafted kernel in places and differs in every other way.
    static let comparedSpec = try! Spec(yaml: """
        name: crafted
        protocol: genetlink-c
        doc: Compared with a crafted policy.
        definitions:
          - { name: mode, type: enum, entries: [off, on, auto] }
        attribute-sets:
          - name: main
            attributes:
              - { name: count, type: u32, checks: { max: 10 } }
              - { name: inner, type: nest, nested-attributes: inner }
              - { name: extra, type: u8 }
              - { name: mode, type: u8, enum: mode }
              - { name: port, type: u16, byte-order: big-endian }
              - { name: name, type: string }
              - { name: flags, type: uint }
          - name: inner
            attributes:
              - { name: name, type: string, checks: { max-len: 16 } }
              - { name: more, type: u32 }
        operations:
          list:
            - name: get
              doc: Get.
              value: 3
              attribute-set: main
              do: { request: { attributes: [count, inner, extra, mode, port, name] } }
              dump: { request: { attributes: [count] } }
            - name: scan
              doc: Scan.
              attribute-set: main
              dump: { request: { attributes: [flags] } }
            - name: gone
              doc: Not in the kernel.
              attribute-set: main
              config-cond: gone-feature
              do: { request: { attributes: [count] } }
        """, source: "crafted.yaml")

    @Test func everyDifferenceIsReported() {
        let differences = SpecPolicyComparison(spec: Self.comparedSpec, policies: Self.policies).differences().map(\.description)
        #expect(differences == [
            "crafted.yaml:18: get do .inner.name: other length: at most 16 bytes in the spec, at most 15 bytes in the kernel",
            "crafted.yaml:19: get do .inner.more: missing attribute: the spec lists it (u32), the kernel's policy does not accept it",
            "crafted.yaml:11: get do .extra: missing attribute: the spec lists it (u8), the kernel's policy does not accept it",
            "crafted.yaml:12: get do .mode: other range: 0...2 in the spec, 0...1 in the kernel",
            "crafted.yaml:14: get do .name: other type: nul-string in the spec, binary in the kernel",
            "crafted.yaml:15: get do .flags: attribute not in the spec: the kernel accepts it (u32), the spec's request does not list it",
            "crafted.yaml:22: get do .9: attribute not in the spec: the kernel accepts attribute 9 (flag), unknown to the spec's set main",
            "crafted.yaml:22: get dump: missing command: the kernel's command 3 has no dump",
            "crafted.yaml:15: scan dump .flags: other range: any uint in the spec, mask 0x1 in the kernel",
            "crafted.yaml:32: gone do: missing command: the kernel has no command 5 (the spec says it needs CONFIG_GONE_FEATURE)",
        ])
    }
}
