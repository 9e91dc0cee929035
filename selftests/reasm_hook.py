#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The local in hook is there only while fragments of IGMP can pass.

The prerouting hook drops every fragment of IGMP in block mode with
drop_fragments=Y (the default), so no datagram is reassembled behind it
and the local in hook, which validates reassembled IGMP, has nothing to
do: it must not be registered. It must be, in every namespace and in those
made later, as soon as fragments can pass (drop_fragments=N, mode=monitor),
and never while enabled=0.

Whether a hook is registered is seen two ways, each where the kernel
has it, and the program skips only on a kernel with neither: with the
function tracer, a datagram delivered in a namespace runs
igg_hook_reassembled() there if and only if the local in hook is
registered in it (igg_hook() likewise for prerouting, as a check that the
tracer sees anything); and nft list hooks (nfnetlink_hook) names the
functions registered in a namespace. Where both work they must agree.

Switching to a setting that needs the hook no more must not let a
reassembled datagram through unchecked: fragments that passed before the
switch wait in the reassembly queue, and the fragment that would complete
them is judged under the new setting.
"""

import contextlib
import os
import re
import socket
import struct

import igg

G = "239.1.2.3"
REASM = "igg_hook_reassembled"
PRE = "igg_hook"
TRACEFS = ("/sys/kernel/tracing", "/sys/kernel/debug/tracing")


class Tracer:
    """The function tracer, filtered on the two hook functions."""

    def __init__(self):
        self.dir = next((d for d in TRACEFS
                         if os.path.exists(d + "/current_tracer")), None)
        if self.dir is None and os.path.isdir(TRACEFS[0]):
            igg.run("mount", "-t", "tracefs", "nodev", TRACEFS[0],
                    check=False)
            if os.path.exists(TRACEFS[0] + "/current_tracer"):
                self.dir = TRACEFS[0]

    def write(self, name, value):
        with open(os.path.join(self.dir, name), "w") as f:
            f.write(value)

    def arm(self):
        """Trace the module's hook functions; again after every load, as
        the filter forgets an unloaded module's functions."""
        self.write("current_tracer", "nop")
        self.write("set_ftrace_filter", "%s %s\n" % (PRE, REASM))
        self.write("current_tracer", "function")
        self.write("tracing_on", "1")

    def calls(self, ns):
        """{function: calls} while one UDP datagram is delivered over lo in
        namespace @ns."""
        self.write("trace", "")
        with ns.enter():
            rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        with rx, tx:
            rx.bind(("127.0.0.1", 0))
            rx.settimeout(10)
            tx.sendto(b"x", rx.getsockname())
            rx.recv(16)
        with open(os.path.join(self.dir, "trace")) as f:
            text = f.read()
        return {fn: len(re.findall(r":\s+%s(?:\s+\[\w+\])?\s+<-" % fn, text))
                for fn in (PRE, REASM)}

    def close(self):
        if self.dir:
            self.write("current_tracer", "nop")
            self.write("set_ftrace_filter", "\n")


def nft_hooks(ns):
    """The hook functions nft lists for IPv4 input and prerouting in @ns,
    or None when this kernel cannot list hooks."""
    return igg.nft_hooks(ns, "ip", (PRE, REASM))


class InitNs:
    """The initial namespace, where this program runs, as a Netns."""

    name = "init"

    def __init__(self):
        igg.run("ip", "link", "set", "lo", "up")

    @staticmethod
    def enter():
        return contextlib.nullcontext()

    @staticmethod
    def exec(*cmd):
        return igg.run(*cmd)


def check(t, tr, desc, nss, pre, reasm):
    """One result: in each namespace of @nss the hooks are as said."""
    problems = []
    for ns in nss:
        if tr:
            got = tr.calls(ns)
            if bool(got[PRE]) != pre or bool(got[REASM]) != reasm:
                problems.append("%s: calls %s, want %s %s, %s %s" % (
                    ns.name, got, PRE, "called" if pre else "not called",
                    REASM, "called" if reasm else "not called"))
        listed = nft_hooks(ns)
        if listed is None:
            continue
        want = {("prerouting", PRE)} if pre else set()
        if reasm:
            want.add(("input", REASM))
        if listed != want:
            problems.append("%s: nft list hooks shows %s, want %s" %
                            (ns.name, sorted(listed), sorted(want)))
    return t.result(not problems, desc, problems)


def bad_query():
    """A v3 query with a bad IGMP checksum, in 3 fragments."""
    srcs = b"".join(struct.pack("!BBBB", 10, 0, 0, i + 1) for i in range(60))
    msg = igg.with_csum(b"\x11\x64\0\0" + igg.aton(G) + b"\x02\x7d" +
                        struct.pack("!H", 60) + srcs)
    msg = msg[:2] + bytes([msg[2] ^ 1]) + msg[3:]
    pkt = igg.ipv4(igg.PEER_ADDR, G, 2, msg, ttl=1, tos=0xc0,
                   opts=b"\x94\x04\x00\x00")
    return igg.fragments(pkt, 96)


def switch_midway(bed, stats, before, after):
    """Send two of three fragments under the settings @before, switch to
    @after, send the third. Returns (delivered, counter deltas)."""
    for k, v in before.items():
        igg.set_param(k, v)
    ident = bed.new_id()
    frags = [igg.set_ident(f, ident) for f in bad_query()]
    start = stats.read()
    bed.drain()
    for f in frags[:2]:
        bed._tx(bed.frame(f))
    bed.sync()
    for k, v in after.items():
        igg.set_param(k, v)
    bed._tx(bed.frame(frags[2]))
    bed.sync()
    delivered = any(p == 2 and struct.unpack("!H", b[4:6])[0] == ident
                    for p, b in bed.drain())
    return delivered, igg.delta(start, stats.read())


def run(t):
    igg.preflight(t)
    tr, why = Tracer(), "no tracefs"
    igg.load()
    if tr.dir is not None:
        try:
            tr.arm()
            why = None
        except OSError as e:
            why = "the function tracer cannot trace %s: %s" % (REASM, e)
    if why:
        if nft_hooks(InitNs()) is None:
            t.skip_all("%s, and nft cannot list hooks here" % why)
        t.diag("%s: nft list hooks alone tells" % why)
        tr = None
    try:
        return checks(t, tr)
    finally:
        if tr:
            tr.close()


def checks(t, tr):
    a = igg.Netns("a")
    init = InitNs()
    t.diag("nft list hooks: %s" % ("cannot list hooks on this kernel"
                                   if nft_hooks(init) is None else
                                   "checked too"))

    check(t, tr, "default (block, drop_fragments=Y): prerouting hooked, "
          "local in not, in the initial namespace and another", [init, a],
          True, False)
    igg.set_param("drop_fragments", "N")
    b = igg.Netns("b")
    check(t, tr, "drop_fragments=N: local in hooked in every namespace, "
          "and in one made after", [init, a, b], True, True)
    igg.set_param("drop_fragments", "Y")
    check(t, tr, "drop_fragments=Y again: local in unhooked everywhere",
          [init, a, b], True, False)
    igg.set_param("mode", "monitor")
    check(t, tr, "mode=monitor: local in hooked", [a, b], True, True)
    igg.set_param("mode", "block")
    check(t, tr, "mode=block again: local in unhooked", [a, b], True, False)
    igg.set_param("drop_fragments", "N")
    igg.set_param("enabled", "0")
    check(t, tr, "enabled=0 with drop_fragments=N: nothing hooked", [a, b],
          False, False)
    c = igg.Netns("c")
    igg.set_param("enabled", "1")
    check(t, tr, "enabled=1 with drop_fragments=N: both hooked, in a "
          "namespace made while disabled too", [a, c], True, True)
    igg.set_param("drop_fragments", "Y")
    for args in ({"drop_fragments": "0"}, {"mode": "monitor"}):
        igg.load(**args)
        if tr:
            tr.arm()
        check(t, tr, "loaded with %s: local in hooked" %
              " ".join("%s=%s" % kv for kv in args.items()), [init, a],
              True, True)
    igg.unload()

    # Fragments that passed before a switch, completed after it.
    bed = igg.Bed(protos=(2,), groups=[G])
    igg.load()
    stats = igg.Stats(bed.dut)
    got, d = switch_midway(bed, stats, {"mode": "monitor"},
                           {"mode": "block"})
    ok = (not got and d["igmp_fragment"] == 3 and d["packets_dropped"] == 1
          and d["packets_monitored"] == 2 and d["igmp_checksum"] == 0)
    t.result(ok, "monitor -> block between fragments: the last one is "
             "dropped, the datagram never completes",
             ["delivered %s, delta %s" % (got, {k: v for k, v in d.items()
                                                if v})])
    got, d = switch_midway(bed, stats,
                           {"mode": "monitor", "drop_fragments": "N"},
                           {"mode": "block"})
    ok = (not got and d["igmp_fragment"] == 3 and d["igmp_checksum"] == 1
          and d["packets_dropped"] == 1)
    t.result(ok, "monitor -> block with drop_fragments=N between fragments: "
             "the reassembled datagram is validated and dropped",
             ["delivered %s, delta %s" % (got, {k: v for k, v in d.items()
                                                if v})])
    stats.close()
    bed.close()
    igg.unload()
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
