/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One rate-limited kernel log line per dropped, monitored or anomalous
 * packet.
 */
#ifndef _IGMPGUARD_LOG_H
#define _IGMPGUARD_LOG_H

#include <linux/atomic.h>
#include <linux/ip.h>
#include <linux/netfilter.h>

#include <igmpguard/validator.h>

/* A namespace's own log budget (log.c). */
struct igg_log_limit {
	atomic_long_t state;
};

static inline void igg_log_limit_init(struct igg_log_limit *lim)
{
	atomic_long_set(&lim->state, 0);
}

void igg_log(const struct iphdr *iph, const struct nf_hook_state *state,
	     const struct igg_result *res, bool drop, bool monitor);

#endif /* _IGMPGUARD_LOG_H */
