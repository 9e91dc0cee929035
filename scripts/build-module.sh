#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build igmpguard.ko for one kernel in build/<KVER>/. Kbuild writes objects
# next to the sources, so each kernel gets its own copy of the tree and two
# kernels never share an object file. Any compiler or sparse warning fails
# the build: "builds cleanly" is part of what we ship.
#
# usage: build-module.sh KVER [extra kbuild arguments, e.g. W=1 C=2]
#   IGG_KDIR  the kernel tree (default /lib/modules/KVER/build)
#   IGG_OUT   where to build (default build/KVER)
set -euo pipefail

kver=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
kdir=${IGG_KDIR:-/lib/modules/$kver/build}
out=${IGG_OUT:-$top/build/$kver}

if [[ ! -e $kdir/Makefile ]]; then
	echo "igmpguard: no headers for kernel $kver; install linux-headers-$kver or pass KVER=<release with headers>" >&2
	exit 2
fi

mkdir -p "$out"
# Copy only what kbuild needs; keep objects of earlier builds for speed.
cp -a "$top/Kbuild" "$top/VERSION" "$out/"
mkdir -p "$out/module" "$out/include"
cp -a "$top/module/." "$out/module/"
cp -a "$top/include/." "$out/include/"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! make -C "$kdir" M="$out" "$@" modules >"$log" 2>&1; then
	cat "$log" >&2
	exit 1
fi
if grep -E '(warning|error):' "$log" >&2; then
	echo "igmpguard: $kver: the build printed warnings (above)" >&2
	exit 1
fi
# The deliberate bugs of module/debug.c never reach a module built
# without asking for them.
if [[ " $* " != *" IGG_DEBUG_BUGS=y "* ]] &&
	modinfo -F parm "$out/igmpguard.ko" | grep -q '^debug_'; then
	echo "igmpguard: $kver: a debug_ parameter in a build without IGG_DEBUG_BUGS=y" >&2
	exit 1
fi
echo "  built $out/igmpguard.ko ($kver${*:+, $*})"
