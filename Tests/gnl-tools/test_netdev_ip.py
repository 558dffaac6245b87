"""netdev's dev-get dump against `ip -j link`: the same interfaces, by ifindex."""


def interfaces(tool, netns=None):
    return {link["ifindex"]: link["ifname"] for link in tool("ip", "-j", "link", netns=netns).json()}


def test_dev_get_lists_every_ifindex_ip_lists(gnl, tool):
    # The set may change between the two calls (a device added meanwhile): ask twice.
    for _ in range(3):
        before = interfaces(tool)
        dumped = {device["ifindex"] for device in gnl("netdev", "--dump", "dev-get").json()}
        if before == interfaces(tool):
            break
    assert dumped == set(before)


def test_dev_get_in_a_namespace_of_our_own(gnl, tool, veth_namespace):
    listed = interfaces(tool, netns=veth_namespace)
    dumped = gnl("netdev", "--dump", "dev-get", netns=veth_namespace).json()
    assert {device["ifindex"] for device in dumped} == set(listed)
    # netdev gives no names; ethtool's header does: the same names for the same indexes.
    for index, name in listed.items():
        reply = gnl("ethtool", "--do", "linkstate-get", "--json", f'{{"header": {{"dev-index": {index}}}}}',
                    netns=veth_namespace).json()
        assert reply["header"] == {"dev-index": index, "dev-name": name}


def test_dev_get_do_and_its_error(gnl, tool):
    index = min(interfaces(tool))
    assert gnl("netdev", "--do", "dev-get", "--json", f'{{"ifindex": {index}}}').json()["ifindex"] == index
    missing = gnl("netdev", "--do", "dev-get", "--json", '{"ifindex": 2147483647}')
    assert missing.status == 1
    assert missing.stderr.startswith("error: dev-get: ENODEV (19)")
