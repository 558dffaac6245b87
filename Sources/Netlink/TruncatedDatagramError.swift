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

extension TruncatedDatagramError {
    /// The error for a datagram of `size` bytes that `buffer` was too small for, after
    /// growing `buffer` to hold one that size (whole pages): that datagram is lost, the
    /// next of its size is not. For transports; out of line, so that a receive loop only
    /// branches here.
    @inline(never)
    public static func growing(_ buffer: inout [UInt8], toHold size: Int) -> TruncatedDatagramError {
        let error = TruncatedDatagramError(bufferSize: buffer.count, datagramSize: size)
        buffer = [UInt8](receiveBufferOf: (size + 4095) & ~4095)
        return error
    }
}

extension [UInt8] {
    /// A receive buffer of `byteCount` bytes, left unwritten: the kernel writes a
    /// datagram before any of it is read, and only the bytes it wrote are. Zeroing it
    /// cost a `memset` of the whole buffer and a page fault per page in every process,
    /// before the first request.
    @inlinable
    init(receiveBufferOf byteCount: Int) {
        self.init(unsafeUninitializedCapacity: byteCount) { _, initialized in initialized = byteCount }
    }
}
