import NetlinkSpec

/// The names an `enum` or `flags` definition gives an integer attribute's values: a name
/// or a number in requests; in replies a name, or the number itself when the spec has no
/// name for it, so nothing is lost.
struct EnumValues {
    let definition: Definition
    /// The values are bits: a `flags` definition, or an enum used with `enum-as-flags`.
    let isFlags: Bool

    init(_ definition: Definition, asFlags: Bool) {
        self.definition = definition
        isFlags = definition.kind == .flags || asFlags
    }

    /// A name's value on the wire (`1 << bit` for flags).
    func value(named name: String) -> UInt64? {
        definition.entries.first { $0.name == name }.map { definition.userValue($0, asFlags: isFlags) }
    }

    /// The value of a request's name, number or (for flags) list of them, or'ed.
    func encode(_ value: JSONValue, path: String) throws(RequestValueError) -> Int128 {
        switch value {
        case .integer(let number):
            return number
        case .string(let text):
            if let number = Self.integer(text) { return number }
            guard let known = self.value(named: text) else {
                throw RequestValueError(
                    path: path,
                    "'\(text)' is not an entry of \(definition.kind.rawValue) \(definition.name) (known: "
                        + definition.entries.map(\.name).joined(separator: ", ") + ")")
            }
            return Int128(known)
        case .array(let elements) where isFlags:
            var bits: Int128 = 0
            for element in elements {
                switch element {
                case .string, .integer: bits |= try encode(element, path: path)
                default:
                    throw RequestValueError(path: path, "a list of flags holds names or numbers, not \(element.kindDescription)")
                }
            }
            return bits
        default:
            throw RequestValueError(
                path: path,
                "expected a name of \(definition.kind.rawValue) \(definition.name)" + (isFlags ? " (or a list of them)" : "")
                    + " or a number, found \(value.kindDescription)")
        }
    }

    /// A reply's value: the entry's name (its number when unnamed); for flags, the names
    /// of the bits set, lowest first, with unnamed bits as their numbers.
    func decode(_ raw: Int128) -> JSONValue {
        guard isFlags else {
            let entry = definition.entries.first { Int128(definition.userValue($0)) == raw && raw >= 0 }
            return entry.map { .string($0.name) } ?? .integer(raw)
        }
        var bits = UInt64(truncatingIfNeeded: raw)
        var names: [JSONValue] = []
        while bits != 0 {
            let bit = bits & (~bits &+ 1)  // the lowest bit set
            bits &= ~bit
            let entry = definition.entries.first { definition.userValue($0, asFlags: true) == bit }
            names.append(entry.map { .string($0.name) } ?? .integer(Int128(bit)))
        }
        return .array(names)
    }

    /// Decimal or `0x` hex text, optionally negative: requests may write numbers as text.
    static func integer(_ text: String) -> Int128? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        let magnitude: Int128?
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            let hex = digits.dropFirst(2)
            magnitude = hex.first?.isHexDigit == true ? Int128(hex, radix: 16) : nil
        } else {
            magnitude = digits.first?.isNumber == true ? Int128(digits) : nil
        }
        return magnitude.map { negative ? -$0 : $0 }
    }
}
