import FoobarXmpl
import GenericNetlink
import Netlink
import Testing

/// Requests no well-behaved client sends, built with the raw layers below the client,
/// to check the module refuses each with an errno and an extended ACK.
@Suite struct InvalidRequestTests {
    private func refusal(
        dump: Bool = false, command: UInt8 = FoobarXmplFamily.Command.echo,
        _ writeAttributes: (inout MessageEncoder) throws -> Void
    ) throws -> NetlinkError {
        let client = try RawFoobarXmplClient()
        return try #require(throws: NetlinkError.self) {
            try client.withConnection { connection in
                if dump {
                    try connection.dump(
                        family: client.familyID, command: command,
                        version: FoobarXmplFamily.version, writeAttributes) { _ in }
                } else {
                    try connection.requestAcknowledged(
                        family: client.familyID, command: command,
                        version: FoobarXmplFamily.version, writeAttributes)
                }
            }
        }
    }

    @Test func echoWithoutMessageIsRejected() throws {
        let error = try refusal { _ in }
        #expect(error.errno == .invalidArgument)
        #expect(error.missingAttribute?.type == FoobarXmplFamily.Attribute.message)
    }

    @Test func unknownAttributeIsRejected() throws {
        let error = try refusal {
            try $0.appendAttribute(FoobarXmplFamily.Attribute.message, string: "hi")
            $0.appendAttribute(FoobarXmplFamily.Attribute.maximum + 1, UInt32(1))
        }
        #expect(error.errno == .invalidArgument)
        #expect(error.message != nil)
        // nlmsghdr (16) + genlmsghdr (4) + MSG "hi" (8): the unknown one is next.
        #expect(error.offendingAttributeOffset == 28)
    }

    @Test func dumpCountOfTheWrongTypeIsRejected() throws {
        let error = try refusal(dump: true) {
            $0.appendAttribute(FoobarXmplFamily.Attribute.dumpCount, UInt8(5))
        }
        #expect([Errno.invalidArgument, .resultOutOfRange].contains(error.errno))
        #expect(error.message != nil)
        #expect(error.offendingAttributeOffset == 20)
    }

    @Test func dumpCountOverTheRangeIsRejected() throws {
        let error = try refusal(dump: true) {
            $0.appendAttribute(
                FoobarXmplFamily.Attribute.dumpCount, FoobarXmplFamily.maximumDumpCount + 1)
        }
        #expect(error.errno == .resultOutOfRange)
        #expect(error.message != nil)
        #expect(error.offendingAttributeOffset == 20)
    }

    @Test func messageWithoutNulIsRejected() throws {
        let error = try refusal {
            try $0.appendAttribute(FoobarXmplFamily.Attribute.message, bytes: Array("no nul".utf8))
        }
        #expect(error.errno == .invalidArgument)
        #expect(error.offendingAttributeOffset == 20)
    }

    @Test func dumpIndexFromUserSpaceIsRejected() throws {
        let error = try refusal {
            try $0.appendAttribute(FoobarXmplFamily.Attribute.message, string: "hi")
            $0.appendAttribute(FoobarXmplFamily.Attribute.dumpIndex, UInt32(1))
        }
        // DUMP_INDEX is in no request of the spec, so no command's policy takes it.
        #expect(error.errno == .invalidArgument)
        #expect(error.message == "Unknown attribute type")
        #expect(error.offendingAttributeOffset == 28)
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
        let policy = try connection.policy(ofFamily: FoobarXmplFamily.name)
        let echo = UInt32(FoobarXmplFamily.Command.echo)
        let doAttributes = try #require(policy.attributes(ofCommand: echo))
        let message = try #require(doAttributes[FoobarXmplFamily.Attribute.message])
        #expect(message.type == AttributePolicy.nulStringType)
        #expect(message.maximumLength == UInt32(FoobarXmplFamily.maximumTextLength))
        let dumpAttributes = try #require(policy.attributes(ofCommand: echo, dump: true))
        let count = try #require(dumpAttributes[FoobarXmplFamily.Attribute.dumpCount])
        #expect(count.type == AttributePolicy.u32Type)
        #expect(count.maximumUnsignedValue == UInt64(FoobarXmplFamily.maximumDumpCount))
    }
}
