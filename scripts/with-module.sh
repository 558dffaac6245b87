#!/usr/bin/env bash
# Loads every family's module, runs CMD, unloads them and checks the kernel log:
#   scripts/with-module.sh CMD [ARG...]
# The modules are the example's (kernel-mod/) and each family's (families/<name>/kernel/),
# found by convention (scripts/common.sh: module_files). Runs where modules can be loaded:
# inside the VM, or on a real host as root. Fails if loading, CMD, unloading or the
# kernel log (WARN/BUG/Oops, refcount or leak reports) fails.
. "$(dirname "$0")/common.sh"

mapfile -t modules < <(module_files)
log_start=$(dmesg | wc -l)
loaded() { lsmod | grep -q "^$1 "; }
for ko in "${modules[@]}"; do
	name=$(basename "$ko" .ko)
	if loaded "$name"; then rmmod "$name"; fi
	insmod "$ko" || die "insmod $ko failed"
done

set +e
"$@"
rc=$?
set -e

# Unloaded in the reverse order. A test may have reloaded one: it must be there again.
for ((i = ${#modules[@]} - 1; i >= 0; i--)); do
	name=$(basename "${modules[i]}" .ko)
	rmmod "$name" || { echo "error: rmmod $name failed" >&2; rc=1; }
done
if dmesg | tail -n +"$((log_start + 1))" |
	grep -iE 'WARNING:|BUG:|Oops|Call Trace|general protection|refcount_t|leak'; then
	echo "error: the kernel log shows a warning, crash or leak (above)" >&2
	rc=1
else
	echo "kernel log: no WARN/BUG/Oops/refcount/leak report while the modules were loaded"
fi
exit $rc
