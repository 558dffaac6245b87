"""The demo (scripts/demo.sh) against the release binaries build_and_run.sh builds.

Runs in the VM suite with the module loaded. DEMO_BIN_DIR is the release build's
folder, set by scripts/test.sh and passed into the guest by scripts/vm-run.sh's
GUEST_ENV: if that mechanism breaks, these tests fail instead of the demo
silently falling back to other binaries.
"""
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEMO = ROOT / "scripts" / "demo.sh"
CLIENTS = ["c-raw", "c-libnl", "gnl-foobar"]
TITLES = ["C, raw sockets", "C, libnl", "Swift, raw sockets", "Swift, libnl"]


@pytest.fixture(scope="module")
def release_bin(tmp_path_factory):
    path = os.environ.get("DEMO_BIN_DIR")
    assert path, "DEMO_BIN_DIR is not set: scripts/test.sh sets it and vm-run.sh passes it"
    # Copies in guest memory: every start of a binary on the 9p share reads it again.
    copies = tmp_path_factory.mktemp("release")
    for client in CLIENTS:
        built = pathlib.Path(path) / client
        assert built.is_file(), f"no release {client} in {path}"
        shutil.copy2(built, copies / client)
    return copies


def run_demo(bin_dir):
    env = dict(os.environ, BIN_DIR=str(bin_dir))
    return subprocess.run([str(DEMO)], env=env, capture_output=True, text=True, timeout=300)


def test_demo_shows_every_client_working(release_bin):
    p = run_demo(release_bin)
    out = p.stdout + p.stderr
    assert p.returncode == 0, out
    for title in TITLES:
        assert f"\n    Hello from {title}\n" in out, title
    for i in range(3):
        assert out.count(f"\n    {i} dump message {i}\n") == len(TITLES), out
    assert out.count("EINVAL (22)") == len(TITLES), out
    assert "every client answered" in out


def test_demo_fails_when_a_client_binary_is_missing(release_bin, tmp_path):
    for client in ["c-raw", "gnl-foobar"]:
        (tmp_path / client).symlink_to(release_bin / client)
    p = run_demo(tmp_path)
    assert p.returncode != 0
    assert f"no client binary at {tmp_path / 'c-libnl'}" in p.stdout + p.stderr


def test_demo_fails_when_a_client_answers_wrongly(release_bin, tmp_path):
    for client in ["c-libnl", "gnl-foobar"]:
        (tmp_path / client).symlink_to(release_bin / client)
    # A c-raw that exits 0 with the wrong output, or fails without the module's error.
    fake = tmp_path / "c-raw"
    fake.write_text("""#!/bin/sh
case $1 in
resolve) echo not-a-number ;;
echo) echo something else ;;
dump) echo 0 dump message 0 ;;
error) exit 1 ;;
esac
""")
    fake.chmod(0o755)
    p = run_demo(tmp_path)
    out = p.stdout + p.stderr
    assert p.returncode != 0
    for command in ["resolve", "echo", "dump", "error"]:
        assert f"C, raw sockets: {command} should" in out, out
    assert "demo: 4 check(s) failed" in out, out
