import CNetlink

/// Reads attributes that come in an expected order, at offsets known as they are read:
/// the fast path generated decoders take for the layout a spec lists for a reply, before
/// walking the attributes in general. Each step checks the whole `struct nlattr` (length
/// and type, no flags) at once against what is expected and returns nil on any other
/// bytes, which the caller then walks; nothing is read out of bounds.
public enum AttributeLayout {
    /// The integer attribute of `type` at `offset`, with a payload of exactly its size;
    /// `offset` moves past it.
    @inlinable @inline(__always)
    public static func integer<T: FixedWidthInteger & BitwiseCopyable>(
        _ type: UInt16, _: T.Type, in bytes: RawSpan, at offset: inout Int
    ) -> T? {
        let size = MemoryLayout<T>.size
        // The whole nlattr in one comparison (the bit cast folds to a constant).
        let expected = unsafeBitCast(nlattr(nla_len: UInt16(attributeHeaderLength + size), nla_type: type), to: UInt32.self)
        guard bytes.byteCount &- offset >= attributeHeaderLength &+ size,
            bytes.unsafeLoadUnaligned(fromUncheckedByteOffset: offset, as: UInt32.self) == expected
        else { return nil }
        let value = bytes.unsafeLoadUnaligned(fromUncheckedByteOffset: offset &+ attributeHeaderLength, as: T.self)
        offset = offset &+ netlinkAligned(attributeHeaderLength + size)
        return value
    }

    /// Where the payload of the attribute of `type` at `offset` lies, whatever its length;
    /// `offset` moves past it.
    @inlinable @inline(__always)
    public static func payload(_ type: UInt16, in bytes: RawSpan, at offset: inout Int) -> Range<Int>? {
        let left = bytes.byteCount &- offset
        guard left >= attributeHeaderLength else { return nil }
        let header = bytes.unsafeLoadUnaligned(fromUncheckedByteOffset: offset, as: nlattr.self)
        let length = Int(header.nla_len)
        guard header.nla_type == type, length >= attributeHeaderLength, length <= left else { return nil }
        let payload = Range(uncheckedBounds: (offset &+ attributeHeaderLength, offset &+ length))
        offset = offset &+ netlinkAligned(length)
        return payload
    }

    /// Whether `offset` is past the last attribute (whose padding may be missing).
    @inlinable @inline(__always)
    public static func isAtEnd(_ bytes: RawSpan, _ offset: Int) -> Bool {
        offset >= bytes.byteCount
    }
}
