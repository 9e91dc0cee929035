#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot one QEMU guest per kernel and run the selftests against
# build/<KVER>/igmpguard.ko inside it.
#
#   host                                guest (one per kernel)
#   ----                                ---------------------
#   /boot/vmlinuz-KVER     -kernel  ->  initramfs: busybox + virtio/9p modules
#   /  (read-only 9p)      hostroot ->  the guest's /, tmpfs /tmp /run
#   console.log            ttyS0   <-   kernel log + KTAP output
#   result                 ttyS1   <-   IGG-SUMMARY / IGG-EXIT / IGG-FINDING
#                                           lines only
#
# Output goes to build/vmtest/KVER/ ($VMTEST_OUT/KVER/ when set).
#
# Up to --jobs guests run at once: a TCG guest keeps one host core busy
# (one TCG thread, see below), so one per core by default. Each guest's
# report is held back until it finishes and then printed whole, so that
# two kernels' lines never mix.
#
# The verdict is read from the result port only: a guest that panics,
# warns (panic_on_warn=1), hangs or is killed by the time limit writes no
# IGG-EXIT line and fails.
#
# usage: vmtest.sh [options]
#   --kver KVER      a kernel to boot, repeatable; default: the words of
#                    $KVERS, else every KVER with /boot/vmlinuz-KVER and
#                    build/KVER/igmpguard.ko
#   --root DIR       take ROOT/boot/vmlinuz-KVER and ROOT/lib/modules/KVER
#                    (the guest sees the latter as /lib/modules), not /
#   --ko PATH|none   the module under test (default build/KVER/igmpguard.ko);
#                    none: the tests modprobe the installed one
#   --append ARGS    more kernel command line
#   --expect REGEX   pass when an IGG-FINDING line on the result port
#                    matches REGEX, whatever the tests say (for a run meant
#                    to make the kernel complain)
#   --tests a,b      only these selftests (default: TEST_PROGS)
#   --timeout SEC    hard limit per guest (default 900, $VMTEST_TIMEOUT)
#   --jobs N         guests at once (default: the number of CPUs,
#                    $VMTEST_JOBS); --shell and -v run one at a time
#   --accel kvm|tcg  no KVM probe ($VMTEST_ACCEL)
#   --cpu-flags F    CPU features for QEMU's -cpu, e.g. la57=off
#   --env KEY=VALUE  passed to the tests, repeatable (IGG_KO, IGG_VECTORS)
#   --shell          an interactive shell in the first guest instead
#   -v               show the console while the guest runs
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=scripts/vm/lib.sh
source "$top/scripts/vm/lib.sh"
out_base=${VMTEST_OUT:-$top/build/vmtest}
kvers=()
tests=
limit=${VMTEST_TIMEOUT:-900}
accel=${VMTEST_ACCEL:-}
cpu_flags=
shell=0
verbose=0
envs=()
mem=${VMTEST_MEM:-1G}
kroot=
ko=
append=
expect=
jobs=${VMTEST_JOBS:-$(nproc)}

usage() {
	sed -n '/^# usage:/,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
	exit "${1:-0}"
}

while (($#)); do
	case $1 in
	--kver) kvers+=("$2"); shift 2 ;;
	--tests) tests=$2; shift 2 ;;
	--root) kroot=$(cd "$2" && pwd); shift 2 ;;
	--ko) ko=$2; shift 2 ;;
	--append) append+=" $2"; shift 2 ;;
	--expect) expect=$2; shift 2 ;;
	--timeout) limit=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	--accel) accel=$2; shift 2 ;;
	--cpu-flags) cpu_flags+=",$2"; shift 2 ;;
	--env) envs+=("$2"); shift 2 ;;
	--shell) shell=1; shift ;;
	-v|--verbose) verbose=1; shift ;;
	-h|--help) usage 0 ;;
	*) echo "vmtest: unknown argument $1" >&2; usage 1 >&2 ;;
	esac
done

((${#kvers[@]})) || vm_kernels "$top" kvers
if ((${#kvers[@]} == 0)); then
	echo "vmtest: no kernel with both /boot/vmlinuz-KVER and build/KVER/igmpguard.ko; run make first" >&2
	exit 1
fi

# The module file of kernel $1, or nothing when the tests modprobe it.
module_of() {
	case $ko in
	none) ;;
	"") echo "$top/build/$1/igmpguard.ko" ;;
	*) echo "$ko" ;;
	esac
}

for k in "${kvers[@]}"; do
	for f in "$kroot/boot/vmlinuz-$k" "$kroot/lib/modules/$k/modules.dep" \
		$(module_of "$k"); do
		[[ -r $f ]] || { echo "vmtest: $k: $f missing (make KVER=$k?)" >&2; exit 1; }
	done
done

command -v qemu-system-x86_64 >/dev/null ||
	{ echo "vmtest: qemu-system-x86_64 not installed" >&2; exit 1; }

# A /dev/kvm that opens is not proof that KVM runs a guest (here it hangs),
# so boot the probe initramfs for real and fall back to TCG.
probe_accel() {
	local k=$1 dir=$out_base/probe res
	if [[ ! -w /dev/kvm ]]; then
		echo tcg
		return
	fi
	mkdir -p "$dir"
	exec {lock}>"$dir/lock"
	flock "$lock"
	"$top/scripts/vm/mkprobe.sh" "$dir/probe.cpio.gz" >/dev/null
	res=$dir/result
	rm -f "$res"
	timeout -k 2 15 qemu-system-x86_64 -accel kvm -cpu host -m 128M \
		-nodefaults -display none -no-reboot \
		-kernel "$kroot/boot/vmlinuz-$k" -initrd "$dir/probe.cpio.gz" \
		-append "console=ttyS0 panic=-1 quiet" \
		-serial "file:$dir/console.log" -serial "file:$res" \
		</dev/null >/dev/null 2>&1 || true
	if grep -q probe-ok "$res" 2>/dev/null; then
		echo kvm
	else
		echo tcg
	fi
	exec {lock}>&-
}

if [[ -z $accel ]]; then
	accel=$(probe_accel "${kvers[0]}")
	echo "vmtest: accelerator $accel (probed)"
fi
# Multi-threaded TCG (QEMU 7.2) races 6.12's live code patching: a
# static branch flipped by hook (un)registration traps as "Oops: int3"
# in ip_rcv, with or without igmpguard. One TCG thread does not.
case $accel in
kvm) cpu=host ;;
tcg) cpu=max accel=tcg,thread=single ;;
*) echo "vmtest: --accel must be kvm or tcg" >&2; exit 1 ;;
esac
cpu+=$cpu_flags

# One guest: returns 0 only when the result port says every test passed.
run_guest() {
	local k=$1 dir=$out_base/$1 rc=0 start end
	local cmdline initrd=$dir/initramfs.cpio.gz

	mkdir -p "$dir"
	# Another run on this kernel would write the same console and result.
	exec {lock}>"$dir/lock"
	if ! flock -n "$lock"; then
		echo "vmtest: $k: waiting for another vmtest run on this kernel"
		flock "$lock"
	fi
	vm_initramfs "$top" "$k" "$initrd" "$kroot"

	local env=("IGG_KO=" "${envs[@]}") file
	file=$(module_of "$k")
	if [[ -n $file ]]; then
		# The guest tests this copy, so a rebuild during the run cannot
		# hand it half a file or two different modules.
		cp "$file" "$dir/igmpguard.ko.tmp"
		mv "$dir/igmpguard.ko.tmp" "$dir/igmpguard.ko"
		env[0]=IGG_KO=$dir/igmpguard.ko
	fi

	cmdline="console=ttyS0 panic_on_warn=1 slub_debug=FZPU panic=-1 oops=panic"
	cmdline+=" quiet loglevel=4 igg.repo=$top${tests:+ igg.tests=$tests}"
	cmdline+=" igg.env=$(IFS=,; echo "${env[*]}")"
	[[ -n $kroot ]] && cmdline+=" igg.modules=1"
	cmdline+=$append
	((shell)) && cmdline+=" igg.run=shell"

	local qemu=(qemu-system-x86_64 -accel "$accel" -cpu "$cpu" -smp 2 -m "$mem"
		-nodefaults -no-reboot -display none
		-kernel "$kroot/boot/vmlinuz-$k" -initrd "$initrd" -append "$cmdline"
		-chardev "file,id=result,path=$dir/result"
		-device "isa-serial,chardev=con,index=0")
	vm_shares "$top" qemu "$kroot"
	rm -f "$dir/result" "$dir/console.log"

	if ((shell)); then
		"${qemu[@]}" -chardev stdio,id=con,mux=on,signal=off \
			-device isa-serial,chardev=result,index=1
		return 0
	fi

	: >"$dir/console.log"
	local tailpid=
	if ((verbose)); then
		tail -n +1 -f "$dir/console.log" &
		tailpid=$!
	fi
	start=$(date +%s)
	timeout -k 10 "$limit" "${qemu[@]}" \
		-chardev "file,id=con,path=$dir/console.log" \
		-device isa-serial,chardev=result,index=1 \
		</dev/null >"$dir/qemu.log" 2>&1 || rc=$?
	end=$(date +%s)
	if [[ -n $tailpid ]]; then
		kill "$tailpid" 2>/dev/null || true
		wait "$tailpid" 2>/dev/null || true
	fi

	local exit_line summary error findings
	exit_line=$(tr -d '\r' <"$dir/result" 2>/dev/null | grep -m1 '^IGG-EXIT ' || true)
	summary=$(tr -d '\r' <"$dir/result" 2>/dev/null | grep -m1 '^IGG-SUMMARY ' || true)
	error=$(tr -d '\r' <"$dir/result" 2>/dev/null | grep '^IGG-ERROR ' || true)
	findings=$(tr -d '\r' <"$dir/result" 2>/dev/null | sed -n 's/^IGG-FINDING //p')

	local verdict=PASS why=
	if ((rc == 124 || rc == 137)); then
		verdict=FAIL why="killed after ${limit}s"
	elif [[ -z $exit_line ]]; then
		verdict=FAIL why="no verdict on the result port (panic, warning or crash; qemu rc $rc)"
	elif [[ $exit_line != "IGG-EXIT 0" ]]; then
		verdict=FAIL why="${exit_line#IGG-}"
	elif [[ -z $summary ]]; then
		verdict=FAIL why="no summary"
	elif [[ " $summary " != *" fail=0 "* ]]; then
		verdict=FAIL why="failed tests"
	fi
	[[ -n $error ]] && verdict=FAIL why="${why:+$why; }${error//$'\n'/; }"
	if [[ -n $expect ]]; then
		# Not the console: there, a kernel report being flushed can
		# split a line the guest's userspace is writing.
		if grep -qE "$expect" <<<"$findings"; then
			verdict=PASS why=
			summary="IGG-SUMMARY a finding matched /$expect/"
		else
			verdict=FAIL why="no finding matched /$expect/"
		fi
	fi

	printf '%-24s %s  %s  wall %ds\n' "$k" "$verdict" \
		"${summary#IGG-SUMMARY }" $((end - start))
	exec {lock}>&-
	if [[ $verdict != PASS ]]; then
		echo "  why: $why"
		[[ -n $findings ]] && sed 's/^/  finding: /' <<<"$findings"
		echo "  console: $dir/console.log (last 60 lines follow)"
		tail -n 60 "$dir/console.log" | tr -d '\r' | sed 's/^/  | /'
		[[ -s $dir/qemu.log ]] && sed 's/^/  qemu: /' "$dir/qemu.log"
		return 1
	fi
	return 0
}

[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "vmtest: --jobs must be a positive number" >&2; exit 1; }
# A terminal shows one console at a time.
((shell || verbose)) && jobs=1

failed=0
if ((jobs == 1)); then
	for k in "${kvers[@]}"; do
		run_guest "$k" || failed=1
		((shell)) && break
	done
	exit "$failed"
fi

reports=$(mktemp -d)
declare -A report_of=()
trap 'rm -rf "$reports"' EXIT

# Wait for the next guest to finish and print its report.
reap() {
	local pid rc=0
	wait -n -p pid "${!report_of[@]}" || rc=$?
	cat "${report_of[$pid]}"
	unset "report_of[$pid]"
	((rc == 0)) || failed=1
}

i=0
for k in "${kvers[@]}"; do
	while ((${#report_of[@]} >= jobs)); do
		reap
	done
	i=$((i + 1))
	# As in the loop above, a failing step inside run_guest does not end
	# it (no errexit under ||): it still writes its verdict.
	(run_guest "$k" || exit 1) >"$reports/$i" 2>&1 &
	report_of[$!]=$reports/$i
done
while ((${#report_of[@]})); do
	reap
done
exit "$failed"
