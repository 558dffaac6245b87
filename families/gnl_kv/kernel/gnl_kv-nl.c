// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	families/gnl_kv/gnl_kv.yaml */
/* YNL-GEN kernel source */
/* by: gnl-gen kernel-source families/gnl_kv/gnl_kv.yaml */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "gnl_kv-nl.h"

#include <gnl_kv.h>

/* GNL_KV_CMD_ECHO */
static const struct nla_policy gnl_kv_echo_nl_policy[GNL_KV_A_NUMBER + 1] = {
	[GNL_KV_A_TEXT] = { .type = NLA_NUL_STRING, .len = GNL_KV_TEXT_MAX_LEN, },
	[GNL_KV_A_NUMBER] = { .type = NLA_U32, },
};

/* Ops table for gnl_kv */
const struct genl_ops gnl_kv_nl_ops[1] = {
	{
		.cmd		= GNL_KV_CMD_ECHO,
		.doit		= gnl_kv_nl_echo_doit,
		.dumpit		= gnl_kv_nl_echo_dumpit,
		.policy		= gnl_kv_echo_nl_policy,
		.maxattr	= GNL_KV_A_NUMBER,
	},
};

static const struct genl_multicast_group gnl_kv_nl_mcgrps[] = {
	[GNL_KV_NLGRP_EVENTS] = { "events", },
};

struct genl_family gnl_kv_nl_family __ro_after_init = {
	.name		= GNL_KV_FAMILY_NAME,
	.version	= GNL_KV_FAMILY_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= gnl_kv_nl_ops,
	.n_ops		= ARRAY_SIZE(gnl_kv_nl_ops),
	.mcgrps		= gnl_kv_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(gnl_kv_nl_mcgrps),
};
