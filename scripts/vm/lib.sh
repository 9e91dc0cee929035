# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# What every QEMU guest of ours shares, sourced by scripts/vm/vmtest.sh and
# bench/run.sh: which kernels to boot, the initramfs, and the 9p shares
# scripts/vm/init expects. One place, so a change to the guest's contract
# cannot reach one runner and miss the other.

# vm_kernels TOP ARRAY: the words of $KVERS, else every KVER with both
# /boot/vmlinuz-KVER and TOP/build/KVER/igmpguard.ko, into ARRAY.
vm_kernels() {
	local top=$1 dir k
	local -n kernels_out=$2

	if [[ -n ${KVERS:-} ]]; then
		read -ra kernels_out <<<"$KVERS"
		return
	fi
	for dir in /lib/modules/*/; do
		k=$(basename "$dir")
		[[ -e /boot/vmlinuz-$k && -e $top/build/$k/igmpguard.ko ]] &&
			kernels_out+=("$k")
	done
}

# vm_initramfs TOP KVER INITRD [ROOT]: (re)build INITRD when the guest
# scripts or the kernel's modules (under ROOT/lib/modules) are newer.
vm_initramfs() {
	local top=$1 k=$2 initrd=$3 kroot=${4:-}

	if [[ ! -e $initrd || -n $(find "$top/scripts/vm" "$kroot/lib/modules/$k/modules.dep" \
		-newer "$initrd" -print -quit) ]]; then
		"$top/scripts/vm/mkinitramfs.sh" "$k" "$initrd" "$kroot" >/dev/null
	fi
}

# vm_shares TOP ARRAY [ROOT]: the host root, and the repository again on
# its own share because the guest's tmpfs on /tmp and /run would hide a
# checkout there (scripts/vm/init mounts both), and so shared/ beside it
# (the public captures); with ROOT, the ROOT/lib/modules of a kernel that
# is not installed, for the same reason.
vm_shares() {
	local top=$1 kroot=${3:-}
	local -n shares_out=$2
	local opts=security_model=none,readonly=on,multidevs=remap

	shares_out+=(-virtfs "local,path=/,mount_tag=hostroot,$opts"
		   -virtfs "local,path=$top,mount_tag=iggrepo,$opts")
	[[ ! -d $top/../shared ]] ||
		shares_out+=(-virtfs "local,path=$top/../shared,mount_tag=iggshared,$opts")
	[[ -z $kroot ]] ||
		shares_out+=(-virtfs "local,path=$kroot/lib/modules,mount_tag=iggmods,$opts")
}
