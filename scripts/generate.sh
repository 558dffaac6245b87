#!/usr/bin/env bash
# Regenerates every file the project generates from a YNL spec with gnl-gen:
#   scripts/generate.sh            write them
#   scripts/generate.sh --check    write nothing; fail if a committed file differs from
#                                  what its spec generates now (the test suite's drift check)
. "$(dirname "$0")/common.sh"
cd "$ROOT"

check=0
[ "${1:-}" = --check ] && check=1

swift build --product gnl-gen >/dev/null
gen="$(swift build --show-bin-path)/gnl-gen"

# spec generator output [option...]: one generated file each.
outputs=(
	"specs/gnl_foobar_xmpl.yaml uapi include/gnl_foobar_xmpl.h"
	"specs/gnl_foobar_xmpl.yaml kernel-header kernel-mod/gnl_foobar_xmpl-nl.h"
	"specs/gnl_foobar_xmpl.yaml kernel-source kernel-mod/gnl_foobar_xmpl-nl.c"
	"specs/gnl_foobar_xmpl.yaml swift Sources/FoobarXmpl/GnlFoobarXmpl.swift"
)
for spec in Tests/NetlinkGeneratorTests/Specs/*.yaml; do
	name=$(basename "$spec" .yaml)
	golden=Tests/NetlinkGeneratorTests/Golden
	outputs+=(
		"$spec uapi $golden/$name.h"
		"$spec kernel-header $golden/$name-nl.h"
		"$spec kernel-source $golden/$name-nl.c --header $name-nl.h"
	)
	# The Swift client is compiled and exercised by its own test target.
	swift_name=$(sed -E 's/(^|[-_])([a-z])/\U\2/g' <<<"$name")
	outputs+=("$spec swift Tests/GeneratedClientTests/$swift_name.swift")
done

# Typed clients of the kernel's own families, from the kernel's specs beside the checkout
# (test data, not part of the project; a user's kernel tree has the same files).
# The path is relative and as written: the generated files quote it.
kernel_specs=../shared/ynl-specs
[ -d "$kernel_specs" ] || die "no kernel specs at $ROOT/$kernel_specs"
for family in nlctrl netdev ethtool; do
	outputs+=("$kernel_specs/$family.yaml swift Sources/KernelFamilies/${family^}.swift")
done

drift=0
for entry in "${outputs[@]}"; do
	read -r spec generator output options <<<"$entry"
	if [ "$check" = 1 ]; then
		if ! "$gen" "$generator" "$spec" $options | diff -u "$output" - >/dev/null; then
			echo "drift: $output is not what 'gnl-gen $generator $spec $options' generates now" >&2
			drift=1
		fi
	else
		"$gen" "$generator" "$spec" $options -o "$output"
		echo "generated $output"
	fi
done
[ "$check" = 0 ] || { [ "$drift" = 0 ] && echo "every generated file matches its spec"; }
exit $drift
