#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The bridge hook: frames a Linux bridge forwards, floods or passes up.

  netns h1 (attacker)   netns h2          netns h3
    eth0 10.9.0.11        eth0 .12          eth0 .13      (or eth0.10, tagged)
      |                     |                 |
  ====p1====================p2================p3======   netns br:
                        br0 10.9.0.1 (or br0.10)           igmpguard counts here
      mcast_snooping 1, mcast_querier 1, IGMPv3, stats on

The namespaces h1..h3 stand in for virtual machines behind the bridge.

  join/leave    a join from h2's own kernel makes a `bridge mdb` entry for
                p2 and the leave removes it; a legitimate v3 query from h1
                reaches h2, h3 and the snooping parser
  attacks       MS08-001-class v3 queries, malformed v3 reports, a bad
                checksum, broken options on IGMP and on forwarded unicast
                UDP, and a policy case (TTL 64): dropped on the bridge, with
                its reason; the mdb and the bridge's IGMP statistics
                (`ip link xstats`, the bridge's and every port's) do not
                move and neither h2 nor h3 sees the frame. Measured first
                with enabled=0: the stock bridge floods the MS08-001
                queries to h2 and h3 (what it does with each attack is
                printed), so the checks can fail.
  bridge=malformed  the policy case passes the bridge, counted, the
                malformed ones still drop
  vlan          vlan_filtering 1, tagged ports: 802.1Q, QinQ and 802.1ad
                outer tags, the outer tag taken into the skb by the
                receiving veth, the inner one in the frame
  once          a frame the bridge judges and passes up is judged once:
                without br_netfilter (the IP hook on br0 or br0.10) and
                with br_netfilter and bridge-nf-call-iptables=1 (the IP
                hook called from bridge prerouting)
  IPv6          the same with MLD: a guest's MLD join and leave, MLDv2
                query and report overruns, bad checksum, unicast record,
                broken Hop-by-Hop and Destination options, hop limit 64;
                judged once with and without bridge-nf-call-ip6tables=1
  log           a drop's log line names the port (dev) and the bridge
  off           bridge=off: the IP hook on br0 still drops what reaches
                the host's own stack
  churn         load and unload while frames flow through the bridge;
                bridges and ports made and deleted under the flood; no
                warning in the kernel log
"""

import json
import os
import random
import re
import select
import socket
import struct
import subprocess
import threading
import time

import igg
from families import HBH_RA, a6, icmp6, ipv6

BR_ADDR = "10.9.0.1"
HOSTS = ["10.9.0.11", "10.9.0.12", "10.9.0.13"]
HOSTS6 = ["fe80::11", "fe80::12", "fe80::13"]
G = "239.1.1.2"
RA = b"\x94\x04\x00\x00"
ETH_P_IPV6 = 0x86dd
ETH_P_8021Q = 0x8100
ETH_P_8021AD = 0x88a8
VID = 10
BRIDGE_TOTALS = igg.BRIDGE_TOTALS


# --- frames --------------------------------------------------------------

def v3_query(src, dst="224.0.0.1", group="0.0.0.0", nsrc=0, claimed=None,
             ttl=1):
    """A v3 query listing @nsrc sources but claiming @claimed."""
    srcs = b"".join(struct.pack("!BBBB", 10, 8, i // 256, i % 256)
                    for i in range(nsrc))
    n = nsrc if claimed is None else claimed
    msg = (b"\x11\x64\0\0" + igg.aton(group) + b"\x02\x7d" +
           struct.pack("!H", n) + srcs)
    return igg.ipv4(src, dst, 2, igg.with_csum(msg), ttl=ttl, tos=0xc0,
                    opts=RA)


def v3_report(src, group, nsrc=1, claimed=None, ttl=1, csum_ok=True,
              rtype=4):
    """A v3 report with one record of @nsrc sources claiming @claimed."""
    n = nsrc if claimed is None else claimed
    rec = (struct.pack("!BBH", rtype, 0, n) + igg.aton(group) +
           b"".join(struct.pack("!BBBB", 10, 9, 0, i + 1)
                    for i in range(nsrc)))
    msg = igg.with_csum(b"\x22\0\0\0\0\0\0\x01" + rec)
    if not csum_ok:
        msg = msg[:2] + bytes([msg[2] ^ 0x55, msg[3]]) + msg[4:]
    return igg.ipv4(src, "224.0.0.22", 2, msg, ttl=ttl, tos=0xc0, opts=RA)


def attacks(src, dst_host):
    """(name, datagram, reason, class) sent from h1."""
    return [
        ("v3 query, 256 sources claimed, 2 present (MS08-001)",
         v3_query(src, nsrc=2, claimed=256), "v3_query_overrun",
         "malformed"),
        ("v3 group query claiming 65535 sources",
         v3_query(src, dst=G, group=G, nsrc=1, claimed=65535),
         "v3_query_overrun", "malformed"),
        ("v3 general query listing sources",
         v3_query(src, nsrc=3), "v3_query_general_sources", "malformed"),
        ("v3 report whose record claims 40 sources, 1 present",
         v3_report(src, G, nsrc=1, claimed=40), "v3_report_overrun",
         "malformed"),
        ("v3 report with a wrong checksum",
         v3_report(src, G, csum_ok=False), "igmp_checksum", "malformed"),
        ("v3 report for a unicast group",
         v3_report(src, "10.1.2.3"), "v3_record_group", "malformed"),
        ("v3 query with a router alert running past the options",
         igg.ipv4(src, "224.0.0.1", 2,
                  igg.with_csum(b"\x11\x64\0\0\0\0\0\0\x02\x7d\0\0"),
                  ttl=1, opts=b"\x94\x08\x00\x00"), "opt_length",
         "malformed"),
        ("unicast UDP to h2 with a truncated timestamp option",
         igg.ipv4(src, dst_host, 17, b"\x30\x39\x30\x39\0\x08\0\0",
                  opts=b"\x44\x03\x05\x00"), "opt_timestamp", "malformed"),
        ("v3 report with TTL 64",
         v3_report(src, G, ttl=64), "igmp_ttl", "policy"),
    ]


def mldv2_query(src, n, claimed=None, group="::", hlim=1):
    """An MLDv2 query listing @n sources but claiming @claimed."""
    srcs = b"".join(a6("2001:db8::%x" % (i + 1)) for i in range(n))
    msg = (struct.pack("!BBHHH", 130, 0, 0, 1000, 0) + a6(group) +
           struct.pack("!BBH", 2, 125, n if claimed is None else claimed) +
           srcs)
    dst = "ff02::1" if group == "::" else group
    return ipv6(src, dst, 0, HBH_RA + icmp6(src, dst, msg), hlim=hlim)


def mldv2_report(src, group="ff05::1:3", n=1, claimed=None, hlim=1,
                 csum_ok=True, hbh=HBH_RA):
    """An MLDv2 report with one record of @n sources claiming @claimed."""
    rec = (struct.pack("!BBH", 4, 0, n if claimed is None else claimed) +
           a6(group) + b"".join(a6("2001:db8::%x" % (i + 1))
                                for i in range(n)))
    msg = icmp6(src, "ff02::16", struct.pack("!BBHHH", 143, 0, 0, 0, 1) + rec)
    if not csum_ok:
        msg = msg[:2] + bytes([msg[2] ^ 0x55, msg[3]]) + msg[4:]
    return ipv6(src, "ff02::16", 0, hbh + msg, hlim=hlim)


def attacks6():
    """(name, packet, reason, class) sent from h1, as attacks() for IPv6."""
    src = HOSTS6[0]
    # A Destination Options header whose one option says: unknown, discard.
    discard = struct.pack("!BBBB4x", 17, 0, 0x80, 4)
    udp = struct.pack("!HHHH", 40000, 9, 8, 0)
    return [
        ("MLDv2 query, 50 sources claimed, 1 present (MS08-001)",
         mldv2_query(src, 1, claimed=50), "mld_query_overrun", "malformed"),
        ("MLDv2 general query listing sources",
         mldv2_query(src, 2), "mld_query_general_sources", "malformed"),
        ("MLDv2 report whose record claims 20 sources, 1 present",
         mldv2_report(src, claimed=20), "mld_report_overrun", "malformed"),
        ("MLDv2 report with a wrong checksum",
         mldv2_report(src, csum_ok=False), "mld_checksum", "malformed"),
        ("MLDv2 report for a unicast address",
         mldv2_report(src, group="2001:db8::1"), "mld_record_group",
         "malformed"),
        ("MLDv2 report whose router alert runs past its Hop-by-Hop header",
         mldv2_report(src, hbh=b"\x3a\x00\x05\x09\x00\x00\x01\x00"),
         "ext_option_length", "malformed"),
        ("unicast UDP to h2 behind an option that says discard",
         ipv6(src, HOSTS6[1], 60, discard + udp), "ext_option_discard",
         "malformed"),
        ("MLDv2 report with hop limit 64",
         mldv2_report(src, hlim=64), "mld_hop_limit", "policy"),
    ]


def is_v6(pkt):
    return pkt[0] >> 4 == 6


def with_id(pkt, ident):
    """@pkt marked with @ident: the IPv4 ID, or the IPv6 flow label (which
    no checksum covers)."""
    if not is_v6(pkt):
        return igg.set_ident(pkt, ident)
    word = struct.unpack("!I", pkt[:4])[0] & ~0xfffff | (ident & 0xfffff)
    return struct.pack("!I", word) + pkt[4:]


def pkt_id(ip):
    """(mark, source address) of an IPv4 or IPv6 packet, as with_id()."""
    if is_v6(ip):
        return (struct.unpack("!I", ip[:4])[0] & 0xfffff, ip[8:24])
    return (struct.unpack("!H", ip[4:6])[0], ip[12:16])


def dst_of(pkt):
    if is_v6(pkt):
        return socket.inet_ntop(socket.AF_INET6, pkt[24:40])
    return socket.inet_ntoa(pkt[16:20])


def multicast(pkt):
    return pkt[24] == 0xff if is_v6(pkt) else igg.is_multicast(dst_of(pkt))


def group_mac(pkt):
    if is_v6(pkt):
        return b"\x33\x33" + pkt[36:40]
    return igg.mcast_mac(dst_of(pkt))


def l2(pkt, dst_mac, src_mac, tags=()):
    """Ethernet frame carrying IP @pkt behind the VLAN @tags
    [(tpid, vid), ...], outermost first."""
    head = dst_mac + src_mac
    for tpid, vid in tags:
        head += struct.pack("!HH", tpid, vid)
    et = ETH_P_IPV6 if is_v6(pkt) else igg.ETH_P_IP
    return head + struct.pack("!H", et) + pkt


def frame_ip(frame):
    """The IP packet in a captured frame, behind any VLAN tags, or None."""
    off = 12
    while off + 2 <= len(frame):
        et = struct.unpack("!H", frame[off:off + 2])[0]
        if et in (ETH_P_8021Q, ETH_P_8021AD):
            off += 4
            continue
        need = {igg.ETH_P_IP: 20, ETH_P_IPV6: 40}.get(et)
        return frame[off + 2:] if need and len(frame) >= off + 2 + need \
            else None
    return None


# --- the bed -------------------------------------------------------------

class BridgeBed:
    def __init__(self, vlan=False, ipv6=False):
        """@ipv6: the host's stack (netns br) and h2 speak IPv6, without
        DAD; h1 only sends raw frames and h3 only captures."""
        self.vlan = vlan
        self.br = igg.Netns("br")
        self.hosts = [igg.Netns("h%d" % (i + 1)) for i in range(3)]
        for ns in [self.br] + self.hosts:
            if ipv6 and ns in (self.br, self.hosts[1]):
                ns.sysctl("net.ipv6.conf.all.accept_dad", 0)
                ns.sysctl("net.ipv6.conf.default.accept_dad", 0)
            else:
                igg.Bed._quiet(ns)
            ns.sysctl("net.ipv4.conf.all.rp_filter", 0)
            ns.sysctl("net.ipv4.conf.default.rp_filter", 0)
        opts = ("mcast_snooping 1 mcast_querier 1 mcast_igmp_version 3 "
                "mcast_mld_version 2 mcast_stats_enabled 1 "
                "mcast_query_use_ifaddr 1 mcast_query_interval 100000 "
                "mcast_startup_query_count 2 "
                "mcast_startup_query_interval 100 "
                "mcast_last_member_interval 50 "
                "mcast_query_response_interval 100 "
                "vlan_filtering %d" % int(vlan))
        cmds = ["link add br0 type bridge " + opts]
        for i, h in enumerate(self.hosts):
            cmds += ["link add p%d type veth peer name eth0 netns %s" %
                     (i + 1, h.name),
                     "link set p%d master br0" % (i + 1),
                     "link set p%d up" % (i + 1)]
        self.br.batch("ip", cmds)
        self.up_dev = "br0"
        if vlan:
            self.br.batch("bridge", ["vlan add vid %d dev p%d" % (VID, i + 1)
                                     for i in range(3)] +
                          ["vlan add vid %d dev br0 self" % VID])
            self.br.batch("ip", ["link add link br0 name br0.%d type vlan "
                                 "id %d" % (VID, VID)])
            self.up_dev = "br0.%d" % VID
        self.br.batch("ip", ["link set br0 up",
                             "addr add %s/24 dev %s" % (BR_ADDR, self.up_dev),
                             "link set %s up" % self.up_dev])
        self.dev = []
        for i, h in enumerate(self.hosts):
            dev = "eth0"
            cmds = ["link set eth0 up"]
            if vlan:
                dev = "eth0.%d" % VID
                cmds.append("link add link eth0 name %s type vlan id %d" %
                            (dev, VID))
            cmds += ["addr add %s/24 dev %s" % (HOSTS[i], dev),
                     "link set %s up" % dev]
            h.batch("ip", cmds)
            self.dev.append(dev)
        self.macs = [h.mac("eth0") for h in self.hosts]
        # h1 sends raw frames; h2 and h3 capture everything the bridge
        # gives them.
        with self.hosts[0].enter():
            self.tx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
            self.tx.bind(("eth0", 0))
        self.rx = []
        for h in self.hosts[1:]:
            with h.enter():
                s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                                  socket.htons(0x0003))
                s.bind(("eth0", 0))
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
                s.setblocking(False)
            self.rx.append(s)
        self.seq = 0
        self.ident = random.randrange(1, 0xf000)
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        self.brnf(False)
        # Ports start in forwarding at once (no STP), but give the links
        # a moment: sync until a broadcast gets through.
        self.sync(timeout=20, resend=0.2)

    def brnf(self, on):
        """br_netfilter's bridge-nf-call-iptables and -ip6tables in the
        bridge's namespace, where the module is loaded (1 by default in a
        new namespace)."""
        if os.path.isdir("/proc/sys/net/bridge"):
            for fam in ("iptables", "ip6tables"):
                self.br.sysctl("net.bridge.bridge-nf-call-" + fam, int(on))

    def tags(self):
        return [(ETH_P_8021Q, VID)] if self.vlan else []

    def drain(self):
        for s in self.rx:
            while True:
                try:
                    s.recv(65535)
                except BlockingIOError:
                    break

    def sync(self, timeout=10, resend=None, tags=None):
        """Send a broadcast sync frame from h1; return the frames h2 and h3
        captured before it, once both have it."""
        self.seq += 1
        tag = b"IGGBRSYNC" + struct.pack("!Q", self.seq)
        head = b"\xff" * 6 + self.macs[0]
        for tpid, vid in (self.tags() if tags is None else tags):
            head += struct.pack("!HH", tpid, vid)
        frame = head + struct.pack("!H", igg.ETH_P_SYNC) + tag.ljust(46, b"\0")
        got = [[] for _ in self.rx]
        done = [False] * len(self.rx)
        deadline = time.monotonic() + timeout
        while True:
            self.tx.send(frame)
            until = min(deadline, time.monotonic() + (resend or timeout))
            while not all(done):
                left = until - time.monotonic()
                if left <= 0:
                    break
                r, _, _ = select.select(
                    [s for s, d in zip(self.rx, done) if not d], [], [], left)
                for s in r:
                    i = self.rx.index(s)
                    while True:
                        try:
                            b = s.recv(65535)
                        except BlockingIOError:
                            break
                        if tag in b:
                            done[i] = True
                            break
                        got[i].append(b)
            if all(done):
                return got
            if time.monotonic() >= deadline:
                raise RuntimeError("sync frame %d not seen in h2/h3" %
                                   self.seq)

    def send(self, pkt, dst_mac=None, tags=None):
        """Send IP @pkt from h1 with a fresh mark (with_id()); return which
        of h2, h3 received it."""
        self.ident += 1
        pkt = with_id(pkt, self.ident)
        if dst_mac is None and multicast(pkt):
            dst_mac = group_mac(pkt)
        elif dst_mac is None:
            dst = dst_of(pkt)
            dst_mac = self.macs[HOSTS.index(dst) if dst in HOSTS
                                else HOSTS6.index(dst)]
        tags = self.tags() if tags is None else tags
        self.drain()
        self.tx.send(l2(pkt, dst_mac, self.macs[0], tags))
        got = self.sync()
        want = pkt_id(pkt)
        return [any(ip and pkt_id(ip) == want
                    for ip in map(frame_ip, frames)) for frames in got]

    def mdb(self):
        """{(port, group)} of the bridge's mdb entries."""
        data = json.loads(self.br.exec("bridge", "-j", "mdb", "show",
                                       "dev", "br0") or "[]")
        out = set()
        for blk in data:
            for e in blk.get("mdb", []):
                out.add((e.get("port"), e.get("grp")))
        return out

    def mcast_stats(self):
        """The snooping parser's IGMP and MLD counters (ip link xstats), the
        bridge's and each port's, flat: {"p1 igmp_queries rx_v3": n}. One
        ip process: forks are slow under TCG."""
        lines = ["link xstats type bridge dev br0"] + \
            ["link xstats type bridge_slave dev p%d" % i for i in (1, 2, 3)]
        text = igg.run("ip", "-n", self.br.name, "-j", "-batch", "-",
                       input="\n".join(lines) + "\n")
        out, dec, pos = {}, json.JSONDecoder(), 0
        while True:
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos >= len(text):
                return out
            data, pos = dec.raw_decode(text, pos)
            for blk in data:
                dev = blk.get("ifname")
                for k, v in (blk.get("multicast") or {}).items():
                    if not k.startswith(("igmp", "mld")):
                        continue
                    if isinstance(v, dict):
                        for kk, vv in v.items():
                            out["%s %s %s" % (dev, k, kk)] = vv
                    else:
                        out["%s %s" % (dev, k)] = v

    def close(self):
        for s in [self.tx] + self.rx:
            s.close()
        for ns in self.hosts + [self.br]:
            ns.delete()


def parsed(x):
    """What the snooping parser counts of frames that come in on p1, h1's
    port: received messages and parse errors. (This host's own reports and
    the bridge's queries move the bridge's receive and the ports' transmit
    counters at times of their choosing.)"""
    return {k: v for k, v in x.items()
            if k.startswith("p1 ") and " rx" in k or "parse_errors" in k}


def moved_stats(x0, x1):
    return ["%s +%d" % (k, v - x0.get(k, 0)) for k, v in sorted(x1.items())
            if v != x0.get(k, 0)]


# --- the parts -----------------------------------------------------------

def part_join_leave(t, bed, stats):
    h2 = bed.hosts[1]
    before = stats.read()
    with h2.enter():
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    mreq = struct.pack("4s4si", igg.aton(G), igg.aton("0.0.0.0"),
                       ifindex(h2, bed.dev[1]))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
    joined = wait_for(lambda: ("p2", G) in bed.mdb(), 10)
    t.result(joined, "a join from h2's kernel makes an mdb entry for p2",
             ["mdb: %s" % sorted(bed.mdb())])
    s.setsockopt(socket.IPPROTO_IP, socket.IP_DROP_MEMBERSHIP, mreq)
    s.close()
    left = wait_for(lambda: ("p2", G) not in bed.mdb(), 15)
    t.result(left, "the leave removes it", ["mdb: %s" % sorted(bed.mdb())])
    d = igg.delta(before, stats.read())
    t.result(d["bridge_packets_validated"] >= 2 and
             not d["bridge_packets_dropped"] and not d["packets_dropped"],
             "the reports were judged on the bridge and passed",
             igg.diff_counters({k: d[k] for k in BRIDGE_TOTALS}, {}))


def ifindex(ns, dev):
    with ns.enter():
        return socket.if_nametoindex(dev)


def wait_for(cond, timeout):
    deadline = time.monotonic() + timeout
    while True:
        if cond():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)


def part_legit_query(t, bed, stats):
    before, x0 = stats.read(), bed.mcast_stats()
    got = bed.send(v3_query(HOSTS[0]))
    d = igg.delta(before, stats.read())
    x1 = bed.mcast_stats()
    t.result(all(got), "a legitimate v3 query from h1 reaches h2 and h3",
             ["received by h2, h3: %s" % got])
    t.result(d["bridge_packets_validated"] == 1 and
             not d["bridge_packets_dropped"],
             "and is judged once on the bridge, passed",
             igg.diff_counters({k: d[k] for k in BRIDGE_TOTALS},
                               {"bridge_packets_seen": 1,
                                "bridge_packets_validated": 1}))
    key = "p1 igmp_queries rx_v3"
    t.result(x1[key] - x0[key] == 1, "the snooping parser counted it on p1",
             moved_stats(x0, x1))


def attack_list(fam):
    return attacks(HOSTS[0], HOSTS[1]) if fam == "ipv4" else attacks6()


def run_attacks(t, bed, stats, mode, label, stock=None, tags=None,
                fam="ipv4"):
    """Send every attack of family @fam; check drop/pass, counters, mdb and
    xstats. A frame that passes must reach the ports it reached in @stock
    (calibrate())."""
    problems = []
    # Forks are slow under TCG: the mdb is read once around the run when
    # every frame drops, the snooping stats once between two frames.
    m0, x1 = bed.mdb(), bed.mcast_stats()
    for name, pkt, reason, cls in attack_list(fam):
        drops = cls == "malformed" or mode == "policy"
        x0, before = x1, stats.read()
        got = bed.send(pkt, tags=tags)
        d = igg.delta(before, stats.read())
        want_rx = [False, False] if drops else stock[name][0]
        if got != want_rx:
            problems.append("%s: received by h2, h3 %s, expected %s" %
                            (name, got, want_rx))
        want = {"bridge_packets_seen": 1, "bridge_packets_validated": 1,
                "packets_seen": 1, "packets_validated": 1, reason: 1}
        if drops:
            want.update(bridge_packets_dropped=1, packets_dropped=1)
        else:
            want.update(bridge_packets_anomalous=1, packets_anomalous=1)
        # Every total has its family's twin.
        want.update({fam + "_" + k: v for k, v in list(want.items())
                     if k.startswith("packets_")})
        got_d = {k: v for k, v in d.items() if v}
        # A copy the bridge passed up meets the IP hook on the bridge
        # device, which sees it and leaves it: seen twice, judged once.
        for k in ("packets_seen", fam + "_packets_seen"):
            if not drops and got_d.get(k) == 2:
                got_d[k] = 1
        for line in igg.diff_counters(got_d, want):
            problems.append("%s: %s" % (name, line))
        x1 = bed.mcast_stats()
        if drops and parsed(x0) != parsed(x1):
            problems.append("%s: snooping stats moved: %s" %
                            (name, moved_stats(x0, x1)))
    if mode == "policy" and bed.mdb() != m0:
        problems.append("mdb changed: %s -> %s" %
                        (sorted(m0), sorted(bed.mdb())))
    t.result(not problems, "%s: each attack %s, counted with its reason; "
             "the mdb and the snooping parser's stats unchanged, no other "
             "port sees a dropped frame" %
             (label, "dropped" if mode == "policy" else "judged"), problems)


def calibrate(t, bed, stats, label, tags=None, fam="ipv4"):
    """enabled=0: what the stock bridge does with each attack, measured:
    which of h2, h3 receive it and which moves of the snooping parser's
    stats it causes. The MS08-001 queries must reach both (the guests are
    exposed without igmpguard)."""
    # enabled=0: no hook at all, not even an IP hook that br_netfilter
    # would feed the bridged frames to.
    if igg.set_param("enabled", "0"):
        t.bail("cannot set enabled=0")
    stock, problems, diag = {}, [], []
    for name, pkt, _, _ in attack_list(fam):
        x0 = bed.mcast_stats()
        got = bed.send(pkt, tags=tags)
        stock[name] = (got, moved_stats(x0, bed.mcast_stats()))
        diag.append("stock: %s: h2, h3 %s; snooping %s" %
                    (name, got, stock[name][1] or "-"))
        if "MS08-001" in name and got != [True, True]:
            problems.append("%s reached h2, h3: %s" % (name, got))
    t.diag(*diag)
    t.result(not problems, "%s: without igmpguard the MS08-001 query "
             "reaches the other ports" % label, problems)
    igg.set_param("enabled", "1")
    return stock


def send_up(bed, stats, pkt, dst_mac=None):
    """Send @pkt from h1; return which of h2, h3 got it, how the counters
    moved and whether a raw socket of the host's stack (netns br) got it."""
    with bed.br.enter():
        raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, pkt[9])
        raw.setblocking(False)
    before = stats.read()
    got = bed.send(pkt, dst_mac=dst_mac)
    d = igg.delta(before, stats.read())
    up = False
    while True:
        try:
            b = raw.recv(65535)
        except BlockingIOError:
            break
        up = up or struct.unpack("!H", b[4:6])[0] == bed.ident
    raw.close()
    return got, d, up


def part_once(t, bed, stats, label):
    """A broadcast UDP datagram with a router alert option: valid, judged
    (it has options), flooded and passed up to the host's stack."""
    pkt = igg.ipv4(HOSTS[0], "10.9.0.255", 17, b"\x30\x39\x30\x3a\0\x08\0\0",
                   opts=RA)
    got, d, up = send_up(bed, stats, pkt, dst_mac=b"\xff" * 6)
    t.result(up and all(got), "%s: a valid datagram with options reaches "
             "the host's stack and both other ports" % label,
             ["host %s, h2/h3 %s" % (up, got)])
    want = {"packets_validated": 1, "bridge_packets_validated": 1,
            "bridge_packets_seen": 1, "packets_anomalous": 0}
    got_d = {k: d[k] for k in want}
    t.result(got_d == want and d["packets_seen"] == 2,
             "%s: judged once, on the bridge; the IP hook saw it and left "
             "it" % label,
             igg.diff_counters(got_d, want) +
             ["packets_seen moved by %d, expected 2" % d["packets_seen"]])


def part_log(t, bed):
    """The log line of a drop on the bridge names the port, then the
    bridge (log_all_netns=Y: the bridge is not in the initial namespace)."""
    igg.set_param("log_all_netns", "1")
    kmsg = igg.Kmsg()
    bed.send(v3_query(HOSTS[0], nsrc=2, claimed=256))
    inode = os.stat("/run/netns/" + bed.br.name).st_ino
    want = ("igmpguard: dropped v3_query_overrun %s -> 224.0.0.1 dev p1 "
            "bridge br0 netns %d mode block" % (HOSTS[0], inode))
    lines = [ln for ln in kmsg.lines() if "igmpguard:" in ln]
    kmsg.close()
    igg.set_param("log_all_netns", "0")
    t.result(want in lines, "the log line names the port and the bridge",
             ["want: " + want] + ["got:  " + ln for ln in lines])


def part_off(t, bed, stats):
    """bridge=off: nothing judged on the bridge, the host still guarded."""
    if igg.set_param("bridge", "off"):
        t.bail("cannot set bridge=off")
    got, d, up = send_up(bed, stats, v3_query(HOSTS[0], nsrc=2, claimed=256))
    want = {"packets_dropped": 1, "v3_query_overrun": 1,
            "bridge_packets_seen": 0, "bridge_packets_validated": 0}
    got_d = {k: d[k] for k in want}
    t.result(not up and got_d == want and all(got),
             "bridge=off: the malformed query is flooded to the ports, but "
             "the IP hook on the bridge device drops it before the host's "
             "stack", igg.diff_counters(got_d, want) +
             ["host got it: %s; h2/h3: %s" % (up, got)])
    igg.set_param("bridge", "policy")


def part_ipv6(t):
    """MLD and IPv6 extension headers on a bridge: the same checks."""
    G6 = "ff05::1:3"
    bed = BridgeBed(ipv6=True)
    stats = igg.Stats(bed.br)
    # The startup queries and h2's answers (within 1 s) die down.
    time.sleep(3)
    h2 = bed.hosts[1]
    with h2.enter():
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    mreq = a6(G6) + struct.pack("@I", ifindex(h2, "eth0"))
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, mreq)
    joined = wait_for(lambda: ("p2", G6) in bed.mdb(), 10)
    t.result(joined, "IPv6: an MLD join from h2's kernel makes an mdb entry "
             "for p2", ["mdb: %s" % sorted(bed.mdb())])
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_LEAVE_GROUP, mreq)
    s.close()
    left = wait_for(lambda: ("p2", G6) not in bed.mdb(), 15)
    t.result(left, "IPv6: the leave removes it",
             ["mdb: %s" % sorted(bed.mdb())])
    # From here on h2 only captures, as h3 does: its own MLD would move
    # the counters at times of its choosing.
    h2.sysctl("net.ipv6.conf.all.disable_ipv6", 1)
    time.sleep(1)

    stock = calibrate(t, bed, stats, "IPv6", fam="ipv6")
    run_attacks(t, bed, stats, "policy", "IPv6, bridge=policy", fam="ipv6")
    igg.set_param("bridge", "malformed")
    run_attacks(t, bed, stats, "malformed", "IPv6, bridge=malformed", stock,
                fam="ipv6")
    igg.set_param("bridge", "policy")

    part_once6(t, bed, stats, "IPv6, no br_netfilter")
    if os.path.isdir("/proc/sys/net/bridge"):
        bed.brnf(True)
        part_once6(t, bed, stats,
                   "IPv6, br_netfilter, bridge-nf-call-ip6tables=1")
        run_attacks(t, bed, stats, "policy", "IPv6, br_netfilter, "
                    "bridge-nf-call-ip6tables=1", fam="ipv6")
        bed.brnf(False)
    stats.close()
    bed.close()


def part_once6(t, bed, stats, label):
    """A legitimate MLDv2 general query from h1: flooded, and passed up to
    the host's stack, where a raw ICMPv6 socket sees it by its source."""
    with bed.br.enter():
        raw = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                            socket.IPPROTO_ICMPV6)
        raw.setblocking(False)
    before = stats.read()
    got = bed.send(mldv2_query(HOSTS6[0], 0))
    d = igg.delta(before, stats.read())
    up = False
    while True:
        try:
            _, addr = raw.recvfrom(65535)
        except BlockingIOError:
            break
        up = up or addr[0].split("%")[0] == HOSTS6[0]
    raw.close()
    t.result(up and all(got), "%s: a legitimate MLDv2 query reaches the "
             "host's stack and both other ports" % label,
             ["host %s, h2/h3 %s" % (up, got)])
    want = {"packets_validated": 1, "ipv6_packets_validated": 1,
            "bridge_packets_validated": 1, "bridge_packets_seen": 1,
            "packets_seen": 2, "packets_dropped": 0}
    got_d = {k: d[k] for k in want}
    t.result(got_d == want, "%s: judged once, on the bridge; the IPv6 "
             "hook saw it and left it" % label,
             igg.diff_counters(got_d, want))


# --- churn ---------------------------------------------------------------

class Flood(threading.Thread):
    def __init__(self, sock, frames):
        super().__init__(daemon=True)
        self.sock, self.frames = sock, frames
        self.stop = threading.Event()
        self.sent = 0

    def run(self):
        while not self.stop.is_set():
            for f in self.frames:
                try:
                    self.sock.send(f)
                    self.sent += 1
                except OSError:
                    pass
            time.sleep(0.002)


def bridge_judged(bed):
    """Whether the bridge hook of the module loaded now judged a frame."""
    st = igg.Stats(bed.br)
    try:
        return st.read()["bridge_packets_validated"] > 0
    finally:
        st.close()


def part_churn(t, bed, loads=10, bridges=10):
    frames = [l2(p, igg.mcast_mac(socket.inet_ntoa(p[16:20]))
                 if igg.is_multicast(socket.inet_ntoa(p[16:20]))
                 else bed.macs[1], bed.macs[0], bed.tags())
              for _, p, _, _ in attacks(HOSTS[0], HOSTS[1])]
    frames.append(l2(v3_query(HOSTS[0]), igg.mcast_mac("224.0.0.1"),
                     bed.macs[0], bed.tags()))
    kmsg = igg.Kmsg()
    flood = Flood(bed.tx, frames)
    flood.start()
    problems = []
    for i in range(loads):
        try:
            igg.unload()
            igg.load(bridge=["policy", "malformed"][i % 2])
            judged = wait_for(lambda: bridge_judged(bed), 10)
            if not judged:
                problems.append("load %d: nothing judged on the bridge" % i)
            igg.set_param("bridge", ["off", "policy", "malformed"][i % 3])
            if igg.refcount():
                problems.append("load %d: refcnt %d" % (i, igg.refcount()))
        except (RuntimeError, OSError) as e:
            problems.append("load %d: %s" % (i, e))
    t.result(not problems, "%d loads and unloads while frames flow through "
             "the bridge: each judges them, unload always succeeds" % loads,
             problems)
    # Bridges and ports made and deleted under the flood, in the bridge's
    # namespace: h1's frames reach each new bridge through a port of it.
    igg.set_param("bridge", "policy")
    for i in range(bridges):
        h = bed.hosts[0]
        try:
            bed.br.batch("ip", [
                "link add brx type bridge mcast_snooping 1 mcast_querier 1",
                "link add px type veth peer name ex netns " + h.name,
                "link set px master brx", "link set px up",
                "link set brx up"])
            h.batch("ip", ["link set ex up"])
            with h.enter():
                s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
                s.bind(("ex", 0))
            for f in frames:
                s.send(f)
            bed.br.batch("ip", ["link del px" if i % 2 else "link del brx"])
            s.close()
            bed.br.batch("ip", ["link del brx"] if i % 2 else
                         ["link del px"])
        except (RuntimeError, OSError) as e:
            problems.append("cycle %d: %s" % (i, e))
    flood.stop.set()
    flood.join()
    t.result(not problems, "%d bridges with a port made and deleted under "
             "the flood" % bridges, problems)
    bad = [ln for ln in kmsg.lines()
           if re.search(r"WARNING|BUG|Oops|refcount_t|general protection|"
                        r"use-after-free|igmpguard.*(fail|error)", ln) and
           "module verification failed" not in ln]
    t.result(not bad, "no warning in the kernel log (%d frames sent)" %
             flood.sent, bad[:20])
    kmsg.close()


# --- main ------------------------------------------------------------------

def run(t):
    igg.preflight(t)
    for tool in ("bridge",):
        if subprocess.run(["sh", "-c", "command -v " + tool],
                          stdout=subprocess.DEVNULL).returncode:
            t.skip_all("%s not installed" % tool)
    subprocess.run(["modprobe", "bridge"], stderr=subprocess.DEVNULL)
    subprocess.run(["modprobe", "8021q"], stderr=subprocess.DEVNULL)
    igg.load()
    if igg.param("bridge") != "policy":
        t.bail("bridge defaults to %r, not policy" % igg.param("bridge"))

    bed = BridgeBed()
    stats = igg.Stats(bed.br)
    part_join_leave(t, bed, stats)
    part_legit_query(t, bed, stats)
    stock = calibrate(t, bed, stats, "untagged")
    run_attacks(t, bed, stats, "policy", "bridge=policy")
    igg.set_param("bridge", "malformed")
    run_attacks(t, bed, stats, "malformed", "bridge=malformed", stock)
    igg.set_param("bridge", "policy")
    part_once(t, bed, stats, "no br_netfilter")
    part_log(t, bed)
    part_off(t, bed, stats)

    brnf = subprocess.run(["modprobe", "br_netfilter"],
                          stderr=subprocess.DEVNULL).returncode == 0
    if brnf:
        bed.brnf(True)
        part_once(t, bed, stats, "br_netfilter, bridge-nf-call-iptables=1")
        run_attacks(t, bed, stats, "policy",
                    "br_netfilter, bridge-nf-call-iptables=1")
        bed.brnf(False)
    else:
        t.skip("br_netfilter", "no br_netfilter module")
    stats.close()
    bed.close()

    if os.path.isdir("/proc/sys/net/ipv6"):
        part_ipv6(t)
    else:
        t.skip("IPv6 on the bridge", "this kernel has no IPv6")

    vbed = BridgeBed(vlan=True)
    stats = igg.Stats(vbed.br)
    qinq = [(ETH_P_8021Q, VID), (ETH_P_8021Q, 20)]
    adq = [(ETH_P_8021AD, VID), (ETH_P_8021Q, 20)]
    calibrate(t, vbed, stats, "vlan_filtering, 802.1Q")
    run_attacks(t, vbed, stats, "policy", "vlan_filtering, 802.1Q")
    run_attacks(t, vbed, stats, "policy", "vlan_filtering, QinQ", tags=qinq)
    run_attacks(t, vbed, stats, "policy", "vlan_filtering, 802.1ad outer",
                tags=adq)
    part_once(t, vbed, stats, "vlan_filtering, up through br0.%d" % VID)
    part_churn(t, vbed)
    stats.close()
    vbed.close()
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
