import JSONWriting

/// A value of the one JSON line each command prints.
enum JSONValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case object([(String, JSONValue)])
    case array([JSONValue])

    init(integerLiteral value: Int) { self = .int(value) }
    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }

    var text: String {
        switch self {
        case .int(let value): return String(value)
        case .double(let value): return value.isFinite ? String(value) : "null"
        case .bool(let value): return value ? "true" : "false"
        case .string(let value): return quoted(value)
        case .object(let pairs): return "{" + pairs.map { quoted($0.0) + ": " + $0.1.text }.joined(separator: ", ") + "}"
        case .array(let values): return "[" + values.map(\.text).joined(separator: ", ") + "]"
        }
    }

    private func quoted(_ text: String) -> String { JSONText.string(text) }
}

/// One JSON object on one line.
func jsonLine(_ pairs: [(String, JSONValue)]) -> String {
    JSONValue.object(pairs).text
}
