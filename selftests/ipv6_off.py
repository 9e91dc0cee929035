#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""On a kernel booted with ipv6.disable=1, igmpguard guards IPv4 alone.

Needs a guest booted so: make vmtest runs it in one of its own
(scripts/vm/vmtest.sh --append ipv6.disable=1 --tests ipv6_off); in any
other guest it skips.

  load          the module loads and says once that IPv6 is off
  hooks         nft list hooks shows the IPv4 hooks and no IPv6 one, in the
                initial namespace and a new one, also once the settings
                ask for the IPv6 local in hook or ipv6 is written again
  IPv4          a bad IGMP report from a peer namespace is dropped and
                counted on the totals and the IPv4 lines; the IPv6 lines
                stay zero
"""

import os

import igg

G = "239.1.2.3"
OFF_LINE = "igmpguard: IPv6 is disabled in this kernel (ipv6.disable=1): " \
           "guarding IPv4 only"
HOOKS4 = ("igg_hook", "igg_hook_reassembled")
HOOKS6 = ("igg_hook6", "igg_hook6_reassembled")


class InitNs:
    """The initial namespace, for igg.nft_hooks()."""

    name = "init"

    @staticmethod
    def exec(*cmd):
        return igg.run(*cmd)


def bad_report():
    msg = b"\x16\0\xde\xad" + igg.aton(G)
    return igg.ipv4(igg.PEER_ADDR, G, 2, msg, ttl=1, tos=0xc0,
                    opts=b"\x94\x04\x00\x00")


def hooks(t, nss, desc, want4):
    problems = []
    for ns in nss:
        got4 = igg.nft_hooks(ns, "ip", HOOKS4)
        got6 = igg.nft_hooks(ns, "ip6", HOOKS6)
        if got4 is None or got6 is None:
            t.skip(desc, "nft cannot list hooks on this kernel")
            return
        if got4 != want4 or got6:
            problems.append("%s: ip %s (want %s), ip6 %s (want none)" %
                            (ns.name, sorted(got4), sorted(want4),
                             sorted(got6)))
    t.result(not problems, desc, problems)


def run(t):
    with open("/proc/cmdline") as f:
        if "ipv6.disable=1" not in f.read().split():
            t.skip_all("the guest was not booted with ipv6.disable=1")
    igg.preflight(t)
    t.result(not os.path.isdir("/proc/sys/net/ipv6"),
             "the kernel has IPv6 off (no /proc/sys/net/ipv6)")

    kmsg = igg.Kmsg()
    igg.load()
    said = [ln for ln in kmsg.lines() if "igmpguard:" in ln]
    t.result(said.count(OFF_LINE) == 1,
             "loading says once that IPv6 is off", ["log: %s" % said])
    t.result(igg.param("ipv6") == "Y",
             "ipv6 keeps its setting (Y), which registers nothing")

    pre = {("prerouting", "igg_hook")}
    init = InitNs()
    bed = igg.Bed(protos=(2,), groups=[G])
    hooks(t, [init, bed.dut], "IPv4 prerouting hooked, no IPv6 hook",
          pre)
    igg.set_param("drop_fragments", "N")
    errs = [igg.set_param("ipv6", v) for v in ("N", "Y")]
    hooks(t, [init, bed.dut], "drop_fragments=N, ipv6=N then Y: IPv4 local "
          "in too, still no IPv6 hook", pre | {("input",
                                               "igg_hook_reassembled")})
    t.result(errs == [0, 0], "ipv6 takes N and Y", ["errors %s" % errs])
    igg.set_param("drop_fragments", "Y")

    stats = igg.Stats(bed.dut)
    before = stats.read()
    got = bed.exchange([bad_report()])
    d = igg.delta(before, stats.read())
    moved6 = {k: v for k, v in d.items() if v and k.startswith("ipv6_")}
    t.result(got == [False] and d["packets_dropped"] == 1 and
             d["ipv4_packets_dropped"] == 1 and d["igmp_checksum"] == 1 and
             not moved6,
             "a bad IGMP report is dropped and counted on the IPv4 lines; "
             "the IPv6 lines stay zero",
             ["delivered %s, moved %s" % (got, {k: v for k, v in d.items()
                                               if v})])
    stats.close()
    bed.close()
    kmsg.close()
    igg.unload()
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
