import CNetlink
import Glibc
import NetlinkTesting
import Testing

@testable import Netlink

@Suite struct ErrorTests {
    /// A request as the kernel would have received it.
    private let request = NetlinkMessage(
        header: NetlinkMessageHeader(
            length: 28, type: 0x20, flags: [.request], sequence: 41, portID: 777),
        payload: [])

    @Test func errnoHasItsCName() {
        #expect(Errno.invalidArgument.name == "EINVAL")
        #expect(Errno(rawValue: ERANGE).name == "ERANGE")
        #expect(Errno.invalidArgument.description == "EINVAL (22)")
        #expect(Errno(rawValue: 9999).name == "E9999")
    }

    @Test func acknowledgementIsNotAnError() throws {
        let message = try decoded(FakeKernel.acknowledgement(of: request))
        #expect(try NetlinkError(errorMessage: message) == nil)
    }

    @Test func errorCarriesExtendedAcknowledgement() throws {
        let message = try decoded(
            FakeKernel.error(
                EINVAL, answering: request, message: "bad thing", offset: 20, missingType: 1))
        let error = try #require(try NetlinkError(errorMessage: message))
        #expect(error.errno == .invalidArgument)
        #expect(error.message == "bad thing")
        #expect(error.offendingAttributeOffset == 20)
        #expect(error.missingAttribute == NetlinkError.MissingAttribute(type: 1))
        #expect(error.sequence == 41)
        #expect(
            error.description
                == "EINVAL (22): bad thing (offending attribute at byte 20) (missing attribute 1)")
    }

    @Test func errorWithoutMessageFallsBackToTheCLibraryText() throws {
        let message = try decoded(FakeKernel.error(ENOENT, answering: request))
        let error = try #require(try NetlinkError(errorMessage: message))
        #expect(error.message == nil)
        #expect(error.description == "ENOENT (2): No such file or directory")
    }

    @Test func uncappedErrorSkipsTheCopiedRequest() throws {
        // Without NETLINK_CAP_ACK the whole request comes back before the attributes.
        var encoder = MessageEncoder(
            type: NetlinkMessageType.error, flags: [.acknowledgementAttributes], sequence: 41,
            portID: 777)
        encoder.append(-EPERM)
        encoder.append(UInt32(24))  // the request: header + one u32 attribute
        encoder.append(UInt16(0x20))
        encoder.append(NetlinkMessageFlags.request.rawValue)
        encoder.append(UInt32(41))
        encoder.append(UInt32(777))
        encoder.appendAttribute(1, UInt32(0xffff_ffff))  // the request's attribute, not ours
        try encoder.appendAttribute(UInt16(NLMSGERR_ATTR_MSG.rawValue), string: "denied")
        let error = try #require(try NetlinkError(errorMessage: decoded(encoder.finish())))
        #expect(error.errno == .notPermitted)
        #expect(error.message == "denied")
        #expect(error.offendingAttributeOffset == nil)
    }

    @Test func errorClaimingAHugeRequestThrows() throws {
        var encoder = MessageEncoder(
            type: NetlinkMessageType.error, flags: [.acknowledgementAttributes], sequence: 1,
            portID: 1)
        encoder.append(-EINVAL)
        encoder.append(UInt32(0xffff_fff0))  // claims a 4 GiB request was copied back
        for _ in 0..<3 { encoder.append(UInt32(0)) }
        #expect(throws: MalformedMessageError.self) {
            try NetlinkError(errorMessage: decoded(encoder.finish()))
        }
    }

    @Test func errorCopyingBackARequestShorterThanAHeaderThrows() throws {
        var encoder = MessageEncoder(
            type: NetlinkMessageType.error, flags: [.acknowledgementAttributes], sequence: 1,
            portID: 1)
        encoder.append(-EINVAL)
        encoder.append(UInt32(4))  // a request length no request can have
        for _ in 0..<3 { encoder.append(UInt32(0)) }
        #expect(throws: MalformedMessageError.self) {
            try NetlinkError(errorMessage: decoded(encoder.finish()))
        }
    }

    @Test(arguments: [
        ("short nlmsgerr", [UInt8](repeating: 0, count: 10)),
        ("positive error", withUnsafeBytes(of: Int32(5)) { Array($0) } + [UInt8](repeating: 0, count: 16)),
        ("INT_MIN error", withUnsafeBytes(of: Int32.min) { Array($0) } + [UInt8](repeating: 0, count: 16)),
    ])
    func malformedErrorMessagesThrow(_ problem: String, _ payload: [UInt8]) {
        let message = NetlinkMessage(
            header: NetlinkMessageHeader(
                length: UInt32(16 + payload.count), type: NetlinkMessageType.error, flags: [],
                sequence: 1, portID: 1),
            payload: payload[...])
        #expect(throws: MalformedMessageError.self, "\(problem)") {
            try NetlinkError(errorMessage: message)
        }
    }

    @Test func doneCarriesTheErrorThatEndedTheDump() throws {
        let message = try decoded(
            FakeKernel.done(answering: request, errno: ENOBUFS, message: "dump broke"))
        let error = try #require(try NetlinkError(doneMessage: message))
        #expect(error.errno == .noBufferSpace)
        #expect(error.message == "dump broke")
        #expect(try NetlinkError(doneMessage: decoded(FakeKernel.done(answering: request))) == nil)
    }

    @Test func doneWithAPartialIntThrows() {
        let message = NetlinkMessage(
            header: NetlinkMessageHeader(
                length: 18, type: NetlinkMessageType.done, flags: [], sequence: 1, portID: 1),
            payload: [0, 0])
        #expect(throws: MalformedMessageError.self) { try NetlinkError(doneMessage: message) }
    }
}
