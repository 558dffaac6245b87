// SPDX-License-Identifier: MIT
/*
 * bench-events for c-libnl (events.h): a multicast subscriber as libnl's
 * documentation shows one, each notification parsed with a policy.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "../../families/gnl_kv/include/gnl_kv.h"
#include "clock.h"
#include "events.h"

static struct nla_policy kv_policy[GNL_KV_A_KV_MAX + 1] = {
	[GNL_KV_A_KV_ENTRY] = { .type = NLA_NESTED },
	[GNL_KV_A_KV_EXCLUSIVE] = { .type = NLA_FLAG },
};

static struct nla_policy entry_policy[GNL_KV_A_ENTRY_MAX + 1] = {
	[GNL_KV_A_ENTRY_KEY] = { .type = NLA_STRING,
				 .maxlen = GNL_KV_KEY_MAX_LEN + 1 },
	[GNL_KV_A_ENTRY_VALUE] = { .maxlen = GNL_KV_VALUE_MAX_LEN },
	[GNL_KV_A_ENTRY_TAG] = { .type = NLA_STRING,
				 .maxlen = GNL_KV_TAG_MAX_LEN + 1 },
	[GNL_KV_A_ENTRY_VERSION] = { .type = NLA_U64 },
};

struct drain {
	uint32_t received;
	uint64_t last;		/* ns of the last notification read */
	int err;		/* a notification that did not parse */
};

/* A set notification: its entry parsed, its key and version there. */
static int on_notification(struct nl_msg *msg, void *arg)
{
	struct nlattr *kv[GNL_KV_A_KV_MAX + 1], *entry[GNL_KV_A_ENTRY_MAX + 1];
	struct genlmsghdr *genl = nlmsg_data(nlmsg_hdr(msg));
	struct drain *d = arg;
	int err;

	if (genl->cmd != GNL_KV_CMD_SET_NTF)
		return NL_SKIP;
	err = genlmsg_parse(nlmsg_hdr(msg), 0, kv, GNL_KV_A_KV_MAX, kv_policy);
	if (!err && !kv[GNL_KV_A_KV_ENTRY])
		err = -NLE_MISSING_ATTR;
	if (!err)
		err = nla_parse_nested(entry, GNL_KV_A_ENTRY_MAX,
				       kv[GNL_KV_A_KV_ENTRY], entry_policy);
	if (!err && (!entry[GNL_KV_A_ENTRY_KEY] || !entry[GNL_KV_A_ENTRY_VERSION]))
		err = -NLE_MISSING_ATTR;
	if (err) {
		d->err = err;
		return NL_STOP;
	}
	(void)nla_get_u64(entry[GNL_KV_A_ENTRY_VERSION]);
	d->received++;
	d->last = now_ns();
	return NL_OK;
}

/* "ready" on stdout, then the driver's line on stdin. */
static int await_burst(void)
{
	char line[64];

	if (puts("ready") < 0 || fflush(stdout))
		return -nl_syserr2nlerr(errno);
	return fgets(line, sizeof(line), stdin) ? 0 : -NLE_FAILURE;
}

int bench_events(struct nl_sock *sk, uint32_t n, int rcvbuf)
{
	struct timeval second = { .tv_sec = 1 };
	struct drain d = { 0 };
	int fd = nl_socket_get_fd(sk), group, err;
	uint64_t t0;

	group = genl_ctrl_resolve_grp(sk, GNL_KV_FAMILY_NAME, GNL_KV_MCGRP_EVENTS);
	if (group < 0)
		return group;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &second, sizeof(second)))
		return -nl_syserr2nlerr(errno);
	err = nl_socket_add_membership(sk, group);
	if (err < 0)
		return err;
	/* Notifications carry no sequence number of ours. */
	nl_socket_disable_seq_check(sk);
	err = nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_notification, &d);
	if (!err)
		err = await_burst();
	if (err < 0)
		return err;
	t0 = d.last = now_ns();
	while (d.received < n && !d.err) {
		err = nl_recvmsgs_default(sk);
		/* ENOBUFS: the buffer overflowed; what was queued still follows. */
		if (err == -NLE_NOMEM)
			continue;
		/* Nothing for a second: the rest was lost. */
		if (err == -NLE_AGAIN)
			break;
		if (err < 0)
			return err;
	}
	if (d.err)
		return d.err;
	printf("%u %u %llu\n", d.received, n - d.received,
	       (unsigned long long)(d.last - t0));
	return 0;
}
