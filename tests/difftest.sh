#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Differential test against Wireshark's dissectors (tshark).
#
# Every packet that tshark marks malformed must be dropped by igmpguard
# (igmpguardctl check, default policy), and so must every IPv4 packet whose
# IGMP checksum tshark finds bad or about whose IPv4 options it raises a
# warning or error, and every IPv6 packet about whose header or extension
# headers it warns, or whose MLD message has a bad checksum or an expert of
# its own. A packet where the two disagree fails the test unless
# tests/difftest-known.tsv explains it; an explanation that no longer
# matches a disagreement fails too, so the list stays true. Frames of
# vectors.pcap and vectors6.pcap may be named by vector id. Frames tshark
# decodes as IPv4 or IPv6 that igmpguardctl calls not-ipv4 (or any other
# not-*) fail as well: that is a decoder gap. Frames it skips as cut short
# by the capture are not compared.
#
# The other direction (dropped by igmpguard, fine for tshark) is printed as
# a table and never fails: igmpguard enforces policy tshark has no opinion on.
#
# Inputs: tests/vectors/vectors.pcap, vectors6.pcap,
# tests/vectors/encap/decode-*.pcap and, when the directories exist,
# $CAPTURES/*.pcap and *.pcapng (default ../shared/captures/tcpdump from
# the top of the tree) and $CAPTURES6/* (default
# ../shared/captures/tcpdump-ipv6).
# IGMPGUARDCTL overrides build/igmpguardctl. Output is TAP.
#
#   tests/difftest.sh --expected
#	compares tshark with the verdicts vectors.tsv and vectors6.tsv
#	expect instead of the tool's, for the two vector files only: the
#	tshark half of the test, which needs no igmpguardctl.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ctl=${IGMPGUARDCTL:-$top/build/igmpguardctl}
captures=${CAPTURES:-$top/../shared/captures/tcpdump}
captures6=${CAPTURES6:-$top/../shared/captures/tcpdump-ipv6}
known=$top/tests/difftest-known.tsv
vectors=$top/tests/vectors
mode=ctl

bail() {
	echo "Bail out! $*"
	exit 1
}

case ${1:-} in
--expected) mode=expected ;;
"") ;;
*) bail "usage: $0 [--expected]" ;;
esac

command -v tshark >/dev/null || bail "tshark not installed (apt-get install tshark)"
[[ -x /usr/bin/python3 ]] || bail "/usr/bin/python3 not found"
[[ $mode == expected || -x $ctl ]] || bail "$ctl not built (make tool)"
[[ -r $known ]] || bail "$known missing"

# The vectors, and the frames that test igmpguardctl's link-layer decoder.
files=("$vectors/vectors.pcap" "$vectors/vectors6.pcap")
note=
if [[ $mode == expected ]]; then
	note="verdicts from the tsv files, not from igmpguardctl"
else
	files+=("$vectors/encap"/decode-*.pcap)
	shopt -s nullglob
	for dir in "$captures" "$captures6"; do
		if [[ -d $dir ]]; then
			files+=("$dir"/*.pcap "$dir"/*.pcapng)
		else
			note+="${note:+; }$dir absent"
		fi
	done
	shopt -u nullglob
fi

# A fresh profile, so no one's Wireshark preferences change the verdicts.
WIRESHARK_CONFIG_DIR=$(mktemp -d)
export WIRESHARK_CONFIG_DIR
trap 'rm -rf "$WIRESHARK_CONFIG_DIR"' EXIT

/usr/bin/python3 - "$ctl" "$known" "$vectors" "$mode" "$note" \
	"${files[@]}" <<'PYTHON'
import json
import os
import subprocess
import sys

ctl, known_path, vectors, mode, note = sys.argv[1:6]
files = sys.argv[6:]

# Expert severities (epan/proto.h): only warnings and errors count.
PI_WARN = 0x00600000
MLD_TYPES = ("130", "131", "132", "143")
SIDECARS = {"vectors.pcap": "vectors.tsv", "vectors6.pcap": "vectors6.tsv"}


def get(pairs, key):
    """First value of @key in a JSON object kept as a list of pairs
    (tshark repeats keys when a protocol appears twice in a frame, or
    makes them an array: then the first, outermost, one)."""
    for k, v in pairs:
        if k == key:
            if isinstance(v, list) and v and isinstance(v[0], list):
                return v[0]
            return v
    return None


def layer(layers, key):
    """A protocol layer as an object; tshark leaves some (an ICMPv6
    message in a fragment it does not reassemble) as a bare title."""
    v = get(layers, key)
    return v if isinstance(v, list) else None


def experts(node, inside=True, where=lambda k: False):
    """Warnings and errors in @node, counting only what lies inside a
    subtree @where names unless @inside already."""
    for k, v in node:
        if k == "_ws.expert":
            if inside and int(get(v, "_ws.expert.severity") or 0) >= PI_WARN:
                yield get(v, "_ws.expert.message")
        elif isinstance(v, list):
            yield from experts(v, inside or where(k), where)


def complaints(layers):
    """What tshark objects to in one frame, within igmpguard's field: the
    IPv4 options and IGMP; the IPv6 header, its extension headers and
    MLD. Other ICMPv6 is the stack's: its checksum igmpguard leaves to it."""
    out = []
    protos = get(get(layers, "frame"), "frame.protocols").split(":")
    if any(k == "_ws.malformed" for k, _ in layers):
        out.append("malformed (%s)" % protos[-1])
    igmp = layer(layers, "igmp")
    if igmp and get(igmp, "igmp.checksum.status") == "0":
        out.append("bad IGMP checksum")
    ip = layer(layers, "ip")
    if ip:
        out += ["options: " + m for m in experts(
            ip, False, lambda k: k.startswith("Options:") or
            k.startswith("ip.opt"))]
    ip6 = layer(layers, "ipv6")
    if ip6:
        out += ["ipv6: " + m for m in experts(ip6)]
    icmp6 = layer(layers, "icmpv6")
    if icmp6 and get(icmp6, "icmpv6.type") in MLD_TYPES:
        if get(icmp6, "icmpv6.checksum.status") == "0":
            out.append("bad MLD checksum")
        out += ["mld: " + m for m in experts(icmp6)
                if not m.startswith("Bad checksum")]
    return out


def ip_version(layers):
    """tshark's view: the version of the outermost IP layer, or None."""
    protos = get(get(layers, "frame"), "frame.protocols").split(":")
    ips = [p for p in protos if p in ("ip", "ipv6")]
    return {"ip": 4, "ipv6": 6}[ips[0]] if ips else None


def tshark(path):
    p = subprocess.run(["tshark", "-n", "-r", path, "-T", "json"],
                       capture_output=True, text=True)
    # A capture cut short still yields the frames before the cut.
    frames = json.loads(p.stdout or "[]", object_pairs_hook=list)
    res = {}
    for fr in frames:
        layers = get(get(fr, "_source"), "layers")
        num = int(get(get(layers, "frame"), "frame.number"))
        res[num] = (complaints(layers), ip_version(layers))
    return res


def read_tsv(name):
    with open(os.path.join(vectors, name)) as f:
        return [row.rstrip("\n").split("\t") for row in list(f)[1:]]


def igmpguard(path):
    name = os.path.basename(path)
    if mode == "expected":
        return {int(c[0]): {"index": int(c[0]), "verdict": c[2],
                            "reason": c[3],
                            "anomalies": [] if c[4] == "-" else
                            c[4].split(",")}
                for c in read_tsv(SIDECARS[name])}, None
    p = subprocess.run([ctl, "check", "--json", path], capture_output=True,
                       text=True)
    doc = json.loads(p.stdout)["files"][0]
    return {f["index"]: f for f in doc.get("frames", [])}, doc.get("error")


def verdict(g):
    if g["verdict"] == "skipped":
        return "skipped " + g["why"]
    return " ".join([g["verdict"], g["reason"]] +
                    ([",".join(g["anomalies"])] if g["anomalies"] else []))


# For the vector files the frame may be given as the vector id, which
# survives vectors being added before it.
ids, index_of = {}, {}
for pcap, tsv in SIDECARS.items():
    for col in read_tsv(tsv):
        ids[(pcap, int(col[0]))] = col[1]
        index_of[(pcap, col[1])] = int(col[0])

known, bad_known = {}, []
with open(known_path) as f:
    for line in f:
        line = line.rstrip("\n")
        if not line or line.startswith("#") or line.startswith("file\t"):
            continue
        name, frame, why = line.split("\t", 2)
        if frame.isdigit():
            known[(name, int(frame))] = why
        elif (name, frame) in index_of:
            known[(name, index_of[(name, frame)])] = why
        else:
            bad_known.append(line)

print("TAP version 13")
print("1..%d" % (len(files) + 1))
if note:
    print("# " + note)
disagree, reverse, seen_known = [], [], set()
failed = 0
for num, path in enumerate(files, 1):
    name = os.path.basename(path)
    label = (lambda i, n=name: "%d %s" % (i, ids.get((n, i), "?"))) \
        if name in SIDECARS else str
    ts = tshark(path)
    ours, err = igmpguard(path)
    problems, flagged, nknown = [], 0, 0
    if len(ts) != len(ours):
        problems.append("tshark read %d frames, igmpguard %d%s" %
                        (len(ts), len(ours), " (%s)" % err if err else ""))
    for i in sorted(set(ts) & set(ours)):
        what, ver = ts[i]
        g = ours[i]
        why = None
        if g["verdict"] == "skipped" and (
                ver is None or g["why"] == "truncated-capture"):
            # Not IP, or a capture that lost bytes the validator reads:
            # what tshark finds there is mostly the cut itself.
            pass
        elif g["verdict"] == "skipped" and g["why"].startswith("not-"):
            why = "tshark decodes IPv%d" % ver
        elif what and g["verdict"] != "drop":
            why = "; ".join(what)
        elif not what and g["verdict"] == "drop":
            reverse.append((name, label(i), verdict(g)))
        flagged += bool(what) and g["verdict"] != "skipped"
        if why is None:
            continue
        key = (name, i)
        disagree.append((name, label(i), why, verdict(g), known.get(key)))
        if key in known:
            seen_known.add(key)
            nknown += 1
        else:
            problems.append("frame %s: tshark: %s; igmpguard: %s" %
                            (label(i), why, verdict(g)))
    ok = not problems
    failed += not ok
    print("%s %d - %s: %d frames, %d flagged by tshark, %d disagreements "
          "known" % ("ok" if ok else "not ok", num, name, len(ours), flagged,
                     nknown))
    for p in problems:
        print("#   " + p)

checked = {os.path.basename(p) for p in files}
stale = sorted(k for k in set(known) - seen_known if k[0] in checked)
print("%s %d - difftest-known.tsv: every entry is a current disagreement" %
      ("not ok" if stale or bad_known else "ok", len(files) + 1))
for name, frame in stale:
    print("#   stale: %s frame %d: %s" % (name, frame, known[(name, frame)]))
for line in bad_known:
    print("#   no such frame: " + line)
failed += bool(stale or bad_known)

print("#")
print("# Disagreements (tshark objects, igmpguard does not drop):")
print("# %-22s %-28s %-36s %s" % ("file", "frame", "igmpguard", "tshark"))
for name, frame, why, got, expl in disagree:
    print("# %-22s %-28s %-36s %s" % (name, frame, got, why))
    print("#   %s" % ("known: " + expl if expl else "NOT EXPLAINED"))
print("#")
print("# Dropped by igmpguard, nothing for tshark to object to (%d):" %
      len(reverse))
print("# %-22s %-28s %s" % ("file", "frame", "igmpguard"))
for name, frame, got in reverse:
    print("# %-22s %-28s %s" % (name, frame, got))
sys.exit(1 if failed else 0)
PYTHON
