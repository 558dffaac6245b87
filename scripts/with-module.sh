#!/usr/bin/env bash
# Loads the module, runs CMD, unloads the module and checks the kernel log:
#   scripts/with-module.sh CMD [ARG...]
# Runs where modules can be loaded: inside the VM, or on a real host as root.
# Fails if loading, CMD, unloading or the kernel log (WARN/BUG/Oops) fails.
. "$(dirname "$0")/common.sh"

ko="$ROOT/kernel-mod/gnl_foobar_xmpl.ko"
log_start=$(dmesg | wc -l)
lsmod | grep -q '^gnl_foobar_xmpl ' && rmmod gnl_foobar_xmpl
insmod "$ko" || die "insmod $ko failed"

set +e
"$@"
rc=$?
set -e

rmmod gnl_foobar_xmpl || { echo "error: rmmod gnl_foobar_xmpl failed" >&2; rc=1; }
if dmesg | tail -n +"$((log_start + 1))" | grep -E 'WARNING:|BUG:|Oops|Call Trace|general protection'; then
	echo "error: the kernel log shows a warning or crash (above)" >&2
	rc=1
else
	echo "kernel log: no WARN/BUG/Oops while the module was loaded"
fi
exit $rc
