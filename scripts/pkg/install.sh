#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install or remove igmpguard's files, for make install/uninstall and for
# debian/rules (which installs the tools and examples into its staging
# tree). One list of destinations, so the two cannot disagree.
#
#   module    build/$KVER/igmpguard.ko -> /lib/modules/$KVER/updates/, then depmod
#   tools     igmpguardctl -> $PREFIX/sbin, its man page (gzip -9n) and
#             bash completion under $PREFIX/share
#   conf      /etc/modprobe.d/igmpguard.conf: every parameter, commented out
#   examples  the same file and a modules-load.d file under $EXAMPLES
#   units     igmpguard-textfile.service and .timer -> $UNITDIR, the
#             service calling $PREFIX/sbin/igmpguardctl; not enabled
#
# usage: install.sh install|uninstall [COMPONENT...]
#        (default components: module tools conf)
# environment: DESTDIR, PREFIX (/usr), KVER (uname -r), SYSCONFDIR (/etc),
#              EXAMPLES ($PREFIX/share/doc/igmpguard/examples),
#              UNITDIR (/lib/systemd/system)
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
action=${1:-}
shift || true
comps=("$@")
((${#comps[@]})) || comps=(module tools conf)

destdir=${DESTDIR:-}
prefix=${PREFIX:-/usr}
kver=${KVER:-$(uname -r)}
sysconf=${SYSCONFDIR:-/etc}
examples=${EXAMPLES:-$prefix/share/doc/igmpguard/examples}
unitdir=${UNITDIR:-/lib/systemd/system}
units=(igmpguard-textfile.service igmpguard-textfile.timer)
ctl=$top/build/igmpguardctl

ko_path=/lib/modules/$kver/updates/igmpguard.ko
sbin_path=$prefix/sbin/igmpguardctl
man_path=$prefix/share/man/man8/igmpguardctl.8.gz
compl_path=$prefix/share/bash-completion/completions/igmpguardctl
conf_path=$sysconf/modprobe.d/igmpguard.conf

die() { echo "pkg-install: $*" >&2; exit 1; }

need() {
	[[ -e $1 ]] || die "$1 missing; $2"
}

# depmod KVER, unless DESTDIR is a staging tree without module indexes
# (a package's postinst runs depmod on the real system).
run_depmod() {
	if [[ -z $destdir ]]; then
		if [[ -d /lib/modules/$kver ]]; then
			depmod -a "$kver"
		fi
	elif [[ -e $destdir/lib/modules/$kver/modules.dep ]]; then
		depmod -b "$destdir" -a "$kver"
	else
		echo "  depmod skipped: $destdir has no modules.dep for $kver"
	fi
}

# The man page carries the version of the VERSION file, not its own.
man_page() {
	sed "1,/^\.TH /s/\"igmpguard [^\"]*\"/\"igmpguard $(cat "$top/VERSION")\"/" \
		"$top/scripts/igmpguardctl/igmpguardctl.8" | gzip -9n
}

modules_load() {
	cat <<'CONF'
# Load igmpguard at boot (systemd-modules-load.service, or /etc/modules on
# systems without systemd). Its options are read from
# /etc/modprobe.d/igmpguard.conf when it loads.
igmpguard
CONF
}

put() {	# put MODE DEST < content
	install -d "$destdir$(dirname "$2")"
	cat >"$destdir$2.tmp"
	chmod "$1" "$destdir$2.tmp"
	mv "$destdir$2.tmp" "$destdir$2"
	echo "  installed $destdir$2"
}

install_module() {
	need "$top/build/$kver/igmpguard.ko" "run make KVER=$kver first"
	put 0644 "$ko_path" <"$top/build/$kver/igmpguard.ko"
	if compgen -G "$destdir/lib/modules/$kver/updates/dkms/igmpguard.ko*" >/dev/null; then
		echo "  warning: DKMS installed igmpguard for $kver too; remove one (docs/install.md)" >&2
	fi
	run_depmod
}

install_tools() {
	need "$ctl" "run make tool first"
	put 0755 "$sbin_path" <"$ctl"
	man_page | put 0644 "$man_path"
	put 0644 "$compl_path" <"$top/scripts/igmpguardctl/igmpguardctl.bash-completion"
}

install_conf() {
	if [[ -e $destdir$conf_path ]]; then
		echo "  kept $destdir$conf_path (already there)"
		return
	fi
	need "$ctl" "run make tool first"
	"$top/scripts/pkg/gen-modprobe-conf.sh" "$ctl" | put 0644 "$conf_path"
}

install_examples() {
	need "$ctl" "run make tool first"
	"$top/scripts/pkg/gen-modprobe-conf.sh" "$ctl" | put 0644 "$examples/modprobe.d/igmpguard.conf"
	modules_load | put 0644 "$examples/modules-load.d/igmpguard.conf"
}

# Remove a file and, inside DESTDIR only, the directories it leaves empty.
drop() {
	local f=$destdir$1 d
	[[ -e $f || -L $f ]] || return 0
	rm -f "$f"
	echo "  removed $f"
	[[ -n $destdir ]] || return 0
	d=$(dirname "$f")
	while [[ $d != "$destdir" && $d == "$destdir"/* ]] && rmdir "$d" 2>/dev/null; do
		d=$(dirname "$d")
	done
}

install_units() {
	local u
	for u in "${units[@]}"; do
		sed "s|/usr/sbin/igmpguardctl|$sbin_path|" \
			"$top/scripts/igmpguardctl/$u" | put 0644 "$unitdir/$u"
	done
}

uninstall_module() {
	drop "$ko_path"
	# install made updates/ if it was missing; an empty one can go.
	[[ -n $destdir ]] || rmdir "/lib/modules/$kver/updates" 2>/dev/null || true
	run_depmod
}

uninstall_tools() {
	drop "$sbin_path"
	drop "$man_path"
	drop "$compl_path"
}

# The admin's settings are not ours to delete: only a file with nothing
# but comments and blank lines goes.
uninstall_conf() {
	local f=$destdir$conf_path
	[[ -e $f ]] || return 0
	if grep -qv -E '^[[:space:]]*(#|$)' "$f"; then
		echo "  kept $f: it has settings"
		return
	fi
	drop "$conf_path"
}

uninstall_units() {
	local u
	for u in "${units[@]}"; do
		drop "$unitdir/$u"
	done
}

uninstall_examples() {
	drop "$examples/modprobe.d/igmpguard.conf"
	drop "$examples/modules-load.d/igmpguard.conf"
}

case $action in
install|uninstall) ;;
*) sed -n 's/^# usage: //p' "$0" >&2; exit 1 ;;
esac
for c in "${comps[@]}"; do
	case $c in
	module|tools|conf|examples|units) "${action}_$c" ;;
	*) die "unknown component $c (module, tools, conf, examples, units)" ;;
	esac
done
