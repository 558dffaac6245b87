#!/usr/bin/env python3
"""measurements/reliability.md from one run of scripts/stress.sh (its out/stress/ folder):

    report.py out/stress > measurements/reliability.md

Each figure comes with the command that produced it (out/stress/steps, which the
guest writes as it runs each step); a step that failed says so at the top.
"""
import errno
import json
import pathlib
import sys


# What a fuzzer statistic means, where its name does not say it all.
NOTES = {
    "long dumps given up (socket reopened)": " (a valid DUMP_COUNT of up to 10 million: read to 20,000 messages, "
    "right so far, then the socket closed)",
    "datagrams split (too long to send)": " (longer than the socket's send buffer: sent in halves, so that "
    "every message arrives)",
    "messages refused by send, alone (Message too long)": " (one oversized message longer than the socket's send "
    "buffer: the kernel never saw it; it is in the count above)",
}


def load(folder, name):
    path = folder / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def n(value):
    return f"{value:,}" if isinstance(value, int) else str(value)


def main():
    folder = pathlib.Path(sys.argv[1])
    steps = {}
    for line in (folder / "steps").read_text().splitlines():
        name, code, seconds, command = line.split("\t", 3)
        steps[name] = {"exit": int(code), "seconds": int(seconds), "command": command}
    log = (folder / "log").read_text(errors="replace") if (folder / "log").exists() else ""
    clean_log = "kernel log: no WARN/BUG/Oops/refcount/leak report" in log
    out = ["# Reliability under stress (issue 16)", "",
           "Written by `scripts/stress.sh` (full sizes) from one VM boot: Debian's "
           f"kernel under QEMU TCG (2 vCPUs, no KVM; `scripts/vm-run.sh`), every shipped family's module loaded by "
           "`scripts/with-module.sh`, which fails the run on any WARN/BUG/Oops/refcount/leak line in the kernel "
           "log. Each step's command ran in the guest from the repository's root; raw results in `out/stress/`. "
           "Rates are TCG rates (every guest instruction emulated, on a machine shared with other VMs): a floor, "
           "not what native hardware does.", ""]
    failed = [name for name, s in steps.items() if s["exit"] != 0]
    out += [f"**Steps:** {len(steps) - len(failed)} of {len(steps)} passed"
            + (f" — FAILED: {', '.join(failed)}" if failed else "")
            + (". Kernel log after the whole run: clean." if clean_log else ". Kernel log: see out/stress/log."), ""]

    def command(name):
        s = steps.get(name)
        return f"`{s['command']}` (exit {s['exit']}, {s['seconds']} s)" if s else "(not run)"

    fuzz = load(folder, "fuzz")
    out += ["## 1. The modules, fuzzed (item 2)", "", command("fuzz"), ""]
    if fuzz:
        errnos = ", ".join(f"{errno.errorcode.get(int(k), k) if k != '0' else '0'}: {n(v)}"
                           for k, v in fuzz["final_answers_by_errno"].items())
        out += [f"- **{n(fuzz['messages'])} messages** to every shipped family "
                f"({len(fuzz['requests'])} requests of seeds, do and dump), {n(fuzz['stats'].get('datagrams', 0))} "
                f"datagrams of up to {fuzz['batch']} messages, {fuzz.get('workers', 1)} fuzzing process(es), in "
                f"{n(fuzz['seconds'])} s ({n(fuzz['messages_per_second'])} messages/s).",
                f"- **Findings: {len(fuzz['findings'])}** (an answer missing, wrong, malformed, after the final one, "
                "a hang past the receive timeout, a failed probe or a kernel-log report).",
                f"- Probes (each family's known answers, on a fresh socket, every {n(fuzz['probe_every'])} messages "
                f"per process): {n(fuzz['stats'].get('probes answered', 0))} answered right.",
                f"- Final answers by errno (0: ACK or a clean NLMSG_DONE): {errnos}.",
                *(f"- {k}: {n(v)}" + NOTES.get(k, "") for k, v in fuzz["stats"].items()
                  if k not in ("datagrams", "probes answered")),
                "", "Messages by seed (family, command; a message may then be mutated):", "",
                table(["seed", "messages"], [(k, n(v)) for k, v in sorted(fuzz["requests"].items())]), "",
                "Mutations applied (a message has 1-4; `havoc` overwrites 1-4 bytes of a recent mutant):", "",
                table(["mutation", "times"], [(k, n(v)) for k, v in sorted(fuzz["mutations"].items(), key=lambda x: -x[1])]),
                ""]
        for f in fuzz["findings"][:10]:
            out += [f"- finding: {f['what']}"]

    conc = load(folder, "concurrency")
    out += ["## 2. Concurrency (item 3)", "", command("concurrency"), ""]
    if conc:
        rows = []
        for run in ("threads", "processes"):
            r = conc[run]
            clients = f"{r['threads']} threads" if run == "threads" else f"{r['processes']} processes"
            rows.append((clients, n(r["requests"]), n(r["answered"]), r["lost"], r["mismatched"], r["failed"],
                         f"{n(r['echoes'])} / {n(r['dumps'])} ({n(r['dump_messages'])} msgs) / {n(r['errors'])}",
                         r["wall_s"], "ok" if r["ok"] else "FAILED"))
        out += [table(["clients (one client each)", "requests", "answered", "lost", "mismatched", "failed",
                       "echo / dump / error", "wall s", ""], rows), "",
                f"Echo latency on {conc['threads']['threads']} threads at once (2 vCPUs, TCG): "
                f"{json.dumps(conc['threads'].get('echo_latency'))}.", "",
                f"A client stalled mid-dump throughout (a dump of 1,000,000 asked, {conc['stalled_dump_read_before']} "
                f"messages read, then nothing until the end) blocked nobody; afterwards it resumed where it stopped "
                f"({conc['stalled_dump_resumed']} messages read in all).", ""]

    life = load(folder, "lifecycle")
    out += ["## 3. Lifecycle (item 4)", "", command("lifecycle"), ""]
    if life:
        out += [f"- **{life['cycles_done']} of {life['cycles']} rmmod/insmod cycles** of every module in "
                f"{life['cycles_seconds']} s (slowest {life['cycle_s_max']} s), while clients opened before the first "
                "unload kept sending: ",
                *(f"  - Python raw socket, {name}: {json.dumps(t)}" for name, t in life["python_clients"].items()),
                f"  - Swift `GnlFoobarXmplClient` (`gnl-stress hammer`): {json.dumps(life.get('swift_client'))}",
                f"- rmmod tried again because a client's dump in flight held the module (\"in use\"): "
                f"{sum(life.get('unload', {}).values())} times",
                f"- rmmod with a dump stalled unread: exit {life['rmmod_while_stalled']['exit']}, "
                f"\"{life['rmmod_while_stalled']['said']}\"; once its socket was closed: exit "
                f"{life['rmmod_after_close']['exit']}.",
                f"- Probes after the run: {life.get('probes', 'FAILED')}; findings: {len(life['findings'])}"
                + (f" {life['findings'][:5]}" if life["findings"] else "") + ".", ""]

    priv = load(folder, "privilege")
    out += ["## 4. Privilege (item 5)", "", command("privilege"), ""]
    if priv:
        out += [table(["request (well-formed)", "admin-perm in the spec", f"answer to uid {priv['uid']}"],
                      [(r["request"], "yes" if r["admin_perm"] else "no", r["errno"]) for r in priv["requests"]]), "",
                f"Every admin-perm command refused with EPERM ({priv['admin_perm_refused']}), no other one: "
                f"{'yes' if priv['ok'] else 'NO: ' + str(priv['problems'])}. The core checks the permission before "
                "it parses a request, so any other answer (an ACK, a reply, the error command's EINVAL, a policy's "
                "EINVAL) says the request got past it.", ""]
    if "privilege-swift" in steps:
        out += ["The Swift client as the same user (the `GnlKvUnprivilegedTests` suite: the error is "
                "`NetlinkError` with `.notPermitted`, its operation and description name the command, "
                "`set: EPERM (1): …`): " + command("privilege-swift") + ".", ""]

    mem = load(folder, "memory")
    out += ["## 5. Memory (item 6)", "", command("memory"), ""]
    if mem:
        out += [f"- One dump of **{n(mem['messages'])} messages** streamed by `GnlFoobarXmplClient.dumpEchoMsg(_:each:)` "
                f"(each message decoded and checked): {n(mem['received'])} received in order, {mem['wrong']} wrong, "
                f"in {mem['seconds']} s ({n(mem['messages_per_second'])} messages/s).",
                f"- **Peak resident memory: {n(mem['peak_rss_kib_after'])} KiB** (VmHWM; {n(mem['peak_rss_kib_before'])} "
                f"KiB before the dump), bound {n(mem['bound_kib'])} KiB: {'within' if mem['ok'] else 'EXCEEDED'}.", ""]
    out += ["## Sharing across threads (item 3)", "",
            "Clients (`GenericNetlinkClient`, the generated `GnlFoobarXmplClient`/`GnlKvClient`, the libnl clients) "
            "are not `Sendable`: one per thread or task, as the concurrency run uses them; the package builds in the "
            "Swift 6 language mode, so the compiler refuses to send one across threads (`scripts/check-sendable.sh`, "
            "in the test suite). Messages, attributes, errors, headers, families, schemas, requests and decoded "
            "replies are `Sendable` values (README, \"Reliability under stress\").", ""]
    print("\n".join(out))


if __name__ == "__main__":
    main()
