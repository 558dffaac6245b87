import CNetlink
import Glibc
import Netlink
import NetlinkTesting
import Testing

/// Batched requests against a fake kernel that answers a request with a 4-byte payload
/// by echoing it, refuses one whose payload is 0xFF… with EINVAL, and acknowledges an
/// empty one that asked for it.
@Suite struct BatchTests {
    static func kernel() -> FakeKernel {
        FakeKernel { request in
            if request.payload.first == 0xFF {
                return [try FakeKernel.error(EINVAL, answering: request, message: "no")]
            }
            if request.payload.isEmpty, request.header.flags.contains(.acknowledge) {
                return [FakeKernel.acknowledgement(of: request)]
            }
            return [FakeKernel.reply(to: request) { encoder in
                for byte in request.payload { encoder.append(byte) }
            }]
        }
    }

    struct Answer: Equatable {
        var index: Int
        var payload: [UInt8]?
        var errno: Errno?
    }

    static func run(
        _ payloads: [[UInt8]], limit: Int = 64, acknowledge: Bool = false, kernel: FakeKernel = kernel()
    ) throws -> (answers: [Answer], kernel: FakeKernel) {
        var connection = NetlinkConnection(transport: kernel)
        var answers: [Answer] = []
        let count = try connection.batch(
            limit: limit,
            { requests in
                for payload in payloads {
                    try requests.add(type: 0x20, flags: acknowledge ? .acknowledge : []) { encoder in
                        for byte in payload { encoder.append(byte) }
                    }
                }
            },
            reply: { index, header, payload in
                let bytes = payload.withUnsafeBytes { Array($0) }
                answers.append(Answer(index: index, payload: header.type == NetlinkMessageType.error ? nil : bytes))
            },
            failure: { index, error, request in
                #expect(request.count == 16 + payloads[index].count)
                answers.append(Answer(index: index, errno: error.errno))
            })
        #expect(count == payloads.count)
        return (answers, kernel)
    }

    @Test func everyRequestIsAnsweredInOrder() throws {
        let payloads = (0..<10).map { [UInt8($0), 0, 0, 0] }
        let (answers, kernel) = try Self.run(payloads)
        #expect(answers == payloads.enumerated().map { Answer(index: $0, payload: $1) })
        #expect(kernel.sentDatagrams.count == 1)  // one datagram for all ten
    }

    @Test func aRefusalIsThatRequestsAlone() throws {
        let payloads: [[UInt8]] = [[1, 0, 0, 0], [0xFF, 0, 0, 0], [3, 0, 0, 0]]
        let (answers, _) = try Self.run(payloads)
        #expect(answers == [
            Answer(index: 0, payload: [1, 0, 0, 0]), Answer(index: 1, errno: .invalidArgument),
            Answer(index: 2, payload: [3, 0, 0, 0]),
        ])
    }

    @Test func batchesBeyondTheLimitGoInChunks() throws {
        let payloads = (0..<10).map { [UInt8($0), 0, 0, 0] }
        let (answers, kernel) = try Self.run(payloads, limit: 4)
        #expect(answers.map(\.index) == Array(0..<10))
        #expect(kernel.sentDatagrams.map(\.count) == [4 * 20, 4 * 20, 2 * 20])
    }

    @Test func acknowledgementsAnswerRequestsWithoutReplies() throws {
        let (answers, _) = try Self.run([[], []], acknowledge: true)
        #expect(answers == [Answer(index: 0, payload: nil), Answer(index: 1, payload: nil)])
    }

    @Test func anEmptyBatchSendsNothing() throws {
        let (answers, kernel) = try Self.run([])
        #expect(answers.isEmpty && kernel.sentDatagrams.isEmpty)
    }

    /// A closure that throws does not leave answers unread: the next request still works.
    @Test func aThrowingClosureLeavesTheConnectionInStep() throws {
        struct Stop: Error {}
        var connection = NetlinkConnection(transport: Self.kernel())
        #expect(throws: Stop.self) {
            try connection.batch(
                { requests in
                    for byte in [UInt8(1), 2, 3] { try requests.add(type: 0x20) { $0.append(byte) } }
                },
                reply: { _, _, _ in throw Stop() }, failure: { _, _, _ in })
        }
        let echoed = try connection.request(type: 0x20, { $0.append(UInt32(7)) }, replyPayload: { _, payload in
            payload.withUnsafeBytes { Array($0) }
        })
        #expect(echoed == [7, 0, 0, 0])
    }

    @Test func aRequestThatCannotBeWrittenIsDroppedWhole() throws {
        struct Broken: Error {}
        var connection = NetlinkConnection(transport: Self.kernel())
        var replies = 0
        try connection.batch(
            { requests in
                try requests.add(type: 0x20) { $0.append(UInt32(1)) }
                #expect(throws: Broken.self) {
                    try requests.add(type: 0x20) { encoder in
                        encoder.append(UInt32(2))
                        throw Broken()
                    }
                }
                try requests.add(type: 0x20) { $0.append(UInt32(3)) }
            },
            reply: { _, _, _ in replies += 1 }, failure: { _, _, _ in })
        #expect(replies == 2)
    }
}
