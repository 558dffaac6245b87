import CNetlink
import Netlink

/// A generic netlink message as received: the netlink header, the generic netlink header
/// and the payload after it (the family's fixed header, if it has one, then attributes).
public struct GenericNetlinkMessage: Hashable, Sendable {
    /// The `nlmsghdr`; its `type` is the family id.
    public var netlinkHeader: NetlinkMessageHeader
    public var header: GenericNetlinkHeader
    /// Everything after `genlmsghdr`.
    public var payload: ArraySlice<UInt8>

    /// Splits a netlink message; throws when it is too short for `genlmsghdr`.
    @inlinable
    public init(decoding message: NetlinkMessage) throws(MalformedMessageError) {
        netlinkHeader = message.header
        header = try GenericNetlinkHeader(decoding: message.payload.span.bytes)
        payload = message.payload.dropFirst(GenericNetlinkHeader.length)
    }

    /// A decoder over the attributes, for families without a fixed header.
    @inlinable
    public func attributes() -> AttributeDecoder {
        AttributeDecoder(payload)
    }
}

extension MessageEncoder {
    /// Writes `genlmsghdr` (reserved bytes zero).
    @inlinable
    public mutating func append(_ header: GenericNetlinkHeader) {
        // One write of the whole struct: a write per field costs three times as much.
        append(fixedHeader: genlmsghdr(cmd: header.command, version: header.version, reserved: 0))
    }
}
