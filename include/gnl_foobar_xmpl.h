/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * gnl_foobar_xmpl: an example Generic Netlink family.
 *
 * This is the single source of truth for the family's wire format. The kernel
 * module, the C baselines and the Swift shim all include it; it uses only
 * <linux/types.h> so it is valid in kernel and user space alike.
 *
 * Commands (request attributes -> reply):
 *
 *   GNL_FOOBAR_XMPL_C_ECHO_MSG, doit
 *	MSG (required) -> one reply carrying the same MSG, addressed to the
 *	sender's port with the request's sequence number.
 *
 *   GNL_FOOBAR_XMPL_C_ECHO_MSG with NLM_F_DUMP, dumpit
 *	DUMP_COUNT (optional, default GNL_FOOBAR_XMPL_DUMP_COUNT_DEFAULT,
 *	at most GNL_FOOBAR_XMPL_DUMP_COUNT_MAX), MSG (optional) -> that many
 *	messages, each with NLM_F_MULTI and the request's sequence number,
 *	carrying DUMP_INDEX (0, 1, ...) and MSG: the request's MSG, or
 *	"dump message <index>" without one; ended by NLMSG_DONE.
 *
 *   GNL_FOOBAR_XMPL_C_REPLY_WITH_NLMSG_ERR, doit
 *	(no attributes) -> always an NLMSG_ERROR with error
 *	-GNL_FOOBAR_XMPL_REPLY_ERRNO and the extended-ACK message
 *	GNL_FOOBAR_XMPL_REPLY_ERR_MSG.
 *
 * Invalid requests (unknown or mistyped attributes, strings that are too
 * long or not NUL-terminated, a missing MSG) are answered with an errno
 * (EINVAL, ERANGE) and an extended-ACK message naming the attribute.
 */
#ifndef _UAPI_LINUX_GNL_FOOBAR_XMPL_H
#define _UAPI_LINUX_GNL_FOOBAR_XMPL_H

#include <linux/types.h>

#define GNL_FOOBAR_XMPL_FAMILY_NAME	"gnl_foobar_xmpl"
#define GNL_FOOBAR_XMPL_FAMILY_VERSION	1

/* Longest text in GNL_FOOBAR_XMPL_A_MSG, in bytes, not counting its NUL. */
#define GNL_FOOBAR_XMPL_MSG_MAX_LEN	4096

/* Messages in a dump without GNL_FOOBAR_XMPL_A_DUMP_COUNT, and the limit. */
#define GNL_FOOBAR_XMPL_DUMP_COUNT_DEFAULT	3
#define GNL_FOOBAR_XMPL_DUMP_COUNT_MAX		10000000

/* The errno (positive) and extended-ACK text of REPLY_WITH_NLMSG_ERR. */
#define GNL_FOOBAR_XMPL_REPLY_ERRNO	22	/* EINVAL */
#define GNL_FOOBAR_XMPL_REPLY_ERR_MSG \
	"gnl_foobar_xmpl: REPLY_WITH_NLMSG_ERR always fails, as requested"

enum gnl_foobar_xmpl_cmd {
	GNL_FOOBAR_XMPL_C_UNSPEC,
	GNL_FOOBAR_XMPL_C_ECHO_MSG = 1,
	GNL_FOOBAR_XMPL_C_REPLY_WITH_NLMSG_ERR = 2,

	__GNL_FOOBAR_XMPL_C_MAX,
	GNL_FOOBAR_XMPL_C_MAX = __GNL_FOOBAR_XMPL_C_MAX - 1,
};

enum gnl_foobar_xmpl_attr {
	GNL_FOOBAR_XMPL_A_UNSPEC,
	GNL_FOOBAR_XMPL_A_MSG = 1,		/* NUL-terminated string */
	GNL_FOOBAR_XMPL_A_DUMP_COUNT = 2,	/* u32, dump requests only */
	GNL_FOOBAR_XMPL_A_DUMP_INDEX = 3,	/* u32, in dump messages */

	__GNL_FOOBAR_XMPL_A_MAX,
	GNL_FOOBAR_XMPL_A_MAX = __GNL_FOOBAR_XMPL_A_MAX - 1,
};

#endif /* _UAPI_LINUX_GNL_FOOBAR_XMPL_H */
