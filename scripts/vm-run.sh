#!/usr/bin/env bash
# Runs a command inside a VM booted from Debian's kernel (see shared vm.md):
#   scripts/vm-run.sh CMD [ARG...]
# The guest sees this machine's filesystem read-only, except $ROOT/out.
# CMD runs from $ROOT; its exit status becomes this script's. When the VM
# cannot start, this fails: nothing that needs the module passes by skipping.
#
# The guest does not inherit the caller's environment. It gets PATH, PYTHON and
# BIN_DIR (which scripts/common.sh reads), and every variable named in GUEST_ENV
# (space-separated), e.g. `GUEST_ENV="FOO BAR" scripts/vm-run.sh CMD`. A name
# that is not set here is an error, not an empty variable in the guest.
. "$(dirname "$0")/common.sh"

kernel="/boot/vmlinuz-$KVER"
[ -r "$kernel" ] || die "no VM kernel at $kernel (run scripts/setup.sh)"
mkdir -p "$OUT"
# Proof that the guest ran, one per run: several VMs may run at once.
started=$(mktemp "$OUT/.guest-started.XXXXXX")
rm -f "$started"

# /dev/kvm here is a PVM hypervisor that refuses a stock kernel: use TCG
# unless KVM is known to work (VNG_KVM=1).
accel=(--disable-kvm)
[ "${VNG_KVM:-0}" = 1 ] && accel=()
# Extra QEMU options, for tools that instrument the VM (scripts/guest-work.sh).
qemu_opts=()
[ -n "${VM_QEMU_OPTS:-}" ] && qemu_opts=("--qemu-opts=$VM_QEMU_OPTS")

guest_env=
for name in PATH PYTHON BIN_DIR ${GUEST_ENV:-}; do
	[ -n "${!name+set}" ] || die "GUEST_ENV names $name, which is not set"
	guest_env+="export $name=$(printf %q "${!name}") && "
done

# The guest's output goes to a file in $OUT, which the host tails: the VM's
# serial console drops output when the guest prints fast.
log=$(mktemp "$OUT/guest.XXXXXX.log")
guest_cmd="cd $(printf %q "$ROOT") && touch $(printf %q "$started") && dmesg -n 1 && $(printf '%q ' "$@")"
tail -n +1 -f "$log" &
tailer=$!
trap 'rm -f "$started" "$log"; kill $tailer 2>/dev/null' EXIT

# vng's output through a pipe: when it is a regular file, the VM's console
# writes it from offset 0, over what the caller logged before.
set +e
vng --run "$kernel" "${accel[@]}" --memory 2G --cpus 2 "${qemu_opts[@]}" --rwdir "$OUT" --exec \
	"$guest_env($guest_cmd) >$(printf %q "$log") 2>&1" \
	2>&1 | cat
rc=${PIPESTATUS[0]}
set -e
sleep 1  # let tail print the last lines
[ -e "$started" ] || die "the VM did not start (vng exit $rc)"
exit $rc
