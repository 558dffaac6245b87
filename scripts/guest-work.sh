#!/usr/bin/env bash
# What the whole guest executes per request, the kernel's side included:
# instructions, memory accesses and translated blocks run, in user space and in
# the kernel, counted by a QEMU TCG plugin (bench/guest-work/). Every client, on
# the benchmark's echo and dump. Writes measurements/guest-work.md (raw counts in
# out/guest-work/). Uses the binaries scripts/bench.sh built.
#   scripts/guest-work.sh
# Counts, unlike times, do not depend on how busy the machine is.
. "$(dirname "$0")/common.sh"
cd "$ROOT"

dir="$OUT/guest-work"
clients=(swift-raw c-raw swift-libnl c-libnl)
# Each work runs twice, small and big; the difference, per request, cancels the
# process's start-up, the family look-up and the exit.
works=("echo bench-echo 200 5200" "dump bench-dump 1000 101000")
# The median of three rounds: interrupts and the other vCPU add a little noise.
rounds=3

command_of() {  # client -> the command line of its bench-* commands, from guest memory
	case $1 in
	swift-raw) echo "/dev/shm/guest-work/gnl-bench --backend raw" ;;
	swift-libnl) echo "/dev/shm/guest-work/gnl-bench --backend libnl" ;;
	*) echo "/dev/shm/guest-work/$1" ;;
	esac
}

if [ "${1:-}" = --in-vm ]; then
	# Binaries from guest memory, as in the benchmark (9p page-ins are slow).
	mkdir -p /dev/shm/guest-work
	cp -L "$ROOT/.build/bench-bin"/* "$dir/mark" /dev/shm/guest-work/
	mark=/dev/shm/guest-work/mark
	: >"$dir/order"
	for round in $(seq "$rounds"); do
		for c in "${clients[@]}"; do
			for w in "${works[@]}"; do
				read -r name cmd small big <<<"$w"
				$mark
				$(command_of "$c") "$cmd" "$small" >/dev/null || die "$c $cmd $small failed"
				$mark
				$(command_of "$c") "$cmd" "$big" >/dev/null || die "$c $cmd $big failed"
				$mark
				echo "$c $name $small $big" >>"$dir/order"
			done
		done
	done
	exit 0
fi

run_setup --bench
bin="$ROOT/.build/bench-bin"
for c in gnl-bench c-raw c-libnl; do
	[ -x "$bin/$c" ] || die "run scripts/bench.sh first: it builds the clients"
done
build_module
rm -rf "$dir" && mkdir -p "$dir"
cc -O2 -Wall -Wextra -shared -fPIC -fvisibility=hidden \
	-o "$dir/counting_plugin.so" bench/guest-work/counting_plugin.c
cc -O2 -o "$dir/mark" bench/guest-work/mark.c

say "counting the guest's work (QEMU TCG plugin, one VM boot)"
VM_QEMU_OPTS="-plugin $dir/counting_plugin.so,out=$dir/counts" \
	scripts/vm-run.sh scripts/with-module.sh "$0" --in-vm

"$PYTHON" bench/guest_work_report.py --counts "$dir/counts" --order "$dir/order" \
	>"$ROOT/measurements/guest-work.md"
cat "$ROOT/measurements/guest-work.md"
