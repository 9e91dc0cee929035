# SPDX-License-Identifier: GPL-2.0
"""The test bed of the demo's MLD act: igg.Bed with IPv6 on.

  peer namespace fe80::...(peer0)  --veth--  protected host fe80::...(dut0)
  querier, attacker, a normal host          raw ICMPv6 socket: what the
  raw ICMPv6 socket hears the host           stack delivers

Link-local addresses only, as MLD uses, without duplicate address
detection so that they are usable (and the host's messages leave from
them, not from ::) as soon as the link is up. What the host received is
decided, as in igg.Bed, by a raw socket after a sync frame: an ICMPv6 raw
socket gets every message that passed the IPv6 hooks, routing, the
extension headers and the ICMPv6 checksum, before the MLD code acts on
it.
"""

import select
import socket
import struct
import time

import igg
import pkt6

IPV6_JOIN_GROUP = 20    # socket.IPV6_JOIN_GROUP, not exported by every build


def _pton(addr):
    return socket.inet_pton(socket.AF_INET6, addr.split("%")[0])


def join6(sock, group, ifindex):
    sock.setsockopt(socket.IPPROTO_IPV6, IPV6_JOIN_GROUP,
                    _pton(group) + struct.pack("@I", ifindex))


def raw_icmp6(ns):
    """A non-blocking raw ICMPv6 socket in namespace @ns."""
    with ns.enter():
        s = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                          socket.IPPROTO_ICMPV6)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
    s.setblocking(False)
    return s


def wait_icmp6(sock, match, timeout=8.0):
    """The first message on raw ICMPv6 socket @sock for which
    match(src, msg) holds (src as 16 bytes), or None after @timeout."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        if not select.select([sock], [], [], left)[0]:
            continue
        try:
            msg, addr = sock.recvfrom(65535)
        except BlockingIOError:
            continue
        if match(_pton(addr[0]), msg):
            return msg


def link_local(ns, dev, timeout=10.0):
    """The link-local address of @dev, once the kernel has added it."""
    deadline = time.monotonic() + timeout
    while True:
        lines = ns.ip("-6", "-o", "addr", "show", "dev", dev, "scope",
                      "link").splitlines()
        if lines:
            return lines[0].split()[3].split("/")[0]
        if time.monotonic() > deadline:
            raise RuntimeError("%s has no link-local address" % dev)
        time.sleep(0.1)


class MldBed(igg.Bed):
    """A peer sending raw IPv6 frames into a protected namespace whose raw
    ICMPv6 socket is a member of @groups."""

    def __init__(self, groups=()):
        super().__init__(protos=(), groups=(), deaf=False)
        self.peer_ll = link_local(self.peer, "peer0")
        self.dut_ll = link_local(self.dut, self.DEV)
        self.dut_sn = pkt6.solicited_node(self.dut_ll)
        with self.peer.enter():
            self.peer_ifindex = socket.if_nametoindex("peer0")
        # The host's own multicast comes back to dut0 when it is a member
        # of the destination (its v1 reports, to the group itself): not
        # part of the act, and it would move the counters.
        igg.run("tc", "-n", self.dut.name, "filter", "add", "dev", self.DEV,
                "parent", "ffff:", "protocol", "ipv6", "prio", "2", "u32",
                "match", "ip6", "src", self.dut_ll + "/128", "action", "drop")
        self.rx6 = raw_icmp6(self.dut)
        for g in groups:
            join6(self.rx6, g, self.ifindex)

    @staticmethod
    def _quiet(ns):
        # IPv6 on, with as little chatter as it allows: no duplicate
        # address detection, no router solicitations.
        for k in ("all", "default"):
            ns.sysctl("net.ipv6.conf.%s.disable_ipv6" % k, 0)
            ns.sysctl("net.ipv6.conf.%s.accept_dad" % k, 0)
            ns.sysctl("net.ipv6.conf.%s.router_solicitations" % k, 0)

    def frame(self, pkt, ethertype=None):
        return pkt6.eth_frame(pkt, self.dut_mac, self.peer_mac)

    def drain6(self):
        got = set()
        while True:
            try:
                got.add(self.rx6.recv(65535))
            except BlockingIOError:
                return got

    def exchange(self, datagrams):
        """Send each datagram (one IPv6 packet as bytes, or a list holding
        one); return for each whether its ICMPv6 message reached the raw
        socket. The same contract as igg.Bed.exchange(), which demo.py's
        play() relies on."""
        msgs = []
        self.drain6()
        for d in datagrams:
            pkt = d if isinstance(d, (bytes, bytearray)) else d[0]
            if not isinstance(d, (bytes, bytearray)) and len(d) != 1:
                raise ValueError("MldBed sends unfragmented packets only")
            msgs.append(pkt6.upper_layer(pkt)[1])
            self._tx(self.frame(pkt))
        self.sync()
        got = self.drain6()
        return [m in got for m in msgs]

    def close(self):
        self.rx6.close()
        super().close()
