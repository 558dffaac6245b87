"""A client that stalls in the middle of a dump: it asks gnl_foobar_xmpl for a dump
far longer than one socket buffer, reads its first datagram and then reads nothing
more, holding the dump (and, through it, a reference on the module) open.

    with contextlib.closing(StalledDump(fid, family)) as stalled:
        ... everyone else works ...
        stalled.still_dumping()   # the dump resumes where it stopped

The concurrency run shows it blocks no other client; the lifecycle run that rmmod
refuses while it is open and succeeds once its socket is closed.
"""
import struct

import wire

STALLED_COUNT = 1_000_000


class StalledDump:
    def __init__(self, fid, family, timeout=10.0):
        self.family = family
        a = {n: x.value for n, x in family.sets["attrs"].items()}
        self.index_attr = a["dump-index"]
        self.sock = wire.RawSocket(timeout, rcvbuf=32 << 10)
        self.seq = self.sock.next_seq()
        body = wire.attr_u32(a["dump-count"], STALLED_COUNT)
        self.sock.send_raw(wire.genl_message(fid, family.command("echo-msg").value, body,
                                             wire.NLM_F_REQUEST | wire.NLM_F_DUMP, self.seq))
        self.received = self._read_one()

    def _read_one(self):
        answers = self.sock.receive()
        if not answers or any(a.seq != self.seq or a.is_final for a in answers):
            raise wire.Malformed(f"the stalled dump answered {answers[:1]}")
        return [struct.unpack("=I", a.genl()[1][self.index_attr])[0] for a in answers]

    def still_dumping(self):
        """Reads one more datagram: it must continue the dump where it stopped."""
        before = self.received[-1]
        more = self._read_one()
        if more[0] != before + 1:
            raise wire.Malformed(f"the stalled dump resumed at {more[0]}, after {before}")
        self.received += more
        return len(self.received)

    def close(self):
        self.sock.close()
