#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Fragmented IGMP, and fragments that are not IGMP.

igmpguard hooks PRE_ROUTING ahead of defragmentation, so it judges each
fragment as it arrives. A fragment of an IGMP datagram cannot be parsed on
its own: it is a policy finding (igmp_fragment, knob drop_fragments).

  drop_fragments=Y  every fragment of an IGMP datagram is dropped and
                    counted, even when the reassembled datagram would be a
                    valid query: in order, out of order, or with a first
                    fragment holding only the IGMP header
  drop_fragments=N  every fragment passes with igmp_fragment counted as a
                    finding; the stack reassembles the datagram, and the
                    local in hook validates it whole: delivered when
                    valid, dropped with its own reason when not
  monitor mode      the fragments are counted as monitored and delivered,
                    and so is the reassembled datagram when malformed
  enabled=0         delivered, nothing counted
  other protocols   fragmented ICMP is not the fragment rule's business:
                    delivered, nothing but packets_seen counted
  malformed options in a fragment drop it whatever drop_fragments says

Delivery of the reassembled datagram is seen by a raw socket in the
protected namespace.
"""

import os
import struct

import igg

G = "239.1.2.3"
RA = b"\x94\x04\x00\x00"


def v3_query(n, claimed=None, csum_xor=0):
    """A v3 group-and-source-specific query with @n sources: valid, unless
    its source count says @claimed or its checksum is off by @csum_xor."""
    srcs = b"".join(struct.pack("!BBBB", 10, 0, i // 256, i % 256 + 1)
                    for i in range(n))
    msg = igg.with_csum(b"\x11\x64\0\0" + igg.aton(G) + b"\x02\x7d" +
                        struct.pack("!H", n if claimed is None else claimed) +
                        srcs)
    csum = struct.unpack("!H", msg[2:4])[0] ^ csum_xor
    msg = msg[:2] + struct.pack("!H", csum) + msg[4:]
    return igg.ipv4(igg.PEER_ADDR, G, 2, msg, ttl=1, tos=0xc0, opts=RA)


def conntrack(ns, family="ip"):
    """Make conntrack, and with it nf_defrag_ipv4 (nf_defrag_ipv6 for
    @family ip6), run in namespace @ns with an nft rule matching on ct
    state, in table @family igg_ct. Returns why it cannot, or None once
    it does."""
    igg.run("modprobe", "-q", "nft_ct", check=False)
    builtin = "/lib/modules/%s/modules.builtin" % os.uname().release
    try:
        with open(builtin) as f:
            have = "/nft_ct.ko\n" in f.read()
    except OSError:
        have = False
    if not have and not os.path.isdir("/sys/module/nft_ct"):
        return "this kernel has no nft_ct (CONFIG_NFT_CT)"
    ns.exec("nft", "-f", "-", input="table %s igg_ct {\n" % family +
            "  chain pre {\n"
            "    type filter hook prerouting priority 0;\n"
            "    ct state new counter\n"
            "  }\n"
            "}\n")
    return None


def echo(size, opts=b""):
    data = bytes(range(256)) * (size // 256 + 1)
    msg = igg.with_csum(b"\x08\0\0\0\x12\x34\0\x01" + data[:size])
    return igg.ipv4(igg.PEER_ADDR, igg.DUT_ADDR, 1, msg, opts=opts)


def run(t):
    igg.preflight(t)
    igg.unload()
    bed = igg.Bed(protos=(1, 2), groups=[G])
    igg.load()
    stats = igg.Stats(bed.dut)
    names = [n for n, _ in stats.lines()]
    if "igmp_fragment" not in names:
        t.bail("no igmp_fragment counter in stats")

    frag = igg.Outcome(True, "igmp_fragment", [])
    frag_pass = igg.Outcome(False, "none", ["igmp_fragment"])
    clean = igg.Outcome(False, "none", [])

    query = v3_query(60)            # 276 bytes, valid once reassembled
    shapes = {
        "3 fragments in order": igg.fragments(query, 96),
        "3 fragments, last first": igg.fragments(query, 96)[::-1],
        "a first fragment of only the 8-byte IGMP header":
            igg.fragments(query, cuts=(8, 136)),
    }

    before = stats.read()
    ok = bed.exchange([query])[0]
    d = igg.delta(before, stats.read())
    t.result(ok and d["igmp_fragment"] == 0 and d["packets_dropped"] == 0,
             "the query sent whole is delivered and is no fragment",
             ["delivered %s, delta %s" % (ok, {k: v for k, v in d.items()
                                               if v})])

    for shape, frags in shapes.items():
        report(t, "drop_fragments=Y: %s: each fragment dropped as "
               "igmp_fragment, nothing delivered" % shape,
               igg.check_datagram(bed, stats, names, frags,
                                  [frag] * len(frags), "block", False))
    igg.set_param("drop_fragments", "N")
    for shape, frags in shapes.items():
        report(t, "drop_fragments=N: %s: each counted as a finding, the "
               "reassembled query validated and delivered" % shape,
               igg.check_datagram(bed, stats, names, frags,
                                  [frag_pass] * len(frags), "block", True,
                                  whole=clean))
    # What a fragment hides from the prerouting hook, the stack's
    # reassembly hands to the local in hook.
    bad_csum = v3_query(60, csum_xor=0x0100)
    bad_whole = {
        "a bad IGMP checksum": (bad_csum, "igmp_checksum"),
        "a source count past the end": (v3_query(60, claimed=61),
                                        "v3_query_overrun"),
    }
    for what, (pkt, reason) in bad_whole.items():
        frags = igg.fragments(pkt, 96)
        report(t, "drop_fragments=N: a query with %s in 3 fragments: each "
               "passes as a finding, the reassembled query is dropped as %s"
               % (what, reason),
               igg.check_datagram(bed, stats, names, frags,
                                  [frag_pass] * len(frags), "block", False,
                                  whole=igg.Outcome(True, reason, [])))
    # With conntrack in use, nf_defrag_ipv4 reassembles in prerouting, after
    # the prerouting hook and before routing: the same datagram again.
    desc = ("drop_fragments=N, conntrack in the namespace: a query with a "
            "bad IGMP checksum in 3 fragments is dropped once reassembled")
    why = conntrack(bed.dut)
    if why:
        t.skip(desc, why)
    else:
        frags = igg.fragments(bad_csum, 96)
        problems = igg.check_datagram(
            bed, stats, names, frags, [frag_pass] * len(frags), "block",
            False, whole=igg.Outcome(True, "igmp_checksum", []))
        # One new connection: conntrack saw the datagram, not 3 fragments.
        rules = bed.dut.exec("nft", "list", "table", "ip", "igg_ct")
        if "counter packets 1 " not in rules:
            problems.append("conntrack did not see one datagram: " + rules)
        report(t, desc, problems)
        bed.dut.exec("nft", "delete", "table", "ip", "igg_ct")

    bad_opt = igg.fragments(echo(600, opts=b"\x07\x00\x00\x00"), 256)
    report(t, "drop_fragments=N: ICMP fragments with a zero-length option "
           "are dropped as opt_length",
           igg.check_datagram(bed, stats, names, bad_opt,
                              [igg.Outcome(True, "opt_length", [])] *
                              len(bad_opt), "block", False))
    bad_igmp = igg.fragments(igg.ipv4(igg.PEER_ADDR, G, 2,
                                      igg.with_csum(query[24:]), ttl=1,
                                      tos=0xc0, opts=b"\x94\x03\0\0"), 96)
    report(t, "drop_fragments=N: IGMP fragments with an RA of length 3 "
           "are dropped as opt_ra_length, not passed as fragments",
           igg.check_datagram(bed, stats, names, bad_igmp,
                              [igg.Outcome(True, "opt_ra_length", [])] *
                              len(bad_igmp), "block", False))
    igg.set_param("drop_fragments", "Y")

    frags = shapes["3 fragments in order"]
    igg.set_param("mode", "monitor")
    report(t, "monitor mode: the fragments are counted as monitored and the "
           "query validated once reassembled and delivered",
           igg.check_datagram(bed, stats, names, frags, [frag] * len(frags),
                              "monitor", True, whole=clean))
    bad = igg.fragments(bad_csum, 96)
    report(t, "monitor mode: a query with a bad IGMP checksum in 3 "
           "fragments: the fragments and the reassembled query are counted "
           "as monitored, and it is delivered",
           igg.check_datagram(bed, stats, names, bad, [frag] * len(bad),
                              "monitor", True,
                              whole=igg.Outcome(True, "igmp_checksum", [])))
    igg.set_param("mode", "block")
    igg.set_param("enabled", "0")
    report(t, "enabled=0: the fragments are delivered and nothing counted",
           igg.check_datagram(bed, stats, names, frags, [frag] * len(frags),
                              "off", True))
    igg.set_param("enabled", "1")

    big = igg.fragments(echo(1000), 256)
    report(t, "fragmented ICMP echo (%d fragments, no options) is delivered "
           "and only seen" % len(big),
           igg.check_datagram(bed, stats, names, big, [clean] * len(big),
                              "block", True))
    rr = echo(600, opts=b"\x07\x07\x04" + b"\0" * 4)
    rr_frags = igg.fragments(rr, 256)
    report(t, "fragmented ICMP echo with record route: every fragment "
           "validated with opt_record, delivered",
           igg.check_datagram(bed, stats, names, rr_frags,
                              [igg.Outcome(False, "none", ["opt_record"])] *
                              len(rr_frags), "block", True))

    stats.close()
    bed.close()
    igg.unload()
    return t.finish()


def report(t, desc, problems):
    return t.result(not problems, desc, problems)


if __name__ == "__main__":
    igg.main_guard(run)
