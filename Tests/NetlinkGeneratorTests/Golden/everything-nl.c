// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Tests/NetlinkGeneratorTests/Specs/everything.yaml */
/* YNL-GEN kernel source */
/* by: gnl-gen kernel-source Tests/NetlinkGeneratorTests/Specs/everything.yaml --header everything-nl.h */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "everything-nl.h"

#include <linux/everything.h>

/* Integer value ranges */
static struct netlink_range_validation everything_a_u32_range __ro_after_init = {
	.max = 100000ULL,
};

static struct netlink_range_validation_signed everything_a_s32_range __ro_after_init = {
	.min = S32_MIN,
	.max = 70000LL,
};

/* Sparse enums validation callbacks */
static int everything_a_sparse_validate(const struct nlattr *attr,
					struct netlink_ext_ack *extack)
{
	switch (nla_get_u32(attr)) {
	case EVERYTHING_SPARSE_ONE:
		fallthrough;
	case EVERYTHING_SPARSE_TEN:
		return 0;
	}
	NL_SET_ERR_MSG_ATTR(extack, attr, "invalid enum value");
	return -EINVAL;
}

/* Common nested types */
const struct nla_policy everything_item_nl_policy[EVERYTHING_A_ITEM_PAD + 1] = {
	[EVERYTHING_A_ITEM_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[EVERYTHING_A_ITEM_NAME] = { .type = NLA_NUL_STRING, .len = EVERYTHING_NAME_LEN, },
};

/* EVERYTHING_CMD_GET */
static const struct nla_policy everything_get_nl_policy[EVERYTHING_A_LIST + 1] = {
	[EVERYTHING_A_U8] = NLA_POLICY_MAX(NLA_U8, 200),
	[EVERYTHING_A_U16] = NLA_POLICY_RANGE(NLA_U16, 10, 20),
	[EVERYTHING_A_U32] = NLA_POLICY_FULL_RANGE(NLA_U32, &everything_a_u32_range),
	[EVERYTHING_A_U64] = { .type = NLA_U64, },
	[EVERYTHING_A_S8] = NLA_POLICY_MIN(NLA_S8, S8_MIN),
	[EVERYTHING_A_S16] = { .type = NLA_S16, },
	[EVERYTHING_A_S32] = NLA_POLICY_FULL_RANGE_SIGNED(NLA_S32, &everything_a_s32_range),
	[EVERYTHING_A_S64] = { .type = NLA_S64, },
	[EVERYTHING_A_PORT] = { .type = NLA_BE16, },
	[EVERYTHING_A_TEXT] = { .type = NLA_NUL_STRING, .len = EVERYTHING_NAME_LEN, },
	[EVERYTHING_A_RAW_TEXT] = { .type = NLA_STRING, },
	[EVERYTHING_A_BLOB] = NLA_POLICY_MIN_LEN(2),
	[EVERYTHING_A_KEY] = NLA_POLICY_EXACT_LEN(4),
	[EVERYTHING_A_PAIR] = NLA_POLICY_EXACT_LEN(8),
	[EVERYTHING_A_NUMBERS] = { .type = NLA_BINARY, },
	[EVERYTHING_A_FLAG] = { .type = NLA_FLAG, },
	[EVERYTHING_A_COLOR] = NLA_POLICY_MAX(NLA_U32, 2),
	[EVERYTHING_A_SPARSE] = NLA_POLICY_VALIDATE_FN(NLA_U32, &everything_a_sparse_validate),
	[EVERYTHING_A_FEATURES] = NLA_POLICY_MASK(NLA_U32, 0x7),
	[EVERYTHING_A_COLORS] = NLA_POLICY_MASK(NLA_U32, 0x7),
	[EVERYTHING_A_LEVEL] = NLA_POLICY_RANGE(NLA_U8, 3, 4),
	[EVERYTHING_A_MASK] = NLA_POLICY_MASK(NLA_U32, 0x7),
	[EVERYTHING_A_BITS] = NLA_POLICY_BITFIELD32(7),
	[EVERYTHING_A_ITEM] = NLA_POLICY_NESTED(everything_item_nl_policy),
	[EVERYTHING_A_ITEMS] = NLA_POLICY_NESTED(everything_item_nl_policy),
	[EVERYTHING_A_TAGS] = { .type = NLA_NUL_STRING, },
	[EVERYTHING_A_LIST] = NLA_POLICY_NESTED_ARRAY(everything_item_nl_policy),
};

/* EVERYTHING_CMD_SET */
static const struct nla_policy everything_set_nl_policy[EVERYTHING_A_ITEM + 1] = {
	[EVERYTHING_A_U32] = NLA_POLICY_FULL_RANGE(NLA_U32, &everything_a_u32_range),
	[EVERYTHING_A_ITEM] = NLA_POLICY_NESTED(everything_item_nl_policy),
};

/* EVERYTHING_CMD_OLD */
static const struct nla_policy everything_old_nl_policy[EVERYTHING_A_U8 + 1] = {
	[EVERYTHING_A_U8] = NLA_POLICY_MAX(NLA_U8, 200),
};

/* Ops table for everything */
const struct genl_ops everything_nl_ops[3] = {
	{
		.cmd		= EVERYTHING_CMD_GET,
		.doit		= everything_nl_get_doit,
		.dumpit		= everything_nl_get_dumpit,
		.policy		= everything_get_nl_policy,
		.maxattr	= EVERYTHING_A_LIST,
	},
	{
		.cmd		= EVERYTHING_CMD_SET,
		.doit		= everything_nl_set_doit,
		.policy		= everything_set_nl_policy,
		.maxattr	= EVERYTHING_A_ITEM,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= EVERYTHING_CMD_OLD,
		.validate	= GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
		.doit		= everything_nl_old_doit,
		.policy		= everything_old_nl_policy,
		.maxattr	= EVERYTHING_A_U8,
	},
};

static const struct genl_multicast_group everything_nl_mcgrps[] = {
	[EVERYTHING_NLGRP_EVENTS] = { "events", },
	[EVERYTHING_NLGRP_ADMIN] = { "admin", .flags = GENL_ADMIN_PERM, },
};

struct genl_family everything_nl_family __ro_after_init = {
	.name		= EVERYTHING_FAMILY_NAME,
	.version	= EVERYTHING_FAMILY_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= everything_nl_ops,
	.n_ops		= ARRAY_SIZE(everything_nl_ops),
	.mcgrps		= everything_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(everything_nl_mcgrps),
	.resv_start_op	= 4,
};
