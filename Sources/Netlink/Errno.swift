import CNetlink

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A POSIX error number, as the kernel reports it (positive, e.g. 22 for `EINVAL`).
public struct Errno: RawRepresentable, Hashable, Sendable, Error, CustomStringConvertible {
    public var rawValue: CInt

    public init(rawValue: CInt) {
        self.rawValue = rawValue
    }

    /// The C constant's name, e.g. "EINVAL"; "E<number>" when the C library does not know it.
    public var name: String {
        if let name = cnetlink_errno_name(rawValue) {
            return String(cString: name)
        }
        return "E\(rawValue)"
    }

    /// The C library's text for this error, e.g. "Invalid argument".
    public var explanation: String {
        String(cString: strerror(rawValue))
    }

    /// "EINVAL (22)".
    public var description: String {
        "\(name) (\(rawValue))"
    }

    /// The current thread's `errno`.
    @usableFromInline static var current: Errno {
        Errno(rawValue: errno)
    }
}

extension Errno {
    /// The corresponding C error is `EINTR`.
    public static let interrupted = Errno(rawValue: EINTR)
    /// The corresponding C error is `ENOENT`.
    public static let noSuchFileOrDirectory = Errno(rawValue: ENOENT)
    /// The corresponding C error is `EINVAL`.
    public static let invalidArgument = Errno(rawValue: EINVAL)
    /// The corresponding C error is `ERANGE`.
    public static let resultOutOfRange = Errno(rawValue: ERANGE)
    /// The corresponding C error is `EBUSY`.
    public static let resourceBusy = Errno(rawValue: EBUSY)
    /// The corresponding C error is `EOPNOTSUPP`.
    public static let notSupported = Errno(rawValue: EOPNOTSUPP)
    /// The corresponding C error is `EPERM`.
    public static let notPermitted = Errno(rawValue: EPERM)
    /// The corresponding C error is `ENOBUFS`: the socket's receive queue overflowed.
    public static let noBufferSpace = Errno(rawValue: ENOBUFS)
}
