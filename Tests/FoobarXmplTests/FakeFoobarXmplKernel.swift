import CNetlink
import FoobarXmpl
import GenericNetlink
import Glibc
import Netlink
import NetlinkTesting

/// A kernel with `gnl_foobar_xmpl` loaded, played by `FakeKernel`: nlctrl resolves the
/// family, ECHO echoes, the ECHO dump sends `count` messages, REPLY_WITH_NLMSG_ERR fails.
struct FakeFoobarXmplKernel {
    static let familyID: UInt16 = 0x22
    /// Dump messages packed into one datagram.
    var messagesPerDatagram = 50
    /// Dump messages from this index on carry `NLM_F_DUMP_INTR`.
    var interruptFrom: UInt32?
    /// An attribute the replies leave out (a broken kernel).
    var omitting: UInt16?

    func makeKernel() -> FakeKernel {
        FakeKernel { request in try respond(to: request) }
    }

    private func respond(to request: NetlinkMessage) throws -> [[UInt8]] {
        let message = try GenericNetlinkMessage(decoding: request)
        if request.header.type == Controller.familyID {
            let family = GenericNetlinkFamily(
                name: GnlFoobarXmpl.familyName, id: Self.familyID, version: 1,
                maximumAttribute: UInt32(GnlFoobarXmpl.Attrs.Attribute.dumpIndex))
            return [try FakeKernel.reply(to: request) { encoder in
                encoder.append(GenericNetlinkHeader(command: UInt8(CTRL_CMD_NEWFAMILY), version: 2))
                try family.appendAttributes(to: &encoder)
            }]
        }
        switch message.header.command {
        case GnlFoobarXmpl.Command.echoMsg where request.header.flags.contains(.dump):
            return try dump(answering: request, message)
        case GnlFoobarXmpl.Command.echoMsg:
            var text: String?
            try AttributeDecoder.forEach(in: message.payload) {
                if $0.type == GnlFoobarXmpl.Attrs.Attribute.msg { text = try $0.string() }
            }
            guard let text else {
                return [try FakeKernel.error(EINVAL, answering: request, message: "missing MSG", missingType: 1)]
            }
            return [try FakeKernel.reply(to: request) { encoder in
                encoder.append(GenericNetlinkHeader(command: GnlFoobarXmpl.Command.echoMsg, version: 1))
                if omitting != GnlFoobarXmpl.Attrs.Attribute.msg {
                    try encoder.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.msg, string: text)
                }
            }]
        case GnlFoobarXmpl.Command.replyWithNlmsgErr:
            return [try FakeKernel.error(
                Errno(rawValue: CInt(GnlFoobarXmpl.replyErrno)).rawValue, answering: request,
                message: GnlFoobarXmpl.replyErrMsg)]
        default:
            return [try FakeKernel.error(EOPNOTSUPP, answering: request)]
        }
    }

    private func dump(answering request: NetlinkMessage, _ message: GenericNetlinkMessage) throws -> [[UInt8]] {
        var count = UInt32(GnlFoobarXmpl.dumpCountDefault)
        try AttributeDecoder.forEach(in: message.payload) {
            if $0.type == GnlFoobarXmpl.Attrs.Attribute.dumpCount { count = try $0.uint32() }
        }
        var messages = try (0..<count).map { index in
            var flags: NetlinkMessageFlags = .multipart
            if let interruptFrom, index >= interruptFrom { flags.insert(.dumpInterrupted) }
            return try FakeKernel.reply(to: request, flags: flags) { encoder in
                encoder.append(GenericNetlinkHeader(command: GnlFoobarXmpl.Command.echoMsg, version: 1))
                if omitting != GnlFoobarXmpl.Attrs.Attribute.dumpIndex {
                    encoder.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpIndex, index)
                }
                if omitting != GnlFoobarXmpl.Attrs.Attribute.msg {
                    try encoder.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.msg, string: "dump message \(index)")
                }
            }
        }
        messages.append(try FakeKernel.done(answering: request))
        return stride(from: 0, to: messages.count, by: messagesPerDatagram).map {
            FakeKernel.datagram(Array(messages[$0..<min($0 + messagesPerDatagram, messages.count)]))
        }
    }
}
