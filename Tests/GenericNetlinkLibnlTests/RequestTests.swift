import CLibnlGenl
import GenericNetlink
import Netlink
import Testing

@testable import GenericNetlinkLibnl

/// Requests that are not dumps, against the host's nlctrl: answered by a reply and the
/// ACK `nl_send_auto` asked for, or refused before they are sent.
@Suite struct RequestTests {
    @Test func requestWithAReplyAndAnAck() throws {
        let client = try Nlctrl.client()
        var sequences: [UInt32] = []
        for _ in 0..<3 {
            let (id, result) = try client.getFamily(named: Nlctrl.name)
            #expect(id == Controller.familyID)
            #expect(result.messageCount == 1)
            #expect(!result.isInterrupted)
            sequences.append(result.sequence)
        }
        // libnl numbers each request after the last; the ACK ended each one in step.
        #expect(sequences == [sequences[0], sequences[0] &+ 1, sequences[0] &+ 2])
    }

    @Test func longestAttributeFitsTheSendBuffer() throws {
        // With libnl's default send buffer (32 KiB) sendmsg would refuse it with EMSGSIZE;
        // it reaches the kernel, which refuses the command instead.
        let client = try Nlctrl.client()
        let longest = String(repeating: "y", count: NetlinkAttribute.maximumStringLength)
        let error = try #require(throws: NetlinkError.self) { try client.newFamily(named: longest) }
        #expect(error.errno == .notSupported)
    }

    @Test func attributesLargerThanTheirSpaceAreRefusedBeforeSending() throws {
        let client = try Nlctrl.client()
        let last = try client.getFamily(named: Nlctrl.name).result.sequence
        #expect(throws: LibnlError(function: "nla_put", code: NLE_NOMEM)) {
            try client.exchange(
                command: UInt8(CTRL_CMD_GETFAMILY), operation: "getfamily", set: Nlctrl.set,
                attributeSpace: 0, { nla_put_string($0, CInt(CTRL_ATTR_FAMILY_NAME), Nlctrl.name) },
                each: { _ in })
        }
        // Never sent, so never numbered: the next request follows the last one sent.
        #expect(try client.getFamily(named: Nlctrl.name).result.sequence == last &+ 1)
    }
}
