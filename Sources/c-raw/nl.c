// SPDX-License-Identifier: MIT
/*
 * Raw netlink plumbing for c-raw: socket set-up, request building, and the
 * receive loop that checks every reply and turns NLMSG_ERROR into errno plus
 * extended-ACK text.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include "nl.h"

int nl_fail(struct nl_sock *s, int err, const char *fmt, ...)
{
	va_list ap;

	s->error.err = err;
	s->error.offs = -1;
	s->error.miss_type = -1;
	va_start(ap, fmt);
	vsnprintf(s->error.msg, sizeof(s->error.msg), fmt, ap);
	va_end(ap);
	return -err;
}

int nl_open(struct nl_sock *s)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	socklen_t alen = sizeof(sa);
	int one = 1;

	s->seq = 0;
	s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (s->fd < 0)
		return nl_fail(s, errno, "socket(AF_NETLINK)");

	/* Errors carry the kernel's text, and not a copy of our request. */
	if (setsockopt(s->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one,
		       sizeof(one)) < 0 ||
	    setsockopt(s->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one,
		       sizeof(one)) < 0)
		return nl_fail(s, errno, "setsockopt(SOL_NETLINK)");

	/* nl_pid 0: the kernel picks a free port; replies must carry it. */
	if (bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    getsockname(s->fd, (struct sockaddr *)&sa, &alen) < 0)
		return nl_fail(s, errno, "bind(AF_NETLINK)");
	s->portid = sa.nl_pid;
	return 0;
}

void nl_close(struct nl_sock *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

void genl_header(struct nlmsghdr *nlh, __u16 family, __u16 flags, __u8 cmd,
		 __u8 version)
{
	struct genlmsghdr *genl = NLMSG_DATA(nlh);

	nlh->nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = 0;
	nlh->nlmsg_pid = 0;
	*genl = (struct genlmsghdr){ .cmd = cmd, .version = version };
}

void genl_req(struct nl_sock *s, __u16 family, __u16 flags, __u8 cmd,
	      __u8 version)
{
	genl_header(&s->tx.nlh, family, flags, cmd, version);
}

int nl_put_at(struct nl_sock *s, struct nlmsghdr *nlh, size_t room, __u16 type,
	      const void *data, size_t len)
{
	size_t off = NLMSG_ALIGN(nlh->nlmsg_len);
	size_t total = NLA_HDRLEN + len;
	unsigned char *msg = (unsigned char *)nlh;
	struct nlattr *nla = (void *)(msg + off);

	if (total > 0xffff || off + NLA_ALIGN(total) > room)
		return nl_fail(s, EMSGSIZE, "attribute %u: %zu bytes is too long",
			       type, len);
	nla->nla_type = type;
	nla->nla_len = total;
	memcpy(msg + off + NLA_HDRLEN, data, len);
	/* Zero the padding: the kernel may see it, valgrind will. */
	memset(msg + off + total, 0, NLA_ALIGN(total) - total);
	nlh->nlmsg_len = off + NLA_ALIGN(total);
	return 0;
}

int nl_put(struct nl_sock *s, __u16 type, const void *data, size_t len)
{
	return nl_put_at(s, &s->tx.nlh, sizeof(s->tx.buf), type, data, len);
}

int nl_put_u32(struct nl_sock *s, __u16 type, __u32 v)
{
	return nl_put(s, type, &v, sizeof(v));
}

int nl_put_str(struct nl_sock *s, __u16 type, const char *str)
{
	return nl_put(s, type, str, strlen(str) + 1);
}

static int nl_send(struct nl_sock *s)
{
	static const struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct nlmsghdr *nlh = &s->tx.nlh;
	ssize_t n;

	nlh->nlmsg_seq = ++s->seq;
	nlh->nlmsg_pid = s->portid;
	do {
		n = sendto(s->fd, nlh, nlh->nlmsg_len, 0,
			   (const struct sockaddr *)&kernel, sizeof(kernel));
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return nl_fail(s, errno, "sendto");
	if ((size_t)n != nlh->nlmsg_len)
		return nl_fail(s, EIO, "short send: %zd of %u bytes", n,
			       nlh->nlmsg_len);
	return 0;
}

/*
 * Extended-ACK TLVs (after an error, or after the errno in NLMSG_DONE).
 * Unknown types are skipped so newer kernels add fields harmlessly.
 */
static void nl_parse_extack(struct nl_sock *s, const void *head, size_t len)
{
	const struct nlattr *nla;
	const char *str;
	size_t rem;
	__u32 v;

	nla_for_each(nla, head, len, rem) {
		switch (nla_type(nla)) {
		case NLMSGERR_ATTR_MSG:
			str = nla_get_str(nla);
			if (str)
				snprintf(s->error.msg, sizeof(s->error.msg),
					 "%s", str);
			break;
		case NLMSGERR_ATTR_OFFS:
			if (nla_get_u32(nla, &v))
				s->error.offs = v;
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			if (nla_get_u32(nla, &v))
				s->error.miss_type = v;
			break;
		}
	}
}

/* Returns 0 for an ACK, else -errno with s->error filled in. */
int nl_parse_error(struct nl_sock *s, const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = (const void *)((const char *)nlh +
						  NLMSG_HDRLEN);
	size_t len = nlh->nlmsg_len - NLMSG_HDRLEN;
	size_t off = sizeof(*e);

	if (len < sizeof(*e))
		return nl_fail(s, EBADMSG, "truncated NLMSG_ERROR");
	if (!e->error)
		return 0;

	nl_fail(s, e->error < 0 ? -e->error : e->error, "%s", "");
	/* Uncapped, the kernel echoes our whole request before the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off = NLMSG_ALIGN(sizeof(e->error) + e->msg.nlmsg_len);
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS && off <= len)
		nl_parse_extack(s, (const char *)e + off, len - off);
	return -s->error.err;
}

/* NLMSG_DONE ends a dump; an errno in it means the dump failed midway. */
static int nl_parse_done(struct nl_sock *s, const struct nlmsghdr *nlh)
{
	const char *data = (const char *)nlh + NLMSG_HDRLEN;
	size_t len = nlh->nlmsg_len - NLMSG_HDRLEN;
	int err;

	if (len < sizeof(err))
		return 0;
	memcpy(&err, data, sizeof(err));
	if (err >= 0)
		return 0;
	nl_fail(s, -err, "%s", "");
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		nl_parse_extack(s, data + sizeof(err), len - sizeof(err));
	return err;
}

/*
 * One datagram. Returns 1 while more replies are due, 0 when the exchange
 * is complete, or -errno.
 */
static int nl_parse(struct nl_sock *s, size_t len, nl_msg_fn fn, void *arg)
{
	const struct nlmsghdr *nlh = &s->rx.nlh;
	__u16 type = s->tx.nlh.nlmsg_type;
	bool done = false;
	size_t rem;
	int err;

	for (rem = len; nlmsg_ok(nlh, rem); nlh = nlmsg_next(nlh, &rem)) {
		if (nlh->nlmsg_seq != s->seq || nlh->nlmsg_pid != s->portid)
			return nl_fail(s, EPROTO,
				       "reply has seq %u port %u, request had seq %u port %u",
				       nlh->nlmsg_seq, nlh->nlmsg_pid, s->seq,
				       s->portid);
		switch (nlh->nlmsg_type) {
		case NLMSG_NOOP:
			continue;
		case NLMSG_ERROR:
			return nl_parse_error(s, nlh);
		case NLMSG_DONE:
			return nl_parse_done(s, nlh);
		case NLMSG_OVERRUN:
			return nl_fail(s, EOVERFLOW, "NLMSG_OVERRUN");
		}
		if (nlh->nlmsg_type != type)
			return nl_fail(s, EPROTO,
				       "reply of type %u to a request of type %u",
				       nlh->nlmsg_type, type);
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
			return nl_fail(s, EINTR, "dump interrupted: retry it");
		err = fn(s, nlh, arg);
		if (err < 0)
			return err;
		/* A reply without NLM_F_MULTI is the whole answer. */
		if (!(nlh->nlmsg_flags & NLM_F_MULTI))
			done = true;
	}
	if (rem)
		return nl_fail(s, EBADMSG, "malformed reply: %zu stray bytes",
			       rem);
	return done ? 0 : 1;
}

/* Reads datagrams until the reply to the request in flight is complete. */
static int nl_recv(struct nl_sock *s, nl_msg_fn fn, void *arg)
{
	struct sockaddr_nl from;
	socklen_t alen;
	ssize_t n;
	int ret;

	for (;;) {
		alen = sizeof(from);
		/* MSG_TRUNC: returns the datagram's real size, to spot cuts. */
		n = recvfrom(s->fd, s->rx.buf, sizeof(s->rx.buf), MSG_TRUNC,
			     (struct sockaddr *)&from, &alen);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return nl_fail(s, errno, "recvfrom");
		}
		if ((size_t)n > sizeof(s->rx.buf))
			return nl_fail(s, EMSGSIZE,
				       "reply of %zd bytes truncated to %zu",
				       n, sizeof(s->rx.buf));
		s->rx_bytes += n;
		/* Only the kernel (port 0) answers requests. */
		if (from.nl_pid != 0)
			continue;
		ret = nl_parse(s, n, fn, arg);
		if (ret <= 0)
			return ret;
	}
}

int nl_request(struct nl_sock *s, nl_msg_fn fn, void *arg)
{
	int err = nl_send(s);

	return err ? err : nl_recv(s, fn, arg);
}

int ctrl_family_id(struct nl_sock *s, const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *nla;
	__u16 *id = arg;
	size_t len, rem;

	(void)s;
	nla_for_each(nla, genl_attrs(nlh, &len), len, rem)
		if (nla_type(nla) == CTRL_ATTR_FAMILY_ID)
			nla_get_u16(nla, id);
	return 0;
}

/* Asks nlctrl for a family's id; -ENOENT when no such family exists. */
int genl_resolve(struct nl_sock *s, const char *name, __u16 *id)
{
	int err;

	*id = 0;
	genl_req(s, GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY, 1);
	err = nl_put_str(s, CTRL_ATTR_FAMILY_NAME, name);
	if (!err)
		err = nl_request(s, ctrl_family_id, id);
	if (!err && !*id)
		err = nl_fail(s, EBADMSG, "nlctrl reply without a family id");
	return err;
}
