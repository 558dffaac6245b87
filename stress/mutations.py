"""What the module fuzzer does to a well-formed request: each mutation changes one
thing — a header field, the flags, the command, an attribute's type, length or
payload, a nest's contents, the message's length — and names itself in
Request.mutations so that a finding says how its message was made.
"""
import random
import struct

import wire
from requests import Attr


class Context:
    """What mutations draw on: every family's id, ids no family has, and the
    attributes of every seed (to put one where it does not belong)."""

    def __init__(self, family_ids, unregistered_ids, foreign_attrs):
        self.family_ids = family_ids
        self.unregistered_ids = unregistered_ids
        self.foreign_attrs = foreign_attrs


def all_attrs(attrs):
    """Every attribute of a tree, nests' children included."""
    for a in attrs:
        yield a
        if a.children is not None:
            yield from all_attrs(a.children)


def pick_attr(rng, req):
    found = list(all_attrs(req.attrs))
    return rng.choice(found) if found else None


def random_flags(rng, req, ctx):
    # Mostly with NLM_F_REQUEST and NLM_F_ACK (so the answer is due), any other bits.
    flags = rng.getrandbits(16)
    if rng.random() < 0.9:
        flags |= wire.NLM_F_REQUEST
    if rng.random() < 0.7:
        flags |= wire.NLM_F_ACK
    req.flags = flags


def toggle_dump(rng, req, ctx):
    req.flags ^= wire.NLM_F_DUMP


def header_bits(rng, req, ctx):
    req.version, req.reserved = rng.getrandbits(8), rng.getrandbits(16)


def random_cmd(rng, req, ctx):
    req.cmd = rng.choice([rng.getrandbits(8), rng.randint(0, 8), 0xff])


def other_type(rng, req, ctx):
    # Another shipped family (its commands with this one's attributes), an id no
    # family has, or a control message type.
    req.type = rng.choice([rng.choice(ctx.family_ids), rng.choice(ctx.unregistered_ids), rng.randint(0, 15)])


def random_pid(rng, req, ctx):
    req.pid = rng.getrandbits(32)


def attr_type(rng, req, ctx):
    a = pick_attr(rng, req)
    if a:
        a.type = rng.choice([rng.getrandbits(16), a.type ^ wire.NLA_F_NESTED, a.type | wire.NLA_F_NET_BYTEORDER,
                             rng.randint(0, 8), wire.NLA_TYPE_MASK])


def attr_length(rng, req, ctx):
    a = pick_attr(rng, req)
    if a:
        a.length = rng.choice([rng.getrandbits(16), rng.randint(0, 8), 4 + len(a.encode()) - 4 + rng.randint(1, 16)])


def attr_payload(rng, req, ctx):
    a = pick_attr(rng, req)
    if a:
        a.children = None
        a.payload = rng.randbytes(rng.choice([0, 1, 2, 3, 5, 7, 9, rng.randint(0, 64)]))


def oversized_payload(rng, req, ctx):
    # Past any max-len in the specs (4096 at most), or just past the usual ones.
    a = pick_attr(rng, req)
    if a:
        a.children = None
        size = rng.choice([33, 34, 65, 66, 1025, 1026, 4097, 4098, rng.randint(4000, 16000)])
        a.payload = rng.choice([b"x" * (size - 1) + b"\0", rng.randbytes(size)])


def unterminated_string(rng, req, ctx):
    a = pick_attr(rng, req)
    if a and a.children is None:
        a.payload = a.payload.rstrip(b"\0") or b"x"
        if rng.random() < 0.5:
            a.payload = b"\0" + a.payload


def nested_garbage(rng, req, ctx):
    def garbage(depth):
        if depth > 3 or rng.random() < 0.3:
            return Attr(rng.getrandbits(16), rng.randbytes(rng.randint(0, 24)))
        return Attr(rng.getrandbits(14) | wire.NLA_F_NESTED, children=[garbage(depth + 1) for _ in range(rng.randint(0, 4))])
    a = pick_attr(rng, req)
    if a is None or rng.random() < 0.3:
        req.attrs.append(garbage(0))
    else:
        a.type |= wire.NLA_F_NESTED
        a.children = [garbage(1) for _ in range(rng.randint(0, 5))]


def duplicate(rng, req, ctx):
    a = pick_attr(rng, req)
    if a:
        req.attrs.extend(a.clone() for _ in range(rng.randint(1, 20)))


def drop(rng, req, ctx):
    if req.attrs:
        req.attrs.pop(rng.randrange(len(req.attrs)))
    nests = [a for a in all_attrs(req.attrs) if a.children]
    if nests and rng.random() < 0.5:
        nest = rng.choice(nests)
        nest.children.pop(rng.randrange(len(nest.children)))


def foreign(rng, req, ctx):
    # Well-formed, but from another command or family.
    req.attrs.insert(rng.randint(0, len(req.attrs)), rng.choice(ctx.foreign_attrs).clone())


def integer_edge(rng, req, ctx):
    a = pick_attr(rng, req)
    if a:
        a.children = None
        size = rng.choice([1, 2, 4, 8])
        edge = rng.choice([0, 1, (1 << (8 * size)) - 1, 1 << (8 * size - 1), rng.getrandbits(8 * size)])
        a.payload = struct.pack("=" + {1: "B", 2: "H", 4: "I", 8: "Q"}[size], edge)


def cut(rng, req, ctx):
    req.cut = rng.randint(0, len(req.encode(0)) - wire.NLMSGHDR.size)


def tail_garbage(rng, req, ctx):
    req.tail = rng.randbytes(rng.randint(1, 40))


def message_length(rng, req, ctx):
    # nlmsg_len that is not the message's: sent alone in its datagram, as the
    # kernel drops the rest of a datagram after such a message.
    real = len(req.encode(0))
    req.length = rng.choice([0, 15, 16, 19, real - 4, real + 4, rng.getrandbits(32), rng.randint(16, real)])


MUTATIONS = [random_flags, toggle_dump, header_bits, random_cmd, other_type, random_pid, attr_type,
             attr_length, attr_payload, oversized_payload, unterminated_string, nested_garbage, duplicate,
             drop, foreign, integer_edge, cut, tail_garbage, message_length]
# Weights: the attribute-level mutations, where a family's own code runs, most often.
WEIGHTS = [6, 3, 3, 3, 3, 1, 6, 6, 8, 4, 4, 8, 3, 4, 4, 5, 3, 3, 2]


def havoc(rng, data):
    """`data` (an encoded message) with 1-4 of its bytes after the netlink header
    overwritten: cheap variety on top of a structural mutant. The netlink header
    stays as the mutant has it, so what the oracle knows of the message holds."""
    data = bytearray(data)
    if len(data) > wire.NLMSGHDR.size:
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(wire.NLMSGHDR.size, len(data))] = rng.getrandbits(8)
    return bytes(data)


def mutate(rng, req, ctx, count=None):
    """`req` with 1-4 mutations (`count` of them), in place."""
    for mutation in rng.choices(MUTATIONS, WEIGHTS, k=count or rng.randint(1, 4)):
        mutation(rng, req, ctx)
        req.mutations.append(mutation.__name__)
    return req
