// SPDX-License-Identifier: MIT
/*
 * c-libnl: the libnl-genl-3 baseline client of gnl_foobar_xmpl.
 *
 *   c-libnl [-q|--quiet] COMMAND
 *	resolve			print the family id
 *	echo TEXT		print the echoed text
 *	dump [N]		print "<index> <text>" per message (-q: the count)
 *	error			ask for the family's NLMSG_ERROR
 *	bench-echo N [TEXT]	N echo round trips, latency in ns per line
 *	bench-resolve N		N nlctrl look-ups of "nlctrl", latency in ns
 *	bench-dump N		one dump of N messages: "<messages> <bytes> <ns>"
 *	bench-events N RCVBUF	drain N of gnl_kv's notifications (events.h)
 *
 * libnl is used the ordinary way: auto-ACK and its sequence check stay on,
 * so a doit costs a reply and an ACK. Errors go to stderr as
 * "error: ENAME (errno): message" and exit 1.
 */
#define _GNU_SOURCE		/* strerrorname_np() */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <netlink/socket.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "../../include/gnl_foobar_xmpl.h"
#include "clock.h"
#include "events.h"

/* Big enough for any dump datagram, so libnl reads each one just once. */
#define RX_BUF_SIZE	(64 * 1024)

struct ctx {
	struct nl_sock *sk;
	struct nl_cb *cb;	/* the socket's own callbacks */
	int family;
	bool quiet;		/* count replies instead of printing them */
	bool reported;		/* the failure was already explained */
	unsigned long count;
	unsigned long long rx_bytes;	/* of every message read, for bench-dump */
	/* What the kernel said in its last NLMSG_ERROR. */
	int err;		/* positive errno, 0 when none */
	char msg[256];		/* extended-ACK text */
	long offs, miss_type;	/* -1 when absent */
};

static struct nla_policy foobar_policy[GNL_FOOBAR_XMPL_A_MAX + 1] = {
	[GNL_FOOBAR_XMPL_A_MSG] = { .type = NLA_STRING,
				    .maxlen = GNL_FOOBAR_XMPL_MSG_MAX_LEN + 1 },
	[GNL_FOOBAR_XMPL_A_DUMP_COUNT] = { .type = NLA_U32 },
	[GNL_FOOBAR_XMPL_A_DUMP_INDEX] = { .type = NLA_U32 },
};

static struct nla_policy extack_policy[NLMSGERR_ATTR_MAX + 1] = {
	[NLMSGERR_ATTR_MSG] = { .type = NLA_STRING },
	[NLMSGERR_ATTR_OFFS] = { .type = NLA_U32 },
	[NLMSGERR_ATTR_MISS_TYPE] = { .type = NLA_U32 },
};

/*
 * libnl 3.7 hands the error callback the nlmsgerr only and does not parse
 * extended ACK: find the header in front of it and read the TLVs here.
 */
static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (void *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	int len = nlh->nlmsg_len - NLMSG_HDRLEN;
	int off = sizeof(*e);
	struct ctx *c = arg;

	(void)nla;
	c->err = e->error < 0 ? -e->error : e->error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_STOP;
	/* Uncapped, the kernel echoes our whole request before the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off = NLMSG_ALIGN(sizeof(e->error) + e->msg.nlmsg_len);
	if (off > len || nla_parse(tb, NLMSGERR_ATTR_MAX,
				   (struct nlattr *)((char *)e + off),
				   len - off, extack_policy) < 0)
		return NL_STOP;
	if (tb[NLMSGERR_ATTR_MSG])
		snprintf(c->msg, sizeof(c->msg), "%s",
			 nla_get_string(tb[NLMSGERR_ATTR_MSG]));
	if (tb[NLMSGERR_ATTR_OFFS])
		c->offs = nla_get_u32(tb[NLMSGERR_ATTR_OFFS]);
	if (tb[NLMSGERR_ATTR_MISS_TYPE])
		c->miss_type = nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
	return NL_STOP;
}

static void clear_error(struct ctx *c)
{
	c->err = 0;
	c->msg[0] = '\0';
	c->offs = c->miss_type = -1;
}

/* err: a libnl error code; the kernel's errno wins when it sent one. */
static int report(const struct ctx *c, int err)
{
	const char *name;

	if (!c->err) {
		fprintf(stderr, "error: libnl: %s (%d)\n", nl_geterror(err),
			err);
		return 1;
	}
	name = strerrorname_np(c->err);
	fprintf(stderr, "error: %s (%d)", name ? name : strerror(c->err),
		c->err);
	if (c->msg[0])
		fprintf(stderr, ": %s", c->msg);
	if (c->offs >= 0)
		fprintf(stderr, " (bad attribute at offset %ld)", c->offs);
	if (c->miss_type >= 0)
		fprintf(stderr, " (missing attribute type %ld)", c->miss_type);
	fputc('\n', stderr);
	return 1;
}

static int on_echo(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[GNL_FOOBAR_XMPL_A_MAX + 1];
	struct ctx *c = arg;
	int err;

	err = genlmsg_parse(nlmsg_hdr(msg), 0, tb, GNL_FOOBAR_XMPL_A_MAX,
			    foobar_policy);
	if (err < 0)
		return err;
	if (!tb[GNL_FOOBAR_XMPL_A_MSG])
		return -NLE_MISSING_ATTR;
	c->count++;
	if (!c->quiet)
		printf("%s\n", nla_get_string(tb[GNL_FOOBAR_XMPL_A_MSG]));
	return NL_OK;
}

static int on_dump(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[GNL_FOOBAR_XMPL_A_MAX + 1];
	struct ctx *c = arg;
	int err;

	err = genlmsg_parse(nlmsg_hdr(msg), 0, tb, GNL_FOOBAR_XMPL_A_MAX,
			    foobar_policy);
	if (err < 0)
		return err;
	if (!tb[GNL_FOOBAR_XMPL_A_MSG] || !tb[GNL_FOOBAR_XMPL_A_DUMP_INDEX])
		return -NLE_MISSING_ATTR;
	c->count++;
	if (!c->quiet)
		printf("%u %s\n", nla_get_u32(tb[GNL_FOOBAR_XMPL_A_DUMP_INDEX]),
		       nla_get_string(tb[GNL_FOOBAR_XMPL_A_MSG]));
	return NL_OK;
}

static int on_unexpected(struct nl_msg *msg, void *arg)
{
	(void)msg, (void)arg;
	return -NLE_PROTO_MISMATCH;
}

/*
 * Sends msg and reads its replies through fn. libnl asks for an ACK
 * (NLM_F_ACK): after a doit's reply it comes on its own (wait_ack); a dump
 * ends at NLMSG_DONE instead, and an error replaces it.
 */
static int transact(struct ctx *c, struct nl_msg *msg, nl_recvmsg_msg_cb_t fn,
		    bool wait_ack)
{
	int err;

	clear_error(c);
	nl_cb_set(c->cb, NL_CB_VALID, NL_CB_CUSTOM, fn, c);
	err = nl_send_auto(c->sk, msg);
	if (err >= 0)
		err = nl_recvmsgs_default(c->sk);
	if (err >= 0 && wait_ack)
		err = nl_wait_for_ack(c->sk);
	return err < 0 ? err : 0;
}

/*
 * A request to the family with room for attrlen bytes of attributes (the
 * default allocation is one page, too small for the longest MSG); NULL
 * when out of memory.
 */
static struct nl_msg *foobar_msg(const struct ctx *c, int flags, uint8_t cmd,
				 size_t attrlen)
{
	struct nl_msg *msg = nlmsg_alloc_size(NLMSG_SPACE(GENL_HDRLEN +
							  attrlen));

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, c->family, 0,
				flags, cmd, GNL_FOOBAR_XMPL_FAMILY_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

static int resolve(struct ctx *c, const char *name)
{
	int id;

	clear_error(c);
	id = genl_ctrl_resolve(c->sk, name);
	if (id == -NLE_OBJ_NOTFOUND || (id < 0 && c->err == ENOENT)) {
		c->err = ENOENT;
		snprintf(c->msg, sizeof(c->msg),
			 "family %s not found — is the module loaded?", name);
		return -NLE_OBJ_NOTFOUND;
	}
	if (id < 0)
		return id;
	c->family = id;
	return 0;
}

static int echo(struct ctx *c, const char *text)
{
	struct nl_msg *msg = foobar_msg(c, 0, GNL_FOOBAR_XMPL_C_ECHO_MSG,
					 nla_total_size(strlen(text) + 1));
	int err;

	if (!msg)
		return -NLE_NOMEM;
	/* nla_len is 16 bits: say so rather than send a wrapped length. */
	if (strlen(text) + 1 > 0xffff - NLA_HDRLEN)
		err = -NLE_RANGE;
	else
		err = nla_put_string(msg, GNL_FOOBAR_XMPL_A_MSG, text);
	if (!err)
		err = transact(c, msg, on_echo, true);
	nlmsg_free(msg);
	return err;
}

static int parse_u32(struct ctx *c, const char *str, uint32_t *v)
{
	unsigned long long n;
	char *end;

	errno = 0;
	n = strtoull(str, &end, 0);
	if (errno || end == str || *end || n > UINT32_MAX || str[0] == '-') {
		fprintf(stderr, "error: not a 32-bit count: %s\n", str);
		c->reported = true;
		return -NLE_INVAL;
	}
	*v = n;
	return 0;
}

static int cmd_resolve(struct ctx *c, int argc, char **argv)
{
	int err = resolve(c, GNL_FOOBAR_XMPL_FAMILY_NAME);

	(void)argc, (void)argv;
	if (!err)
		printf("%d\n", c->family);
	return err;
}

static int cmd_echo(struct ctx *c, int argc, char **argv)
{
	int err = resolve(c, GNL_FOOBAR_XMPL_FAMILY_NAME);

	(void)argc;
	return err ? err : echo(c, argv[1]);
}

static int cmd_dump(struct ctx *c, int argc, char **argv)
{
	struct nl_msg *msg;
	uint32_t count = 0;
	int err;

	err = argc > 1 ? parse_u32(c, argv[1], &count) : 0;
	if (!err)
		err = resolve(c, GNL_FOOBAR_XMPL_FAMILY_NAME);
	if (err)
		return err;
	msg = foobar_msg(c, NLM_F_DUMP, GNL_FOOBAR_XMPL_C_ECHO_MSG,
			 nla_total_size(sizeof(count)));
	if (!msg)
		return -NLE_NOMEM;
	if (argc > 1)
		err = nla_put_u32(msg, GNL_FOOBAR_XMPL_A_DUMP_COUNT, count);
	if (!err)
		err = transact(c, msg, on_dump, false);
	nlmsg_free(msg);
	if (!err && c->quiet)
		printf("%lu\n", c->count);
	return err;
}

static int cmd_error(struct ctx *c, int argc, char **argv)
{
	struct nl_msg *msg;
	int err;

	(void)argc, (void)argv;
	err = resolve(c, GNL_FOOBAR_XMPL_FAMILY_NAME);
	if (err)
		return err;
	msg = foobar_msg(c, 0, GNL_FOOBAR_XMPL_C_REPLY_WITH_NLMSG_ERR, 0);
	if (!msg)
		return -NLE_NOMEM;
	err = transact(c, msg, on_unexpected, false);
	nlmsg_free(msg);
	/* The ACK libnl asked for would mean the command succeeded. */
	return err ? err : -NLE_PROTO_MISMATCH;
}

/* Latencies are kept until the end so printing does not perturb them. */
static int bench(struct ctx *c, const char *count,
		 int (*once)(struct ctx *c, const char *arg), const char *arg)
{
	uint64_t *lat, t0;
	uint32_t n, i;
	int err;

	err = parse_u32(c, count, &n);
	if (err)
		return err;
	lat = calloc(n ? n : 1, sizeof(*lat));
	if (!lat)
		return -NLE_NOMEM;
	for (i = 0; i < n && !err; i++) {
		t0 = now_ns();
		err = once(c, arg);
		lat[i] = now_ns() - t0;
	}
	for (i = 0; i < n && !err; i++)
		printf("%llu\n", (unsigned long long)lat[i]);
	free(lat);
	return err;
}

/* Every message read, data or not: their aligned sizes add up to the datagrams. */
static int on_msg_in(struct nl_msg *msg, void *arg)
{
	struct ctx *c = arg;

	c->rx_bytes += NLMSG_ALIGN(nlmsg_hdr(msg)->nlmsg_len);
	return NL_OK;
}

/* Resolving is not timed: only building, sending and reading the dump. */
static int cmd_bench_dump(struct ctx *c, int argc, char **argv)
{
	struct nl_msg *msg;
	uint64_t t0;
	uint32_t n;
	int err;

	(void)argc;
	err = parse_u32(c, argv[1], &n);
	if (!err)
		err = resolve(c, GNL_FOOBAR_XMPL_FAMILY_NAME);
	if (err)
		return err;
	c->quiet = true;
	c->count = 0;
	c->rx_bytes = 0;
	nl_cb_set(c->cb, NL_CB_MSG_IN, NL_CB_CUSTOM, on_msg_in, c);
	t0 = now_ns();
	msg = foobar_msg(c, NLM_F_DUMP, GNL_FOOBAR_XMPL_C_ECHO_MSG,
			 nla_total_size(sizeof(n)));
	if (!msg)
		return -NLE_NOMEM;
	err = nla_put_u32(msg, GNL_FOOBAR_XMPL_A_DUMP_COUNT, n);
	if (!err)
		err = transact(c, msg, on_dump, false);
	nlmsg_free(msg);
	if (!err)
		printf("%lu %llu %llu\n", c->count, c->rx_bytes,
		       (unsigned long long)(now_ns() - t0));
	return err;
}

static int cmd_bench_echo(struct ctx *c, int argc, char **argv)
{
	int err = resolve(c, GNL_FOOBAR_XMPL_FAMILY_NAME);

	c->quiet = true;
	return err ? err : bench(c, argv[1], echo, argc > 2 ? argv[2] : "hello");
}

static int cmd_bench_resolve(struct ctx *c, int argc, char **argv)
{
	(void)argc;
	return bench(c, argv[1], resolve, "nlctrl");
}

static int cmd_bench_events(struct ctx *c, int argc, char **argv)
{
	uint32_t n, rcvbuf;
	int err;

	(void)argc;
	err = parse_u32(c, argv[1], &n);
	if (!err)
		err = parse_u32(c, argv[2], &rcvbuf);
	if (!err && rcvbuf > INT32_MAX)
		err = -NLE_RANGE;
	return err ? err : bench_events(c->sk, n, (int)rcvbuf);
}

static int open_sock(struct ctx *c)
{
	int one = 1;
	int err;

	c->sk = nl_socket_alloc();
	if (!c->sk)
		return -NLE_NOMEM;
	err = genl_connect(c->sk);
	if (err < 0)
		return err;
	/* libnl 3.7 leaves extended ACK off; the error callback reads it. */
	if (setsockopt(nl_socket_get_fd(c->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		       &one, sizeof(one)) < 0)
		return -nl_syserr2nlerr(errno);
	/* One recvmsg per datagram instead of a MSG_PEEK to size it first. */
	err = nl_socket_set_msg_buf_size(c->sk, RX_BUF_SIZE);
	if (err < 0)
		return err;
	nl_socket_disable_msg_peek(c->sk);
	c->cb = nl_socket_get_cb(c->sk);
	return nl_cb_err(c->cb, NL_CB_CUSTOM, on_error, c);
}

static const struct command {
	const char *name;
	int min_args, max_args;	/* after the command name */
	int (*run)(struct ctx *c, int argc, char **argv);
} commands[] = {
	{ "resolve", 0, 0, cmd_resolve },
	{ "echo", 1, 1, cmd_echo },
	{ "dump", 0, 1, cmd_dump },
	{ "error", 0, 0, cmd_error },
	{ "bench-echo", 1, 2, cmd_bench_echo },
	{ "bench-resolve", 1, 1, cmd_bench_resolve },
	{ "bench-dump", 1, 1, cmd_bench_dump },
	{ "bench-events", 2, 2, cmd_bench_events },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static int usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [-q|--quiet] COMMAND\n"
		"  resolve | echo TEXT | dump [N] | error\n"
		"  bench-echo N [TEXT] | bench-resolve N | bench-dump N\n"
		"  bench-events N RCVBUF\n", prog);
	return 2;
}

int main(int argc, char **argv)
{
	struct ctx c = { .offs = -1, .miss_type = -1 };
	const char *prog = argv[0];
	const struct command *cmd;
	int err;

	if (argc > 1 && (!strcmp(argv[1], "-q") || !strcmp(argv[1], "--quiet"))) {
		c.quiet = true;
		argc--, argv++;
	}
	if (argc < 2)
		return usage(prog);
	argc--, argv++;		/* argv[0] is now the command */
	for (cmd = commands; cmd < commands + N_COMMANDS; cmd++)
		if (!strcmp(argv[0], cmd->name))
			break;
	if (cmd == commands + N_COMMANDS || argc - 1 < cmd->min_args ||
	    argc - 1 > cmd->max_args)
		return usage(prog);

	err = open_sock(&c);
	if (!err)
		err = cmd->run(&c, argc, argv);
	nl_cb_put(c.cb);
	nl_socket_free(c.sk);
	if (fflush(stdout) && !err)
		err = -nl_syserr2nlerr(errno);
	if (err && c.reported)
		return 1;
	return err ? report(&c, err) : 0;
}
