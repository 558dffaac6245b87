"""The gnl_foobar_xmpl family on the wire. Needs the module loaded (VM suite).

Uses a raw socket (nlraw) to assert every header, and pyroute2 as an
independent client that checks sequence numbers itself.
"""
import errno
import struct

import pytest

import nlraw
import uapi
from nlraw import NLM_F_ACK, NLM_F_DUMP, NLM_F_MULTI, NLM_F_REQUEST, attr, attr_str, attr_u32


@pytest.fixture
def sock():
    s = nlraw.GenlSocket()
    yield s
    s.close()


@pytest.fixture
def family(sock):
    return sock.resolve(uapi.FAMILY_NAME)


def echo(sock, family, body, flags=NLM_F_REQUEST):
    seq = sock.send(family, uapi.C_ECHO_MSG, body, flags)
    return seq, sock.receive(seq)


def rejected(sock, family, cmd, body, flags=NLM_F_REQUEST, **header):
    seq = sock.send(family, cmd, body, flags, **header)
    with pytest.raises(nlraw.KernelError) as caught:
        sock.receive(seq)
    assert caught.value.seq == seq
    return caught.value


# -- echo ------------------------------------------------------------------

@pytest.mark.parametrize("text", ["x", "hello, netlink", "grüße, 世界 🐧", "m" * uapi.MSG_MAX_LEN])
def test_echo_returns_the_text_with_the_request_seq(sock, family, text):
    seq, (reply,) = echo(sock, family, attr_str(uapi.A_MSG, text))
    assert (reply.type, reply.seq, reply.pid) == (family, seq, sock.port)
    assert not reply.flags & NLM_F_MULTI
    assert reply.cmd == uapi.C_ECHO_MSG
    assert reply.attrs == {uapi.A_MSG: text.encode() + b"\0"}


def test_echo_with_ack_sends_reply_then_ack(sock, family):
    seq = sock.send(family, uapi.C_ECHO_MSG, attr_str(uapi.A_MSG, "ack me"), NLM_F_REQUEST | NLM_F_ACK)
    reply, ack = sock.recv_datagram() + sock.recv_datagram()
    assert reply.attrs[uapi.A_MSG] == b"ack me\0" and reply.seq == seq
    assert ack.type == nlraw.NLMSG_ERROR and ack.seq == seq
    assert sock.error_of(ack) is None


def test_echo_many_requests_keep_their_seq(sock, family):
    for i in range(50):
        seq, (reply,) = echo(sock, family, attr_str(uapi.A_MSG, f"n{i}"))
        assert reply.seq == seq and reply.attrs[uapi.A_MSG] == f"n{i}\0".encode()


# -- rejected input: errno and extended ACK ----------------------------------

def test_echo_without_msg_names_the_missing_attribute(sock, family):
    e = rejected(sock, family, uapi.C_ECHO_MSG, b"")
    assert e.errno == errno.EINVAL
    assert e.missing == uapi.A_MSG
    assert e.extack == "MSG is required"


def test_echo_text_one_byte_over_the_limit(sock, family):
    e = rejected(sock, family, uapi.C_ECHO_MSG, attr_str(uapi.A_MSG, "m" * (uapi.MSG_MAX_LEN + 1)))
    assert e.errno in (errno.EINVAL, errno.ERANGE)
    assert e.extack and e.offset is not None


def test_echo_unterminated_string(sock, family):
    e = rejected(sock, family, uapi.C_ECHO_MSG, attr(uapi.A_MSG, b"abcd"))
    assert e.errno == errno.EINVAL
    assert e.extack and e.offset is not None


def test_unknown_attribute(sock, family):
    e = rejected(sock, family, uapi.C_ECHO_MSG, attr_str(uapi.A_MSG, "x") + attr_u32(uapi.A_DUMP_INDEX + 40, 1))
    assert e.errno == errno.EINVAL and e.extack


def test_kernel_only_attribute_is_rejected(sock, family):
    # DUMP_INDEX is in no request of the spec, so no command's policy takes it.
    e = rejected(sock, family, uapi.C_ECHO_MSG, attr_str(uapi.A_MSG, "x") + attr_u32(uapi.A_DUMP_INDEX, 1))
    assert e.errno == errno.EINVAL
    assert e.extack == "Unknown attribute type"
    assert e.offset == 16 + 4 + 8  # after nlmsghdr, genlmsghdr and MSG ("x" padded to 8)


def test_dump_count_of_wrong_size(sock, family):
    e = rejected(sock, family, uapi.C_ECHO_MSG, attr(uapi.A_DUMP_COUNT, b"\1\0"), NLM_F_REQUEST | NLM_F_DUMP)
    assert e.errno in (errno.EINVAL, errno.ERANGE) and e.extack


def test_dump_count_in_a_doit_request(sock, family):
    e = rejected(sock, family, uapi.C_ECHO_MSG, attr_str(uapi.A_MSG, "x") + attr_u32(uapi.A_DUMP_COUNT, 2))
    assert e.errno == errno.EINVAL
    assert e.extack == "DUMP_COUNT is only valid with NLM_F_DUMP"


def test_reserved_header_field(sock, family):
    e = rejected(sock, family, uapi.C_ECHO_MSG, attr_str(uapi.A_MSG, "x"), reserved=1)
    assert e.errno == errno.EINVAL and e.extack


def test_unknown_command(sock, family):
    e = rejected(sock, family, uapi.C_REPLY_WITH_NLMSG_ERR + 1, b"")
    assert e.errno == errno.EOPNOTSUPP


# -- dump ------------------------------------------------------------------

def dump(sock, family, count=None):
    body = attr_u32(uapi.A_DUMP_COUNT, count) if count is not None else b""
    seq = sock.send(family, uapi.C_ECHO_MSG, body, NLM_F_REQUEST | NLM_F_DUMP)
    return seq, sock.receive(seq)


def assert_dump_entries(messages, count):
    assert len(messages) == count
    for i, m in enumerate(messages):
        assert m.flags & NLM_F_MULTI and not m.flags & nlraw.NLM_F_DUMP_INTR
        assert m.cmd == uapi.C_ECHO_MSG
        assert struct.unpack("=I", m.attrs[uapi.A_DUMP_INDEX])[0] == i
        assert m.attrs[uapi.A_MSG] == f"dump message {i}\0".encode()


def test_dump_default_count(sock, family):
    seq, messages = dump(sock, family)
    assert_dump_entries(messages, uapi.DUMP_COUNT_DEFAULT)
    # Three small messages and NLMSG_DONE share one datagram.
    assert sock.datagrams == 2  # the resolve, then the dump


def test_dump_zero_is_just_done(sock, family):
    seq, messages = dump(sock, family, 0)
    assert messages == []


def test_large_dump_spans_many_datagrams(sock, family):
    count = 20_000  # Python is slow under TCG; the Swift suite dumps 100,000
    seq, messages = dump(sock, family, count)
    assert_dump_entries(messages, count)
    datagrams = sock.datagrams - 1
    assert 10 < datagrams < count // 100, f"{datagrams} datagrams for {count} messages"


def test_dump_count_above_the_limit(sock, family):
    e = rejected(sock, family, uapi.C_ECHO_MSG, attr_u32(uapi.A_DUMP_COUNT, uapi.DUMP_COUNT_MAX + 1),
                 NLM_F_REQUEST | NLM_F_DUMP)
    assert e.errno == errno.ERANGE and e.extack and e.offset is not None


def test_dump_with_msg_repeats_it(sock, family):
    body = attr_u32(uapi.A_DUMP_COUNT, 4) + attr_str(uapi.A_MSG, "again ✓")
    seq = sock.send(family, uapi.C_ECHO_MSG, body, NLM_F_REQUEST | NLM_F_DUMP)
    messages = sock.receive(seq)
    assert [struct.unpack("=I", m.attrs[uapi.A_DUMP_INDEX])[0] for m in messages] == [0, 1, 2, 3]
    assert {m.attrs[uapi.A_MSG] for m in messages} == {"again ✓\0".encode()}


def test_an_unread_dump_blocks_nobody(sock, family):
    stalled = nlraw.GenlSocket()
    try:
        stalled.send(family, uapi.C_ECHO_MSG, attr_u32(uapi.A_DUMP_COUNT, 1_000_000), NLM_F_REQUEST | NLM_F_DUMP)
        stalled.recv_datagram()  # the dump is open and waits for its reader
        seq, messages = dump(sock, family, 5)
        assert_dump_entries(messages, 5)
        seq, (reply,) = echo(sock, family, attr_str(uapi.A_MSG, "still here"))
        assert reply.attrs[uapi.A_MSG] == b"still here\0"
    finally:
        stalled.close()  # closing ends the dump; rmmod must succeed afterwards


# -- the error command -----------------------------------------------------

def test_reply_with_nlmsg_err(sock, family):
    e = rejected(sock, family, uapi.C_REPLY_WITH_NLMSG_ERR, b"")
    assert e.errno == uapi.REPLY_ERRNO
    assert e.extack == uapi.REPLY_ERR_MSG


def test_reply_with_nlmsg_err_takes_no_attributes(sock, family):
    e = rejected(sock, family, uapi.C_REPLY_WITH_NLMSG_ERR, attr_str(uapi.A_MSG, "x"))
    assert e.errno == errno.EINVAL and e.extack != uapi.REPLY_ERR_MSG


# -- the family as nlctrl describes it -------------------------------------

def test_nlctrl_lists_the_family_and_its_ops(sock, family):
    seq = sock.send(nlraw.GENL_ID_CTRL, nlraw.CTRL_CMD_GETFAMILY, attr_str(nlraw.CTRL_ATTR_FAMILY_NAME, uapi.FAMILY_NAME))
    (reply,) = sock.receive(seq)
    CTRL_ATTR_VERSION, CTRL_ATTR_OPS, CTRL_ATTR_OP_ID = 3, 6, 1
    assert struct.unpack("=I", reply.attrs[CTRL_ATTR_VERSION])[0] == uapi.FAMILY_VERSION
    ops = nlraw.parse_attrs(reply.attrs[CTRL_ATTR_OPS])
    op_ids = sorted(struct.unpack("=I", nlraw.parse_attrs(op)[CTRL_ATTR_OP_ID])[0] for op in ops.values())
    assert op_ids == [uapi.C_ECHO_MSG, uapi.C_REPLY_WITH_NLMSG_ERR]


# -- an independent client that checks sequence numbers: pyroute2 ---------

@pytest.fixture
def pyroute2_socket():
    from pyroute2.netlink import genlmsg
    from pyroute2.netlink.generic import GenericNetlinkSocket

    class foobar_msg(genlmsg):
        nla_map = (("UNSPEC", "none"), ("MSG", "asciiz"), ("DUMP_COUNT", "uint32"), ("DUMP_INDEX", "uint32"))

    s = GenericNetlinkSocket()
    s.bind(uapi.FAMILY_NAME, foobar_msg)
    s.message = foobar_msg
    yield s
    s.close()


def pyroute2_request(s, cmd, attrs, flags):
    m = s.message()
    m["cmd"], m["version"], m["attrs"] = cmd, uapi.FAMILY_VERSION, attrs
    return list(s.nlm_request(m, msg_type=s.prid, msg_flags=flags))


def test_pyroute2_echo(pyroute2_socket):
    (reply,) = pyroute2_request(pyroute2_socket, uapi.C_ECHO_MSG, [("MSG", "from pyroute2")], NLM_F_REQUEST)
    assert reply.get_attr("MSG") == "from pyroute2"


def test_pyroute2_dump(pyroute2_socket):
    replies = pyroute2_request(pyroute2_socket, uapi.C_ECHO_MSG, [("DUMP_COUNT", 300)], NLM_F_REQUEST | NLM_F_DUMP)
    assert [r.get_attr("DUMP_INDEX") for r in replies] == list(range(300))
    assert replies[-1].get_attr("MSG") == "dump message 299"


def test_pyroute2_error(pyroute2_socket):
    from pyroute2.netlink.exceptions import NetlinkError

    with pytest.raises(NetlinkError) as caught:
        pyroute2_request(pyroute2_socket, uapi.C_REPLY_WITH_NLMSG_ERR, [], NLM_F_REQUEST)
    assert caught.value.code == uapi.REPLY_ERRNO


def test_live_policy_states_the_header_limits(sock, family):
    """nlctrl's policy dump shows the limits the header promises."""
    CTRL_CMD_GETPOLICY, CTRL_ATTR_POLICY = 10, 8
    NL_POLICY_TYPE_ATTR_TYPE, NL_POLICY_TYPE_ATTR_MAX_VALUE_U, NL_POLICY_TYPE_ATTR_MAX_LENGTH = 1, 5, 7
    NL_ATTR_TYPE_U32, NL_ATTR_TYPE_NUL_STRING = 4, 12
    seq = sock.send(nlraw.GENL_ID_CTRL, CTRL_CMD_GETPOLICY, attr_str(nlraw.CTRL_ATTR_FAMILY_NAME, uapi.FAMILY_NAME),
                    NLM_F_REQUEST | NLM_F_DUMP)
    described = {}
    for reply in sock.receive(seq):
        for policy in nlraw.parse_attrs(reply.attrs.get(CTRL_ATTR_POLICY, b"")).values():
            for kind, spec in nlraw.parse_attrs(policy).items():
                described[kind] = {k: int.from_bytes(v, "little") for k, v in nlraw.parse_attrs(spec).items()}
    msg, count = described[uapi.A_MSG], described[uapi.A_DUMP_COUNT]
    assert msg[NL_POLICY_TYPE_ATTR_TYPE] == NL_ATTR_TYPE_NUL_STRING
    assert msg[NL_POLICY_TYPE_ATTR_MAX_LENGTH] == uapi.MSG_MAX_LEN
    assert count[NL_POLICY_TYPE_ATTR_TYPE] == NL_ATTR_TYPE_U32
    assert count[NL_POLICY_TYPE_ATTR_MAX_VALUE_U] == uapi.DUMP_COUNT_MAX
