import CLibnlGenl
import Netlink

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// libnl-genl-3 failed for a reason of its own: not a refusal by the kernel (that is
/// `NetlinkError`) nor a failed system call (`SystemCallError`), e.g. a reply whose
/// sequence number libnl did not expect (`NLE_SEQ_MISMATCH`).
public struct LibnlError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The libnl function that failed, e.g. "nl_recvmsgs".
    public var function: String
    /// libnl's error code, positive (`NLE_SEQ_MISMATCH` is 16).
    public var code: Int32

    public init(function: String, code: Int32) {
        self.function = function
        self.code = code
    }

    /// libnl's text for `code` (`nl_geterror`), e.g. "Sequence number mismatch".
    public var explanation: String {
        String(cString: nl_geterror(code))
    }

    /// "nl_recvmsgs: Sequence number mismatch (libnl error 16)".
    public var description: String {
        "\(function): \(explanation) (libnl error \(code))"
    }
}

/// Turns libnl's negative return codes into this package's errors.
enum LibnlFailure {
    /// Runs a libnl call that returns a negative `NLE_*` code on failure and throws the
    /// matching error; returns what the call returned otherwise.
    @discardableResult
    static func check(call: String, _ body: () -> CInt) throws -> CInt {
        errno = 0
        let result = body()
        let savedErrno = errno
        if result < 0 {
            throw error(code: result, call: call, errno: savedErrno)
        }
        return result
    }

    /// libnl reports a failed system call as `-nl_syserr2nlerr(errno)`, losing the errno;
    /// when `errno` (read right after the call) translates to `code`, the system call is
    /// what failed and its errno is reported as `SystemCallError`. Anything else is
    /// libnl's own `LibnlError`.
    static func error(code: CInt, call: String, errno savedErrno: CInt) -> any Error {
        let code = code < 0 ? -code : code
        if savedErrno != 0, nl_syserr2nlerr(savedErrno) == code {
            return SystemCallError(call: call, errno: Errno(rawValue: savedErrno))
        }
        return LibnlError(function: call, code: code)
    }
}
