#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Replay every committed test vector into a protected namespace.

tests/vectors/vectors.pcap holds the frames and vectors.tsv what the
default policy must say about each. Each vector is sent from the peer
namespace over a veth pair, with the MAC addresses of this bed and an IP ID
of its own, first with igmpguard unloaded (what the stock kernel delivers)
and then with igmpguard loaded with default parameters. With igmpguard
loaded:

  - a pass vector is delivered to the raw socket in the protected
    namespace if and only if the stock kernel delivers it;
  - a drop vector is never delivered;
  - the counters move by exactly what the tsv says: the deciding reason and
    each anomaly +1, packets_dropped or packets_anomalous +1, and
    packets_seen / packets_validated +1 as the contract defines them. A
    vector whose IP header ip_rcv() itself rejects never reaches the hook
    and must move nothing.

Delivery is observed by raw sockets (one per IP protocol) that see the
packet after the stack's own checks, so vectors the stock kernel drops
(bad options, source routes, martian sources) are checked by counters
only; the diagnostics list them.
"""

import igg


def run(t):
    vecs = igg.preflight(t, need_vectors=True)
    hdr = igg.reasons()
    igg.unload()

    protos = sorted({v.proto for v in vecs if v.proto is not None})
    bed = igg.Bed(protos=protos, groups=igg.vector_groups(vecs))
    stock = igg.stock_delivery(bed, vecs)

    missing = [v.id for v, s in zip(vecs, stock)
               if v.id.startswith("G") and not s]
    t.result(not missing,
             "the stock kernel delivers every valid packet of spec section 8",
             ["not delivered without igmpguard: " + " ".join(missing),
              "the test bed (groups, addresses, MACs) is broken"])

    igg.load()
    stats = igg.Stats(bed.dut)
    lines = stats.lines()
    names = [n for n, _ in lines]
    t.result(names[:5] == igg.TOTALS,
             "stats starts with the five totals in contract order",
             ["got %s" % names[:5]])
    nfam = len(igg.FAMILY_TOTALS)
    t.result(names[5:5 + nfam] == igg.FAMILY_TOTALS,
             "then the same per family, IPv4's and IPv6's",
             ["got %s" % names[5:5 + nfam]])
    nfam += len(igg.BRIDGE_TOTALS)
    t.result(names[nfam:5 + nfam] == igg.BRIDGE_TOTALS,
             "then the same for the bridge path",
             ["got %s" % names[nfam:5 + nfam]])
    if hdr:
        t.result(names[5 + nfam:] == [n for n, _ in hdr],
                 "stats has one counter per reason, in enum order",
                 ["got  %s" % names[5 + nfam:],
                  "want %s" % [n for n, _ in hdr]])
    else:
        t.skip("stats has one counter per reason, in enum order",
               "include/igmpguard not found")
    t.result(all(v == 0 for _, v in lines),
             "a namespace that has seen nothing has zero counters",
             ["%s %d" % nv for nv in lines if nv[1]])
    unknown = sorted({n for v in vecs for n in [v.reason] + v.anomalies
                      if n != "none" and n not in names})
    if unknown:
        t.bail("vectors.tsv names reasons stats does not have: %s" %
               " ".join(unknown))

    gained, stock_drops = [], []
    for v, delivered_stock in zip(vecs, stock):
        out = igg.Outcome(v.drops, v.reason, v.anomalies)
        diag = igg.check_vector(bed, stats, names, v, delivered_stock, out,
                                "block")
        if not v.reaches_hook:
            what = "rejected by ip_rcv before the hook, counts nothing"
        elif v.drops:
            what = "dropped as %s" % v.reason
        elif delivered_stock:
            what = "delivered"
        else:
            what = "passed (the stock kernel drops it)"
        if v.anomalies and v.reaches_hook:
            what += ", anomalies " + ",".join(v.anomalies)
        t.result(not diag, "vector %s: %s" % (v.title(), what),
                 ["vector index %d" % v.index] + diag)

        if v.drops and delivered_stock and v.reaches_hook:
            gained.append(v.id)
        if not v.drops and not delivered_stock and v.reaches_hook:
            stock_drops.append(v.id)

    t.diag("%d drop vectors the stock kernel would have delivered: %s" %
           (len(gained), " ".join(gained)))
    t.diag("%d pass vectors the stock kernel drops itself: %s" %
           (len(stock_drops), " ".join(stock_drops)))

    stats.close()
    bed.close()
    igg.unload()
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
