#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""IGMP from real stacks must pass untouched.

  +------------- peer -------------+      +------------ dut ------------+
  | (br0: bridge, querier) 192.0.2.9|      | dut0 192.0.2.50             |
  |   peer0 -----------------------+------+-- raw IGMP socket joined to |
  |   the peer's own IGMP sockets   | veth |   224.0.0.2, 224.0.0.22 and |
  +--------------------------------+      |   the groups below          |
                                          +-----------------------------+

  1. The peer's kernel joins and leaves groups with force_igmp_version 1,
     2 and 3, and joins a source-specific group (MCAST_JOIN_SOURCE_GROUP).
     Each report and leave must reach the dut's raw socket.
  2. The peer becomes a Linux bridge with peer0 as its port and a
     multicast querier (IGMPv2 from 0.0.0.0, then IGMPv3 from the bridge
     address). Its queries must reach the dut, and the dut's answers must
     reach the bridge, which learns the dut's groups (bridge mdb).

igmpguard is loaded for all of it, so it judges both directions: neither
namespace may drop anything or count any finding (Linux sends TTL 1, a
router alert and the right destinations).
"""

import socket
import struct

import igg

RA = b"\x94\x04\x00\x00"
MCAST_JOIN_SOURCE_GROUP = 46
MCAST_LEAVE_SOURCE_GROUP = 47
DUT_GROUP = "239.7.7.7"


def findings(stats):
    """Counters that must stay zero: drops, monitored drops, anomalous
    packets (in total and per family) and every reason."""
    return {k: v for k, v in stats.read().items()
            if v and not k.endswith(("packets_seen", "packets_validated"))}


def wait_igmp(bed, match, timeout=8.0):
    """The first IGMP datagram at the dut for which match(src, type, body)
    holds, or None."""
    return igg.wait_igmp(bed.raw[2], lambda src, body: match(src, body[0], body),
                         timeout)


def has_group(body, group):
    return igg.aton(group) in body[4:]


def gsr(ifindex, group, source):
    """struct group_source_req: u32 interface, then two sockaddr_storage
    (8-byte aligned, so 4 bytes of padding first)."""
    def ss(addr):
        return struct.pack("=H2s4s", socket.AF_INET, b"\0\0",
                           igg.aton(addr)).ljust(128, b"\0")
    return struct.pack("=I4x", ifindex) + ss(group) + ss(source)


def run(t):
    igg.preflight(t)
    igg.unload()
    igg.load()
    # v1 and v2 reports go to the group itself: the dut has to be in it.
    peer_groups = ["239.9.0.%d" % v for v in (1, 2, 3)]
    bed = igg.Bed(protos=(2,), groups=["224.0.0.2", "224.0.0.22",
                                       DUT_GROUP] + peer_groups, deaf=False)
    peer = bed.peer
    s_dut = igg.Stats(bed.dut)
    s_peer = igg.Stats(peer)
    with peer.enter():
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        ifindex = socket.if_nametoindex("peer0")
    bed.drain()

    def joined(group):
        mreq = struct.pack("4s4si", igg.aton(group), igg.aton("0.0.0.0"),
                           ifindex)
        sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
        return mreq

    reports = {1: 0x12, 2: 0x16, 3: 0x22}
    for version in (1, 2, 3):
        peer.sysctl("net.ipv4.conf.peer0.force_igmp_version", version)
        group = peer_groups[version - 1]
        mreq = joined(group)
        got = wait_igmp(bed, lambda src, typ, body: src == igg.PEER_ADDR and
                        typ == reports[version] and has_group(body, group))
        t.result(got is not None, "IGMPv%d join of %s by the peer's kernel "
                 "reaches the dut" % (version, group),
                 ["no v%d report for %s within 8 s" % (version, group)])
        sock.setsockopt(socket.IPPROTO_IP, socket.IP_DROP_MEMBERSHIP, mreq)
        if version == 1:
            continue  # IGMPv1 has no leave message
        leave = 0x17 if version == 2 else 0x22
        got = wait_igmp(bed, lambda src, typ, body: src == igg.PEER_ADDR and
                        typ == leave and has_group(body, group))
        t.result(got is not None, "IGMPv%d leave of %s reaches the dut" %
                 (version, group), ["no leave for %s within 8 s" % group])

    peer.sysctl("net.ipv4.conf.peer0.force_igmp_version", 0)
    req = gsr(ifindex, "232.1.1.1", "10.1.1.1")
    sock.setsockopt(socket.IPPROTO_IP, MCAST_JOIN_SOURCE_GROUP, req)
    got = wait_igmp(bed, lambda src, typ, body: typ == 0x22 and
                    has_group(body, "232.1.1.1") and
                    igg.aton("10.1.1.1") in body)
    t.result(got is not None, "a source-specific join (232.1.1.1 from "
             "10.1.1.1) reaches the dut as an IGMPv3 report",
             ["no v3 report naming 232.1.1.1 and 10.1.1.1 within 8 s"])
    sock.setsockopt(socket.IPPROTO_IP, MCAST_LEAVE_SOURCE_GROUP, req)
    sock.close()

    for label, st in (("dut", s_dut), ("peer", s_peer)):
        bad = findings(st)
        t.result(not bad, "joins and leaves: the %s namespace drops nothing "
                 "and finds nothing" % label, ["%s" % bad])

    # The peer turns into a bridge with a querier.
    peer.batch("ip", [
        "addr flush dev peer0",
        "link add br0 type bridge mcast_snooping 1 mcast_querier 0 "
        "mcast_query_response_interval 100",
        "link set peer0 master br0",
        "addr add %s/%d dev br0" % (igg.PEER_ADDR, igg.PREFIX),
        "link set br0 up"])
    for version, ifaddr in ((2, 0), (3, 1)):
        src = igg.PEER_ADDR if ifaddr else "0.0.0.0"
        qlen = 8 if version == 2 else 12
        bed.drain()
        peer.ip("link", "set", "br0", "type", "bridge", "mcast_querier", "0")
        # Not in one command: br_changelink() applies the querier switch
        # before the version, and the query it sends at once can go out
        # in the old version; the next one comes 31 s later.
        peer.ip("link", "set", "br0", "type", "bridge", "mcast_igmp_version",
                str(version), "mcast_query_use_ifaddr", str(ifaddr))
        peer.ip("link", "set", "br0", "type", "bridge", "mcast_querier", "1")
        got = wait_igmp(bed, lambda s, typ, body: s == src and typ == 0x11 and
                        len(body) == qlen, timeout=15)
        t.result(got is not None, "the bridge's IGMPv%d general query from %s "
                 "reaches the dut" % (version, src),
                 ["no %d-byte query from %s within 15 s" % (qlen, src)])
        learned = igg.wait_mdb(peer, DUT_GROUP)
        t.result(DUT_GROUP in learned, "the bridge learns the dut's group "
                 "%s from its answer to the v%d query" % (DUT_GROUP, version),
                 ["bridge mdb: %r" % learned])
        peer.exec("bridge", "mdb", "del", "dev", "br0", "port", "peer0",
                  "grp", DUT_GROUP, check=False)

    for label, st in (("dut", s_dut), ("peer", s_peer)):
        bad = findings(st)
        t.result(not bad, "bridge querier: the %s namespace drops nothing "
                 "and finds nothing" % label, ["%s" % bad])
    s_dut.close()
    s_peer.close()
    bed.close()
    igg.unload()
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
