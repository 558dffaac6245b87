"""Requests as trees the fuzzer can mutate before it writes them as bytes.

A Request is a generic netlink message's fields (type, flags, cmd, version,
reserved) and its attributes; an Attr is a type with either a payload or child
attributes (a nest), and may lie about its length. seed() makes a well-formed
request of any command of any shipped family from the family's spec: every
attribute the command takes, with values its checks allow.
"""
import random
import string
import struct
from dataclasses import dataclass, field

import wire

INTEGER_SIZES = {"u8": 1, "u16": 2, "u32": 4, "u64": 8, "s8": 1, "s16": 2, "s32": 4, "s64": 8}
INTEGER_FORMATS = {1: "B", 2: "H", 4: "I", 8: "Q"}


@dataclass
class Attr:
    type: int
    payload: bytes = b""
    children: list = None      # a nest: its attributes
    length: int = None         # nla_len, when it lies

    def clone(self):
        return Attr(self.type, self.payload, None if self.children is None else [c.clone() for c in self.children],
                    self.length)

    def encode(self):
        payload = b"".join(c.encode() for c in self.children) if self.children is not None else self.payload
        return wire.attr(self.type, payload, self.length)


@dataclass
class Request:
    family: str                # the family's name (the seed's), for the report
    command: str
    type: int
    cmd: int
    flags: int
    attrs: list = field(default_factory=list)
    version: int = 1
    reserved: int = 0
    tail: bytes = b""          # bytes after the attributes (garbage, or a cut)
    cut: int = None            # the genl payload is cut to this many bytes
    length: int = None         # nlmsg_len, when it lies
    pid: int = 0
    mutations: list = field(default_factory=list)

    def clone(self):
        return Request(self.family, self.command, self.type, self.cmd, self.flags, [a.clone() for a in self.attrs],
                       self.version, self.reserved, self.tail, self.cut, self.length, self.pid, list(self.mutations))

    @property
    def is_dump(self):
        return self.flags & wire.NLM_F_DUMP == wire.NLM_F_DUMP

    @property
    def lies_about_length(self):
        return self.length is not None

    def encode(self, seq):
        payload = wire.GENLMSGHDR.pack(self.cmd, self.version, self.reserved)
        payload += b"".join(a.encode() for a in self.attrs) + self.tail
        if self.cut is not None:
            payload = payload[:self.cut]
        return wire.message(self.type, self.flags, seq, payload, self.pid, self.length)


TEXT = "".join(random.Random(0).choice(string.ascii_letters + string.digits + "-_") for _ in range(8192))


def text(rng, longest):
    start = rng.randrange(4096)
    return TEXT[start:start + rng.randint(1, max(1, longest))]


def value(rng, family, attribute, depth=0):
    """A payload (bytes) or children (list) within what `attribute`'s spec allows."""
    kind = attribute.type
    if kind == "string":
        return (text(rng, min(attribute.max_len or 32, 32)) + "\0").encode()
    if kind == "binary":
        return rng.randbytes(rng.randint(0, min(attribute.max_len or 64, 64)))
    if kind in INTEGER_SIZES:
        size = INTEGER_SIZES[kind]
        top = min(attribute.max if attribute.max is not None else 1 << (8 * size - 1), 50)
        return struct.pack("=" + INTEGER_FORMATS[size], rng.randint(0, top))
    if kind == "flag":
        return b""
    if kind == "nest" and depth < 4:
        return attributes(rng, family, family.sets[attribute.nested], list(family.sets[attribute.nested]), depth + 1)
    return b""


def attributes(rng, family, attribute_set, names, depth=0):
    out = []
    for name in names:
        attribute = attribute_set[name]
        if attribute.type in ("unused", "pad"):
            continue
        for _ in range(rng.randint(1, 3) if attribute.multi else 1):
            v = value(rng, family, attribute, depth)
            if isinstance(v, list):
                out.append(Attr(attribute.value | wire.NLA_F_NESTED, children=v))
            else:
                out.append(Attr(attribute.value, v))
    return out


def seed(rng, family, family_id, command, dump):
    """A well-formed request of `command` (its dump with `dump`) with every attribute it takes."""
    names = command.dump_attrs if dump else command.do_attrs
    flags = wire.NLM_F_REQUEST | wire.NLM_F_ACK | (wire.NLM_F_DUMP if dump else 0)
    attrs = attributes(rng, family, family.sets[command.attribute_set], names) if command.attribute_set else []
    return Request(family.name, command.name + (" dump" if dump else ""), family_id, command.value, flags, attrs,
                   version=family.version)


class Seeds:
    """A pool of seeds of every request of every family, made once: the fuzzer
    takes a copy of one for each message (making one from the spec costs more
    than sending it)."""

    def __init__(self, rng, families, ids, per_request=200):
        self.rng = rng
        self.pool = [seed(rng, f, ids[f.name], c, dump)
                     for f in families for c, dump in f.requests for _ in range(per_request)]

    def take(self):
        return self.rng.choice(self.pool).clone()
