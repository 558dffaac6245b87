"""Valid requests whose exact answers are known, one set per shipped family: the
fuzzer and the lifecycle test send them to see that a family still answers, and
answers right. Each probe raises ProbeFailed with what was wrong."""
import errno
import os
import struct

import wire
from families import shipped

PROBE_KEY = "stress-probe"  # and the prober's process id: fuzzers may probe side by side


class ProbeFailed(Exception):
    pass


def expect(condition, what):
    if not condition:
        raise ProbeFailed(what)


def probe_foobar(sock, family, fid, tag="probe"):
    a = {n: x.value for n, x in family.sets["attrs"].items()}
    echo = family.command("echo-msg").value
    replies, code, _ = sock.request(fid, echo, wire.attr_str(a["msg"], tag))
    expect(code == 0 and len(replies) == 1, f"echo: errno {code}, {len(replies)} replies")
    expect(replies[0].genl()[1].get(a["msg"]) == tag.encode() + b"\0", "echo: another text came back")
    replies, code, _ = sock.request(fid, echo, wire.attr_u32(a["dump-count"], 7), wire.NLM_F_REQUEST | wire.NLM_F_DUMP)
    indexes = [struct.unpack("=I", r.genl()[1][a["dump-index"]])[0] for r in replies]
    expect(code == 0 and indexes == list(range(7)), f"dump of 7: errno {code}, indexes {indexes}")
    _, code, text = sock.request(fid, family.command("reply-with-nlmsg-err").value)
    expect(code == family.constants["REPLY_ERRNO"] and text == family.constants["REPLY_ERR_MSG"],
           f"error: errno {code}, {text!r}")


def probe_kv(sock, family, fid, tag="probe"):
    e = {n: x.value for n, x in family.sets["entry"].items()}
    kv = {n: x.value for n, x in family.sets["kv"].items()}
    cmd = {c.name: c.value for c in family.commands}

    def entry(*attrs):
        return wire.attr(kv["entry"] | wire.NLA_F_NESTED, b"".join(attrs))

    replies, code, _ = sock.request(fid, cmd["get"], b"", wire.NLM_F_REQUEST | wire.NLM_F_DUMP)
    expect(code == 0, f"dump: errno {code}")
    keys = [wire.attrs_by_type(r.genl()[1][kv["entry"]])[e["key"]] for r in replies]
    if len(keys) > family.constants["MAX_ENTRIES"] // 2:
        # What the fuzzer stored: make room, so that the probe's own set must work
        # (another prober's key stays).
        for key in keys:
            if key.startswith(PROBE_KEY.encode()):
                continue
            _, code, _ = sock.request(fid, cmd["delete"], entry(wire.attr(e["key"], key)))
            expect(code in (0, errno.ENOENT), f"delete: errno {code}")
    value = tag.encode()
    key = f"{PROBE_KEY}-{os.getpid()}"
    replies, code, _ = sock.request(fid, cmd["set"], entry(wire.attr_str(e["key"], key), wire.attr(e["value"], value)))
    expect(code == 0 and len(replies) == 1, f"set: errno {code}")
    replies, code, _ = sock.request(fid, cmd["get"], entry(wire.attr_str(e["key"], key)))
    expect(code == 0 and len(replies) == 1, f"get: errno {code}")
    got = wire.attrs_by_type(replies[0].genl()[1][kv["entry"]])
    expect(got.get(e["value"]) == value, f"get: value {got.get(e['value'])!r}, not {value!r}")
    _, code, _ = sock.request(fid, cmd["delete"], entry(wire.attr_str(e["key"], key)))
    expect(code == 0, f"delete: errno {code}")


PROBES = {"gnl_foobar_xmpl": probe_foobar, "gnl_kv": probe_kv}


def probe_all(families=None, timeout=10.0, tag="probe", write=True):
    """Probes every shipped family on a fresh socket; the families must be loaded."""
    with wire.RawSocket(timeout) as sock:
        for family in families or shipped():
            fid = sock.resolve(family.name)
            expect(fid is not None, f"{family.name} is not registered")
            probe = PROBES.get(family.name)
            if probe is None:
                # A family with no probe of its own: nlctrl must still describe it.
                continue
            try:
                probe(sock, family, fid, tag)
            except (ProbeFailed, wire.Timeout, wire.Malformed) as error:
                raise ProbeFailed(f"{family.name}: {error}") from None
