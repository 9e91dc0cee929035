# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# TAP output, steps with their times, and commands run into log files, for
# scripts/pkg/pkgtest.sh. Source it after setting $top.

LOG_DIR=${top:?}/build/pkgtest
_tap_n=0
_tap_fail=0
_step=
_step_start=0
_step_times=()

tap_header() {
	echo "TAP version 13"
}

diag() {
	local text line
	for text in "$@"; do
		while IFS= read -r line; do
			echo "# $line"
		done <<<"$text"
	done
}

pass() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $1"
}

# fail "description" [diagnostic lines]
fail() {
	local desc=$1
	shift
	_tap_n=$((_tap_n + 1))
	_tap_fail=$((_tap_fail + 1))
	(($#)) && diag "$@"
	echo "not ok $_tap_n - $desc"
}

# check "description" command...: one result from the command's status.
check() {
	local desc=$1
	shift
	if "$@" >/dev/null 2>&1; then
		pass "$desc"
	else
		fail "$desc" "failed: $*"
	fi
}

# same_list "description" WANT GOT: the two sorted lists are equal; the
# diff is the diagnostic when not.
same_list() {
	if [[ $3 == "$2" ]]; then
		pass "$1"
	else
		fail "$1" "$(diff <(echo "$2") <(echo "$3") || true)"
	fi
}

tap_skip_all() {
	echo "1..0 # SKIP pkgtest: $*"
	exit 0
}

# A broken precondition: later steps would only repeat the failure.
bail() {
	echo "Bail out! pkgtest: $*"
	exit 1
}

step() {
	_step=$1
	_step_start=$SECONDS
	diag "" "step $1: $2"
}

step_done() {
	local took=$((SECONDS - _step_start))
	_step_times+=("$_step ${took}s")
	diag "step $_step took ${took} s"
}

# run_logged NAME command...: output to LOG_DIR/NAME.log, its time on
# stdout, its last lines on failure; returns the command's status.
run_logged() {
	local name=$1 log=$LOG_DIR/$1.log start rc=0
	shift
	start=$SECONDS
	"$@" >"$log" 2>&1 </dev/null || rc=$?
	diag "\$ $* ($((SECONDS - start)) s, exit $rc, log build/pkgtest/$name.log)"
	if ((rc)); then
		diag "--- last lines of $name.log:" "$(tail -n 40 "$log")"
	fi
	return "$rc"
}

finish() {
	echo "1..$_tap_n"
	diag "step times: ${_step_times[*]}"
	if ((_tap_fail)); then
		diag "pkgtest: $_tap_fail of $_tap_n failed"
		exit 1
	fi
	diag "pkgtest: all $_tap_n passed"
	exit 0
}
