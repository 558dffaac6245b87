import CLibnlGenl
import CraftedMessages
import Netlink
import Testing

@testable import GenericNetlinkLibnl

/// The error callback's reading of `NLMSG_ERROR`/`NLMSG_DONE` (LibnlKernelError), on
/// crafted messages; every well-formed case is checked against the raw backend's
/// decoder (`NetlinkError(errorMessage:)`), so both backends throw equal errors.
@Suite struct KernelErrorParsingTests {
    static let messageType = UInt16(NLMSGERR_ATTR_MSG.rawValue)
    static let offsetType = UInt16(NLMSGERR_ATTR_OFFS.rawValue)
    static let cookieType = UInt16(NLMSGERR_ATTR_COOKIE.rawValue)
    static let missingType = UInt16(NLMSGERR_ATTR_MISS_TYPE.rawValue)
    static let missingNestType = UInt16(NLMSGERR_ATTR_MISS_NEST.rawValue)
    static let einval = Errno.invalidArgument

    /// What the libnl backend makes of `bytes`.
    func parse(_ bytes: [UInt8]) throws -> NetlinkError? {
        try bytes.withUnsafeBytes { try LibnlKernelError.parse($0) }
    }

    /// What the raw backend makes of `bytes`.
    func parseLikeTheRawBackend(_ bytes: [UInt8]) throws -> NetlinkError? {
        var messages = NetlinkMessageDecoder(bytes[...])
        let next = messages.next()
        let message = try #require(next)
        try messages.finish()
        if message.header.type == NetlinkMessageType.done {
            return try NetlinkError(doneMessage: message)
        }
        return try NetlinkError(errorMessage: message)
    }

    /// Parses `bytes` and checks the raw backend agrees.
    func parseBoth(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation)
        throws -> NetlinkError?
    {
        let error = try parse(bytes)
        #expect(error == (try parseLikeTheRawBackend(bytes)), sourceLocation: sourceLocation)
        return error
    }

    // MARK: Well-formed

    @Test func acknowledgementIsNoError() throws {
        #expect(try parseBoth(Crafted.error(0)) == nil)
        #expect(try parseBoth(Crafted.error(0, capped: false)) == nil)
    }

    @Test func errnoWithoutExtendedAck() throws {
        let error = try parseBoth(Crafted.error(-22, sequence: 99))
        #expect(error == NetlinkError(errno: Self.einval, sequence: 99))
        #expect(error?.description == "EINVAL (22): Invalid argument")
    }

    @Test(arguments: [true, false])
    func messageAndOffset(capped: Bool) throws {
        let error = try parseBoth(
            Crafted.error(
                -34, capped: capped,
                attributes: Crafted.attribute(Self.messageType, string: "value out of range")
                    + Crafted.attribute(Self.offsetType, UInt32(20))))
        #expect(
            error
                == NetlinkError(
                    errno: .resultOutOfRange, message: "value out of range",
                    offendingAttributeOffset: 20, sequence: 7))
    }

    @Test(arguments: [true, false])
    func missingAttribute(capped: Bool) throws {
        let error = try parseBoth(
            Crafted.error(
                -22, capped: capped,
                attributes: Crafted.attribute(Self.messageType, string: "missing MSG")
                    + Crafted.attribute(Self.missingType, UInt32(1))))
        #expect(error?.missingAttribute == NetlinkError.MissingAttribute(type: 1))
        #expect(error?.message == "missing MSG")
        #expect(error?.offendingAttributeOffset == nil)
    }

    @Test func missingAttributeInANest() throws {
        let error = try parseBoth(
            Crafted.error(
                -22,
                attributes: Crafted.attribute(Self.missingType, UInt32(7))
                    + Crafted.attribute(Self.missingNestType, UInt32(24))))
        #expect(error?.missingAttribute == NetlinkError.MissingAttribute(type: 7, nestOffset: 24))
        #expect(
            error?.description
                == "EINVAL (22): Invalid argument (missing attribute 7 in the nest at byte 24)")
    }

    @Test func uncappedErrorDoesNotReadTheQuotedRequest() throws {
        // The quoted request holds an attribute of type 1, "hi": not the kernel's message.
        #expect(try parseBoth(Crafted.error(-22, capped: false))?.message == nil)
        let error = try parseBoth(
            Crafted.error(
                -22, capped: false, attributes: Crafted.attribute(Self.offsetType, UInt32(20))))
        #expect(error?.message == nil)
        #expect(error?.offendingAttributeOffset == 20)
    }

    @Test func attributesTheErrorDoesNotSurfaceAreSkipped() throws {
        let error = try parseBoth(
            Crafted.error(
                -95,
                attributes: Crafted.attribute(Self.cookieType, [1, 2, 3, 4, 5, 6, 7, 8])
                    + Crafted.attribute(Self.messageType, string: "nope")
                    + Crafted.attribute(200, UInt32(1))))
        #expect(error == NetlinkError(errno: Errno(rawValue: 95), message: "nope", sequence: 7))
    }

    @Test func doneEndsADump() throws {
        let empty = Crafted.message(type: NetlinkMessageType.done, flags: [.multipart], payload: [])
        #expect(try parseBoth(empty) == nil)
        #expect(try parseBoth(Crafted.done(0)) == nil)
        let error = try parseBoth(
            Crafted.done(-90, attributes: Crafted.attribute(Self.messageType, string: "too big")))
        #expect(error == NetlinkError(errno: Errno(rawValue: 90), message: "too big", sequence: 7))
    }

    // MARK: Malformed: thrown, never trapped on

    @Test func truncatedInputIsRejected() throws {
        let error = Crafted.error(-22)
        for length in [0, 8, 15, 16, 20, 35] {
            #expect(throws: MalformedMessageError.self, "\(length) bytes") {
                // The header claims the whole message; the buffer is shorter.
                try parse(Array(error.prefix(length)))
            }
        }
        // A consistent header with a payload too short for struct nlmsgerr.
        let short = Crafted.message(
            type: NetlinkMessageType.error, payload: Crafted.bytes(Int32(-22)))
        #expect(throws: MalformedMessageError.self) { try parse(short) }
        let shortDone = Crafted.message(type: NetlinkMessageType.done, payload: [0xff, 0xff])
        #expect(throws: MalformedMessageError.self) { try parse(shortDone) }
    }

    @Test(arguments: [Int32(22), Int32.min])
    func codeThatIsNotANegatedErrnoIsRejected(code: Int32) throws {
        #expect(throws: MalformedMessageError.self) { try parse(Crafted.error(code)) }
        #expect(throws: MalformedMessageError.self) {
            try parseLikeTheRawBackend(Crafted.error(code))
        }
    }

    @Test func uncappedErrorQuotingMoreThanItHoldsIsRejected() throws {
        var bytes = Crafted.error(
            -22, capped: false, attributes: Crafted.attribute(Self.offsetType, UInt32(20)))
        // The quoted request's nlmsg_len, at 16 (header) + 4 (error).
        bytes.replaceSubrange(20..<24, with: Crafted.bytes(UInt32(4096)))
        #expect(throws: MalformedMessageError.self) { try parse(bytes) }
        #expect(throws: MalformedMessageError.self) { try parseLikeTheRawBackend(bytes) }
    }

    @Test func attributeOfTheWrongSizeIsRejected() throws {
        let bytes = Crafted.error(-22, attributes: Crafted.attribute(Self.offsetType, [20, 0]))
        #expect(throws: MalformedMessageError.self) { try parse(bytes) }
        #expect(throws: MalformedMessageError.self) { try parseLikeTheRawBackend(bytes) }
    }

    @Test func attributeRunningPastTheEndIsRejected() throws {
        var attribute = Crafted.attribute(Self.messageType, string: "abc")
        attribute.replaceSubrange(0..<2, with: Crafted.bytes(UInt16(64)))
        let bytes = Crafted.error(-22, attributes: attribute)
        #expect(throws: MalformedMessageError.self) { try parse(bytes) }
        #expect(throws: MalformedMessageError.self) { try parseLikeTheRawBackend(bytes) }
    }

    @Test func messageThatIsNotUTF8IsRejected() throws {
        let bytes = Crafted.error(
            -22, attributes: Crafted.attribute(Self.messageType, [0xff, 0xfe, 0]))
        #expect(throws: MalformedMessageError.self) { try parse(bytes) }
        #expect(throws: MalformedMessageError.self) { try parseLikeTheRawBackend(bytes) }
    }

    @Test func messageWithoutItsNulIsRejectedByLibnlsPolicy() throws {
        // NLA_STRING: libnl insists on the NUL the kernel always sends.
        let bytes = Crafted.error(
            -22, attributes: Crafted.attribute(Self.messageType, Array("abcd".utf8)))
        #expect(throws: MalformedMessageError.self) { try parse(bytes) }
    }

    @Test func otherMessageTypesAreRejected() throws {
        let bytes = Crafted.message(
            type: 0x20, payload: Crafted.bytes(Int32(-22)) + [UInt8](repeating: 0, count: 16))
        #expect(throws: MalformedMessageError.self) { try parse(bytes) }
    }
}
