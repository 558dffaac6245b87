#!/usr/bin/env bash
# The static gnl-foobar and gnl-bench, built the way scripts/bench.sh builds them, start
# the way measurements/analysis.md says: each still reads its command line (the
# constructor in Sources/SwiftRuntimeSettings moves environ, which static Swift binaries
# find argv from), the runtime skips the search for swift-backtrace unless the user set
# SWIFT_BACKTRACE, and nothing links libdispatch, nor the test doubles of NetlinkTesting.
# Runs natively: nlctrl needs no module.
. "$(dirname "$0")/common.sh"
cd "$ROOT"

build_release_clients gnl-foobar gnl-bench

# The executable checked and a command of it that works on any host.
bin= command=()

searched() {  # env... : does a start-up of "$bin" look for swift-backtrace?
	local trace
	trace=$(env "$@" strace -f -s 4096 -e trace=newfstatat,stat,statx,access \
		"$bin" "${command[@]}" 2>&1 >/dev/null)
	[[ $trace == *swift-backtrace* ]]
}

check() {  # name expected-output-pattern command...
	local name=$1 pattern=$2 out symbols
	bin="$RELEASE_BIN_DIR/$1" command=("${@:3}")
	out=$("$bin" "${command[@]}") || die "static $name failed: ${command[*]}"
	[[ $out =~ ^$pattern$ ]] || die "static $name: '${command[*]}' printed '$out', expected $pattern"

	searched && die "static $name still searches for swift-backtrace at start-up"
	searched SWIFT_BACKTRACE=enable=no || die "static $name overrode the user's SWIFT_BACKTRACE"

	symbols=$(nm "$bin")
	[[ $symbols == *" libdispatch_init"* ]] &&
		die "static $name links libdispatch (Foundation or the concurrency runtime crept in)"
	[[ $symbols == *FakeKernel* ]] && die "static $name links NetlinkTesting's FakeKernel"
	echo "static $name: reads its arguments, no swift-backtrace search, no libdispatch, no test doubles"
}
# gnl-foobar prints nlctrl's id; gnl-bench one look-up's latency.
check gnl-foobar 16 --backend raw resolve nlctrl
check gnl-bench '[1-9][0-9]*' --backend raw bench-resolve 1
