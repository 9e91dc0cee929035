#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Write the igmpguard test vectors.

tests/vectors/vectors.pcap holds one Ethernet frame per vector and
tests/vectors/vectors.tsv what igmpguard must say about each under the
default policy. The IPv6 vectors (scripts/vectors6.py) go to
vectors6.pcap and vectors6.tsv in the same format: files of their own, so
that what reads only IPv4 (the guest beds, which switch IPv6 off, and the
fuzzer's seeds) reads what it always did.

Every expectation below is written by hand from the spec notes (sections
6-8) and the reason descriptions in include/igmpguard/reason-list.h;
nothing here runs the validator, so the vectors can catch it being wrong.
The generator fails if a reason in that list has no vector in the file of
its family (ip6_*, ext_*, mld_* are IPv6).

tests/vectors/encap/ repeats the same packets under the other link types
igmpguardctl decodes (VLAN, QinQ, Linux cooked v1/v2, raw IP, pcapng), so
the same tsv applies to each (v6-*: vectors6.tsv to the IPv6 ones), and
holds decode-*.pcap with the frames that test the link-layer decoder
itself, expected output in decode.expected.

Run with /usr/bin/python3 (Debian python3-scapy).

  gen-vectors.py                 write the files
  gen-vectors.py --check         regenerate into a temp dir, exit 1 if the
                                 committed files differ
  gen-vectors.py --verify BIN    run "BIN check" on every file and compare
                                 with the expectations (TAP)
"""

import argparse
import filecmp
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
from collections import namedtuple
from itertools import zip_longest

from scapy.all import IP, IPOption, Raw, checksum, fragment, inet_aton

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REASONS_H = os.path.join(TOP, "include", "igmpguard", "reasons.h")
KNOBS_H = os.path.join(TOP, "include", "igmpguard", "knob-list.h")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vectors6  # noqa: E402  (the IPv6 vectors, next to this script)


# --- reasons, from the one list in reasons.h --------------------------------

def parse_reasons(path):
    """Return [(name, class)] in enum order (enum value = index + 1).

    reasons.h builds the enum from an include-list; follow its quoted
    includes and read the IGG_REASON(ENUM, name, CLASS, desc) entries.
    """
    with open(path) as f:
        text = f.read()
    for inc in re.findall(r'^#include "([^"]+)"', text, re.M):
        with open(os.path.join(os.path.dirname(path), inc)) as f:
            text += "\n" + f.read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    found = re.findall(r"\bIGG_REASON\(\s*\w+\s*,\s*(\w+)\s*,\s*"
                       r"(MALFORMED|POLICY|ANOMALY)\s*,", text)
    if not found:
        sys.exit("gen-vectors: no reasons found via " + path)
    return [(n, c.lower()) for n, c in found]


def parse_knobs_off(path):
    """Policy reasons of the knobs that default to N: they do not drop
    under the default policy and so end up among the anomalies."""
    with open(path) as f:
        text = re.sub(r"/\*.*?\*/", " ", f.read(), flags=re.S)
    off = set()
    for r4, r6, d in re.findall(r"\bIGG_BOOL_KNOB\(\s*\w+\s*,\s*IGG_R_(\w+)"
                                r"\s*,\s*IGG_R_(\w+)\s*,\s*(\d)", text):
        if d == "0":
            off |= {r.lower() for r in (r4, r6) if r != "NONE"}
    return off


def family(reason):
    """6 for the IPv6 reasons (their names say so), else 4."""
    return 6 if reason.split("_")[0] in ("ip6", "ext", "mld") else 4


REASONS = parse_reasons(REASONS_H)
ORDER = {name: i + 1 for i, (name, _) in enumerate(REASONS)}
CLASS = dict(REASONS)
DEFAULT_OFF = parse_knobs_off(KNOBS_H)


# --- packet helpers (spec-notes section 7) -----------------------------------

S = "192.0.2.9"          # the sender
H = "192.0.2.50"         # the protected host
G = "239.1.2.3"          # a group
A = inet_aton
RA = IPOption(b"\x94\x04\x00\x00")
RA_B = b"\x94\x04\x00\x00"


def ig(b):
    """IGMP/ICMP payload with its checksum (offset 2) filled in."""
    c = checksum(b[:2] + b"\0\0" + b[4:])
    return b[:2] + struct.pack("!H", c) + b[4:]


def I(dst, pl, ttl=1, opts=[RA], src=S, **k):
    """A well-formed IGMP datagram, built by scapy as in the spec notes."""
    return bytes(IP(src=src, dst=dst, ttl=ttl, tos=0xc0, proto=2,
                    options=opts, **k) / Raw(ig(pl)))


def rawip(opt, l4, dst, proto=1, ttl=64, src=S, frag=0, tos=0, tot=None,
          ihl=None, ver=4, trailer=b""):
    """IPv4 from raw option bytes, so scapy never re-parses them.

    The option area is padded with EOL to a multiple of 4. tot, ihl and ver
    override the header fields; trailer is appended after the datagram
    (link-layer padding the validator must ignore).
    """
    o = opt + b"\0" * (-len(opt) % 4)
    if ihl is None:
        ihl = 5 + len(o) // 4
    if tot is None:
        tot = 20 + len(o) + len(l4)
    h = struct.pack("!BBHHHBBH4s4s", ver << 4 | ihl, tos, tot, 1, frag, ttl,
                    proto, 0, A(src), A(dst)) + o
    return h[:10] + struct.pack("!H", checksum(h)) + h[12:] + l4 + trailer


def rawig(pl, dst, opt=RA_B, ttl=1, csum=True, **k):
    """IGMP through rawip(): router alert, TTL 1, precedence 0xc0."""
    return rawip(opt, ig(pl) if csum else pl, dst, proto=2, ttl=ttl,
                 tos=0xc0, **k)


ECHO = ig(b"\x08\x00\0\0\x00\x01\x00\x01")


def echo(opt, **k):
    """ICMP echo to the host carrying the option bytes @opt."""
    return rawip(opt, ECHO, H, **k)


def srcs(n, first=0):
    """n distinct unicast sources 10.x.y.1."""
    return b"".join(A("10.%d.%d.1" % (i // 256, i % 256))
                    for i in range(first, first + n))


def q2(group="0.0.0.0", mrt=0x64):
    return b"\x11" + bytes([mrt]) + b"\0\0" + A(group)


def q3(group="0.0.0.0", mrc=0x64, src=b"", n=None, extra=b"", flags=0x02):
    """v3 query; n overrides the source count field."""
    if n is None:
        n = len(src) // 4
    return (b"\x11" + bytes([mrc]) + b"\0\0" + A(group) +
            bytes([flags, 0x7d]) + struct.pack("!H", n) + src + extra)


def rep(group, typ=0x16):
    return bytes([typ]) + b"\0\0\0" + A(group)


def rec(typ, group, src=b"", aux=b"", n=None, auxlen=None):
    """v3 group record; n and auxlen override the counts."""
    if n is None:
        n = len(src) // 4
    if auxlen is None:
        auxlen = len(aux) // 4
    return bytes([typ, auxlen]) + struct.pack("!H", n) + A(group) + src + aux


def r3(*records, m=None, extra=b""):
    if m is None:
        m = len(records)
    return b"\x22\0\0\0\0\0" + struct.pack("!H", m) + b"".join(records) + extra


def opt_rr(length, ptr, typ=7, fill=0):
    """Route option of @length bytes with pointer @ptr."""
    return bytes([typ, length, ptr]) + bytes([fill]) * (length - 3)


def opt_ts(length, ptr, flag=0, oflw=0):
    return bytes([0x44, length, ptr, oflw << 4 | flag]) + b"\0" * (length - 4)


def cipso(length, doi=1, tags=b""):
    return bytes([0x86, length]) + struct.pack("!I", doi) + tags


# --- the vectors ---------------------------------------------------------------

Vec = namedtuple("Vec", "id l3 reason anoms desc pad")
VECS = []
VECS6 = []


def v(vid, l3, reason="none", anoms="", desc="", pad=True, into=VECS):
    """One vector: @reason is the deciding reason (none = pass), @anoms the
    other findings, both as stated by hand from the spec."""
    names = [a for a in anoms.replace(",", " ").split() if a]
    for n in names + ([] if reason == "none" else [reason]):
        if n not in ORDER:
            sys.exit("gen-vectors: %s: unknown reason %s" % (vid, n))
    names.sort(key=ORDER.get)
    into.append(Vec(vid, l3, reason, names, desc, pad))


def v6(*a, **k):
    v(*a, into=VECS6, **k)


def spec_igmp():
    """Section 7, IGMP: B1..B18."""
    v("B1", I("239.255.255.250", b"\x11\xff\0\0" + A("239.255.255.250") +
              b"\x02\x7d" + struct.pack("!H", 366) + srcs(366)),
      "v3_query_sources", "",
      "MS08-001 class GSS query, 366 sources in a 1500-byte datagram")
    v("B2", I("239.1.1.1", b"\x11\x64\0\0" + A("239.1.1.1") +
              b"\x02\x7d\x01\x00" + A("10.0.0.1") + A("10.0.0.2")),
      "v3_query_overrun", "", "v3 query N=256 with 2 sources")
    v("B3", I("239.1.1.1", b"\x11\x64\0\0" + A("239.1.1.1") +
              b"\x02\x7d\xff\xff"),
      "v3_query_overrun", "", "v3 query N=65535 in 12 bytes")
    v("B4", I("224.0.0.1", b"\x11\x64\0\0" + A("0.0.0.0") +
              b"\x02\x7d\x00\x01" + A("10.0.0.1")),
      "v3_query_general_sources", "", "general query listing a source")
    v("B5", I("224.0.0.1", b"\x11\x64\0\0" + A("0.0.0.0") + b"\x02\x7d"),
      "igmp_query_length", "", "query of 10 bytes")
    v("B6", I("224.0.0.1", b"\x11\x64\0\0" + A("0.0.0.0") + b"\0" * 3),
      "igmp_query_length", "", "query of 11 bytes")
    # B7: no options and TTL 64 as in the spec's recipe (src fixed).
    v("B7a", bytes(IP(src=S, dst=H, proto=2) /
                   Raw(ig(b"\x11\xff\0\0" + A("224.0.0.1")))),
      "igmp_ttl", "igmp_no_router_alert",
      "CVE-2012-0207 pair (a): v2 query, TTL 64, no RA, unicast")
    v("B7b", bytes(IP(src=S, dst=H, proto=2) / Raw(ig(b"\x11\0\0\0" +
                                                      b"\0" * 8))),
      "igmp_ttl", "igmp_no_router_alert v3_query_mrc_zero",
      "CVE-2012-0207 pair (b): v3 query MRC 0, TTL 64, no RA, unicast")
    v("B8", bytes(IP(src=S, dst="239.1.1.1", ttl=1, proto=2, options=[RA]) /
                  Raw(b"\x16\x00\xde\xad" + A("239.1.1.1"))),
      "igmp_checksum", "", "v2 report with checksum 0xdead")
    v("B9", I("239.1.1.1", b"\x16\0\0\0"), "igmp_truncated", "",
      "IGMP message of 4 bytes")
    v("B10", I("224.0.0.22", b"\x22\0\0\0\0\0\x00\x01" + b"\x04\x00\x00\x64" +
               A("239.1.1.1")),
      "v3_report_overrun", "", "v3 report record claims 100 sources, has 0")
    v("B11", I("224.0.0.22", b"\x22\0\0\0\0\0\x00\x01" + b"\x01\xff\0\0" +
               A("239.1.1.1")),
      "v3_report_overrun", "", "v3 report record aux len 255")
    v("B12", I("224.0.0.22", b"\x22\0\0\0\0\0\xff\xff"),
      "v3_report_overrun", "", "v3 report M=65535 in 8 bytes")
    v("B13", I("224.0.0.22", b"\x22\0\0\0\0\0\0\x02" + b"\0" * 4 +
               A("239.1.1.1") + b"\x07\0\0\0" + A("239.1.1.2")),
      "none", "v3_record_type", "v3 report record types 0 and 7")
    frags = fragment(IP(bytes(I("239.1.1.1", b"\x11\x64\0\0" +
                                A("239.1.1.1") + b"\x02\x7d\x00\xc8" +
                                b"\0" * 800))), 512)
    for i, f in enumerate(frags, 1):
        v("B14-%d" % i, bytes(f), "igmp_fragment", "",
          "fragment %d of %d of a v3 query (offset %d)" %
          (i, len(frags), f.frag))
    v("B15", I("224.0.0.1", b"\x11\x64\0\0" + A("0.0.0.0"), ttl=64),
      "igmp_ttl", "", "v2 general query with TTL 64")
    v("B16", I("224.0.0.1", b"\x11\x64\0\0" + A("0.0.0.0") + b"\x02\x7d\0\0",
               opts=[]),
      "none", "igmp_no_router_alert", "v3 general query without RA")
    v("B17", I("10.0.0.1", b"\x16\0\0\0" + A("10.0.0.1")),
      "igmp_report_group", "", "v2 report for unicast group 10.0.0.1")
    v("B18", I("224.0.0.1", b"\x11\x64\0\0" + A("0.0.0.0"), src="224.0.0.5"),
      "igmp_source", "", "query from multicast source 224.0.0.5")


def spec_options():
    """Section 7, IPv4 options: B19..B37 (ICMP echo unless stated)."""
    hx = bytes.fromhex
    v("B19", echo(hx("07000000")), "opt_length", "", "RR with length 0")
    v("B20", echo(hx("44280500")), "opt_length", "",
      "TS length 40 in a 4-byte area")
    v("B21", echo(hx("94010000")), "opt_length", "", "RA length 1")
    v("B22", echo(hx("01010107")), "opt_truncated", "",
      "option type as the last byte")
    v("B23", echo(hx("070703000000000000")), "opt_route", "", "RR pointer 3")
    v("B24", echo(hx("070908000000000000")), "opt_route", "",
      "RR len 9 pointer 8: partial room")
    v("B25", echo(hx("4408040000000000")), "opt_timestamp", "",
      "TS pointer 4")
    v("B26", echo(hx("4408050300000000")), "opt_timestamp", "",
      "TS flag 3 with room for less than one entry")
    v("B27", echo(hx("440809f000000000")), "opt_ts_overflow", "",
      "full TS with overflow 15")
    v("B28", echo(hx("440c0502") + b"\0" * 8), "none",
      "opt_ts_flag opt_record", "TS flag 2: unknown, passed unstamped")
    v("B29", echo(hx("07070400000000") * 2), "opt_duplicate", "opt_record",
      "RR twice")
    v("B30", echo(hx("830704c0000201890704c0000202")), "opt_duplicate",
      "opt_source_route", "LSRR then SSRR")
    v("B31", echo(hx("830704c000020100")), "opt_source_route", "", "LSRR")
    v("B32a", echo(hx("94030000")), "opt_ra_length", "", "RA length 3")
    v("B32b", echo(hx("9406000000000000")), "none", "opt_ra_long",
      "RA length 6: value still in bytes 2-3")
    v("B33", rawig(rep("239.1.1.1"), "239.1.1.1", opt=hx("94040001")),
      "none", "opt_ra_value", "RA value 1 on a v2 report")
    v("B33-echo", echo(hx("94040001")), "none", "",
      "RA value 1 on ICMP: only IGMP wants 0")
    v("B34", echo(hx("860a000000010100000000")), "opt_cipso", "",
      "CIPSO tag length 0")
    v("B35", echo(hx("00000000")), "none", "opt_empty",
      "option area of EOL only (CVE-2018-10938 shape)")
    v("B36", echo(hx("00deadbe")), "none", "opt_padding opt_empty",
      "EOL then garbage")
    v("B37", echo(hx("88041234")), "none", "opt_unknown", "stream ID")


def spec_valid():
    """Section 8: G1..G10 (G11 is MLD, out of scope)."""
    v("G1", bytes(IP(src=S, dst="224.0.0.1", ttl=1, proto=2) /
                  Raw(ig(b"\x11\x00\0\0" + A("0.0.0.0")))),
      "none", "", "IGMPv1 query, no RA")
    v("G2", I("224.0.0.1", b"\x11\x64\0\0" + A("0.0.0.0")), "none", "",
      "IGMPv2 general query")
    v("G3", I("239.1.2.3", b"\x11\x0a\0\0" + A("239.1.2.3")), "none", "",
      "IGMPv2 group-specific query")
    v("G4-report", I("239.1.2.3", b"\x16\x00\0\0" + A("239.1.2.3")), "none",
      "", "IGMPv2 report")
    v("G4-leave", I("224.0.0.2", b"\x17\x00\0\0" + A("239.1.2.3")), "none",
      "", "IGMPv2 leave")
    v("G5", I("224.0.0.1", b"\x11\x64\0\0" + A("0.0.0.0") +
              b"\x02\x7d\x00\x00"), "none", "", "IGMPv3 general query")
    v("G6", I(H, b"\x11\x0a\0\0" + A("239.1.2.3") + b"\x02\x7d\x00\x02" +
              A("10.0.0.1") + A("10.0.0.2")), "none", "",
      "IGMPv3 GSS query to the host's unicast address")
    v("G7", I("224.0.0.1", b"\x11\x8f\0\0" + A("0.0.0.0") +
              b"\x82\x7d\x00\x00" + b"\xab\xcd\xef\x01"), "none", "",
      "IGMPv3 query, exponential MRC, Resv bit, 4 bytes additional data")
    v("G8", I("224.0.0.22", src="0.0.0.0",
              pl=(b"\x22\0\0\0\0\0\x00\x02" + b"\x04\x00\x00\x00" +
                  A("239.1.2.3") + b"\x05\x00\x00\x02" + A("232.1.1.1") +
                  A("10.0.0.1") + A("10.0.0.2"))), "none", "",
      "IGMPv3 report from 0.0.0.0, 2 records")
    v("G9", bytes(IP(src=S, dst="224.0.0.1", ttl=1, proto=1) /
                  Raw(ig(b"\x09\0\0\0\x01\x02\x07\x08" + A("192.0.2.1") +
                         b"\0" * 4))), "none", "",
      "ICMP router advertisement (not IGMP, no options)")
    v("G10-rr", echo(b"\x07\x0b\x04" + b"\0" * 8), "none", "opt_record",
      "echo with a valid RR")
    v("G10-ts", echo(bytes.fromhex("440c0500") + b"\0" * 8), "none",
      "opt_record", "echo with a valid TS")
    v("G10-ra", echo(bytes.fromhex("0194040000")), "none", "",
      "echo with NOP-padded RA")


def ip_header():
    """IPv4 header against the packet length."""
    v("ip-version-6", rawip(b"", ig(rep(G)), G, proto=2, ttl=1, ver=6),
      "ip_header", "", "version 6 in an IPv4 frame")
    v("ip-ihl-4", rawip(b"", ig(rep(G)), G, proto=2, ttl=1, ihl=4),
      "ip_header", "", "IHL 4")
    v("ip-ihl-15-short", rawip(b"", ig(rep(G)), G, proto=2, ttl=1, ihl=15,
                               tot=68),
      "ip_header", "", "IHL 15 but 46 bytes in the frame")
    v("ip-tot-lt-hlen", rawig(rep(G), G, tot=20), "ip_header", "",
      "total length 20 with a 24-byte header")
    v("ip-tot-19", rawip(b"", ECHO, H, tot=19), "ip_header", "",
      "total length 19")
    v("ip-runt", rawip(b"", b"", H)[:10], "ip_header", "",
      "10 bytes of IP in an unpadded frame", pad=False)
    v("igmp-tot-gt-len", rawig(rep(G), G, tot=100), "ip_header", "",
      "IGMP with total length 100 in a 60-byte frame")
    # Section 6 IP-1 and the ip_header reason: an inconsistent header is
    # malformed, and malformed wins over a policy finding.
    v("igmp-frag-tot-gt-len", rawig(rep(G), G, tot=100, frag=0x2000),
      "ip_header", "", "IGMP fragment whose total length exceeds the frame")


def igmp_lengths():
    """IGMP 7/8 bytes, query lengths 8..13, checksum coverage."""
    v("igmp-len-0", rawip(RA_B, b"", G, proto=2, ttl=1), "igmp_truncated",
      "", "IGMP datagram with no payload")
    v("igmp-len-7", rawig(rep(G)[:7], G), "igmp_truncated", "",
      "v2 report cut to 7 bytes")
    v("igmp-len-8", rawig(rep(G), G), "none", "", "v2 report, 8 bytes")
    v("igmp-len-9", rawig(rep(G) + b"\xab", G), "none", "",
      "v2 report + 1 byte, odd-length checksum")
    v("igmp-len-12", rawig(rep(G) + b"\x12\x34\x56\x78", G), "none", "",
      "v2 report + 4 bytes covered by the checksum")
    v("igmp-csum-8-only", rawig(ig(rep(G)) + b"\x12\x34\x56\x78", G,
                                csum=False),
      "igmp_checksum", "", "v2 report + 4 bytes the checksum leaves out")
    # 233.255.0.0 makes the report sum to 0xffff, so its checksum is 0.
    assert ig(rep("233.255.0.0"))[2:4] == b"\0\0"
    v("igmp-csum-zero", rawig(rep("233.255.0.0"), "233.255.0.0"), "none", "",
      "v2 report whose checksum is 0x0000")
    v("igmp-csum-ffff", rawig(b"\x16\0\xff\xff" + A("233.255.0.0"),
                              "233.255.0.0", csum=False), "none", "",
      "same report with the other zero, 0xffff")
    v("igmp-csum-off-by-one", rawig(b"\x16\0\x00\x01" + A("233.255.0.0"),
                                    "233.255.0.0", csum=False),
      "igmp_checksum", "", "checksum 1 where 0 is right")
    v("eth-trailer", rawig(rep(G), G, trailer=b"\xde\xad\xbe\xef" * 4),
      "none", "", "v2 report followed by 16 non-zero link-layer bytes")
    v("qlen-7", rawig(q2()[:7], "224.0.0.1"), "igmp_truncated", "",
      "query of 7 bytes")
    v("qlen-8", rawig(q2(), "224.0.0.1"), "none", "",
      "query of 8 bytes (v2)")
    for n in (9, 10, 11):
        v("qlen-%d" % n, rawig(q3()[:n], "224.0.0.1"), "igmp_query_length",
          "", "query of %d bytes" % n)
    v("qlen-12", rawig(q3(), "224.0.0.1"), "none", "", "query of 12 bytes (v3)")
    v("qlen-13", rawig(q3(extra=b"\x01"), "224.0.0.1"), "none", "",
      "v3 query + 1 byte of additional data")
    v("q3-extra-csum-bad", rawig(ig(q3()) + b"\xab\xcd\xef\x01",
                                 "224.0.0.1", csum=False),
      "igmp_checksum", "", "v3 query whose checksum leaves out its extra data")


def v3_query_bounds():
    """v3 query source list: exactly fitting, one byte short, one over."""
    for n in (0, 1, 2, 64, 65):
        full = q3(G, src=srcs(n))
        fits, over = "none", "none"
        short = "v3_query_overrun"
        if n == 0:
            short = "igmp_query_length"
        if n > 64:
            fits = over = "v3_query_sources"
        v("v3q-n%d-exact" % n, rawig(full, G), fits, "",
          "GSS query, %d sources, exactly %d bytes" % (n, len(full)))
        v("v3q-n%d-short" % n, rawig(full[:-1], G), short, "",
          "GSS query, %d sources, one byte short" % n)
        v("v3q-n%d-over" % n, rawig(full + b"\x5a", G), over, "",
          "GSS query, %d sources, one byte of additional data" % n)
    v("v3q-gq-n1-short", rawig(q3(n=1), "224.0.0.1"), "v3_query_overrun", "",
      "general query N=1 but no room for it")
    v("v3q-max-n367", I(G, q3(G, src=srcs(366), n=367)), "v3_query_overrun",
      "", "1500-byte query claiming 367 sources, holding 366")
    v("v3q-max-n365-extra", I(G, q3(G, src=srcs(365), extra=b"\0" * 4)),
      "v3_query_sources", "", "1500-byte query, 365 sources + 4 extra bytes")
    v("v3q-n65-mrc0", rawig(q3(G, mrc=0, src=srcs(65)), G),
      "v3_query_sources", "v3_query_mrc_zero", "65 sources and MRC 0")
    # Section 6 V3Q-6: a repeated source is a finding of its own; the
    # packet being dropped for its size does not make it less true.
    v("v3q-n65-dup", rawig(q3(G, src=srcs(64) + A("10.0.0.1")), G),
      "v3_query_sources", "v3_query_dup_sources",
      "65 sources, the last repeats the first")
    v("v3q-dup-2", rawig(q3(G, src=A("10.0.0.1") * 2), G), "none",
      "v3_query_dup_sources", "GSS query listing 10.0.0.1 twice")
    v("v3q-dup-3-apart", rawig(q3(G, src=A("10.0.0.1") + A("10.0.0.2") +
                                  A("10.0.0.1")), G),
      "none", "v3_query_dup_sources", "source repeated after another")
    v("v3q-n64-dup-end", rawig(q3(G, src=srcs(63) + srcs(1, 62)), G), "none",
      "v3_query_dup_sources", "64 sources, the last two equal")
    v("v3q-mrc0", rawig(q3(mrc=0), "224.0.0.1"), "none", "v3_query_mrc_zero",
      "v3 general query with MRC 0")
    v("v3q-group-unicast", rawig(q3("10.1.2.3"), "224.0.0.1"),
      "igmp_query_group", "", "v3 query for group 10.1.2.3")
    # The source count is checked after the RA and destination findings,
    # which are reported along with the overrun.
    v("v3q-overrun-no-ra", rawig(q3(G, n=2), G, opt=b""), "v3_query_overrun",
      "igmp_no_router_alert", "v3 query N=2, no sources, no RA")


def v3_report_bounds():
    """v3 report records with sources and aux data: fits, short, over."""
    v("v3r-m0", rawig(r3(), "224.0.0.22"), "none", "",
      "v3 report with no records")
    v("v3r-m0-len7", rawig(r3()[:7], "224.0.0.22"), "igmp_truncated", "",
      "v3 report of 7 bytes")
    for n, aux in ((0, 0), (2, 0), (0, 1), (2, 3)):
        full = r3(rec(1, G, src=srcs(n), aux=b"\x61" * (4 * aux)))
        an = "v3_aux_data" if aux else ""
        tag = "v3r-n%d-aux%d" % (n, aux)
        v(tag + "-exact", rawig(full, "224.0.0.22"), "none", an,
          "record of %d sources and %d aux words, exactly" % (n, aux))
        v(tag + "-short", rawig(full[:-1], "224.0.0.22"),
          "v3_report_overrun", "",
          "record of %d sources and %d aux words, one byte short" % (n, aux))
        v(tag + "-over", rawig(full + b"\x5a", "224.0.0.22"), "none", an,
          "record of %d sources and %d aux words, one byte after" % (n, aux))
    two = r3(rec(2, G, src=srcs(1)), rec(6, "239.9.9.9", src=srcs(3)))
    v("v3r-two-exact", rawig(two, "224.0.0.22"), "none", "",
      "two records, exactly")
    v("v3r-two-short", rawig(two[:-1], "224.0.0.22"), "v3_report_overrun", "",
      "two records, the second one byte short")
    v("v3r-m2-one", rawig(r3(rec(1, G), m=2), "224.0.0.22"),
      "v3_report_overrun", "", "M=2 with one record")
    v("v3r-types-1-6", rawig(r3(*(rec(t, G) for t in range(1, 7))),
                             "224.0.0.22"), "none", "",
      "one record of each type 1..6")
    v("v3r-type-255", rawig(r3(rec(255, G)), "224.0.0.22"), "none",
      "v3_record_type", "record type 255")
    v("v3r-aux", rawig(r3(rec(1, G, aux=b"\0" * 4)), "224.0.0.22"), "none",
      "v3_aux_data", "record with one aux word")
    v("v3r-group-unicast", rawig(r3(rec(1, "10.0.0.1")), "224.0.0.22"),
      "v3_record_group", "", "record for 10.0.0.1")
    v("v3r-group-zero", rawig(r3(rec(1, "0.0.0.0")), "224.0.0.22"),
      "v3_record_group", "", "record for 0.0.0.0")
    v("v3r-group-240", rawig(r3(rec(1, "240.0.0.1")), "224.0.0.22"),
      "v3_record_group", "", "record for class E 240.0.0.1")
    # Records are walked in order: the first one's aux data is already
    # found when the second turns out malformed.
    v("v3r-aux-then-bad-group", rawig(r3(rec(1, G, aux=b"\0" * 4),
                                         rec(1, "10.0.0.1")), "224.0.0.22"),
      "v3_record_group", "v3_aux_data", "aux record, then a unicast record")
    v("v3r-max-n365", I("224.0.0.22", r3(rec(2, G, src=srcs(365)))), "none",
      "", "1500-byte report, one record of 365 sources")
    v("v3r-max-183-records", I("224.0.0.22",
                               r3(*(rec(1 + i % 6, "239.0.%d.%d" %
                                        (i // 256, i % 256))
                                    for i in range(183)),
                                  extra=b"\0" * 4)), "none", "",
      "1500-byte report, 183 empty records + 4 trailing bytes")
    v("v3r-max-n366", I("224.0.0.22", r3(rec(2, G, src=srcs(365), n=366))),
      "v3_report_overrun", "", "1500-byte report claiming 366 sources")


def igmp_types():
    """Message types, groups, destinations, router alert."""
    v("q2-group-unicast", rawig(q2("10.1.2.3"), "224.0.0.1"),
      "igmp_query_group", "", "v2 query for group 10.1.2.3")
    v("q2-group-224.0.0.0", rawig(q2("224.0.0.0"), "224.0.0.0"), "none", "",
      "v2 query for group 224.0.0.0 (multicast, allowed)")
    v("rep-group-224.0.0.0", rawig(rep("224.0.0.0"), "224.0.0.0"),
      "igmp_report_group", "", "v2 report for 224.0.0.0")
    v("rep-group-zero", rawig(rep("0.0.0.0"), "224.0.0.2", ttl=1),
      "igmp_report_group", "", "v2 report for 0.0.0.0")
    v("leave-group-unicast", rawig(rep("10.0.0.1", 0x17), "224.0.0.2"),
      "igmp_report_group", "", "leave for 10.0.0.1")
    v("v1rep-group-unicast", rawig(rep("10.0.0.1", 0x12), "10.0.0.1"),
      "igmp_report_group", "", "v1 report for 10.0.0.1")
    v("v1rep-no-ra", rawig(rep(G, 0x12), G, opt=b""), "none", "",
      "v1 report without RA (RFC 1112 has none)")
    v("v2rep-no-ra", rawig(rep(G), G, opt=b""), "none",
      "igmp_no_router_alert", "v2 report without RA")
    v("leave-no-ra", rawig(rep(G, 0x17), "224.0.0.2", opt=b""), "none",
      "igmp_no_router_alert", "leave without RA")
    v("v3r-no-ra", rawig(r3(rec(1, G)), "224.0.0.22", opt=b""), "none",
      "igmp_no_router_alert", "v3 report without RA")
    v("q2-no-ra", rawig(q2(), "224.0.0.1", opt=b""), "none",
      "igmp_no_router_alert", "v2 query without RA")
    v("ra-twice", rawig(rep(G), G, opt=RA_B * 2), "none", "",
      "v2 report with two RAs (RA is not once-only)")
    v("ra-after-eol", rawig(rep(G), G, opt=b"\0" + RA_B[:3]), "none",
      "igmp_no_router_alert opt_padding opt_empty",
      "v2 report whose RA sits after EOL, so it has none")
    v("ra-value-ffff-echo", echo(bytes.fromhex("9404ffff")), "none", "",
      "RA value 0xffff on ICMP")
    v("ra-value-ffff-igmp", rawig(q2(), "224.0.0.1",
                                  opt=bytes.fromhex("9404ffff")),
      "none", "opt_ra_value", "RA value 0xffff on a query")
    v("ra-len-2", echo(bytes.fromhex("9402")), "opt_ra_length", "",
      "RA length 2")
    v("ra-len-5-igmp", rawig(rep(G), G, opt=bytes.fromhex("9405000000")),
      "none", "opt_ra_long", "RA length 5 on a v2 report: still an RA")
    v("ra-len-3-igmp", rawig(rep(G), G, opt=bytes.fromhex("94030000")),
      "opt_ra_length", "", "RA length 3 on a v2 report: value cut short")
    v("ra-len-8-igmp", rawig(rep(G), G, opt=bytes.fromhex("9408") +
                             b"\0" * 6),
      "none", "opt_ra_long", "RA length 8 on a v2 report")
    v("ra-len-6-value-1-igmp", rawig(rep(G), G,
                                     opt=bytes.fromhex("940600010000")),
      "none", "opt_ra_long opt_ra_value",
      "RA length 6 with value 1 on a v2 report")
    v("ra-len-40", echo(b"\x94\x28" + b"\0" * 38), "none", "opt_ra_long",
      "RA filling the 40-byte option area")
    v("unknown-type", rawig(rep(G, 0x42), G), "none", "igmp_unknown_type",
      "IGMP type 0x42")
    v("unknown-type-ttl64-no-ra", rawig(rep(G, 0x42), G, opt=b"", ttl=64),
      "none", "igmp_unknown_type",
      "type 0x42, TTL 64, no RA: not a membership message")
    for typ, name in ((0x13, "dvmrp"), (0x14, "pimv1"),
                      (0x1e, "mtrace-resp"), (0x1f, "mtrace")):
        v(name, rawig(bytes([typ]) + b"\0\0\0" + A("0.0.0.0") + b"\0" * 16,
                      H, opt=b"", ttl=64), "none", "",
          "IGMP type 0x%02x, unicast, TTL 64, no RA" % typ)
    for typ, name in ((0x30, "mrd-adv"), (0x31, "mrd-sol"),
                      (0x32, "mrd-term")):
        v(name, rawig(bytes([typ]) + b"\x14\0\0" + b"\0" * 4,
                      "224.0.0.106"), "none", "",
          "multicast router discovery type 0x%02x" % typ)
    v("dst-rep-224.0.0.1", rawig(rep(G), "224.0.0.1"), "none", "igmp_dst",
      "v2 report for 239.1.2.3 sent to 224.0.0.1")
    v("dst-rep-unicast", rawig(rep(G), H), "none", "",
      "v2 report to the host (RFC 3376 4.2.14 MUST accept)")
    v("dst-v1rep-other-group", rawig(rep(G, 0x12), "239.9.9.9"), "none",
      "igmp_dst", "v1 report sent to another group")
    v("dst-leave-group", rawig(rep(G, 0x17), G), "none", "igmp_dst",
      "leave sent to the group, not 224.0.0.2")
    v("dst-gq-224.0.0.2", rawig(q2(), "224.0.0.2"), "none", "igmp_dst",
      "general query sent to 224.0.0.2")
    v("dst-gsq-224.0.0.1", rawig(q2(G, 10), "224.0.0.1"), "none", "igmp_dst",
      "group-specific query sent to 224.0.0.1")
    # RFC 3376 7.1: 8 bytes and code 0 make a v1 query, whose group field
    # RFC 1112 says to ignore (Linux zeroes it), so it is a general query
    # and 224.0.0.1 is the destination the RFC names.
    v("dst-v1q-group-set", rawig(q2(G, 0), "224.0.0.1", opt=b""), "none", "",
      "v1 query with a group in its ignored field, sent to 224.0.0.1")
    v("dst-v1q-224.0.0.2", rawig(q2(mrt=0), "224.0.0.2", opt=b""), "none",
      "igmp_dst", "v1 query sent to 224.0.0.2")
    # The same rule: an ignored field cannot be malformed.
    v("v1q-group-unicast", rawig(q2("10.1.2.3", 0), "224.0.0.1", opt=b""),
      "none", "", "v1 query whose ignored group field is 10.1.2.3")
    v("v2q-group-unicast", rawig(q2("10.1.2.3", 100), "224.0.0.1"),
      "igmp_query_group", "", "v2 query whose group is 10.1.2.3")
    v("dst-gq-broadcast", rawig(q2(), "255.255.255.255"), "none", "",
      "general query to limited broadcast (not multicast)")
    v("dst-v3r-224.0.0.1", rawig(r3(rec(1, G)), "224.0.0.1"), "none",
      "igmp_dst", "v3 report to 224.0.0.1")
    # Section 6 V3R-4: a v3 report goes to 224.0.0.22; RFC 3376 4.2.14
    # allows any address only for v1/v2 reports.
    v("dst-v3r-unicast", rawig(r3(rec(1, G)), H), "none", "igmp_dst",
      "v3 report to the host's unicast address")


def policy():
    """Fragments, TTL, sources, source routes and how they combine."""
    v("frag-mf", rawig(rep(G), G, frag=0x2000), "igmp_fragment", "",
      "v2 report with MF")
    v("frag-offset", rawig(rep(G), G, frag=0x0001), "igmp_fragment", "",
      "v2 report at fragment offset 8")
    v("frag-df", rawig(rep(G), G, frag=0x4000), "none", "",
      "v2 report with DF: not a fragment")
    v("frag-reserved-bit", rawig(rep(G), G, frag=0x8000), "none", "",
      "v2 report with the reserved flag: not a fragment")
    v("frag-echo", echo(b"", frag=0x2000), "none", "",
      "fragmented ICMP: the fragment rule is for IGMP")
    v("frag-4-bytes", rawig(b"\x16\0\0\0", G, frag=0x2000), "igmp_fragment",
      "", "first fragment of 4 bytes: not parsed")
    v("frag-src-loopback", rawig(rep(G), G, frag=0x2000, src="127.0.0.1"),
      "igmp_fragment", "igmp_source", "fragment from 127.0.0.1")
    v("frag-bad-option", rawig(rep(G), G, frag=0x2000, opt=b"\x07\x00"),
      "opt_length", "", "fragment with an RR of length 0")
    v("frag-lsrr", rawig(rep(G), G, frag=0x2000,
                         opt=RA_B + opt_rr(7, 4, 0x83)),
      "igmp_fragment", "opt_source_route", "fragment with LSRR")
    v("ttl-2-v1-report", rawig(rep(G, 0x12), G, ttl=2, opt=b""), "igmp_ttl",
      "", "v1 report with TTL 2")
    v("ttl-255-v3-report", rawig(r3(rec(1, G)), "224.0.0.22", ttl=255),
      "igmp_ttl", "", "v3 report with TTL 255")
    v("ttl-0-leave", rawig(rep(G, 0x17), "224.0.0.2", ttl=0), "igmp_ttl", "",
      "leave with TTL 0")
    v("ttl-64-v1-query", bytes(IP(src=S, dst="224.0.0.1", ttl=64, proto=2) /
                               Raw(ig(q2(mrt=0)))),
      "igmp_ttl", "", "v1 query with TTL 64")
    v("ttl-64-no-ra", rawig(rep(G), G, ttl=64, opt=b""), "igmp_ttl",
      "igmp_no_router_alert", "v2 report, TTL 64, no RA")
    v("ttl-64-src-0.1.2.3", rawig(q2(), "224.0.0.1", ttl=64, src="0.1.2.3"),
      "igmp_ttl", "igmp_source", "query from 0.1.2.3 with TTL 64")
    for src in ("127.0.0.1", "0.1.2.3", "224.0.0.5", "239.1.2.3",
                "255.255.255.255"):
        v("src-" + src, rawig(rep(G), G, src=src), "igmp_source", "",
          "v2 report from %s" % src)
    v("src-0.0.0.0-report", rawig(rep(G), G, src="0.0.0.0"), "none", "",
      "v2 report from 0.0.0.0 (RFC 3376 4.2.13)")
    # Not per spec section 6 IP-2, which allows 0.0.0.0 for reports only:
    # snooping switches query from 0.0.0.0 (RFC 4541 2.1.1) and so does the
    # Linux bridge by default, so dropping these would break real networks.
    v("src-0.0.0.0-query", rawig(q2(), "224.0.0.1", src="0.0.0.0"), "none",
      "", "general query from 0.0.0.0, as snooping switches send")
    v("src-240.0.0.1", rawig(rep(G), G, src="240.0.0.1"), "none", "",
      "v2 report from class E 240.0.0.1 (none of the forbidden kinds)")
    v("src-loopback-bad-csum", rawig(b"\x16\0\xde\xad" + A(G), G,
                                     src="127.0.0.1", csum=False),
      "igmp_checksum", "igmp_source", "bad checksum from 127.0.0.1")
    v("src-loopback-unknown-type", rawig(rep(G, 0x42), G, src="127.0.0.1"),
      "igmp_source", "igmp_unknown_type", "type 0x42 from 127.0.0.1")
    v("src-loopback-dvmrp", rawig(rep("0.0.0.0", 0x13), H, opt=b"",
                                  src="127.0.0.2"),
      "igmp_source", "", "DVMRP from 127.0.0.2")
    v("lsrr-igmp", rawig(rep(G), G, opt=RA_B + opt_rr(7, 4, 0x83)),
      "opt_source_route", "", "v2 report with LSRR")
    v("lsrr-igmp-ttl-2", rawig(rep(G), G, ttl=2, opt=RA_B +
                               opt_rr(7, 4, 0x83)),
      "igmp_ttl", "opt_source_route", "LSRR and TTL 2: TTL is listed first")
    v("lsrr-igmp-bad-csum", rawig(b"\x16\0\xde\xad" + A(G), G, csum=False,
                                  opt=RA_B + opt_rr(7, 4, 0x83)),
      "igmp_checksum", "opt_source_route", "LSRR and a bad checksum")
    v("rr-igmp-src-loopback", rawig(rep(G), G, src="127.0.0.1",
                                    opt=RA_B + opt_rr(7, 4)),
      "igmp_source", "opt_record", "RR on a report from 127.0.0.1")


def route_options():
    """RR, LSRR and SSRR length, pointer and room limits (ICMP echo)."""
    rr = [  # length, pointer, reason, anomalies, why
        (2, 4, "opt_route", "", "length 2"),
        (3, 4, "none", "opt_record", "length 3, empty and full"),
        (7, 4, "none", "opt_record", "one slot, pointer at it"),
        (7, 5, "opt_route", "", "one slot, 3 bytes of room"),
        (7, 7, "opt_route", "", "one slot, 1 byte of room"),
        (7, 8, "none", "opt_record", "one slot, full"),
        (7, 9, "none", "opt_record opt_route_pointer", "pointer past len+1"),
        (7, 255, "none", "opt_record opt_route_pointer", "pointer 255"),
        (8, 4, "none", "opt_record opt_route_pointer", "length 8"),
        (8, 5, "none", "opt_record opt_route_pointer",
         "length 8, pointer 5: 4 bytes of room, unaligned"),
        (8, 6, "opt_route", "", "length 8, pointer 6: 3 bytes of room"),
        (11, 8, "none", "opt_record", "two slots, pointer at the second"),
        (11, 9, "opt_route", "", "two slots, 3 bytes of room"),
        (11, 12, "none", "opt_record", "two slots, full"),
        (39, 36, "none", "opt_record", "nine slots, pointer at the last"),
        (39, 37, "opt_route", "", "nine slots, 3 bytes of room"),
        (39, 40, "none", "opt_record", "nine slots, full"),
    ]
    for length, ptr, reason, an, why in rr:
        v("rr-len%d-ptr%d" % (length, ptr), echo(opt_rr(length, ptr)),
          reason, an, "RR: " + why)
    srr = [  # type, length, pointer, reason, anomalies, why
        (0x83, 3, 4, "opt_source_route", "", "LSRR length 3, empty"),
        (0x83, 7, 8, "opt_source_route", "", "LSRR exhausted"),
        (0x83, 7, 5, "opt_route", "", "LSRR partial room"),
        (0x83, 8, 4, "opt_source_route", "opt_route_pointer",
         "LSRR length 8"),
        (0x89, 7, 3, "opt_route", "", "SSRR pointer 3"),
        (0x89, 7, 4, "opt_source_route", "", "SSRR one hop"),
        (0x89, 2, 4, "opt_route", "", "SSRR length 2"),
    ]
    for typ, length, ptr, reason, an, why in srr:
        v("%s-len%d-ptr%d" % ("lsrr" if typ == 0x83 else "ssrr", length, ptr),
          echo(opt_rr(length, ptr, typ)), reason, an, why)
    v("ssrr-twice", echo(opt_rr(7, 4, 0x89) * 2), "opt_duplicate",
      "opt_source_route", "SSRR twice")
    v("lsrr-and-rr", echo(opt_rr(7, 4, 0x83) + opt_rr(7, 4)),
      "opt_source_route", "opt_record", "LSRR and RR")
    v("rr-then-bad-lsrr", echo(opt_rr(7, 4) + opt_rr(7, 3, 0x83)),
      "opt_route", "opt_record", "valid RR, then LSRR with pointer 3")


def timestamp_options():
    """TS length, pointer, flag, room and overflow (ICMP echo)."""
    ts = [  # length, pointer, flag, overflow, reason, anomalies, why
        (3, 5, 0, 0, "opt_timestamp", "", "length 3"),
        (4, 5, 0, 0, "none", "opt_record", "length 4, no room, full"),
        (4, 4, 0, 0, "opt_timestamp", "", "length 4, pointer 4"),
        (8, 5, 0, 0, "none", "opt_record", "flag 0, one slot"),
        (8, 6, 0, 0, "opt_timestamp", "", "flag 0, 3 bytes of room"),
        (8, 8, 0, 0, "opt_timestamp", "", "flag 0, 1 byte of room"),
        (8, 9, 0, 0, "none", "opt_record", "flag 0, full"),
        (8, 9, 0, 14, "none", "opt_record", "flag 0, full, overflow 14"),
        (8, 10, 0, 0, "none", "opt_record", "flag 0, pointer past len+1"),
        (12, 5, 1, 0, "none", "opt_record", "flag 1, one pair"),
        (12, 6, 1, 0, "opt_timestamp", "", "flag 1, 7 bytes of room"),
        (12, 9, 1, 0, "opt_timestamp", "", "flag 1, 4 bytes of room"),
        (12, 13, 1, 0, "none", "opt_record", "flag 1, full"),
        (12, 5, 3, 0, "none", "opt_record", "flag 3, one pair"),
        (12, 13, 3, 15, "none", "opt_record",
         "flag 3, full, overflow 15: a full prespecified list is not counted"),
        (12, 13, 3, 14, "none", "opt_record", "flag 3, full, overflow 14"),
        (12, 5, 3, 15, "none", "opt_record", "flag 3, room, overflow 15"),
        (12, 13, 1, 15, "opt_ts_overflow", "", "flag 1, full, overflow 15"),
        (12, 13, 1, 14, "none", "opt_record", "flag 1, full, overflow 14"),
        (12, 5, 2, 0, "none", "opt_ts_flag opt_record", "flag 2, room"),
        (12, 5, 4, 0, "none", "opt_ts_flag opt_record", "flag 4"),
        (12, 5, 15, 0, "none", "opt_ts_flag opt_record", "flag 15"),
        (4, 5, 2, 0, "none", "opt_ts_flag opt_record", "flag 2, length 4"),
        (8, 5, 2, 0, "none", "opt_ts_flag opt_record",
         "flag 2, room for one 4-byte stamp"),
        (8, 6, 2, 0, "opt_timestamp", "", "flag 2, 3 bytes of room"),
        (8, 9, 2, 14, "none", "opt_ts_flag opt_record",
         "flag 2, full, overflow 14"),
        (8, 9, 2, 15, "opt_ts_overflow", "",
         "flag 2, full, overflow 15: counted, as not prespecified"),
        (8, 9, 15, 15, "opt_ts_overflow", "", "flag 15, full, overflow 15"),
        (40, 37, 0, 0, "none", "opt_record", "length 40, last slot"),
        (40, 38, 0, 0, "opt_timestamp", "", "length 40, 3 bytes of room"),
        (40, 41, 0, 0, "none", "opt_record", "length 40, full"),
        (36, 29, 1, 0, "none", "opt_record", "flag 1, last of 4 pairs"),
        (36, 30, 1, 0, "opt_timestamp", "", "flag 1, 7 bytes of room"),
    ]
    for length, ptr, flag, oflw, reason, an, why in ts:
        v("ts-len%d-ptr%d-f%d-o%d" % (length, ptr, flag, oflw),
          echo(opt_ts(length, ptr, flag, oflw)), reason, an, "TS: " + why)
    v("ts-twice", echo(opt_ts(8, 5) * 2), "opt_duplicate", "opt_record",
      "TS twice")
    v("ts-on-igmp", rawig(rep(G), G, opt=RA_B + opt_ts(8, 5)), "none",
      "opt_record", "v2 report with RA and TS")


def other_options():
    """TLV lengths, security, CIPSO, unknown options, padding."""
    hx = bytes.fromhex
    tlv = [  # option bytes, reason, anomalies, id, why
        (hx("9e01"), "opt_length", "", "tlv-len-1", "length 1"),
        (hx("9e020000"), "none", "opt_unknown", "tlv-len-2", "length 2"),
        (hx("9e04abcd"), "none", "opt_unknown", "tlv-len-4-fits",
         "length 4 in a 4-byte area"),
        (hx("9e05abcd"), "opt_length", "", "tlv-len-5-over",
         "length 5 in a 4-byte area"),
        (hx("9e03ab00"), "none", "opt_unknown", "tlv-len-3-eol",
         "length 3 then EOL"),
        (b"\x9e\x28" + b"\xaa" * 38, "none", "opt_unknown", "tlv-len-40",
         "length 40 in a 40-byte area"),
        (b"\x9e\x29" + b"\xaa" * 38, "opt_length", "", "tlv-len-41",
         "length 41 in a 40-byte area"),
        (hx("9eff"), "opt_length", "", "tlv-len-255", "length 255"),
        (hx("0101019e"), "opt_truncated", "", "tlv-type-last",
         "type byte alone at the end"),
        (hx("01019e02"), "none", "opt_unknown", "tlv-two-left",
         "type and length 2 in the last two bytes"),
        (hx("0b04abcd"), "none", "opt_unknown", "opt-mtu-probe",
         "MTU probe (obsolete)"),
        (hx("520c") + b"\0" * 10, "none", "opt_unknown", "opt-traceroute",
         "traceroute (obsolete)"),
        (hx("de04abcd"), "none", "opt_unknown", "opt-exp-222",
         "RFC 4727 experiment 222"),
        (hx("ff02"), "none", "opt_unknown", "opt-type-255", "type 255"),
        (hx("80020000"), "none", "opt_unknown", "opt-copied-eol",
         "type 0x80: EOL number with the copied bit, a TLV"),
        (hx("88041234") * 2, "none", "opt_unknown", "sid-twice",
         "stream ID twice: obsolete, ignored (RFC 1122 3.2.1.8)"),
        (hx("88041234820300880412340000"), "none", "opt_unknown",
         "sid-sec-sid", "stream ID, security, stream ID"),
        (hx("1908") + b"\0" * 6, "none", "", "opt-quick-start",
         "Quick-Start (RFC 4782), ignored"),
        (hx("8202"), "opt_security", "", "sec-len-2", "security length 2"),
        (hx("820300"), "none", "", "sec-len-3", "security length 3 (RFC 1108)"),
        (hx("820b") + b"\0" * 9, "none", "", "sec-len-11",
         "security length 11 (RFC 791)"),
        (hx("820300") * 2, "opt_duplicate", "", "sec-twice", "security twice"),
        (hx("820b") + b"\0" * 9 + hx("820300"), "opt_duplicate", "",
         "sec-791-then-1108", "security twice, RFC 791 then RFC 1108 form"),
        (hx("8502"), "opt_security", "", "eso-len-2", "ESO length 2"),
        (hx("850300") * 2, "none", "", "eso-twice",
         "ESO twice (not once-only)"),
        (hx("01000000"), "none", "", "eol-after-nop", "NOP then EOL"),
        (hx("0100dead"), "none", "opt_padding", "pad-after-nop-eol",
         "NOP, EOL, then garbage"),
        (RA_B + hx("00000001"), "none", "opt_padding", "pad-last-byte",
         "RA, EOL, one non-zero byte at the very end"),
        (hx("00000000") * 10, "none", "opt_empty", "eol-40",
         "40 bytes of EOL"),
        (hx("07000000") + RA_B, "opt_length", "", "bad-then-ra",
         "zero-length RR then RA: the walk stops at the RR"),
    ]
    for opt, reason, an, vid, why in tlv:
        v(vid, echo(opt), reason, an, why)
    cip = [  # option bytes, reason, id, why
        (cipso(10, tags=hx("01040000")), "none", "cipso-len10",
         "one 4-byte tag"),
        (cipso(7) + b"\0", "opt_cipso", "cipso-len7", "length 7"),
        (cipso(8, tags=hx("0102")), "opt_cipso", "cipso-len8",
         "length 8: no room for a tag"),
        (cipso(10, doi=0, tags=hx("01040000")), "opt_cipso", "cipso-doi0",
         "DOI 0"),
        (cipso(10, tags=hx("01030000")), "opt_cipso", "cipso-tag-len3",
         "tag length 3"),
        (cipso(10, tags=hx("01050000")), "opt_cipso", "cipso-tag-over",
         "tag length one past the option"),
        (cipso(10, tags=hx("00040000")), "opt_cipso", "cipso-tag-type0",
         "tag type 0"),
        (cipso(14, tags=hx("01040000") + hx("07040000")), "none",
         "cipso-two-tags", "two 4-byte tags"),
        (cipso(12, tags=hx("050600000000")), "none", "cipso-tag-6",
         "one 6-byte tag filling the option"),
        (cipso(11, tags=hx("0104000000")), "opt_cipso", "cipso-tail-1",
         "one byte left after the tag"),
        (cipso(12, tags=hx("01040000") + hx("0104")), "opt_cipso",
         "cipso-tail-2", "a second tag with only 2 bytes"),
        (cipso(40, tags=b"\x01\x22" + b"\0" * 32), "none", "cipso-len40",
         "40-byte option, one 34-byte tag"),
        (cipso(10, tags=hx("01040000")) * 2, "opt_duplicate", "cipso-twice",
         "CIPSO twice"),
    ]
    for opt, reason, vid, why in cip:
        v(vid, echo(opt), reason, "", "CIPSO: " + why)


def option_areas():
    """Every option area length 0..40: valid and malformed variants."""
    v("optarea-0-igmp", rawig(rep(G), G, opt=b""), "none",
      "igmp_no_router_alert", "v2 report with no options")
    v("optarea-0-echo", echo(b""), "none", "", "echo with no options")
    for n in range(4, 41, 4):
        v("optarea-nop-%d" % n, rawig(rep(G), G, opt=RA_B + b"\x01" *
                                      (n - 4)), "none", "",
          "v2 report, %d-byte area: RA + NOPs" % n)
        if n >= 8:
            v("optarea-rr-%d" % n, rawig(rep(G), G, opt=RA_B + b"\x01" +
                                         opt_rr(n - 5, 4)),
              "none", "opt_record",
              "v2 report, %d-byte area: RA + NOP + RR of %d" % (n, n - 5))
        head = RA_B if n >= 8 else b""
        v("optarea-trunc-%d" % n,
          rawig(rep(G), G, opt=head + b"\x01" * (n - len(head) - 1) +
                b"\x07"),
          "opt_truncated", "",
          "v2 report, %d-byte area ending in a lone RR type" % n)
        if n == 4:
            over = b"\x07\x05\x04\x00"
        else:
            over = RA_B + b"\x01" + bytes([7, n - 4, 4]) + b"\0" * (n - 8)
        v("optarea-over-%d" % n, rawig(rep(G), G, opt=over), "opt_length", "",
          "v2 report, %d-byte area, RR one byte longer than the area" % n)


# --- output ------------------------------------------------------------------

SRC_MAC = bytes.fromhex("020000000009")
HOST_MAC = bytes.fromhex("020000000050")
TS0 = 1700000000


def dst_mac(l3):
    if len(l3) < 20:
        return HOST_MAC
    d = struct.unpack("!I", l3[16:20])[0]
    if d >> 28 == 0xe:
        return bytes.fromhex("01005e") + struct.pack("!I", d & 0x7fffff)[1:]
    if d == 0xffffffff:
        return b"\xff" * 6
    return HOST_MAC


def dst_mac6(l3):
    """RFC 2464 7: 33:33 and the last 4 bytes of a multicast destination."""
    if len(l3) >= 40 and l3[24] == 0xff:
        return b"\x33\x33" + l3[36:40]
    return HOST_MAC


ETH_P_IPV6 = 0x86dd


def ether(l3, pad=True, tags=(), etype=0x0800):
    """Ethernet frame; tags are (tpid, tci) pairs, outermost first."""
    f = (dst_mac6(l3) if etype == ETH_P_IPV6 else dst_mac(l3)) + SRC_MAC
    for tpid, tci in tags:
        f += struct.pack("!HH", tpid, tci)
    f += struct.pack("!H", etype) + l3
    if pad and len(f) < 60:
        f += b"\0" * (60 - len(f))
    return f


def sll(l3, proto=0x0800, pkttype=2):
    return (struct.pack("!HHH", pkttype, 1, 6) + SRC_MAC + b"\0\0" +
            struct.pack("!H", proto) + l3)


def sll2(l3, proto=0x0800, pkttype=2):
    return (struct.pack("!HHIHBB", proto, 0, 2, 1, pkttype, 6) + SRC_MAC +
            b"\0\0" + l3)


def pcap_bytes(linktype, frames):
    """Classic pcap; frames are bytes or (bytes, original length)."""
    out = [struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, linktype)]
    for i, fr in enumerate(frames):
        data, orig = fr if isinstance(fr, tuple) else (fr, len(fr))
        out.append(struct.pack("<IIII", TS0 + i, 0, len(data), orig) + data)
    return b"".join(out)


def pcapng_bytes(linktype, frames):
    def block(btype, body):
        body += b"\0" * (-len(body) % 4)
        n = 12 + len(body)
        return struct.pack("<II", btype, n) + body + struct.pack("<I", n)
    out = [block(0x0a0d0d0a, struct.pack("<IHHq", 0x1a2b3c4d, 1, 0, -1)),
           block(1, struct.pack("<HHI", linktype, 0, 65535))]
    for i, fr in enumerate(frames):
        data, orig = fr if isinstance(fr, tuple) else (fr, len(fr))
        ts = (TS0 + i) * 1000000
        out.append(block(6, struct.pack("<IIIII", 0, ts >> 32,
                                        ts & 0xffffffff, len(data), orig) +
                         data))
    return b"".join(out)


LINKTYPE_ETHERNET = 1
LINKTYPE_RAW = 101
LINKTYPE_SLL = 113
LINKTYPE_IPV4 = 228
LINKTYPE_IPV6 = 229
LINKTYPE_SLL2 = 276
LINKTYPE_FRELAY = 107
LINKTYPE_PPP = 9


def encaps(vecs):
    """The vectors under every other link layer: file name -> bytes."""
    l3s = [x.l3 for x in vecs]
    q = (0x8100, 0x0064)
    return {
        "vlan.pcap": pcap_bytes(LINKTYPE_ETHERNET,
                                [ether(x.l3, x.pad, [q]) for x in vecs]),
        "qinq.pcap": pcap_bytes(LINKTYPE_ETHERNET,
                                [ether(x.l3, x.pad, [(0x88a8, 0x0005), q])
                                 for x in vecs]),
        "sll.pcap": pcap_bytes(LINKTYPE_SLL, [sll(x) for x in l3s]),
        "sll2.pcap": pcap_bytes(LINKTYPE_SLL2, [sll2(x) for x in l3s]),
        "raw.pcap": pcap_bytes(LINKTYPE_RAW, l3s),
        "ipv4.pcap": pcap_bytes(LINKTYPE_IPV4, l3s),
        "ether.pcapng": pcapng_bytes(LINKTYPE_ETHERNET,
                                     [ether(x.l3, x.pad) for x in vecs]),
    }


def encaps6(vecs):
    """The IPv6 vectors under the same link layers; LINKTYPE_IPV6 stands
    for LINKTYPE_IPV4."""
    l3s = [x.l3 for x in vecs]
    q = (0x8100, 0x0064)
    e6 = ETH_P_IPV6
    return {
        "v6-vlan.pcap": pcap_bytes(LINKTYPE_ETHERNET,
                                   [ether(x.l3, x.pad, [q], e6)
                                    for x in vecs]),
        "v6-qinq.pcap": pcap_bytes(LINKTYPE_ETHERNET,
                                   [ether(x.l3, x.pad, [(0x88a8, 0x0005), q],
                                          e6) for x in vecs]),
        "v6-sll.pcap": pcap_bytes(LINKTYPE_SLL, [sll(x, e6) for x in l3s]),
        "v6-sll2.pcap": pcap_bytes(LINKTYPE_SLL2, [sll2(x, e6) for x in l3s]),
        "v6-raw.pcap": pcap_bytes(LINKTYPE_RAW, l3s),
        "v6-ipv6.pcap": pcap_bytes(LINKTYPE_IPV6, l3s),
        "v6-ether.pcapng": pcapng_bytes(LINKTYPE_ETHERNET,
                                        [ether(x.l3, x.pad, etype=e6)
                                         for x in vecs]),
    }


def decode_cases():
    """Frames that must be skipped, or validated despite an odd wrapping.

    Returns {file: (bytes, [expected output line per frame])}.
    """
    rep_l3 = rawig(rep(G), G)                      # passes
    lsrr_l3 = echo(opt_rr(7, 4, 0x83))             # drops opt_source_route
    def mpls(n):
        """n labels, the last with bottom-of-stack set."""
        return b"".join(struct.pack("!I", (16 + i) << 12 | (i == n - 1) << 8 |
                                    64) for i in range(n))
    arp = bytes.fromhex("0001080006040001") + SRC_MAC + A(S) + b"\0" * 6 + A(H)
    ip6 = bytes.fromhex("6000000000083a01") + b"\0" * 32 + b"\x80" * 8
    ip6_seen = "drop ip6_address -"    # judged now: its destination is ::
    eth = [
        (ether(arp, etype=0x0806), "skipped not-ip"),
        (ether(ip6, etype=0x86dd), ip6_seen),
        (HOST_MAC + SRC_MAC + struct.pack("!H", 46) + b"\xaa" * 46,
         "skipped not-ip"),                        # 802.3 length field
        (ether(rep_l3, tags=[(0x9100, 1), (0x88a8, 2), (0x8100, 3)]),
         "pass none -"),
        (ether(lsrr_l3, tags=[(0x8100, 7)]), "drop opt_source_route -"),
        (ether(ip6, tags=[(0x8100, 7)], etype=0x86dd), ip6_seen),
        (HOST_MAC + SRC_MAC[:4], "skipped short-frame"),
        (HOST_MAC + SRC_MAC + b"\x81\x00\x00", "skipped short-frame"),
        ((ether(rep_l3)[:12], 60), "skipped truncated-capture"),
        ((ether(rep_l3)[:30], 60), "skipped truncated-capture"),
        ((ether(rep_l3)[:40], 60), "skipped truncated-capture"),
        ((ether(lsrr_l3)[:44], 60), "drop opt_source_route -"),
        ((ether(echo(b""))[:34], 60), "pass none -"),
        ((ether(rep_l3, tags=[(0x8100, 1)])[:16], 64),
         "skipped truncated-capture"),
        (ether(mpls(1) + lsrr_l3, etype=0x8847), "drop opt_source_route -"),
        (ether(mpls(3) + rep_l3, tags=[(0x8100, 9)], etype=0x8847),
         "pass none -"),
        (ether(mpls(1) + ip6, etype=0x8848), ip6_seen),
        (ether(mpls(2)[:6], etype=0x8847, pad=False), "skipped short-frame"),
        (ether(mpls(1), etype=0x8847, pad=False), "skipped short-frame"),
    ]
    sll_f = [
        (sll(ip6, 0x86dd), ip6_seen),
        (sll(struct.pack("!HH", 5, 0x0800) + rep_l3, 0x8100), "pass none -"),
        (sll(rep_l3)[:10], "skipped short-frame"),
        (sll(lsrr_l3), "drop opt_source_route -"),
    ]
    sll2_f = [
        (sll2(ip6, 0x86dd), ip6_seen),
        (sll2(rep_l3)[:19], "skipped short-frame"),
        (sll2(lsrr_l3), "drop opt_source_route -"),
    ]
    raw_f = [
        (ip6, ip6_seen),
        (b"", "skipped short-frame"),
        (rep_l3, "pass none -"),
        ((rep_l3[:20], len(rep_l3)), "skipped truncated-capture"),
    ]
    dlci = b"\x18\x41"                           # two-octet Q.922 address
    fr_f = [
        (dlci + b"\x03\xcc" + rep_l3, "pass none -"),
        (dlci + b"\x03\x00\x80\x00\x00\x00\x08\x00" + lsrr_l3,
         "drop opt_source_route -"),                  # RFC 2427 SNAP
        (b"\x80\xea\x9d\x08\x00" + rep_l3, "pass none -"),  # Cisco, 3 octets
        (dlci + b"\x03\x8e" + ip6, ip6_seen),
        (dlci + b"\x86\xdd" + ip6, ip6_seen),
        (dlci + b"\x03", "skipped short-frame"),
        (b"\0" * 4 + b"\x03\xcc" + rep_l3, "skipped not-ip"),  # no EA bit
    ]
    ppp_f = [(b"\xff\x03\x00\x21" + rep_l3, "skipped unsupported-link")]
    files = {
        "decode-ether.pcap": (LINKTYPE_ETHERNET, eth),
        "decode-sll.pcap": (LINKTYPE_SLL, sll_f),
        "decode-sll2.pcap": (LINKTYPE_SLL2, sll2_f),
        "decode-raw.pcap": (LINKTYPE_RAW, raw_f),
        "decode-frelay.pcap": (LINKTYPE_FRELAY, fr_f),
        "decode-ppp.pcap": (LINKTYPE_PPP, ppp_f),
    }
    return {name: (pcap_bytes(lt, [f for f, _ in fr]),
                   ["%d %s" % (i, e) for i, (_, e) in enumerate(fr, 1)])
            for name, (lt, fr) in files.items()}


def build():
    """Both lists, IPv4 and IPv6, checked."""
    VECS.clear()
    VECS6.clear()
    spec_igmp()
    spec_options()
    spec_valid()
    ip_header()
    igmp_lengths()
    v3_query_bounds()
    v3_report_bounds()
    igmp_types()
    policy()
    route_options()
    timestamp_options()
    other_options()
    option_areas()
    vectors6.build(v6)
    sanity(VECS, VECS6)
    return VECS, VECS6


def drops_by_default(reason):
    """Malformed reasons and the policy ones whose knob defaults to Y."""
    return CLASS[reason] == "malformed" or (CLASS[reason] == "policy" and
                                            reason not in DEFAULT_OFF)


def sanity(vecs, vecs6):
    """Check the hand-written expectations against the policy semantics
    (not against the validator) and that every reason has a vector in the
    file of its family."""
    ids = set()
    errors = []
    for fam, lst in ((4, vecs), (6, vecs6)):
        for x in lst:
            if x.id in ids:
                errors.append("%s: duplicate id" % x.id)
            ids.add(x.id)
            if x.reason != "none" and not drops_by_default(x.reason):
                errors.append("%s: %s passes by default" % (x.id, x.reason))
            for a in x.anoms:
                # A policy reason that drops by default and did not decide
                # must have lost to a malformed or a lower policy one.
                if CLASS[a] == "policy" and drops_by_default(a) and (
                        x.reason == "none" or
                        (CLASS[x.reason] == "policy" and
                         ORDER[a] < ORDER[x.reason])):
                    errors.append("%s: policy %s would drop" % (x.id, a))
                if CLASS[a] == "malformed":
                    errors.append("%s: malformed %s is no anomaly" % (x.id, a))
                if a == x.reason:
                    errors.append("%s: %s twice" % (x.id, a))
            for n in [x.reason] + x.anoms:
                if n != "none" and family(n) != fam:
                    errors.append("%s: %s is not an IPv%d reason" %
                                  (x.id, n, fam))
            if len(x.l3) > 1500:
                errors.append("%s: %d bytes exceeds 1500" % (x.id, len(x.l3)))
            if ((x.id == "B1" or "-max-" in x.id) and len(x.l3) != 1500):
                errors.append("%s: %d bytes, not a full 1500" %
                              (x.id, len(x.l3)))
        if len(lst) < 200:
            errors.append("only %d IPv%d vectors" % (len(lst), fam))
    for name, cls in REASONS:
        # A reason that drops by default must decide some vector; any
        # other must show up on a vector that passes.
        lst = vecs6 if family(name) == 6 else vecs
        if drops_by_default(name):
            ok = any(x.reason == name for x in lst)
        else:
            ok = any(name in x.anoms and x.reason == "none" for x in lst)
        if not ok:
            errors.append("reason %s (%s) has no IPv%d vector" %
                          (name, cls, family(name)))
    if errors:
        sys.exit("gen-vectors: " + "\n  ".join(errors))


def tsv_bytes(vecs):
    rows = ["index\tid\tverdict\treason\tanomalies\tdescription"]
    for i, x in enumerate(vecs, 1):
        rows.append("\t".join([str(i), x.id,
                               "pass" if x.reason == "none" else "drop",
                               x.reason, ",".join(x.anoms) or "-", x.desc]))
    return ("\n".join(rows) + "\n").encode()


def write(outdir):
    vecs, vecs6 = build()
    os.makedirs(os.path.join(outdir, "encap"), exist_ok=True)
    files = {"vectors.pcap": pcap_bytes(LINKTYPE_ETHERNET,
                                        [ether(x.l3, x.pad) for x in vecs]),
             "vectors.tsv": tsv_bytes(vecs),
             "vectors6.pcap": pcap_bytes(LINKTYPE_ETHERNET,
                                         [ether(x.l3, x.pad, etype=ETH_P_IPV6)
                                          for x in vecs6]),
             "vectors6.tsv": tsv_bytes(vecs6)}
    for name, data in list(encaps(vecs).items()) + list(encaps6(vecs6)
                                                        .items()):
        files["encap/" + name] = data
    exp = []
    for name, (data, lines) in decode_cases().items():
        files["encap/" + name] = data
        exp += ["%s\t%s" % (name, line) for line in lines]
    files["encap/decode.expected"] = ("\n".join(exp) + "\n").encode()
    for name, data in files.items():
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)
    return sorted(files), len(vecs) + len(vecs6)


# --- modes ---------------------------------------------------------------------

def check(outdir):
    with tempfile.TemporaryDirectory() as tmp:
        names, _ = write(tmp)
        bad = [n for n in names
               if not os.path.exists(os.path.join(outdir, n)) or
               not filecmp.cmp(os.path.join(tmp, n), os.path.join(outdir, n),
                               shallow=False)]
        extra = sorted(set(os.listdir(os.path.join(outdir, "encap"))) -
                       {n[len("encap/"):] for n in names
                        if n.startswith("encap/")})
    for n in bad:
        print("gen-vectors: %s differs from a fresh run" % n)
    for n in extra:
        print("gen-vectors: encap/%s is not generated" % n)
    return 1 if bad or extra else 0


def verify_json(outdir, binary, pcap, want, ids, num):
    """The --json report of @pcap must say what the text one does."""
    p = subprocess.run([binary, "check", "--json",
                        os.path.join(outdir, pcap)],
                       capture_output=True, text=True)
    bad = []
    try:
        doc = json.loads(p.stdout)
        frames = doc["files"][0]["frames"]
        for fr in frames:
            got = "%s %s %s" % (fr["verdict"], fr["reason"],
                                ",".join(fr["anomalies"]) or "-")
            if got != want.get(fr["index"]):
                bad.append("%d %s: want %s, got %s" %
                           (fr["index"], ids.get(fr["index"]),
                            want.get(fr["index"]), got))
        if len(frames) != len(want):
            bad.append("%d frames for %d vectors" % (len(frames), len(want)))
    except (ValueError, KeyError, IndexError, TypeError) as e:
        bad.append("bad JSON: %r" % e)
    print("%s %d - %s --json" % ("not ok" if bad else "ok", num, pcap))
    for b in bad:
        print("#   " + b)
    return int(bool(bad))


def read_tsv(path):
    """{index: "verdict reason anomalies"}, {index: id} of a sidecar."""
    with open(path) as f:
        rows = [r.rstrip("\n").split("\t") for r in f][1:]
    return ({int(r[0]): "%s %s %s" % (r[2], r[3], r[4]) for r in rows},
            {int(r[0]): r[1] for r in rows})


def verify(outdir, binary):
    """TAP: igmpguardctl's verdicts against the expectations."""
    want, ids = read_tsv(os.path.join(outdir, "vectors.tsv"))
    want6, ids6 = read_tsv(os.path.join(outdir, "vectors6.tsv"))
    vecs, vecs6 = build()
    tests = [("vectors.pcap", want, ids), ("vectors6.pcap", want6, ids6)]
    for name in sorted(encaps([])):
        exp = dict(want)
        if name == "raw.pcap":
            # Raw IP has no EtherType: the version nibble says what the
            # packet is. Version 6 makes it IPv6, whose verdicts are
            # vectors6's business; any other is no IP at all.
            exp.update({i: None if x.l3[0] >> 4 == 6 else "skipped not-ip"
                        for i, x in enumerate(vecs, 1)
                        if x.l3[0] >> 4 != 4})
        tests.append(("encap/" + name, exp, ids))
    for name in sorted(encaps6([])):
        exp = dict(want6)
        if name == "v6-raw.pcap":
            # The same: version 4 is vectors.tsv's business, any other
            # but 6 no IP.
            exp.update({i: None if x.l3[0] >> 4 == 4 else "skipped not-ip"
                        for i, x in enumerate(vecs6, 1)
                        if x.l3[0] >> 4 != 6})
        tests.append(("encap/" + name, exp, ids6))
    dec = {}
    with open(os.path.join(outdir, "encap", "decode.expected")) as f:
        for line in f:
            name, exp = line.rstrip("\n").split("\t")
            dec.setdefault("encap/" + name, []).append(exp)
    tests += [(n, e, {}) for n, e in sorted(dec.items())]
    print("TAP version 13")
    print("1..%d" % (len(tests) + 2))
    failed = 0
    for num, (name, expected, names) in enumerate(tests, 1):
        path = os.path.join(outdir, name)
        p = subprocess.run([binary, "check", path], capture_output=True,
                           text=True)
        lines = [ln for ln in p.stdout.splitlines()
                 if ln.split(" ", 1)[0].isdigit()]
        bad = []
        if isinstance(expected, dict):
            got = {}
            for ln in lines:
                idx, rest = ln.split(" ", 1)
                got[int(idx)] = rest
            for i in sorted(expected):
                if expected[i] is not None and got.get(i) != expected[i]:
                    bad.append("%d %s: want %s, got %s" %
                               (i, names[i], expected[i], got.get(i)))
            if len(got) != len(expected):
                bad.append("%d lines for %d vectors" % (len(got),
                                                        len(expected)))
        elif lines != expected:
            bad = ["want %s, got %s" % (e, g)
                   for e, g in zip_longest(expected, lines) if e != g]
        if p.returncode != 0:
            bad.append("exit %d: %s" % (p.returncode, p.stderr.strip()))
        print("%s %d - %s" % ("not ok" if bad else "ok", num, name))
        for b in bad:
            print("#   " + b)
        failed += bool(bad)
    failed += verify_json(outdir, binary, "vectors.pcap", want, ids,
                          len(tests) + 1)
    failed += verify_json(outdir, binary, "vectors6.pcap", want6, ids6,
                          len(tests) + 2)
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(TOP, "tests", "vectors"),
                    help="output directory (default tests/vectors)")
    ap.add_argument("--check", action="store_true",
                    help="compare a fresh run with the files in --out")
    ap.add_argument("--verify", metavar="BIN",
                    help="run BIN check on the files and compare (TAP)")
    args = ap.parse_args()
    if args.check:
        return check(args.out)
    if args.verify:
        return verify(args.out, args.verify)
    names, n = write(args.out)
    print("gen-vectors: %d vectors, %d files in %s" % (n, len(names),
                                                      args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
