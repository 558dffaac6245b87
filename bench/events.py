"""Event throughput (issue 17, items 4 and 6), in the VM with gnl_kv loaded: how fast a
subscriber drains a burst of gnl_kv's set notifications, and how many it lost.

Each run: the subscriber joins gnl_kv's "events" group with a receive buffer of RCVBUF
bytes and says "ready"; `gnl-bench-events kv-burst N` sets one entry N times (batched),
so the kernel queues N notifications in the subscriber's buffer, the same burst for every
subscriber; then the driver's go-ahead, and the subscriber times its drain, from the
go-ahead to the last notification: `<received> <lost> <ns>`. Draining a queued burst
measures the subscriber alone (a burst drained while it is being written would measure
the writer as well).
"""
import os
import statistics
import subprocess
import sys

# row -> (binary in --bin, subcommand): the blocking Swift subscriber, the same through the
# async layer (GenericNetlinkAsync: `for try await`), and libnl's.
ROWS = {"swift-raw": ("gnl-bench-events", "bench-events"),
        "swift-raw-async": ("gnl-bench-events", "bench-events-async"),
        "c-libnl": ("c-libnl", "bench-events")}
# The benchmark client each row belongs to: it runs when that client is measured.
CLIENT = {"swift-raw": "swift-raw", "swift-raw-async": "swift-raw", "c-libnl": "c-libnl"}
BURST = ("gnl-bench-events", "kv-burst")
# The subscribers' receive buffer, set with SO_RCVBUFFORCE (the kernel doubles it for its
# bookkeeping): room for the whole burst, so a subscriber that loses any has a bug.
RCVBUF = 8 << 20


def rate(received, ns):
    """Notifications per second of a drain."""
    return received * 1e9 / ns if ns else 0.0


def parse_drain(out, expected):
    """(received, lost, ns) of a subscriber's output line, checked against the burst."""
    fields = out.split()
    if len(fields) != 3:
        raise ValueError(f"expected '<received> <lost> <ns>', got {out!r}")
    received, lost, ns = (int(x) for x in fields)
    if received + lost != expected:
        raise ValueError(f"{received} received + {lost} lost is not the burst's {expected}")
    return received, lost, ns


def drain(bin_dir, row, n):
    """One run of `row`'s subscriber on a burst of n: (received, lost, ns)."""
    binary, sub = ROWS[row]
    argv = [os.path.join(bin_dir, binary), sub, str(n), str(RCVBUF)]
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    ready = p.stdout.readline()
    if ready.strip() != "ready":
        p.kill()
        sys.exit(f"error: {' '.join(argv)} printed {ready!r}, not ready: {p.stderr.read()}")
    burst = [os.path.join(bin_dir, BURST[0]), BURST[1], str(n)]
    b = subprocess.run(burst, capture_output=True, text=True)
    if b.returncode != 0:
        p.kill()
        sys.exit(f"error: {' '.join(burst)} exited {b.returncode}:\n{b.stderr}")
    out, err = p.communicate("go\n")
    if p.returncode != 0:
        sys.exit(f"error: {' '.join(argv)} exited {p.returncode}:\n{err}")
    try:
        return parse_drain(out, n)
    except ValueError as e:
        sys.exit(f"error: {' '.join(argv)}: {e}")


def measure(bin_dir, clients, n, rounds, progress):
    """{row: fields} for the rows whose client runs, in rounds taking turns (the order
    reversed every other round; report.py pairs each round's rows)."""
    rows = [r for r in ROWS if CLIENT[r] in clients]
    if not rows:
        return {}
    runs = {r: [] for r in rows}
    for i in range(rounds):
        progress(f"event throughput, bursts of {n}: round {i + 1}/{rounds}")
        for r in (rows if i % 2 == 0 else rows[::-1]):
            runs[r].append(drain(bin_dir, r, n))
    return {r: {"notifications_per_s": round(statistics.median(rate(x, ns) for x, _, ns in runs[r])),
                "round_notifications_per_s": [round(rate(x, ns)) for x, _, ns in runs[r]],
                "lost": sum(lost for _, lost, _ in runs[r]), "notifications": n,
                "rounds": rounds, "rcvbuf": RCVBUF}
            for r in rows}
