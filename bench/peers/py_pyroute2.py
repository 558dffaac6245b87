"""py-pyroute2: the benchmark's Python peer, on pyroute2's GenericNetlinkSocket, used
the way its documentation shows. The client contract of measurements/README.md:

    py-pyroute2 echo TEXT             connect, resolve gnl_foobar_xmpl, one echo, exit
    py-pyroute2 bench-echo N [TEXT]   N echo round trips, latency in ns per line
    py-pyroute2 bench-resolve N       N nlctrl look-ups of "nlctrl", latency in ns
    py-pyroute2 bench-dump N          one dump of N messages: "<messages> <bytes> <ns>"

scripts/bench.sh installs it in its bin folder with the interpreter's path as its #! line.
"""
import sys
import time

from pyroute2.netlink import NLM_F_DUMP, NLM_F_REQUEST, genlmsg
from pyroute2.netlink.generic import CTRL_CMD_GETFAMILY, GENL_ID_CTRL, GenericNetlinkSocket, ctrlmsg

# include/gnl_foobar_xmpl.h
FAMILY_NAME = "gnl_foobar_xmpl"
FAMILY_VERSION = 1
C_ECHO_MSG = 1


class foobar_msg(genlmsg):
    nla_map = (("UNSPEC", "none"), ("MSG", "asciiz"), ("DUMP_COUNT", "uint32"), ("DUMP_INDEX", "uint32"))


def connect(family=FAMILY_NAME, message_class=foobar_msg):
    """A socket with extended ACKs on (as the other clients ask), bound to `family` the
    library's way: GenericNetlinkSocket.bind resolves it (decoding the whole family) and
    decodes its messages with `message_class`."""
    s = GenericNetlinkSocket(ext_ack=True)
    s.bind(family, message_class)
    return s


def request(s, attrs, flags=NLM_F_REQUEST):
    msg = foobar_msg()
    msg["cmd"], msg["version"], msg["attrs"] = C_ECHO_MSG, FAMILY_VERSION, attrs
    return s.nlm_request(msg, msg_type=s.prid, msg_flags=flags)


def echo(s, text):
    (reply,) = request(s, [("MSG", text)])
    text = reply.get_attr("MSG")
    if text is None:
        sys.exit("error: echo reply without a MSG string")
    return text


def resolve_id(s, name):
    """nlctrl's answer for `name`, only its id read (pyroute2 still parses the whole
    reply: it has no lazier read)."""
    msg = ctrlmsg()
    msg["cmd"], msg["version"] = CTRL_CMD_GETFAMILY, 1
    msg["attrs"] = [("CTRL_ATTR_FAMILY_NAME", name)]
    (reply,) = s.nlm_request(msg, msg_type=GENL_ID_CTRL, msg_flags=NLM_F_REQUEST)
    family_id = reply.get_attr("CTRL_ATTR_FAMILY_ID")
    if not family_id:
        sys.exit("error: nlctrl reply without a family id")
    return family_id


def timed(n, once):
    """n calls of once(), then their latencies in ns, one per line, in one write."""
    lat = []
    for _ in range(n):
        t0 = time.perf_counter_ns()
        once()
        lat.append(time.perf_counter_ns() - t0)
    sys.stdout.write("".join(f"{ns}\n" for ns in lat))


def dump(s, n):
    """One dump of n messages, each checked for its index and text; their netlink bytes
    from their headers' lengths, plus NLMSG_DONE's 20."""
    messages, nbytes = 0, 20
    for m in request(s, [("DUMP_COUNT", n)], NLM_F_REQUEST | NLM_F_DUMP):
        if m.get_attr("DUMP_INDEX") is None or m.get_attr("MSG") is None:
            sys.exit("error: dump message lacks MSG or DUMP_INDEX")
        messages += 1
        nbytes += (m["header"]["length"] + 3) & ~3
    return messages, nbytes


def count(arg):
    n = int(arg, 0)
    if not 0 <= n <= 0xFFFFFFFF:
        sys.exit(f"error: not a 32-bit count: {arg}")
    return n


def main(args):
    if len(args) == 2 and args[0] == "echo":
        with connect() as s:
            print(echo(s, args[1]))
    elif len(args) in (2, 3) and args[0] == "bench-echo":
        text = args[2] if len(args) == 3 else "hello"
        with connect() as s:
            timed(count(args[1]), lambda: echo(s, text))
    elif len(args) == 2 and args[0] == "bench-resolve":
        with connect("nlctrl", ctrlmsg) as s:
            timed(count(args[1]), lambda: resolve_id(s, "nlctrl"))
    elif len(args) == 2 and args[0] == "bench-dump":
        n = count(args[1])
        with connect() as s:
            t0 = time.perf_counter_ns()
            messages, nbytes = dump(s, n)
            print(messages, nbytes, time.perf_counter_ns() - t0)
    else:
        sys.exit("usage: py-pyroute2 echo TEXT | bench-echo N [TEXT] | bench-resolve N | bench-dump N")


if __name__ == "__main__":
    main(sys.argv[1:])
