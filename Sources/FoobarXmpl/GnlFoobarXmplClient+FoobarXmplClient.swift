import GenericNetlink
import Netlink

/// The generated raw-socket client (`GnlFoobarXmplClient`, from the spec) as a
/// `FoobarXmplClient`: the backend the CLI offers beside libnl's, and the one the
/// benchmark measures. Hand-written, as a family's extensions to its generated client are.
extension GnlFoobarXmplClient: FoobarXmplClient where Transport: ~Copyable {
    public var familyID: UInt16 { base.familyID }

    public func echo(_ text: String) throws -> String {
        guard let reply = try echoMsg(.init(msg: text)).msg else { throw missingReplyAttribute("msg") }
        return reply
    }

    // Inlinable: a caller holding the concrete client gets its closure folded into the
    // receive loop (the benchmark does).
    @inlinable
    public func echo(_ text: String, bytes body: (RawSpan) throws -> Void) throws {
        try echoMsg(.init(msg: text)) { reply, attributes in
            guard let text = reply.msg else { throw missingReplyAttribute("msg") }
            try body(attributes.extracting(text))
        }
    }

    public func dump(count: UInt32?, _ body: (FoobarXmplDumpMessage) throws -> Void) throws {
        do {
            try dumpEchoMsg(.init(dumpCount: count)) { message in
                guard let index = message.dumpIndex, let text = message.msg else {
                    throw missingReplyAttribute("dump-index or msg")
                }
                try body(FoobarXmplDumpMessage(index: index, text: text))
            }
        } catch let interrupted as DumpInterruptedError<GnlFoobarXmpl.Attrs> {
            throw interrupted.withPartialResults([FoobarXmplDumpMessage]())
        }
    }

    @inlinable
    public func dump(count: UInt32?, bytes body: (UInt32, RawSpan) throws -> Void) throws {
        do {
            try dumpEchoMsg(.init(dumpCount: count)) { (message: GnlFoobarXmpl.Attrs.Borrowed, attributes) in
                guard let index = message.dumpIndex, let text = message.msg else {
                    throw missingReplyAttribute("dump-index or msg")
                }
                try body(index, attributes.extracting(text))
            }
        } catch let interrupted as DumpInterruptedError<GnlFoobarXmpl.Attrs> {
            throw interrupted.withPartialResults([FoobarXmplDumpMessage]())
        }
    }

    public func replyWithError() throws {
        try replyWithNlmsgErr()
    }
}

/// A reply without an attribute the family always sends. Out of line: only errors pay.
@usableFromInline @inline(never)
func missingReplyAttribute(_ what: String) -> MalformedMessageError {
    MalformedMessageError("gnl_foobar_xmpl reply without \(what)")
}
