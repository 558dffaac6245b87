"""--subscribe (the kit's NotificationSubscription): netdev's notifications as devices come
and go, against what ip says; bounded by --count and by --duration/--sleep."""

import json
import subprocess
import time

import pytest

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


@pytest.mark.parametrize("bound", ["--duration", "--sleep"])
def test_the_duration_bounds_a_quiet_subscription(bound):
    with namespace() as netns:
        started = time.monotonic()
        quiet = subprocess.run(
            ["ip", "netns", "exec", netns, str(GNL), "--spec", str(SPECS / "netdev.yaml"), "--subscribe", "mgmt",
             bound, "0.3"], capture_output=True, text=True, timeout=10)
        assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
        assert time.monotonic() - started < 5


@pytest.mark.parametrize("spec", [True, False], ids=["spec", "no-spec"])
def test_the_count_ends_the_subscription_before_the_sleep(spec):
    """A veth pair is two devices, two notifications: --count 1 prints the first and
    ends at once, not after --sleep's 30 s."""
    family = ["--spec", str(SPECS / "netdev.yaml")] if spec else ["--family", "netdev", "--no-spec"]
    with namespace() as netns:
        # Subscribed before the do is sent: once its reply is printed, the group is joined.
        listener = subprocess.Popen(
            ["ip", "netns", "exec", netns, str(GNL), *family, "--do", "dev-get" if spec else "1",
             "--json", '{"ifindex": 1}' if spec else '{"1": 1}', "--subscribe", "mgmt", "--count", "1", "--sleep", "30"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert json.loads(listener.stdout.readline())
            started = time.monotonic()
            subprocess.run(["ip", "-n", netns, "link", "add", "ca", "type", "veth", "peer", "name", "cb"], check=True)
            output, errors = listener.communicate(timeout=20)
        finally:
            listener.kill()
        assert listener.returncode == 0, errors
        assert time.monotonic() - started < 20
        (line,) = output.splitlines()
        notification = json.loads(line)
        links = json.loads(subprocess.run(["ip", "-n", netns, "-j", "link"], capture_output=True, text=True).stdout)
        created = {link["ifindex"] for link in links if link["ifname"] in ("ca", "cb")}
        if spec:
            assert notification["name"] == "dev-add-ntf" and notification["msg"]["ifindex"] in created
        else:
            # dev-add-ntf (2); without a spec the reply's attributes are not typed by the
            # policy (it covers requests): ifindex (1) comes as the bytes of a u32.
            assert notification["cmd"] == 2
            assert int.from_bytes(bytes.fromhex(notification["msg"]["1"]), "little") in created


def test_an_unknown_group_is_refused():
    result = subprocess.run([str(GNL), "--spec", str(SPECS / "netdev.yaml"), "--subscribe", "nope"],
                            capture_output=True, text=True, timeout=10)
    assert result.returncode == 1
    assert result.stderr == "error: family netdev has no multicast group 'nope' (its groups: mgmt, page-pool)\n"
