/* SPDX-License-Identifier: GPL-2.0 */
/*
 * igmpguardctl check: run the validator over capture files offline.
 */
#ifndef _IGG_CHECK_H
#define _IGG_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <igmpguard/validator.h>

#include "ctl.h"

struct check_opts {
	struct igg_policy pol;
	bool json;
};

/*
 * Apply one "knob=value" to @pol: a boolean knob with 0/1 (or y/n as the
 * module accepts), a numeric knob of knob_nums[] in its range, or
 * drop_anomalies as a comma list of anomaly names or "none". Returns 0,
 * or -1 with a message in @err.
 */
int check_policy_set(struct igg_policy *pol, const char *arg, char *err,
		     size_t errlen);

/*
 * Check one capture read from @in (pcap or pcapng) and write the complete
 * report, as a one-file document, to @out; error messages also go to @err
 * unless it is NULL. @in is closed in every case. Returns CTL_EXIT_OK or
 * CTL_EXIT_INPUT. This is the path the fuzzer takes.
 */
int check_stream(FILE *in, const char *name, const struct check_opts *o,
		 FILE *out, FILE *err);

/* The command: argv[0] is "check". Returns a CTL_EXIT_ status. */
int cmd_check(int argc, char **argv);

#endif /* _IGG_CHECK_H */
