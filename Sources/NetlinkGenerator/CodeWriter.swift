/// Accumulates generated text line by line, the way the kernel's YNL generator lays C out,
/// so that its output can match the kernel's byte for byte: tabs for indentation, at most
/// one blank line in a row, none before a closing brace, `#` lines at column 0 and labels
/// (`case x:`) one level out.
struct CodeWriter {
    private(set) var text = ""
    private var indent = 0
    private var blankLinePending = false

    /// Asks for a blank line before the next line (several asks make one).
    mutating func blankLine() { blankLinePending = true }

    mutating func line(_ line: String = "") {
        if blankLinePending {
            text += "\n"
            blankLinePending = false
        }
        if line.isEmpty {
            text += "\n"
            return
        }
        var depth = indent
        if line.hasPrefix("#") {
            depth = 0
        } else if line.hasSuffix(":"), depth > 0 {
            depth -= 1
        }
        text += String(repeating: "\t", count: depth) + line + "\n"
    }

    mutating func blockStart(_ opening: String) {
        line(opening.isEmpty ? "{" : opening + " {")
        indent += 1
    }

    mutating func blockEnd(_ closing: String = "") {
        blankLinePending = false
        indent -= 1
        line("}" + closing)
    }

    /// `#define NAME<tabs>VALUE` lines with the values aligned on a tab stop past the
    /// longest name, as the kernel's `writes_defines` does.
    mutating func defines(_ defines: [(name: String, value: String)]) {
        guard let longestName = defines.map(\.name.count).max() else { return }
        let column = (longestName + 8) / 8 * 8
        for (name, value) in defines {
            line("#define " + name + String(repeating: "\t", count: (column - name.count + 7) / 8) + value)
        }
    }

    /// A kernel-doc style comment line (` * text`), words wrapped before column 79 with
    /// continuation lines indented by two spaces when `indent` is set.
    mutating func docLines(_ text: String, indentContinuation: Bool = true) {
        var current = " *"
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
            if current.count + word.count >= 79 {
                line(current)
                current = " *" + (indentContinuation ? "  " : "")
            }
            current += " " + word
        }
        line(current)
    }

    /// `.name<tabs>= value,` lines, aligned per the longest name, as in the kernel's
    /// generated struct initialisers.
    mutating func structInitializer(_ members: [(name: String, value: String)]) {
        guard let longestName = members.map(\.name.count).max() else { return }
        let column = (longestName + 1 + 8) / 8 * 8
        for (name, value) in members {
            line("." + name + String(repeating: "\t", count: (column - name.count - 1 + 7) / 8) + "= " + value + ",")
        }
    }
}
