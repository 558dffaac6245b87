// SPDX-License-Identifier: GPL-2.0
/*
 * @name@: a Generic Netlink family, started by scripts/new-family.sh.
 *
 * This file holds the handlers only. The policies, the ops table, the
 * multicast groups and the family are generated from the spec,
 * ../@name@.yaml, into @name@-nl.c/-nl.h, and the uapi header into
 * ../include/@name@.h (scripts/generate.sh).
 *
 * The handlers below are stubs that answer, so that the family works from
 * its first build: replace them with yours. They keep the rules of a good
 * family (see the project's kernel-module checklist): replies carry the
 * request's sequence number, dump messages NLM_F_MULTI with the dump's, the
 * dump's cursor lives in its netlink callback, a notification is built only
 * when someone listens, and nothing is logged per request.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <net/genetlink.h>

#include "@name@-nl.h"

/* A message carrying the request's attributes, as the policy let them in. */
static struct sk_buff *@name@_copy_request(struct genl_info *info, u32 portid,
					    u32 seq, u8 cmd)
{
	int len = genlmsg_len(info->genlhdr);
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(len, GFP_KERNEL);
	if (!msg)
		return NULL;
	hdr = genlmsg_put(msg, portid, seq, &@name@_nl_family, 0, cmd);
	if (!hdr) {
		nlmsg_free(msg);
		return NULL;
	}
	skb_put_data(msg, genlmsg_data(info->genlhdr), len);
	genlmsg_end(msg, hdr);
	return msg;
}

/* Stub: answers with the request's attributes and announces them. */
int @name@_nl_echo_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct sk_buff *reply, *ntf;

	reply = @name@_copy_request(info, info->snd_portid, info->snd_seq,
				    @NAME@_CMD_ECHO);
	if (!reply)
		return -ENOMEM;

	if (genl_has_listeners(&@name@_nl_family, net, @NAME@_NLGRP_EVENTS)) {
		ntf = @name@_copy_request(info, 0, 0, @NAME@_CMD_ECHO_NTF);
		if (ntf)
			genlmsg_multicast_netns(&@name@_nl_family, net, ntf, 0,
						@NAME@_NLGRP_EVENTS, GFP_KERNEL);
	}
	return genlmsg_reply(reply, info);
}

/*
 * Stub: answers DUMP_COUNT messages, each with its INDEX, as many per skb as
 * fit. cb->args[0] counts those already sent: a dump keeps its cursor in its
 * callback, never in the module.
 */
int @name@_nl_echo_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long *sent = &cb->args[0];
	void *hdr;

	for (; *sent < @NAME@_DUMP_COUNT; (*sent)++) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &@name@_nl_family,
				  NLM_F_MULTI, @NAME@_CMD_ECHO);
		if (!hdr)
			goto full;
		if (nla_put_u32(skb, @NAME@_A_INDEX, *sent)) {
			genlmsg_cancel(skb, hdr);
			goto full;
		}
		genlmsg_end(skb, hdr);
	}
	return 0;	/* done: NLMSG_DONE follows in the same datagram */
full:
	/* More next time; a message too big for an empty skb is an error. */
	return skb->len ? skb->len : -EMSGSIZE;
}

static int __init @name@_init(void)
{
	/* Last: requests may arrive as soon as the family is registered. */
	return genl_register_family(&@name@_nl_family);
}

static void __exit @name@_exit(void)
{
	/* First: no handler runs once this returns. */
	genl_unregister_family(&@name@_nl_family);
}

module_init(@name@_init);
module_exit(@name@_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("The @name@ Generic Netlink family");
MODULE_ALIAS_GENL_FAMILY(@NAME@_FAMILY_NAME);
