import CNetlink
import Glibc
import Testing

@testable import Netlink

/// A subscription's socket, on the host's kernel: bounded waits and the receive buffer.
@Suite struct SubscriptionSocketTests {
    @Test func aWaitEndsAtItsTimeoutWithNothing() throws {
        var subscription = NetlinkSubscription(transport: try NetlinkSocket())
        // nlctrl's notify group (at nlctrl's own id): quiet unless a family registers.
        try subscription.join(group: UInt32(GENL_ID_CTRL))
        #expect(subscription.groups == [UInt32(GENL_ID_CTRL)])
        let clock = ContinuousClock()
        let start = clock.now
        #expect(try subscription.next(timeout: .milliseconds(30)) == nil)
        #expect(clock.now - start >= .milliseconds(30))
        #expect(try subscription.next(timeout: .zero) == nil)
        try subscription.leave(group: UInt32(GENL_ID_CTRL))
        #expect(subscription.groups.isEmpty)
    }

    @Test func theReceiveBufferIsWhatWasAskedDoubled() throws {
        var socket = try NetlinkSocket()
        try socket.setReceiveBufferSize(8192)
        #expect(try socket.receiveBufferSize() == 16384)
    }

    /// SO_RCVBUFFORCE passes net.core.rmem_max, which is what root may do.
    @Test(.enabled(if: getuid() == 0, "needs CAP_NET_ADMIN")) func rootMayPassTheSystemsMaximum() throws {
        var socket = try NetlinkSocket()
        try socket.setReceiveBufferSize(64 << 20)
        #expect(try socket.receiveBufferSize() == 128 << 20)
    }

    @Test func aGroupZeroIsRefused() throws {
        var socket = try NetlinkSocket()
        let error = try #require(throws: SystemCallError.self) { try socket.joinGroup(0) }
        #expect(error.call == "setsockopt(NETLINK_ADD_MEMBERSHIP)")
        #expect(error.errno == .invalidArgument)
    }

    @Test(arguments: [
        (Duration.zero, CInt(0)), (.nanoseconds(1), 1), (.microseconds(1500), 2), (.seconds(2), 2000),
        (.seconds(-1), 0), (.seconds(Int64.max), CInt.max),
    ])
    func pollWaitsAreWholeMillisecondsRoundedUp(_ duration: Duration, _ milliseconds: CInt) {
        #expect(duration.pollMilliseconds == milliseconds)
    }
}
