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
# Each family of families/<name>/ (scripts/common.sh: families): its uapi header, its
# module's tables and its Swift client, where the family's folder keeps them.
for family in $(families); do
	dir=families/$family
	outputs+=(
		"$dir/$family.yaml uapi $dir/include/$family.h"
		"$dir/$family.yaml kernel-header $dir/kernel/$family-nl.h"
		"$dir/$family.yaml kernel-source $dir/kernel/$family-nl.c"
		"$dir/$family.yaml swift $dir/swift/$(camel_case "$family").swift"
	)
done
for spec in Tests/NetlinkGeneratorTests/Specs/*.yaml; do
	name=$(basename "$spec" .yaml)
	golden=Tests/NetlinkGeneratorTests/Golden
	outputs+=(
		"$spec uapi $golden/$name.h"
		"$spec kernel-header $golden/$name-nl.h"
		"$spec kernel-source $golden/$name-nl.c --header $name-nl.h"
	)
	# The Swift client is compiled and exercised by its own test target.
	outputs+=("$spec swift Tests/GeneratedClientTests/$(camel_case "$name").swift")
done

# Typed clients of the kernel's own families, from the kernel's specs beside the checkout
# (test data, not part of the project; a user's kernel tree has the same files).
# The path is relative and as written: the generated files quote it.
kernel_specs=../shared/ynl-specs
[ -d "$kernel_specs" ] || die "no kernel specs at $ROOT/$kernel_specs"
for family in nlctrl netdev ethtool; do
	outputs+=("$kernel_specs/$family.yaml swift Sources/KernelFamilies/${family^}.swift")
done

drift=0 unchanged=0
text=$(mktemp)
trap 'rm -f "$text"' EXIT
for entry in "${outputs[@]}"; do
	read -r spec generator output options <<<"$entry"
	"$gen" "$generator" "$spec" $options >"$text"
	if cmp -s "$text" "$output"; then
		unchanged=$((unchanged + 1))
	elif [ "$check" = 1 ]; then
		echo "drift: $output is not what 'gnl-gen $generator $spec $options' generates now" >&2
		drift=1
	else
		# Written only when it changes: an unchanged file keeps its time, so builds skip it.
		mkdir -p "$(dirname "$output")"
		cat "$text" >"$output"
		echo "generated $output"
	fi
done
if [ "$check" = 1 ]; then
	[ "$drift" = 0 ] && echo "every generated file matches its spec"
else
	echo "$unchanged generated files were up to date"
fi
exit $drift
