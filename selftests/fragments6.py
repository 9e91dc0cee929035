#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Fragmented MLD, and IPv6 fragments that are not MLD.

igmpguard hooks IPv6 prerouting ahead of any reassembly, so it judges
each fragment as it arrives. Only the first fragment shows the ICMPv6
type: when it is MLD, the fragment is a policy finding (mld_fragment,
knob drop_fragments); the later fragments carry no MLD header of their
own and are judged by their extension headers alone.

  drop_fragments=Y  the first fragment of an MLD datagram is dropped and
                    counted, so the datagram never forms: in order, last
                    fragment first, or with a first fragment holding only
                    the 8 bytes of the ICMPv6 header
  drop_fragments=N  every fragment passes, the first with mld_fragment
                    counted as a finding, and the datagram is delivered;
                    where nf_defrag_ipv6 reassembles (conntrack in the
                    namespace), the local in hook validates the datagram
                    whole: delivered when valid, dropped with its own
                    reason when not
  monitor mode      the first fragment counted as monitored, all
                    delivered; with conntrack the bad datagram too
  enabled=0         delivered, nothing counted
  other protocols   fragmented UDP and ICMPv6 echo pass with no finding,
                    and their datagrams are not looked at again

Without nf_defrag_ipv6 the kernel reassembles behind the local in hooks
(ipv6_frag_rcv()), where no hook sees the datagram (module/hook_ipv6.c):
that case is left to drop_fragments=Y.
"""

import os

import fragments
import igg
import igg6

SN = igg6.SOLICITED
NSRC = 60


def query(claimed=None, csum_xor=0):
    """An MLDv2 query for SN with NSRC sources (988 bytes of ICMPv6):
    valid, unless it claims @claimed sources or its checksum is off by
    @csum_xor."""
    import mld_cases
    msg = mld_cases.ICMPv6MLQuery2(
        mladdr=SN, mrd=1000, sources=["2001:db8:5::%x" % i
                                      for i in range(1, NSRC + 1)])
    if claimed is not None:
        msg.sources_number = claimed
    pkt = bytearray(bytes(mld_cases.mld(SN, msg)))
    pkt[50] ^= csum_xor >> 8
    pkt[51] ^= csum_xor & 255
    return bytes(pkt)


class Sender:
    """Sends datagrams as fragments and checks counters and delivery."""

    def __init__(self, bed, stats):
        self.bed = bed
        self.stats = stats
        self.names = [n for n, _ in stats.lines()]
        self.ident = os.getpid() << 8

    def frags(self, pkt, size=None, cuts=None):
        self.ident += 1
        return igg6.fragments(pkt, size, cuts, self.ident)

    def check(self, pkt, frags, outs, mode, want_delivery, whole=None):
        """Send @frags (each judged as in @outs) of datagram @pkt; @whole:
        how the local in hook judges the datagram, None if it does not."""
        judged = list(zip(frags, outs))
        if whole is not None:
            judged.append((pkt, whole))
        before = self.stats.read()
        delivered = self.bed.exchange6([(frags, pkt)])[0]
        got = igg.delta(before, self.stats.read())
        problems = igg6.diff(got, igg6.expected_delta(judged, mode,
                                                      self.names))
        if delivered != want_delivery:
            problems.insert(0, "%s, expected %s" % (
                "delivered" if delivered else "not delivered",
                "delivered" if want_delivery else "not delivered"))
        return problems


def run(t):
    igg6.preflight6(t)
    import mld_cases
    igg.load()
    bed = igg6.Bed6(protos=(58, 17))
    stats = igg.Stats(bed.dut)
    s = Sender(bed, stats)

    frag = mld_cases.drop("mld_fragment")
    frag_pass = mld_cases.ok("mld_fragment")
    clean = mld_cases.ok()

    good = query()
    shapes = {
        "3 fragments in order": lambda p: s.frags(p, 400),
        "3 fragments, last first": lambda p: s.frags(p, 400)[::-1],
        "a first fragment of only the 8-byte ICMPv6 header":
            lambda p: s.frags(p, cuts=(8, 400)),
    }

    def first_only(frags, first, rest):
        """Outcomes: @first for the fragment at offset 0, @rest after."""
        return [first if igg6.fragment_offset(f) == 0 else rest
                for f in frags]

    report(t, "the query sent whole is delivered, validated and no "
           "fragment", s.check(good, [good], [clean], "block", True))
    for shape, cut in shapes.items():
        frags = cut(good)
        report(t, "drop_fragments=Y: %s: the first dropped as mld_fragment, "
               "the others validated, nothing delivered" % shape,
               s.check(good, frags, first_only(frags, frag, clean), "block",
                       False))

    igg.set_param("drop_fragments", "N")
    for shape, cut in shapes.items():
        frags = cut(good)
        report(t, "drop_fragments=N: %s: the first counted as a finding, "
               "the query delivered" % shape,
               s.check(good, frags, first_only(frags, frag_pass, clean),
                       "block", True))

    bad = {
        "a bad ICMPv6 checksum": (query(csum_xor=0x0100), "mld_checksum"),
        "a source count past the end": (query(claimed=NSRC + 1),
                                        "mld_query_overrun"),
    }
    desc = "drop_fragments=N, conntrack in the namespace"
    why = fragments.conntrack(bed.dut, "ip6")
    if why:
        t.skip(desc, why)
    else:
        frags = s.frags(good, 400)
        report(t, "%s: the valid query in 3 fragments is validated whole "
               "at local in and delivered" % desc,
               s.check(good, frags, first_only(frags, frag_pass, clean),
                       "block", True, whole=clean))
        for what, (pkt, reason) in bad.items():
            frags = s.frags(pkt, 400)
            report(t, "%s: a query with %s in 3 fragments: each passes, the "
                   "reassembled query is dropped as %s" % (desc, what,
                                                           reason),
                   s.check(pkt, frags, first_only(frags, frag_pass, clean),
                           "block", False, whole=mld_cases.drop(reason)))
        udp = bytes(mld_cases.IPv6(src=igg6.PEER_ADDR, dst=igg6.DUT_ADDR) /
                    mld_cases.UDP(sport=40000, dport=40001) /
                    mld_cases.Raw(b"u" * 3000))
        frags = s.frags(udp, 1232)
        report(t, "%s: 3000 bytes of UDP in 3 fragments pass and are not "
               "validated again whole" % desc,
               s.check(udp, frags, [clean] * len(frags), "block", True))
        igg.set_param("mode", "monitor")
        pkt, reason = bad["a source count past the end"]
        frags = s.frags(pkt, 400)
        report(t, "%s, monitor mode: the first fragment counts as a "
               "finding, the reassembled query with a source count past the "
               "end as monitored, and it is delivered" % desc,
               s.check(pkt, frags, first_only(frags, frag_pass, clean),
                       "monitor", True, whole=mld_cases.drop(reason)))
        igg.set_param("mode", "block")
        bed.dut.exec("nft", "delete", "table", "ip6", "igg_ct")
    igg.set_param("drop_fragments", "Y")

    frags = s.frags(good, 400)
    igg.set_param("mode", "monitor")
    report(t, "monitor mode: the first fragment is counted as monitored and "
           "the query delivered",
           s.check(good, frags, first_only(frags, frag, clean), "monitor",
                   True))
    igg.set_param("mode", "block")
    igg.set_param("enabled", "0")
    frags = s.frags(good, 400)
    report(t, "enabled=0: the fragments are delivered and nothing counted",
           s.check(good, frags, [clean] * len(frags), "off", True))
    igg.set_param("enabled", "1")

    udp = bytes(mld_cases.IPv6(src=igg6.PEER_ADDR, dst=igg6.DUT_ADDR) /
                mld_cases.UDP(sport=40000, dport=40001) /
                mld_cases.Raw(bytes(range(256)) * 12))
    frags = s.frags(udp, 1024)
    report(t, "fragmented UDP (%d fragments) is delivered, each fragment "
           "validated with no finding" % len(frags),
           s.check(udp, frags, [clean] * len(frags), "block", True))
    ping = bytes(mld_cases.IPv6(src=igg6.PEER_ADDR, dst=igg6.DUT_ADDR) /
                 mld_cases.ICMPv6EchoRequest(id=7, seq=1, data=b"p" * 2000))
    frags = s.frags(ping, 1024)
    report(t, "fragmented ICMPv6 echo is delivered: a first fragment that "
           "is not MLD is no finding",
           s.check(ping, frags, [clean] * len(frags), "block", True))
    bad_frag = s.frags(udp, cuts=(1020,))
    report(t, "a UDP first fragment of 1020 "
           "bytes (not a multiple of 8) is dropped as ext_fragment",
           s.check(udp, bad_frag[:1], [mld_cases.drop("ext_fragment")],
                   "block", False))

    stats.close()
    bed.close()
    igg.unload()
    return t.finish()


def report(t, desc, problems):
    return t.result(not problems, desc, problems)


if __name__ == "__main__":
    igg.main_guard(run)
