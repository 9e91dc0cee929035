#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run igmpguard selftests the way kselftest's runner does: one KTAP line
# per program, each program's own KTAP output nested under "# ". Programs
# exiting 4 are skips. The per-test results inside the programs are counted
# too, and with --summary the totals are written to FILE as one line of
# key=value pairs (the QEMU runner sends it to the host).
#
# usage: run.sh [--summary FILE] [TEST...]   (default: TEST_PROGS of the Makefile)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
summary=
while (($#)); do
	case $1 in
	--summary) summary=$2; shift 2 ;;
	-h|--help) sed -n 's/^# usage: //p' "$0"; exit 0 ;;
	--) shift; break ;;
	*) break ;;
	esac
done

if (($#)); then
	progs=()
	for t in "$@"; do
		for f in "$here/$t" "$here/$t.sh" "$here/$t.py"; do
			[[ -f $f ]] && { progs+=("$(basename "$f")"); continue 2; }
		done
		echo "run.sh: no test called $t" >&2
		exit 1
	done
else
	read -ra progs <<<"$(make -s --no-print-directory -C "$here" print-tests)"
fi

timeout=300
if [[ -r $here/settings ]]; then
	t=$(sed -n 's/^timeout=//p' "$here/settings")
	[[ -n $t ]] && timeout=$t
fi

n=0 prog_fail=0 tests=0 pass=0 fail=0 skip=0
failed=()
echo "TAP version 13"
echo "1..${#progs[@]}"
for prog in "${progs[@]}"; do
	n=$((n + 1))
	echo "# selftests: igmpguard: $prog"
	p_pass=0 p_fail=0 p_skip=0
	start=$SECONDS
	# The program writes to a file that tail follows until the program
	# is gone: a background process it forgot about may hold the file
	# open, but cannot keep this loop (or the next test) waiting.
	out=$(mktemp)
	timeout -k 5 "$timeout" "./$prog" >"$out" 2>&1 </dev/null &
	pid=$!
	# Only the program's own top-level results count; nested KTAP is
	# indented and so never matches.
	while IFS= read -r line; do
		[[ -n $line ]] || continue
		echo "# $line"
		case $line in
		"not ok "*) p_fail=$((p_fail + 1)) ;;
		"ok "*"# SKIP"*|"ok "*"# skip"*) p_skip=$((p_skip + 1)) ;;
		"ok "*) p_pass=$((p_pass + 1)) ;;
		esac
	done < <(tail -s 0.1 -n +1 -f --pid="$pid" "$out")
	rc=0
	wait "$pid" || rc=$?
	# timeout leads a process group; whatever the program left behind
	# is in it.
	if kill -0 -- -"$pid" 2>/dev/null; then
		echo "# $prog: killing processes it left running"
		kill -KILL -- -"$pid" 2>/dev/null || true
	fi
	rm -f "$out"
	secs=$((SECONDS - start))
	if ((rc == 4)); then
		echo "ok $n selftests: igmpguard: $prog # SKIP (${secs}s)"
		((p_pass + p_fail + p_skip)) || p_skip=1
	elif ((rc == 0 && p_fail == 0)); then
		echo "ok $n selftests: igmpguard: $prog (${secs}s)"
	else
		((rc == 124)) && echo "# $prog: killed after ${timeout}s"
		echo "not ok $n selftests: igmpguard: $prog # exit=$rc (${secs}s)"
		prog_fail=$((prog_fail + 1))
		failed+=("$prog")
		# A crash before any result still has to count as a failure.
		((p_fail)) || p_fail=1
	fi
	tests=$((tests + p_pass + p_fail + p_skip))
	pass=$((pass + p_pass))
	fail=$((fail + p_fail))
	skip=$((skip + p_skip))
done
echo "# Totals: programs:${#progs[@]} failed:$prog_fail tests:$tests pass:$pass fail:$fail skip:$skip"

if [[ -n $summary ]]; then
	f=${failed[*]}
	echo "programs=${#progs[@]} tests=$tests pass=$pass fail=$fail skip=$skip${f:+ failed=${f// /,}}" >"$summary"
fi
((prog_fail == 0))
