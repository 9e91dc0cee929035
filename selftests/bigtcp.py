#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""IPv4 BIG TCP packets that carry IP options pass.

With gso_ipv4_max_size raised above 64 KiB (Linux 6.3 on; Cilium does it),
TCP builds GSO packets larger than tot_len can say and sets tot_len to 0;
ip_rcv_core() then takes the length from the skb (iph_totlen()). Such a
packet with options goes to the validator, which must not call it
malformed.

  +---- netns snd -----+       +---- netns rcv -----------------------+
  | s0 10.99.0.1/24    | veth  | r0 10.99.0.2/24  (igmpguard hooks)   |
  | gso_ipv4_max_size  |------>| tc ingress: count packets, tot_len 0 |
  | TCP client with    |       | TCP server                           |
  | IP_OPTIONS (NOPs)  |       |   (u32 hit counters)                 |
  +--------------------+       +--------------------------------------+

IPv4 GRO merges only packets without options, so the super-packets are
the sender's own: veth hands them over whole. Checks: the transfer
completes; a tc filter on r0 saw packets with tot_len 0 (else the bed made
no BIG TCP and proves nothing); igmpguard validated at least as many
packets in rcv and dropped none. A kernel without gso_ipv4_max_size skips.
"""

import re
import socket
import struct
import threading
import time

import igg

SND_ADDR, RCV_ADDR = "10.99.0.1", "10.99.0.2"
PORT = 5201
BIG = 192 * 1024            # gso/gro_ipv4_max_size; veth allows 512 KiB
TOTAL = 8 << 20             # bytes sent
TIMEOUT = 60.0              # for the whole transfer, TCG included
# Four NOPs: options that every parser passes, and ihl 6.
NOP_OPTIONS = b"\x01\x01\x01\x01"

RTM_NEWLINK, RTM_GETLINK = 16, 18
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
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


def tot_len_zero_count(ns):
    """Packets (skbs, not the segments the action statistics count) the tc
    filter on r0 matched: tot_len 0. None without CONFIG_CLS_U32_PERF."""
    out = ns.exec("tc", "-s", "filter", "show", "dev", "r0", "ingress")
    m = re.search(r"\(rule hit \d+ success (\d+)\)", out)
    return int(m.group(1)) if m else None


def transfer(snd, rcv):
    """Send TOTAL bytes over TCP with IP options; return (bytes received,
    seconds, error or None)."""
    with rcv.enter():
        lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((RCV_ADDR, PORT))
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
        c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    err = None
    start = time.monotonic()
    try:
        c.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, NOP_OPTIONS)
        c.settimeout(TIMEOUT)
        c.connect((RCV_ADDR, PORT))
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


def run(t):
    igg.preflight(t)
    igg.load()
    snd = igg.Netns("bigsnd")
    rcv = igg.Netns("bigrcv")
    snd.ip("link", "add", "s0", "type", "veth", "peer", "name", "r0",
           "netns", rcv.name)
    try:
        set_link_u32(snd, "s0", [(IFLA_GSO_IPV4_MAX_SIZE, BIG)])
        set_link_u32(rcv, "r0", [(IFLA_GRO_IPV4_MAX_SIZE, BIG)])
    except OSError as e:
        t.skip_all("cannot raise gso_ipv4_max_size: %s" % e)
    if link_u32(snd, "s0", IFLA_GSO_IPV4_MAX_SIZE) != BIG:
        t.skip_all("this kernel has no IPv4 BIG TCP (gso_ipv4_max_size, "
                   "Linux 6.3)")
    snd.ip("addr", "add", "%s/24" % SND_ADDR, "dev", "s0")
    rcv.ip("addr", "add", "%s/24" % RCV_ADDR, "dev", "r0")
    snd.link_up("s0")
    rcv.link_up("r0")
    rcv.batch("tc", ["qdisc add dev r0 ingress",
                     "filter add dev r0 ingress protocol ip prio 1 u32 "
                     "match u16 0 0xffff at 2 action ok"])
    stats = igg.Stats(rcv)
    before = stats.read()

    got, took, err = transfer(snd, rcv)
    d = igg.delta(before, stats.read())
    big = tot_len_zero_count(rcv)
    stats.close()
    if big is None:
        t.bail("tc shows no u32 hit counters (CONFIG_CLS_U32_PERF)")
    t.diag("%d bytes in %.1f s; %d packets with tot_len 0 arrived; "
           "igmpguard in rcv: %d validated, %d dropped, ip_header %d" %
           (got, took, big, d["packets_validated"], d["packets_dropped"],
            d.get("ip_header", 0)))

    t.result(got == TOTAL and err is None,
             "a TCP flow with IP options over BIG TCP completes (%d MiB)" %
             (TOTAL >> 20),
             ["received %d of %d bytes in %.1f s, sender: %s" %
              (got, TOTAL, took, err)])
    t.result(big > 0, "packets with tot_len 0 reached the receiver",
             ["the tc filter matched none: no BIG TCP on this bed"])
    t.result(d["packets_validated"] >= big > 0,
             "igmpguard validated the packets with tot_len 0",
             ["packets_validated %d, tot_len 0 packets %d" %
              (d["packets_validated"], big)])
    t.result(d["packets_dropped"] == 0 and d.get("ip_header", 0) == 0,
             "igmpguard dropped none of them",
             ["packets_dropped %d, ip_header %d" %
              (d["packets_dropped"], d.get("ip_header", 0))])

    snd.delete()
    rcv.delete()
    igg.unload()
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
