#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# igmpguardctl against the real module (the host tests in tests/ctl/ use a
# fake tree; this checks the tool and the kernel agree).
#
#   commands    show, -j show, --version, get, set, mode, enable, disable,
#               stats, reset, export prometheus: what they print matches
#               sysfs and procfs, and what they write the kernel takes
#   traffic     packets with a record route option (an anomaly, passed)
#               and with an option of length 1 (malformed) sent over lo by
#               a raw socket; mode and enabled toggled many times while
#               they flow: every toggle succeeds, both modes count, and a
#               disabled module counts nothing
#   netns       -n NAME shows and resets the counters of that namespace
#               only; stats --watch -n NAME shows its live rate
#   ipv6        with a module that has them: the ipv4, ipv6 and
#               max_ext_headers parameters, and UDP over ::1 counted under
#               ipv6_packets_seen and the family label of the export,
#               nothing while ipv6=N
#   bridge      with a module that has it: set bridge takes the three
#               values and refuses another, stats has the bridge group and
#               the export its path and bridge_mode series
#   privilege   an unprivileged user can read but gets exit 2 and "need
#               root" for set, enable and reset
#   unloaded    exit 2 and the modprobe hint
set -euo pipefail

source "$(dirname "$0")/lib.sh"

CTL=${IGMPGUARDCTL:-$IGG_TOP/build/igmpguardctl}
NOBODY=(setpriv --reuid 65534 --regid 65534 --clear-groups --)
PY=/usr/bin/python3

ktap_header
igg_preflight
[[ -x $CTL ]] || ktap_skip_all "$CTL not built (make -C scripts/igmpguardctl)"
checktool setpriv "running the tool unprivileged"
checktool "$PY" "sending packets and reading JSON"

traffic_pid=
stop_traffic() {
	if [[ -n $traffic_pid ]]; then
		kill "$traffic_pid" 2>/dev/null || true
		wait "$traffic_pid" 2>/dev/null || true
		traffic_pid=
	fi
}

cleanup() {
	set +e
	stop_traffic
	cleanup_all_ns
	igg_unload 2>/dev/null
}
trap cleanup EXIT

# send NETNS good|bad COUNT [loop]: raw IPv4 to 127.0.0.1 carrying a record
# route option (good: anomaly opt_record) or an option of length 1 (bad:
# malformed opt_length). With "loop", a batch every 20 ms until killed.
send() {
	ip netns exec "$1" "$PY" - "$2" "$3" "${4:-}" <<'EOF'
import socket, sys, time
kind, count, loop = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "loop"
opts = b"\x07\x07\x04\0\0\0\0\0" if kind == "good" else b"\x44\x01\0\0"
ihl = 5 + len(opts) // 4
# The kernel fills in total length and checksum for IP_HDRINCL.
hdr = bytes([0x40 | ihl, 0, 0, 0, 0, 1, 0, 0, 64, 253, 0, 0,
             127, 0, 0, 1, 127, 0, 0, 1]) + opts
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
while True:
    for _ in range(count):
        s.sendto(hdr + b"igmpguardctl", ("127.0.0.1", 0))
    if not loop:
        break
    time.sleep(0.02)
EOF
}

# json EXPR: evaluate a python expression on the JSON document on stdin
# (as "d"); print the result.
json() {
	"$PY" -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"
}

# counter NETNS NAME: one counter, read through the tool.
counter() {
	"$CTL" -j -n "$1" stats --all | json "{k: v for g in d.values() if isinstance(g, dict) for k, v in g.items()}['$2']"
}

# run_rc "desc" want_rc command...: one result from a command's exit status.
run_rc() {
	local desc=$1 want=$2 rc=0
	shift 2
	"$@" >/dev/null 2>&1 || rc=$?
	if ((rc == want)); then
		ktap_result OK "$desc"
	else
		ktap_result FAIL "$desc" "exit $rc, want $want: $*"
	fi
}

igg_load
setup_ns A B

# --- commands ---------------------------------------------------------------
out=$("$CTL" show 2>&1) && rc=0 || rc=$?
version=$(cat "/sys/module/$IGG_MOD/version" 2>/dev/null || echo unknown)
if ((rc == 0)) && grep -Eq "^loaded +yes$" <<<"$out" &&
   grep -Eq "^version +$version$" <<<"$out"; then
	ktap_result OK "show: loaded, version $version"
else
	ktap_result FAIL "show: loaded, version $version" "exit $rc" "$out"
fi

mismatch=
doc=$("$CTL" -j show)
for p in enabled ipv4 ipv6 bridge mode log log_all_netns drop_bad_padding drop_routing0 \
	 max_query_sources max_ext_headers drop_anomalies; do
	# A module from before IPv6 has not all of them, and show leaves
	# those out.
	[[ -e $IGG_PARAMS/$p ]] || continue
	want=$(igg_param "$p")
	got=$(json "(d.get('$p') or d['settings']['$p'])['value']" <<<"$doc")
	[[ $got == "$want" ]] || mismatch+=" $p=$got/$want"
done
if [[ -z $mismatch ]]; then
	ktap_result OK "show -j: settings match sysfs"
else
	ktap_result FAIL "show -j: settings match sysfs" "$mismatch"
fi

if "$CTL" --version | grep -Eq "^module +$version$"; then
	ktap_result OK "--version names the module's version"
else
	ktap_result FAIL "--version names the module's version" "$("$CTL" --version 2>&1)"
fi

run_rc "set two knobs" 0 "$CTL" set drop_bad_ttl 0 max_query_sources 10
if [[ $(igg_param drop_bad_ttl) == N && $(igg_param max_query_sources) == 10 &&
      $("$CTL" get drop_bad_ttl max_query_sources | tr '\n' ' ') == "N 10 " ]]; then
	ktap_result OK "set: the kernel took both; get reads them back"
else
	ktap_result FAIL "set: the kernel took both; get reads them back" \
		"$(igg_param drop_bad_ttl) $(igg_param max_query_sources)"
fi
if "$CTL" show | grep -Eq "^  drop_bad_ttl +N +\(default Y\)$"; then
	ktap_result OK "show marks a changed knob with its default"
else
	ktap_result FAIL "show marks a changed knob with its default" "$("$CTL" show)"
fi
anomalies=$("$PY" "$IGG_SELFTESTS/igg.py" info | awk '$1 == "reason" && $3 == "anomaly" { print $2 }')
a1=$(sed -n 1p <<<"$anomalies") a2=$(sed -n 2p <<<"$anomalies")
run_rc "set drop_anomalies $a2,$a1" 0 "$CTL" set drop_anomalies "$a2,$a1"
got=$(igg_param drop_anomalies)
if [[ $got == "$a1,$a2" ]]; then
	ktap_result OK "drop_anomalies reads back in enum order"
else
	ktap_result FAIL "drop_anomalies reads back in enum order" "$got"
fi
run_rc "set restores defaults" 0 "$CTL" set drop_bad_ttl Y max_query_sources 64 \
	drop_anomalies none
run_rc "set of a value the module cannot take: exit 1" 1 \
	"$CTL" set log Y max_query_sources 65536
ktap_check "nothing written after a usage error" \
	[ "$(igg_param max_query_sources)" = 64 ]

run_rc "mode monitor" 0 "$CTL" mode monitor
ktap_check "mode reads monitor" \
	[ "$(igg_param mode)/$("$CTL" mode)" = monitor/monitor ]
run_rc "mode block" 0 "$CTL" mode block
run_rc "disable" 0 "$CTL" disable
ktap_check "enabled=N" [ "$(igg_param enabled)" = N ]
run_rc "enable" 0 "$CTL" enable
ktap_check "enabled=Y" [ "$(igg_param enabled)" = Y ]

# --- counters per namespace -------------------------------------------------
send "$A" bad 5
send "$A" good 3
a_bad=$(counter "$A" opt_length) a_rec=$(counter "$A" opt_record)
a_drop=$(counter "$A" packets_dropped) b_bad=$(counter "$B" opt_length)
if ((a_bad == 5 && a_drop == 5 && a_rec >= 3 && b_bad == 0)); then
	ktap_result OK "-n: namespace A counted its 5 drops and 3 anomalies, B nothing"
else
	ktap_result FAIL "-n: namespace A counted its 5 drops and 3 anomalies, B nothing" \
		"A opt_length=$a_bad dropped=$a_drop opt_record=$a_rec; B opt_length=$b_bad"
fi
if "$CTL" -n "$A" stats | grep -Eq "^  opt_length +5$" &&
   ! "$CTL" -n "$B" stats | grep -q opt_length; then
	ktap_result OK "stats -n: text lists the non-zero reason in A only"
else
	ktap_result FAIL "stats -n: text lists the non-zero reason in A only" \
		"$("$CTL" -n "$A" stats 2>&1)"
fi
prom=$("$CTL" -n "$A" export prometheus)
if grep -qx 'igmpguard_findings_total{reason="opt_length",class="malformed",family="ipv4"} 5' <<<"$prom" &&
   grep -qx 'igmpguard_packets_total{kind="dropped"} 5' <<<"$prom" &&
   grep -qx 'igmpguard_mode{mode="block"} 1' <<<"$prom"; then
	ktap_result OK "export prometheus -n: the namespace's counters"
else
	ktap_result FAIL "export prometheus -n: the namespace's counters" "$prom"
fi
run_rc "reset -n A" 0 "$CTL" -n "$A" reset
send "$B" bad 2
if (($(counter "$A" opt_length) == 0 && $(counter "$A" packets_seen) == 0 &&
      $(counter "$B" opt_length) == 2)); then
	ktap_result OK "reset -n A zeroed A only"
else
	ktap_result FAIL "reset -n A zeroed A only" \
		"A $(counter "$A" opt_length) B $(counter "$B" opt_length)"
fi

# --- IPv6 ---------------------------------------------------------------------
# send6 NETNS COUNT: UDP datagrams to ::1 port 9, which the fast path counts.
send6() {
	ip netns exec "$1" "$PY" - "$2" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
for _ in range(int(sys.argv[1])):
    s.sendto(b"igmpguardctl", ("::1", 9))
EOF
}

if [[ ! -e $IGG_PARAMS/ipv6 ]] || ! igg_stat ipv6_packets_seen >/dev/null; then
	ktap_skip "ipv6: the module's IPv6 parameters and counters" "module without IPv6"
elif [[ ! -e /proc/net/if_inet6 ]]; then
	ktap_skip "ipv6: the module's IPv6 parameters and counters" "kernel without IPv6"
else
	"$CTL" -n "$A" reset
	send6 "$A" 7
	v6=$(counter "$A" ipv6_packets_seen) v4=$(counter "$A" ipv4_packets_seen)
	prom=$("$CTL" -n "$A" export prometheus)
	if ((v6 >= 7 && v4 == 0)) &&
	   grep -qx "igmpguard_family_packets_total{family=\"ipv6\",kind=\"seen\"} $v6" <<<"$prom" &&
	   grep -qx 'igmpguard_family_enabled{family="ipv6"} 1' <<<"$prom"; then
		ktap_result OK "ipv6: UDP over ::1 under ipv6_packets_seen and its family label"
	else
		ktap_result FAIL "ipv6: UDP over ::1 under ipv6_packets_seen and its family label" \
			"ipv6 $v6 ipv4 $v4" "$prom"
	fi
	run_rc "set ipv6 N" 0 "$CTL" set ipv6 N
	send6 "$A" 5
	if [[ $(igg_param ipv6) == N ]] && (($(counter "$A" ipv6_packets_seen) == v6)); then
		ktap_result OK "ipv6=N: IPv6 not counted"
	else
		ktap_result FAIL "ipv6=N: IPv6 not counted" \
			"$(igg_param ipv6) $(counter "$A" ipv6_packets_seen)"
	fi
	run_rc "set ipv6 Y" 0 "$CTL" set ipv6 Y
	send6 "$A" 5
	ktap_check "ipv6=Y: counted again" \
		[ "$(counter "$A" ipv6_packets_seen)" -ge $((v6 + 5)) ]
	run_rc "set max_ext_headers 256: exit 1" 1 "$CTL" set ipv4 N max_ext_headers 256
	run_rc "set max_ext_headers 4" 0 "$CTL" set max_ext_headers 4
	ktap_check "max_ext_headers: the kernel took 4, ipv4 untouched" \
		[ "$(igg_param max_ext_headers)/$(igg_param ipv4)" = 4/Y ]
	"$CTL" set max_ext_headers 8
fi

# --- the bridge path ------------------------------------------------------------
if [[ ! -e $IGG_PARAMS/bridge ]] || ! igg_stat bridge_packets_seen >/dev/null; then
	ktap_skip "bridge: the parameter and the bridge path's counters" \
		"module without the bridge hook"
else
	run_rc "set bridge off" 0 "$CTL" set bridge off
	run_rc "set bridge malformed" 0 "$CTL" set bridge malformed
	run_rc "set bridge validate: exit 1" 1 "$CTL" set log Y bridge validate
	ktap_check "bridge: the kernel took malformed, kept it after the usage error" \
		[ "$(igg_param bridge)/$("$CTL" get bridge)" = malformed/malformed ]
	# Nothing runs in A now: its counters hold still between the reads.
	seen=$(counter "$A" packets_seen) bseen=$(counter "$A" bridge_packets_seen)
	prom=$("$CTL" -n "$A" export prometheus)
	if grep -qx "igmpguard_path_packets_total{path=\"bridge\",kind=\"seen\"} $bseen" <<<"$prom" &&
	   grep -qx "igmpguard_path_packets_total{path=\"ip\",kind=\"seen\"} $((seen - bseen))" <<<"$prom" &&
	   grep -qx 'igmpguard_bridge_mode{mode="malformed"} 1' <<<"$prom"; then
		ktap_result OK "bridge: the path and bridge_mode series of the export"
	else
		ktap_result FAIL "bridge: the path and bridge_mode series of the export" \
			"seen $seen bridge $bseen" "$prom"
	fi
	run_rc "set bridge policy" 0 "$CTL" set bridge policy
fi

# --- toggles while traffic flows ----------------------------------------------
"$CTL" -n "$A" reset
send "$A" bad 5 loop &
traffic_pid=$!
fails=0
for _ in $(seq 10); do
	for args in "mode monitor" "mode block" "disable" "enable" \
		    "set mode monitor log N" "set mode block log Y"; do
		# shellcheck disable=SC2086
		"$CTL" $args || fails=$((fails + 1))
		sleep 0.05
	done
done
if ((fails == 0)); then
	ktap_result OK "60 toggles while traffic flows all succeed"
else
	ktap_result FAIL "60 toggles while traffic flows all succeed" "$fails failed"
fi
mon=$(counter "$A" packets_monitored) drop=$(counter "$A" packets_dropped)
if ((mon > 0 && drop > 0)); then
	ktap_result OK "both modes counted the traffic (monitored $mon, dropped $drop)"
else
	ktap_result FAIL "both modes counted the traffic" "monitored $mon dropped $drop"
fi

"$CTL" disable
sleep 0.2
s1=$(counter "$A" packets_seen)
sleep 0.5
s2=$(counter "$A" packets_seen)
"$CTL" enable
sleep 0.5
s3=$(counter "$A" packets_seen)
if ((s1 == s2 && s3 > s2)); then
	ktap_result OK "disabled counts nothing, enabled counts again"
else
	ktap_result FAIL "disabled counts nothing, enabled counts again" "$s1 $s2 $s3"
fi

watch_out=$(mktemp)
"$CTL" -j -n "$A" stats --watch 0.3 >"$watch_out" &
wpid=$!
sleep 1.5
kill -INT "$wpid"
rc=0
wait "$wpid" || rc=$?
rates=$("$PY" -c '
import json, sys
for line in open(sys.argv[1]):
    print(json.loads(line)["malformed"].get("opt_length", {}).get("rate", 0))' \
	"$watch_out" 2>&1) || true
rm -f "$watch_out"
if ((rc == 0)) && [[ -n $rates ]] && awk '$1 > 0 { n++ } END { exit !(n > 0) }' <<<"$rates"; then
	ktap_result OK "stats --watch -n A: live opt_length rate, SIGINT exits 0"
else
	ktap_result FAIL "stats --watch -n A: live opt_length rate, SIGINT exits 0" \
		"exit $rc" "$rates"
fi
stop_traffic

# --- what an admin sees after that traffic, kept in the console log -----------
for args in "show" "-j stats" "export prometheus"; do
	echo "# \$ igmpguardctl -n A $args"
	# shellcheck disable=SC2086 # the words are the command line
	"$CTL" -n "$A" $args 2>&1 | sed 's/^/#   /' || true
done

# --- privilege -----------------------------------------------------------------
out=$("${NOBODY[@]}" "$CTL" set log N 2>&1) && rc=0 || rc=$?
if ((rc == 2)) && grep -q "need root to change settings" <<<"$out" &&
   [[ $(igg_param log) == Y ]]; then
	ktap_result OK "nobody: set refused with exit 2 and 'need root'"
else
	ktap_result FAIL "nobody: set refused with exit 2 and 'need root'" "exit $rc" "$out"
fi
run_rc "nobody: disable refused with exit 2" 2 "${NOBODY[@]}" "$CTL" disable
run_rc "nobody: reset refused with exit 2" 2 "${NOBODY[@]}" "$CTL" reset
run_rc "nobody: -n refused with exit 2" 2 "${NOBODY[@]}" "$CTL" -n "$A" stats
run_rc "nobody: show works" 0 "${NOBODY[@]}" "$CTL" show
run_rc "nobody: export works" 0 "${NOBODY[@]}" "$CTL" export prometheus

# --- unloaded ------------------------------------------------------------------
cleanup_all_ns
igg_unload
out=$("$CTL" 2>&1) && rc=0 || rc=$?
if ((rc == 2)) && grep -q "load it with: modprobe igmpguard" <<<"$out"; then
	ktap_result OK "unloaded: show exits 2 with the modprobe hint"
else
	ktap_result FAIL "unloaded: show exits 2 with the modprobe hint" "exit $rc" "$out"
fi
run_rc "unloaded: set exits 2" 2 "$CTL" set log N

ktap_finish
