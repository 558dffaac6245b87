#!/usr/bin/env bash
# The floor under a cold start: empty static Swift and C programs timed beside
# swift-raw's and c-raw-static's cold nlctrl look-up, natively, in one run; writes
# measurements/cold-floor.md. Uses the clients scripts/bench.sh built.
#   scripts/cold-floor.sh [RUNS]     (default 1000 of each)
. "$(dirname "$0")/common.sh"
cd "$ROOT"

runs=${1:-1000}
bin="$ROOT/.build/bench-bin"
[ -x "$bin/gnl-bench" ] && [ -x "$bin/c-raw-static" ] || die "run scripts/bench.sh first: it builds the clients"
run_setup --bench

dir="$ROOT/.build/cold-floor"
rm -rf "$dir" && mkdir -p "$dir"
# Linked as the clients are: swiftc -O -static-executable (RELEASE_FLAGS) with
# Sources/SwiftRuntimeSettings (no backtracer search at start), clang -O2 -static.
: >"$dir/main.swift"
printf 'int main(void) { return 0; }\n' >"$dir/main.c"
cc="$(dirname "$(readlink -f "$(command -v swift)")")/clang"
"$cc" -O2 -c -o "$dir/settings.o" Sources/SwiftRuntimeSettings/SwiftRuntimeSettings.c
# (The runtime's archive warns that its dlopen needs glibc's shared libraries; unused.)
swiftc -O -static-executable -o "$dir/swift-empty" "$dir/main.swift" "$dir/settings.o" 2>&1 |
	{ grep -v "statically linked applications" || true; }
"$cc" -O2 -static -o "$dir/c-empty" "$dir/main.c"
ln -sf "$bin/gnl-bench" "$bin/c-raw-static" "$dir/"

say "cold starts: $runs runs of each, taking turns"
"$PYTHON" bench/cold_floor.py --bin "$dir" --runs "$runs" --out measurements/cold-floor.md
