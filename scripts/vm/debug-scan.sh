#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs in a debug-kernel guest after the selftests (guest.sh, when
# IGG_DEBUG_SCAN=1): unloads the module, asks kmemleak for a scan and reads
# the kernel log for what the sanitizers and lockdep report. Prints each
# finding as "debug-scan: ..." and exits 1 when there is any; with a
# result port as argument, also writes it there as "IGG-FINDING ...", where
# no kernel message can interleave with it as on the console.
#
# usage: debug-scan.sh [RESULT_DEVICE]
set -uo pipefail

result=${1:-}
kmemleak=/sys/kernel/debug/kmemleak
found=0

finding() {
	echo "debug-scan: $*"
	[[ -z $result ]] || echo "IGG-FINDING $*" >"$result"
	found=1
}

# What is left of the module after the tests must be freed by rmmod.
if [[ -d /sys/module/igmpguard ]]; then
	rmmod igmpguard || finding "rmmod igmpguard failed"
fi

if [[ -w $kmemleak ]]; then
	# kmemleak reports an object only once it has stayed unreferenced
	# through a scan and is older than 5 s; two scans a few seconds apart
	# settle what the first saw in flight.
	echo scan >"$kmemleak"
	sleep 6
	echo scan >"$kmemleak"
	leaks=$(grep -c '^unreferenced object' "$kmemleak")
	if ((leaks)); then
		finding "kmemleak: $leaks unreferenced objects"
		head -n 60 "$kmemleak"
	else
		echo "debug-scan: kmemleak: no leaks"
	fi
else
	finding "kmemleak is not active (boot with kmemleak=on)"
fi

# The first line of each report, as the kernel prints them.
pattern='BUG: KASAN|UBSAN:|WARNING: possible|WARNING: suspicious RCU|'
pattern+='WARNING: inconsistent lock state|possible recursive locking|'
pattern+='possible circular locking|BUG: sleeping function called from invalid context|'
pattern+='BUG: scheduling while atomic|WARNING: CPU: |BUG: unable to handle|'
pattern+='list_add corruption|list_del corruption|kernel BUG at'
reports=$(dmesg | grep -E "$pattern")
if [[ -n $reports ]]; then
	while IFS= read -r line; do
		finding "kernel log: $line"
	done <<<"$reports"
else
	echo "debug-scan: kernel log: no KASAN, UBSAN, lockdep or WARN report"
fi
exit "$found"
