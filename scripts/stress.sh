#!/usr/bin/env bash
# Reliability under stress (issue 16, items 2-6), in one VM boot with every family's
# module loaded (scripts/with-module.sh, which also checks the kernel log at the end):
#   1. fuzz      stress/fuzz_modules.py: mutated requests to every family, every answer checked
#   2. threads   stress/concurrency.py: gnl-stress mixed on T threads, then P processes, a dump stalled
#   3. lifecycle stress/lifecycle.py: insmod/rmmod cycles under load, rmmod with a dump stalled
#   4. privilege stress/privilege.py as uid 65534 (every admin-perm command: EPERM), and the
#                Swift client's unprivileged suite (the error names the command)
#   5. memory    gnl-stress dump-memory: a long dump streamed under a resident-memory bound
#
#   scripts/stress.sh            full sizes; writes measurements/reliability.md (raw results: out/stress/)
#   scripts/stress.sh --short    the test suite's sizes, no report
# scripts/vm-suite.sh runs the short sizes in the test suite's VM boot (--in-vm short DIR).
. "$(dirname "$0")/common.sh"
cd "$ROOT"

# fuzz messages, fuzzing processes, messages between probes; threads, processes, requests
# per client; reload cycles; messages in the long dump
sizes() {
	case $1 in
	full) echo 1000000 2 20000 16 16 10000 50 10000000 ;;
	short) echo 600 1 300 4 4 200 2 200000 ;;
	*) die "unknown size $1 (full or short)" ;;
	esac
}
MAX_RSS_MIB=16  # the bound the long dump's peak resident memory must stay under

if [ "${1:-}" = --in-vm ]; then
	size=$2 dir=$3
	read -r fuzz workers probe_every threads processes requests cycles dump <<<"$(sizes "$size")"
	export PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
	gnl_stress=${GNL_STRESS:-$BIN_DIR/gnl-stress}
	nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	# Not emptied here: the host tees the run's log into it (and emptied it first).
	mkdir -p "$dir" && chmod 0777 "$dir"  # uid 65534 writes there too
	rm -f "$dir"/*.json
	: >"$dir/steps"
	failed=0
	step() {  # name command...: runs it, records "name exit seconds command" in $dir/steps
		local name=$1 start=$SECONDS rc=0
		shift
		say "stress: $name"
		"$@" || rc=$?
		local command="$*"
		command=${command//"$PYTHON"/python3}
		printf '%s\t%s\t%s\t%s\n' "$name" "$rc" "$((SECONDS - start))" "${command//"$ROOT"\//}" >>"$dir/steps"
		if [ "$rc" = 0 ]; then echo "stress $name: ok ($((SECONDS - start)) s)" >&2; else
			echo "stress $name: FAILED (exit $rc)" >&2; failed=$((failed + 1)); fi
	}
	fuzz_args=(--messages "$fuzz" --workers "$workers" --probe-every "$probe_every" --report-every 100000
		--json "$dir/fuzz.json")
	concurrency_args=(--gnl-stress "$gnl_stress" --threads "$threads" --processes "$processes"
		--requests "$requests" --json "$dir/concurrency.json")
	lifecycle_args=(--gnl-stress "$gnl_stress" --cycles "$cycles" --json "$dir/lifecycle.json")
	if [ "$size" = full ]; then
		step fuzz "$PYTHON" stress/fuzz_modules.py "${fuzz_args[@]}"
		step concurrency "$PYTHON" stress/concurrency.py "${concurrency_args[@]}"
		step lifecycle "$PYTHON" stress/lifecycle.py "${lifecycle_args[@]}"
	else  # the same steps in one interpreter: Python takes ~10 s to start under TCG
		step "fuzz, concurrency, lifecycle" "$PYTHON" stress/short.py "fuzz_modules:${fuzz_args[*]}" \
			"concurrency:${concurrency_args[*]}" "lifecycle:${lifecycle_args[*]}"
	fi
	step privilege "$PYTHON" stress/privilege.py --as-user 65534 --json "$dir/privilege.json"
	if [ "$size" = full ]; then  # the test suite's VM boot runs this suite already
		step privilege-swift "${nobody[@]}" "$BIN_DIR/GenlKitPackageTests.xctest" --testing-library swift-testing \
			--filter 'IntegrationTests\..*Unprivileged'
	fi
	step memory "$gnl_stress" dump-memory --messages "$dump" --max-rss-mib "$MAX_RSS_MIB" >"$dir/memory.json"
	cat "$dir/memory.json"
	exit $failed
fi

size=full
[ "${1:-}" = --short ] && size=short
run_setup
build_module
"$PYTHON" -m compileall -q stress kernel-mod/tests/ynl.py  # the guest's view is read-only
say "building gnl-stress (release) and the Swift tests (the unprivileged suite)"
refresh_swift_sources
swift build --build-tests
build_release_clients gnl-stress
export GNL_STRESS=$RELEASE_BIN_DIR/gnl-stress GUEST_ENV="${GUEST_ENV:-} GNL_STRESS"
dir="$OUT/stress"
rm -rf "$dir" && mkdir -p "$dir"
say "stress ($size sizes), one VM boot"
set +e
scripts/vm-run.sh scripts/with-module.sh "$0" --in-vm "$size" "$dir" 2>&1 | tee "$dir/log"
rc=${PIPESTATUS[0]}
set -e
if [ "$size" = full ]; then
	"$PYTHON" stress/report.py "$dir" >"$ROOT/measurements/reliability.md"
	cat "$ROOT/measurements/reliability.md"
fi
exit "$rc"
