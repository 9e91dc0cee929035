# SPDX-License-Identifier: GPL-2.0
"""Packet-path benchmark, run inside a QEMU guest by bench/guest/guest.sh.

  netns igb-peer                       netns igb-dut
  p0 192.0.2.9  --- veth --->  d0 192.0.2.50   <- igmpguard / nftables
  blast (AF_PACKET, qdisc bypass,       joiner: member of the groups the
  sendmmsg, pinned to CPU 0)            IGMP frames use, UDP port 9 bound

For every round, every configuration in turn, every traffic mix: one
blast of BENCH_SECONDS. Each run reports packets sent, backlog drops,
packets the dut delivered (Ip InDelivers: past PRE_ROUTING and routing)
and CPU 0's busy time. One JSON object per run goes to the result port
as an "IGG-BENCH " line; the host makes the tables. Nothing here passes
or fails on a figure: a run fails only when it could not measure.
"""

import json
import os
import struct
import subprocess
import sys

# The selftests' packet builders.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "selftests"))
from igg import aton, ipv4, mcast_mac, with_csum  # noqa: E402

PEER, DUT = "igb-peer", "igb-dut"
PEER_IP, DUT_IP = "192.0.2.9", "192.0.2.50"
GROUP = "239.1.2.3"
RA = bytes([0x94, 0x04, 0, 0])
CONFIGS = ["baseline", "enabled0", "monitor", "block", "nft"]
MIXES = ["udp", "udp-rr", "v2-report", "v3-report-8", "bad-v3-query"]


def sh(*cmd, check=True):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    if check and p.returncode:
        raise RuntimeError("%s: %s" % (" ".join(cmd), p.stderr.strip()))
    return p.stdout


def frames(dut_mac, peer_mac):
    """The traffic mixes: name -> Ethernet frame (bytes)."""
    udp = struct.pack("!HHHH", 40000, 9, 8 + 18, 0) + bytes(18)
    rr = bytes([7, 11, 4]) + bytes(8) + bytes([0])   # 2 slots, then EOL
    v2 = with_csum(struct.pack("!BBH4s", 0x16, 0, 0, aton(GROUP)))
    recs = b"".join(struct.pack("!BBH4s", 1, 0, 2, aton("239.1.0.%d" % i)) +
                    aton("10.0.0.1") + aton("10.0.0.2") for i in range(8))
    v3r = with_csum(struct.pack("!BBHHH", 0x22, 0, 0, 0, 8) + recs)
    # Group-specific v3 query claiming 200 sources in a 12-byte message.
    badq = with_csum(struct.pack("!BBH4sBBH", 0x11, 100, 0, aton(GROUP),
                                 2, 125, 200))
    ucast = dut_mac + peer_mac + b"\x08\x00"

    def mc(dst):
        return mcast_mac(dst) + peer_mac + b"\x08\x00"
    return {
        "udp": ucast + ipv4(PEER_IP, DUT_IP, 17, udp),
        "udp-rr": ucast + ipv4(PEER_IP, DUT_IP, 17, udp, opts=rr),
        "v2-report": mc(GROUP) + ipv4(PEER_IP, GROUP, 2, v2, ttl=1, opts=RA),
        "v3-report-8": mc("224.0.0.22") + ipv4(PEER_IP, "224.0.0.22", 2, v3r,
                                               ttl=1, opts=RA),
        "bad-v3-query": mc(GROUP) + ipv4(PEER_IP, GROUP, 2, badq, ttl=1,
                                         opts=RA),
    }


JOINER = r"""
import socket, struct, sys
socks = []
for g in sys.argv[1:]:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                 socket.inet_aton(g) + socket.inet_aton("192.0.2.50"))
    socks.append(s)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
u.bind(("0.0.0.0", 9))
print("ready", flush=True)
sys.stdin.read()
"""


class Bed:
    def __init__(self):
        for ns in (PEER, DUT):
            sh("ip", "netns", "del", ns, check=False)
            sh("ip", "netns", "add", ns)
            sh("ip", "-n", ns, "link", "set", "lo", "up")
            for k in ("all", "default"):
                sh("ip", "netns", "exec", ns, "sysctl", "-qw",
                   "net.ipv6.conf.%s.disable_ipv6=1" % k)
        sh("ip", "link", "add", "p0", "netns", PEER, "type", "veth",
           "peer", "name", "d0", "netns", DUT)
        sh("ip", "-n", PEER, "addr", "add", PEER_IP + "/24", "dev", "p0")
        sh("ip", "-n", DUT, "addr", "add", DUT_IP + "/24", "dev", "d0")
        for ns, dev in ((PEER, "p0"), (DUT, "d0")):
            sh("ip", "-n", ns, "link", "set", dev, "up")
        self.dut_mac = self.mac(DUT, "d0")
        self.peer_mac = self.mac(PEER, "p0")
        self.joiner = subprocess.Popen(
            ["ip", "netns", "exec", DUT, sys.executable, "-c", JOINER,
             GROUP, "224.0.0.22"] + ["239.1.0.%d" % i for i in range(8)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        if self.joiner.stdout.readline().strip() != "ready":
            raise RuntimeError("joiner did not start")
        # /proc/PID/net is the dut namespace's, read without entering it.
        self.net = "/proc/%d/net" % self.joiner.pid

    @staticmethod
    def mac(ns, dev):
        out = sh("ip", "netns", "exec", ns, "cat",
                 "/sys/class/net/%s/address" % dev)
        return bytes(int(x, 16) for x in out.strip().split(":"))

    def snmp_ip(self):
        with open(self.net + "/snmp") as f:
            lines = [ln.split() for ln in f if ln.startswith("Ip:")]
        return dict(zip(lines[0][1:], (int(v) for v in lines[1][1:])))

    def igg_stats(self):
        try:
            with open(self.net + "/igmpguard/stats") as f:
                return {k: int(v) for k, v in (ln.split() for ln in f)}
        except OSError:
            return {}


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


def apply(config, ko, nft_file):
    """Put the guest in @config, from whatever state it is in."""
    if loaded():
        sh("rmmod", "igmpguard")
    sh("ip", "netns", "exec", DUT, "nft", "delete", "table", "ip",
       "igg_bench", check=False)
    if config == "enabled0":
        sh("insmod", ko, "enabled=0")
    elif config == "monitor":
        sh("insmod", ko, "mode=monitor")
    elif config == "block":
        sh("insmod", ko)
    elif config == "nft":
        sh("ip", "netns", "exec", DUT, "nft", "-f", nft_file)


def one_run(bed, blast, frame, secs):
    s0, d0, b0, i0 = cpu0(), backlog_drops(), bed.snmp_ip(), bed.igg_stats()
    out = sh("ip", "netns", "exec", PEER, blast, "p0", str(secs),
             frame.hex(), "0")
    s1, d1, b1, i1 = cpu0(), backlog_drops(), bed.snmp_ip(), bed.igg_stats()
    kv = dict(w.split("=") for w in out.split())
    hz = os.sysconf("SC_CLK_TCK")
    return {
        "sent": int(kv["sent"]),
        "seconds": float(kv["seconds"]),
        "backlog_drops": d1 - d0,
        "in_receives": b1["InReceives"] - b0["InReceives"],
        "delivered": b1["InDelivers"] - b0["InDelivers"],
        "cpu0_busy_s": (s1[0] - s0[0]) / hz,
        "cpu0_softirq_s": (s1[1] - s0[1]) / hz,
        "igg_dropped": i1.get("packets_dropped", 0) -
        i0.get("packets_dropped", 0),
        "igg_monitored": i1.get("packets_monitored", 0) -
        i0.get("packets_monitored", 0),
        "igg_validated": i1.get("packets_validated", 0) -
        i0.get("packets_validated", 0),
        "igg_anomalous": i1.get("packets_anomalous", 0) -
        i0.get("packets_anomalous", 0),
    }


def main():
    result = open(sys.argv[1], "w")
    repo = sys.argv[2]
    env = os.environ
    secs = float(env.get("BENCH_SECONDS", "2"))
    rounds = int(env.get("BENCH_ROUNDS", "5"))
    configs = env.get("BENCH_CONFIGS", ",".join(CONFIGS)).split(",")
    mixes = env.get("BENCH_MIXES", ",".join(MIXES)).split(",")
    ko, blast = env["IGG_KO"], env["BENCH_BLAST"]
    nft_file = os.path.join(repo, "bench", "nft-prerouting.nft")

    def emit(kind, obj):
        result.write("IGG-BENCH %s %s\n" % (kind, json.dumps(obj)))
        result.flush()

    with open("/proc/cpuinfo") as f:
        model = next((ln.split(":", 1)[1].strip() for ln in f
                      if ln.startswith("model name")), "?")
    emit("meta", {"kernel": os.uname().release, "cpu": model,
                  "ncpu": os.cpu_count(), "seconds": secs, "rounds": rounds,
                  "configs": configs, "mixes": mixes})
    bed = Bed()
    fr = frames(bed.dut_mac, bed.peer_mac)
    failed = 0
    # Warm caches and page in the programs once per mix, unrecorded.
    apply("baseline", ko, nft_file)
    for mix in mixes:
        one_run(bed, blast, fr[mix], min(secs, 0.5))
    for rnd in range(1, rounds + 1):
        for config in configs:
            apply(config, ko, nft_file)
            for mix in mixes:
                try:
                    r = one_run(bed, blast, fr[mix], secs)
                except (RuntimeError, KeyError) as e:
                    failed += 1
                    r = {"error": str(e)}
                r.update(round=rnd, config=config, mix=mix)
                emit("run", r)
                print(json.dumps(r), flush=True)
    apply("baseline", ko, nft_file)
    bed.joiner.stdin.close()
    bed.joiner.wait()
    n = rounds * len(configs) * len(mixes)
    result.write("IGG-SUMMARY bench runs=%d fail=%d\n" % (n, failed))
    result.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
