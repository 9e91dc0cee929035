#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# igmpguard as a host gets it from the packages: scripts/pkg/pkgtest.sh
# installs igmpguard-dkms and igmpguard-tools on the host, then boots each
# kernel with `vmtest.sh --ko none --tests installed`. Not in TEST_PROGS:
# without the packages it skips.
#
#   installed  modinfo finds igmpguard in /lib/modules/KVER/updates/dkms
#              with the version of the VERSION file
#   example    the packaged modprobe.d example names every parameter with
#              the value the module reads back when loaded without options,
#              and modprobe takes all its lines uncommented
#   boot       /etc/modprobe.d and /etc/modules-load.d get a tmpfs of their
#              own (in a private mount namespace: the host's /etc is never
#              written) holding an options file and the packaged
#              modules-load.d example; systemd-modules-load, as at boot,
#              loads the installed file with those options
#   smoke      the installed igmpguardctl switches to block mode; a malformed
#              IGMP report is dropped, a valid one delivered, and the tool
#              reports the drop in that namespace
#   unload     modprobe -r
set -euo pipefail

# Mounts made below die with this namespace, in a guest or not.
if [[ -z ${IGG_INSTALLED_NS:-} && $EUID -eq 0 ]] && command -v unshare >/dev/null; then
	IGG_INSTALLED_NS=1 exec unshare --mount --propagation private "$0" "$@"
fi

# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

CTL=/usr/sbin/igmpguardctl
EXAMPLES=/usr/share/doc/igmpguard-tools/examples
MODULES_LOAD=/lib/systemd/systemd-modules-load
PY=/usr/bin/python3
KVER=$(uname -r)
WANT_VERSION=$(<"$IGG_TOP/VERSION")
# Set at boot by the options file below; everything else keeps its default.
BOOT_OPTIONS=(mode=monitor drop_bad_ttl=0 max_query_sources=32)
declare -A BOOT_WANT=([mode]=monitor [drop_bad_ttl]=N [max_query_sources]=32)

ktap_header
[[ $EUID -eq 0 ]] || ktap_skip_all "must run as root"
[[ -n ${IGG_INSTALLED_NS:-} ]] || ktap_skip_all "unshare not installed (a private mount namespace)"
checktool modprobe "loading the installed module"
checktool modinfo "finding the installed module"
checktool ip "network namespaces"
checktool "$PY" "sending packets"
[[ -x $MODULES_LOAD ]] || ktap_skip_all "$MODULES_LOAD not installed (systemd)"
[[ -x $CTL ]] || ktap_skip_all "$CTL not installed (igmpguard-tools)"
for f in "$EXAMPLES/modprobe.d/igmpguard.conf" "$EXAMPLES/modules-load.d/igmpguard.conf"; do
	[[ -r $f ]] || ktap_skip_all "$f not installed (igmpguard-tools)"
done
path=$(modinfo -n "$IGG_MOD" 2>/dev/null) ||
	ktap_skip_all "no $IGG_MOD module installed for $KVER (scripts/pkg/pkgtest.sh installs one)"

# shellcheck disable=SC2317 # the EXIT trap runs it
cleanup() {
	set +e
	cleanup_all_ns
	igg_loaded && modprobe -r "$IGG_MOD"
}
trap cleanup EXIT
if igg_loaded; then
	modprobe -r "$IGG_MOD"
fi

# The guest's own, empty configuration directories.
for d in /etc/modprobe.d /etc/modules-load.d; do
	mount -t tmpfs -o mode=0755 igg-"${d##*/}" "$d"
done

# --- installed ---------------------------------------------------------------
# Quoted parts match literally: a release such as 6.12.117+deb12 has a "+".
if [[ $path =~ ^/lib/modules/"$KVER"/updates/dkms/"$IGG_MOD.ko"(\.xz|\.zst|\.gz)?$ ]]; then
	ktap_result OK "installed: modinfo finds $path"
else
	ktap_result FAIL "installed: modinfo finds the DKMS module" \
		"modinfo -n says $path, not /lib/modules/$KVER/updates/dkms/$IGG_MOD.ko*"
fi
version=$(modinfo -F version "$IGG_MOD")
if [[ $version == "$WANT_VERSION" ]]; then
	ktap_result OK "installed: version $version"
else
	ktap_result FAIL "installed: version $WANT_VERSION" "modinfo says '$version'"
fi

# --- example -------------------------------------------------------------------
# params_differ NAME=VALUE...: what in sysfs differs from the list, and
# parameters the list lacks; empty when they match exactly.
params_differ() {
	local kv name want got
	declare -A listed=()
	for kv in "$@"; do
		name=${kv%%=*} want=${kv#*=}
		listed[$name]=1
		if [[ ! -e $IGG_PARAMS/$name ]]; then
			echo "$name: no such parameter"
			continue
		fi
		got=$(igg_param "$name")
		[[ $got == "$want" ]] || echo "$name: module says $got, expected $want"
	done
	for f in "$IGG_PARAMS"/*; do
		[[ -n ${listed[${f##*/}]:-} ]] || echo "${f##*/}: not listed"
	done
}

# Names may hold digits (ipv4, ipv6, drop_routing0).
mapfile -t example < <(sed -n 's/^#options igmpguard \([a-z0-9_]*=[^ ]*\)$/\1/p' \
	"$EXAMPLES/modprobe.d/igmpguard.conf")

# modprobe_as_example "description": plain modprobe, and every parameter
# then reads what the example's line says.
modprobe_as_example() {
	local out diff
	if ! out=$(modprobe "$IGG_MOD" 2>&1); then
		ktap_result FAIL "$1" "$out"
	elif diff=$(params_differ "${example[@]}") && [[ -z $diff ]]; then
		ktap_result OK "$1"
	else
		ktap_result FAIL "$1" "$diff"
	fi
	if igg_loaded; then
		modprobe -r "$IGG_MOD"
	fi
}

modprobe_as_example "example: ${#example[@]} parameters, each with the module's default"
sed 's/^#options /options /' "$EXAMPLES/modprobe.d/igmpguard.conf" \
	>/etc/modprobe.d/igmpguard.conf
modprobe_as_example "example: modprobe takes every line uncommented"

# --- boot ----------------------------------------------------------------------
echo "options $IGG_MOD ${BOOT_OPTIONS[*]}" >/etc/modprobe.d/igmpguard.conf
cp "$EXAMPLES/modules-load.d/igmpguard.conf" /etc/modules-load.d/igmpguard.conf
rc=0
out=$("$MODULES_LOAD" 2>&1) || rc=$?
if ((rc == 0)) && igg_loaded; then
	ktap_result OK "boot: systemd-modules-load loaded $IGG_MOD"
else
	ktap_result FAIL "boot: systemd-modules-load loaded $IGG_MOD" "exit $rc" "$out"
	ktap_finish
fi

want=()
for kv in "${example[@]}"; do
	name=${kv%%=*}
	want+=("$name=${BOOT_WANT[$name]:-${kv#*=}}")
done
if diff=$(params_differ "${want[@]}") && [[ -z $diff ]]; then
	ktap_result OK "boot: parameters from /etc/modprobe.d (${BOOT_OPTIONS[*]})"
else
	ktap_result FAIL "boot: parameters from /etc/modprobe.d" "$diff"
fi

# The loaded module is the installed file, not some other copy.
loaded_src=$(<"/sys/module/$IGG_MOD/srcversion")
file_src=$(modinfo -F srcversion "$IGG_MOD")
if [[ $loaded_src == "$file_src" ]]; then
	ktap_result OK "boot: the loaded module is $path (srcversion $loaded_src)"
else
	ktap_result FAIL "boot: the loaded module is $path" \
		"srcversion loaded $loaded_src, file $file_src"
fi

# --- smoke ---------------------------------------------------------------------
rc=0
out=$("$CTL" mode block 2>&1) || rc=$?
if ((rc == 0)) && [[ $(igg_param mode) == block ]]; then
	ktap_result OK "smoke: $CTL mode block"
else
	ktap_result FAIL "smoke: $CTL mode block" "exit $rc" "$out"
fi

# One malformed IGMPv2 report (its checksum off by one bit) and one valid,
# from a peer namespace; then the tool's counters of the receiving one.
declare -A got=()
while IFS='=' read -r k v; do
	got[$k]=$v
done < <("$PY" - "$IGG_SELFTESTS" "$CTL" <<'EOF'
import json, struct, subprocess, sys
sys.path.insert(0, sys.argv[1])
import igg

group = "239.1.2.3"
report = igg.with_csum(struct.pack("!BBH4s", 0x16, 0, 0, igg.aton(group)))
bad = report[:3] + bytes([report[3] ^ 1]) + report[4:]
ra = b"\x94\x04\x00\x00"


def pkt(msg):
    return igg.ipv4(igg.PEER_ADDR, group, 2, msg, ttl=1, tos=0xc0, opts=ra)


bed = igg.Bed(protos=(2,), groups=(group,))
try:
    bad_in, good_in = bed.exchange([pkt(bad), pkt(report)])
    p = subprocess.run([sys.argv[2], "-j", "-n", bed.dut.name, "stats"],
                       capture_output=True, text=True)
finally:
    bed.close()
print("bad_delivered=%d" % bad_in)
print("good_delivered=%d" % good_in)
print("ctl_rc=%d" % p.returncode)
try:
    d = json.loads(p.stdout)
    print("ctl_netns=%s" % d.get("netns"))
    print("ctl_dropped=%s" % d["totals"]["packets_dropped"])
    print("ctl_checksum=%s" % d.get("malformed", {}).get("igmp_checksum", 0))
except (ValueError, KeyError) as e:
    print("ctl_error=%s: %r" % (e, p.stdout + p.stderr))
EOF
)

if [[ ${got[bad_delivered]:-} == 0 ]]; then
	ktap_result OK "smoke: the malformed report is dropped"
else
	ktap_result FAIL "smoke: the malformed report is dropped" \
		"delivered=${got[bad_delivered]:-?}"
fi
if [[ ${got[good_delivered]:-} == 1 ]]; then
	ktap_result OK "smoke: the valid report is delivered"
else
	ktap_result FAIL "smoke: the valid report is delivered" \
		"delivered=${got[good_delivered]:-?}"
fi
if [[ ${got[ctl_rc]:-} == 0 && ${got[ctl_dropped]:-} == 1 && ${got[ctl_checksum]:-} == 1 &&
      ${got[ctl_netns]:-} == igg-* ]]; then
	ktap_result OK "smoke: igmpguardctl -n ${got[ctl_netns]} stats: 1 dropped, igmp_checksum 1"
else
	ktap_result FAIL "smoke: igmpguardctl reports the drop" \
		"exit ${got[ctl_rc]:-?}, netns ${got[ctl_netns]:-?}" \
		"packets_dropped ${got[ctl_dropped]:-?}, igmp_checksum ${got[ctl_checksum]:-?}" \
		"${got[ctl_error]:-}"
fi

# --- unload ----------------------------------------------------------------------
if out=$(modprobe -r "$IGG_MOD" 2>&1) && ! igg_loaded; then
	ktap_result OK "unload: modprobe -r"
else
	ktap_result FAIL "unload: modprobe -r" "$out"
fi
ktap_finish
