/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	specs/gnl_foobar_xmpl.yaml */
/* YNL-GEN kernel header */
/* by: gnl-gen kernel-header specs/gnl_foobar_xmpl.yaml */

#ifndef _LINUX_GNL_FOOBAR_XMPL_GEN_H
#define _LINUX_GNL_FOOBAR_XMPL_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <gnl_foobar_xmpl.h>

/* Ops table for gnl_foobar_xmpl */
extern const struct genl_ops gnl_foobar_xmpl_nl_ops[2];

int gnl_foobar_xmpl_nl_echo_msg_start(struct netlink_callback *cb);

int gnl_foobar_xmpl_nl_echo_msg_doit(struct sk_buff *skb,
				     struct genl_info *info);
int gnl_foobar_xmpl_nl_echo_msg_dumpit(struct sk_buff *skb,
				       struct netlink_callback *cb);
int gnl_foobar_xmpl_nl_reply_with_nlmsg_err_doit(struct sk_buff *skb,
						 struct genl_info *info);

extern struct genl_family gnl_foobar_xmpl_nl_family;

#endif /* _LINUX_GNL_FOOBAR_XMPL_GEN_H */
