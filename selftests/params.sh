#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every module parameter and the counter reset file, without packets
# (modes.py checks what the values do to traffic).
#
#   defaults     each parameter reads back its documented default
#   valid        each accepted spelling is taken and reads back in its
#                canonical form (Y/N, block/monitor, decimal, reason names
#                in enum order)
#   invalid      -1, banana, an empty line, out of range, blocky, reason
#                names of the wrong class...: the write fails with EINVAL
#                and the old value stays
#   at load      good values given to insmod are taken; a bad one makes
#                insmod fail and leaves the module unloaded
#   privilege    modes 0644/0444/0200; nobody, and root of a user namespace
#                nobody made, can write no parameter and cannot reset; root
#                of a user namespace can reset the counters of a network
#                namespace it owns, not those of the initial one
#   reset        root's "0" zeroes the counters; anything else is EINVAL
set -euo pipefail

source "$(dirname "$0")/lib.sh"

NOBODY="setpriv --reuid 65534 --regid 65534 --clear-groups --"

ktap_header
igg_preflight
checktool setpriv "writing as an unprivileged user"
checktool /usr/bin/python3 "reading the reason list"

declare -A CLASS=() KNOB_DEFAULT=()
REASONS=() KNOBS=()
while read -r what name a b; do
	case $what in
	reason) CLASS[$name]=$a; REASONS+=("$name") ;;
	knob) KNOBS+=("$name"); KNOB_DEFAULT[$name]=$b ;;
	esac
done < <(/usr/bin/python3 "$IGG_SELFTESTS/igg.py" info)
((${#REASONS[@]})) || ktap_skip_all "no reason list in include/igmpguard"
ANOMALIES=()
for r in "${REASONS[@]}"; do
	[[ ${CLASS[$r]} == anomaly ]] && ANOMALIES+=("$r")
done
first_of() {
	local r
	for r in "${REASONS[@]}"; do
		[[ ${CLASS[$r]} == "$1" ]] && { echo "$r"; return; }
	done
}

cleanup() {
	set +e
	cleanup_all_ns
	igg_unload 2>/dev/null
}
trap cleanup EXIT

igg_load

# --- defaults -----------------------------------------------------------
declare -A DEFAULT=([enabled]=Y [ipv4]=Y [ipv6]=Y [mode]=block [log]=Y
	[log_all_netns]=N [max_query_sources]=64 [max_ext_headers]=8
	[drop_anomalies]=none [bridge]=policy)
for knob in "${KNOBS[@]}"; do
	DEFAULT[$knob]=${KNOB_DEFAULT[$knob]}
done
for p in enabled ipv4 ipv6 mode log log_all_netns "${KNOBS[@]}" \
	max_query_sources max_ext_headers drop_anomalies bridge; do
	if [[ ! -e $IGG_PARAMS/$p ]]; then
		ktap_result FAIL "parameter $p exists" "$IGG_PARAMS/$p missing"
		continue
	fi
	got=$(igg_param "$p")
	if [[ $got == "${DEFAULT[$p]}" ]]; then
		ktap_result OK "$p defaults to ${DEFAULT[$p]}"
	else
		ktap_result FAIL "$p defaults to ${DEFAULT[$p]}" "reads '$got'"
	fi
done
extra=()
for f in "$IGG_PARAMS"/*; do
	[[ -n ${DEFAULT[${f##*/}]:-} ]] || extra+=("${f##*/}")
done
if ((${#extra[@]})); then
	ktap_result FAIL "no parameters beyond the contract" "extra: ${extra[*]}"
else
	ktap_result OK "no parameters beyond the contract"
fi

# --- valid and invalid writes ---------------------------------------------
# accepts PARAM "written->reads" ...: each write succeeds and reads back.
accepts() {
	local p=$1 pair in want got bad=()
	shift
	for pair in "$@"; do
		in=${pair%->*}
		want=${pair##*->}
		in=${in//\\n/$'\n'}
		igg_set_param "$p" "$in"
		igg_get got "$p"
		[[ $IGG_ERR == OK && $got == "$want" ]] ||
			bad+=("write '${in//$'\n'/\\n}': $IGG_ERR, reads '$got', want '$want'")
	done
	if ((${#bad[@]})); then
		ktap_result FAIL "$p takes $# valid values" "${bad[@]}"
	else
		ktap_result OK "$p takes $# valid values"
	fi
}

# rejects PARAM value...: each write fails with EINVAL, the value stays.
rejects() {
	local p=$1 in old got bad=() shown=()
	shift
	igg_get old "$p"
	for in in "$@"; do
		in=${in//\\n/$'\n'}
		igg_set_param "$p" "$in"
		igg_get got "$p"
		shown+=("'${in//$'\n'/\\n}'")
		[[ $IGG_ERR == EINVAL && $got == "$old" ]] ||
			bad+=("write '${in//$'\n'/\\n}': $IGG_ERR, reads '$got' (was '$old')")
	done
	if ((${#bad[@]})); then
		ktap_result FAIL "$p rejects ${shown[*]} with EINVAL" "${bad[@]}"
	else
		ktap_result OK "$p rejects ${shown[*]} with EINVAL"
	fi
}

BOOL_OK=("0->N" "1->Y" "n->N" "y->Y" "N->N" "Y->Y" "0\n->N" "1\n->Y")
BOOL_BAD=(-1 banana "\n" 2 yes on off "Y Y" 10 "y\n\n")
for p in enabled ipv4 ipv6 log log_all_netns "${KNOBS[@]}"; do
	accepts "$p" "${BOOL_OK[@]}"
	igg_set_param "$p" 1
	rejects "$p" "${BOOL_BAD[@]}"
	igg_set_param "$p" "${DEFAULT[$p]}"
done

accepts mode "monitor->monitor" "block->block" "monitor\n->monitor" \
	"block\n->block"
rejects mode blocky "\n" banana -1 monitor2 "block monitor" "block\n\n"

accepts bridge "off->off" "malformed->malformed" "policy->policy" \
	"off\n->off" "policy\n->policy"
rejects bridge banana "\n" Policy "policy\n\n" "off policy" 1 on

accepts max_query_sources "0->0" "1->1" "366->366" "65535->65535" \
	"64\n->64"
rejects max_query_sources -1 banana "\n" 65536 4294967296 \
	99999999999999999999 "1 2" 1.5

accepts max_ext_headers "0->0" "1->1" "12->12" "255->255" "8\n->8"
rejects max_ext_headers -1 banana "\n" 256 65535 4294967296 "1 2" 1.5 0x10

if ((${#ANOMALIES[@]} >= 2)); then
	a=${ANOMALIES[0]} b=${ANOMALIES[1]}
	all=$(IFS=,; echo "${ANOMALIES[*]}")
	rev=()
	for ((i = ${#ANOMALIES[@]} - 1; i >= 0; i--)); do
		rev+=("${ANOMALIES[i]}")
	done
	revall=$(IFS=,; echo "${rev[*]}")
	singles=()
	for r in "${ANOMALIES[@]}"; do
		singles+=("$r->$r")
	done
	accepts drop_anomalies "${singles[@]}" "$b,$a->$a,$b" "$all->$all" \
		"$revall->$all" "none->none" "$a\n->$a" "none\n->none"
	igg_set_param drop_anomalies "$a"
	mal=$(first_of malformed)
	pol=$(first_of policy)
	rejects drop_anomalies banana "\n" "$mal" "$pol" "$a,$mal" "$a,$pol" \
		"$a," ",$a" "$a,,$b" "$a $b" "none,$a" "${a^^}"
	igg_set_param drop_anomalies none
else
	ktap_skip "drop_anomalies takes anomaly names" "fewer than 2 anomalies"
fi

# --- at load time -----------------------------------------------------------
k=${KNOBS[0]:-}
a=${ANOMALIES[0]:-}
load_args=(enabled=0 ipv4=0 ipv6=0 mode=monitor log=0 log_all_netns=1
	max_query_sources=10 max_ext_headers=3 bridge=malformed)
want=(enabled=N ipv4=N ipv6=N mode=monitor log=N log_all_netns=Y
	max_query_sources=10 max_ext_headers=3 bridge=malformed)
[[ -n $k ]] && load_args+=("$k=0") && want+=("$k=N")
[[ -n $a ]] && load_args+=("drop_anomalies=$a") && want+=("drop_anomalies=$a")
if out=$(igg_load "${load_args[@]}" 2>&1); then
	bad=()
	for kv in "${want[@]}"; do
		got=$(igg_param "${kv%%=*}")
		[[ $got == "${kv#*=}" ]] || bad+=("${kv%%=*} reads '$got', want '${kv#*=}'")
	done
	if ((${#bad[@]})); then
		ktap_result FAIL "insmod takes ${load_args[*]}" "${bad[@]}"
	else
		ktap_result OK "insmod takes ${load_args[*]}"
	fi
else
	ktap_result FAIL "insmod takes ${load_args[*]}" "$out"
fi

for arg in mode=blocky max_query_sources=65536 enabled=banana \
	log=-1 log_all_netns=yes "drop_anomalies=$(first_of malformed)" ${k:+$k=2} \
	ipv4=2 ipv6=on max_ext_headers=256 bridge=on; do
	if out=$(igg_load "$arg" 2>&1); then
		ktap_result FAIL "insmod refuses $arg" "insmod succeeded"
	elif igg_loaded; then
		ktap_result FAIL "insmod refuses $arg" "module is loaded: $out"
	else
		ktap_result OK "insmod refuses $arg"
	fi
done
igg_load

# --- privilege -----------------------------------------------------------------
modes=()
while read -r f m; do
	case $f in
	"$IGG_STATS") mode=444 ;;
	"$IGG_RESET") mode=200 ;;
	*) mode=644 ;;
	esac
	[[ $m == "$mode" ]] || modes+=("$f is $m, want $mode")
done < <(stat -c '%n %a' "$IGG_PARAMS"/* "$IGG_STATS" "$IGG_RESET")
if ((${#modes[@]})); then
	ktap_result FAIL "parameters are 0644, stats 0444, reset 0200" "${modes[@]}"
else
	ktap_result OK "parameters are 0644, stats 0444, reset 0200"
fi

# Traffic over lo in namespace $1, so that its counters are not zero.
make_traffic() {
	ip netns exec "$1" bash -c 'echo x >/dev/udp/127.0.0.1/9' 2>/dev/null || true
}
setup_ns NS
make_traffic "$NS"
seen=$(igg_stat packets_seen "$NS" || echo -1)

# as_user "who" "PREFIX": no parameter write and no reset may succeed.
as_user() {
	local who=$1 prefix=$2 p i new args=() old=() bad=()
	for p in "$IGG_PARAMS"/*; do
		case ${p##*/} in
		mode) new=monitor ;;
		bridge) new=off ;;
		max_query_sources|max_ext_headers) new=7 ;;
		drop_anomalies) new=${ANOMALIES[0]:-none} ;;
		*) new=N ;;
		esac
		args+=("$p" "$new")
		old+=("$(<"$p")")
	done
	igg_write_as "$prefix" "${args[@]}"
	for ((i = 0; i < ${#old[@]}; i++)); do
		p=${args[2 * i]}
		got=$(<"$p")
		[[ ${IGG_ERRS[i]:-} == EACCES || ${IGG_ERRS[i]:-} == EPERM ]] &&
			[[ $got == "${old[i]}" ]] ||
			bad+=("${p##*/}: write ${IGG_ERRS[i]:-}, reads '$got' (was '${old[i]}')")
	done
	if ((${#bad[@]})); then
		ktap_result FAIL "$who cannot write any parameter" "${bad[@]}"
	else
		ktap_result OK "$who cannot write any parameter"
	fi
	igg_write_as "ip netns exec $NS $prefix" "$IGG_RESET" 0
	got=$(igg_stat packets_seen "$NS" || echo -1)
	if [[ (${IGG_ERRS[0]} == EACCES || ${IGG_ERRS[0]} == EPERM) && $got -ge $seen && $got -gt 0 ]]; then
		ktap_result OK "$who cannot reset the counters"
	else
		ktap_result FAIL "$who cannot reset the counters" \
			"write: ${IGG_ERRS[*]}, packets_seen $got (was $seen)"
	fi
}

as_user nobody "$NOBODY"
# shellcheck disable=SC2086
if out=$($NOBODY cat "$IGG_STATS" 2>&1) && [[ $out == packets_seen* ]]; then
	ktap_result OK "nobody can read the counters"
else
	ktap_result FAIL "nobody can read the counters" "$out"
fi

# shellcheck disable=SC2086
if $NOBODY unshare -Ur true 2>/dev/null; then
	as_user "root of a user namespace made by nobody" \
		"$NOBODY unshare -Ur --"
	# A network namespace it owns is its to reset.
	# The user namespace must exist (and be mapped) before the network
	# namespace: the proc files get their owner when the namespace is
	# made.
	# shellcheck disable=SC2086
	out=$($NOBODY unshare -Ur -- unshare -n -- bash -c '
		ip link set lo up
		echo x >/dev/udp/127.0.0.1/9 2>/dev/null
		read -r _ before <'"$IGG_STATS"'
		printf 0 >'"$IGG_RESET"' || exit 1
		read -r _ after <'"$IGG_STATS"'
		echo "$before $after"' 2>&1) || out="reset failed: $out"
	if [[ $out =~ ^[1-9][0-9]*\ 0$ ]]; then
		ktap_result OK "root of a user namespace resets the counters of its own network namespace"
	else
		ktap_result FAIL "root of a user namespace resets the counters of its own network namespace" \
			"packets_seen before and after: $out"
	fi
else
	ktap_skip "user namespace checks" "unprivileged user namespaces are off"
fi
# Root of a child user namespace still maps to uid 0 (file access is
# fine) but has no CAP_NET_ADMIN over the initial namespace.
igg_write_as "ip netns exec $NS unshare -Ur --" "$IGG_RESET" 0
if [[ ${IGG_ERRS[0]} == EPERM ]]; then
	ktap_result OK "root of a child user namespace cannot reset a namespace it does not own (EPERM)"
else
	ktap_result FAIL "root of a child user namespace cannot reset a namespace it does not own (EPERM)" \
		"write: ${IGG_ERRS[*]}"
fi

# --- reset by root --------------------------------------------------------------
rejects_reset=() args=() shown=()
for v in 1 00 banana "" "\n" "0 " " 0" "0\n\n" -0; do
	args+=("$IGG_RESET" "${v//\\n/$'\n'}")
	shown+=("$v")
done
igg_write_as "ip netns exec $NS" "${args[@]}"
for ((i = 0; i < ${#shown[@]}; i++)); do
	[[ ${IGG_ERRS[i]:-} == EINVAL ]] ||
		rejects_reset+=("write '${shown[i]}': ${IGG_ERRS[i]:-}")
done
got=$(igg_stat packets_seen "$NS" || echo -1)
if ((${#rejects_reset[@]} == 0 && got > 0)); then
	ktap_result OK "reset rejects anything but 0 with EINVAL and keeps the counters"
else
	ktap_result FAIL "reset rejects anything but 0 with EINVAL and keeps the counters" \
		"${rejects_reset[@]}" "packets_seen $got"
fi
for v in 0 "0\n"; do
	make_traffic "$NS"
	igg_write_as "ip netns exec $NS" "$IGG_RESET" "${v//\\n/$'\n'}"
	left=$(ip netns exec "$NS" awk '$2 != 0' "$IGG_STATS")
	if [[ ${IGG_ERRS[0]} == OK && -z $left ]]; then
		ktap_result OK "root writing '$v' to reset zeroes every counter"
	else
		ktap_result FAIL "root writing '$v' to reset zeroes every counter" \
			"write: ${IGG_ERRS[*]}" "left: $left"
	fi
done
make_traffic "$NS"
got=$(igg_stat packets_seen "$NS" || echo -1)
if ((got > 0)); then
	ktap_result OK "counting goes on after a reset"
else
	ktap_result FAIL "counting goes on after a reset" "packets_seen $got"
fi

ktap_finish
