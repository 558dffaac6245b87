/// A transport that can join multicast groups and wait a bounded time for a datagram:
/// what a subscription needs. `NetlinkSocket` is one; so is the test double `FakeKernel`.
public protocol NetlinkMulticastTransport: NetlinkTransport, ~Copyable {
    /// Joins multicast group `group` (`NETLINK_ADD_MEMBERSHIP`): the kernel then delivers
    /// the group's notifications to this transport.
    mutating func joinGroup(_ group: UInt32) throws

    /// Leaves multicast group `group` (`NETLINK_DROP_MEMBERSHIP`).
    mutating func leaveGroup(_ group: UInt32) throws

    /// Receives one datagram from the kernel like `receive(into:)`, waiting at most
    /// `timeout` (for ever when nil); nil when none came in time. A receive queue that
    /// overflowed is thrown as `SystemCallError` with `ENOBUFS`, once.
    mutating func receive(into buffer: inout [UInt8], timeout: Duration?) throws -> Int?
}
