#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside a bench guest (scripts/vm/init, igg.run=bench/guest/guest.sh):
# loads what the packet-path benchmark needs and runs it. Figures go to
# the result port as IGG-BENCH lines, progress to the console.
#
# usage: guest.sh REPO RESULT_DEVICE
set -euo pipefail

repo=$1
result=$2
echo 4 >/proc/sys/kernel/printk
for mod in veth nf_tables bridge; do
	modprobe -q "$mod" || echo "bench guest: modprobe $mod failed" >&2
done
echo "bench guest: kernel $(uname -r), module ${IGG_KO:?}"
exec /usr/bin/python3 "$repo/bench/guest/pathbench.py" "$result" "$repo"
