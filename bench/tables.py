# SPDX-License-Identifier: GPL-2.0
"""Tables and JSON for bench/run.sh.

  tables.py scale VALIDATOR_OUTPUT JSON_OUT
  tables.py path  GUEST_RESULT_FILE JSON_OUT HOST_LINE

The figures are reported, never judged by an exit status: the target
lines say "met" or "not met" and the exit code is 0 whenever the input
held figures.
"""

import json
import statistics
import sys

SOURCES = [("v3q-0", 0), ("v3q-16", 16), ("v3q-64", 64), ("v3q-256", 256),
           ("v3q-366", 366)]
RECORDS = [("v3r-1", 1), ("v3r-8", 8), ("v3r-64", 64)]


def scale(src, dst):
    rows = {}
    with open(src) as f:
        for ln in f:
            w = ln.split()
            if len(w) >= 6 and w[1].isdigit():
                rows[w[0]] = {"bytes": int(w[1]), "verdict": w[2],
                              "reason": w[3], "ns": float(w[4]),
                              "instr": int(w[5])}
    out = {}
    for title, series, unit in (("sources", SOURCES, "source"),
                                ("group records (2 sources each)", RECORDS,
                                 "record")):
        print("%-8s %6s %6s %9s %8s %14s %7s" % (
            unit + "s", "bytes", "verd", "instr", "ns", "instr/extra-" +
            unit, "instr/B"))
        prev = None
        table = []
        for cls, n in series:
            r = rows.get(cls)
            if r is None:
                print("%-8d (class %s missing)" % (n, cls))
                continue
            step = ""
            if prev is not None and n > prev[0]:
                step = "%.1f" % ((r["instr"] - prev[1]) / (n - prev[0]))
            print("%-8d %6d %6s %9d %8.1f %14s %7.2f" % (
                n, r["bytes"], r["verdict"], r["instr"], r["ns"], step,
                r["instr"] / r["bytes"]))
            table.append(dict(r, n=n, cls=cls))
            prev = (n, r["instr"])
        out[unit] = table
        # Linear in the message length: a straight line through the
        # points leaves small residuals.
        if len(table) >= 3:
            xs = [t["bytes"] for t in table]
            ys = [t["instr"] for t in table]
            slope = statistics.linear_regression(xs, ys).slope
            icpt = statistics.linear_regression(xs, ys).intercept
            worst = max(abs(y - (icpt + slope * x)) / y
                        for x, y in zip(xs, ys))
            print("# fit: instr = %.0f + %.2f x bytes; worst point off by "
                  "%.1f%%" % (icpt, slope, 100 * worst))
            out[unit + "_fit"] = {"intercept": icpt, "per_byte": slope,
                                  "worst_relative_residual": worst}
        print()
    with open(dst, "w") as f:
        json.dump({"validator": rows, "scaling": out}, f, indent=1)
    return 0


def spread(xs):
    return "%.0f-%.0f" % (min(xs), max(xs))


def path(src, dst, host):
    meta, runs = {}, []
    with open(src, errors="replace") as f:
        for ln in f:
            if ln.startswith("IGG-BENCH meta "):
                meta = json.loads(ln[len("IGG-BENCH meta "):])
            elif ln.startswith("IGG-BENCH run "):
                runs.append(json.loads(ln[len("IGG-BENCH run "):]))
    good = [r for r in runs if "error" not in r]
    for r in runs:
        if "error" in r:
            print("# run failed: %s/%s round %s: %s" % (
                r["config"], r["mix"], r["round"], r["error"]))
    configs, mixes = meta["configs"], meta["mixes"]
    print("guest: kernel %s, %d vCPUs (%s), %s rounds x %ss per run, "
          "configurations interleaved" % (meta["kernel"], meta["ncpu"],
                                          meta["cpu"], meta["rounds"],
                                          meta["seconds"]))
    print(host)
    print("kpps = packets through the receive path per second (sent minus "
          "backlog drops), median [min-max] over rounds;")
    print("ratio = median / baseline median; deliv = share delivered "
          "(Ip or Ip6 InDelivers; br-: share the bridge forwarded);")
    print("ns/pkt = CPU 0 busy time / packet")
    print("%-17s %-9s %8s %11s %6s %6s %8s %5s" % (
        "mix", "config", "kpps", "spread", "ratio", "deliv", "ns/pkt",
        "sirq"))
    summary = {}
    for mix in mixes:
        base = None
        for config in configs:
            rs = [r for r in good if r["mix"] == mix and
                  r["config"] == config]
            if not rs:
                continue
            kpps = [(r["sent"] - r["backlog_drops"]) / r["seconds"] / 1e3
                    for r in rs]
            proc = [max(r["sent"] - r["backlog_drops"], 1) for r in rs]
            deliv = sum(r["delivered"] for r in rs) / sum(proc)
            ns = [r["cpu0_busy_s"] * 1e9 / p for r, p in zip(rs, proc)]
            sirq = sum(r["cpu0_softirq_s"] for r in rs) / max(
                sum(r["cpu0_busy_s"] for r in rs), 1e-9)
            med = statistics.median(kpps)
            if config == "baseline":
                base = med
            ratio = med / base if base else float("nan")
            print("%-17s %-9s %8.1f %11s %6.3f %5.0f%% %8.0f %4.0f%%" % (
                mix, config, med, spread(kpps), ratio, 100 * deliv,
                statistics.median(ns), 100 * sirq))
            summary.setdefault(mix, {})[config] = {
                "kpps_median": med, "kpps_min": min(kpps),
                "kpps_max": max(kpps), "kpps": kpps, "ratio": ratio,
                "delivered_share": deliv,
                "ns_per_pkt_median": statistics.median(ns),
                "softirq_share": sirq, "rounds": len(rs)}
        print()
    targets = judge(summary)
    for name, ok, why in targets:
        print("target %-62s %-8s %s" % (name, "met" if ok else "NOT MET",
                                         why))
    with open(dst, "w") as f:
        json.dump({"meta": meta, "host": host, "summary": summary,
                   "targets": [{"target": n, "met": ok, "figures": w}
                               for n, ok, w in targets],
                   "runs": runs}, f, indent=1)
    return 0


def judge(s):
    """The targets of docs/benchmarks.md, as figures; a line only where
    its series were measured."""
    def get(mix, config, key="kpps_median"):
        return s.get(mix, {}).get(config, {}).get(key)
    out = []
    for mix in ("udp", "udp6", "br-udp"):
        r = get(mix, "block", "ratio")
        if r is not None:
            out.append(("fast path (%s) block >= 0.98 of baseline" % mix,
                        r >= 0.98, "ratio %.4f" % r))
    inside, worst = True, []
    for mix, cs in s.items():
        if "enabled0" in cs and "baseline" in cs:
            b, e = cs["baseline"], cs["enabled0"]
            # Indistinguishable: enabled=0's median falls inside the
            # baseline's min-max, widened by 1% for the rounding of a
            # short run.
            ok = (0.99 * b["kpps_min"] <= e["kpps_median"] <=
                  1.01 * b["kpps_max"])
            inside &= ok
            worst.append("%s %.3f%s" % (mix, e["ratio"], "" if ok else "!"))
    if worst:
        out.append(("enabled=0 indistinguishable from baseline", inside,
                    "ratios " + ", ".join(worst)))
    for mix in ("v2-report", "v3-report-8", "mld2-report-8",
                "br-v3-report-8", "br-mld2-report-8"):
        b, n = get(mix, "block"), get(mix, "nft")
        if b and n:
            out.append(("valid %s: block cheaper than nftables" % mix,
                        b > n, "block %.1f vs nft %.1f kpps" % (b, n)))
    for mix in ("bad-v3-query", "bad-mld2-query", "br-bad-v3-query",
                "br-bad-mld2-query"):
        b, base = get(mix, "block"), get(mix, "baseline")
        if b and base:
            out.append(("malformed %s: block drops faster than "
                        "baseline" % mix, b > base,
                        "block %.1f vs baseline %.1f kpps" % (b, base)))
    return out


if __name__ == "__main__":
    if sys.argv[1] == "scale":
        sys.exit(scale(sys.argv[2], sys.argv[3]))
    sys.exit(path(sys.argv[2], sys.argv[3], sys.argv[4]))
