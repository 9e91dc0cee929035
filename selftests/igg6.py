# SPDX-License-Identifier: GPL-2.0
"""IPv6 side of the selftest helpers (igg.py is the IPv4 side it builds on).

The test bed, one pair of namespaces per Bed6:

  +------- netns igg-peer-PID -------+      +-------- netns igg-dut-PID ---------+
  | peer0  (IPv6 off, or fe80::1 and |      | dut0  fe80::2, 2001:db8::2/64      |
  |        2001:db8::9 for real      | veth |   raw IPv6 sockets per next header,|
  |        stacks)                   |----->|   joined to the groups the tests  |
  |   AF_PACKET: test and sync frames|      |   send to; AF_PACKET: sync frames  |
  +----------------------------------+      +------------------------------------+

Addresses are fixed (no SLAAC, no DAD) so that the notes' packets
(../shared/reference/ipv6-notes.md section 6) apply unchanged: the dut is
the notes' host, its solicited-node group ff02::1:ff00:2 always joined.
Delivery is seen by the dut's raw sockets, which get the upper-layer
message only: a datagram counts as delivered when a message that ends it
arrives. The dut's own MLD and ND messages that the kernel loops back to
dut0 (it does for groups the dut is in) are dropped at dut0's ingress by
their source address, so they move no counter.
"""

import os
import socket
import struct
import time

import igg

ETH_P_IPV6 = 0x86dd
DUT_LL = "fe80::2"
DUT_ADDR = "2001:db8::2"
PEER_LL = "fe80::1"
PEER_ADDR = "2001:db8::9"
PREFIX = 64
SOLICITED = "ff02::1:ff00:2"    # the dut's solicited-node group
IFA_F_TENTATIVE = 0x40

# Next headers after which the walk goes on: the chain igmpguard validates.
EXT_HEADERS = (0, 43, 44, 51, 60)
MLD_TYPES = (130, 131, 132, 143)
FAMILY_TOTALS = ["ipv6_" + n for n in igg.TOTALS]


def kernel_has_ipv6():
    return os.path.isdir("/proc/sys/net/ipv6")


def guards_ipv6(names):
    """Whether a module whose stats file lists @names knows IPv6 at all.
    A module built before the IPv6 reasons has none of them; one that lists
    them but does not guard IPv6 must fail the tests, not skip them."""
    return any(n.startswith(("mld_", "ext_", "ip6_")) for n in names)


def preflight6(t):
    """igg.preflight(), then skip without IPv6 in the kernel or module."""
    igg.preflight(t)
    if not kernel_has_ipv6():
        t.skip_all("the kernel runs without IPv6 (ipv6.disable=1?)")
    igg.unload()
    igg.load()
    try:
        names = [n for n, _ in igg.Stats(None).lines()]
    finally:
        igg.unload()
    if not guards_ipv6(names):
        t.skip_all("this igmpguard has no IPv6 counters in %s" % igg.STATS)


def is_multicast(addr):
    return socket.inet_pton(socket.AF_INET6, addr)[0] == 0xff


def eth_frame(pkt, host_mac, src_mac):
    """Ethernet frame for IPv6 @pkt: to 33:33 and the group's low 32 bits
    for a multicast destination, else to @host_mac."""
    mac = host_mac
    if len(pkt) >= 40 and pkt[24] == 0xff:
        mac = b"\x33\x33" + pkt[36:40]
    return mac + src_mac + struct.pack("!H", ETH_P_IPV6) + pkt


def first_validated(pkt):
    """Whether igmpguard gives @pkt to the validator: the first next header
    is an extension header, or it is an MLD message (the fast path takes
    everything else). None when the plan leaves it open (ESP, no next
    header, mobility and the like as first header)."""
    nh = pkt[6]
    if nh in EXT_HEADERS:
        return True
    if nh == 58:
        return len(pkt) > 40 and pkt[40] in MLD_TYPES
    if nh in (50, 59, 135, 139, 140):
        return None
    return False


def ip6(src, dst, nh, payload, hlim=64):
    """An IPv6 packet without extension headers."""
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), nh, hlim,
                       socket.inet_pton(socket.AF_INET6, src),
                       socket.inet_pton(socket.AF_INET6, dst)) + payload


def icmp6(src, dst, msg, hlim=64):
    """ICMPv6 message @msg (checksum bytes ignored) in an IPv6 packet, with
    its checksum over the pseudo-header filled in."""
    msg = msg[:2] + b"\0\0" + msg[4:]
    pseudo = (socket.inet_pton(socket.AF_INET6, src) +
              socket.inet_pton(socket.AF_INET6, dst) +
              struct.pack("!I3xB", len(msg), 58))
    msg = msg[:2] + struct.pack("!H", igg.inet_csum(pseudo + msg)) + msg[4:]
    return ip6(src, dst, 58, msg, hlim)


def fragments(pkt, size=None, cuts=None, ident=1):
    """Split IPv6 packet @pkt into fragments of @size payload bytes, or at
    the offsets @cuts (multiples of 8) of its fragmentable part. The
    unfragmentable part is the IPv6 header and a Hop-by-Hop header if it
    has one; every fragment carries it, then a fragment header."""
    end = 40
    nh_at, nh = 6, pkt[6]
    if nh == 0:
        nh_at, nh = end, pkt[end]
        end += 8 * (pkt[end + 1] + 1)
    head, data = bytearray(pkt[:end]), pkt[end:]
    head[nh_at] = 44
    if cuts is None:
        cuts = range(size, len(data), size)
    bounds = [0] + [c for c in cuts if 0 < c < len(data)] + [len(data)]
    out = []
    for off, stop in zip(bounds, bounds[1:]):
        piece = data[off:stop]
        more = 1 if stop < len(data) else 0
        fh = struct.pack("!BBHI", nh, 0, off | more, ident)
        h = bytearray(head)
        struct.pack_into("!H", h, 4, len(h) - 40 + 8 + len(piece))
        out.append(bytes(h) + fh + piece)
    return out


def fragment_offset(pkt):
    """The offset of fragment @pkt (made by fragments())."""
    fh = 40 + (8 * (pkt[41] + 1) if pkt[6] == 0 else 0)
    return struct.unpack("!H", pkt[fh + 2:fh + 4])[0] & ~7


def setup_ns(ns):
    """IPv6 on, and quiet: no address of its own making, no DAD, no
    router solicitation, whatever device comes into @ns from now on."""
    for scope in ("all", "default"):
        for key, val in (("disable_ipv6", 0), ("accept_dad", 0),
                         ("router_solicitations", 0), ("accept_ra", 0)):
            ns.sysctl("net.ipv6.conf.%s.%s" % (scope, key), val)
    ns.sysctl("net.ipv6.conf.default.addr_gen_mode", 1)


def addresses(ns, dev):
    """{address: flags} of @dev in @ns, from /proc/net/if_inet6."""
    out = {}
    with ns.enter():
        with open("/proc/net/if_inet6") as f:
            for line in f:
                a, _, _, _, flags, name = line.split()
                if name == dev:
                    out[socket.inet_ntop(socket.AF_INET6,
                                         bytes.fromhex(a))] = int(flags, 16)
    return out


def wait_addresses(ns, dev, want, timeout=10.0):
    """Wait until every address of @want is on @dev and not tentative."""
    deadline = time.monotonic() + timeout
    while True:
        have = addresses(ns, dev)
        if all(a in have and not have[a] & IFA_F_TENTATIVE for a in want):
            return
        if time.monotonic() > deadline:
            raise RuntimeError("%s: addresses %s not ready: %s" %
                               (dev, want, have))
        time.sleep(0.05)


class Bed6(igg.Bed):
    """A peer namespace sending raw IPv6 frames into a protected one.
    @peer_ipv6: the peer's stack runs IPv6 too (real-stack tests); else
    it only sends frames and never answers (nor sends MLD of its own)."""

    DEV = "dut0"

    def __init__(self, protos=(58, 17), groups=(), tag="dut",
                 peer_ipv6=False):
        self.peer = igg.Netns("peer")
        self.dut = igg.Netns(tag)
        setup_ns(self.dut)
        if peer_ipv6:
            setup_ns(self.peer)
        else:
            igg.Bed._quiet(self.peer)
        cmds = ["link add peer0 type veth peer name dut0 netns " +
                self.dut.name]
        if peer_ipv6:
            cmds += ["addr add %s/%d dev peer0 nodad" % (a, PREFIX)
                     for a in (PEER_LL, PEER_ADDR)]
        self.peer.batch("ip", cmds + ["link set peer0 up"])
        self.peer_mac = self.peer.mac("peer0")
        self._dut_up6(static_peer=not peer_ipv6)
        with self.peer.enter():
            self.tx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
            self.tx.bind(("peer0", 0))
        if peer_ipv6:
            wait_addresses(self.peer, "peer0", (PEER_LL, PEER_ADDR))
        self._sockets6(protos, groups)

    def _dut_up6(self, static_peer):
        d, dev = self.dut, self.DEV
        d.batch("ip", ["addr add %s/%d dev %s nodad" % (a, PREFIX, dev)
                       for a in (DUT_LL, DUT_ADDR)] +
                ["link set %s up" % dev])
        # What the dut sends to a group it is in comes back through dut0
        # (MLD reports, NA to ff02::1); none of it is under test.
        d.batch("tc", ["qdisc add dev %s ingress" % dev] + [
            "filter add dev %s parent ffff: protocol ipv6 prio %d u32 "
            "match ip6 src %s/128 action drop" % (dev, i + 1, a)
            for i, a in enumerate((DUT_LL, DUT_ADDR))])
        self.dut_mac = d.mac(dev)
        if static_peer:
            # Nobody answers neighbour solicitations for the peer: replies
            # to it (echo replies, errors) leave at once instead.
            d.batch("ip", ["neigh replace %s lladdr %s nud permanent dev %s"
                           % (a, self.peer_mac.hex(":"), dev)
                           for a in (PEER_LL, PEER_ADDR)])
        # A report sent while fe80::2 is tentative would go out from ::,
        # which the filter above cannot tell from the peer's.
        wait_addresses(d, dev, (DUT_LL, DUT_ADDR))

    def _sockets6(self, protos, groups):
        # Bed's sockets with open_proto() and join() of IPv6, and an ICMPv6
        # socket in any case: _multicast_ready() needs it.
        self._sockets(sorted(set(protos) | {58}), groups)
        self._multicast_ready()

    def _multicast_ready(self, timeout=20.0):
        """Wait until the dut delivers multicast: for about a second after
        dut0 comes up, the kernel routes no multicast in (Ip6InNoRoutes)
        though unicast already passes."""
        echo = icmp6(PEER_ADDR, "ff02::1", b"\x80\0\0\0\x49\x47\0\1ready")
        deadline = time.monotonic() + timeout
        while not self.exchange6([([echo], echo)])[0]:
            if time.monotonic() > deadline:
                raise RuntimeError("no multicast delivered in %ds" % timeout)
            time.sleep(0.1)

    def open_proto(self, proto):
        if proto in getattr(self, "raw", {}) or proto is None:
            return
        with self.dut.enter():
            s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, proto)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
            s.setblocking(False)
            self.raw[proto] = s

    def join(self, group):
        """Join @group on dut0, so that the stack delivers datagrams to it
        (ff02::1 and the solicited-node group are joined already)."""
        if group in self.groups or group in ("ff02::1", SOLICITED):
            return
        if not hasattr(self, "joiner6"):
            with self.dut.enter():
                self.joiner6 = socket.socket(socket.AF_INET6,
                                             socket.SOCK_DGRAM)
        mreq = socket.inet_pton(socket.AF_INET6, group) + struct.pack(
            "@I", self.ifindex)
        self.joiner6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP,
                                mreq)
        self.groups.add(group)

    def _close6(self):
        if hasattr(self, "joiner6"):
            self.joiner6.close()

    def close(self):
        self._close6()
        igg.Bed.close(self)

    def frame(self, pkt, ethertype=ETH_P_IPV6):
        return eth_frame(pkt, self.dut_mac, self.peer_mac)

    def exchange6(self, datagrams):
        """Send each datagram, given as (frames, whole): the frames that
        carry it and the datagram they make. Return for each whether a raw
        socket in the dut namespace got the message that ends it."""
        self.drain()
        for frames, _ in datagrams:
            for f in frames:
                self._tx(self.frame(f))
        self.sync()
        got = [b for _, b in self.drain() if b]
        return [any(whole.endswith(b) for b in got) for _, whole in datagrams]

    def count6(self, frames, whole):
        """Send @frames; how many messages ending like @whole arrive."""
        self.drain()
        for f in frames:
            self._tx(self.frame(f))
        self.sync()
        return sum(1 for _, b in self.drain() if b and whole.endswith(b))


class TapBed6(Bed6):
    """Bed6 with a tap device in place of the veth: see igg.TapBed. With
    IFF_NAPI_FRAGS every iovec of a writev() past the first becomes a page
    fragment, so the hook meets paged IPv6 packets."""

    DEV = "tap0"

    def __init__(self, split, protos=(58, 17), groups=()):
        import fcntl
        self.peer = None
        self.dut = igg.Netns("tap")
        setup_ns(self.dut)
        self.split = split
        with self.dut.enter():
            self.fd = os.open("/dev/net/tun", os.O_RDWR)
        flags = igg.IFF_TAP | igg.IFF_NO_PI | igg.IFF_NAPI | igg.IFF_NAPI_FRAGS
        fcntl.ioctl(self.fd, igg.TUNSETIFF,
                    struct.pack("16sH", self.DEV.encode(), flags))
        self.peer_mac = bytes.fromhex("020000000009")
        self.tx = None
        self._dut_up6(static_peer=True)
        self._sockets6(protos, groups)

    def _tx(self, frame):
        igg.TapBed._tx(self, frame)

    def close(self):
        self._close6()
        igg.TapBed.close(self)


# --- counters --------------------------------------------------------------

def expected_delta(judged, mode, names):
    """What the packets @judged, [(bytes, Outcome)], add to each counter in
    @mode (block, monitor, off): the totals over every family and the
    ipv6_ ones move together, the ipv4_ ones not at all. Counters whose
    movement the plan leaves open for a packet (validated, see
    first_validated()) are left out of the result: check with
    igg.diff_counters() on the keys given only."""
    want = {n: 0 for n in names}
    for n in FAMILY_TOTALS:
        want.setdefault(n, 0)
    if mode == "off":
        return want
    for pkt, out in judged:
        for prefix in ("", "ipv6_"):
            want[prefix + "packets_seen"] += 1
            v = first_validated(pkt)
            if v is None:
                want.pop(prefix + "packets_validated", None)
            elif v and prefix + "packets_validated" in want:
                want[prefix + "packets_validated"] += 1
            if out.drops:
                want[prefix + ("packets_dropped" if mode == "block" else
                               "packets_monitored")] += 1
            elif out.anomalies:
                want[prefix + "packets_anomalous"] += 1
        if out.drops:
            want[out.reason] = want.get(out.reason, 0) + 1
        for a in out.anomalies:
            want[a] = want.get(a, 0) + 1
    return want


def check_case(bed, stats, names, case, stock, mode):
    """Send the datagram of @case (see mld_cases.Case) in @mode; return
    what went wrong: counters, and delivery against @stock, whether the
    stock kernel delivers it."""
    before = stats.read()
    delivered = bed.exchange6([(case.frames, case.whole)])[0]
    got = igg.delta(before, stats.read())
    problems = diff(got, expected_delta(case.judged(mode), mode, names))
    want = stock and not case.drops(mode)
    if delivered != want:
        problems.insert(0, "%s, expected %s (the stock kernel %s it)" % (
            "delivered" if delivered else "not delivered",
            "delivered" if want else "not delivered",
            "delivers" if stock else "does not deliver"))
    return problems


def diff(got, want):
    """igg.diff_counters() over the counters @want names (a counter the
    module lacks reads as 0)."""
    return igg.diff_counters({k: got.get(k, 0) for k in want}, want)


def findings(stats):
    """Counters that must stay zero while only real stacks talk: drops,
    monitored drops, anomalous packets and every reason."""
    quiet = {p + n for p in ("", "ipv4_", "ipv6_", "bridge_")
             for n in ("packets_seen", "packets_validated")}
    return {k: v for k, v in stats.read().items() if v and k not in quiet}
