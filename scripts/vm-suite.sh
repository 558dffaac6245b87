#!/usr/bin/env bash
# The suites that need the module; runs inside the VM (or on a real host as
# root) with the module loaded by with-module.sh. One pytest run for the
# module and the clients' command lines, then the Swift integration tests.
. "$(dirname "$0")/common.sh"
export PYTHONDONTWRITEBYTECODE=1   # the guest's view of the tree is read-only
export PYTHONUNBUFFERED=1          # progress reaches the log as it happens

failed=0
run() {  # name command...
	say "$1"; shift
	local start=$SECONDS
	if "$@"; then echo "suite ok ($((SECONDS - start)) s)"; else echo "suite FAILED"; failed=$((failed + 1)); fi
}
run "module on the wire (raw socket + pyroute2)" \
	"$PYTHON" -m pytest -q -p no:cacheprovider --durations=5 "$ROOT/kernel-mod/tests"
run "every client's command line (C raw, C libnl, Swift raw, Swift libnl)" \
	"$PYTHON" -m pytest -q -p no:cacheprovider --durations=5 "$ROOT/Tests/clients"
run "Swift integration tests" \
	"$BIN_DIR/GenlKitPackageTests.xctest" --testing-library swift-testing --filter IntegrationTests
run "the build plugin sample's demo (Examples/NetlinkClientPlugin, built by the host suite)" \
	"$ROOT/scripts/check-plugin-sample.sh" --with-module
# Last: the demo turns on the module's debug log lines.
run "the demo (scripts/demo.sh) on the release build" \
	"$PYTHON" -m pytest -q -p no:cacheprovider --durations=5 "$ROOT/scripts/tests"
exit $failed
