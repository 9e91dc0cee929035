/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One rate-limited kernel log line per dropped, monitored or anomalous
 * packet.
 */
#ifndef _IGMPGUARD_LOG_H
#define _IGMPGUARD_LOG_H

#include <linux/atomic.h>
#include <linux/netfilter.h>

#include <igmpguard/validator.h>

#include "family.h"

struct igg_conf;
struct igg_net;

/* A namespace's own log budget (log.c). */
struct igg_log_limit {
	atomic64_t state;
};

static inline void igg_log_limit_init(struct igg_log_limit *lim)
{
	atomic64_set(&lim->state, 0);
}

/*
 * Log a packet of family @fam whose fixed IP header is at @nh, of
 * namespace @in, judged under @conf, if it was dropped or (with
 * conf->log) passed with anomalies, and the namespace may log.
 */
void igg_log(struct igg_net *in, const struct igg_conf *conf,
	     enum igg_family fam, const void *nh,
	     const struct nf_hook_state *state, const struct igg_result *res,
	     bool drop);

#endif /* _IGMPGUARD_LOG_H */
