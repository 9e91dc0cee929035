#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Host tests of igmpguardctl against a fake module tree.

Each test builds a directory that looks like /sys/module/igmpguard and
/proc/net/igmpguard, points the tool at it with IGMPGUARD_SYS_ROOT and
IGMPGUARD_PROC_ROOT, runs it and checks its output, its exit status and
what it wrote into the tree. Reason, knob and total names are read from
the sources, never written here.

A kernel that refuses a write is played by the filesystem: a parameter
that is a symlink to /dev/full reads as empty and fails every write with
ENOSPC; one that is a directory fails reads and writes with EISDIR.

usage: ctl-test.py [-v]     (IGMPGUARDCTL overrides build/igmpguardctl)
Output is TAP; the last line is "N passed, N failed".
"""

import json
import os
import pty
import re
import select
import shutil
import signal
import socket
import subprocess
import struct
import sys
import tempfile
import time
import traceback

from promtext import prom_check

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
CTL = os.environ.get("IGMPGUARDCTL", os.path.join(TOP, "build", "igmpguardctl"))
VERBOSE = "-v" in sys.argv[1:]
COMPLETION = os.path.join(TOP, "scripts", "igmpguardctl",
                          "igmpguardctl.bash-completion")
BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"
VERSION = open(os.path.join(TOP, "VERSION")).read().strip()


def read(path):
    with open(os.path.join(TOP, path)) as f:
        return f.read()


# --- names, from the sources ---------------------------------------------

REASONS = [(name, cls.lower()) for name, cls in re.findall(
    r'^IGG_REASON\(\w+, (\w+), (\w+),\s*"', read("include/igmpguard/reason-list.h"),
    re.M)]
CLASS = dict(REASONS)
ANOMALIES = [n for n, c in REASONS if c == "anomaly"]
KNOB_LIST = re.findall(r'^IGG_BOOL_KNOB\((\w+), (\w+), \w+, ([01]),',
                       read("include/igmpguard/knob-list.h"), re.M)
BOOL_KNOBS = [(name, "Y" if d == "1" else "N") for name, _, d in KNOB_LIST]
VALIDATOR_H = read("include/igmpguard/validator.h")


def define(name):
    return re.search(r"#define %s\s+(\d+)" % name, VALIDATOR_H).group(1)


MAX_DEFAULT = define("IGG_MAX_QUERY_SOURCES_DEFAULT")
EXT_DEFAULT, EXT_LIMIT = define("IGG_MAX_EXT_HEADERS_DEFAULT"), define("IGG_MAX_EXT_HEADERS_LIMIT")
STAT_NAMES = re.findall(r'"((?:ipv[46]_)?packets_\w+)"', read("module/stats.c"))
# The totals of every family, then those of each family: /proc's order.
TOTALS = [n for n in STAT_NAMES if n.startswith("packets_")]
FAMILIES = ("ipv4", "ipv6")
FAMILY_TOTALS = ["%s_%s" % (f, n) for f in FAMILIES for n in TOTALS]
ALL_TOTALS = TOTALS + FAMILY_TOTALS
# The bridge hook's share of the totals of every family: the next lines.
BRIDGE_PREFIX = "bridge_"
BRIDGE_TOTALS = [BRIDGE_PREFIX + n for n in TOTALS]
BRIDGE_MODES = ["off", "malformed", "policy"]
# A reason's family is its name (reason-list.h).
IPV6_PREFIXES = ("ip6_", "ext_", "mld_")
FAMILY = dict((r, "ipv6" if r.startswith(IPV6_PREFIXES) else "ipv4") for r, _ in REASONS)

# The hook switches first, as show prints them.
MAIN = ["enabled", "ipv4", "ipv6", "bridge", "mode"]
DEFAULTS = dict([("enabled", "Y"), ("ipv4", "Y"), ("ipv6", "Y"), ("bridge", "policy"),
                 ("mode", "block"),
                 ("log", "Y"), ("log_all_netns", "N")] + BOOL_KNOBS +
                [("max_query_sources", MAX_DEFAULT), ("max_ext_headers", EXT_DEFAULT),
                 ("drop_anomalies", "none")])
KNOBS = list(DEFAULTS)
# What a module from before IPv6 lacks: its switches, its knobs and counters.
NEW_KNOBS = ["ipv4", "ipv6", "bridge", "max_ext_headers"] + [
    name for name, reason4, _ in KNOB_LIST if reason4 == "IGG_R_NONE"]
OLD_KNOBS = [k for k in KNOBS if k not in NEW_KNOBS]
OLD_REASONS = [(r, c) for r, c in REASONS if FAMILY[r] == "ipv4"]
# What a module with IPv6 but from before the bridge hook lacks.
PRE_BRIDGE_KNOBS = [k for k in KNOBS if k != "bridge"]


# --- TAP ------------------------------------------------------------------

class Tap:
    def __init__(self):
        self.n = self.passed = self.failed = 0

    def ok(self, cond, desc, *diag):
        self.n += 1
        if cond:
            self.passed += 1
            print("ok %d - %s" % (self.n, desc))
        else:
            self.failed += 1
            print("not ok %d - %s" % (self.n, desc))
            for d in diag:
                for line in str(d).splitlines():
                    print("#   " + line)
        sys.stdout.flush()
        return cond

    def skip(self, desc, why):
        self.n += 1
        self.passed += 1
        print("ok %d - %s # SKIP %s" % (self.n, desc, why))

    def finish(self):
        print("1..%d" % self.n)
        print("%d passed, %d failed" % (self.passed, self.failed))
        return 1 if self.failed else 0


T = Tap()


# --- the fake tree ------------------------------------------------------------

class Tree:
    """/sys/module/igmpguard and /proc/net/igmpguard as plain files."""

    made = []

    def __init__(self, params=None, counters=None, old=False, pre_bridge=False):
        """@old: a module from before IPv6, without its parameters and counters;
        @pre_bridge: one with IPv6 but from before the bridge hook."""
        self.dir = tempfile.mkdtemp(prefix="igg-ctl-")
        Tree.made.append(self.dir)
        # Readable by the unprivileged user the permission tests run as.
        os.chmod(self.dir, 0o755)
        self.sys = os.path.join(self.dir, "sys")
        self.proc = os.path.join(self.dir, "proc")
        os.makedirs(os.path.join(self.sys, "parameters"))
        os.makedirs(self.proc)
        self.write(os.path.join(self.sys, "version"), VERSION + "\n")
        self.knobs = OLD_KNOBS if old else PRE_BRIDGE_KNOBS if pre_bridge else KNOBS
        for k in self.knobs:
            self.set_param(k, DEFAULTS[k])
        for k, v in (params or {}).items():
            self.set_param(k, v)
        self.counters = dict((n, 0) for n in (
            TOTALS + [r for r, _ in OLD_REASONS] if old else
            TOTALS + FAMILY_TOTALS + [r for r, _ in REASONS] if pre_bridge else
            TOTALS + FAMILY_TOTALS + BRIDGE_TOTALS + [r for r, _ in REASONS]))
        self.set_counters(counters or {})
        self.write(os.path.join(self.proc, "reset"), "")

    @staticmethod
    def write(path, text):
        # Atomic, so a watching tool never reads half a file.
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)

    def ppath(self, name):
        return os.path.join(self.sys, "parameters", name)

    def set_param(self, name, value):
        self.write(self.ppath(name), value + "\n")

    def param(self, name):
        with open(self.ppath(name)) as f:
            return f.read().strip()

    def params(self):
        return dict((k, self.param(k)) for k in self.knobs)

    def set_counters(self, changes):
        self.counters.update(changes)
        self.write(os.path.join(self.proc, "stats"), "".join(
            "%s %d\n" % kv for kv in self.counters.items()))

    def reset_file(self):
        with open(os.path.join(self.proc, "reset")) as f:
            return f.read()

    def unload(self):
        shutil.rmtree(self.sys, ignore_errors=True)
        shutil.rmtree(self.proc, ignore_errors=True)

    def env(self):
        env = dict(os.environ)
        env.update(IGMPGUARD_SYS_ROOT=self.sys, IGMPGUARD_PROC_ROOT=self.proc,
                   LC_ALL="C")
        return env

    def run(self, *args, prefix=()):
        p = subprocess.run(list(prefix) + [CTL] + list(args), env=self.env(),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, timeout=30)
        if VERBOSE:
            print("# $ igmpguardctl %s -> %d" % (" ".join(args), p.returncode))
            for line in (p.stdout + p.stderr).splitlines():
                print("#   " + line)
        return p.returncode, p.stdout, p.stderr

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def as_nobody():
    """A command prefix running the tool unprivileged, or None."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv"):
        return ("setpriv", "--reuid", "65534", "--regid", "65534",
                "--clear-groups", "--")
    return None


def try_json(text):
    try:
        return json.loads(text), None
    except ValueError as e:
        return None, e


# --- Prometheus exposition format: promtext.py -------------------------------

def prom_get(samples, name, **labels):
    for (n, pairs), v in samples.items():
        if n == name and dict((k, json.loads(q)) for k, q in pairs) == labels:
            return v
    return None


# --- tests ------------------------------------------------------------------

def test_sources():
    T.ok(len(REASONS) > 20 and len(BOOL_KNOBS) >= 4 and len(TOTALS) == 5 and
         EXT_LIMIT == "255" and len(OLD_REASONS) < len(REASONS),
         "names read from the sources",
         "%d reasons, %d knobs, %d totals" % (len(REASONS), len(BOOL_KNOBS), len(TOTALS)))
    named = [n for n in STAT_NAMES if not n.startswith("packets_")]
    T.ok(not named or named == FAMILY_TOTALS,
         "the module's family totals, if it names them yet, are ipv4_ and ipv6_ "
         "before the totals' names", named)
    T.ok('"%s"' % BRIDGE_PREFIX in read("module/stats.c"),
         "the module names the bridge path's totals bridge_packets_*")


def test_grammar():
    t = Tree(counters={"packets_seen": 5})
    rc, out, err = t.run()
    rc2, out2, _ = t.run("show")
    T.ok(rc == 0 and out == out2 and out, "no command runs show", out, err)

    rc, out, err = t.run("--help")
    names = ["show", "enable", "disable", "mode", "set", "get", "stats",
             "reset", "export", "check"]
    T.ok(rc == 0 and all(re.search(r"^  %s " % n, out, re.M) for n in names)
         and "--json" in out and "--netns" in out,
         "--help lists every command and global option", out, err)

    bad = []
    for cmd in names:
        rc, out, err = t.run(cmd, "--help")
        if rc != 0 or not out.startswith("usage: igmpguardctl") or err:
            bad.append("%s: rc=%d %r %r" % (cmd, rc, out[:60], err))
    T.ok(not bad, "every command takes --help", *bad)

    rc, out, _ = t.run("set", "--help")
    T.ok(all(re.search(r"^  %s " % k, out, re.M) for k in KNOBS) and
         all(a in out for a in ANOMALIES), "set --help lists every knob and anomaly", out)

    for args, what in [(("bogus",), "unknown command"),
                       (("--bogus",), "unknown option"),
                       (("-n",), "needs a value"),
                       (("show", "extra"), "takes no arguments"),
                       (("stats", "--bogus"), "unknown option"),
                       (("stats", "--watch"), "needs a value"),
                       (("export",), "prometheus"),
                       (("export", "json"), "prometheus")]:
        rc, out, err = t.run(*args)
        T.ok(rc == 1 and what in err and not out and "--help" in err,
             "usage error %s: exit 1 and '%s'" % (" ".join(args), what),
             "rc=%d" % rc, out, err)

    rc, out, err = t.run("--version")
    T.ok(rc == 0 and re.search(r"^igmpguardctl\s+%s$" % re.escape(VERSION), out, re.M)
         and re.search(r"^module\s+%s$" % re.escape(VERSION), out, re.M),
         "--version prints the tool's and the module's version", out, err)
    t.write(os.path.join(t.sys, "version"), "9.9.9-test\n")
    rc, out, err = t.run("-j", "--version")
    doc, e = try_json(out)
    T.ok(rc == 0 and doc == {"igmpguardctl": VERSION, "loaded": True,
                             "module": "9.9.9-test"},
         "-j --version: JSON with the module's version read from sysfs", out, err, e)
    t.unload()
    rc, out, err = t.run("-j", "--version")
    doc, e = try_json(out)
    T.ok(rc == 0 and doc == {"igmpguardctl": VERSION, "loaded": False, "module": None},
         "--version without the module: module null, exit 0", out, err, e)
    t.close()


def parse_show_text(out):
    """{heading path: {key: value text}} from show/stats text output."""
    tree, stack = {}, []
    for line in out.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        stack = stack[:depth]
        body = line.strip()
        if body.endswith(":") and " " not in body:
            stack.append(body[:-1])
            tree.setdefault("/".join(stack), {})
            continue
        m = re.match(r"^(\S+): -$", body)
        if m:
            tree["/".join(stack + [m.group(1)])] = {}
            continue
        key, _, val = body.partition(" ")
        tree.setdefault("/".join(stack), {})[key] = val.strip()
    return tree


def test_show():
    counters = {"packets_seen": 1200, "packets_validated": 40,
                "packets_dropped": 9, "packets_anomalous": 2}
    nonzero = {}
    for cls in ("malformed", "policy", "anomaly"):
        r = [n for n, c in REASONS if c == cls][1]
        nonzero[r] = 3 + len(nonzero)
    counters.update(nonzero)
    t = Tree(params={"drop_bad_ttl": "N", "mode": "monitor", "max_query_sources": "8"},
             counters=counters)
    rc, out, err = t.run("show")
    tree = parse_show_text(out)
    top = tree.get("", {})
    T.ok(rc == 0 and not err and top.get("loaded") == "yes" and
         top.get("version") == VERSION, "show: loaded and version", out, err)
    T.ok(top.get("enabled") == "Y" and
         re.match(r"^monitor\s+\(default block\)$", top.get("mode", "")),
         "show: enabled, and mode with its default as it differs", out)
    T.ok(all(top.get(k) == "Y" for k in ("ipv4", "ipv6")) and
         list(top)[2:7] == MAIN, "show: the hook switches at the top", out)
    settings = tree.get("settings", {})
    want = dict((k, v) for k, v in t.params().items() if k not in MAIN)
    got = dict((k, v.split()[0]) for k, v in settings.items())
    T.ok(got == want, "show: every other knob with its value", out, want)
    marks = dict((k, "(default" in v) for k, v in settings.items())
    T.ok(marks.get("drop_bad_ttl") and marks.get("max_query_sources") and
         sum(marks.values()) == 2 and "(default Y)" in settings["drop_bad_ttl"],
         "show: the default is shown exactly for the changed knobs", out)
    cnt = dict((k, v) for k, v in tree.items() if k.startswith("counters/"))
    ok = cnt.get("counters/totals") == dict((n, str(counters.get(n, 0))) for n in ALL_TOTALS)
    ok = ok and list(cnt.get("counters/totals", {})) == ALL_TOTALS
    for r, v in nonzero.items():
        ok = ok and cnt.get("counters/" + CLASS[r], {}).get(r) == str(v)
    ok = ok and list(cnt.get("counters/bridge", {}).items()) == [
        (n, "0") for n in BRIDGE_TOTALS]
    listed = sum(len(v) for k, v in cnt.items()
                 if k not in ("counters/totals", "counters/bridge"))
    T.ok(ok and listed == len(nonzero),
         "show: totals of all and of each family, the bridge path's (zeros too), and only "
         "non-zero reasons, each under its class", out)

    rc, out, err = t.run("-j", "show")
    doc, e = try_json(out)
    T.ok(rc == 0 and doc is not None and out.endswith("}\n"), "show -j is JSON", out, e)
    doc = doc or {}
    sets = dict(doc.get("settings", {}))
    sets.update((k, doc.get(k)) for k in MAIN)
    want = dict((k, {"value": v, "default": DEFAULTS[k], "changed": v != DEFAULTS[k]})
                for k, v in t.params().items())
    T.ok(doc.get("loaded") is True and doc.get("version") == VERSION and sets == want,
         "show -j: every knob with value, default and changed", json.dumps(sets))
    c = doc.get("counters", {})
    want = {"netns": None, "totals": dict((n, counters.get(n, 0)) for n in ALL_TOTALS),
            "bridge": dict((n, 0) for n in BRIDGE_TOTALS)}
    for cls in ("malformed", "policy", "anomaly"):
        want[cls] = dict((r, v) for r, v in nonzero.items() if CLASS[r] == cls)
    T.ok(c == want, "show -j: counters by class, non-zero only", json.dumps(c), json.dumps(want))

    t.unload()
    rc, out, err = t.run("show")
    T.ok(rc == 2 and re.match(r"^loaded\s+no$", out) and
         "igmpguard is not loaded; load it with: modprobe igmpguard" in err,
         "show without the module: says so, exit 2", out, err)
    rc, out, err = t.run("-j")
    doc, e = try_json(out)
    T.ok(rc == 2 and doc == {"loaded": False}, "show -j without the module: {loaded: false}",
         out, err, e)
    t.close()


def test_toggles():
    t = Tree()
    rc, out, err = t.run("disable")
    T.ok(rc == 0 and not out and not err and t.param("enabled") == "N",
         "disable writes enabled=N", out, err)
    rc, out, err = t.run("enable")
    T.ok(rc == 0 and t.param("enabled") == "Y", "enable writes enabled=Y", out, err)
    rc, out, err = t.run("mode", "monitor")
    T.ok(rc == 0 and t.param("mode") == "monitor", "mode monitor", out, err)
    rc, out, err = t.run("mode")
    T.ok(rc == 0 and out == "monitor\n", "mode alone prints the mode", out, err)
    rc, out, err = t.run("mode", "block")
    T.ok(rc == 0 and t.param("mode") == "block", "mode block", out, err)
    rc, out, err = t.run("mode", "blocky")
    T.ok(rc == 1 and t.param("mode") == "block" and "mode: 'blocky'" in err,
         "mode blocky: usage error, nothing written", out, err)
    t.set_param("enabled", "Y")
    os.remove(t.ppath("enabled"))
    os.mkdir(t.ppath("enabled"))
    rc, out, err = t.run("disable")
    T.ok(rc == 2 and err.startswith("igmpguardctl: enabled: Is a directory"),
         "disable refused: exit 2, the error names the knob", out, err)
    t.close()


def test_set():
    pairs = [("drop_bad_ttl", "0"), ("mode", "monitor"), ("max_query_sources", "128"),
             ("log", "n"), ("drop_anomalies", "%s,%s" % (ANOMALIES[2], ANOMALIES[0]))]
    want = dict(DEFAULTS, drop_bad_ttl="N", mode="monitor", max_query_sources="128",
                log="N", drop_anomalies="%s,%s" % (ANOMALIES[0], ANOMALIES[2]))
    spellings = [("KNOB VALUE", [w for kv in pairs for w in kv]),
                 ("KNOB=VALUE", ["%s=%s" % kv for kv in pairs]),
                 ("both mixed", [w for i, kv in enumerate(pairs)
                                 for w in (["%s=%s" % kv] if i % 2 else kv)])]
    for what, args in spellings:
        t = Tree()
        rc, out, err = t.run("set", *args)
        T.ok(rc == 0 and not err and t.params() == want,
             "set, %s: several pairs, written in the module's own form" % what,
             args, err, t.params())
        t.close()
    t = Tree()

    before = t.params()
    for args, what in [(("drop_bad_ttl", "Y", "nosuch", "1"), "unknown knob 'nosuch'"),
                       (("drop_bad_ttl", "Y", "log", "yes"), "log: 'yes' is not 0 or 1"),
                       (("max_query_sources", "65536"), "not a number in 0..65535"),
                       (("max_query_sources", "-1"), "not a number"),
                       (("max_query_sources", "0x10"), "not a number"),
                       (("drop_anomalies", REASONS[0][0]), "not an anomaly name"),
                       (("drop_anomalies", ""), "not an anomaly name"),
                       (("mode", "block", "mode", "monitor"), "mode given twice"),
                       (("log",), "log: no value (KNOB=VALUE or KNOB VALUE)"),
                       ((), "expected KNOB=VALUE or KNOB VALUE pairs"),
                       # The same checks for KNOB=VALUE, and for both mixed.
                       (("drop_bad_ttl=Y", "nosuch=1"), "unknown knob 'nosuch'"),
                       (("drop_bad_ttl=Y", "=1"), "unknown knob ''"),
                       (("drop_bad_ttl=Y", "log=yes"), "log: 'yes' is not 0 or 1"),
                       (("max_query_sources=65536",), "not a number in 0..65535"),
                       (("drop_anomalies=",), "not an anomaly name"),
                       (("mode=",), "mode"),
                       (("mode=block", "mode", "monitor"), "mode given twice"),
                       (("mode", "monitor", "mode=block"), "mode given twice"),
                       (("drop_bad_ttl=Y", "log"), "log: no value"),
                       # A value after its name is taken whole, '=' and all.
                       (("mode", "monitor=1"), "mode: 'monitor=1'"),
                       (("log", "mode=block"), "log: 'mode=block' is not 0 or 1")]:
        rc, out, err = t.run("set", *args)
        T.ok(rc == 1 and what in err and t.params() == before,
             "set %s: usage error before any write" % " ".join(args), rc, err)

    # The third write fails: the first two are put back.
    for what, args in [("", ("log", "Y", "mode", "monitor", "max_query_sources", "5",
                             "drop_bad_ttl", "N")),
                       (" (KNOB=VALUE)", ("log=Y", "mode", "monitor", "max_query_sources=5",
                                          "drop_bad_ttl=N"))]:
        t = Tree(params={"log": "N"})
        before = t.params()
        os.remove(t.ppath("max_query_sources"))
        os.symlink("/dev/full", t.ppath("max_query_sources"))
        rc, out, err = t.run("set", *args)
        after = dict((k, t.param(k)) for k in KNOBS if k != "max_query_sources")
        del before["max_query_sources"]
        T.ok(rc == 2 and after == before,
             "set%s: a refused write puts back the earlier ones" % what, err, after)
        T.ok(err.startswith("igmpguardctl: max_query_sources: No space left on device; "
                            "'5' was refused\n") and
             "nothing was changed (put back log=N, mode=block)" in err,
             "set%s: says which knob was refused, why, and what was put back" % what, err)

    # A parameter that cannot even be read: stop there, put back the first.
    os.remove(t.ppath("max_query_sources"))
    os.mkdir(t.ppath("max_query_sources"))
    rc, out, err = t.run("set", "drop_fragments", "N", "max_query_sources", "5")
    T.ok(rc == 2 and t.param("drop_fragments") == "Y" and
         "max_query_sources: Is a directory" in err,
         "set: an unreadable knob stops it and the earlier write is put back", err)
    t.close()

    t = Tree()
    prefix = as_nobody()
    if prefix is None:
        T.skip("set as an unprivileged user", "no setpriv")
    else:
        if not prefix:
            for k in KNOBS:
                os.chmod(t.ppath(k), 0o444)
        rc, out, err = t.run("set", "log", "N", prefix=prefix)
        T.ok(rc == 2 and t.param("log") == "Y" and
             "igmpguardctl: log: Permission denied; need root to change settings" in err,
             "set as an unprivileged user: exit 2, 'need root'", err)
        rc, out, err = t.run("-j", "show", prefix=prefix)
        T.ok(rc == 0 and try_json(out)[0], "show works for an unprivileged user", err)
    t.unload()
    rc, out, err = t.run("set", "log", "N")
    T.ok(rc == 2 and "not loaded" in err, "set without the module: exit 2", err)
    t.close()


def test_set_ipv6():
    t = Tree()
    rc, out, err = t.run("set", "ipv6", "off")
    T.ok(rc == 1 and "ipv6: 'off' is not 0 or 1" in err and t.param("ipv6") == "Y",
         "set ipv6 off: usage error, nothing written", rc, err)
    rc, out, err = t.run("set", "ipv6=0")
    T.ok(rc == 0 and not err and t.param("ipv6") == "N" and t.param("ipv4") == "Y",
         "set ipv6=0: IPv6 hooks off, written as N, IPv4 untouched", rc, err)
    rc, out, err = t.run("show")
    top = parse_show_text(out).get("", {})
    T.ok(rc == 0 and re.match(r"^N\s+\(default Y\)$", top.get("ipv6", "")),
         "show: ipv6 N with its default", out)
    rc, out, err = t.run("-j", "get", "ipv4", "ipv6")
    T.ok(rc == 0 and try_json(out)[0] == {"ipv4": "Y", "ipv6": "N"}, "get -j ipv4 ipv6", out)
    rc, out, err = t.run("set", "ipv6", "1")
    T.ok(rc == 0 and t.param("ipv6") == "Y", "set ipv6 1: back on", rc, err)

    rc, out, err = t.run("set", "max_ext_headers", EXT_LIMIT)
    T.ok(rc == 0 and t.param("max_ext_headers") == EXT_LIMIT,
         "set max_ext_headers to its limit", rc, err)
    rc, out, err = t.run("set", "max_ext_headers=0")
    T.ok(rc == 0 and t.param("max_ext_headers") == "0", "set max_ext_headers=0", rc, err)
    t.set_param("max_ext_headers", EXT_DEFAULT)
    set_refused(t, "max_ext_headers", "is not a number in 0..%s" % EXT_LIMIT,
                (str(int(EXT_LIMIT) + 1), "65535", "-1", "", "0x10", "8a", " 8", "+8", "1e2"),
                ("ipv4", "N", "Y"), "4")
    t.close()


def set_refused(t, knob, why, bads, other, good):
    """set KNOB BAD, alone and after another pair: a usage error naming the knob
    and saying @why, nothing changed; then the module refusing @good after
    @other = (knob, new, old): the other put back."""
    before = t.params()
    for bad in bads:
        for args in ((other[0], other[1], knob, bad), ("%s=%s" % (knob, bad),)):
            rc, out, err = t.run("set", *args)
            T.ok(rc == 1 and not out and
                 "igmpguardctl set: %s: '%s' %s\n" % (knob, bad, why) in err and
                 t.params() == before,
                 "set %s: a clear usage error, nothing changed" % " ".join(args), rc, err)
    # The module refuses what the tool let through: put back, say which.
    os.remove(t.ppath(knob))
    os.symlink("/dev/full", t.ppath(knob))
    rc, out, err = t.run("set", other[0], other[1], knob, good)
    T.ok(rc == 2 and t.param(other[0]) == other[2] and
         "%s: No space left on device; '%s' was refused" % (knob, good) in err and
         "nothing was changed (put back %s=%s)" % (other[0], other[2]) in err,
         "set %s refused by the module: %s put back" % (knob, other[0]), rc, err)


def test_old_module():
    """A module from before IPv6: the tool shows what is there."""
    counters = {"packets_seen": 50, OLD_REASONS[0][0]: 2}
    t = Tree(counters=counters, old=True)
    rc, out, err = t.run("show")
    tree = parse_show_text(out)
    shown = list(tree.get("", {})) + list(tree.get("settings", {}))
    T.ok(rc == 0 and not err and not [k for k in NEW_KNOBS if k in shown] and
         all(k in shown for k in OLD_KNOBS),
         "old module: show lists its parameters, leaves out the new ones, exit 0", out, err)
    T.ok(list(tree.get("counters/totals", {})) == TOTALS,
         "old module: show has the totals, no family totals", out)
    rc, out, err = t.run("-j", "stats")
    doc, e = try_json(out)
    T.ok(rc == 0 and doc and sorted(doc) == ["anomaly", "malformed", "netns", "policy",
                                             "totals"] and
         doc["totals"]["packets_seen"] == 50 and
         doc[OLD_REASONS[0][1]] == {OLD_REASONS[0][0]: 2},
         "old module: stats -j as before", out, err, e)
    rc, out, err = t.run("export", "prometheus")
    problems, samples = prom_check(out)
    names = set(n for n, _ in samples)
    T.ok(rc == 0 and not problems and
         not names & {"igmpguard_family_packets_total", "igmpguard_family_enabled"} and
         prom_get(samples, "igmpguard_packets_total", kind="seen") == 50 and
         len(samples) == len(TOTALS) + len(OLD_REASONS) + 5 and
         all(prom_get(samples, "igmpguard_findings_total", reason=r, family="ipv4",
                      **{"class": c}) == counters.get(r, 0) for r, c in OLD_REASONS),
         "old module: export without family series, findings labelled ipv4", out, *problems)
    for k in ("ipv6", "max_ext_headers"):
        rc, out, err = t.run("get", k)
        T.ok(rc == 2 and not out and err == "igmpguardctl: %s: No such file or directory; "
             "the loaded module is older and has no such parameter\n" % k,
             "old module: get %s says the module has no such parameter" % k, rc, out, err)
    before = t.params()
    rc, out, err = t.run("set", "log", "N", "ipv6", "N")
    T.ok(rc == 2 and t.params() == before and "older and has no such parameter" in err and
         "nothing was changed (put back log=Y)" in err,
         "old module: set of a new parameter changes nothing", rc, err)
    t.close()


def test_bridge():
    """The parameter bridge: set, get and show know its three values."""
    t = Tree()
    rc, out, err = t.run("get", "bridge")
    T.ok(rc == 0 and out == "policy\n" and not err, "get bridge: the default, policy", out, err)
    for val in BRIDGE_MODES:
        rc, out, err = t.run("set", "bridge", val)
        T.ok(rc == 0 and not out and not err and t.param("bridge") == val,
             "set bridge %s: written as it is" % val, rc, err)
    rc, out, err = t.run("set", "bridge=malformed")
    T.ok(rc == 0 and t.param("bridge") == "malformed", "set bridge=malformed", rc, err)
    rc, out, err = t.run("show")
    top = parse_show_text(out).get("", {})
    T.ok(rc == 0 and re.match(r"^malformed\s+\(default policy\)$", top.get("bridge", "")),
         "show: bridge malformed with its default", out)
    rc, out, err = t.run("-j", "show")
    doc, e = try_json(out)
    T.ok(rc == 0 and (doc or {}).get("bridge") == {"value": "malformed", "default": "policy",
                                                   "changed": True},
         "show -j: bridge with value, default and changed", out, e)
    rc, out, err = t.run("-j", "get", "bridge", "mode")
    T.ok(rc == 0 and try_json(out)[0] == {"bridge": "malformed", "mode": "block"},
         "get -j bridge mode", out, err)
    # The module refuses policy where the kernel has no bridge netfilter.
    set_refused(t, "bridge", "is not off, malformed or policy",
                ("Policy", "validate", "on", "1", "", "off,policy", " off", "polic"),
                ("mode", "monitor", "block"), "policy")
    t.close()


def test_pre_bridge_module():
    """A module with IPv6 but from before the bridge hook: no bridge anything."""
    counters = {"packets_seen": 60, "ipv4_packets_seen": 60}
    t = Tree(counters=counters, pre_bridge=True)
    rc, out, err = t.run("show")
    tree = parse_show_text(out)
    T.ok(rc == 0 and not err and "bridge" not in tree.get("", {}) and
         "counters/bridge" not in tree and list(tree.get("counters/totals", {})) == ALL_TOTALS,
         "pre-bridge module: show has neither the parameter nor the group, exit 0", out, err)
    rc, out, err = t.run("-j", "stats", "--all")
    doc, e = try_json(out)
    T.ok(rc == 0 and doc and "bridge" not in doc and
         sorted(doc) == ["anomaly", "malformed", "netns", "policy", "totals"],
         "pre-bridge module: stats -j as before", out, err, e)
    rc, out, err = t.run("export", "prometheus")
    problems, samples = prom_check(out)
    names = set(n for n, _ in samples)
    T.ok(rc == 0 and not problems and
         not names & {"igmpguard_path_packets_total", "igmpguard_bridge_mode"} and
         "igmpguard_family_packets_total" in names and
         prom_get(samples, "igmpguard_packets_total", kind="seen") == 60,
         "pre-bridge module: export without path or bridge_mode series", out, *problems)
    rc, out, err = t.run("get", "bridge")
    T.ok(rc == 2 and not out and err == "igmpguardctl: bridge: No such file or directory; "
         "the loaded module is older and has no such parameter\n",
         "pre-bridge module: get bridge says the module has no such parameter", out, err)
    before = t.params()
    rc, out, err = t.run("set", "log", "N", "bridge", "off")
    T.ok(rc == 2 and t.params() == before and "older and has no such parameter" in err,
         "pre-bridge module: set bridge changes nothing", rc, err)
    t.close()


def test_prometheus_paths():
    """The IP path's share stops at zero when the bridge line read ahead of its total."""
    t = Tree(counters={"packets_seen": 10, "bridge_packets_seen": 12,
                       "packets_dropped": 5, "bridge_packets_dropped": 5})
    rc, out, err = t.run("export", "prometheus")
    problems, samples = prom_check(out)
    T.ok(rc == 0 and not problems and
         prom_get(samples, "igmpguard_path_packets_total", path="ip", kind="seen") == 0 and
         prom_get(samples, "igmpguard_path_packets_total", path="bridge", kind="seen") == 12 and
         prom_get(samples, "igmpguard_path_packets_total", path="ip", kind="dropped") == 0,
         "export: the ip path never wraps below zero", out, *problems)
    t.close()


def test_get():
    t = Tree(params={"drop_anomalies": ANOMALIES[1]})
    rc, out, err = t.run("get", "mode")
    T.ok(rc == 0 and out == "block\n" and not err, "get mode: the bare value", out, err)
    rc, out, err = t.run("get", *KNOBS)
    want = "".join("%s\n" % t.param(k) for k in KNOBS)
    T.ok(rc == 0 and out == want, "get every knob: one value a line, in order", out)
    rc, out, err = t.run("-j", "get", "drop_anomalies", "max_query_sources")
    doc, e = try_json(out)
    T.ok(rc == 0 and doc == {"drop_anomalies": ANOMALIES[1],
                             "max_query_sources": MAX_DEFAULT},
         "get -j: an object of the knobs asked", out, e)
    rc, out, err = t.run("get", "nosuch")
    T.ok(rc == 1 and "unknown knob 'nosuch'" in err and not out, "get nosuch: exit 1", err)
    rc, out, err = t.run("get")
    T.ok(rc == 1, "get without a knob: exit 1", err)
    os.remove(t.ppath("log"))
    rc, out, err = t.run("get", "log")
    T.ok(rc == 2 and "igmpguardctl: log: No such file or directory" in err,
         "get of a missing parameter file: exit 2, named", err)
    t.unload()
    rc, out, err = t.run("get", "mode")
    T.ok(rc == 2 and "modprobe igmpguard" in err, "get without the module: exit 2", err)
    t.close()


def test_stats():
    r_mal = [n for n, c in REASONS if c == "malformed"][0]
    r_ano = ANOMALIES[-1]
    counters = {"packets_seen": 77, "packets_dropped": 4, "ipv4_packets_seen": 70,
                "ipv6_packets_seen": 7, "ipv6_packets_dropped": 4, r_mal: 4,
                r_ano: 18446744073709551615, "bridge_packets_seen": 30,
                "bridge_packets_dropped": 3}
    t = Tree(counters=counters)
    rc, out, err = t.run("stats")
    tree = parse_show_text(out)
    T.ok(rc == 0 and tree.get("totals") == dict((n, str(counters.get(n, 0)))
                                                for n in ALL_TOTALS)
         and tree.get("bridge") == dict((n, str(counters.get(n, 0))) for n in BRIDGE_TOTALS)
         and [k for k in tree if k][:2] == ["totals", "bridge"]
         and tree.get("malformed") == {r_mal: "4"} and tree.get("policy") == {}
         and tree.get("anomaly") == {r_ano: "18446744073709551615"},
         "stats: totals, the bridge path's after them, and the non-zero reasons by class "
         "(u64 max intact)", out, err)
    rc, out, err = t.run("-j", "stats", "--all")
    doc, e = try_json(out)
    flat = {}
    for g, members in (doc or {}).items():
        if isinstance(members, dict):
            for k, v in members.items():
                flat[(g, k)] = v
    want = dict((("totals", n), counters.get(n, 0)) for n in ALL_TOTALS)
    want.update((("bridge", n), counters.get(n, 0)) for n in BRIDGE_TOTALS)
    want.update(((c, r), counters.get(r, 0)) for r, c in REASONS)
    T.ok(rc == 0 and flat == want and doc.get("netns") is None,
         "stats -j --all: every counter, in its group, as JSON", out, e)
    # As selftests/igmpguardctl.sh reads them: the groups flattened.
    merged = dict((k, v) for g in (doc or {}).values() if isinstance(g, dict)
                  for k, v in g.items())
    T.ok(merged == dict(t.counters), "stats -j: every name once, the groups flatten",
         json.dumps(merged))
    rc, out2, err = t.run("stats", "-a")
    T.ok(rc == 0 and len(out2.splitlines()) ==
         len(ALL_TOTALS) + len(BRIDGE_TOTALS) + len(REASONS) + 6,
         "stats -a: a line per counter and group", out2)

    t.write(os.path.join(t.proc, "stats"), "packets_seen 1\nbogus line here\n")
    rc, out, err = t.run("stats")
    T.ok(rc == 2 and "line 2 is not 'name count'" in err, "stats: a bad line: exit 2", err)
    t.write(os.path.join(t.proc, "stats"), "packets_seen 1\nnew_reason 3\n")
    rc, out, err = t.run("-j", "stats")
    doc, e = try_json(out)
    T.ok(rc == 0 and doc and doc.get("other") == {"new_reason": 3},
         "stats: a reason the tool does not know goes under 'other'", out, err)
    os.remove(os.path.join(t.proc, "stats"))
    rc, out, err = t.run("stats")
    T.ok(rc == 2 and "/stats: No such file or directory" in err,
         "stats: no stats file but loaded: exit 2, path named", err)

    rc, out, err = t.run("reset")
    T.ok(rc == 0 and not out and not err and t.reset_file() == "0", "reset writes 0", err)
    prefix = as_nobody()
    if prefix is None:
        T.skip("reset as an unprivileged user", "no setpriv")
    else:
        t.write(os.path.join(t.proc, "reset"), "")
        if not prefix:
            os.chmod(os.path.join(t.proc, "reset"), 0o444)
        rc, out, err = t.run("reset", prefix=prefix)
        T.ok(rc == 2 and t.reset_file() == "" and "CAP_NET_ADMIN" in err,
             "reset as an unprivileged user: exit 2, says what it needs", err)
    rc, out, err = t.run("reset", "now")
    T.ok(rc == 1, "reset takes no arguments", err)
    shutil.rmtree(t.sys)
    rc, out, err = t.run("stats")
    T.ok(rc == 2 and not out and "not loaded" in err,
         "stats: no /sys/module entry means not loaded, whatever /proc has", out, err)
    t.unload()
    for cmd in ("stats", "reset"):
        rc, out, err = t.run(cmd)
        T.ok(rc == 2 and "not loaded" in err, "%s without the module: exit 2" % cmd, err)
    t.close()


def test_prometheus():
    r_pol = [n for n, c in REASONS if c == "policy"][0]
    counters = {"packets_seen": 1000, "packets_validated": 300, "packets_dropped": 12,
                "ipv4_packets_seen": 900, "ipv6_packets_seen": 100,
                "ipv6_packets_dropped": 12, r_pol: 12, ANOMALIES[0]: 5,
                "bridge_packets_seen": 400, "bridge_packets_dropped": 12}
    t = Tree(params={"mode": "monitor", "enabled": "N", "ipv6": "N", "bridge": "malformed"},
             counters=counters)
    t.write(os.path.join(t.sys, "version"), 'odd"ver\\sion\n')
    rc, out, err = t.run("export", "prometheus")
    problems, samples = prom_check(out)
    T.ok(rc == 0 and not err and not problems, "export prometheus: valid exposition format",
         *(problems + [err]))
    ok = all(prom_get(samples, "igmpguard_packets_total", kind=n[len("packets_"):]) ==
             counters.get(n, 0) for n in TOTALS)
    ok = ok and all(prom_get(samples, "igmpguard_findings_total", reason=r, family=FAMILY[r],
                             **{"class": c}) == counters.get(r, 0) for r, c in REASONS)
    T.ok(ok and len(samples) == len(TOTALS) + len(FAMILY_TOTALS) + 2 * len(BRIDGE_TOTALS) +
         len(REASONS) + 7 + len(BRIDGE_MODES),
         "export: every total and reason, with its class and family labels", out)
    T.ok(all(prom_get(samples, "igmpguard_family_packets_total", family=f,
                      kind=n[len("packets_"):]) == counters.get(f + "_" + n, 0)
             for f in FAMILIES for n in TOTALS),
         "export: the totals of each family under a family label", out)
    paths = dict(((p, n[len("packets_"):]), prom_get(samples, "igmpguard_path_packets_total",
                                                     path=p, kind=n[len("packets_"):]))
                 for p in ("ip", "bridge") for n in TOTALS)
    T.ok(all(paths[("bridge", n[len("packets_"):])] == counters.get(BRIDGE_PREFIX + n, 0) and
             paths[("ip", n[len("packets_"):])] == counters.get(n, 0) -
             counters.get(BRIDGE_PREFIX + n, 0) for n in TOTALS) and
         paths[("ip", "seen")] == 600 and paths[("ip", "dropped")] == 0,
         "export: path_packets_total, bridge as the stats file says, ip the rest, so that "
         "its sum is packets_total", out)
    T.ok([prom_get(samples, "igmpguard_bridge_mode", mode=m) for m in BRIDGE_MODES] ==
         [0, 1, 0], "export: a bridge_mode gauge, 1 for the value in force", out)
    T.ok(prom_get(samples, "igmpguard_family_enabled", family="ipv4") == 1 and
         prom_get(samples, "igmpguard_family_enabled", family="ipv6") == 0,
         "export: a family_enabled gauge per family switch", out)
    T.ok(prom_get(samples, "igmpguard_enabled") == 0 and
         prom_get(samples, "igmpguard_mode", mode="monitor") == 1 and
         prom_get(samples, "igmpguard_mode", mode="block") == 0 and
         prom_get(samples, "igmpguard_loaded") == 1 and
         prom_get(samples, "igmpguard_info", version='odd"ver\\sion') == 1,
         "export: loaded, info (escaped label), enabled and mode gauges", out)
    for bad, why in [("x 1", "no TYPE"), ("# TYPE a counter\na 1\n", "counter name"),
                     ('# TYPE a_total counter\na_total{x="1} 1\n', "label quoting"),
                     ("# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na 2\n", "contiguous"),
                     ("# TYPE a gauge\na 1\na 1\n", "repeated"),
                     ("# TYPE a gauge\na one\n", "value")]:
        T.ok(prom_check(bad if bad.endswith("\n") else bad + "\n")[0],
             "the Prometheus checker rejects: %s" % why)
    rc, out, err = t.run("-j", "export", "prometheus")
    T.ok(rc == 1, "-j export: usage error", err)
    t.unload()
    rc, out, err = t.run("export", "prometheus")
    problems, samples = prom_check(out)
    T.ok(rc == 2 and not problems and samples == {("igmpguard_loaded", ()): 0.0}
         and "not loaded" in err, "export without the module: loaded 0 only, exit 2",
         out, err, *problems)
    t.close()


def test_export_output():
    t = Tree(counters={"packets_seen": 7})
    d = os.path.join(t.dir, "textfile")
    os.mkdir(d)
    prom = os.path.join(d, "igmpguard.prom")
    rc, out, err = t.run("export", "prometheus", "--output", prom)
    text = open(prom).read() if os.path.exists(prom) else ""
    T.ok(rc == 0 and not out and not err and text == t.run("export", "prometheus")[1]
         and os.listdir(d) == ["igmpguard.prom"],
         "export --output: the stdout text in FILE, nothing else there", rc, out, err)
    mode = os.stat(prom).st_mode & 0o777
    T.ok(mode == 0o644, "export --output: FILE readable by all under umask 022", oct(mode))
    # A reader holding the old file keeps it whole: FILE is replaced, not
    # rewritten in place.
    old_ino = os.stat(prom).st_ino
    t.set_counters({"packets_seen": 8})
    rc, out, err = t.run("export", "-o", prom, "prometheus")
    T.ok(rc == 0 and os.stat(prom).st_ino != old_ino and
         'kind="seen"} 8\n' in open(prom).read(),
         "export -o: a new file renamed over the old one", rc, err)
    # Refusals: the old FILE stays and no temporary file is left.
    before = open(prom).read()
    os.mkdir(os.path.join(d, "adir"))
    for args, why in [(("-o", os.path.join(d, "adir")), "Is a directory"),
                      (("-o", os.path.join(d, "none", "x.prom")), "No such file"),
                      (("-o", d + "/"), "Is a directory")]:
        rc, out, err = t.run("export", "prometheus", *args)
        T.ok(rc == 2 and why in err and sorted(os.listdir(d)) == ["adir", "igmpguard.prom"]
             and open(prom).read() == before,
             "export %s: exit 2, %s, nothing left behind" % (args[1][len(t.dir):], why),
             rc, err, os.listdir(d))
    prefix = as_nobody()
    if prefix is None:
        T.skip("export --output into a directory it cannot write", "no setpriv")
    else:
        os.chmod(d, 0o555)
        rc, out, err = t.run("export", "prometheus", "-o", prom, prefix=prefix)
        os.chmod(d, 0o755)
        T.ok(rc == 2 and "Permission denied" in err and open(prom).read() == before,
             "export --output into a directory it cannot write: exit 2, FILE kept", rc, err)
    # A parameter that cannot be read: the module is there but the text
    # would be incomplete, so FILE keeps its last whole content.
    os.remove(t.ppath("mode"))
    os.mkdir(t.ppath("mode"))
    rc, out, err = t.run("export", "prometheus", "-o", prom)
    T.ok(rc == 2 and "mode: Is a directory" in err and open(prom).read() == before and
         sorted(os.listdir(d)) == ["adir", "igmpguard.prom"],
         "export --output, a parameter unreadable: exit 2, FILE kept, no temporary file",
         rc, err, os.listdir(d))
    # Without the module: FILE says so, and that is a success.
    t.unload()
    rc, out, err = t.run("export", "prometheus", "-o", prom)
    problems, samples = prom_check(open(prom).read())
    T.ok(rc == 0 and not err and not problems and
         samples == {("igmpguard_loaded", ()): 0.0},
         "export --output without the module: FILE says loaded 0, exit 0", rc, err,
         *problems)
    for args in (("-o",), ("-o", prom), ("prometheus", "json", "-o", prom),
                 ("prometheus", "--nosuch")):
        rc, out, err = t.run("export", *args)
        T.ok(rc == 1, "export %s: usage error" % " ".join(args), rc, err)
    t.close()


def test_check():
    pcap = os.path.join(TOP, "tests", "vectors", "vectors.pcap")
    if not os.path.exists(pcap):
        T.skip("-j check is check --json", "no vectors.pcap")
        return
    t = Tree()
    a = t.run("-j", "check", pcap)
    b = t.run("check", "--json", pcap)
    T.ok(a == b and a[0] == 0 and try_json(a[1])[0], "-j check is check --json")
    rc, out, err = t.run("-n", "x", "check", pcap)
    T.ok(rc == 1 and "--netns" in err, "-n with check: usage error", err)
    t.close()


def inet_sum(data):
    data += b"\0" * (len(data) % 2)
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def igmp_report(igmp_sum_ok=True):
    """An IGMPv2 report to 239.1.2.3 with Router Alert, as hosts send it."""
    group = bytes([239, 1, 2, 3])
    igmp = bytearray(struct.pack("!BBH4s", 0x16, 0, 0, group))
    igmp[2:4] = struct.pack("!H", inet_sum(bytes(igmp)) ^ (0 if igmp_sum_ok else 0x5a5a))
    ip = bytearray(struct.pack("!BBHHHBBH4s4s", 0x46, 0xc0, 24 + len(igmp), 1, 0, 1, 2, 0,
                               bytes([10, 0, 0, 1]), group) + bytes([0x94, 4, 0, 0]))
    ip[10:12] = struct.pack("!H", inet_sum(bytes(ip)))
    return bytes(ip + igmp)


def write_pcap(path, packets, linktype=101):
    """A pcap file of frames (LINKTYPE_RAW by default): bytes, or a pair of
    the bytes captured and the length on the wire."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, linktype))
        for p in packets:
            data, wire = p if isinstance(p, tuple) else (p, len(p))
            f.write(struct.pack("<IIII", 0, 0, len(data), wire) + data)


# --- IPv6 frames for check ---------------------------------------------------

def addr6(text):
    return socket.inet_pton(socket.AF_INET6, text)


HOST_A, HOST_B, LINK_LOCAL = addr6("2001:db8::1"), addr6("2001:db8::2"), addr6("fe80::1")


def ip6(next_header, payload, src=HOST_A, dst=HOST_B, hop_limit=64):
    return struct.pack("!IHBB", 6 << 28, len(payload), next_header, hop_limit) + \
        src + dst + payload


def upper_sum(src, dst, proto, data):
    """The checksum of UDP or ICMPv6 over the IPv6 pseudo-header."""
    return inet_sum(src + dst + struct.pack("!IxxxB", len(data), proto) + data)


def udp6(src=HOST_A, dst=HOST_B):
    udp = bytearray(struct.pack("!HHHH", 40000, 9, 12, 0) + b"igg!")  # discard
    udp[6:8] = struct.pack("!H", upper_sum(src, dst, 17, bytes(udp)))
    return bytes(udp)


def ext8(next_header, options=b"\x01\x04\0\0\0\0"):
    """An 8-byte Hop-by-Hop or Destination Options header, PadN by default."""
    return bytes([next_header, 0]) + options


def mld2_report(sum_ok=True):
    """An MLDv2 report as Linux sends it: Router Alert and a PadN in HBH."""
    dst = addr6("ff02::16")
    msg = bytearray(struct.pack("!BBHHH", 143, 0, 0, 0, 1) +
                    struct.pack("!BBH", 4, 0, 0) + addr6("ff02::1:ff00:1"))
    msg[2:4] = struct.pack("!H", upper_sum(LINK_LOCAL, dst, 58, bytes(msg)) ^
                           (0 if sum_ok else 0x5a5a))
    return ip6(0, bytes.fromhex("3a00050200000100") + bytes(msg), LINK_LOCAL, dst, 1)


# Each with its line under the default policy, and under CHECK_SET.
UDP6 = ip6(17, udp6())
CHECK_SET = ("max_ext_headers=1", "drop_routing0=1")
CHECK_V6 = [
    ("udp", UDP6, "pass none -", "pass none -"),
    ("destination ::", ip6(17, udp6(dst=bytes(16)), dst=bytes(16)),
     "drop ip6_address -", "drop ip6_address -"),
    ("HBH and DestOpt", ip6(0, ext8(60) + ext8(17) + udp6()),
     "pass none -", "drop ext_chain_length -"),
    ("MLDv2 report", mld2_report(), "pass none -", "pass none -"),
    ("MLDv2 bad checksum", mld2_report(False), "drop mld_checksum -",
     "drop mld_checksum -"),
    ("RH0, no segments left", ip6(43, bytes([17, 2, 0, 0, 0, 0, 0, 0]) + HOST_B + udp6()),
     "pass none ext_routing0", "drop ext_routing0 -"),
]


def mac_header(ethertype, tags=()):
    head = b"\x33\x33\0\0\0\x16" + b"\x02\0\0\0\0\x01"
    for tpid, vid in tags:
        head += struct.pack("!HH", tpid, vid)
    return head + struct.pack("!H", ethertype)


def sll(proto):
    return struct.pack("!HHH8sH", 0, 1, 6, b"\x02\0\0\0\0\x01", proto)


def sll2(proto):
    return struct.pack("!HHIHBB8s", proto, 0, 1, 1, 0, 6, b"\x02\0\0\0\0\x01")


MPLS_BOTTOM = struct.pack("!I", 16 << 12 | 1 << 8 | 64)
# (name, linktype, header for IPv6, header for IPv4): the same packets in each.
LINKS6 = [
    ("Ethernet", 1, mac_header(0x86dd), mac_header(0x0800)),
    ("802.1Q", 1, mac_header(0x86dd, [(0x8100, 7)]), mac_header(0x0800, [(0x8100, 7)])),
    ("802.1ad", 1, mac_header(0x86dd, [(0x88a8, 7)]), mac_header(0x0800, [(0x88a8, 7)])),
    ("QinQ", 1, mac_header(0x86dd, [(0x88a8, 5), (0x8100, 7)]),
     mac_header(0x0800, [(0x88a8, 5), (0x8100, 7)])),
    ("old QinQ", 1, mac_header(0x86dd, [(0x9100, 5), (0x8100, 7)]),
     mac_header(0x0800, [(0x9100, 5), (0x8100, 7)])),
    ("MPLS", 1, mac_header(0x8847) + MPLS_BOTTOM, mac_header(0x8847) + MPLS_BOTTOM),
    ("Linux cooked", 113, sll(0x86dd), sll(0x0800)),
    ("Linux cooked v2", 276, sll2(0x86dd), sll2(0x0800)),
    ("raw IP", 101, b"", b""),
    ("BSD loopback AF 24", 0, struct.pack("<I", 24), struct.pack("<I", 2)),
    ("BSD loopback AF 28", 0, struct.pack("<I", 28), struct.pack("<I", 2)),
    ("BSD loopback AF 30, big-endian", 0, struct.pack(">I", 30), struct.pack(">I", 2)),
    ("OpenBSD loopback", 108, struct.pack(">I", 24), struct.pack(">I", 2)),
    ("Frame Relay NLPID", 107, b"\x18\x41\x03\x8e", b"\x18\x41\x03\xcc"),
    ("Frame Relay SNAP", 107, b"\x18\x41\x03\0\x80\0\0\0\x86\xdd",
     b"\x18\x41\x03\0\x80\0\0\0\x08\0"),
    ("Frame Relay Cisco", 107, b"\x18\x41\x86\xdd", b"\x18\x41\x08\0"),
]


def check_lines(out):
    return [ln.split(" ", 1)[1] for ln in out.splitlines() if ln.split(" ", 1)[0].isdigit()]


def test_check_ipv6():
    t = Tree()
    n6 = len(CHECK_V6)
    want = [w for _, _, w, _ in CHECK_V6] + ["pass none -"]
    want_set = [w for _, _, _, w in CHECK_V6] + ["pass none -"]
    # Plumbing first: every link type hands the same bytes over, whatever
    # the validator makes of them; the verdicts are checked once below.
    reference = None
    for i, (name, lt, head6, head4) in enumerate(LINKS6):
        path = os.path.join(t.dir, "v6-%d.pcap" % i)
        write_pcap(path, [head6 + p for _, p, _, _ in CHECK_V6] + [head4 + igmp_report()], lt)
        rc, out, err = t.run("check", path)
        lines = check_lines(out)
        if reference is None:
            reference = lines
        T.ok(rc == 0 and not err and lines == reference and len(lines) == n6 + 1 and
             out.endswith(": %d frames, 1 ipv4, %d ipv6, %d pass, %d drop, 0 skipped\n" % (
                 n6 + 1, n6, sum(ln.startswith("pass") for ln in lines),
                 sum(ln.startswith("drop") for ln in lines))),
             "check, IPv6 over %s: every frame validated, as over Ethernet" % name,
             rc, out, err, reference)
        rc, out, err = t.run("-j", "check", path)
        doc = try_json(out)[0] or {"files": [{}]}
        frames = doc["files"][0].get("frames", [])
        T.ok(rc == 0 and [f.get("family") for f in frames] == ["ipv6"] * n6 + ["ipv4"] and
             doc["files"][0].get("summary", {}).get("ipv6") == n6,
             "check -j, IPv6 over %s: family of each frame, ipv6 in the summary" % name,
             rc, out, err)
    T.ok(reference == want, "check: the IPv6 verdicts under the default policy",
         *["%s: want %r, got %r" % (n, w, g) for (n, _, _, _), w, g in
           zip(CHECK_V6, want, reference or []) if w != g])
    path = os.path.join(t.dir, "v6-0.pcap")
    args = [w for kv in CHECK_SET for w in ("--set", kv)]
    rc, out, err = t.run("check", *(args + [path]))
    got = check_lines(out)
    T.ok(rc == 0 and got == want_set, "check --set %s: the IPv6 knobs decide"
         % " --set ".join(CHECK_SET),
         *["%s: want %r, got %r" % (n, w, g) for (n, _, _, _), w, g in
           zip(CHECK_V6, want_set, got) if w != g])

    rc, out, err = t.run("-j", "check", *(args + [path]))
    pol = (try_json(out)[0] or {}).get("policy", {})
    T.ok(rc == 0 and pol.get("max_ext_headers") == 1 and pol.get("drop_routing0") is True
         and pol.get("drop_bad_padding") is True and
         pol.get("max_query_sources") == int(MAX_DEFAULT) and
         set(pol) == set(n for n, _ in BOOL_KNOBS) | {"max_query_sources", "max_ext_headers",
                                                        "drop_anomalies"},
         "check -j: the policy block has every knob, the IPv6 ones included", pol)
    rc, out, err = t.run("-j", "check", path)
    pol = (try_json(out)[0] or {}).get("policy", {})
    T.ok(pol.get("max_ext_headers") == int(EXT_DEFAULT) and pol.get("drop_routing0") is False,
         "check -j: IPv6 knobs at their defaults", pol)
    for bad in (str(int(EXT_LIMIT) + 1), "-1", "", "x"):
        rc, out, err = t.run("check", "--set", "max_ext_headers=" + bad, path)
        T.ok(rc == 1 and not out and "igmpguardctl check: max_ext_headers: '%s' is not a "
             "number in 0..%s\n" % (bad, EXT_LIMIT) in err,
             "check --set max_ext_headers=%s: usage error" % bad, rc, err)

    # Truncation: the capture lost bytes, or the packet was that short.
    eth = mac_header(0x86dd)
    mld = mld2_report()
    frames = [
        ((eth + UDP6)[:14 + 40], 14 + len(UDP6)),      # payload not captured
        ((eth + UDP6)[:14 + 39], 14 + len(UDP6)),      # header not captured
        ((eth + mld)[:len(eth + mld) - 1], len(eth + mld)),  # one byte short
        eth + UDP6[:-4],                               # short on the wire
        eth + UDP6 + bytes(10),                        # link-layer padding
        mac_header(0x0806) + bytes(28),                # ARP
        (mac_header(0x86dd, [(0x8100, 1)])[:16], 64),  # cut inside the tag
        mac_header(0x8847) + MPLS_BOTTOM + b"\x50" + bytes(39),  # MPLS, version 5
    ]
    path = os.path.join(t.dir, "cut6.pcap")
    write_pcap(path, frames, 1)
    rc, out, err = t.run("check", path)
    lines = check_lines(out)
    T.ok(rc == 0 and lines[:3] == ["skipped truncated-capture"] * 3 and
         lines[5:] == ["skipped not-ip", "skipped truncated-capture", "skipped not-ip"] and
         out.endswith(": 8 frames, 0 ipv4, 2 ipv6, %d pass, %d drop, 6 skipped\n" % (
             sum(ln.startswith("pass") for ln in lines),
             sum(ln.startswith("drop") for ln in lines))),
         "check: IPv6 frames the capture cut are skipped, not judged", out, err)
    T.ok(lines[3:5] == ["drop ip6_header -", "pass none -"],
         "check: an IPv6 packet short on the wire is malformed, padding is ignored", lines)
    t.close()


def test_check_fail_on_drop():
    t = Tree()
    clean, dirty = os.path.join(t.dir, "clean.pcap"), os.path.join(t.dir, "dirty.pcap")
    write_pcap(clean, [igmp_report(), igmp_report()])
    write_pcap(dirty, [igmp_report(), igmp_report(igmp_sum_ok=False)])
    rc, out, err = t.run("check", clean, dirty)
    T.ok(rc == 0 and out.endswith("dirty.pcap: 2 frames, 2 ipv4, 0 ipv6, 1 pass, 1 drop, "
                                  "0 skipped\n")
         and "clean.pcap: 2 frames, 2 ipv4, 0 ipv6, 2 pass, 0 drop" in out,
         "check without --fail-on-drop: 0 although a packet would drop", rc, out, err)
    rc, out, err = t.run("check", "--fail-on-drop", clean)
    T.ok(rc == 0 and "2 pass, 0 drop" in out and not err,
         "check --fail-on-drop, nothing dropped: exit 0", rc, out, err)
    rc, out2, err = t.run("check", "--fail-on-drop", clean, dirty)
    T.ok(rc == 3 and out2 == t.run("check", clean, dirty)[1] and not err,
         "check --fail-on-drop, one drop in the second file: exit 3, same report",
         rc, out2, err)
    rc, out, err = t.run("-j", "check", "--fail-on-drop", dirty)
    doc = try_json(out)[0]
    T.ok(rc == 3 and doc and doc["files"][0]["summary"]["drop"] == 1,
         "-j check --fail-on-drop: exit 3, the whole JSON document", rc, out, err)
    # With the default policy the checksum drops; the bad-checksum packet
    # still drops under any --set, so exit 3 stays.
    rc, out, err = t.run("check", "--fail-on-drop", "--set", "drop_bad_ttl=0", dirty)
    T.ok(rc == 3, "check --fail-on-drop --set ...: exit 3", rc, err)
    rc, out, err = t.run("check", "--fail-on-drop", dirty, os.path.join(t.dir, "missing"))
    T.ok(rc == 2 and "missing: No such file" in err,
         "check --fail-on-drop: an unreadable file wins over a drop (exit 2)", rc, err)
    with open(os.path.join(t.dir, "cut.pcap"), "wb") as f:
        f.write(open(dirty, "rb").read()[:-10])
    rc, out, err = t.run("check", "--fail-on-drop", clean, os.path.join(t.dir, "cut.pcap"))
    T.ok(rc == 2, "check --fail-on-drop: a truncated file is exit 2, not 0", rc, out, err)
    rc, out, err = t.run("check", "--fail-on-drop")
    T.ok(rc == 1, "check --fail-on-drop without files: usage error", rc, err)
    rc, out, err = t.run("check", "--help")
    T.ok(rc == 0 and "--fail-on-drop" in out and re.search(r"\b3 when\b", out),
         "check --help describes --fail-on-drop and exit 3", out)
    t.close()


def test_netns():
    t = Tree(counters={"packets_seen": 3})
    rc, out, err = t.run("-n", "igg-no-such-ns", "stats")
    T.ok(rc == 2 and err.startswith("igmpguardctl: netns igg-no-such-ns: No such file "
                                    "or directory; 'ip netns list' shows the names"),
         "-n of a missing namespace: exit 2, named, with a hint", err)
    for bad in ("a/b", "..", ""):
        rc, out, err = t.run("--netns", bad, "stats")
        T.ok(rc == 1, "-n %r: usage error" % bad, err)
    ns = "igg-ctl-%d" % os.getpid()
    if os.geteuid() != 0 or not shutil.which("ip") or subprocess.run(
            ["ip", "netns", "add", ns], stderr=subprocess.DEVNULL).returncode:
        T.skip("-n of an existing namespace", "cannot make one (need root and ip)")
        t.close()
        return ns, False
    rc, out, err = t.run("-j", "-n", ns, "stats")
    doc, e = try_json(out)
    T.ok(rc == 0 and doc and doc.get("netns") == ns, "-n NAME enters it; JSON names it",
         out, err, e)
    prefix = as_nobody()
    if prefix:
        rc, out, err = t.run("-n", ns, "stats", prefix=prefix)
        T.ok(rc == 2 and "need root to enter a namespace" in err,
             "-n as an unprivileged user: exit 2, says root is needed", err)
    t.close()
    return ns, True


def test_completion(ns):
    if not os.path.exists(BASH_COMPLETION) or not shutil.which("bash"):
        T.skip("bash completion", "bash-completion not installed")
        return
    script = r'''
source %s
source %s
t() {
	COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
	_igmpguardctl igmpguardctl
	echo "${COMPREPLY[*]}"
}
t igmpguardctl ''
t igmpguardctl -j get ''
t igmpguardctl set mode block ''
t igmpguardctl set mode ''
t igmpguardctl set drop_anomalies %s,''
t igmpguardctl -n ''
t igmpguardctl stats --
t igmpguardctl set mode=monitor ''
t igmpguardctl set log=Y mode ''
t igmpguardctl set log Y mode=
t igmpguardctl set drop_anomalies=%s,
t igmpguardctl check --f
t igmpguardctl export ''
t igmpguardctl set ipv6 ''
t igmpguardctl set max_ext_headers=
t igmpguardctl set bridge ''
t igmpguardctl set log=N bridge=m
t igmpguardctl -j get br
''' % (BASH_COMPLETION, COMPLETION, ANOMALIES[0], ANOMALIES[0])
    # The completion asks "igmpguardctl" on the PATH: make it this one.
    bindir = tempfile.mkdtemp(prefix="igg-ctl-bin-")
    os.symlink(CTL, os.path.join(bindir, "igmpguardctl"))
    env = dict(os.environ, PATH=bindir + ":" + os.environ["PATH"])
    p = subprocess.run(["bash", "-c", script], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True, env=env)
    shutil.rmtree(bindir)
    lines = p.stdout.split("\n")
    if len(lines) < 18:
        T.ok(False, "bash completion runs", p.stdout, p.stderr)
        return
    T.ok(lines[0].split() == ["show", "enable", "disable", "mode", "set", "get", "stats",
                              "reset", "export", "check"], "completion: commands", lines[0])
    T.ok(lines[1].split() == KNOBS and lines[2].split() == KNOBS,
         "completion: knob names for get and set", lines[1], lines[2])
    T.ok(lines[3].split() == ["block", "monitor"], "completion: mode values", lines[3])
    T.ok(lines[4].split() == ["%s,%s" % (ANOMALIES[0], a) for a in ANOMALIES] or
         sorted(lines[4].split()) == sorted("%s,%s" % (ANOMALIES[0], a)
                                            for a in ["none"] + ANOMALIES),
         "completion: anomaly names after a comma", lines[4])
    want = sorted(os.listdir("/run/netns")) if os.path.isdir("/run/netns") else []
    T.ok(sorted(lines[5].split()) == want and (ns is None or ns in want),
         "completion: namespace names from /run/netns", lines[5], want)
    T.ok(lines[6].split() == ["--all", "--watch", "--help"], "completion: stats options",
         lines[6])
    T.ok(lines[7].split() == KNOBS, "completion: a knob after KNOB=VALUE", lines[7])
    T.ok(lines[8].split() == ["block", "monitor"] and lines[9].split() == ["block", "monitor"],
         "completion: values after KNOB and after KNOB= (mixed)", lines[8], lines[9])
    T.ok(sorted(lines[10].split()) == sorted("%s,%s" % (ANOMALIES[0], a)
                                            for a in ["none"] + ANOMALIES),
         "completion: anomaly names after drop_anomalies=NAME,", lines[10])
    T.ok(lines[11].split() == ["--fail-on-drop"], "completion: check --fail-on-drop",
         lines[11])
    T.ok(lines[12].split() == ["prometheus", "--output", "--help"],
         "completion: export words", lines[12])
    T.ok(lines[13].split() == ["Y", "N"] and lines[14].split() == [],
         "completion: Y N for ipv6, nothing offered for a number", lines[13], lines[14])
    T.ok(lines[15].split() == BRIDGE_MODES and lines[16].split() == ["malformed"] and
         lines[17].split() == ["bridge"],
         "completion: bridge values after KNOB and KNOB=, and its name", *lines[15:18])


# --- stats --watch ----------------------------------------------------------------

REDRAW = "\x1b[H\x1b[J"


def rate_of(frame, name):
    m = re.search(r"^\s+%s\s+(\d+)\s+([\d.]+)/s$" % re.escape(name), frame, re.M)
    return (int(m.group(1)), float(m.group(2))) if m else None


def test_watch_tty():
    """On a terminal: frames redrawn in place with the right rates."""
    interval = 0.5
    r_mal = [n for n, c in REASONS if c == "malformed"][2]
    t = Tree(counters={"packets_seen": 100})
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execve(CTL, [CTL, "stats", "--watch", str(interval)], t.env())
        finally:
            os._exit(127)
    buf = ""

    def wait_frames(n, limit=10.0):
        nonlocal buf
        end = time.time() + limit
        while buf.count(REDRAW) < n and time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.1)
            if r:
                try:
                    # The terminal turns each \n into \r\n.
                    buf += os.read(fd, 65536).decode().replace("\r\n", "\n")
                except OSError:
                    break
        return buf.count(REDRAW) >= n

    ok = wait_frames(1)
    # Right after frame 1: the next interval sees these increments.
    t.set_counters({"packets_seen": 1100, r_mal: 250})
    # A frame is whole once the next one has begun.
    ok = ok and wait_frames(4)
    # Frozen for longer than the interval: the next rate must divide by
    # the time that really passed, not by the interval.
    os.kill(pid, signal.SIGSTOP)
    stopped = time.time()
    t.set_counters({r_mal: 550})
    time.sleep(3 * interval)
    os.kill(pid, signal.SIGCONT)
    ok = ok and wait_frames(6)
    frames = buf.split(REDRAW)
    os.kill(pid, signal.SIGINT)
    status = None
    end = time.time() + 5
    while time.time() < end:
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
            break
        try:
            select.select([fd], [], [], 0.1)
            os.read(fd, 65536)
        except OSError:
            pass
    if status is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)
    T.ok(ok and len(frames) >= 5, "watch on a tty: frames start with home+clear",
         repr(buf[-500:]))
    if len(frames) < 5:
        t.close()
        return
    f1, f2, f3 = frames[1], frames[2], frames[3]
    seen, mal = rate_of(f2, "packets_seen"), rate_of(f2, r_mal)
    T.ok(rate_of(f1, "packets_seen") == (100, 0.0) and rate_of(f1, r_mal) is None,
         "watch: first frame, rate 0 and zero reasons hidden", f1)
    # Real elapsed time is at least the interval; a loaded machine may add.
    T.ok(seen and seen[0] == 1100 and 1000 / interval / 1.6 <= seen[1] <= 1000 / interval * 1.01
         and mal and mal[0] == 250 and 250 / interval / 1.6 <= mal[1] <= 250 / interval * 1.01,
         "watch: per-second rates of the interval with the change", f2)
    T.ok(abs(seen[1] / mal[1] - 4.0) < 0.01 if seen and mal and mal[1] else False,
         "watch: rates of one frame share the elapsed time", seen, mal)
    T.ok(rate_of(f3, r_mal) == (250, 0.0), "watch: no change, rate back to 0", f3)
    # Frame 4 was read before the stop or just after it; either way the
    # increment shows in frame 4 or 5, over at least the stopped time.
    late = [rate_of(f, r_mal) for f in frames[4:6]]
    late = [r for r in late if r and r[1] > 0]
    T.ok(len(late) == 1 and late[0][0] == 550 and
         300 / (time.time() - stopped) <= late[0][1] <= 300 / (3 * interval) * 1.01,
         "watch: after a stop, the rate divides by the real elapsed time", late,
         frames[4:6])
    T.ok(status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0,
         "watch: SIGINT ends it with exit 0", status)
    t.close()


def test_watch_pipe():
    t = Tree(counters={"packets_seen": 1})
    for json_mode in (False, True):
        t.set_counters({"packets_seen": 1})
        args = [CTL] + (["-j"] if json_mode else []) + ["stats", "--watch", "0.2"]
        p = subprocess.Popen(args, env=t.env(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, universal_newlines=True)
        time.sleep(0.3)
        t.set_counters({"packets_seen": 101})
        time.sleep(0.6)
        p.send_signal(signal.SIGINT)
        try:
            out, err = p.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
        what = "JSON lines" if json_mode else "text"
        if json_mode:
            docs = [try_json(line)[0] for line in out.splitlines()]
            rates = [d["totals"]["packets_seen"]["rate"] for d in docs if d]
            T.ok(p.returncode == 0 and len(docs) >= 3 and all(docs) and
                 any(r > 0 for r in rates) and rates[-1] == 0,
                 "watch -j into a pipe: one JSON object per line, rates move", out, err)
        else:
            blocks = out.split("\n\n")
            T.ok(p.returncode == 0 and REDRAW not in out and "\x1b" not in out and
                 len(blocks) >= 3 and all("packets_seen" in b for b in blocks),
                 "watch into a pipe: plain frames separated by blank lines", out, err)
    for bad in ("0", "-1", "abc", "1e9", "nan"):
        rc, out, err = t.run("stats", "--watch", bad)
        T.ok(rc == 1, "stats --watch %s: usage error" % bad, err)
    t.unload()
    rc, out, err = t.run("stats", "--watch", "0.2")
    T.ok(rc == 2 and "not loaded" in err, "watch without the module: exit 2", err)
    t.close()


def test_man():
    page = os.path.join(TOP, "scripts", "igmpguardctl", "igmpguardctl.8")
    if not shutil.which("man"):
        T.skip("man page renders without warnings", "man-db not installed")
        return
    p = subprocess.run(["man", "--warnings", "-l", page], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True,
                       env=dict(os.environ, MANWIDTH="80"))
    T.ok(p.returncode == 0 and not p.stderr and "IGMPGUARD_SYS_ROOT" in p.stdout,
         "man page renders without warnings", p.stderr)
    missing = [c for c in ["show", "enable", "disable", "mode", "set", "get", "stats",
                           "reset", "export prometheus", "check"] + KNOBS
               if not re.search(r"^\s+(?:\S+, )*%s\b" % re.escape(c), p.stdout, re.M)]
    T.ok(not missing, "man page describes every command and knob", missing)


def main():
    if not os.access(CTL, os.X_OK):
        print("1..0 # SKIP %s not built (make -C scripts/igmpguardctl)" % CTL)
        print("0 passed, 0 failed")
        return 0
    print("TAP version 13")
    print("# %s" % CTL)
    ns, made = None, False
    try:
        for fn in (test_sources, test_grammar, test_show, test_toggles, test_set,
                   test_set_ipv6, test_bridge, test_old_module, test_pre_bridge_module,
                   test_get, test_stats, test_prometheus, test_prometheus_paths, test_export_output, test_check,
                   test_check_fail_on_drop, test_check_ipv6, test_netns,
                   test_completion, test_watch_tty, test_watch_pipe, test_man):
            try:
                if fn is test_netns:
                    ns, made = fn()
                elif fn is test_completion:
                    fn(ns if made else None)
                else:
                    fn()
            except Exception:
                # A crash is a failure of that group, not the end of the run.
                T.ok(False, "%s ran to the end" % fn.__name__, traceback.format_exc())
    finally:
        if made:
            subprocess.run(["ip", "netns", "del", ns])
        for d in Tree.made:
            shutil.rmtree(d, ignore_errors=True)
    return T.finish()


if __name__ == "__main__":
    sys.exit(main())
