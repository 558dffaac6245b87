"""The kernel log since a point: what with-module.sh checks at the end, checked
as the stress tools go, so that a report names the step that caused it."""
import re
import subprocess

BAD = re.compile(r"WARNING:|BUG:|Oops|Call Trace|general protection|refcount_t|leak", re.IGNORECASE)


def lines():
    return subprocess.run(["dmesg"], capture_output=True, text=True, check=True).stdout.splitlines()


class KernelLog:
    def __init__(self):
        self.start = len(lines())

    def bad_lines(self):
        """Warning, crash, refcount or leak reports since this object was made."""
        return [line for line in lines()[self.start:] if BAD.search(line)]
