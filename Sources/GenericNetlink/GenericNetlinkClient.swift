import Netlink

/// The family-neutral half of a client of one generic netlink family: it resolves the
/// family when opened, keeps one connection that one caller uses at a time, sends the
/// family's requests and names the attributes of the kernel's errors from the family's
/// schema. Generated family clients are declarations over it.
///
/// A client is not for use from several threads at once (it is not `Sendable`), nor from
/// inside the closure of its own dump: that traps rather than corrupting the connection.
public final class GenericNetlinkClient<Transport: NetlinkTransport & ~Copyable> {
    // Exclusive use is checked by hand (`isBusy`), not by the runtime's dynamic
    // exclusivity tracking, which costs more than a request's own work (measured in
    // measurements/analysis.md).
    @exclusivity(unchecked) @usableFromInline var connection: GenericNetlinkConnection<Transport>
    @exclusivity(unchecked) @usableFromInline var isBusy = false
    /// The family as nlctrl described it when the client was opened.
    public let family: GenericNetlinkFamily
    /// The interface version sent in every request's `genlmsghdr`.
    public let version: UInt8
    /// The family's attributes, for naming those the kernel's errors point at.
    public let schema: FamilySchema?

    /// The family id the kernel assigned.
    @inlinable public var familyID: UInt16 { family.id }

    /// Resolves `familyName` over `connection`; throws `FamilyNotFoundError` when the
    /// family is not registered (its module is not loaded).
    public init(
        familyName: String, version: UInt8, schema: FamilySchema? = nil,
        connection: consuming GenericNetlinkConnection<Transport>
    ) throws {
        family = try connection.family(named: familyName)
        self.version = version
        self.schema = schema
        self.connection = connection
    }

    /// Sends `command` and hands `decodeReply` its one reply's header and attributes,
    /// borrowed from the receive buffer.
    ///
    /// - Parameters:
    ///   - operation: the spec's name of the command, for errors.
    ///   - set: the attribute set of the request, for naming attributes in errors.
    @inlinable @inline(__always)
    public func request<Reply>(
        _ command: UInt8, operation: String, set: String,
        _ writeAttributes: (inout MessageEncoder) throws -> Void,
        replyAttributes decodeReply: (GenericNetlinkHeader, RawSpan) throws -> Reply
    ) throws -> Reply {
        try withConnection(operation: operation, set: set) { connection in
            try connection.request(
                family: family.id, command: command, version: version, writeAttributes,
                replyAttributes: decodeReply)
        }
    }

    /// Sends `command` with `NLM_F_ACK` and waits for the acknowledgement: for commands
    /// that answer with nothing else.
    @inlinable
    public func requestAcknowledged(
        _ command: UInt8, operation: String, set: String,
        _ writeAttributes: (inout MessageEncoder) throws -> Void
    ) throws {
        try withConnection(operation: operation, set: set) { connection in
            try connection.requestAcknowledged(
                family: family.id, command: command, version: version, writeAttributes)
        }
    }

    /// Dumps `command`, handing `body` each message's header and attributes, borrowed.
    /// Returns how many messages there were. If `body` throws, the rest of the dump is
    /// drained and the error rethrown; a dump flagged `NLM_F_DUMP_INTR` is delivered
    /// completely, then thrown as `DumpInterruptedError<Element>` (with no partial
    /// results: `body` has seen them).
    @inlinable @inline(__always) @discardableResult
    public func dump<Element: Sendable>(
        _ command: UInt8, operation: String, set: String, element _: Element.Type,
        _ writeAttributes: (inout MessageEncoder) throws -> Void,
        eachAttributes body: (GenericNetlinkHeader, RawSpan) throws -> Void
    ) throws -> Int {
        do {
            return try withConnection(operation: operation, set: set) { connection in
                try connection.dump(
                    family: family.id, command: command, version: version, writeAttributes,
                    eachAttributes: body)
            }
        } catch let interrupted as DumpInterruptedError<NetlinkMessage> {
            throw interrupted.withPartialResults([Element]())
        }
    }

    /// Sends `count` requests of `command` together, `limit` per datagram (see
    /// `NetlinkConnection.batch`): `writeAttributes` writes each one's attributes. Each
    /// answer goes to `reply` (the index, the reply's header and attributes, borrowed;
    /// none for an acknowledgement) or `failure` (the index and the kernel's refusal,
    /// named like any other's). With `acknowledged`, requests ask for an acknowledgement:
    /// for commands that answer with nothing else.
    @inlinable @inline(__always) @discardableResult
    public func batch(
        _ command: UInt8, operation: String, set: String, count: Int, acknowledged: Bool = false,
        limit: Int = NetlinkConnection<Transport>.defaultBatchLimit,
        _ writeAttributes: (Int, inout MessageEncoder) throws -> Void,
        reply: (Int, GenericNetlinkHeader, RawSpan) throws -> Void,
        failure: (Int, NetlinkError) throws -> Void
    ) throws -> Int {
        try withConnection { connection in
            try connection.batch(
                family: family.id, command: command, version: version, flags: acknowledged ? .acknowledge : [],
                count: count, limit: limit, writeAttributes, reply: reply,
                failure: { index, error, request in
                    try failure(index, named(error, operation: operation, set: set, request: request))
                })
        }
    }

    /// Runs `body` with the connection, for requests the generated methods do not cover
    /// (tests send malformed requests this way). A kernel error is thrown with the
    /// operation and its attributes named. Traps when the client is in use already: from
    /// inside the closure of its own dump, say.
    @inlinable @inline(__always)
    public func withConnection<Result>(
        operation: String? = nil, set: String? = nil,
        _ body: (inout GenericNetlinkConnection<Transport>) throws -> Result
    ) throws -> Result {
        precondition(!isBusy, "GenericNetlinkClient used while it is in use (from a dump closure?)")
        isBusy = true
        defer { isBusy = false }
        do {
            return try body(&connection)
        } catch let error as NetlinkError {
            throw named(error, operation: operation, set: set)
        }
    }

    /// Out of line: only errors pay for it. `request` is the refused request (the last
    /// one sent when not given).
    @usableFromInline @inline(never)
    func named(_ error: NetlinkError, operation: String?, set: String?, request: [UInt8]? = nil) -> NetlinkError {
        guard let operation else { return error }
        guard let schema, let set else {
            var named = error
            named.operation = operation
            return named
        }
        return error.naming(
            operation: operation, request: request ?? connection.netlink.lastRequest(), set: set, schema: schema)
    }
}

extension GenericNetlinkClient where Transport == NetlinkSocket {
    /// Opens a netlink socket and resolves `familyName`.
    public convenience init(familyName: String, version: UInt8, schema: FamilySchema? = nil) throws {
        try self.init(
            familyName: familyName, version: version, schema: schema, connection: GenericNetlinkConnection())
    }
}
