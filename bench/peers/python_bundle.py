#!/usr/bin/env python3
"""Installs the Python peer, py-pyroute2, in the benchmark's bin folder:

    python_bundle.py --out DIR

writes DIR/py-pyroute2 (a launcher: `#!` this interpreter, -I -S), DIR/py-pyroute2.zip
(the client and every pure-Python module it imports, pyroute2 and the standard library's,
compiled) and DIR/py-pyroute2.lib/ (the extension modules it imports).

Why: in the VM the guest reads the host's files over 9p, a file at a time, and the driver
runs every client from a copy in the guest's memory. An interpreter that looked for its
modules over 9p took 20 s to run `pass` and 40-60 s to import pyroute2 there: a cost of
the share, which no real machine pays. With the bundle beside the launcher, the modules
come from memory like the other clients' code; the interpreter and libpython still come
over 9p, as the dynamic C clients' shared libraries do.
"""
import argparse
import io
import os
import runpy
import shutil
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT = "py_pyroute2"


def imported_modules():
    """The modules the client imports, found by running its nlctrl look-up here (it needs
    no kernel module). Whole packages are bundled, so what a request imports later (the
    echo, the dump) is there too."""
    sys.path.insert(0, HERE)
    argv, stdout = sys.argv, sys.stdout
    sys.argv, sys.stdout = [CLIENT, "bench-resolve", "1"], io.StringIO()
    try:
        runpy.run_module(CLIENT, run_name="__main__")
    finally:
        sys.argv, sys.stdout = argv, stdout
    return dict(sys.modules)


def roots():
    """sys.path's folders, longest first: a module's name is its path below one."""
    return sorted({os.path.abspath(p) for p in sys.path if os.path.isdir(p)}, key=len, reverse=True)


def top_level(module, folders):
    """(folder, top-level name, is a package) of a module loaded from a file, or None."""
    path = getattr(module, "__file__", None)
    if not path:
        return None
    path = os.path.abspath(path)
    for folder in folders:
        if path.startswith(folder + os.sep):
            first = os.path.relpath(path, folder).split(os.sep)[0]
            return folder, first, os.path.isdir(os.path.join(folder, first))
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--out", required=True)
    out = ap.parse_args().out
    modules, folders = imported_modules(), roots()

    launcher = os.path.join(out, "py-pyroute2")
    lib = launcher + ".lib"
    shutil.rmtree(lib, ignore_errors=True)
    os.makedirs(lib)
    with zipfile.PyZipFile(launcher + ".zip", "w", optimize=0) as bundle:
        bundle.writepy(os.path.join(HERE, CLIENT + ".py"))
        done = {CLIENT + ".py"}
        for module in modules.values():
            found = top_level(module, folders)
            if not found or found[1] in done:
                continue
            folder, name, is_package = found
            done.add(name)
            if name.endswith(".so"):
                shutil.copy(os.path.join(folder, name), lib)
            elif is_package:
                bundle.writepy(os.path.join(folder, name))
            elif name.endswith(".py"):
                bundle.writepy(os.path.join(folder, name))
    with open(launcher, "w") as f:
        f.write(f"#!{sys.executable} -IS\n"
                "# scripts/bench.sh: bench/peers/py_pyroute2.py, its modules from the bundle beside\n"
                "# this file (bench/peers/python_bundle.py says why).\n"
                "import sys\n"
                "sys.path[:0] = [sys.argv[0] + '.zip', sys.argv[0] + '.lib']\n"
                f"from {CLIENT} import main\n"
                "main(sys.argv[1:])\n")
    os.chmod(launcher, 0o755)


if __name__ == "__main__":
    main()
