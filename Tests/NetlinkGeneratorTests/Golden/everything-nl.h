/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Tests/NetlinkGeneratorTests/Specs/everything.yaml */
/* YNL-GEN kernel header */
/* by: gnl-gen kernel-header Tests/NetlinkGeneratorTests/Specs/everything.yaml */

#ifndef _LINUX_EVERYTHING_GEN_H
#define _LINUX_EVERYTHING_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <linux/everything.h>

/* Common nested types */
extern const struct nla_policy everything_item_nl_policy[EVERYTHING_A_ITEM_PAD + 1];

/* Ops table for everything */
extern const struct genl_ops everything_nl_ops[3];

int everything_nl_get_doit(struct sk_buff *skb, struct genl_info *info);
int everything_nl_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int everything_nl_set_doit(struct sk_buff *skb, struct genl_info *info);
int everything_nl_old_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	EVERYTHING_NLGRP_EVENTS,
	EVERYTHING_NLGRP_ADMIN,
};

extern struct genl_family everything_nl_family;

#endif /* _LINUX_EVERYTHING_GEN_H */
