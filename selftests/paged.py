#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The vectors again, as paged skbs.

  this process --writev()--> tap0 (IFF_TAP|IFF_NAPI|IFF_NAPI_FRAGS)
                             in a protected namespace, 192.0.2.50/24

tun builds each skb from the iovecs of one writev(): the first iovec is
the linear part, every other one a page fragment, and the skb goes through
napi_gro_frags() like a NIC's. ip_rcv() pulls only the IP header into the
linear part, so IGMP messages and options sit in fragments and igmpguard
has to read across them. Two cuts:

  header  Ethernet | IP header | payload in 7-byte fragments
  fine    Ethernet | 3 bytes | 64-byte fragments (the IP header itself
          is split and pulled by ip_rcv)

Each cut must give every vector the verdict, delivery and counters that
vectors.py checks over veth. What the stock kernel delivers through the
tap is measured first, with igmpguard unloaded.
"""

import errno
import os

import igg

MAX_IOVECS = 17         # MAX_SKB_FRAGS page fragments + the linear part


def cut(frame, first, size):
    """[Ethernet] + @first bytes + @size-byte pieces, at most MAX_IOVECS."""
    parts = [frame[:14]]
    rest = frame[14:]
    if first:
        parts.append(rest[:first])
        rest = rest[first:]
    while rest and len(parts) < MAX_IOVECS - 1:
        parts.append(rest[:size])
        rest = rest[size:]
    if rest:
        parts.append(rest)
    return [p for p in parts if p]


def header_cut(frame):
    ip = frame[14:]
    hl = (ip[0] & 15) * 4 if ip else 0
    return cut(frame, min(hl, len(ip)), 7)


def fine_cut(frame):
    return cut(frame, 3, 64)


def frags_path_used(t, bed, frame):
    """One result: the tap builds its skbs from page fragments. Only that
    path has a limit on iovecs, so 19 of them must fail."""
    try:
        os.writev(bed.fd, [frame[:14]] + [frame[14 + i:15 + i]
                                          for i in range(18)])
        err = 0
    except OSError as e:
        err = e.errno
    t.result(err == errno.EMSGSIZE, "tap0 builds skbs from page fragments "
             "(19 iovecs: EMSGSIZE)",
             ["writev: %s" % (os.strerror(err) if err else "accepted")])


def run(t):
    vecs = igg.preflight(t, need_vectors=True)
    if not os.path.exists("/dev/net/tun"):
        t.skip_all("/dev/net/tun missing (CONFIG_TUN)")
    protos = sorted({v.proto for v in vecs if v.proto is not None})
    groups = igg.vector_groups(vecs)

    for label, split in (("header", header_cut), ("fine", fine_cut)):
        igg.unload()
        bed = igg.TapBed(split, protos=protos, groups=groups)
        stock = igg.stock_delivery(bed, vecs)
        missing = [v.id for v, s in zip(vecs, stock)
                   if v.id.startswith("G") and not s]
        t.result(not missing, "%s cut: the stock kernel delivers every valid "
                 "packet of spec section 8 through the tap" % label,
                 ["not delivered: " + " ".join(missing)])
        if label == "header":
            frags_path_used(t, bed, bed.frame(vecs[0].ip))
        igg.load()
        stats = igg.Stats(bed.dut)
        names = [n for n, _ in stats.lines()]
        problems = []
        for v, s in zip(vecs, stock):
            problems += igg.check_vector(
                bed, stats, names, v, s,
                igg.Outcome(v.drops, v.reason, v.anomalies), "block")
        t.result(not problems, "%s cut: all %d vectors as paged skbs get "
                 "the verdicts, delivery and counters of vectors.tsv" %
                 (label, len(vecs)), problems[:40])
        stats.close()
        bed.close()
    igg.unload()
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
