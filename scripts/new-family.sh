#!/usr/bin/env bash
# Starts a new generic netlink family from the template in scripts/family-template/:
#   scripts/new-family.sh NAME
#
# NAME is the family's name as the kernel registers it, and its module's: lowercase
# words of letters and digits joined by single underscores (a C identifier), at most
# 15 characters (GENL_NAMSIZ), taken by no other family here or in the kernel.
# It writes families/NAME/:
#   NAME.yaml               the spec (YNL, genetlink-c): one do, one dump, a multicast group
#   kernel/NAME-main.c      the handlers: stubs that answer (yours to fill); Kbuild, Makefile
#   tests/host/             Swift tests of the client against a fake kernel (NetlinkTesting)
#   tests/vm/               Swift tests against the module, run in the VM
# and generates, as scripts/generate.sh does for every family:
#   include/NAME.h          the uapi header
#   kernel/NAME-nl.{c,h}    the module's policies, ops, groups and family
#   swift/<Name>.swift      the Swift client, the library <Name>Family (gnl_kv: GnlKvFamily)
# Nothing else is edited: Package.swift, scripts/generate.sh and the test suite find
# families/*/ by convention, so scripts/test.sh builds, loads and tests it at once.
# Then: edit the spec, run scripts/generate.sh, fill the handlers, run scripts/test.sh.
. "$(dirname "$0")/common.sh"
cd "$ROOT"

[ $# = 1 ] || die "usage: scripts/new-family.sh NAME"
name=$1

# Families the Linux kernel registers itself (6.1 and later): a module cannot register
# a family under a name that is taken.
kernel_families=" nlctrl acpi_event thermal ethtool devlink dpll netdev handshake
	net_shaper nl80211 nl802154 mac802154_hwsim psample tcp_metrics mptcp_pm ila fou gtp
	wireguard ovs_datapath ovs_vport ovs_flow ovs_packet ovs_meter ovs_ct_limit macsec
	team l2tp batadv nbd hsr ncsi smc_pnetid nfc vdpa gnl_foobar_xmpl "
c_keywords=" auto break case char const continue default do double else enum extern float
	for goto if inline int long register restrict return short signed sizeof static struct
	switch typedef union unsigned void volatile while "

[[ $name =~ ^[a-z][a-z0-9]*(_[a-z0-9]+)*$ ]] ||
	die "'$name' is not a family name: lowercase letters and digits in words joined by single underscores, starting with a letter (e.g. my_family)"
[ ${#name} -le 15 ] || die "'$name' is ${#name} characters; a family name has at most 15 (GENL_NAMSIZ)"
[[ $c_keywords == *[[:space:]]$name[[:space:]]* ]] && die "'$name' is a C keyword"
[[ $kernel_families == *[[:space:]]$name[[:space:]]* ]] && die "'$name' is a family the kernel (or this kit) has already"
[ -e "families/$name" ] && die "families/$name exists already"
camel=$(camel_case "$name")
for family in $(families); do
	[ "$(camel_case "$family")" = "$camel" ] &&
		die "'$name' would be the Swift library ${camel}Family, which families/$family is"
done
[ -e "Sources/${camel}Family" ] && die "Sources/${camel}Family exists: the Swift library's name would clash"

upper=${name^^}
template=scripts/family-template
dir=families/$name
say "creating $dir from $template"
while IFS= read -r file; do
	target=$dir/${file#"$template"/}
	target=${target//@name@/$name}
	target=${target//@Name@/$camel}
	mkdir -p "$(dirname "$target")"
	sed -e "s/@name@/$name/g" -e "s/@NAME@/$upper/g" -e "s/@Name@/$camel/g" "$file" >"$target"
	echo "  $target"
done < <(find "$template" -type f | sort)

say "generating its uapi header, kernel tables and Swift client"
scripts/generate.sh | grep -F "$dir/" | sed 's/^/  /'

cat <<EOF

The family $name is in $dir/. scripts/test.sh builds its module, loads it with the
others in the VM and runs its tests (host: ${camel}FamilyTests, VM: ${camel}FamilyIntegrationTests).
Next:
  1. describe your family in $dir/$name.yaml, then run scripts/generate.sh;
  2. fill the handlers in $dir/kernel/$name-main.c;
  3. adapt the tests in $dir/tests/ and run scripts/test.sh.
In Swift: import ${camel}Family; let client = try ${camel}Client()
EOF
