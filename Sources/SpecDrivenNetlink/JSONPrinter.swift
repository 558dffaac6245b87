import JSONWriting

extension JSONValue {
    /// The value as JSON text: on one line (`compact`), or indented by two spaces per level
    /// as people read it. Integers are written exactly.
    public func text(compact: Bool = true) -> String {
        var out = ""
        write(to: &out, indent: compact ? nil : 0)
        return out
    }

    /// `indent`: the current level's indentation, nil for one line.
    private func write(to out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .number(let value): out += value.isFinite ? "\(value)" : "null"
        case .string(let text): JSONText.write(text, to: &out)
        case .array(let elements):
            writeContainer(open: "[", close: "]", count: elements.count, indent: indent, to: &out) { index, out, inner in
                elements[index].write(to: &out, indent: inner)
            }
        case .object(let object):
            writeContainer(open: "{", close: "}", count: object.members.count, indent: indent, to: &out) { index, out, inner in
                JSONText.write(object.members[index].key, to: &out)
                out += inner == nil ? ":" : ": "
                object.members[index].value.write(to: &out, indent: inner)
            }
        }
    }

    private func writeContainer(
        open: String, close: String, count: Int, indent: Int?, to out: inout String,
        element: (Int, inout String, Int?) -> Void
    ) {
        out += open
        guard count > 0 else { return out += close }
        let inner = indent.map { $0 + 2 }
        for index in 0..<count {
            if index > 0 { out += "," }
            if let inner { out += "\n" + String(repeating: " ", count: inner) }
            element(index, &out, inner)
        }
        if let indent { out += "\n" + String(repeating: " ", count: indent) }
        out += close
    }
}
