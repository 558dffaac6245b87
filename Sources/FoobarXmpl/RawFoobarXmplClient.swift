import GenericNetlink
import Netlink

/// The `gnl_foobar_xmpl` client on this package's own netlink layers: one socket, one
/// `sendto` and one `recvfrom` per echo.
///
///     let client = try RawFoobarXmplClient()
///     print(try client.echo("hi"))
///
/// `Transport` is `NetlinkSocket` in use and `FakeKernel` in tests.
public final class RawFoobarXmplClient<Transport: NetlinkTransport & ~Copyable>: FoobarXmplClient {
    // Exclusive use is checked by hand (`isBusy`), not by the runtime's dynamic
    // exclusivity tracking, which cost ~90 instructions per request (callgrind).
    @exclusivity(unchecked) @usableFromInline var connection: GenericNetlinkConnection<Transport>
    @exclusivity(unchecked) @usableFromInline var isBusy = false
    /// The family as nlctrl described it when the client was opened.
    public let family: GenericNetlinkFamily

    public var familyID: UInt16 { family.id }

    /// Resolves the family over `connection`; throws `FamilyNotFoundError` when it is not
    /// registered (the module is not loaded).
    public init(connection: consuming GenericNetlinkConnection<Transport>) throws {
        family = try connection.family(named: FoobarXmplFamily.name)
        self.connection = connection
    }

    // Callers reach these through `any FoobarXmplClient`, where nothing is specialized
    // for them: @_specialize compiles each one for the real socket too, and the generic
    // entry point jumps there when Transport is NetlinkSocket. The borrowing ones are
    // also @inlinable: a caller holding the concrete client gets its closure folded into
    // the receive loop, not called per message.
    @_specialize(exported: false, where Transport == NetlinkSocket)
    public func echo(_ text: String) throws -> String {
        try echoAttributes(text) { _, attributes in
            try FoobarXmplMessages.echoedText(in: attributes)
        }
    }

    @_specialize(exported: false, where Transport == NetlinkSocket)
    @inlinable
    public func echo(_ text: String, bytes body: (RawSpan) throws -> Void) throws {
        @inline(__always) func reply(_: GenericNetlinkHeader, _ attributes: RawSpan) throws {
            try FoobarXmplMessages.withEchoedText(in: attributes, body)
        }
        try echoAttributes(text, reply)
    }

    /// Sends `text` to be echoed and returns what `decodeReply` makes of the reply's
    /// attributes, borrowed.
    @inlinable @inline(__always)
    func echoAttributes<Reply>(
        _ text: String, _ decodeReply: (GenericNetlinkHeader, RawSpan) throws -> Reply
    ) throws -> Reply {
        try withConnection { connection in
            try connection.request(
                family: family.id, command: FoobarXmplFamily.Command.echo,
                version: FoobarXmplFamily.version,
                { try $0.appendAttribute(FoobarXmplFamily.Attribute.message, string: text) },
                replyAttributes: decodeReply)
        }
    }

    @_specialize(exported: false, where Transport == NetlinkSocket)
    public func dump(count: UInt32?, _ body: (FoobarXmplDumpMessage) throws -> Void) throws {
        try dumpAttributes(count: count) { _, attributes in
            try body(FoobarXmplMessages.dumpMessage(in: attributes))
        }
    }

    @_specialize(exported: false, where Transport == NetlinkSocket)
    @inlinable
    public func dump(count: UInt32?, bytes body: (UInt32, RawSpan) throws -> Void) throws {
        @inline(__always) func entry(_: GenericNetlinkHeader, _ attributes: RawSpan) throws {
            try FoobarXmplMessages.withDumpEntry(in: attributes, body)
        }
        try dumpAttributes(count: count, entry)
    }

    /// Sends the dump request and hands `body` each message's attributes, borrowed.
    @inlinable @inline(__always)
    func dumpAttributes(
        count: UInt32?, _ body: (GenericNetlinkHeader, RawSpan) throws -> Void
    ) throws {
        do {
            _ = try withConnection { connection in
                try connection.dump(
                    family: family.id, command: FoobarXmplFamily.Command.echo,
                    version: FoobarXmplFamily.version,
                    { encoder in
                        if let count {
                            encoder.appendAttribute(FoobarXmplFamily.Attribute.dumpCount, count)
                        }
                    },
                    eachAttributes: body)
            }
        } catch let interrupted as DumpInterruptedError<NetlinkMessage> {
            throw interrupted.withPartialResults([FoobarXmplDumpMessage]())
        }
    }

    /// Throws the kernel's `NetlinkError`. Returns only if the kernel acknowledged the
    /// command instead, which the module never does.
    public func replyWithError() throws {
        try withConnection { connection in
            try connection.requestAcknowledged(
                family: family.id, command: FoobarXmplFamily.Command.replyWithError,
                version: FoobarXmplFamily.version)
        }
    }

    /// Runs `body` with the generic netlink connection, for requests the typed methods do
    /// not cover (tests send malformed requests this way). Traps when the client is in use
    /// already: from inside the closure of its own `dump`, say.
    @inlinable @inline(__always)
    public func withConnection<Result>(
        _ body: (inout GenericNetlinkConnection<Transport>) throws -> Result
    ) rethrows -> Result {
        precondition(!isBusy, "RawFoobarXmplClient used while it is in use (from a dump closure?)")
        isBusy = true
        defer { isBusy = false }
        return try body(&connection)
    }
}

extension RawFoobarXmplClient where Transport == NetlinkSocket {
    /// Opens a netlink socket and resolves the family.
    public convenience init() throws {
        try self.init(connection: GenericNetlinkConnection())
    }
}
