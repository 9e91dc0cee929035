# SPDX-License-Identifier: GPL-2.0
"""The notes' known-bad (B) and must-pass (G) IPv6 packets that reach the
prerouting hook, with what igmpguard must make of them under the default
policy (../shared/reference/ipv6-notes.md section 6, /work/ipv6-plan.md).

Built with scapy 2.5 as the notes write them, with the bed's addresses:
the dut is the notes' host (HG 2001:db8::2, solicited-node group SN). The
notes send reports from H, the host itself; here they come from another
host on the link (R), as the dut drops what carries its own source (see
igg6.Bed6). Left out, as they never reach the hook or the plan gives them
no finding: B2-B9 and B22 (ip6_rcv_core() parses the Hop-by-Hop header
and drops them before prerouting), B15 (an RPL header whose sizes add up:
no reason in the plan fits it), B21 (fragmented ND: not igmpguard's to
judge). G21 (No Next Header) and G22's ESP are in, but whether the fast
path hands them to the validator is left open by the plan, so their
validated counters are not checked (igg6.first_validated()). G23, plain
UDP, is not in the notes: the fast path's case.
"""

import logging

import igg
import igg6

logging.getLogger("scapy").setLevel(logging.ERROR)
from scapy.layers.inet6 import (  # noqa: E402 (after quieting scapy)
    HBHOptUnknown, ICMPv6EchoRequest, ICMPv6MLDMultAddrRec, ICMPv6MLDone,
    ICMPv6MLQuery, ICMPv6MLQuery2, ICMPv6MLReport, ICMPv6MLReport2,
    ICMPv6ND_NS, ICMPv6ND_RA, ICMPv6NDOptPrefixInfo, ICMPv6Unknown, IPv6,
    IPv6ExtHdrDestOpt, IPv6ExtHdrFragment, IPv6ExtHdrHopByHop,
    IPv6ExtHdrRouting, IPv6ExtHdrSegmentRouting, PadN, RouterAlert,
    fragment6)
from scapy.layers.inet import TCP, UDP  # noqa: E402
from scapy.packet import Raw  # noqa: E402

Q = igg6.PEER_LL            # querier
R = "fe80::3"               # another host, sending reports
H = igg6.DUT_LL             # the dut's link-local address
HG = igg6.DUT_ADDR          # the dut's global address
P = "2001:db8::9"           # remote
SN = igg6.SOLICITED
# Groups the dut must be in for the stack to deliver what goes to them.
GROUPS = ["ff02::16", "ff02::2", "ff02::fb", "ff05::1:3", "ff3e::1234"]
# Where the cases end: ICMPv6, UDP, TCP.
PROTOS = (58, 17, 6)


def RA(v=0):
    """Linux's own layout: router alert, then a zero-length PadN."""
    return IPv6ExtHdrHopByHop(options=[RouterAlert(value=v),
                                       PadN(optdata=b"")])


def mld(dst, msg, src=Q, hlim=1):
    return IPv6(src=src, dst=dst, hlim=hlim) / RA() / msg


def drop(reason, *anomalies):
    return igg.Outcome(True, reason, anomalies)


def ok(*anomalies):
    return igg.Outcome(False, "none", anomalies)


class Case:
    """One datagram: the frames that carry it, each with its outcome, and
    for fragments of MLD the outcome of the datagram the stack reassembles
    (judged at local in whenever every fragment got through)."""

    def __init__(self, cid, desc, pkts, outs, whole=None, whole_out=None):
        """@whole: the datagram the fragments @pkts make; @whole_out: how
        the local in hook judges it (None: not at all)."""
        self.id = cid
        self.desc = desc
        self.frames = [bytes(p) for p in pkts]
        self.outs = outs if isinstance(outs, list) else [outs] * len(pkts)
        self.whole = bytes(whole) if whole is not None else self.frames[0]
        self.whole_out = whole_out

    @property
    def bad(self):
        return self.id.startswith("B")

    def drops(self, mode):
        return mode == "block" and any(o.drops for o in self.outs)

    def judged(self, mode):
        """[(bytes, Outcome)] that reach the validator in @mode."""
        out = list(zip(self.frames, self.outs))
        if self.whole_out is not None and not self.drops(mode):
            out.append((self.whole, self.whole_out))
        return out

    def title(self):
        return "%s (%s)" % (self.id, self.desc)


def cases():
    udp = UDP(sport=40000, dport=40001)
    big_query = ICMPv6MLQuery2(mladdr=SN, sources=["2001:db8::%x" % i
                                                   for i in range(1, 90)])
    b37 = fragment6(IPv6(src=Q, dst=SN, hlim=1) / RA() /
                    IPv6ExtHdrFragment(id=14) / big_query, 1280)
    g17_udp = udp / Raw(b"y" * 3000)
    g17 = fragment6(IPv6(src=P, dst=HG) / IPv6ExtHdrFragment(id=0x1234) /
                    g17_udp, 1280)
    rec = ICMPv6MLDMultAddrRec
    c = [
        Case("B1", "Hop-by-Hop after a destination options header",
             [IPv6(src=P, dst=HG) / IPv6ExtHdrDestOpt() /
              IPv6ExtHdrHopByHop() / ICMPv6EchoRequest()],
             drop("ext_hbh_not_first")),
        Case("B10", "payload length 0 and a Hop-by-Hop header without jumbo",
             [IPv6(src=P, dst=HG, plen=0) / IPv6ExtHdrHopByHop() /
              ICMPv6EchoRequest()], drop("ip6_jumbo")),
        Case("B11", "9 skippable unknown destination options",
             [IPv6(src=P, dst=HG) /
              IPv6ExtHdrDestOpt(options=[HBHOptUnknown(otype=0x1e)] * 9) /
              udp], ok("ext_option_unknown", "ext_many_options")),
        Case("B12", "type 0 routing header with 2 segments left",
             [IPv6(src=P, dst=HG) /
              IPv6ExtHdrRouting(type=0, addresses=["2001:db8::a",
                                                   "2001:db8::b"],
                                segleft=2) / udp], drop("ext_routing")),
        Case("B13", "type 2 routing header of 2 addresses",
             [IPv6(src=P, dst=HG) /
              IPv6ExtHdrRouting(type=2, addresses=["2001:db8::a",
                                                   "2001:db8::b"],
                                segleft=1) / udp], drop("ext_routing")),
        Case("B14", "segment routing header, 5 left of 1 segment",
             [IPv6(src=P, dst=HG) /
              IPv6ExtHdrSegmentRouting(addresses=["2001:db8::a"], segleft=5,
                                       lastentry=0) / udp],
             drop("ext_routing")),
        Case("B16", "type 0 routing header to ff02::1",
             [IPv6(src=P, dst="ff02::1") /
              IPv6ExtHdrRouting(addresses=["2001:db8::a"], segleft=0) /
              ICMPv6EchoRequest()], ok("ext_routing0",
                                       "ext_routing_multicast")),
        Case("B17", "non-last fragment of 21 bytes",
             [IPv6(src=P, dst=HG) / IPv6ExtHdrFragment(m=1, id=7) / udp /
              Raw(b"x" * 13)], drop("ext_fragment")),
        Case("B18", "fragment reaching past 64 KiB",
             [IPv6(src=P, dst=HG) /
              IPv6ExtHdrFragment(nh=17, offset=8190, m=0, id=8) /
              Raw(b"x" * 64)], drop("ext_fragment")),
        Case("B19", "first fragment ending before the UDP header",
             [IPv6(src=P, dst=HG) / IPv6ExtHdrFragment(m=1, id=9) /
              IPv6ExtHdrDestOpt(nh=17, options=[PadN(optdata=b"\0" * 4)])],
             drop("ext_first_fragment")),
        Case("B20", "two atomic fragment headers",
             [IPv6(src=P, dst=HG) / IPv6ExtHdrFragment(id=10) /
              IPv6ExtHdrFragment(id=11) / udp],
             ok("ext_atomic_fragment", "ext_order")),
        Case("B23", "MS08-001 shape: MLDv2 query to SN claiming 65535 sources",
             [mld(SN, ICMPv6MLQuery2(mladdr=SN, sources_number=0xffff,
                                     sources=["2001:db8::1"]))],
             drop("mld_query_overrun")),
        Case("B24", "MLDv2 query claiming 200 sources, carrying 1",
             [mld(SN, ICMPv6MLQuery2(mladdr=SN, sources_number=200,
                                     sources=["2001:db8::1"]))],
             drop("mld_query_overrun")),
        Case("B25", "MLDv2 general query with a source",
             [mld("ff02::1", ICMPv6MLQuery2(sources=["2001:db8::1"]))],
             drop("mld_query_general_sources")),
        Case("B26", "26-byte query",
             [mld("ff02::1", ICMPv6MLQuery() / Raw(b"\0\0"))],
             drop("mld_length")),
        Case("B27", "MLDv2 query with hop limit 255",
             [mld("ff02::1", ICMPv6MLQuery2(), hlim=255)],
             drop("mld_hop_limit")),
        Case("B28", "MLDv2 query without a Hop-by-Hop header",
             [IPv6(src=Q, dst="ff02::1", hlim=1) / ICMPv6MLQuery2()],
             ok("mld_no_router_alert")),
        Case("B29", "MLDv2 query from a global address",
             [mld("ff02::1", ICMPv6MLQuery2(), src=P)], drop("mld_source")),
        Case("B29b", "MLDv2 query from ::",
             [mld("ff02::1", ICMPv6MLQuery2(), src="::")],
             drop("mld_source")),
        Case("B30", "MLDv2 query with router alert value 1",
             [IPv6(src=Q, dst="ff02::1", hlim=1) / RA(1) / ICMPv6MLQuery2()],
             ok("mld_ra_value")),
        Case("B31", "query for a unicast address",
             [mld(HG, ICMPv6MLQuery2(mladdr="2001:db8::5"))],
             drop("mld_group")),
        Case("B32", "MLDv2 query with a wrong checksum",
             [mld("ff02::1", ICMPv6MLQuery2(cksum=0x1234))],
             drop("mld_checksum")),
        Case("B33", "MLDv2 record claiming 3 sources, carrying 1",
             [mld("ff02::16", ICMPv6MLReport2(records=[rec(
                 rtype=1, dst="ff05::1:3", sources_number=3,
                 sources=["2001:db8::1"])]), src=R)],
             drop("mld_report_overrun")),
        Case("B34", "MLDv2 record claiming 255 words of aux data",
             [mld("ff02::16", ICMPv6MLReport2(records=[rec(
                 rtype=1, dst="ff05::1:3", auxdata_len=255)]), src=R)],
             drop("mld_report_overrun")),
        Case("B35", "MLDv2 report claiming 65535 records, carrying none",
             [mld("ff02::16", ICMPv6MLReport2(records_number=0xffff),
                  src=R)], drop("mld_report_overrun")),
        Case("B36", "20-byte MLDv1 report",
             [mld("ff05::1:3", ICMPv6Unknown(type=131, msgbody=b"\0" * 16),
                  src=R)], drop("mld_length")),
        # Only the first fragment shows MLD. Whole, the query is judged
        # again only where nf_defrag_ipv6 reassembles it (fragments6.py).
        Case("B37", "MLDv2 query of 89 sources in 2 fragments", b37,
             [drop("mld_fragment"), ok()],
             whole=IPv6(src=Q, dst=SN, hlim=1) / RA() / big_query),
        Case("B38", "MLDv2 report with hop limit 255",
             [mld("ff02::16", ICMPv6MLReport2(records=[rec(
                 rtype=4, dst="ff02::fb")]), src=R, hlim=255)],
             drop("mld_hop_limit")),
        Case("B39", "MLDv2 query of 89 sources to SN",
             [mld(SN, ICMPv6MLQuery2(mladdr=SN, mrd=0xffff, sources=[
                 "2001:db8:1::%x" % i for i in range(1, 90)]))],
             drop("mld_query_sources")),
        Case("G1", "MLDv2 join from :: during DAD",
             [mld("ff02::16", ICMPv6MLReport2(records=[rec(rtype=4, dst=SN)]),
                  src="::")], ok()),
        Case("G2", "MLDv2 report, change to exclude",
             [mld("ff02::16", ICMPv6MLReport2(records=[rec(
                 rtype=4, dst="ff02::fb")]), src=R)], ok()),
        Case("G3", "MLDv2 report, change to include",
             [mld("ff02::16", ICMPv6MLReport2(records=[rec(
                 rtype=3, dst="ff02::fb")]), src=R)], ok()),
        Case("G4", "MLDv1 report",
             [mld("ff02::fb", ICMPv6MLReport(mladdr="ff02::fb"), src=R)],
             ok()),
        Case("G5", "MLDv1 done",
             [mld("ff02::2", ICMPv6MLDone(mladdr="ff02::fb"), src=R)], ok()),
        Case("G6", "MLDv1 general query",
             [mld("ff02::1", ICMPv6MLQuery(mrd=10000))], ok()),
        Case("G7", "MLDv2 general query",
             [mld("ff02::1", ICMPv6MLQuery2(mrd=10000, QRV=2, QQIC=125))],
             ok()),
        Case("G8", "MLDv2 address-specific query",
             [mld("ff02::fb", ICMPv6MLQuery2(mladdr="ff02::fb", mrd=1000))],
             ok()),
        Case("G9", "MLDv2 address-and-source-specific query",
             [mld("ff3e::1234", ICMPv6MLQuery2(
                 mladdr="ff3e::1234", mrd=1000,
                 sources=["2001:db8::1", "2001:db8::2"]))], ok()),
        Case("G10", "MLDv2 general query to the dut's own address, code 7, "
             "flags, additional data",
             [mld(H, ICMPv6MLQuery2(code=7, mrd=0x8fff, Resv=0xf, QRV=0,
                                    QQIC=0x8f) / Raw(b"\xab\xcd\xef\x01"))],
             ok()),
        Case("G11", "MLDv2 report with a type 7 record and aux data",
             [mld("ff02::16", ICMPv6MLReport2(records=[
                 rec(rtype=7, dst="ff02::fb"),
                 rec(rtype=1, dst="ff05::1:3", sources=["2001:db8::1"],
                     auxdata_len=1, auxdata=b"\1\2\3\4")]), src=R)],
             ok("mld_record_type", "mld_aux_data")),
        Case("G12", "neighbour solicitation from :: (DAD)",
             [IPv6(src="::", dst=SN, hlim=255) / ICMPv6ND_NS(tgt=H)], ok()),
        Case("G13", "router advertisement",
             [IPv6(src=Q, dst="ff02::1", hlim=255) / ICMPv6ND_RA() /
              ICMPv6NDOptPrefixInfo(prefix="2001:db8::", prefixlen=64)],
             ok()),
        Case("G14", "echo request",
             [IPv6(src=P, dst=HG) / ICMPv6EchoRequest(id=1, seq=1,
                                                     data=b"x" * 56)], ok()),
        Case("G15", "UDP behind destination options",
             [IPv6(src=P, dst=HG) /
              IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\0" * 4)]) / udp /
              Raw(b"hi")], ok()),
        Case("G16", "UDP behind a skippable unknown destination option",
             [IPv6(src=P, dst=HG) /
              IPv6ExtHdrDestOpt(options=[HBHOptUnknown(
                  otype=0x1e, optdata=b"\0" * 4)]) / udp / Raw(b"hi")],
             ok("ext_option_unknown")),
        Case("G17", "3000 bytes of UDP in 3 fragments", g17, ok(),
             whole=IPv6(src=P, dst=HG) / g17_udp),
        Case("G18", "atomic fragment",
             [IPv6(src=P, dst=HG) / IPv6ExtHdrFragment(id=0x55) /
              ICMPv6EchoRequest()], ok("ext_atomic_fragment")),
        Case("G19", "Mobile IPv6 type 2 routing header",
             [IPv6(src=P, dst="2001:db8::c0a") /
              IPv6ExtHdrRouting(type=2, addresses=[HG], segleft=1) / udp],
             ok()),
        Case("G20", "type 0 routing header with no segments left",
             [IPv6(src=P, dst=HG) /
              IPv6ExtHdrRouting(type=0, addresses=["2001:db8::a"],
                                segleft=0) / ICMPv6EchoRequest()],
             ok("ext_routing0")),
        Case("G21", "No Next Header with bytes after it",
             [IPv6(src=P, dst=HG, nh=59) / Raw(b"garbage")],
             ok("ext_no_next_data")),
        Case("G22", "TCP SYN",
             [IPv6(src=P, dst=HG) / TCP(sport=40000, dport=22, flags="S")],
             ok()),
        Case("G22b", "ESP",
             [IPv6(src=P, dst=HG, nh=50) / Raw(bytes(40))], ok()),
        Case("G23", "plain UDP",
             [IPv6(src=P, dst=HG) / udp / Raw(b"plain")], ok()),
    ]
    return c
