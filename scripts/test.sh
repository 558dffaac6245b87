#!/usr/bin/env bash
# The whole test suite (README's second command; .ci/run calls exactly this):
# installs what is missing, builds every family's module (warnings are errors),
# the Swift package and the C clients, runs the host tests, then boots one VM
# that loads the modules and runs every suite that needs them.
. "$(dirname "$0")/common.sh"
cd "$ROOT"

run_setup
KCFLAGS=-Werror build_module

say "building the Swift package, its tests and the C clients"
refresh_swift_sources
swift build --build-tests
say "building the release clients the demo runs"
build_release_clients
# The guest sees the tree read-only: the VM's Python suites are byte-compiled here,
# pytest's assertion rewriting included (under TCG that took ~15 s a run).
say "byte-compiling the VM's Python suites"
mapfile -t module_tests < <(module_test_dirs)
env -u PYTHONDONTWRITEBYTECODE "$PYTHON" -m pytest --collect-only -q -p no:cacheprovider \
	"${module_tests[@]}" "$ROOT/Tests/clients" "$ROOT/scripts/tests" >/dev/null
"$PYTHON" -m compileall -q "$ROOT/stress"  # scripts/stress.sh --short, in the VM suite
# The demo's test (scripts/tests) runs them in the guest.
export DEMO_BIN_DIR=$RELEASE_BIN_DIR GUEST_ENV="${GUEST_ENV:-} DEMO_BIN_DIR"

passed=0 failed=0
suite() {  # name command...
	say "$1"; shift
	if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $*" >&2; fi
}
suite "host tests (Swift)" swift test --skip-build --skip IntegrationTests --skip noLibnlObjectLeaks
# Alone: it measures the process's heap, which tests running beside it would move.
suite "libnl leak check (alone)" swift test --skip-build --filter noLibnlObjectLeaks
suite "fuzz smoke: every decoder target for 5 s (libFuzzer + ASan)" scripts/fuzz.sh --smoke
suite "generated files match their specs (drift check)" scripts/generate.sh --check
suite "what may cross threads: clients refused, values accepted (Tests/Sendability)" scripts/check-sendable.sh
suite "the build plugin in a user's package (Examples/NetlinkClientPlugin)" scripts/check-plugin-sample.sh
suite "generated kernel code builds (-Werror, $KVER)" scripts/check-generated-kernel-code.sh
suite "static gnl-foobar and gnl-bench start-up (as benchmarked)" scripts/check-static-startup.sh
# Its VM half runs in the VM boot below (scripts/vm-suite.sh).
suite "a new family from the template, host half (scratch copy: module, Swift, host tests)" \
	scripts/check-new-family.sh prepare
suite "benchmark arithmetic (Python)" env PYTHONDONTWRITEBYTECODE=1 \
	"$PYTHON" -m pytest -q -p no:cacheprovider "$ROOT/bench"
suite "gnl against ip, ethtool and genl-ctrl-list on the host (Python)" env PYTHONDONTWRITEBYTECODE=1 \
	"$PYTHON" -m pytest -q -p no:cacheprovider "$ROOT/Tests/gnl-tools"
if can_load_modules_here; then
	suite "module suites, on this host" scripts/with-module.sh scripts/vm-suite.sh
else
	suite "module suites, in one VM boot" scripts/vm-run.sh scripts/with-module.sh scripts/vm-suite.sh
fi

echo
echo "suites: $passed passed, $failed failed"
[ "$failed" = 0 ]
