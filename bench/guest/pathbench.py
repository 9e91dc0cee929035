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


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def ip4(a):
    return bytes(int(x) for x in a.split("."))


def ipv4(src, dst, proto, ttl, opts, payload):
    ihl = 5 + len(opts) // 4
    hdr = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, ihl * 4 + len(payload),
                      0x1234, 0, ttl, proto, 0, ip4(src), ip4(dst)) + opts
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr + payload


def mcast_mac(dst):
    b = ip4(dst)
    return bytes([1, 0, 0x5e, b[1] & 0x7f, b[2], b[3]])


def igmp(body):
    return body[:2] + struct.pack("!H", csum(body)) + body[4:]


def frames(dut_mac, peer_mac):
    """The traffic mixes: name -> Ethernet frame (bytes)."""
    udp = struct.pack("!HHHH", 40000, 9, 8 + 18, 0) + bytes(18)
    rr = bytes([7, 11, 4]) + bytes(8) + bytes([0])   # 2 slots, then EOL
    v2 = igmp(struct.pack("!BBH4s", 0x16, 0, 0, ip4(GROUP)))
    recs = b"".join(struct.pack("!BBH4s", 1, 0, 2, ip4("239.1.0.%d" % i)) +
                    ip4("10.0.0.1") + ip4("10.0.0.2") for i in range(8))
    v3r = igmp(struct.pack("!BBHHH", 0x22, 0, 0, 0, 8) + recs)
    # Group-specific v3 query claiming 200 sources in a 12-byte message.
    badq = igmp(struct.pack("!BBH4sBBH", 0x11, 100, 0, ip4(GROUP),
                            2, 125, 200))
    ucast = dut_mac + peer_mac + b"\x08\x00"

    def mc(dst):
        return mcast_mac(dst) + peer_mac + b"\x08\x00"
    return {
        "udp": ucast + ipv4(PEER_IP, DUT_IP, 17, 64, b"", udp),
        "udp-rr": ucast + ipv4(PEER_IP, DUT_IP, 17, 64, rr, udp),
        "v2-report": mc(GROUP) + ipv4(PEER_IP, GROUP, 2, 1, RA, v2),
        "v3-report-8": mc("224.0.0.22") + ipv4(PEER_IP, "224.0.0.22", 2, 1,
                                               RA, v3r),
        "bad-v3-query": mc(GROUP) + ipv4(PEER_IP, GROUP, 2, 1, RA, badq),
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
