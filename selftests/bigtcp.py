#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""BIG TCP packets pass: IPv4's with IP options, and IPv6's.

With gso_ipv4_max_size raised above 64 KiB (Linux 6.3 on; Cilium does it),
TCP builds GSO packets larger than tot_len can say and sets tot_len to 0;
ip_rcv_core() then takes the length from the skb (iph_totlen()). Such a
packet with options goes to the validator, which must not call it
malformed. IPv6 has had it since 5.19 (gso_max_size): the payload length
is 0 and ip6_xmit() inserts a Hop-by-Hop Jumbo option, which sends every
such packet to the validator, told IGG_VF_BIG_TCP.

  +---- netns snd -----+       +---- netns rcv -----------------------+
  | s0 10.99.0.1/24    | veth  | r0 10.99.0.2/24  (igmpguard hooks)   |
  |    fd99::1/64      |------>|    fd99::2/64                        |
  | gso_(ipv4_)max_size|       | nft, ahead of igmpguard: count       |
  | TCP client (IPv4:  |       |   packets with tot_len / payload     |
  | IP_OPTIONS, NOPs)  |       |   length 0;  TCP server              |
  +--------------------+       +--------------------------------------+

IPv4 GRO merges only packets without options, so the super-packets are
the sender's own: veth hands them over whole. Checks, per family: the
transfer completes; an nft rule in rcv saw packets with length 0 (else the
bed made no BIG TCP and proves nothing); igmpguard validated at least as
many of that family's packets in rcv and dropped none. A kernel without
gso_ipv4_max_size skips the IPv4 half, one without IPv6 the other.
"""

import os
import re
import socket
import struct
import threading
import time

import igg

SND_ADDR, RCV_ADDR = "10.99.0.1", "10.99.0.2"
SND6, RCV6 = "fd99::1", "fd99::2"
PORT = 5201
BIG = 192 * 1024            # gso/gro_ipv4_max_size; veth allows 512 KiB
TOTAL = 8 << 20             # bytes sent
TIMEOUT = 60.0              # for the whole transfer, TCG included
# Four NOPs: options that every parser passes, and ihl 6.
NOP_OPTIONS = b"\x01\x01\x01\x01"

RTM_NEWLINK, RTM_GETLINK = 16, 18
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
IFLA_GSO_MAX_SIZE, IFLA_GRO_MAX_SIZE = 41, 58
IFLA_GSO_IPV4_MAX_SIZE, IFLA_GRO_IPV4_MAX_SIZE = 63, 64


def rtnl(ns, msg_type, flags, dev, attrs=()):
    """One rtnetlink request about @dev in @ns; the first reply."""
    with ns.enter():
        s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
        index = socket.if_nametoindex(dev)
    with s:
        body = struct.pack("BBHiII", socket.AF_UNSPEC, 0, 0, index, 0, 0)
        for atype, value in attrs:
            body += struct.pack("HHI", 8, atype, value)
        s.send(struct.pack("IHHII", 16 + len(body), msg_type, flags, 1, 0) +
               body)
        return s.recv(65536)


def set_link_u32(ns, dev, attrs):
    reply = rtnl(ns, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, dev, attrs)
    if struct.unpack_from("H", reply, 4)[0] == NLMSG_ERROR:
        err = -struct.unpack_from("i", reply, 16)[0]
        if err:
            raise OSError(err, "RTM_NEWLINK %s" % dev)


def link_u32(ns, dev, atype):
    """The u32 attribute @atype of @dev, or None when the kernel has none."""
    reply = rtnl(ns, RTM_GETLINK, NLM_F_REQUEST, dev)
    end = struct.unpack_from("I", reply, 0)[0]
    off = 16 + 16                       # nlmsghdr, ifinfomsg
    while off + 4 <= end:
        alen, at = struct.unpack_from("HH", reply, off)
        if alen < 4:
            break
        if at & 0x3fff == atype and alen >= 8:
            return struct.unpack_from("I", reply, off + 4)[0]
        off += (alen + 3) & ~3
    return None


class Family:
    """What differs between the IPv4 and the IPv6 run."""

    def __init__(self, name, af, addr, gso, gro, nft):
        self.name, self.af, self.addr = name, af, addr
        self.gso, self.gro = gso, gro
        # nft's family, whose "length" is the field that is 0.
        self.nft = nft


IPV4 = Family("ipv4", socket.AF_INET, RCV_ADDR, IFLA_GSO_IPV4_MAX_SIZE,
              IFLA_GRO_IPV4_MAX_SIZE, "ip")
IPV6 = Family("ipv6", socket.AF_INET6, RCV6, IFLA_GSO_MAX_SIZE,
              IFLA_GRO_MAX_SIZE, "ip6")


def count_length_zero(ns, fam):
    """An nft rule in @ns that counts @fam's packets with length 0 as they
    enter prerouting, ahead of igmpguard (-460): one per skb, where tc's
    action statistics count the segments."""
    ns.exec("nft", "-f", "-", input="table %s igg_big {\n chain pre { "
            "type filter hook prerouting priority -1000; %s length 0 "
            "counter; }\n}\n" % (fam.nft, fam.nft))


def length_zero_count(ns, fam):
    """What count_length_zero() counted."""
    out = ns.exec("nft", "list", "table", fam.nft, "igg_big")
    return int(re.search(r"counter packets (\d+)", out).group(1))


def transfer(snd, rcv, fam):
    """Send TOTAL bytes over TCP (IPv4: with IP options); return (bytes
    received, seconds, error or None)."""
    with rcv.enter():
        lsock = socket.socket(fam.af, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((fam.addr, PORT))
    lsock.listen(1)
    lsock.settimeout(TIMEOUT)
    got = [0]

    def serve():
        try:
            conn, _ = lsock.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(TIMEOUT)
            try:
                while True:
                    b = conn.recv(1 << 20)
                    if not b:
                        break
                    got[0] += len(b)
            except OSError:
                pass

    server = threading.Thread(target=serve)
    server.start()
    with snd.enter():
        c = socket.socket(fam.af, socket.SOCK_STREAM)
    err = None
    start = time.monotonic()
    try:
        if fam is IPV4:
            c.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, NOP_OPTIONS)
        c.settimeout(TIMEOUT)
        c.connect((fam.addr, PORT))
        chunk = bytes(1 << 18)
        sent = 0
        while sent < TOTAL and time.monotonic() - start < TIMEOUT:
            sent += c.send(chunk[:TOTAL - sent])
        c.shutdown(socket.SHUT_WR)
    except OSError as e:
        err = e
    server.join(TIMEOUT)
    took = time.monotonic() - start
    c.close()
    lsock.close()
    return got[0], took, err


def check(t, snd, rcv, fam):
    """One transfer over @fam and what igmpguard made of it."""
    stats = igg.Stats(rcv)
    before = stats.read()
    got, took, err = transfer(snd, rcv, fam)
    d = igg.delta(before, stats.read())
    stats.close()
    big = length_zero_count(rcv, fam)
    validated = d[fam.name + "_packets_validated"]
    dropped = d[fam.name + "_packets_dropped"]
    header = d["ip_header"] + d["ip6_header"] + d["ip6_jumbo"]
    t.diag("%s: %d bytes in %.1f s; %d packets with length 0 arrived; "
           "igmpguard in rcv: %d validated, %d dropped, ip_header, "
           "ip6_header and ip6_jumbo %d" %
           (fam.name, got, took, big, validated, dropped, header))

    t.result(got == TOTAL and err is None,
             "%s: a TCP flow over BIG TCP completes (%d MiB)" %
             (fam.name, TOTAL >> 20),
             ["received %d of %d bytes in %.1f s, sender: %s" %
              (got, TOTAL, took, err)])
    # TCP sizes its bursts by its pacing rate: on a slow or loaded guest
    # (the debug kernel under TCG) it may never build a 64 KiB one.
    if big == 0:
        why = "no packet with length 0 was built on this bed (slow guest)"
        t.skip("%s: packets with length 0 reached the receiver" % fam.name,
               why)
        t.skip("%s: igmpguard validated the packets with length 0" %
               fam.name, why)
    else:
        t.result(True, "%s: packets with length 0 reached the receiver" %
                 fam.name)
        t.result(validated >= big,
                 "%s: igmpguard validated the packets with length 0" %
                 fam.name, ["%s_packets_validated %d, length 0 packets %d" %
                            (fam.name, validated, big)])
    t.result(dropped == 0 and header == 0,
             "%s: igmpguard dropped none of them" % fam.name,
             ["%s_packets_dropped %d, header reasons %d" %
              (fam.name, dropped, header)])


def run(t):
    igg.preflight(t)
    igg.load()
    snd = igg.Netns("bigsnd")
    rcv = igg.Netns("bigrcv")
    snd.ip("link", "add", "s0", "type", "veth", "peer", "name", "r0",
           "netns", rcv.name)
    fams = []
    for fam in (IPV4, IPV6):
        if fam is IPV6 and not os.path.isdir("/proc/sys/net/ipv6"):
            t.skip("ipv6: BIG TCP", "this kernel has no IPv6")
            continue
        try:
            set_link_u32(snd, "s0", [(fam.gso, BIG)])
            set_link_u32(rcv, "r0", [(fam.gro, BIG)])
        except OSError as e:
            t.diag("%s: cannot raise the GSO size: %s" % (fam.name, e))
            continue
        if link_u32(snd, "s0", fam.gso) == BIG:
            fams.append(fam)
    if IPV4 not in fams:
        t.skip("ipv4: BIG TCP", "this kernel has no IPv4 BIG TCP "
               "(gso_ipv4_max_size, Linux 6.3)")
    if not fams:
        t.skip_all("no BIG TCP on this kernel")
    snd.ip("addr", "add", "%s/24" % SND_ADDR, "dev", "s0")
    rcv.ip("addr", "add", "%s/24" % RCV_ADDR, "dev", "r0")
    snd.ip("-6", "addr", "add", SND6 + "/64", "dev", "s0", "nodad")
    rcv.ip("-6", "addr", "add", RCV6 + "/64", "dev", "r0", "nodad")
    snd.link_up("s0")
    rcv.link_up("r0")
    for fam in fams:
        count_length_zero(rcv, fam)
    for fam in fams:
        check(t, snd, rcv, fam)

    snd.delete()
    rcv.delete()
    igg.unload()
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
