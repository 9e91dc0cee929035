#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Each family counts on its own lines, and ipv4 / ipv6 switch its hooks.

  +- peer (no IPv6 of its own) -+      +- dut ----------------------------+
  | AF_PACKET: IPv4 and IPv6    |veth  | dut0 192.0.2.50/24, fd00::50/64  |
  | frames, sync frames         |----->| UDP socket [::]:PORT, raw ICMPv6 |
  +-----------------------------+      | and IGMP sockets                 |
                                       +----------------------------------+

  per family    IPv6 UDP and MLD move ipv6_packets_* and the totals, not
                ipv4_packets_*; an IPv4 packet the other way round. The
                UDP takes the fast path (seen, not validated); a valid
                MLDv2 report is validated and passes; an 8-byte MLD query
                is dropped (mld_length) and logged with its IPv6 addresses
  ipv6=N        no IPv6 hook in any namespace: IPv6 goes uncounted and the
                bad query is delivered; IPv4 is still guarded. ipv4=N the
                same the other way round
  max_ext_headers
                three Destination Options headers pass at 3 and are
                dropped (ext_chain_length) at 2
  reassembled   with drop_fragments=N the IPv6 local in hook is there, and
                an MLD query of 16 bytes in two fragments, reassembled by
                nf_defrag_ipv6 (conntrack in the namespace), is dropped
                there as mld_length
  all or nothing
                ipv6=Y while one namespace's IPv6 prerouting is full (1024
                hooks, netfilter's limit) fails, and leaves no IPv6 hook
                in the namespaces that got theirs before it

Delivery is decided by the dut's sockets, never by the counters. nft list
hooks, where the kernel has nfnetlink_hook, checks which hooks exist too.
"""

import os
import socket
import struct

import igg

PEER6 = "fd00::9"
DUT6 = "fd00::50"
PEER_LL = "fe80::9"
ALL_NODES = "ff02::1"
MLDV2_ROUTERS = "ff02::16"
ETH_P_IPV6 = 0x86dd
PORT = 4242
GROUP = "239.1.2.3"
# Hop-by-Hop as Linux sends it with MLD: Router Alert 0 and a PadN of 0.
HBH_RA = b"\x3a\x00\x05\x02\x00\x00\x01\x00"
HOOKS6 = ("igg_hook6", "igg_hook6_reassembled")
HOOKS4 = ("igg_hook", "igg_hook_reassembled")


def a6(addr):
    return socket.inet_pton(socket.AF_INET6, addr)


def ipv6(src, dst, nh, payload, hlim=64):
    return (struct.pack("!IHBB", 6 << 28, len(payload), nh, hlim) +
            a6(src) + a6(dst) + payload)


def icmp6(src, dst, msg):
    """@msg with its ICMPv6 checksum over the pseudo-header."""
    pseudo = a6(src) + a6(dst) + struct.pack("!I3xB", len(msg), 58)
    csum = igg.inet_csum(pseudo + msg[:2] + b"\0\0" + msg[4:])
    return msg[:2] + struct.pack("!H", csum) + msg[4:]


def mld(src, dst, msg):
    """An MLD message as Linux sends one: hop limit 1, Router Alert."""
    return ipv6(src, dst, 0, HBH_RA + icmp6(src, dst, msg), hlim=1)


def mldv2_report():
    record = struct.pack("!BBH", 4, 0, 0) + a6("ff05::1:3")
    return mld(PEER_LL, MLDV2_ROUTERS,
               struct.pack("!BBHHH", 143, 0, 0, 0, 1) + record)


def short_query():
    """An MLD query of 8 bytes: malformed (mld_length), and the stock
    kernel still hands it to a raw ICMPv6 socket."""
    return mld(PEER_LL, ALL_NODES, struct.pack("!BBHHH", 130, 0, 0, 1000, 0))


def udp6(payload, dst=DUT6, ext=b"", first=17):
    """UDP to the dut's socket, behind the extension headers @ext whose
    first is @first."""
    udp = struct.pack("!HHHH", 40000, PORT, 8 + len(payload), 0) + payload
    pseudo = a6(PEER6) + a6(dst) + struct.pack("!I3xB", len(udp), 17)
    csum = igg.inet_csum(pseudo + udp) or 0xffff
    udp = udp[:6] + struct.pack("!H", csum) + udp[8:]
    return ipv6(PEER6, dst, first, ext + udp)


def destopts(n):
    """@n Destination Options headers of 8 bytes (one PadN each), then
    UDP."""
    return b"".join(struct.pack("!BBBB4x", 60 if i < n - 1 else 17, 0, 1, 4)
                    for i in range(n))


def fragments6(pkt, ident):
    """@pkt (IPv6, Hop-by-Hop, then the rest) in fragments of 8 bytes of
    what follows the Hop-by-Hop header."""
    hdr, hbh, rest = pkt[:40], pkt[40:48], pkt[48:]
    nh = hbh[0]
    out = []
    for off in range(0, len(rest), 8):
        more = off + 8 < len(rest)
        frag = struct.pack("!BBHI", nh, 0, off | more, ident)
        body = bytes([44]) + hbh[1:] + frag + rest[off:off + 8]
        out.append(hdr[:4] + struct.pack("!H", len(body)) + hdr[6:] + body)
    return out


class Bed6(igg.Bed):
    """igg.Bed with IPv6 on in the dut: an address without DAD, no router
    solicitations, and sockets that tell what was delivered."""

    def _quiet(self, ns):
        if ns is not self.dut:
            igg.Bed._quiet(ns)

    def __init__(self):
        igg.Bed.__init__(self, protos=(2,), groups=[GROUP])
        d = self.dut
        d.sysctl("net.ipv6.conf.dut0.accept_dad", 0)
        d.sysctl("net.ipv6.conf.dut0.router_solicitations", 0)
        d.ip("-6", "addr", "add", DUT6 + "/64", "dev", "dut0", "nodad")
        d.ip("-6", "neigh", "replace", PEER6, "lladdr",
             ":".join("%02x" % b for b in self.peer_mac), "dev", "dut0",
             "nud", "permanent")
        with d.enter():
            self.udp = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
            self.udp.bind(("::", PORT))
            self.udp.setblocking(False)
            self.icmp = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                                      socket.IPPROTO_ICMPV6)
            self.icmp.setblocking(False)

    def send6(self, pkts):
        """Send IPv6 packets; what reached the UDP socket (payloads) and
        the raw ICMPv6 socket (ICMPv6 types)."""
        self.recv6()
        for p in pkts:
            self._tx(self.frame(p, ETH_P_IPV6))
        self.sync()
        return self.recv6()

    def recv6(self):
        got = {"udp": [], "icmp": []}
        for key, s in (("udp", self.udp), ("icmp", self.icmp)):
            while True:
                try:
                    got[key].append(s.recv(65535))
                except BlockingIOError:
                    break
        got["icmp"] = [m[0] for m in got["icmp"] if m]
        return got

    def close(self):
        self.udp.close()
        self.icmp.close()
        igg.Bed.close(self)


def bad_igmp():
    """An IGMPv2 report with a bad checksum: dropped as igmp_checksum."""
    msg = b"\x16\0\xde\xad" + igg.aton(GROUP)
    return igg.ipv4(igg.PEER_ADDR, GROUP, 2, msg, ttl=1, tos=0xc0,
                    opts=b"\x94\x04\x00\x00")


def moved(d, prefix):
    return {k: v for k, v in d.items() if v and k.startswith(prefix)}


def check_hooks(t, ns, desc, want4, want6):
    """nft list hooks in @ns names the IPv4 and IPv6 hooks @want4, @want6
    ({(hook, function)}); a skip where the kernel cannot list hooks."""
    got4 = igg.nft_hooks(ns, "ip", HOOKS4)
    got6 = igg.nft_hooks(ns, "ip6", HOOKS6)
    if got4 is None or got6 is None:
        t.skip(desc, "nft cannot list hooks on this kernel")
        return
    t.result(got4 == want4 and got6 == want6, desc,
             ["ip: %s, want %s" % (sorted(got4), sorted(want4)),
              "ip6: %s, want %s" % (sorted(got6), sorted(want6))])


PRE4 = {("prerouting", "igg_hook")}
PRE6 = {("prerouting", "igg_hook6")}
REASM6 = {("input", "igg_hook6_reassembled")}


def per_family(t, bed, stats):
    kmsg = igg.Kmsg()
    before = stats.read()
    udp = [udp6(b"igg%d" % i) for i in range(3)]
    got = bed.send6(udp + [mldv2_report(), short_query()])
    d = igg.delta(before, stats.read())
    t.result(len(got["udp"]) == 3 and 130 not in got["icmp"],
             "block: IPv6 UDP delivered, the 8-byte MLD query not",
             ["delivered %s" % got])
    want6 = {"ipv6_packets_seen": 5, "ipv6_packets_validated": 2,
             "ipv6_packets_dropped": 1}
    t.result(all(d[k] == v for k, v in want6.items()) and
             d["mld_length"] == 1,
             "3 UDP, an MLDv2 report and a short query count on the IPv6 "
             "lines: seen 5, validated 2, dropped 1 (mld_length)",
             ["moved: %s" % moved(d, "")])
    t.result(not moved(d, "ipv4_"), "the IPv4 lines do not move for them",
             ["moved: %s" % moved(d, "ipv4_")])
    t.result(all(d[k] == d["ipv4_" + k] + d["ipv6_" + k]
                 for k in igg.TOTALS),
             "each total is the sum of its family lines",
             ["moved: %s" % moved(d, "")])
    inode = os.stat("/run/netns/" + bed.dut.name).st_ino
    line = ("igmpguard: dropped mld_length %s -> %s dev dut0 netns %d "
            "mode block" % (PEER_LL, ALL_NODES, inode))
    logged = [ln for ln in kmsg.lines() if "igmpguard:" in ln]
    kmsg.close()
    t.result(line in logged, "the drop is logged with its IPv6 addresses",
             ["want: " + line] + ["got:  " + ln for ln in logged])

    before = stats.read()
    got = bed.exchange([bad_igmp()])
    d = igg.delta(before, stats.read())
    t.result(got == [False] and d["ipv4_packets_dropped"] == 1 and
             not moved(d, "ipv6_"),
             "a bad IGMP report counts on the IPv4 lines only",
             ["delivered %s, moved %s" % (got, moved(d, ""))])


def switches(t, bed, stats):
    igg.set_param("ipv6", "N")
    check_hooks(t, bed.dut, "ipv6=N: no IPv6 hook, IPv4's stays",
                PRE4, set())
    before = stats.read()
    got6 = bed.send6([udp6(b"off"), short_query()])
    got4 = bed.exchange([bad_igmp()])
    d = igg.delta(before, stats.read())
    t.result(130 in got6["icmp"] and not moved(d, "ipv6_") and
             got4 == [False] and d["ipv4_packets_dropped"] == 1,
             "ipv6=N: IPv6 goes uncounted, the bad query is delivered; "
             "IPv4 is still dropped",
             ["IPv6 delivered %s, IPv4 %s, moved %s" %
              (got6, got4, moved(d, ""))])
    igg.set_param("ipv6", "Y")
    igg.set_param("ipv4", "N")
    check_hooks(t, bed.dut, "ipv4=N: no IPv4 hook, IPv6's back", set(),
                PRE6)
    before = stats.read()
    got6 = bed.send6([short_query()])
    got4 = bed.exchange([bad_igmp()])
    d = igg.delta(before, stats.read())
    t.result(130 not in got6["icmp"] and d["ipv6_packets_dropped"] == 1 and
             got4 == [True] and not moved(d, "ipv4_"),
             "ipv4=N: IPv4 goes uncounted and the bad report is delivered; "
             "IPv6 is dropped again",
             ["IPv6 delivered %s, IPv4 %s, moved %s" %
              (got6, got4, moved(d, ""))])
    igg.set_param("ipv4", "Y")
    check_hooks(t, bed.dut, "ipv4=Y ipv6=Y: both prerouting hooks", PRE4,
                PRE6)


def chain_limit(t, bed, stats):
    pkt = udp6(b"chain", ext=destopts(3), first=60)
    for limit, passes in ((3, True), (2, False)):
        igg.set_param("max_ext_headers", str(limit))
        before = stats.read()
        got = bed.send6([pkt])
        d = igg.delta(before, stats.read())
        ok = (bool(got["udp"]) == passes and
              d["ext_chain_length"] == (0 if passes else 1))
        t.result(ok, "max_ext_headers=%d: three Destination Options "
                 "headers %s" % (limit, "pass" if passes else
                                 "are dropped (ext_chain_length)"),
                 ["delivered %s, moved %s" % (got, moved(d, ""))])
    igg.set_param("max_ext_headers", "8")


def conntrack6(ns):
    """Conntrack, and with it nf_defrag_ipv6, in namespace @ns; why not,
    or None."""
    igg.run("modprobe", "-q", "nft_ct", check=False)
    try:
        ns.exec("nft", "-f", "-", input="table ip6 igg_ct {\n"
                " chain pre { type filter hook prerouting priority 0;"
                " ct state new counter; }\n}\n")
    except RuntimeError as e:
        return "no conntrack for IPv6 here: %s" % e
    return None


def reassembled(t, bed, stats):
    igg.set_param("drop_fragments", "N")
    check_hooks(t, bed.dut, "drop_fragments=N: the IPv6 local in hook is "
                "there", PRE4 | {("input", "igg_hook_reassembled")},
                PRE6 | REASM6)
    why = conntrack6(bed.dut)
    desc = ("drop_fragments=N, conntrack: a 16-byte MLD query in two "
            "fragments is dropped once reassembled (mld_length)")
    if why:
        t.skip(desc, why)
    else:
        msg = struct.pack("!BBHHH", 130, 0, 0, 1000, 0) + bytes(8)
        pkt = ipv6(PEER_LL, ALL_NODES, 0,
                   HBH_RA + icmp6(PEER_LL, ALL_NODES, msg), hlim=1)
        before = stats.read()
        got = bed.send6(fragments6(pkt, bed.new_id()))
        d = igg.delta(before, stats.read())
        t.result(130 not in got["icmp"] and d["mld_length"] == 1 and
                 d["ipv6_packets_dropped"] == 1, desc,
                 ["delivered %s, moved %s" % (got, moved(d, ""))])
        bed.dut.exec("nft", "delete", "table", "ip6", "igg_ct")
    igg.set_param("drop_fragments", "Y")
    check_hooks(t, bed.dut, "drop_fragments=Y: local in unhooked again",
                PRE4, PRE6)


def all_or_nothing(t):
    """ipv6=Y while one namespace's IPv6 prerouting holds the 1024 hooks
    netfilter allows (nf_hook_entries_grow() refuses more): the write
    fails, ipv6 stays N, and the namespaces hooked before that one are
    unhooked again."""
    desc = ("ipv6=Y fails when one namespace cannot take the hook: ipv6 "
            "reads N and no namespace keeps an IPv6 hook")
    igg.set_param("ipv6", "N")
    early = igg.Netns("early")
    full = igg.Netns("full")
    chains = "".join(" chain c%d { type filter hook prerouting priority "
                     "%d; }\n" % (i, i) for i in range(1024))
    try:
        full.exec("nft", "-f", "-",
                  input="table ip6 igg_full {\n" + chains + "}\n")
    except RuntimeError as e:
        t.skip(desc, "cannot fill IPv6 prerouting with nft: %s" % e)
        igg.set_param("ipv6", "Y")
        return
    err = igg.set_param("ipv6", "Y")
    hooks = igg.nft_hooks(early, "ip6", HOOKS6)
    t.result(err != 0 and igg.param("ipv6") == "N" and not hooks, desc,
             ["write: %s, ipv6 reads %s, IPv6 hooks in an earlier "
              "namespace: %s" % (os.strerror(err) if err else "ok",
                                 igg.param("ipv6"), hooks)])
    full.exec("nft", "delete", "table", "ip6", "igg_full")
    err = igg.set_param("ipv6", "Y")
    check_hooks(t, full, "with room again ipv6=Y takes (%s)" %
                (os.strerror(err) if err else "ok"), PRE4, PRE6)
    early.delete()
    full.delete()


def run(t):
    igg.preflight(t)
    if not os.path.isdir("/proc/sys/net/ipv6"):
        t.skip_all("this kernel has no IPv6")
    igg.load(log_all_netns=1)
    bed = Bed6()
    stats = igg.Stats(bed.dut)
    check_hooks(t, bed.dut, "defaults: prerouting hooked in both families",
                PRE4, PRE6)
    per_family(t, bed, stats)
    switches(t, bed, stats)
    chain_limit(t, bed, stats)
    reassembled(t, bed, stats)
    all_or_nothing(t)
    stats.close()
    bed.close()
    igg.unload()
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
