import FoobarXmpl
import GenericNetlink
import Netlink
import Testing

/// Requests no well-behaved client sends, built with the raw layers below the client,
/// to check the module refuses each with an errno and an extended ACK.
@Suite struct InvalidRequestTests {
    private func refusal(
        dump: Bool = false, command: UInt8 = GnlFoobarXmpl.Command.echoMsg,
        _ writeAttributes: (inout MessageEncoder) throws -> Void
    ) throws -> NetlinkError {
        let client = try GnlFoobarXmplClient()
        return try #require(throws: NetlinkError.self) {
            // Named as the generated methods name them, so the errors say which attribute.
            try client.base.withConnection(operation: "echo-msg", set: "attrs") { connection in
                if dump {
                    try connection.dump(
                        family: client.familyID, command: command,
                        version: GnlFoobarXmpl.familyVersion, writeAttributes) { _ in }
                } else {
                    try connection.requestAcknowledged(
                        family: client.familyID, command: command,
                        version: GnlFoobarXmpl.familyVersion, writeAttributes)
                }
            }
        }
    }

    @Test func echoWithoutMessageIsRejected() throws {
        let error = try refusal { _ in }
        #expect(error.errno == .invalidArgument)
        #expect(error.missingAttribute?.type == GnlFoobarXmpl.Attrs.Attribute.msg)
        #expect(error.missingAttributeName == ".msg")
        #expect("\(error)".hasPrefix("echo-msg: EINVAL (22): "))
        #expect("\(error)".hasSuffix("(missing attribute: .msg)"))
    }

    @Test func unknownAttributeIsRejected() throws {
        let error = try refusal {
            try $0.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.msg, string: "hi")
            $0.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpIndex + 1, UInt32(1))
        }
        #expect(error.errno == .invalidArgument)
        #expect(error.message != nil)
        // nlmsghdr (16) + genlmsghdr (4) + MSG "hi" (8): the unknown one is next.
        #expect(error.offendingAttributeOffset == 28)
    }

    @Test func dumpCountOfTheWrongTypeIsRejected() throws {
        let error = try refusal(dump: true) {
            $0.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpCount, UInt8(5))
        }
        #expect([Errno.invalidArgument, .resultOutOfRange].contains(error.errno))
        #expect(error.message != nil)
        #expect(error.offendingAttributeOffset == 20)
    }

    @Test func dumpCountOverTheRangeIsRejected() throws {
        let error = try refusal(dump: true) {
            $0.appendAttribute(
                GnlFoobarXmpl.Attrs.Attribute.dumpCount, UInt32(GnlFoobarXmpl.dumpCountMax) + 1)
        }
        #expect(error.errno == .resultOutOfRange)
        #expect(error.message != nil)
        #expect(error.offendingAttributeOffset == 20)
        #expect(error.offendingAttribute == ".dump-count")
        #expect("\(error)".hasSuffix("(bad attribute: .dump-count)"))
    }

    @Test func messageWithoutNulIsRejected() throws {
        let error = try refusal {
            try $0.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.msg, bytes: Array("no nul".utf8))
        }
        #expect(error.errno == .invalidArgument)
        #expect(error.offendingAttributeOffset == 20)
        #expect(error.offendingAttribute == ".msg")
    }

    @Test func dumpIndexFromUserSpaceIsRejected() throws {
        let error = try refusal {
            try $0.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.msg, string: "hi")
            $0.appendAttribute(GnlFoobarXmpl.Attrs.Attribute.dumpIndex, UInt32(1))
        }
        // DUMP_INDEX is in no request of the spec, so no command's policy takes it.
        #expect(error.errno == .invalidArgument)
        #expect(error.message == "Unknown attribute type")
        #expect(error.offendingAttributeOffset == 28)
        #expect(error.offendingAttribute == ".dump-index")
    }

    @Test func unknownCommandIsRejected() throws {
        let error = try refusal(command: 99) { _ in }
        #expect(error.errno == .notSupported)
    }
}

/// The module's policy as nlctrl reports it: the limits the header promises.
@Suite struct PolicyTests {
    @Test func policyMatchesTheHeader() throws {
        var connection = try GenericNetlinkConnection()
        let policy = try connection.policy(ofFamily: GnlFoobarXmpl.familyName)
        let echo = UInt32(GnlFoobarXmpl.Command.echoMsg)
        let doAttributes = try #require(policy.attributes(ofCommand: echo))
        let message = try #require(doAttributes[GnlFoobarXmpl.Attrs.Attribute.msg])
        #expect(message.type == AttributePolicy.nulStringType)
        #expect(message.maximumLength == UInt32(GnlFoobarXmpl.msgMaxLen))
        let dumpAttributes = try #require(policy.attributes(ofCommand: echo, dump: true))
        let count = try #require(dumpAttributes[GnlFoobarXmpl.Attrs.Attribute.dumpCount])
        #expect(count.type == AttributePolicy.u32Type)
        #expect(count.maximumUnsignedValue == UInt64(UInt32(GnlFoobarXmpl.dumpCountMax)))
    }
}
