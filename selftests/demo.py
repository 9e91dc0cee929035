#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""igmpguard demo: a scripted scenario with commentary, run in a guest by
scripts/vm/demo.sh (make demo).

  peer namespace (192.0.2.9)  --veth--  protected host "dut" (192.0.2.50)
  a normal host, a querier             igmpguard loaded, block mode
  and an attacker on one link          raw sockets observe what arrives

What the host received is observed with raw sockets in the protected
namespace, independently of igmpguard's counters; after each step the
real tool (build/igmpguardctl) shows the module's view. The attack is
played three times: on the stock kernel (module not loaded, to learn what
the kernel itself delivers), in block mode and in monitor mode. The MLD
act then does the same over IPv6 (on igg6.Bed6, with mld_cases.py's
scapy builders), and the bridge act (demo_bridge.py) to a "VM" behind a
Linux bridge in the host: the MS08-001 queries to its group are dropped on
the bridge while its own multicast keeps arriving. The exit status is 0
only if, in every act, every legitimate packet was delivered, every attack
packet dropped in block mode, and monitor mode delivered exactly what the
stock kernel delivers.
"""

import collections
import os
import socket
import struct

import demo_bridge
import igg
import igg6
from demo_mld import DemoBed6, a6, join6, raw_icmp6, wait_icmp6
from demo_text import Tally, heading, say, sub

RA = b"\x94\x04\x00\x00"
DUT_GROUP = "239.7.7.7"
PEER_GROUPS = ("239.1.1.1", "239.1.1.2")

# The attack, in steps: (heading, [vector ids]); a tuple of ids is one
# datagram sent as fragments.
ATTACK = [
    ("MS08-001 class: IGMPv3 group-and-source-specific queries",
     ["B2", "B3", "B1"]),
    ("Malformed IGMPv3 reports", ["B10", "B11", "B12"]),
    ("CVE-2012-0207 style query pair (v2 query, then v3 query with MRC 0)",
     ["B7a", "B7b"]),
    ("IP packets with malformed and source-route options",
     ["B19", "B23", "B27", "B29", "B31", "B30"]),
    ("Fragmented IGMP (one v3 query in two fragments)", [("B14-1", "B14-2")]),
]

MLD_DUT_GROUP = "ff05::7:7:7"
MLD_PEER_GROUPS = ("ff05::1:1", "ff05::1:2")

# One packet of the MLD act: what play() needs of a vector.
Packet = collections.namedtuple("Packet", "id reason desc ip")


def ctl_path():
    return os.path.join(igg.TOP, "build", "igmpguardctl")


def ctl(bed, *args, show=True):
    """Run the real igmpguardctl for the protected namespace."""
    out = igg.run(ctl_path(), "-n", bed.dut.name, *args)
    if show:
        say("# igmpguardctl %s" % " ".join(args))
        for line in out.rstrip("\n").splitlines():
            say("  " + line)
    return out


def drain(sock):
    while True:
        try:
            sock.recv(65535)
        except BlockingIOError:
            return


def general_query(version):
    """A querier's general query: MRT 1 s, TTL 1, router alert."""
    msg = b"\x11\x0a\0\0" + igg.aton("0.0.0.0")
    if version == 3:
        msg += b"\x02\x7d\0\0"      # QRV 2, QQIC 125 s, no sources
    return igg.ipv4(igg.PEER_ADDR, "224.0.0.1", 2, igg.with_csum(msg), ttl=1,
                    opts=RA)


def moved(before, after, names):
    """Reason counters that moved between two stats reads."""
    return [n for n in names if after.get(n, 0) > before.get(n, 0)]


def deciding(vec, moved_names, classes):
    """The reason that decided a drop, as the counters tell it: the
    vector's expected reason if its counter moved, else the first moved
    malformed or policy reason."""
    if vec.reason in moved_names:
        return vec.reason
    cands = [n for n in moved_names if classes[n] != "anomaly"]
    return cands[0] if cands else "-"


def legit(bed, psock, pjoin, ifindex, tally):
    heading("1. A normal host: joins groups and answers a querier")
    say("The peer's own kernel joins groups (IP_ADD_MEMBERSHIP); its reports")
    say("must reach the protected host. Then a querier asks, and the protected")
    say("host's answers must come back to the peer.")
    sub("the peer joins groups")
    for version, group in zip((3, 2), PEER_GROUPS):
        bed.peer.sysctl("net.ipv4.conf.peer0.force_igmp_version",
                        version if version == 2 else 0)
        mreq = struct.pack("4s4si", igg.aton(group), igg.aton("0.0.0.0"),
                           ifindex)
        pjoin.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
        want = 0x22 if version == 3 else 0x16
        got = igg.wait_igmp(bed.raw[2], lambda s, b: s == igg.PEER_ADDR and
                        b[0] == want and igg.aton(group) in b[4:])
        say("  %-52s -> %s" % ("peer joins %s: its IGMPv%d report at the host"
                               % (group, version),
                               "delivered" if got else "MISSING"))
        tally.add(got is not None, True, "v%d join of %s" % (version, group))
    bed.peer.sysctl("net.ipv4.conf.peer0.force_igmp_version", 0)

    sub("a querier asks; the host answers for %s" % DUT_GROUP)
    for version in (3, 2):
        drain(psock)
        ok = bed.exchange([general_query(version)])[0]
        say("  %-52s -> %s" % ("IGMPv%d general query 192.0.2.9 -> 224.0.0.1"
                               % version, "delivered" if ok else "MISSING"))
        tally.add(ok, True, "v%d general query" % version)
        # A v2 query puts the host in IGMPv2 compatibility mode, so the
        # answer to each query is a report of the same version.
        rtype = 0x22 if version == 3 else 0x16
        got = igg.wait_igmp(psock, lambda s, b: s == igg.DUT_ADDR and
                        b[0] == rtype and igg.aton(DUT_GROUP) in b[4:])
        kind = "v%d" % version
        say("  %-52s -> %s" % ("the host's %s report for %s at the peer"
                               % (kind, DUT_GROUP),
                               "delivered" if got else "MISSING"))
        tally.add(got is not None, True, "report after v%d query" % version)
    say()
    ctl(bed, "show")


def play(bed, stats, classes, steps, vecs, mode, stock, tally, show=True):
    """Send every attack datagram; return {id: delivered}. In block mode,
    tally.reasons counts the dropped datagrams by deciding reason."""
    names = list(classes)
    result = {}
    for title, ids in steps:
        if show:
            sub(title)
        for item in ids:
            frags = [vecs[i] for i in item] if isinstance(item, tuple) \
                else [vecs[item]]
            key = item[0].split("-")[0] if isinstance(item, tuple) else item
            before = stats.read() if stats else {}
            got = bed.exchange([[v.ip for v in frags]])[0]
            after = stats.read() if stats else {}
            result[key] = got
            if not show:
                continue
            desc = frags[0].desc if len(frags) == 1 else \
                "a v3 query sent as %d fragments" % len(frags)
            why = deciding(frags[0], moved(before, after, names), classes)
            if why == "-" and not got and stock and not stock[key]:
                # Nothing counted, and the stock kernel drops it too: it
                # died before the hook (an IPv6 Hop-by-Hop header).
                why = "(the kernel)"
            if mode == "block":
                want = False
                verdict = "DELIVERED(!)" if got else "dropped"
                if not got:
                    tally.reasons[why] = tally.reasons.get(why, 0) + 1
            else:
                want = stock[key]
                verdict = "delivered" if got else "not deliv.*"
            tally.add(got, want, "%s in %s mode" % (key, mode))
            say("  %-5s %-13s %-18s %s" % (key, verdict, why, desc))
        if show:
            say()
            ctl(bed, "show")
    return result


def replay_in_monitor(bed, stats, classes, steps, vecs, stock, calibration):
    """Play the attack again in monitor mode, counters zeroed, then go back
    to block mode; return the tally and what igmpguard counted."""
    ctl(bed, "mode", "monitor", show=False)
    say("# igmpguardctl mode monitor")
    ctl(bed, "reset", show=False)
    say("# igmpguardctl reset")
    mon = Tally()
    play(bed, stats, classes, steps, vecs, "monitor", stock, mon)
    say("  * not delivered: the stock kernel drops these itself (see %s)"
        % calibration)
    counted = stats.read()
    ctl(bed, "mode", "block", show=False)
    return mon, counted


def mld_attack():
    """The MLD act's attack: ([(heading, [ids])], {id: Packet}), the
    notes' packets (ipv6-notes.md 6.1, B numbers in the descriptions).
    The queries go to the host's solicited-node group, which every IPv6
    host has joined and an attacker can compute from its address."""
    from mld_cases import mld
    from scapy.layers.inet6 import (
        ICMPv6EchoRequest, ICMPv6MLDMultAddrRec as Rec, ICMPv6MLQuery2 as Q2,
        ICMPv6MLReport2 as R2, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrHopByHop,
        PadN, RouterAlert)
    peer, sn, src1 = igg6.PEER_LL, igg6.SOLICITED, ["2001:db8::1"]

    def hbh(mrd, *pads):
        return IPv6(src=peer, dst=sn, hlim=1) / IPv6ExtHdrHopByHop(
            options=[RouterAlert()] + list(pads)) / Q2(mladdr=sn, mrd=mrd)
    steps = [
        ("MS08-001 class: MLDv2 queries to the host's solicited-node group", [
            Packet("Q1", "mld_query_overrun",
                   "group query claiming 65535 sources, carrying 1 [B23]",
                   mld(sn, Q2(mladdr=sn, sources_number=0xffff,
                              sources=src1))),
            Packet("Q2", "mld_query_overrun",
                   "group query claiming 200 sources, carrying 1 [B24]",
                   mld(sn, Q2(mladdr=sn, sources_number=200, sources=src1))),
            Packet("Q3", "mld_query_general_sources",
                   "general query to ff02::1 listing a source [B25]",
                   mld("ff02::1", Q2(sources=src1))),
        ]),
        ("Malformed MLDv2 reports", [
            Packet("R1", "mld_report_overrun",
                   "record claiming 3 sources, carrying 1 [B33]",
                   mld("ff02::16", R2(records=[
                       Rec(rtype=1, dst="ff05::1:3", sources_number=3,
                           sources=src1)]))),
            Packet("R2", "mld_report_overrun",
                   "record claiming 255 words of aux data, none there [B34]",
                   mld("ff02::16", R2(records=[
                       Rec(rtype=1, dst="ff05::1:3", auxdata_len=255)]))),
            Packet("R3", "mld_report_overrun",
                   "report claiming 65535 records, carrying none [B35]",
                   mld("ff02::16", R2(records_number=0xffff))),
        ]),
        ("Padding-stuffed extension headers", [
            Packet("H1", "ext_padding",
                   "query, Hop-by-Hop PadN carrying data (de ad)",
                   hbh(1001, PadN(optdata=b"\xde\xad"))),
            Packet("H2", "ext_padding",
                   "query, Hop-by-Hop with 18 pad bytes in a row",
                   hbh(1002, PadN(optdata=bytes(4)),
                       PadN(optdata=bytes(4)))),
            Packet("H3", "ext_padding",
                   "echo request, Destination Options PadN with data",
                   IPv6(src=igg6.PEER_ADDR, dst=igg6.DUT_ADDR) /
                   IPv6ExtHdrDestOpt(options=[
                       PadN(optdata=b"\xde\xad\xbe\xef")]) /
                   ICMPv6EchoRequest()),
        ]),
    ]
    byid = {p.id: p._replace(ip=bytes(p.ip)) for _, ps in steps for p in ps}
    return [(title, [p.id for p in ps]) for title, ps in steps], byid


def mld_legit(bed, psock, pjoin, tally):
    """The peer's kernel joins groups; a querier asks, the host answers."""
    from mld_cases import mld
    from scapy.layers.inet6 import ICMPv6MLQuery, ICMPv6MLQuery2
    heading("5. MLD: a normal IPv6 host joins groups and answers a querier")
    say("The same over IPv6, igmpguard in block mode: the peer's own kernel")
    say("joins groups (IPV6_JOIN_GROUP, MLDv2 then MLDv1); a querier asks and")
    say("the protected host answers. Peer %s, host %s." % (igg6.PEER_LL,
                                                           igg6.DUT_LL))
    sub("the peer joins groups")
    for version, group in zip((2, 1), MLD_PEER_GROUPS):
        bed.peer.sysctl("net.ipv6.conf.peer0.force_mld_version",
                        1 if version == 1 else 0)
        join6(pjoin, group, bed.peer_ifindex)
        want, g = (143 if version == 2 else 131), a6(group)
        got = wait_icmp6(bed.raw[58], lambda s, m: s == igg6.PEER_LL and
                         m[0] == want and g in m[4:])
        say("  %-52s -> %s" % ("peer joins %s: its MLDv%d report at the host"
                               % (group, version),
                               "delivered" if got else "MISSING"))
        tally.add(got is not None, True, "MLDv%d join of %s" % (version,
                                                               group))
    bed.peer.sysctl("net.ipv6.conf.peer0.force_mld_version", 0)

    sub("a querier asks; the host answers for %s" % MLD_DUT_GROUP)
    g = a6(MLD_DUT_GROUP)
    # MRC 1 s: the host answers within a second. An MLDv1 query puts the
    # host in MLDv1 compatibility mode, so v2 comes first and each answer
    # is a report of the query's version.
    for version, msg in ((2, ICMPv6MLQuery2(mrd=1000)),
                         (1, ICMPv6MLQuery(mrd=1000))):
        drain(psock)
        ok = bed.exchange([[bytes(mld("ff02::1", msg))]])[0]
        say("  %-52s -> %s" % ("MLDv%d general query -> ff02::1" % version,
                               "delivered" if ok else "MISSING"))
        tally.add(ok, True, "MLDv%d general query" % version)
        rtype = 143 if version == 2 else 131
        got = wait_icmp6(psock, lambda s, m: s == igg6.DUT_LL and
                         m[0] == rtype and g in m[4:])
        say("  %-52s -> %s" % ("the host's MLDv%d report for %s at the peer"
                               % (version, MLD_DUT_GROUP),
                               "delivered" if got else "MISSING"))
        tally.add(got is not None, True, "MLDv%d report after the query" %
                  version)
    say()
    ctl(bed, "show")


def mld_act(classes):
    """Acts 5 to 8: the MLD half of MS08-001, as acts 1 to 4 for IGMP.
    Returns the tallies and counters the summary and the verdict need."""
    bed = DemoBed6(groups=["ff02::16", MLD_DUT_GROUP] +
                   list(MLD_PEER_GROUPS))
    # The peer hears the host's v2 reports (ff02::16) and v1 reports (to
    # the group itself) only as a member; its joins live on pjoin.
    psock = raw_icmp6(bed.peer)
    with bed.peer.enter():
        pjoin = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    for g in ("ff02::16", MLD_DUT_GROUP):
        join6(pjoin, g, bed.peer_ifindex)
    steps, byid = mld_attack()

    good = Tally()
    mld_legit(bed, psock, pjoin, good)

    heading("6. Calibration: the MLD attack against the stock kernel")
    igg.unload()
    stock = play(bed, None, classes, steps, byid, "stock", None, Tally(),
                 show=False)
    say("  the stock kernel delivers %d of %d attack packets; it drops by"
        % (sum(stock.values()), len(stock)))
    say("  itself: %s" % (" ".join(k for k, v in stock.items() if not v)
                          or "none"))
    say("  Every IPv6 host is a member of its solicited-node group, so the")
    say("  MS08-001 queries reach the MLD code of any Linux host.")
    igg.load(mode="block")
    stats = igg.Stats(bed.dut)
    say("# insmod igmpguard.ko mode=block")

    heading("7. The MLD attack, igmpguard in block mode")
    say("Linux parses the Hop-by-Hop header in ip6_rcv_core(), before any")
    say("netfilter hook: H1 and H2 die there, in the stock kernel too, and")
    say("igmpguard never sees them. The Destination Options header (H3) and")
    say("MLD are parsed after the hook, so igmpguard drops them first.")
    say("[Bn]: packet Bn of ipv6-notes.md 6.1, the issue's reference.")
    block = Tally()
    play(bed, stats, classes, steps, byid, "block", stock, block)

    heading("8. The same MLD attack in monitor mode")
    mon, counted = replay_in_monitor(bed, stats, classes, steps, byid,
                                     stock, "6")
    for x in (stats, psock, pjoin, bed):
        x.close()
    return good, block, mon, stock, counted


def run(t):
    vecs = igg.preflight(t, need_vectors=True)
    if not os.access(ctl_path(), os.X_OK):
        t.skip_all("%s not built (make tool)" % ctl_path())
    # The module's log lines would interleave with the commentary.
    with open("/proc/sys/kernel/printk", "w") as f:
        f.write("4")
    byid = {v.id: v for v in vecs}
    used = [byid[i] for _, ids in ATTACK for item in ids
            for i in (item if isinstance(item, tuple) else (item,))]
    classes = dict(igg.reasons())
    igg.unload()

    heading("igmpguard demo on Linux %s" % os.uname().release)
    say("peer namespace 192.0.2.9 (normal host, querier, attacker)")
    say("   |  veth")
    say("protected host 192.0.2.50: raw sockets show what the stack delivers")
    groups = (["224.0.0.22", DUT_GROUP] + list(PEER_GROUPS) +
              igg.vector_groups(used))
    bed = igg.Bed(protos=(1, 2, 17), groups=groups, deaf=False)
    with bed.peer.enter():
        psock = socket.socket(socket.AF_INET, socket.SOCK_RAW, 2)
        psock.setblocking(False)
        pjoin = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        ifindex = socket.if_nametoindex("peer0")
    # The peer hears the host's v3 reports (224.0.0.22) and v2 reports
    # (to the group itself) only as a member.
    for g in ("224.0.0.22", DUT_GROUP):
        pjoin.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                         struct.pack("4s4si", igg.aton(g),
                                     igg.aton("0.0.0.0"), ifindex))

    igg.load(mode="block")
    say()
    say("# insmod igmpguard.ko mode=block")
    ctl(bed, "show")

    good = Tally()
    legit(bed, psock, pjoin, ifindex, good)

    heading("2. Calibration: the attack against the stock kernel")
    say("igmpguard unloaded, to learn what the kernel delivers by itself.")
    igg.unload()
    stock = play(bed, None, classes, ATTACK, byid, "stock", None, Tally(),
                 show=False)
    stock_n = sum(stock.values())
    say("  the stock kernel delivers %d of %d attack datagrams; it drops"
        % (stock_n, len(stock)))
    say("  by itself: %s" % (" ".join(k for k, v in stock.items() if not v)
                             or "none"))
    igg.load(mode="block")
    stats = igg.Stats(bed.dut)
    say("# insmod igmpguard.ko mode=block")

    heading("3. An attacker on the link, igmpguard in block mode")
    s0 = stats.read()
    block = Tally()
    say("One line per attack datagram: id, what the host received (raw")
    say("sockets), the reason igmpguard counted, the packet.")
    play(bed, stats, classes, ATTACK, byid, "block", stock, block)
    s1 = stats.read()

    heading("4. The same attack in monitor mode")
    say("igmpguard counts and logs what it would drop, and passes it on.")
    say("The host now receives what the stock kernel would: the MS08-001")
    say("class queries, bad reports and fragments reach the IGMP code.")
    say("Packets the stock kernel drops by itself (bad options, a source")
    say("route) are still not delivered: that is the kernel, not igmpguard.")
    say()
    mon, s2 = replay_in_monitor(bed, stats, classes, ATTACK, byid, stock,
                                "2")
    for x in (stats, psock, pjoin, bed):
        x.close()

    mld = mld_act(classes)
    bridged = demo_bridge.bridge_act()

    heading("Summary")
    say("IGMP (acts 1-4):")
    summary(t, "", classes, good, block, mon, stock_n, s2,
            seen=s1["packets_seen"] - s0["packets_seen"])
    say("MLD (acts 5-8):")
    good6, block6, mon6, stock6, s6 = mld
    summary(t, "MLD: ", classes, good6, block6, mon6, sum(stock6.values()),
            s6)
    say("Bridge (acts 9-11):")
    demo_bridge.summary(t, bridged)
    igg.unload()
    return t.finish()


def summary(t, label, classes, good, block, mon, stock_n, counted,
            seen=None):
    """One act's figures, and its four verdicts for the exit status."""
    say("  legitimate packets:   sent %d, delivered %d" %
        (good.sent, good.delivered))
    say("  attack, block mode:   sent %d datagrams%s, delivered %d, "
        "dropped %d" % (block.sent, "" if seen is None else
                        " (%d packets)" % seen, block.delivered,
                        block.sent - block.delivered))
    say("    dropped datagrams by reason:")
    for n in list(classes) + ["(the kernel)"]:
        if n in block.reasons:
            say("      %-26s %-9s %d" % (n, classes.get(n, "before hook"),
                                         block.reasons[n]))
    say("  attack, monitor mode: sent %d, delivered %d (stock kernel: %d), "
        "counted %d packets, dropped %d" %
        (mon.sent, mon.delivered, stock_n, counted["packets_monitored"],
         counted["packets_dropped"]))
    say()
    t.result(not good.bad, "%severy legitimate packet was delivered" % label,
             ["missing: %s" % ", ".join(good.bad)])
    t.result(not block.bad, "%severy attack packet was dropped in block mode"
             % label, ["delivered: %s" % ", ".join(block.bad)])
    t.result(not mon.bad, "%smonitor mode delivers what the stock kernel "
             "delivers" % label, ["differs: %s" % ", ".join(mon.bad)])
    t.result(counted["packets_monitored"] > 0 and
             counted["packets_dropped"] == 0,
             "%smonitor mode counted the attack and dropped nothing" % label,
             ["monitored %d dropped %d" % (counted["packets_monitored"],
                                           counted["packets_dropped"])])


if __name__ == "__main__":
    igg.main_guard(run)
