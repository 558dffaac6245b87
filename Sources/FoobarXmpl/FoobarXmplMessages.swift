import GenericNetlink
import Netlink

/// Reading the family's replies from their attributes, borrowed from the receive buffer;
/// shared by the raw client and its tests.
enum FoobarXmplMessages {
    /// The `MSG` of an echo reply.
    static func echoedText(in attributes: RawSpan) throws -> String {
        let payload = attributes.extracting(unchecked: try echoedTextPayload(in: attributes))
        return try NetlinkAttributeHeader(type: FoobarXmplFamily.Attribute.message)
            .string(in: payload)
    }

    /// Hands `body` the text bytes of an echo reply's `MSG` (before its NUL), borrowed.
    @inline(__always)
    static func withEchoedText(in attributes: RawSpan, _ body: (RawSpan) throws -> Void) throws {
        let payload = attributes.extracting(unchecked: try echoedTextPayload(in: attributes))
        try body(payload.extracting(unchecked: 0..<NetlinkAttributeHeader.stringLength(in: payload)))
    }

    /// Where the payload of an echo reply's `MSG` lies in `attributes` (checked by the
    /// walk, hence the unchecked extractions above).
    @inline(__always)
    static func echoedTextPayload(in attributes: RawSpan) throws -> Range<Int> {
        var text: Range<Int>?
        try AttributeDecoder.forEach(in: attributes) { header, payload in
            if header.type == FoobarXmplFamily.Attribute.message { text = payload }
        }
        guard let text else {
            throw MalformedMessageError("echo reply without GNL_FOOBAR_XMPL_A_MSG")
        }
        return text
    }

    /// The `DUMP_INDEX` and `MSG` of one dump message.
    static func dumpMessage(in attributes: RawSpan) throws -> FoobarXmplDumpMessage {
        let (index, text) = try dumpAttributes(in: attributes)
        let textHeader = NetlinkAttributeHeader(type: FoobarXmplFamily.Attribute.message)
        return FoobarXmplDumpMessage(
            index: index, text: try textHeader.string(in: attributes.extracting(unchecked: text)))
    }

    /// Hands `body` the `DUMP_INDEX` and the text bytes of `MSG` (before its NUL) of one
    /// dump message, without copying them.
    @inline(__always)
    static func withDumpEntry(
        in attributes: RawSpan, _ body: (UInt32, RawSpan) throws -> Void
    ) throws {
        let (index, text) = try dumpAttributes(in: attributes)
        let payload = attributes.extracting(unchecked: text)
        // stringLength is at most the payload's length.
        try body(index, payload.extracting(unchecked: 0..<NetlinkAttributeHeader.stringLength(in: payload)))
    }

    /// The `DUMP_INDEX` of a dump message and where the payload of its `MSG` lies.
    @inline(__always)
    static func dumpAttributes(in attributes: RawSpan) throws -> (UInt32, Range<Int>) {
        var index: UInt32?
        var text: Range<Int>?
        try AttributeDecoder.forEach(in: attributes) { header, payload in
            switch header.type {
            case FoobarXmplFamily.Attribute.dumpIndex:
                index = try header.integer(in: attributes.extracting(unchecked: payload))
            case FoobarXmplFamily.Attribute.message:
                text = payload
            default:
                break
            }
        }
        guard let index, let text else {
            throw MalformedMessageError(
                "dump message without GNL_FOOBAR_XMPL_A_DUMP_INDEX or GNL_FOOBAR_XMPL_A_MSG")
        }
        return (index, text)
    }
}
