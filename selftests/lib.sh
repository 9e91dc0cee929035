#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shared shell helpers of the igmpguard selftests (igg.py is the python
# side): KTAP output, kselftest exit codes, loading the module, reading and
# writing its parameters and counters, and namespaces that are deleted on
# exit. Source it; it sets no options of its own.
# shellcheck disable=SC2034 # the variables are for the scripts sourcing it

readonly KSFT_PASS=0
readonly KSFT_FAIL=1
readonly KSFT_SKIP=4

IGG_MOD=igmpguard
IGG_PARAMS=/sys/module/$IGG_MOD/parameters
IGG_STATS=/proc/net/$IGG_MOD/stats
IGG_RESET=/proc/net/$IGG_MOD/reset
IGG_SELFTESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
IGG_TOP=$(dirname "$IGG_SELFTESTS")

_ktap_n=0
_ktap_pass=0
_ktap_fail=0
_ktap_skip=0

ktap_header() {
	echo "TAP version 13"
}

ktap_diag() {
	local line
	for line in "$@"; do
		echo "# $line"
	done
}

# ktap_result OK|FAIL "description" [diagnostic lines printed on failure]
ktap_result() {
	local ok=$1 desc=${2//#/no.}
	shift 2
	_ktap_n=$((_ktap_n + 1))
	if [[ $ok == OK ]]; then
		_ktap_pass=$((_ktap_pass + 1))
		echo "ok $_ktap_n $desc"
	else
		_ktap_fail=$((_ktap_fail + 1))
		ktap_diag "$@"
		echo "not ok $_ktap_n $desc"
	fi
}

# ktap_check "description" command...: one result from a command's status.
ktap_check() {
	local desc=$1
	shift
	if "$@"; then
		ktap_result OK "$desc"
	else
		ktap_result FAIL "$desc" "failed: $*"
	fi
}

ktap_skip() {
	_ktap_n=$((_ktap_n + 1))
	_ktap_skip=$((_ktap_skip + 1))
	echo "ok $_ktap_n ${1//#/no.} # SKIP $2"
}

ktap_skip_all() {
	echo "1..0 # SKIP $*"
	exit "$KSFT_SKIP"
}

# Print the plan and the totals; exit with the kselftest code.
ktap_finish() {
	echo "1..$_ktap_n"
	echo "# Totals: pass:$_ktap_pass fail:$_ktap_fail xfail:0 xpass:0 skip:$_ktap_skip error:0"
	if ((_ktap_fail)); then
		exit "$KSFT_FAIL"
	elif ((_ktap_skip && !_ktap_pass)); then
		exit "$KSFT_SKIP"
	fi
	exit "$KSFT_PASS"
}

# checktool "cmd" "what for": skip the whole program if cmd is missing.
checktool() {
	command -v "$1" >/dev/null 2>&1 || ktap_skip_all "$1 not installed ($2)"
}

# The module file to insmod; nothing means modprobe (IGG_KO set but empty:
# the installed module).
igg_ko() {
	if [[ -n ${IGG_KO+set} ]]; then
		echo "$IGG_KO"
	elif [[ -e $IGG_TOP/build/$(uname -r)/$IGG_MOD.ko ]]; then
		echo "$IGG_TOP/build/$(uname -r)/$IGG_MOD.ko"
	fi
}

# Skip unless root and a module to load.
igg_preflight() {
	local ko
	[[ $EUID -eq 0 ]] || ktap_skip_all "must run as root"
	checktool insmod "loading $IGG_MOD"
	checktool rmmod "unloading $IGG_MOD"
	checktool ip "network namespaces"
	ko=$(igg_ko)
	if [[ -n $ko ]]; then
		[[ -e $ko ]] || ktap_skip_all "$ko not found"
	else
		modinfo "$IGG_MOD" >/dev/null 2>&1 ||
			ktap_skip_all "no $IGG_MOD.ko (set IGG_KO or build it)"
	fi
}

igg_loaded() {
	[[ -d /sys/module/$IGG_MOD ]]
}

igg_unload() {
	if igg_loaded; then
		rmmod "$IGG_MOD"
	fi
}

# igg_load [name=value...]: (re)load; insmod's message on stderr.
igg_load() {
	local ko
	igg_unload
	ko=$(igg_ko)
	if [[ -n $ko ]]; then
		insmod "$ko" "$@"
	else
		modprobe "$IGG_MOD" "$@"
	fi
}

# igg_param NAME: print the parameter; igg_get VAR NAME: into VAR
# without a subshell (forks are slow under TCG).
igg_param() {
	local v
	read -r v <"$IGG_PARAMS/$1"
	echo "$v"
}

igg_get() {
	read -r "$1" <"$IGG_PARAMS/$2"
}

_igg_writer_start() {
	[[ -n ${IGG_WRITER_PID:-} ]] && return
	coproc IGG_WRITER { exec /usr/bin/python3 "$IGG_SELFTESTS/igg.py" writer; }
}

# igg_write FILE VALUE: write VALUE with one write(2) and set IGG_ERR to OK
# or the errno name (EINVAL, EACCES, EPERM...). bash's own printf is no
# use for this: it writes line by line.
igg_write() {
	local hex
	_igg_writer_start
	_igg_hex hex "$2"
	printf '%s\t%s\n' "$1" "$hex" >&"${IGG_WRITER[1]}"
	read -r IGG_ERR <&"${IGG_WRITER[0]}"
}

# igg_write_as "PREFIX" FILE VALUE [FILE VALUE...]: the same writes from a
# process started with the word-split PREFIX (e.g. "setpriv --reuid 65534
# ..." or "ip netns exec NS"), all in one process; one result per write in
# the array IGG_ERRS.
igg_write_as() {
	local prefix=$1 hex input=
	shift
	while (($# >= 2)); do
		_igg_hex hex "$2"
		input+="$1"$'\t'"$hex"$'\n'
		shift 2
	done
	# shellcheck disable=SC2086 # the prefix is a word list on purpose
	mapfile -t IGG_ERRS < <(printf '%s' "$input" |
		$prefix /usr/bin/python3 "$IGG_SELFTESTS/igg.py" writer 2>&1)
}

# _igg_hex VAR STRING: the bytes of STRING (ASCII) as hex into VAR.
_igg_hex() {
	local -n _out=$1
	local s=$2 i c
	_out=
	for ((i = 0; i < ${#s}; i++)); do
		printf -v c '%02x' "'${s:i:1}"
		_out+=$c
	done
}

igg_set_param() {
	igg_write "$IGG_PARAMS/$1" "$2"
}

# igg_stat NAME [netns]: one counter from the stats file.
igg_stat() {
	local name=$1 ns=${2:-} n v
	while read -r n v; do
		[[ $n == "$name" ]] && { echo "$v"; return; }
	done < <(if [[ -n $ns ]]; then ip netns exec "$ns" cat "$IGG_STATS"; else cat "$IGG_STATS"; fi)
	return 1
}

IGG_NS_LIST=()

# setup_ns VAR...: make a namespace per VAR named igg-VAR-PID, lo up.
setup_ns() {
	local var name
	for var in "$@"; do
		name=igg-$var-$$
		ip netns add "$name" || return "$KSFT_SKIP"
		ip -n "$name" link set lo up
		IGG_NS_LIST+=("$name")
		printf -v "$var" '%s' "$name"
	done
}

cleanup_all_ns() {
	local ns
	for ns in "${IGG_NS_LIST[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	IGG_NS_LIST=()
}
