#!/usr/bin/env python3
"""Turns the driver's two JSON files into the committed results.

    report.py --vm out/bench/bench-vm.json --host out/bench/bench-host.json \
              --bin DIR --out measurements

Writes results.json, results.md (tables, ratios to c-raw, the issue's
targets judged from the numbers), chart.png, and copies traces/.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess

import matplotlib

matplotlib.use("Agg")  # no display in CI
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402

from driver import BATCH_SIZES, CLIENTS  # noqa: E402
from stats import median_interval  # noqa: E402
import syscall_origin  # noqa: E402

# A syscall line of `strace -f -o FILE` (as in driver.py).
SYSCALL = re.compile(r"^\d+\s+(\w+)\(")
ORDER = ["swift-raw", "swift-libnl", "c-raw", "c-libnl", "c-raw-static", "c-libnl-static",
         "go-mdlayher", "py-pyroute2"]
BASE = "c-raw"
STATIC_BASE = "c-raw-static"
PEERS = ["go-mdlayher", "py-pyroute2"]
BATCH_ORDER = ["swift-raw", "c-raw", "c-raw-batch"]
# The batch size the batch targets are judged at.
BATCH_TARGET_SIZE = "64"

# (key, heading, divisor, format) of the two tables of absolute values.
LATENCY = [
    ("vm_warm_p50_ns", "VM warm p50 (µs)", 1e3, "{:.1f}"),
    ("vm_warm_p99_ns", "VM warm p99 (µs)", 1e3, "{:.1f}"),
    ("vm_warm_mean_ns", "VM warm mean (µs)", 1e3, "{:.1f}"),
    ("vm_cold_p50_ns", "VM cold p50 (ms)", 1e6, "{:.1f}"),
    ("host_warm_p50_ns", "host warm p50 (µs)", 1e3, "{:.2f}"),
    ("host_warm_p99_ns", "host warm p99 (µs)", 1e3, "{:.2f}"),
    ("host_cold_p50_ns", "host cold p50 (ms)", 1e6, "{:.3f}"),
]
WORK = [
    ("syscalls_total", "syscalls / process", 1, "{:.0f}"),
    ("syscalls_netlink", "netlink syscalls / process", 1, "{:.0f}"),
    ("netlink_syscalls_per_request", "netlink syscalls / request", 1, "{:.2f}"),
    ("dump_msgs_per_s", "dump (k msgs/s)", 1e3, "{:.0f}"),
    ("dump_bytes_per_s", "dump (MB/s)", 1e6, "{:.1f}"),
]
# The headline ratios to c-raw (throughput: higher is better).
RATIOS = [
    ("vm_warm_p50_ns", "VM warm p50"),
    ("vm_warm_p99_ns", "VM warm p99"),
    ("vm_cold_p50_ns", "VM cold p50"),
    ("host_warm_p50_ns", "host warm p50"),
    ("host_cold_p50_ns", "host cold p50"),
    ("syscalls_total", "syscalls / process"),
    ("dump_msgs_per_s", "dump msgs/s"),
]


def linkage(path):
    """How a binary is linked: 'static', or its shared libraries (readelf); a script's
    interpreter's, said so (py-pyroute2's launcher)."""
    with open(path, "rb") as f:
        first = f.readline()
    if first.startswith(b"#!"):
        interpreter = first[2:].split()[0].decode()
        return f"script, run by {os.path.basename(interpreter)}, {linkage(interpreter)}"
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True).stdout
    needed = [line.split("[")[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line]
    return "static" if not needed else "dynamic: " + ", ".join(needed)


def merge(vm, host, bin_dir):
    clients = {}
    for c in [c for c in ORDER if c in vm["clients"]]:
        clients[c] = {**vm["clients"][c], **host["clients"].get(c, {})}
        # The Swift clients' two binaries are built alike: one linkage, unless they differ.
        clients[c]["linkage"] = "; ".join(
            sorted({linkage(os.path.join(bin_dir, binary)) for binary in CLIENTS[c][:2]}))
    # Batches: the VM's echoes (requests_per_s, …) and the host's look-ups (host_…).
    batch = {}
    for row in [r for r in BATCH_ORDER if r in vm.get("batch", {})]:
        batch[row] = {n: {**fields, **host.get("batch", {}).get(row, {}).get(n, {})}
                      for n, fields in vm["batch"][row].items()}
    return {
        "clients": clients,
        "batch": batch,
        "events": vm.get("events", {}),
        "slow": vm.get("slow", {}),
        "kernel": vm["kernel"],
        "host_kernel": host["kernel"],
        "machine": {"host_cpu": host["cpu"], "host_cpus": host["cpus"],
                    "vm": f"{vm['cpus']} CPUs, \"{vm['cpu']}\""},
        "mode": vm["mode"],
        "sizes": {"vm": vm["sizes"], "host": host["sizes"]},
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def ratio(clients, c, key):
    v, b = clients[c].get(key), clients.get(BASE, {}).get(key)
    return v / b if v is not None and b else None


def paired_ratios(clients, c, base, key):
    """c's value / base's value in each round, or None. A round's clients run back to
    back, so a spell of machine noise hits both sides of a pair; pooled percentiles mix
    slow spells of one client with quiet ones of another."""
    mine, theirs = clients.get(c, {}).get(key), clients.get(base, {}).get(key)
    if not mine or not theirs or len(mine) != len(theirs):
        return None
    return [m / t for m, t in zip(mine, theirs)]


def paired_summary(ratios, pooled, pooled_name):
    """"1.019 × (95% CI 0.990–1.040; pooled 1.032 ×)" for the targets table."""
    lo, hi = median_interval(ratios)
    return (f"{statistics.median(ratios):.3f} × (95% CI {lo:.3f}–{hi:.3f}; "
            f"{pooled_name} {pooled:.3f} ×)")


def table(clients, headings, cell):
    rows = ["| client | " + " | ".join(headings) + " |", "|---" * (len(headings) + 1) + "|"]
    rows += [f"| {c} | " + " | ".join(cell(c, i) for i in range(len(headings))) + " |"
             for c in clients]
    return "\n".join(rows)


def absolute(clients, columns):
    def cell(c, i):
        key, _, div, fmt = columns[i]
        v = clients[c].get(key)
        return "—" if v is None else fmt.format(v / div)
    return table(clients, [h for _, h, *_ in columns], cell)


def ratios(clients):
    def cell(c, i):
        r = ratio(clients, c, RATIOS[i][0])
        return "—" if r is None else f"{r:.2f}"
    return table(clients, [h for _, h in RATIOS], cell)


def targets(clients, batch, runtime_own, events=None):
    """(target, measured, met) rows, each computed from the numbers;
    met is None when a client it needs was not measured. runtime_own: the Swift runtime's
    own syscalls in swift-raw's traced run (syscall_origin), or None."""
    rows = []
    for where in ("vm", "host"):
        for swift, c in (("swift-raw", "c-raw"), ("swift-libnl", "c-libnl")):
            r = paired_ratios(clients, swift, c, f"{where}_warm_round_p50_ns")
            pooled = ratio({**clients, BASE: clients.get(c, {})}, swift, f"{where}_warm_p50_ns") \
                if swift in clients else None
            rows.append((f"{where} warm p50: {swift} ≤ 1.05 × {c}",
                         "—" if r is None else paired_summary(r, pooled, "pooled"),
                         None if r is None else statistics.median(r) <= 1.05))
    sr = clients.get("swift-raw")
    n = sr and sr["netlink_syscalls_per_request"]
    rows.append(("netlink syscalls per request, swift-raw: exactly 2",
                 "—" if sr is None else f"{n:.2f}", None if sr is None else n == 2))
    met = None
    if sr and BASE in clients:
        met = sr["syscalls_total"] <= clients[BASE]["syscalls_total"]
    rows.append(("whole-process syscalls: swift-raw ≤ c-raw (dynamic)",
                 "—" if met is None else
                 f"swift-raw {sr['syscalls_total']}, c-raw {clients[BASE]['syscalls_total']}", met))
    rows.append(static_syscalls_target(clients, runtime_own))
    for where in ("vm", "host"):
        r = paired_ratios(clients, "swift-raw", STATIC_BASE, f"{where}_cold_run_ns")
        pooled = ratio({**clients, BASE: clients.get(STATIC_BASE, {})}, "swift-raw",
                       f"{where}_cold_p50_ns") if sr else None
        rows.append((f"{where} cold p50: swift-raw ≤ 1.05 × {STATIC_BASE}",
                     "—" if r is None else paired_summary(r, pooled, "pooled"),
                     None if r is None else statistics.median(r) <= 1.05))
    r = paired_ratios(clients, "swift-raw", BASE, "dump_round_msgs_per_s")
    pooled = ratio(clients, "swift-raw", "dump_msgs_per_s") if sr else None
    rows.append(("dump throughput: swift-raw ≥ c-raw",
                 "—" if r is None else paired_summary(r, pooled, "medians"),
                 None if r is None else statistics.median(r) >= 1))
    rows += batch_targets(batch)
    rows += event_targets(events or {})
    rows += [peer_target(clients, peer) for peer in PEERS]
    return rows


def static_syscalls_target(clients, runtime_own):
    """swift-raw's whole-process syscalls against the static C build's, plus the Swift
    runtime's own start-up syscalls (itemised in results.md, from their call stacks)."""
    sr, base = clients.get("swift-raw"), clients.get(STATIC_BASE)
    name = f"whole-process syscalls: swift-raw ≤ {STATIC_BASE} + the Swift runtime's own"
    if sr is None or base is None or runtime_own is None:
        return name, "—", None
    allowance = len(runtime_own)
    return (name, f"swift-raw {sr['syscalls_total']} against {base['syscalls_total']} + "
            f"{allowance} (below)", sr["syscalls_total"] <= base["syscalls_total"] + allowance)


def batch_targets(batch):
    """At batch 64, VM and host: swift-raw ≥ 4 × c-raw one at a time, ≥ 1.0 × c-raw-batch,
    paired round by round."""
    rows = []
    for where, prefix in (("vm", ""), ("host", "host_")):
        key = f"{prefix}round_requests_per_s"
        for base, bound in (("c-raw", 4.0), ("c-raw-batch", 1.0)):
            mine = batch.get("swift-raw", {}).get(BATCH_TARGET_SIZE, {}).get(key)
            # c-raw runs one at a time: its only row is size 1.
            theirs = batch.get(base, {}).get("1" if base == "c-raw" else BATCH_TARGET_SIZE, {}).get(key)
            name = f"{where} batch {BATCH_TARGET_SIZE}: swift-raw ≥ {bound:g} × {base}" + \
                (" one at a time" if base == "c-raw" else "")
            if not mine or not theirs or len(mine) != len(theirs):
                rows.append((name, "—", None))
                continue
            r = [m / t for m, t in zip(mine, theirs)]
            pooled = statistics.median(mine) / statistics.median(theirs)
            rows.append((name, paired_summary(r, pooled, "medians"), statistics.median(r) >= bound))
    return rows


# The async form's price, at most: its time per notification over the blocking form's.
ASYNC_PRICE = 1.2


def event_targets(events):
    """From bench/events.py's rows, paired round by round: swift-raw drains ≥ 1.0 ×
    c-libnl's notifications per second with none lost; the async form (swift-raw-async)
    takes ≤ 1.2 × the blocking form's time per notification."""
    key = "round_notifications_per_s"
    rows = []
    name = "events: swift-raw ≥ 1.0 × c-libnl notifications/s, 0 lost"
    r = paired_ratios(events, "swift-raw", "c-libnl", key)
    if r is None:
        rows.append((name, "—", None))
    else:
        mine, theirs = events["swift-raw"], events["c-libnl"]
        pooled = mine["notifications_per_s"] / theirs["notifications_per_s"]
        burst = mine["notifications"] * mine["rounds"]
        rows.append((name, f"{paired_summary(r, pooled, 'medians')}; lost {mine['lost']} of {burst:,} "
                     f"(c-libnl {theirs['lost']}), buffer {mine['rcvbuf'] >> 20} MiB",
                     statistics.median(r) >= 1 and mine["lost"] == 0))
    name = f"async price: swift-raw-async ≤ {ASYNC_PRICE:g} × the blocking form's time per notification"
    # The blocking form's rate over the async one's: the async one's time over the blocking.
    r = paired_ratios(events, "swift-raw", "swift-raw-async", key)
    if r is None:
        rows.append((name, "—", None))
    else:
        pooled = events["swift-raw"]["notifications_per_s"] / events["swift-raw-async"]["notifications_per_s"]
        rows.append((name, paired_summary(r, pooled, "medians"), statistics.median(r) <= ASYNC_PRICE))
    return rows


def event_table(events):
    """Notifications per second of each subscriber, its ratio to c-libnl's, and the lost."""
    base = events.get("c-libnl", {}).get("notifications_per_s")
    rows = ["| subscriber | k notifications/s | × c-libnl | lost | bursts |", "|---|---|---|---|---|"]
    for row, f in events.items():
        times = "—" if not base else f"{f['notifications_per_s'] / base:.2f}"
        rows.append(f"| {row} | {f['notifications_per_s'] / 1e3:.1f} | {times} | {f['lost']} | "
                    f"{f['rounds']} of {f['notifications']:,} |")
    return "\n".join(rows)


def peer_target(clients, peer):
    """swift-raw ahead of a peer on every latency and throughput row: warm p50 and dump
    paired by round where the peer ran every round, otherwise (a slow peer runs in some
    rounds only) and for cold p50 the ratio of the pooled values."""
    name = f"swift-raw ahead of {peer}: every latency and throughput row"
    if "swift-raw" not in clients or peer not in clients:
        return name, "—", None
    parts, ahead = [], True
    for pooled_key, round_key, label, higher_is_better in (
            ("vm_warm_p50_ns", "vm_warm_round_p50_ns", "VM warm p50", False),
            ("host_warm_p50_ns", "host_warm_round_p50_ns", "host warm p50", False),
            ("vm_cold_p50_ns", None, "VM cold p50", False),
            ("host_cold_p50_ns", None, "host cold p50", False),
            ("dump_msgs_per_s", "dump_round_msgs_per_s", "dump msgs/s", True)):
        r = round_key and paired_ratios(clients, "swift-raw", peer, round_key)
        value = statistics.median(r) if r else \
            ratio({**clients, BASE: clients[peer]}, "swift-raw", pooled_key)
        if value is None:
            continue
        parts.append(f"{label} {value:.3g} ×" + ("" if r else " (pooled)"))
        ahead &= value > 1 if higher_is_better else value < 1
    return name, "swift-raw / peer: " + ", ".join(parts), ahead


def syscalls_by_name(traces, clients):
    """Markdown table: how often each client made each syscall (its trace)."""
    counts = {}
    for c in clients:
        for line in open(os.path.join(traces, f"{c}.strace")):
            m = SYSCALL.match(line)
            if m:
                counts.setdefault(m.group(1), dict.fromkeys(clients, 0))[c] += 1
    names = sorted(counts, key=lambda n: (-max(counts[n].values()), n))
    rows = ["| syscall | " + " | ".join(clients) + " |", "|---" * (len(clients) + 1) + "|"]
    rows += [f"| {n} | " + " | ".join(str(counts[n][c] or "") for c in clients) + " |"
             for n in names]
    return "\n".join(rows)


def traced_calls(traces):
    """swift-raw's traced run's syscalls with their stacks (syscall_origin.calls), or None."""
    path = os.path.join(traces, "swift-raw.stacks")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return syscall_origin.calls(f)


def runtime_syscalls(traces):
    """The Swift runtime's own syscalls in swift-raw's traced run, or None."""
    traced = traced_calls(traces)
    return None if traced is None else syscall_origin.runtime_calls(traced)


def heap_table(traces):
    """The program's own heap growths in swift-raw's traced run, as a table, or None."""
    traced = traced_calls(traces)
    grown = traced and syscall_origin.heap_growths(traced)
    if not grown:
        return None
    rows = ["| syscall | allocated by | count |", "|---|---|---|"]
    rows += [f"| {name} | `{origin}` | {n} |" for name, origin, n in syscall_origin.itemised(grown)]
    return "\n".join(rows)


def runtime_table(own):
    rows = ["| syscall | asked for by | count |", "|---|---|---|"]
    rows += [f"| {name} | `{origin}` | {n} |" for name, origin, n in syscall_origin.itemised(own)]
    return "\n".join(rows)


def batch_table(batch):
    """Requests per second and netlink syscalls per request, each row's ratio to c-raw
    one at a time (the medians'), VM and host."""
    base = batch.get("c-raw", {}).get("1", {})
    headings = ["client", "batch", "VM k req/s", "VM × c-raw", "VM netlink syscalls / req",
                "host k req/s", "host × c-raw", "host netlink syscalls / req"]
    rows = ["| " + " | ".join(headings) + " |", "|---" * len(headings) + "|"]

    def cell(fields, key, fmt, div=1):
        v = fields.get(key)
        return "—" if v is None else fmt.format(v / div)

    def times(fields, key):
        v, b = fields.get(key), base.get(key)
        return "—" if v is None or not b else f"{v / b:.2f}"
    for row, sizes in batch.items():
        for n, f in sizes.items():
            label = "1 (one at a time)" if row == "c-raw" else n
            rows.append(f"| {row} | {label} | {cell(f, 'requests_per_s', '{:.0f}', 1e3)} | "
                        f"{times(f, 'requests_per_s')} | "
                        f"{cell(f, 'netlink_syscalls_per_request', '{:.3f}')} | "
                        f"{cell(f, 'host_requests_per_s', '{:.0f}', 1e3)} | "
                        f"{times(f, 'host_requests_per_s')} | "
                        f"{cell(f, 'host_netlink_syscalls_per_request', '{:.3f}')} |")
    return "\n".join(rows)


def markdown(res, traces):
    clients = res["clients"]
    verdict = {True: "**met**", False: "**missed**", None: "not measured"}
    missing = [c for c in ORDER if c not in clients]
    own = runtime_syscalls(traces)
    heap = heap_table(traces)
    slow = ", ".join(f"{c} does 1/{n} of the requests of each run (and of a dump's messages) "
                     f"and joins every {n}th round and cold run" for c, n in res.get("slow", {}).items()
                     if c in clients)
    return "\n".join([
        "# Benchmark results",
        "",
        f"Generated by `scripts/bench.sh{' --quick' if res['mode'] == 'quick' else ''}` "
        f"on {res['date']} ({res['mode']} mode); rerun it rather than editing this file.",
        "",
        *([f"**Partial run: {', '.join(missing)} not measured.**", ""] if missing else []),
        f"- VM (the module: echo, dump): kernel {res['kernel']}, {res['machine']['vm']}.",
        f"- host (nlctrl GETFAMILY, no module): kernel {res['host_kernel']}, "
        f"{res['machine']['host_cpu']}, {res['machine']['host_cpus']} CPUs, native.",
        "- Under TCG every instruction is emulated, so absolute VM times are roughly 10× "
        "native: compare clients by their ratios. All clients ran interleaved in one run: "
        "each round runs swift-raw, c-raw, swift-libnl, c-libnl, c-raw-static, "
        "c-libnl-static, go-mdlayher, py-pyroute2, and the next the reverse"
        + (f"; {slow}." if slow else ".") + "\n"
        "- The targets pair rounds: a warm ratio is the median, over rounds, of the two "
        "clients' p50s in the same round (a dump's: of their rates in the same round), "
        "the two having run back to back. This machine's speed changes by up to 1.7× "
        "from one 10 ms to the next; the pooled tables mix each client's slow and fast "
        "spells in whatever proportions the run dealt them. Beside each paired ratio, a "
        "95% confidence interval for that median (order statistics, no distribution "
        "assumed). Deterministic counts of the same work, kernel included, are in "
        "[guest-work.md](guest-work.md).\n"
        "- In the VM the client binaries run from a copy in the guest's memory, not over "
        "the 9p share they are built on.",
        "- warm: one request on an open socket, after a warm-up; cold: a whole process "
        "(connect, resolve, one request, exit); syscalls: `strace -f` of `CLIENT echo hello`, "
        "netlink = calls on the netlink socket, including the one creating it. The Swift "
        "clients' `echo` is the user's CLI, gnl-foobar; their bench-* commands (warm, "
        "dump, host) are gnl-bench's.",
        "",
        f"## Ratios to {BASE} (lower is better, except dump throughput)",
        "",
        ratios(clients),
        "",
        "## Targets (computed from the numbers)",
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
        *[f"| {t} | {m} | {verdict[ok]} |" for t, m, ok in targets(clients, res["batch"], own, res.get("events"))],
        "",
        *([f"The Swift runtime's own syscalls in swift-raw's `echo hello` (`strace -f -k`: "
           f"each one's call stack holds the runtime's code and none of the program's; "
           f"[traces/swift-raw.stacks](traces/swift-raw.stacks)):", "", runtime_table(own), ""]
          if own is not None else []),
        *(["The program's own heap growths in the same run (a `brk` under its code, not in the "
           "runtime's allowance; the C clients keep their buffers in static storage and grow no "
           "heap): swift-raw's 64 KiB receive buffer outgrows the heap glibc set up at start.",
           "", heap, ""] if heap else []),
        "Where the time and the syscalls go, for each target missed: "
        "[analysis.md](analysis.md) (written by hand from profiles, not regenerated).",
        "",
        "## Latency",
        "",
        absolute(clients, LATENCY),
        "",
        "## Syscalls and dump throughput",
        "",
        absolute(clients, WORK),
        "",
        f"Dump: one request for {res['sizes']['vm']['dump']:,} messages, the median of "
        f"{res['sizes']['vm']['dump_rounds']} rounds.",
        "",
        "## Batched requests",
        "",
        "Requests per second, many per datagram: in the VM echoes (`bench-echo-batch N SIZE`), "
        "on the host nlctrl look-ups (`bench-resolve-batch N SIZE`); swift-raw through the "
        "generated `echoMsg(many:…eachBorrowed:)` / `NlctrlClient.getfamily(many:…"
        "eachBorrowed:)`, c-raw-batch the same technique in C (64 requests per `sendto`, "
        "answers by `recvmmsg`), c-raw one request at a time (`bench-echo`, `bench-resolve`). "
        "Each is the median of its rounds; the targets pair rounds.",
        "",
        batch_table(res["batch"]) if res["batch"] else "Not measured.",
        "",
        "## Event throughput (VM)",
        "",
        "How fast a subscriber drains a burst of gnl_kv set notifications already queued in "
        "its socket's buffer (`gnl-bench-events kv-burst N` sets one entry N times; the buffer, "
        "SO_RCVBUFFORCE, holds the whole burst), timed from the go-ahead to the last "
        "notification: swift-raw through the generated `GnlKvClient.subscribe(to:)` and "
        "`next(timeout:)` (each notification decoded into `GnlKv.Notification`), "
        "swift-raw-async the same subscription through `events()` and `for try await`, c-libnl "
        "with `nl_recvmsgs` and `genlmsg_parse` under a policy (bench/events.py). Each is the "
        "median of its rounds; the targets pair rounds.",
        "",
        event_table(res["events"]) if res.get("events") else "Not measured.",
        "",
        "## Syscalls by name, one cold run (`CLIENT echo hello`)",
        "",
        syscalls_by_name(traces, list(clients)),
        "",
        "## How each client is linked",
        "",
        *[f"- {c}: {v['linkage']}" for c, v in clients.items()],
        "",
        "Chart: [chart.png](chart.png). The strace of each cold run: [traces/](traces/).",
        "",
    ])


def chart(res, path):
    clients = res["clients"]
    names = list(clients)
    fig, axes = plt.subplots(1, 3, figsize=(16, 5), gridspec_kw={"width_ratios": [1.6, 1, 1]})

    # Ratios first: absolute VM times are inflated by emulation.
    ax = axes[0]
    keys = RATIOS[:5]
    width = 0.8 / len(keys)
    for i, (key, label) in enumerate(keys):
        xs = [x + (i - (len(keys) - 1) / 2) * width for x in range(len(names))]
        b = ax.bar(xs, [ratio(clients, c, key) or 0 for c in names], width, label=label)
        ax.bar_label(b, fmt="%.2f", fontsize=7, rotation=90, padding=2)
    # Log scale: 2× slower and 2× faster look alike, and one outlier
    # does not flatten the rest.
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(matplotlib.ticker.LogLocator(subs=(1, 2, 5)))
    ax.yaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%g"))
    ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.axhline(1, color="grey", linewidth=0.8)
    ax.set_xticks(range(len(names)), names)
    low, high = ax.get_ylim()
    ax.set_ylim(min(low, 0.5), high * 4)
    ax.set_title(f"time, ratio to {BASE} (log scale, lower is better)")
    ax.legend(fontsize=8, ncols=3, loc="upper center")

    ax = axes[1]
    for key, label in (("vm_warm_p50_ns", "p50"), ("vm_warm_p99_ns", "p99")):
        b = ax.bar(names, [clients[c][key] / 1e3 for c in names], label=label,
                   alpha=1 if label == "p50" else 0.35, zorder=2 if label == "p50" else 1)
        ax.bar_label(b, fmt="%.0f", fontsize=8)
    ax.set_ylim(0, ax.get_ylim()[1] * 1.2)
    ax.set_title("warm echo in the VM (µs, emulated)")
    ax.legend(fontsize=8, ncols=2, loc="upper center")

    ax = axes[2]
    netlink = [clients[c]["syscalls_netlink"] for c in names]
    other = [clients[c]["syscalls_total"] - n for c, n in zip(names, netlink)]
    ax.bar(names, netlink, label="on the netlink socket")
    b = ax.bar(names, other, bottom=netlink, label="other (start-up, output, exit)")
    ax.bar_label(b, labels=[str(clients[c]["syscalls_total"]) for c in names], fontsize=8)
    ax.set_ylim(0, ax.get_ylim()[1] * 1.25)
    ax.set_title("syscalls of one process: resolve + echo")
    ax.legend(fontsize=8, ncols=2, loc="upper center")

    for ax in axes:
        ax.tick_params(axis="x", labelsize=9)
    fig.suptitle(f"Generic Netlink clients — {res['mode']} run, {res['date']}")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--vm", required=True)
    ap.add_argument("--host", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    vm, host = (json.load(open(p)) for p in (a.vm, a.host))
    res = merge(vm, host, a.bin)

    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump(res, f, indent=2)
        f.write("\n")
    traces = os.path.join(a.out, "traces")
    shutil.rmtree(traces, ignore_errors=True)
    shutil.copytree(os.path.join(os.path.dirname(a.vm), "traces"), traces)
    with open(os.path.join(a.out, "results.md"), "w") as f:
        f.write(markdown(res, traces))
    chart(res, os.path.join(a.out, "chart.png"))
    print(open(os.path.join(a.out, "results.md")).read())


if __name__ == "__main__":
    main()
