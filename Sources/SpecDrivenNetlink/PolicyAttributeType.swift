import GenericNetlink
import NetlinkSpec

/// `enum netlink_attribute_type` (`NL_ATTR_TYPE_*`): an attribute's type as the kernel's
/// policy dump reports it, named as nlctrl's spec names it.
public enum PolicyAttributeType: UInt32, Sendable, CaseIterable {
    case invalid, flag, u8, u16, u32, u64, s8, s16, s32, s64, binary, string
    case nulString = 12, nested, nestedArray, bitfield32, sint, uint

    /// `u32`, `nul-string`, `nested-array` …
    public var name: String {
        switch self {
        case .nulString: "nul-string"
        case .nestedArray: "nested-array"
        default: "\(self)"
        }
    }

    /// How its integers lie, for the integer types (host byte order: the kernel's policy
    /// dump has no `NLA_BE16`/`NLA_BE32`).
    var integerFormat: IntegerFormat? {
        // The integer types are named as the spec's attribute types are.
        AttributeType(rawValue: name).flatMap { IntegerFormat($0) }
    }
}

extension AttributePolicy {
    /// The type, when it is one this code knows.
    public var attributeType: PolicyAttributeType? { PolicyAttributeType(rawValue: type) }

    /// The lowest value an integer may have, signed or not.
    public var minimumValue: Int128? {
        minimumUnsignedValue.map { Int128($0) } ?? minimumSignedValue.map { Int128($0) }
    }

    /// The highest value an integer may have, signed or not.
    public var maximumValue: Int128? {
        maximumUnsignedValue.map { Int128($0) } ?? maximumSignedValue.map { Int128($0) }
    }

    /// What the policy allows, as people read it: `u32, max 10`, `nul-string, max length 15`,
    /// `nested (policy 2)`. An integer's range is left out when it is the type's whole range.
    public var summary: String {
        var parts = [attributeType?.name ?? "type \(type)"]
        let fullRange = attributeType?.integerFormat?.range
        if let minimum = minimumValue,
            minimum != fullRange?.lowerBound
        {
            parts.append("min \(minimum)")
        }
        if let maximum = maximumValue,
            maximum != fullRange?.upperBound
        {
            parts.append("max \(maximum)")
        }
        if let mask { parts.append("mask 0x\(String(mask, radix: 16))") }
        if let bitfield32Mask { parts.append("mask 0x\(String(bitfield32Mask, radix: 16))") }
        if let minimumLength { parts.append("min length \(minimumLength)") }
        if let maximumLength { parts.append("max length \(maximumLength)") }
        var text = parts.joined(separator: ", ")
        if let nestedPolicy { text += " (policy \(nestedPolicy))" }
        return text
    }
}
