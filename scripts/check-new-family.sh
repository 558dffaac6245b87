#!/usr/bin/env bash
# Keeps the template of scripts/new-family.sh from rotting: a throwaway family is made
# with it in a scratch copy of this tree and taken through the whole workflow, in two
# halves that scripts/test.sh runs:
#   scripts/check-new-family.sh prepare   on the host, before the VM boots: copies the
#       tree as it is (uncommitted changes too, not what git ignores) to
#       .build-new-family/repo, runs `scripts/new-family.sh gnl_scaffold` there, then what
#       scripts/test.sh would: builds the copy's modules as its discovery finds them
#       (-Werror), its Swift package and tests, runs the new family's host tests and the
#       drift check (scripts/generate.sh --check);
#   scripts/check-new-family.sh run       where modules load, in the VM boot of the other
#       suites (scripts/vm-suite.sh): loads the new module beside the others, calls it
#       from Swift (its VM tests, from the copy's test bundle) and unloads it.
# The copy and its build are kept between runs, and files whose contents did not change
# keep their times in it, so only what changed is rebuilt: the first run builds the
# package once (~2 minutes here), later ones take seconds plus the new family's targets.
. "$(dirname "$0")/common.sh"

name=gnl_scaffold
camel=$(camel_case "$name")
copy=$ROOT/.build-new-family/repo
ready=$copy/.prepared    # written last by prepare; run refuses a copy without it
sources_changed=0        # set by sync_copy when it copied a library's Swift file

# Makes $copy hold the tree's files (tracked, and untracked but not ignored), copying
# only those whose contents differ, and removes what the tree no longer has.
sync_copy() {
	local file
	local -A wanted=()
	mkdir -p "$copy"
	while IFS= read -r -d '' file; do
		[[ $file == families/$name/* ]] && continue
		[ -f "$ROOT/$file" ] || continue   # deleted, not yet staged
		wanted[$file]=1
		cmp -s "$ROOT/$file" "$copy/$file" && continue
		mkdir -p "$(dirname "$copy/$file")"
		cp --preserve=mode "$ROOT/$file" "$copy/$file"
		if [[ $file == Sources/*.swift ]]; then sources_changed=1; fi
	done < <(git -C "$ROOT" ls-files -z --cached --others --exclude-standard)
	# The same dependency versions as the tree's build (Package.resolved is not in git).
	if [ -f "$ROOT/Package.resolved" ]; then
		wanted[Package.resolved]=1
		cmp -s "$ROOT/Package.resolved" "$copy/Package.resolved" || cp "$ROOT/Package.resolved" "$copy/"
	fi
	while IFS= read -r -d '' file; do
		file=${file#"$copy"/}
		[ -n "${wanted[$file]:-}" ] || rm -f "$copy/$file"
	done < <(find "$copy" \( -path "$copy/.build" -o -path "$copy/families/$name" \) -prune -o -type f -print0)
}

prepare() {
	rm -f "$ready"
	say "copying the tree to ${copy#"$ROOT"/}"
	sync_copy
	# As scripts/common.sh's refresh_swift_sources, but only when the libraries changed:
	# an incremental build can keep a module compiled against an older @inlinable body.
	if [ "$sources_changed" = 1 ]; then
		find "$copy/Sources" -name '*.swift' -exec touch {} +
	fi
	rm -rf "$copy/families/$name"
	# The kernel's specs beside the copy where they are beside the tree: generated files
	# name their spec by its relative path, which must not differ in the copy.
	ln -sfn "$(realpath "${YNL_SPECS:-$ROOT/../shared/ynl-specs}/..")" "$copy/../shared"
	unset YNL_SPECS
	cd "$copy"
	scripts/new-family.sh "$name"
	# The copy's own discovery must find the module, as its build_module would build it
	# and its with-module.sh load it. Only this one is built here: the others are the tree's.
	local dir=$copy/families/$name/kernel
	(. scripts/common.sh && module_dirs) | grep -qx "$dir" || die "the copy's module_dirs misses $dir"
	(. scripts/common.sh && module_files) | grep -qx "$dir/$name.ko" || die "the copy's module_files misses $name.ko"
	say "building its module (-Werror)"
	make -s -C "$KDIR" M="$dir" KCFLAGS=-Werror W=1 modules
	# In a shell of the copy's own: its Package.swift lists the copy's families, which
	# its common.sh tells SwiftPM's manifest cache about.
	say "building the copy's Swift package and tests"
	(. scripts/common.sh && swift build --build-tests)
	say "the new family's host tests"
	(. scripts/common.sh && swift test --skip-build --filter "${camel}FamilyTests")
	say "the copy's drift check"
	scripts/generate.sh --check
	touch "$ready"
}

run() {
	[ -e "$ready" ] || die "no prepared copy at $copy: run 'scripts/check-new-family.sh prepare' first"
	local ko=$copy/families/$name/kernel/$name.ko rc=0
	insmod "$ko" || die "insmod $ko failed"
	"$copy/.build/debug/GenlKitPackageTests.xctest" --testing-library swift-testing \
		--filter "${camel}FamilyIntegrationTests" || rc=1
	rmmod "$name" || { echo "error: rmmod $name failed" >&2; rc=1; }
	return $rc
}

case "${1:-}" in
prepare) prepare ;;
run) run ;;
*) die "usage: scripts/check-new-family.sh prepare|run" ;;
esac
