#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the debug kernel of `make vmtest-debug` from Debian's
# linux-source-6.1 with debug.config merged onto allnoconfig, into
# $IGMPGUARD_CACHE/debug-kernel/<source version>-<config hash>/:
#
#   linux-source-6.1/         the built tree; modules build against it
#   root/boot/vmlinuz-KREL    what the guest boots
#   root/lib/modules/KREL/    modules.builtin and friends, for modprobe
#   krelease                  KREL
#
# A finished build is reused until the source package, debug.config or this
# script change; other builds in the cache are then removed. Progress
# goes to stderr, the build directory alone to stdout.
#
# usage: build.sh
set -euo pipefail

exec 3>&1 1>&2

here=$(cd "$(dirname "$0")" && pwd)
cache=${IGMPGUARD_CACHE:-$HOME/.cache/igmpguard}/debug-kernel
tarball=/usr/src/linux-source-6.1.tar.xz
fragment=$here/debug.config

die() { echo "debug-kernel: $*" >&2; exit 1; }

[[ -r $tarball ]] || die "$tarball missing (apt-get install linux-source-6.1)"
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1) ||
	die "linux-source-6.1 is not installed as a package"
key=$(cat "$fragment" "$0" | sha256sum | cut -c1-12)
dir=$cache/$srcver-$key
tree=$dir/linux-source-6.1

mkdir -p "$cache"
exec {lock}>"$cache/lock"
flock "$lock"

if [[ -e $dir/done ]]; then
	echo "debug-kernel: reusing $(cat "$dir/krelease") (built in $(cat "$dir/build-seconds")s)"
	echo "$dir" >&3
	exit 0
fi

start=$(date +%s)
rm -rf "$dir"
mkdir -p "$dir"
echo "debug-kernel: extracting linux-source-6.1 $srcver"
tar -xJf "$tarball" -C "$dir"

cd "$tree"
# allnoconfig, not a distribution's or defconfig's long list: under KASAN
# every file costs several times its normal compile time, and only what
# debug.config names is needed (why, in its header).
make -s allnoconfig
scripts/kconfig/merge_config.sh -m .config "$fragment" >/dev/null
make -s olddefconfig
# merge_config only warns when Kconfig drops a line (a dependency we did
# not satisfy, a symbol renamed): make it an error.
lost=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=*) grep -qxF "$line" .config || { echo "  lost: $line" >&2; lost=1; } ;;
	"# CONFIG_"*" is not set")
		sym=${line#\# }
		sym=${sym%% *}
		grep -q "^$sym=" .config && { echo "  still set: $sym" >&2; lost=1; } ;;
	esac
done <"$fragment"
((lost == 0)) || die "olddefconfig did not keep debug.config (above)"

echo "debug-kernel: building with $(nproc) jobs (KASAN, kmemleak, lockdep, UBSAN)"
log=$dir/build.log
if ! make -j"$(nproc)" bzImage modules >"$log" 2>&1; then
	tail -n 40 "$log" >&2
	die "build failed, log in $log"
fi
# Only a built tree knows its release with CONFIG_LOCALVERSION in it.
krel=$(make -s kernelrelease)
make -s modules_install INSTALL_MOD_PATH="$dir/root" INSTALL_MOD_STRIP=1 >>"$log" 2>&1
install -D -m 0644 arch/x86/boot/bzImage "$dir/root/boot/vmlinuz-$krel"
echo "$krel" >"$dir/krelease"
echo $(($(date +%s) - start)) >"$dir/build-seconds"
touch "$dir/done"

# One debug kernel is enough; an older configuration's build is dead weight.
find "$cache" -mindepth 1 -maxdepth 1 -type d ! -path "$dir" -exec rm -rf {} +
echo "debug-kernel: built $krel in $(cat "$dir/build-seconds")s"
echo "$dir" >&3
