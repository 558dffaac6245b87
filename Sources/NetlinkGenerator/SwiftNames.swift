import Foundation

/// Swift spellings of spec names: `echo-msg` → `echoMsg` (members), `page-pool` →
/// `PagePool` (types); keywords in backticks, a leading digit behind an underscore.
enum SwiftNames {
    static func words(_ name: String) -> [Substring] {
        name.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " || $0 == "." })
    }

    static func upperCamel(_ name: String) -> String {
        let joined = words(name).map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined()
        return joined.first?.isNumber == true ? "_" + joined : joined
    }

    /// A member name, escaped where Swift reserves it.
    static func lowerCamel(_ name: String) -> String {
        let upper = upperCamel(name)
        guard let first = upper.first else { return "_" }
        if first == "_" { return upper }
        let member = first.lowercased() + upper.dropFirst()
        return keywords.contains(member) ? "`\(member)`" : member
    }

    /// The name without backticks, for building other names from it.
    static func bare(_ name: String) -> String { name.replacingOccurrences(of: "`", with: "") }

    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "as", "false", "is", "nil", "self", "Self", "super", "throws",
        "true", "try", "Any", "Type", "some", "any",
    ]

    /// A Swift string literal.
    static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A spec doc as `///` lines (nil: none).
    static func docLines(_ doc: String?, indent: String) -> [String] {
        guard let doc else { return [] }
        let lines = doc.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).trimmingCharacters(in: .whitespaces) }
        var trimmed = Array(lines.drop { $0.isEmpty })
        while trimmed.last?.isEmpty == true { trimmed.removeLast() }
        return trimmed.map { $0.isEmpty ? "\(indent)///" : "\(indent)/// \($0)" }
    }
}
