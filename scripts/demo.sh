#!/usr/bin/env bash
# The demo's guest side (run by build_and_run.sh with the module loaded):
# every client does resolve, echo, dump and error; then the kernel log.
. "$(dirname "$0")/common.sh"

# Show the module's pr_debug lines (one per request) in the kernel log.
control=/sys/kernel/debug/dynamic_debug/control
[ -w "$control" ] || mount -t debugfs none /sys/kernel/debug 2>/dev/null || true
[ -w "$control" ] && echo 'module gnl_foobar_xmpl +p' > "$control"

request() {  # client-argv... -- prints the command and its indented output
	local shown=${1#"$BIN_DIR"/} arg
	for arg in "${@:2}"; do
		[[ $arg == *" "* ]] && arg="'$arg'"
		shown+=" $arg"
	done
	printf '  $ %s\n' "$shown"
	# A client's failure (the error command's, on purpose) is shown, not fatal.
	"$@" 2>&1 | sed 's/^/    /' || true
}
show() {  # title client-argv...
	local title=$1; shift
	printf '\n\033[1m%s\033[0m\n' "$title"
	request "$@" resolve
	request "$@" echo "Hello from $title"
	request "$@" dump
	request "$@" error
}
show "C, raw sockets" "$BIN_DIR/c-raw"
show "C, libnl" "$BIN_DIR/c-libnl"
show "Swift, raw sockets" "$BIN_DIR/gnl-foobar" --backend raw
show "Swift, libnl" "$BIN_DIR/gnl-foobar" --backend libnl

printf '\n\033[1mkernel log\033[0m\n'
dmesg | grep gnl_foobar_xmpl | tail -n 30
