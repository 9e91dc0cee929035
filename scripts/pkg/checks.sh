# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# shellcheck disable=SC2154 # the variables come from pkgtest.sh
#
# What scripts/pkg/pkgtest.sh checks on this machine: a module DKMS built, a
# guest loading the installed one, a kernel whose headers arrive later,
# nothing left after removal, the DKMS source copy and make install's
# files. Each reports through pass/fail of scripts/pkg/testlib.sh and
# reads pkgtest.sh's $top, $NAME, $VERSION, $LOG_DIR and $kernels;
# further_kernel sets $extra_pkgs and $extra_kver for pkgtest.sh's
# remove_extra_kernel, which its cleanup also runs.

# check_built KVER WHAT: DKMS installed the module of this VERSION there.
check_built() {
	local k=$1 what=$2 status ko ver=
	status=$(dkms_status -v "$VERSION" -k "$k")
	if [[ $status == *": installed"* ]]; then
		pass "$what: dkms status: $status"
	else
		fail "$what: dkms status installed for $k" "dkms status says: ${status:-nothing}"
	fi
	ko=$(compgen -G "/lib/modules/$k/updates/dkms/$NAME.ko*" | head -n 1 || true)
	[[ -n $ko ]] && ver=$(modinfo -F version "$ko" 2>/dev/null || true)
	# The debug lane's deliberate bugs (module/debug.c) never ship.
	if [[ -n $ko ]] && modinfo -F parm "$ko" | grep -q '^debug_'; then
		fail "$what: $ko has no debug_ parameter"
	elif [[ $ver == "$VERSION" ]]; then
		pass "$what: $ko, version $ver"
	else
		fail "$what: /lib/modules/$k/updates/dkms/$NAME.ko* of version $VERSION" \
			"found '${ko:-nothing}', version '${ver:-none}'"
	fi
}

# DKMS's postinst builds for the running and the newest kernel only, unless
# the running one has no /lib/modules (as here, and not on every CI host).
# Our postinst's own part, after dh_dkms's section, builds for the rest:
# run it alone for a kernel whose module was removed.
check_postinst_loop() {
	local k=$1 own=$LOG_DIR/postinst-own-part.sh
	sed '/^# Automatically added by dh_dkms/,/^# End automatically added section/d' \
		"/var/lib/dpkg/info/$NAME-dkms.postinst" >"$own"
	dkms remove -m "$NAME" -v "$VERSION" -k "$k" >/dev/null 2>&1 ||
		{ fail "postinst: dkms remove -k $k"; return; }
	run_logged postinst-loop sh "$own" configure ||
		fail "postinst: its own part exits 0"
	check_built "$k" "postinst, for a kernel DKMS's own part left out"
}

# check_nothing_left WHAT: no module file, registration or source copy.
check_nothing_left() {
	local what=$1 kos status src
	kos=$(find /lib/modules -name "$NAME.ko*" 2>/dev/null)
	if [[ -z $kos ]]; then
		pass "$what: no $NAME.ko under /lib/modules"
	else
		fail "$what: no $NAME.ko under /lib/modules" "$kos"
	fi
	status=$(dkms_status)
	if [[ -z $status ]]; then
		pass "$what: dkms status is empty for $NAME"
	else
		fail "$what: dkms status is empty for $NAME" "$status"
	fi
	src=$(compgen -G "/usr/src/$NAME-*" || true)
	if [[ -z $src && ! -e /var/lib/dkms/$NAME ]]; then
		pass "$what: no /usr/src/$NAME-* and no /var/lib/dkms/$NAME"
	else
		fail "$what: no /usr/src/$NAME-* and no /var/lib/dkms/$NAME" \
			"$src" "$(ls -d "/var/lib/dkms/$NAME" 2>/dev/null)"
	fi
}

# Every file and link the packages installed; not directories, nor links
# to one, such as /lib on a merged-/usr system (the units are under it).
package_files() {
	local f
	dpkg -L "$@" | while IFS= read -r f; do
		[[ ! -d $f ]] && [[ -f $f || -L $f ]] && echo "$f"
	done
}

# check_guest KVER: selftests/installed.sh in a guest, every test passing.
check_guest() {
	local k=$1 line
	run_logged "guest-$k" "$top/scripts/vm/vmtest.sh" --kver "$k" --ko none \
		--tests installed --timeout 300 || true
	line=$(awk -v k="$k" '$1 == k' "$LOG_DIR/guest-$k.log")
	diag "$(tr -d '\r' <"$top/build/vmtest/$k/console.log" 2>/dev/null |
		sed -n 's/^# \(\(not \)\{0,1\}ok [0-9]* .*\)/  \1/p')"
	if [[ $line == *" PASS "* && $line == *" fail=0 "* && $line == *" skip=0 "* &&
	      $line =~ " pass="[1-9] ]]; then
		pass "guest $k: installed.sh: ${line#"$k"}"
	else
		fail "guest $k: installed.sh passes, nothing skipped" "${line:-no result line}" \
			"$(tail -n 30 "$LOG_DIR/guest-$k.log")"
	fi
}

# The newest headers package of this architecture's flavour not installed
# yet, if apt can install it without a kernel image; its packages on
# stdout, one a line.
extra_headers() {
	local flavour p k inst
	flavour=$(dpkg --print-architecture)
	apt-cache search --names-only "^linux-headers-[0-9]+\.[0-9]+\.[0-9]+-[0-9]+-$flavour\$" |
		awk '{ print $1 }' | sort -rV | while read -r p; do
		k=${p#linux-headers-}
		[[ -e /lib/modules/$k ]] && continue
		inst=$(apt-get install -s --no-install-recommends "$p" 2>/dev/null |
			sed -n 's/^Inst \([^ ]*\) .*/\1/p')
		[[ -n $inst ]] || continue
		grep -qv '^linux-headers-' <<<"$inst" && continue
		echo "$inst"
		return 0
	done
}

# Step c: a kernel's headers arrive after the package.
further_kernel() {
	local k
	if [[ ${PKGTEST_EXTRA:-apt} != simulate ]]; then
		mapfile -t extra_pkgs < <(extra_headers)
	fi
	for k in "${extra_pkgs[@]}"; do
		[[ $k == *-common* ]] || extra_kver=${k#linux-headers-}
	done
	if [[ -n $extra_kver ]]; then
		diag "installing ${extra_pkgs[*]} (its postinst runs /etc/kernel/header_postinst.d/dkms)"
		if run_logged extra-headers apt-get install -y --no-install-recommends "${extra_pkgs[@]}"; then
			k=$extra_kver
			check_built "$k" "headers installed later ($k)"
			remove_extra_kernel
			if [[ -e /lib/modules/$k ]]; then
				fail "$k removed again" "/lib/modules/$k is still there"
			else
				pass "$k removed again: headers purged, /lib/modules/$k gone"
			fi
			return
		fi
		diag "could not install them; simulating instead"
		remove_extra_kernel
	fi
	# No other release in the archive: take the module away from the
	# newest kernel and run the hook its headers' postinst runs.
	k=${kernels[-1]}
	diag "simulating: dkms remove for $k, then /etc/kernel/header_postinst.d/dkms $k"
	run_logged sim-remove dkms remove -m "$NAME" -v "$VERSION" -k "$k" ||
		fail "dkms remove -k $k"
	if compgen -G "/lib/modules/$k/updates/dkms/$NAME.ko*" >/dev/null; then
		fail "simulation: dkms remove took the module of $k away"
	else
		pass "simulation: dkms remove took the module of $k away"
	fi
	run_logged sim-hook /etc/kernel/header_postinst.d/dkms "$k" ||
		fail "/etc/kernel/header_postinst.d/dkms $k"
	check_built "$k" "headers hook run again ($k)"
}

# The DKMS source copy holds exactly the list and dkms.conf, versioned.
check_dkms_tree() {
	local src=/usr/src/$NAME-$VERSION want got
	want=$({ "$top/scripts/pkg/dkms-src.sh" --list; echo dkms.conf; } | sort)
	got=$(cd "$src" 2>/dev/null && find . -type f -printf '%P\n' | sort)
	same_list "dkms-install: $src holds exactly the $(wc -l <<<"$want") files of the list" \
		"$want" "$got"
	check "dkms-install: PACKAGE_VERSION=\"$VERSION\" in $src/dkms.conf" \
		grep -qx "PACKAGE_VERSION=\"$VERSION\"" "$src/dkms.conf"
}

# shellcheck disable=SC2317 # run by check
conf_as_generated() {
	cmp <("$top/scripts/pkg/gen-modprobe-conf.sh" "$top/build/igmpguardctl") "$1" &&
		! grep -qv '^#' "$1"
}

# shellcheck disable=SC2317 # run by check
man_version() {
	zcat "$1" | grep -q "^\.TH .*\"igmpguard $VERSION\""
}

# make install and uninstall into a DESTDIR, for kernel $1.
check_make_install() {
	local k=$1 want got
	destdir=$(mktemp -d)
	run_logged make-install make -C "$top" install DESTDIR="$destdir" KVER="$k" ||
		{ fail "make install DESTDIR=... KVER=$k"; return; }
	want=$(printf '%s\n' \
		"0644 etc/modprobe.d/igmpguard.conf" \
		"0644 lib/modules/$k/updates/igmpguard.ko" \
		"0755 usr/sbin/igmpguardctl" \
		"0644 usr/share/bash-completion/completions/igmpguardctl" \
		"0644 usr/share/man/man8/igmpguardctl.8.gz" | sort -k2)
	got=$(cd "$destdir" && find . ! -type d -printf '%#m %P\n' | sort -k2)
	same_list "make install: exactly the $(wc -l <<<"$want") expected files, modes right" \
		"$want" "$got"
	check "make install: the module is build/$k/igmpguard.ko" \
		cmp "$top/build/$k/igmpguard.ko" "$destdir/lib/modules/$k/updates/igmpguard.ko"
	check "make install: modprobe.d example as generated, every line a comment" \
		conf_as_generated "$destdir/etc/modprobe.d/igmpguard.conf"
	check "make install: man page says igmpguard $VERSION" \
		man_version "$destdir/usr/share/man/man8/igmpguardctl.8.gz"
	run_logged make-uninstall make -C "$top" uninstall DESTDIR="$destdir" KVER="$k" ||
		fail "make uninstall DESTDIR=... KVER=$k"
	got=$(cd "$destdir" && find . -mindepth 1)
	if [[ -z $got ]]; then
		pass "make uninstall: DESTDIR is empty again"
	else
		fail "make uninstall: DESTDIR is empty again" "$got"
	fi
	rm -rf "$destdir"
	destdir=
}

# --- igmpguard-textfile.timer ---------------------------------------------------

TEXTFILE_UNITS=(igmpguard-textfile.service igmpguard-textfile.timer)
TEXTFILE_DIR=/var/lib/prometheus/node-exporter
TEXTFILE_PROM=$TEXTFILE_DIR/igmpguard.prom

# Whether systemd runs this machine (PID 1), so units can really run.
systemd_booted() {
	[[ -d /run/systemd/system && $(ps -p 1 -o comm= 2>/dev/null) == systemd ]]
}

# shellcheck disable=SC2317 # run by check
unit_state_is() {
	[[ $(systemctl is-enabled "$1" 2>/dev/null) == "$2" ]]
}

# check_textfile_written WHAT: the file is there, valid, and alone; the
# rest of the arguments are promtext.py's METRIC[=VALUE] checks.
check_textfile_written() {
	local what=$1 others problems
	shift
	if problems=$(/usr/bin/python3 "$top/tests/ctl/promtext.py" "$TEXTFILE_PROM" "$@" 2>&1); then
		pass "$what: $TEXTFILE_PROM is valid Prometheus text with $*"
	else
		fail "$what: $TEXTFILE_PROM is valid Prometheus text with $*" "$problems"
	fi
	check "$what: $TEXTFILE_PROM is mode 0644" test "$(stat -c %a "$TEXTFILE_PROM")" = 644
	others=$(find "$TEXTFILE_DIR" -mindepth 1 ! -name igmpguard.prom)
	if [[ -z $others ]]; then
		pass "$what: no temporary file left in $TEXTFILE_DIR"
	else
		fail "$what: no temporary file left in $TEXTFILE_DIR" "$others"
	fi
}

# The ExecStart= of the installed service, run as the unit states it (no
# shell: systemd splits it at blanks and the line has no quotes), with
# the unit's UMask; its status must be one systemd counts as success.
run_exec_start() {
	local unit=/lib/systemd/system/igmpguard-textfile.service line argv rc=0
	line=$(sed -n 's/^ExecStart=//p' "$unit")
	read -ra argv <<<"$line"
	diag "ExecStart: ${argv[*]}"
	(umask "$(sed -n 's/^UMask=//p' "$unit")" && "${argv[@]}") \
		>"$LOG_DIR/exec-start.log" 2>&1 || rc=$?
	if ((rc == 0)); then
		pass "the service's ExecStart exits 0 $*"
	else
		fail "the service's ExecStart exits 0 $*" "exit $rc" "$(cat "$LOG_DIR/exec-start.log")"
	fi
}

# A tree like the loaded module's, for a full textfile on a host that
# cannot load it (tests/ctl/ctl-test.py does the same, in full).
fake_module_tree() {
	local d=$1
	mkdir -p "$d/sys/parameters" "$d/proc"
	echo "$VERSION" >"$d/sys/version"
	echo Y >"$d/sys/parameters/enabled"
	echo monitor >"$d/sys/parameters/mode"
	printf 'packets_seen 7\npackets_dropped 2\nigmp_checksum 2\n' >"$d/proc/stats"
}

# Installed, not enabled, not started; one run writes the textfile
# atomically; the timer enables and disables. With systemd as PID 1 the
# timer really runs; without it the service's ExecStart runs as stated.
check_textfile_timer() {
	local u tree
	for u in "${TEXTFILE_UNITS[@]}"; do
		check "units: /lib/systemd/system/$u installed" test -f "/lib/systemd/system/$u"
	done
	check "units: the timer is disabled after install" \
		unit_state_is igmpguard-textfile.timer disabled
	check "units: the service is static (only the timer runs it)" \
		unit_state_is igmpguard-textfile.service static
	check "units: the interval is set once, OnUnitActiveSec= of the timer" \
		test "$(grep -c '^OnUnitActiveSec=' /lib/systemd/system/igmpguard-textfile.timer)" = 1
	if run_logged verify systemd-analyze verify \
		"${TEXTFILE_UNITS[@]/#//lib/systemd/system/}" && [[ ! -s $LOG_DIR/verify.log ]]; then
		pass "units: systemd-analyze verify says nothing"
	else
		fail "units: systemd-analyze verify says nothing" "$(cat "$LOG_DIR/verify.log")"
	fi
	# shellcheck disable=SC2034 # pkgtest.sh's cleanup removes what it names
	if [[ ! -d $TEXTFILE_DIR ]]; then
		textfile_dir_made=$TEXTFILE_DIR
		[[ -d ${TEXTFILE_DIR%/*} ]] || textfile_dir_made=${TEXTFILE_DIR%/*}
		mkdir -p "$TEXTFILE_DIR"
		diag "made $TEXTFILE_DIR (no prometheus-node-exporter here); removed at the end"
	fi
	rm -f "$TEXTFILE_PROM"

	if systemd_booted; then
		diag "systemd is PID 1: the timer runs for real"
		run_logged enable-timer systemctl enable --now igmpguard-textfile.timer ||
			fail "systemctl enable --now igmpguard-textfile.timer"
		for _ in $(seq 1 30); do
			[[ -e $TEXTFILE_PROM ]] && break
			sleep 1
		done
		check "timer: the service ran and did not fail" \
			bash -c '! systemctl is-failed --quiet igmpguard-textfile.service'
		check_textfile_written "timer, module not loaded here" igmpguard_loaded=0
		run_logged disable-timer systemctl disable --now igmpguard-textfile.timer ||
			fail "systemctl disable --now igmpguard-textfile.timer"
	else
		diag "PID 1 is $(ps -p 1 -o comm=), not systemd: the units cannot run;" \
			"their ExecStart runs as the unit states it, enable/disable work offline"
		run_logged enable-timer systemctl enable igmpguard-textfile.timer ||
			fail "systemctl enable igmpguard-textfile.timer"
		check "timer: enabled, linked from timers.target.wants" \
			test -L /etc/systemd/system/timers.target.wants/igmpguard-textfile.timer
		run_exec_start "(module not loaded here)"
		check_textfile_written "service, module not loaded here" igmpguard_loaded=0
		tree=$(mktemp -d)
		fake_module_tree "$tree"
		IGMPGUARD_SYS_ROOT=$tree/sys IGMPGUARD_PROC_ROOT=$tree/proc \
			run_exec_start "(a fake module tree)"
		rm -rf "$tree"
		check_textfile_written "service, a fake module tree" igmpguard_loaded=1 \
			igmpguard_info igmpguard_enabled=1 igmpguard_mode \
			igmpguard_packets_total igmpguard_findings_total
		run_logged disable-timer systemctl disable igmpguard-textfile.timer ||
			fail "systemctl disable igmpguard-textfile.timer"
	fi
	check "timer: disabled again" unit_state_is igmpguard-textfile.timer disabled
	check "timer: no link left in timers.target.wants" \
		test ! -e /etc/systemd/system/timers.target.wants/igmpguard-textfile.timer
}

# After purge: no unit, no link, no deb-systemd-helper state, no textfile.
check_textfile_purged() {
	local u left=()
	for u in "${TEXTFILE_UNITS[@]}"; do
		[[ -e /lib/systemd/system/$u ]] && left+=("/lib/systemd/system/$u")
	done
	mapfile -t -O "${#left[@]}" left < <(find /etc/systemd/system \
		/var/lib/systemd/deb-systemd-helper-enabled -name 'igmpguard-textfile.*' 2>/dev/null)
	[[ -e $TEXTFILE_PROM ]] && left+=("$TEXTFILE_PROM")
	if ((${#left[@]} == 0)); then
		pass "purge: no textfile unit, link, state or $TEXTFILE_PROM left"
	else
		fail "purge: no textfile unit, link, state or $TEXTFILE_PROM left" "${left[*]}"
	fi
}
