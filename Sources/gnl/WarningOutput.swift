import CommandLineSupport
import Netlink

/// The kernel's warnings on requests that succeeded (extended-ACK messages with error 0,
/// on the acknowledgement or on the dump's end): one line each on stderr,
/// "warning: OPERATION: MESSAGE", as errors are "error: …". The answer still goes to
/// stdout, and the exit status stays 0.
enum WarningOutput {
    static func printer(operation: String) -> (NetlinkWarning) -> Void {
        { warning in writeToStandardError("warning: \(operation): \(warning)\n") }
    }
}
