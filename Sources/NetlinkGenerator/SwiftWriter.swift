/// Swift source with four-space indentation, opened and closed by braces.
struct SwiftWriter {
    private(set) var text = ""
    private var depth = 0

    mutating func line(_ line: String) {
        text += line.isEmpty ? "\n" : String(repeating: "    ", count: depth) + line + "\n"
    }

    mutating func lines(_ lines: [String]) { for line in lines { self.line(line) } }

    /// A blank line, unless the last line is one or opens a block.
    mutating func blank() {
        guard !text.isEmpty, !text.hasSuffix("\n\n"), !text.hasSuffix("{\n") else { return }
        text += "\n"
    }

    mutating func open(_ head: String) {
        line(head.hasSuffix(" in") ? head : head + " {")
        depth += 1
    }

    mutating func close() {
        depth -= 1
        line("}")
    }

    /// `} else {`, `} catch … {`: closes a block and opens the next on the same line.
    mutating func reopen(_ head: String) {
        depth -= 1
        line(head + " {")
        depth += 1
    }

    mutating func indent() { depth += 1 }
    mutating func dedent() { depth -= 1 }
}
