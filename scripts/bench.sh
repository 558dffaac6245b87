#!/usr/bin/env bash
# The benchmark suite: every client on the same work, interleaved, in one VM
# boot, then natively on this host; results go to measurements/.
#   scripts/bench.sh [--quick] [--clients swift-raw,c-raw,...]
# Clients: swift-raw swift-libnl c-raw c-libnl (c-raw's batches are the
# c-raw-batch rows) c-raw-static c-libnl-static go-mdlayher py-pyroute2.
# --quick (fewer rounds, so noisier ratios) took 11 minutes in the VM on a loaded
# 2-CPU machine, half of it the strace stage (py-pyroute2's process alone makes ~12,000
# syscalls) and the dump stage; the host part takes seconds. The full run takes longer.
. "$(dirname "$0")/common.sh"
cd "$ROOT"

quick=() clients=swift-raw,swift-libnl,c-raw,c-libnl,c-raw-static,c-libnl-static,go-mdlayher,py-pyroute2
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=(--quick) ;;
	--clients) clients=${2:?}; shift ;;
	--clients=*) clients=${1#*=} ;;
	*) die "usage: scripts/bench.sh [--quick] [--clients a,b,...]" ;;
	esac
	shift
done
for c in ${clients//,/ }; do
	case $c in
	swift-raw | swift-libnl | c-raw | c-libnl | c-raw-static | c-libnl-static | go-mdlayher | py-pyroute2) ;;
	*) die "unknown client: $c" ;;
	esac
done
# The SwiftPM products those clients need: both Swift clients are gnl-foobar (the
# user's CLI, for the whole-process measures) and gnl-bench (the benchmark's
# commands); a static C client is its dynamic one's objects, linked again. The
# peers (go-, py-) are built apart, below.
products=$(tr , '\n' <<<"$clients" | sed -e 's/^swift-.*/gnl-foobar\ngnl-bench/' \
	-e 's/-static$//' -e '/^go-/d' -e '/^py-/d' | sort -u)
# The event-throughput rows (bench/events.py): swift-raw's subscribers and the burst
# every subscriber drains, c-libnl's included, are gnl-bench-events.
case ",$clients," in *,swift-raw,* | *,c-libnl,*) products+=" gnl-bench-events" ;; esac

run_setup --bench
build_module

# Swift: fully static executables (libnl's static archives included). In a
# short process start-up dominates: `gnl-foobar resolve nlctrl` made 309
# syscalls linked dynamically, 153 with --static-swift-stdlib, 56 static; 37
# static since the CLI dropped swift-argument-parser (libdispatch) and the
# backtracer's start-up search (Sources/SwiftRuntimeSettings).
say "building the release clients: "$products
refresh_swift_sources
[ -z "$products" ] || build_release_clients $products
rel=$(swift build "${RELEASE_FLAGS[@]}" --show-bin-path)

# C: SwiftPM links every executable with swiftc, which adds libswiftCore
# (and with it libstdc++) to pure C programs: ~130 start-up syscalls that are
# not theirs. Relink the objects SwiftPM compiled (same compiler and flags)
# the way a C program is linked: dynamic, libc (and libnl for c-libnl), and
# static (-static: glibc's and libnl's archives), the Swift clients' linkage.
bin="$ROOT/.build/bench-bin"
rm -rf "$bin" && mkdir -p "$bin"
cc="$(dirname "$(readlink -f "$(command -v swift)")")/clang"
for c in ${clients//,/ }; do
	case $c in
	swift-*) ln -sf "$rel/gnl-foobar" "$rel/gnl-bench" "$bin/" ;;&
	swift-raw | c-libnl) ln -sf "$rel/gnl-bench-events" "$bin/" ;;&
	c-raw) "$cc" -o "$bin/c-raw" "$rel"/c_raw.build/*.o ;;
	c-libnl) "$cc" -o "$bin/c-libnl" "$rel"/c_libnl.build/*.o $(pkg-config --libs libnl-genl-3.0) ;;
	c-raw-static) "$cc" -static -o "$bin/c-raw-static" "$rel"/c_raw.build/*.o ;;
	# glibc warns that libnl's address helpers (getaddrinfo, unused here) would need
	# its shared NSS libraries at run time.
	c-libnl-static)
		"$cc" -static -o "$bin/c-libnl-static" "$rel"/c_libnl.build/*.o \
			$(pkg-config --static --libs libnl-genl-3.0) 2>&1 | { grep -v "statically linked applications" || true; } ;;
	# Go, offline from Debian's packages (GOPATH mode), static as Go programs
	# usually ship (no cgo).
	go-mdlayher)
		say "building go-mdlayher"
		CGO_ENABLED=0 GO111MODULE=off GOFLAGS= GOPATH=/usr/share/gocode \
			GOCACHE="$ROOT/.build/go-cache" go build -trimpath -o "$bin/go-mdlayher" ./bench/peers/go-mdlayher ;;
	py-pyroute2) "$PYTHON" bench/peers/python_bundle.py --out "$bin" ;;
	esac
done

data="$OUT/bench"
rm -rf "$data" && mkdir -p "$data"
driver=(env PYTHONDONTWRITEBYTECODE=1 "$PYTHON" "$ROOT/bench/driver.py"
	--bin "$bin" --out "$data" --clients "$clients" "${quick[@]}")
if can_load_modules_here; then
	say "benchmark with the module: on this host"
	scripts/with-module.sh "${driver[@]}" vm
else
	say "benchmark with the module: in one VM boot (QEMU TCG)"
	scripts/vm-run.sh scripts/with-module.sh "${driver[@]}" vm
fi
say "benchmark against nlctrl: natively on this host"
"${driver[@]}" host

say "report"
"$PYTHON" "$ROOT/bench/report.py" --vm "$data/bench-vm.json" --host "$data/bench-host.json" \
	--bin "$bin" --out "$ROOT/measurements"
