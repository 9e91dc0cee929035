#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside a test guest, chrooted into the host root: loads what the
# selftests need, runs them and writes the summary line to the result port.
# The console (stdout) gets everything a human needs to see why.
#
# usage: guest.sh REPO [TEST,TEST...] RESULT_DEVICE
set -euo pipefail

repo=$1
tests=${2:-}
result=$3
kver=$(uname -r)

# Kernel messages from the tests belong in the console log, with the
# KTAP lines.
echo 7 >/proc/sys/kernel/printk
hostname igg-guest

# The guest's modprobe cannot be reached by the kernel for autoloading in
# every case, so load what the tests use up front. Missing ones are
# reported by the tests themselves, which then skip.
for mod in veth tun bridge sch_ingress cls_u32 act_gact; do
	modprobe -q "$mod" || echo "guest: modprobe $mod failed" >&2
done

# vmtest.sh --ko none passes IGG_KO empty: the tests modprobe the
# installed module.
export IGG_KO=${IGG_KO-$repo/build/$kver/igmpguard.ko}
summary=/tmp/igg-summary
echo "guest: kernel $kver, module ${IGG_KO:-installed (modprobe)}, tests ${tests:-all}"

start=$(date +%s)
rc=0
cd "$repo/selftests"
./run.sh --summary "$summary" ${tests:+${tests//,/ }} || rc=$?
end=$(date +%s)

if [[ -s $summary ]]; then
	echo "IGG-SUMMARY $(cat "$summary") seconds=$((end - start))" >"$result"
else
	echo "IGG-ERROR run.sh wrote no summary (rc $rc)" >"$result"
	[[ $rc -ne 0 ]] || rc=1
fi
# The debug kernel's lane (scripts/vm/vmtest-debug.sh) also wants what its
# sanitizers, kmemleak and lockdep saw.
if [[ ${IGG_DEBUG_SCAN:-0} == 1 ]] && ! "$repo/scripts/vm/debug-scan.sh" "$result"; then
	echo "IGG-ERROR the debug kernel reported problems (debug-scan lines in the console)" >"$result"
	[[ $rc -ne 0 ]] || rc=1
fi
# A warning that did not panic (panic_on_warn is on, so this is for
# taints from elsewhere) still fails the run.
taint=$(cat /proc/sys/kernel/tainted)
if (( taint & ~(1 << 12 | 1 << 13) )); then
	# 12 = out-of-tree module, 13 = unsigned module: expected for us.
	echo "IGG-ERROR kernel tainted: $taint" >"$result"
	dmesg | tail -50
	[[ $rc -ne 0 ]] || rc=1
fi
exit "$rc"
