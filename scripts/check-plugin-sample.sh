#!/usr/bin/env bash
# The GenerateNetlinkClient build plugin as a user's package uses it: builds the sample
# package Examples/NetlinkClientPlugin (in its own .build: Yams, gnl-gen and the libraries
# again), checks that its client is generated again when the spec changes and only then,
# runs its tests (the generated client against FakeKernel) and its demo, which lists the
# families through nlctrl and, where the module is not loaded, says so.
#   scripts/check-plugin-sample.sh               all that, on the host (scripts/test.sh)
#   scripts/check-plugin-sample.sh --with-module the built demo only, which must reach the
#                                                family (scripts/vm-suite.sh, in the VM)
. "$(dirname "$0")/common.sh"
cd "$ROOT"

sample=Examples/NetlinkClientPlugin
scratch=$sample/.build
demo=$scratch/debug/foobar-demo
spec=$sample/Sources/FoobarFamily/gnl_foobar_xmpl.yaml   # a link to specs/gnl_foobar_xmpl.yaml

# with_module: 1 when the family must answer, else either answer will do.
run_demo() {
	local with_module=$1 out err status=0 errors
	errors=$(mktemp)
	out=$("$demo" 2>"$errors") || status=$?
	err=$(cat "$errors")
	rm -f "$errors"
	printf '%s\n' "$out"
	[ -z "$err" ] || printf '%s\n' "$err" >&2
	[[ $out == "generic netlink families ("*" nlctrl"* ]] || die "foobar-demo did not list nlctrl"
	if [ "$status" = 0 ]; then
		local expected="echo: hello from a generated client
dump: 0 dump message 0
dump: 1 dump message 1
dump: 2 dump message 2"
		[ "${out#*$'\n'}" = "$expected" ] || die "foobar-demo's echo and dump are not what the module answers"
	elif [ "$with_module" = 1 ]; then
		die "foobar-demo failed with the module loaded (exit $status)"
	else
		[ "$status" = 1 ] && [[ $err == "foobar-demo: family gnl_foobar_xmpl not found — is the module loaded?"* ]] ||
			die "foobar-demo without the module: exit $status, not the missing family's message"
	fi
}

if [ "${1:-}" = --with-module ]; then
	run_demo 1
	exit 0
fi

log=$scratch/check-plugin-sample.log
build() {  # its output kept in $log for the checks below
	mkdir -p "$scratch"
	swift build --package-path "$sample" --scratch-path "$scratch" --build-tests >"$log" 2>&1 ||
		{ cat "$log" >&2; die "the sample package does not build"; }
}
generated() { grep -q 'Generating gnl_foobar_xmpl.generated.swift from gnl_foobar_xmpl.yaml' "$log"; }

start=$SECONDS
build
say "sample package built (with its tests) in $((SECONDS - start)) s"
output=$(find "$scratch/plugins/outputs" -name gnl_foobar_xmpl.generated.swift)
[ -n "$output" ] || die "the plugin generated no gnl_foobar_xmpl.generated.swift"
grep -q '^public struct FoobarClient<' "$output" || die "$output: no FoobarClient (the config's namespace)"

# The first build after a clean one compiles Yams's C sources and links gnl-gen again
# (seen with SwiftPM 6.3, for the plugin's tool only: a package that just depends on Yams
# does not), and a new gnl-gen rightly runs again. From the next one on:
build
build
generated && die "a build with nothing changed ran gnl-gen again"
touch "$spec"   # as an edit would: the build must generate the client again
build
generated || die "the spec changed and the build did not run gnl-gen again"
[ "$output" -nt "$spec" ] || die "$output is older than the spec it was generated from"
echo "the client is generated again when the spec changes, and only then"

swift test --package-path "$sample" --scratch-path "$scratch" --skip-build
run_demo 0
