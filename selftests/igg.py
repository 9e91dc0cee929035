# SPDX-License-Identifier: GPL-2.0
"""Shared helpers of the igmpguard selftests (python side of lib.sh).

Everything here is plain python3: packets are built and read as bytes, so
the tests need neither scapy nor tcpdump in the guest.

The test bed, one pair of namespaces per Bed:

  +---------- netns igg-peer-PID ----------+     +----------- netns igg-dut-PID -----------+
  | peer0  192.0.2.9/24                    |     | dut0  192.0.2.50/24   (igmpguard hooks) |
  |   AF_PACKET: test frames, sync frames  |veth |   raw IPv4 sockets per protocol,        |
  |                                        |---->|   joined to every group the frames use  |
  +----------------------------------------+     |   AF_PACKET: sync frames (type 0x88b5) |
                                                 +-----------------------------------------+

Whether a packet got through is decided by the dut's raw sockets, never by
igmpguard's counters. A sync frame of a private EtherType follows every
batch: veth hands frames to the receiving stack in order on the sending
CPU, so once the sync frame is seen every earlier frame has been delivered
or dropped, and no timeout has to guess. The kernel's own IGMP reports,
looped back to dut0, would move the counters too, so a tc filter drops
them at dut0's ingress; and the peer's stack never sees the dut's replies
(another tc filter), so it cannot answer them.
"""

import contextlib
import ctypes
import errno
import os
import re
import select
import socket
import struct
import subprocess
import sys
import time

KSFT_PASS = 0
KSFT_FAIL = 1
KSFT_SKIP = 4

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
MODULE = "igmpguard"
PARAMS = "/sys/module/%s/parameters" % MODULE
STATS = "/proc/net/%s/stats" % MODULE
RESET = "/proc/net/%s/reset" % MODULE

# The fixed counters, in /proc order; reason counters follow.
TOTALS = ["packets_seen", "packets_validated", "packets_dropped",
          "packets_monitored", "packets_anomalous"]
# Then the same per family, in this order; the reason counters follow.
FAMILIES = ["ipv4", "ipv6"]
FAMILY_TOTALS = ["%s_%s" % (f, n) for f in FAMILIES for n in TOTALS]
# Then the same for the bridge path, before the reason counters.
BRIDGE_TOTALS = ["bridge_" + n for n in TOTALS]

PEER_ADDR = "192.0.2.9"
DUT_ADDR = "192.0.2.50"
PREFIX = 24
ETH_P_IP = 0x0800
ETH_P_IPV6 = 0x86dd
ETH_P_SYNC = 0x88b5     # IEEE 802 local experimental EtherType
CLONE_NEWNET = 0x40000000


# --- KTAP ---------------------------------------------------------------

class Ktap:
    """KTAP output with the plan at the end and kselftest's exit codes."""

    def __init__(self, name):
        self.name = name
        self.n = 0
        self.counts = {"pass": 0, "fail": 0, "skip": 0}
        print("TAP version 13", flush=True)

    def diag(self, *lines):
        for text in lines:
            for line in str(text).splitlines() or [""]:
                print("# " + line)
        sys.stdout.flush()

    def result(self, ok, desc, diag=()):
        """One test; @diag lines are printed before a failing result."""
        self.n += 1
        desc = desc.replace("#", "no.")
        if not ok:
            self.diag(*diag)
        print("%s %d %s" % ("ok" if ok else "not ok", self.n, desc),
              flush=True)
        self.counts["pass" if ok else "fail"] += 1
        return ok

    def skip(self, desc, why):
        self.n += 1
        print("ok %d %s # SKIP %s" % (self.n, desc.replace("#", "no."), why),
              flush=True)
        self.counts["skip"] += 1

    def finish(self):
        """Print the plan and totals; return the kselftest exit code."""
        c = self.counts
        print("1..%d" % self.n)
        print("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0" %
              (c["pass"], c["fail"], c["skip"]), flush=True)
        if c["fail"]:
            return KSFT_FAIL
        if c["skip"] and not c["pass"]:
            return KSFT_SKIP
        return KSFT_PASS

    def skip_all(self, why):
        print("1..0 # SKIP %s: %s" % (self.name, why), flush=True)
        sys.exit(KSFT_SKIP)

    def bail(self, why):
        """Abort on a broken test bed: one failing result, then exit."""
        self.result(False, "%s: test bed: %s" % (self.name, why))
        sys.exit(self.finish())


# --- processes and namespaces --------------------------------------------

def run(*cmd, check=True, capture=True, input=None):
    """Run a command; return its stdout. Failures raise with stderr."""
    p = subprocess.run(cmd, input=input, text=True,
                       stdout=subprocess.PIPE if capture else None,
                       stderr=subprocess.PIPE if capture else None)
    if check and p.returncode:
        raise RuntimeError("%s: exit %d: %s" % (" ".join(cmd), p.returncode,
                                                (p.stderr or "").strip()))
    return p.stdout if capture else ""


_libc = ctypes.CDLL(None, use_errno=True)


def _setns(fd):
    if _libc.setns(fd, CLONE_NEWNET) != 0:
        e = ctypes.get_errno()
        raise OSError(e, "setns: " + os.strerror(e))


_live = []


def cleanup_all():
    """Delete every namespace this process made (also at exit)."""
    while _live:
        ns = _live.pop()
        subprocess.run(["ip", "netns", "del", ns.name],
                       stderr=subprocess.DEVNULL)


class Netns:
    """A named network namespace (ip netns), deleted at exit."""

    seq = 0

    def __init__(self, role):
        Netns.seq += 1
        self.name = "igg-%s-%d-%d" % (role, os.getpid(), Netns.seq)
        run("ip", "netns", "add", self.name)
        _live.append(self)
        self.link_up("lo")

    def ip(self, *args):
        return run("ip", "-n", self.name, *args)

    def batch(self, tool, lines):
        """Run many ip or tc commands in one process (forks are slow under
        TCG)."""
        return run(tool, "-n", self.name, "-batch", "-",
                   input="\n".join(lines) + "\n")

    def _ifreq(self, dev, req, arg=b""):
        import fcntl
        with self.enter():
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        with s:
            buf = struct.pack("16s", dev.encode()) + arg.ljust(24, b"\0")
            return fcntl.ioctl(s, req, buf)

    def link_up(self, dev):
        SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 1
        flags = struct.unpack_from("H", self._ifreq(dev, SIOCGIFFLAGS), 16)[0]
        self._ifreq(dev, SIOCSIFFLAGS, struct.pack("H", flags | IFF_UP))

    def mac(self, dev):
        SIOCGIFHWADDR = 0x8927
        return self._ifreq(dev, SIOCGIFHWADDR)[18:24]

    def exec(self, *cmd, check=True, input=None):
        return run("ip", "netns", "exec", self.name, *cmd, check=check,
                   input=input)

    @contextlib.contextmanager
    def enter(self):
        """Run the body with this thread in the namespace. Sockets and
        /proc/net files opened inside stay bound to it afterwards."""
        home = os.open("/proc/self/ns/net", os.O_RDONLY)
        target = os.open("/run/netns/" + self.name, os.O_RDONLY)
        try:
            _setns(target)
            try:
                yield self
            finally:
                _setns(home)
        finally:
            os.close(target)
            os.close(home)

    def sysctl(self, key, value):
        with self.enter():
            with open("/proc/sys/" + key.replace(".", "/"), "w") as f:
                f.write(str(value))

    def delete(self):
        if self in _live:
            _live.remove(self)
        run("ip", "netns", "del", self.name)


def have_nfnetlink_hook():
    """Whether the kernel has nfnetlink_hook, loaded or built in (a
    built-in one has no /sys/module entry)."""
    if os.path.isdir("/sys/module/nfnetlink_hook"):
        return True
    try:
        with open("/lib/modules/%s/modules.builtin" % os.uname().release) as f:
            return any(ln.strip().endswith("/nfnetlink_hook.ko") for ln in f)
    except OSError:
        return False


def nft_hooks(ns, family, names):
    """{(hook, function)} for the functions of @names that nft lists in
    family @family (ip, ip6) of namespace @ns (anything with exec()), or
    None when this kernel cannot list hooks."""
    # Without it nft lists nothing, and says nothing either.
    run("modprobe", "-q", "nfnetlink_hook", check=False)
    if not have_nfnetlink_hook():
        return None
    try:
        out = ns.exec("nft", "list", "hooks", family)
    except RuntimeError:
        return None
    found, hook = set(), None
    for ln in out.splitlines():
        m = re.match(r"\s*hook (\w+)", ln)
        if m:
            hook = m.group(1)
            continue
        for fn in names:
            if re.search(r"\b%s\b" % fn, ln):
                found.add((hook, fn))
    return found


# --- the module ------------------------------------------------------------

def module_path():
    """IGG_KO, else ../build/<release>/igmpguard.ko, else None (modprobe).
    IGG_KO set but empty means modprobe too: the installed module."""
    ko = os.environ.get("IGG_KO")
    if ko is not None:
        return ko or None
    ko = os.path.join(TOP, "build", os.uname().release, MODULE + ".ko")
    return ko if os.path.exists(ko) else None


def loaded():
    return os.path.isdir("/sys/module/" + MODULE)


def refcount():
    with open("/sys/module/%s/refcnt" % MODULE) as f:
        return int(f.read())


def unload():
    if loaded():
        run("rmmod", MODULE)


def load(**params):
    """(Re)load the module with @params; raise with insmod's words."""
    unload()
    args = ["%s=%s" % (k, v) for k, v in params.items()]
    ko = module_path()
    if ko:
        run("insmod", ko, *args)
    else:
        run("modprobe", MODULE, *args)


def can_load():
    """None if the module can be loaded here, else why not."""
    if os.geteuid() != 0:
        return "needs root"
    ko = module_path()
    if ko and not os.path.exists(ko):
        return "%s not found" % ko
    if not ko and subprocess.run(["modinfo", MODULE], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL).returncode:
        return "no %s.ko (set IGG_KO or build it)" % MODULE
    return None


def param(name):
    with open(os.path.join(PARAMS, name)) as f:
        return f.read().rstrip("\n")


def set_param(name, value):
    """Write @value in one write(2); return 0 or the errno."""
    try:
        fd = os.open(os.path.join(PARAMS, name), os.O_WRONLY)
    except OSError as e:
        return e.errno
    try:
        os.write(fd, value.encode() if isinstance(value, str) else value)
        return 0
    except OSError as e:
        return e.errno
    finally:
        os.close(fd)


def reasons():
    """[(name, class)] in enum order, from the header (class lower-case)."""
    inc = os.path.join(TOP, "include", MODULE)
    for fname in ("reason-list.h", "reasons.h"):
        path = os.path.join(inc, fname)
        if not os.path.exists(path):
            continue
        with open(path) as f:
            text = f.read()
        found = re.findall(r"\b(?:X|IGG_REASON)\(\s*[A-Z0-9_]+\s*,\s*(\w+)\s*,"
                           r"\s*(MALFORMED|POLICY|ANOMALY)\s*,", text)
        if found:
            return [(n, c.lower()) for n, c in found]
    return []


def knobs():
    """[(knob, [reason names, one per family], default)] from the header."""
    path = os.path.join(TOP, "include", MODULE, "knob-list.h")
    pat = (r"\bIGG_BOOL_KNOB\(\s*(\w+)\s*,\s*IGG_R_(\w+)\s*,"
           r"\s*IGG_R_(\w+)\s*,\s*(\d)")
    with open(path) as f:
        return [(k, [r.lower() for r in (r4, r6) if r != "NONE"], d == "1")
                for k, r4, r6, d in re.findall(pat, f.read())]


# --- counters ------------------------------------------------------------------

def parse_stats(text):
    """Ordered [(name, value)] of 'name value' lines; ValueError if not."""
    out = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) != 2 or not fields[1].isdigit():
            raise ValueError("bad stats line %r" % line)
        out.append((fields[0], int(fields[1])))
    return out


class Stats:
    """/proc/net/igmpguard/stats of one namespace, opened once: a seq_file
    keeps the namespace it was opened in, so reading it needs no setns."""

    def __init__(self, ns):
        """@ns: a Netns, or None for the caller's own namespace."""
        self.ns = ns
        with ns.enter() if ns else contextlib.nullcontext():
            self.fd = os.open(STATS, os.O_RDONLY)

    def lines(self):
        os.lseek(self.fd, 0, os.SEEK_SET)
        chunks = []
        while True:
            b = os.read(self.fd, 65536)
            if not b:
                break
            chunks.append(b)
        return parse_stats(b"".join(chunks).decode())

    def read(self):
        return dict(self.lines())

    def reset(self):
        with self.ns.enter():
            fd = os.open(RESET, os.O_WRONLY)
            try:
                os.write(fd, b"0")
            finally:
                os.close(fd)

    def close(self):
        os.close(self.fd)


def delta(before, after):
    return {k: after[k] - before.get(k, 0) for k in after}


def diff_counters(got, want):
    """Lines describing where @got differs from @want (missing = 0)."""
    out = []
    for k in sorted(set(got) | set(want)):
        if got.get(k, 0) != want.get(k, 0):
            out.append("counter %s moved by %d, expected %d" %
                       (k, got.get(k, 0), want.get(k, 0)))
    return out


# --- packets ----------------------------------------------------------------------

def inet_csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def aton(a):
    return socket.inet_aton(a)


def ipv4(src, dst, proto, payload, ttl=64, tos=0, ident=1, frag=0,
         opts=b""):
    """An IPv4 datagram; @opts is padded with EOL to a multiple of 4."""
    opts += b"\0" * (-len(opts) % 4)
    h = struct.pack("!BBHHHBBH4s4s", 0x45 + len(opts) // 4, tos,
                    20 + len(opts) + len(payload), ident, frag, ttl, proto, 0,
                    aton(src), aton(dst)) + opts
    return h[:10] + struct.pack("!H", inet_csum(h)) + h[12:] + payload


def with_csum(msg):
    """IGMP or ICMP message with its checksum (offset 2) filled in."""
    msg = msg[:2] + b"\0\0" + msg[4:]
    return msg[:2] + struct.pack("!H", inet_csum(msg)) + msg[4:]


def with_length(hdr, tot_len, frag):
    """IPv4 header @hdr with total length @tot_len, flags and offset @frag,
    and its checksum to match."""
    h = bytearray(hdr)
    struct.pack_into("!H", h, 2, tot_len)
    struct.pack_into("!H", h, 6, frag)
    h[10:12] = b"\0\0"
    h[10:12] = struct.pack("!H", inet_csum(bytes(h)))
    return bytes(h)


def fragments(pkt, size=None, cuts=None):
    """Split datagram @pkt into fragments of @size payload bytes, or at the
    payload offsets @cuts (multiples of 8). Every fragment keeps the whole
    option area."""
    hl = (pkt[0] & 15) * 4
    hdr, data = pkt[:hl], pkt[hl:struct.unpack("!H", pkt[2:4])[0]]
    if cuts is None:
        cuts = range(size, len(data), size)
    bounds = [0] + [c for c in cuts if 0 < c < len(data)] + [len(data)]
    out = []
    for off, end in zip(bounds, bounds[1:]):
        piece = data[off:end]
        more = 0x2000 if end < len(data) else 0
        out.append(with_length(hdr, hl + len(piece), more | off // 8) + piece)
    return out


def reassembled(frags):
    """The datagram the stack makes of @frags (in any order): the first
    fragment's header, no fragment bits, the payloads in offset order."""
    def offset(f):
        return (struct.unpack("!H", f[6:8])[0] & 0x1fff) * 8
    frags = sorted(frags, key=offset)
    hl = (frags[0][0] & 15) * 4
    data = b"".join(f[(f[0] & 15) * 4:] for f in frags)
    return with_length(frags[0][:hl], hl + len(data), 0) + data


def header_ok(pkt):
    """Whether ip_rcv_core() lets @pkt through to PRE_ROUTING: version 4,
    IHL >= 5, header present and summing to zero, a total length that fits
    both the header and the frame."""
    if len(pkt) < 20 or pkt[0] >> 4 != 4 or pkt[0] & 15 < 5:
        return False
    hl = (pkt[0] & 15) * 4
    if len(pkt) < hl or inet_csum(pkt[:hl]) != 0:
        return False
    tot = struct.unpack("!H", pkt[2:4])[0]
    return hl <= tot <= len(pkt)


def set_ident(pkt, ident):
    """@pkt with IP ID @ident; the header checksum stays right if it was
    and stays wrong if it was not."""
    if len(pkt) < 20 or pkt[0] & 15 < 5 or len(pkt) < (pkt[0] & 15) * 4:
        return pkt
    hl = (pkt[0] & 15) * 4
    good = inet_csum(pkt[:hl]) == 0
    h = bytearray(pkt[:hl])
    struct.pack_into("!H", h, 4, ident)
    h[10:12] = b"\0\0"
    c = inet_csum(bytes(h))
    if not good:
        c ^= 0x5a5a
    h[10:12] = struct.pack("!H", c)
    return bytes(h) + pkt[hl:]


def mcast_mac(addr):
    b = aton(addr)
    return bytes([0x01, 0x00, 0x5e, b[1] & 0x7f, b[2], b[3]])


def is_multicast(addr):
    return 224 <= aton(addr)[0] <= 239


def eth_frame(pkt, host_mac, src_mac, ethertype=ETH_P_IP):
    """Ethernet frame for IPv4 @pkt: to the group's MAC for multicast, to
    ff:ff:ff:ff:ff:ff for broadcast, else to @host_mac."""
    mac = host_mac
    if len(pkt) >= 20:
        dst = socket.inet_ntoa(pkt[16:20])
        if is_multicast(dst):
            mac = mcast_mac(dst)
        elif dst == "255.255.255.255" or dst.endswith(".255"):
            mac = b"\xff" * 6
    return mac + src_mac + struct.pack("!H", ethertype) + pkt


# --- pcap and the vectors ------------------------------------------------------

def read_pcap(path):
    """Frames of a classic pcap file (any byte order, us or ns stamps)."""
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        end = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        end = ">"
    else:
        raise ValueError("%s: not a classic pcap file" % path)
    linktype = struct.unpack(end + "I", data[20:24])[0]
    frames, off = [], 24
    while off + 16 <= len(data):
        incl = struct.unpack(end + "I", data[off + 8:off + 12])[0]
        frames.append(data[off + 16:off + 16 + incl])
        off += 16 + incl
    return linktype, frames


class Vector:
    """One row of vectors.tsv (or vectors6.tsv) with its frame: Ethernet
    header stripped. The IPv4 properties (proto, dst, validated,
    is_fragment) are None or False for a frame of another EtherType."""

    def __init__(self, row, frame):
        self.index = int(row["index"])
        self.id = row["id"]
        self.verdict = row["verdict"]
        self.reason = row["reason"]
        a = row["anomalies"]
        self.anomalies = [] if a in ("-", "") else a.split(",")
        self.desc = row.get("description", "")
        self.ethertype = struct.unpack("!H", frame[12:14])[0]
        self.ip = frame[14:]

    @classmethod
    def from_ip(cls, vid, ip, verdict="pass", reason="none", anomalies=(),
                desc=""):
        """A vector made here rather than read from the pcap."""
        row = {"index": 0, "id": vid, "verdict": verdict, "reason": reason,
               "anomalies": ",".join(anomalies) or "-", "description": desc}
        return cls(row, b"\0" * 12 + struct.pack("!H", ETH_P_IP) + ip)

    @property
    def drops(self):
        return self.verdict == "drop"

    @property
    def reaches_hook(self):
        return self.ethertype == ETH_P_IP and header_ok(self.ip)

    @property
    def ipv4(self):
        """Enough bytes in an IPv4 frame to read the header's fields."""
        return self.ethertype == ETH_P_IP and len(self.ip) >= 20

    @property
    def validated(self):
        """Given to the validator: options or IGMP."""
        return self.ipv4 and (self.ip[0] & 15 > 5 or self.ip[9] == 2)

    @property
    def proto(self):
        return self.ip[9] if self.ipv4 else None

    @property
    def dst(self):
        return socket.inet_ntoa(self.ip[16:20]) if self.ipv4 else None

    @property
    def is_fragment(self):
        return self.ipv4 and struct.unpack(
            "!H", self.ip[6:8])[0] & 0x3fff != 0

    def title(self):
        return "%s (%s)" % (self.id, self.desc) if self.desc else self.id


def load_vectors(directory=None, name="vectors"):
    """The committed vectors, or None if they are not there; @name
    "vectors6" for the IPv6 ones."""
    directory = (directory or os.environ.get("IGG_VECTORS") or
                 os.path.join(TOP, "tests", "vectors"))
    pcap = os.path.join(directory, name + ".pcap")
    tsv = os.path.join(directory, name + ".tsv")
    if not (os.path.exists(pcap) and os.path.exists(tsv)):
        return None
    linktype, frames = read_pcap(pcap)
    if linktype != 1:
        raise ValueError("%s: link type %d, expected Ethernet" %
                         (pcap, linktype))
    with open(tsv) as f:
        lines = [ln.rstrip("\n") for ln in f if ln.strip()]
    cols = lines[0].split("\t")
    rows = [dict(zip(cols, ln.split("\t"))) for ln in lines[1:]]
    if len(rows) != len(frames):
        raise ValueError("%d rows in %s but %d frames in %s" %
                         (len(rows), tsv, len(frames), pcap))
    out = []
    for row in rows:
        i = int(row["index"])
        out.append(Vector(row, frames[i - 1]))
    return out


class Outcome:
    """What the validator says about a vector under some policy."""

    def __init__(self, drops, reason, anomalies):
        self.drops = drops
        self.reason = reason
        self.anomalies = list(anomalies)

    def __repr__(self):
        return "%s %s [%s]" % ("drop" if self.drops else "pass", self.reason,
                               ",".join(self.anomalies))


def default_drop_set(classes):
    """Every policy reason drops by default but those of a knob that
    defaults to N (the numeric limits have no knob); no anomaly does."""
    off = {r for _, rs, d in knobs() if not d for r in rs}
    return {n for n, c in classes.items() if c == "policy" and n not in off}


def outcome(vec, drop_set, classes, order):
    """The vector's verdict under the policy that drops @drop_set. The tsv
    gives the default verdict and every other finding, and the validator
    decides at the end from all findings, so the findings are the same
    under any drop set: a malformed reason still decides, otherwise the
    first finding (enum order) in the drop set does."""
    if vec.reason != "none" and classes[vec.reason] == "malformed":
        return Outcome(True, vec.reason, vec.anomalies)
    found = sorted(([vec.reason] if vec.reason != "none" else []) +
                   vec.anomalies, key=order.get)
    drops = [f for f in found if f in drop_set]
    if drops:
        return Outcome(True, drops[0], [f for f in found if f != drops[0]])
    return Outcome(False, "none", found)


def expected_delta(vec, out, mode, names):
    """What one vector should add to each counter, given its outcome and
    the mode: block, monitor or off (enabled=0). A drop verdict counts its
    reason in both modes; monitor mode passes the packet and counts it as
    monitored, not anomalous."""
    want = {n: 0 for n in names}
    if mode == "off" or not vec.reaches_hook:
        return want
    want["packets_seen"] = 1
    if vec.validated:
        want["packets_validated"] = 1
    if out.drops:
        want["packets_dropped" if mode == "block" else
             "packets_monitored"] = 1
        want[out.reason] += 1
    elif out.anomalies:
        want["packets_anomalous"] = 1
    for a in out.anomalies:
        want[a] += 1
    # The vectors are IPv4: each total moves its IPv4 line alike.
    for n in TOTALS:
        want["ipv4_" + n] = want[n]
    return want


def check_vector(bed, stats, names, vec, stock, out, mode):
    """Send one vector; return what went wrong (empty list if nothing).
    @stock: whether the stock kernel delivers it."""
    before = stats.read()
    delivered = bed.send_vectors([vec])[0]
    after = stats.read()
    want_delivery = stock and not (out.drops and mode == "block")
    problems = diff_counters(delta(before, after),
                             expected_delta(vec, out, mode, names))
    if delivered != want_delivery:
        problems.insert(0, "%s, expected %s (the stock kernel %s it)" % (
            "delivered" if delivered else "not delivered",
            "delivered" if want_delivery else "not delivered",
            "delivers" if stock else "drops"))
    return ["%s (%s, expect %r): %s" % (vec.id, mode, out, p)
            for p in problems]


class Kmsg:
    """New kernel log lines since the last call."""

    def __init__(self):
        self.fd = os.open("/dev/kmsg", os.O_RDONLY | os.O_NONBLOCK)
        os.lseek(self.fd, 0, os.SEEK_END)

    def lines(self):
        out = []
        while True:
            try:
                rec = os.read(self.fd, 8192).decode(errors="replace")
            except BlockingIOError:
                return out
            except OSError as e:  # EPIPE: overwritten while we slept
                if e.errno != errno.EPIPE:
                    raise
                continue
            out.append(rec.split(";", 1)[-1].split("\n", 1)[0])

    def close(self):
        os.close(self.fd)


def check_datagram(bed, stats, names, frags, outs, mode, want_delivery,
                   whole=None):
    """Send the fragments @frags of one datagram (each judged as in @outs)
    and check the summed counters and whether the datagram arrived.
    @whole: how the local in hook judges the IGMP datagram the stack
    reassembles, None when it is not IGMP or never reassembled."""
    judged = list(zip(frags, outs))
    if whole is not None:
        judged.append((reassembled(frags), whole))
    want = {n: 0 for n in names}
    for f, o in judged:
        for k, v in expected_delta(Vector.from_ip("frag", f), o, mode,
                                   names).items():
            want[k] += v
    before = stats.read()
    delivered = bed.exchange([frags])[0]
    after = stats.read()
    problems = diff_counters(delta(before, after), want)
    if delivered != want_delivery:
        problems.insert(0, "%s, expected %s" % (
            "delivered" if delivered else "not delivered",
            "delivered" if want_delivery else "not delivered"))
    return problems


def stock_delivery(bed, vecs):
    """Which vectors the stack delivers without igmpguard, in batches the
    receive backlog can hold."""
    if loaded():
        raise RuntimeError("stock_delivery() needs igmpguard unloaded")
    out = []
    for i in range(0, len(vecs), 64):
        out += bed.send_vectors(vecs[i:i + 64])
    return out


# --- the test bed ---------------------------------------------------------------------

class Bed:
    """A peer namespace sending raw frames into a protected namespace."""

    DEV = "dut0"

    def __init__(self, protos=(1, 2, 17), groups=(), tag="dut", deaf=True):
        self.peer = Netns("peer")
        self.dut = Netns(tag)
        self._quiet(self.peer)
        self._quiet(self.dut)
        self.peer.batch("ip", [
            "link add peer0 type veth peer name dut0 netns " + self.dut.name,
            "addr add %s/%d dev peer0" % (PEER_ADDR, PREFIX),
            "link set peer0 up"])
        self._dut_up()
        # The peer only sends. Were its stack to hear the dut's replies it
        # could answer them (an ICMP error for an echoed option, say), and
        # that answer would count in the dut namespace. Tests of real
        # protocol exchanges want a peer that hears (deaf=False).
        if deaf:
            self.peer.batch("tc", [
                "qdisc add dev peer0 ingress",
                "filter add dev peer0 parent ffff: protocol ip prio 1 u32 "
                "match u32 0 0 action drop"])
        self.peer_mac = self.peer.mac("peer0")
        with self.peer.enter():
            self.tx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
            self.tx.bind(("peer0", 0))
        self._sockets(protos, groups)

    @staticmethod
    def _quiet(ns):
        # No IPv6 chatter (DAD, MLD) on the wire; a kernel without IPv6
        # (the debug kernel) has none to silence.
        if not os.path.isdir("/proc/sys/net/ipv6"):
            return
        ns.sysctl("net.ipv6.conf.all.disable_ipv6", 1)
        ns.sysctl("net.ipv6.conf.default.disable_ipv6", 1)

    def _dut_up(self):
        d, dev = self.dut, self.DEV
        d.sysctl("net.ipv4.igmp_max_memberships", 1024)
        d.sysctl("net.ipv4.conf.all.rp_filter", 0)
        d.sysctl("net.ipv4.conf.default.rp_filter", 0)
        d.sysctl("net.ipv4.conf.all.accept_source_route", 0)
        d.sysctl("net.ipv4.conf.all.log_martians", 0)
        d.batch("ip", ["addr add %s/%d dev %s" % (DUT_ADDR, PREFIX, dev),
                       "link set %s up" % dev])
        # The kernel loops its own IGMP reports back into the device; they
        # are not part of any test and would move packets_seen.
        d.batch("tc", [
            "qdisc add dev %s ingress" % dev,
            "filter add dev %s parent ffff: protocol ip prio 1 u32 "
            "match ip src %s/32 action drop" % (dev, DUT_ADDR)])
        self.dut_mac = d.mac(dev)

    def _sockets(self, protos, groups):
        dev = self.DEV
        with self.dut.enter():
            self.ifindex = socket.if_nametoindex(dev)
            self.sync_rx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                                         socket.htons(ETH_P_SYNC))
            self.sync_rx.bind((dev, ETH_P_SYNC))
            self.raw = {}
            for p in protos:
                self.open_proto(p)
            # Group memberships live on a socket of their own.
            self.joiner = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.groups = set()
        for g in groups:
            self.join(g)
        self.seq = 0
        # Fresh IP IDs per run keep fragments of different sends apart.
        self.next_id = (os.getpid() * 7919) & 0xffff
        # One CPU keeps every frame and its sync frame in one backlog.
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        self.sync(timeout=20, resend=0.2)

    def _tx(self, frame):
        self.tx.send(frame)

    def open_proto(self, proto):
        if proto in getattr(self, "raw", {}) or proto is None:
            return
        with self.dut.enter():
            s = socket.socket(socket.AF_INET, socket.SOCK_RAW, proto)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
            s.setblocking(False)
            self.raw[proto] = s

    def join(self, group):
        """Join @group on dut0 so that the stack accepts datagrams to it."""
        if group in self.groups or group == "224.0.0.1":
            return
        mreq = struct.pack("4s4si", aton(group), aton("0.0.0.0"),
                           self.ifindex)
        self.joiner.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                               mreq)
        self.groups.add(group)

    def frame(self, pkt, ethertype=ETH_P_IP):
        return eth_frame(pkt, self.dut_mac, self.peer_mac, ethertype)

    def sync(self, timeout=10, resend=None):
        """Send a sync frame and wait for it at dut0; with @resend, send it
        again every @resend seconds (while the link comes up)."""
        self.seq += 1
        tag = b"IGGSYNC" + struct.pack("!Q", self.seq)
        frame = (self.dut_mac + self.peer_mac +
                 struct.pack("!H", ETH_P_SYNC) + tag.ljust(46, b"\0"))
        deadline = time.monotonic() + timeout
        while True:
            self._tx(frame)
            wait_until = min(deadline, time.monotonic() + (resend or timeout))
            while True:
                left = wait_until - time.monotonic()
                if left <= 0:
                    break
                r, _, _ = select.select([self.sync_rx], [], [], left)
                if r and self.sync_rx.recv(2048)[14:14 + len(tag)] == tag:
                    return
            if time.monotonic() >= deadline:
                raise RuntimeError("sync frame %d not received in %ds" %
                                   (self.seq, timeout))

    def drain(self):
        """Every datagram queued on the raw sockets: [(proto, bytes)]."""
        got = []
        for proto, s in self.raw.items():
            while True:
                try:
                    got.append((proto, s.recv(65535)))
                except BlockingIOError:
                    break
        return got

    def new_id(self):
        self.next_id = (self.next_id + 1) & 0xffff or 1
        return self.next_id

    def exchange(self, datagrams):
        """Send each datagram (a list of IPv4 fragments, or one bytes) with
        an IP ID of its own; return for each whether it reached a raw
        socket in the dut namespace."""
        sent = []
        self.drain()
        for d in datagrams:
            frags = [d] if isinstance(d, (bytes, bytearray)) else list(d)
            ident = self.new_id()
            frags = [set_ident(f, ident) for f in frags]
            src = frags[0][12:16] if len(frags[0]) >= 20 else None
            proto = frags[0][9] if len(frags[0]) >= 20 else None
            self.open_proto(proto)
            for f in frags:
                self._tx(self.frame(f))
            sent.append((ident, src, proto))
        self.sync()
        got = self.drain()
        seen = set()
        for proto, b in got:
            if len(b) >= 20:
                seen.add((struct.unpack("!H", b[4:6])[0], b[12:16], proto))
        return [s in seen for s in sent]

    def send_vectors(self, vecs):
        """Like exchange() for test vectors: their own EtherType, bytes past
        the IP total length (link-layer padding) kept."""
        out = []
        for v in vecs:
            if v.ethertype != ETH_P_IP:
                self._tx(self.frame(v.ip, v.ethertype))
                self.sync()
                out.append(False)
            else:
                out.extend(self.exchange([v.ip]))
        return out

    def close(self):
        for s in list(self.raw.values()) + [self.tx, self.sync_rx,
                                           self.joiner]:
            s.close()
        self.peer.delete()
        self.dut.delete()


TUNSETIFF = 0x400454ca
IFF_TAP = 0x0002
IFF_NAPI = 0x0010
IFF_NAPI_FRAGS = 0x0020
IFF_NO_PI = 0x1000


class TapBed(Bed):
    """The protected namespace gets its frames from a tap device instead:
    with IFF_NAPI_FRAGS, tun builds the skb with the first iovec of each
    writev() as its linear part and every further iovec as a page
    fragment, and hands it to GRO, so the hook meets paged packets.
    @split(frame) returns the iovecs."""

    DEV = "tap0"

    def __init__(self, split, protos=(1, 2, 17), groups=()):
        import fcntl
        self.peer = None
        self.dut = Netns("tap")
        self._quiet(self.dut)
        self.split = split
        with self.dut.enter():
            self.fd = os.open("/dev/net/tun", os.O_RDWR)
        flags = IFF_TAP | IFF_NO_PI | IFF_NAPI | IFF_NAPI_FRAGS
        fcntl.ioctl(self.fd, TUNSETIFF,
                    struct.pack("16sH", self.DEV.encode(), flags))
        self._dut_up()
        self.peer_mac = bytes.fromhex("020000000009")
        self.tx = None
        # Nobody behind the tap answers ARP. Without this entry, what the
        # dut sends to the peer (echo replies and ICMP errors, with the
        # vector's options echoed) waits on a resolution that fails
        # seconds later, and that failure's ICMP unreachables came back
        # through the hook under a later vector (seen on the debug kernel,
        # slow enough for the timer to fire mid-run).
        self.dut.ip("neigh", "replace", PEER_ADDR, "lladdr",
                    self.peer_mac.hex(":"), "nud", "permanent",
                    "dev", self.DEV)
        self._sockets(protos, groups)

    def _tx(self, frame):
        os.writev(self.fd, self.split(frame))

    def close(self):
        for s in list(self.raw.values()) + [self.sync_rx, self.joiner]:
            s.close()
        os.close(self.fd)
        self.dut.delete()


def vector_groups(vecs):
    return sorted({v.dst for v in vecs if v.dst and is_multicast(v.dst)})


def preflight(t, need_vectors=False):
    """Skip the whole program when this machine cannot run it."""
    if os.geteuid() != 0:
        t.skip_all("must run as root")
    why = can_load()
    if why:
        t.skip_all(why)
    for tool in ("ip", "tc", "insmod", "rmmod"):
        if subprocess.run(["sh", "-c", "command -v " + tool],
                          stdout=subprocess.DEVNULL).returncode:
            t.skip_all("%s not installed" % tool)
    if need_vectors:
        try:
            vecs = load_vectors()
        except ValueError as e:
            t.bail(str(e))
        if vecs is None:
            t.skip_all("tests/vectors/vectors.{pcap,tsv} not found")
        return vecs
    return None


def main_guard(fn):
    """Run @fn(ktap) with cleanup of namespaces and a clean exit code."""
    import atexit
    atexit.register(cleanup_all)
    name = os.path.basename(sys.argv[0])
    t = Ktap(name)
    try:
        rc = fn(t)
    except SystemExit:
        raise
    except Exception as e:  # a broken bed is one failure, not a traceback
        import traceback
        t.diag(traceback.format_exc())
        t.result(False, "%s ran to the end (%s)" % (name, e))
        rc = t.finish()
    finally:
        cleanup_all()
        if loaded():
            subprocess.run(["rmmod", MODULE], stderr=subprocess.DEVNULL)
    sys.exit(rc)


def writer():
    """Serve lib.sh: read "PATH<TAB>HEX" lines, write the bytes to PATH in
    one write(2) and answer OK or the errno name. bash cannot do this
    itself: it line-buffers, so "0\\n\\n" would be two writes."""
    for line in sys.stdin:
        path, _, hexval = line.rstrip("\n").partition("\t")
        try:
            fd = os.open(path, os.O_WRONLY)
            try:
                os.write(fd, bytes.fromhex(hexval))
            finally:
                os.close(fd)
            print("OK", flush=True)
        except OSError as e:
            print(errno.errorcode.get(e.errno, str(e.errno)), flush=True)


if __name__ == "__main__":
    # Tiny CLI for lib.sh: "info" prints "reason NAME CLASS" lines in enum
    # order and "knob NAME REASON DEFAULT" lines; "writer" serves
    # single-write(2) writes.
    if sys.argv[1:] == ["info"]:
        for n, c in reasons():
            print("reason", n, c)
        for k, rs, d in knobs():
            print("knob", k, ",".join(rs), "Y" if d else "N")
    elif sys.argv[1:] == ["writer"]:
        writer()
    else:
        sys.exit("usage: igg.py info|writer")


def wait_mdb(ns, group, bridge="br0", timeout=15.0):
    """What `bridge mdb show dev @bridge` in namespace @ns says once it
    names @group, or last says after @timeout seconds."""
    learned = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and group not in learned:
        time.sleep(0.5)
        learned = ns.exec("bridge", "mdb", "show", "dev", bridge)
    return learned


def wait_igmp(sock, match, timeout=8.0):
    """The first IGMP datagram on the raw socket @sock for which
    match(src, body) holds (src dotted, body from the IGMP header on),
    or None after @timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        r, _, _ = select.select([sock], [], [], left)
        if not r:
            continue
        try:
            pkt = sock.recv(65535)
        except BlockingIOError:
            continue
        body = pkt[(pkt[0] & 15) * 4:]
        if len(body) >= 8 and match(socket.inet_ntoa(pkt[12:16]), body):
            return pkt
