/// `length` rounded up to the 4 bytes netlink pads messages and attributes to.
///
/// Public for code that lays out datagrams itself, such as `FakeKernel` in NetlinkTesting.
/// `length` is a netlink length (a 16- or 32-bit field): within 3 of `Int.max` it wraps.
///
///     #define NLMSG_ALIGNTO	4U
///     #define NLMSG_ALIGN(len) ( ((len)+NLMSG_ALIGNTO-1) & ~(NLMSG_ALIGNTO-1) )
///     #define NLA_ALIGNTO		4
///     #define NLA_ALIGN(len)		(((len) + NLA_ALIGNTO - 1) & ~(NLA_ALIGNTO - 1))
@inlinable @inline(__always)
public func netlinkAligned(_ length: Int) -> Int {
    (length &+ 3) & ~3  // lengths come from 16- and 32-bit fields: never near Int.max
}

/// `NLMSG_HDRLEN`: the aligned size of `struct nlmsghdr`.
@usableFromInline let messageHeaderLength = 16

/// `NLA_HDRLEN`: the aligned size of `struct nlattr`.
@usableFromInline let attributeHeaderLength = 4
