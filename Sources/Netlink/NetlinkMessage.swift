import CNetlink

/// One netlink message as received: its header and the payload after it.
///
/// The payload is a slice of the connection's receive buffer; keeping it past the
/// handler that received it is safe but makes the next receive copy the buffer.
public struct NetlinkMessage: Hashable, Sendable {
    public var header: NetlinkMessageHeader
    /// Everything after the 16-byte header, up to `nlmsg_len` (padding excluded).
    public var payload: ArraySlice<UInt8>

    @inlinable
    public init(header: NetlinkMessageHeader, payload: ArraySlice<UInt8>) {
        self.header = header
        self.payload = payload
    }
}

/// Splits a datagram into its netlink messages, checking every length.
///
///     while let message = decoder.next() { … }
///     try decoder.finish()    // throws the first problem, if any
///
/// Decoding stops at the first malformed header; `finish()` reports it.
public struct NetlinkMessageDecoder {
    @usableFromInline let datagram: ArraySlice<UInt8>
    /// Where the next message starts, an index into `datagram`.
    @usableFromInline var position: Int
    @usableFromInline var firstError: MalformedMessageError?

    /// The first problem found; once set, `next()` returns nil.
    public var error: MalformedMessageError? { firstError }

    @inlinable
    public init(_ datagram: ArraySlice<UInt8>) {
        self.datagram = datagram
        position = datagram.startIndex
    }

    // Always inlined: returned as an Optional from a call, the value is copied and
    // destroyed through its value witnesses (~90 instructions per item, callgrind).
    @inlinable @inline(__always)
    public mutating func next() -> NetlinkMessage? {
        guard firstError == nil, position < datagram.endIndex else { return nil }
        let datagram = datagram  // a copy: a span of the stored one would borrow self
        let bytes = datagram.span.bytes
        let offset = position - datagram.startIndex
        let length: Int
        do {
            length = try NetlinkRecord.message.length(in: bytes, at: offset)
        } catch {
            firstError = error
            return nil
        }
        let header = bytes.unsafeLoadUnaligned(fromByteOffset: offset, as: nlmsghdr.self)
        let payload = datagram[(position + messageHeaderLength)..<(position + length)]
        position = datagram.startIndex
            + NetlinkRecord.next(after: offset, length: length, byteCount: bytes.byteCount)
        return NetlinkMessage(header: NetlinkMessageHeader(header), payload: payload)
    }

    /// Throws the first problem `next()` found.
    @inlinable
    public func finish() throws(MalformedMessageError) {
        if let firstError { throw firstError }
    }
}
