/// Minimal JSON output without Foundation: strings escaped, objects and arrays from
/// already-encoded values. The CLIs' flat documents and SpecDrivenNetlink's printer both
/// write their strings here.
public enum JSONText {
    /// `text` as a JSON string literal, quotes included.
    public static func string(_ text: String) -> String {
        var out = ""
        write(text, to: &out)
        return out
    }

    /// Appends `text` as a JSON string literal, quotes included. Control characters are
    /// escaped, DEL (0x7f) too, which JSON allows unescaped: output read on a terminal
    /// shows no raw control bytes.
    public static func write(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let control where control.value < 0x20 || control.value == 0x7f:
                let hex = String(control.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// An object from already-encoded values, keys in the order given.
    public static func object(_ members: KeyValuePairs<String, String>) -> String {
        "{" + members.map { string($0.key) + ":" + $0.value }.joined(separator: ",") + "}"
    }

    /// An array from already-encoded values.
    public static func array(_ elements: [String]) -> String {
        "[" + elements.joined(separator: ",") + "]"
    }
}
