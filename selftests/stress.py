#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Load, unload, reconfigure and churn namespaces under a packet flood.

  flood thread --AF_PACKET--> peer0 ==veth==> dut0     (igg-dut-*)
               \\--AF_PACKET--> sN   ==veth==> dN       (igg-churn-*, made
                                                        and deleted below)

A thread keeps sending valid and malformed frames (IGMP of every kind,
broken options, fragments, 1500-byte queries; the committed vectors too
when present) while the main thread:

  1. loads and unloads the module 50 times, flipping mode, enabled and
     drop_anomalies while it is loaded; every load must count the flood,
     the module's reference count must be 0 and every unload must succeed;
  2. with the module loaded, makes and deletes 20 namespaces that the
     flood is aimed at; each must count, none may keep the module busy.

The guest runs with panic_on_warn=1 and slub_debug, so a warning, an oops
or a use-after-free ends the run (the QEMU runner reports a guest that
never wrote its verdict as a failure); the kernel log is checked here as
well.
"""

import ctypes
import os
import re
import socket
import struct
import threading
import time

import igg

LOAD_CYCLES = int(os.environ.get("IGG_STRESS_LOADS", 50))
NETNS_CYCLES = int(os.environ.get("IGG_STRESS_NETNS", 20))
G = "239.1.2.3"
RA = b"\x94\x04\x00\x00"

SYS_FINIT_MODULE = 313      # x86_64
SYS_DELETE_MODULE = 176
_libc = ctypes.CDLL(None, use_errno=True)


def crafted():
    """A few of every kind, made here so the test needs no vectors."""
    ip, wc = igg.ipv4, igg.with_csum
    src, host = igg.PEER_ADDR, igg.DUT_ADDR
    rep = b"\x16\0\0\0" + igg.aton(G)
    q3 = (b"\x11\x64\0\0" + igg.aton(G) + b"\x02\x7d" + struct.pack("!H", 366) +
          b"".join(struct.pack("!BBBB", 10, i // 256, i % 256, 1)
                   for i in range(366)))
    echo = wc(b"\x08\0\0\0\0\1\0\1")
    pkts = [
        ip(src, G, 2, wc(rep), ttl=1, tos=0xc0, opts=RA),             # good
        ip(src, G, 2, rep[:2] + b"\xde\xad" + rep[4:], ttl=1, opts=RA),
        ip(src, G, 2, wc(rep)[:4], ttl=1, opts=RA),                   # short
        ip(src, G, 2, wc(q3), ttl=1, tos=0xc0, opts=RA),              # 1500 B
        ip(src, G, 2, wc(q3[:12]), ttl=1, opts=RA),                   # N>len
        ip(src, host, 1, echo, opts=b"\x07\x00\x00\x00"),             # len 0
        ip(src, host, 1, echo, opts=b"\x44\x08\x09\xf0" + b"\0" * 4),
        ip(src, host, 1, echo, opts=b"\x83\x07\x04" + b"\xc0\0\2\1"),
        ip(src, "224.0.0.1", 2, wc(b"\x11\x64\0\0" + b"\0" * 4), ttl=64),
        ip("127.0.0.1", G, 2, wc(rep), ttl=1, opts=RA),
        ip(src, host, 17, b"\0\x09\0\x09\0\x08\0\0"),                 # UDP
    ]
    pkts += igg.fragments(ip(src, G, 2, wc(q3), ttl=1, opts=RA), 512)
    return pkts


class Flood(threading.Thread):
    """Sends frames to every target until stopped; errors (a target's
    namespace going away) are expected and ignored."""

    def __init__(self):
        super().__init__(daemon=True)
        self.targets = []           # replaced, never mutated: no lock
        self.stop = threading.Event()
        self.sent = 0

    def run(self):
        while not self.stop.is_set():
            for sock, frames in self.targets:
                for f in frames:
                    try:
                        sock.send(f)
                        self.sent += 1
                    except OSError:
                        break
            # Leave the CPU to the guest's other work now and then.
            time.sleep(0.002)


def fast_load(ko):
    """finit_module(2): no insmod process per cycle (TCG forks slowly)."""
    fd = os.open(ko, os.O_RDONLY)
    try:
        if _libc.syscall(SYS_FINIT_MODULE, fd, b"", 0) != 0:
            e = ctypes.get_errno()
            raise OSError(e, "finit_module: " + os.strerror(e))
    finally:
        os.close(fd)


def fast_unload():
    if _libc.syscall(SYS_DELETE_MODULE, igg.MODULE.encode(),
                     os.O_NONBLOCK) != 0:
        e = ctypes.get_errno()
        raise OSError(e, "delete_module: " + os.strerror(e))


def seen_in(ns, timeout=20.0, key="packets_seen"):
    """Counter @key of @ns once it is above zero, or 0 after @timeout. The
    first packet usually comes within a second; the limit is for a slow
    kernel under the flood (the debug kernel once needed more than 5 s)."""
    deadline = time.monotonic() + timeout
    with ns.enter():
        fd = os.open(igg.STATS, os.O_RDONLY)
    try:
        while True:
            os.lseek(fd, 0, os.SEEK_SET)
            n = dict(igg.parse_stats(os.read(fd, 65536).decode()))
            if n.get(key) or time.monotonic() > deadline:
                return n.get(key, 0)
            time.sleep(0.02)
    finally:
        os.close(fd)


def churn(t, bed, flood, cycles, frames_for, what, key="packets_seen",
          max_misses=None):
    """With the module loaded, make @cycles namespaces behind veths from
    @bed's peer, aim the flood at each (@frames_for(dst_mac, src_mac)) and
    delete it under the flood: each must count @key, none may keep the
    module busy. Gives up after @max_misses namespaces that count
    nothing, each having waited for seen_in()'s time limit."""
    problems, counted = [], 0
    for i in range(cycles):
        ns = igg.Netns("churn")
        s_dev, d_dev = "s%d" % i, "d%d" % i
        bed.peer.batch("ip", ["link add %s type veth peer name %s netns %s"
                              % (s_dev, d_dev, ns.name)])
        bed.peer.link_up(s_dev)
        ns.link_up(d_dev)
        with bed.peer.enter():
            sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
            sock.bind((s_dev, 0))
        frames = frames_for(ns.mac(d_dev), bed.peer.mac(s_dev))
        flood.targets = flood.targets[:1] + [(sock, frames)]
        if seen_in(ns, key=key):
            counted += 1
        ns.delete()                     # while the flood is aimed at it
        flood.targets = flood.targets[:1]
        sock.close()
        ref = igg.refcount()
        if ref:
            problems.append("namespace %d: refcnt %d" % (i, ref))
        if max_misses and i + 1 - counted >= max_misses:
            break
    t.result(counted == cycles, "%d namespaces made under a flood each "
             "count %s" % (cycles, what), ["%d of %d" % (counted, cycles)])
    t.result(not problems, "deleting them leaves the module unreferenced",
             problems)
    try:
        igg.unload()
        err = ""
    except RuntimeError as e:
        err = str(e)
    t.result(not err, "rmmod after the namespace churn succeeds", [err])


def finish(t, flood, kmsg):
    """Stop the flood; one result: what the kernel logged meanwhile."""
    flood.stop.set()
    flood.join()
    t.diag("flood: %d frames sent" % flood.sent)
    # An unsigned out-of-tree module taints the kernel; that is expected.
    bad = [ln for ln in kmsg.lines()
           if re.search(r"WARNING|BUG|Oops|refcount_t|general protection|"
                        r"use-after-free|igmpguard.*(fail|error)", ln) and
           "module verification failed" not in ln]
    t.result(not bad, "the kernel log has no warning, bug or igmpguard "
             "error", bad[:20])


def run(t):
    igg.preflight(t)
    if os.uname().machine != "x86_64":
        t.skip_all("finit_module numbers are for x86_64")
    ko = igg.module_path()
    if not ko:
        t.skip_all("needs a module file (IGG_KO)")
    vecs = []
    try:
        vecs = igg.load_vectors() or []
    except ValueError:
        pass
    anomalies = [n for n, c in igg.reasons() if c == "anomaly"]

    igg.unload()
    bed = igg.Bed(protos=(), groups=[G])
    pkts = crafted() + [v.ip for v in vecs if v.ethertype == igg.ETH_P_IP]
    flood = Flood()
    flood.targets = [(bed.tx, [bed.frame(p) for p in pkts])]
    kmsg = igg.Kmsg()
    flood.start()

    # --- 1: load/unload ---------------------------------------------------
    problems, counted = [], 0
    for i in range(LOAD_CYCLES):
        try:
            fast_load(ko)
        except OSError as e:
            problems.append("cycle %d: %s" % (i, e))
            break
        if seen_in(bed.dut):
            counted += 1
        # Reconfigure while packets fly.
        igg.set_param("mode", "monitor" if i % 2 else "block")
        if anomalies:
            igg.set_param("drop_anomalies", anomalies[i % len(anomalies)])
        if i % 5 == 0:
            igg.set_param("enabled", "0")
            igg.set_param("enabled", "1")
        ref = igg.refcount()
        if ref:
            problems.append("cycle %d: refcnt %d before unload" % (i, ref))
        try:
            fast_unload()
        except OSError as e:
            problems.append("cycle %d: %s" % (i, e))
            break
    t.result(not problems, "%d load/unload cycles under a flood: refcount "
             "0 and unload succeeding every time" % LOAD_CYCLES, problems)
    t.result(counted == LOAD_CYCLES, "every load counted the flood in the "
             "protected namespace", ["%d of %d" % (counted, LOAD_CYCLES)])

    # --- 2: namespaces come and go -----------------------------------------
    igg.load()
    churn(t, bed, flood, NETNS_CYCLES, lambda dst, src: [
        igg.eth_frame(p, dst, src) for p in pkts[:16]], "it")
    finish(t, flood, kmsg)
    kmsg.close()
    bed.close()
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
