"""nlctrl's getfamily dump against `genl-ctrl-list -d` (libnl-utils): the same families,
ids, versions, header sizes, maximum attributes, operations (with their flags) and
multicast groups."""

import re

# libnl's names for the GENL_* operation flags; it has none for GENL_UNS_ADMIN_PERM and
# prints an empty one ("<has_doit,has_policy,>").
LIBNL_FLAGS = {
    "admin-perm": "admin_perm",
    "cmd-cap-do": "has_doit",
    "cmd-cap-dump": "has_dump",
    "cmd-cap-haspol": "has_policy",
    "uns-admin-perm": "",
}


def parse_genl_ctrl_list(text):
    families = {}
    family = None
    for line in text.splitlines():
        if match := re.match(r"^0x([0-9a-f]+) (\S+) version (\d+)$", line):
            family = {"id": int(match[1], 16), "version": int(match[3]), "ops": {}, "groups": {}}
            families[match[2]] = family
        elif match := re.match(r"^\s+hdrsize (\d+) maxattr (\d+)$", line):
            family["hdrsize"], family["maxattr"] = int(match[1]), int(match[2])
        elif match := re.match(r"^\s+op \S+ \(0x([0-9a-f]+)\) <(.*)>$", line):
            family["ops"][int(match[1], 16)] = sorted(match[2].split(","))
        elif match := re.match(r"^\s+grp (\S+) \(0x([0-9a-f]+)\)$", line):
            family["groups"][match[1]] = int(match[2], 16)
        elif line.strip():
            raise AssertionError(f"unexpected genl-ctrl-list line: {line!r}")
    return families


def test_getfamily_dump_agrees_with_genl_ctrl_list(gnl, tool):
    listed = parse_genl_ctrl_list(tool("genl-ctrl-list", "-d").stdout)
    dumped = gnl("nlctrl", "--dump", "getfamily").json()
    assert {family["family-name"] for family in dumped} == set(listed)
    for family in dumped:
        expected = listed[family["family-name"]]
        assert family["family-id"] == expected["id"]
        assert family["version"] == expected["version"]
        assert family["hdrsize"] == expected["hdrsize"]
        assert family["maxattr"] == expected["maxattr"]
        ops = {op["id"]: sorted(LIBNL_FLAGS[flag] for flag in op["flags"]) for op in family.get("ops", [])}
        assert ops == expected["ops"], family["family-name"]
        groups = {group["name"]: group["id"] for group in family.get("mcast-groups", [])}
        assert groups == expected["groups"]


def test_getfamily_do_is_the_dump_entry(gnl):
    dumped = {family["family-name"]: family for family in gnl("nlctrl", "--dump", "getfamily").json()}
    for name in ("nlctrl", "netdev", "ethtool"):
        assert gnl("nlctrl", "--do", "getfamily", "--json", f'{{"family-name": "{name}"}}').json() == dumped[name]


def test_an_unknown_family_is_refused_alike(gnl, tool):
    result = gnl("nlctrl", "--do", "getfamily", "--json", '{"family-name": "no-such-family"}')
    assert result.status == 1
    assert result.stderr.startswith("error: getfamily: ENOENT (2)")
