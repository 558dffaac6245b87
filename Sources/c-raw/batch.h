/* SPDX-License-Identifier: MIT */
/*
 * Batched requests for c-raw, the technique of the Swift client's
 * NetlinkConnection.batch: the requests lie end to end in one buffer; each
 * chunk of up to `limit` of them goes out in one sendto (the kernel runs them
 * in order before sendto returns, queueing an answer for each), and the
 * answers come back with recvmmsg, matched to their requests by sequence
 * number. The benchmark's c-raw-batch client.
 */
#ifndef C_RAW_BATCH_H
#define C_RAW_BATCH_H

#include <sys/socket.h>

#include "nl.h"

/* The Swift side's defaults: NetlinkConnection.defaultBatchLimit requests per
 * datagram, and BatchReceiveBuffer's 64 slots of 8 KiB per recvmmsg. */
#define NL_BATCH_LIMIT		64
#define NL_BATCH_SLOTS		64
#define NL_BATCH_SLOT_SIZE	8192

struct nl_batch {
	unsigned char *buf;	/* the requests, end to end */
	size_t size;		/* of buf */
	size_t len;		/* up to the request being written */
	__u32 count;		/* requests added */
	struct nlmsghdr *open;	/* the request being written, or NULL */
	/* recvmmsg's slots, set up once: the kernel rewrites only lengths and flags. */
	unsigned char *slots;
	struct mmsghdr msgs[NL_BATCH_SLOTS];
	struct iovec iov[NL_BATCH_SLOTS];
	struct sockaddr_nl from[NL_BATCH_SLOTS];
};

/* Room for `size` bytes of requests; 0 or -errno. */
int nl_batch_init(struct nl_sock *s, struct nl_batch *b, size_t size);
void nl_batch_free(struct nl_batch *b);
/* Forgets the requests added, keeping the memory. */
void nl_batch_clear(struct nl_batch *b);

/* Starts a generic netlink request (numbered now); nl_batch_put_str adds to it. */
int nl_batch_genl(struct nl_sock *s, struct nl_batch *b, __u16 family, __u8 cmd,
		  __u8 version);
int nl_batch_put_str(struct nl_sock *s, struct nl_batch *b, __u16 type,
		     const char *str);

/*
 * Sends the requests, `limit` per datagram, and hands each reply to fn. A
 * refusal (NLMSG_ERROR) is that request's alone: the rest of its chunk is
 * still read, so the socket stays in step, then the first failure returns.
 */
int nl_batch_request(struct nl_sock *s, struct nl_batch *b, __u32 limit,
		     nl_msg_fn fn, void *arg);

#endif /* C_RAW_BATCH_H */
