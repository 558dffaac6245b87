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
 * `slot_size` bytes laid end to end at `buffer`. Its headers (one per slot: the
 * message header, its iovec and the sender's address) are set up once, in
 * `cnetlink_receive_headers_size(slots)` bytes: the kernel rewrites only their
 * lengths, flags and senders, so a call costs no set-up. At most 256 slots.
 */
unsigned long cnetlink_receive_headers_size(unsigned int slots);
void cnetlink_receive_headers_init(void *headers, void *buffer, unsigned int slot_size,
				   unsigned int slots);
/* Blocks until the first datagram (MSG_WAITFORONE), then takes what else is waiting;
 * returns how many were received, or -1 with errno set. */
int cnetlink_receive_many(int fd, void *headers, unsigned int slots);
/* Records a datagram of `length` bytes from the kernel in the first slot, as recvmmsg
 * would have (for transports that receive one datagram at a time). */
void cnetlink_received_one(void *headers, unsigned int slots, unsigned int length);

/* glibc's struct mmsghdr, which needs _GNU_SOURCE (shim.c checks they agree). */
struct cnetlink_mmsghdr {
	struct msghdr msg_hdr;
	unsigned int msg_len;
};

/* The headers' memory: the message headers, then their iovecs, then the senders. */
struct cnetlink_receive_headers {
	struct cnetlink_mmsghdr *messages;
	struct iovec *vectors;
	struct sockaddr_nl *senders;
};

static inline struct cnetlink_receive_headers
cnetlink_receive_headers(const void *headers, unsigned int slots)
{
	struct cnetlink_mmsghdr *messages = (struct cnetlink_mmsghdr *)headers;
	struct iovec *vectors = (struct iovec *)(messages + slots);

	return (struct cnetlink_receive_headers){ messages, vectors,
						  (struct sockaddr_nl *)(vectors + slots) };
}

/* The `index`th datagram received: its length, or -1 when it was longer than its
 * slot (cut short); *sender: the sender's port id. Inline: it runs per datagram. */
static inline long cnetlink_received(const void *headers, unsigned int slots,
				     unsigned int index, __u32 *sender)
{
	struct cnetlink_receive_headers h = cnetlink_receive_headers(headers, slots);

	*sender = h.senders[index].nl_pid;
	if (h.messages[index].msg_hdr.msg_flags & MSG_TRUNC)
		return -1;
	return h.messages[index].msg_len;
}

#endif
