#!/usr/bin/env python3
"""Fuzzes every shipped family's module on the wire (issue 16, item 2).

    fuzz_modules.py --messages N [--workers W] [--batch B] [--probe-every P] [--seed S] [--json FILE]

Seeds are well-formed requests of every command of every family (do and dump,
requests.Seeds, from the specs). A tenth are sent as they are; the others are
structural mutants (mutations.py: flags and header bits, commands and types,
attribute types, lengths and payloads, nested garbage, oversized and truncated
messages, attributes from elsewhere) or, for variety at less cost under TCG,
a recent mutant with a few of its bytes overwritten (mutations.havoc).

Up to B messages go in one datagram, each with its own sequence number, followed
by a sentinel (an echo without NLM_F_ACK) whose reply closes the datagram's
answers; a message whose nlmsg_len lies goes alone, as the kernel drops whatever
follows it. answers.Oracle checks what answered each message; every receive
gives up after a timeout (a hang is a finding, not a wait). Every P messages each
family must answer its probes (probes.py) on a fresh socket and the kernel log
must be clean. With W workers, W processes (seeds S, S+1, ...) share the
messages, each on its own socket, side by side (under TCG the fuzzer's own
Python, not the kernel, limits the rate; the VM has 2 CPUs). Needs root and
every family's module loaded (scripts/with-module.sh). Exits 1 on any finding.
"""
import argparse
import collections
import json
import pathlib
import random
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).parent))

import mutations  # noqa: E402
import probes  # noqa: E402
import requests  # noqa: E402
import wire  # noqa: E402
from answers import Expectation, Oracle  # noqa: E402
from families import shipped  # noqa: E402
from kernel_log import KernelLog  # noqa: E402

DUMP_BUDGET = 20000       # messages of one dump read before the socket is given up
SENTINEL_TEXT = b"sentinel\0"
RECENT_MUTANTS = 4096


class Fuzzer:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.families = shipped()
        with wire.RawSocket() as sock:
            self.ids = {f.name: sock.resolve(f.name) for f in self.families}
            registered = sock.family_ids()
        missing = [name for name, fid in self.ids.items() if fid is None]
        if missing:
            sys.exit(f"not registered: {missing} (load the modules: scripts/with-module.sh)")
        unregistered = [i for i in range(0x10, 0x400) if i not in registered][:64] + [0xFFFF, 0x7FFF]
        self.seeds = requests.Seeds(self.rng, self.families, self.ids)
        foreign = [a for req in self.seeds.pool[::50] for a in req.attrs]
        self.context = mutations.Context(list(self.ids.values()), unregistered, foreign)
        self.oracle = Oracle(self.families, self.ids)
        self.foobar = next(f for f in self.families if f.name == "gnl_foobar_xmpl")
        self.msg_attr = self.foobar.sets["attrs"]["msg"].value
        self.log = KernelLog()
        self.sock = wire.RawSocket(args.timeout)
        self.recent = []                      # (request, bytes) of recent structural mutants
        self.pending_liar = None
        self.stats = collections.Counter()
        self.by_request = collections.Counter()
        self.by_mutation = collections.Counter()
        self.errnos = collections.Counter()
        self.findings = []

    def message(self):
        """(request, bytes with seq 0) of the next message."""
        roll = self.rng.random()
        if roll < self.args.unmutated:
            req = self.seeds.take()
            data = req.encode(0)
        elif roll < self.args.unmutated + self.args.structural or not self.recent:
            req = mutations.mutate(self.rng, self.seeds.take(), self.context)
            data = req.encode(0)
            if len(self.recent) < RECENT_MUTANTS:
                self.recent.append((req, data))
            else:
                self.recent[self.rng.randrange(RECENT_MUTANTS)] = (req, data)
        else:
            req, data = self.rng.choice(self.recent)
            req = req.clone()
            req.mutations.append("havoc")
            data = mutations.havoc(self.rng, data)
        self.by_request[f"{req.family} {req.command}"] += 1
        for m in req.mutations or ["(none: sent as seeded)"]:
            self.by_mutation[m] += 1
        return req, data

    def datagram(self):
        """The next datagram's messages: up to --batch, or one that lies about its length, alone."""
        if self.pending_liar:
            sent, self.pending_liar = self.pending_liar, None
            return [sent]
        out = []
        for _ in range(self.rng.randint(1, self.args.batch)):
            sent = self.message()
            if sent[0].lies_about_length:
                if not out:
                    return [sent]
                self.pending_liar = sent
                break
            out.append(sent)
        return out

    def finding(self, what, messages=()):
        self.findings.append({"what": what, "messages": [
            {"family": r.family, "command": r.command, "mutations": r.mutations, "bytes": data.hex()}
            for r, data in messages]})
        print(f"FINDING: {what}", file=sys.stderr, flush=True)

    def reopen(self):
        self.sock.close()
        self.sock = wire.RawSocket(self.args.timeout)

    def send(self, batch):
        expectations, sent, data, dump_before = {}, [], b"", False
        for req, template in batch:
            seq = self.sock.next_seq()
            message = bytearray(template)
            struct.pack_into("=I", message, 8, seq)
            expectations[seq] = Expectation(req, seq, dump_before=dump_before)
            dump_before |= req.is_dump
            sent.append((req, bytes(message)))
            data += message
        lone_liar = batch[0][0].lies_about_length
        sentinel_seq = self.sock.next_seq()
        sentinel = wire.genl_message(self.ids[self.foobar.name], self.foobar.command("echo-msg").value,
                                     wire.attr(self.msg_attr, SENTINEL_TEXT), wire.NLM_F_REQUEST, sentinel_seq)
        try:
            if lone_liar:
                self.sock.send_raw(data)
                self.sock.send_raw(sentinel)
            else:
                self.sock.send_raw(data + sentinel)
        except OSError as error:   # e.g. EMSGSIZE: the kernel saw nothing
            if len(batch) > 1:     # too long for the socket: in two datagrams, so that every message arrives
                self.stats["datagrams split (too long to send)"] += 1
                self.send(batch[:len(batch) // 2])
                self.send(batch[len(batch) // 2:])
                return
            self.stats[f"messages refused by send, alone ({error.strerror})"] += 1
            return
        sentinel_answers, dump_sizes = [], collections.Counter()
        try:
            while True:
                open_dumps = any(e.replies and e.final is None and e.request.is_dump for e in expectations.values())
                if sentinel_answers and not open_dumps:
                    break
                for answer in self.sock.receive():
                    if answer.seq == sentinel_seq:
                        sentinel_answers.append(answer)
                        continue
                    e = expectations.get(answer.seq)
                    if e is None:
                        if not lone_liar:   # a lying length makes the rest of its bytes a message
                            self.finding(f"an answer with seq {answer.seq}, which no message had", sent)
                        continue
                    if e.final is not None:
                        e.after_final += 1
                    elif answer.is_final:
                        e.final = answer.error()
                        self.errnos[e.final[0]] += 1
                    else:
                        e.replies.append(answer)
                        dump_sizes[answer.seq] += 1
                        if dump_sizes[answer.seq] > DUMP_BUDGET:
                            # A dump of millions (DUMP_COUNT may say so): correct so far, given up.
                            self.stats["long dumps given up (socket reopened)"] += 1
                            self.reopen()
                            return
        except wire.Timeout as error:
            self.finding(f"hang: {error} (sentinel answered: {bool(sentinel_answers)})", sent)
            self.reopen()
            return
        except wire.Malformed as error:
            self.finding(f"malformed answer: {error}", sent)
            self.reopen()
            return
        if len(sentinel_answers) != 1 or sentinel_answers[0].genl()[1].get(self.msg_attr) != SENTINEL_TEXT:
            self.finding(f"the sentinel echo was answered {sentinel_answers}", sent)
        for (req, data), e in zip(sent, expectations.values()):
            for problem in self.oracle.check(e):
                self.finding(problem, [(req, data)])

    def check_health(self, sent):
        try:
            probes.probe_all(self.families, self.args.timeout, tag=f"after {sent}")
            self.stats["probes answered"] += 1
        except probes.ProbeFailed as error:
            self.finding(f"probe after {sent} messages: {error}")
        bad = self.log.bad_lines()
        if bad:
            self.finding(f"kernel log after {sent} messages: {bad[:5]}")
            self.log = KernelLog()

    def run(self):
        start = time.monotonic()
        sent = next_probe = next_report = 0
        self.check_health(0)
        while sent < self.args.messages and len(self.findings) < 50:
            batch = self.datagram()
            self.send(batch)
            sent += len(batch)
            self.stats["datagrams"] += 1
            if sent >= next_probe + self.args.probe_every:
                next_probe = sent
                self.check_health(sent)
            if sent >= next_report + self.args.report_every:
                next_report = sent
                elapsed = time.monotonic() - start
                print(f"{sent} messages, {elapsed:.0f} s, {sent / elapsed:.0f} messages/s, "
                      f"{len(self.findings)} findings", flush=True)
        self.check_health(sent)
        elapsed = time.monotonic() - start
        return {
            "messages": sent, "seconds": round(elapsed, 1), "messages_per_second": round(sent / elapsed),
            "batch": self.args.batch, "probe_every": self.args.probe_every, "seed": self.args.seed,
            "timeout_s": self.args.timeout, "stats": dict(self.stats), "requests": dict(self.by_request),
            "mutations": dict(self.by_mutation),
            "final_answers_by_errno": {str(k): v for k, v in sorted(self.errnos.items())},
            "findings": self.findings,
        }


def merged(parts, elapsed):
    """One result of the workers' results."""
    out = {"messages": sum(p["messages"] for p in parts), "seconds": round(elapsed, 1), "workers": len(parts),
           "seeds": [p["seed"] for p in parts], "findings": [f for p in parts for f in p["findings"]]}
    out["messages_per_second"] = round(out["messages"] / elapsed)
    for key in ("batch", "probe_every", "timeout_s"):
        out[key] = parts[0][key]
    for key in ("stats", "requests", "mutations", "final_answers_by_errno"):
        total = collections.Counter()
        for p in parts:
            total.update(p[key])
        out[key] = dict(sorted(total.items()))
    return out


def run_workers(args):
    """Runs args.workers copies of this script side by side; their merged result."""
    start, procs, files = time.monotonic(), [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.workers):
            share = args.messages // args.workers + (1 if i < args.messages % args.workers else 0)
            files.append(pathlib.Path(tmp) / f"worker{i}.json")
            procs.append(subprocess.Popen([
                sys.executable, __file__, "--messages", str(share), "--batch", str(args.batch),
                "--probe-every", str(args.probe_every), "--report-every", str(args.report_every),
                "--unmutated", str(args.unmutated), "--structural", str(args.structural),
                "--timeout", str(args.timeout), "--seed", str(args.seed + i), "--json", str(files[i])]))
        codes = [p.wait() for p in procs]
        parts = [json.loads(f.read_text()) for f in files if f.exists()]
    if len(parts) != args.workers:
        sys.exit(f"a worker ended without its result (exit statuses {codes})")
    return merged(parts, time.monotonic() - start)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--batch", type=int, default=16, help="most messages in one datagram")
    parser.add_argument("--probe-every", type=int, default=2000)
    parser.add_argument("--report-every", type=int, default=50000)
    parser.add_argument("--unmutated", type=float, default=0.1, help="share of seeds sent as they are")
    parser.add_argument("--structural", type=float, default=0.3, help="share of new structural mutants")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds any receive may wait")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1, help="processes fuzzing side by side")
    parser.add_argument("--json", type=pathlib.Path)
    args = parser.parse_args()
    result = run_workers(args) if args.workers > 1 else Fuzzer(args).run()
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    summary = {k: v for k, v in result.items() if k not in ("requests", "mutations")}
    summary["findings"] = len(result["findings"])
    print(json.dumps(summary))
    for finding in result["findings"][:10]:
        print(json.dumps(finding), file=sys.stderr)
    sys.exit(1 if result["findings"] else 0)


if __name__ == "__main__":
    main()
