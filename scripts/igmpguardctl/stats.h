/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The counters of one namespace, from /proc/net/igmpguard/stats.
 */
#ifndef _IGG_CTL_STATS_H
#define _IGG_CTL_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include <igmpguard/reasons.h>

/* How show, stats and export group the counters. */
enum ctl_group {
	CTL_GROUP_TOTALS,	/* packets_*, ipv4_packets_*, ipv6_packets_* */
	CTL_GROUP_BRIDGE,	/* bridge_packets_*: the bridge hook's share */
	CTL_GROUP_MALFORMED,
	CTL_GROUP_POLICY,
	CTL_GROUP_ANOMALY,
	CTL_GROUP_OTHER,	/* a reason this tool does not know */
	CTL_GROUP_COUNT,
};

struct ctl_counter {
	char name[64];
	u64 value;
	enum ctl_group group;
	enum igg_class cls;	/* IGG_CLASS_NONE unless a known reason */
};

/* Room for every reason and total, and for a newer module's additions. */
#define CTL_STATS_MAX	256

struct ctl_stats {
	int count;
	struct ctl_counter c[CTL_STATS_MAX];	/* in procfs order */
};

/*
 * Read the counters of the current namespace. Returns 0, or -1 after
 * printing what went wrong (exit with CTL_EXIT_SYSTEM then).
 */
int ctl_stats_read(struct ctl_stats *st);

/* How many counters @st has in group @g. */
int ctl_group_size(const struct ctl_stats *st, enum ctl_group g);

/* The counter called @name, or NULL. */
const struct ctl_counter *ctl_stats_find(const struct ctl_stats *st,
					 const char *name);

/* "totals", "bridge", the class name, or "other". */
const char *ctl_group_name(enum ctl_group g);

/*
 * Whether group @g is listed although @st has none of it: not "bridge"
 * (a module older than the bridge hook) nor "other" (one not newer than
 * the tool).
 */
bool ctl_group_listed(const struct ctl_stats *st, enum ctl_group g);

/* Whether group @g is listed whole, zeros too: the packet totals. */
bool ctl_group_whole(enum ctl_group g);

/*
 * "ipv4" or "ipv6" for a family total or a reason (ip6_*, ext_* and
 * mld_* are IPv6's, any other IPv4's), NULL for a total of every family.
 */
const char *ctl_counter_family(const struct ctl_counter *c);

/*
 * What a total or bridge total counts: its name after "packets_", such as
 * "seen".
 */
const char *ctl_total_kind(const struct ctl_counter *c);

/* Zero the current namespace's counters. Returns a CTL_EXIT_ status. */
int ctl_stats_reset(void);

struct ctl_ctx;

/*
 * Through the printer: the namespace, then the counters by group. The
 * totals always, reasons only when not zero unless @all.
 */
void ctl_print_counters(const struct ctl_ctx *ctx, const struct ctl_stats *st,
			bool all);

/* stats --watch: rates every @interval seconds until SIGINT or SIGTERM. */
int ctl_watch(const struct ctl_ctx *ctx, double interval, bool all);

#endif /* _IGG_CTL_STATS_H */
