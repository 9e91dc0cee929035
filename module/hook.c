// SPDX-License-Identifier: GPL-2.0
/*
 * The packet path shared by every family: judging one packet under the
 * published settings, counting and logging it; and registering the hooks.
 * Each family's hooks, and how they find the bytes to judge, are in
 * hook_<family>.c; the bridge's, for every family, in hook_bridge.c.
 *
 * The skb is never changed. What the validator needs is read in place or
 * copied out.
 */
#include <linux/bottom_half.h>
#include <linux/minmax.h>
#include <linux/netfilter.h>
#include <linux/rcupdate.h>
#include <linux/skbuff.h>
/* On PREEMPT_RT, local_lock.h uses spinlock_t without including it. */
#include <linux/spinlock.h>
#include <linux/local_lock.h>

#include "compat.h"
#include "debug.h"
#include "hook.h"
#include "log.h"
#include "netns.h"
#include "params.h"
#include "scratch.h"

/*
 * Names what guards this CPU's scratch buffer and its counters while a
 * packet is judged, for lockdep and PREEMPT_RT; see igg_inspect().
 */
static DEFINE_PER_CPU(local_lock_t, igg_cpu_lock) =
	INIT_LOCAL_LOCK(igg_cpu_lock);

/*
 * @len bytes of @skb from @off bytes past skb->data, cut at the scratch
 * buffer's size: in place when they are all in the linear area, else
 * copied into this CPU's scratch buffer. *@lenp: how many there are; 0
 * when a broken skb cannot give them, and the validator then calls the
 * packet malformed.
 */
const u8 *igg_datagram_at(const struct sk_buff *skb, u32 off, u32 len,
			  u32 *lenp)
{
	u8 *buf;

	if (off <= skb_headlen(skb) && len <= skb_headlen(skb) - off) {
		*lenp = len;
		return skb->data + off;
	}
	len = min_t(u32, len, IGG_SCRATCH_SIZE);
	buf = igg_scratch_get();
	*lenp = skb_copy_bits(skb, off, buf, len) ? 0 : len;
	return buf;
}

/* The same from the network header on. */
const u8 *igg_datagram(const struct sk_buff *skb, u32 len, u32 *lenp)
{
	return igg_datagram_at(skb, skb_network_offset(skb), len, lenp);
}

unsigned int igg_inspect(struct igg_net *in, struct sk_buff *skb,
			 const struct nf_hook_state *state,
			 enum igg_family fam, const struct igg_frame *fr)
{
	/* Published before the first hook, withdrawn after the last. */
	const struct igg_conf *conf = rcu_dereference(igg_active);
	const struct igg_policy *pol = fr ? &conf->bridge_pol : &conf->pol;
	u8 hdr[IGG_IP_HDR_MAX];
	enum igg_verdict verdict;
	struct igg_result res;
	const u8 *pkt;
	u32 len, flags;
	bool drop;

	/*
	 * The counters and the scratch buffer are per CPU, and only BH off
	 * keeps two users of one CPU's from interleaving. Packets from the
	 * receive softirq already have it; but nf_reinject() runs the hooks
	 * after a queueing one from the process context of the
	 * nfnetlink_queue verdict, holding only the RCU read lock.
	 *
	 * Without PREEMPT_RT, BH off means no preemption and no softirq on
	 * this CPU until it is on again. With PREEMPT_RT the section stays
	 * preemptible, and what excludes the other users is the per-CPU
	 * softirq lock that local_bh_disable() takes. The kernel wants such
	 * per-CPU data named with local_lock_nested_bh(), which lockdep can
	 * check and which keeps it safe should BH-off stop taking that lock.
	 */
	local_bh_disable();
	local_lock_nested_bh(&igg_cpu_lock);
	if (fr)
		pkt = igg_frame_bytes(skb, fam, fr, hdr, &len, &flags);
	else if (fam == IGG_FAMILY_IPV6)
		pkt = igg_packet6(skb, &len, &flags);
	else
		pkt = igg_packet(skb, hdr, &len, &flags);
	if (fam == IGG_FAMILY_IPV6)
		verdict = igg_validate6(pkt, len, flags, pol, &res);
	else
		verdict = igg_validate_flags(pkt, len, flags, pol, &res);
	drop = verdict == IGG_DROP;
	igg_debug_overread(pkt, len);
	igg_stats_validated(&in->stats, fam, fr, &res, drop, conf->monitor);
	if (drop || !igg_set_empty(res.anomalies))
		igg_log(in, conf, fam, fr ? fr->nh : skb_network_header(skb),
			state, &res, drop);
	local_unlock_nested_bh(&igg_cpu_lock);
	local_bh_enable();
	return drop && !conf->monitor ? NF_DROP : NF_ACCEPT;
}

/* By enum igg_family. */
static const struct nf_hook_ops *const igg_family_ops[IGG_FAMILY_COUNT] = {
	[IGG_FAMILY_IPV4]	= igg_ipv4_ops,
	[IGG_FAMILY_IPV6]	= igg_ipv6_ops,
};

int igg_hook_register(struct igg_net *in, enum igg_hook_id id)
{
	struct nf_hook_ops *ops = &in->ops[id];

	BUILD_BUG_ON(ARRAY_SIZE(in->ops) != IGG_HOOK_COUNT);
	if (id == IGG_HOOK_BRIDGE)
		*ops = igg_bridge_ops;
	else
		*ops = igg_family_ops[id / IGG_AT_COUNT][id % IGG_AT_COUNT];
	ops->priv = in;
	return nf_register_net_hook(in->net, ops);
}

/*
 * The hook may still run on other CPUs until a grace period has passed;
 * @in stays until then, see igg_net_pre_exit().
 */
void igg_hook_unregister(struct igg_net *in, enum igg_hook_id id)
{
	nf_unregister_net_hook(in->net, &in->ops[id]);
}
