// SPDX-License-Identifier: GPL-2.0
/*
 * The packet path.
 *
 * At NF_INET_PRE_ROUTING, ip_rcv_core() has checked the version, ihl, the
 * header checksum and tot_len, pulled the header with its options into the
 * linear area and trimmed the skb to tot_len. Nothing has parsed the
 * options or the IGMP message yet: ip_rcv_options() and igmp_rcv() run
 * only once every prerouting hook has accepted the packet.
 *
 * The skb is never changed. What the validator needs is read in place or
 * copied out.
 *
 * A fragment of IGMP cannot be parsed on its own. When the fragments pass
 * (drop_fragments=N, or monitor mode), the datagram the stack makes of
 * them reaches igmp_rcv() without having been through the prerouting
 * hook whole, so a second hook at local in validates it. It is registered
 * only while fragments can pass (igg_apply()).
 */
#include <linux/bottom_half.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/local_lock.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/rcupdate.h>
#include <linux/skbuff.h>
#include <net/ip.h>

#include "compat.h"
#include "debug.h"
#include "hook.h"
#include "log.h"
#include "netns.h"
#include "params.h"
#include "scratch.h"

/*
 * Below nf_defrag_ipv4 (NF_IP_PRI_CONNTRACK_DEFRAG, -400), so fragments are
 * judged one by one as they arrived, not after reassembly merged them; and
 * below the raw table's before-defrag slot (NF_IP_PRI_RAW_BEFORE_DEFRAG,
 * -450), the lowest any in-tree user takes, so no hook the kernel ships
 * reads the options before they are checked. Only an nft chain or BPF
 * program deliberately given a lower priority runs first.
 */
#define IGG_HOOK_PRIORITY	(NF_IP_PRI_RAW_BEFORE_DEFRAG - 10)

/*
 * Names what guards this CPU's scratch buffer and its counters while a
 * packet is judged, for lockdep and PREEMPT_RT; see igg_inspect().
 */
DEFINE_PER_CPU(local_lock_t, igg_cpu_lock) =
	INIT_LOCAL_LOCK(igg_cpu_lock);

/*
 * The bytes the validator needs, from the IP header on: header and options
 * for most packets, the whole datagram for IGMP. @hdr has room for the
 * largest header. Only a broken skb could fail to give them; the validator
 * then gets no bytes and calls the packet malformed.
 */
static const u8 *igg_packet(const struct sk_buff *skb, u8 *hdr, u32 *lenp,
			    u32 *flags)
{
	const struct iphdr *iph = ip_hdr(skb);
	int off = skb_network_offset(skb);
	const u8 *pkt;
	u8 *buf;
	u32 len;

	/* BIG TCP: ip_rcv_core() took the length from the skb, so do we. */
	*flags = skb_ip_totlen(skb) != ntohs(iph->tot_len) ? IGG_VF_BIG_TCP : 0;
	if (iph->protocol != IPPROTO_IGMP) {
		len = iph->ihl * 4;
		pkt = skb_header_pointer(skb, off, len, hdr);
		*lenp = pkt ? len : 0;
		return pkt ?: hdr;
	}

	/* The datagram, as the skb was trimmed to tot_len. */
	len = skb->len - off;
	if (len <= skb_headlen(skb) - off) {
		*lenp = len;
		return skb_network_header(skb);
	}
	len = min_t(u32, len, IGG_SCRATCH_SIZE);
	buf = igg_scratch_get();
	*lenp = skb_copy_bits(skb, off, buf, len) ? 0 : len;
	return buf;
}

static unsigned int igg_inspect(struct igg_net *in, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	/* Published before the first hook, withdrawn after the last. */
	const struct igg_conf *conf = rcu_dereference(igg_active);
	u8 hdr[IGG_IP_HDR_MAX];
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
	pkt = igg_packet(skb, hdr, &len, &flags);
	drop = igg_validate_flags(pkt, len, flags, &conf->pol, &res) ==
	       IGG_DROP;
	igg_debug_overread(pkt, len);
	igg_stats_validated(&in->stats, &res, drop, conf->monitor);
	if (drop || !igg_set_empty(res.anomalies))
		igg_log(in, conf, ip_hdr(skb), state, &res, drop);
	local_unlock_nested_bh(&igg_cpu_lock);
	local_bh_enable();
	return drop && !conf->monitor ? NF_DROP : NF_ACCEPT;
}

static unsigned int igg_hook(void *priv, struct sk_buff *skb,
			     const struct nf_hook_state *state)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct igg_net *in = priv;

	/* No options and not IGMP: nothing for the validator. */
	if (likely(iph->ihl == 5 && iph->protocol != IPPROTO_IGMP)) {
		igg_stats_seen(&in->stats);
		return NF_ACCEPT;
	}
	/* Judged on the bridge it crossed: judged once (bridge_once.c). */
	if (igg_judged_on_bridge(skb, state, rcu_dereference(igg_active))) {
		igg_stats_seen(&in->stats);
		return NF_ACCEPT;
	}
	return igg_inspect(in, skb, state);
}

/*
 * ip_local_deliver() reassembles right before the local in hooks, and
 * nf_defrag_ipv4, when loaded, has done so in prerouting behind us: either
 * way ip_frag_reasm() recorded the largest fragment's size in the control
 * block. Every other packet was judged whole in prerouting, and
 * ip_rcv_core() cleared the control block for it.
 */
static unsigned int igg_hook_reassembled(void *priv, struct sk_buff *skb,
					 const struct nf_hook_state *state)
{
	if (likely(!IPCB(skb)->frag_max_size ||
		   ip_hdr(skb)->protocol != IPPROTO_IGMP))
		return NF_ACCEPT;
	return igg_inspect(priv, skb, state);
}

static const struct nf_hook_ops igg_hook_ops[IGG_HOOK_COUNT] = {
	[IGG_HOOK_PREROUTING] = {
		.hook		= igg_hook,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= IGG_HOOK_PRIORITY,
	},
	[IGG_HOOK_REASSEMBLED] = {
		.hook		= igg_hook_reassembled,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_LOCAL_IN,
		.priority	= IGG_HOOK_PRIORITY,
	},
	[IGG_HOOK_BRIDGE] = {
		.hook		= igg_bridge_hook,
		.pf		= NFPROTO_BRIDGE,
		.hooknum	= NF_BR_PRE_ROUTING,
		.priority	= IGG_BRIDGE_HOOK_PRIORITY,
	},
};

int igg_hook_register(struct igg_net *in, enum igg_hook_id id)
{
	struct nf_hook_ops *ops = &in->ops[id];

	BUILD_BUG_ON(ARRAY_SIZE(igg_hook_ops) != ARRAY_SIZE(in->ops));
	*ops = igg_hook_ops[id];
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
