import CNetlink

/// One netlink message as received: its header and the payload after it.
///
/// A connection hands out messages with a copy of their payload, which can be kept;
/// its borrowing methods (`request(…replyPayload:)`, `dump(…eachPayload:)`) copy nothing.
public struct NetlinkMessage: Hashable, Sendable {
    public var header: NetlinkMessageHeader
    /// Everything after the 16-byte header, up to `nlmsg_len` (padding excluded).
    public var payload: ArraySlice<UInt8>

    @inlinable
    public init(header: NetlinkMessageHeader, payload: ArraySlice<UInt8>) {
        self.header = header
        self.payload = payload
    }

    /// A message with a copy of `payload`, borrowed from a receive buffer.
    @inlinable
    public init(header: NetlinkMessageHeader, copying payload: RawSpan) {
        self.init(header: header, payload: payload.withUnsafeBytes { Array($0)[...] })
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
    // destroyed through its value witnesses, which costs more than decoding the item
    // (measured in measurements/analysis.md).
    @inlinable @inline(__always)
    public mutating func next() -> NetlinkMessage? {
        guard let (header, payload) = NetlinkRecord.message.next(
            nlmsghdr.self, in: datagram, position: &position, error: &firstError)
        else { return nil }
        return NetlinkMessage(header: NetlinkMessageHeader(header), payload: payload)
    }

    /// Throws the first problem `next()` found.
    @inlinable
    public func finish() throws(MalformedMessageError) {
        if let firstError { throw firstError }
    }
}
