import CNetlink

/// Writes one netlink message: the header, any fixed family header, then attributes.
///
/// Lengths are reserved, the content written, then the length patched in, the way
/// `nlmsg_len` and a nest's `nla_len` must be. Everything is padded to 4 bytes.
public struct MessageEncoder {
    /// The message so far.
    public private(set) var bytes: [UInt8]

    /// Starts a message with its header; `nlmsg_len` is patched by `finish()`.
    public init(
        type: UInt16, flags: NetlinkMessageFlags, sequence: UInt32, portID: UInt32,
        reusing buffer: consuming [UInt8] = []
    ) {
        // Empty the buffer while it is uniquely ours, so its capacity is kept, not copied.
        buffer.removeAll(keepingCapacity: true)
        bytes = consume buffer
        append(UInt32(0))  // nlmsg_len, patched by finish()
        append(type)
        append(flags.rawValue)
        append(sequence)
        append(portID)
    }

    /// Patches `nlmsg_len` and returns the finished message.
    public mutating func finish() -> [UInt8] {
        // Beyond 4 GiB the length saturates instead of trapping; sendto refuses a message
        // that large (EMSGSIZE, it exceeds any socket's send buffer) before the kernel
        // could read the wrong length.
        patch(UInt32(exactly: bytes.count) ?? UInt32.max, at: 0)
        return bytes
    }

    /// Appends an integer in host byte order, unpadded (for fixed family headers).
    public mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
    }

    /// Appends zeros up to the next 4-byte boundary.
    public mutating func pad() {
        let padding = netlinkAligned(bytes.count) - bytes.count
        for _ in 0..<padding { bytes.append(0) }
    }

    /// An integer attribute (u8/u16/u32/u64 or signed), host byte order.
    public mutating func appendAttribute<T: FixedWidthInteger>(_ type: UInt16, _ value: T) {
        appendAttributeHeader(type, payloadLength: MemoryLayout<T>.size)
        append(value)
        pad()
    }

    /// A NUL-terminated string attribute (`NLA_NUL_STRING`/`NLA_STRING`).
    /// Throws `UnencodableTextError` for text with a NUL byte or too long for an attribute.
    public mutating func appendAttribute(_ type: UInt16, string text: String)
        throws(UnencodableTextError)
    {
        try NetlinkAttribute.checkEncodable(string: text)
        let utf8 = text.utf8
        appendAttributeHeader(type, payloadLength: utf8.count + 1)
        if utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: utf8)
        }
        bytes.append(0)
        pad()
    }

    /// A binary attribute carrying `payload` as is.
    public mutating func appendAttribute(_ type: UInt16, bytes payload: some Collection<UInt8>)
        throws(AttributeTooLongError)
    {
        guard payload.count <= NetlinkAttribute.maximumPayloadLength else {
            throw AttributeTooLongError(type: type, byteCount: payload.count)
        }
        appendAttributeHeader(type, payloadLength: payload.count)
        bytes.append(contentsOf: payload)
        pad()
    }

    /// A flag attribute (`NLA_FLAG`): present means true, no payload.
    public mutating func appendFlag(_ type: UInt16) {
        appendAttributeHeader(type, payloadLength: 0)
    }

    /// A nested attribute (marked `NLA_F_NESTED`) whose payload `body` writes.
    /// Throws what `body` throws, or `AttributeTooLongError` when the nest outgrows
    /// `nla_len`; either way the partly written nest is removed.
    public mutating func appendNested(
        _ type: UInt16, _ body: (inout MessageEncoder) throws -> Void
    ) throws {
        let start = bytes.count
        appendAttributeHeader(type | UInt16(NLA_F_NESTED), payloadLength: 0)
        do {
            try body(&self)
        } catch {
            bytes.removeSubrange(start...)
            throw error
        }
        let length = bytes.count - start
        guard length <= Int(UInt16.max) else {
            bytes.removeSubrange(start...)
            throw AttributeTooLongError(type: type, byteCount: length - attributeHeaderLength)
        }
        patch(UInt16(length), at: start)
    }

    private mutating func appendAttributeHeader(_ type: UInt16, payloadLength: Int) {
        append(UInt16(attributeHeaderLength + payloadLength))
        append(type)
    }

    private mutating func patch<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        bytes.withUnsafeMutableBytes {
            $0.storeBytes(of: value, toByteOffset: offset, as: T.self)
        }
    }
}
