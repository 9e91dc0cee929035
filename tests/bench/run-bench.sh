#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Validator benchmark: median ns per packet (from the bench binary) and
# instructions per packet (callgrind, counting only inside igg_validate),
# one table. A benchmark: it prints figures and fails only if it cannot
# measure.
#
# Usage: run-bench.sh BENCH_BINARY OUTDIR
set -euo pipefail

bin=$1
out=$2
iters=${BENCH_COUNT_ITERS:-2000}
mkdir -p "$out"

"$bin" time > "$out/time.tsv"

instr() {
	local cls=$1 f="$out/callgrind.$1.out" total
	valgrind --tool=callgrind --collect-atstart=no \
		--toggle-collect=igg_validate --callgrind-out-file="$f" \
		"$bin" count "$cls" "$iters" 2> "$out/callgrind.$cls.log"
	total=$(awk '/^(summary|totals):/ { print $2; exit }' "$f")
	echo $(( (total + iters / 2) / iters ))
}

printf '%-12s %6s %-5s %-18s %9s %10s  %s\n' class bytes verd reason \
	ns/pkt instr/pkt description
while IFS=$'\t' read -r cls bytes verdict reason ns what; do
	printf '%-12s %6s %-5s %-18s %9s %10s  %s\n' "$cls" "$bytes" \
		"$verdict" "$reason" "$ns" "$(instr "$cls")" "$what"
done < "$out/time.tsv"
echo "# targets (reported, not enforced): v2-report < 150 instr/pkt," \
	"v3r-64 (1 KB report) < 2000 instr/pkt"
echo "# per-line costs: callgrind_annotate --auto=yes $out/callgrind.<class>.out"
