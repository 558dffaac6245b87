import Yams

/// A node of the spec's YAML with where it came from, and typed reads that throw a
/// `SpecError` naming the node's path and line when the YAML is not what the schema says.
///
/// Mappings are read key by key; `finish()` then refuses any key nobody read, the way the
/// kernel's schemas (`additionalProperties: False`) refuse unknown keys.
struct SpecNode {
    let node: Node
    let path: String
    let file: String

    init(_ node: Node, path: String, file: String) {
        self.node = node
        self.path = path
        self.file = file
    }

    var location: SpecLocation {
        SpecLocation(file: file, line: node.mark?.line, column: node.mark?.column, path: path)
    }

    func error(_ message: String) -> SpecError {
        SpecError(
            file: file, line: node.mark?.line, column: node.mark?.column, path: path,
            message: message)
    }

    /// The path of a child: `parent.key` or `parent[index]`.
    func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    var isNull: Bool {
        if case .scalar(let scalar) = node { return scalar.style == .plain && Self.nullWords.contains(scalar.string) }
        return false
    }
    private static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]

    /// A scalar's text. Numbers and words alike: the caller decides what it must be.
    func scalar(what: String = "a scalar") throws(SpecError) -> String {
        guard case .scalar(let scalar) = node else { throw error("expected \(what), found \(kind)") }
        return scalar.string
    }

    func string() throws(SpecError) -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw error("expected a string, found \(kind)") }
        return scalar.string
    }

    func integer() throws(SpecError) -> Int {
        let text = try scalar(what: "an integer")
        guard let value = Self.parseInteger(text) else { throw error("expected an integer, found '\(text)'") }
        return value
    }

    func bool() throws(SpecError) -> Bool {
        switch try scalar(what: "true or false") {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        case let other: throw error("expected true or false, found '\(other)'")
        }
    }

    /// An integer, or else the text (a constant's name, `u32-max`, `CONST - 1`).
    func integerOrName() throws(SpecError) -> IntegerOrName {
        let text = try scalar(what: "an integer or a name")
        if let value = Self.parseInteger(text) { return .integer(value) }
        return .name(text)
    }

    func sequence() throws(SpecError) -> [SpecNode] {
        guard case .sequence(let items) = node else { throw error("expected a list, found \(kind)") }
        return items.enumerated().map { SpecNode($1, path: "\(path)[\($0)]", file: file) }
    }

    func strings() throws(SpecError) -> [String] {
        var result: [String] = []
        for item in try sequence() { result.append(try item.string()) }
        return result
    }

    func mapping() throws(SpecError) -> SpecMapping {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping, found \(kind)") }
        var entries: [(key: String, node: SpecNode)] = []
        for (key, value) in mapping {
            guard case .scalar(let keyScalar) = key else { throw error("a mapping key that is not text") }
            entries.append((keyScalar.string, SpecNode(value, path: childPath(keyScalar.string), file: file)))
        }
        return SpecMapping(node: self, entries: entries)
    }

    private var kind: String {
        switch node {
        case .scalar(let scalar): isNull ? "nothing" : "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// Decimal, or hex with 0x, optionally negative.
    static func parseInteger(_ text: String) -> Int? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative || digits.first == "+" { digits = digits.dropFirst() }
        let value: Int?
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            value = Int(digits.dropFirst(2), radix: 16)
        } else {
            value = digits.allSatisfy(\.isNumber) ? Int(digits) : nil
        }
        return value.map { negative ? -$0 : $0 }
    }
}

/// A YAML mapping being read: each key is taken at most once, and `finish()` refuses
/// the ones nobody took.
final class SpecMapping {
    let node: SpecNode
    private var entries: [(key: String, node: SpecNode)]
    /// Every key asked for, to list in the error for a key that is not.
    private var known: [String] = []

    init(node: SpecNode, entries: [(key: String, node: SpecNode)]) {
        self.node = node
        self.entries = entries
    }

    /// The value under `key`, if present (a YAML null counts as present).
    func take(_ key: String) -> SpecNode? {
        if !known.contains(key) { known.append(key) }
        guard let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
        return entries.remove(at: index).node
    }

    func required(_ key: String) throws(SpecError) -> SpecNode {
        guard let value = take(key) else { throw node.error("missing '\(key)'") }
        return value
    }

    func string(_ key: String) throws(SpecError) -> String? { try take(key)?.string() }
    func integer(_ key: String) throws(SpecError) -> Int? { try take(key)?.integer() }
    func bool(_ key: String) throws(SpecError) -> Bool? { try take(key)?.bool() }

    /// A key the schema allows to be null (`enum-name:` with no value means "no name").
    func optionalName(_ key: String) throws(SpecError) -> OptionalName {
        guard let value = take(key) else { return .absent }
        return value.isNull ? .none : .named(try value.string())
    }

    /// Every key not taken yet, in order, all taken now: for a mapping whose keys are
    /// names the user chose (a config's spec paths) rather than the schema's.
    func takeAll() -> [(key: String, node: SpecNode)] {
        defer { entries = [] }
        return entries
    }

    /// Refuses keys nobody took, naming the first and the keys that are known here.
    func finish() throws(SpecError) {
        if let (key, value) = entries.first {
            throw value.error("unknown key '\(key)' (known here: \(known.joined(separator: ", ")))")
        }
    }
}

/// A value the schema allows as a number or a name (`len-or-define`, `len-or-limit`).
public enum IntegerOrName: Hashable, Sendable, CustomStringConvertible {
    case integer(Int)
    case name(String)

    public var description: String {
        switch self {
        case .integer(let value): "\(value)"
        case .name(let name): name
        }
    }
}

/// A C name the spec may set, leave out (the default applies) or set to null (no name).
public enum OptionalName: Hashable, Sendable {
    case absent
    case none
    case named(String)
}
