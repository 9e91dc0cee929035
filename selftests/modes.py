#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Modes, the on/off switch, every policy knob and the log, with packets.

Same bed as vectors.py (a peer namespace sending the committed vectors over
a veth pair into a protected namespace; delivery seen by raw sockets).
What the stock kernel delivers is measured first with igmpguard unloaded.

  mode=monitor      every vector is delivered exactly when the stock kernel
                    delivers it; drop verdicts count as packets_monitored
                    with their reason, nothing counts as packets_dropped
  enabled=0         every vector is delivered as by the stock kernel and
                    no counter moves; enabled=1 hooks existing namespaces
                    again; also when loaded with enabled=0
  mode at run time  block <-> monitor switches take effect at once
  drop_* knobs      =N turns the knob's reason into a counted finding that
                    does not drop; =Y drops again
  drop_anomalies    naming an anomaly makes packets carrying it drop with
                    it as the reason; none restores the default
  max_query_sources the v3 query source limit is exact at N and N+1
  log               one line per drop / monitored drop / anomaly in the
                    contract's format; with log=N drops only

The expected verdict under a changed policy is derived from the tsv: it
lists the deciding reason and every other finding, and the validator
decides from the whole set of findings.
"""

import os
import re
import struct

import igg

G = "239.1.2.3"
RA = b"\x94\x04\x00\x00"


def mismatches(bed, stats, names, items, mode):
    """Run (vector, stock, outcome) items; return all problems."""
    problems = []
    for v, stock, out in items:
        problems += igg.check_vector(bed, stats, names, v, stock, out, mode)
    return problems


def report(t, desc, problems, limit=40):
    extra = len(problems) - limit
    diag = problems[:limit] + (["... and %d more" % extra] if extra > 0
                               else [])
    return t.result(not problems, desc, diag)


def write_ok(t, name, value):
    err = igg.set_param(name, value)
    if err:
        t.bail("writing %r to %s failed: %s" %
               (value, name, os.strerror(err)))
    return True


def gss_query(n, group=G):
    """A v3 group-and-source-specific query listing @n distinct sources."""
    srcs = b"".join(struct.pack("!BBBB", 10, i // 256, i % 256, 1)
                    for i in range(n))
    msg = (b"\x11\x64\0\0" + igg.aton(group) + b"\x02\x7d" +
           struct.pack("!H", n) + srcs)
    return igg.ipv4(igg.PEER_ADDR, group, 2, igg.with_csum(msg), ttl=1,
                    tos=0xc0, opts=RA)


def run(t):
    vecs = igg.preflight(t, need_vectors=True)
    hdr = igg.reasons()
    if not hdr:
        t.skip_all("include/igmpguard reason list not found")
    classes = dict(hdr)
    order = {n: i for i, (n, _) in enumerate(hdr)}
    d0 = igg.default_drop_set(classes)

    # The model behind every changed-policy expectation must reproduce
    # the tsv itself under the default policy.
    for v in vecs:
        o = igg.outcome(v, d0, classes, order)
        if (o.drops, o.reason, o.anomalies) != (v.drops, v.reason,
                                                 v.anomalies):
            t.bail("policy model disagrees with vectors.tsv on %s: %r" %
                   (v.id, o))

    igg.unload()
    protos = sorted({v.proto for v in vecs if v.proto is not None})
    bed = igg.Bed(protos=protos, groups=igg.vector_groups(vecs) + [G])
    stock = igg.stock_delivery(bed, vecs)
    missing = [v.id for v, s in zip(vecs, stock)
               if v.id.startswith("G") and not s]
    if missing:
        t.bail("the stock kernel does not deliver " + " ".join(missing))

    def items(drop_set, pick=lambda v: True):
        return [(v, s, igg.outcome(v, drop_set, classes, order))
                for v, s in zip(vecs, stock) if pick(v)]

    # Drop vectors the stock kernel delivers show a mode change best.
    showcase = [v for v, s in zip(vecs, stock)
                if s and v.drops and v.reaches_hook][:12]
    shown = items(d0, lambda v: v in showcase)

    # --- monitor mode, set at load ------------------------------------
    igg.load(mode="monitor")
    t.result(igg.param("mode") == "monitor",
             "mode=monitor given to insmod reads back as monitor",
             ["mode reads %r" % igg.param("mode")])
    stats = igg.Stats(bed.dut)
    names = [n for n, _ in stats.lines()]
    report(t, "monitor mode: all %d vectors are delivered exactly when the "
           "stock kernel delivers them, and counted with their reasons" %
           len(vecs), mismatches(bed, stats, names, items(d0), "monitor"))

    # --- mode switches at run time ---------------------------------------
    write_ok(t, "mode", "block")
    report(t, "mode=block written at run time drops at once",
           mismatches(bed, stats, names, shown, "block"))
    write_ok(t, "mode", "monitor")
    report(t, "mode=monitor written at run time stops dropping at once",
           mismatches(bed, stats, names, shown, "monitor"))
    write_ok(t, "mode", "block")

    # --- enabled=0 at run time --------------------------------------------
    write_ok(t, "enabled", "0")
    report(t, "enabled=0: all %d vectors are delivered as by the stock "
           "kernel and no counter moves" % len(vecs),
           mismatches(bed, stats, names, items(d0), "off"))
    write_ok(t, "enabled", "1")
    report(t, "enabled=1 hooks the existing namespace again",
           mismatches(bed, stats, names, shown, "block"))
    stats.close()

    # --- enabled=0 at load ---------------------------------------------------
    igg.load(enabled="0")
    t.result(igg.param("enabled") == "N",
             "enabled=0 given to insmod reads back as N",
             ["enabled reads %r" % igg.param("enabled")])
    stats = igg.Stats(bed.dut)
    report(t, "loaded with enabled=0, nothing is dropped or counted",
           mismatches(bed, stats, names, shown, "off"))
    write_ok(t, "enabled", "1")
    report(t, "loaded with enabled=0, enabled=1 starts protecting",
           mismatches(bed, stats, names, shown, "block"))
    stats.close()

    # --- boolean knobs ----------------------------------------------------------
    igg.load()
    stats = igg.Stats(bed.dut)
    for knob, knob_reasons, default in igg.knobs():
        def carries(v, rs=knob_reasons):
            return bool(set(rs) & set([v.reason] + v.anomalies))
        reason = ",".join(knob_reasons)
        relevant = items(d0, carries)
        if not relevant:
            t.skip("%s=N lets its reasons pass" % knob,
                   "no vector carries %s" % reason)
            continue
        t.result(igg.param(knob) == ("Y" if default else "N"),
                 "%s defaults to %s" % (knob, "Y" if default else "N"),
                 ["%s reads %r" % (knob, igg.param(knob))])
        write_ok(t, knob, "N")
        report(t, "%s=N: the %d vectors with %s get their verdict from the "
               "other findings" % (knob, len(relevant), reason),
               mismatches(bed, stats, names,
                          items(d0 - set(knob_reasons), carries), "block"))
        write_ok(t, knob, "Y")
        report(t, "%s=Y: the same vectors are judged as by default" % knob,
               mismatches(bed, stats, names, relevant, "block"))

    # --- drop_anomalies --------------------------------------------------------
    anomalies = [n for n, c in hdr if c == "anomaly"]
    seen = [a for a in anomalies if any(a in v.anomalies for v in vecs)]
    for a in anomalies:
        if a not in seen:
            t.skip("drop_anomalies=%s drops packets carrying it" % a,
                   "no vector carries %s" % a)
            continue

        def carries(v, r=a):
            return r in v.anomalies
        write_ok(t, "drop_anomalies", a)
        report(t, "drop_anomalies=%s: the %d vectors with it are judged "
               "with it dropping" % (a, len(items(d0, carries))),
               mismatches(bed, stats, names, items(d0 | {a}, carries),
                          "block"))
    if len(seen) >= 2:
        pair = seen[:2]

        def carries_any(v):
            return any(r in v.anomalies for r in pair)
        write_ok(t, "drop_anomalies", ",".join(reversed(pair)))
        report(t, "drop_anomalies=%s drops both" % ",".join(reversed(pair)),
               mismatches(bed, stats, names,
                          items(d0 | set(pair), carries_any), "block"))
    write_ok(t, "drop_anomalies", "none")
    report(t, "drop_anomalies=none: anomalies pass again",
           mismatches(bed, stats, names,
                      items(d0, lambda v: bool(set(v.anomalies) &
                                               set(seen))), "block"))

    # --- max_query_sources -------------------------------------------------------
    def query_case(n, limit):
        drops = n > limit
        v = igg.Vector.from_ip("gss-%d" % n, gss_query(n),
                               "drop" if drops else "pass",
                               "v3_query_sources" if drops else "none")
        return (v, True, igg.Outcome(v.drops, v.reason, v.anomalies))

    for limit, sizes in ((64, (64, 65)), (10, (10, 11)), (0, (0, 1)),
                         (65535, (366,))):
        write_ok(t, "max_query_sources", str(limit))
        report(t, "max_query_sources=%d: queries with %s sources are "
               "judged against it" % (limit, " and ".join(map(str, sizes))),
               mismatches(bed, stats, names,
                          [query_case(n, limit) for n in sizes], "block"))
    write_ok(t, "max_query_sources", "64")

    # --- log ---------------------------------------------------------------------
    # The dut is not the initial namespace: its lines need log_all_netns
    # (logging.py checks the switch; its few lines stay within the burst).
    write_ok(t, "log_all_netns", "Y")
    check_log(t, bed, vecs, stock)
    write_ok(t, "log_all_netns", "N")

    stats.close()
    bed.close()
    igg.unload()
    return t.finish()


def check_log(t, bed, vecs, stock):
    """One line per drop/monitored drop/anomaly; log=N quiets anomalies."""
    drop = next(v for v, s in zip(vecs, stock)
                if v.drops and v.reaches_hook and s)
    anom = next(v for v, s in zip(vecs, stock)
                if not v.drops and v.anomalies and v.reaches_hook and s)
    clean = next(v for v, s in zip(vecs, stock)
                 if not v.drops and not v.anomalies and v.validated and s)
    k = igg.Kmsg()

    def logged(v):
        k.lines()
        bed.send_vectors([v])
        return [ln for ln in k.lines() if ln.startswith("igmpguard:")]

    inode = os.stat("/run/netns/" + bed.dut.name).st_ino

    def line(what, reason, v, mode):
        src = igg.socket.inet_ntoa(v.ip[12:16])
        return "igmpguard: %s %s %s -> %s dev dut0 netns %d mode %s" % (
            what, reason, src, v.dst, inode, mode)

    t.result(igg.param("log") == "Y", "log defaults to Y",
             ["log reads %r" % igg.param("log")])
    for mode, what in (("block", "dropped"), ("monitor", "monitor")):
        write_ok(t, "mode", mode)
        want = [line(what, drop.reason, drop, mode)]
        got = logged(drop)
        t.result(got == want, "log in %s mode: one line for %s" %
                 (mode, drop.id), ["got  %r" % got, "want %r" % want])
    write_ok(t, "mode", "block")
    want = [line("anomaly", anom.anomalies[0], anom, "block")]
    got = logged(anom)
    t.result(got == want, "log: one anomaly line naming the first anomaly "
             "of %s" % anom.id, ["got  %r" % got, "want %r" % want])
    got = logged(clean)
    t.result(not got, "log: nothing for a clean packet (%s)" % clean.id,
             ["got %r" % got])
    write_ok(t, "log", "N")
    want = [line("dropped", drop.reason, drop, "block")]
    got = logged(drop)
    t.result(got == want, "log=N: drops are still logged",
             ["got  %r" % got, "want %r" % want])
    got = logged(anom)
    t.result(not got, "log=N: no line for anomalies", ["got %r" % got])
    write_ok(t, "log", "Y")
    bad = [ln for ln in k.lines() if re.search(r"igmpguard.*(WARN|BUG)", ln)]
    t.result(not bad, "no warnings from igmpguard in the kernel log", bad)
    k.close()


if __name__ == "__main__":
    igg.main_guard(run)
