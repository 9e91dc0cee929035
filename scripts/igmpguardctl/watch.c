// SPDX-License-Identifier: GPL-2.0
/*
 * igmpguardctl stats --watch: counters and their rates per second, one
 * frame per interval. On a terminal each frame replaces the last; into a
 * pipe or file frames follow each other (JSON: one object per line), so
 * the output can be logged.
 *
 * Rates divide by the time really elapsed between two reads, not by the
 * interval asked for: a late wakeup must not inflate them.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "print.h"
#include "stats.h"

/* Home, then clear to the end of the screen. */
#define REDRAW	"\033[H\033[J"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Sleep until @when (CLOCK_MONOTONIC seconds). SIGINT and SIGTERM are
 * blocked and taken here, as the end of the watch: no handler, and no
 * window in which one could be lost. Returns whether one came.
 */
static bool stopped_by(const sigset_t *stop, double when)
{
	struct timespec ts;
	double left;

	for (;;) {
		left = when - now();
		if (left <= 0)
			return false;
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
		if (sigtimedwait(stop, NULL, &ts) > 0)
			return true;
		if (errno == EAGAIN)
			return false;
	}
}

static u64 delta(const struct ctl_stats *prev, const struct ctl_counter *c)
{
	const struct ctl_counter *p = ctl_stats_find(prev, c->name);

	/* A reset in between: everything counted since is new. */
	if (!p || p->value > c->value)
		return c->value;
	return c->value - p->value;
}

static void frame(const struct ctl_ctx *ctx, const struct ctl_stats *prev,
		  const struct ctl_stats *cur, double secs, double interval,
		  bool all)
{
	const struct ctl_counter *c;
	char clock[16], every[32];
	time_t t = time(NULL);
	struct tm tm;
	u64 d;
	int g, i;

	strftime(clock, sizeof(clock), "%H:%M:%S", localtime_r(&t, &tm));
	snprintf(every, sizeof(every), "%gs", interval);
	pr_str("netns", ctx->netns);
	pr_str("time", clock);
	pr_str("interval", every);
	for (g = 0; g < CTL_GROUP_COUNT; g++) {
		if (!ctl_group_listed(cur, g))
			continue;
		pr_obj(ctl_group_name(g));
		for (i = 0; i < cur->count; i++) {
			c = &cur->c[i];
			if (c->group != (enum ctl_group)g)
				continue;
			d = delta(prev, c);
			if (all || ctl_group_whole(g) || c->value || d)
				pr_rate(c->name, c->value, d / secs);
		}
		pr_obj_end();
	}
}

int ctl_watch(const struct ctl_ctx *ctx, double interval, bool all)
{
	static struct ctl_stats a, b;
	struct ctl_stats *prev = &a, *cur = &b, *swap;
	bool tty = !ctx->json && isatty(STDOUT_FILENO);
	bool first = true;
	double last, t;
	sigset_t stop;

	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigprocmask(SIG_BLOCK, &stop, NULL);

	if (ctl_stats_read(prev))
		return CTL_EXIT_SYSTEM;
	last = now();
	/* Each sleep starts from the last read, so late ones cannot pile up. */
	while (!stopped_by(&stop, last + interval)) {
		if (ctl_stats_read(cur))
			return CTL_EXIT_SYSTEM;
		t = now();
		if (tty)
			fputs(REDRAW, stdout);
		else if (!ctx->json && !first)
			fputc('\n', stdout);
		first = false;
		pr_begin(stdout, ctx->json, 0);
		frame(ctx, prev, cur, t - last, interval, all);
		if (pr_end())
			return CTL_EXIT_SYSTEM;
		swap = prev;
		prev = cur;
		cur = swap;
		last = t;
	}
	return CTL_EXIT_OK;
}
