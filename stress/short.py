#!/usr/bin/env python3
"""The test suite's short stress run: the root-run steps (fuzz, concurrency,
lifecycle) in one interpreter, each as its own command line would run it.

    short.py "fuzz_modules:--messages 600 ..." "concurrency:..." ...   (scripts/stress.sh --in-vm short)

Python takes ~10 s to start under TCG: one start instead of three keeps the
suite's run short. Exits with the number of steps that failed.
"""
import importlib
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))


def run(module, argv):
    """`python3 stress/<module>.py argv...`, in this interpreter: its exit status."""
    sys.argv = [f"{module}.py", *argv]
    try:
        importlib.import_module(module).main()
    except SystemExit as end:
        return end.code if isinstance(end.code, int) else 1
    return 0


def main():
    # Steps as "module:arg arg ..." (stress.sh), run in order.
    failed = 0
    for step in sys.argv[1:]:
        module, _, args = step.partition(":")
        print(f"stress (short): {module} {args}", file=sys.stderr, flush=True)
        code = run(module, args.split())
        print(f"stress (short) {module}: {'ok' if code == 0 else f'FAILED (exit {code})'}", file=sys.stderr, flush=True)
        failed += code != 0
    sys.exit(failed)


if __name__ == "__main__":
    main()
