# SPDX-License-Identifier: GPL-2.0
"""The packet-path bench's traffic mixes, as Ethernet frames.

IPv4 packets come from the selftests' byte builders (selftests/igg.py),
IPv6 and MLD from their scapy builders and addresses (mld_cases.py,
igg6.py), so that a fix to a builder reaches the tests, the demo and the
bench alike.

Routed mixes go from the peer to the protected host; bridged mixes (br-)
are the same packets sent across a bridge to a sink port.
"""

import struct

from igg import aton, ipv4, mcast_mac, with_csum
import igg6
from igg6 import DUT_ADDR as DUT_IP6, PEER_ADDR as PEER_IP6, SOLICITED
from mld_cases import mld
from scapy.layers.inet import UDP
from scapy.layers.inet6 import (ICMPv6MLDMultAddrRec, ICMPv6MLQuery2,
                                ICMPv6MLReport2, IPv6)

PEER_IP, DUT_IP = "192.0.2.9", "192.0.2.50"
GROUP = "239.1.2.3"
RA = bytes([0x94, 0x04, 0, 0])
# Groups the protected host joins, so that it delivers the valid reports.
GROUPS4 = [GROUP, "224.0.0.22"] + ["239.1.0.%d" % i for i in range(8)]
GROUPS6 = ["ff02::16"]

ROUTED4 = ["udp", "udp-rr", "v2-report", "v3-report-8", "bad-v3-query"]
ROUTED6 = ["udp6", "mld2-report-8", "bad-mld2-query"]
BRIDGED = ["br-udp", "br-v3-report-8", "br-mld2-report-8",
           "br-bad-v3-query", "br-bad-mld2-query"]
IPV6_MIXES = set(ROUTED6) | {"br-mld2-report-8", "br-bad-mld2-query"}


def packets():
    """name -> (IP packet, unicast): unicast packets go to the host's MAC
    address, the others to their group's."""
    udp = struct.pack("!HHHH", 40000, 9, 8 + 18, 0) + bytes(18)
    rr = bytes([7, 11, 4]) + bytes(8) + bytes([0])   # 2 slots, then EOL
    v2 = with_csum(struct.pack("!BBH4s", 0x16, 0, 0, aton(GROUP)))
    recs = b"".join(struct.pack("!BBH4s", 1, 0, 2, aton("239.1.0.%d" % i)) +
                    aton("10.0.0.1") + aton("10.0.0.2") for i in range(8))
    v3r = with_csum(struct.pack("!BBHHH", 0x22, 0, 0, 0, 8) + recs)
    # Group-specific v3 query claiming 200 sources in a 12-byte message.
    badq = with_csum(struct.pack("!BBH4sBBH", 0x11, 100, 0, aton(GROUP),
                                 2, 125, 200))
    # The MLD twins: a report of 8 records of 2 sources as Linux sends it
    # (hop limit 1, router alert), and an MS08-001 query to the host's
    # solicited-node group claiming 200 sources in 28 bytes.
    recs6 = [ICMPv6MLDMultAddrRec(rtype=1, dst="ff05::1:%d" % i,
                                  sources=["2001:db8::1", "2001:db8::2"])
             for i in range(8)]
    return {
        "udp": (ipv4(PEER_IP, DUT_IP, 17, udp), True),
        "udp-rr": (ipv4(PEER_IP, DUT_IP, 17, udp, opts=rr), True),
        "v2-report": (ipv4(PEER_IP, GROUP, 2, v2, ttl=1, opts=RA), False),
        "v3-report-8": (ipv4(PEER_IP, "224.0.0.22", 2, v3r, ttl=1, opts=RA),
                        False),
        "bad-v3-query": (ipv4(PEER_IP, GROUP, 2, badq, ttl=1, opts=RA),
                         False),
        "udp6": (bytes(IPv6(src=PEER_IP6, dst=DUT_IP6) /
                       UDP(sport=40000, dport=9) / bytes(18)), True),
        "mld2-report-8": (bytes(mld("ff02::16",
                                    ICMPv6MLReport2(records=recs6))), False),
        "bad-mld2-query": (bytes(mld(SOLICITED, ICMPv6MLQuery2(
            mladdr=SOLICITED, sources_number=200))), False),
    }


def frame(pkt, unicast, dst_mac, src_mac):
    if pkt[0] >> 4 == 6:
        return igg6.eth_frame(pkt, dst_mac, src_mac)
    dst = pkt[16:20]
    mac = dst_mac if unicast else mcast_mac("%d.%d.%d.%d" % tuple(dst))
    return mac + src_mac + b"\x08\x00" + pkt


def routed(dut_mac, peer_mac):
    """The routed mixes: name -> frame from the peer to the host."""
    return {name: frame(p, u, dut_mac, peer_mac)
            for name, (p, u) in packets().items()}


def bridged(sink_mac, peer_mac):
    """The bridged mixes: name -> frame from one bridge port's far end,
    unicast ones to the sink behind the other port."""
    pk = packets()
    return {name: frame(*pk[name[3:]], sink_mac, peer_mac)
            for name in BRIDGED}
