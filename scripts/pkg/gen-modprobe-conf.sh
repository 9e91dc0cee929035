#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Write the commented /etc/modprobe.d/igmpguard.conf example to stdout:
# every module parameter with its default and a line of help. The table is
# igmpguardctl's "get --help", which the tool builds from the module's C
# lists (knob-list.h and the reason table), so a new parameter or a new
# default reaches this file without anyone typing it twice; the guest
# test selftests/installed.sh checks the result against the loaded module.
#
# usage: gen-modprobe-conf.sh IGMPGUARDCTL
set -euo pipefail

ctl=${1:?usage: gen-modprobe-conf.sh IGMPGUARDCTL}
help=$("$ctl" get --help)

cat <<'HEAD'
# Options for the igmpguard module, read by modprobe each time the module
# loads, and so at boot when /etc/modules-load.d/igmpguard.conf names it.
# Every parameter is listed below with its default: uncomment a line and
# change the value to use it (several "options" lines add up). At run time,
# igmpguardctl(8) shows and changes the same parameters.
HEAD

# The knobs table: "  name  default  help...", between "knobs:" and the
# first empty line; then the anomaly names after "comma list of:".
awk '
	/^knobs:/ { sec = "knobs"; next }
	/comma list of:/ { sec = "anomalies"; next }
	/^$/ { sec = ""; next }
	sec == "knobs" {
		name = $1; def = $2
		$1 = ""; $2 = ""; sub(/^ +/, "")
		n++; names[n] = name; defs[n] = def; helps[n] = $0
	}
	sec == "anomalies" { for (i = 1; i <= NF; i++) anomalies = anomalies " " $i }
	END {
		if (!n) { print "gen-modprobe-conf: no knobs table in get --help" > "/dev/stderr"; exit 1 }
		for (i = 1; i <= n; i++) {
			print "#"
			print "# " helps[i]
			if (names[i] == "drop_anomalies" && anomalies != "") {
				print "# (none, or a comma list of:"
				line = "#  "
				cnt = split(anomalies, a, " ")
				for (j = 1; j <= cnt; j++) {
					if (length(line) + length(a[j]) + 1 > 76) { print line; line = "#  " }
					line = line " " a[j]
				}
				print line ")"
			}
			print "#options igmpguard " names[i] "=" defs[i]
		}
	}' <<<"$help"
