/// Reads and writes of the attribute types YNL specs use beyond fixed-width integers and
/// strings: variable-width integers (`uint`/`sint`), big-endian integers, binary payloads,
/// integer arrays and `bitfield32`. Generated clients call these; each read checks sizes
/// and throws `MalformedMessageError`, never traps.
extension NetlinkAttributeHeader {
    /// A `uint` payload: 4 or 8 bytes (the kernel sends 4 when the value fits).
    @inlinable
    public func unsignedVariableWidth(in payload: RawSpan) throws(MalformedMessageError) -> UInt64 {
        switch payload.byteCount {
        case 4: return UInt64(try integer(UInt32.self, in: payload))
        case 8: return try integer(UInt64.self, in: payload)
        default: throw MalformedMessageError("uint attribute \(type) has \(payload.byteCount) bytes, expected 4 or 8")
        }
    }

    /// A `sint` payload: 4 or 8 bytes.
    @inlinable
    public func signedVariableWidth(in payload: RawSpan) throws(MalformedMessageError) -> Int64 {
        switch payload.byteCount {
        case 4: return Int64(try integer(Int32.self, in: payload))
        case 8: return try integer(Int64.self, in: payload)
        default: throw MalformedMessageError("sint attribute \(type) has \(payload.byteCount) bytes, expected 4 or 8")
        }
    }

    /// An integer the spec says is big-endian (`byte-order: big-endian`), whether or not
    /// the sender also set `NLA_F_NET_BYTEORDER`.
    @inlinable
    public func bigEndianInteger<T: FixedWidthInteger & BitwiseCopyable>(
        _: T.Type = T.self, in payload: RawSpan
    ) throws(MalformedMessageError) -> T {
        let value = try integer(T.self, in: payload)
        return isNetworkByteOrder ? value : T(bigEndian: value)
    }

    /// A copy of a binary payload.
    @inlinable
    public func bytes(in payload: RawSpan) -> [UInt8] {
        payload.withUnsafeBytes { Array($0) }
    }

    /// A binary payload holding an array of integers (`sub-type`), in host byte order.
    @inlinable
    public func integers<T: FixedWidthInteger & BitwiseCopyable>(
        _: T.Type = T.self, in payload: RawSpan
    ) throws(MalformedMessageError) -> [T] {
        let size = MemoryLayout<T>.size
        guard payload.byteCount % size == 0 else {
            throw MalformedMessageError(
                "attribute \(type) has \(payload.byteCount) bytes, not a whole number of \(T.self)")
        }
        return payload.withUnsafeBytes { bytes in
            (0..<bytes.count / size).map { bytes.loadUnaligned(fromByteOffset: $0 * size, as: T.self) }
        }
    }

    /// A `bitfield32` payload (`struct nla_bitfield32`).
    @inlinable
    public func bitfield32(in payload: RawSpan) throws(MalformedMessageError) -> NetlinkBitfield32 {
        guard payload.byteCount == 8 else {
            throw MalformedMessageError("bitfield32 attribute \(type) has \(payload.byteCount) bytes, expected 8")
        }
        return NetlinkBitfield32(
            value: payload.unsafeLoadUnaligned(fromUncheckedByteOffset: 0, as: UInt32.self),
            selector: payload.unsafeLoadUnaligned(fromUncheckedByteOffset: 4, as: UInt32.self))
    }
}

/// `struct nla_bitfield32`: which bits to change (`selector`) and what to set them to.
public struct NetlinkBitfield32: Hashable, Sendable {
    public var value: UInt32
    public var selector: UInt32

    public init(value: UInt32, selector: UInt32) {
        self.value = value
        self.selector = selector
    }
}

extension MessageEncoder {
    /// A `uint` attribute: 4 bytes when the value fits, else 8, as the kernel's tools send it.
    @inlinable
    public mutating func appendAttribute(_ type: UInt16, unsignedVariableWidth value: UInt64) {
        if let small = UInt32(exactly: value) { appendAttribute(type, small) } else { appendAttribute(type, value) }
    }

    /// A `sint` attribute: 4 bytes when the value fits, else 8.
    @inlinable
    public mutating func appendAttribute(_ type: UInt16, signedVariableWidth value: Int64) {
        if let small = Int32(exactly: value) { appendAttribute(type, small) } else { appendAttribute(type, value) }
    }

    /// An integer attribute the spec says is big-endian.
    @inlinable
    public mutating func appendAttribute<T: FixedWidthInteger>(_ type: UInt16, bigEndian value: T) {
        appendAttribute(type, value.bigEndian)
    }

    /// A binary attribute holding an array of integers, host byte order.
    @inlinable
    public mutating func appendAttribute<T: FixedWidthInteger & BitwiseCopyable>(
        _ type: UInt16, integers values: [T]
    ) throws(AttributeTooLongError) {
        var bytes: [UInt8] = []
        for value in values { withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) } }
        try appendAttribute(type, bytes: bytes)
    }

    /// A `bitfield32` attribute.
    @inlinable
    public mutating func appendAttribute(_ type: UInt16, bitfield32 field: NetlinkBitfield32) {
        appendAttributeHeader(type, payloadLength: 8)
        append(field.value)
        append(field.selector)
    }
}
