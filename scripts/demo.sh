#!/usr/bin/env bash
# The demo's guest side (run by build_and_run.sh with the module loaded):
# every client does resolve, echo, dump and error; then the kernel log.
# Each answer is checked as it is shown: the script exits 1 if a client is
# missing or answers wrongly. The error command's failure is the expected
# answer (EINVAL and the module's extended-ACK text), so it is shown, not fatal.
#   BIN_DIR=DIR scripts/demo.sh      (DIR holds c-raw, c-libnl and gnl-foobar)
. "$(dirname "$0")/common.sh"

# The extended-ACK text the error command must show, from the family's header.
expected_error=$(sed -n 's/^#define GNL_FOOBAR_XMPL_REPLY_ERR_MSG[[:space:]]*"\(.*\)"$/\1/p' \
	"$ROOT/include/gnl_foobar_xmpl.h")
[ -n "$expected_error" ] || die "no GNL_FOOBAR_XMPL_REPLY_ERR_MSG in include/gnl_foobar_xmpl.h"

# Show the module's pr_debug lines (one per request) in the kernel log.
control=/sys/kernel/debug/dynamic_debug/control
[ -w "$control" ] || mount -t debugfs none /sys/kernel/debug 2>/dev/null || true
[ -w "$control" ] && echo 'module gnl_foobar_xmpl +p' > "$control"

failures=()
fail() {  # what went wrong
	printf '    \033[1;31mFAILED: %s\033[0m\n' "$1"
	failures+=("$1")
}

# Runs a client and shows the command and its indented output; sets `status`
# and `output` (stdout and stderr together) for the checks.
request() {  # client-argv...
	local shown=${1#"$BIN_DIR"/} arg
	for arg in "${@:2}"; do
		[[ $arg == *" "* ]] && arg="'$arg'"
		shown+=" $arg"
	done
	printf '  $ %s\n' "$shown"
	set +e
	output=$("$@" 2>&1)
	status=$?
	set -e
	[ -z "$output" ] || printf '%s\n' "$output" | sed 's/^/    /'
}

show() {  # title client-argv...
	local title=$1; shift
	printf '\n\033[1m%s\033[0m\n' "$title"
	if [ ! -x "$1" ]; then
		fail "$title: no client binary at $1"
		return
	fi
	request "$@" resolve
	[[ $status = 0 && $output =~ ^(0x[0-9a-fA-F]+|[0-9]+)$ ]] ||
		fail "$title: resolve should print the family id (exit $status)"

	local text="Hello from $title"
	request "$@" echo "$text"
	[[ $status = 0 && $output = "$text" ]] || fail "$title: echo should print '$text' (exit $status)"

	request "$@" dump
	[[ $status = 0 && $output = $'0 dump message 0\n1 dump message 1\n2 dump message 2' ]] ||
		fail "$title: dump should print 3 numbered messages (exit $status)"

	request "$@" error
	[[ $status != 0 && $output == *"EINVAL (22)"* && $output == *"$expected_error"* ]] ||
		fail "$title: error should fail with EINVAL (22) and '$expected_error' (exit $status)"
}
show "C, raw sockets" "$BIN_DIR/c-raw"
show "C, libnl" "$BIN_DIR/c-libnl"
show "Swift, raw sockets" "$BIN_DIR/gnl-foobar" --backend raw
show "Swift, libnl" "$BIN_DIR/gnl-foobar" --backend libnl

printf '\n\033[1mkernel log\033[0m\n'
dmesg | grep gnl_foobar_xmpl | tail -n 30

echo
if [ ${#failures[@]} -gt 0 ]; then
	printf 'demo: %d check(s) failed:\n' ${#failures[@]} >&2
	printf '  %s\n' "${failures[@]}" >&2
	exit 1
fi
echo "demo: every client answered resolve, echo, dump and error as expected"
