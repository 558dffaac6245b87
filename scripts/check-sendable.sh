#!/usr/bin/env bash
# The compiler enforces what may cross threads (README, "Threads"): each file of
# Tests/Sendability/ is typechecked in the Swift 6 language mode against the debug build's
# modules. *-stays.swift sends a client to another thread and must be refused for it
# (non-Sendable); the others must typecheck. Run after `swift build`.
. "$(dirname "$0")/common.sh"
cd "$ROOT"

build=$(swift build --show-bin-path)
modulemaps=()
for map in "$build"/*.build/module.modulemap Sources/CLibnlGenl/module.modulemap; do modulemaps+=(-Xcc "-fmodule-map-file=$map"); done
[ ${#modulemaps[@]} -gt 0 ] || die "no module maps in $build: run swift build first"
typecheck() {
	swiftc -typecheck -swift-version 6 -I "$build/Modules" "${modulemaps[@]}" \
		-Xcc -I -Xcc Sources/CNetlink/include -Xcc -I -Xcc include \
		$(pkg-config --cflags-only-I libnl-genl-3.0 | sed 's/-I/-Xcc -I/g') "$1" 2>&1
}
failed=0
for file in Tests/Sendability/*.swift; do
	out=$(typecheck "$file") && rc=0 || rc=$?
	case $file in
	*-stays.swift)
		if [ $rc -ne 0 ] && grep -q "non-Sendable type" <<<"$out"; then echo "refused, as it must be: $file"; else
			echo "FAILED: $file typechecked (or failed otherwise); a client must not be Sendable:"; echo "$out"
			failed=1; fi ;;
	*)
		if [ $rc -eq 0 ]; then echo "typechecks: $file"; else echo "FAILED: $file:"; echo "$out"; failed=1; fi ;;
	esac
done
exit $failed
