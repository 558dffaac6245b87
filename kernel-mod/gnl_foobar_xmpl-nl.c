// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	specs/gnl_foobar_xmpl.yaml */
/* YNL-GEN kernel source */
/* by: gnl-gen kernel-source specs/gnl_foobar_xmpl.yaml */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "gnl_foobar_xmpl-nl.h"

#include <gnl_foobar_xmpl.h>

/* Integer value ranges */
static struct netlink_range_validation gnl_foobar_xmpl_a_dump_count_range __ro_after_init = {
	.max = GNL_FOOBAR_XMPL_DUMP_COUNT_MAX,
};

/* GNL_FOOBAR_XMPL_C_ECHO_MSG */
static const struct nla_policy gnl_foobar_xmpl_echo_msg_nl_policy[GNL_FOOBAR_XMPL_A_DUMP_COUNT + 1] = {
	[GNL_FOOBAR_XMPL_A_MSG] = { .type = NLA_NUL_STRING, .len = GNL_FOOBAR_XMPL_MSG_MAX_LEN, },
	[GNL_FOOBAR_XMPL_A_DUMP_COUNT] = NLA_POLICY_FULL_RANGE(NLA_U32, &gnl_foobar_xmpl_a_dump_count_range),
};

/* Ops table for gnl_foobar_xmpl */
const struct genl_ops gnl_foobar_xmpl_nl_ops[2] = {
	{
		.cmd		= GNL_FOOBAR_XMPL_C_ECHO_MSG,
		.start		= gnl_foobar_xmpl_nl_echo_msg_start,
		.doit		= gnl_foobar_xmpl_nl_echo_msg_doit,
		.dumpit		= gnl_foobar_xmpl_nl_echo_msg_dumpit,
		.policy		= gnl_foobar_xmpl_echo_msg_nl_policy,
		.maxattr	= GNL_FOOBAR_XMPL_A_DUMP_COUNT,
	},
	{
		.cmd	= GNL_FOOBAR_XMPL_C_REPLY_WITH_NLMSG_ERR,
		.doit	= gnl_foobar_xmpl_nl_reply_with_nlmsg_err_doit,
	},
};

struct genl_family gnl_foobar_xmpl_nl_family __ro_after_init = {
	.name		= GNL_FOOBAR_XMPL_FAMILY_NAME,
	.version	= GNL_FOOBAR_XMPL_FAMILY_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= gnl_foobar_xmpl_nl_ops,
	.n_ops		= ARRAY_SIZE(gnl_foobar_xmpl_nl_ops),
};
