#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: build igmpguard.ko and igmpguardctl, boot a kernel in a QEMU
# guest (scripts/vm/vmtest.sh) and play selftests/demo.py there with
# igmpguard in block mode, then monitor mode. The guest's console is shown
# live; the verdict comes back on the guest's result port, as for vmtest,
# and is this script's exit status.
#
# usage: demo.sh [--kver KVER]   (default: the newest installed kernel
#                                 with /boot/vmlinuz-KVER and headers)
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
kver=

while (($#)); do
	case $1 in
	--kver) kver=$2; shift 2 ;;
	-h|--help) sed -n 's/^# usage: //p' "$0"; exit 0 ;;
	*) echo "demo: unknown argument $1" >&2; exit 1 ;;
	esac
done

if [[ -z $kver ]]; then
	# Newest by version order, not by name: 6.12 sorts after 6.1.
	kver=$(for d in /lib/modules/*/build; do
		k=$(basename "$(dirname "$d")")
		[[ -e /boot/vmlinuz-$k ]] && echo "$k"
	done | sort -V | tail -n 1)
	[[ -n $kver ]] || {
		echo "demo: no kernel with both /boot/vmlinuz-KVER and /lib/modules/KVER/build" >&2
		exit 1
	}
fi

echo "demo: building igmpguard.ko for $kver and igmpguardctl"
"$top/scripts/build-module.sh" "$kver"
make -s -C "$top/scripts/igmpguardctl" >/dev/null

echo "demo: booting $kver in QEMU (the console follows)"
# The demo's lines come through the selftest runner, which prefixes them
# with "# "; strip that and the carriage returns of the serial console.
set +e
"$top/scripts/vm/vmtest.sh" --kver "$kver" --tests demo --timeout "${DEMO_TIMEOUT:-300}" -v |
	sed -u -e 's/\r$//' -e 's/^# //' -e '/^TAP version 13$/d' \
		-e '/^1\.\.[0-9]*$/d' -e '/^selftests: igmpguard: demo.py$/d'
rc=${PIPESTATUS[0]}
set -e
if ((rc == 0)); then
	echo "demo: PASS (every attack packet dropped in block mode, every legitimate packet delivered)"
else
	echo "demo: FAIL (exit $rc)"
fi
exit "$rc"
