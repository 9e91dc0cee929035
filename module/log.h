/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One rate-limited kernel log line per dropped, monitored or anomalous
 * packet.
 */
#ifndef _IGMPGUARD_LOG_H
#define _IGMPGUARD_LOG_H

#include <linux/ip.h>
#include <linux/netfilter.h>

#include <igmpguard/validator.h>

void igg_log(const struct iphdr *iph, const struct nf_hook_state *state,
	     const struct igg_result *res, bool drop, bool monitor);

#endif /* _IGMPGUARD_LOG_H */
