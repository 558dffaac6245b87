import CNetlink

/// One netlink attribute (`struct nlattr` and its payload) as received.
///
/// The typed accessors check the payload's size and throw `MalformedMessageError` when it
/// does not fit, so a garbled reply cannot trap.
public struct NetlinkAttribute: Hashable, Sendable {
    /// The attribute type with `NLA_F_NESTED` and `NLA_F_NET_BYTEORDER` masked off.
    public var type: UInt16
    /// `NLA_F_NESTED`: the payload is itself a list of attributes.
    public var isNested: Bool
    /// `NLA_F_NET_BYTEORDER`: integers in the payload are big-endian.
    public var isNetworkByteOrder: Bool
    /// The payload, without header or padding.
    public var payload: ArraySlice<UInt8>

    public init(
        type: UInt16, payload: ArraySlice<UInt8>, isNested: Bool = false,
        isNetworkByteOrder: Bool = false
    ) {
        self.type = type
        self.payload = payload
        self.isNested = isNested
        self.isNetworkByteOrder = isNetworkByteOrder
    }

    /// The largest payload the 16-bit `nla_len` allows: 65535 minus the 4-byte header.
    public static let maximumPayloadLength = Int(UInt16.max) - attributeHeaderLength

    /// The longest text a NUL-terminated string attribute carries (payload minus the NUL).
    public static let maximumStringLength = maximumPayloadLength - 1

    /// Throws `UnencodableTextError` when `text` cannot travel in a NUL-terminated string
    /// attribute: it contains a NUL byte or is longer than `maximumStringLength` bytes.
    public static func checkEncodable(string text: String) throws(UnencodableTextError) {
        let utf8 = text.utf8
        if utf8.count > maximumStringLength {
            throw UnencodableTextError(byteCount: utf8.count)
        }
        if let nul = utf8.firstIndex(of: 0) {
            throw UnencodableTextError(
                byteCount: utf8.count, nulOffset: utf8.distance(from: utf8.startIndex, to: nul))
        }
    }

    /// The payload as an integer of exactly its size, honouring `NLA_F_NET_BYTEORDER`.
    public func integer<T: FixedWidthInteger>(as _: T.Type = T.self) throws(MalformedMessageError)
        -> T
    {
        guard payload.count == MemoryLayout<T>.size,
            let value = payload.loadInteger(T.self, at: 0)
        else {
            throw MalformedMessageError(
                "attribute \(type) has \(payload.count) bytes, expected "
                    + "\(MemoryLayout<T>.size) for a \(T.self)")
        }
        return isNetworkByteOrder ? T(bigEndian: value) : value
    }

    public func uint8() throws(MalformedMessageError) -> UInt8 { try integer() }
    public func uint16() throws(MalformedMessageError) -> UInt16 { try integer() }
    public func uint32() throws(MalformedMessageError) -> UInt32 { try integer() }
    public func uint64() throws(MalformedMessageError) -> UInt64 { try integer() }
    public func int8() throws(MalformedMessageError) -> Int8 { try integer() }
    public func int16() throws(MalformedMessageError) -> Int16 { try integer() }
    public func int32() throws(MalformedMessageError) -> Int32 { try integer() }
    public func int64() throws(MalformedMessageError) -> Int64 { try integer() }

    /// The payload as UTF-8 text, up to its first NUL (or its end when there is none).
    public func string() throws(MalformedMessageError) -> String {
        let text = payload.firstIndex(of: 0).map { payload[..<$0] } ?? payload
        guard let string = String(validating: text, as: UTF8.self) else {
            throw MalformedMessageError("attribute \(type) is not valid UTF-8")
        }
        return string
    }

    /// A decoder over the attributes nested in this one's payload.
    public func nestedAttributes() -> AttributeDecoder {
        AttributeDecoder(payload)
    }
}

/// Walks a list of attributes, checking every length; keeps the first problem.
///
///     var attributes = AttributeDecoder(bytes)
///     while let attribute = attributes.next() {
///         switch attribute.type { … }
///     }
///     try attributes.finish()
public struct AttributeDecoder {
    private var remaining: ArraySlice<UInt8>
    private let start: Int
    /// The first problem found; once set, `next()` returns nil.
    public private(set) var error: MalformedMessageError?

    public init(_ bytes: ArraySlice<UInt8>) {
        remaining = bytes
        start = bytes.startIndex
    }

    public mutating func next() -> NetlinkAttribute? {
        guard error == nil, !remaining.isEmpty else { return nil }
        let offset = remaining.startIndex - start
        guard let length = remaining.loadInteger(UInt16.self, at: 0),
            let rawType = remaining.loadInteger(UInt16.self, at: 2)
        else {
            error = MalformedMessageError(
                "\(remaining.count) bytes left, too few for an attribute header", offset: offset)
            return nil
        }
        guard Int(length) >= attributeHeaderLength else {
            error = MalformedMessageError(
                "attribute length \(length) is shorter than its header", offset: offset)
            return nil
        }
        guard let payload = remaining.subrange(
            at: attributeHeaderLength, length: Int(length) - attributeHeaderLength)
        else {
            error = MalformedMessageError(
                "attribute length \(length) runs past the end (\(remaining.count) bytes left)",
                offset: offset)
            return nil
        }
        // The last attribute may omit its padding.
        remaining = remaining.dropFirst(min(netlinkAligned(Int(length)), remaining.count))
        return NetlinkAttribute(
            type: cnetlink_attribute_type(rawType),
            payload: payload,
            isNested: rawType & UInt16(NLA_F_NESTED) != 0,
            isNetworkByteOrder: rawType & UInt16(NLA_F_NET_BYTEORDER) != 0)
    }

    /// Throws the first problem `next()` found.
    public func finish() throws(MalformedMessageError) {
        if let error { throw error }
    }

    /// Calls `body` for every attribute, then throws the first problem found, if any.
    public static func forEach(
        in bytes: ArraySlice<UInt8>, _ body: (NetlinkAttribute) throws -> Void
    ) throws {
        var decoder = AttributeDecoder(bytes)
        while let attribute = decoder.next() {
            try body(attribute)
        }
        try decoder.finish()
    }
}
