#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Differential test against Wireshark's dissectors (tshark).
#
# Every IPv4 packet that tshark marks malformed, whose IGMP checksum it finds
# bad, or about whose IPv4 options it raises a warning or error must be
# dropped by igmpguard (igmpguardctl check, default policy). A packet where
# the two disagree fails the test unless tests/difftest-known.tsv explains
# it; an explanation that no longer matches a disagreement fails too, so the
# list stays true. Frames of vectors.pcap may be named by vector id. Frames tshark decodes as IPv4 that igmpguardctl calls
# not-ipv4 fail as well: that is a decoder gap.
#
# The other direction (dropped by igmpguard, fine for tshark) is printed as
# a table and never fails: igmpguard enforces policy tshark has no opinion on.
#
# Inputs: tests/vectors/vectors.pcap, tests/vectors/encap/decode-*.pcap and,
# when the directory exists,
# $CAPTURES/*.pcap and *.pcapng (default ../shared/captures/tcpdump from
# the top of the tree).
# IGMPGUARDCTL overrides build/igmpguardctl. Output is TAP.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ctl=${IGMPGUARDCTL:-$top/build/igmpguardctl}
captures=${CAPTURES:-$top/../shared/captures/tcpdump}
known=$top/tests/difftest-known.tsv

bail() {
	echo "Bail out! $*"
	exit 1
}

command -v tshark >/dev/null || bail "tshark not installed (apt-get install tshark)"
[[ -x /usr/bin/python3 ]] || bail "/usr/bin/python3 not found"
[[ -x $ctl ]] || bail "$ctl not built (make tool)"
[[ -r $known ]] || bail "$known missing"

# The vectors, and the frames that test igmpguardctl's link-layer decoder.
files=("$top/tests/vectors/vectors.pcap" "$top/tests/vectors/encap"/decode-*.pcap)
note=
if [[ -d $captures ]]; then
	shopt -s nullglob
	files+=("$captures"/*.pcap "$captures"/*.pcapng)
	shopt -u nullglob
else
	note="$captures absent: checking the vectors only"
fi

# A fresh profile, so no one's Wireshark preferences change the verdicts.
WIRESHARK_CONFIG_DIR=$(mktemp -d)
export WIRESHARK_CONFIG_DIR
trap 'rm -rf "$WIRESHARK_CONFIG_DIR"' EXIT

/usr/bin/python3 - "$ctl" "$known" "$top/tests/vectors/vectors.tsv" "$note" \
	"${files[@]}" <<'PYTHON'
import json
import os
import subprocess
import sys

ctl, known_path, tsv_path, note = sys.argv[1:5]
files = sys.argv[5:]

# Expert severities (epan/proto.h): only warnings and errors count.
PI_WARN = 0x00600000


def get(pairs, key):
    """First value of @key in a JSON object kept as a list of pairs
    (tshark repeats keys when a protocol appears twice in a frame)."""
    for k, v in pairs:
        if k == key:
            return v
    return None


def option_experts(node, inside=False):
    for k, v in node:
        if k == "_ws.expert":
            if inside and int(get(v, "_ws.expert.severity") or 0) >= PI_WARN:
                yield get(v, "_ws.expert.message")
        elif isinstance(v, list):
            yield from option_experts(v, inside or k.startswith("Options:")
                                      or k.startswith("ip.opt"))


def complaints(layers):
    """What tshark objects to in one frame, within igmpguard's field."""
    out = []
    protos = get(get(layers, "frame"), "frame.protocols").split(":")
    if any(k == "_ws.malformed" for k, _ in layers):
        out.append("malformed (%s)" % protos[-1])
    igmp = get(layers, "igmp")
    if igmp and get(igmp, "igmp.checksum.status") == "0":
        out.append("bad IGMP checksum")
    ip = get(layers, "ip")
    if ip:
        out += ["options: " + m for m in option_experts(ip)]
    return out


def is_ipv4(layers):
    """tshark's view: the outermost IP layer is version 4."""
    protos = get(get(layers, "frame"), "frame.protocols").split(":")
    ips = [p for p in protos if p in ("ip", "ipv6")]
    return bool(ips) and ips[0] == "ip"


def tshark(path):
    p = subprocess.run(["tshark", "-n", "-r", path, "-T", "json"],
                       capture_output=True, text=True)
    # A capture cut short still yields the frames before the cut.
    frames = json.loads(p.stdout or "[]", object_pairs_hook=list)
    res = {}
    for fr in frames:
        layers = get(get(fr, "_source"), "layers")
        num = int(get(get(layers, "frame"), "frame.number"))
        res[num] = (complaints(layers), is_ipv4(layers))
    return res


def igmpguard(path):
    p = subprocess.run([ctl, "check", "--json", path], capture_output=True,
                       text=True)
    doc = json.loads(p.stdout)["files"][0]
    return {f["index"]: f for f in doc.get("frames", [])}, doc.get("error")


def verdict(g):
    if g["verdict"] == "skipped":
        return "skipped " + g["why"]
    return " ".join([g["verdict"], g["reason"]] +
                    ([",".join(g["anomalies"])] if g["anomalies"] else []))


ids, index_of = {}, {}
with open(tsv_path) as f:
    for row in list(f)[1:]:
        col = row.split("\t")
        ids[int(col[0])] = col[1]
        index_of[col[1]] = int(col[0])

# For vectors.pcap the frame may be given as the vector id, which survives
# vectors being added before it.
known, bad_known = {}, []
with open(known_path) as f:
    for line in f:
        line = line.rstrip("\n")
        if not line or line.startswith("#") or line.startswith("file\t"):
            continue
        name, frame, why = line.split("\t", 2)
        if frame.isdigit():
            known[(name, int(frame))] = why
        elif name == "vectors.pcap" and frame in index_of:
            known[(name, index_of[frame])] = why
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
    label = (lambda i: "%d %s" % (i, ids.get(i, "?"))) \
        if name == "vectors.pcap" else str
    ts = tshark(path)
    ours, err = igmpguard(path)
    problems, flagged, nknown = [], 0, 0
    if len(ts) != len(ours):
        problems.append("tshark read %d frames, igmpguardctl %d%s" %
                        (len(ts), len(ours), " (%s)" % err if err else ""))
    for i in sorted(set(ts) & set(ours)):
        what, v4 = ts[i]
        g = ours[i]
        why = None
        if g["verdict"] == "skipped" and not v4:
            pass
        elif g["verdict"] == "skipped" and g["why"] == "not-ipv4":
            why = "tshark decodes IPv4"
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
