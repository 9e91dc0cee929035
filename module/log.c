// SPDX-License-Identifier: GPL-2.0
/*
 * igmpguard: <dropped|monitor|anomaly> <reason> <saddr> -> <daddr>
 *	dev <ifname> [bridge <ifname>] netns <inode> mode <block|monitor>
 *
 * A frame judged on a bridge names the port it came in on as dev, then
 * the bridge.
 *
 * The addresses are IPv4's dotted quads or IPv6's compressed form
 * (2001:db8::1), and nothing else in the line depends on the family.
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
#include <linux/inet.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jiffies.h>
#include <linux/math64.h>
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
 * both, and nothing waits. The interval only moves forward: a CPU that
 * read the clock just before another one opened the next interval counts
 * its line against that one. So CPUs logging at once never take more than
 * the burst between them. The number comes from the 64-bit jiffies, which
 * does not wrap, so a plain compare orders two of them.
 */
#define IGG_LOG_USED_BITS	8
#define IGG_LOG_USED_MASK	((1ULL << IGG_LOG_USED_BITS) - 1)

static_assert(IGG_LOG_BURST <= IGG_LOG_USED_MASK);

static bool igg_log_allow(struct igg_log_limit *lim)
{
	u64 now = div_u64(get_jiffies_64(), IGG_LOG_INTERVAL) <<
		  IGG_LOG_USED_BITS;
	s64 old = atomic64_read(&lim->state);
	u64 cur, used;

	do {
		cur = (u64)old & ~IGG_LOG_USED_MASK;
		used = (u64)old & IGG_LOG_USED_MASK;
		if (now > cur) {
			cur = now;
			used = 0;
		}
		if (used >= IGG_LOG_BURST)
			return false;
	} while (!atomic64_try_cmpxchg(&lim->state, &old,
				       (s64)(cur | (used + 1))));
	return true;
}

/*
 * The addresses of the packet whose fixed header is at @nh as @fam writes
 * them, IPv6's in the compressed form (RFC 5952) that ip and tcpdump
 * print.
 */
static void igg_log_addrs(const void *nh, enum igg_family fam,
			  char *saddr, char *daddr, size_t size)
{
	const struct ipv6hdr *ip6h = nh;
	const struct iphdr *iph = nh;

	if (fam == IGG_FAMILY_IPV6) {
		snprintf(saddr, size, "%pI6c", &ip6h->saddr);
		snprintf(daddr, size, "%pI6c", &ip6h->daddr);
	} else {
		snprintf(saddr, size, "%pI4", &iph->saddr);
		snprintf(daddr, size, "%pI4", &iph->daddr);
	}
}

void igg_log(struct igg_net *in, const struct igg_conf *conf,
	     enum igg_family fam, const void *nh,
	     const struct nf_hook_state *state, const struct igg_result *res,
	     bool drop)
{
	char saddr[INET6_ADDRSTRLEN], daddr[INET6_ADDRSTRLEN];
	const struct net_device *br = NULL;
	struct net *net = in->net;
	enum igg_reason reason;
	const char *what;

	if (!net_eq(net, &init_net) && !conf->log_all_netns)
		return;
	/* Drops are always told; log=N only quiets the anomalies. */
	if (drop) {
		reason = res->reason;
		what = conf->monitor ? "monitor" : "dropped";
	} else if (conf->log && !igg_set_empty(res->anomalies)) {
		/* The first one in enum order stands for them all. */
		reason = igg_set_first(res->anomalies);
		what = "anomaly";
	} else {
		return;
	}
	if (reason >= IGG_R_COUNT || !igg_log_allow(&in->log_limit))
		return;

	igg_log_addrs(nh, fam, saddr, daddr, sizeof(saddr));
	/* The port's master, under the RCU read lock the hooks run in. */
	if (state->pf == NFPROTO_BRIDGE && state->in)
		br = netdev_master_upper_dev_get_rcu(state->in);
	pr_info("%s %s %s -> %s dev %s%s%s netns %u mode %s\n", what,
		igg_reasons[reason].name, saddr, daddr,
		state->in ? state->in->name : "-", br ? " bridge " : "",
		br ? br->name : "", net->ns.inum,
		igg_mode_names[conf->monitor]);
}
