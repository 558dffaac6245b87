// SPDX-License-Identifier: GPL-2.0
/*
 * gnl_foobar_xmpl: an example Generic Netlink family.
 *
 * ECHO_MSG echoes a string back (doit) or streams numbered messages
 * (dumpit); REPLY_WITH_NLMSG_ERR always fails with an errno and an
 * extended-ACK message.
 *
 * The family keeps no state: every request is answered from its own
 * message, and a dump's cursor lives in its netlink callback, so handlers
 * run in parallel and a client that never reads its dump blocks nobody.
 *
 * This file holds the handlers only. The policies, the ops table and the
 * family come from the spec, specs/gnl_foobar_xmpl.yaml, generated into
 * gnl_foobar_xmpl-nl.c/-nl.h by gnl-gen; the uapi header likewise.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/version.h>
#include <net/genetlink.h>

#include "gnl_foobar_xmpl-nl.h"

int gnl_foobar_xmpl_nl_echo_msg_doit(struct sk_buff *skb,
				     struct genl_info *info)
{
	const struct nlattr *msg = info->attrs[GNL_FOOBAR_XMPL_A_MSG];
	struct sk_buff *reply;
	void *hdr;

	if (GENL_REQ_ATTR_CHECK(info, GNL_FOOBAR_XMPL_A_MSG)) {
		/* The missing type goes out too (NLMSGERR_ATTR_MISS_TYPE). */
		NL_SET_ERR_MSG(info->extack, "MSG is required");
		return -EINVAL;
	}
	if (info->attrs[GNL_FOOBAR_XMPL_A_DUMP_COUNT]) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[GNL_FOOBAR_XMPL_A_DUMP_COUNT],
				    "DUMP_COUNT is only valid with NLM_F_DUMP");
		return -EINVAL;
	}

	/* The policy guarantees a NUL within the attribute. */
	reply = genlmsg_new(nla_total_size(nla_len(msg)), GFP_KERNEL);
	if (!reply)
		return -ENOMEM;

	hdr = genlmsg_put_reply(reply, info, &gnl_foobar_xmpl_nl_family, 0,
				GNL_FOOBAR_XMPL_C_ECHO_MSG);
	if (!hdr || nla_put_string(reply, GNL_FOOBAR_XMPL_A_MSG, nla_data(msg))) {
		nlmsg_free(reply);
		return -EMSGSIZE;
	}
	genlmsg_end(reply, hdr);

	pr_debug("echo to port %u seq %u\n", info->snd_portid, info->snd_seq);
	return genlmsg_reply(reply, info);
}

/* A dump's cursor, kept in netlink_callback::ctx between dumpit calls. */
struct echo_dump_ctx {
	u32 next;
	u32 count;
};

static struct echo_dump_ctx *echo_dump_ctx(struct netlink_callback *cb)
{
	BUILD_BUG_ON(sizeof(struct echo_dump_ctx) > sizeof(cb->ctx));
	return (struct echo_dump_ctx *)cb->ctx;
}

/* The request's attributes, parsed and validated by the genetlink core. */
static struct nlattr **echo_dump_attrs(struct netlink_callback *cb)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

int gnl_foobar_xmpl_nl_echo_msg_start(struct netlink_callback *cb)
{
	struct echo_dump_ctx *ctx = echo_dump_ctx(cb);
	struct nlattr **attrs = echo_dump_attrs(cb);

	ctx->next = 0;
	ctx->count = GNL_FOOBAR_XMPL_DUMP_COUNT_DEFAULT;
	if (attrs[GNL_FOOBAR_XMPL_A_DUMP_COUNT])
		ctx->count = nla_get_u32(attrs[GNL_FOOBAR_XMPL_A_DUMP_COUNT]);

	pr_debug("dump of %u messages to port %u seq %u\n", ctx->count,
		 NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq);
	return 0;
}

/* Puts one dump message: the request's MSG, or a numbered default text. */
static int echo_dump_put(struct sk_buff *skb, struct netlink_callback *cb,
			 const struct nlattr *msg, u32 index)
{
	char numbered[32];
	const char *text = numbered;
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &gnl_foobar_xmpl_nl_family, NLM_F_MULTI,
			  GNL_FOOBAR_XMPL_C_ECHO_MSG);
	if (!hdr)
		return -EMSGSIZE;

	if (msg)
		text = nla_data(msg);	/* NUL-terminated: the policy is NLA_NUL_STRING */
	else
		snprintf(numbered, sizeof(numbered), "dump message %u", index);
	if (nla_put_u32(skb, GNL_FOOBAR_XMPL_A_DUMP_INDEX, index) ||
	    nla_put_string(skb, GNL_FOOBAR_XMPL_A_MSG, text)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/*
 * Fills the skb with as many messages as fit. Returning 0 once the last
 * one is in lets the core append NLMSG_DONE to the same datagram.
 * The dumped data never changes, so there is no generation to check for
 * NLM_F_DUMP_INTR.
 */
int gnl_foobar_xmpl_nl_echo_msg_dumpit(struct sk_buff *skb,
				       struct netlink_callback *cb)
{
	struct echo_dump_ctx *ctx = echo_dump_ctx(cb);
	const struct nlattr *msg = echo_dump_attrs(cb)[GNL_FOOBAR_XMPL_A_MSG];
	int err;

	for (; ctx->next < ctx->count; ctx->next++) {
		err = echo_dump_put(skb, cb, msg, ctx->next);
		if (err)
			/* An empty skb that cannot take one message is a bug. */
			return skb->len ? skb->len : err;
	}
	return 0;
}

int gnl_foobar_xmpl_nl_reply_with_nlmsg_err_doit(struct sk_buff *skb,
						 struct genl_info *info)
{
	BUILD_BUG_ON(GNL_FOOBAR_XMPL_REPLY_ERRNO != EINVAL);

	pr_debug("error reply to port %u seq %u\n", info->snd_portid,
		 info->snd_seq);
	NL_SET_ERR_MSG(info->extack, GNL_FOOBAR_XMPL_REPLY_ERR_MSG);
	return -GNL_FOOBAR_XMPL_REPLY_ERRNO;
}

static int __init gnl_foobar_xmpl_init(void)
{
	return genl_register_family(&gnl_foobar_xmpl_nl_family);
}

static void __exit gnl_foobar_xmpl_exit(void)
{
	genl_unregister_family(&gnl_foobar_xmpl_nl_family);
}

module_init(gnl_foobar_xmpl_init);
module_exit(gnl_foobar_xmpl_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Example Generic Netlink family: echo, dump and error replies");
MODULE_VERSION("1.0");
MODULE_ALIAS_GENL_FAMILY(GNL_FOOBAR_XMPL_FAMILY_NAME);
