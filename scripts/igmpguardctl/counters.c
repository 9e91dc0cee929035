// SPDX-License-Identifier: GPL-2.0
/*
 * igmpguardctl stats and reset, and the counter listing show shares.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ctl.h"
#include "print.h"
#include "stats.h"

/* Shortest and longest --watch interval, in seconds. */
#define WATCH_MIN	0.1
#define WATCH_MAX	86400.0

void ctl_print_counters(const struct ctl_ctx *ctx, const struct ctl_stats *st,
			bool all)
{
	const struct ctl_counter *c;
	int g, i;

	pr_str("netns", ctx->netns);
	for (g = 0; g < CTL_GROUP_COUNT; g++) {
		if (!ctl_group_listed(st, g))
			continue;
		pr_obj(ctl_group_name(g));
		for (i = 0; i < st->count; i++) {
			c = &st->c[i];
			if (c->group != (enum ctl_group)g)
				continue;
			if (all || ctl_group_whole(g) || c->value)
				pr_u64(c->name, c->value);
		}
		pr_obj_end();
	}
}

static int parse_interval(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v) || v < WATCH_MIN ||
	    v > WATCH_MAX)
		return -1;
	*out = v;
	return 0;
}

int cmd_stats(const struct ctl_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "watch", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct ctl_stats st;
	double interval = 0;
	bool all = false;
	char msg[256];
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:ahw:", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			all = true;
			break;
		case 'w':
			if (!parse_interval(optarg, &interval))
				break;
			snprintf(msg, sizeof(msg),
				 "--watch: '%s' is not a number of seconds in %g..%g",
				 optarg, WATCH_MIN, WATCH_MAX);
			return ctl_usage(argv[0], msg);
		case 'h':
			ctl_print_help(argv[0]);
			return CTL_EXIT_OK;
		default:
			return ctl_bad_option(argv[0], c, argv);
		}
	}
	if (optind < argc)
		return ctl_usage(argv[0], "takes no arguments");
	if (interval > 0)
		return ctl_watch(ctx, interval, all);

	if (ctl_stats_read(&st))
		return CTL_EXIT_SYSTEM;
	pr_begin(stdout, ctx->json, 0);
	ctl_print_counters(ctx, &st, all);
	return pr_end() ? CTL_EXIT_SYSTEM : CTL_EXIT_OK;
}

int cmd_reset(const struct ctl_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	if (ctl_want_help(argc, argv))
		return CTL_EXIT_OK;
	if (argc > 1)
		return ctl_usage(argv[0], "takes no arguments");
	return ctl_stats_reset();
}
