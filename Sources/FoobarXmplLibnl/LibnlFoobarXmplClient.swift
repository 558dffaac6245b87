import CLibnlGenl
import FoobarXmpl
import GenericNetlink
import Netlink

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The `gnl_foobar_xmpl` client on libnl-genl-3, used the way libnl is meant to be
/// used: `genl_ctrl_resolve`, messages built with `genlmsg_put`/`nla_put_*`, sent with
/// `nl_send_auto` (which asks for an ACK and numbers the request) and received with
/// `nl_recvmsgs` and callbacks, libnl's sequence check on.
///
///     let client = try LibnlFoobarXmplClient()
///     print(try client.echo("hi"))
///
/// It behaves like `RawFoobarXmplClient` and throws the same errors; libnl's own
/// failures, which the raw backend cannot have, are `LibnlError`. No libnl type appears
/// in its API. A client is not thread-safe, and the closure given to `dump` must not use
/// the client it was given to.
public final class LibnlFoobarXmplClient: FoobarXmplClient {
    let socket: LibnlSocket
    /// One set of callbacks for all requests; each request points them at its own state.
    private let callbacks: LibnlCallbacks
    /// The sequence number of a request that could not be sent. libnl numbered it and
    /// now expects its answer, which will never come: the next request reuses the number
    /// so that libnl's sequence check stays in step.
    private var unsentSequence: UInt32?
    public let familyID: UInt16

    /// Opens a libnl socket and resolves the family; throws `FamilyNotFoundError` when it
    /// is not registered (the module is not loaded).
    public convenience init() throws {
        try self.init(familyName: FoobarXmplFamily.name)
    }

    /// Opens a socket and resolves `familyName` (tests use nlctrl, which every host has).
    init(familyName: String) throws {
        socket = try LibnlSocket()
        familyID = try resolveFamily(named: familyName, on: socket)
        callbacks = try LibnlCallbacks()
    }

    public func echo(_ text: String) throws -> String {
        var reply = ""
        try echoMessages(text) { header in
            reply = try Self.echoedText(in: header)
        }
        return reply
    }

    public func echo(_ text: String, bytes body: (RawSpan) throws -> Void) throws {
        try echoMessages(text) { header in
            try Self.withEchoedText(in: header, body)
        }
    }

    /// Sends `text` to be echoed and hands `body` the reply as libnl gives it; throws if
    /// the kernel acknowledged instead of replying.
    private func echoMessages(
        _ text: String, _ body: (UnsafeMutablePointer<nlmsghdr>) throws -> Void
    ) throws {
        try NetlinkAttribute.checkEncodable(string: text)
        var replied = false
        try exchange(
            command: FoobarXmplFamily.Command.echo,
            attributeSpace: Int(nla_total_size(CInt(text.utf8.count + 1))),
            { message in
                text.withCString {
                    nla_put_string(message, CInt(FoobarXmplFamily.Attribute.message), $0)
                }
            },
            each: { header in
                try body(header)
                replied = true
            })
        guard replied else {
            throw MalformedMessageError("acknowledgement where a reply was expected")
        }
    }

    public func dump(count: UInt32?, _ body: (FoobarXmplDumpMessage) throws -> Void) throws {
        try dump(count: count, text: nil, body)
    }

    public func dump(count: UInt32?, bytes body: (UInt32, RawSpan) throws -> Void) throws {
        try dumpMessages(count: count, text: nil) { header in
            try Self.withDumpEntry(in: header, body)
        }
    }

    /// Dumps like `dump(count:_:)`; with `text`, every message carries it instead of
    /// "dump message <index>" (the request's `GNL_FOOBAR_XMPL_A_MSG`).
    public func dump(
        count: UInt32?, text: String?, _ body: (FoobarXmplDumpMessage) throws -> Void
    ) throws {
        try dumpMessages(count: count, text: text) { header in
            try body(Self.dumpMessage(in: header))
        }
    }

    /// Sends the dump request and hands `body` each message of the dump as libnl gives it.
    private func dumpMessages(
        count: UInt32?, text: String?, _ body: (UnsafeMutablePointer<nlmsghdr>) throws -> Void
    ) throws {
        var attributeSpace = 0
        if count != nil {
            attributeSpace += Int(nla_total_size(CInt(MemoryLayout<UInt32>.size)))
        }
        if let text {
            try NetlinkAttribute.checkEncodable(string: text)
            attributeSpace += Int(nla_total_size(CInt(text.utf8.count + 1)))
        }
        let result = try exchange(
            command: FoobarXmplFamily.Command.echo, dump: true, attributeSpace: attributeSpace,
            { message in
                if let count {
                    let result = nla_put_u32(
                        message, CInt(FoobarXmplFamily.Attribute.dumpCount), count)
                    if result < 0 { return result }
                }
                if let text {
                    return text.withCString {
                        nla_put_string(message, CInt(FoobarXmplFamily.Attribute.message), $0)
                    }
                }
                return 0
            },
            each: body)
        if result.isInterrupted {
            throw DumpInterruptedError<FoobarXmplDumpMessage>(
                sequence: result.sequence, messageCount: result.messageCount)
        }
    }

    /// Throws the kernel's `NetlinkError`. Returns only if the kernel acknowledged the
    /// command instead, which the module never does.
    public func replyWithError() throws {
        try exchange(
            command: FoobarXmplFamily.Command.replyWithError, attributeSpace: 0,
            { _ in 0 }, each: { _ in })
    }

    // MARK: Requests

    /// How a request went, when the kernel did not refuse it.
    struct ExchangeResult {
        /// The request's sequence number, as `nl_send_auto` assigned it.
        var sequence: UInt32
        /// Reply messages received (for a dump: the dump's messages).
        var messageCount: Int
        /// A message came with `NLM_F_DUMP_INTR`; all of the dump was still read.
        var isInterrupted: Bool
    }

    /// Sends one request to the family and reads its whole answer, handing every reply
    /// message to `handle`.
    ///
    /// `writeAttributes` adds the attributes with `nla_put_*` (room for `attributeSpace`
    /// bytes of them was made) and returns libnl's result. A dump (`NLM_F_DUMP`) is read
    /// to its `NLMSG_DONE`, any other request to the ACK `nl_send_auto` asked for or to
    /// the kernel's `NLMSG_ERROR`. When `handle` throws, the rest of the answer is read
    /// and dropped, then its error is rethrown; then the kernel's, if any.
    @discardableResult
    func exchange(
        command: UInt8, version: UInt8 = FoobarXmplFamily.version, dump: Bool = false,
        attributeSpace: Int, _ writeAttributes: (OpaquePointer) -> CInt,
        each handle: (UnsafeMutablePointer<nlmsghdr>) throws -> Void
    ) throws -> ExchangeResult {
        let message = try LibnlMessage(attributeSpace: attributeSpace)
        let flags = dump ? NetlinkMessageFlags.dump.rawValue : 0
        guard
            genlmsg_put(
                message.pointer, UInt32(NL_AUTO_PORT), unsentSequence ?? UInt32(NL_AUTO_SEQ),
                CInt(familyID), 0, CInt(flags), command, version) != nil
        else {
            throw LibnlError(function: "genlmsg_put", code: NLE_NOMEM)
        }
        try LibnlFailure.check(call: "nla_put") { writeAttributes(message.pointer) }
        return try withoutActuallyEscaping(handle) { handle in
            var state = LibnlExchange(handle: handle)
            return try withUnsafeMutablePointer(to: &state) { state in
                LibnlExchange.install(state, on: callbacks.pointer)
                errno = 0
                let sent = nl_send_auto(socket.pointer, message.pointer)
                let savedErrno = errno
                let sequence = message.header.pointee.nlmsg_seq
                guard sent >= 0 else {
                    unsentSequence = sequence
                    throw LibnlFailure.error(code: sent, call: "sendmsg", errno: savedErrno)
                }
                unsentSequence = nil
                while !state.pointee.isFinished {
                    errno = 0
                    let result = nl_recvmsgs(socket.pointer, callbacks.pointer)
                    let savedErrno = errno
                    // The kernel's refusal; libnl returns it as an NLE code as well.
                    if state.pointee.answerError != nil { break }
                    if result == -NLE_DUMP_INTR {
                        // libnl read the dump to its end, then said it was interrupted.
                        state.pointee.isInterrupted = true
                    } else if result < 0 {
                        throw LibnlFailure.error(code: result, call: "recvmsg", errno: savedErrno)
                    }
                }
                if let error = state.pointee.handlerError ?? state.pointee.answerError {
                    throw error
                }
                return ExchangeResult(
                    sequence: sequence, messageCount: state.pointee.messageCount,
                    isInterrupted: state.pointee.isInterrupted)
            }
        }
    }

    // MARK: Replies

    /// The reply attributes and how libnl validates them before they are read.
    private static let policy: [nla_policy] = {
        var policy = [nla_policy](
            repeating: nla_policy(), count: Int(FoobarXmplFamily.Attribute.maximum) + 1)
        policy[Int(FoobarXmplFamily.Attribute.message)] = nla_policy(
            type: UInt16(NLA_STRING), minlen: 0, maxlen: 0)
        let u32 = nla_policy(type: UInt16(NLA_U32), minlen: 4, maxlen: 4)
        policy[Int(FoobarXmplFamily.Attribute.dumpCount)] = u32
        policy[Int(FoobarXmplFamily.Attribute.dumpIndex)] = u32
        return policy
    }()

    /// Parses a reply with `genlmsg_parse` and hands `body` the attribute table.
    private static func withAttributes<Result>(
        of header: UnsafeMutablePointer<nlmsghdr>,
        _ body: (UnsafeMutableBufferPointer<UnsafeMutablePointer<nlattr>?>) throws -> Result
    ) throws -> Result {
        try withUnsafeTemporaryAllocation(
            of: UnsafeMutablePointer<nlattr>?.self, capacity: policy.count
        ) { table in
            let result = genlmsg_parse(
                header, 0, table.baseAddress, CInt(FoobarXmplFamily.Attribute.maximum), policy)
            guard result == 0 else {
                throw MalformedMessageError(
                    "reply attributes: \(String(cString: nl_geterror(result)))")
            }
            return try body(table)
        }
    }

    /// `nla_get_string` as Swift text; the policy made sure it is NUL-terminated.
    private static func text(_ attribute: UnsafeMutablePointer<nlattr>) throws -> String {
        guard let text = String(validatingCString: nla_get_string(attribute)) else {
            throw MalformedMessageError("GNL_FOOBAR_XMPL_A_MSG is not valid UTF-8")
        }
        return text
    }

    /// The `MSG` of an echo reply.
    static func echoedText(in header: UnsafeMutablePointer<nlmsghdr>) throws -> String {
        try withEchoedMessage(in: header, text)
    }

    /// Hands `body` the text bytes of an echo reply's `MSG` (before its NUL), borrowed.
    static func withEchoedText(
        in header: UnsafeMutablePointer<nlmsghdr>, _ body: (RawSpan) throws -> Void
    ) throws {
        try withEchoedMessage(in: header) { try body(textBytes($0).bytes) }
    }

    /// The `MSG` attribute of an echo reply.
    private static func withEchoedMessage<Result>(
        in header: UnsafeMutablePointer<nlmsghdr>,
        _ body: (UnsafeMutablePointer<nlattr>) throws -> Result
    ) throws -> Result {
        try withAttributes(of: header) { table in
            guard let message = table[Int(FoobarXmplFamily.Attribute.message)] else {
                throw MalformedMessageError("echo reply without GNL_FOOBAR_XMPL_A_MSG")
            }
            return try body(message)
        }
    }

    /// The bytes of a string attribute before its NUL. The policy (NLA_STRING) had libnl
    /// check that the payload ends in one.
    private static func textBytes(_ attribute: UnsafeMutablePointer<nlattr>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: nla_data(attribute), count: strlen(nla_get_string(attribute)))
    }

    /// The `DUMP_INDEX` and `MSG` of one dump message.
    static func dumpMessage(in header: UnsafeMutablePointer<nlmsghdr>) throws
        -> FoobarXmplDumpMessage
    {
        try withDumpAttributes(in: header) { index, message in
            FoobarXmplDumpMessage(index: nla_get_u32(index), text: try text(message))
        }
    }

    /// Hands `body` the `DUMP_INDEX` and the text bytes of `MSG` (before its NUL) of one
    /// dump message, without copying them.
    static func withDumpEntry(
        in header: UnsafeMutablePointer<nlmsghdr>, _ body: (UInt32, RawSpan) throws -> Void
    ) throws {
        try withDumpAttributes(in: header) { index, message in
            try body(nla_get_u32(index), textBytes(message).bytes)
        }
    }

    /// The `DUMP_INDEX` and `MSG` attributes of one dump message.
    private static func withDumpAttributes<Result>(
        in header: UnsafeMutablePointer<nlmsghdr>,
        _ body: (UnsafeMutablePointer<nlattr>, UnsafeMutablePointer<nlattr>) throws -> Result
    ) throws -> Result {
        try withAttributes(of: header) { table in
            guard let index = table[Int(FoobarXmplFamily.Attribute.dumpIndex)],
                let message = table[Int(FoobarXmplFamily.Attribute.message)]
            else {
                throw MalformedMessageError(
                    "dump message without GNL_FOOBAR_XMPL_A_DUMP_INDEX or GNL_FOOBAR_XMPL_A_MSG")
            }
            return try body(index, message)
        }
    }
}
