#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Public captures: the kernel must judge them as igmpguardctl does.

Every IPv4 packet of the public tcpdump captures (shared/captures/tcpdump
beside the repository, or $IGG_CAPTURES) is replayed from the peer
namespace into the protected one (the bed of vectors.py). The expected
verdict of each is what "igmpguardctl check" says offline about the same
frame under the same policy: the in-kernel glue (skb access, scratch
copies, counters, monitor and drop paths) must agree with the validator
run in userspace, on traffic nobody wrote for this project. Delivery is
compared with what the stock kernel does with the same packet.

Captures with other link types than Ethernet (802.1Q tags are stripped),
Linux cooked v1 and raw IPv4, and pcapng files, are left out and listed.
Skips when the directory or igmpguardctl is missing.
"""

import glob
import os
import shutil
import socket
import subprocess

import igg

DIR = os.environ.get("IGG_CAPTURES", os.path.join(
    os.path.dirname(igg.TOP), "shared", "captures", "tcpdump"))


def ctl_path():
    for p in (os.environ.get("IGG_CTL"),
              os.path.join(igg.TOP, "build", "igmpguardctl"),
              shutil.which("igmpguardctl")):
        if p and os.access(p, os.X_OK) and os.path.isfile(p):
            return p
    return None


def ip_of(linktype, frame):
    """The IPv4 packet of a frame, or None."""
    if linktype == 1:
        off, etype = 14, frame[12:14]
        while etype in (b"\x81\x00", b"\x88\xa8") and len(frame) >= off + 4:
            etype, off = frame[off + 2:off + 4], off + 4
        return frame[off:] if etype == b"\x08\x00" else None
    if linktype == 113:
        return frame[16:] if frame[14:16] == b"\x08\x00" else None
    if linktype in (101, 228):
        return frame if frame[:1] and frame[0] >> 4 == 4 else None
    return None


def judged(ctl, path):
    """{frame number: (verdict, reason, anomalies)} from igmpguardctl."""
    out = subprocess.run([ctl, "check", path], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    if out.returncode:
        raise RuntimeError("igmpguardctl check %s: %s" % (path, out.stderr))
    res = {}
    for line in out.stdout.splitlines():
        f = line.split()
        if len(f) == 4 and f[0].isdigit() and f[1] in ("pass", "drop"):
            res[int(f[0])] = (f[1], f[2], [] if f[3] == "-" else
                              f[3].split(","))
    return res


def run(t):
    igg.preflight(t)
    if not os.path.isdir(DIR):
        t.skip_all("%s not found" % DIR)
    ctl = ctl_path()
    if not ctl:
        t.skip_all("igmpguardctl not built (make tool)")

    files, left_out = {}, []
    for path in sorted(glob.glob(os.path.join(DIR, "*"))):
        name = os.path.basename(path)
        try:
            linktype, frames = igg.read_pcap(path)
        except (ValueError, OSError):
            left_out.append(name + " (not classic pcap)")
            continue
        ips = {i + 1: ip_of(linktype, fr) for i, fr in enumerate(frames)}
        ips = {n: ip for n, ip in ips.items() if ip}
        if ips:
            files[name] = (path, ips)
        elif frames:
            left_out.append("%s (link type %d, no IPv4)" % (name, linktype))
    t.diag("left out: " + ", ".join(left_out))
    if not files:
        t.skip_all("no capture with IPv4 packets in " + DIR)

    groups = {socket_dst(ip) for _, ips in files.values()
              for ip in ips.values()}
    protos = {ip[9] for _, ips in files.values() for ip in ips.values()
              if len(ip) >= 20}
    igg.unload()
    bed = igg.Bed(protos=sorted(protos),
                  groups=sorted(g for g in groups if g and
                                igg.is_multicast(g)))
    stock = {}
    for name, (_, ips) in files.items():
        vecs = [igg.Vector.from_ip("%s#%d" % (name, n), ip)
                for n, ip in ips.items()]
        stock[name] = dict(zip(ips, igg.stock_delivery(bed, vecs)))

    t.diag("the stock kernel delivers %d of %d packets" % (
        sum(sum(d.values()) for d in stock.values()),
        sum(len(d) for d in stock.values())))

    igg.load()
    stats = igg.Stats(bed.dut)
    names = [n for n, _ in stats.lines()]
    for name, (path, ips) in files.items():
        verdicts = judged(ctl, path)
        problems = []
        for n, ip in ips.items():
            if n not in verdicts and igg.header_ok(ip):
                problems.append("frame %d: igmpguardctl skipped an IPv4 "
                                "frame the stack would hook" % n)
                continue
            # A frame igmpguardctl skips as cut short by the capture never
            # gets past ip_rcv() either: nothing may count it.
            verdict, reason, anoms = verdicts.get(n, ("pass", "none", []))
            v = igg.Vector.from_ip("%s#%d" % (name, n), ip, verdict, reason,
                                   anoms)
            problems += igg.check_vector(bed, stats, names, v,
                                         stock[name][n],
                                         igg.Outcome(v.drops, reason, anoms),
                                         "block")
        t.result(not problems, "capture %s: the kernel judges its %d IPv4 "
                 "packets as igmpguardctl check does" % (name, len(ips)),
                 problems[:30])
    stats.close()
    bed.close()
    igg.unload()
    return t.finish()


def socket_dst(ip):
    return socket.inet_ntoa(ip[16:20]) if len(ip) >= 20 else None


if __name__ == "__main__":
    igg.main_guard(run)
