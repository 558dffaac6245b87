#!/usr/bin/env bash
# The kernel code gnl-gen generates builds, warnings as errors, against the kernel the
# module is built for (Debian's 6.1 here): for every test spec of the generator, its
# -nl.c is compiled as a module object beside its uapi header.
. "$(dirname "$0")/common.sh"
cd "$ROOT"

swift build --product gnl-gen >/dev/null
gen="$(swift build --show-bin-path)/gnl-gen"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

objects=()
for spec in Tests/NetlinkGeneratorTests/Specs/*.yaml; do
	name=$(basename "$spec" .yaml)
	mkdir -p "$work/include/linux"
	"$gen" uapi "$spec" -o "$work/include/linux/$name.h"
	"$gen" kernel-header "$spec" -o "$work/$name-nl.h"
	"$gen" kernel-source "$spec" --header "$name-nl.h" -o "$work/$name-nl.c"
	objects+=("$name-nl.o")
done
# Objects only: the handlers the tables name are a module's own, not generated.
printf 'obj-m := %s\nccflags-y := -I$(src)/include\n' "${objects[*]}" >"$work/Kbuild"
make -s -C "$KDIR" M="$work" KCFLAGS=-Werror W=1 "${objects[@]}"
echo "generated kernel code builds against $KDIR: ${objects[*]}"
