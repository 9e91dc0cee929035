#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The canary of the debug kernel's lane, not one of TEST_PROGS: with a
# module built with IGG_DEBUG_BUGS=y and debug_overread=1, an IGMP report
# through the hook makes it read one byte past what it validated.
# This program only checks that such a report reached the hook; that KASAN
# said so is checked on the host, in the guest's console
# (scripts/vm/vmtest-debug.sh).
set -euo pipefail

source "$(dirname "$0")/lib.sh"

ns=igg-canary-$$

cleanup() {
	ip netns del "$ns" 2>/dev/null || true
	ip link del igg-canary 2>/dev/null || true
}
trap cleanup EXIT

ktap_header
igg_preflight
parms=$(modinfo -F parm "$(igg_ko)")
[[ $parms == *debug_overread:* ]] ||
	ktap_skip_all "$(igg_ko) has no debug_overread (build it with IGG_DEBUG_BUGS=y)"

ktap_check "loads with debug_overread=1" igg_load debug_overread=1
ip netns add "$ns"
ip link add igg-canary type veth peer name eth0 netns "$ns"
ip link set igg-canary up
ip -n "$ns" link set eth0 up
ip -n "$ns" addr add 192.0.2.2/24 dev eth0
before=$(igg_stat packets_validated)
# Joining a group makes the namespace send IGMP reports out of eth0; they
# arrive on igg-canary, in this namespace, where the hook reads them.
ip -n "$ns" addr add 239.1.2.3/32 dev eth0 autojoin
for _ in $(seq 50); do
	(($(igg_stat packets_validated) > before)) && break
	sleep 0.1
done
ktap_check "an IGMP report went through the hook" \
	test "$(igg_stat packets_validated)" -gt "$before"
igg_unload
ktap_finish
