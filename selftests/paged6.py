#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The IPv6 cases of mld_attacks.py again, as paged skbs.

  this process --writev()--> tap0 (IFF_TAP|IFF_NAPI|IFF_NAPI_FRAGS)
                             in a protected namespace, fe80::2 and
                             2001:db8::2

tun builds each skb from the iovecs of one writev(): the first iovec is
the linear part, every other one a page fragment, and the skb goes through
napi_gro_frags() like a NIC's. ipv6_rcv() pulls only the 40-byte header
(and ipv6_parse_hopopts() the Hop-by-Hop header), so the extension
headers and the MLD messages sit in fragments and igmpguard has to read
across them. Two cuts:

  header  Ethernet | IPv6 header | the rest in 7-byte fragments
  fine    Ethernet | 3 bytes | 64-byte fragments (the IPv6 header itself
          is split and pulled by ipv6_rcv)

Each cut must give every case the verdict, delivery and counters that
mld_attacks.py checks over veth, in block and in monitor mode. What the
stock kernel delivers through the tap is measured first, with igmpguard
unloaded.
"""

import os

import igg
import igg6
import paged


def header_cut(frame):
    return paged.cut(frame, 40, 7)


def run(t):
    igg6.preflight6(t)
    if not os.path.exists("/dev/net/tun"):
        t.skip_all("/dev/net/tun missing (CONFIG_TUN)")
    import mld_cases
    cases = mld_cases.cases()

    for label, split in (("header", header_cut), ("fine", paged.fine_cut)):
        igg.unload()
        bed = igg6.TapBed6(split, protos=mld_cases.PROTOS,
                           groups=mld_cases.GROUPS)
        stock = {c.id: bed.exchange6([(c.frames, c.whole)])[0]
                 for c in cases}
        must = [i for i in ("G1", "G7", "G14", "G15", "G17") if not stock[i]]
        t.result(not must, "%s cut: the stock kernel delivers MLD, echo and "
                 "UDP through the tap" % label,
                 ["not delivered: " + " ".join(must)])
        if label == "header":
            paged.frags_path_used(t, bed, bed.frame(cases[0].frames[0]))
        igg.load()
        stats = igg.Stats(bed.dut)
        names = [n for n, _ in stats.lines()]
        for mode in ("block", "monitor"):
            igg.set_param("mode", mode)
            problems = []
            for c in cases:
                problems += ["%s: %s" % (c.id, p) for p in igg6.check_case(
                    bed, stats, names, c, stock[c.id], mode)]
            t.result(not problems, "%s cut, %s mode: all %d cases as paged "
                     "skbs get the verdicts, delivery and counters of "
                     "mld_cases.py" % (label, mode, len(cases)),
                     problems[:40])
        igg.set_param("mode", "block")
        stats.close()
        bed.close()
    igg.unload()
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
