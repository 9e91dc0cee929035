#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# igmpguard benchmarks. Prints figures, writes them as JSON under
# bench-results/, and never passes or fails on a figure.
#
#   validator   the host validator micro-benchmark (make -C tests
#               bench-validator) and, from it, the cost of an IGMPv3
#               message as its sources or group records grow
#   path        the packet path in a QEMU guest per kernel: routed IPv4
#               and IPv6 mixes against five configurations (no module,
#               enabled=0, monitor, block, the nftables tables of
#               bench/nft-prerouting.nft), and bridged mixes against no
#               module, block and bench/nft-bridge.nft, interleaved round
#               by round
#
# usage: run.sh [validator|path|all] [options]   (default all)
#   --kver KVER      kernel for the path bench, repeatable; default the
#                    words of $KVERS, else every kernel with
#                    /boot/vmlinuz-KVER and build/KVER/igmpguard.ko
#   --seconds S      length of one run (default 2, $BENCH_SECONDS)
#   --rounds N       rounds of every configuration (default 5, $BENCH_ROUNDS)
#   --timeout SEC    hard limit per guest (default 1800)
#   --mixes LIST     traffic mixes, comma-separated (default all, see
#                    bench/guest/mixes.py; $BENCH_MIXES)
#   --configs LIST   configurations, comma-separated (default all;
#                    $BENCH_CONFIGS)
#   --icount SHIFT   run TCG with -icount shift=SHIFT,sleep=off: guest
#                    time then counts guest instructions (2^SHIFT ns
#                    each), so figures stop depending on the host's load.
#                    Off by default ($BENCH_ICOUNT): with QEMU 7.2, 6.1
#                    did not boot that way and 6.12 took a spurious #DB
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
here=$top/bench
# shellcheck source=scripts/vm/lib.sh
source "$top/scripts/vm/lib.sh"
out=$top/build/bench
results=$top/bench-results
what=all
kvers=()
secs=${BENCH_SECONDS:-2}
rounds=${BENCH_ROUNDS:-5}
limit=1800
accel=${BENCH_ACCEL:-tcg}
icount=${BENCH_ICOUNT:-off}
mixes=${BENCH_MIXES:-}
configs=${BENCH_CONFIGS:-}

usage() {
	sed -n '/^# usage:/,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
	exit "${1:-0}"
}

while (($#)); do
	case $1 in
	validator|path|all) what=$1; shift ;;
	--kver) kvers+=("$2"); shift 2 ;;
	--seconds) secs=$2; shift 2 ;;
	--rounds) rounds=$2; shift 2 ;;
	--timeout) limit=$2; shift 2 ;;
	--icount) icount=$2; shift 2 ;;
	--mixes) mixes=$2; shift 2 ;;
	--configs) configs=$2; shift 2 ;;
	-h|--help) usage 0 ;;
	*) echo "bench: unknown argument $1" >&2; usage 1 >&2 ;;
	esac
done

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out" "$results"

host_info() {
	local model
	model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
	echo "host: $(uname -n), $model, $(nproc) CPUs, kernel $(uname -r)," \
		"$(qemu-system-x86_64 --version 2>/dev/null | head -1)"
}

run_validator() {
	local log=$out/validator.txt
	echo "== validator micro-benchmark (host, userspace) =="
	make -s --no-print-directory -C "$top/tests" bench-validator | tee "$log"
	echo
	echo "== IGMPv3 cost as the message grows (callgrind instructions) =="
	python3 "$here/tables.py" scale "$log" \
		"$results/validator-$stamp.json"
}

run_path() {
	local k=$1 initrd rc=0
	local dir=$out/$k
	local ko=$top/build/$k/igmpguard.ko blast=$out/blast
	for f in "/boot/vmlinuz-$k" "$ko"; do
		[[ -r $f ]] || { echo "bench: $k: $f missing (make KVER=$k?)" >&2; return 1; }
	done
	mkdir -p "$dir"
	initrd=$dir/initramfs.cpio.gz
	vm_initramfs "$top" "$k" "$initrd"
	# The guest runs copies: a rebuild meanwhile cannot change them.
	cp "$ko" "$dir/igmpguard.ko"
	local env="IGG_KO=$dir/igmpguard.ko,BENCH_BLAST=$blast"
	env+=",BENCH_SECONDS=$secs,BENCH_ROUNDS=$rounds"
	# igg.env= splits at commas: lists travel with plus signs.
	[[ -n $mixes ]] && env+=",BENCH_MIXES=${mixes//,/+}"
	[[ -n $configs ]] && env+=",BENCH_CONFIGS=${configs//,/+}"
	# No debug options (slub_debug, panic_on_warn) here: they would
	# slow every allocation and flatten the differences measured.
	local cmdline="console=ttyS0 panic=-1 quiet loglevel=4"
	cmdline+=" igg.repo=$top igg.run=bench/guest/guest.sh igg.env=$env"
	local cpu=max acc=tcg,thread=single clock=()
	[[ $icount != off ]] && clock=(-icount "shift=$icount,sleep=off")
	[[ $accel == kvm ]] && cpu=host acc=kvm clock=()
	rm -f "$dir/result"
	echo "== packet path, $k ($accel${clock:+ ${clock[*]}}, ${rounds} rounds x ${secs}s per run) =="
	local shares=()
	vm_shares "$top" shares
	timeout -k 10 "$limit" qemu-system-x86_64 -accel "$acc" "${clock[@]}" -cpu "$cpu" \
		-smp 2 -m 1G -nodefaults -no-reboot -display none \
		-kernel "/boot/vmlinuz-$k" -initrd "$initrd" -append "$cmdline" \
		"${shares[@]}" \
		-chardev "file,id=con,path=$dir/console.log" \
		-device isa-serial,chardev=con,index=0 \
		-chardev "file,id=result,path=$dir/result" \
		-device isa-serial,chardev=result,index=1 \
		</dev/null >"$dir/qemu.log" 2>&1 || rc=$?
	if ! grep -q '^IGG-BENCH run ' "$dir/result" 2>/dev/null; then
		echo "bench: $k: no figures from the guest (qemu rc $rc); console: $dir/console.log" >&2
		tail -n 30 "$dir/console.log" | tr -d '\r' | sed 's/^/  | /' >&2
		return 1
	fi
	grep -a '^IGG-' "$dir/result" | grep -v '^IGG-BENCH' || true
	if ! grep -q '^IGG-EXIT 0' "$dir/result"; then
		echo "bench: $k: the guest stopped early (qemu rc $rc); partial figures follow; console: $dir/console.log"
		grep -a -m1 -A3 -E 'BUG:|Oops|cut here|panic' "$dir/console.log" |
			tr -d '\r' | sed 's/^/  | /'
		rc=1
	fi
	python3 "$here/tables.py" path "$dir/result" \
		"$results/path-$k-$stamp.json" "$(host_info)"
	# A guest that stopped early gave figures, but not all of them.
	return $((rc != 0))
}

host_info
echo
failed=0
if [[ $what == validator || $what == all ]]; then
	run_validator || failed=1
	echo
fi
if [[ $what == path || $what == all ]]; then
	((${#kvers[@]})) || vm_kernels "$top" kvers

	((${#kvers[@]})) || { echo "bench: no kernel to run (make first)" >&2; exit 1; }
	# Renamed into place: a second bench running may be using it.
	gcc -std=gnu11 -O2 -Wall -Wextra -Werror -o "$out/blast.$$" \
		"$here/guest/blast.c"
	mv -f "$out/blast.$$" "$out/blast"
	for k in "${kvers[@]}"; do
		run_path "$k" || failed=1
		echo
	done
fi
echo "JSON: $results/*-$stamp.json"
# Exit status says whether figures were measured, never how good they are.
exit "$failed"
