/*
 * C shim: the kernel's netlink uapi headers, for Swift (no family's: families
 * get their constants from their generated Swift).
 *
 * Swift imports the plain constants of these headers directly; this file adds
 * only what Swift cannot import (function-like macros) and pins the layouts the
 * Swift code reads byte by byte, so a header change breaks the build, not the
 * wire format.
 */
#ifndef CNETLINK_H
#define CNETLINK_H
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/genetlink.h>

/* Layouts the Swift encoder and decoder rely on. */
_Static_assert(sizeof(struct nlmsghdr) == 16, "nlmsghdr is 16 bytes");
_Static_assert(sizeof(struct nlattr) == 4, "nlattr is 4 bytes");
_Static_assert(sizeof(struct genlmsghdr) == 4, "genlmsghdr is 4 bytes");
_Static_assert(sizeof(struct nlmsgerr) == 20, "nlmsgerr is an int and a nlmsghdr");
_Static_assert(NLMSG_ALIGNTO == 4 && NLA_ALIGNTO == 4, "netlink aligns to 4 bytes");
_Static_assert(GENL_ID_CTRL == 0x10, "nlctrl has the fixed id 0x10");

/* An attribute's type without NLA_F_NESTED and NLA_F_NET_BYTEORDER. */
static inline __u16 cnetlink_attribute_type(__u16 nla_type)
{
	return nla_type & NLA_TYPE_MASK;
}

/* The symbolic name of an errno ("EINVAL"), or NULL when the C library has none. */
const char *cnetlink_errno_name(int number);

/*
 * recvmmsg (a GNU extension Swift's Glibc does not show) into `slots` slots of
 * `slot_size` bytes laid end to end at `buffer`, blocking until the first datagram
 * (MSG_WAITFORONE). For each datagram received: its length, the sender's port id and
 * whether it was truncated. Returns how many were received, or -1 with errno set.
 * At most 256 slots.
 */
int cnetlink_receive_many(int fd, void *buffer, unsigned int slot_size, unsigned int slots,
			  unsigned int *lengths, __u32 *senders, int *truncated);

#endif
