# SPDX-License-Identifier: GPL-2.0
"""IPv6 and MLD packets for the demo's MLD act and the packet-path bench,
built with scapy (Debian's python3-scapy 2.5, run by /usr/bin/python3).

scapy is imported here only: the selftests proper build their packets as
bytes (igg.py) and never need it. The expressions follow
../shared/reference/ipv6-notes.md section 6, where the B and G numbers
come from.
"""

import logging
import socket

# scapy reads the routes of the namespace it is imported in and warns
# about interfaces without addresses: noise in the demo's transcript.
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)

from scapy.layers.inet import UDP  # noqa: E402
from scapy.layers.inet6 import (  # noqa: E402
    ICMPv6EchoRequest, ICMPv6MLDMultAddrRec, ICMPv6MLQuery, ICMPv6MLQuery2,
    ICMPv6MLReport2, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrHopByHop, PadN,
    RouterAlert)

# The scapy layers callers build with, and the helpers below.
__all__ = ["ICMPv6EchoRequest", "ICMPv6MLDMultAddrRec", "ICMPv6MLQuery",
           "ICMPv6MLQuery2", "ICMPv6MLReport2", "IPv6", "IPv6ExtHdrDestOpt",
           "IPv6ExtHdrHopByHop", "PadN", "RouterAlert", "UDP", "hbh_ra",
           "mld", "solicited_node", "mcast_mac", "eth_frame", "upper_layer"]

ETH_P_IPV6 = 0x86dd
EXT_HEADERS = (0, 43, 60)     # hop-by-hop, routing, destination options


def hbh_ra(value=0):
    """The Hop-by-Hop header Linux puts on its own MLD messages:
    Router Alert (value 0, MLD) and a zero-length PadN,
    3a 00 05 02 00 00 01 00."""
    return IPv6ExtHdrHopByHop(options=[RouterAlert(value=value),
                                       PadN(optdata=b"")])


def mld(src, dst, msg, hlim=1):
    """An MLD message as Linux sends one: hop limit 1, router alert."""
    return bytes(IPv6(src=src, dst=dst, hlim=hlim) / hbh_ra() / msg)


def solicited_node(addr):
    """The solicited-node group of @addr (RFC 4291 2.7.1): every IPv6
    host is a member of the group of each of its addresses."""
    low = socket.inet_pton(socket.AF_INET6, addr)[13:]
    return socket.inet_ntop(socket.AF_INET6,
                            b"\xff\x02" + bytes(9) + b"\x01\xff" + low)


def mcast_mac(addr):
    """33:33 and the low 32 bits of the group (RFC 2464 7)."""
    return b"\x33\x33" + socket.inet_pton(socket.AF_INET6, addr)[12:]


def is_multicast(pkt):
    return pkt[24] == 0xff


def eth_frame(pkt, host_mac, src_mac):
    """Ethernet frame for IPv6 @pkt: to the group's MAC for a multicast
    destination, else to @host_mac."""
    dst = socket.inet_ntop(socket.AF_INET6, pkt[24:40])
    mac = mcast_mac(dst) if is_multicast(pkt) else host_mac
    return mac + src_mac + ETH_P_IPV6.to_bytes(2, "big") + pkt


def upper_layer(pkt):
    """(next header, bytes) of the upper-layer message of an unfragmented
    IPv6 packet: what a raw socket of that protocol receives. Walks
    hop-by-hop, routing and destination options headers by their length
    fields; stops at anything else (fragments included)."""
    nh, off = pkt[6], 40
    end = 40 + int.from_bytes(pkt[4:6], "big")
    while nh in EXT_HEADERS and off + 2 <= end:
        nh, off = pkt[off], off + 8 * (pkt[off + 1] + 1)
    return nh, pkt[off:end]
