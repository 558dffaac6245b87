// SPDX-License-Identifier: MIT
/*
 * c-raw: the raw-socket baseline client of gnl_foobar_xmpl.
 *
 *   c-raw [-q|--quiet] COMMAND
 *	resolve			print the family id
 *	echo TEXT		print the echoed text
 *	dump [N]		print "<index> <text>" per message (-q: the count)
 *	error			ask for the family's NLMSG_ERROR
 *	bench-echo N [TEXT]	N echo round trips, latency in ns per line
 *	bench-resolve N		N nlctrl look-ups of "nlctrl", latency in ns
 *	bench-dump N		one dump of N messages: "<messages> <bytes> <ns>"
 *	bench-echo-batch N SIZE [TEXT]	N batches of SIZE echoes, ns per batch
 *	bench-resolve-batch N SIZE	N batches of SIZE look-ups of "nlctrl"
 *
 * Errors go to stderr as "error: ENAME (errno): message" and exit 1.
 */
#define _GNU_SOURCE		/* strerrorname_np() */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "batch.h"
#include "nl.h"
#include "../../include/gnl_foobar_xmpl.h"

static bool quiet;

/* 128 KiB of buffers: static, so the stack stays small. */
static struct nl_sock sock = { .fd = -1 };

static int report(const struct nl_error *e)
{
	const char *name = strerrorname_np(e->err);

	fprintf(stderr, "error: %s (%d)", name ? name : strerror(e->err),
		e->err);
	if (e->msg[0])
		fprintf(stderr, ": %s", e->msg);
	if (e->offs >= 0)
		fprintf(stderr, " (bad attribute at offset %ld)", e->offs);
	if (e->miss_type >= 0)
		fprintf(stderr, " (missing attribute type %ld)", e->miss_type);
	fputc('\n', stderr);
	return 1;
}

static int parse_u32(struct nl_sock *s, const char *str, __u32 *v)
{
	unsigned long long n;
	char *end;

	errno = 0;
	n = strtoull(str, &end, 0);
	if (errno || end == str || *end || n > UINT32_MAX || str[0] == '-')
		return nl_fail(s, EINVAL, "not a 32-bit count: %s", str);
	*v = n;
	return 0;
}

static int foobar_resolve(struct nl_sock *s, __u16 *id)
{
	int err = genl_resolve(s, GNL_FOOBAR_XMPL_FAMILY_NAME, id);

	if (err == -ENOENT)
		return nl_fail(s, ENOENT, "family %s not found — is the module loaded?",
			       GNL_FOOBAR_XMPL_FAMILY_NAME);
	return err;
}

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

/* The reply's MSG, pointing into the receive buffer. */
static int echo_reply(struct nl_sock *s, const struct nlmsghdr *nlh,
		      void *arg)
{
	const struct nlattr *nla;
	const char **text = arg;
	size_t len, rem;

	nla_for_each(nla, genl_attrs(nlh, &len), len, rem)
		if (nla_type(nla) == GNL_FOOBAR_XMPL_A_MSG)
			*text = nla_get_str(nla);
	if (!*text)
		return nl_fail(s, EBADMSG, "echo reply without a MSG string");
	return 0;
}

static int echo(struct nl_sock *s, __u16 family, const char *text,
		const char **reply)
{
	int err;

	*reply = NULL;
	genl_req(s, family, 0, GNL_FOOBAR_XMPL_C_ECHO_MSG,
		 GNL_FOOBAR_XMPL_FAMILY_VERSION);
	err = nl_put_str(s, GNL_FOOBAR_XMPL_A_MSG, text);
	return err ? err : nl_request(s, echo_reply, reply);
}

struct dump_state {
	unsigned long count;
};

static int dump_msg(struct nl_sock *s, const struct nlmsghdr *nlh, void *arg)
{
	struct dump_state *st = arg;
	const struct nlattr *nla;
	const char *text = NULL;
	bool has_index = false;
	size_t len, rem;
	__u32 idx = 0;

	nla_for_each(nla, genl_attrs(nlh, &len), len, rem) {
		switch (nla_type(nla)) {
		case GNL_FOOBAR_XMPL_A_MSG:
			text = nla_get_str(nla);
			break;
		case GNL_FOOBAR_XMPL_A_DUMP_INDEX:
			has_index = nla_get_u32(nla, &idx);
			break;
		}
	}
	if (!text || !has_index)
		return nl_fail(s, EBADMSG, "dump message %lu lacks MSG or DUMP_INDEX",
			       st->count);
	st->count++;
	if (!quiet)
		printf("%u %s\n", idx, text);
	return 0;
}

static int cmd_resolve(struct nl_sock *s, int argc, char **argv)
{
	__u16 id;
	int err = foobar_resolve(s, &id);

	(void)argc, (void)argv;
	if (!err)
		printf("%u\n", id);
	return err;
}

static int cmd_echo(struct nl_sock *s, int argc, char **argv)
{
	const char *reply;
	__u16 id;
	int err;

	(void)argc;
	err = foobar_resolve(s, &id);
	if (!err)
		err = echo(s, id, argv[1], &reply);
	if (!err)
		printf("%s\n", reply);
	return err;
}

static int cmd_dump(struct nl_sock *s, int argc, char **argv)
{
	struct dump_state st = { 0 };
	__u32 count = 0;
	__u16 id;
	int err;

	err = argc > 1 ? parse_u32(s, argv[1], &count) : 0;
	if (!err)
		err = foobar_resolve(s, &id);
	if (err)
		return err;
	genl_req(s, id, NLM_F_DUMP, GNL_FOOBAR_XMPL_C_ECHO_MSG,
		 GNL_FOOBAR_XMPL_FAMILY_VERSION);
	/* Without a count the kernel's default applies. */
	if (argc > 1)
		err = nl_put_u32(s, GNL_FOOBAR_XMPL_A_DUMP_COUNT, count);
	if (!err)
		err = nl_request(s, dump_msg, &st);
	if (!err && quiet)
		printf("%lu\n", st.count);
	return err;
}

static int no_reply(struct nl_sock *s, const struct nlmsghdr *nlh, void *arg)
{
	(void)nlh, (void)arg;
	return nl_fail(s, EPROTO, "expected NLMSG_ERROR, got a reply");
}

static int cmd_error(struct nl_sock *s, int argc, char **argv)
{
	__u16 id;
	int err;

	(void)argc, (void)argv;
	err = foobar_resolve(s, &id);
	if (err)
		return err;
	/* NLM_F_ACK: should the command ever succeed, an ACK says so. */
	genl_req(s, id, NLM_F_ACK, GNL_FOOBAR_XMPL_C_REPLY_WITH_NLMSG_ERR,
		 GNL_FOOBAR_XMPL_FAMILY_VERSION);
	err = nl_request(s, no_reply, NULL);
	return err ? err : nl_fail(s, EPROTO, "expected an error, got an ACK");
}

/* Latencies are kept until the end so printing does not perturb them. */
static int print_latencies(const __u64 *lat, __u32 n)
{
	for (__u32 i = 0; i < n; i++)
		printf("%llu\n", (unsigned long long)lat[i]);
	return 0;
}

static int cmd_bench_echo(struct nl_sock *s, int argc, char **argv)
{
	const char *text = argc > 2 ? argv[2] : "hello";
	const char *reply;
	__u64 *lat, t0;
	__u32 n, i;
	__u16 id;
	int err;

	err = parse_u32(s, argv[1], &n);
	if (!err)
		err = foobar_resolve(s, &id);
	if (err)
		return err;
	lat = calloc(n ? n : 1, sizeof(*lat));
	if (!lat)
		return nl_fail(s, ENOMEM, "%u latencies", n);
	for (i = 0; i < n && !err; i++) {
		t0 = now_ns();
		err = echo(s, id, text, &reply);
		lat[i] = now_ns() - t0;
	}
	if (!err)
		print_latencies(lat, n);
	free(lat);
	return err;
}

static int cmd_bench_resolve(struct nl_sock *s, int argc, char **argv)
{
	__u64 *lat, t0;
	__u32 n, i;
	__u16 id;
	int err;

	(void)argc;
	err = parse_u32(s, argv[1], &n);
	if (err)
		return err;
	lat = calloc(n ? n : 1, sizeof(*lat));
	if (!lat)
		return nl_fail(s, ENOMEM, "%u latencies", n);
	for (i = 0; i < n && !err; i++) {
		t0 = now_ns();
		err = genl_resolve(s, "nlctrl", &id);
		lat[i] = now_ns() - t0;
	}
	if (!err)
		print_latencies(lat, n);
	free(lat);
	return err;
}

/* Resolving is not timed: only building, sending and reading the dump. */
static int cmd_bench_dump(struct nl_sock *s, int argc, char **argv)
{
	struct dump_state st = { 0 };
	__u64 t0, bytes;
	__u32 n;
	__u16 id;
	int err;

	(void)argc;
	quiet = true;
	err = parse_u32(s, argv[1], &n);
	if (!err)
		err = foobar_resolve(s, &id);
	if (err)
		return err;
	bytes = s->rx_bytes;
	t0 = now_ns();
	genl_req(s, id, NLM_F_DUMP, GNL_FOOBAR_XMPL_C_ECHO_MSG,
		 GNL_FOOBAR_XMPL_FAMILY_VERSION);
	err = nl_put_u32(s, GNL_FOOBAR_XMPL_A_DUMP_COUNT, n);
	if (!err)
		err = nl_request(s, dump_msg, &st);
	if (!err)
		printf("%lu %llu %llu\n", st.count,
		       (unsigned long long)(s->rx_bytes - bytes),
		       (unsigned long long)(now_ns() - t0));
	return err;
}

/* What a timed batch asks, of whom, and what reads each answer. */
struct batch_work {
	__u16 family;
	__u8 cmd, version;
	__u16 attr;		/* the request's one string attribute */
	const char *text;
	nl_msg_fn answer;	/* counts in *(unsigned long *)arg */
};

/* An echo's answer: its MSG, read in place (as echo_reply does). */
static int echo_answer(struct nl_sock *s, const struct nlmsghdr *nlh, void *arg)
{
	const char *text = NULL;
	int err = echo_reply(s, nlh, &text);

	if (!err)
		++*(unsigned long *)arg;
	return err;
}

/* A look-up's answer: its family id only. */
static int resolve_answer(struct nl_sock *s, const struct nlmsghdr *nlh,
			  void *arg)
{
	__u16 id = 0;

	ctrl_family_id(s, nlh, &id);
	if (!id)
		return nl_fail(s, EBADMSG, "nlctrl reply without a family id");
	++*(unsigned long *)arg;
	return 0;
}

/*
 * argv: N SIZE. N batches of SIZE requests, NL_BATCH_LIMIT per datagram, each
 * batch built, sent and answered inside its timing; prints ns per batch.
 */
static int time_batches(struct nl_sock *s, char **argv,
			const struct batch_work *w)
{
	size_t each = NLMSG_ALIGN(NLMSG_LENGTH(GENL_HDRLEN)) +
		      NLA_ALIGN(NLA_HDRLEN + strlen(w->text) + 1);
	unsigned long answered = 0;
	struct nl_batch b;
	__u32 n, size, i, j;
	__u64 *lat, t0;
	int err;

	err = parse_u32(s, argv[1], &n);
	if (!err)
		err = parse_u32(s, argv[2], &size);
	if (!err && !size)
		err = nl_fail(s, EINVAL, "a batch needs at least one request");
	if (!err)
		err = nl_batch_init(s, &b, (size_t)size * each);
	if (err)
		return err;
	lat = calloc(n ? n : 1, sizeof(*lat));
	if (!lat)
		err = nl_fail(s, ENOMEM, "%u latencies", n);
	for (i = 0; i < n && !err; i++) {
		t0 = now_ns();
		nl_batch_clear(&b);
		for (j = 0; j < size && !err; j++) {
			err = nl_batch_genl(s, &b, w->family, w->cmd, w->version);
			if (!err)
				err = nl_batch_put_str(s, &b, w->attr, w->text);
		}
		if (!err)
			err = nl_batch_request(s, &b, NL_BATCH_LIMIT, w->answer,
					       &answered);
		lat[i] = now_ns() - t0;
	}
	if (!err && answered != (unsigned long)n * size)
		err = nl_fail(s, EPROTO, "%lu answers to %lu requests", answered,
			      (unsigned long)n * size);
	if (!err)
		print_latencies(lat, n);
	free(lat);
	nl_batch_free(&b);
	return err;
}

static int cmd_bench_echo_batch(struct nl_sock *s, int argc, char **argv)
{
	struct batch_work w = {
		.cmd = GNL_FOOBAR_XMPL_C_ECHO_MSG,
		.version = GNL_FOOBAR_XMPL_FAMILY_VERSION,
		.attr = GNL_FOOBAR_XMPL_A_MSG,
		.text = argc > 3 ? argv[3] : "hello",
		.answer = echo_answer,
	};
	int err = foobar_resolve(s, &w.family);

	return err ? err : time_batches(s, argv, &w);
}

static int cmd_bench_resolve_batch(struct nl_sock *s, int argc, char **argv)
{
	static const struct batch_work w = {
		.family = GENL_ID_CTRL,
		.cmd = CTRL_CMD_GETFAMILY,
		.version = 1,
		.attr = CTRL_ATTR_FAMILY_NAME,
		.text = "nlctrl",
		.answer = resolve_answer,
	};

	(void)argc;
	return time_batches(s, argv, &w);
}

static const struct command {
	const char *name;
	int min_args, max_args;	/* after the command name */
	int (*run)(struct nl_sock *s, int argc, char **argv);
} commands[] = {
	{ "resolve", 0, 0, cmd_resolve },
	{ "echo", 1, 1, cmd_echo },
	{ "dump", 0, 1, cmd_dump },
	{ "error", 0, 0, cmd_error },
	{ "bench-echo", 1, 2, cmd_bench_echo },
	{ "bench-resolve", 1, 1, cmd_bench_resolve },
	{ "bench-dump", 1, 1, cmd_bench_dump },
	{ "bench-echo-batch", 2, 3, cmd_bench_echo_batch },
	{ "bench-resolve-batch", 2, 2, cmd_bench_resolve_batch },
};

static int usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [-q|--quiet] COMMAND\n"
		"  resolve | echo TEXT | dump [N] | error\n"
		"  bench-echo N [TEXT] | bench-resolve N | bench-dump N\n"
		"  bench-echo-batch N SIZE [TEXT] | bench-resolve-batch N SIZE\n", prog);
	return 2;
}

int main(int argc, char **argv)
{
	const char *prog = argv[0];
	const struct command *cmd;
	int err;

	if (argc > 1 && (!strcmp(argv[1], "-q") || !strcmp(argv[1], "--quiet"))) {
		quiet = true;
		argc--, argv++;
	}
	if (argc < 2)
		return usage(prog);
	argc--, argv++;		/* argv[0] is now the command */
	for (cmd = commands; cmd < commands + sizeof(commands) / sizeof(*cmd); cmd++)
		if (!strcmp(argv[0], cmd->name))
			break;
	if (cmd == commands + sizeof(commands) / sizeof(*cmd) ||
	    argc - 1 < cmd->min_args || argc - 1 > cmd->max_args)
		return usage(prog);

	err = nl_open(&sock);
	if (!err)
		err = cmd->run(&sock, argc, argv);
	nl_close(&sock);
	if (fflush(stdout) && !err)
		err = nl_fail(&sock, errno, "stdout");
	return err ? report(&sock.error) : 0;
}
