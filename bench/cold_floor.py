"""The floor under a cold start: how long an empty static Swift program and an empty
static C program take to start and exit, beside swift-raw's and c-raw-static's cold
nlctrl look-up (`bench-resolve 1`), all taking turns in one run, natively. With
syscalls and minor page faults per process. Writes a Markdown report.

    python3 bench/cold_floor.py --bin DIR --runs N --out FILE

DIR holds swift-empty, c-empty (scripts/cold-floor.sh builds them), gnl-bench and
c-raw-static (scripts/bench.sh builds those).
"""
import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from driver import percentile, spawn_ns_and_faults, strace_counts  # noqa: E402

PROGRAMS = {
    "c-empty": ["c-empty"],
    "swift-empty": ["swift-empty"],
    "c-raw-static": ["c-raw-static", "bench-resolve", "1"],
    "swift-raw": ["gnl-bench", "--backend", "raw", "bench-resolve", "1"],
}


def syscalls(argv):
    """Syscalls of one whole process, counted as the benchmark counts them."""
    with tempfile.NamedTemporaryFile(suffix=".strace") as trace:
        return strace_counts(argv, trace.name)[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    argv = {name: [os.path.join(args.bin, p[0]), *p[1:]] for name, p in PROGRAMS.items()}
    times = {name: [] for name in argv}
    faults = {name: [] for name in argv}
    for i in range(args.runs):
        order = list(argv) if i % 2 == 0 else list(argv)[::-1]
        for name in order:
            ns, minflt = spawn_ns_and_faults(argv[name])
            times[name].append(ns)
            faults[name].append(minflt)
    p50 = {name: percentile(sorted(t), 50) for name, t in times.items()}
    p99 = {name: percentile(sorted(t), 99) for name, t in times.items()}
    counts = {name: syscalls(a) for name, a in argv.items()}

    lines = [
        "# The floor under a cold start",
        "",
        "Written by `scripts/cold-floor.sh` (after `scripts/bench.sh`, which builds the clients):",
        f"{args.runs} runs of each, taking turns (the order reversed every other run), natively.",
        "`swift-empty` is an empty `main.swift` and `c-empty` an empty `main`, linked as the",
        "clients are (`swiftc -O -static-executable` with Sources/SwiftRuntimeSettings, `clang -O2 -static`): what a static",
        "program of each language costs before it does anything.",
        "",
        "| program | cold p50 µs | p99 µs | minor faults (median) | syscalls |",
        "|---|---|---|---|---|",
    ]
    for name in argv:
        lines.append(f"| {name} | {p50[name] / 1000:.0f} | {p99[name] / 1000:.0f} | "
                     f"{percentile(sorted(faults[name]), 50)} | {counts[name]} |")
    floor = p50["swift-empty"] / p50["c-empty"]
    whole = p50["swift-raw"] / p50["c-raw-static"]
    floor_ratio = p50["swift-empty"] / p50["c-raw-static"]
    work_swift = p50["swift-raw"] - p50["swift-empty"]
    work_c = p50["c-raw-static"] - p50["c-empty"]
    # The conclusion the numbers support, not one written in advance.
    reach = ("no static Swift program can start within 1.05 × c-raw-static here"
             if floor_ratio > 1.05 else "a static Swift program can start within 1.05 × c-raw-static here")
    lines += [
        "",
        f"- An empty static Swift program takes {floor:.2f} × an empty static C one, and "
        f"{floor_ratio:.2f} × c-raw-static's whole cold look-up: {reach}.",
        f"- swift-raw's cold look-up is {whole:.2f} × c-raw-static's; above each language's "
        f"empty program, swift-raw's own work takes {work_swift / 1000:.0f} µs and "
        f"c-raw-static's {work_c / 1000:.0f} µs ({work_swift / work_c:.2f} ×).",
        "",
    ]
    with open(args.out, "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
