#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""MLD, ND and IPv6 traffic from real stacks must pass untouched.

  +------------- peer --------------+      +------------- dut --------------+
  | (br0: bridge, MLD querier)      |      | dut0 fe80::2, 2001:db8::2      |
  |   peer0 fe80::1, 2001:db8::9 ---+------+-- raw ICMPv6 socket joined to |
  |   the peer's own sockets        | veth |   ff02::16, ff02::2 and the    |
  +---------------------------------+      |   groups below; TCP, UDP       |
                                           +--------------------------------+

  1. The peer's kernel joins and leaves groups with IPV6_JOIN_GROUP and
     IPV6_LEAVE_GROUP under force_mld_version 1 and 2, and joins a
     source-specific group (MCAST_JOIN_SOURCE_GROUP). Each MLDv1 report
     and done, each MLDv2 report must reach the dut's raw socket.
  2. Neighbour discovery and echo to the dut's link-local and global
     addresses, a TCP connection and UDP datagrams (fragmented ones too)
     between the namespaces.
  3. The peer's interface comes up again with DAD: its first MLDv2 report
     goes out from :: and must reach the dut.
  4. The peer becomes a Linux bridge with peer0 as its port and an MLD
     querier (mcast_snooping 1 mcast_querier 1, MLDv2 then MLDv1). Its
     queries must reach the dut, and the dut's answers the bridge, which
     learns the dut's group (bridge mdb).

igmpguard is loaded in block mode for all of it and judges both
directions: neither namespace may drop anything or count any finding,
and the dut's must have validated the MLD (so a module that lets IPv6
past unseen fails here).
"""

import select
import socket
import struct
import threading
import time

import igg
import igg6

DUT_GROUP = "ff0e::7:7"
V1_GROUP = "ff0e::9:1"
V2_GROUP = "ff0e::9:2"
SSM_GROUP = "ff3e::4321"
SSM_SOURCE = "2001:db8::77"
MCAST_JOIN_SOURCE_GROUP = 46
MCAST_LEAVE_SOURCE_GROUP = 47
TCP_PORT = 5555
UDP_PORT = 5556


def a6(addr):
    return socket.inet_pton(socket.AF_INET6, addr)


def wait_icmp6(sock, match, timeout=8.0):
    """The first ICMPv6 message on raw socket @sock for which
    match(src, body) holds, or None after @timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        r, _, _ = select.select([sock], [], [], left)
        if not r:
            continue
        try:
            body, addr = sock.recvfrom(65535)
        except BlockingIOError:
            continue
        if len(body) >= 4 and match(addr[0].split("%")[0], body):
            return body


def gsr(ifindex, group, source):
    """struct group_source_req for IPv6: u32 interface, 4 bytes of
    padding, then two sockaddr_storage holding sockaddr_in6."""
    def ss(addr):
        return struct.pack("=HHI16sI", socket.AF_INET6, 0, 0, a6(addr),
                           0).ljust(128, b"\0")
    return struct.pack("=I4x", ifindex) + ss(group) + ss(source)


def counted(t, label, stats, before, key):
    """One result: the namespace's IPv6 counter @key moved since @before
    and nothing was dropped or found."""
    now = stats.read()
    moved = now.get(key, 0) - before.get(key, 0)
    bad = igg6.findings(stats)
    t.result(moved > 0 and not bad, "%s: the dut counted them (%s +%d), "
             "no drop and no finding there" % (label, key, moved),
             ["%s moved by %d" % (key, moved), "findings: %s" % bad])


def joins_and_leaves(t, bed, peer_sock, ifindex):
    raw = bed.raw[58]
    for version, group in ((1, V1_GROUP), (2, V2_GROUP)):
        bed.peer.sysctl("net.ipv6.conf.peer0.force_mld_version", version)
        mreq = a6(group) + struct.pack("@I", ifindex)
        peer_sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP,
                             mreq)
        if version == 1:
            got = wait_icmp6(raw, lambda s, b: s == igg6.PEER_LL and
                             b[0] == 131 and b[8:24] == a6(group))
        else:
            got = wait_icmp6(raw, lambda s, b: s == igg6.PEER_LL and
                             b[0] == 143 and a6(group) in b[8:])
        t.result(got is not None, "MLDv%d join of %s by the peer's kernel "
                 "reaches the dut" % (version, group),
                 ["no v%d report for %s within 8 s" % (version, group)])
        peer_sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_LEAVE_GROUP,
                             mreq)
        if version == 1:
            got = wait_icmp6(raw, lambda s, b: s == igg6.PEER_LL and
                             b[0] == 132 and b[8:24] == a6(group))
        else:
            # A leave is a change to include mode with no sources (3).
            got = wait_icmp6(raw, lambda s, b: s == igg6.PEER_LL and
                             b[0] == 143 and b[8] == 3 and
                             b[12:28] == a6(group))
        t.result(got is not None, "MLDv%d leave of %s reaches the dut" %
                 (version, group), ["no leave for %s within 8 s" % group])

    bed.peer.sysctl("net.ipv6.conf.peer0.force_mld_version", 0)
    req = gsr(ifindex, SSM_GROUP, SSM_SOURCE)
    peer_sock.setsockopt(socket.IPPROTO_IPV6, MCAST_JOIN_SOURCE_GROUP, req)
    got = wait_icmp6(raw, lambda s, b: b[0] == 143 and a6(SSM_GROUP) in b and
                     a6(SSM_SOURCE) in b)
    t.result(got is not None, "a source-specific join (%s from %s) reaches "
             "the dut as an MLDv2 report" % (SSM_GROUP, SSM_SOURCE),
             ["no v2 report naming both within 8 s"])
    peer_sock.setsockopt(socket.IPPROTO_IPV6, MCAST_LEAVE_SOURCE_GROUP, req)


def echo(t, bed, dst):
    """Ping @dst from the peer's stack; the kernel resolves it first."""
    with bed.peer.enter():
        s = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                          socket.IPPROTO_ICMPV6)
        scope = socket.if_nametoindex("peer0") if dst.startswith("fe80") \
            else 0
    with s:
        s.setblocking(False)
        ident = 0x4747
        got = None
        for seq in range(1, 4):
            msg = struct.pack("!BBHHH", 128, 0, 0, ident, seq) + b"x" * 56
            s.sendto(msg, (dst, 0, 0, scope))
            got = wait_icmp6(s, lambda src, b: src == dst and b[0] == 129 and
                             b[4:8] == msg[4:8], timeout=3)
            if got:
                break
    t.result(got is not None, "echo to %s from the peer: neighbour "
             "discovery and the echo reply pass" % dst,
             ["no echo reply from %s" % dst])


def tcp(t, bed):
    size = 256 * 1024
    with bed.dut.enter():
        srv = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    srv.bind((igg6.DUT_ADDR, TCP_PORT))
    srv.listen(1)
    srv.settimeout(20)
    result = {}

    def serve():
        try:
            conn, _ = srv.accept()
            with conn:
                conn.settimeout(20)
                n = 0
                while True:
                    b = conn.recv(65536)
                    if not b:
                        break
                    n += len(b)
                conn.sendall(struct.pack("!I", n))
        except OSError as e:
            result["error"] = str(e)

    th = threading.Thread(target=serve, daemon=True)
    th.start()
    with bed.peer.enter():
        c = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    got = None
    try:
        with c:
            c.settimeout(20)
            c.connect((igg6.DUT_ADDR, TCP_PORT))
            c.sendall(bytes(range(256)) * (size // 256))
            c.shutdown(socket.SHUT_WR)
            reply = c.recv(4)
            got = struct.unpack("!I", reply)[0] if len(reply) == 4 else None
    except OSError as e:
        result["error"] = str(e)
    th.join(25)
    srv.close()
    t.result(got == size, "a TCP connection carries %d bytes to the dut and "
             "the answer back" % size,
             ["got %s, %s" % (got, result.get("error", ""))])


def udp(t, bed):
    sizes = [64, 1400, 3000, 9000] * 5
    with bed.dut.enter():
        rx = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    with bed.peer.enter():
        tx = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    got = []
    with rx, tx:
        rx.bind((igg6.DUT_ADDR, UDP_PORT))
        rx.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        rx.settimeout(5)
        for n in sizes:
            tx.sendto(bytes([n & 255]) * n, (igg6.DUT_ADDR, UDP_PORT))
        try:
            while len(got) < len(sizes):
                got.append(len(rx.recv(65536)))
        except socket.timeout:
            pass
    t.result(sorted(got) == sorted(sizes), "%d UDP datagrams of up to 9000 "
             "bytes (fragmented) reach the dut" % len(sizes),
             ["received sizes %s" % sorted(got)])


def dad_report(t, bed):
    """peer0 comes up again with a fresh, tentative link-local address: the
    kernel's first report for its solicited-node group goes out from ::."""
    peer = bed.peer
    peer.batch("ip", ["link set peer0 down", "addr flush dev peer0",
                      "link set peer0 addrgenmode eui64"])
    peer.sysctl("net.ipv6.conf.peer0.accept_dad", 1)
    peer.sysctl("net.ipv6.conf.peer0.dad_transmits", 1)
    bed.drain()
    peer.ip("link", "set", "peer0", "up")
    got = wait_icmp6(bed.raw[58], lambda s, b: s == "::" and b[0] == 143 and
                     b"\xff\x02" + b"\0" * 9 + b"\x01\xff" in b, timeout=10)
    t.result(got is not None, "an MLDv2 report from :: during the peer's DAD "
             "reaches the dut", ["no report from :: within 10 s"])
    peer.sysctl("net.ipv6.conf.peer0.accept_dad", 0)


def bridge_querier(t, bed, s_dut):
    peer = bed.peer
    peer.batch("ip", [
        "addr flush dev peer0",
        "link add br0 type bridge mcast_snooping 1 mcast_querier 0 "
        "mcast_query_response_interval 100",
        "link set peer0 master br0",
        "addr add %s/64 dev br0 nodad" % igg6.PEER_LL,
        "addr add %s/64 dev br0 nodad" % igg6.PEER_ADDR,
        "link set br0 up"])
    igg6.wait_addresses(peer, "br0", (igg6.PEER_LL,))
    for version, qlen in ((2, 28), (1, 24)):
        before = s_dut.read()
        bed.drain()
        peer.ip("link", "set", "br0", "type", "bridge", "mcast_querier", "0")
        # Not in one command: br_changelink() applies the querier switch
        # before the version, and the query it sends at once could go out
        # in the old one.
        peer.ip("link", "set", "br0", "type", "bridge", "mcast_mld_version",
                str(version))
        peer.ip("link", "set", "br0", "type", "bridge", "mcast_querier", "1")
        got = wait_icmp6(bed.raw[58], lambda s, b: s == igg6.PEER_LL and
                         b[0] == 130 and len(b) == qlen, timeout=15)
        t.result(got is not None, "the bridge's MLDv%d general query from %s "
                 "reaches the dut" % (version, igg6.PEER_LL),
                 ["no %d-byte query within 15 s" % qlen])
        learned = igg.wait_mdb(peer, DUT_GROUP)
        t.result(DUT_GROUP in learned, "the bridge learns the dut's group %s "
                 "from its answer to the MLDv%d query" % (DUT_GROUP, version),
                 ["bridge mdb: %r" % learned])
        peer.exec("bridge", "mdb", "del", "dev", "br0", "port", "peer0",
                  "grp", DUT_GROUP, check=False)
        counted(t, "bridge querier MLDv%d" % version, s_dut, before,
                "ipv6_packets_validated")


def run(t):
    igg6.preflight6(t)
    igg.load()
    bed = igg6.Bed6(protos=(58,), peer_ipv6=True,
                    groups=["ff02::16", "ff02::2", V1_GROUP, V2_GROUP,
                            DUT_GROUP])
    s_dut = igg.Stats(bed.dut)
    s_peer = igg.Stats(bed.peer)
    with bed.peer.enter():
        peer_sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        ifindex = socket.if_nametoindex("peer0")

    before = s_dut.read()
    joins_and_leaves(t, bed, peer_sock, ifindex)
    counted(t, "joins and leaves", s_dut, before, "ipv6_packets_validated")
    t.result(not igg6.findings(s_peer), "joins and leaves: the peer "
             "namespace drops nothing and finds nothing",
             ["%s" % igg6.findings(s_peer)])
    peer_sock.close()

    before = s_dut.read()
    for dst in (igg6.DUT_LL, igg6.DUT_ADDR):
        echo(t, bed, dst)
    neigh = bed.peer.exec("ip", "-6", "neigh", "show", "dev", "peer0")
    t.result(igg6.DUT_LL in neigh and igg6.DUT_ADDR in neigh, "the peer "
             "learned both dut addresses by neighbour discovery",
             ["ip -6 neigh: %r" % neigh])
    tcp(t, bed)
    udp(t, bed)
    counted(t, "ND, echo, TCP and UDP", s_dut, before, "ipv6_packets_seen")
    t.result(not igg6.findings(s_peer), "ND, echo, TCP and UDP: the peer "
             "namespace drops nothing and finds nothing",
             ["%s" % igg6.findings(s_peer)])

    before = s_dut.read()
    dad_report(t, bed)
    counted(t, "DAD", s_dut, before, "ipv6_packets_validated")

    bridge_querier(t, bed, s_dut)
    t.result(not igg6.findings(s_peer), "bridge querier: the peer namespace "
             "drops nothing and finds nothing",
             ["%s" % igg6.findings(s_peer)])
    s_dut.close()
    s_peer.close()
    bed.close()
    igg.unload()
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
