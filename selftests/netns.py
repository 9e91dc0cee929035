#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Every network namespace is protected and counted on its own.

  +- peer -+      +- old (made before insmod) -+
  |        |----->|  dut0 192.0.2.50           |
  +--------+ veth +----------------------------+
  +- peer -+      +- new (made after insmod) --+
  |        |----->|  dut0 192.0.2.50           |
  +--------+ veth +----------------------------+
  and the namespace the test runs in (no traffic).

Checks: both namespaces drop a malformed report and deliver a valid one;
their counters start at zero and only move for their own traffic; reset
zeroes one namespace only and counting goes on from zero; namespaces come
and go while the module is loaded without holding a module reference; after
rmmod no namespace has the proc files any more.
"""

import errno
import os
import struct

import igg

G = "239.1.2.3"
RA = b"\x94\x04\x00\x00"


def report(group=G, csum=None):
    msg = b"\x16\0\0\0" + igg.aton(group)
    msg = igg.with_csum(msg) if csum is None else (
        msg[:2] + struct.pack("!H", csum) + msg[4:])
    return igg.ipv4(igg.PEER_ADDR, group, 2, msg, ttl=1, tos=0xc0, opts=RA)


BAD = igg.Vector.from_ip("bad-csum", report(csum=0xdead), "drop",
                         "igmp_checksum")
GOOD = igg.Vector.from_ip("good", report())


def protected(bed, stats, names):
    out = []
    for v in (BAD, GOOD):
        out += igg.check_vector(bed, stats, names, v, True,
                                igg.Outcome(v.drops, v.reason, v.anomalies),
                                "block")
    return out


def nonzero(d):
    return {k: v for k, v in d.items() if v}


def run(t):
    igg.preflight(t)
    igg.unload()
    old = igg.Bed(protos=(2,), groups=[G], tag="old")
    igg.load()
    new = igg.Bed(protos=(2,), groups=[G], tag="new")

    s_old, s_new = igg.Stats(old.dut), igg.Stats(new.dut)
    here = igg.Stats(None)
    names = [n for n, _ in s_new.lines()]

    for label, st in (("made before insmod", s_old),
                      ("made after insmod", s_new)):
        got = nonzero(st.read())
        t.result(not got, "a namespace %s starts with zero counters" % label,
                 ["non-zero: %s" % got])
    for label, bed, st in (("after", new, s_new), ("before", old, s_old)):
        problems = protected(bed, st, names)
        t.result(not problems, "a namespace made %s insmod drops bad IGMP "
                 "and delivers good IGMP" % label, problems)

    # Counters are per namespace.
    b_old, b_new, b_here = s_old.read(), s_new.read(), here.read()
    new.exchange([BAD.ip] * 5)
    d_old = nonzero(igg.delta(b_old, s_old.read()))
    d_new = nonzero(igg.delta(b_new, s_new.read()))
    d_here = nonzero(igg.delta(b_here, here.read()))
    want = {"packets_seen": 5, "packets_validated": 5, "packets_dropped": 5,
            "ipv4_packets_seen": 5, "ipv4_packets_validated": 5,
            "ipv4_packets_dropped": 5, "igmp_checksum": 5}
    t.result(d_new == want, "5 bad reports into one namespace count 5 there",
             ["delta %s, want %s" % (d_new, want)])
    t.result(not d_old, "the other protected namespace does not count them",
             ["delta %s" % d_old])
    t.result(not d_here, "the test's own namespace does not count them",
             ["delta %s" % d_here])

    # Reset is per namespace too.
    before_old = s_old.read()
    s_new.reset()
    t.result(not nonzero(s_new.read()), "reset zeroes that namespace",
             ["after reset: %s" % nonzero(s_new.read())])
    t.result(s_old.read() == before_old and any(before_old.values()),
             "reset leaves another namespace's counters alone",
             ["before %s" % nonzero(before_old),
              "after  %s" % nonzero(s_old.read())])
    new.exchange([BAD.ip] * 2)
    got = nonzero(s_new.read())
    want = {k: 2 for k in want}
    t.result(got == want, "counting goes on from zero after a reset",
             ["got %s, want %s" % (got, want)])

    # Namespaces come and go while loaded; none holds the module.
    for _ in range(5):
        ns = igg.Netns("churn")
        with ns.enter():
            fd = os.open(igg.STATS, os.O_RDONLY)
            data = os.read(fd, 65536).decode()
            os.close(fd)
        ns.delete()
        if any(v for _, v in igg.parse_stats(data)):
            break
    t.result(not any(v for _, v in igg.parse_stats(data)),
             "5 namespaces made and deleted while loaded each start at zero",
             [data])
    s_old.close()
    old.close()
    t.result(igg.refcount() == 0,
             "the module holds no reference for its namespaces",
             ["refcnt %d" % igg.refcount()])

    s_new.close()
    here.close()
    try:
        igg.unload()
        unloaded = True, ""
    except RuntimeError as e:
        unloaded = False, str(e)
    t.result(unloaded[0], "rmmod succeeds with namespaces alive",
             [unloaded[1]])
    gone = []
    for label, ns in (("new", new.dut), ("this", None)):
        try:
            if ns:
                with ns.enter():
                    os.close(os.open(igg.STATS, os.O_RDONLY))
            else:
                os.close(os.open(igg.STATS, os.O_RDONLY))
            gone.append("%s namespace still has %s" % (label, igg.STATS))
        except OSError as e:
            if e.errno != errno.ENOENT:
                gone.append("%s namespace: %s" % (label, e))
    t.result(not gone, "after rmmod no namespace has the proc files", gone)

    new.close()
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
