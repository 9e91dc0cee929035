#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch --strict over every C file we ship. checkpatch.pl is taken
# from Debian's linux-source package at run time and cached; it is never
# committed here.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cache=${IGMPGUARD_CACHE:-$HOME/.cache/igmpguard}/checkpatch
tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1 || true)

if [[ ! -x $cache/scripts/checkpatch.pl ]]; then
	if [[ -z $tarball ]]; then
		echo "style: checkpatch needs Debian's linux-source package: apt-get install linux-source-6.1" >&2
		exit 2
	fi
	mkdir -p "$cache"
	src=$(basename "$tarball" .tar.xz)
	tar -xJf "$tarball" -C "$cache" --strip-components=1 \
		"$src/scripts/checkpatch.pl" "$src/scripts/spelling.txt" \
		"$src/scripts/const_structs.checkpatch"
fi

cd "$top"
mapfile -t files < <(git ls-files -- 'module/*.[ch]' 'include/*.[ch]' 'scripts/*.[ch]' 2>/dev/null ||
		     find module include scripts -name '*.[ch]')
# Files not yet known to git still count.
mapfile -t -O "${#files[@]}" files < <(git ls-files --others --exclude-standard -- \
		'module/*.[ch]' 'include/*.[ch]' 'scripts/*.[ch]' 2>/dev/null || true)

out=$("$cache/scripts/checkpatch.pl" --strict --no-tree --terse --show-types \
	--max-line-length=80 -f "${files[@]}" || true)
if grep -E ': (ERROR|WARNING|CHECK):' <<<"$out" >&2; then
	echo "style: checkpatch --strict found problems (above)" >&2
	exit 1
fi
echo "style: checkpatch --strict clean on ${#files[@]} files"
