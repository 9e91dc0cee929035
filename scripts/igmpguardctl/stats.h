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
	CTL_GROUP_TOTALS,	/* packets_*: what the hooks did, in all */
	CTL_GROUP_IPV4,		/* ipv4_packets_*: the same for IPv4 alone */
	CTL_GROUP_IPV6,		/* ipv6_packets_* */
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

/* "totals", "ipv4", "ipv6", the class name, or "other". */
const char *ctl_group_name(enum ctl_group g);

/*
 * Whether @g is left out when empty: the families with a module older
 * than IPv6, others with one no newer than the tool.
 */
bool ctl_group_optional(enum ctl_group g);

/*
 * Whether @g holds packet totals, which are shown also when zero; a
 * module older than IPv6 has no lines of the family groups.
 */
bool ctl_group_is_totals(enum ctl_group g);

/*
 * The name @c is shown under in its group: a family total without its
 * "ipv4_" or "ipv6_", so that each family group reads like the totals.
 */
const char *ctl_counter_label(const struct ctl_counter *c);

/*
 * "ipv4" or "ipv6" for a family total or a reason (ip6_*, ext_* and
 * mld_* are IPv6's, any other IPv4's), NULL for the totals of every
 * family.
 */
const char *ctl_counter_family(const struct ctl_counter *c);

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
