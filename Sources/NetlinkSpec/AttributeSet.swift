/// One of `attribute-sets`: a space of attribute types, the top level of a message or
/// the inside of a nest.
public struct AttributeSet: Hashable, Sendable {
    public var name: String
    /// Where it is in the spec.
    public var location: SpecLocation
    public var doc: String?
    /// `name-prefix`: replaces the default `<family>-a-<set>-` of its C enum entries.
    public var namePrefix: String?
    /// `enum-name` (null: an anonymous C enum, the default).
    public var enumName: OptionalName
    /// A fractional set: a subset of this set's attributes, used inside nests; it has no
    /// C enum of its own and its attributes keep the main set's values.
    public var subsetOf: String?
    /// `attr-cnt-name` / `attr-max-name` (genetlink-c).
    public var attributeCountName: String?
    public var attributeMaxName: String?
    /// A C header that already defines the set's enum (genetlink-c).
    public var header: String?
    public var attributes: [Attribute]

    public func attribute(named name: String) -> Attribute? {
        attributes.first { $0.name == name }
    }

    public func attribute(withValue value: Int) -> Attribute? {
        attributes.first { $0.value == value }
    }

    /// The highest attribute value, 0 for an empty set.
    public var maximumValue: Int { attributes.map(\.value).max() ?? 0 }
}

/// One attribute of a set.
public struct Attribute: Hashable, Sendable {
    public var name: String
    /// Where it is in the spec.
    public var location: SpecLocation
    public var type: AttributeType
    public var doc: String?
    /// Its type number: `value:` or one more than the previous attribute's (1 first).
    public var value: Int
    public var byteOrder: ByteOrder?
    /// Repeated in one message: an array.
    public var isMultiAttribute: Bool
    /// `nest` / `indexed-array` of nests / `nest-type-value`: the set inside.
    public var nestedAttributes: String?
    /// An `enum` or `flags` definition giving the values names.
    public var enumName: String?
    /// Treat `enumName` (an enum) as bit numbers.
    public var enumAsFlags: Bool
    public var checks: Checks
    /// `indexed-array`: the type of each element.
    public var subType: AttributeType?
    public var displayHint: String?
    /// Per-attribute `name-prefix` (genetlink-c).
    public var namePrefix: String?
    /// `binary` attributes laid out as a struct (genetlink-legacy).
    public var structName: String?
    /// `nest-type-value`: names for the numbers carried in the nested attributes' types.
    public var typeValue: [String]
}

/// The attribute types of the genetlink schemas.
public enum AttributeType: String, Hashable, Sendable, CaseIterable {
    case unused, pad, flag, binary, bitfield32, uint, sint
    case u8, u16, u32, u64, s8, s16, s32, s64
    case string, nest
    case indexedArray = "indexed-array"
    case nestTypeValue = "nest-type-value"

    /// The width of a fixed integer type in bytes.
    public var integerWidth: Int? {
        switch self {
        case .u8, .s8: 1
        case .u16, .s16: 2
        case .u32, .s32: 4
        case .u64, .s64: 8
        default: nil
        }
    }

    /// A fixed-width or variable-width (`uint`/`sint`) integer.
    public var isInteger: Bool { integerWidth != nil || self == .uint || self == .sint }
    public var isSigned: Bool { [.s8, .s16, .s32, .s64, .sint].contains(self) }
}

/// `checks`: what the kernel validates in a request.
public struct Checks: Hashable, Sendable {
    public var flagsMask: String?
    public var min: IntegerOrName?
    public var max: IntegerOrName?
    public var minLength: IntegerOrName?
    public var maxLength: IntegerOrName?
    public var exactLength: IntegerOrName?
    public var unterminatedOK: Bool

    public init(
        flagsMask: String? = nil, min: IntegerOrName? = nil, max: IntegerOrName? = nil,
        minLength: IntegerOrName? = nil, maxLength: IntegerOrName? = nil,
        exactLength: IntegerOrName? = nil, unterminatedOK: Bool = false
    ) {
        self.flagsMask = flagsMask
        self.min = min
        self.max = max
        self.minLength = minLength
        self.maxLength = maxLength
        self.exactLength = exactLength
        self.unterminatedOK = unterminatedOK
    }

    public var isEmpty: Bool { self == Checks() }
}
