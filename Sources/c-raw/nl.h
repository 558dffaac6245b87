/* SPDX-License-Identifier: MIT */
/*
 * A minimal Generic Netlink requester on a raw AF_NETLINK socket: build one
 * request, send it, read its replies until the exchange ends. No libnl and
 * no allocation: one buffer each way, inside struct nl_sock.
 */
#ifndef C_RAW_NL_H
#define C_RAW_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

/*
 * The kernel sizes dump datagrams to the reader's buffer, capped near
 * 32 KiB; 64 KiB leaves room, and MSG_TRUNC catches anything bigger.
 */
#define NL_RX_SIZE	(64 * 1024)
/* Headers plus one attribute of the largest size nla_len can express. */
#define NL_TX_SIZE	(NLMSG_HDRLEN + GENL_HDRLEN + 0x10000)

struct nl_error {
	int err;		/* positive errno, 0 when none */
	char msg[256];		/* extended-ACK text, or our own diagnosis */
	long offs;		/* NLMSGERR_ATTR_OFFS, -1 when absent */
	long miss_type;		/* NLMSGERR_ATTR_MISS_TYPE, -1 when absent */
};

struct nl_sock {
	int fd;
	__u32 portid;		/* assigned by the kernel at bind() */
	__u32 seq;		/* of the request in flight */
	__u64 rx_bytes;		/* received since nl_open(), for bench-dump */
	struct nl_error error;	/* why the last call failed */
	union {
		struct nlmsghdr nlh;
		unsigned char buf[NL_TX_SIZE];
	} tx;
	union {
		struct nlmsghdr nlh;
		unsigned char buf[NL_RX_SIZE];
	} rx;
};

/* Called for each data message of a reply; returns 0 or -errno. */
typedef int (*nl_msg_fn)(struct nl_sock *s, const struct nlmsghdr *nlh,
			 void *arg);

int nl_open(struct nl_sock *s);
void nl_close(struct nl_sock *s);
int nl_fail(struct nl_sock *s, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A request's headers at nlh (genl_req: in s->tx); attributes follow. */
void genl_header(struct nlmsghdr *nlh, __u16 family, __u16 flags, __u8 cmd,
		 __u8 version);
void genl_req(struct nl_sock *s, __u16 family, __u16 flags, __u8 cmd,
	      __u8 version);
/* Appends an attribute to the message at nlh, which has room for `room` bytes. */
int nl_put_at(struct nl_sock *s, struct nlmsghdr *nlh, size_t room, __u16 type,
	      const void *data, size_t len);
int nl_put(struct nl_sock *s, __u16 type, const void *data, size_t len);
int nl_put_u32(struct nl_sock *s, __u16 type, __u32 v);
int nl_put_str(struct nl_sock *s, __u16 type, const char *str);
int nl_request(struct nl_sock *s, nl_msg_fn fn, void *arg);

/* An NLMSG_ERROR: 0 for an ACK, else -errno with s->error filled in. */
int nl_parse_error(struct nl_sock *s, const struct nlmsghdr *nlh);

int genl_resolve(struct nl_sock *s, const char *name, __u16 *id);
/* nlctrl's reply: stores its CTRL_ATTR_FAMILY_ID in *(__u16 *)arg. */
int ctrl_family_id(struct nl_sock *s, const struct nlmsghdr *nlh, void *arg);

/* #define NLMSG_OK(nlh,len) ((len) >= (int)sizeof(struct nlmsghdr) && ...) */
static inline bool nlmsg_ok(const struct nlmsghdr *nlh, size_t rem)
{
	return rem >= sizeof(*nlh) && nlh->nlmsg_len >= sizeof(*nlh) &&
	       nlh->nlmsg_len <= rem;
}

static inline const struct nlmsghdr *nlmsg_next(const struct nlmsghdr *nlh,
						size_t *rem)
{
	size_t len = NLMSG_ALIGN(nlh->nlmsg_len);

	if (len > *rem)
		len = *rem;
	*rem -= len;
	return (const void *)((const char *)nlh + len);
}

/*
 * Attributes, walked in place. The kernel's macros, as functions with
 * unsigned lengths:
 * #define NLA_OK(nla, len) ((len) >= (int)sizeof(struct nlattr) && \
 *	(nla)->nla_len >= sizeof(struct nlattr) && (nla)->nla_len <= (len))
 */
static inline bool nla_ok(const struct nlattr *nla, size_t rem)
{
	return rem >= sizeof(*nla) && nla->nla_len >= sizeof(*nla) &&
	       nla->nla_len <= rem;
}

/* The last attribute may lack its padding: never step past the end. */
static inline const struct nlattr *nla_next(const struct nlattr *nla,
					    size_t *rem)
{
	size_t len = NLA_ALIGN(nla->nla_len);

	if (len > *rem)
		len = *rem;
	*rem -= len;
	return (const void *)((const char *)nla + len);
}

#define nla_for_each(pos, head, len, rem) \
	for (pos = (head), rem = (len); nla_ok(pos, rem); \
	     pos = nla_next(pos, &rem))

static inline int nla_type(const struct nlattr *nla)
{
	return nla->nla_type & NLA_TYPE_MASK;
}

static inline const void *nla_data(const struct nlattr *nla)
{
	return (const char *)nla + NLA_HDRLEN;
}

static inline size_t nla_payload(const struct nlattr *nla)
{
	return nla->nla_len - NLA_HDRLEN;
}

static inline bool nla_get_u16(const struct nlattr *nla, __u16 *v)
{
	if (nla_payload(nla) < sizeof(*v))
		return false;
	memcpy(v, nla_data(nla), sizeof(*v));
	return true;
}

static inline bool nla_get_u32(const struct nlattr *nla, __u32 *v)
{
	if (nla_payload(nla) < sizeof(*v))
		return false;
	memcpy(v, nla_data(nla), sizeof(*v));
	return true;
}

/* NULL unless the payload holds a NUL-terminated string. */
static inline const char *nla_get_str(const struct nlattr *nla)
{
	const char *str = nla_data(nla);

	return memchr(str, '\0', nla_payload(nla)) ? str : NULL;
}

/* The attributes after the genl header; *len is 0 when there are none. */
static inline const struct nlattr *genl_attrs(const struct nlmsghdr *nlh,
					      size_t *len)
{
	size_t hdr = NLMSG_LENGTH(GENL_HDRLEN);

	*len = nlh->nlmsg_len > hdr ? nlh->nlmsg_len - hdr : 0;
	return (const void *)((const char *)nlh + hdr);
}

#endif /* C_RAW_NL_H */
