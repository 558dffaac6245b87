#!/usr/bin/env bash
# Runs a command inside a VM booted from Debian's kernel (see shared vm.md):
#   scripts/vm-run.sh CMD [ARG...]
# The guest sees this machine's filesystem read-only, except $ROOT/out.
# CMD runs from $ROOT; its exit status becomes this script's. When the VM
# cannot start, this fails: nothing that needs the module passes by skipping.
. "$(dirname "$0")/common.sh"

kernel="/boot/vmlinuz-$KVER"
[ -r "$kernel" ] || die "no VM kernel at $kernel (run scripts/setup.sh)"
mkdir -p "$OUT"
# Proof that the guest ran, one per run: several VMs may run at once.
started=$(mktemp "$OUT/.guest-started.XXXXXX")
rm -f "$started"
trap 'rm -f "$started"' EXIT

# /dev/kvm here is a PVM hypervisor that refuses a stock kernel: use TCG
# unless KVM is known to work (VNG_KVM=1).
accel=(--disable-kvm)
[ "${VNG_KVM:-0}" = 1 ] && accel=()

guest_cmd=$(printf '%q ' "$@")
set +e
vng --run "$kernel" "${accel[@]}" --memory 2G --cpus 2 --rwdir "$OUT" --exec \
	"export PATH=$(printf %q "$PATH") PYTHON=$(printf %q "$PYTHON") && cd $(printf %q "$ROOT") && touch $(printf %q "$started") && echo && echo '== guest' \$(uname -r) && dmesg -n 1 && $guest_cmd"
rc=$?
set -e
[ -e "$started" ] || die "the VM did not start (vng exit $rc)"
exit $rc
