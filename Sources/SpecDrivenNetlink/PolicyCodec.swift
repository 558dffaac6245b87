import GenericNetlink
import Netlink

/// Requests and replies of a family that has no spec here, by the kernel's own policy
/// (`CTRL_CMD_GETPOLICY`): attributes are keyed by number (`{"1": 5}`), each typed by the
/// policy of the command it is sent with; replies show each attribute by number, its
/// payload in hex or, when nested, as an object.
public struct PolicyCodec: Sendable {
    public let policies: KernelPolicies

    public init(policies: KernelPolicies) {
        self.policies = policies
    }

    /// Writes `object`'s attributes as the attributes of a `command` request in `mode`.
    public func encodeRequest(
        _ object: JSONObject, command: UInt8, mode: OperationMode, into encoder: inout MessageEncoder
    ) throws {
        let policy = policies.policies(ofCommand: UInt32(command))
        let index = policies.policyIndex(ofCommand: UInt32(command), mode: mode)
        try encodeAttributes(object, policy: policy, index: index, path: "", into: &encoder)
    }

    /// Writes `object`'s attributes, typed by the policy `index` of `policy` (nil: the
    /// command accepts none).
    private func encodeAttributes(
        _ object: JSONObject, policy: FamilyPolicy, index: UInt32?, path: String, into encoder: inout MessageEncoder
    ) throws {
        let rules = index.flatMap { policy.policies[$0] } ?? [:]
        for (key, value) in object.members {
            let attributePath = "\(path).\(key)"
            guard let type = UInt16(key), type > 0, Int(type) <= SpecCodec.maximumAttributeType else {
                throw RequestValueError(path: attributePath, "without a spec, attributes are numbered: \"1\", \"2\" …")
            }
            guard let rule = rules[type] else {
                let known = rules.keys.sorted().map(String.init).joined(separator: ", ")
                throw RequestValueError(
                    path: attributePath,
                    "the kernel's policy has no attribute \(type) here" + (known.isEmpty ? " (it accepts none)" : " (it has: \(known))"))
            }
            try encode(value, as: rule, in: policy, type: type, path: attributePath, into: &encoder)
        }
    }

    private func encode(
        _ value: JSONValue, as rule: AttributePolicy, in policy: FamilyPolicy, type: UInt16, path: String,
        into encoder: inout MessageEncoder
    ) throws {
        switch rule.attributeType {
        case .flag:
            switch value {
            case .bool(true): encoder.appendFlag(type)
            case .bool(false), .null: break
            default: throw RequestValueError(path: path, "expected true or false (flag), found \(value.kindDescription)")
            }
        case .string, .nulString:
            guard case .string(let text) = value else {
                throw RequestValueError(path: path, "expected a string, found \(value.kindDescription)")
            }
            do { try encoder.appendAttribute(type, string: text) } catch { throw RequestValueError(path: path, "\(error)") }
        case .binary:
            guard case .string(let text) = value, let bytes = DisplayHint.bytes(fromHex: text) else {
                throw RequestValueError(path: path, "expected hex text (binary), found \(value.kindDescription)")
            }
            try encoder.appendAttribute(type, bytes: bytes)
        case .nested:
            guard case .object(let object) = value else {
                throw RequestValueError(path: path, "expected an object (nested), found \(value.kindDescription)")
            }
            try encoder.appendNested(type) {
                try encodeAttributes(object, policy: policy, index: rule.nestedPolicy, path: path, into: &$0)
            }
        case .nestedArray:
            guard case .array(let elements) = value else {
                throw RequestValueError(path: path, "expected a list of objects (nested-array), found \(value.kindDescription)")
            }
            try encoder.appendNested(type) { encoder in
                for (index, element) in elements.enumerated() {
                    guard case .object(let object) = element, index <= SpecCodec.maximumAttributeType else {
                        throw RequestValueError(path: "\(path)[\(index)]", "expected an object, found \(element.kindDescription)")
                    }
                    try encoder.appendNested(UInt16(index)) {
                        try encodeAttributes(object, policy: policy, index: rule.nestedPolicy, path: "\(path)[\(index)]", into: &$0)
                    }
                }
            }
        case .bitfield32:
            guard case .object(let object) = value, case .integer(let bits)? = object["value"],
                case .integer(let selector)? = object["selector"], let bits32 = UInt32(exactly: bits),
                let selector32 = UInt32(exactly: selector), object.members.count == 2
            else {
                throw RequestValueError(path: path, "expected {\"value\": N, \"selector\": N} (bitfield32)")
            }
            encoder.appendAttribute(type, bitfield32: NetlinkBitfield32(value: bits32, selector: selector32))
        default:
            guard let format = rule.attributeType?.integerFormat else {
                throw RequestValueError(path: path, "the kernel's policy type \(rule.type) is not one this tool can encode")
            }
            let number = try IntegerValues(format: format).encode(value, path: path)
            try encoder.appendAttribute(type, bytes: format.bytes(number))
        }
    }

    /// A reply's attributes by number: nested ones (`NLA_F_NESTED`) as objects, the others
    /// in hex. Replies have no policy to type them by.
    public static func decodeAttributes(in bytes: RawSpan) throws -> JSONObject {
        var object = JSONObject()
        try AttributeDecoder.forEach(in: bytes) { header, range in
            let payload = bytes.extracting(range)
            let value: JSONValue =
                header.isNested
                ? .object(try decodeAttributes(in: payload)) : .string(DisplayHint.hex(header.bytes(in: payload)))
            let key = String(header.type)
            if let existing = object[key] {
                guard case .array(let list) = existing else { return object[key] = .array([existing, value]) }
                object[key] = .array(list + [value])
            } else {
                object[key] = value
            }
        }
        return object
    }
}
