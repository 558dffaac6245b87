"""--subscribe: netdev's notifications as devices come and go, against what ip says."""

import json
import subprocess

from conftest import GNL, SPECS, namespace


def test_devices_added_are_notified_with_their_ifindex():
    with namespace() as netns:
        # The do's reply comes after the listener joined the group: then make devices.
        listener = subprocess.Popen(
            ["ip", "netns", "exec", netns, str(GNL), "--spec", str(SPECS / "netdev.yaml"), "--do", "dev-get",
             "--json", '{"ifindex": 1}', "--subscribe", "mgmt", "--count", "2", "--duration", "20"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert json.loads(listener.stdout.readline())["ifindex"] == 1
            subprocess.run(["ip", "-n", netns, "link", "add", "ga", "type", "veth", "peer", "name", "gb"], check=True)
            output, errors = listener.communicate(timeout=30)
        finally:
            listener.kill()
        assert listener.returncode == 0, errors
        notifications = [json.loads(line) for line in output.splitlines()]
        links = json.loads(subprocess.run(["ip", "-n", netns, "-j", "link"], capture_output=True, text=True).stdout)
        created = {link["ifindex"] for link in links if link["ifname"] in ("ga", "gb")}
        assert [notification["name"] for notification in notifications] == ["dev-add-ntf", "dev-add-ntf"]
        assert {notification["msg"]["ifindex"] for notification in notifications} == created


def test_the_duration_bounds_a_quiet_subscription():
    with namespace() as netns:
        quiet = subprocess.run(
            ["ip", "netns", "exec", netns, str(GNL), "--spec", str(SPECS / "netdev.yaml"), "--subscribe", "mgmt",
             "--duration", "0.3"], capture_output=True, text=True, timeout=10)
        assert (quiet.returncode, quiet.stdout) == (0, "")


def test_an_unknown_group_is_refused():
    result = subprocess.run([str(GNL), "--spec", str(SPECS / "netdev.yaml"), "--subscribe", "nope"],
                            capture_output=True, text=True, timeout=10)
    assert result.returncode == 1
    assert result.stderr == "error: family netdev has no multicast group 'nope' (groups: mgmt, page-pool)\n"
