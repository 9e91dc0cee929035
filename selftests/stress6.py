#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""stress.py with IPv6 traffic: load, unload, reconfigure and churn
namespaces while IPv6 and IPv4 frames fly.

  flood thread --AF_PACKET--> peer0 ==veth==> dut0   (igg-dut-*, IPv6 on)
               \\--AF_PACKET--> sN   ==veth==> dN     (igg-churn-*, made
                                                      and deleted below)

The flood is every frame of mld_cases.py (MLD of every kind, bad and
good extension-header chains, fragments, 1500-byte queries) with
stress.py's IPv4 frames between them, so both families' hooks run at
once. Meanwhile the main thread:

  1. loads and unloads the module LOADS times, flipping mode, enabled,
     drop_fragments (which registers and unregisters the local in hooks)
     and ipv6 (the IPv6 hooks themselves) while it is loaded; every load
     must count the IPv6 flood, the reference count must be 0 and every
     unload must succeed;
  2. with the module loaded, makes and deletes NETNS namespaces that the
     flood is aimed at; each must count IPv6, none may keep the module
     busy.

The guest runs with panic_on_warn=1 and slub_debug; the kernel log is
checked here as well.
"""

import os

import igg
import igg6
import stress

LOAD_CYCLES = int(os.environ.get("IGG_STRESS_LOADS", 30))
NETNS_CYCLES = int(os.environ.get("IGG_STRESS_NETNS", 15))
# Each miss waits 20 s: a module that never counts IPv6 fails in a
# minute, not at the runner's time limit.
MAX_MISSES = 3


def frames(dst_mac, src_mac, v6, v4):
    """IPv6 frames with an IPv4 one after every other."""
    out = []
    for i, p in enumerate(v6):
        out.append(igg6.eth_frame(p, dst_mac, src_mac))
        if i % 2 and v4:
            out.append(igg.eth_frame(v4[(i // 2) % len(v4)], dst_mac,
                                     src_mac))
    return out


def run(t):
    igg6.preflight6(t)
    if os.uname().machine != "x86_64":
        t.skip_all("finit_module numbers are for x86_64")
    ko = igg.module_path()
    if not ko:
        t.skip_all("needs a module file (IGG_KO)")
    import mld_cases
    v6 = [f for c in mld_cases.cases() for f in c.frames]
    v4 = stress.crafted()

    igg.unload()
    bed = igg6.Bed6(protos=(58,), groups=mld_cases.GROUPS)
    flood = stress.Flood()
    flood.targets = [(bed.tx, frames(bed.dut_mac, bed.peer_mac, v6, v4))]
    kmsg = igg.Kmsg()
    flood.start()

    # --- 1: load/unload -----------------------------------------------------
    problems, counted = [], 0
    flips = (("mode", ("monitor", "block")), ("enabled", ("0", "1")),
             ("drop_fragments", ("N", "Y")), ("ipv6", ("N", "Y")))
    for i in range(LOAD_CYCLES):
        try:
            stress.fast_load(ko)
        except OSError as e:
            problems.append("cycle %d: %s" % (i, e))
            break
        if stress.seen_in(bed.dut, key="ipv6_packets_seen"):
            counted += 1
        elif i + 1 - counted >= MAX_MISSES:
            problems.append("cycle %d: IPv6 not counted %d times, given up"
                            % (i, MAX_MISSES))
            stress.fast_unload()
            break
        # Reconfigure while packets fly: one knob flipped and back, one
        # left flipped for the unload.
        name, (flip, back) = flips[i % len(flips)]
        for value in (flip, back, flip)[:2 + i % 2]:
            err = igg.set_param(name, value)
            if err:
                problems.append("cycle %d: %s=%s: errno %d" %
                                (i, name, value, err))
        ref = igg.refcount()
        if ref:
            problems.append("cycle %d: refcnt %d before unload" % (i, ref))
        try:
            stress.fast_unload()
        except OSError as e:
            problems.append("cycle %d: %s" % (i, e))
            break
    t.result(not problems, "%d load/unload cycles under an IPv6 and IPv4 "
             "flood, flipping mode, enabled, drop_fragments and ipv6: "
             "refcount 0 and unload succeeding every time" % LOAD_CYCLES,
             problems[:40])
    t.result(counted == LOAD_CYCLES, "every load counted the IPv6 flood in "
             "the protected namespace", ["%d of %d" % (counted, LOAD_CYCLES)])

    # --- 2: namespaces come and go ---------------------------------------------
    igg.load()
    stress.churn(t, bed, flood, NETNS_CYCLES,
                 lambda dst, src: frames(dst, src, v6[:24], v4[:4]), "IPv6",
                 key="ipv6_packets_seen", max_misses=MAX_MISSES)
    stress.finish(t, flood, kmsg)
    kmsg.close()
    bed.close()
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
