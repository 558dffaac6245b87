/// The kernel sent a datagram larger than the receive buffer (`MSG_TRUNC`): its tail is
/// lost, so the answer cannot be trusted.
public struct TruncatedDatagramError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The receive buffer's size in bytes.
    public var bufferSize: Int
    /// The datagram's size in bytes, where the transport learnt it (`MSG_TRUNC` returns it).
    public var datagramSize: Int?

    public init(bufferSize: Int, datagramSize: Int? = nil) {
        self.bufferSize = bufferSize
        self.datagramSize = datagramSize
    }

    public var description: String {
        let size = datagramSize.map { "a \($0)-byte" } ?? "a"
        return "netlink datagram truncated (MSG_TRUNC): \(size) datagram, larger than the \(bufferSize)-byte receive buffer"
    }
}
