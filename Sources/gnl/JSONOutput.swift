import SpecDrivenNetlink

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Prints JSON documents: indented for a person at a terminal, one line each otherwise
/// (for pipes, and a stream's messages one per line).
enum JSONOutput {
    static let isTerminal = isatty(STDOUT_FILENO) == 1

    static func print(_ value: JSONValue) {
        Swift.print(value.text(compact: !isTerminal))
        fflush(nil)  // before any notifications that follow it
    }

    /// One line, whatever the output: a message of a stream.
    static func printLine(_ value: JSONValue) {
        Swift.print(value.text(compact: true))
        fflush(nil)  // each line as it comes, for a reader at the other end of a pipe
    }
}
