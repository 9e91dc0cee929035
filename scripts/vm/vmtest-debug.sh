#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The debug kernel's lane (make vmtest-debug): build or reuse the KASAN,
# kmemleak, lockdep and UBSAN kernel (scripts/vm/debug-kernel/build.sh), build
# igmpguard.ko against it, and
#
#   1. run the selftests on it, then unload the module, scan for leaks and
#      read the kernel log for reports (scripts/vm/debug-scan.sh): any
#      finding fails the run;
#   2. run the canary: a module built with IGG_DEBUG_BUGS=y reads one byte
#      past a validated packet (module/debug.c), and the run passes only
#      when debug-scan found KASAN's report of it in the kernel log. A
#      lane that cannot see that bug sees nothing.
#
# usage: vmtest-debug.sh [--tests a,b] [--no-canary]   (other options go
#        to scripts/vm/vmtest.sh)
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
canary=1
args=()
while (($#)); do
	case $1 in
	--no-canary) canary=0; shift ;;
	*) args+=("$1"); shift ;;
	esac
done

dir=$("$top/scripts/vm/debug-kernel/build.sh")
krel=$(cat "$dir/krelease")
export IGG_KDIR=$dir/linux-source-6.1

"$top/scripts/build-module.sh" "$krel" W=1
IGG_OUT=$top/build/$krel-bugs "$top/scripts/build-module.sh" "$krel" IGG_DEBUG_BUGS=y

# KASAN and lockdep make the guest several times slower than a
# distribution kernel's. So slow that ACPI's PCI routing method (_PRT)
# runs into the interpreter's 30 s loop limit: route without it.
# No 5-level paging: 6.1's identify_cpu() clears the CPU's feature bits for
# a moment at boot, and an interrupt then makes KASAN take the LA57 direct
# map for memory without shadow: a "wild-memory-access" report in
# handle_edge_irq(), which panic_on_warn turns into a guest that dies in
# its first second, before the serial console prints anything.
common=(--root "$dir/root" --kver "$krel" --timeout "${VMTEST_TIMEOUT:-3000}"
	--cpu-flags la57=off
	--append " kmemleak=on pci=noacpi" --env IGG_DEBUG_SCAN=1)

rc=0
# The canary's guest runs beside the selftests' (each guest keeps one core
# busy, and the selftests take many times longer), its report held back
# and printed after theirs. Its own output directory: the selftests'
# console stays for reading.
if ((canary)); then
	canary_log=$(mktemp)
	trap 'rm -f "$canary_log"' EXIT
	VMTEST_OUT=$top/build/vmtest-canary "$top/scripts/vm/vmtest.sh" "${common[@]}" \
		--ko "$top/build/$krel-bugs/igmpguard.ko" --tests debug_overread \
		--append " panic_on_warn=0" \
		--expect '^kernel log: .*BUG: KASAN: slab-out-of-bounds in igg_debug_overread' \
		>"$canary_log" 2>&1 &
	canary_pid=$!
fi

echo "vmtest-debug: selftests on $krel"
"$top/scripts/vm/vmtest.sh" "${common[@]}" "${args[@]}" || rc=1

if ((canary)); then
	echo "vmtest-debug: canary (debug_overread=1 must make KASAN report)"
	wait "$canary_pid" || rc=1
	cat "$canary_log"
fi
exit "$rc"
