# SPDX-License-Identifier: GPL-2.0
"""The test bed of the demo's MLD act: the selftests' igg6.Bed6 with the
peer's own IPv6 stack on, and what the demo needs of the peer's side.

  peer namespace fe80::1           --veth--  protected host fe80::2
  querier, attacker, a normal host          raw ICMPv6 socket: what the
  raw ICMPv6 socket hears the host           stack delivers
"""

import select
import socket
import struct
import time

import igg6


class DemoBed6(igg6.Bed6):
    """Bed6 as demo.py's play() drives igg.Bed: exchange() takes each
    datagram as a list of packets, here one unfragmented IPv6 packet."""

    def __init__(self, groups):
        super().__init__(protos=(58,), groups=groups, peer_ipv6=True)
        with self.peer.enter():
            self.peer_ifindex = socket.if_nametoindex("peer0")

    def exchange(self, datagrams):
        if any(len(d) != 1 for d in datagrams):
            raise ValueError("DemoBed6 sends unfragmented packets only")
        return self.exchange6([(d, d[0]) for d in datagrams])


def a6(addr):
    return socket.inet_pton(socket.AF_INET6, addr)


def join6(sock, group, ifindex):
    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP,
                    a6(group) + struct.pack("@I", ifindex))


def raw_icmp6(ns):
    """A non-blocking raw ICMPv6 socket in namespace @ns."""
    with ns.enter():
        s = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                          socket.IPPROTO_ICMPV6)
    s.setblocking(False)
    return s


def wait_icmp6(sock, match, timeout=8.0):
    """The first message on raw ICMPv6 socket @sock for which
    match(src, msg) holds (src as text, without scope), or None after
    @timeout seconds."""
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
        if match(addr[0].split("%")[0], msg):
            return msg
