import GenericNetlink
import Netlink

/// Reading the family's replies; shared by the raw client and its tests.
enum FoobarXmplMessages {
    /// The `MSG` of an echo reply.
    static func echoedText(in reply: GenericNetlinkMessage) throws -> String {
        var text: String?
        var attributes = reply.attributes()
        while let attribute = attributes.next() {
            if attribute.type == FoobarXmplFamily.Attribute.message {
                text = try attribute.string()
            }
        }
        try attributes.finish()
        guard let text else {
            throw MalformedMessageError("echo reply without GNL_FOOBAR_XMPL_A_MSG")
        }
        return text
    }

    /// The `DUMP_INDEX` and `MSG` of one dump message.
    static func dumpMessage(in message: GenericNetlinkMessage) throws -> FoobarXmplDumpMessage {
        var index: UInt32?
        var text: String?
        var attributes = message.attributes()
        while let attribute = attributes.next() {
            switch attribute.type {
            case FoobarXmplFamily.Attribute.dumpIndex: index = try attribute.uint32()
            case FoobarXmplFamily.Attribute.message: text = try attribute.string()
            default: break
            }
        }
        try attributes.finish()
        guard let index, let text else {
            throw MalformedMessageError(
                "dump message without GNL_FOOBAR_XMPL_A_DUMP_INDEX or GNL_FOOBAR_XMPL_A_MSG")
        }
        return FoobarXmplDumpMessage(index: index, text: text)
    }
}
