/// What a family's attributes are, by number: the part of its spec a client needs at run
/// time to name the attribute an extended ACK points at, and to check replies.
/// Generated clients carry theirs as a constant; a spec-driven tool builds one from a spec.
public struct FamilySchema: Sendable {
    public var familyName: String
    /// Attribute sets by name.
    public var sets: [String: AttributeSetSchema]

    public init(familyName: String, sets: [AttributeSetSchema]) {
        self.familyName = familyName
        self.sets = Dictionary(sets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

public struct AttributeSetSchema: Sendable {
    public var name: String
    /// By attribute type number.
    public var attributes: [UInt16: AttributeSchema]

    public init(name: String, attributes: [AttributeSchema]) {
        self.name = name
        self.attributes = Dictionary(attributes.map { ($0.type, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

public struct AttributeSchema: Sendable {
    /// The spec's attribute types.
    public enum Kind: String, Sendable {
        case unused, pad, flag, binary, bitfield32, uint, sint
        case u8, u16, u32, u64, s8, s16, s32, s64
        case string, nest
        case indexedArray = "indexed-array"
        case nestTypeValue = "nest-type-value"
    }

    public var name: String
    public var type: UInt16
    public var kind: Kind
    /// For nests, indexed arrays of nests and nest-type-value: the set inside.
    public var nestedSet: String?

    public init(name: String, type: UInt16, kind: Kind, nestedSet: String? = nil) {
        self.name = name
        self.type = type
        self.kind = kind
        self.nestedSet = nestedSet
    }
}
