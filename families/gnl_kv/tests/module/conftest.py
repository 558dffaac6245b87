import pathlib
import sys

# nlraw, the raw generic netlink client the example family's tests use, and kv (here).
here = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(here.parents[3] / "kernel-mod" / "tests"))
sys.path.insert(0, str(here))

import pytest  # noqa: E402 - after the path is set up

from kv import KvSocket  # noqa: E402


def empty_store(sock):
    for entry in sock.dump():
        sock.delete(entry["key"])


@pytest.fixture
def sock():
    """A client of the initial namespace's store, which it finds and leaves empty."""
    s = KvSocket()
    empty_store(s)
    yield s
    empty_store(s)
    s.close()
