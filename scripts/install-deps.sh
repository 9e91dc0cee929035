#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The one list of what building and testing igmpguard needs, and the one
# place that installs it. `make check`, `make demo` and CI all come here
# first. As root on Debian or Ubuntu the missing packages are installed;
# otherwise the exact command to run is printed and we stop.
#
set -euo pipefail

build=(gcc make libc6-dev libpcap-dev python3 git)
tests=(clang libclang-rt-dev valgrind python3-scapy tshark sparse man-db bash-completion
       linux-source-6.1 xz-utils)
# Kernels to build against and boot: bookworm's 6.1 and 6.12, and 6.12
# with PREEMPT_RT, where softirqs run in threads and spinlocks sleep.
kernels=(linux-image-amd64 linux-headers-amd64
	 linux-image-6.12-amd64 linux-headers-6.12-amd64
	 linux-image-6.12-rt-amd64 linux-headers-6.12-rt-amd64)
# The debug kernel (make debug-kernel) is built from linux-source-6.1.
kbuild=(bc bison flex libelf-dev libssl-dev)
# Packaging: make deb, make dkms-install and their tests (make pkgtest);
# systemd for systemctl and systemd-analyze on the package's timer units.
packaging=(dkms dh-dkms debhelper dpkg-dev fakeroot lintian systemd)
guest=(qemu-system-x86 busybox-static kmod iproute2 cpio util-linux procps nftables)

want=("${build[@]}" "${tests[@]}" "${kernels[@]}" "${kbuild[@]}" "${packaging[@]}"
      "${guest[@]}")

missing=()
for pkg in "${want[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	[[ $status == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
	echo "install-deps: all ${#want[@]} packages present"
	exit 0
fi

cmd=(apt-get install -y --no-install-recommends "${missing[@]}")
if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
	echo "install-deps: missing: ${missing[*]}" >&2
	echo "install-deps: run as root: apt-get update && ${cmd[*]}" >&2
	exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
"${cmd[@]}"
