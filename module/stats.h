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

struct net;
struct proc_dir_entry;

/* The order of /proc/net/igmpguard/stats; append only. */
enum igg_stat {
	IGG_STAT_SEEN,		/* every packet a hook saw */
	IGG_STAT_VALIDATED,	/* given to the validator */
	IGG_STAT_DROPPED,	/* drop verdict, dropped */
	IGG_STAT_MONITORED,	/* drop verdict, passed in monitor mode */
	IGG_STAT_ANOMALOUS,	/* pass verdict with findings */
	/*
	 * The same five for the frames the bridge hook saw, a part of the
	 * totals above: a bridged frame the host also receives is seen by
	 * the bridge hook and an IP hook, but judged only once.
	 */
	IGG_STAT_BRIDGE_SEEN,
	IGG_STAT_BRIDGE_VALIDATED,
	IGG_STAT_BRIDGE_DROPPED,
	IGG_STAT_BRIDGE_MONITORED,
	IGG_STAT_BRIDGE_ANOMALOUS,
	IGG_STAT_REASON,	/* then one per reason, by enum igg_reason */
	IGG_STAT_COUNT = IGG_STAT_REASON + IGG_R_COUNT,
};

struct igg_pcpu_stats {
	u64_stats_t ctr[IGG_STAT_COUNT];
	struct u64_stats_sync syncp;
	/*
	 * IGG_STAT_SEEN lives apart: the fast path bumps it with BH on, so
	 * it must be one preempt-safe per-CPU add, as the SNMP MIBs are.
	 */
	unsigned long seen;
	unsigned long bridge_seen;
};

struct igg_stats {
	struct igg_pcpu_stats __percpu *pcpu;
	struct net *net;
	struct proc_dir_entry *dir;
	/* The sums at the last reset, which readers subtract. */
	struct mutex base_lock;
	u64 base[IGG_STAT_COUNT];
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

static inline void igg_stats_seen(struct igg_stats *st)
{
	this_cpu_inc(st->pcpu->seen);
}

void igg_stats_validated(struct igg_stats *st, const struct igg_result *res,
			 bool drop, bool monitor);

static inline void igg_stats_bridge_seen(struct igg_stats *st)
{
	igg_stats_seen(st);
	this_cpu_inc(st->pcpu->bridge_seen);
}

void igg_stats_bridge_validated(struct igg_stats *st,
				const struct igg_result *res, bool drop,
				bool monitor);

#endif /* _IGMPGUARD_STATS_H */
