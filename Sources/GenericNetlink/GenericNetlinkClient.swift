import Netlink

/// The family-neutral half of a client of one generic netlink family: it resolves the
/// family when opened, keeps one connection that one caller uses at a time, sends the
/// family's requests and names the attributes of the kernel's errors from the family's
/// schema. Generated family clients are declarations over it.
///
/// When the kernel answers the family's id with `ENOENT` or `EOPNOTSUPP`, the client asks
/// nlctrl once whether the family now has another id (its module was reloaded) and, if
/// so, sends the request again there; `apply(_:)` keeps the id right ahead of time, from
/// nlctrl's announcements.
///
/// A client is not for use from several threads at once (it is not `Sendable`), nor from
/// inside the closure of its own dump: that traps rather than corrupting the connection.
public final class GenericNetlinkClient<Transport: NetlinkTransport & ~Copyable> {
    // Exclusive use is checked by hand (`isBusy`), not by the runtime's dynamic
    // exclusivity tracking, which costs more than a request's own work (measured in
    // measurements/analysis.md).
    @exclusivity(unchecked) @usableFromInline var connection: GenericNetlinkConnection<Transport>
    @exclusivity(unchecked) @usableFromInline var isBusy = false
    /// The family as nlctrl described it when the client was opened, or since it was
    /// registered again.
    @exclusivity(unchecked) public private(set) var family: GenericNetlinkFamily
    /// The interface version sent in every request's `genlmsghdr`.
    public let version: UInt8
    /// The family's attributes, for naming those the kernel's errors point at.
    public let schema: FamilySchema?

    /// The family id the kernel assigned.
    @inlinable public var familyID: UInt16 { family.id }

    /// Called with each warning the kernel attaches to an answer that succeeded (an
    /// extended-ACK message on an acknowledgement, or on the end of a dump).
    public var warningHandler: ((NetlinkWarning) -> Void)? {
        get { connection.netlink.warningHandler }
        set { connection.netlink.warningHandler = newValue }
    }

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
        try withFamily(operation: operation, set: set) { connection, familyID in
            try connection.request(
                family: familyID, command: command, version: version, writeAttributes,
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
        try withFamily(operation: operation, set: set) { connection, familyID in
            try connection.requestAcknowledged(
                family: familyID, command: command, version: version, writeAttributes)
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
            // A reloaded family is noticed before the dump's first message (the kernel
            // refuses an unknown id at once), so sending it again repeats nothing.
            return try withFamily(operation: operation, set: set) { connection, familyID in
                try connection.dump(
                    family: familyID, command: command, version: version, writeAttributes,
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

    /// Runs `body` with the connection and the family's id; when the kernel answers that id
    /// with `ENOENT` or `EOPNOTSUPP` and nlctrl now gives the family another id, runs it
    /// once more with the new one.
    @inlinable @inline(__always)
    func withFamily<Result>(
        operation: String, set: String,
        _ body: (inout GenericNetlinkConnection<Transport>, UInt16) throws -> Result
    ) throws -> Result {
        do {
            return try withConnection(operation: operation, set: set) { try body(&$0, family.id) }
        } catch let error as NetlinkError
            where error.errno == .noSuchFileOrDirectory || error.errno == .notSupported
        {
            try resolveFamilyAgain(after: error)
            return try withConnection(operation: operation, set: set) { try body(&$0, family.id) }
        }
    }

    /// Asks nlctrl for the family afresh after `error`: rethrows `error` when the id is
    /// the same (the family itself refused), throws `FamilyNotFoundError` when the family
    /// is gone. Out of line: only errors pay for it.
    @usableFromInline @inline(never)
    func resolveFamilyAgain(after error: NetlinkError) throws {
        let current = try withConnection { connection in
            connection.forgetCachedFamily(named: family.name)
            return try connection.family(named: family.name)
        }
        guard current.id != family.id else { throw error }
        family = current
    }

    /// Brings the family's id, and the connection's cache, up to date with a change nlctrl
    /// announced (`subscribeToFamilyChanges()`), before a request finds it out of date.
    public func apply(_ change: FamilyChange) {
        precondition(!isBusy, "GenericNetlinkClient used while it is in use (from a dump closure?)")
        connection.apply(change)
        if case .registered(let registered) = change, registered.name == family.name {
            family = registered
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
