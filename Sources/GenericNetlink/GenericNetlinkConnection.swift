import CNetlink
import Netlink

/// Requests to generic netlink families over a `NetlinkConnection`, and the controller
/// (nlctrl) that resolves family names, with the answers cached.
public struct GenericNetlinkConnection<Transport: NetlinkTransport & ~Copyable>: ~Copyable {
    /// The netlink layer below, for requests this type does not wrap.
    public var netlink: NetlinkConnection<Transport>
    /// Families resolved so far, by name.
    var familyCache: [String: GenericNetlinkFamily] = [:]
    /// Family ids resolved so far, by name (`familyID(named:)` asks for no more).
    @usableFromInline var familyIDCache: [String: UInt16] = [:]

    @inlinable
    public init(netlink: consuming NetlinkConnection<Transport>) {
        self.netlink = netlink
    }

    @inlinable
    public init(transport: consuming Transport) {
        self.init(netlink: NetlinkConnection(transport: transport))
    }

    /// Sends `command` to the family `familyID` and decodes its single reply.
    @inlinable
    public mutating func request<Reply>(
        family familyID: UInt16, command: UInt8, version: UInt8,
        flags: NetlinkMessageFlags = [],
        _ writeAttributes: (inout MessageEncoder) throws -> Void = { _ in },
        reply decodeReply: (GenericNetlinkMessage) throws -> Reply
    ) throws -> Reply {
        try netlink.request(
            type: familyID, flags: flags,
            { try Self.write(&$0, command: command, version: version, writeAttributes) },
            reply: { try decodeReply(GenericNetlinkMessage(decoding: $0)) })
    }

    /// Requests like `request(family:command:version:flags:_:reply:)`, handing
    /// `decodeReply` the reply's header and attributes borrowed from the receive buffer:
    /// nothing is copied (for hot paths).
    @inlinable @inline(__always)
    public mutating func request<Reply>(
        family familyID: UInt16, command: UInt8, version: UInt8,
        flags: NetlinkMessageFlags = [],
        _ writeAttributes: (inout MessageEncoder) throws -> Void = { _ in },
        replyAttributes decodeReply: (GenericNetlinkHeader, RawSpan) throws -> Reply
    ) throws -> Reply {
        try netlink.request(
            type: familyID, flags: flags,
            { try Self.write(&$0, command: command, version: version, writeAttributes) },
            replyPayload: { _, payload in try GenericNetlinkHeader.split(payload, decodeReply) })
    }

    /// Sends `command` with `NLM_F_ACK` and waits for the acknowledgement (or the error).
    @inlinable
    public mutating func requestAcknowledged(
        family familyID: UInt16, command: UInt8, version: UInt8,
        flags: NetlinkMessageFlags = [],
        _ writeAttributes: (inout MessageEncoder) throws -> Void = { _ in },
        each body: (GenericNetlinkMessage) throws -> Void = { _ in }
    ) throws {
        try netlink.requestAcknowledged(
            type: familyID, flags: flags,
            { try Self.write(&$0, command: command, version: version, writeAttributes) },
            each: { try body(GenericNetlinkMessage(decoding: $0)) })
    }

    /// Dumps `command` of the family `familyID`, streaming each message to `body`
    /// (see `NetlinkConnection.dump` for draining, errors and `NLM_F_DUMP_INTR`).
    @inlinable @discardableResult
    public mutating func dump(
        family familyID: UInt16, command: UInt8, version: UInt8,
        flags: NetlinkMessageFlags = [],
        _ writeAttributes: (inout MessageEncoder) throws -> Void = { _ in },
        each body: (GenericNetlinkMessage) throws -> Void
    ) throws -> Int {
        try netlink.dump(
            type: familyID, flags: flags,
            { try Self.write(&$0, command: command, version: version, writeAttributes) },
            each: { try body(GenericNetlinkMessage(decoding: $0)) })
    }

    /// Dumps like `dump(family:command:version:flags:_:each:)`, handing `body` each
    /// message's header and attributes borrowed from the receive buffer: nothing is copied
    /// (for large dumps).
    @inlinable @inline(__always) @discardableResult
    public mutating func dump(
        family familyID: UInt16, command: UInt8, version: UInt8,
        flags: NetlinkMessageFlags = [],
        _ writeAttributes: (inout MessageEncoder) throws -> Void = { _ in },
        eachAttributes body: (GenericNetlinkHeader, RawSpan) throws -> Void
    ) throws -> Int {
        try netlink.dump(
            type: familyID, flags: flags,
            { try Self.write(&$0, command: command, version: version, writeAttributes) },
            eachPayload: { _, payload in try GenericNetlinkHeader.split(payload, body) })
    }

    /// Dumps `command` and collects what `decode` makes of each message
    /// (see `NetlinkConnection.dumpCollecting` for the retry policy).
    @inlinable
    public mutating func dumpCollecting<Element: Sendable>(
        family familyID: UInt16, command: UInt8, version: UInt8,
        flags: NetlinkMessageFlags = [], retry: DumpRetryPolicy = .never,
        _ writeAttributes: (inout MessageEncoder) throws -> Void = { _ in },
        decode: (GenericNetlinkMessage) throws -> Element?
    ) throws -> [Element] {
        try netlink.dumpCollecting(
            type: familyID, flags: flags, retry: retry,
            { try Self.write(&$0, command: command, version: version, writeAttributes) },
            decode: { try decode(GenericNetlinkMessage(decoding: $0)) })
    }
}

extension GenericNetlinkConnection where Transport: ~Copyable {
    /// Writes a request's payload: `genlmsghdr`, then what `writeAttributes` writes.
    @inlinable @inline(__always)
    static func write(
        _ encoder: inout MessageEncoder, command: UInt8, version: UInt8,
        _ writeAttributes: (inout MessageEncoder) throws -> Void
    ) throws {
        encoder.append(GenericNetlinkHeader(command: command, version: version))
        try writeAttributes(&encoder)
    }
}

extension GenericNetlinkConnection where Transport == NetlinkSocket {
    /// Opens a `NETLINK_GENERIC` socket.
    @inlinable
    public init() throws {
        self.init(netlink: try NetlinkConnection(protocol: NETLINK_GENERIC))
    }
}

extension GenericNetlinkConnection where Transport: ~Copyable {
    /// Sends `count` requests of `command` together (see `NetlinkConnection.batch`):
    /// `writeAttributes` writes the attributes of the request with each index. Each
    /// answer goes to `reply` (the index, the reply's header and attributes, borrowed; an
    /// acknowledgement comes with no attributes) or `failure`.
    @inlinable @inline(__always) @discardableResult
    public mutating func batch(
        family familyID: UInt16, command: UInt8, version: UInt8, flags: NetlinkMessageFlags = [],
        count: Int, limit: Int = NetlinkConnection<Transport>.defaultBatchLimit,
        _ writeAttributes: (Int, inout MessageEncoder) throws -> Void,
        reply: (Int, GenericNetlinkHeader, RawSpan) throws -> Void,
        failure: (Int, NetlinkError, _ request: [UInt8]) throws -> Void
    ) throws -> Int {
        try netlink.batch(
            limit: limit,
            { requests in
                for index in 0..<count {
                    try requests.add(type: familyID, flags: flags) { encoder in
                        encoder.append(GenericNetlinkHeader(command: command, version: version))
                        try writeAttributes(index, &encoder)
                    }
                }
            },
            reply: { index, header, payload in
                if header.type == NetlinkMessageType.error {
                    try reply(index, GenericNetlinkHeader(command: command, version: version), payload)
                } else {
                    try GenericNetlinkHeader.split(payload) { try reply(index, $0, $1) }
                }
            },
            failure: failure)
    }
}
