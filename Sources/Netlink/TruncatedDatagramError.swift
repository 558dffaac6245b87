/// The kernel sent a datagram larger than the receive buffer (`MSG_TRUNC`): its tail is
/// lost, so the answer cannot be trusted.
public struct TruncatedDatagramError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The receive buffer's size in bytes.
    public var bufferSize: Int

    public init(bufferSize: Int) {
        self.bufferSize = bufferSize
    }

    public var description: String {
        "netlink datagram truncated (MSG_TRUNC): larger than the \(bufferSize)-byte receive buffer"
    }
}
