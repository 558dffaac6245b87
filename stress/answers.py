"""The fuzzer's oracle: what may answer each message of a datagram.

Every answer must parse, be addressed to the socket, carry the sequence number of
a message it answers and a negative errno (or 0) if it is an error. Per message:
at most one final answer (NLMSG_ERROR or NLMSG_DONE) and nothing after it;
exactly one when the message asked for an acknowledgement (NLM_F_REQUEST and
NLM_F_ACK with a true nlmsg_len); replies of the family the message was sent to
only, one for a request that is not a dump; a dump's messages flagged NLM_F_MULTI.
For a request left as its seed made it (well-formed, nothing mutated) the answer
must be right, where the family's behaviour is known: the echo's text, the
dump's count and order, the error command's errno and message. A socket runs one
dump at a time: a dump request after another in the same datagram may find it
still running and be refused with EBUSY.
"""
import errno
import struct
from dataclasses import dataclass, field

import wire


@dataclass
class Expectation:
    request: object            # requests.Request
    seq: int
    replies: list = field(default_factory=list)
    final: object = None       # (errno, extack)
    after_final: int = 0
    dump_before: bool = False  # an earlier message of the datagram asked for a dump

    @property
    def ack_due(self):
        r = self.request
        return not r.lies_about_length and r.flags & wire.NLM_F_REQUEST and r.flags & wire.NLM_F_ACK


class Oracle:
    def __init__(self, families, family_ids):
        self.families = {f.name: f for f in families}
        self.family_of_id = {fid: self.families[name] for name, fid in family_ids.items()}

    def check(self, e):
        """Problems (strings) with what answered one message, all its answers in."""
        r, problems = e.request, []
        if e.after_final:
            problems.append(f"{e.after_final} answers after the final one")
        if e.ack_due and e.final is None:
            problems.append("no acknowledgement or error for a request that asked for one")
        for reply in e.replies:
            if reply.type != r.type or reply.type not in self.family_of_id:
                problems.append(f"a reply of type {reply.type:#x} to a message of type {r.type:#x}")
                continue
            try:
                reply.genl()
            except wire.Malformed as error:
                problems.append(f"malformed reply: {error}")
            if r.is_dump and not reply.flags & wire.NLM_F_MULTI:
                problems.append("a dump message without NLM_F_MULTI")
        if not r.is_dump and len(e.replies) > 1:
            problems.append(f"{len(e.replies)} replies to a request that is not a dump")
        if not problems and not r.mutations:
            problems += self.check_seed(e)
        return problems

    def check_seed(self, e):
        r = e.request
        family = self.families[r.family]
        code = e.final[0] if e.final else None
        if family.name != "gnl_foobar_xmpl":
            return [] if e.final is not None else ["a well-formed request with no final answer"]
        a = {n: x.value for n, x in family.sets["attrs"].items()}
        sent = {x.type: x.payload for x in r.attrs}
        if r.command == "reply-with-nlmsg-err":
            want = (family.constants["REPLY_ERRNO"], family.constants["REPLY_ERR_MSG"])
            return [] if e.final == want else [f"error command answered {e.final}, not {want}"]
        if r.is_dump and e.dump_before and code == errno.EBUSY:
            return []
        if code != 0:
            return [f"a well-formed {r.command} refused with errno {code}"]
        texts = [x.genl()[1].get(a["msg"]) for x in e.replies]
        if r.command == "echo-msg":
            return [] if texts == [sent[a["msg"]]] else [f"echo answered {texts}, sent {sent[a['msg']]!r}"]
        count = struct.unpack("=I", sent[a["dump-count"]])[0]
        indexes = [struct.unpack("=I", x.genl()[1][a["dump-index"]])[0] for x in e.replies]
        if indexes != list(range(count)) or any(t != sent[a["msg"]] for t in texts):
            return [f"dump of {count} answered indexes {indexes[:10]}..., texts {set(texts)}"]
        return []
