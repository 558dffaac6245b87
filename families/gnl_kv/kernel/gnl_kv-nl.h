/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	families/gnl_kv/gnl_kv.yaml */
/* YNL-GEN kernel header */
/* by: gnl-gen kernel-header families/gnl_kv/gnl_kv.yaml */

#ifndef _LINUX_GNL_KV_GEN_H
#define _LINUX_GNL_KV_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <gnl_kv.h>

/* Common nested types */
extern const struct nla_policy gnl_kv_entry_nl_policy[GNL_KV_A_ENTRY_PAD + 1];

/* Ops table for gnl_kv */
extern const struct genl_ops gnl_kv_nl_ops[3];

int gnl_kv_nl_get_doit(struct sk_buff *skb, struct genl_info *info);
int gnl_kv_nl_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int gnl_kv_nl_set_doit(struct sk_buff *skb, struct genl_info *info);
int gnl_kv_nl_delete_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	GNL_KV_NLGRP_EVENTS,
};

extern struct genl_family gnl_kv_nl_family;

#endif /* _LINUX_GNL_KV_GEN_H */
