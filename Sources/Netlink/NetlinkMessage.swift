/// One netlink message as received: its header and the payload after it.
///
/// The payload is a slice of the connection's receive buffer; keeping it past the
/// handler that received it is safe but makes the next receive copy the buffer.
public struct NetlinkMessage: Hashable, Sendable {
    public var header: NetlinkMessageHeader
    /// Everything after the 16-byte header, up to `nlmsg_len` (padding excluded).
    public var payload: ArraySlice<UInt8>

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
    private var remaining: ArraySlice<UInt8>
    private let start: Int
    /// The first problem found; once set, `next()` returns nil.
    public private(set) var error: MalformedMessageError?

    public init(_ datagram: ArraySlice<UInt8>) {
        remaining = datagram
        start = datagram.startIndex
    }

    public mutating func next() -> NetlinkMessage? {
        guard error == nil, !remaining.isEmpty else { return nil }
        let offset = remaining.startIndex - start
        guard let header = NetlinkMessageHeader(decoding: remaining) else {
            error = MalformedMessageError(
                "\(remaining.count) bytes left, too few for a message header", offset: offset)
            return nil
        }
        let length = Int(header.length)
        guard length >= messageHeaderLength else {
            error = MalformedMessageError(
                "message length \(length) is shorter than its header", offset: offset)
            return nil
        }
        guard let payload = remaining.subrange(
            at: messageHeaderLength, length: length - messageHeaderLength)
        else {
            error = MalformedMessageError(
                "message length \(length) runs past the end of the datagram "
                    + "(\(remaining.count) bytes left)", offset: offset)
            return nil
        }
        // The last message may omit its padding.
        remaining = remaining.dropFirst(min(netlinkAligned(length), remaining.count))
        return NetlinkMessage(header: header, payload: payload)
    }

    /// Throws the first problem `next()` found.
    public func finish() throws(MalformedMessageError) {
        if let error { throw error }
    }
}
