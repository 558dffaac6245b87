"""Generic netlink on the wire, for the stress tools: requests built byte by byte,
answers parsed strictly (a malformed answer from the kernel raises Malformed,
never passes unnoticed) and a raw socket with a timeout on every receive.
"""
import errno as errnos
import socket
import struct
from dataclasses import dataclass

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_CAP_ACK, NETLINK_EXT_ACK, NETLINK_GET_STRICT_CHK = 10, 11, 12
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK, NLM_F_ECHO = 0x1, 0x2, 0x4, 0x8
NLM_F_DUMP_INTR, NLM_F_DUMP = 0x10, 0x300
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
NLMSG_NOOP, NLMSG_ERROR, NLMSG_DONE, NLMSG_MIN_TYPE = 1, 2, 3, 0x10
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
NLMSGERR_ATTR_MSG = 1
NLA_F_NESTED, NLA_F_NET_BYTEORDER, NLA_TYPE_MASK = 0x8000, 0x4000, 0x3FFF
NLMSGHDR = struct.Struct("=IHHII")
GENLMSGHDR = struct.Struct("=BBH")
MAX_ERRNO = 4095


class Malformed(Exception):
    """The kernel sent something that does not parse."""


class Timeout(Exception):
    """No answer within the timeout: a hang, as far as a caller can tell."""


def align4(n):
    return (n + 3) & ~3


def attr(kind, payload, length=None):
    """An attribute; `length` overrides nla_len (a lie, for the fuzzer)."""
    real = 4 + len(payload)
    return struct.pack("=HH", real if length is None else length, kind) + payload + b"\0" * (align4(real) - real)


def attr_str(kind, text):
    return attr(kind, text.encode() + b"\0")


def attr_u32(kind, value):
    return attr(kind, struct.pack("=I", value))


def message(kind, flags, seq, payload, pid=0, length=None):
    """One netlink message, padded to 4 bytes; `length` overrides nlmsg_len."""
    real = NLMSGHDR.size + len(payload)
    data = NLMSGHDR.pack(real if length is None else length, kind, flags, seq, pid) + payload
    return data + b"\0" * (align4(len(data)) - len(data))


def genl_message(family, cmd, body=b"", flags=NLM_F_REQUEST, seq=0, version=1, reserved=0):
    return message(family, flags, seq, GENLMSGHDR.pack(cmd, version, reserved) + body)


def walk(data, strict=True):
    """[(type, payload)] of the attributes in `data`; Malformed if one overruns."""
    out, off = [], 0
    while off + 4 <= len(data):
        length, kind = struct.unpack_from("=HH", data, off)
        if length < 4 or length > len(data) - off:
            raise Malformed(f"attribute at {off} has nla_len {length} of {len(data) - off} bytes left")
        out.append((kind, data[off + 4:off + length]))
        off += align4(length)
    if strict and off < len(data):
        raise Malformed(f"{len(data) - off} stray bytes after the attributes")
    return out


def attrs_by_type(data):
    return {kind & NLA_TYPE_MASK: payload for kind, payload in walk(data)}


@dataclass
class Answer:
    type: int
    flags: int
    seq: int
    pid: int
    payload: bytes

    @property
    def is_final(self):
        return self.type in (NLMSG_ERROR, NLMSG_DONE)

    def error(self):
        """(errno, extack text) of an NLMSG_ERROR or NLMSG_DONE: errno 0 for an ACK or a clean end."""
        if len(self.payload) < 4:
            if self.type == NLMSG_DONE and not self.payload:
                return 0, None
            raise Malformed(f"{self.payload!r} is too short for an error code")
        (code,) = struct.unpack_from("=i", self.payload)
        if code > 0 or code < -MAX_ERRNO:
            raise Malformed(f"error code {code} is no negative errno")
        text = None
        if self.type == NLMSG_ERROR:
            if len(self.payload) < 4 + NLMSGHDR.size:
                raise Malformed("NLMSG_ERROR without the request's header")
            inner = NLMSGHDR.size if self.flags & NLM_F_CAPPED else NLMSGHDR.unpack_from(self.payload, 4)[0]
            tlvs = self.payload[4 + align4(inner):]
        else:
            tlvs = self.payload[4:]
        if self.flags & NLM_F_ACK_TLVS:
            found = attrs_by_type(tlvs)
            if NLMSGERR_ATTR_MSG in found:
                text = found[NLMSGERR_ATTR_MSG].rstrip(b"\0").decode(errors="replace")
        return -code, text

    def genl(self):
        """(cmd, {attr type: payload}) of a family's message."""
        if len(self.payload) < GENLMSGHDR.size:
            raise Malformed("a family's message without its genlmsghdr")
        return self.payload[0], attrs_by_type(self.payload[GENLMSGHDR.size:])


def parse_datagram(data):
    answers, off = [], 0
    while off < len(data):
        if len(data) - off < NLMSGHDR.size:
            raise Malformed(f"{len(data) - off} stray bytes after the messages")
        length, kind, flags, seq, pid = NLMSGHDR.unpack_from(data, off)
        if length < NLMSGHDR.size or length > len(data) - off:
            raise Malformed(f"nlmsg_len {length} with {len(data) - off} bytes left")
        answers.append(Answer(kind, flags, seq, pid, data[off + NLMSGHDR.size:off + length]))
        off += align4(length)
    return answers


class RawSocket:
    """A NETLINK_GENERIC socket with extended ACKs, capped ACKs and strict checks,
    whose every receive gives up after `timeout` seconds (Timeout)."""

    def __init__(self, timeout=5.0, rcvbuf=1 << 20):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        for opt in (NETLINK_EXT_ACK, NETLINK_CAP_ACK, NETLINK_GET_STRICT_CHK):
            self.sock.setsockopt(SOL_NETLINK, opt, 1)
        try:
            self.sock.setsockopt(socket.SOL_SOCKET, 33, rcvbuf)  # SO_RCVBUFFORCE, root only
        except PermissionError:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.bind((0, 0))
        self.sock.settimeout(timeout)
        self.port = self.sock.getsockname()[0]
        self.seq = 1

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def next_seq(self):
        self.seq += 1
        return self.seq

    def send_raw(self, data):
        self.sock.send(data)

    def receive(self):
        """The answers in the next datagram, each checked to be addressed to this socket."""
        try:
            data, _, flags, _ = self.sock.recvmsg(1 << 17)
        except socket.timeout:
            raise Timeout(f"no answer within {self.sock.gettimeout()} s") from None
        if flags & socket.MSG_TRUNC:
            raise Malformed("a datagram longer than 128 KiB")
        answers = parse_datagram(data)
        for a in answers:
            if a.pid != self.port:
                raise Malformed(f"an answer for port {a.pid} on port {self.port}")
        return answers

    def request(self, family, cmd, body=b"", flags=NLM_F_REQUEST | NLM_F_ACK, version=1):
        """Sends a request and returns (replies, errno, extack) once its answer is complete."""
        seq = self.next_seq()
        self.send_raw(genl_message(family, cmd, body, flags, seq, version))
        replies = []
        dump = flags & NLM_F_DUMP == NLM_F_DUMP
        while True:
            for a in self.receive():
                if a.seq != seq:
                    raise Malformed(f"an answer with seq {a.seq} to request {seq}")
                if a.is_final:
                    code, text = a.error()
                    return replies, code, text
                replies.append(a)
                if not dump and not flags & NLM_F_ACK:
                    return replies, 0, None

    def resolve(self, name):
        """The family's id, or None when it is not registered."""
        replies, code, _ = self.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, attr_str(CTRL_ATTR_FAMILY_NAME, name))
        if code == errnos.ENOENT:
            return None
        if code:
            raise OSError(code, f"resolving {name}")
        (reply,) = replies
        return struct.unpack("=H", reply.genl()[1][CTRL_ATTR_FAMILY_ID][:2])[0]

    def family_ids(self):
        """Every registered family's id."""
        replies, code, _ = self.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, b"", NLM_F_REQUEST | NLM_F_DUMP)
        if code:
            raise OSError(code, "dumping nlctrl")
        return {struct.unpack("=H", r.genl()[1][CTRL_ATTR_FAMILY_ID][:2])[0] for r in replies}
