# SPDX-License-Identifier: GPL-2.0
"""The demo's bridge act: a "VM" behind a Linux bridge in the protected
host, on bridge.py's BridgeBed (IPv6 on, so the VM speaks MLD too).

  netns h1: attacker      netns h2: the VM        netns h3
      |                   joins 239.1.1.2 and          |
      |                   ff05::1:3 (its kernel)       |
  ====p1==================p2===========================p3====
          br0 in the protected host: snooping, querier,
          igmpguard's bridge hook (bridge=policy)

What the VM receives is seen by a packet socket on its eth0 (the bridge's
bed) and, for the group's data, by a UDP socket joined to the group.
"""

import select
import socket
import struct
import time

import igg
from bridge import (HOSTS, HOSTS6, BridgeBed, a6, ifindex, ipv6,
                    mldv2_query, v3_query, wait_for)
from demo_text import Tally, heading, say, sub

GROUP = "239.1.1.2"
GROUP6 = "ff05::1:3"
PORT = 5004


def udp4(group, payload):
    """A multicast UDP datagram from h1 (no checksum, as IPv4 allows)."""
    udp = struct.pack("!HHHH", 40000, PORT, 8 + len(payload), 0) + payload
    return igg.ipv4(HOSTS[0], group, 17, udp, ttl=8)


def udp6(group, payload):
    """A multicast UDP datagram from h1, with the checksum IPv6 needs."""
    udp = struct.pack("!HHHH", 40000, PORT, 8 + len(payload), 0) + payload
    pseudo = a6(HOSTS6[0]) + a6(group) + struct.pack("!I3xB", len(udp), 17)
    csum = igg.inet_csum(pseudo + udp) or 0xffff
    return ipv6(HOSTS6[0], group, 17, udp[:6] + struct.pack("!H", csum) +
                udp[8:], hlim=8)


# What h1 sends, per family: (id, kind, description, packet, payload the
# VM's UDP socket must read or None). Kind "legit" must reach the VM in
# every mode; kind "attack" is the MS08-001-class query.
def traffic():
    return [
        ("U4", "legit", "UDP to %s:%d, the group's stream" % (GROUP, PORT),
         udp4(GROUP, b"frame-4"), b"frame-4"),
        ("Q4", "legit", "IGMPv3 group query for %s" % GROUP,
         v3_query(HOSTS[0], dst=GROUP, group=GROUP), None),
        ("A4", "attack", "IGMPv3 query for %s claiming 65535 sources, "
         "carrying 1" % GROUP,
         v3_query(HOSTS[0], dst=GROUP, group=GROUP, nsrc=1, claimed=65535),
         None),
        ("U6", "legit", "UDP to [%s]:%d, the group's stream" % (GROUP6, PORT),
         udp6(GROUP6, b"frame-6"), b"frame-6"),
        ("Q6", "legit", "MLDv2 group query for %s" % GROUP6,
         mldv2_query(HOSTS6[0], 0, group=GROUP6), None),
        ("A6", "attack", "MLDv2 query for %s claiming 50 sources, "
         "carrying 1" % GROUP6,
         mldv2_query(HOSTS6[0], 1, claimed=50, group=GROUP6), None),
    ]


class VM:
    """h2's UDP sockets, joined to the group by its own kernel."""

    def __init__(self, bed):
        h2 = bed.hosts[1]
        idx = ifindex(h2, "eth0")
        with h2.enter():
            self.s4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            self.s6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        self.s4.bind(("0.0.0.0", PORT))
        self.s4.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                           struct.pack("4s4si", igg.aton(GROUP),
                                       igg.aton("0.0.0.0"), idx))
        # The IPv4 socket holds the port; this one takes IPv6 only.
        self.s6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        self.s6.bind(("::", PORT))
        self.s6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP,
                           a6(GROUP6) + struct.pack("@I", idx))

    def read(self, payload, timeout=2.0):
        """Whether a datagram carrying @payload arrives on either socket."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            for s in select.select([self.s4, self.s6], [], [], left)[0]:
                if s.recv(65535) == payload:
                    return True

    def close(self):
        self.s4.close()
        self.s6.close()


def play(bed, vm, mode, stock, good, attack):
    """Send everything once; return {id: the VM received it}. @good
    tallies the legitimate packets (all must arrive), @attack the queries
    (on the stock kernel they must arrive, else the act shows nothing; in
    block mode none; in monitor mode what the stock kernel delivered)."""
    got = {}
    for vid, kind, desc, pkt, payload in traffic():
        at_vm = bed.send(pkt)[0]
        if payload is not None:
            at_vm = vm.read(payload)
        got[vid] = at_vm
        what = "%s in %s mode" % (vid, mode)
        if kind == "legit":
            good.add(at_vm, True, what)
        else:
            attack.add(at_vm, {"stock": True, "block": False}.get(
                mode, stock and stock.get(vid)), what)
        if kind == "attack" and mode == "block":
            verdict = "DELIVERED(!)" if at_vm else "dropped"
        else:
            verdict = "at the VM" if at_vm else "MISSING"
        say("  %-3s %-13s %s" % (vid, verdict, desc))
    return got


def ctl_bridge(bed, reasons):
    """igmpguardctl stats for the bridge's namespace: its bridge lines and
    those of @reasons."""
    out = igg.run(igg.TOP + "/build/igmpguardctl", "-n", bed.br.name,
                  "stats", "--all")
    say("# igmpguardctl stats --all | grep -e bridge_ %s" %
        " ".join("-e " + r for r in reasons))
    for line in out.splitlines():
        if "bridge_" in line or any(r in line for r in reasons):
            say("  " + line.strip())


def bridge_act():
    """Acts 9 to 11; returns the tallies (legitimate packets, then the
    queries on the stock kernel, in block and in monitor mode) and the
    counters moved in block and in monitor mode, for summary()."""
    heading("9. A VM behind a bridge in the protected host")
    say("br0 (multicast snooping, querier) forwards between the VM (h2),")
    say("an attacker (h1) and another port (h3). The VM's kernel joins")
    say("%s (IGMPv3) and %s (MLDv2); a packet socket in the VM's" %
        (GROUP, GROUP6))
    say("namespace sees what the bridge delivers to it, a UDP socket what")
    say("reaches its application. igmpguard judges on br0's ports.")
    igg.run("modprobe", "bridge", check=False)
    igg.unload()
    bed = BridgeBed(ipv6=True)
    # The startup queries and the answers to them die down.
    time.sleep(2)
    vm = VM(bed)
    learned = wait_for(lambda: {("p2", GROUP), ("p2", GROUP6)} <=
                       bed.mdb(), 10)
    say("  the bridge learned the VM's groups on p2: %s" %
        ("yes" if learned else "NO (mdb %s)" % sorted(bed.mdb())))
    good = Tally()
    good.add(learned, True, "mdb entries for the VM's joins")

    sub("the stock kernel (igmpguard not loaded)")
    stock_t = Tally()
    stock = play(bed, vm, "stock", None, good, stock_t)
    say("  The stock bridge floods the malformed queries to the VM: a VM")
    say("  kernel with the MS08-001 bug would parse them.")

    igg.load(mode="block")
    stats = igg.Stats(bed.br)
    heading("10. The VM behind the bridge, igmpguard in block mode")
    say("# insmod igmpguard.ko mode=block   (bridge=%s)" %
        igg.param("bridge"))
    block = Tally()
    s0 = stats.read()
    play(bed, vm, "block", stock, good, block)
    in_block = igg.delta(s0, stats.read())
    ctl_bridge(bed, ("v3_query_overrun", "mld_query_overrun"))

    heading("11. The VM behind the bridge, monitor mode")
    say("# igmpguardctl mode monitor   (and the counters reset)")
    igg.run(igg.TOP + "/build/igmpguardctl", "-n", bed.br.name, "mode",
            "monitor")
    stats.reset()
    mon = Tally()
    play(bed, vm, "monitor", stock, good, mon)
    in_mon = stats.read()
    ctl_bridge(bed, ("v3_query_overrun", "mld_query_overrun"))
    for x in (stats, vm, bed):
        x.close()
    return good, stock_t, block, mon, (in_block, in_mon)


def summary(t, acts):
    """The act's figures and its verdicts for the exit status."""
    good, stock, block, mon, (in_block, in_mon) = acts
    n = ("bridge_packets_seen", "bridge_packets_dropped",
         "bridge_packets_monitored")
    say("  legitimate packets to the VM: sent %d, arrived %d" %
        (good.sent, good.delivered))
    for label, tally, moved in (("stock kernel", stock, None),
                                ("block mode", block, in_block),
                                ("monitor mode", mon, in_mon)):
        say("  queries, %-13s sent %d, at the VM %d%s" % (
            label + ":", tally.sent, tally.delivered, "" if moved is None
            else "; " + " ".join("%s +%d" % (k, moved[k]) for k in n)))
    say()
    t.result(not stock.bad, "bridge: without igmpguard the MS08-001 queries "
             "reach the VM", ["not at the VM: %s" % ", ".join(stock.bad)])
    t.result(not good.bad, "bridge: the VM's joins were learned and its "
             "legitimate multicast arrived in every mode",
             ["missing: %s" % ", ".join(good.bad)])
    t.result(not block.bad and in_block["bridge_packets_dropped"] == 2,
             "bridge: both queries dropped on the bridge in block mode",
             ["at the VM: %s; bridge_packets_dropped +%d" %
              (", ".join(block.bad), in_block["bridge_packets_dropped"])])
    t.result(not mon.bad and in_mon["bridge_packets_monitored"] >= 2 and
             in_mon["bridge_packets_dropped"] == 0,
             "bridge: monitor mode delivers them as the stock kernel does, "
             "counted", ["differs: %s; monitored %d dropped %d" %
                         (", ".join(mon.bad),
                          in_mon["bridge_packets_monitored"],
                          in_mon["bridge_packets_dropped"])])
