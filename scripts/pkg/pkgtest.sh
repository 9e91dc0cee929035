#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make pkgtest: every way of installing igmpguard, end to end, on this
# machine (CI runs it as root on a fresh one). It installs and purges
# packages and DKMS registrations here, replacing any igmpguard install
# it finds; the module itself is only ever loaded inside QEMU guests.
#
#   a  make deb; lintian (an E: fails); apt-get install ./build/deb/*.deb;
#      DKMS built and installed the module for every kernel with headers;
#      igmpguard-textfile.timer installed disabled, one run of its service
#      writing the textfile for node_exporter (for real when systemd is
#      PID 1, else its ExecStart as the unit states it), enabled, disabled
#   b  each kernel that also has /boot/vmlinuz boots in QEMU and runs
#      selftests/installed.sh: plain modprobe from the installed tree,
#      options from modprobe.d, systemd-modules-load, the smoke test
#   c  a kernel arriving after the package: the headers of another release
#      from apt when the archive has them, else one kernel's module removed
#      and its headers' DKMS hook run again; the module is built for it
#   d  apt-get purge: no igmpguard.ko under /lib/modules, dkms status
#      empty, nothing left of either package, the timer's units and
#      textfile included
#   e  make dkms-install / dkms-uninstall, and make install / uninstall
#      with DESTDIR, their file lists compared with the expected ones
#
# Output is TAP; every step prints its time. Not root, or no dpkg or dkms:
# a SKIP and exit 0. Anything it set up is undone on exit, pass or fail.
#
# usage: pkgtest.sh   (environment: PKGTEST_GUESTS="KVER..." to boot
#                      fewer kernels, PKGTEST_EXTRA=simulate to skip apt)
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=scripts/pkg/testlib.sh
source "$top/scripts/pkg/testlib.sh"

VERSION=$(cat "$top/VERSION")
DEB_DIR=$top/build/deb
NAME=igmpguard
mok_existed=0
[[ -e /var/lib/dkms/mok.key ]] && mok_existed=1
extra_pkgs=()
extra_kver=
destdir=
textfile_dir_made=

# Kernels with headers that dkms.conf's BUILD_EXCLUSIVE_KERNEL accepts.
kernels_with_headers() {
	local re d k
	re=$(sed -n 's/^BUILD_EXCLUSIVE_KERNEL="\(.*\)"$/\1/p' "$top/dkms.conf")
	for d in /lib/modules/*/build; do
		k=${d%/build}
		k=${k##*/}
		[[ -e $d/include && $k =~ $re ]] && echo "$k"
	done | sort -V
}

# dkms status for igmpguard; dkms 3.0 adds readelf noise on stderr.
dkms_status() {
	dkms status -m "$NAME" "$@" 2>/dev/null
}

pkg_installed() {
	dpkg-query -W -f='${db:Status-Abbrev}\n' "$1" 2>/dev/null | grep -q '^[ir]'
}

# Whatever an earlier run or an admin left: this test owns the machine.
remove_installs() {
	local p purge=()
	for p in "$NAME-dkms" "$NAME-tools"; do
		pkg_installed "$p" && purge+=("$p")
	done
	if ((${#purge[@]})); then
		apt-get purge -y "${purge[@]}" >"$LOG_DIR/cleanup-purge.log" 2>&1 ||
			diag "cleanup: apt-get purge ${purge[*]} failed"
	fi
	if [[ -n $(dkms_status) ]] || compgen -G "/usr/src/$NAME-*" >/dev/null; then
		"$top/scripts/pkg/dkms.sh" uninstall >"$LOG_DIR/cleanup-dkms.log" 2>&1 ||
			diag "cleanup: scripts/pkg/dkms.sh uninstall failed"
	fi
}

remove_extra_kernel() {
	local p
	[[ -n $extra_kver ]] || return 0
	dkms remove -m "$NAME" -v "$VERSION" -k "$extra_kver" >/dev/null 2>&1 || true
	apt-get purge -y "${extra_pkgs[@]}" >"$LOG_DIR/extra-purge.log" 2>&1 ||
		diag "cleanup: apt-get purge ${extra_pkgs[*]} failed"
	for p in "${extra_pkgs[@]}"; do
		rm -f "/var/cache/apt/archives/${p}_"*.deb
	done
	# Only depmod's indexes are left there, and the directory did not
	# exist before the headers came.
	if [[ ! -e /lib/modules/$extra_kver/kernel ]] &&
	   ! dpkg -S "/lib/modules/$extra_kver" >/dev/null 2>&1; then
		rm -rf "/lib/modules/${extra_kver:?}"
	fi
	extra_kver=
}

# shellcheck disable=SC2317 # the EXIT trap runs it
cleanup() {
	local rc=$?
	set +e
	remove_extra_kernel
	remove_installs
	[[ -n $destdir ]] && rm -rf "$destdir"
	[[ -n $textfile_dir_made ]] && rm -rf "$textfile_dir_made"
	# DKMS made this signing key for our builds; one that was here stays.
	if ((!mok_existed)) && [[ -e /var/lib/dkms/mok.key ]]; then
		rm -f /var/lib/dkms/mok.key /var/lib/dkms/mok.pub
		diag "cleanup: removed the DKMS signing key made during the test"
	fi
	exit "$rc"
}

start_clean() {
	if pkg_installed "$NAME-dkms" || pkg_installed "$NAME-tools" ||
	   [[ -n $(dkms_status) ]] || compgen -G "/usr/src/$NAME-*" >/dev/null; then
		diag "removing an earlier igmpguard install first"
		remove_installs
	fi
}

# shellcheck source=scripts/pkg/checks.sh
source "$top/scripts/pkg/checks.sh"

tap_header
[[ $EUID -eq 0 ]] || tap_skip_all "must run as root (it installs packages)"
for tool in dpkg apt-get; do
	command -v "$tool" >/dev/null || tap_skip_all "$tool missing: not a Debian-based system"
done
command -v dkms >/dev/null || tap_skip_all "dkms missing (scripts/install-deps.sh installs it)"
for tool in lintian dpkg-buildpackage dh_dkms qemu-system-x86_64 systemctl systemd-analyze; do
	command -v "$tool" >/dev/null || bail "$tool missing (scripts/install-deps.sh installs it)"
done

mkdir -p "$LOG_DIR"

mapfile -t kernels < <(kernels_with_headers)
((${#kernels[@]})) || bail "no kernel with headers under /lib/modules/*/build"
guests=()
for k in ${PKGTEST_GUESTS:-${kernels[*]}}; do
	[[ -e /boot/vmlinuz-$k ]] && guests+=("$k")
done
diag "igmpguard $VERSION; kernels with headers: ${kernels[*]}; guests: ${guests[*]:-none}"

trap cleanup EXIT
start_clean

# --- a: packages --------------------------------------------------------------
step a "make deb, lintian, apt-get install"
run_logged deb make -C "$top" deb || bail "make deb failed"
debs=("$DEB_DIR/igmpguard-dkms_${VERSION}_all.deb"
      "$DEB_DIR/igmpguard-tools_${VERSION}_$(dpkg --print-architecture).deb")
check "make deb: ${debs[*]##*/}" test -f "${debs[0]}" -a -f "${debs[1]}"
lint=$(lintian "$DEB_DIR"/*.changes 2>&1 | grep -v 'running with root privileges' || true)
diag "lintian: ${lint:-no tags}"
if grep -q '^E: ' <<<"$lint"; then
	fail "lintian: no errors"
else
	pass "lintian: no errors ($(grep -c '^W: ' <<<"$lint" || true) warnings)"
fi
run_logged apt-install apt-get install -y --no-install-recommends "${debs[@]}" ||
	bail "apt-get install of the packages failed"
for k in "${kernels[@]}"; do
	check_built "$k" "package"
done
ctl_version=$(/usr/sbin/igmpguardctl --version 2>&1 | head -n 1 || true)
if [[ $ctl_version =~ ^igmpguardctl\ +"$VERSION"$ ]]; then
	pass "/usr/sbin/igmpguardctl --version: $ctl_version"
else
	fail "/usr/sbin/igmpguardctl --version says $VERSION" "it says: $ctl_version"
fi
check_postinst_loop "${kernels[0]}"
check_textfile_timer
diag "dkms status:" "$(dkms_status)"
mapfile -t pkg_files < <(package_files igmpguard-dkms igmpguard-tools)
step_done

# --- b: guests ------------------------------------------------------------------
step b "boot each kernel, modprobe the installed module"
((${#guests[@]})) || bail "no kernel with both headers and /boot/vmlinuz"
for k in "${guests[@]}"; do
	check_guest "$k"
done
step_done

# --- c: a further kernel ------------------------------------------------------------
step c "a kernel installed after the package"
further_kernel
step_done

# --- d: purge ---------------------------------------------------------------------
step d "apt-get purge"
run_logged purge apt-get purge -y igmpguard-dkms igmpguard-tools || bail "apt-get purge failed"
check_nothing_left "purge"
left=()
for f in "${pkg_files[@]}"; do
	[[ -e $f ]] && left+=("$f")
done
check "purge: none of the packages' ${#pkg_files[@]} files is left" test "${#left[@]}" -eq 0
((${#left[@]} == 0)) || diag "left: ${left[*]}"
check_textfile_purged
check "purge: dpkg knows neither package" \
	bash -c '! dpkg-query -W igmpguard-dkms igmpguard-tools >/dev/null 2>&1'
step_done

# --- e: from the source tree ------------------------------------------------------------
step e "make dkms-install/dkms-uninstall, make install/uninstall"
run_logged dkms-install make -C "$top" dkms-install KVERS="${kernels[*]}" ||
	bail "make dkms-install failed"
check_dkms_tree
for k in "${kernels[@]}"; do
	check_built "$k" "dkms-install"
done
run_logged dkms-uninstall make -C "$top" dkms-uninstall || bail "make dkms-uninstall failed"
check_nothing_left "dkms-uninstall"
check_make_install "${kernels[-1]}"
step_done

finish
