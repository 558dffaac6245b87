#!/usr/bin/env bash
# The suites that need the modules; runs inside the VM (or on a real host as
# root) with every family's module loaded by with-module.sh: pytest for the
# modules on the wire (kernel-mod/tests, families/<name>/tests/module) and the
# clients' command lines, the Swift integration tests (every target named
# *IntegrationTests: a family's tests/vm), again as an unprivileged user for
# the suites named *Unprivileged*, the suites named *Reload* alone (they unload
# and load a module), and the new-family check's VM half.
#
#   scripts/vm-suite.sh [--swift-filter REGEX] [SUITE...]
#
# With no SUITE, every suite runs. A subset, by name, for work on one of them (a
# full run takes many minutes under TCG):
#   wire  clients  swift  unprivileged  reload  plugin  new-family  demo
# --swift-filter narrows the Swift suites (swift, unprivileged, reload) to the
# tests whose names also match REGEX (swift-testing's --filter), e.g.
#   scripts/vm-run.sh scripts/with-module.sh scripts/vm-suite.sh \
#       --swift-filter GnlKv swift unprivileged reload
. "$(dirname "$0")/common.sh"
export PYTHONDONTWRITEBYTECODE=1   # the guest's view of the tree is read-only
export PYTHONUNBUFFERED=1          # progress reaches the log as it happens

all_suites=(wire clients swift unprivileged reload plugin new-family demo)
narrowing=
selected=()
while [ $# -gt 0 ]; do
	case "$1" in
	--swift-filter) [ $# -ge 2 ] || die "--swift-filter needs a REGEX"; narrowing=$2; shift 2 ;;
	*) [[ " ${all_suites[*]} " == *" $1 "* ]] || die "no suite '$1' (suites: ${all_suites[*]})"
	   selected+=("$1"); shift ;;
	esac
done
[ ${#selected[@]} -gt 0 ] || selected=("${all_suites[@]}")
wanted() { [[ " ${selected[*]} " == *" $1 "* ]]; }

failed=0
run() {  # name command...
	say "$1"; shift
	local start=$SECONDS
	if "$@"; then echo "suite ok ($((SECONDS - start)) s)"; else echo "suite FAILED"; failed=$((failed + 1)); fi
}
# swift-testing's --filter for the tests matching REGEX and --swift-filter's (several
# --filter options would take the tests matching either).
swift_filter() {  # REGEX
	if [ -n "$narrowing" ]; then echo "^(?=.*$1)(?=.*$narrowing)"; else echo "$1"; fi
}
# One pytest run for every module: starting pytest costs ~30 s under TCG.
mapfile -t module_tests < <(module_test_dirs)
wanted wire && run "modules on the wire (raw socket + pyroute2; each family's tests/module)" \
	"$PYTHON" -m pytest -q -p no:cacheprovider --durations=5 "${module_tests[@]}"
wanted clients && run "every client's command line (C raw, C libnl, Swift raw, Swift libnl)" \
	"$PYTHON" -m pytest -q -p no:cacheprovider --durations=5 "$ROOT/Tests/clients"
# Not the *Reload* suites: they take a module away from the tests running beside them.
wanted swift && run "Swift integration tests" \
	"$BIN_DIR/GenlKitPackageTests.xctest" --testing-library swift-testing \
	--filter "$(swift_filter IntegrationTests)" --skip 'IntegrationTests\..*Reload'
wanted plugin && run "the build plugin sample's demo (Examples/NetlinkClientPlugin, built by the host suite)" \
	"$ROOT/scripts/check-plugin-sample.sh" --with-module
# Suites named *Unprivileged* skip themselves as root (.enabled(if: geteuid() != 0)):
# here they run as nobody, whose requests the genetlink core checks for CAP_NET_ADMIN.
wanted unprivileged && run "Swift integration tests as an unprivileged user (uid 65534, no capabilities)" \
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$BIN_DIR/GenlKitPackageTests.xctest" --testing-library swift-testing \
	--filter "$(swift_filter 'IntegrationTests\..*Unprivileged')"
# Suites named *Reload* unload and load a family's module: alone, one test at a time.
# GENLKIT_RELOAD_MODULES lets them (they fail without it) and says where the .ko files
# are; they leave every module loaded, for with-module.sh to unload.
if wanted reload; then
	reload_modules=$(module_files | tr '\n' ':')
	run "Swift integration tests that reload a module (alone, serially)" \
		env GENLKIT_RELOAD_MODULES="${reload_modules%:}" \
		"$BIN_DIR/GenlKitPackageTests.xctest" --testing-library swift-testing --no-parallel \
		--filter "$(swift_filter 'IntegrationTests\..*Reload')"
fi
# scripts/test.sh prepares it on the host (scripts/check-new-family.sh prepare).
if wanted new-family && [ -e "$ROOT/.build-new-family/repo/.prepared" ]; then
	run "a new family from the template: loaded beside the others, called from Swift" \
		scripts/check-new-family.sh run
fi
# Short sizes of scripts/stress.sh (module fuzzing, many clients, reload cycles, EPERM
# to uid 65534, a long dump's memory): a regression in any fails the suite.
run "stress, short sizes (scripts/stress.sh --short: fuzz, concurrency, lifecycle, privilege, memory)" \
	"$ROOT/scripts/stress.sh" --in-vm short "$OUT/stress-short"
# Last: the demo turns on the module's debug log lines.
wanted demo && run "the demo (scripts/demo.sh) on the release build" \
	"$PYTHON" -m pytest -q -p no:cacheprovider --durations=5 "$ROOT/scripts/tests"
exit $failed
