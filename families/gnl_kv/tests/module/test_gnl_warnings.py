"""gnl, the spec-driven command line, against gnl_kv: the kernel's warnings on requests
that succeeded (an extended-ACK message with error 0, on the ACK or on the dump's
NLMSG_DONE) go to stderr as "warning: OP: MESSAGE"; the answer to stdout; exit 0.

gnl is $BIN_DIR/gnl (default .build/debug, as `swift build` leaves it). Uses the initial
namespace's store and leaves it empty, as test_gnl_kv.py does."""
import json
import os
import pathlib
import subprocess

import kv
from kv import CONST

GNL = pathlib.Path(os.environ.get("BIN_DIR", kv.FAMILY_DIR.parents[1] / ".build" / "debug")) / "gnl"


def gnl(*arguments):
    return subprocess.run([str(GNL), "--spec", str(kv.FAMILY_DIR / "gnl_kv.yaml"), *arguments],
                          capture_output=True, text=True, timeout=60)


def test_the_kernels_warnings_are_shown_on_stderr(sock):
    for i in range(CONST["MAX_ENTRIES"] - 1):
        sock.set(f"key{i:04}", b"")
    filled = gnl("--do", "set", "--json", '{"entry": {"key": "last", "value": "00"}}')
    assert (filled.returncode, filled.stderr) == (0, f"warning: set: {kv.FULL_WARNING}\n")
    assert json.loads(filled.stdout)["entry"]["key"] == "last"

    dumped = gnl("--dump", "get")
    assert (dumped.returncode, dumped.stderr) == (0, f"warning: get: {kv.FULL_WARNING}\n")
    assert len(json.loads(dumped.stdout)) == CONST["MAX_ENTRIES"]

    # No warning, nothing on stderr.
    deleted = gnl("--do", "delete", "--json", '{"entry": {"key": "last"}}')
    assert (deleted.returncode, deleted.stderr, deleted.stdout.strip()) == (0, "", "null")
    dumped = gnl("--dump", "get")
    assert (dumped.returncode, dumped.stderr) == (0, "")
    assert len(json.loads(dumped.stdout)) == CONST["MAX_ENTRIES"] - 1


def test_the_raw_mode_shows_them_too(sock):
    """Without a spec (--no-spec: commands by number) the warning names the command."""
    for i in range(CONST["MAX_ENTRIES"]):
        sock.set(f"key{i:04}", b"")
    dumped = subprocess.run([str(GNL), "--family", kv.NAME, "--no-spec", "--dump", str(kv.CMD["GET"])],
                            capture_output=True, text=True, timeout=60)
    assert (dumped.returncode, dumped.stderr) == (0, f"warning: {kv.NAME} command {kv.CMD['GET']}: {kv.FULL_WARNING}\n")
