import CNetlink
import Testing

@testable import Netlink

/// The real socket, on the host's kernel.
@Suite struct SocketTests {
    @Test func kernelAssignsDistinctPortIDs() throws {
        let first = try NetlinkSocket()
        let second = try NetlinkSocket()
        #expect(first.portID != 0)
        #expect(first.portID != second.portID)
        #expect(first.descriptor >= 0)
    }

    /// Strict checking only where the kernel reads it: rtnetlink's handlers, not genetlink's.
    @Test func strictCheckingIsAskedForOutsideGenericNetlinkOnly() throws {
        func strictChecking(_ socket: borrowing NetlinkSocket) -> CInt {
            var value: CInt = -1
            var length = socklen_t(MemoryLayout<CInt>.size)
            #expect(getsockopt(socket.descriptor, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &value, &length) == 0)
            return value
        }
        #expect(strictChecking(try NetlinkSocket()) == 0)
        #expect(strictChecking(try NetlinkSocket(protocol: NETLINK_ROUTE)) == 1)
    }

    @Test func unknownProtocolThrowsSystemCallError() {
        let error = #expect(throws: SystemCallError.self) {
            _ = try NetlinkSocket(protocol: 31)  // MAX_LINKS - 1: never registered
        }
        #expect(error?.call == "socket")
    }

    @Test func nlctrlAcknowledgesAndRefusesOverARealSocket() throws {
        var connection = try NetlinkConnection(protocol: NETLINK_GENERIC)
        // CTRL_CMD_GETFAMILY for a name nobody registered: ENOENT.
        let error = try #require(throws: NetlinkError.self) {
            try connection.requestAcknowledged(type: UInt16(GENL_ID_CTRL)) { encoder in
                encoder.append(UInt8(CTRL_CMD_GETFAMILY))
                encoder.append(UInt8(1))
                encoder.append(UInt16(0))
                try encoder.appendAttribute(UInt16(CTRL_ATTR_FAMILY_NAME), string: "no-such-family")
            }
        }
        #expect(error.errno == .noSuchFileOrDirectory)
        #expect(error.sequence == 1)
    }

    @Test func datagramLargerThanTheBufferIsReportedNotCut() throws {
        var connection = NetlinkConnection(transport: try NetlinkSocket(), receiveBufferSize: 64)
        // nlctrl describes itself in several hundred bytes.
        let error = try #require(throws: TruncatedDatagramError.self) {
            try connection.request(type: UInt16(GENL_ID_CTRL), { encoder in
                encoder.append(UInt8(CTRL_CMD_GETFAMILY))
                encoder.append(UInt8(1))
                encoder.append(UInt16(0))
                try encoder.appendAttribute(UInt16(CTRL_ATTR_FAMILY_NAME), string: "nlctrl")
            }, reply: { _ in () })
        }
        let size = try #require(error.datagramSize)
        #expect(size > 64)
        // The buffer grew to hold that size: the same request is answered whole.
        let reply = try connection.request(type: UInt16(GENL_ID_CTRL), { encoder in
            encoder.append(UInt8(CTRL_CMD_GETFAMILY))
            encoder.append(UInt8(1))
            encoder.append(UInt16(0))
            try encoder.appendAttribute(UInt16(CTRL_ATTR_FAMILY_NAME), string: "nlctrl")
        }, reply: { $0 })
        #expect(Int(reply.header.length) == size)
    }
}
