"""ethtool's link info, link modes, channels, rings and string sets against what the
`ethtool` program (Debian's, which talks netlink) prints for the same interface, field by
field where both show it; where ethtool cannot answer, gnl must refuse alike.

The host's own interfaces (lo answers little, ifb devices less) and a veth pair in a
namespace of the test's own (link settings, channels and statistics)."""

import errno
import os
import re

import pytest

HOST_INTERFACES = ["lo", "eth0", "ifb0", "ifb1"]
VETH_INTERFACES = ["va", "vb"]

# ethtool's words for the kernel's numbers (ethtool.c: dump_link_caps, dump_port …).
PORTS = {0: "Twisted Pair", 1: "AUI", 2: "BNC", 3: "MII", 4: "FIBRE", 5: "Direct Attach Copper", 0xEF: "None", 0xFF: "Other"}
DUPLEX = {0: "Half", 1: "Full", 0xFF: "Unknown! (255)"}
TRANSCEIVERS = {0: "internal", 1: "external"}
MDIX = {0: "Unknown", 1: "off", 2: "on"}
SPEED_UNKNOWN = 0xFFFFFFFF
# strerror text -> errno number, to read ethtool's "netlink error: Operation not supported".
ERRNO_BY_TEXT = {os.strerror(number): number for number in errno.errorcode}


def existing(tool, interfaces, netns=None):
    names = {link["ifname"] for link in tool("ip", "-j", "link", netns=netns).json()}
    return [name for name in interfaces if name in names]



def sections(text):
    """ethtool's "Key:<tabs>value" lines, grouped under the header lines ending in ':'."""
    result = {}
    section = ""
    for line in text.splitlines():
        if line.endswith(":") and "\t" not in line:
            section = line[:-1]
            result[section] = {}
        elif ":" in line:
            key, value = line.strip().split(":", 1)
            result.setdefault(section, {})[key.strip()] = value.strip()
    return result


def ethtool_error(result):
    """The errno of ethtool's failure ("netlink error: Operation not supported")."""
    for line in result.stderr.splitlines() + result.stdout.splitlines():
        if match := re.search(r"netlink error: (.+)$", line):
            return ERRNO_BY_TEXT.get(match[1].strip(), match[1])
    return None


def gnl_error(result):
    """The errno of gnl's failure ("error: rings-get: EOPNOTSUPP (95): …")."""
    match = re.match(r"error: \S+: [A-Z0-9]+ \((\d+)\)", result.stderr)
    return int(match[1]) if match else result.stderr


def refused_alike(shown, reply):
    """Whether ethtool could not answer; if so, gnl must refuse with the same errno."""
    if shown.status == 0:
        return False
    assert reply.status == 1
    assert gnl_error(reply) == ethtool_error(shown)
    return True


def ask(gnl, operation, interface, netns, extra=""):
    return gnl("ethtool", "--do", operation, "--json", f'{{"header": {{"dev-name": "{interface}"}}{extra}}}', netns=netns)


def check_link_settings(gnl, tool, interface, netns=None):
    shown = tool("ethtool", interface, netns=netns)
    info, modes, state = (ask(gnl, op, interface, netns) for op in ("linkinfo-get", "linkmodes-get", "linkstate-get"))
    if shown.status != 0:
        # ethtool had nothing to show ("No data available"): neither has gnl.
        assert info.status == 1 and modes.status == 1, (info.stderr, modes.stderr)
        assert "link" not in state.json()
        return
    fields = sections(shown.stdout)[f"Settings for {interface}"]
    compared = 0
    if state.status == 0 and "Link detected" in fields:
        assert fields["Link detected"] == ("yes" if state.json()["link"] else "no")
        compared += 1
    if info.status != 0 or modes.status != 0:
        # lo: ethtool shows only the link state; the settings it leaves out gnl cannot get.
        assert not {"Speed", "Duplex", "Port", "PHYAD", "Transceiver"} & set(fields)
        assert gnl_error(info) == gnl_error(modes) == errno.EOPNOTSUPP
        assert compared == 1
        return
    info, modes = info.json(), modes.json()
    speed = modes.get("speed", SPEED_UNKNOWN)
    assert fields["Speed"] == ("Unknown!" if speed == SPEED_UNKNOWN else f"{speed}Mb/s")
    assert fields["Duplex"] == DUPLEX[modes["duplex"]]
    assert fields["Auto-negotiation"] == ("on" if modes["autoneg"] else "off")
    assert fields["Port"] == PORTS[info["port"]]
    assert fields["PHYAD"] == str(info["phyaddr"])
    assert fields["Transceiver"] == TRANSCEIVERS[info["transceiver"]]
    if "MDI-X" in fields:
        assert fields["MDI-X"].split()[0] == MDIX[info["tp-mdix"]]
    # Verbose bitsets: every supported mode is listed, the advertised ones with "value".
    bits = modes["ours"].get("bits", {}).get("bit", [])
    supported = {bit["name"] for bit in bits}
    advertised = {bit["name"] for bit in bits if bit.get("value")}
    for key, names in (("Supported link modes", supported), ("Advertised link modes", advertised)):
        if fields[key] == "Not reported":
            assert not names
        else:
            assert set(fields[key].split()) <= names


def check_channels(gnl, tool, interface, netns=None):
    shown = tool("ethtool", "-l", interface, netns=netns)
    reply = ask(gnl, "channels-get", interface, netns)
    if refused_alike(shown, reply):
        return
    channels = reply.json()
    fields = sections(shown.stdout)
    for section, suffix in (("Pre-set maximums", "-max"), ("Current hardware settings", "-count")):
        for label, name in (("RX", "rx"), ("TX", "tx"), ("Other", "other"), ("Combined", "combined")):
            value = channels.get(name + suffix, 0)
            assert fields[section][label] == (str(value) if value else "n/a"), (section, label)


def check_rings(gnl, tool, interface, netns=None):
    shown = tool("ethtool", "-g", interface, netns=netns)
    reply = ask(gnl, "rings-get", interface, netns)
    if refused_alike(shown, reply):
        return
    rings = reply.json()
    fields = sections(shown.stdout)
    numbers = (("RX", "rx"), ("RX Mini", "rx-mini"), ("RX Jumbo", "rx-jumbo"), ("TX", "tx"))
    for label, name in numbers:
        maximum = rings.get(name + "-max", 0)
        assert fields["Pre-set maximums"][label] == (str(maximum) if maximum else "n/a")
    current = fields["Current hardware settings"]
    for label, name in numbers + (("RX Buf Len", "rx-buf-len"), ("CQE Size", "cqe-size")):
        if label in current:
            value = rings.get(name, 0)
            assert current[label] == (str(value) if value else "n/a"), label
    if "TX Push" in current:
        assert current["TX Push"] == ("on" if rings.get("tx-push") else "off")
    if "TCP data split" in current:
        assert current["TCP data split"] == {0: "n/a", 1: "off", 2: "on"}[rings.get("tcp-data-split", 0)]


def check_statistics_strings(gnl, tool, interface, netns=None):
    """`ethtool -S` names the statistics by the ETH_SS_STATS string set."""
    shown = tool("ethtool", "-S", interface, netns=netns)
    reply = ask(gnl, "strset-get", interface, netns, ', "stringsets": {"stringset": [{"id": 1}]}').json()
    sets = reply.get("stringsets", {}).get("stringset", [])
    # strings and string are multi-attr: lists.
    names = [entry.get("value", "") for strings in (sets[0].get("strings", []) if sets else [])
             for entry in strings.get("string", [])]
    if shown.status != 0:
        assert "no stats available" in shown.stdout + shown.stderr
        assert names == []
        return
    lines = shown.stdout.splitlines()
    assert lines[0] == "NIC statistics:"
    assert [line.strip().rsplit(":", 1)[0] for line in lines[1:]] == names


CHECKS = [check_link_settings, check_channels, check_rings, check_statistics_strings]


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__.removeprefix("check_"))
@pytest.mark.parametrize("interface", HOST_INTERFACES)
def test_host_interfaces(gnl, tool, check, interface):
    if interface not in existing(tool, [interface]):
        pytest.skip(f"this host has no {interface}")
    check(gnl, tool, interface)


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__.removeprefix("check_"))
@pytest.mark.parametrize("interface", VETH_INTERFACES)
def test_veth_interfaces(gnl, tool, check, interface, veth_namespace):
    check(gnl, tool, interface, netns=veth_namespace)


def test_lo_is_refused_alike_where_neither_can_answer(gnl, tool):
    for option, operation in (("-l", "channels-get"), ("-g", "rings-get")):
        shown = tool("ethtool", option, "lo")
        reply = ask(gnl, operation, "lo", None)
        assert shown.status != 0 and reply.status == 1
        assert ethtool_error(shown) == gnl_error(reply) == errno.EOPNOTSUPP


def test_a_dump_covers_every_interface_that_answers(gnl, tool, veth_namespace):
    dumped = {reply["header"]["dev-name"] for reply in gnl("ethtool", "--dump", "channels-get", netns=veth_namespace).json()}
    answering = {name for name in VETH_INTERFACES if tool("ethtool", "-l", name, netns=veth_namespace).status == 0}
    assert dumped == answering
