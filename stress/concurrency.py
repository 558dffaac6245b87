#!/usr/bin/env python3
"""Many Swift clients at once (issue 16, item 3), while one client stalls mid-dump.

    concurrency.py --gnl-stress PATH --threads T --processes P --requests N [--json FILE]

Holds a StalledDump open, then runs `gnl-stress mixed` with T threads (a client
each) in one process, then P processes of one thread each, all at once; each
request (echo, dumps of 0-1,000 messages, the error command) is checked against
its answer by gnl-stress. Afterwards the stalled dump must resume where it
stopped. Exits 1 unless every request was answered right (0 lost, 0 mismatched,
0 failed), no run hung (gnl-stress's watchdog) and the kernel log is clean.
"""
import argparse
import contextlib
import json
import pathlib
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).parent))

import wire  # noqa: E402
from families import shipped  # noqa: E402
from results import finish  # noqa: E402
from kernel_log import KernelLog  # noqa: E402
from stalled_dump import StalledDump  # noqa: E402

TOTALS = ("requests", "answered", "lost", "mismatched", "failed", "echoes", "dumps", "dump_messages", "errors")


def mixed(binary, threads, requests, seed):
    return [binary, "mixed", "--threads", str(threads), "--requests", str(requests), "--seed", str(seed),
            "--hang-seconds", "60"]


def outcome(proc, out):
    try:
        line = json.loads(out.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        line = {"unparsed": out[-500:]}
    line["exit"] = proc.returncode
    return line


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gnl-stress", required=True)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--processes", type=int, default=16)
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--json", type=pathlib.Path)
    args = parser.parse_args()

    log = KernelLog()
    foobar = next(f for f in shipped() if f.name == "gnl_foobar_xmpl")
    with wire.RawSocket() as sock:
        fid = sock.resolve(foobar.name)
    if fid is None:
        sys.exit("gnl_foobar_xmpl is not registered (load the modules: scripts/with-module.sh)")
    result, ok = {}, True
    with contextlib.closing(StalledDump(fid, foobar)) as stalled:
        result["stalled_dump_read_before"] = len(stalled.received)

        start = time.monotonic()
        proc = subprocess.run(mixed(args.gnl_stress, args.threads, args.requests, 16), capture_output=True, text=True)
        result["threads"] = outcome(proc, proc.stdout + proc.stderr)
        result["threads"]["wall_s"] = round(time.monotonic() - start, 1)

        start = time.monotonic()
        procs = [subprocess.Popen(mixed(args.gnl_stress, 1, args.requests, 1000 + i), stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True) for i in range(args.processes)]
        lines = [outcome(p, p.communicate()[0]) for p in procs]
        total = {k: sum(line.get(k, 0) for line in lines) for k in TOTALS}
        total["processes"] = args.processes
        total["exits"] = sorted({line["exit"] for line in lines})
        total["problems"] = [p for line in lines for p in line.get("problems", [])][:5]
        total["wall_s"] = round(time.monotonic() - start, 1)
        result["processes"] = total

        result["stalled_dump_resumed"] = stalled.still_dumping()

    for run, expected in (("threads", args.threads * args.requests), ("processes", args.processes * args.requests)):
        r = result[run]
        good = r.get("answered") == expected and r.get("lost") == 0 and r.get("mismatched") == 0 \
            and r.get("failed") == 0 and (r.get("exit") == 0 or r.get("exits") == [0])
        ok &= good
        r["ok"] = good
    result["kernel_log_bad_lines"] = log.bad_lines()
    ok &= not result["kernel_log_bad_lines"]
    result["ok"] = ok
    finish(result, args.json)


if __name__ == "__main__":
    main()
