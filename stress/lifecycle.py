#!/usr/bin/env python3
"""Modules coming and going under load (issue 16, item 4).

    lifecycle.py --gnl-stress PATH --cycles N [--json FILE]

Every shipped family's module is unloaded and loaded again N times while clients
hammer them: Python raw-socket clients, one per family, opened before the first
unload (requests to gnl_foobar_xmpl's echo and dump, gnl_kv's dump), and the
Swift client (`gnl-stress hammer`), also opened before. Every request must end in
its right answer or a clean errno while the family is away (ENOENT, EOPNOTSUPP,
EPROTONOSUPPORT for a dump started while rmmod runs),
never in a hang (every receive times out). Then, with a dump stalled unread
(StalledDump), rmmod must refuse, promptly, while the dump holds the module, and
succeed once that socket is closed. Every rmmod must return within a timeout,
the families must answer their probes at the end and the kernel log must stay
clean. Needs root and the modules loaded (scripts/with-module.sh); leaves them loaded.
"""
import argparse
import collections
import errno
import json
import pathlib
import select
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).parent))

import probes  # noqa: E402
import wire  # noqa: E402
from families import shipped  # noqa: E402
from results import finish  # noqa: E402
from kernel_log import KernelLog  # noqa: E402
from stalled_dump import StalledDump  # noqa: E402

# The family is gone (ENOENT, or EOPNOTSUPP for a stale id), or going: a dump started
# while rmmod runs cannot take a reference on the module (EPROTONOSUPPORT).
GONE = {errno.ENOENT, errno.EOPNOTSUPP, errno.EPROTONOSUPPORT}
COMMAND_TIMEOUT = 30


def module_command(*argv):
    """(exit status, output) of insmod/rmmod; a hang (past the timeout) is a finding."""
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=COMMAND_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, f"{' '.join(map(str, argv))} hung for {COMMAND_TIMEOUT} s"
    return proc.returncode, (proc.stdout + proc.stderr).strip()


def loaded(name):
    return any(line.split()[0] == name for line in pathlib.Path("/proc/modules").read_text().splitlines())


class Hammer(threading.Thread):
    """One family's raw-socket client, opened once, sending until stopped."""

    def __init__(self, family, findings):
        super().__init__(daemon=True)
        self.family, self.findings = family, findings
        self.sock = wire.RawSocket(timeout=10.0)
        self.fid = self.sock.resolve(family.name)
        self.stop = threading.Event()
        self.tally = collections.Counter()

    def request(self):
        f = self.family
        if f.name == "gnl_foobar_xmpl":
            a = {n: x.value for n, x in f.sets["attrs"].items()}
            if self.tally["sent"] % 3:
                replies, code, _ = self.sock.request(self.fid, f.command("echo-msg").value, wire.attr_str(a["msg"], "hammer"))
                right = code != 0 or [r.genl()[1].get(a["msg"]) for r in replies] == [b"hammer\0"]
            else:
                replies, code, _ = self.sock.request(self.fid, f.command("echo-msg").value, wire.attr_u32(a["dump-count"], 50),
                                                     wire.NLM_F_REQUEST | wire.NLM_F_DUMP)
                right = code != 0 or len(replies) == 50
        else:
            replies, code, _ = self.sock.request(self.fid, f.command("get").value, b"", wire.NLM_F_REQUEST | wire.NLM_F_DUMP)
            right = True
        return code, right

    def run(self):
        while not self.stop.is_set():
            self.tally["sent"] += 1
            try:
                code, right = self.request()
            except (wire.Timeout, wire.Malformed) as error:
                self.findings.append(f"{self.family.name} hammer: {error}")
                return
            if code == 0 and right:
                self.tally["answered"] += 1
            elif code in GONE:
                self.tally["family gone"] += 1
                self.fid = self.sock.resolve(self.family.name) or self.fid
            else:
                self.findings.append(f"{self.family.name} hammer: errno {code}, right answer: {right}")
                self.tally["wrong"] += 1


# What rmmod says while a client's dump in flight holds the module: "in use" when kmod
# sees the reference first, EAGAIN when the dump takes it between kmod's look and the
# delete_module call.
HELD = ("in use", "Resource temporarily unavailable")


def unload(name, tally, patience=10.0):
    """rmmod, again while a client's dump in flight holds the module, for up to
    `patience` seconds: (exit status, output) of the last try."""
    deadline = time.monotonic() + patience
    while True:
        code, out = module_command("rmmod", name)
        if code == 0 or code is None or time.monotonic() > deadline or not any(h in out for h in HELD):
            return code, out
        tally["rmmod refused while a dump was in flight, tried again"] += 1
        time.sleep(0.02)


def cycles(families, count, findings, tally):
    """Unloads every module (in reverse order) and loads it again, `count` times."""
    timings = []
    for cycle in range(count):
        start = time.monotonic()
        for f in reversed(families):
            code, out = unload(f.name, tally)
            if code != 0:
                findings.append(f"cycle {cycle}: rmmod {f.name}: {out}")
        time.sleep(0.05)  # the hammers meet the families gone
        for f in families:
            code, out = module_command("insmod", str(f.module))
            if code != 0:
                findings.append(f"cycle {cycle}: insmod {f.module}: {out}")
        time.sleep(0.05)
        timings.append(time.monotonic() - start)
        if findings:
            break
    return timings


def stalled_unload(foobar, findings):
    """rmmod while a dump is stalled unread: refused (in use) while it is open, done once it is closed."""
    with wire.RawSocket() as sock:
        fid = sock.resolve(foobar.name)
    stalled = StalledDump(fid, foobar)
    code, out = module_command("rmmod", foobar.name)
    refused = {"exit": code, "said": out}
    if code == 0:
        findings.append("rmmod succeeded while a dump held the module (expected 'in use')")
    elif code is None:
        findings.append(out)
    stalled.close()
    deadline, code = time.monotonic() + 10, None
    while time.monotonic() < deadline:
        code, out = module_command("rmmod", foobar.name)
        if code == 0:
            break
        time.sleep(0.1)
    after_close = {"exit": code, "said": out}
    if code != 0:
        findings.append(f"rmmod still fails after the stalled dump's socket was closed: {out}")
    if not loaded(foobar.name):
        code, out = module_command("insmod", str(foobar.module))
        if code != 0:
            findings.append(f"insmod {foobar.module} after the stalled unload: {out}")
    return {"rmmod_while_stalled": refused, "rmmod_after_close": after_close}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gnl-stress", required=True)
    parser.add_argument("--cycles", type=int, default=50)
    parser.add_argument("--json", type=pathlib.Path)
    args = parser.parse_args()

    families = shipped()
    missing = [f.name for f in families if not loaded(f.name)]
    if missing:
        sys.exit(f"not loaded: {missing} (scripts/with-module.sh loads them)")
    log, findings, result = KernelLog(), [], {"cycles": args.cycles}
    hammers = [Hammer(f, findings) for f in families]
    stop_file = pathlib.Path(tempfile.mkdtemp()) / "stop"
    swift = subprocess.Popen([args.gnl_stress, "hammer", "--until-file", str(stop_file)],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    # The Swift client says when it is open (it resolves the family first).
    if not select.select([swift.stdout], [], [], 60)[0] or '"ready"' not in swift.stdout.readline():
        swift.kill()
        sys.exit(f"gnl-stress hammer did not open its client: {swift.communicate()[0][-400:]}")
    for h in hammers:
        h.start()
    start = time.monotonic()
    tally = collections.Counter()
    timings = cycles(families, args.cycles, findings, tally)
    result["cycles_done"] = len(timings)
    result["unload"] = dict(tally)
    result["cycle_s_max"] = round(max(timings, default=0), 2)
    time.sleep(0.5)  # the clients find the families again
    stop_file.touch()
    for h in hammers:
        h.stop.set()
        h.join(30)
        if h.is_alive():
            findings.append(f"{h.family.name} hammer still waiting 30 s after the last cycle")
    result["python_clients"] = {h.family.name: dict(h.tally) for h in hammers}
    try:
        out = swift.communicate(timeout=60)[0]
        result["swift_client"] = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
        result["swift_client"]["exit"] = swift.returncode
        if swift.returncode != 0:
            findings.append(f"gnl-stress hammer exited {swift.returncode}: {out[-400:]}")
    except (subprocess.TimeoutExpired, json.JSONDecodeError) as error:
        swift.kill()
        findings.append(f"gnl-stress hammer: {error}")
    for h in hammers:
        h.sock.close()
    result["cycles_seconds"] = round(time.monotonic() - start, 1)

    result.update(stalled_unload(next(f for f in families if f.name == "gnl_foobar_xmpl"), findings))
    try:
        probes.probe_all(families, tag="after the lifecycle run")
        result["probes"] = "answered"
    except probes.ProbeFailed as error:
        findings.append(f"probe after the lifecycle run: {error}")
    result["kernel_log_bad_lines"] = log.bad_lines()
    if result["kernel_log_bad_lines"]:
        findings.append("the kernel log has warnings (kernel_log_bad_lines)")
    result["findings"] = findings
    result["ok"] = not findings
    finish(result, args.json)


if __name__ == "__main__":
    main()
