"""gnl against the tools that already show the same kernel objects: ip (iproute2),
ethtool (Debian's, the netlink build) and genl-ctrl-list (libnl-utils), on the host.

The gnl binary is $BIN_DIR/gnl (default: .build/debug, as `swift build` leaves it), the
kernel's specs $YNL_SPECS (default: ../shared/ynl-specs beside the checkout)."""

import contextlib
import json
import os
import pathlib
import shutil
import subprocess
import uuid

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
GNL = pathlib.Path(os.environ.get("BIN_DIR", ROOT / ".build" / "debug")) / "gnl"
SPECS = pathlib.Path(os.environ.get("YNL_SPECS", ROOT.parent / "shared" / "ynl-specs"))


class Result:
    def __init__(self, completed):
        self.status = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr

    def json(self):
        assert self.status == 0, self.stderr
        return json.loads(self.stdout)


def run(command, netns=None):
    if netns:
        command = ["ip", "netns", "exec", netns] + command
    return Result(subprocess.run(command, capture_output=True, text=True, timeout=60))


@pytest.fixture(scope="session")
def gnl():
    """Runs gnl with a spec of ../shared/ynl-specs: gnl("netdev", "--dump", "dev-get")."""
    if not GNL.exists():
        pytest.fail(f"{GNL} is not built (swift build --product gnl)")

    def call(family, *arguments, netns=None):
        return run([str(GNL), "--spec", str(SPECS / f"{family}.yaml"), *arguments], netns=netns)

    return call


@pytest.fixture(scope="session")
def tool():
    """Runs another program, which must be installed (scripts/setup.sh installs them)."""

    def call(name, *arguments, netns=None):
        if shutil.which(name) is None:
            pytest.fail(f"{name} is not installed (scripts/setup.sh installs it)")
        return run([name, *arguments], netns=netns)

    return call


@contextlib.contextmanager
def namespace():
    """A network namespace of the test's own, deleted afterwards (with its devices)."""
    name = f"gnl-test-{uuid.uuid4().hex[:8]}"
    subprocess.run(["ip", "netns", "add", name], check=True)
    try:
        yield name
    finally:
        subprocess.run(["ip", "netns", "del", name], check=False)


@pytest.fixture(scope="session")
def veth_namespace():
    """A namespace with a veth pair (va, vb) up: interfaces with link settings, channels
    and statistics, on any host."""
    with namespace() as name:
        subprocess.run(["ip", "-n", name, "link", "add", "va", "type", "veth", "peer", "name", "vb"], check=True)
        for interface in ("va", "vb"):
            subprocess.run(["ip", "-n", name, "link", "set", interface, "up"], check=True)
        yield name
