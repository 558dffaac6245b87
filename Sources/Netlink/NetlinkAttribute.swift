import CNetlink

/// One netlink attribute (`struct nlattr` and its payload) as received.
///
/// The typed accessors check the payload's size and throw `MalformedMessageError` when it
/// does not fit, so a garbled reply cannot trap.
public struct NetlinkAttribute: Hashable, Sendable {
    /// Its type and flags.
    public var header: NetlinkAttributeHeader
    /// The payload, without header or padding.
    public var payload: ArraySlice<UInt8>

    /// `header.type`: the type with `NLA_F_NESTED` and `NLA_F_NET_BYTEORDER` masked off.
    @inlinable public var type: UInt16 {
        get { header.type }
        set { header.type = newValue }
    }
    /// `header.isNested`: the payload is itself a list of attributes.
    @inlinable public var isNested: Bool {
        get { header.isNested }
        set { header.isNested = newValue }
    }
    /// `header.isNetworkByteOrder`: integers in the payload are big-endian.
    @inlinable public var isNetworkByteOrder: Bool {
        get { header.isNetworkByteOrder }
        set { header.isNetworkByteOrder = newValue }
    }

    @inlinable
    public init(header: NetlinkAttributeHeader, payload: ArraySlice<UInt8>) {
        self.header = header
        self.payload = payload
    }

    @inlinable
    public init(
        type: UInt16, payload: ArraySlice<UInt8>, isNested: Bool = false,
        isNetworkByteOrder: Bool = false
    ) {
        self.init(
            header: NetlinkAttributeHeader(
                type: type, isNested: isNested, isNetworkByteOrder: isNetworkByteOrder),
            payload: payload)
    }

    /// The largest payload the 16-bit `nla_len` allows: 65535 minus the 4-byte header.
    public static let maximumPayloadLength = Int(UInt16.max) - attributeHeaderLength

    /// The longest text a NUL-terminated string attribute carries (payload minus the NUL).
    public static let maximumStringLength = maximumPayloadLength - 1

    /// Throws `UnencodableTextError` when `text` cannot travel in a NUL-terminated string
    /// attribute: it contains a NUL byte or is longer than `maximumStringLength` bytes.
    public static func checkEncodable(string text: String) throws(UnencodableTextError) {
        var text = text
        if let problem = text.withUTF8(encodingProblem) { throw problem }
    }

    /// Why `utf8` cannot travel in a NUL-terminated string attribute, or nil when it can.
    @inlinable
    static func encodingProblem(_ utf8: UnsafeBufferPointer<UInt8>) -> UnencodableTextError? {
        if utf8.count > maximumStringLength {
            return UnencodableTextError(byteCount: utf8.count)
        }
        if let nul = UnsafeRawBufferPointer(utf8).firstNulOffsetInPlace() {
            return UnencodableTextError(byteCount: utf8.count, nulOffset: nul)
        }
        return nil
    }

    /// The payload as an integer of exactly its size, honouring `NLA_F_NET_BYTEORDER`.
    @inlinable
    public func integer<T: FixedWidthInteger & BitwiseCopyable>(
        as _: T.Type = T.self
    ) throws(MalformedMessageError) -> T {
        try header.integer(in: payload.span.bytes)
    }

    @inlinable public func uint8() throws(MalformedMessageError) -> UInt8 { try integer() }
    @inlinable public func uint16() throws(MalformedMessageError) -> UInt16 { try integer() }
    @inlinable public func uint32() throws(MalformedMessageError) -> UInt32 { try integer() }
    @inlinable public func uint64() throws(MalformedMessageError) -> UInt64 { try integer() }
    @inlinable public func int8() throws(MalformedMessageError) -> Int8 { try integer() }
    @inlinable public func int16() throws(MalformedMessageError) -> Int16 { try integer() }
    @inlinable public func int32() throws(MalformedMessageError) -> Int32 { try integer() }
    @inlinable public func int64() throws(MalformedMessageError) -> Int64 { try integer() }

    /// The payload as UTF-8 text, up to its first NUL (or its end when there is none).
    @inlinable
    public func string() throws(MalformedMessageError) -> String {
        try header.string(in: payload.span.bytes)
    }

    /// A decoder over the attributes nested in this one's payload.
    @inlinable
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
    @usableFromInline let bytes: ArraySlice<UInt8>
    /// Where the next attribute starts, an index into `bytes`.
    @usableFromInline var position: Int
    @usableFromInline var firstError: MalformedMessageError?

    /// The first problem found; once set, `next()` returns nil.
    public var error: MalformedMessageError? { firstError }

    @inlinable
    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    // Always inlined: returned as an Optional from a call, the value is copied and
    // destroyed through its value witnesses, which costs more than decoding the item
    // (measured in measurements/analysis.md).
    @inlinable @inline(__always)
    public mutating func next() -> NetlinkAttribute? {
        guard let (header, payload) = NetlinkRecord.attribute.next(
            nlattr.self, in: bytes, position: &position, error: &firstError)
        else { return nil }
        return NetlinkAttribute(header: NetlinkAttributeHeader(header), payload: payload)
    }

    /// Throws the first problem `next()` found.
    @inlinable
    public func finish() throws(MalformedMessageError) {
        if let firstError { throw firstError }
    }

    /// Calls `body` for every attribute, then throws the first problem found, if any.
    @inlinable
    public static func forEach(
        in bytes: ArraySlice<UInt8>, _ body: (NetlinkAttribute) throws -> Void
    ) throws {
        var decoder = AttributeDecoder(bytes)
        while let attribute = decoder.next() {
            try body(attribute)
        }
        try decoder.finish()
    }

    /// Calls `body` with the header of every attribute in borrowed `bytes` and where its
    /// payload lies in them (`bytes.extracting(payload)`); nothing is copied, for hot
    /// paths. Throws at the first malformed attribute, after `body` saw those before it.
    @inlinable @inline(__always)
    public static func forEach(
        in bytes: RawSpan, _ body: (NetlinkAttributeHeader, _ payload: Range<Int>) throws -> Void
    ) throws {
        var offset = 0
        while offset < bytes.byteCount {
            let attribute = try NetlinkRecord.attribute.read(nlattr.self, in: bytes, at: offset)
            try body(NetlinkAttributeHeader(attribute.header), attribute.payload)
            offset = attribute.next
        }
    }
}
