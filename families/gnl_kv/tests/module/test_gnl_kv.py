"""The gnl_kv family on the wire, from an independent client. Needs the module loaded (VM suite).

A raw socket (nlraw) asserts every header: sequence numbers and ports of replies,
NLM_F_MULTI and NLM_F_DUMP_INTR, the extended ACK of every refusal, what the
events group announces. The tests use the initial namespace's store and leave it
empty; the namespace tests make their own.
"""
import errno
import socket
import subprocess

import pytest

import kv
import nlraw
from kv import CMD, CONST, ENTRY, KV, Child, KvSocket, entry_attrs, entry_of, in_child, notifications
from nlraw import NLM_F_DUMP, NLM_F_DUMP_INTR, NLM_F_MULTI, NLM_F_REQUEST, attr, attr_str


def empty_store(sock):
    for entry in sock.dump():
        sock.delete(entry["key"])


@pytest.fixture
def sock():
    s = KvSocket()
    empty_store(s)
    yield s
    empty_store(s)
    s.close()


@pytest.fixture
def listener():
    s = KvSocket()
    s.subscribe()
    yield s
    s.close()


# -- set, get, delete, dump ---------------------------------------------------

def test_set_then_get_returns_every_field_with_the_request_seq(sock):
    value = bytes(range(256)) * 2  # any bytes, NULs included
    written = sock.set("alpha", value, tags=["red", "green", "red"])
    assert written["key"] == "alpha" and written["version"] > 1
    assert "value" not in written  # the set's answer: key and version only
    seq, (reply,) = sock.request(CMD["GET"], entry_attrs("alpha"))
    assert (reply.seq, reply.pid, reply.cmd) == (seq, sock.port, CMD["GET"])
    assert not reply.flags & NLM_F_MULTI
    assert entry_of(reply) == {"key": "alpha", "value": value, "tags": ["red", "green", "red"],
                               "version": written["version"]}


def test_replacing_an_entry_bumps_its_version(sock):
    first = sock.set("k", b"1")["version"]
    second = sock.set("k", b"2", tags=["new"])["version"]
    assert second > first
    assert sock.get("k") == {"key": "k", "value": b"2", "tags": ["new"], "version": second}
    assert len(sock.dump()) == 1


def test_exclusive_set_refuses_an_existing_key(sock):
    sock.set("once", b"x", exclusive=True)
    e = sock.rejected(CMD["SET"], entry_attrs("once", b"y") + attr(KV["EXCLUSIVE"], b""))
    assert e.errno == errno.EEXIST and e.extack == "an entry has this KEY already"
    assert e.offset is not None
    assert sock.get("once")["value"] == b"x"


def test_delete_removes_the_entry(sock):
    sock.set("gone", b"x")
    sock.delete("gone")
    e = sock.rejected(CMD["GET"], entry_attrs("gone"))
    assert e.errno == errno.ENOENT and e.extack == "no entry has this KEY" and e.offset is not None
    e = sock.rejected(CMD["DELETE"], entry_attrs("gone"))
    assert e.errno == errno.ENOENT and e.extack == "no entry has this KEY"


def test_dump_lists_every_entry_in_key_order_with_the_request_seq(sock):
    for key in ["m", "b", "z", "a", "k"]:
        sock.set(key, key.encode() * 3, tags=[key])
    seq, messages = sock.request(CMD["GET"], b"", NLM_F_REQUEST | NLM_F_DUMP)
    assert [entry_of(m)["key"] for m in messages] == ["a", "b", "k", "m", "z"]
    for m in messages:
        assert (m.seq, m.pid, m.cmd) == (seq, sock.port, CMD["GET"])
        assert m.flags & NLM_F_MULTI and not m.flags & NLM_F_DUMP_INTR
        assert entry_of(m)["value"] == entry_of(m)["key"].encode() * 3


def test_an_empty_store_dumps_nothing(sock):
    assert sock.dump() == []


def test_the_largest_entry_the_spec_allows_round_trips(sock):
    key = "k" * CONST["KEY_MAX_LEN"]
    tags = [str(i) * CONST["TAG_MAX_LEN"] for i in range(CONST["MAX_TAGS"])]
    value = b"v" * CONST["VALUE_MAX_LEN"]
    sock.set(key, value, tags)
    assert sock.get(key)["value"] == value and sock.get(key)["tags"] == tags
    assert sock.dump()[0]["tags"] == tags


# -- refusals: errno and extended ACK ----------------------------------------

@pytest.mark.parametrize("cmd", ["GET", "SET", "DELETE"])
def test_a_request_without_entry_names_the_missing_attribute(sock, cmd):
    e = sock.rejected(CMD[cmd], b"")
    assert e.errno == errno.EINVAL and e.missing == KV["ENTRY"] and e.extack == "ENTRY is required"


@pytest.mark.parametrize("cmd", ["GET", "SET", "DELETE"])
def test_an_entry_without_key_names_the_missing_attribute(sock, cmd):
    e = sock.rejected(CMD[cmd], entry_attrs(value=b"x"))
    assert e.errno == errno.EINVAL and e.missing == ENTRY["KEY"] and e.extack == "the ENTRY needs a KEY"


def test_set_needs_a_value(sock):
    e = sock.rejected(CMD["SET"], entry_attrs("k"))
    assert e.errno == errno.EINVAL and e.missing == ENTRY["VALUE"] and e.extack == "the ENTRY needs a VALUE"


@pytest.mark.parametrize("body, text", [
    (entry_attrs("", b"x"), "KEY is empty"),
    (entry_attrs("k", b"x", version=7), "VERSION is the kernel's to set"),
    (entry_attrs("k", b"x", tags=["t"] * (CONST["MAX_TAGS"] + 1)), f"too many TAGs (at most {CONST['MAX_TAGS']})"),
])
def test_set_refuses_what_the_handler_checks(sock, body, text):
    e = sock.rejected(CMD["SET"], body)
    assert e.errno == errno.EINVAL and e.extack == text and e.offset is not None
    assert sock.dump() == []


@pytest.mark.parametrize("body", [
    entry_attrs("k" * (CONST["KEY_MAX_LEN"] + 1), b"x"),
    entry_attrs("k", b"v" * (CONST["VALUE_MAX_LEN"] + 1)),
    entry_attrs("k", b"x", tags=["t" * (CONST["TAG_MAX_LEN"] + 1)]),
    kv.nest(KV["ENTRY"], attr(ENTRY["KEY"], b"unterminated")),
    attr(KV["ENTRY"], attr_str(ENTRY["KEY"], "k")),   # a nest without NLA_F_NESTED
])
def test_set_refuses_what_the_policy_checks(sock, body):
    e = sock.rejected(CMD["SET"], body)
    assert e.errno in (errno.EINVAL, errno.ERANGE) and e.extack and e.offset is not None


@pytest.mark.parametrize("cmd", ["GET", "DELETE"])
def test_get_and_delete_take_the_key_only(sock, cmd):
    sock.set("k", b"x")
    e = sock.rejected(CMD[cmd], entry_attrs("k", b"x"))
    assert e.errno == errno.EINVAL and e.extack == "this command takes the ENTRY's KEY only"


def test_a_full_store_refuses_a_new_key_but_replaces_an_old_one(sock):
    for i in range(CONST["MAX_ENTRIES"]):
        sock.set(f"key{i:04}", b"")
    e = sock.rejected(CMD["SET"], entry_attrs("one-too-many", b""))
    assert e.errno == errno.ENOSPC and e.extack == f"gnl_kv: the store is full ({CONST['MAX_ENTRIES']} entries)"
    sock.set("key0000", b"replaced")
    assert len(sock.dump()) == CONST["MAX_ENTRIES"]


def test_notification_commands_are_not_requests(sock):
    for cmd in ("SET_NTF", "DELETE_NTF"):
        assert sock.rejected(CMD[cmd], entry_attrs("k")).errno == errno.EOPNOTSUPP


# -- privilege: writes need CAP_NET_ADMIN, reads do not ------------------------

NOBODY = 65534


def test_an_unprivileged_caller_reads_but_cannot_write(sock):
    sock.set("public", b"readable")

    def as_nobody():
        s = KvSocket()
        outcome = {"get": s.get("public")["value"], "dump": [e["key"] for e in s.dump()]}
        for cmd, body in [("SET", entry_attrs("public", b"mine")), ("DELETE", entry_attrs("public"))]:
            error = s.rejected(CMD[cmd], body)
            outcome[cmd] = (error.errno, error.extack)
        s.subscribe()  # the events group is open to all
        return outcome

    outcome = in_child(as_nobody, uid=NOBODY)
    assert outcome["get"] == b"readable" and outcome["dump"] == ["public"]
    # The genetlink core refuses before any handler runs: no extended ACK message.
    assert outcome["SET"] == (errno.EPERM, None) and outcome["DELETE"] == (errno.EPERM, None)
    assert sock.get("public")["value"] == b"readable"


def test_an_unprivileged_listener_hears_changes(sock):
    def listen_as_nobody(ready):
        s = KvSocket()
        s.subscribe()
        ready()
        return [entry_of(m)["key"] for m in notifications(s)]

    listener = Child(listen_as_nobody, uid=NOBODY)
    listener.wait_ready()
    sock.set("heard", b"x")
    assert listener.result() == ["heard"]


# -- namespaces: one store each ----------------------------------------------

def test_namespaces_have_stores_of_their_own(sock):
    sock.set("shared-key", b"init")
    with kv.Netns("kv-a") as a, kv.Netns("kv-b") as b:
        in_child(lambda: KvSocket().set("shared-key", b"from a"), netns=a)
        in_child(lambda: KvSocket().set("only-in-b", b"b", tags=["b"]), netns=b)
        seen_a = in_child(lambda: [(e["key"], e["value"]) for e in KvSocket().dump()], netns=a)
        seen_b = in_child(lambda: [(e["key"], e["value"]) for e in KvSocket().dump()], netns=b)
        assert seen_a == [("shared-key", b"from a")]
        assert seen_b == [("only-in-b", b"b")]
        assert [(e["key"], e["value"]) for e in sock.dump()] == [("shared-key", b"init")]
        # Versions count per namespace, too: b's first change is its first.
        assert in_child(lambda: KvSocket().get("only-in-b")["version"], netns=b) == 2
    # Deleting a namespace with entries frees them (with-module.sh checks for leaks at unload).


def test_a_listener_hears_its_own_namespace_only(sock, listener):
    with kv.Netns("kv-c") as c:
        in_child(lambda: KvSocket().set("elsewhere", b"x"), netns=c)
        sock.set("here", b"x")
        assert [entry_of(m)["key"] for m in notifications(listener)] == ["here"]


# -- dumps across a change: NLM_F_DUMP_INTR -----------------------------------

def fill(sock, count, size=1000):
    for i in range(count):
        sock.set(f"entry-{i:03}", bytes([i % 256]) * size)


# 100 entries of ~1 KiB: four datagrams of at most 32 KiB. The kernel fills the first
# when the dump starts and the next one each time the reader takes one, so after the
# first recv two are out and two are still to come.
BIG_DUMP = 100


def rest_of_dump(sock, seq):
    """The dump's remaining messages, NLMSG_DONE included."""
    messages = []
    while not messages or messages[-1].type != nlraw.NLMSG_DONE:
        messages += sock.recv_datagram()
    assert all(m.seq == seq for m in messages)
    return messages


def test_a_dump_across_a_write_is_flagged_and_a_new_dump_is_consistent(sock):
    fill(sock, BIG_DUMP)
    writer = KvSocket()
    seq = sock.send(sock.family, CMD["GET"], b"", NLM_F_REQUEST | NLM_F_DUMP)
    first = sock.recv_datagram()
    assert all(m.flags & NLM_F_MULTI and not m.flags & NLM_F_DUMP_INTR for m in first)
    writer.set("entry-000", b"changed while dumping")  # before the third dumpit call
    rest = rest_of_dump(sock, seq)
    writer.close()
    # The first message a dumpit call puts after the change carries the flag; the
    # reader must take the whole dump as possibly inconsistent.
    flagged = [i for i, m in enumerate(rest) if m.flags & NLM_F_DUMP_INTR]
    assert len(flagged) == 1 and rest[flagged[0] - 1].datagram < rest[flagged[0]].datagram
    partial = [entry_of(m)["key"] for m in first + rest[:-1]]
    assert partial == [f"entry-{i:03}" for i in range(BIG_DUMP)]  # stale: entry-000 is old
    # Dumped again with nothing changing: complete, unflagged, the change in it.
    seq, messages = sock.request(CMD["GET"], b"", NLM_F_REQUEST | NLM_F_DUMP)
    assert not any(m.flags & NLM_F_DUMP_INTR for m in messages)
    entries = [entry_of(m) for m in messages]
    assert len(entries) == BIG_DUMP and entries[0]["value"] == b"changed while dumping"


def test_a_dump_without_changes_is_not_flagged(sock):
    fill(sock, BIG_DUMP)
    datagrams = sock.datagrams
    seq, messages = sock.request(CMD["GET"], b"", NLM_F_REQUEST | NLM_F_DUMP)
    assert len(messages) == BIG_DUMP and sock.datagrams - datagrams >= 4
    assert not any(m.flags & NLM_F_DUMP_INTR for m in messages)


# -- the events group: one notification per change ----------------------------

def test_every_change_is_announced_once_in_order_after_it_is_visible(sock, listener):
    reader = KvSocket()
    v1 = sock.set("note", b"one", tags=["t"])["version"]
    v2 = sock.set("note", b"two")["version"]
    sock.rejected(CMD["SET"], entry_attrs("note", b"three") + attr(KV["EXCLUSIVE"], b""))  # no change: no news
    sock.rejected(CMD["DELETE"], entry_attrs("absent"))
    sock.delete("note")
    messages = notifications(listener)
    assert [m.cmd for m in messages] == [CMD["SET_NTF"], CMD["SET_NTF"], CMD["DELETE_NTF"]]
    for m in messages:
        assert (m.seq, m.pid) == (0, 0) and not m.flags & NLM_F_MULTI
    first, second, deleted = (entry_of(m) for m in messages)
    assert first == {"key": "note", "value": b"one", "tags": ["t"], "version": v1}
    assert second == {"key": "note", "value": b"two", "tags": [], "version": v2}
    assert deleted["key"] == "note" and deleted["version"] > v2 and "value" not in deleted
    # Sent after the change was visible: a reader sees the state each describes.
    assert reader.rejected(CMD["GET"], entry_attrs("note")).errno == errno.ENOENT


def test_a_slow_listener_overruns_with_enobufs_and_resyncs_from_a_dump(sock):
    slow = KvSocket()
    slow.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # the kernel's minimum, about two notifications
    slow.subscribe()
    fill(sock, 40)
    with pytest.raises(OSError) as overrun:
        while True:
            slow.sock.settimeout(5)
            slow.recv_datagram()
    assert overrun.value.errno == errno.ENOBUFS
    notifications(slow, timeout=0.2)  # what was queued before the overrun
    # Resynchronised from a dump: the kernel's state; then changes arrive again.
    state = {e["key"]: e["value"] for e in slow.dump()}
    assert state == {f"entry-{i:03}": bytes([i]) * 1000 for i in range(40)}
    sock.set("after", b"x")
    assert [entry_of(m)["key"] for m in notifications(slow)] == ["after"]
    slow.close()


# -- the module goes away while clients are open ------------------------------

def rmmod():
    return subprocess.run(["rmmod", kv.NAME], capture_output=True, text=True)


def insmod():
    subprocess.run(["insmod", str(kv.MODULE)], check=True)


@pytest.fixture
def reload_guard():
    """Whatever the test does, the module is loaded again after it (with-module.sh unloads it)."""
    yield
    if subprocess.run(["grep", "-q", f"^{kv.NAME} ", "/proc/modules"]).returncode != 0:
        insmod()


def test_an_open_dump_holds_the_module(reload_guard):
    reader = KvSocket()
    fill(reader, BIG_DUMP)
    seq = reader.send(reader.family, CMD["GET"], b"", NLM_F_REQUEST | NLM_F_DUMP)
    reader.recv_datagram()
    refused = rmmod()
    assert refused.returncode != 0 and "in use" in refused.stderr
    assert len(reader.receive(seq)) > 0  # the dump goes on to its end
    reader.close()
    assert rmmod().returncode == 0  # with the entries stored: freed at unload
    insmod()


def test_clients_open_across_a_reload_get_a_clean_errno(reload_guard):
    client, listener = KvSocket(), KvSocket()
    listener.subscribe()
    client.set("before", b"x")
    notifications(listener)
    old_family = client.family
    assert rmmod().returncode == 0  # with a listener in the group and entries stored
    client.sock.settimeout(5)       # an answer, never a hang
    e = client.rejected(CMD["GET"], entry_attrs("before"))
    assert e.errno == errno.ENOENT  # no family has the old id
    insmod()
    fresh = KvSocket()  # resolved again: works, with an empty store
    assert fresh.dump() == []
    if fresh.family != old_family:
        assert client.rejected(CMD["GET"], entry_attrs("before")).errno == errno.ENOENT
    fresh.set("after", b"x")
    # The old listener's membership went with the old family: it hears nothing.
    assert notifications(listener, timeout=0.3) == []
    fresh.delete("after")
    for s in (client, listener, fresh):
        s.close()
