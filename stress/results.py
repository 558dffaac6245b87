"""How each stress tool ends: its result as one JSON line (and, given a path, a file
for scripts/stress.sh's report), exit status 1 unless the result says ok."""
import json
import sys


def finish(result, path=None):
    if path:
        path.write_text(json.dumps(result, indent=1))
    print(json.dumps(result))
    sys.exit(0 if result["ok"] else 1)
