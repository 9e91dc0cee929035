#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""What igmpguard allocates for a network namespace is charged to the
memory cgroup of whoever creates the namespace.

Anyone may create network namespaces (unshare -Urn), and igmpguard gives
each its per-CPU counters. Were they not charged, a memory cgroup would not
bound how much of them one user can make the host hold.

The test creates NS_COUNT namespaces from a fresh memory cgroup twice in
one boot, once with the module unloaded and once loaded, and compares the
growth of the cgroup's memory.stat "percpu" per namespace: with the module
it must be larger by at least the counters' size times the number of
possible CPUs. The counters' size is at least 8 bytes per line of
/proc/net/igmpguard/stats.
"""

import ctypes
import os
import time

import igg

NS_COUNT = 20
CLONE_NEWNET = 0x40000000
# memcg statistics are flushed at the latest every 2 s, later under a
# slow emulator: a value is taken once it has stood still this long.
FLUSH_WAIT = 2.5
SETTLE_DEADLINE = 20


def cgroup2_root():
    """Where cgroup2 is mounted, mounting it if it is not; None if it
    cannot be."""
    with open("/proc/mounts") as f:
        for line in f:
            fields = line.split()
            if fields[2] == "cgroup2":
                return fields[1]
    path = "/sys/fs/cgroup"
    igg.run("mount", "-t", "cgroup2", "none", path, check=False)
    with open("/proc/mounts") as f:
        return path if any(line.split()[2] == "cgroup2" for line in f) \
            else None


def percpu_bytes(cg):
    with open(os.path.join(cg, "memory.stat")) as f:
        for line in f:
            name, value = line.split()
            if name == "percpu":
                return int(value)
    raise RuntimeError("memory.stat has no percpu line")


def settled(cg):
    """memory.stat's percpu of @cg once it has not moved for FLUSH_WAIT,
    or after SETTLE_DEADLINE."""
    value, since = percpu_bytes(cg), time.monotonic()
    deadline = since + SETTLE_DEADLINE
    while time.monotonic() < deadline:
        time.sleep(0.25)
        now = percpu_bytes(cg)
        if now != value:
            value, since = now, time.monotonic()
        elif time.monotonic() - since >= FLUSH_WAIT:
            break
    return value


def possible_cpus():
    """The number of CPUs in /sys/devices/system/cpu/possible."""
    with open("/sys/devices/system/cpu/possible") as f:
        n = 0
        for part in f.read().strip().split(","):
            lo, _, hi = part.partition("-")
            n += int(hi or lo) - int(lo) + 1
        return n


def per_namespace(root, tag):
    """Bytes of per-CPU memory charged per namespace created from a new
    cgroup under @root."""
    cg = os.path.join(root, "igg-%s-%d" % (tag, os.getpid()))
    os.mkdir(cg)
    libc = ctypes.CDLL(None, use_errno=True)
    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    held = []
    try:
        with open(os.path.join(cg, "cgroup.procs"), "w") as f:
            f.write(str(os.getpid()))
        before = settled(cg)
        for _ in range(NS_COUNT):
            if libc.unshare(CLONE_NEWNET):
                raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWNET)")
            held.append(os.open("/proc/self/ns/net", os.O_RDONLY))
            if libc.setns(home, CLONE_NEWNET):
                raise OSError(ctypes.get_errno(), "setns")
        after = settled(cg)
    finally:
        with open(os.path.join(root, "cgroup.procs"), "w") as f:
            f.write(str(os.getpid()))
        for fd in held:
            os.close(fd)
        os.close(home)
    # The cgroup goes once its namespaces are freed; rmdir may be early.
    try:
        os.rmdir(cg)
    except OSError:
        pass
    return (after - before) / NS_COUNT


def run(t):
    igg.preflight(t)
    root = cgroup2_root()
    if not root:
        t.skip_all("cgroup2 cannot be mounted")
    with open(os.path.join(root, "cgroup.controllers")) as f:
        if "memory" not in f.read().split():
            t.skip_all("no memory controller in cgroup2")
    with open(os.path.join(root, "cgroup.subtree_control"), "w") as f:
        f.write("+memory")

    igg.unload()
    without = per_namespace(root, "without")
    igg.load()
    with open(igg.STATS) as f:
        counters = len(f.read().splitlines())
    cpus = possible_cpus()
    at_least = counters * 8 * cpus
    with_module = per_namespace(root, "with")
    igg.unload()

    t.result(with_module - without >= at_least,
             "per-CPU counters of a new namespace are charged to its "
             "creator's memory cgroup",
             ["percpu per namespace: %.0f B without the module, %.0f B "
              "with it; want at least %d B more (%d counters x 8 B x %d "
              "CPUs)" % (without, with_module, at_least, counters, cpus)])
    t.diag("percpu per namespace: %.0f B without the module, %.0f B with "
           "it (%d possible CPUs)" % (without, with_module, cpus))
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
