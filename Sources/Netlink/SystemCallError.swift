/// A system call on the netlink socket failed.
public struct SystemCallError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The call that failed, e.g. "recvfrom".
    public var call: String
    public var errno: Errno

    public init(call: String, errno: Errno) {
        self.call = call
        self.errno = errno
    }

    /// "socket: EPROTONOSUPPORT (93): Protocol not supported".
    public var description: String {
        "\(call): \(errno): \(errno.explanation)"
    }
}
