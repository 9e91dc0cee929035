#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The kernel log and unprivileged network namespaces.

Any user can make a user and network namespace (unshare -Urn), bring lo up
and send what they like to themselves over a raw socket. The module must
still count all of it there, but the host's log is the admin's:

  default           a malformed query sent by nobody inside its own user
                    and network namespace is dropped and counted there;
                    the kernel log gets no igmpguard line
  log_all_netns=Y   one line per drop, naming the namespace by its inode
                    number (as readlink /proc/PID/ns/net shows it) and the
                    input device
  a flood           counted packet by packet, logged at most IGG_BURST
                    lines per IGG_INTERVAL seconds (log.c): the namespace's
                    own budget
  initial namespace its drops are logged whatever log_all_netns says
  IPv6              the same for an MLD query from nobody's namespace:
                    counted there, logged with its IPv6 addresses only
                    under log_all_netns=Y

The sender is this program run as "sender" by nobody under unshare -Urn;
it answers one line per command on stdout.
"""

import json
import os
import re
import socket
import subprocess
import sys
import struct
import time

import igg

# log.c's budget per namespace: lines per interval.
IGG_BURST = 10
IGG_INTERVAL = 5.0

SRC = "10.9.8.7"            # anything the sender likes
DST = "127.0.0.1"
SRC6 = "fe80::1"
DST6 = "::1"
FLOOD = 200


def bad_query():
    """A v3 query to @DST claiming 5 sources and carrying 2."""
    msg = igg.with_csum(b"\x11\x64\0\0" + igg.aton("239.1.2.3") +
                        b"\x02\x7d\x00\x05" + igg.aton("10.0.0.1") +
                        igg.aton("10.0.0.2"))
    return igg.ipv4(SRC, DST, 2, msg, ttl=1, tos=0xc0,
                    opts=b"\x94\x04\x00\x00")


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def bad_mld_query():
    """An MLDv2 query to @DST6 claiming 5 sources and carrying 1, behind
    Linux's own Hop-by-Hop router alert."""
    src = socket.inet_pton(socket.AF_INET6, SRC6)
    dst = socket.inet_pton(socket.AF_INET6, DST6)
    msg = (b"\x82\0\0\0\x27\x10\0\0" +
           socket.inet_pton(socket.AF_INET6, "ff02::1:ff00:1") +
           b"\x02\x7d\x00\x05" + socket.inet_pton(socket.AF_INET6,
                                                   "2001:db8::1"))
    pseudo = src + dst + struct.pack("!I3xB", len(msg), 58)
    msg = msg[:2] + struct.pack("!H", csum(pseudo + msg)) + msg[4:]
    hbh = b"\x3a\x00\x05\x02\x00\x00\x01\x00"
    return (struct.pack("!IHBB", 0x60000000, len(hbh) + len(msg), 0, 1) +
            src + dst + hbh + msg)


def sender():
    """Inside the unprivileged namespaces: "send N" sends N bad queries,
    "send6 N" N bad MLD queries, and each answers with the namespace's
    counters once they count all N."""
    lo_up()
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    sock6 = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                          socket.IPPROTO_RAW)
    stats = igg.Stats(None)
    print("ready %d" % os.stat("/proc/self/ns/net").st_ino, flush=True)
    pkt, pkt6 = bad_query(), bad_mld_query()
    for line in sys.stdin:
        cmd, n = line.split()
        n = int(n)
        want = stats.read()["packets_dropped"] + n
        for _ in range(n):
            if cmd == "send6":
                sock6.sendto(pkt6, (DST6, 0))
            else:
                sock.sendto(pkt, (DST, 0))
        deadline = time.monotonic() + 10
        while (stats.read()["packets_dropped"] < want and
               time.monotonic() < deadline):
            time.sleep(0.05)
        print(json.dumps(stats.read()), flush=True)


def lo_up():
    igg.run("ip", "link", "set", "lo", "up")


class Sender:
    """The sender process, nobody's, in a user and network namespace of
    its own."""

    def __init__(self):
        self.p = subprocess.Popen(
            ["setpriv", "--reuid", "65534", "--regid", "65534",
             "--clear-groups", "--", "unshare", "-Urn", "--",
             "/usr/bin/python3", os.path.abspath(__file__), "sender"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        word, _, inode = self.p.stdout.readline().partition(" ")
        if word != "ready":
            raise RuntimeError("the sender did not start")
        self.inode = int(inode)
        # setpriv and unshare exec: the pid is the sender's.
        link = os.readlink("/proc/%d/ns/net" % self.p.pid)
        self.link_inode = int(re.fullmatch(r"net:\[(\d+)\]", link).group(1))

    def send(self, n, cmd="send"):
        """Counters of its namespace after @n more bad queries (MLD
        queries with @cmd "send6")."""
        self.p.stdin.write("%s %d\n" % (cmd, n))
        self.p.stdin.flush()
        return json.loads(self.p.stdout.readline())

    def close(self):
        self.p.stdin.close()
        self.p.wait()


def igg_lines(k):
    return [ln for ln in k.lines() if ln.startswith("igmpguard:")]


def line(what, dev, inode):
    return ("igmpguard: %s v3_query_overrun %s -> %s dev %s netns %d "
            "mode block" % (what, SRC, DST, dev, inode))


def line6(what, dev, inode):
    return ("igmpguard: %s mld_query_overrun %s -> %s dev %s netns %d "
            "mode block" % (what, SRC6, DST6, dev, inode))


def counted(before, after, n, reason="v3_query_overrun"):
    """What is wrong with the counters after @n bad queries, if anything."""
    want = {"packets_dropped": n, reason: n}
    got = {k: after[k] - before[k] for k in want}
    return [] if got == want else ["counters moved %s, want %s" % (got, want)]


def init_drop(stats):
    """One bad query over lo in the initial namespace, from root's own raw
    socket; returns the counters before and after it was dropped."""
    before = stats.read()
    with socket.socket(socket.AF_INET, socket.SOCK_RAW,
                       socket.IPPROTO_RAW) as sock:
        sock.sendto(bad_query(), (DST, 0))
    deadline = time.monotonic() + 10
    while (stats.read()["packets_dropped"] == before["packets_dropped"] and
           time.monotonic() < deadline):
        time.sleep(0.05)
    return before, stats.read()


def run(t):
    igg.preflight(t)
    for tool in ("setpriv", "unshare"):
        if subprocess.run(["sh", "-c", "command -v " + tool],
                          stdout=subprocess.DEVNULL).returncode:
            t.skip_all("%s not installed" % tool)
    if subprocess.run(["setpriv", "--reuid", "65534", "--regid", "65534",
                       "--clear-groups", "--", "unshare", "-Urn", "true"],
                      stderr=subprocess.DEVNULL).returncode:
        t.skip_all("unprivileged user namespaces are off")
    igg.load()
    k = igg.Kmsg()
    s = Sender()
    lo_up()
    stats = igg.Stats(None)
    init_inode = os.stat("/proc/1/ns/net").st_ino

    t.result(s.inode == s.link_inode, "the sender's namespace is inode %d "
             "from inside and from /proc/PID/ns/net" % s.inode,
             ["inside %d, readlink %d" % (s.inode, s.link_inode)])

    before = s.send(0)
    after = s.send(5)
    got = igg_lines(k)
    t.result(not counted(before, after, 5) and not got,
             "default: 5 bad queries from nobody's namespace are dropped and "
             "counted there, and not logged",
             counted(before, after, 5) + ["logged %r" % got])
    try:
        default = igg.param("log_all_netns")
    except OSError as e:
        default = str(e)
    t.result(default == "N", "log_all_netns defaults to N",
             ["reads %r" % default])

    igg.set_param("log_all_netns", "Y")
    before, after = after, s.send(1)
    got = igg_lines(k)
    want = [line("dropped", "lo", s.inode)]
    t.result(not counted(before, after, 1) and got == want,
             "log_all_netns=Y: one line naming the namespace and dev lo",
             counted(before, after, 1) + ["got  %r" % got, "want %r" % want])

    start = time.monotonic()
    before, after = after, s.send(FLOOD)
    took = time.monotonic() - start
    got = igg_lines(k)
    # The burst per interval, the flood straddling at most this many.
    windows = int(took // IGG_INTERVAL) + 2
    ok = all(ln == want[0] for ln in got) and len(got) <= IGG_BURST * windows
    t.result(not counted(before, after, FLOOD) and ok and got,
             "log_all_netns=Y: %d bad queries are all counted, and logged "
             "at most %d lines per %gs (%d lines in %.1fs)" %
             (FLOOD, IGG_BURST, IGG_INTERVAL, len(got), took),
             counted(before, after, FLOOD) +
             ["%d lines, at most %d allowed" % (len(got), IGG_BURST * windows)]
             + got[:3])

    # Right after the flood, in the interval it spent nobody's budget in:
    # net_ratelimit(), which all of networking shares, would be spent too.
    before, after_init = init_drop(stats)
    got = igg_lines(k)
    want_init = [line("dropped", "lo", init_inode)]
    t.result(not counted(before, after_init, 1) and got == want_init,
             "right after the flood, a drop in the initial namespace is "
             "still logged: the flood spent its own namespace's budget only",
             counted(before, after_init, 1) +
             ["got  %r" % got, "want %r" % want_init])

    igg.set_param("log_all_netns", "N")
    before, after = after, s.send(3)
    got = igg_lines(k)
    t.result(not counted(before, after, 3) and not got,
             "log_all_netns=N again: counted, not logged",
             counted(before, after, 3) + ["logged %r" % got])

    # IPv6: the same rules for an MLD query from nobody's namespace.
    before, after = after, s.send(2, "send6")
    got = igg_lines(k)
    miss = counted(before, after, 2, "mld_query_overrun")
    t.result(not miss and not got,
             "IPv6: 2 bad MLD queries from nobody's namespace are dropped "
             "and counted there, and not logged", miss + ["logged %r" % got])
    igg.set_param("log_all_netns", "Y")
    # The flood spent the namespace's budget (both families share it).
    time.sleep(IGG_INTERVAL + 0.5)
    before, after = after, s.send(1, "send6")
    got = igg_lines(k)
    want6 = [line6("dropped", "lo", s.inode)]
    miss = counted(before, after, 1, "mld_query_overrun")
    t.result(not miss and got == want6,
             "IPv6, log_all_netns=Y: one line with the IPv6 addresses",
             miss + ["got  %r" % got, "want %r" % want6])
    igg.set_param("log_all_netns", "N")
    s.close()

    # The initial namespace logs whatever log_all_netns says.
    before, after = init_drop(stats)
    got = igg_lines(k)
    t.result(not counted(before, after, 1) and got == want_init,
             "log_all_netns=N: a drop in the initial namespace is logged, "
             "naming it and dev lo",
             counted(before, after, 1) +
             ["got  %r" % got, "want %r" % want_init])
    stats.close()
    k.close()
    igg.unload()
    return t.finish()


if __name__ == "__main__":
    if sys.argv[1:] == ["sender"]:
        sender()
    else:
        igg.main_guard(run)
