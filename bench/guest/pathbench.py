# SPDX-License-Identifier: GPL-2.0
"""Packet-path benchmark, run inside a QEMU guest by bench/guest/guest.sh.

Routed mixes (IPv4 and IPv6):

  netns igb-peer                        netns igb-dut
  p0 192.0.2.9    --- veth --->  d0 192.0.2.50      <- igmpguard / nftables
     2001:db8::9                    2001:db8::2
  blast (AF_PACKET, qdisc bypass,       joiner: member of the groups the
  sendmmsg, pinned to CPU 0)            IGMP and MLD frames use, UDP port 9
                                        bound (IPv4 and IPv6)

Bridged mixes (br-):

  netns igb-bpeer          netns igb-br                      netns igb-sink
  b0 --- veth ---> bp0 [br0, snooping on] bp1 --- veth ---> s0 (tc drops all)
  blast                 ^ igmpguard's bridge hook / nftables bridge table

For every round, every configuration in turn, every traffic mix: one
blast of BENCH_SECONDS. Each run reports packets sent, backlog drops,
packets the dut delivered (Ip or Ip6 InDelivers: past PRE_ROUTING and
routing) or, bridged, the frames the bridge forwarded to the sink, and
CPU 0's busy time. One JSON object per run goes to the result port as an
"IGG-BENCH " line; the host makes the tables. Nothing here passes or
fails on a figure: a run fails only when it could not measure.
"""

import json
import os
import subprocess
import sys

# The selftests' packet builders (igg.py, pkt6.py).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "selftests"))
import mixes  # noqa: E402
from mixes import (BRIDGED, GROUPS4, GROUPS6, IPV6_MIXES,  # noqa: E402
                   ROUTED4, ROUTED6)

PEER, DUT = "igb-peer", "igb-dut"
BPEER, BRIDGE, SINK = "igb-bpeer", "igb-br", "igb-sink"
CONFIGS = ["baseline", "enabled0", "monitor", "block", "nft"]
# Issue 15's bridged row: no module, the bridge hook, an nftables bridge
# table.
BRIDGE_CONFIGS = ["baseline", "block", "nft"]
MIXES = ROUTED4 + ROUTED6 + BRIDGED


def sh(*cmd, check=True):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    if check and p.returncode:
        raise RuntimeError("%s: %s" % (" ".join(cmd), p.stderr.strip()))
    return p.stdout


def netns(name, ipv6):
    """A fresh namespace; with @ipv6, IPv6 on but without duplicate address
    detection and router solicitations, else IPv6 off (no chatter)."""
    sh("ip", "netns", "del", name, check=False)
    sh("ip", "netns", "add", name)
    sh("ip", "-n", name, "link", "set", "lo", "up")
    for k in ("all", "default"):
        conf = "net.ipv6.conf.%s." % k
        sets = ([conf + "accept_dad=0", conf + "router_solicitations=0"]
                if ipv6 else [conf + "disable_ipv6=1"])
        sh("ip", "netns", "exec", name, "sysctl", "-qw", *sets)


def mac(ns, dev):
    out = sh("ip", "netns", "exec", ns, "cat",
             "/sys/class/net/%s/address" % dev)
    return bytes(int(x, 16) for x in out.strip().split(":"))


def read_igg_stats(net):
    try:
        with open(net + "/igmpguard/stats") as f:
            return {k: int(v) for k, v in (ln.split() for ln in f)}
    except OSError:
        return {}


JOINER = r"""
import socket, struct, sys
socks = []
for g in sys.argv[1].split(","):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                 socket.inet_aton(g) + socket.inet_aton("192.0.2.50"))
    socks.append(s)
for g in sys.argv[2].split(","):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IPV6, 20,   # IPV6_JOIN_GROUP
                 socket.inet_pton(socket.AF_INET6, g) +
                 struct.pack("@I", socket.if_nametoindex("d0")))
    socks.append(s)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
u.bind(("0.0.0.0", 9))
u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
u6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
u6.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
u6.bind(("::", 9))
print("ready", flush=True)
sys.stdin.read()
"""


class RoutedBed:
    """Peer and protected host on a veth pair, IPv4 and IPv6."""

    sender = PEER, "p0"
    nft = DUT, "nft-prerouting.nft"

    def __init__(self):
        for ns in (PEER, DUT):
            netns(ns, ipv6=True)
        sh("ip", "link", "add", "p0", "netns", PEER, "type", "veth",
           "peer", "name", "d0", "netns", DUT)
        for ns, dev, a4, a6 in ((PEER, "p0", mixes.PEER_IP, mixes.PEER_IP6),
                                (DUT, "d0", mixes.DUT_IP, mixes.DUT_IP6)):
            sh("ip", "-n", ns, "addr", "add", a4 + "/24", "dev", dev)
            sh("ip", "-n", ns, "addr", "add", a6 + "/64", "dev", dev,
               "nodad")
            sh("ip", "-n", ns, "link", "set", dev, "up")
        self.frames = mixes.routed(mac(DUT, "d0"), mac(PEER, "p0"))
        self.joiner = subprocess.Popen(
            ["ip", "netns", "exec", DUT, sys.executable, "-c", JOINER,
             ",".join(GROUPS4), ",".join(GROUPS6)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        if self.joiner.stdout.readline().strip() != "ready":
            raise RuntimeError("joiner did not start")
        # /proc/PID/net is the dut namespace's, read without entering it.
        self.net = "/proc/%d/net" % self.joiner.pid

    def snmp(self, mix):
        """(received, delivered) of the family of @mix, so far."""
        if mix in IPV6_MIXES:
            with open(self.net + "/snmp6") as f:
                kv = dict(ln.split() for ln in f if ln.startswith("Ip6"))
            return int(kv["Ip6InReceives"]), int(kv["Ip6InDelivers"])
        with open(self.net + "/snmp") as f:
            lines = [ln.split() for ln in f if ln.startswith("Ip:")]
        kv = dict(zip(lines[0][1:], lines[1][1:]))
        return int(kv["InReceives"]), int(kv["InDelivers"])

    def igg_stats(self):
        return read_igg_stats(self.net)

    def close(self):
        self.joiner.stdin.close()
        self.joiner.wait()


class BridgeBed:
    """A bridge with two ports; frames go in at one, out at the other."""

    sender = BPEER, "b0"
    nft = BRIDGE, "nft-bridge.nft"

    def __init__(self):
        for ns in (BPEER, BRIDGE, SINK):
            netns(ns, ipv6=False)
        sh("ip", "link", "add", "b0", "netns", BPEER, "type", "veth",
           "peer", "name", "bp0", "netns", BRIDGE)
        sh("ip", "link", "add", "s0", "netns", SINK, "type", "veth",
           "peer", "name", "bp1", "netns", BRIDGE)
        # Snooping on (the default, as on docker0 or virbr0), no querier:
        # the bridge parses every IGMP and MLD frame and floods reports
        # and queries to the other port.
        sh("ip", "-n", BRIDGE, "link", "add", "br0", "type", "bridge",
           "mcast_snooping", "1")
        for dev in ("bp0", "bp1"):
            sh("ip", "-n", BRIDGE, "link", "set", dev, "master", "br0", "up")
        sh("ip", "-n", BRIDGE, "link", "set", "br0", "up")
        sh("ip", "-n", BPEER, "link", "set", "b0", "up")
        sh("ip", "-n", SINK, "link", "set", "s0", "up")
        sink_mac = mac(SINK, "s0")
        # Unicast is forwarded, not flooded; the sink's stack never works
        # on what it receives (veth counts it before tc drops it).
        sh("bridge", "-n", BRIDGE, "fdb", "add", sink_mac.hex(":"), "dev",
           "bp1", "master", "static")
        sh("tc", "-n", SINK, "qdisc", "add", "dev", "s0", "ingress")
        sh("tc", "-n", SINK, "filter", "add", "dev", "s0", "parent", "ffff:",
           "matchall", "action", "drop")
        self.frames = mixes.bridged(sink_mac, mac(BPEER, "b0"))
        # Processes that only hold the namespaces' /proc/PID/net open.
        self.holders = [subprocess.Popen(["ip", "netns", "exec", ns, "sleep",
                                          "infinity"])
                        for ns in (BRIDGE, SINK)]
        self.net, self.sink_net = ("/proc/%d/net" % p.pid
                                   for p in self.holders)

    def snmp(self, mix):
        """(received, forwarded): bp0's and s0's received frames."""
        def rx(net, dev):
            with open(net + "/dev") as f:
                for ln in f:
                    name, _, rest = ln.partition(":")
                    if name.strip() == dev:
                        return int(rest.split()[1])
            raise RuntimeError("no %s in %s/dev" % (dev, net))
        return rx(self.net, "bp0"), rx(self.sink_net, "s0")

    def igg_stats(self):
        return read_igg_stats(self.net)

    def close(self):
        for p in self.holders:
            p.kill()
            p.wait()


def cpu0():
    """CPU 0's busy and softirq time, in USER_HZ ticks."""
    with open("/proc/stat") as f:
        for ln in f:
            if ln.startswith("cpu0 "):
                v = [int(x) for x in ln.split()[1:]]
                return sum(v) - v[3] - v[4], v[6]
    raise RuntimeError("no cpu0 in /proc/stat")


def backlog_drops():
    with open("/proc/net/softnet_stat") as f:
        return sum(int(ln.split()[1], 16) for ln in f)


def loaded():
    return os.path.isdir("/sys/module/igmpguard")


def apply(config, ko, beds, bench_dir):
    """Put the guest in @config, from whatever state it is in."""
    if loaded():
        sh("rmmod", "igmpguard")
    for bed in beds:
        sh("ip", "netns", "exec", bed.nft[0], "nft", "flush", "ruleset",
           check=False)
    if config == "enabled0":
        sh("insmod", ko, "enabled=0")
    elif config == "monitor":
        sh("insmod", ko, "mode=monitor")
    elif config == "block":
        sh("insmod", ko)
    elif config == "nft":
        # Each bed's table: the rule files it includes sit beside it.
        for bed in beds:
            ns, name = bed.nft
            sh("ip", "netns", "exec", ns, "nft", "-I", bench_dir, "-f",
               os.path.join(bench_dir, name))


IGG_COUNTERS = ("dropped", "monitored", "validated", "anomalous")


def one_run(bed, blast, mix, secs):
    frame = bed.frames[mix]
    ns, dev = bed.sender
    s0, d0, b0, i0 = cpu0(), backlog_drops(), bed.snmp(mix), bed.igg_stats()
    out = sh("ip", "netns", "exec", ns, blast, dev, str(secs), frame.hex(),
             "0")
    s1, d1, b1, i1 = cpu0(), backlog_drops(), bed.snmp(mix), bed.igg_stats()
    kv = dict(w.split("=") for w in out.split())
    hz = os.sysconf("SC_CLK_TCK")
    r = {
        "sent": int(kv["sent"]),
        "seconds": float(kv["seconds"]),
        "backlog_drops": d1 - d0,
        "in_receives": b1[0] - b0[0],
        "delivered": b1[1] - b0[1],
        "cpu0_busy_s": (s1[0] - s0[0]) / hz,
        "cpu0_softirq_s": (s1[1] - s0[1]) / hz,
    }
    for c in IGG_COUNTERS:
        k = "packets_" + c
        r["igg_" + c] = i1.get(k, 0) - i0.get(k, 0)
    return r


def words(value, default):
    """A list from the environment: words separated by commas or, on the
    kernel command line (igg.env= splits at commas), by plus signs."""
    if not value:
        return list(default)
    return [w for w in value.replace("+", ",").split(",") if w]


def main():
    result = open(sys.argv[1], "w")
    repo = sys.argv[2]
    env = os.environ
    secs = float(env.get("BENCH_SECONDS", "2"))
    rounds = int(env.get("BENCH_ROUNDS", "5"))
    configs = words(env.get("BENCH_CONFIGS"), CONFIGS)
    br_configs = [c for c in words(env.get("BENCH_BRIDGE_CONFIGS"),
                                   BRIDGE_CONFIGS) if c in configs]
    mixes_run = words(env.get("BENCH_MIXES"), MIXES)
    unknown = set(mixes_run) - set(MIXES) | set(configs) - set(CONFIGS)
    if unknown:
        raise SystemExit("pathbench: unknown mix or configuration: %s" %
                         " ".join(sorted(unknown)))
    ko, blast = env["IGG_KO"], env["BENCH_BLAST"]
    bench_dir = os.path.join(repo, "bench")

    def emit(kind, obj):
        result.write("IGG-BENCH %s %s\n" % (kind, json.dumps(obj)))
        result.flush()

    with open("/proc/cpuinfo") as f:
        model = next((ln.split(":", 1)[1].strip() for ln in f
                      if ln.startswith("model name")), "?")
    emit("meta", {"kernel": os.uname().release, "cpu": model,
                  "ncpu": os.cpu_count(), "seconds": secs, "rounds": rounds,
                  "configs": configs, "bridge_configs": br_configs,
                  "mixes": mixes_run})
    # (bed, its mixes, the configurations they run under)
    plan = []
    routed = [m for m in mixes_run if m not in BRIDGED]
    bridged = [m for m in mixes_run if m in BRIDGED]
    if routed:
        plan.append((RoutedBed(), routed, configs))
    if bridged:
        plan.append((BridgeBed(), bridged, br_configs))
    beds = [bed for bed, _, _ in plan]
    failed = n = 0
    # Warm caches and page in the programs once per mix, unrecorded.
    apply("baseline", ko, beds, bench_dir)
    for bed, ms, _ in plan:
        for mix in ms:
            one_run(bed, blast, mix, min(secs, 0.5))
    for rnd in range(1, rounds + 1):
        for config in configs:
            apply(config, ko, beds, bench_dir)
            for bed, ms, cs in plan:
                if config not in cs:
                    continue
                for mix in ms:
                    try:
                        r = one_run(bed, blast, mix, secs)
                    except (RuntimeError, KeyError) as e:
                        failed += 1
                        r = {"error": str(e)}
                    n += 1
                    r.update(round=rnd, config=config, mix=mix)
                    emit("run", r)
                    print(json.dumps(r), flush=True)
    apply("baseline", ko, beds, bench_dir)
    for bed in beds:
        bed.close()
    result.write("IGG-SUMMARY bench runs=%d fail=%d\n" % (n, failed))
    result.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
