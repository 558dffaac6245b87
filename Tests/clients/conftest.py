import pathlib
import sys

# The family's constants, parsed from the uapi header by the module's tests.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "kernel-mod" / "tests"))
