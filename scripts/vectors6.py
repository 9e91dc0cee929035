# SPDX-License-Identifier: GPL-2.0
"""The IPv6 test vectors: IPv6 header, extension headers, options, MLD.

Imported by gen-vectors.py, which writes them to tests/vectors/vectors6.pcap
and vectors6.tsv. Every expectation is written by hand from RFC 8200, 2675,
2711, 5095, 6275, 6554, 7112, 8754, 2710, 3810/9777, the IPv6 notes
(../shared/reference/ipv6-notes.md, sections 5-6: the B and G packets keep
their numbers with a 6 in front) and the reason list; nothing here runs the
validator.

Where two malformed findings could both end a walk and the order of the
checks is the validator's to choose, no vector has both: each malformed
vector is malformed in one way, and a finding listed with it comes from
an earlier header of the chain.
"""

import socket
import struct

from scapy.all import (ICMPv6EchoRequest, ICMPv6MLDMultAddrRec, ICMPv6MLDone,
                       ICMPv6MLQuery, ICMPv6MLQuery2, ICMPv6MLReport,
                       ICMPv6MLReport2, ICMPv6ND_NS, ICMPv6ND_RA,
                       ICMPv6NDOptPrefixInfo, ICMPv6NDOptUnknown,
                       ICMPv6Unknown, IPv6, IPv6ExtHdrDestOpt,
                       IPv6ExtHdrFragment, IPv6ExtHdrHopByHop,
                       IPv6ExtHdrRouting, IPv6ExtHdrSegmentRouting, Jumbo,
                       HBHOptUnknown, PadN, Raw, RouterAlert, TCP, UDP,
                       checksum, fragment6)

# The addresses of the notes' section 6.
Q, H, HG, P = "fe80::1", "fe80::2", "2001:db8::2", "2001:db8::9"
SN = "ff02::1:ff00:2"            # solicited-node group of H: always joined
GQ_DST, V2_DST, DONE_DST = "ff02::1", "ff02::16", "ff02::2"
GRP = "ff05::1:3"                 # a site-scope group

NH_HBH, NH_TCP, NH_UDP, NH_RH, NH_FH = 0, 6, 17, 43, 44
NH_ESP, NH_AH, NH_ICMP6, NH_NONE, NH_DEST = 50, 51, 58, 59, 60


def a6(s):
    return socket.inet_pton(socket.AF_INET6, s)


# --- layers as bytes ---------------------------------------------------------

def ip6(dst, nh, payload, src=P, hlim=64, plen=None, ver=6, trailer=b""):
    """IPv6 header + @payload; plen and ver override, @trailer follows the
    datagram (link-layer bytes past the payload length)."""
    if plen is None:
        plen = len(payload)
    return (struct.pack("!IHBB", ver << 28, plen, nh, hlim) + a6(src) +
            a6(dst) + payload + trailer)


def ul_csum(src, dst, nh, msg, off):
    """@msg with the RFC 8200 8.1 pseudo-header checksum at @off."""
    msg = msg[:off] + b"\0\0" + msg[off + 2:]
    ph = a6(src) + a6(dst) + struct.pack("!IxxxB", len(msg), nh)
    return msg[:off] + struct.pack("!H", checksum(ph + msg)) + msg[off + 2:]


def icmp6(src, dst, msg):
    return ul_csum(src, dst, NH_ICMP6, msg, 2)


def echo(src=P, dst=HG, data=b""):
    return icmp6(src, dst, b"\x80\0\0\0\x00\x01\x00\x01" + data)


def udp(src=P, dst=HG, data=b"hi"):
    return ul_csum(src, dst, NH_UDP, struct.pack("!HHHH", 40000, 40001,
                                                 8 + len(data), 0) + data, 6)


def tcp(src=P, dst=HG):
    return ul_csum(src, dst, NH_TCP, struct.pack("!HHIIBBHHH", 40000, 22, 1,
                                                 0, 5 << 4, 0x02, 65535, 0,
                                                 0), 16)


def ext(nh, body):
    """A header of 8 * (HEL + 1) bytes: NH, HEL, @body."""
    assert (len(body) + 2) % 8 == 0, len(body)
    return bytes([nh, (len(body) + 2) // 8 - 1]) + body


def pad1(n=1):
    return b"\0" * n


def padn(n, fill=0):
    """A PadN option of @n bytes in all."""
    return b"\x01" + bytes([n - 2]) + bytes([fill]) * (n - 2)


def ra(value=0, length=2):
    return b"\x05" + bytes([length]) + struct.pack("!H", value) + \
        b"\0" * (length - 2)


def jumbo(value, length=4):
    return b"\xc2" + bytes([length]) + struct.pack("!I", value)[:length] + \
        b"\0" * (length - 4)


def hao(addr=HG, length=16):
    return b"\xc9" + bytes([length]) + (a6(addr) + b"\0" * 16)[:length]


def opt(typ, data=b""):
    return bytes([typ, len(data)]) + data


def rh(nh, typ, sl, data):
    return ext(nh, bytes([typ, sl]) + data)


def rh0(nh, addrs, sl):
    return rh(nh, 0, sl, b"\0" * 4 + b"".join(a6(x) for x in addrs))


def rh2(nh, home=HG, sl=1, extra=b""):
    return rh(nh, 2, sl, b"\0" * 4 + a6(home) + extra)


def rpl(nh, sl, cmpri, cmpre, pad, addr_bytes):
    """RFC 6554 type 3: CmprI, CmprE, Pad and @addr_bytes of addresses."""
    body = (bytes([cmpri << 4 | cmpre, pad << 4, 0, 0]) + addr_bytes +
            b"\0" * pad)
    return rh(nh, 3, sl, body)


def srh(nh, sl, le, segs, tlvs=b""):
    """RFC 8754 type 4: Last Entry @le, @segs segments, then @tlvs."""
    return rh(nh, 4, sl, bytes([le, 0, 0, 0]) +
              b"".join(a6("2001:db8::%x" % (0xa + i)) for i in range(segs)) +
              tlvs)


def fh(nh, offset=0, m=0, ident=0x1234, res=0, res2=0):
    """Fragment header; @res is the reserved byte, @res2 the 2 bits."""
    return struct.pack("!BBHI", nh, res, offset << 3 | res2 << 1 | m, ident)


def ah(nh, pl=4):
    """AH of 4 * (pl + 2) bytes, ICV zero."""
    return bytes([nh, pl, 0, 0]) + struct.pack("!II", 0x100, 1) + \
        b"\0" * (4 * (pl + 2) - 12)


def dopt(nh, tlvs=b"\x01\x04\0\0\0\0"):
    return ext(nh, tlvs)


# --- MLD ---------------------------------------------------------------------

LINUX_HBH = bytes.fromhex("3a00050200000100")   # RA 0 + zero-length PadN


def mld1(typ, group="::", mrd=0):
    """MLDv1 query (130), report (131) or done (132), checksum left 0."""
    return bytes([typ, 0]) + b"\0\0" + struct.pack("!HH", mrd, 0) + a6(group)


def q2(group="::", mrc=1000, srcs=(), n=None, extra=b"", flags=0x02,
       qqic=125, code=0):
    """MLDv2 query; @n overrides the source count, @flags is the byte of
    Flags, S and QRV."""
    if n is None:
        n = len(srcs)
    return (bytes([130, code]) + b"\0\0" + struct.pack("!HH", mrc, 0) +
            a6(group) + bytes([flags, qqic]) + struct.pack("!H", n) +
            b"".join(a6(s) for s in srcs) + extra)


def rec(rtype, group, srcs=(), aux=b"", n=None, auxlen=None):
    """MLDv2 multicast address record; @n and @auxlen override counts."""
    if n is None:
        n = len(srcs)
    if auxlen is None:
        auxlen = len(aux) // 4
    return (bytes([rtype, auxlen]) + struct.pack("!H", n) + a6(group) +
            b"".join(a6(s) for s in srcs) + aux)


def r2(*records, m=None, extra=b""):
    if m is None:
        m = len(records)
    return (b"\x8f\0\0\0\0\0" + struct.pack("!H", m) + b"".join(records) +
            extra)


def mld(dst, msg, src=Q, hlim=1, hbh=LINUX_HBH, csum=True, chain=None,
        **k):
    """An MLD message as Linux sends it: HBH router alert + zero-length
    PadN, hop limit 1, checksum over the whole message. @hbh None leaves
    the HBH out; @chain (bytes, first NH) replaces it."""
    body = icmp6(src, dst, msg) if csum else msg
    if chain is not None:
        hdrs, nh = chain
        return ip6(dst, nh, hdrs + body, src=src, hlim=hlim, **k)
    if hbh is None:
        return ip6(dst, NH_ICMP6, body, src=src, hlim=hlim, **k)
    return ip6(dst, NH_HBH, hbh + body, src=src, hlim=hlim, **k)


def srcs6(n, first=1):
    """@n distinct unicast sources 2001:db8::x:y."""
    return ["2001:db8::%x:%x" % (i // 65536, i % 65536)
            for i in range(first, first + n)]


def S(p):
    """Bytes of a scapy packet."""
    return bytes(p)


# --- notes section 6 -------------------------------------------------------

def RA6(v=0):
    return IPv6ExtHdrHopByHop(options=[RouterAlert(value=v),
                                       PadN(optdata=b"")])


def smld(dst, msg, src=Q, hlim=1):
    return IPv6(src=src, dst=dst, hlim=hlim) / RA6() / msg


def spec_bad(v):
    """Notes 6.1, B1-B39, as the notes build them (scapy)."""
    v("6B1", S(IPv6(src=P, dst=HG) / IPv6ExtHdrDestOpt() /
               IPv6ExtHdrHopByHop() / ICMPv6EchoRequest()),
      "ext_hbh_not_first", "", "B1: DestOpt then HBH")
    v("6B2", S(IPv6(src=P, dst=HG, nh=0) /
               Raw(bytes([59, 0, 1, 10, 0, 0, 0, 0]))),
      "ext_option_length", "", "B2: PadN of 12 bytes in a 6-byte area")
    v("6B3", S(IPv6(src=P, dst=HG) / IPv6ExtHdrHopByHop(
        options=[PadN(optdata=b"\xde\xad\xbe\xef")]) / ICMPv6EchoRequest()),
      "ext_padding", "", "B3: PadN data deadbeef")
    v("6B4", S(IPv6(src=P, dst=HG) / IPv6ExtHdrHopByHop(
        options=[PadN(optdata=b"\0" * 4), PadN(optdata=b"\0" * 4), PadN()]) /
        ICMPv6EchoRequest()),
      "ext_padding", "", "B4: 14 padding bytes in a row")
    v("6B5", S(IPv6(src=P, dst=HG) / IPv6ExtHdrHopByHop(
        options=[HBHOptUnknown(otype=0x5e, optdata=b"\0" * 4)]) /
        ICMPv6EchoRequest()),
      "ext_option_discard", "", "B5: unknown option 0x5e (action 01)")
    v("6B6", S(IPv6(src=P, dst="ff02::1") / IPv6ExtHdrHopByHop(
        options=[HBHOptUnknown(otype=0x9e, optdata=b"\0" * 4)]) /
        ICMPv6EchoRequest()),
      "ext_option_discard", "",
      "B6: unknown option 0x9e (action 10) to ff02::1")
    v("6B7", S(IPv6(src=Q, dst="ff02::1", hlim=1) / IPv6ExtHdrHopByHop(
        options=[RouterAlert(optlen=4, value=0)]) / ICMPv6MLQuery2()),
      "ext_option_length", "", "B7: router alert of length 4 on a query")
    v("6B8", S(IPv6(src=P, dst=HG) / IPv6ExtHdrHopByHop(
        options=[Jumbo(jumboplen=70000)]) / ICMPv6EchoRequest()),
      "ip6_jumbo", "", "B8: jumbo 70000 with payload length not 0")
    v("6B9", S(IPv6(src=P, dst=HG, plen=0) / IPv6ExtHdrHopByHop(
        options=[Jumbo(jumboplen=1000)]) / ICMPv6EchoRequest()),
      "ip6_jumbo", "", "B9: jumbo value 1000")
    v("6B10", S(IPv6(src=P, dst=HG, plen=0) / IPv6ExtHdrHopByHop() /
                ICMPv6EchoRequest()),
      "ip6_jumbo", "", "B10: payload length 0, HBH without jumbo")
    v("6B11", S(IPv6(src=P, dst=HG) / IPv6ExtHdrDestOpt(
        options=[HBHOptUnknown(otype=0x1e)] * 9) /
        UDP(sport=40000, dport=40001)),
      "none", "ext_option_unknown ext_many_options",
      "B11: 9 unknown skip options in one DestOpt")
    v("6B12", S(IPv6(src=P, dst=HG) / IPv6ExtHdrRouting(
        type=0, addresses=["2001:db8::a", "2001:db8::b"], segleft=2) /
        UDP(sport=40000, dport=40001)),
      "ext_routing", "", "B12: type 0 routing header, 2 segments left")
    v("6B13", S(IPv6(src=P, dst=HG) / IPv6ExtHdrRouting(
        type=2, addresses=["2001:db8::a", "2001:db8::b"], segleft=1) /
        UDP(sport=40000, dport=40001)),
      "ext_routing", "", "B13: type 2 routing header of length 4")
    v("6B14", S(IPv6(src=P, dst=HG) / IPv6ExtHdrSegmentRouting(
        addresses=["2001:db8::a"], segleft=5, lastentry=0) /
        UDP(sport=40000, dport=40001)),
      "ext_routing", "", "B14: SRH, 5 segments left, last entry 0")
    # n = (48 - 0 - 16) / (16 - 15) + 1 = 33 addresses, SL 1: consistent
    # by every rule of RFC 6554 the contract names; Linux drops it only
    # because rpl_seg_enabled is 0 by default. Nothing to count.
    v("6B15", S(IPv6(src=H, dst=H) / IPv6ExtHdrSegmentRouting(
        type=3, addresses=["a8::", "a7::", "a6::"], segleft=1,
        lastentry=0xf0)),
      "none", "", "B15: RPL, CmprI 15, n 33 (CVE-2023-2156 shape)")
    v("6B16", S(IPv6(src=P, dst="ff02::1") / IPv6ExtHdrRouting(
        addresses=["2001:db8::a"], segleft=0) / ICMPv6EchoRequest()),
      "none", "ext_routing0 ext_routing_multicast",
      "B16: type 0 routing header, no segments left, to ff02::1")
    v("6B17", S(IPv6(src=P, dst=HG) / IPv6ExtHdrFragment(m=1, id=7) /
                UDP(sport=40000, dport=40001) / Raw(b"x" * 13)),
      "ext_fragment", "", "B17: first fragment of 21 bytes, M=1")
    v("6B18", S(IPv6(src=P, dst=HG) / IPv6ExtHdrFragment(
        nh=17, offset=8190, m=0, id=8) / Raw(b"x" * 64)),
      "ext_fragment", "", "B18: offset 65520 + 64 bytes")
    v("6B19", S(IPv6(src=P, dst=HG) / IPv6ExtHdrFragment(m=1, id=9) /
                IPv6ExtHdrDestOpt(nh=17, options=[PadN(optdata=b"\0" * 4)])),
      "ext_first_fragment", "", "B19: first fragment ends before UDP")
    # Two atomic fragment headers: each is "processed as a fully
    # reassembled packet" (RFC 6946); the second repeats the first.
    v("6B20", S(IPv6(src=P, dst=HG) / IPv6ExtHdrFragment(id=10) /
                IPv6ExtHdrFragment(id=11) / UDP(sport=40000, dport=40001)),
      "none", "ext_order ext_atomic_fragment",
      "B20: fragment header twice, both atomic")
    b21 = fragment6(IPv6(src=P, dst=HG, hlim=255) /
                    IPv6ExtHdrFragment(id=12) / ICMPv6ND_NS(tgt=HG) /
                    ICMPv6NDOptUnknown(type=253, len=175,
                                       data=b"\0" * 1398), 1280)
    for i, f in enumerate(b21, 1):
        # ND is not MLD: fragmented ND (RFC 6980) has no reason here.
        v("6B21-%d" % i, S(f), "none", "",
          "B21: fragment %d of %d of a neighbour solicitation" %
          (i, len(b21)))
    v("6B22", S(IPv6(src=P, dst=HG, plen=0) / IPv6ExtHdrHopByHop(
        options=[Jumbo(jumboplen=70000)]) / IPv6ExtHdrFragment(id=13) /
        UDP(sport=40000, dport=40001)),
      "ip6_jumbo", "", "B22: jumbo with a fragment header")
    v("6B23", S(smld(SN, ICMPv6MLQuery2(mladdr=SN, sources_number=0xffff,
                                        sources=["2001:db8::1"]))),
      "mld_query_overrun", "", "B23: MASSQ N=65535 with one source (MS08-001)")
    v("6B24", S(smld(SN, ICMPv6MLQuery2(mladdr=SN, sources_number=200,
                                        sources=["2001:db8::1"]))),
      "mld_query_overrun", "", "B24: MASSQ N=200 with one source")
    v("6B25", S(smld("ff02::1", ICMPv6MLQuery2(sources=["2001:db8::1"]))),
      "mld_query_general_sources", "", "B25: general query with a source")
    v("6B26", S(smld("ff02::1", ICMPv6MLQuery() / Raw(b"\0\0"))),
      "mld_length", "", "B26: query of 26 bytes")
    v("6B27", S(smld("ff02::1", ICMPv6MLQuery2(), hlim=255)),
      "mld_hop_limit", "", "B27: v2 general query, hop limit 255")
    v("6B28", S(IPv6(src=Q, dst="ff02::1", hlim=1) / ICMPv6MLQuery2()),
      "none", "mld_no_router_alert", "B28: v2 general query without HBH")
    v("6B29", S(smld("ff02::1", ICMPv6MLQuery2(), src=P)),
      "mld_source", "", "B29: v2 general query from a global address")
    v("6B29-unspec", S(smld("ff02::1", ICMPv6MLQuery2(), src="::")),
      "mld_source", "", "B29: v2 general query from ::")
    v("6B30", S(IPv6(src=Q, dst="ff02::1", hlim=1) / RA6(1) /
                ICMPv6MLQuery2()),
      "none", "mld_ra_value", "B30: router alert value 1 on a query")
    v("6B31", S(smld(HG, ICMPv6MLQuery2(mladdr="2001:db8::5"))),
      "mld_group", "", "B31: query for unicast 2001:db8::5")
    v("6B32", S(smld("ff02::1", ICMPv6MLQuery2(cksum=0x1234))),
      "mld_checksum", "", "B32: v2 general query, checksum 0x1234")
    v("6B33", S(smld("ff02::16", ICMPv6MLReport2(records=[
        ICMPv6MLDMultAddrRec(rtype=1, dst="ff05::1:3", sources_number=3,
                             sources=["2001:db8::1"])]), src=H)),
      "mld_report_overrun", "", "B33: record claims 3 sources, has 1")
    v("6B34", S(smld("ff02::16", ICMPv6MLReport2(records=[
        ICMPv6MLDMultAddrRec(rtype=1, dst="ff05::1:3", auxdata_len=255)]),
        src=H)),
      "mld_report_overrun", "", "B34: record claims 255 aux words")
    # The notes' B35 is 8 bytes long, which also makes it shorter than 24
    # bytes: one record added, so that only the count is wrong.
    v("6B35", mld(V2_DST, r2(rec(4, GRP), m=0xffff), src=H),
      "mld_report_overrun", "", "B35: report M=65535 with one record")
    v("6B36", S(smld("ff05::1:3", ICMPv6Unknown(type=131,
                                                msgbody=b"\0" * 16), src=H)),
      "mld_length", "", "B36: v1 report of 20 bytes")
    b37 = fragment6(IPv6(src=Q, dst=SN, hlim=1) / RA6() /
                    IPv6ExtHdrFragment(id=14) /
                    ICMPv6MLQuery2(mladdr=SN, sources=[
                        "2001:db8::%x" % i for i in range(1, 90)]), 1280)
    v("6B37-1", S(b37[0]), "mld_fragment", "",
      "B37: first fragment of an 89-source MASSQ")
    for i, f in enumerate(b37[1:], 2):
        # Not first: its bytes are the middle of the message, no type.
        v("6B37-%d" % i, S(f), "none", "",
          "B37: fragment %d of %d of an 89-source MASSQ" % (i, len(b37)))
    v("6B38", S(smld("ff02::16", ICMPv6MLReport2(records=[
        ICMPv6MLDMultAddrRec(rtype=4, dst="ff02::fb")]), src=H, hlim=255)),
      "mld_hop_limit", "", "B38: v2 report, hop limit 255")
    v("6B39-max-89", S(smld(SN, ICMPv6MLQuery2(
        mladdr=SN, mrd=0xffff,
        sources=["2001:db8:1::%x" % i for i in range(1, 90)]))),
      "mld_query_sources", "", "B39: one of 1000 1500-byte MASSQs, 89 sources")


def spec_good(v):
    """Notes 6.2, G1-G22: every one must pass."""
    v("6G1", S(smld("ff02::16", ICMPv6MLReport2(records=[
        ICMPv6MLDMultAddrRec(rtype=4, dst=SN)]), src="::")),
      "none", "", "G1: MLDv2 join from :: during DAD (Linux)")
    v("6G2", S(smld("ff02::16", ICMPv6MLReport2(records=[
        ICMPv6MLDMultAddrRec(rtype=4, dst="ff02::fb")]), src=H)),
      "none", "", "G2: MLDv2 report TO_EX {} (join)")
    v("6G3", S(smld("ff02::16", ICMPv6MLReport2(records=[
        ICMPv6MLDMultAddrRec(rtype=3, dst="ff02::fb")]), src=H)),
      "none", "", "G3: MLDv2 report TO_IN {} (leave)")
    v("6G4", S(smld("ff02::fb", ICMPv6MLReport(mladdr="ff02::fb"), src=H)),
      "none", "", "G4: MLDv1 report")
    v("6G5", S(smld("ff02::2", ICMPv6MLDone(mladdr="ff02::fb"), src=H)),
      "none", "", "G5: MLDv1 done")
    v("6G6", S(smld("ff02::1", ICMPv6MLQuery(mrd=10000))), "none", "",
      "G6: MLDv1 general query")
    v("6G7", S(smld("ff02::1", ICMPv6MLQuery2(mrd=10000, QRV=2, QQIC=125))),
      "none", "", "G7: MLDv2 general query")
    v("6G8", S(smld("ff02::fb", ICMPv6MLQuery2(mladdr="ff02::fb",
                                               mrd=1000))),
      "none", "", "G8: MLDv2 address-specific query")
    v("6G9", S(smld("ff3e::1234", ICMPv6MLQuery2(
        mladdr="ff3e::1234", mrd=1000,
        sources=["2001:db8::1", "2001:db8::2"]))),
      "none", "", "G9: MLDv2 address-and-source-specific query")
    v("6G10", S(smld(H, ICMPv6MLQuery2(code=7, mrd=0x8fff, Resv=0xf, QRV=0,
                                       QQIC=0x8f) /
                     Raw(b"\xab\xcd\xef\x01"))),
      "none", "",
      "G10: GQ to own unicast, code 7, flags, QRV 0, exp. MRC, 4 extra bytes")
    v("6G11", S(smld("ff02::16", ICMPv6MLReport2(records=[
        ICMPv6MLDMultAddrRec(rtype=7, dst="ff02::fb"),
        ICMPv6MLDMultAddrRec(rtype=1, dst="ff05::1:3",
                             sources=["2001:db8::1"], auxdata_len=1,
                             auxdata=b"\1\2\3\4")]), src=H)),
      "none", "mld_record_type mld_aux_data",
      "G11: record type 7, then a record with aux data")
    v("6G12", S(IPv6(src="::", dst=SN, hlim=255) / ICMPv6ND_NS(tgt=H)),
      "none", "", "G12: DAD neighbour solicitation from ::")
    v("6G13", S(IPv6(src=Q, dst="ff02::1", hlim=255) / ICMPv6ND_RA() /
                ICMPv6NDOptPrefixInfo(prefix="2001:db8::", prefixlen=64)),
      "none", "", "G13: router advertisement")
    v("6G14", S(IPv6(src=P, dst=HG) /
                ICMPv6EchoRequest(id=1, seq=1, data=b"x" * 56)),
      "none", "", "G14: echo request")
    v("6G15", S(IPv6(src=P, dst=HG) / IPv6ExtHdrDestOpt(
        options=[PadN(optdata=b"\0" * 4)]) / UDP(sport=40000, dport=40001) /
        Raw(b"hi")),
      "none", "", "G15: UDP behind padding-only DestOpt")
    v("6G16", S(IPv6(src=P, dst=HG) / IPv6ExtHdrDestOpt(
        options=[HBHOptUnknown(otype=0x1e, optdata=b"\0" * 4)]) /
        UDP(sport=40000, dport=40001) / Raw(b"hi")),
      "none", "ext_option_unknown", "G16: DestOpt 0x1e (action 00)")
    g17 = fragment6(IPv6(src=P, dst=HG) / IPv6ExtHdrFragment(id=0x1234) /
                    UDP(sport=40000, dport=40001) / Raw(b"y" * 3000), 1280)
    for i, f in enumerate(g17, 1):
        v("6G17-%d" % i, S(f), "none", "",
          "G17: fragment %d of %d of a UDP datagram" % (i, len(g17)))
    v("6G18", S(IPv6(src=P, dst=HG) / IPv6ExtHdrFragment(id=0x55) /
                ICMPv6EchoRequest()),
      "none", "ext_atomic_fragment", "G18: atomic fragment")
    v("6G19", S(IPv6(src=P, dst="2001:db8::c0a") / IPv6ExtHdrRouting(
        type=2, addresses=[HG], segleft=1) / UDP(sport=40000, dport=40001)),
      "none", "", "G19: Mobile IPv6 type 2 routing header")
    v("6G20", S(IPv6(src=P, dst=HG) / IPv6ExtHdrRouting(
        type=0, addresses=["2001:db8::a"], segleft=0) / ICMPv6EchoRequest()),
      "none", "ext_routing0",
      "G20: type 0 routing header, no segments left (drop_routing0=N)")
    v("6G21", S(IPv6(src=P, dst=HG, nh=59) / Raw(b"garbage")),
      "none", "ext_no_next_data", "G21: No Next Header and 7 bytes")
    v("6G22-tcp", S(IPv6(src=P, dst=HG) / TCP(sport=40000, dport=22,
                                               flags="S")),
      "none", "", "G22: TCP SYN")
    v("6G22-esp", S(IPv6(src=P, dst=HG, nh=50) / Raw(bytes(40))),
      "none", "", "G22: ESP")


def linux_own(v):
    """What Linux itself sends (mcast.c igmp6_send/mld_newpack)."""
    v("linux-v2-join", mld(V2_DST, r2(rec(4, "ff02::1:ff00:2")), src=H),
      "none", "", "MLDv2 join, Linux HBH 3a 00 05 02 00 00 01 00")
    v("linux-v2-join-dad", mld(V2_DST, r2(rec(4, "ff02::1:ff00:2")),
                               src="::"),
      "none", "", "MLDv2 join from :: while the address is tentative")
    v("linux-v2-leave", mld(V2_DST, r2(rec(3, "ff02::fb")), src=H),
      "none", "", "MLDv2 leave TO_IN {}")
    v("linux-v2-allow-block", mld(V2_DST, r2(rec(5, GRP, ["2001:db8::1"]),
                                             rec(6, GRP, ["2001:db8::2"])),
                                  src=H),
      "none", "", "MLDv2 ALLOW and BLOCK records")
    v("linux-v1-report", mld(GRP, mld1(131, GRP), src=H), "none", "",
      "MLDv1 report from the kernel")
    v("linux-v1-report-dad", mld(GRP, mld1(131, GRP), src="::"), "none", "",
      "MLDv1 report from :: (v1 mode, tentative address)")
    v("linux-v1-done", mld(DONE_DST, mld1(132, GRP), src=H), "none", "",
      "MLDv1 done to ff02::2")
    v("linux-v2-is-ex-4", mld(V2_DST, r2(*(rec(2, "ff02::%x" % (0xfb + i))
                                           for i in range(4))), src=H),
      "none", "", "MLDv2 report answering a query: 4 IS_EX records")


def ip6_header(v):
    """Header length, version, payload length, addresses."""
    nn = ip6(HG, NH_NONE, b"")
    v("ip6-len-39", nn[:39], "ip6_header", "", "39 bytes of IPv6 header",
      pad=False)
    v("ip6-len-40", nn, "none", "", "40-byte header alone, NH 59, plen 0",
      pad=False)
    v("ip6-len-40-padded", nn, "none", "",
      "40-byte header, 6 bytes of Ethernet padding")
    v("ip6-version-4", ip6(HG, NH_ICMP6, echo(), ver=4), "ip6_header", "",
      "version 4 in an IPv6 frame")
    v("ip6-version-7", ip6(HG, NH_ICMP6, echo(), ver=7), "ip6_header", "",
      "version 7")
    v("ip6-version-0", ip6(HG, NH_ICMP6, echo(), ver=0), "ip6_header", "",
      "version 0")
    e = echo()
    v("ip6-plen-exact", ip6(HG, NH_ICMP6, e), "none", "",
      "payload length = bytes after the header")
    v("ip6-plen-over-1", ip6(HG, NH_ICMP6, e, plen=len(e) + 1), "ip6_header",
      "", "payload length one past the packet")
    v("ip6-plen-ffff", ip6(HG, NH_ICMP6, e, plen=0xffff), "ip6_header", "",
      "payload length 65535 in a short packet")
    v("ip6-plen-under", ip6(HG, NH_ICMP6, e, trailer=b"\xde\xad\xbe\xef" * 4),
      "none", "", "echo followed by 16 non-zero link-layer bytes")
    v("ip6-nh59-plen0", ip6(HG, NH_NONE, b""), "none", "",
      "No Next Header, nothing after")
    v("ip6-nh59-trailer", ip6(HG, NH_NONE, b"", trailer=b"\xff" * 8),
      "none", "", "No Next Header, plen 0, 8 bytes past the payload")
    v("ip6-nh59-data", ip6(HG, NH_NONE, b"\xff" * 8), "none",
      "ext_no_next_data", "No Next Header with 8 bytes of payload")
    v("ip6-src-mcast", ip6(HG, NH_ICMP6, echo("ff02::1", HG), src="ff02::1"),
      "ip6_address", "", "source ff02::1")
    v("ip6-src-mcast-ff0e", ip6(HG, NH_ICMP6, echo("ff0e::5", HG),
                                src="ff0e::5"),
      "ip6_address", "", "source ff0e::5")
    v("ip6-dst-unspec", ip6("::", NH_ICMP6, echo(P, "::")), "ip6_address", "",
      "destination ::")
    v("ip6-dst-scope0", ip6("ff00::1", NH_ICMP6, echo(P, "ff00::1")),
      "ip6_address", "", "destination ff00::1 (scope 0)")
    v("ip6-dst-scope0-flags", ip6("ff30::1", NH_ICMP6, echo(P, "ff30::1")),
      "ip6_address", "", "destination ff30::1 (flags 3, scope 0)")
    # The contract names scope 0 only; scope 1 ip6_rcv_core() drops itself.
    v("ip6-dst-scope1", ip6("ff01::1", NH_ICMP6, echo(P, "ff01::1")),
      "none", "", "destination ff01::1 (scope 1: not in the contract)")
    v("ip6-dst-scope2", ip6("ff02::1", NH_ICMP6, echo(P, "ff02::1")),
      "none", "", "echo to ff02::1")
    v("ip6-src-unspec-echo", ip6(HG, NH_ICMP6, echo("::", HG), src="::"),
      "none", "", "echo from :: (RFC 4291: legal to receive)")
    v("ip6-src-mcast-dst-unspec", ip6("::", NH_NONE, b"", src="ff02::1"),
      "ip6_address", "", "source ff02::1 and destination ::")
    v("ip6-udp", ip6(HG, NH_UDP, udp()), "none", "", "plain UDP")
    v("ip6-tcp", ip6(HG, NH_TCP, tcp()), "none", "", "plain TCP SYN")
    v("ip6-echo-bad-csum", ip6(HG, NH_ICMP6, b"\x80\0\xde\xad\0\1\0\1"),
      "none", "", "echo with a bad checksum: only MLD's is checked")
    # Headers Linux's ipv6_ext_hdr() stops at: the walk ends there too.
    brr = ul_csum(P, HG, 135, b"\x3b\x00\x00\x00\0\0\0\0", 4)
    v("ip6-mobility", ip6(HG, 135, brr), "none", "",
      "Mobility header (135), binding refresh request")
    hip = ul_csum(P, HG, 139, b"\x3b\x04\x11\x11\0\0\0\0" +
                  a6("2001:10::1") + a6("2001:10::2"), 4)
    v("ip6-hip", ip6(HG, 139, hip), "none", "", "HIP (139) header, no TLVs")
    shim = b"\x3b\x00\x80\x00\0\0\0\0"
    shim = shim[:4] + struct.pack("!H", checksum(shim)) + shim[6:]
    v("ip6-shim6", ip6(HG, 140, shim), "none", "",
      "Shim6 (140) control header")
    v("ip6-proto-253", ip6(HG, 253, b"\x01"), "none", "",
      "experimental protocol 253, one byte")


def hbh_options(v):
    """TLVs of Hop-by-Hop and Destination Options: lengths, padding,
    known and unknown options."""
    def hbh(tlvs, nh=NH_ICMP6, body=None, dst=HG, **k):
        body = echo(dst=dst) if body is None else body
        return ip6(dst, NH_HBH, ext(nh, tlvs) + body, **k)

    def dst_opts(tlvs, nh=NH_UDP, body=None, dst=HG, **k):
        body = udp(dst=dst) if body is None else body
        return ip6(dst, NH_DEST, ext(nh, tlvs) + body, **k)

    # Header length against the packet.
    v("hbh-exact", ip6(HG, NH_HBH, ext(NH_NONE, padn(6))), "none", "",
      "8-byte HBH, NH 59, nothing after")
    v("hbh-short-1", ip6(HG, NH_HBH, ext(NH_NONE, padn(6))[:7]),
      "ext_truncated", "", "HBH one byte short")
    v("hbh-1-byte", ip6(HG, NH_HBH, b"\x3b"), "ext_truncated", "",
      "one byte of HBH: no length")
    v("hbh-hel1-exact", ip6(HG, NH_HBH, ext(NH_NONE, padn(5) + ra() +
                                           padn(5))),
      "none", "", "16-byte HBH, exactly")
    v("hbh-hel1-short", ip6(HG, NH_HBH, ext(NH_NONE, padn(5) + ra() +
                                           padn(5))[:15]),
      "ext_truncated", "", "16-byte HBH one byte short")
    v("hbh-hel255", ip6(HG, NH_HBH, b"\x3b\xff" + b"\x01\x04" + b"\0" * 60),
      "ext_truncated", "", "HBH claims 2048 bytes, has 64")
    v("dst-short-1", ip6(HG, NH_DEST, dopt(NH_NONE)[:7]), "ext_truncated", "",
      "DestOpt one byte short")
    v("dst-exact", ip6(HG, NH_DEST, dopt(NH_NONE)), "none", "",
      "8-byte DestOpt, NH 59, nothing after")
    # TLV lengths.
    v("hbh-tlv-fits-end", hbh(opt(0x1e, b"\0" * 4)), "none",
      "ext_option_unknown",
      "unknown skip option ending exactly at the header end")
    v("hbh-tlv-over-1", hbh(b"\x1e\x05" + b"\0" * 4),
      "ext_option_length", "", "option one byte past the header end")
    v("hbh-tlv-type-last", hbh(padn(5) + b"\x1e"), "ext_option_length", "",
      "option type as the last byte of the header")
    v("hbh-tlv-padn-over", hbh(padn(3) + b"\x01\x02\0"),
      "ext_option_length", "",
      "PadN one byte past the header end")
    v("hbh-tlv-padn-255", hbh(b"\x01\xff" + b"\0" * 4),
      "ext_option_length", "",
      "PadN length 255 in a 6-byte area")
    v("hbh-tlv-pad1-6", hbh(pad1(6)), "none", "", "six Pad1")
    v("hbh-tlv-padn0-pad1-4", hbh(padn(2) + pad1(4)), "none", "",
      "zero-length PadN and four Pad1")
    v("hbh-tlv-padn-6", hbh(padn(6)), "none", "", "one PadN of 6 bytes")
    # Padding runs: Linux drops more than 7 bytes in a row (RFC 4942).
    v("hbh-pad-run-7", hbh(padn(7) + ra() + padn(3)), "none", "",
      "PadN of 7 bytes, router alert, PadN of 3")
    v("hbh-pad-run-8-padn", hbh(padn(8) + ra() + padn(2)), "ext_padding", "",
      "PadN of 8 bytes")
    v("hbh-pad-run-8-mixed", hbh(pad1() + padn(7) + ra() + pad1(2)),
      "ext_padding", "", "Pad1 then PadN of 7: 8 padding bytes in a row")
    v("hbh-pad-run-7-pad1", hbh(pad1(7) + ra() + padn(3)), "none", "",
      "seven Pad1, router alert, PadN of 3")
    v("hbh-pad-run-8-pad1", hbh(pad1(8) + ra() + pad1(2)), "ext_padding", "",
      "eight Pad1")
    v("hbh-pad-run-8-at-end", hbh(ra() + padn(2) + padn(8)), "ext_padding", "",
      "router alert, then 10 padding bytes to the end")
    v("hbh-pad-padn-nonzero-1", hbh(padn(6)[:5] + b"\x01"), "ext_padding", "",
      "PadN whose last data byte is 1")
    v("hbh-pad-padn-nonzero-dst", dst_opts(padn(6, 0xff)), "ext_padding", "",
      "DestOpt PadN of 0xff bytes")
    # Known and unknown options, by the two action bits.
    for typ, reason, an in ((0x1e, "none", "ext_option_unknown"),
                            (0x3e, "none", "ext_option_unknown"),
                            (0x5e, "ext_option_discard", ""),
                            (0x7e, "ext_option_discard", ""),
                            (0x9e, "ext_option_discard", ""),
                            (0xbe, "ext_option_discard", ""),
                            (0xde, "ext_option_discard", ""),
                            (0xfe, "ext_option_discard", "")):
        v("hbh-opt-%02x" % typ, hbh(opt(typ, b"\0" * 4)), reason, an,
          "HBH option 0x%02x (action %d%d)" % (typ, typ >> 7, typ >> 6 & 1))
        v("dst-opt-%02x" % typ, dst_opts(opt(typ, b"\0" * 4)), reason, an,
          "DestOpt option 0x%02x" % typ)
    v("hbh-opt-de-mcast", hbh(opt(0xde, b"\0" * 4), dst="ff02::1"),
      "ext_option_discard", "",
      "option 0xde (action 11) to ff02::1: discarded, no ICMP")
    v("dst-unknown-then-discard", dst_opts(opt(0x1e, b"") + opt(0x5e, b"\0" *
                                                                2)),
      "ext_option_discard", "ext_option_unknown",
      "skip option, then a discard option")
    # How many options.
    v("hbh-opts-8-unknown", dst_opts(opt(0x1e) * 8 + padn(6)), "none",
      "ext_option_unknown", "8 unknown skip options in one DestOpt")
    v("hbh-opts-9-unknown", dst_opts(opt(0x1e) * 9 + padn(4)), "none",
      "ext_option_unknown ext_many_options",
      "9 unknown skip options in one DestOpt")
    v("hbh-opts-9-hbh", hbh(opt(0x1e) * 9 + padn(4)), "none",
      "ext_option_unknown ext_many_options", "9 unknown skip options in HBH")
    v("hbh-opts-8-split", ip6(HG, NH_HBH, ext(NH_DEST, opt(0x1e) * 4 +
                                              padn(6)) +
                          dopt(NH_UDP, opt(0x1e) * 5 + padn(4)) + udp()),
      "none", "ext_option_unknown",
      "4 options in HBH and 5 in DestOpt: the limit is per header")
    v("hbh-opts-9-pad-between", dst_opts(b"".join(opt(0x1e) + pad1()
                                              for _ in range(9)) + pad1(3)),
      "none", "ext_option_unknown ext_many_options",
      "9 unknown options with Pad1 between: padding does not count")
    # Router alert.
    v("hbh-ra-len-2", hbh(ra() + padn(2)), "none", "",
      "router alert value 0 on an echo")
    v("hbh-ra-len-3", hbh(b"\x05\x03\0\0\0" + pad1()), "ext_option_length", "",
      "router alert of length 3")
    v("hbh-ra-len-1", hbh(b"\x05\x01\0" + padn(3)), "ext_option_length", "",
      "router alert of length 1")
    v("hbh-ra-len-0", hbh(b"\x05\x00" + padn(4)), "ext_option_length", "",
      "router alert of length 0")
    v("hbh-ra-value-1-echo", hbh(ra(1) + padn(2)), "none", "",
      "router alert value 1 (RSVP) on an echo")
    v("hbh-ra-value-2-echo", hbh(ra(2) + padn(2)), "none", "",
      "router alert value 2 (active networks)")
    v("hbh-ra-value-3-echo", hbh(ra(3) + padn(2)), "none", "ext_router_alert",
      "router alert value 3")
    v("hbh-ra-value-ffff-echo", hbh(ra(0xffff) + padn(2)), "none",
      "ext_router_alert", "router alert value 65535")
    v("hbh-ra-twice-echo", hbh(ra() + ra() + padn(6)), "none",
      "ext_router_alert", "two router alerts in HBH")
    v("hbh-ra-in-dst", dst_opts(ra() + padn(2)), "none", "ext_router_alert",
      "router alert in DestOpt")
    # Jumbo (RFC 2675). A jumbogram is longer than 65535 bytes, so in a
    # vector of at most 1500 every jumbo option also has a value other
    # than the packet's length: they all drop, whatever else is wrong.
    v("jumbo-65535", hbh(jumbo(65535), body=echo(), plen=0), "ip6_jumbo", "",
      "payload length 0, jumbo value 65535")
    v("jumbo-65536", hbh(jumbo(65536), body=echo(), plen=0), "ip6_jumbo", "",
      "payload length 0, jumbo value 65536, packet much shorter")
    v("jumbo-misaligned", hbh(pad1(2) + jumbo(70000) + padn(6), plen=0),
      "ip6_jumbo", "", "jumbo at offset 4 (4n, not 4n+2)")
    v("jumbo-in-dst", dst_opts(jumbo(70000)), "ip6_jumbo", "",
      "jumbo option in DestOpt")
    # The option's own length is read before its value means anything.
    v("jumbo-len-5", hbh(b"\xc2\x05" + b"\0\x01\x11\x70\0" + padn(7),
                         plen=0),
      "ext_option_length", "", "jumbo option of length 5")
    v("jumbo-plen0-ra-only", hbh(ra() + padn(2), plen=0), "ip6_jumbo", "",
      "payload length 0, HBH with a router alert and no jumbo")
    v("jumbo-bigtcp-no-gso", ip6(HG, NH_HBH, ext(NH_TCP, jumbo(70000)) +
                                 tcp(), plen=0),
      "ip6_jumbo", "",
      "BIG TCP shape (plen 0, HBH jumbo, TCP) without the GSO flag")
    # Home address option (RFC 6275 6.3), at 8n+6 after a PadN of 4.
    v("hao-ok", dst_opts(padn(4) + hao(), nh=NH_UDP), "none", "",
      "home address option, unicast, length 16")
    v("hao-mcast", dst_opts(padn(4) + hao("ff02::1")), "ext_home_address",
      "", "home address option with ff02::1")
    v("hao-twice", dst_opts(padn(4) + hao() + padn(6) + hao()),
      "ext_home_address", "", "home address option twice in one header")
    v("hao-len-15", dst_opts(padn(4) + hao(length=15) + pad1()),
      "ext_option_length", "", "home address option of length 15")
    v("hao-len-17", dst_opts(padn(3) + hao(length=17)),
      "ext_option_length", "", "home address option of length 17")


def routing(v):
    """Routing header types 0-4 and unknown ones (RFC 8200 4.4)."""
    def rt(hdr, dst=HG, final=None, **k):
        return ip6(dst, NH_RH, hdr + udp(dst=final or dst), **k)

    A, B = "2001:db8::a", "2001:db8::b"
    v("rh0-sl0", rt(rh0(NH_UDP, [A], 0)), "none", "ext_routing0",
      "type 0, no segments left")
    v("rh0-sl0-2", rt(rh0(NH_UDP, [A, B], 0)), "none", "ext_routing0",
      "type 0 with 2 addresses, no segments left")
    v("rh0-sl1", rt(rh0(NH_UDP, [A], 1), final=A), "ext_routing", "",
      "type 0, 1 segment left")
    for typ in (1, 5, 253, 255):
        v("rh%d-sl0" % typ, rt(rh(NH_UDP, typ, 0, b"\0" * 4 + a6(A))),
          "none", "", "unknown type %d, no segments left: skipped" % typ)
        v("rh%d-sl1" % typ, rt(rh(NH_UDP, typ, 1, b"\0" * 4 + a6(A))),
          "ext_routing", "", "unknown type %d, 1 segment left" % typ)
    v("rh253-sl255", rt(rh(NH_UDP, 253, 255, b"\0" * 4)), "ext_routing", "",
      "unknown type, 255 segments left")
    v("rh-exact", ip6(HG, NH_RH, rh(NH_NONE, 253, 0, b"\0" * 4)), "none", "",
      "8-byte routing header, NH 59, nothing after")
    v("rh-short-1", ip6(HG, NH_RH, rh(NH_NONE, 253, 0, b"\0" * 4)[:7]),
      "ext_truncated", "", "routing header one byte short")
    v("rh-hel2-short", ip6(HG, NH_RH, b"\x3b\x02\xfd\x00" + b"\0" * 19),
      "ext_truncated", "", "24-byte routing header with 23 bytes")
    v("rh-mcast", rt(rh(NH_UDP, 253, 0, b"\0" * 4), dst="ff02::1"), "none",
      "ext_routing_multicast", "routing header to ff02::1")
    # Type 2 (RFC 6275 6.4): length 2, one segment left.
    v("rh2-ok", rt(rh2(NH_UDP), dst="2001:db8::c0a", final=HG), "none", "",
      "type 2, home address, 1 segment left")
    v("rh2-sl0", rt(rh2(NH_UDP, sl=0)), "ext_routing", "",
      "type 2, no segments left")
    v("rh2-sl2", rt(rh2(NH_UDP, sl=2), final=HG), "ext_routing", "",
      "type 2, 2 segments left")
    v("rh2-hel4", rt(rh2(NH_UDP, extra=a6(B)), final=HG), "ext_routing", "",
      "type 2 of length 4")
    v("rh2-hel0", rt(rh(NH_UDP, 2, 1, b"\0" * 4)), "ext_routing", "",
      "type 2 of length 0: no home address")
    # Type 3, RPL (RFC 6554 3):
    # n = (8 * HEL - Pad - (16 - CmprE)) / (16 - CmprI) + 1.
    two = a6(A) + a6(B)
    v("rpl-n2-sl2", rt(rpl(NH_UDP, 2, 0, 0, 0, two)), "none", "",
      "RPL, 2 full addresses, 2 segments left")
    v("rpl-n2-sl3", rt(rpl(NH_UDP, 3, 0, 0, 0, two)), "ext_routing", "",
      "RPL, 2 addresses, 3 segments left")
    v("rpl-cmpre8", rt(rpl(NH_UDP, 2, 0, 8, 0, a6(A) + a6(B)[8:])), "none",
      "", "RPL, CmprE 8: 16 + 8 bytes, n = 2")
    v("rpl-nonintegral", rt(rpl(NH_UDP, 1, 0, 0, 0, a6(A) + a6(B)[:8])),
      "ext_routing", "", "RPL, 24 bytes of full addresses: n = 1.5")
    v("rpl-n127", rt(rpl(NH_UDP, 1, 15, 15, 1, b"\x11" * 127)), "none", "",
      "RPL, CmprI 15, CmprE 15, Pad 1: n = 127")
    v("rpl-n128", rt(rpl(NH_UDP, 1, 15, 15, 0, b"\x11" * 128)),
      "ext_routing", "", "RPL, CmprI 15, CmprE 15, Pad 0: n = 128")
    # Type 4, SRH (RFC 8754 4.3.1.1).
    v("srh-ok", rt(srh(NH_UDP, 1, 0, 1), final="2001:db8::a"), "none", "",
      "SRH, one segment, 1 left")
    v("srh-sl-le2", rt(srh(NH_UDP, 2, 0, 1)), "ext_routing", "",
      "SRH, last entry 0, 2 segments left")
    v("srh-2-ok", rt(srh(NH_UDP, 2, 1, 2)), "none", "",
      "SRH, two segments, 2 left")
    v("srh-le-over", rt(srh(NH_UDP, 1, 2, 2)), "ext_routing", "",
      "SRH, two segments, last entry 2")
    v("srh-tlv-padn", rt(srh(NH_UDP, 1, 0, 1, b"\x04\x06" + b"\0" * 6)),
      "none", "", "SRH with a PadN TLV filling 8 bytes")
    v("srh-tlv-pad1", rt(srh(NH_UDP, 1, 0, 1, b"\0" * 8)), "none", "",
      "SRH with 8 Pad1 TLVs")
    v("srh-tlv-over", rt(srh(NH_UDP, 1, 0, 1, b"\x04\x07" + b"\0" * 6)),
      "ext_routing", "", "SRH TLV one byte past the header end")
    v("srh-tlv-type-last", rt(srh(NH_UDP, 1, 0, 1, b"\0" * 7 + b"\x04")),
      "ext_routing", "", "SRH TLV type as the last byte")


def fragments(v):
    """Fragment header: lengths, the 64 KiB end, the first fragment's
    chain (RFC 8200 4.5, RFC 7112)."""
    def fr(nh, body, offset=0, m=1, chain=b"", **k):
        return ip6(HG, NH_FH, fh(nh, offset, m, **k) + chain + body)

    u8 = udp(data=b"")[:8]
    v("fh-first-udp-8", fr(NH_UDP, u8), "none", "",
      "first fragment holding the 8-byte UDP header")
    v("fh-first-udp-0", fr(NH_UDP, b""), "ext_first_fragment", "",
      "first fragment ending at the fragment header, UDP next")
    v("fh-first-dst-udp-0", fr(NH_DEST, b"", chain=dopt(NH_UDP)),
      "ext_first_fragment", "", "first fragment: DestOpt, then no UDP")
    v("fh-first-dst-udp-8", fr(NH_DEST, u8, chain=dopt(NH_UDP)), "none", "",
      "first fragment: DestOpt and the UDP header")
    t = tcp()
    v("fh-first-tcp-16", fr(NH_TCP, t[:16]), "ext_first_fragment", "",
      "first fragment with 16 bytes of TCP")
    v("fh-first-tcp-24", fr(NH_TCP, t + b"\0" * 4), "none", "",
      "first fragment with the TCP header and 4 bytes")
    v("fh-first-ah-tcp-20", fr(NH_AH, t, chain=ah(NH_TCP, 1)), "none", "",
      "first fragment: 12-byte AH and exactly 20 bytes of TCP")
    v("fh-first-ah-tcp-12", fr(NH_AH, t[:12] + b"", chain=ah(NH_TCP, 3)),
      "ext_first_fragment", "", "first fragment: 20-byte AH, 12 bytes of TCP")
    e = echo()
    v("fh-first-icmp-8", fr(NH_ICMP6, e), "none", "",
      "first fragment with an 8-byte echo header")
    v("fh-first-icmp-0", fr(NH_ICMP6, b""), "ext_first_fragment", "",
      "first fragment ending at the fragment header, ICMPv6 next")
    v("fh-first-other-0", fr(253, b""), "ext_first_fragment", "",
      "first fragment, protocol 253 next, no byte of it")
    v("fh-first-dst-other-0", fr(NH_DEST, b"", chain=dopt(253)),
      "ext_first_fragment", "", "first fragment: DestOpt, then no byte")
    v("fh-first-other-8", fr(253, b"\x11" * 8), "none", "",
      "first fragment, protocol 253, 8 bytes")
    v("fh-first-nonext-0", fr(NH_NONE, b""), "none", "",
      "first fragment with No Next Header: no upper layer to hold")
    # Length % 8 with more fragments to come, and the 64 KiB end.
    v("fh-m1-len9", fr(NH_UDP, u8 + b"\x01"), "ext_fragment", "",
      "first fragment of 9 bytes, M=1")
    v("fh-mid-len8", fr(NH_UDP, b"\x11" * 8, offset=1), "none", "",
      "middle fragment of 8 bytes")
    v("fh-mid-len9", fr(NH_UDP, b"\x11" * 9, offset=1), "ext_fragment", "",
      "middle fragment of 9 bytes")
    v("fh-mid-len15", fr(NH_UDP, b"\x11" * 15, offset=1), "ext_fragment",
      "", "middle fragment of 15 bytes")
    v("fh-mid-len16", fr(NH_UDP, b"\x11" * 16, offset=1), "none", "",
      "middle fragment of 16 bytes")
    v("fh-last-len9", fr(NH_UDP, b"\x11" * 9, offset=1, m=0), "none", "",
      "last fragment of 9 bytes")
    v("fh-end-65535", fr(NH_UDP, b"\x11" * 15, offset=8190, m=0), "none", "",
      "last fragment at 65520 + 15 bytes: ends at 65535")
    v("fh-end-65536", fr(NH_UDP, b"\x11" * 16, offset=8190, m=0),
      "ext_fragment", "", "last fragment at 65520 + 16 bytes")
    v("fh-end-8191-7", fr(NH_UDP, b"\x11" * 7, offset=8191, m=0), "none",
      "", "last fragment at offset 65528 + 7 bytes")
    v("fh-end-8191-8", fr(NH_UDP, b"\x11" * 8, offset=8191, m=0),
      "ext_fragment", "", "last fragment at offset 65528 + 8 bytes")
    v("fh-end-m1-65528", fr(NH_UDP, b"\x11" * 8, offset=8190), "none", "",
      "middle fragment at 65520 + 8 bytes")
    v("fh-end-m1-65536", fr(NH_UDP, b"\x11" * 16, offset=8190),
      "ext_fragment", "", "middle fragment at 65520 + 16 bytes")
    v("fh-short-7", ip6(HG, NH_FH, fh(NH_UDP, 0, 1)[:7]), "ext_truncated",
      "", "fragment header one byte short")
    v("fh-reserved", fr(NH_UDP, u8 + b"\0" * 8, res=0xff, res2=3), "none",
      "", "first fragment with every reserved bit set (ignored)")
    v("fh-atomic-udp", fr(NH_UDP, udp(), m=0), "none",
      "ext_atomic_fragment", "atomic fragment of a UDP datagram")
    v("fh-atomic-nonext", ip6(HG, NH_FH, fh(NH_NONE, 0, 0)), "none",
      "ext_atomic_fragment", "8-byte atomic fragment header, NH 59")


def chains(v):
    """Header order, repeats, how many, AH, ESP and what ends a walk."""
    u = udp()
    v("chain-rfc-order", ip6(HG, NH_HBH, ext(NH_DEST, padn(6)) +
                             dopt(NH_RH) + rh(NH_FH, 253, 0, b"\0" * 4) +
                             fh(NH_AH, 0, 1) + ah(NH_DEST) + dopt(NH_UDP) +
                             u[:8]),
      "none", "",
      "HBH, DestOpt, RH, FH (first), AH, DestOpt, UDP: RFC 8200 4.1 order")
    v("chain-dst-rh-dst", ip6(HG, NH_DEST, dopt(NH_RH) +
                              rh(NH_DEST, 253, 0, b"\0" * 4) + dopt(NH_UDP) +
                              u), "none", "", "DestOpt, RH, DestOpt, UDP")
    v("chain-fh-rh", ip6(HG, NH_FH, fh(NH_RH, 0, 1) +
                         rh(NH_UDP, 253, 0, b"\0" * 4) + u[:8]),
      "none", "ext_order", "fragment header before a routing header")
    v("chain-rh-twice", ip6(HG, NH_RH, rh(NH_RH, 253, 0, b"\0" * 4) +
                            rh(NH_UDP, 253, 0, b"\0" * 4) + u),
      "none", "ext_order", "two routing headers")
    v("chain-dst-3", ip6(HG, NH_DEST, dopt(NH_DEST) * 2 + dopt(NH_UDP) + u),
      "none", "ext_order", "three DestOpt headers")
    v("chain-ah-fh", ip6(HG, NH_AH, ah(NH_FH) + fh(NH_UDP, 0, 1) + u[:8]),
      "none", "ext_order", "AH before a fragment header")
    v("chain-ah-twice", ip6(HG, NH_AH, ah(NH_AH) + ah(NH_ICMP6) + echo()),
      "none", "ext_order", "two AH")
    # max_ext_headers is 8 by default; a chain that long repeats.
    v("chain-8", ip6(HG, NH_HBH, ext(NH_DEST, padn(6)) + dopt(NH_DEST) * 6 +
                     dopt(NH_UDP) + u),
      "none", "ext_order", "HBH and 7 DestOpt: 8 extension headers")
    v("chain-9", ip6(HG, NH_HBH, ext(NH_DEST, padn(6)) + dopt(NH_DEST) * 7 +
                     dopt(NH_UDP) + u),
      "ext_chain_length", "ext_order", "HBH and 8 DestOpt: 9 headers")
    v("chain-9-rh", ip6(HG, NH_RH, rh(NH_RH, 253, 0, b"\0" * 4) * 8 +
                        rh(NH_UDP, 253, 0, b"\0" * 4) + u),
      "ext_chain_length", "ext_order", "9 routing headers")
    v("chain-160-dst", ip6(HG, NH_DEST, dopt(NH_DEST) * 159 + dopt(NH_NONE)),
      "ext_chain_length", "ext_order", "160 DestOpt headers: 1320 bytes")
    # AH is skipped by its own length, 4 * (PL + 2).
    v("ah-echo", ip6(HG, NH_AH, ah(NH_ICMP6) + echo()), "none", "",
      "24-byte AH, then an echo")
    v("ah-exact", ip6(HG, NH_AH, ah(NH_NONE)), "none", "",
      "24-byte AH, NH 59, nothing after")
    v("ah-short-1", ip6(HG, NH_AH, ah(NH_NONE)[:23]), "ext_truncated", "",
      "24-byte AH one byte short")
    v("ah-pl-255", ip6(HG, NH_AH, bytes([NH_NONE, 255]) + b"\0" * 30),
      "ext_truncated", "", "AH claiming 1028 bytes, has 32")
    v("esp-after-hbh", ip6(HG, NH_HBH, ext(NH_ESP, padn(6)) + bytes(40)),
      "none", "", "HBH then ESP")
    v("esp-hbh-looking", ip6(HG, NH_ESP, b"\x00\xff" + b"\x5e\x04" +
                             bytes(36)),
      "none", "", "ESP whose bytes look like a broken HBH: not parsed")
    brr = ul_csum(P, HG, 135, b"\x3b\x00\x00\x00\0\0\0\0", 4)
    v("mobility-after-dst", ip6(HG, NH_DEST, dopt(135) + brr),
      "none", "", "DestOpt then a Mobility header")
    # NH 0 anywhere but the IPv6 header.
    v("nh0-in-dst", ip6(HG, NH_DEST, dopt(NH_HBH) + ext(NH_ICMP6, padn(6)) +
                        echo()),
      "ext_hbh_not_first", "", "DestOpt whose next header is HBH")
    v("nh0-in-hbh", ip6(HG, NH_HBH, ext(NH_HBH, padn(6)) +
                        ext(NH_ICMP6, padn(6)) + echo()),
      "ext_hbh_not_first", "", "HBH twice")
    v("nh0-in-rh", ip6(HG, NH_RH, rh(NH_HBH, 253, 0, b"\0" * 4) +
                       ext(NH_UDP, padn(6)) + u),
      "ext_hbh_not_first", "", "routing header followed by HBH")
    v("nh0-in-fh", ip6(HG, NH_FH, fh(NH_HBH, 0, 1) + ext(NH_UDP, padn(6)) +
                       u[:8]),
      "ext_hbh_not_first", "", "first fragment followed by HBH")
    v("nh0-in-ah", ip6(HG, NH_AH, ah(NH_HBH) + ext(NH_UDP, padn(6)) + u),
      "ext_hbh_not_first", "", "AH followed by HBH")
    v("nh0-after-unknown", ip6(HG, NH_DEST, dopt(NH_HBH, opt(0x1e) + padn(4))
                               + ext(NH_UDP, padn(6)) + u),
      "ext_hbh_not_first", "ext_option_unknown",
      "DestOpt with a skip option, then HBH: the option was seen first")
    v("nonext-after-dst", ip6(HG, NH_DEST, dopt(NH_NONE) + b"\xff" * 4),
      "none", "ext_no_next_data", "DestOpt with NH 59, then 4 bytes")
    v("nonext-after-dst-empty", ip6(HG, NH_DEST, dopt(NH_NONE)), "none", "",
      "DestOpt with NH 59, nothing after")
    v("nonext-trailer-only", ip6(HG, NH_DEST, dopt(NH_NONE),
                                 trailer=b"\xff" * 8),
      "none", "", "DestOpt with NH 59; 8 bytes past the payload length")


def mld_lengths(v):
    """MLD 23/24/25/27/28 bytes, by type (RFC 2710 3.7, RFC 3810 8.1)."""
    q1 = mld1(130, mrd=1000)
    v2 = q2()
    for n, reason in ((8, "mld_length"), (23, "mld_length"), (24, "none"),
                      (25, "mld_length"), (26, "mld_length"),
                      (27, "mld_length"), (28, "none"), (29, "none")):
        msg = (q1 if n <= 24 else v2)[:n] + b"\0" * max(0, n - 28)
        v("mld-query-len-%d" % n, mld(GQ_DST, msg), reason, "",
          "general query of %d bytes" % n)
    rep = mld1(131, GRP)
    for n, reason in ((4, "mld_length"), (23, "mld_length"), (24, "none"),
                      (25, "none"), (28, "none")):
        v("mld-v1report-len-%d" % n, mld(GRP, (rep + b"\xab" * 4)[:n],
                                         src=H),
          reason, "", "v1 report of %d bytes" % n)
    done = mld1(132, GRP)
    for n, reason in ((23, "mld_length"), (24, "none"), (25, "none")):
        v("mld-done-len-%d" % n, mld(DONE_DST, (done + b"\xab")[:n], src=H),
          reason, "", "done of %d bytes" % n)
    v("mld-v2report-len-24", mld(V2_DST, r2(extra=b"\0" * 16), src=H),
      "none", "", "v2 report, no records, 16 trailing bytes")


def mld_queries(v):
    """MLDv2 query source lists (RFC 3810 5.1.10): exact, short, over."""
    for n in (1, 2, 64, 65):
        full = q2(SN, srcs=srcs6(n))
        fits = "mld_query_sources" if n > 64 else "none"
        v("mld-q-n%d-exact" % n, mld(SN, full), fits, "",
          "MASSQ, %d sources, exactly %d bytes" % (n, len(full)))
        v("mld-q-n%d-short" % n, mld(SN, full[:-1]), "mld_query_overrun", "",
          "MASSQ, %d sources, one byte short" % n)
        v("mld-q-n%d-over" % n, mld(SN, full + b"\x5a"), fits, "",
          "MASSQ, %d sources, one byte of additional data" % n)
    v("mld-q-n1-none", mld(SN, q2(SN, n=1)), "mld_query_overrun", "",
      "MASSQ N=1, 28 bytes")
    v("mld-q-n65535-none", mld(SN, q2(SN, n=0xffff)), "mld_query_overrun",
      "", "MASSQ N=65535, 28 bytes")
    # 16 * 4096 is 0 in 16 bits: the sum must not be taken in them.
    v("mld-q-n4096-wrap", mld(SN, q2(SN, n=4096)), "mld_query_overrun", "",
      "MASSQ N=4096, 28 bytes (16N wraps to 0 in 16 bits)")
    v("mld-q-max-89", mld(SN, q2(SN, srcs=srcs6(89))), "mld_query_sources",
      "", "1500-byte MASSQ, 89 sources")
    v("mld-q-max-n90", mld(SN, q2(SN, srcs=srcs6(89), n=90)),
      "mld_query_overrun", "", "1500-byte MASSQ claiming 90 sources")
    v("mld-q-max-n88-extra", mld(SN, q2(SN, srcs=srcs6(88),
                                        extra=b"\0" * 16)),
      "mld_query_sources", "", "1500-byte MASSQ, 88 sources + 16 extra bytes")
    v("mld-q-gq-n1", mld(GQ_DST, q2(srcs=["2001:db8::1"])),
      "mld_query_general_sources", "", "general query listing a source")
    v("mld-q-gq-n2", mld(GQ_DST, q2(srcs=srcs6(2))),
      "mld_query_general_sources", "", "general query listing 2 sources")
    v("mld-q-mrc0", mld(GQ_DST, q2(mrc=0)), "none", "mld_query_mrc_zero",
      "v2 general query with MRC 0")
    v("mld-q-mrc0-n65", mld(SN, q2(SN, mrc=0, srcs=srcs6(65))),
      "mld_query_sources", "mld_query_mrc_zero", "65 sources and MRC 0")
    v("mld-q-dup-2", mld(SN, q2(SN, srcs=["2001:db8::1"] * 2)), "none",
      "mld_query_dup_sources", "MASSQ listing 2001:db8::1 twice")
    v("mld-q-dup-apart", mld(SN, q2(SN, srcs=["2001:db8::1", "2001:db8::2",
                                              "2001:db8::1"])),
      "none", "mld_query_dup_sources", "source repeated after another")
    v("mld-q-n64-dup-end", mld(SN, q2(SN, srcs=srcs6(63) + srcs6(1, 63))),
      "none", "mld_query_dup_sources", "64 sources, the last two equal")
    v("mld-q-n65-dup", mld(SN, q2(SN, srcs=srcs6(64) + srcs6(1))),
      "mld_query_sources", "mld_query_dup_sources",
      "65 sources, the last repeats the first")
    v("mld-q-near-dup", mld(SN, q2(SN, srcs=["2001:db8::1",
                                             "2001:db9::1"])),
      "none", "", "two sources differing only in their first 4 bytes")
    v("mld-q-flags", mld(GQ_DST, q2(flags=0xff, qqic=255, code=1)), "none", "",
      "v2 query, every flag, S, QRV 7, QQIC 255, code 1")
    v("mld-q-group-unicast", mld(H, q2("2001:db8::5")), "mld_group", "",
      "v2 query for unicast 2001:db8::5, to the host")
    v("mld-q-group-ll", mld(H, q2("fe80::5")), "mld_group", "",
      "v2 query for fe80::5")
    v("mld-q1-group-unicast", mld(H, mld1(130, "2001:db8::5", 1000)),
      "mld_group", "", "v1 query for unicast 2001:db8::5")
    v("mld-q1-masq", mld(GRP, mld1(130, GRP, 1000)), "none", "",
      "v1 address-specific query to the group")


def mld_reports(v):
    """MLDv2 report records (RFC 3810 5.2): exact, short, over."""
    for n, aux in ((0, 0), (2, 0), (0, 1), (2, 3)):
        full = r2(rec(1, GRP, srcs6(n), aux=b"\x61" * (4 * aux)))
        an = "mld_aux_data" if aux else ""
        tag = "mld-r-n%d-aux%d" % (n, aux)
        v(tag + "-exact", mld(V2_DST, full, src=H), "none", an,
          "record of %d sources and %d aux words, exactly" % (n, aux))
        v(tag + "-short", mld(V2_DST, full[:-1], src=H),
          "mld_report_overrun", "",
          "record of %d sources and %d aux words, one byte short" % (n, aux))
        v(tag + "-over", mld(V2_DST, full + b"\x5a", src=H), "none", an,
          "record of %d sources and %d aux words, one byte after" % (n, aux))
    two = r2(rec(2, GRP, srcs6(1)), rec(6, "ff05::9", srcs6(3)))
    v("mld-r-two-exact", mld(V2_DST, two, src=H), "none", "",
      "two records, exactly")
    v("mld-r-two-short", mld(V2_DST, two[:-1], src=H), "mld_report_overrun",
      "", "two records, the second one byte short")
    v("mld-r-m2-one", mld(V2_DST, r2(rec(1, GRP), m=2), src=H),
      "mld_report_overrun", "", "M=2 with one record")
    v("mld-r-types-1-6", mld(V2_DST, r2(*(rec(t, GRP) for t in range(1, 7))),
                             src=H), "none", "",
      "one record of each type 1..6")
    for t in (0, 7, 255):
        v("mld-r-type-%d" % t, mld(V2_DST, r2(rec(t, GRP)), src=H), "none",
          "mld_record_type", "record type %d" % t)
    v("mld-r-group-unicast", mld(V2_DST, r2(rec(1, "2001:db8::1")), src=H),
      "mld_record_group", "", "record for 2001:db8::1")
    v("mld-r-group-unspec", mld(V2_DST, r2(rec(1, "::")), src=H),
      "mld_record_group", "", "record for ::")
    v("mld-r-aux-then-bad", mld(V2_DST, r2(rec(1, GRP, aux=b"\0" * 4),
                                           rec(1, "2001:db8::1")), src=H),
      "mld_record_group", "mld_aux_data",
      "aux record, then a unicast record")
    v("mld-r-max-89", mld(V2_DST, r2(rec(2, GRP, srcs6(89))), src=H), "none",
      "", "1500-byte report, one record of 89 sources")
    v("mld-r-max-n90", mld(V2_DST, r2(rec(2, GRP, srcs6(89), n=90)), src=H),
      "mld_report_overrun", "", "1500-byte report claiming 90 sources")
    v("mld-r-max-72-records", mld(V2_DST, r2(*(rec(1 + i % 6, "ff05::%x" %
                                                   (i + 1))
                                               for i in range(72)),
                                             extra=b"\0" * 4), src=H),
      "none", "", "1500-byte report, 72 empty records + 4 trailing bytes")
    v("mld-r-aux-255", mld(V2_DST, r2(rec(1, GRP, auxlen=255)), src=H),
      "mld_report_overrun", "", "record claiming 255 aux words, has none")


def mld_envelope(v):
    """Hop limit, source, router alert and destination of MLD."""
    g2 = q2()
    join = r2(rec(4, GRP))
    rep1 = mld1(131, GRP)
    done = mld1(132, GRP)
    for h in (0, 2, 64, 255):
        v("mld-q-hlim-%d" % h, mld(GQ_DST, g2, hlim=h), "mld_hop_limit", "",
          "v2 general query, hop limit %d" % h)
    v("mld-r2-hlim-2", mld(V2_DST, join, src=H, hlim=2), "mld_hop_limit", "",
      "v2 report, hop limit 2")
    v("mld-r1-hlim-255", mld(GRP, rep1, src=H, hlim=255), "mld_hop_limit",
      "", "v1 report, hop limit 255")
    v("mld-done-hlim-64", mld(DONE_DST, done, src=H, hlim=64),
      "mld_hop_limit", "", "done, hop limit 64")
    # Link-local is fe80::/10.
    v("mld-q-src-febf", mld(GQ_DST, g2, src="febf:ffff::1"), "none", "",
      "query from febf:ffff::1 (still fe80::/10)")
    v("mld-q-src-fec0", mld(GQ_DST, g2, src="fec0::1"), "mld_source", "",
      "query from fec0::1 (site-local)")
    v("mld-q-src-loopback", mld(GQ_DST, g2, src="::1"), "mld_source", "",
      "query from ::1")
    v("mld-q1-src-global", mld(GQ_DST, mld1(130, mrd=1000), src=P),
      "mld_source", "", "v1 query from a global address")
    v("mld-r2-src-global", mld(V2_DST, join, src=HG), "mld_source", "",
      "v2 report from a global address")
    v("mld-r2-src-unspec", mld(V2_DST, join, src="::"), "none", "",
      "v2 report from ::")
    v("mld-r1-src-global", mld(GRP, rep1, src=HG), "mld_source", "",
      "v1 report from a global address")
    v("mld-done-src-unspec", mld(DONE_DST, done, src="::"), "none", "",
      "done from :: (Linux's igmp6_send() while its link-local is tentative)")
    v("mld-done-src-global", mld(DONE_DST, done, src=HG), "mld_source", "",
      "done from a global address")
    # Router alert.
    v("mld-r2-no-hbh", mld(V2_DST, join, src=H, hbh=None), "none",
      "mld_no_router_alert", "v2 report without HBH")
    v("mld-done-no-hbh", mld(DONE_DST, done, src=H, hbh=None), "none",
      "mld_no_router_alert", "done without HBH")
    v("mld-hbh-no-ra", mld(GQ_DST, g2, hbh=ext(NH_ICMP6, padn(6))), "none",
      "mld_no_router_alert", "query with an HBH of padding only")
    v("mld-ra-in-dst", mld(GQ_DST, g2, chain=(dopt(NH_ICMP6, ra() + padn(2)),
                                              NH_DEST)),
      "none", "ext_router_alert mld_no_router_alert",
      "query whose router alert is in DestOpt")
    v("mld-ra-2", mld(GQ_DST, g2, hbh=ext(NH_ICMP6, ra(2) + padn(2))),
      "none", "mld_ra_value", "query, router alert value 2")
    v("mld-ra-3", mld(GQ_DST, g2, hbh=ext(NH_ICMP6, ra(3) + padn(2))),
      "none", "ext_router_alert mld_ra_value", "query, router alert value 3")
    v("mld-ra-twice", mld(V2_DST, join, src=H,
                          hbh=ext(NH_ICMP6, ra() + ra() + padn(6))),
      "none", "ext_router_alert", "report with two router alerts, both 0")
    v("mld-ra-padn4", mld(V2_DST, join, src=H,
                          hbh=ext(NH_ICMP6, padn(2) + ra())),
      "none", "", "report, PadN before the router alert")
    v("mld-hbh-dst-chain", mld(GQ_DST, g2, chain=(ext(NH_DEST, ra() + padn(2))
                                                  + dopt(NH_ICMP6), NH_HBH)),
      "none", "", "query behind HBH router alert and a DestOpt")
    v("mld-hbh-unknown", mld(GQ_DST, g2, hbh=ext(NH_ICMP6, ra() +
                                                 opt(0x1e))),
      "none", "ext_option_unknown", "query, HBH router alert and option 0x1e")
    # Destinations (RFC 3810 5.1.15, 5.2.15; 2710 3).
    for vid, dst, msg, src, an, why in (
            ("gq-ff02-2", "ff02::2", g2, Q, "mld_dst",
             "general query to ff02::2"),
            ("gq-own-global", HG, g2, Q, "", "general query to own global"),
            ("q1-gq-ff02-2", "ff02::2", mld1(130, mrd=1000), Q, "mld_dst",
             "v1 general query to ff02::2"),
            ("masq-ff02-1", "ff02::1", q2(GRP), Q, "mld_dst",
             "address-specific query to ff02::1"),
            ("masq-other", "ff05::9", q2(GRP), Q, "mld_dst",
             "address-specific query to another group"),
            ("masq-own", HG, q2(GRP), Q, "", "address-specific query to own"),
            ("massq-ff02-1", "ff02::1", q2(GRP, srcs=srcs6(2)), Q, "mld_dst",
             "source-specific query to ff02::1"),
            ("r2-ff02-1", "ff02::1", join, H, "mld_dst",
             "v2 report to ff02::1"),
            ("r2-unicast", HG, join, H, "mld_dst", "v2 report to a host"),
            ("r1-other-group", "ff05::9", rep1, H, "mld_dst",
             "v1 report to another group"),
            ("r1-ff02-16", V2_DST, rep1, H, "mld_dst",
             "v1 report to ff02::16"),
            ("done-group", GRP, done, H, "mld_dst", "done to the group"),
            ("done-ff02-1", "ff02::1", done, H, "mld_dst", "done to ff02::1")):
        v("mld-dst-" + vid, mld(dst, msg, src=src), "none", an, why)
    # Several findings at once: the first in the enum decides.
    v("mld-hlim-and-src", mld(GQ_DST, g2, src=P, hlim=64), "mld_hop_limit",
      "mld_source", "query, hop limit 64, global source")
    v("mld-hlim-no-ra", mld(V2_DST, join, src=H, hlim=2, hbh=None),
      "mld_hop_limit", "mld_no_router_alert", "report, hop limit 2, no HBH")
    v("mld-src-and-dst", mld(DONE_DST, mld1(131, GRP), src=HG),
      "mld_source", "mld_dst", "v1 report from global to ff02::2")
    v("mld-sources-and-dst", mld("ff02::1", q2(GRP, srcs=srcs6(65))),
      "mld_query_sources", "mld_dst", "65-source query to ff02::1")


def mld_checksums(v):
    """The ICMPv6 checksum covers the pseudo-header and every byte of the
    message up to the payload length (RFC 4443 2.3, RFC 2710 3.7)."""
    join = r2(rec(4, GRP))
    v("mld-csum-r2-bad", mld(V2_DST, join[:2] + b"\xde\xad" + join[4:],
                             src=H, csum=False),
      "mld_checksum", "", "v2 report, checksum 0xdead")
    v("mld-csum-r1-bad", mld(GRP, b"\x83\0\xde\xad" + mld1(131, GRP)[4:],
                             src=H, csum=False),
      "mld_checksum", "", "v1 report, checksum 0xdead")
    v("mld-csum-done-zero", mld(DONE_DST, mld1(132, GRP), src=H, csum=False),
      "mld_checksum", "", "done with checksum 0 (not computed)")
    rep = mld1(131, GRP) + b"\x12\x34\x56\x78"
    v("mld-csum-trailing", mld(GRP, rep, src=H), "none", "",
      "v1 report + 4 bytes covered by the checksum")
    short = icmp6(H, GRP, mld1(131, GRP)) + b"\x12\x34\x56\x78"
    v("mld-csum-24-only", mld(GRP, short, src=H, csum=False), "mld_checksum",
      "", "v1 report + 4 bytes the checksum leaves out")
    v("mld-csum-trailer", mld(GRP, mld1(131, GRP), src=H,
                              trailer=b"\xde\xad\xbe\xef" * 4),
      "none", "", "v1 report, 16 link-layer bytes after the payload")
    no_ph = mld1(131, GRP)[:2] + struct.pack(
        "!H", checksum(mld1(131, GRP))) + mld1(131, GRP)[4:]
    v("mld-csum-no-pseudo", mld(GRP, no_ph, src=H, csum=False),
      "mld_checksum", "", "v1 report checksummed without the pseudo-header")
    other_dst = icmp6(H, "ff02::1", mld1(131, GRP))
    v("mld-csum-other-dst", mld(GRP, other_dst, src=H, csum=False),
      "mld_checksum", "", "v1 report checksummed for ff02::1")
    # A message whose checksum is 0: 0xffff is the same ones' complement
    # zero, and both are right.
    for mrd in range(65536):
        m = icmp6(H, GRP, mld1(131, GRP, mrd))
        if m[2:4] == b"\0\0":
            break
    else:
        raise AssertionError("no MRD gives checksum 0")
    v("mld-csum-0000", mld(GRP, m, src=H, csum=False), "none", "",
      "v1 report whose checksum is 0x0000")
    v("mld-csum-ffff", mld(GRP, m[:2] + b"\xff\xff" + m[4:], src=H,
                           csum=False),
      "none", "", "the same report with 0xffff")
    v("mld-csum-0001", mld(GRP, m[:2] + b"\0\x01" + m[4:], src=H, csum=False),
      "mld_checksum", "", "the same report with checksum 1")
    v("mld-csum-after-unknown", mld(GQ_DST, q2()[:2] + b"\x12\x34" + q2()[4:],
                                    csum=False,
                                    chain=(ext(NH_ICMP6, ra() + opt(0x1e)),
                                           NH_HBH)),
      "mld_checksum", "ext_option_unknown",
      "option 0x1e in HBH, then a query with a bad checksum")


def mld_other(v):
    """Fragments of MLD and ICMPv6 types next to MLD's."""
    g2 = icmp6(Q, GQ_DST, q2(srcs=[]) + b"\0" * 4)
    v("mld-frag-first-query", ip6(GQ_DST, NH_HBH, ext(NH_FH, ra() + padn(2)) +
                                  fh(NH_ICMP6, 0, 1) + g2[:24],
                                  src=Q, hlim=1),
      "mld_fragment", "", "first fragment of a v2 general query")
    rep = icmp6(H, V2_DST, r2(rec(4, GRP), rec(4, "ff05::9")))
    v("mld-frag-first-report", ip6(V2_DST, NH_HBH,
                                   ext(NH_FH, ra() + padn(2)) +
                                   fh(NH_ICMP6, 0, 1) + rep[:32],
                                   src=H, hlim=1),
      "mld_fragment", "", "first fragment of a v2 report")
    v("mld-frag-first-no-hbh", ip6(GRP, NH_FH, fh(NH_ICMP6, 0, 1) +
                                   icmp6(H, GRP, mld1(131, GRP))[:16],
                                   src=H, hlim=1),
      "mld_fragment", "", "first fragment of a v1 report, no HBH")
    e = echo(Q, GQ_DST, b"\0" * 8)
    v("icmp-frag-first-echo", ip6(GQ_DST, NH_FH, fh(NH_ICMP6, 0, 1) + e[:8],
                                  src=Q, hlim=1),
      "none", "", "first fragment of an echo to ff02::1")
    for t, name in ((128, "echo"), (133, "rs"), (134, "ra"), (135, "ns"),
                    (144, "haad"), (151, "mrd-adv"), (152, "mrd-sol"),
                    (153, "mrd-term")):
        size = {134: 16, 135: 24}.get(t, 8)
        msg = icmp6(Q, GQ_DST, bytes([t, 0]) + b"\0" * (size - 2))
        v("icmp-type-%d" % t, ip6(GQ_DST, NH_HBH, LINUX_HBH + msg, src=Q,
                                  hlim=1),
          "none", "", "ICMPv6 %s (%d), hop limit 1, router alert" % (name, t))
    v("icmp-nd-hlim255", ip6(GQ_DST, NH_ICMP6, icmp6(
        Q, GQ_DST, b"\x86\0\0\0\x40\0\x07\x08" + b"\0" * 8), src=Q,
        hlim=255), "none", "", "router advertisement, hop limit 255")


def build(v):
    """Register every IPv6 vector through @v(id, l3, reason, anomalies,
    description, pad=True)."""
    spec_bad(v)
    spec_good(v)
    linux_own(v)
    ip6_header(v)
    hbh_options(v)
    routing(v)
    fragments(v)
    chains(v)
    mld_lengths(v)
    mld_queries(v)
    mld_reports(v)
    mld_envelope(v)
    mld_checksums(v)
    mld_other(v)
