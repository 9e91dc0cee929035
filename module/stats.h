/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per namespace, per CPU packet counters and /proc/net/igmpguard/.
 */
#ifndef _IGMPGUARD_STATS_H
#define _IGMPGUARD_STATS_H

#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>

#include <igmpguard/validator.h>

#include "family.h"

struct net;
struct proc_dir_entry;

/* What each family counts; the totals are their sums. */
enum igg_stat {
	IGG_STAT_SEEN,		/* every packet the hook saw */
	IGG_STAT_VALIDATED,	/* given to the validator */
	IGG_STAT_DROPPED,	/* drop verdict, dropped */
	IGG_STAT_MONITORED,	/* drop verdict, passed in monitor mode */
	IGG_STAT_ANOMALOUS,	/* pass verdict with findings */
	IGG_STAT_TOTALS,
};

/*
 * The lines of /proc/net/igmpguard/stats, in order: the totals over every
 * family (the names they had before there were families), the same per
 * family, the same for the bridge path (a part of the totals: a frame a
 * bridge passes up is seen by the bridge hook and an IP hook, but judged
 * once), then one per reason, by enum igg_reason. Append only.
 */
#define IGG_LINE_FAMILY(fam, stat)	(IGG_STAT_TOTALS * (1 + (fam)) + (stat))
#define IGG_LINE_BRIDGE(stat)		IGG_LINE_FAMILY(IGG_FAMILY_COUNT, stat)
#define IGG_LINE_REASON(r)		IGG_LINE_FAMILY(IGG_FAMILY_COUNT + 1, r)
#define IGG_LINES			IGG_LINE_REASON(IGG_R_COUNT)

struct igg_pcpu_stats {
	/* By enum igg_stat; IGG_STAT_SEEN is in @seen instead. */
	u64_stats_t family[IGG_FAMILY_COUNT][IGG_STAT_TOTALS];
	u64_stats_t bridge[IGG_STAT_TOTALS];
	u64_stats_t reason[IGG_R_COUNT];
	struct u64_stats_sync syncp;
	/*
	 * IGG_STAT_SEEN lives apart: the fast path bumps it with BH on, so
	 * it must be one preempt-safe per-CPU add, as the SNMP MIBs are.
	 */
	unsigned long seen[IGG_FAMILY_COUNT];
	unsigned long bridge_seen;
};

struct igg_stats {
	struct igg_pcpu_stats __percpu *pcpu;
	struct net *net;
	struct proc_dir_entry *dir;
	/*
	 * The sums at the last reset, which readers subtract; by line, the
	 * totals' unused (they are the sums of the families' lines).
	 */
	struct mutex base_lock;
	u64 base[IGG_LINES];
};

int igg_stats_init(struct igg_stats *st, struct net *net);
void igg_stats_exit(struct igg_stats *st);

/*
 * Writers run with BH disabled, which keeps them on this CPU and alone on
 * its counters (on PREEMPT_RT too: BH sections there hold the per-CPU
 * softirq lock).
 */
static inline struct igg_pcpu_stats *igg_stats_begin(struct igg_stats *st)
{
	struct igg_pcpu_stats *s;

	lockdep_assert_in_softirq();
	s = this_cpu_ptr(st->pcpu);
	u64_stats_update_begin(&s->syncp);
	return s;
}

static inline void igg_stats_end(struct igg_pcpu_stats *s)
{
	u64_stats_update_end(&s->syncp);
}

static inline void igg_stats_seen(struct igg_stats *st, enum igg_family fam)
{
	this_cpu_inc(st->pcpu->seen[fam]);
}

/* On a bridge port: seen by the bridge hook too. */
static inline void igg_stats_bridge_seen(struct igg_stats *st,
					 enum igg_family fam)
{
	igg_stats_seen(st, fam);
	this_cpu_inc(st->pcpu->bridge_seen);
}

/* @bridged: judged by the bridge hook, counted in its lines too. */
void igg_stats_validated(struct igg_stats *st, enum igg_family fam,
			 bool bridged, const struct igg_result *res, bool drop,
			 bool monitor);

#endif /* _IGMPGUARD_STATS_H */
