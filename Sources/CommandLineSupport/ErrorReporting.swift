#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Runs a subcommand's work; any error is printed to stderr as "error: <description>"
/// (for a kernel error: "error: EINVAL (22): <extended-ACK message>") and the process
/// exits with status 1.
public func reportingErrors(_ body: () throws -> Void) {
    do {
        try body()
    } catch {
        fflush(nil)  // keep stdout's lines ahead of the error
        writeToStandardError("error: \(error)\n")
        exit(1)
    }
}

/// A failure a command finds itself (not the kernel's), reported as "error: <message>".
public struct CommandFailure: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Writes `text` to file descriptor 2 (stderr is unbuffered, so no stdio needed).
public func writeToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: STDERR_FILENO) }
}
