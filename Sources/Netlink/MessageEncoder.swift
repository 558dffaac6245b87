import CNetlink

/// Writes one netlink message: the header, any fixed family header, then attributes.
///
/// Lengths are reserved, the content written, then the length patched in, the way
/// `nlmsg_len` and a nest's `nla_len` must be. Everything is padded to 4 bytes.
///
/// The encoder owns its memory and is not copyable: a write is a capacity check and a
/// store, with no copy-on-write or bounds checks of an Array (each cost more than the
/// store). `restart` writes a new message over the old one, reusing the memory.
public struct MessageEncoder: ~Copyable {
    @usableFromInline var memory: UnsafeMutableRawPointer
    @usableFromInline var capacity: Int
    /// How many bytes of `memory` the message fills so far.
    @usableFromInline var filled: Int

    /// The length of the message so far.
    public var length: Int { filled }

    /// The message so far (a copy).
    public var bytes: [UInt8] { Array(UnsafeRawBufferPointer(start: memory, count: filled)) }

    /// Starts a message with its header; `nlmsg_len` is patched by `finish()`.
    @inlinable
    public init(type: UInt16, flags: NetlinkMessageFlags, sequence: UInt32, portID: UInt32) {
        self.init()
        restart(type: type, flags: flags, sequence: sequence, portID: portID)
    }

    /// An encoder with no message yet, for `restart` to start one.
    @inlinable
    public init() {
        capacity = Self.initialCapacity
        memory = .allocate(byteCount: capacity, alignment: MemoryLayout<UInt32>.alignment)
        filled = 0
    }

    deinit {
        memory.deallocate()
    }

    /// Drops the message written so far and starts a new one in the same memory.
    @inlinable
    public mutating func restart(
        type: UInt16, flags: NetlinkMessageFlags, sequence: UInt32, portID: UInt32
    ) {
        filled = 0
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
        return try body(UnsafeRawBufferPointer(start: memory, count: filled))
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
        let padding = netlinkAligned(filled) &- filled  // 0 to 3: nothing to overflow
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
    @inlinable @inline(__always)
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
            // The NUL and the padding are 1 to 4 bytes: zero the last 4 (after the
            // header, as the attribute is at least 8), then copy the text over their
            // front. One store instead of a memset call.
            attribute.storeBytes(of: 0, toByteOffset: attribute.count - 4, as: UInt32.self)
            UnsafeMutableRawBufferPointer(rebasing: attribute[attributeHeaderLength...])
                .copyMemoryInPlace(from: UnsafeRawBufferPointer(utf8))
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

    /// Makes room for `byteCount` more bytes; grows by doubling, out of line.
    @inlinable @inline(__always)
    mutating func reserve(_ byteCount: Int) {
        if byteCount > capacity &- filled { grow(toHold: byteCount) }
    }

    @usableFromInline @inline(never)
    mutating func grow(toHold byteCount: Int) {
        let needed = filled + byteCount  // traps rather than wraps on absurd sizes
        let newCapacity = max(needed, 2 * capacity)
        let newMemory = UnsafeMutableRawPointer.allocate(
            byteCount: newCapacity, alignment: MemoryLayout<UInt32>.alignment)
        newMemory.copyMemory(from: memory, byteCount: filled)
        memory.deallocate()
        memory = newMemory
        capacity = newCapacity
    }

    /// Writes the first `byteCount` bytes of `value` (all of them by default) at the end.
    @inlinable
    mutating func write<T>(_ value: T, byteCount: Int = MemoryLayout<T>.size) {
        withUnsafeBytes(of: value) { write(UnsafeRawBufferPointer(rebasing: $0[..<byteCount])) }
    }

    /// Writes `value` as it lies in memory, at the end.
    @inlinable @inline(__always)
    mutating func store<T: BitwiseCopyable>(_ value: T) {
        reserve(MemoryLayout<T>.size)
        memory.storeBytes(of: value, toByteOffset: filled, as: T.self)
        filled &+= MemoryLayout<T>.size
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
        reserve(byteCount)
        body(UnsafeMutableRawBufferPointer(start: memory + filled, count: byteCount))
        filled &+= byteCount
    }

    /// Overwrites bytes already written (a length reserved earlier).
    @inlinable
    mutating func patch<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        precondition(offset >= 0 && offset &+ MemoryLayout<T>.size <= filled)  // offset < filled
        memory.storeBytes(of: value, toByteOffset: offset, as: T.self)
    }
}
