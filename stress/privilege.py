#!/usr/bin/env python3
"""Every state-changing command is refused to an unprivileged user (issue 16, item 5).

    privilege.py [--json FILE]                      # as a user without CAP_NET_ADMIN
    privilege.py --as-user 65534 [--json FILE]      # as root: reads the specs and opens FILE,
                                                    # then becomes that user (no capabilities)

For every command of every shipped family (families.py, from the specs), a
well-formed request (requests.seed), do and dump: one whose spec says admin-perm
must be answered EPERM, one that does not must not be (so the check tells the two
apart). Runs as the unprivileged user itself; refuses to send as root, where it
would prove nothing. --as-user is for a checkout the user cannot read (a clone
under a 0700 directory): what needs the tree is done before the switch. Exits 1 on any command answered otherwise.
"""
import argparse
import errno
import json
import os
import pathlib
import random
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))

import requests  # noqa: E402
import wire  # noqa: E402
from families import shipped  # noqa: E402
from results import finish  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=argparse.FileType("w"))
    parser.add_argument("--as-user", type=int, metavar="UID", help="become UID (and its group) after setting up")
    args = parser.parse_args()
    families = shipped()
    if args.as_user is not None:
        os.setgroups([])
        os.setgid(args.as_user)
        os.setuid(args.as_user)  # from root to another user: every capability is dropped
    if os.geteuid() == 0:
        sys.exit("run as an unprivileged user (--as-user 65534, or setpriv --reuid=65534 --regid=65534 --clear-groups ...)")
    rng = random.Random(5)
    checked, problems = [], []
    with wire.RawSocket() as sock:
        for family in families:
            fid = sock.resolve(family.name)
            if fid is None:
                sys.exit(f"{family.name} is not registered (load the modules: scripts/with-module.sh)")
            for command, dump in family.requests:
                req = requests.seed(rng, family, fid, command, dump)
                _, code, text = sock.request(fid, req.cmd, req.encode(0)[wire.NLMSGHDR.size + wire.GENLMSGHDR.size:],
                                             req.flags, req.version)
                name = f"{family.name} {req.command}"
                checked.append({"request": name, "admin_perm": command.admin, "errno": errno.errorcode.get(code, code)})
                if command.admin and code != errno.EPERM:
                    problems.append(f"{name} (admin-perm) answered errno {code}, not EPERM, to uid {os.geteuid()}")
                if not command.admin and code == errno.EPERM:
                    problems.append(f"{name} (open to all) refused with EPERM")
    result = {"uid": os.geteuid(), "requests": checked,
              "admin_perm_refused": sum(c["admin_perm"] for c in checked), "problems": problems, "ok": not problems}
    if args.json:  # opened before any switch of user
        json.dump(result, args.json, indent=1)
        args.json.close()
    finish(result)


if __name__ == "__main__":
    main()
