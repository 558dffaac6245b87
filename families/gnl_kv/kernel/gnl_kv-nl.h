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

/* Ops table for gnl_kv */
extern const struct genl_ops gnl_kv_nl_ops[1];

int gnl_kv_nl_echo_doit(struct sk_buff *skb, struct genl_info *info);
int gnl_kv_nl_echo_dumpit(struct sk_buff *skb, struct netlink_callback *cb);

enum {
	GNL_KV_NLGRP_EVENTS,
};

extern struct genl_family gnl_kv_nl_family;

#endif /* _LINUX_GNL_KV_GEN_H */
