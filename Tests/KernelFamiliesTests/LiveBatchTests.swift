import GenericNetlink
import KernelFamilies
import Netlink
import Testing

/// Batched requests on a real socket (one sendto per chunk, the answers read with
/// recvmmsg), against the host's nlctrl.
@Suite struct LiveBatchTests {
    @Test func eachRequestGetsItsOwnAnswerInOrder() throws {
        let client = try NlctrlClient()
        let names = ["nlctrl", "no-such-family", "netdev", "nlctrl"]
        let answers = try client.getfamily(many: names.map { .init(familyName: $0) })
        #expect(answers.count == 4)
        #expect(try answers[0].get().familyId == 16)
        #expect(try answers[3].get().familyName == "nlctrl")
        #expect(try answers[2].get().familyName == "netdev")
        guard case .failure(let error) = answers[1] else {
            Issue.record("an unknown family was answered: \(answers[1])")
            return
        }
        #expect(error.errno == .noSuchFileOrDirectory && error.operation == "getfamily")
    }

    /// More requests than fit one chunk: several datagrams, every answer still in place.
    @Test func aLargeBatchIsSentInChunks() throws {
        let client = try NlctrlClient()
        var seen: [Int] = []
        try client.getfamily(
            many: Array(repeating: .init(familyName: "nlctrl"), count: 300), limit: 64,
            eachBorrowed: { index, reply, _ in
                #expect(reply.familyId == 16)
                seen.append(index)
            },
            failure: { index, error in Issue.record("request \(index): \(error)") })
        #expect(seen == Array(0..<300))
        // The client is still in step for single requests.
        #expect(try client.getfamily(.init(familyName: "nlctrl")).familyId == 16)
    }
}
