/// One entry of `definitions`: a constant, an enum, a set of flags or a struct.
public struct Definition: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case const, `enum`, flags, `struct`
    }

    public enum Scope: String, Hashable, Sendable, CaseIterable {
        case uapi, kernel, user
    }

    /// A `const`'s value: a number, or text (rendered as a C string literal).
    public enum ConstValue: Hashable, Sendable {
        case integer(Int)
        case string(String)
    }

    public var name: String
    /// Where it is in the spec.
    public var location: SpecLocation
    public var kind: Kind
    public var doc: String?
    /// A C header that already defines it: not rendered, included instead.
    public var header: String?
    /// Which generated C code renders it (`scope`, Linux 6.19+): the uapi header (the
    /// default), the kernel's generated header, or user space's.
    public var scope: Scope
    /// `const` only.
    public var value: ConstValue?
    /// `enum` and `flags`: the entries with their values resolved (for flags, the bit number;
    /// `userValue(_:)` gives `1 << bit`).
    public var entries: [EnumEntry]
    /// `render-max`: the C enum ends with a count and max (enum) or a mask (flags).
    public var renderMax: Bool
    /// `enum-name` (genetlink-c).
    public var enumName: OptionalName
    /// `name-prefix` (genetlink-c): replaces `<family>-<name>-` before each entry.
    public var namePrefix: String?
    /// `enum-cnt-name` (genetlink-c).
    public var enumCountName: String?
    /// `struct` only (genetlink-legacy).
    public var members: [StructMember]

    /// What an entry stands for on the wire: its value, or `1 << value` for flags.
    public func userValue(_ entry: EnumEntry, asFlags: Bool = false) -> UInt64 {
        kind == .flags || asFlags ? 1 << UInt64(entry.value) : UInt64(bitPattern: Int64(entry.value))
    }

    /// Every flag's bit, or'ed: what a mask check allows.
    public func mask(asFlags: Bool = false) -> UInt64 {
        entries.reduce(0) { $0 | userValue($1, asFlags: asFlags) }
    }

    /// The lowest and highest value when the values have no gaps; nil for a sparse enum.
    public var contiguousRange: ClosedRange<Int>? {
        let values = entries.map(\.value).sorted()
        guard let low = values.first, let high = values.last else { return nil }
        return high - low + 1 == values.count && Set(values).count == values.count ? low...high : nil
    }
}

public struct EnumEntry: Hashable, Sendable {
    public var name: String
    /// The value (for flags: the bit number), explicit or counted on from the previous one.
    public var value: Int
    public var doc: String?
}

/// A member of a `struct` definition (a fixed header or a binary attribute's layout).
public struct StructMember: Hashable, Sendable {
    public var name: String
    public var type: ScalarType
    /// `binary` members: their length in bytes (a number or a const's name).
    public var length: IntegerOrName?
    public var byteOrder: ByteOrder?
    public var doc: String?
    public var enumName: String?
    public var displayHint: String?
    /// A `binary` member holding another struct.
    public var structName: String?
}

/// The member types a struct allows.
public enum ScalarType: String, Hashable, Sendable, CaseIterable {
    case u8, u16, u32, u64, s8, s16, s32, s64, string, binary

    /// The width of a fixed integer type in bytes; nil for string and binary.
    public var integerWidth: Int? {
        switch self {
        case .u8, .s8: 1
        case .u16, .s16: 2
        case .u32, .s32: 4
        case .u64, .s64: 8
        case .string, .binary: nil
        }
    }

    public var isSigned: Bool { rawValue.hasPrefix("s") && self != .string }
}

public enum ByteOrder: String, Hashable, Sendable, CaseIterable {
    case littleEndian = "little-endian"
    case bigEndian = "big-endian"
}
