import Netlink

/// `struct genlmsghdr`: the 4-byte header after `nlmsghdr` in every generic netlink message.
///
///     struct genlmsghdr { __u8 cmd; __u8 version; __u16 reserved; };
public struct GenericNetlinkHeader: Hashable, Sendable {
    /// `cmd`: the family's command.
    public var command: UInt8
    /// `version`: the family's interface version.
    public var version: UInt8

    /// `GENL_HDRLEN`.
    public static let length = 4

    @inlinable
    public init(command: UInt8, version: UInt8) {
        self.command = command
        self.version = version
    }

    /// Reads the header at the start of a generic netlink message's payload; throws when
    /// the payload is too short for `genlmsghdr`.
    @inlinable @inline(__always)
    public init(decoding payload: RawSpan) throws(MalformedMessageError) {
        guard payload.byteCount >= Self.length else {
            throw MalformedMessageError(
                "generic netlink payload of \(payload.byteCount) bytes is shorter than genlmsghdr")
        }
        self.init(
            command: payload.unsafeLoad(fromUncheckedByteOffset: 0, as: UInt8.self),
            version: payload.unsafeLoad(fromUncheckedByteOffset: 1, as: UInt8.self))
    }

    /// Splits a generic netlink message's payload, borrowed: hands `body` the header and
    /// the bytes after it. Throws when the payload is too short for `genlmsghdr`.
    @inlinable @inline(__always)
    public static func split<Result>(
        _ payload: RawSpan, _ body: (GenericNetlinkHeader, RawSpan) throws -> Result
    ) throws -> Result {
        let header = try Self(decoding: payload)  // checks the payload holds `length` bytes
        return try body(header, payload.extracting(unchecked: length..<payload.byteCount))
    }
}
