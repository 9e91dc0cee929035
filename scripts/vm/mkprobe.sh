#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the initramfs of the accelerator probe: a guest that writes
# "probe-ok" to its second serial port and powers off. vmtest.sh boots it
# under KVM with a short time limit; no line means KVM cannot run guests.
#
# usage: mkprobe.sh OUTPUT.cpio.gz
set -euo pipefail

out=$1
busybox=${BUSYBOX:-/usr/bin/busybox}
[[ -e $out ]] && exit 0

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,dev,proc}
cp "$busybox" "$stage/bin/busybox"
cat >"$stage/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox mount -t devtmpfs devtmpfs /dev
echo probe-ok >/dev/ttyS1
/bin/busybox poweroff -f
INIT
chmod 0755 "$stage/init"
mkdir -p "$(dirname "$out")"
(cd "$stage" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc -R 0:0 --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
