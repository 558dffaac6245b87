import CNetlink
import GenericNetlink
import Netlink

/// Reading the family's replies from their attributes, borrowed from the receive buffer;
/// shared by the raw client and its tests.
@usableFromInline enum FoobarXmplMessages {
    /// The `MSG` of an echo reply.
    static func echoedText(in attributes: RawSpan) throws -> String {
        let payload = attributes.extracting(unchecked: try echoedTextPayload(in: attributes))
        return try NetlinkAttributeHeader(type: FoobarXmplFamily.Attribute.message)
            .string(in: payload)
    }

    /// Hands `body` the text bytes of an echo reply's `MSG` (before its NUL), borrowed.
    @inlinable @inline(__always)
    static func withEchoedText(in attributes: RawSpan, _ body: (RawSpan) throws -> Void) throws {
        let payload = attributes.extracting(unchecked: try echoedTextPayload(in: attributes))
        try body(payload.extracting(unchecked: 0..<NetlinkAttributeHeader.stringLength(in: payload)))
    }

    /// Where the payload of an echo reply's `MSG` lies in `attributes` (checked by the
    /// walk, hence the unchecked extractions above).
    @inlinable @inline(__always)
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
    @inlinable @inline(__always)
    static func withDumpEntry(
        in attributes: RawSpan, _ body: (UInt32, RawSpan) throws -> Void
    ) throws {
        let (index, text) = try dumpAttributes(in: attributes)
        let payload = attributes.extracting(unchecked: text)
        // stringLength is at most the payload's length.
        try body(index, payload.extracting(unchecked: 0..<NetlinkAttributeHeader.stringLength(in: payload)))
    }

    /// The `DUMP_INDEX` of a dump message and where the payload of its `MSG` lies.
    @inlinable @inline(__always)
    static func dumpAttributes(in attributes: RawSpan) throws -> (UInt32, Range<Int>) {
        if let entry = dumpAttributesInKernelLayout(in: attributes) { return entry }
        return try walkDumpAttributes(in: attributes)
    }

    /// `dumpAttributes` for the layout the module writes, checked and read in place:
    /// DUMP_INDEX (a u32), then MSG, reaching the end. Every message of a dump has it,
    /// and reading it without the walk saves ~40 instructions per message. Nil for any
    /// other layout (another order, more attributes, a malformed one): the walk then
    /// reads the same attributes the same way, or throws.
    @inlinable @inline(__always)
    static func dumpAttributesInKernelLayout(in attributes: RawSpan) -> (UInt32, Range<Int>)? {
        let byteCount = attributes.byteCount
        guard byteCount >= 12 else { return nil }  // DUMP_INDEX (4 + 4), MSG's header (4)
        let index = attributes.unsafeLoadUnaligned(fromUncheckedByteOffset: 0, as: nlattr.self)
        let text = attributes.unsafeLoadUnaligned(fromUncheckedByteOffset: 8, as: nlattr.self)
        let indexHeader = NetlinkAttributeHeader(index)
        let textLength = Int(text.nla_len)
        guard index.nla_len == 8, indexHeader.type == FoobarXmplFamily.Attribute.dumpIndex,
            NetlinkAttributeHeader(text).type == FoobarXmplFamily.Attribute.message,
            textLength >= 4, textLength <= byteCount &- 8,
            (textLength &+ 3) & ~3 >= byteCount &- 8,  // nothing after MSG but its padding
            // The same typed read as the walk's, of the 4 bytes the length check covers.
            let value = try? indexHeader.integer(
                UInt32.self, in: attributes.extracting(unchecked: 4..<8))
        else { return nil }
        return (value, 12..<(8 &+ textLength))
    }

    /// `dumpAttributes` for any layout: every attribute is checked, the last of each type
    /// counts, unknown ones are skipped.
    @inlinable @inline(__always)
    static func walkDumpAttributes(in attributes: RawSpan) throws -> (UInt32, Range<Int>) {
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
