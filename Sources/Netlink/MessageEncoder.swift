import CNetlink

/// Writes one netlink message: the header, any fixed family header, then attributes.
///
/// Lengths are reserved, the content written, then the length patched in, the way
/// `nlmsg_len` and a nest's `nla_len` must be. Everything is padded to 4 bytes.
public struct MessageEncoder {
    // `storage` is a scratch buffer at least `length` bytes long, written in place: an
    // `Array.append` per field costs several times more than the store itself.
    @usableFromInline var storage: [UInt8]
    /// How many bytes of `storage` the message fills so far.
    @usableFromInline var filled: Int

    /// The length of the message so far.
    public var length: Int { filled }

    /// The message so far (a copy).
    public var bytes: [UInt8] { Array(storage[..<filled]) }

    /// Starts a message with its header; `nlmsg_len` is patched by `finish()`.
    /// `buffer`, a previous message's storage, is written over instead of allocating.
    @inlinable
    public init(
        type: UInt16, flags: NetlinkMessageFlags, sequence: UInt32, portID: UInt32,
        reusing buffer: consuming [UInt8] = []
    ) {
        storage = consume buffer
        filled = 0
        reserve(Self.initialCapacity)
        var header = nlmsghdr()
        header.nlmsg_type = type
        header.nlmsg_flags = flags.rawValue
        header.nlmsg_seq = sequence
        header.nlmsg_pid = portID
        store(header)  // nlmsg_len patched by finish()
    }

    /// Room for a typical request without growing.
    @inlinable static var initialCapacity: Int { 256 }

    /// Patches `nlmsg_len` and returns the finished message.
    @inlinable
    public mutating func finish() -> [UInt8] {
        patchMessageLength()
        return bytes
    }

    /// Patches `nlmsg_len` and hands the finished message to `body` without copying it.
    @inlinable
    public mutating func finish<Result>(
        _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        patchMessageLength()
        let filled = filled
        return try storage.withUnsafeBytes {
            try body(UnsafeRawBufferPointer(rebasing: $0[..<filled]))
        }
    }

    @inlinable
    mutating func patchMessageLength() {
        // Beyond 4 GiB the length saturates instead of trapping; sendto refuses a message
        // that large (EMSGSIZE, it exceeds any socket's send buffer) before the kernel
        // could read the wrong length.
        patch(UInt32(exactly: filled) ?? UInt32.max, at: 0)
    }

    /// Appends an integer in host byte order, unpadded (for fixed family headers).
    @inlinable
    public mutating func append<T: FixedWidthInteger>(_ value: T) {
        write(value)
    }

    /// Appends a family's fixed header (a C struct such as `genlmsghdr`) as it lies in
    /// memory, in one write, padded to 4 bytes.
    @inlinable
    public mutating func append<Header: BitwiseCopyable>(fixedHeader header: Header) {
        store(header)
        pad()
    }

    /// Appends zeros up to the next 4-byte boundary.
    @inlinable
    public mutating func pad() {
        let padding = netlinkAligned(filled) - filled
        if padding > 0 { write(UInt32(0), byteCount: padding) }
    }

    /// An integer attribute (u8/u16/u32/u64 or signed), host byte order.
    @inlinable
    public mutating func appendAttribute<T: FixedWidthInteger>(_ type: UInt16, _ value: T) {
        appendAttributeHeader(type, payloadLength: MemoryLayout<T>.size)
        write(value)
        pad()
    }

    /// A NUL-terminated string attribute (`NLA_NUL_STRING`/`NLA_STRING`).
    /// Throws `UnencodableTextError` for text with a NUL byte or too long for an attribute.
    @inlinable
    public mutating func appendAttribute(_ type: UInt16, string text: String)
        throws(UnencodableTextError)
    {
        // Native strings (small ones too) lend their UTF-8 without a copy of the String;
        // `withUTF8` makes any other kind contiguous first.
        let problem: UnencodableTextError?
        if let lent = text.utf8.withContiguousStorageIfAvailable({
            appendAttribute(type, utf8: $0)
        }) {
            problem = lent
        } else {
            var text = text
            problem = text.withUTF8 { appendAttribute(type, utf8: $0) }
        }
        if let problem { throw problem }
    }

    /// Writes a NUL-terminated string attribute from `utf8`, or says why it cannot.
    @inlinable @inline(__always)
    mutating func appendAttribute(
        _ type: UInt16, utf8: UnsafeBufferPointer<UInt8>
    ) -> UnencodableTextError? {
        if let problem = NetlinkAttribute.encodingProblem(utf8) { return problem }
        let length = attributeHeaderLength + utf8.count + 1
        // Header, text, NUL and padding in one write: the hot path of every request.
        writeInPlace(byteCount: netlinkAligned(length)) { attribute in
            attribute.storeBytes(
                of: nlattr(nla_len: UInt16(length), nla_type: type), as: nlattr.self)
            let text = UnsafeMutableRawBufferPointer(rebasing: attribute[attributeHeaderLength...])
            text.copyMemory(from: UnsafeRawBufferPointer(utf8))
            UnsafeMutableRawBufferPointer(rebasing: text[utf8.count...]).initializeMemory(
                as: UInt8.self, repeating: 0)
        }
        return nil
    }

    /// A binary attribute carrying `payload` as is.
    @inlinable
    public mutating func appendAttribute(_ type: UInt16, bytes payload: some Collection<UInt8>)
        throws(AttributeTooLongError)
    {
        guard payload.count <= NetlinkAttribute.maximumPayloadLength else {
            throw AttributeTooLongError(type: type, byteCount: payload.count)
        }
        appendAttributeHeader(type, payloadLength: payload.count)
        if payload.withContiguousStorageIfAvailable({ write(UnsafeRawBufferPointer($0)) }) == nil {
            Array(payload).withUnsafeBytes { write($0) }  // a copy, only for odd collections
        }
        pad()
    }

    /// A flag attribute (`NLA_FLAG`): present means true, no payload.
    @inlinable
    public mutating func appendFlag(_ type: UInt16) {
        appendAttributeHeader(type, payloadLength: 0)
    }

    /// A nested attribute (marked `NLA_F_NESTED`) whose payload `body` writes.
    /// Throws what `body` throws, or `AttributeTooLongError` when the nest outgrows
    /// `nla_len`; either way the partly written nest is removed.
    @inlinable
    public mutating func appendNested(
        _ type: UInt16, _ body: (inout MessageEncoder) throws -> Void
    ) throws {
        let start = filled
        appendAttributeHeader(type | UInt16(NLA_F_NESTED), payloadLength: 0)
        do {
            try body(&self)
        } catch {
            filled = start
            throw error
        }
        let nestLength = filled - start
        guard nestLength <= Int(UInt16.max) else {
            filled = start
            throw AttributeTooLongError(type: type, byteCount: nestLength - attributeHeaderLength)
        }
        patch(UInt16(nestLength), at: start)
    }

    @inlinable
    mutating func appendAttributeHeader(_ type: UInt16, payloadLength: Int) {
        // An oversized length is caught by the callers; truncating keeps this total.
        store(nlattr(
            nla_len: UInt16(truncatingIfNeeded: attributeHeaderLength + payloadLength),
            nla_type: type))
    }

    /// Makes `storage` at least `capacity` bytes long.
    @inlinable
    mutating func reserve(_ capacity: Int) {
        if storage.count < capacity {
            storage.append(
                contentsOf: repeatElement(0, count: max(capacity, 2 * storage.count) - storage.count))
        }
    }

    /// Writes the first `byteCount` bytes of `value` (all of them by default) at the end.
    @inlinable
    mutating func write<T>(_ value: T, byteCount: Int = MemoryLayout<T>.size) {
        withUnsafeBytes(of: value) { write(UnsafeRawBufferPointer(rebasing: $0[..<byteCount])) }
    }

    /// Writes `value` as it lies in memory, at the end.
    @inlinable @inline(__always)
    mutating func store<T: BitwiseCopyable>(_ value: T) {
        writeInPlace(byteCount: MemoryLayout<T>.size) { $0.storeBytes(of: value, as: T.self) }
    }

    @inlinable
    mutating func write(_ bytes: UnsafeRawBufferPointer) {
        writeInPlace(byteCount: bytes.count) { $0.copyMemory(from: bytes) }
    }

    /// Grows the message by `byteCount` bytes and hands them to `body` to fill in place.
    @inlinable @inline(__always)
    mutating func writeInPlace(
        byteCount: Int, _ body: (UnsafeMutableRawBufferPointer) -> Void
    ) {
        reserve(filled + byteCount)
        let offset = filled
        storage.withUnsafeMutableBytes {
            body(UnsafeMutableRawBufferPointer(rebasing: $0[offset..<offset + byteCount]))
        }
        filled += byteCount
    }

    @inlinable
    mutating func patch<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        storage.withUnsafeMutableBytes {
            $0.storeBytes(of: value, toByteOffset: offset, as: T.self)
        }
    }
}
