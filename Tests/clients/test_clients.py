"""Every client's command line against the module (VM suite).

One table of clients, one set of cases: the C baselines and both backends of
the Swift CLI must print the same things for the same requests.
"""
import os
import pathlib
import subprocess

import pytest

import uapi

BIN = pathlib.Path(os.environ.get("BIN_DIR", pathlib.Path(__file__).resolve().parents[2] / ".build" / "debug"))

# name -> (argv prefix, argv prefix of its bench-* subcommands, how it asks for a dump
# of N). The Swift clients' bench-* subcommands are gnl-bench's, not the user CLI's.
CLIENTS = {
    "c-raw": ([BIN / "c-raw"], [BIN / "c-raw"], lambda n: ["dump", str(n)]),
    "c-libnl": ([BIN / "c-libnl"], [BIN / "c-libnl"], lambda n: ["dump", str(n)]),
    "swift-raw": ([BIN / "gnl-foobar", "--backend", "raw"], [BIN / "gnl-bench", "--backend", "raw"],
                  lambda n: ["dump", "--count", str(n)]),
    "swift-libnl": ([BIN / "gnl-foobar", "--backend", "libnl"], [BIN / "gnl-bench", "--backend", "libnl"],
                    lambda n: ["dump", "--count", str(n)]),
}


def run(client, *args):
    prefix, bench_prefix, _ = CLIENTS[client]
    if args and args[0].startswith("bench-"):
        prefix = bench_prefix
    return subprocess.run([*map(str, prefix), *args], capture_output=True, text=True, timeout=300)


def ok(client, *args):
    p = run(client, *args)
    assert p.returncode == 0, f"{client} {args}: exit {p.returncode}, stderr: {p.stderr}"
    return p.stdout


@pytest.fixture(params=CLIENTS)
def client(request):
    return request.param


def test_resolve_prints_the_family_id(client):
    family_id = int(ok(client, "resolve").strip(), 0)
    assert 0x10 < family_id < 0xFFFF
    assert ok("c-raw", "resolve").strip() == ok(client, "resolve").strip()


@pytest.mark.parametrize("text", ["x", "grüße, 世界 🐧", "m" * uapi.MSG_MAX_LEN])
def test_echo_prints_the_reply_text(client, text):
    assert ok(client, "echo", text) == text + "\n"


def test_echo_too_long_is_an_error(client):
    p = run(client, "echo", "m" * (uapi.MSG_MAX_LEN + 1))
    assert p.returncode != 0 and p.stdout == ""
    assert "ERANGE" in p.stderr or "EINVAL" in p.stderr or "Numerical result" in p.stderr or "Invalid argument" in p.stderr


@pytest.mark.parametrize("count", [None, 1, 1000])
def test_dump_prints_one_line_per_message(client, count):
    *_, dump_args = CLIENTS[client]
    args = dump_args(count) if count is not None else ["dump"]
    lines = ok(client, *args).splitlines()
    expected = count if count is not None else uapi.DUMP_COUNT_DEFAULT
    assert lines == [f"{i} dump message {i}" for i in range(expected)]


def test_large_dump(client):
    *_, dump_args = CLIENTS[client]
    lines = ok(client, *dump_args(100_000)).splitlines()
    assert len(lines) == 100_000
    assert lines[0] == "0 dump message 0" and lines[-1] == "99999 dump message 99999"


def test_error_shows_errno_and_extack(client):
    p = run(client, "error")
    assert p.returncode != 0 and p.stdout == ""
    assert "22" in p.stderr and uapi.REPLY_ERR_MSG in p.stderr, p.stderr


# -- the benchmark's subcommands (measurements/README.md, "client contract") --

def test_bench_echo_prints_one_latency_per_round_trip(client):
    latencies = [int(line) for line in ok(client, "bench-echo", "5", "bench").splitlines()]
    assert len(latencies) == 5 and all(ns > 0 for ns in latencies)


def test_bench_resolve_prints_one_latency_per_lookup(client):
    latencies = [int(line) for line in ok(client, "bench-resolve", "5").splitlines()]
    assert len(latencies) == 5 and all(ns > 0 for ns in latencies)


def test_bench_dump_counts_the_same_messages_and_bytes_as_c_raw(client):
    messages, wire_bytes, ns = map(int, ok(client, "bench-dump", "5000").split())
    c_messages, c_bytes, _ = map(int, ok("c-raw", "bench-dump", "5000").split())
    assert (messages, wire_bytes) == (c_messages, c_bytes) == (5000, c_bytes)
    assert ns > 0
