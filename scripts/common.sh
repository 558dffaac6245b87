# Sourced by the scripts in this folder: paths and the kernel to build for.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/out"                       # results; writable from the VM
VNG_VERSION=1.42                      # virtme-ng, pinned
PYROUTE2_VERSION=0.9.7                # the independent client in the module tests

# The kernel the module is built for: the running one when it can load
# modules, otherwise Debian's packaged kernel, which the VM boots. Found again
# after setup, which may just have installed it (a fresh machine has none).
find_kernel() {
	if [ -e /proc/modules ] && [ -d "/lib/modules/$(uname -r)/build" ]; then
		KVER=$(uname -r)
	else
		KVER=$( (ls /lib/modules 2>/dev/null || true) | sort -V | tail -n 1)
	fi
	KDIR="/lib/modules/$KVER/build"
}
find_kernel

# Where `swift build` puts the debug binaries the tests run.
BIN_DIR=${BIN_DIR:-$ROOT/.build/debug}
export BIN_DIR

# The release build of every client: static executables, the build the demo runs and
# the benchmark measures (one configuration, so neither rebuilds the other's).
RELEASE_FLAGS=(-c release -Xswiftc -static-executable)

# The interpreter itself, not a shim: the VM runs it by path.
PYTHON=${PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}
# pip puts vng (and the virtme-run it calls) beside that interpreter, which a
# shim-based PATH (pyenv) does not show until it is rehashed.
PATH="$(dirname "$PYTHON"):$PATH"
export PATH

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# True where this machine can insmod the module itself (root, modules on).
can_load_modules_here() {
	[ "$(id -u)" = 0 ] && [ -e /proc/modules ] && [ "$KVER" = "$(uname -r)" ]
}

# SwiftPM's incremental build can leave a module compiled against an older
# @inlinable body or struct layout of a module it imports (seen with Swift 6.3:
# a stale test overwrote a stack variable). Touching our own sources makes every
# build compile them afresh; dependencies stay cached.
refresh_swift_sources() {
	find "$ROOT/Sources" "$ROOT/Tests" -name '*.swift' -exec touch {} +
}

# Builds the clients in RELEASE_FLAGS (gnl-foobar, c-raw, c-libnl unless named) and
# sets RELEASE_BIN_DIR to where they are.
build_release_clients() {
	local products=("$@") product
	[ ${#products[@]} -gt 0 ] || products=(gnl-foobar c-raw c-libnl)
	for product in "${products[@]}"; do
		swift build "${RELEASE_FLAGS[@]}" --product "$product"
	done
	RELEASE_BIN_DIR=$(swift build "${RELEASE_FLAGS[@]}" --show-bin-path)
}

# The families of families/<name>/, found by convention (scripts/new-family.sh makes
# one): a folder holding its spec, <name>.yaml. Names, one a line.
families() {
	local spec
	for spec in "$ROOT"/families/*/*.yaml; do
		[ -e "$spec" ] || continue
		[ "$(basename "$spec" .yaml)" = "$(basename "$(dirname "$spec")")" ] && basename "$(dirname "$spec")"
	done
	return 0
}

# SwiftPM caches Package.swift's evaluation by the manifest's text and the environment,
# not by the families/ folder the manifest lists: the files it looks for go into the
# environment too, so that a new family (or its first generated client) makes the
# scripts' swift commands evaluate the manifest again. (By hand: swift build
# --manifest-cache none, once after adding a family.)
GENLKIT_FAMILY_FILES=$(cd "$ROOT" && (ls -d families/*/*.yaml families/*/swift/*.swift \
	families/*/tests/host/*.swift families/*/tests/vm/*.swift 2>/dev/null || true) | cksum)
export GENLKIT_FAMILY_FILES

# Upper camel case, as gnl-gen names a spec's Swift namespace (gnl_kv -> GnlKv).
camel_case() {
	sed -E 's/(^|[-_])([a-z0-9])/\U\2/g' <<<"$1"
}

# Every module's folder: the example family's kernel-mod/, then each family's kernel/.
module_dirs() {
	echo "$ROOT/kernel-mod"
	local family
	for family in $(families); do echo "$ROOT/families/$family/kernel"; done
}

# Every module's .ko file (built or not), in the order they load.
module_files() {
	echo "$ROOT/kernel-mod/gnl_foobar_xmpl.ko"
	local family
	for family in $(families); do echo "$ROOT/families/$family/kernel/$family.ko"; done
}

# The pytest suites of the modules on the wire: the example's, then each family's
# tests/module where it has one.
module_test_dirs() {
	echo "$ROOT/kernel-mod/tests"
	local family
	for family in $(families); do
		if [ -d "$ROOT/families/$family/tests/module" ]; then echo "$ROOT/families/$family/tests/module"; fi
	done
}

# Builds every module (KCFLAGS from the environment: test.sh sets -Werror).
build_module() {
	local dir
	for dir in $(module_dirs); do
		say "building ${dir#"$ROOT"/} against $KDIR"
		make -s -C "$KDIR" M="$dir" W=1 modules
	done
}

# Installs what is missing (scripts/setup.sh), then looks for the kernel again.
run_setup() {
	"$ROOT/scripts/setup.sh" "$@"
	find_kernel
}
