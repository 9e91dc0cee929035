// SPDX-License-Identifier: GPL-2.0
/*
 * igmpguard: <dropped|monitor|anomaly> <reason> <saddr> -> <daddr>
 *	dev <ifname> mode <block|monitor>
 *
 * net_ratelimit() shares the networking log budget, so a flood of bad
 * packets cannot fill the log any more than other network noise can.
 */
#include <linux/bitops.h>
#include <linux/net.h>
#include <linux/netdevice.h>
#include <linux/printk.h>

#include "log.h"
#include "params.h"

void igg_log(const struct iphdr *iph, const struct nf_hook_state *state,
	     const struct igg_result *res, bool drop, bool monitor)
{
	enum igg_reason reason;
	const char *what;

	if (drop) {
		reason = res->reason;
		what = monitor ? "monitor" : "dropped";
	} else if (res->anomalies) {
		/* The first one in enum order stands for them all. */
		reason = __ffs64(res->anomalies);
		what = "anomaly";
	} else {
		return;
	}
	if (reason >= IGG_R_COUNT || !net_ratelimit())
		return;

	pr_info("%s %s %pI4 -> %pI4 dev %s mode %s\n", what,
		igg_reasons[reason].name, &iph->saddr, &iph->daddr,
		state->in ? state->in->name : "-", igg_mode_names[monitor]);
}
