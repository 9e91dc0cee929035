#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make dkms-install / dkms-uninstall: register the module's sources with
# DKMS from this tree, without a package.
#
#   install     copy the DKMS file list (scripts/pkg/dkms-src.sh) to
#               /usr/src/igmpguard-VERSION, dkms add, then build and install
#               for every kernel given (the Makefile gives each one with
#               headers); kernels installed later get it from DKMS itself
#   uninstall   dkms remove every registered version from every kernel and
#               delete every /usr/src/igmpguard-* copy
#
# usage: dkms.sh install [KVER...] | dkms.sh uninstall
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
name=igmpguard
version=$(cat "$top/VERSION")

die() { echo "pkg-dkms: $*" >&2; exit 1; }

[[ $EUID -eq 0 ]] || die "must run as root (it writes /usr/src and /lib/modules)"
command -v dkms >/dev/null || die "dkms is not installed (apt-get install dkms)"
# Two owners of /usr/src/igmpguard-VERSION would remove each other's files.
if [[ $(dpkg-query -W -f='${Status}' "$name-dkms" 2>/dev/null) == *" installed" ]]; then
	die "the $name-dkms package is installed; use apt-get purge $name-dkms first"
fi

# Versions DKMS knows, from "igmpguard/VERSION, KVER, ARCH: state" lines.
registered() {
	dkms status -m "$name" | sed -n "s|^$name/\([^,:]*\)[,:].*|\1|p" | sort -u
}

install_dkms() {
	local src=/usr/src/$name-$version k rc

	if registered | grep -qxF "$version"; then
		dkms remove -m "$name" -v "$version" --all
	fi
	rm -rf "$src"
	"$top/scripts/pkg/dkms-src.sh" "$src"
	dkms add -m "$name" -v "$version"
	for k in "$@"; do
		rc=0
		dkms install -m "$name" -v "$version" -k "$k" || rc=$?
		# 77: BUILD_EXCLUSIVE says this kernel is not for us.
		if ((rc == 77)); then
			echo "pkg-dkms: $k skipped (dkms.conf BUILD_EXCLUSIVE)"
		elif ((rc)); then
			die "dkms install for $k failed (exit $rc)"
		fi
	done
}

uninstall_dkms() {
	local v d

	for v in $(registered); do
		dkms remove -m "$name" -v "$v" --all
	done
	for d in /usr/src/"$name"-*; do
		[[ -e $d ]] || continue
		rm -rf "$d"
		echo "pkg-dkms: removed $d"
	done
}

case ${1:-} in
install) shift; install_dkms "$@" ;;
uninstall) uninstall_dkms ;;
*) sed -n 's/^# usage: //p' "$0" >&2; exit 1 ;;
esac
