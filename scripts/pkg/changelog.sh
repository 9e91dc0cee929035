#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print debian/changelog for the version in VERSION. The changelog is
# generated so the version is typed once; the entry is reproducible: its
# maintainer is debian/control's and its date is that of the last commit
# that changed VERSION (the mtime of VERSION outside a git checkout).
#
# usage: changelog.sh [TOP]   (default: this tree)
set -euo pipefail

top=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
version=$(cat "$top/VERSION")
maint=$(sed -n 's/^Maintainer: *//p' "$top/debian/control")
[[ -n $maint ]] || { echo "pkg-changelog: no Maintainer in debian/control" >&2; exit 1; }

date=
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
	date=$(git -C "$top" log -1 --format=%aD -- VERSION)
fi
[[ -n $date ]] || date=$(LC_ALL=C date -u -R -r "$top/VERSION")

cat <<EOF2
igmpguard ($version) unstable; urgency=medium

  * igmpguard $version: see README.md for what this version does.

 -- $maint  $date
EOF2
