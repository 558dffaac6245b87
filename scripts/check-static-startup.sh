#!/usr/bin/env bash
# The static gnl-foobar, built the way scripts/bench.sh builds it, starts the way
# measurements/analysis.md says: it still reads its command line (the constructor
# in Sources/SwiftRuntimeSettings moves environ, which static Swift binaries find
# argv from), the runtime skips the search for swift-backtrace unless the user set
# SWIFT_BACKTRACE, and nothing links libdispatch. Runs natively: nlctrl needs no module.
. "$(dirname "$0")/common.sh"
cd "$ROOT"

build_release_clients gnl-foobar
bin="$RELEASE_BIN_DIR/gnl-foobar"

id=$("$bin" --backend raw resolve nlctrl) || die "static gnl-foobar failed: resolve nlctrl"
[ "$id" = 16 ] || die "static gnl-foobar: resolve nlctrl printed '$id', expected 16"

searched() {  # env... : does a start-up look for swift-backtrace?
	local trace
	trace=$(env "$@" strace -f -s 4096 -e trace=newfstatat,stat,statx,access \
		"$bin" --backend raw resolve nlctrl 2>&1 >/dev/null)
	[[ $trace == *swift-backtrace* ]]
}
searched && die "static gnl-foobar still searches for swift-backtrace at start-up"
searched SWIFT_BACKTRACE=enable=no || die "static gnl-foobar overrode the user's SWIFT_BACKTRACE"

[[ $(nm "$bin") == *" libdispatch_init"* ]] &&
	die "static gnl-foobar links libdispatch (Foundation or the concurrency runtime crept in)"
echo "static gnl-foobar: reads its arguments, no swift-backtrace search, no libdispatch"
