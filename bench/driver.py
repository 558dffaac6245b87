#!/usr/bin/env python3
"""Measures every client on the same work and writes one JSON file.

    driver.py vm   --bin DIR --out DIR [--quick] [--clients a,b]   (module loaded)
    driver.py host --bin DIR --out DIR [--quick] [--clients a,b]   (native nlctrl)

`vm` runs in the guest with gnl_foobar_xmpl loaded: warm echo latency,
cold whole-process echo, strace syscall counts, dump throughput, batched echoes and
event throughput (bench/events.py).
`host` runs natively against nlctrl: warm and cold GETFAMILY look-ups, and batched ones.
Clients always take turns, each Swift client next to its C counterpart and the order
reversed every other round, so drift hits all alike (report.py pairs the rounds).
Any client that is missing or fails stops the run: nothing is dropped.
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

import events
from stats import requests_per_s

# name -> its binary for `echo`, its binary for the bench-* subcommands (both in --bin),
# and the options before the subcommand. Every client speaks the same subcommands (the
# client contract in measurements/README.md); a C baseline is one binary, while the
# Swift clients' are the user's CLI, gnl-foobar, and the benchmark's, gnl-bench.
CLIENTS = {
    "swift-raw": ("gnl-foobar", "gnl-bench", ["--backend", "raw"]),
    "swift-libnl": ("gnl-foobar", "gnl-bench", ["--backend", "libnl"]),
    "c-raw": ("c-raw", "c-raw", []),
    "c-libnl": ("c-libnl", "c-libnl", []),
    # The same objects linked static, as the Swift clients are (scripts/bench.sh).
    "c-raw-static": ("c-raw-static", "c-raw-static", []),
    "c-libnl-static": ("c-libnl-static", "c-libnl-static", []),
    # Peers beyond C (bench/peers/).
    "go-mdlayher": ("go-mdlayher", "go-mdlayher", []),
    "py-pyroute2": ("py-pyroute2", "py-pyroute2", []),
}

# Clients far slower than the rest do 1/N of the requests of each run (N here) and take
# part in every Nth round and cold run only, so that a run stays within minutes: in the VM
# a py-pyroute2 process spends ~20 s importing before its first request. A p50 of fewer
# samples and a shorter dump's rate compare all the same, only with more noise.
SLOW = {"py-pyroute2": 20}

# How much work each measurement does; quick mode keeps a run to minutes.
SIZES = {
    "quick": dict(rounds=8, echoes=2000, warmup=200, cold=30, dump=100_000,
                  dump_rounds=8, per_request=100, resolves=5000, host_cold=200,
                  batch_requests=2000, events=2000, event_rounds=8),
    # Many short rounds rather than a few long ones: this machine's speed changes by up
    # to 1.7x from one 10 ms to the next, and report.py compares the clients round by
    # round, so the more pairs the steadier their median. Dumps too: 48 dumps of
    # 100,000 messages (the minimum; ~0.13 s each) pair more closely than 16 of
    # 300,000 did (the per-round ratios' interquartile range: 0.03-0.04 wide against 0.13).
    "full": dict(rounds=60, echoes=3000, warmup=500, cold=150,
                 dump=100_000, dump_rounds=48, per_request=1000,
                 resolves=6000, host_cold=2000, batch_requests=3000, events=5000,
                 event_rounds=30),
}

ECHO_TEXT = "hello"

# Batched requests (measurements/README.md): requests per batch. swift-raw and c-raw-batch
# (c-raw's batch commands) send them NetlinkConnection.defaultBatchLimit (64) per datagram
# and read the answers with recvmmsg; c-raw's row is its requests one at a time.
BATCH_SIZES = (1, 8, 64, 256)
# row -> (the client whose binaries run it, batched: False for one at a time)
BATCH_ROWS = {"c-raw": ("c-raw", False), "swift-raw": ("swift-raw", True),
              "c-raw-batch": ("c-raw", True)}

# A syscall line of `strace -f -yy -o FILE`: "PID name(" (not "<... resumed>").
SYSCALL = re.compile(r"^\d+\s+(\w+)\(")
# A syscall on a netlink socket (-yy decorates fds) or one creating it.
NETLINK = re.compile(r"^\d+\s+(\w+\(\d+<NETLINK:|socket\(AF_NETLINK)")


def command(cli, bench, options):
    """f(subcommand, *args) -> argv of one client: bench-* subcommands run `bench`."""
    return lambda sub, *args: [bench if sub.startswith("bench-") else cli, *options, sub, *args]


def progress(msg):
    print(f"  [{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def run(argv):
    """stdout of argv; a failure ends the whole run, loudly."""
    p = subprocess.run(argv, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"error: {' '.join(argv)} exited {p.returncode}:\n{p.stderr}")
    return p.stdout


def spawn_ns(argv):
    """Wall time of one whole process, stdout discarded; the spawn's own cost
    is the same for every client, so it cancels out of the ratios."""
    return spawn_ns_and_faults(argv)[0]


def spawn_ns_and_faults(argv):
    """`spawn_ns`, and the process's minor page faults."""
    with open(os.devnull, "wb") as null:
        t0 = time.perf_counter_ns()
        p = subprocess.Popen(argv, stdout=null)
        _, status, usage = os.wait4(p.pid, 0)
        ns = time.perf_counter_ns() - t0
    rc = os.waitstatus_to_exitcode(status)
    if rc != 0:
        run(argv)  # again, to show its error
        sys.exit(f"error: {' '.join(argv)} exited {rc}")
    return ns, usage.ru_minflt


def percentile(sorted_values, p):
    """Nearest-rank percentile of an already sorted list."""
    i = max(0, min(len(sorted_values) - 1, round(p / 100 * len(sorted_values)) - 1))
    return sorted_values[i]


def latency_stats(samples, prefix):
    s = sorted(samples)
    return {f"{prefix}_p50_ns": percentile(s, 50), f"{prefix}_p99_ns": percentile(s, 99),
            f"{prefix}_mean_ns": round(sum(s) / len(s)), f"{prefix}_samples": len(s)}


def latencies(out, expected):
    values = [int(line) for line in out.split()]
    if len(values) != expected:
        sys.exit(f"error: expected {expected} latencies, got {len(values)}")
    return values


def share(client, n, least=1):
    """How many of n requests (or messages) `client` does: a slow client's share."""
    return max(least, n // SLOW.get(client, 1))


def takes_part(client, r):
    """Whether `client` runs in round (or cold run) r: a slow client in every Nth."""
    return r % SLOW.get(client, 1) == 0


# The order within a round: each Swift client right next to the C client it is compared
# with, so the two share the machine's conditions (its noise comes and goes within tens
# of milliseconds); then the static C builds and the peers.
PAIRED_ORDER = ["swift-raw", "c-raw", "swift-libnl", "c-libnl", "c-raw-static", "c-libnl-static",
                "go-mdlayher", "py-pyroute2"]


def in_turns(clients, r):
    """The clients in round r's order: PAIRED_ORDER, reversed every other round so that
    neither side of a pair always runs first."""
    names = [c for c in PAIRED_ORDER if c in clients]
    return names if r % 2 == 0 else names[::-1]


def warm(clients, sub, n, warmup, rounds, label, extra=()):
    """Per-request latency on an open socket, after `warmup` discarded requests:
    ({client: all samples}, {client: each round's p50})."""
    samples = {c: [] for c in clients}
    round_p50 = {c: [] for c in clients}
    for r in range(rounds):
        progress(f"{label}: round {r + 1}/{rounds}")
        for c in [c for c in in_turns(clients, r) if takes_part(c, r)]:
            w, k = share(c, warmup), share(c, n)
            out = run(clients[c](sub, str(w + k), *extra))
            kept = latencies(out, w + k)[w:]
            samples[c] += kept
            round_p50[c].append(percentile(sorted(kept), 50))
    return samples, round_p50


def cold(clients, args, runs, label):
    """Wall time of whole processes doing `args`, taking turns: {client: [ns, in run
    order]}. A slow client runs in every Nth run only."""
    times = {c: [] for c in clients}
    for i in range(runs):
        if i % max(1, runs // 5) == 0:
            progress(f"{label}: run {i + 1}/{runs}")
        for c in [c for c in in_turns(clients, i) if takes_part(c, i)]:
            times[c].append(spawn_ns(clients[c](*args)))
    return times


def cold_results(times, where):
    """The cold fields of each client: p50, run count, and each run's ns in run order
    (report.py pairs swift-raw's runs with c-raw-static's)."""
    return {c: {f"{where}_cold_p50_ns": percentile(sorted(t), 50), f"{where}_cold_runs": len(t),
                f"{where}_cold_run_ns": t}
            for c, t in times.items()}


# Per-request counts need only the calls on the netlink socket: traced through a seccomp
# filter, the others run without stopping (a whole process under strace took minutes for
# py-pyroute2 in the VM). The calls a request makes on its socket are all network calls
# (sendto, recvfrom, sendmsg, recvmsg, recvmmsg): each client's count per request was the
# same traced either way.
NETWORK_ONLY = ["--seccomp-bpf", "-e", "trace=%network"]


def strace_counts(argv, trace, options=(), pinned=False):
    """(all syscalls, netlink syscalls) of one whole process, from strace -f. `pinned`
    keeps tracer and traced on one CPU: in the VM, strace's stops cost 3x less without
    the other vCPU in the way (for a slow client; a Go program would start fewer
    threads, which would change its count)."""
    pin = ["taskset", "-c", "0"] if pinned else []
    with open(os.devnull, "wb") as null:
        rc = subprocess.run([*pin, "strace", "-f", "-yy", *options, "-o", trace, *argv],
                            stdout=null).returncode
    if rc != 0:
        sys.exit(f"error: strace {' '.join(argv)} exited {rc}")
    lines = open(trace).read().splitlines()
    total = sum(1 for line in lines if SYSCALL.match(line))
    netlink = sum(1 for line in lines if NETLINK.match(line))
    return total, netlink


def measure_vm(clients, size, out_dir):
    results = {c: {} for c in clients}
    progress("checking every client answers (echo, bench-echo, bench-dump)")
    for c, cmd in clients.items():
        reply = run(cmd("echo", ECHO_TEXT)).strip()
        if reply != ECHO_TEXT:
            sys.exit(f"error: {c} echo printed {reply!r}, expected {ECHO_TEXT!r}")
        if c not in SLOW:  # a slow client's first measured run checks it as well
            latencies(run(cmd("bench-echo", "3", ECHO_TEXT)), 3)
            run(cmd("bench-dump", "10"))

    samples, round_p50 = warm(clients, "bench-echo", size["echoes"], size["warmup"],
                              size["rounds"], "warm echo", [ECHO_TEXT])
    for c in clients:
        results[c].update(latency_stats(samples[c], "vm_warm"))
        results[c]["vm_warm_round_p50_ns"] = round_p50[c]

    times = cold(clients, ["echo", ECHO_TEXT], size["cold"], "cold echo (whole process)")
    for c, fields in cold_results(times, "vm").items():
        results[c].update(fields)

    syscalls(clients, size["per_request"], out_dir, results)
    dump(clients, size["dump"], size["dump_rounds"], results)
    return results


def syscalls(clients, k, out_dir, results):
    """Whole-process and per-request counts; keeps each cold run's trace."""
    progress("strace: whole-process and per-request syscalls")
    traces = os.path.join(out_dir, "traces")
    os.makedirs(traces, exist_ok=True)
    for c, cmd in clients.items():
        total, netlink = strace_counts(cmd("echo", ECHO_TEXT), f"{traces}/{c}.strace",
                                       pinned=c in SLOW)
        if c == "swift-raw":
            # The same run with each syscall's call stack: report.py tells the Swift
            # runtime's own start-up syscalls from the program's by the functions asking.
            strace_counts(cmd("echo", ECHO_TEXT), f"{traces}/{c}.stacks", ["-k"])
        # bench-echo 1 versus 1+k: the difference is k requests' worth.
        scratch, n = f"{traces}/.{c}.per-request", share(c, k)
        _, one = strace_counts(cmd("bench-echo", "1", ECHO_TEXT), scratch, NETWORK_ONLY)
        _, many = strace_counts(cmd("bench-echo", str(1 + n), ECHO_TEXT), scratch, NETWORK_ONLY)
        os.remove(scratch)
        results[c].update(syscalls_total=total, syscalls_netlink=netlink,
                          netlink_syscalls_per_request=(many - one) / n)


def dump(clients, n, rounds, results):
    """Messages and bytes per second of one big dump; the median round."""
    rates = {c: [] for c in clients}
    for r in range(rounds):
        progress(f"dump of {n} messages: round {r + 1}/{rounds}")
        for c in [c for c in in_turns(clients, r) if takes_part(c, r)]:
            k = share(c, n)
            msgs, nbytes, ns = (int(x) for x in run(clients[c]("bench-dump", str(k))).split())
            if msgs != k:
                sys.exit(f"error: {c} bench-dump {k} received {msgs} messages")
            rates[c].append((msgs * 1e9 / ns, nbytes * 1e9 / ns))
    for c in clients:
        msgs_s, bytes_s = sorted(rates[c])[len(rates[c]) // 2]
        results[c].update(dump_msgs_per_s=round(msgs_s), dump_bytes_per_s=round(bytes_s),
                          dump_messages=share(c, n),
                          dump_round_msgs_per_s=[round(m) for m, _ in rates[c]])


def batch(clients, size, where):
    """Batched requests, echoes in the VM and nlctrl look-ups on the host:
    {row: {batch size: fields}} for each row of BATCH_ROWS whose client runs (report.py
    pairs each round's swift-raw run with the c-raw and c-raw-batch runs beside it)."""
    prefix = "" if where == "vm" else "host_"
    work = "echo" if where == "vm" else "resolve"
    extra = [ECHO_TEXT] if where == "vm" else []

    def argv(row, n, batches):
        client, batched = BATCH_ROWS[row]
        if batched:
            return clients[client](f"bench-{work}-batch", str(batches), str(n), *extra)
        return clients[client](f"bench-{work}", str(batches), *extra)

    # c-raw one at a time, then each size's swift-raw and c-raw-batch side by side.
    order = [(row, n) for n in BATCH_SIZES for row, (client, batched) in BATCH_ROWS.items()
             if client in clients and (batched or n == 1)]
    if not order:
        return {}
    rates = {key: [] for key in order}
    for r in range(size["rounds"]):
        progress(f"batched {work}: round {r + 1}/{size['rounds']}")
        for row, n in (order if r % 2 == 0 else order[::-1]):
            batches, warmup = max(1, size["batch_requests"] // n), -(-size["warmup"] // n)
            kept = latencies(run(argv(row, n, warmup + batches)), warmup + batches)[warmup:]
            rates[row, n].append(requests_per_s(n, kept))

    progress(f"strace: netlink syscalls per batched {work}")
    results = {}
    scratch = os.path.join("/dev/shm", "bench-batch.strace")
    for row, n in order:
        k = max(1, size["per_request"] // n)  # batches beyond the first
        _, one = strace_counts(argv(row, n, 1), scratch, NETWORK_ONLY)
        _, many = strace_counts(argv(row, n, 1 + k), scratch, NETWORK_ONLY)
        results.setdefault(row, {})[str(n)] = {
            f"{prefix}requests_per_s": round(statistics.median(rates[row, n])),
            f"{prefix}round_requests_per_s": [round(x) for x in rates[row, n]],
            f"{prefix}netlink_syscalls_per_request": (many - one) / (k * n),
        }
    os.remove(scratch)
    return results


def measure_host(clients, size):
    results = {c: {} for c in clients}
    progress("checking every client answers (bench-resolve)")
    for c, cmd in clients.items():
        latencies(run(cmd("bench-resolve", "3")), 3)
    samples, round_p50 = warm(clients, "bench-resolve", size["resolves"], size["warmup"],
                              size["rounds"], "host warm nlctrl GETFAMILY")
    for c in clients:
        results[c].update(latency_stats(samples[c], "host_warm"))
        results[c]["host_warm_round_p50_ns"] = round_p50[c]
    times = cold(clients, ["bench-resolve", "1"], size["host_cold"], "host cold resolve")
    for c, fields in cold_results(times, "host").items():
        results[c].update(fields)
    return results


def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()


def copy_to_guest_memory(bin_dir):
    """The guest reads the host's files over 9p, page by page: exec'ing a 26 MB
    static binary from there costs seconds that no real machine pays. Run
    copies from the guest's memory instead (shared libraries still come over
    9p, for every client alike)."""
    local = os.path.join("/dev/shm", "bench-bin")
    shutil.rmtree(local, ignore_errors=True)
    os.makedirs(local)
    for name in os.listdir(bin_dir):
        path = os.path.join(bin_dir, name)
        if os.path.isdir(path):  # py-pyroute2's extension modules
            shutil.copytree(path, os.path.join(local, name))
        else:
            shutil.copy(path, local)  # follows symlinks
    return local


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("where", choices=["vm", "host"])
    ap.add_argument("--bin", required=True, help="directory holding the client binaries")
    ap.add_argument("--out", required=True, help="directory for bench-<where>.json and traces/")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--clients", default=",".join(CLIENTS), help="comma-separated subset")
    a = ap.parse_args()

    if a.where == "vm":
        a.bin = copy_to_guest_memory(a.bin)
    names = a.clients.split(",")
    unknown = [n for n in names if n not in CLIENTS]
    if unknown:
        sys.exit(f"error: unknown client(s) {unknown}; known: {list(CLIENTS)}")
    for n in names:
        for binary in CLIENTS[n][:2]:
            if not os.access(os.path.join(a.bin, binary), os.X_OK):
                sys.exit(f"error: client {n}: no executable {os.path.join(a.bin, binary)}")
    clients = {n: command(os.path.join(a.bin, cli), os.path.join(a.bin, bench), options)
               for n in names for cli, bench, options in [CLIENTS[n]]}
    if a.where == "vm" and not shutil.which("strace"):
        sys.exit("error: strace not found")

    mode = "quick" if a.quick else "full"
    size = SIZES[mode]
    t0 = time.time()
    results = measure_vm(clients, size, a.out) if a.where == "vm" else measure_host(clients, size)
    batches = batch(clients, size, a.where)
    drains = events.measure(a.bin, clients, size["events"], size["event_rounds"], progress) \
        if a.where == "vm" else {}
    doc = {"where": a.where, "mode": mode, "kernel": platform.release(), "cpu": cpu_model(),
           "cpus": os.cpu_count(), "sizes": size, "slow": SLOW,
           "seconds": round(time.time() - t0), "clients": results, "batch": batches,
           "events": drains}
    path = os.path.join(a.out, f"bench-{a.where}.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=2)
    progress(f"{a.where} done in {doc['seconds']} s: {path}")


if __name__ == "__main__":
    main()
