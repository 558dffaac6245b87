"""A small raw generic-netlink client for the module's tests.

It hides nothing: every datagram and header is returned, so tests can assert
sequence numbers, port ids, NLM_F_MULTI and the extended ACK themselves.
"""
import socket
import struct
from dataclasses import dataclass, field

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_CAP_ACK, NETLINK_EXT_ACK, NETLINK_GET_STRICT_CHK = 10, 11, 12
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK = 0x1, 0x2, 0x4
NLM_F_DUMP = 0x300
NLM_F_DUMP_INTR = 0x10
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
NLMSG_ERROR, NLMSG_DONE = 2, 3
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS, NLMSGERR_ATTR_MISS_TYPE = 1, 2, 5
NLA_TYPE_MASK = 0x3FFF
NLMSGHDR = struct.Struct("=IHHII")
GENLMSGHDR = struct.Struct("=BBH")


def align4(n):
    return (n + 3) & ~3


def attr(kind, payload):
    return struct.pack("=HH", 4 + len(payload), kind) + payload + b"\0" * (align4(len(payload)) - len(payload))


def attr_str(kind, text):
    return attr(kind, text.encode() + b"\0")


def attr_u32(kind, value):
    return attr(kind, struct.pack("=I", value))


def parse_attrs(data):
    attrs, off = {}, 0
    while off + 4 <= len(data):
        length, kind = struct.unpack_from("=HH", data, off)
        assert 4 <= length <= len(data) - off, "attribute overruns its message"
        attrs[kind & NLA_TYPE_MASK] = data[off + 4:off + length]
        off += align4(length)
    return attrs


@dataclass
class Message:
    type: int
    flags: int
    seq: int
    pid: int
    payload: bytes
    datagram: int          # which recv() it arrived in
    attrs: dict = field(default_factory=dict)
    cmd: int = 0


class KernelError(Exception):
    def __init__(self, errno, extack, offset, missing, seq):
        super().__init__(f"errno {errno}: {extack}")
        self.errno, self.extack, self.offset, self.missing, self.seq = errno, extack, offset, missing, seq


class GenlSocket:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        for opt in (NETLINK_EXT_ACK, NETLINK_CAP_ACK, NETLINK_GET_STRICT_CHK):
            self.sock.setsockopt(SOL_NETLINK, opt, 1)
        self.sock.bind((0, 0))
        self.port = self.sock.getsockname()[0]
        self.seq = 1000
        self.datagrams = 0

    def close(self):
        self.sock.close()

    def send(self, family, cmd, body=b"", flags=NLM_F_REQUEST, version=1, reserved=0):
        self.seq += 1
        payload = GENLMSGHDR.pack(cmd, version, reserved) + body
        self.sock.send(NLMSGHDR.pack(NLMSGHDR.size + len(payload), family, flags, self.seq, 0) + payload)
        return self.seq

    def recv_datagram(self):
        data, flags = self.sock.recvmsg(1 << 20)[0::2]
        assert not flags & socket.MSG_TRUNC
        self.datagrams += 1
        messages, off = [], 0
        while off + NLMSGHDR.size <= len(data):
            length, kind, mflags, seq, pid = NLMSGHDR.unpack_from(data, off)
            assert NLMSGHDR.size <= length <= len(data) - off
            m = Message(kind, mflags, seq, pid, data[off + NLMSGHDR.size:off + length], self.datagrams)
            if kind >= 0x10:
                m.cmd = m.payload[0]
                m.attrs = parse_attrs(m.payload[GENLMSGHDR.size:])
            messages.append(m)
            off += align4(length)
        return messages

    @staticmethod
    def error_of(m):
        """The KernelError of an NLMSG_ERROR message, or None for an ACK."""
        (err,) = struct.unpack_from("=i", m.payload)
        if err == 0:
            return None
        # The request is echoed unless NLM_F_CAPPED; TLVs follow it.
        inner_len = NLMSGHDR.size if m.flags & NLM_F_CAPPED else NLMSGHDR.unpack_from(m.payload, 4)[0]
        tlvs = parse_attrs(m.payload[4 + align4(inner_len):]) if m.flags & NLM_F_ACK_TLVS else {}
        text = tlvs.get(NLMSGERR_ATTR_MSG, b"").rstrip(b"\0").decode() or None
        offset = struct.unpack("=I", tlvs[NLMSGERR_ATTR_OFFS])[0] if NLMSGERR_ATTR_OFFS in tlvs else None
        missing = struct.unpack("=I", tlvs[NLMSGERR_ATTR_MISS_TYPE])[0] if NLMSGERR_ATTR_MISS_TYPE in tlvs else None
        return KernelError(-err, text, offset, missing, m.seq)

    def receive(self, seq):
        """All messages answering `seq`, to NLMSG_DONE/ERROR; raises KernelError."""
        out = []
        while True:
            for m in self.recv_datagram():
                assert m.seq == seq, f"reply seq {m.seq} != request seq {seq}"
                assert m.pid == self.port, f"reply port {m.pid} != our port {self.port}"
                if m.type == NLMSG_ERROR:
                    error = self.error_of(m)
                    if error:
                        raise error
                    return out
                if m.type == NLMSG_DONE:
                    return out
                out.append(m)
                if not m.flags & NLM_F_MULTI:
                    return out

    def resolve(self, name):
        seq = self.send(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, attr_str(CTRL_ATTR_FAMILY_NAME, name))
        (reply,) = self.receive(seq)
        return struct.unpack("=H", reply.attrs[CTRL_ATTR_FAMILY_ID])[0]
