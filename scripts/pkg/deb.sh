#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make deb: build igmpguard-dkms and igmpguard-tools with
# dpkg-buildpackage -us -uc -b from a copy of the tree in
# build/deb/igmpguard-VERSION, so the packages land in build/deb/ and not
# next to the checkout. debian/changelog is written into the copy from
# VERSION (scripts/pkg/changelog.sh). The build's output goes to
# build/deb/build.log and is shown when it fails.
#
# usage: deb.sh
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
version=$(cat "$top/VERSION")
out=$top/build/deb
stage=$out/igmpguard-$version

for tool in dpkg-buildpackage dh dh_dkms; do
	command -v "$tool" >/dev/null || {
		echo "pkg-deb: $tool missing: apt-get install dpkg-dev debhelper dh-dkms" >&2
		exit 1
	}
done

rm -rf "$out"
mkdir -p "$stage"
# What the package build reads: the module's sources for igmpguard-dkms,
# scripts/ for the tool, debian/ and the top-level files. No build/, tests
# or captures.
(cd "$top" && cp -a Kbuild VERSION Makefile dkms.conf README.md debian include \
	module scripts "$stage/")
"$top/scripts/pkg/changelog.sh" "$top" >"$stage/debian/changelog"

log=$out/build.log
echo "  dpkg-buildpackage -us -uc -b in $stage (log: $log)"
if ! (cd "$stage" && dpkg-buildpackage -us -uc -b) >"$log" 2>&1; then
	tail -n 40 "$log" >&2
	echo "pkg-deb: dpkg-buildpackage failed; full log in $log" >&2
	exit 1
fi
rm -rf "$stage"
for f in "$out"/*.deb; do
	printf '  %-44s %8d bytes\n' "${f#"$top"/}" "$(stat -c %s "$f")"
done
