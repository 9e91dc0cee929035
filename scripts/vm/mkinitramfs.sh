#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the initramfs that boots a test guest for one kernel: a static
# busybox, scripts/vm/init as /init, and the few modules needed to mount the
# host root over virtio-9p. Everything else (python3, iproute2, modprobe,
# the module under test, the selftests) comes from the host root at run
# time, so the image only changes when the kernel or these scripts do.
#
# usage: mkinitramfs.sh KVER OUTPUT.cpio.gz [ROOT of lib/modules, default /]
set -euo pipefail

kver=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
mods=${3:-}/lib/modules/$kver
busybox=${BUSYBOX:-/usr/bin/busybox}

# Mount order matters only through dependencies, which modules.dep gives;
# the list names what the init script needs, not what those need.
wanted=(virtio_pci 9pnet_virtio 9p)

die() { echo "mkinitramfs: $*" >&2; exit 1; }

[[ -r $mods/modules.dep ]] || die "$mods/modules.dep missing"
[[ -x $busybox ]] || die "$busybox missing (apt-get install busybox-static)"
file -L "$busybox" 2>/dev/null | grep -q 'statically linked' ||
	ldd "$busybox" 2>&1 | grep -q 'not a dynamic' ||
	die "$busybox is not static"

declare -A path_of=() deps_of=() done_=()
while IFS= read -r line; do
	mod=${line%%:*}
	name=${mod##*/}
	name=${name%%.ko*}
	name=${name//-/_}
	path_of[$name]=$mod
	deps_of[$mod]=${line#*:}
done <"$mods/modules.dep"

order=()
# Depth-first so that every module comes after what it needs.
visit() {
	local mod=$1 dep
	[[ -n ${done_[$mod]:-} ]] && return
	done_[$mod]=1
	for dep in ${deps_of[$mod]}; do
		visit "$dep"
	done
	order+=("$mod")
}

for name in "${wanted[@]}"; do
	if [[ -n ${path_of[$name]:-} ]]; then
		visit "${path_of[$name]}"
	elif ! grep -q "/$name.ko" "$mods/modules.builtin"; then
		die "$name is neither a module nor built into $kver"
	fi
done

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,sbin,dev,proc,sys,newroot,lib/igg}
cp "$busybox" "$stage/bin/busybox"
install -m 0755 "$here/init" "$stage/init"
# The kernel's usermode helper runs /sbin/modprobe from this root; hand
# such requests to the real modprobe in the host root.
install -m 0755 "$here/modprobe-shim" "$stage/sbin/modprobe"

# busybox insmod cannot read compressed modules.
: >"$stage/lib/igg/order"
for mod in "${order[@]}"; do
	base=${mod##*/}
	base=${base%%.ko*}.ko
	case $mod in
	*.ko) cp "$mods/$mod" "$stage/lib/igg/$base" ;;
	*.ko.xz) xz -dc "$mods/$mod" >"$stage/lib/igg/$base" ;;
	*.ko.zst) zstd -qdc "$mods/$mod" >"$stage/lib/igg/$base" ;;
	*.ko.gz) gzip -dc "$mods/$mod" >"$stage/lib/igg/$base" ;;
	*) die "unknown module format: $mod" ;;
	esac
	echo "$base" >>"$stage/lib/igg/order"
done

mkdir -p "$(dirname "$out")"
(cd "$stage" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc -R 0:0 --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
echo "  initramfs $out ($kver: ${order[*]##*/})"
