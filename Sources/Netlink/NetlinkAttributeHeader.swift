import CNetlink

/// What `struct nlattr` says about its payload, and typed reads of that payload from
/// borrowed bytes (`AttributeDecoder.forEach(in:_:)` over a `RawSpan`), which copy nothing.
///
/// Every read checks the payload's size and throws `MalformedMessageError` when it does
/// not fit, so a garbled reply cannot trap.
public struct NetlinkAttributeHeader: Hashable, Sendable {
    /// The attribute type with `NLA_F_NESTED` and `NLA_F_NET_BYTEORDER` masked off.
    public var type: UInt16
    /// `NLA_F_NESTED`: the payload is itself a list of attributes.
    public var isNested: Bool
    /// `NLA_F_NET_BYTEORDER`: integers in the payload are big-endian.
    public var isNetworkByteOrder: Bool

    @inlinable
    public init(type: UInt16, isNested: Bool = false, isNetworkByteOrder: Bool = false) {
        self.type = type
        self.isNested = isNested
        self.isNetworkByteOrder = isNetworkByteOrder
    }

    /// The type and flags `struct nlattr` holds.
    @inlinable
    public init(_ header: nlattr) {
        self.init(
            type: cnetlink_attribute_type(header.nla_type),
            isNested: header.nla_type & UInt16(NLA_F_NESTED) != 0,
            isNetworkByteOrder: header.nla_type & UInt16(NLA_F_NET_BYTEORDER) != 0)
    }

    /// `payload` as an integer of exactly its size, honouring `NLA_F_NET_BYTEORDER`.
    @inlinable @inline(__always)
    public func integer<T: FixedWidthInteger & BitwiseCopyable>(
        _: T.Type = T.self, in payload: RawSpan
    ) throws(MalformedMessageError) -> T {
        guard payload.byteCount == MemoryLayout<T>.size else {
            throw wrongSize(payload.byteCount, expected: T.self)
        }
        let value = payload.unsafeLoadUnaligned(as: T.self)
        return isNetworkByteOrder ? T(bigEndian: value) : value
    }

    /// Out of line, like every error built on a hot path.
    @usableFromInline @inline(never)
    func wrongSize<T>(_ byteCount: Int, expected: T.Type) -> MalformedMessageError {
        MalformedMessageError(
            "attribute \(type) has \(byteCount) bytes, expected "
                + "\(MemoryLayout<T>.size) for a \(T.self)")
    }

    /// How many bytes of the string in `payload` come before its NUL (all of them when
    /// there is none): `payload.extracting(0..<length)` is the text, unvalidated.
    @inlinable @inline(__always)
    public static func stringLength(in payload: RawSpan) -> Int {
        payload.firstNulOffset(in: 0..<payload.byteCount) ?? payload.byteCount
    }

    /// Where the text of a string attribute lies in `attributes`, given where its payload
    /// does: the payload up to its first NUL (all of it when there is none). What the
    /// generated `Borrowed` replies store; nothing in it can trap, so a text nobody reads
    /// is not even measured.
    @inlinable @inline(__always)
    public static func textRange(ofPayload payload: Range<Int>, in attributes: RawSpan) -> Range<Int> {
        let end = attributes.firstNulOffset(in: payload) ?? payload.upperBound
        return Range(uncheckedBounds: (payload.lowerBound, end))
    }

    /// `payload` as UTF-8 text, up to its first NUL (or its end when there is none).
    @inlinable
    public func string(in payload: RawSpan) throws(MalformedMessageError) -> String {
        let string = payload.withUnsafeBytes { bytes -> String? in
            // The usual case, a NUL-terminated string: String(validatingCString:) validates
            // in the standard library's fast path; String(validating:as:) is generic and
            // runs unspecialized, several times slower.
            // A NUL at the end (nla_put_string's layout) is enough for strlen to stop in
            // bounds; only otherwise is the payload searched for one.
            if let base = bytes.baseAddress,
                bytes.last == 0 || bytes.firstNulOffset() != nil
            {
                return String(validatingCString: base.assumingMemoryBound(to: CChar.self))
            }
            return String(validating: bytes, as: UTF8.self)
        }
        guard let string else {
            throw MalformedMessageError("attribute \(type) is not valid UTF-8")
        }
        return string
    }
}
