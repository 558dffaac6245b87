// SPDX-License-Identifier: GPL-2.0
/*
 * gnl_kv: a small key/value store in the kernel, one per network namespace,
 * over Generic Netlink.
 *
 * GET reads one entry (do) or all of them in key order (dump), for anyone;
 * SET and DELETE change the store and need CAP_NET_ADMIN, which the genetlink
 * core checks (GENL_ADMIN_PERM, from the spec's admin-perm) before any handler
 * runs. Every change is announced to the "events" group (SET_NTF, DELETE_NTF).
 *
 * State: a store per network namespace (pernet_operations with .id/.size,
 * found with net_generic()), so what one namespace writes another never sees.
 * Its entries sit in a list sorted by key. An entry is never changed once
 * published: SET replaces it, and the old one is freed after an RCU grace
 * period.
 *
 * Locking: one mutex per store for the writers (SET, DELETE) and for each
 * dumpit call, taken and released within one call, never across calls; GET
 * reads under RCU only. A dump reads under the mutex so that the version it
 * reports in cb->seq is the version of the entries it puts in that skb.
 *
 * Consistency: every change bumps the store's version while holding the
 * mutex. A dump keeps only its cursor (the count of entries it has sent) in
 * cb->ctx; each dumpit call sets cb->seq from the version and checks it after
 * every message (genl_dump_check_consistent), so a dump that spans a change
 * is flagged NLM_F_DUMP_INTR and its reader knows to dump again.
 *
 * Notifications go out under the mutex, after the change is visible to readers,
 * so listeners get them in the order of the changes; a listener whose
 * notification could not be built is told to resynchronise (ENOBUFS, as an
 * overrun would).
 *
 * This file holds the handlers only. The policies (sizes checked from the
 * spec), the ops table, the group and the family are generated from the spec,
 * ../gnl_kv.yaml, into gnl_kv-nl.c/-nl.h, and the uapi header into
 * ../include/gnl_kv.h (scripts/generate.sh).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/version.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/sock.h>

#include "gnl_kv-nl.h"

struct gnl_kv_entry {
	struct list_head node;		/* in gnl_kv_store.entries, by key */
	struct rcu_head rcu;
	u64 version;			/* the store's version when written */
	u16 value_len;
	u8 n_tags;
	char key[GNL_KV_KEY_MAX_LEN + 1];
	char tags[GNL_KV_MAX_TAGS][GNL_KV_TAG_MAX_LEN + 1];
	u8 value[];
};

struct gnl_kv_store {
	struct mutex lock;		/* writers, and dumps within one call */
	struct list_head entries;	/* sorted by key; RCU for GET */
	unsigned int count;
	u64 version;			/* bumped by every change; from 1 */
};

static unsigned int gnl_kv_net_id __read_mostly;
/* Entries allocated and not yet freed, in every namespace: 0 at unload. */
static atomic_t gnl_kv_entries_alive = ATOMIC_INIT(0);

static struct gnl_kv_store *gnl_kv_store(const struct net *net)
{
	return net_generic(net, gnl_kv_net_id);
}

/* -- entries --------------------------------------------------------------- */

static void gnl_kv_entry_free_rcu(struct rcu_head *head)
{
	kfree(container_of(head, struct gnl_kv_entry, rcu));
	atomic_dec(&gnl_kv_entries_alive);
}

/* Frees an entry readers may still see, once they cannot. */
static void gnl_kv_entry_retire(struct gnl_kv_entry *entry)
{
	call_rcu(&entry->rcu, gnl_kv_entry_free_rcu);
}

/* Frees an entry no reader has seen. */
static void gnl_kv_entry_discard(struct gnl_kv_entry *entry)
{
	kfree(entry);
	atomic_dec(&gnl_kv_entries_alive);
}

/*
 * A new, unpublished entry from a SET request's parsed ENTRY nest. The
 * policy has checked the sizes of KEY, VALUE and every TAG; the count of TAGs
 * (a multi-attr) is checked here.
 */
static struct gnl_kv_entry *gnl_kv_entry_new(const struct nlattr *nest,
					     struct nlattr **tb,
					     struct netlink_ext_ack *extack)
{
	const struct nlattr *value = tb[GNL_KV_A_ENTRY_VALUE];
	struct gnl_kv_entry *entry;
	const struct nlattr *attr;
	int rem;

	entry = kzalloc(struct_size(entry, value, nla_len(value)), GFP_KERNEL);
	if (!entry)
		return ERR_PTR(-ENOMEM);
	atomic_inc(&gnl_kv_entries_alive);

	nla_strscpy(entry->key, tb[GNL_KV_A_ENTRY_KEY], sizeof(entry->key));
	entry->value_len = nla_len(value);
	memcpy(entry->value, nla_data(value), entry->value_len);
	nla_for_each_nested(attr, nest, rem) {
		if (nla_type(attr) != GNL_KV_A_ENTRY_TAG)
			continue;
		if (entry->n_tags == GNL_KV_MAX_TAGS) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "too many TAGs (at most " __stringify(GNL_KV_MAX_TAGS) ")");
			gnl_kv_entry_discard(entry);
			return ERR_PTR(-EINVAL);
		}
		nla_strscpy(entry->tags[entry->n_tags++], attr,
			    sizeof(entry->tags[0]));
	}
	return entry;
}

/*
 * The entry with @key, or NULL; *next is where an entry with @key goes (the
 * first entry after it, or the list head). Under the store's mutex.
 */
static struct gnl_kv_entry *gnl_kv_lookup(struct gnl_kv_store *store,
					  const char *key,
					  struct list_head **next)
{
	struct gnl_kv_entry *entry;
	int order;

	list_for_each_entry(entry, &store->entries, node) {
		order = strcmp(entry->key, key);
		if (order >= 0) {
			*next = &entry->node;
			return order ? NULL : entry;
		}
	}
	*next = &store->entries;
	return NULL;
}

/* The entry with @key, or NULL. Under rcu_read_lock(). */
static const struct gnl_kv_entry *gnl_kv_lookup_rcu(struct gnl_kv_store *store,
						    const char *key)
{
	const struct gnl_kv_entry *entry;
	int order;

	list_for_each_entry_rcu(entry, &store->entries, node) {
		order = strcmp(entry->key, key);
		if (order >= 0)
			return order ? NULL : entry;
	}
	return NULL;
}

/* -- messages -------------------------------------------------------------- */

/* The payload of a message with @entry: its KEY and VERSION, and with @full its VALUE and TAGs. */
static size_t gnl_kv_entry_size(const struct gnl_kv_entry *entry, bool full)
{
	size_t size = nla_total_size(0) +			/* ENTRY */
		      nla_total_size(strlen(entry->key) + 1) +
		      nla_total_size_64bit(sizeof(u64));	/* VERSION */
	unsigned int i;

	if (full) {
		size += nla_total_size(entry->value_len);
		for (i = 0; i < entry->n_tags; i++)
			size += nla_total_size(strlen(entry->tags[i]) + 1);
	}
	return size;
}

/* The payload of a message with the largest entry the spec allows. */
static size_t gnl_kv_entry_max_size(void)
{
	return nla_total_size(0) +
	       nla_total_size(GNL_KV_KEY_MAX_LEN + 1) +
	       nla_total_size_64bit(sizeof(u64)) +
	       nla_total_size(GNL_KV_VALUE_MAX_LEN) +
	       GNL_KV_MAX_TAGS * nla_total_size(GNL_KV_TAG_MAX_LEN + 1);
}

/*
 * Puts one message carrying @entry, with @version (an entry's own, or the
 * version of its delete). In a dump (@cb), checks the dump's consistency
 * right after the header is in, as genl_dump_check_consistent() wants.
 */
static int gnl_kv_put(struct sk_buff *skb, const struct gnl_kv_entry *entry,
		      u64 version, bool full, u32 portid, u32 seq, int flags,
		      u8 cmd, struct netlink_callback *cb)
{
	struct nlattr *nest;
	unsigned int i;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &gnl_kv_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);

	nest = nla_nest_start(skb, GNL_KV_A_KV_ENTRY);
	if (!nest)
		goto cancel;
	if (nla_put_string(skb, GNL_KV_A_ENTRY_KEY, entry->key) ||
	    nla_put_u64_64bit(skb, GNL_KV_A_ENTRY_VERSION, version,
			      GNL_KV_A_ENTRY_PAD))
		goto cancel;
	if (full) {
		if (nla_put(skb, GNL_KV_A_ENTRY_VALUE, entry->value_len,
			    entry->value))
			goto cancel;
		for (i = 0; i < entry->n_tags; i++)
			if (nla_put_string(skb, GNL_KV_A_ENTRY_TAG,
					   entry->tags[i]))
				goto cancel;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;

cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/*
 * Announces a change to the events group: SET_NTF with all of the entry,
 * DELETE_NTF with its key and the version of the delete. Called under the
 * store's mutex, once the change is visible, so notifications leave in the
 * order of the changes.
 */
static void gnl_kv_notify(struct net *net, const struct gnl_kv_entry *entry,
			  u64 version, u8 cmd)
{
	bool full = cmd == GNL_KV_CMD_SET_NTF;
	struct sk_buff *msg;

	if (!genl_has_listeners(&gnl_kv_nl_family, net, GNL_KV_NLGRP_EVENTS))
		return;

	msg = genlmsg_new(gnl_kv_entry_size(entry, full), GFP_KERNEL);
	if (!msg || gnl_kv_put(msg, entry, version, full, 0, 0, 0, cmd, NULL)) {
		nlmsg_free(msg);
		/* A listener that misses a change must resynchronise: say so. */
		genl_set_err(&gnl_kv_nl_family, net, 0, GNL_KV_NLGRP_EVENTS,
			     -ENOBUFS);
		return;
	}
	genlmsg_multicast_netns(&gnl_kv_nl_family, net, msg, 0,
				GNL_KV_NLGRP_EVENTS, GFP_KERNEL);
}

/* -- requests -------------------------------------------------------------- */

/*
 * Parses the request's ENTRY nest into @tb; it needs a non-empty KEY and may
 * not carry VERSION (the kernel's to set). With @key_only (GET, DELETE), KEY
 * is all it may carry.
 */
static int gnl_kv_parse_entry(struct genl_info *info, struct nlattr **tb,
			      bool key_only)
{
	struct nlattr *nest = info->attrs[GNL_KV_A_KV_ENTRY];
	int err;

	if (GENL_REQ_ATTR_CHECK(info, GNL_KV_A_KV_ENTRY)) {
		NL_SET_ERR_MSG(info->extack, "ENTRY is required");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, GNL_KV_A_ENTRY_MAX, nest,
			       gnl_kv_entry_nl_policy, info->extack);
	if (err)
		return err;

	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, GNL_KV_A_ENTRY_KEY)) {
		NL_SET_ERR_MSG(info->extack, "the ENTRY needs a KEY");
		return -EINVAL;
	}
	if (!*(char *)nla_data(tb[GNL_KV_A_ENTRY_KEY])) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[GNL_KV_A_ENTRY_KEY],
				    "KEY is empty");
		return -EINVAL;
	}
	if (tb[GNL_KV_A_ENTRY_VERSION]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[GNL_KV_A_ENTRY_VERSION],
				    "VERSION is the kernel's to set");
		return -EINVAL;
	}
	if (key_only && (tb[GNL_KV_A_ENTRY_VALUE] || tb[GNL_KV_A_ENTRY_TAG])) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    tb[GNL_KV_A_ENTRY_VALUE] ?: tb[GNL_KV_A_ENTRY_TAG],
				    "this command takes the ENTRY's KEY only");
		return -EINVAL;
	}
	return 0;
}

int gnl_kv_nl_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct gnl_kv_store *store = gnl_kv_store(genl_info_net(info));
	struct nlattr *tb[GNL_KV_A_ENTRY_MAX + 1];
	const struct gnl_kv_entry *entry;
	struct sk_buff *reply;
	int err;

	err = gnl_kv_parse_entry(info, tb, true);
	if (err)
		return err;

	/* The entry is found under RCU, where no allocation may sleep: room for the largest. */
	reply = genlmsg_new(gnl_kv_entry_max_size(), GFP_KERNEL);
	if (!reply)
		return -ENOMEM;

	rcu_read_lock();
	entry = gnl_kv_lookup_rcu(store, nla_data(tb[GNL_KV_A_ENTRY_KEY]));
	if (entry)
		err = gnl_kv_put(reply, entry, entry->version, true,
				 info->snd_portid, info->snd_seq, 0,
				 GNL_KV_CMD_GET, NULL);
	rcu_read_unlock();

	if (!entry) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[GNL_KV_A_ENTRY_KEY],
				    "no entry has this KEY");
		err = -ENOENT;
	}
	if (err) {
		nlmsg_free(reply);
		return err;
	}
	return genlmsg_reply(reply, info);
}

/* A dump's cursor, kept in netlink_callback::ctx between dumpit calls. */
struct gnl_kv_dump_ctx {
	unsigned int sent;	/* entries already dumped, in key order */
};

static struct gnl_kv_dump_ctx *gnl_kv_dump_ctx(struct netlink_callback *cb)
{
	BUILD_BUG_ON(sizeof(struct gnl_kv_dump_ctx) > sizeof(cb->ctx));
	return (struct gnl_kv_dump_ctx *)cb->ctx;
}

/*
 * Puts the entries after the cursor, as many as fit. Returning 0 once the
 * last one is in lets the core append NLMSG_DONE (checked for consistency too)
 * to the same datagram.
 */
int gnl_kv_nl_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct gnl_kv_store *store = gnl_kv_store(sock_net(cb->skb->sk));
	struct gnl_kv_dump_ctx *ctx = gnl_kv_dump_ctx(cb);
	struct gnl_kv_entry *entry;
	unsigned int index = 0;
	int err = 0;

	mutex_lock(&store->lock);
	/*
	 * The version of what this call dumps: when it differs from the previous
	 * call's, the next message is flagged NLM_F_DUMP_INTR. Never 0, which
	 * would turn the check off (a wrap of exactly 2^32 changes between two
	 * calls goes unnoticed).
	 */
	cb->seq = lower_32_bits(store->version) ?: 1;
	list_for_each_entry(entry, &store->entries, node) {
		if (index++ < ctx->sent)
			continue;
		err = gnl_kv_put(skb, entry, entry->version, true,
				 NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				 NLM_F_MULTI, GNL_KV_CMD_GET, cb);
		if (err)
			break;
		ctx->sent++;
	}
	mutex_unlock(&store->lock);

	if (!err)
		return 0;
	/* More next time; an entry too big for an empty skb is an error. */
	return skb->len ? skb->len : err;
}

int gnl_kv_nl_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct gnl_kv_store *store = gnl_kv_store(net);
	struct nlattr *tb[GNL_KV_A_ENTRY_MAX + 1];
	struct gnl_kv_entry *entry, *old;
	struct list_head *next;
	struct sk_buff *reply;
	int err;

	err = gnl_kv_parse_entry(info, tb, false);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[GNL_KV_A_KV_ENTRY], tb,
			      GNL_KV_A_ENTRY_VALUE)) {
		NL_SET_ERR_MSG(info->extack, "the ENTRY needs a VALUE");
		return -EINVAL;
	}
	entry = gnl_kv_entry_new(info->attrs[GNL_KV_A_KV_ENTRY], tb,
				 info->extack);
	if (IS_ERR(entry))
		return PTR_ERR(entry);
	reply = genlmsg_new(gnl_kv_entry_size(entry, false), GFP_KERNEL);
	if (!reply) {
		gnl_kv_entry_discard(entry);
		return -ENOMEM;
	}

	mutex_lock(&store->lock);
	old = gnl_kv_lookup(store, entry->key, &next);
	if (old && info->attrs[GNL_KV_A_KV_EXCLUSIVE]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[GNL_KV_A_KV_EXCLUSIVE],
				    "an entry has this KEY already");
		err = -EEXIST;
		goto unlock;
	}
	if (!old && store->count >= GNL_KV_MAX_ENTRIES) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "the store is full (" __stringify(GNL_KV_MAX_ENTRIES) " entries)");
		err = -ENOSPC;
		goto unlock;
	}

	entry->version = ++store->version;
	if (old) {
		list_replace_rcu(&old->node, &entry->node);
	} else {
		list_add_tail_rcu(&entry->node, next);	/* before next: in key order */
		store->count++;
	}
	gnl_kv_notify(net, entry, entry->version, GNL_KV_CMD_SET_NTF);
	/* Sized for exactly this: it cannot fail. */
	err = gnl_kv_put(reply, entry, entry->version, false, info->snd_portid,
			 info->snd_seq, 0, GNL_KV_CMD_SET, NULL);
	mutex_unlock(&store->lock);

	if (old)
		gnl_kv_entry_retire(old);
	if (WARN_ON_ONCE(err)) {
		nlmsg_free(reply);
		return err;
	}
	return genlmsg_reply(reply, info);

unlock:
	mutex_unlock(&store->lock);
	gnl_kv_entry_discard(entry);
	nlmsg_free(reply);
	return err;
}

int gnl_kv_nl_delete_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct gnl_kv_store *store = gnl_kv_store(net);
	struct nlattr *tb[GNL_KV_A_ENTRY_MAX + 1];
	struct gnl_kv_entry *entry;
	struct list_head *next;
	int err;

	err = gnl_kv_parse_entry(info, tb, true);
	if (err)
		return err;

	mutex_lock(&store->lock);
	entry = gnl_kv_lookup(store, nla_data(tb[GNL_KV_A_ENTRY_KEY]), &next);
	if (!entry) {
		mutex_unlock(&store->lock);
		NL_SET_ERR_MSG_ATTR(info->extack, tb[GNL_KV_A_ENTRY_KEY],
				    "no entry has this KEY");
		return -ENOENT;
	}
	list_del_rcu(&entry->node);
	store->count--;
	/* Readers may still see the entry: its version stays, the delete's is sent. */
	gnl_kv_notify(net, entry, ++store->version, GNL_KV_CMD_DELETE_NTF);
	mutex_unlock(&store->lock);

	gnl_kv_entry_retire(entry);
	return 0;
}

/* -- namespaces and the module --------------------------------------------- */

static int __net_init gnl_kv_net_init(struct net *net)
{
	struct gnl_kv_store *store = gnl_kv_store(net);

	mutex_init(&store->lock);
	INIT_LIST_HEAD(&store->entries);
	store->count = 0;
	store->version = 1;
	return 0;
}

/*
 * A namespace goes away, or the module (after its family is unregistered): no
 * handler runs for this namespace any more, but GET readers that started
 * before may still be in an RCU read section.
 */
static void __net_exit gnl_kv_net_exit(struct net *net)
{
	struct gnl_kv_store *store = gnl_kv_store(net);
	struct gnl_kv_entry *entry, *tmp;

	list_for_each_entry_safe(entry, tmp, &store->entries, node) {
		list_del_rcu(&entry->node);
		gnl_kv_entry_retire(entry);
	}
	mutex_destroy(&store->lock);
}

static struct pernet_operations gnl_kv_net_ops = {
	.init	= gnl_kv_net_init,
	.exit	= gnl_kv_net_exit,
	.id	= &gnl_kv_net_id,
	.size	= sizeof(struct gnl_kv_store),
};

static int __init gnl_kv_init(void)
{
	int err;

	/* Every namespace's store exists before a request can reach one. */
	err = register_pernet_subsys(&gnl_kv_net_ops);
	if (err)
		return err;
	/* Last: requests may arrive as soon as the family is registered. */
	err = genl_register_family(&gnl_kv_nl_family);
	if (err)
		unregister_pernet_subsys(&gnl_kv_net_ops);
	return err;
}

static void __exit gnl_kv_exit(void)
{
	int alive;

	/* First: once it returns no handler runs, and no dump is open (each holds the module). */
	genl_unregister_family(&gnl_kv_nl_family);
	/* Then every namespace's store goes, its entries through RCU... */
	unregister_pernet_subsys(&gnl_kv_net_ops);
	/* ... whose callbacks are this module's code: wait for them all. */
	rcu_barrier();
	alive = atomic_read(&gnl_kv_entries_alive);
	if (alive)
		pr_err("%d entries leaked\n", alive);
}

module_init(gnl_kv_init);
module_exit(gnl_kv_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A key/value store per network namespace over Generic Netlink");
MODULE_ALIAS_GENL_FAMILY(GNL_KV_FAMILY_NAME);
