// SPDX-License-Identifier: GPL-2.0
/*
 * igmpguard: <dropped|monitor|anomaly> <reason> <saddr> -> <daddr>
 *	dev <ifname> netns <inode> mode <block|monitor>
 *
 * The namespace is named by its inode number, as lsns, ip netns identify
 * and readlink /proc/PID/ns/net show it.
 *
 * Whoever owns a user namespace can make a network namespace and send
 * into it, so only the initial namespace logs unless log_all_netns says
 * otherwise. Each namespace has a budget of its own rather than spending
 * net_ratelimit()'s, which all of networking shares: a flood into one
 * namespace can silence neither other namespaces' lines nor the kernel's
 * other network messages. The counters stay exact whatever is logged.
 */
#include <linux/bitops.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <linux/printk.h>
#include <net/net_namespace.h>

#include "log.h"
#include "netns.h"
#include "params.h"

/* Up to IGG_LOG_BURST lines per IGG_LOG_INTERVAL, as net_ratelimit(). */
#define IGG_LOG_INTERVAL	(5 * HZ)
#define IGG_LOG_BURST		10

/*
 * igg_log_limit.state holds the number of the current interval, shifted
 * left, and below it the lines logged in that interval; one cmpxchg moves
 * both, so CPUs logging at once never take more than the burst between
 * them, and nothing waits. Truncating the interval number is harmless: it
 * is only compared for equality.
 */
#define IGG_LOG_USED_BITS	8
#define IGG_LOG_USED_MASK	((1UL << IGG_LOG_USED_BITS) - 1)

static_assert(IGG_LOG_BURST <= IGG_LOG_USED_MASK);

static bool igg_log_allow(struct igg_log_limit *lim)
{
	unsigned long stamp = (jiffies / IGG_LOG_INTERVAL) << IGG_LOG_USED_BITS;
	long old = atomic_long_read(&lim->state);
	unsigned long used;

	do {
		used = ((unsigned long)old & ~IGG_LOG_USED_MASK) == stamp ?
		       (unsigned long)old & IGG_LOG_USED_MASK : 0;
		if (used >= IGG_LOG_BURST)
			return false;
	} while (!atomic_long_try_cmpxchg(&lim->state, &old,
					  (long)(stamp | (used + 1))));
	return true;
}

void igg_log(const struct iphdr *iph, const struct nf_hook_state *state,
	     const struct igg_result *res, bool drop, bool monitor)
{
	/* Under the hook's RCU read lock, published while it runs. */
	const struct igg_conf *conf = rcu_dereference(igg_active);
	struct net *net = state->net;
	enum igg_reason reason;
	const char *what;

	if (!net_eq(net, &init_net) && !conf->log_all_netns)
		return;
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
	if (reason >= IGG_R_COUNT ||
	    !igg_log_allow(&igg_net_of(net)->log_limit))
		return;

	pr_info("%s %s %pI4 -> %pI4 dev %s netns %u mode %s\n", what,
		igg_reasons[reason].name, &iph->saddr, &iph->daddr,
		state->in ? state->in->name : "-", net->ns.inum,
		igg_mode_names[monitor]);
}
