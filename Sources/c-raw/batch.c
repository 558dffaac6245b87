// SPDX-License-Identifier: MIT
/*
 * Batched requests for c-raw (batch.h): many requests per sendto, their
 * answers read with recvmmsg.
 */
#define _GNU_SOURCE		/* recvmmsg() */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "batch.h"

int nl_batch_init(struct nl_sock *s, struct nl_batch *b, size_t size)
{
	unsigned int i;

	*b = (struct nl_batch){ .size = size };
	b->buf = malloc(size);
	b->slots = malloc((size_t)NL_BATCH_SLOTS * NL_BATCH_SLOT_SIZE);
	if (!b->buf || !b->slots) {
		nl_batch_free(b);
		return nl_fail(s, ENOMEM, "a batch of %zu bytes", size);
	}
	for (i = 0; i < NL_BATCH_SLOTS; i++) {
		b->iov[i] = (struct iovec){
			.iov_base = b->slots + (size_t)i * NL_BATCH_SLOT_SIZE,
			.iov_len = NL_BATCH_SLOT_SIZE,
		};
		b->msgs[i].msg_hdr = (struct msghdr){
			.msg_iov = &b->iov[i], .msg_iovlen = 1,
			.msg_name = &b->from[i], .msg_namelen = sizeof(b->from[i]),
		};
	}
	return 0;
}

void nl_batch_free(struct nl_batch *b)
{
	free(b->buf);
	free(b->slots);
	b->buf = b->slots = NULL;
}

void nl_batch_clear(struct nl_batch *b)
{
	b->len = 0;
	b->count = 0;
	b->open = NULL;
}

/* Ends the request being written: the next starts after it, 4-byte aligned. */
static void nl_batch_end(struct nl_batch *b)
{
	if (b->open)
		b->len += NLMSG_ALIGN(b->open->nlmsg_len);
	b->open = NULL;
}

int nl_batch_genl(struct nl_sock *s, struct nl_batch *b, __u16 family, __u8 cmd,
		  __u8 version)
{
	struct nlmsghdr *nlh;

	nl_batch_end(b);
	if (b->len + NLMSG_LENGTH(GENL_HDRLEN) > b->size)
		return nl_fail(s, EMSGSIZE, "batch full after %u requests",
			       b->count);
	nlh = (void *)(b->buf + b->len);
	genl_header(nlh, family, 0, cmd, version);
	nlh->nlmsg_seq = s->seq + 1 + b->count++;
	nlh->nlmsg_pid = s->portid;
	b->open = nlh;
	return 0;
}

int nl_batch_put_str(struct nl_sock *s, struct nl_batch *b, __u16 type,
		     const char *str)
{
	return nl_put_at(s, b->open, b->size - b->len, type, str,
			 strlen(str) + 1);
}

static int nl_batch_send(struct nl_sock *s, const void *buf, size_t len)
{
	static const struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	ssize_t n;

	do {
		n = sendto(s->fd, buf, len, 0, (const struct sockaddr *)&kernel,
			   sizeof(kernel));
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return nl_fail(s, errno, "sendto");
	if ((size_t)n != len)
		return nl_fail(s, EIO, "short send: %zd of %zu bytes", n, len);
	return 0;
}

/*
 * Reads datagrams until each of the `count` requests numbered from `first`
 * has had its answer. The first refusal or error of fn goes to *failed (the
 * rest are still read); returns 0, or -errno when reading fails.
 */
static int nl_batch_answers(struct nl_sock *s, struct nl_batch *b, __u32 first,
			    __u32 count, nl_msg_fn fn, void *arg, int *failed)
{
	const struct nlmsghdr *nlh;
	__u32 pending = count, index;
	size_t rem;
	int n, i;

	while (pending) {
		n = recvmmsg(s->fd, b->msgs, NL_BATCH_SLOTS, MSG_WAITFORONE, NULL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return nl_fail(s, errno, "recvmmsg");
		}
		for (i = 0; i < n; i++) {
			if (b->msgs[i].msg_hdr.msg_flags & MSG_TRUNC)
				return nl_fail(s, EMSGSIZE,
					       "an answer longer than %d bytes",
					       NL_BATCH_SLOT_SIZE);
			rem = b->msgs[i].msg_len;
			s->rx_bytes += rem;
			/* Only the kernel (port 0) answers requests. */
			if (b->from[i].nl_pid != 0)
				continue;
			for (nlh = b->iov[i].iov_base; nlmsg_ok(nlh, rem);
			     nlh = nlmsg_next(nlh, &rem)) {
				if (nlh->nlmsg_pid != s->portid)
					continue;
				if (nlh->nlmsg_type == NLMSG_OVERRUN)
					return nl_fail(s, EOVERFLOW, "NLMSG_OVERRUN");
				/* Unsigned: numbers before `first` are out of range too. */
				index = nlh->nlmsg_seq - first;
				if (index >= count)
					continue;
				pending--;
				if (*failed)
					continue;	/* after a failure, only drain */
				*failed = nlh->nlmsg_type == NLMSG_ERROR ?
					nl_parse_error(s, nlh) : fn(s, nlh, arg);
			}
			if (rem)
				return nl_fail(s, EBADMSG,
					       "malformed answer: %zu stray bytes", rem);
		}
	}
	return 0;
}

int nl_batch_request(struct nl_sock *s, struct nl_batch *b, __u32 limit,
		     nl_msg_fn fn, void *arg)
{
	const struct nlmsghdr *nlh;
	__u32 first = s->seq + 1, sent, chunk, i;
	size_t start = 0, end;
	int err, failed = 0;

	nl_batch_end(b);
	s->seq += b->count;
	for (sent = 0; sent < b->count; sent += chunk, start = end) {
		chunk = b->count - sent < limit ? b->count - sent : limit;
		/* The chunk's bytes: its requests' lengths, end to end. */
		for (end = start, i = 0; i < chunk; i++) {
			nlh = (const void *)(b->buf + end);
			end += NLMSG_ALIGN(nlh->nlmsg_len);
		}
		err = nl_batch_send(s, b->buf + start, end - start);
		if (!err)
			err = nl_batch_answers(s, b, first + sent, chunk, fn, arg,
					       &failed);
		if (err)
			return err;
	}
	return failed;
}
