#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The one list of what DKMS needs to build igmpguard.ko, and the copy of it
# into a DKMS source directory. make dkms-install and debian/rules both
# come here, so the two cannot ship different trees. Tests, vectors and
# host tools stay out: DKMS builds on every kernel upgrade, and only the
# module's own sources belong there.
#
# usage: dkms-src.sh [--no-conf] DEST   copy the list (and dkms.conf,
#                                           its version filled in) to DEST
#        dkms-src.sh --list             print the list, one path a line
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)

# Globs relative to the top of the tree. dkms.conf is not here: it is
# copied with its version substituted, or by dh_dkms.
patterns=(Kbuild VERSION 'module/*.c' 'module/*.h' 'module/validator/*.c'
	  'module/validator/*.h' 'include/igmpguard/*.h')
# The deliberate bugs of the debug kernel's test lane: Kbuild compiles
# them only with IGG_DEBUG_BUGS=y, which no DKMS build sets.
exclude=(module/debug.c)

list() {
	local p f
	cd "$top"
	for p in "${patterns[@]}"; do
		# An unmatched glob stays literal and fails the -f test.
		for f in $p; do
			[[ -f $f ]] || { echo "pkg-dkms-src: nothing matches $p" >&2; exit 1; }
			[[ " ${exclude[*]} " == *" $f "* ]] || echo "$f"
		done
	done
}

conf=1
case ${1:-} in
--list) list; exit 0 ;;
--no-conf) conf=0; shift ;;
esac
(($# == 1)) || { sed -n 's/^# usage: //p; s/^#        //p' "$0" >&2; exit 1; }
dest=$1

mapfile -t files < <(list)
mkdir -p "$dest"
for f in "${files[@]}"; do
	install -D -m 0644 "$top/$f" "$dest/$f"
done
if ((conf)); then
	version=$(cat "$top/VERSION")
	sed "s/#MODULE_VERSION#/$version/" "$top/dkms.conf" >"$dest/dkms.conf"
	chmod 0644 "$dest/dkms.conf"
fi
