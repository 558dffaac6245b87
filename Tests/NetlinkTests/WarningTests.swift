import CNetlink
import Glibc
import NetlinkTesting
import Testing

@testable import Netlink

/// The kernel's warnings on answers that succeeded: an extended-ACK message on an
/// acknowledgement whose error is 0, or on the `NLMSG_DONE` of a dump that succeeded
/// (`NetlinkWarning`), and the connection handing them to its `warningHandler`.
@Suite struct WarningTests {
    private static let family: UInt16 = 0x20
    private let request = NetlinkMessage(
        header: NetlinkMessageHeader(length: 28, type: 0x20, flags: [.request], sequence: 41, portID: 777),
        payload: [])

    @Test func anAcknowledgementCarriesAWarningAndIsNoError() throws {
        let message = try decoded(FakeKernel.error(0, answering: request, message: "careful"))
        #expect(try NetlinkError(errorMessage: message) == nil)
        #expect(try NetlinkWarning(acknowledgement: message) == NetlinkWarning(message: "careful", sequence: 41))
    }

    @Test func anAcknowledgementOrAnErrorWithoutAWarningHasNone() throws {
        #expect(try NetlinkWarning(acknowledgement: decoded(FakeKernel.acknowledgement(of: request))) == nil)
        // An error's message is the error's, not a warning.
        #expect(try NetlinkWarning(acknowledgement: decoded(FakeKernel.error(EINVAL, answering: request, message: "no"))) == nil)
        // Attributes, but no message (a cookie, say).
        #expect(try NetlinkWarning(acknowledgement: decoded(FakeKernel.error(0, answering: request, offset: 4))) == nil)
    }

    @Test func anUncappedAcknowledgementHasItsWarningAfterTheCopiedRequest() throws {
        // Without NETLINK_CAP_ACK the whole request comes back before the attributes.
        var encoder = MessageEncoder(type: NetlinkMessageType.error, flags: [.acknowledgementAttributes], sequence: 7, portID: 1)
        encoder.append(Int32(0))
        encoder.append(UInt32(24))  // the request: header + one u32 attribute
        encoder.append(UInt16(0x20))
        encoder.append(NetlinkMessageFlags([.request, .acknowledge]).rawValue)
        encoder.append(UInt32(7))
        encoder.append(UInt32(1))
        try encoder.appendAttribute(1, string: "no")  // type 1 is NLMSGERR_ATTR_MSG: the request's, not a message
        try encoder.appendAttribute(UInt16(NLMSGERR_ATTR_MSG.rawValue), string: "past the request")
        let message = try decoded(encoder.finish())
        #expect(try NetlinkWarning(acknowledgement: message)?.message == "past the request")
    }

    @Test func theEndOfADumpCarriesAWarning() throws {
        let done = try decoded(FakeKernel.done(answering: request, message: "the list is long"))
        #expect(try NetlinkError(doneMessage: done) == nil)
        #expect(try NetlinkWarning(doneMessage: done) == NetlinkWarning(message: "the list is long", sequence: 41))
        #expect(try NetlinkWarning(doneMessage: decoded(FakeKernel.done(answering: request))) == nil)
        let failed = try decoded(FakeKernel.done(answering: request, errno: EIO, message: "broken"))
        #expect(try NetlinkWarning(doneMessage: failed) == nil)
    }

    @Test func aConnectionHandsAcknowledgementWarningsToItsHandler() throws {
        let kernel = FakeKernel { request in [try FakeKernel.error(0, answering: request, message: "deprecated")] }
        var connection = NetlinkConnection(transport: kernel)
        var warnings: [NetlinkWarning] = []
        connection.warningHandler = { warnings.append($0) }
        try connection.requestAcknowledged(type: Self.family, { _ in })
        #expect(warnings.map(\.message) == ["deprecated"])
        #expect(warnings.first?.sequence == NetlinkMessageHeader(decoding: kernel.sentDatagrams[0][...])?.sequence)
        // Without a handler it is dropped, and the request still succeeds.
        connection.warningHandler = nil
        try connection.requestAcknowledged(type: Self.family, { _ in })
        #expect(warnings.count == 1)
    }

    @Test func aConnectionHandsTheWarningAtTheEndOfADumpToItsHandler() throws {
        let kernel = FakeKernel { request in
            [FakeKernel.datagram([
                FakeKernel.reply(to: request, flags: .multipart) { $0.appendAttribute(1, UInt32(5)) },
                try FakeKernel.done(answering: request, message: "partial view"),
            ])]
        }
        var connection = NetlinkConnection(transport: kernel)
        var warnings: [String] = []
        connection.warningHandler = { warnings.append($0.message) }
        var count = 0
        try connection.dump(type: Self.family, { _ in }) { _ in count += 1 }
        #expect(count == 1)
        #expect(warnings == ["partial view"])
    }

    @Test func aBatchHandsAcknowledgementWarningsToItsHandler() throws {
        // The second of two acknowledged requests is answered with a warning.
        let kernel = FakeKernel { request in
            [request.payload.isEmpty
                ? FakeKernel.acknowledgement(of: request)
                : try FakeKernel.error(0, answering: request, message: "nearly full")]
        }
        var connection = NetlinkConnection(transport: kernel)
        var warnings: [NetlinkWarning] = []
        connection.warningHandler = { warnings.append($0) }
        var acknowledged: [Int] = []
        try connection.batch(
            { requests in
                try requests.add(type: Self.family, flags: .acknowledge) { _ in }
                try requests.add(type: Self.family, flags: .acknowledge) { $0.append(UInt32(1)) }
            },
            reply: { index, header, _ in
                if header.type == NetlinkMessageType.error { acknowledged.append(index) }
            },
            failure: { _, error, _ in throw error })
        #expect(acknowledged == [0, 1])
        let sent = try #require(NetlinkMessageHeader(decoding: kernel.sentDatagrams[0][...]))
        #expect(warnings == [NetlinkWarning(message: "nearly full", sequence: sent.sequence + 1)])
    }
}
