import GenericNetlink
import Testing

@testable import GenericNetlinkLibnl

/// Dumps, read to their `NLMSG_DONE`: nlctrl's list of every family.
@Suite struct DumpTests {
    @Test func dumpIsStreamedAndMatchesTheRawBackend() throws {
        let client = try Nlctrl.client()
        var streamed = 0
        let names = try client.familyNames { _ in streamed += 1 }
        #expect(names.contains(Nlctrl.name))
        #expect(streamed == names.count)
        var raw = try GenericNetlinkConnection()
        #expect(names.sorted() == (try raw.families()).map(\.name).sorted())
    }

    @Test func dumpIsDrainedWhenTheBodyThrows() throws {
        struct Enough: Error {}
        let client = try Nlctrl.client()
        let all = try client.familyNames()
        var seen = 0
        #expect(throws: Enough.self) {
            try client.familyNames { _ in
                seen += 1
                throw Enough()
            }
        }
        #expect(seen == 1)
        // The rest of that dump was read: the next answers are in step.
        #expect(try client.familyNames() == all)
        #expect(try client.getFamily(named: Nlctrl.name).id == Controller.familyID)
    }
}
