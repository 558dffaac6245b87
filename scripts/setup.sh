#!/usr/bin/env bash
# Installs what building and testing need (with --bench: benchmarking too),
# on Debian as root. Idempotent:
# it installs only what is missing, so it is cheap to run every time.
. "$(dirname "$0")/common.sh"

apt_packages=(
	make gcc pkg-config kmod strace
	linux-image-amd64 linux-headers-amd64   # the VM's kernel and its headers
	qemu-system-x86 busybox-static          # the VM (virtme-ng boots with busybox)
	libnl-genl-3-dev libnl-utils            # the libnl clients; genl-ctrl-list
	ethtool iproute2                        # what gnl's answers are checked against
	python3 python3-pip
)
# scripts/bench.sh and scripts/profile.sh: valgrind for the instruction profiles;
# the Go peer (go-mdlayher), built offline from Debian's Go packages.
[ "${1:-}" = --bench ] && apt_packages+=(valgrind
	golang-go golang-github-mdlayher-genetlink-dev golang-github-mdlayher-netlink-dev)
missing=()
for p in "${apt_packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	say "apt: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq "${missing[@]}" >/dev/null
fi

pip_install() {  # name version
	# Not `pip show | grep -q`: grep's early exit fails the pipe under pipefail.
	[ "$("$PYTHON" -m pip show "$1" 2>/dev/null | sed -n 's/^Version: //p')" = "$2" ] && return
	say "pip: installing $1==$2"
	# Debian's own python3 refuses pip without --break-system-packages.
	"$PYTHON" -m pip install -q --root-user-action=ignore "$1==$2" 2>/dev/null ||
		"$PYTHON" -m pip install -q --root-user-action=ignore --break-system-packages "$1==$2"
}
pip_install virtme-ng "$VNG_VERSION"
pip_install pyroute2 "$PYROUTE2_VERSION"
# The module's tests read the family's spec (specs/*.yaml).
"$PYTHON" -c "import yaml" 2>/dev/null || pip_install PyYAML 6.0.3
"$PYTHON" -c "import pytest" 2>/dev/null || pip_install pytest 8.3.5
# scripts/bench.sh draws its chart with matplotlib.
[ "${1:-}" = --bench ] && pip_install matplotlib 3.10.8

command -v swift >/dev/null || die "swift is not on PATH (Swift 6.2 or later expected)"
command -v vng >/dev/null || die "vng not on PATH after installing virtme-ng"
find_kernel
[ -d "$KDIR" ] || die "no kernel headers at $KDIR"
