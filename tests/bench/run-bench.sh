#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Validator benchmark: median ns per packet (from the bench binary),
# instructions per packet (callgrind, counting only inside igg_validate
# and igg_validate6)
# and per byte, and the cost units the host-only counter charges (from
# BENCH_BINARY_cost), one table. A benchmark: it prints figures and fails
# only if it cannot measure.
#
# Usage: run-bench.sh BENCH_BINARY OUTDIR
set -euo pipefail

bin=$1
out=$2
iters=${BENCH_COUNT_ITERS:-2000}
mkdir -p "$out"

"$bin" time > "$out/time.tsv"
"${bin}_cost" cost > "$out/cost.tsv"

instr() {
	local cls=$1 f="$out/callgrind.$1.out" total
	valgrind --tool=callgrind --collect-atstart=no \
		--toggle-collect=igg_validate --toggle-collect=igg_validate6 \
		--callgrind-out-file="$f" \
		"$bin" count "$cls" "$iters" 2> "$out/callgrind.$cls.log"
	total=$(awk '/^(summary|totals):/ { print $2; exit }' "$f")
	echo $(( (total + iters / 2) / iters ))
}

fmt='%-12s %6s %-5s %-18s %9s %10s %7s %6s  %s\n'
# shellcheck disable=SC2059
printf "$fmt" class bytes verd reason ns/pkt instr/pkt instr/B cost \
	description
while IFS=$'\t' read -r cls bytes verdict reason ns what; do
	n=$(instr "$cls")
	cost=$(awk -v c="$cls" '$1 == c { print $2 }' "$out/cost.tsv")
	# shellcheck disable=SC2059
	printf "$fmt" "$cls" "$bytes" "$verdict" "$reason" "$ns" "$n" \
		"$(awk -v n="$n" -v b="$bytes" 'BEGIN { printf "%.2f", n / b }')" \
		"$cost" "$what"
done < "$out/time.tsv"
echo "# targets (reported, not enforced): v2-report < 150 instr/pkt," \
	"v3r-64 (1 KB report) < 2000 instr/pkt"
echo "# cost: the host-only counter's units (validator.h); a row whose" \
	"instr/pkt exceeds it means a weight in module/validator/walk.h" \
	"(ipv6.c for IPv6) is too low"
echo "# per-line costs: callgrind_annotate --auto=yes $out/callgrind.<class>.out"
