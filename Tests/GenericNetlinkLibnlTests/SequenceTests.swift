import CLibnlGenl
import GenericNetlink
import Netlink
import Testing

@testable import GenericNetlinkLibnl

#if canImport(Glibc)
import Glibc
#endif

/// libnl checks every answer's sequence number against the request it sent last; a
/// request it numbered but could not send must not put it out of step.
@Suite struct SequenceTests {
    func setSendBuffer(_ client: LibnlGenericClient, to size: CInt) -> Bool {
        var size = size
        return setsockopt(
            nl_socket_get_fd(client.socket.pointer), SOL_SOCKET, SO_SNDBUF, &size,
            socklen_t(MemoryLayout<CInt>.size)) == 0
    }

    @Test func failedSendLeavesTheClientInStep() throws {
        let client = try Nlctrl.client()
        // A send buffer too small for the request: sendmsg fails with EMSGSIZE.
        #expect(setSendBuffer(client, to: 1024))
        let name = String(repeating: "z", count: 8000)
        for _ in 0..<2 {
            let error = try #require(throws: SystemCallError.self) { try client.newFamily(named: name) }
            #expect(error.errno == Errno(rawValue: EMSGSIZE))
        }
        // libnl numbered the unsent requests; the next one is still answered in step.
        #expect(setSendBuffer(client, to: CInt(LibnlSocket.sendBufferSize)))
        let first = try #require(throws: NetlinkError.self) { try client.newFamily(named: name) }
        #expect(first.errno == .notSupported)
        let second = try #require(throws: NetlinkError.self) { try client.newFamily() }
        #expect(second.sequence == first.sequence &+ 1)
        #expect(try client.getFamily(named: Nlctrl.name).id == Controller.familyID)
    }
}
