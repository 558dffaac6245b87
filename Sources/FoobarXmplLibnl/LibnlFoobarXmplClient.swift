import CLibnlGenl
import FoobarXmpl
import GenericNetlink
import GenericNetlinkLibnl
import Netlink

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The `gnl_foobar_xmpl` client on libnl-genl-3: the family's commands over
/// `LibnlGenericClient`, with the numbers and the reply policy from the generated
/// `GnlFoobarXmpl` (the family's spec).
///
///     let client = try LibnlFoobarXmplClient()
///     print(try client.echo("hi"))
///
/// It behaves like the generated raw client and throws the same errors; libnl's own
/// failures are `LibnlError`.
public final class LibnlFoobarXmplClient: FoobarXmplClient {
    let client: LibnlGenericClient
    /// `attrs`, the set of every request and reply, as libnl checks replies.
    private let policy = LibnlPolicy(GnlFoobarXmpl.schema.sets["attrs"]!)
    private typealias Attribute = GnlFoobarXmpl.Attrs.Attribute

    public var familyID: UInt16 { client.familyID }

    /// Opens a libnl socket and resolves the family; throws `FamilyNotFoundError` when it
    /// is not registered (the module is not loaded).
    public convenience init() throws {
        try self.init(familyName: GnlFoobarXmpl.familyName)
    }

    /// Opens a socket and resolves `familyName` (tests use nlctrl, which every host has).
    init(familyName: String) throws {
        client = try LibnlGenericClient(
            familyName: familyName, version: GnlFoobarXmpl.familyVersion, schema: GnlFoobarXmpl.schema)
    }

    public func echo(_ text: String) throws -> String {
        var reply = ""
        try echoMessages(text) { header in
            reply = try withMessage(header) { try Self.text($0) }
        }
        return reply
    }

    public func echo(_ text: String, bytes body: (RawSpan) throws -> Void) throws {
        try echoMessages(text) { header in
            try withMessage(header) { try body(Self.textBytes($0).bytes) }
        }
    }

    /// Sends `text` to be echoed and hands `body` the reply as libnl gives it; throws if
    /// the kernel acknowledged instead of replying.
    private func echoMessages(
        _ text: String, _ body: (UnsafeMutablePointer<nlmsghdr>) throws -> Void
    ) throws {
        try NetlinkAttribute.checkEncodable(string: text)
        var replied = false
        try client.exchange(
            command: GnlFoobarXmpl.Command.echoMsg, operation: "echo-msg", set: "attrs",
            attributeSpace: Int(nla_total_size(CInt(text.utf8.count + 1))),
            { message in text.withCString { nla_put_string(message, CInt(Attribute.msg), $0) } },
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
            try withDumpEntry(header) { index, message in try body(index, Self.textBytes(message).bytes) }
        }
    }

    /// Dumps like `dump(count:_:)`; with `text`, every message carries it instead of
    /// "dump message <index>" (the request's `msg`).
    public func dump(
        count: UInt32?, text: String?, _ body: (FoobarXmplDumpMessage) throws -> Void
    ) throws {
        try dumpMessages(count: count, text: text) { header in
            try withDumpEntry(header) { index, message in
                try body(FoobarXmplDumpMessage(index: index, text: Self.text(message)))
            }
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
        let result = try client.exchange(
            command: GnlFoobarXmpl.Command.echoMsg, operation: "echo-msg", set: "attrs", dump: true,
            attributeSpace: attributeSpace,
            { message in
                if let count {
                    let result = nla_put_u32(message, CInt(Attribute.dumpCount), count)
                    if result < 0 { return result }
                }
                if let text {
                    return text.withCString { nla_put_string(message, CInt(Attribute.msg), $0) }
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
        try client.exchange(
            command: GnlFoobarXmpl.Command.replyWithNlmsgErr, operation: "reply-with-nlmsg-err", set: "attrs",
            attributeSpace: 0, { _ in 0 }, each: { _ in })
    }

    // MARK: Replies (internal: the tests read crafted replies with them)

    /// The `msg` attribute of an echo reply.
    func withMessage<Result>(
        _ header: UnsafeMutablePointer<nlmsghdr>, _ body: (UnsafeMutablePointer<nlattr>) throws -> Result
    ) throws -> Result {
        try client.withAttributes(of: header, policy: policy) { table in
            guard let message = table[Int(Attribute.msg)] else {
                throw MalformedMessageError("echo reply without msg")
            }
            return try body(message)
        }
    }

    /// The `dump-index` and `msg` of one dump message.
    func withDumpEntry<Result>(
        _ header: UnsafeMutablePointer<nlmsghdr>, _ body: (UInt32, UnsafeMutablePointer<nlattr>) throws -> Result
    ) throws -> Result {
        try client.withAttributes(of: header, policy: policy) { table in
            guard let index = table[Int(Attribute.dumpIndex)], let message = table[Int(Attribute.msg)] else {
                throw MalformedMessageError("dump message without dump-index or msg")
            }
            return try body(nla_get_u32(index), message)
        }
    }

    /// `nla_get_string` as Swift text; the policy made sure it is NUL-terminated.
    static func text(_ attribute: UnsafeMutablePointer<nlattr>) throws -> String {
        guard let text = String(validatingCString: nla_get_string(attribute)) else {
            throw MalformedMessageError("msg is not valid UTF-8")
        }
        return text
    }

    /// The bytes of a string attribute before its NUL. The policy (NLA_STRING) had libnl
    /// check that the payload ends in one.
    static func textBytes(_ attribute: UnsafeMutablePointer<nlattr>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: nla_data(attribute), count: strlen(nla_get_string(attribute)))
    }
}
