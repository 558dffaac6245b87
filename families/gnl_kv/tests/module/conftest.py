import pathlib
import sys

# nlraw, the raw generic netlink client the example family's tests use, and kv (here).
here = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(here.parents[3] / "kernel-mod" / "tests"))
sys.path.insert(0, str(here))
