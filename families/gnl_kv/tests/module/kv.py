"""gnl_kv for its tests: the family's numbers, read from its spec, and a client.

The numbers are read from the spec by the example family's ynl.py, not taken
from what gnl-gen generated, so the tests check the generated code as well. The
client is nlraw's raw socket: every header is there to assert.
"""
import ctypes
import os
import pathlib
import pickle
import socket
import struct
import subprocess

import nlraw
import ynl
from nlraw import NLM_F_ACK, NLM_F_DUMP, NLM_F_REQUEST, attr, attr_str

FAMILY_DIR = pathlib.Path(__file__).resolve().parents[2]
SPEC = ynl.load(FAMILY_DIR / "gnl_kv.yaml")
MODULE = FAMILY_DIR / "kernel" / "gnl_kv.ko"

NAME = SPEC["name"]
CONST = ynl.constants(SPEC)                     # CONST["KEY_MAX_LEN"], ...
SETS = {s["name"]: ynl.numbered(s["attributes"]) for s in SPEC["attribute-sets"]}
ENTRY, KV = SETS["entry"], SETS["kv"]          # ENTRY["KEY"], KV["EXCLUSIVE"], ...
CMD = ynl.numbered(SPEC["operations"]["list"])  # CMD["GET"], CMD["SET_NTF"], ...

NLA_F_NESTED = 0x8000
SOL_NETLINK, NETLINK_ADD_MEMBERSHIP = 270, 1
CTRL_ATTR_MCAST_GROUPS, CTRL_ATTR_MCAST_GRP_NAME, CTRL_ATTR_MCAST_GRP_ID = 7, 1, 2


def nest(kind, payload):
    return attr(kind | NLA_F_NESTED, payload)


def entry_attrs(key=None, value=None, tags=(), version=None):
    body = b""
    if key is not None:
        body += attr_str(ENTRY["KEY"], key)
    if value is not None:
        body += attr(ENTRY["VALUE"], value)
    for tag in tags:
        body += attr_str(ENTRY["TAG"], tag)
    if version is not None:
        body += attr(ENTRY["VERSION"], struct.pack("=Q", version))
    return nest(KV["ENTRY"], body)


def parse_entries(data):
    """The ENTRY nest's attributes, TAGs (multi-attr) kept in order."""
    fields, tags, off = {}, [], 0
    while off + 4 <= len(data):
        length, kind = struct.unpack_from("=HH", data, off)
        payload = data[off + 4:off + length]
        kind &= nlraw.NLA_TYPE_MASK
        if kind == ENTRY["TAG"]:
            tags.append(payload.rstrip(b"\0").decode())
        elif kind == ENTRY["KEY"]:
            fields["key"] = payload.rstrip(b"\0").decode()
        elif kind == ENTRY["VALUE"]:
            fields["value"] = payload
        elif kind == ENTRY["VERSION"]:
            fields["version"] = struct.unpack("=Q", payload)[0]
        off += nlraw.align4(length)
    fields["tags"] = tags
    return fields


def entry_of(message):
    return parse_entries(message.attrs[KV["ENTRY"]])


class KvSocket(nlraw.GenlSocket):
    """A raw socket speaking gnl_kv: requests as bytes in, messages out."""

    def __init__(self):
        super().__init__()
        self.family, self.groups = self.resolve_with_groups(NAME)

    def resolve_with_groups(self, name):
        seq = self.send(nlraw.GENL_ID_CTRL, nlraw.CTRL_CMD_GETFAMILY, attr_str(nlraw.CTRL_ATTR_FAMILY_NAME, name))
        (reply,) = self.receive(seq)
        groups = {}
        for group in nlraw.parse_attrs(reply.attrs.get(CTRL_ATTR_MCAST_GROUPS, b"")).values():
            fields = nlraw.parse_attrs(group)
            groups[fields[CTRL_ATTR_MCAST_GRP_NAME].rstrip(b"\0").decode()] = struct.unpack(
                "=I", fields[CTRL_ATTR_MCAST_GRP_ID])[0]
        return struct.unpack("=H", reply.attrs[nlraw.CTRL_ATTR_FAMILY_ID])[0], groups

    def request(self, cmd, body=b"", flags=NLM_F_REQUEST):
        seq = self.send(self.family, cmd, body, flags)
        return seq, self.receive(seq)

    def set(self, key, value=b"", tags=(), exclusive=False):
        """The set's reply: the entry's key and new version."""
        body = entry_attrs(key, value, tags) + (attr(KV["EXCLUSIVE"], b"") if exclusive else b"")
        _, (reply,) = self.request(CMD["SET"], body)
        return entry_of(reply)

    def get(self, key):
        _, (reply,) = self.request(CMD["GET"], entry_attrs(key))
        return entry_of(reply)

    def delete(self, key):
        _, replies = self.request(CMD["DELETE"], entry_attrs(key), NLM_F_REQUEST | NLM_F_ACK)
        assert replies == []

    def dump(self):
        return [entry_of(m) for m in self.request(CMD["GET"], b"", NLM_F_REQUEST | NLM_F_DUMP)[1]]

    def rejected(self, cmd, body, flags=NLM_F_REQUEST):
        """The kernel's refusal of a request (nlraw.KernelError)."""
        seq = self.send(self.family, cmd, body, flags)
        try:
            self.receive(seq)
        except nlraw.KernelError as error:
            assert error.seq == seq
            return error
        raise AssertionError("the request was not refused")

    def subscribe(self, group="events"):
        self.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, self.groups[group])


def notifications(sock, timeout=5.0):
    """The messages queued on a subscribed socket: waits `timeout` for the first,
    then takes whatever else is queued without waiting."""
    messages = []
    sock.sock.settimeout(timeout)
    try:
        while True:
            messages += sock.recv_datagram()
            sock.sock.settimeout(0)
    except (BlockingIOError, socket.timeout):
        pass
    finally:
        sock.sock.settimeout(None)
    return messages


# -- running a test's function in another namespace or as another user ------

CLONE_NEWNET = 0x40000000
_libc = ctypes.CDLL(None, use_errno=True)


class Child:
    """`function(ready)` run in a forked child, in the named network namespace (as
    `ip netns exec` enters it: setns on /run/netns/NAME) and/or as `uid` with no
    capabilities. The child calls `ready()` when the parent may go on
    (`wait_ready`); `result()` returns what it returned, or fails with its error."""

    def __init__(self, function, netns=None, uid=None):
        ready_r, ready_w = os.pipe()
        result_r, result_w = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns into pytest
            os.close(ready_r)
            os.close(result_r)
            try:
                if netns is not None:
                    with open(f"/run/netns/{netns}") as ns:
                        if _libc.setns(ns.fileno(), CLONE_NEWNET) != 0:
                            raise OSError(ctypes.get_errno(), "setns")
                if uid is not None:
                    os.setgroups([])
                    os.setresgid(uid, uid, uid)
                    os.setresuid(uid, uid, uid)  # leaving uid 0 drops every capability
                outcome = (True, function(lambda: os.write(ready_w, b"!")))
            except BaseException as error:  # noqa: B036 - everything goes back to the parent
                outcome = (False, f"{type(error).__name__}: {error}")
            with os.fdopen(result_w, "wb") as out:
                pickle.dump(outcome, out)
            os._exit(0)
        os.close(ready_w)
        os.close(result_w)
        self.ready, self.results = os.fdopen(ready_r, "rb"), os.fdopen(result_r, "rb")

    def wait_ready(self):
        assert self.ready.read(1) == b"!", "the child ended before it was ready"

    def result(self):
        ok, value = pickle.load(self.results)
        os.waitpid(self.pid, 0)
        self.ready.close()
        self.results.close()
        if not ok:
            raise AssertionError(f"in the child: {value}")
        return value


def in_child(function, netns=None, uid=None):
    """`function()` run in a child (see Child); its result."""
    return Child(lambda ready: function(), netns=netns, uid=uid).result()


class Netns:
    """A named network namespace (`ip netns add`), deleted on exit."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        subprocess.run(["ip", "netns", "add", self.name], check=True)
        return self.name

    def __exit__(self, *exc):
        subprocess.run(["ip", "netns", "del", self.name], check=True)
