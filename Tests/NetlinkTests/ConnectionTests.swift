import CNetlink
import Glibc
import NetlinkTesting
import Testing

@testable import Netlink

/// Client logic against `FakeKernel`: sequence checks, multipart, errors, interruptions.
@Suite struct ConnectionTests {
    private static let family: UInt16 = 0x20

    /// A reply message carrying one u32 attribute (type 1).
    private static func reply(
        to request: NetlinkMessage, value: UInt32, flags: NetlinkMessageFlags = []
    ) -> [UInt8] {
        FakeKernel.reply(to: request, flags: flags) { $0.appendAttribute(1, value) }
    }

    private static func value(of message: NetlinkMessage) throws -> UInt32 {
        var attributes = AttributeDecoder(message.payload)
        let next = attributes.next()
        try attributes.finish()
        let attribute = try #require(next)
        return try attribute.uint32()
    }

    @Test func requestReturnsTheReplyInOneReceive() throws {
        let kernel = FakeKernel { request in [Self.reply(to: request, value: 42)] }
        var connection = NetlinkConnection(transport: kernel)
        let value = try connection.request(type: Self.family, { _ in }, reply: Self.value)
        #expect(value == 42)
        #expect(kernel.sentDatagrams.count == 1)
        #expect(kernel.receiveCount == 1)
        let sent = try #require(NetlinkMessageHeader(decoding: kernel.sentDatagrams[0][...]))
        #expect(sent.flags == .request)
        #expect(sent.portID == kernel.portID)
    }

    @Test func borrowedReplyPayloadIsTheReplysPayload() throws {
        let kernel = FakeKernel { request in [Self.reply(to: request, value: 42)] }
        var connection = NetlinkConnection(transport: kernel)
        let value = try connection.request(type: Self.family, { _ in }) { header, payload in
            #expect(header.type == Self.family)
            var value: UInt32?
            try AttributeDecoder.forEach(in: payload) { attribute, range in
                value = try attribute.integer(in: payload.extracting(range))
            }
            return value
        }
        #expect(value == 42)
        #expect(kernel.receiveCount == 1)
    }

    @Test func sequenceNumbersIncrease() throws {
        let kernel = FakeKernel { request in [Self.reply(to: request, value: request.header.sequence)] }
        var connection = NetlinkConnection(transport: kernel)
        let first = try connection.request(type: Self.family, { _ in }, reply: Self.value)
        let second = try connection.request(type: Self.family, { _ in }, reply: Self.value)
        #expect(second == first + 1)
    }

    @Test func staleRepliesAndOtherPortsAreNeverAnswers() throws {
        let kernel = FakeKernel { request in
            var stale = request
            stale.header.sequence -= 1
            var otherPort = request
            otherPort.header.portID += 1
            var notification = request
            notification.header.sequence = 0
            return [
                FakeKernel.datagram([
                    Self.reply(to: stale, value: 1), Self.reply(to: otherPort, value: 2),
                ]),
                Self.reply(to: notification, value: 3),
                Self.reply(to: request, value: 4),
            ]
        }
        var connection = NetlinkConnection(transport: kernel)
        #expect(try connection.request(type: Self.family, { _ in }, reply: Self.value) == 4)
    }

    @Test func kernelErrorIsThrownWithItsExtendedAcknowledgement() throws {
        let kernel = FakeKernel { request in
            [try FakeKernel.error(EINVAL, answering: request, message: "nope", offset: 20)]
        }
        var connection = NetlinkConnection(transport: kernel)
        let error = try #require(throws: NetlinkError.self) {
            try connection.request(type: Self.family, { _ in }, reply: Self.value)
        }
        #expect(error.errno == .invalidArgument)
        #expect(error.message == "nope")
        #expect(error.offendingAttributeOffset == 20)
        #expect(error.sequence == 1)
    }

    @Test func acknowledgedRequestWaitsForTheAck() throws {
        let kernel = FakeKernel { request in
            [FakeKernel.datagram([Self.reply(to: request, value: 8), FakeKernel.acknowledgement(of: request)])]
        }
        var connection = NetlinkConnection(transport: kernel)
        var values: [UInt32] = []
        try connection.requestAcknowledged(type: Self.family, { _ in }) {
            values.append(try Self.value(of: $0))
        }
        #expect(values == [8])
        let sent = try #require(NetlinkMessageHeader(decoding: kernel.sentDatagrams[0][...]))
        #expect(sent.flags == [.request, .acknowledge])
    }

    @Test func ackWhereAReplyWasExpectedThrows() {
        let kernel = FakeKernel { request in [FakeKernel.acknowledgement(of: request)] }
        var connection = NetlinkConnection(transport: kernel)
        #expect(throws: MalformedMessageError.self) {
            try connection.request(type: Self.family, { _ in }, reply: Self.value)
        }
    }

    /// A dump of `count` values, `perDatagram` messages per datagram, DONE in the last.
    private static func dumpKernel(
        count: Int, perDatagram: Int, interruptAt: Int? = nil, interruptions: Int = .max
    ) -> FakeKernel {
        var dumpsServed = 0
        return FakeKernel { request in
            #expect(request.header.flags.isSuperset(of: [.request, .dump]))
            dumpsServed += 1
            let interrupted = dumpsServed <= interruptions
            var messages = (0..<count).map { index in
                var flags: NetlinkMessageFlags = .multipart
                if interrupted, let interruptAt, index >= interruptAt {
                    flags.insert(.dumpInterrupted)
                }
                return reply(to: request, value: UInt32(index), flags: flags)
            }
            messages.append(try FakeKernel.done(answering: request))
            return stride(from: 0, to: messages.count, by: perDatagram).map {
                FakeKernel.datagram(Array(messages[$0..<min($0 + perDatagram, messages.count)]))
            }
        }
    }

    @Test func multipartDumpIsReadToDone() throws {
        let kernel = Self.dumpKernel(count: 10, perDatagram: 3)
        var connection = NetlinkConnection(transport: kernel)
        var values: [UInt32] = []
        let count = try connection.dump(type: Self.family, { _ in }) {
            values.append(try Self.value(of: $0))
        }
        #expect(count == 10)
        #expect(values == Array(0..<10))
        #expect(kernel.receiveCount == 4)  // 11 messages, 3 per datagram
    }

    @Test func borrowedDumpSeesEveryPayload() throws {
        let kernel = Self.dumpKernel(count: 10, perDatagram: 3)
        var connection = NetlinkConnection(transport: kernel)
        var values: [UInt32] = []
        let count = try connection.dump(type: Self.family, { _ in }, eachPayload: { _, payload in
            try AttributeDecoder.forEach(in: payload) { attribute, range in
                values.append(try attribute.integer(in: payload.extracting(range)))
            }
        })
        #expect(count == 10)
        #expect(values == Array(0..<10))
    }

    @Test func interruptedDumpIsDrainedThenThrown() throws {
        let kernel = Self.dumpKernel(count: 6, perDatagram: 2, interruptAt: 3)
        var connection = NetlinkConnection(transport: kernel)
        var delivered = 0
        let error = try #require(throws: DumpInterruptedError<NetlinkMessage>.self) {
            try connection.dump(type: Self.family, { _ in }) { _ in delivered += 1 }
        }
        #expect(delivered == 6)
        #expect(error.messageCount == 6)
        #expect(error.sequence == 1)
        // The socket is usable afterwards: the dump was read to its end.
        #expect(kernel.receiveCount == 4)
    }

    @Test func collectedInterruptedDumpCarriesPartialResults() throws {
        let kernel = Self.dumpKernel(count: 4, perDatagram: 10, interruptAt: 2)
        var connection = NetlinkConnection(transport: kernel)
        let error = try #require(throws: DumpInterruptedError<UInt32>.self) {
            try connection.dumpCollecting(type: Self.family, { _ in }, decode: Self.value)
        }
        #expect(error.partialResults == [0, 1, 2, 3])
    }

    @Test func retryPolicyReissuesAnInterruptedDump() throws {
        let kernel = Self.dumpKernel(count: 4, perDatagram: 10, interruptAt: 1, interruptions: 2)
        var connection = NetlinkConnection(transport: kernel)
        let values = try connection.dumpCollecting(
            type: Self.family, retry: .attempts(3), { _ in }, decode: Self.value)
        #expect(values == [0, 1, 2, 3])
        #expect(kernel.sentDatagrams.count == 3)
    }

    @Test func retryPolicyGivesUpAfterItsAttempts() throws {
        let kernel = Self.dumpKernel(count: 2, perDatagram: 10, interruptAt: 0)
        var connection = NetlinkConnection(transport: kernel)
        #expect(throws: DumpInterruptedError<UInt32>.self) {
            try connection.dumpCollecting(
                type: Self.family, retry: .attempts(2), { _ in }, decode: Self.value)
        }
        #expect(kernel.sentDatagrams.count == 2)
    }

    @Test func failingBodyDrainsTheDumpAndRethrows() throws {
        struct Stop: Error {}
        let kernel = Self.dumpKernel(count: 9, perDatagram: 2)
        var connection = NetlinkConnection(transport: kernel)
        var seen = 0
        #expect(throws: Stop.self) {
            try connection.dump(type: Self.family, { _ in }) { _ in
                seen += 1
                if seen == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
        #expect(kernel.receiveCount == 5)  // everything up to DONE was read
    }

    @Test func dumpThatFailsToStartThrows() throws {
        let kernel = FakeKernel { request in
            [try FakeKernel.error(ERANGE, answering: request, message: "count too big")]
        }
        var connection = NetlinkConnection(transport: kernel)
        let error = try #require(throws: NetlinkError.self) {
            try connection.dump(type: Self.family, { _ in }) { _ in }
        }
        #expect(error.errno == .resultOutOfRange)
        #expect(error.message == "count too big")
    }

    @Test func dumpEndedByAnErrorInDoneThrows() throws {
        let kernel = FakeKernel { request in
            [FakeKernel.datagram([
                Self.reply(to: request, value: 0, flags: .multipart),
                try FakeKernel.done(answering: request, errno: EIO, message: "broke"),
            ])]
        }
        var connection = NetlinkConnection(transport: kernel)
        let error = try #require(throws: NetlinkError.self) {
            try connection.dump(type: Self.family, { _ in }) { _ in }
        }
        #expect(error.errno == Errno(rawValue: EIO))
        #expect(error.message == "broke")
    }

    @Test func truncatedDatagramIsReported() throws {
        let kernel = FakeKernel { request in
            [try FakeKernel.reply(to: request) { try $0.appendAttribute(1, bytes: [UInt8](repeating: 1, count: 200)) }]
        }
        var connection = NetlinkConnection(transport: kernel, receiveBufferSize: 64)
        // A 16-byte header and a 204-byte attribute.
        #expect(throws: TruncatedDatagramError(bufferSize: 64, datagramSize: 220)) {
            try connection.request(type: Self.family, { _ in }, reply: { _ in () })
        }
        // The buffer grew to hold a datagram that size: asking again is answered whole.
        let payload = try connection.request(type: Self.family, { _ in }, reply: { $0.payload })
        #expect(payload.count == 204)
    }

    @Test func malformedDatagramThrows() throws {
        let kernel = FakeKernel { _ in [[1, 2, 3]] }
        var connection = NetlinkConnection(transport: kernel)
        #expect(throws: MalformedMessageError.self) {
            try connection.request(type: Self.family, { _ in }, reply: { _ in () })
        }
    }

    @Test func unencodableRequestIsNeverSent() throws {
        let kernel = FakeKernel { _ in [] }
        var connection = NetlinkConnection(transport: kernel)
        #expect(throws: UnencodableTextError.self) {
            try connection.request(
                type: Self.family, { try $0.appendAttribute(1, string: "a\0b") }, reply: { _ in () })
        }
        #expect(kernel.sentDatagrams.isEmpty)
    }
}
