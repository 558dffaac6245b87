#!/usr/bin/env bash
# The suites that need the modules; runs inside the VM (or on a real host as
# root) with every family's module loaded by with-module.sh: pytest for the
# modules on the wire (kernel-mod/tests, families/<name>/tests/module) and the
# clients' command lines, the Swift integration tests (every target named
# *IntegrationTests: a family's tests/vm), again as an unprivileged user for
# the suites named *Unprivileged*, and the new-family check's VM half.
. "$(dirname "$0")/common.sh"
export PYTHONDONTWRITEBYTECODE=1   # the guest's view of the tree is read-only
export PYTHONUNBUFFERED=1          # progress reaches the log as it happens

failed=0
run() {  # name command...
	say "$1"; shift
	local start=$SECONDS
	if "$@"; then echo "suite ok ($((SECONDS - start)) s)"; else echo "suite FAILED"; failed=$((failed + 1)); fi
}
# One pytest run for every module: starting pytest costs ~30 s under TCG.
mapfile -t module_tests < <(module_test_dirs)
run "modules on the wire (raw socket + pyroute2; each family's tests/module)" \
	"$PYTHON" -m pytest -q -p no:cacheprovider --durations=5 "${module_tests[@]}"
run "every client's command line (C raw, C libnl, Swift raw, Swift libnl)" \
	"$PYTHON" -m pytest -q -p no:cacheprovider --durations=5 "$ROOT/Tests/clients"
run "Swift integration tests" \
	"$BIN_DIR/GenlKitPackageTests.xctest" --testing-library swift-testing --filter IntegrationTests
run "the build plugin sample's demo (Examples/NetlinkClientPlugin, built by the host suite)" \
	"$ROOT/scripts/check-plugin-sample.sh" --with-module
# Suites named *Unprivileged* skip themselves as root (.enabled(if: geteuid() != 0)):
# here they run as nobody, whose requests the genetlink core checks for CAP_NET_ADMIN.
run "Swift integration tests as an unprivileged user (uid 65534, no capabilities)" \
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$BIN_DIR/GenlKitPackageTests.xctest" --testing-library swift-testing --filter 'IntegrationTests\..*Unprivileged'
# scripts/test.sh prepares it on the host (scripts/check-new-family.sh prepare).
if [ -e "$ROOT/.build-new-family/repo/.prepared" ]; then
	run "a new family from the template: loaded beside the others, called from Swift" \
		scripts/check-new-family.sh run
fi
# Short sizes of scripts/stress.sh (module fuzzing, many clients, reload cycles, EPERM
# to uid 65534, a long dump's memory): a regression in any fails the suite.
run "stress, short sizes (scripts/stress.sh --short: fuzz, concurrency, lifecycle, privilege, memory)" \
	"$ROOT/scripts/stress.sh" --in-vm short "$OUT/stress-short"
# Last: the demo turns on the module's debug log lines.
run "the demo (scripts/demo.sh) on the release build" \
	"$PYTHON" -m pytest -q -p no:cacheprovider --durations=5 "$ROOT/scripts/tests"
exit $failed
