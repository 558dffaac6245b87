#!/usr/bin/env bash
# libFuzzer over the Swift decoders (Fuzz/: every target takes arbitrary bytes as what
# the kernel sent). Builds with --sanitize=fuzzer --sanitize=address.
#   scripts/fuzz.sh --smoke            every target for a few seconds (the test suite)
#   scripts/fuzz.sh [--runs N] [T...]  N executions of each target (default 10 million)
#                                       and a report in measurements/fuzz.md
# Each target starts from its committed corpus, Fuzz/Corpus/<target>/; what it finds new
# goes to out/fuzz/corpus/<target>/ (merge it into the committed corpus by hand with
# -merge=1 when it is worth keeping). A crash, a hang (-timeout) or a sanitizer report
# fails the run; its input is kept in out/fuzz/.
. "$(dirname "$0")/common.sh"
cd "$ROOT"

smoke=0 runs=10000000 targets=()
while [ $# -gt 0 ]; do
	case $1 in
	--smoke) smoke=1 ;;
	--runs) runs=${2:?}; shift ;;
	-*) die "usage: scripts/fuzz.sh [--smoke] [--runs N] [TARGET...]" ;;
	*) targets+=("$1") ;;
	esac
	shift
done
[ ${#targets[@]} -gt 0 ] || targets=(attributes messages extack controller generated connection error-paths)

say "building the fuzz targets (release, fuzzer + address sanitizers)"
mkdir -p "$OUT/fuzz"
swift build --package-path Fuzz --scratch-path Fuzz/.build-fuzz -c release \
	--sanitize=fuzzer --sanitize=address >"$OUT/fuzz/build.log" 2>&1 ||
	{ tail -n 30 "$OUT/fuzz/build.log" >&2; die "the fuzz targets did not build (log: $OUT/fuzz/build.log)"; }
fuzzer=Fuzz/.build-fuzz/release/fuzz-decoders

mkdir -p "$OUT/fuzz"
report=()
for target in "${targets[@]}"; do
	corpus="$OUT/fuzz/corpus/$target"
	mkdir -p "$corpus" "Fuzz/Corpus/$target"
	if [ "$smoke" = 1 ]; then limit=(-max_total_time=5); else limit=(-runs="$runs"); fi
	say "fuzz $target: ${limit[*]}"
	log="$OUT/fuzz/$target.log"
	start=$SECONDS
	if ! FUZZ_TARGET=$target "$fuzzer" "${limit[@]}" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
		-artifact_prefix="$OUT/fuzz/$target-" -print_final_stats=1 "$corpus" "Fuzz/Corpus/$target" >"$log" 2>&1; then
		tail -n 40 "$log" >&2
		die "fuzz $target found a problem: see $log and $OUT/fuzz/$target-*"
	fi
	executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	echo "$target: $executions executions, $rate per second, no crash, hang or sanitizer report"
	report+=("| $target | $executions | $((SECONDS - start)) s | $rate | none |")
done

[ "$smoke" = 1 ] && exit 0
{
	echo "# Fuzzing the Swift decoders"
	echo
	echo "Written by \`scripts/fuzz.sh --runs $runs\` on $(date -u +%Y-%m-%dT%H:%M:%SZ); rerun it rather than editing"
	echo "this file. libFuzzer with AddressSanitizer ($(swift --version 2>&1 | head -1)); each target"
	echo "starts from its committed corpus (Fuzz/Corpus/) and runs $runs executions. The targets"
	echo "are in Fuzz/Sources/FuzzTargets/FuzzTargets.swift."
	echo
	echo "| target | executions | time | executions/s | crashes, hangs, sanitizer reports |"
	echo "|---|---|---|---|---|"
	printf '%s\n' "${report[@]}"
} >measurements/fuzz.md
cat measurements/fuzz.md
