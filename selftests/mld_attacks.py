#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The notes' known-bad IPv6 packets, and the must-pass ones, on the wire.

  peer (IPv6 off) --AF_PACKET, scapy-built frames--> dut0 fe80::2,
                                                     2001:db8::2 (igmpguard)

Every packet of mld_cases.py that reaches the prerouting hook is sent
once with igmpguard unloaded, to learn whether the stock kernel delivers
it to the dut's raw sockets, then once per mode:

  block    a bad packet is dropped (never delivered) and counted under its
           reason, in the totals and in the ipv6_ totals; a good one is
           delivered whenever the stock kernel delivers it, counted as
           seen (validated when it has extension headers or is MLD) and
           anomalous only for the anomalies the plan allows it
  monitor  the same counts, a drop counted as monitored, and every packet
           delivered whenever the stock kernel delivers it
  ipv6=N   the IPv6 hooks are off: nothing counted, delivery as stock
  enabled=0  the same

and an MLDv2 query flood of the B39 shape is dropped packet for packet.
"""

import igg
import igg6

FLOOD = 64


def run(t):
    igg6.preflight6(t)
    import mld_cases
    cases = mld_cases.cases()

    bed = igg6.Bed6(protos=mld_cases.PROTOS, groups=mld_cases.GROUPS)
    stock = {c.id: bed.exchange6([(c.frames, c.whole)])[0] for c in cases}
    t.diag("the stock kernel delivers: " +
           " ".join(c.id for c in cases if stock[c.id]))
    # The raw sockets must see something, or no delivery test means much.
    must = [c.id for c in cases if c.id in ("G1", "G7", "G14", "G15", "G17")
            and not stock[c.id]]
    t.result(not must, "the stock kernel delivers MLD, echo and UDP (plain, "
             "with options and fragmented) to the dut's raw sockets",
             ["not delivered: " + " ".join(must)])

    igg.load()
    stats = igg.Stats(bed.dut)
    names = [n for n, _ in stats.lines()]

    def check(c, mode):
        return igg6.check_case(bed, stats, names, c, stock[c.id], mode)

    for mode in ("block", "monitor"):
        igg.set_param("mode", mode)
        for c in cases:
            out = c.outs[0]
            if c.drops("block"):
                what = ("dropped" if mode == "block" else
                        "delivered as the stock kernel does") + \
                    ", counted as %s" % next(o.reason for o in c.outs
                                              if o.drops)
            else:
                what = "passed" + (", anomalies %s" % ",".join(out.anomalies)
                                   if out.anomalies else " clean")
            problems = check(c, mode)
            t.result(not problems, "%s: %s: %s" % (mode, c.title(), what),
                     problems)
    igg.set_param("mode", "block")

    # The MLDv2 query flood: every query dropped, none delivered.
    b39 = next(c for c in cases if c.id == "B39")
    before = stats.read()
    n = bed.count6(b39.frames * FLOOD, b39.whole)
    got = igg.delta(before, stats.read())
    want = igg6.expected_delta(b39.judged("block") * FLOOD, "block", names)
    problems = igg6.diff(got, want)
    if n:
        problems.insert(0, "%d of %d delivered" % (n, FLOOD))
    t.result(not problems, "block: a flood of %d MLDv2 queries of 89 sources "
             "is dropped query for query as mld_query_sources" % FLOOD,
             problems)

    for param, off, on in (("ipv6", "N", "Y"), ("enabled", "0", "1")):
        err = igg.set_param(param, off)
        problems = ["cannot set %s=%s: errno %d" % (param, off, err)] \
            if err else []
        if not err:
            for c in cases:
                problems += ["%s: %s" % (c.id, p) for p in check(c, "off")]
            igg.set_param(param, on)
        t.result(not problems, "%s=%s: every packet delivered as the stock "
                 "kernel does, nothing counted" % (param, off), problems[:40])

    stats.close()
    bed.close()
    igg.unload()
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
