// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	families/gnl_kv/gnl_kv.yaml */
/* YNL-GEN kernel source */
/* by: gnl-gen kernel-source families/gnl_kv/gnl_kv.yaml */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "gnl_kv-nl.h"

#include <gnl_kv.h>

/* Common nested types */
const struct nla_policy gnl_kv_entry_nl_policy[GNL_KV_A_ENTRY_PAD + 1] = {
	[GNL_KV_A_ENTRY_KEY] = { .type = NLA_NUL_STRING, .len = GNL_KV_KEY_MAX_LEN, },
	[GNL_KV_A_ENTRY_VALUE] = { .type = NLA_BINARY, .len = GNL_KV_VALUE_MAX_LEN, },
	[GNL_KV_A_ENTRY_TAG] = { .type = NLA_NUL_STRING, .len = GNL_KV_TAG_MAX_LEN, },
	[GNL_KV_A_ENTRY_VERSION] = { .type = NLA_U64, },
};

/* GNL_KV_CMD_GET */
static const struct nla_policy gnl_kv_get_nl_policy[GNL_KV_A_KV_ENTRY + 1] = {
	[GNL_KV_A_KV_ENTRY] = NLA_POLICY_NESTED(gnl_kv_entry_nl_policy),
};

/* GNL_KV_CMD_SET */
static const struct nla_policy gnl_kv_set_nl_policy[GNL_KV_A_KV_EXCLUSIVE + 1] = {
	[GNL_KV_A_KV_ENTRY] = NLA_POLICY_NESTED(gnl_kv_entry_nl_policy),
	[GNL_KV_A_KV_EXCLUSIVE] = { .type = NLA_FLAG, },
};

/* GNL_KV_CMD_DELETE */
static const struct nla_policy gnl_kv_delete_nl_policy[GNL_KV_A_KV_ENTRY + 1] = {
	[GNL_KV_A_KV_ENTRY] = NLA_POLICY_NESTED(gnl_kv_entry_nl_policy),
};

/* Ops table for gnl_kv */
const struct genl_ops gnl_kv_nl_ops[3] = {
	{
		.cmd		= GNL_KV_CMD_GET,
		.doit		= gnl_kv_nl_get_doit,
		.dumpit		= gnl_kv_nl_get_dumpit,
		.policy		= gnl_kv_get_nl_policy,
		.maxattr	= GNL_KV_A_KV_ENTRY,
	},
	{
		.cmd		= GNL_KV_CMD_SET,
		.doit		= gnl_kv_nl_set_doit,
		.policy		= gnl_kv_set_nl_policy,
		.maxattr	= GNL_KV_A_KV_EXCLUSIVE,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= GNL_KV_CMD_DELETE,
		.doit		= gnl_kv_nl_delete_doit,
		.policy		= gnl_kv_delete_nl_policy,
		.maxattr	= GNL_KV_A_KV_ENTRY,
		.flags		= GENL_ADMIN_PERM,
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
