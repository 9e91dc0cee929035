// SPDX-License-Identifier: GPL-2.0
/*
 * The bridge path: frames a bridge in this namespace received on one of
 * its ports, judged before the bridge's multicast snooping parses them
 * and before it forwards, floods or passes them up (see
 * IGG_BRIDGE_HOOK_PRIORITY), by the same validator and policy as at IP
 * prerouting (or only its malformed verdicts: parameter bridge).
 *
 * Nothing below the link layer has looked at the frame yet: no IP header
 * is checked, nothing is pulled or trimmed. __netif_receive_skb_core()
 * has moved an outer VLAN tag into the skb (the accelerated tag) and set
 * skb->protocol to what it carried, or the driver did; further tags, and
 * an outer one the core left alone, are still in the frame ahead of the
 * network header. skb->data points behind the Ethernet header and any
 * tag taken out of it. Like the IP hooks, this one never changes the skb.
 */
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/skbuff.h>

#include "compat.h"
#include "debug.h"
#include "hook.h"
#include "log.h"
#include "netns.h"
#include "params.h"
#include "scratch.h"

/*
 * Frames the kernel can hand to an IP stack through VLAN devices have at
 * most as many tags as devices stack (MAX_NEST_DEV); no receiver unpacks
 * a frame with more, and the walk stops there.
 */
#define IGG_BR_MAX_TAGS		MAX_NEST_DEV

/*
 * The EtherType of the network header behind every VLAN tag still in the
 * frame (802.1Q and 802.1ad, in any order, QinQ included), and in @off
 * where that header starts, from skb->data. 0 if the tags run past the
 * frame or the bound.
 */
static __be16 igg_frame_network(const struct sk_buff *skb, unsigned int *off)
{
	__be16 proto = skb->protocol;
	const struct vlan_hdr *vh;
	struct vlan_hdr buf;
	unsigned int tags;

	*off = 0;
	for (tags = 0; eth_type_vlan(proto); tags++) {
		if (tags == IGG_BR_MAX_TAGS)
			return 0;
		vh = skb_header_pointer(skb, *off, sizeof(buf), &buf);
		if (!vh)
			return 0;
		proto = vh->h_vlan_encapsulated_proto;
		*off += VLAN_HLEN;
	}
	return proto;
}

/*
 * The bytes of the IPv4 packet at @off the validator needs, as igg_packet()
 * gives them at IP prerouting: the header with its options, and for IGMP
 * the whole datagram. Nobody trimmed the frame to tot_len, so link-layer
 * padding may follow; the validator ignores what lies past tot_len.
 */
static const u8 *igg_frame_ipv4(const struct sk_buff *skb, unsigned int off,
				const struct iphdr *iph, u8 *hdr, u32 *lenp)
{
	u32 len = skb->len - off;
	u8 *buf;

	if (iph->protocol != IPPROTO_IGMP) {
		len = min_t(u32, len, iph->ihl * 4);
		*lenp = skb_copy_bits(skb, off, hdr, len) ? 0 : len;
		return hdr;
	}
	if (off <= skb_headlen(skb) && len <= skb_headlen(skb) - off) {
		*lenp = len;
		return skb->data + off;
	}
	len = min_t(u32, len, IGG_SCRATCH_SIZE);
	buf = igg_scratch_get();
	*lenp = skb_copy_bits(skb, off, buf, len) ? 0 : len;
	return buf;
}

static unsigned int igg_bridge_inspect4(struct igg_net *in,
					struct sk_buff *skb, unsigned int off,
					const struct iphdr *iph,
					const struct nf_hook_state *state)
{
	/* Published before the first hook, withdrawn after the last. */
	const struct igg_conf *conf = rcu_dereference(igg_active);
	u8 hdr[IGG_IP_HDR_MAX];
	struct igg_result res;
	const u8 *pkt;
	u32 len, flags;
	bool drop;

	/* A GSO packet may carry 0 there, as at IP prerouting (BIG TCP). */
	flags = !iph->tot_len && skb_is_gso(skb) && skb_is_gso_tcp(skb) ?
		IGG_VF_BIG_TCP : 0;

	/* BH off and the CPU's lock, as igg_inspect() explains. */
	local_bh_disable();
	local_lock_nested_bh(&igg_cpu_lock);
	pkt = igg_frame_ipv4(skb, off, iph, hdr, &len);
	drop = igg_validate_flags(pkt, len, flags, &conf->bridge_pol, &res) ==
	       IGG_DROP;
	igg_debug_overread(pkt, len);
	igg_stats_bridge_validated(&in->stats, &res, drop, conf->monitor);
	if (drop || !igg_set_empty(res.anomalies))
		igg_log(in, conf, iph, state, &res, drop);
	local_unlock_nested_bh(&igg_cpu_lock);
	local_bh_enable();
	return drop && !conf->monitor ? NF_DROP : NF_ACCEPT;
}

unsigned int igg_bridge_hook(void *priv, struct sk_buff *skb,
			     const struct nf_hook_state *state)
{
	const struct iphdr *iph;
	struct igg_net *in = priv;
	struct iphdr buf;
	unsigned int off;

	/* ARP, IPv6 (for now) and the rest: not ours. */
	if (igg_frame_network(skb, &off) != htons(ETH_P_IP))
		return NF_ACCEPT;
	/*
	 * Too short for an IPv4 header: every IP stack and the snooping
	 * parser drop it, and it cannot be IGMP.
	 */
	iph = skb_header_pointer(skb, off, sizeof(buf), &buf);
	if (!iph) {
		igg_stats_bridge_seen(&in->stats);
		return NF_ACCEPT;
	}
	/* No options and not IGMP: nothing for the validator. */
	if (likely(iph->ihl == 5 && iph->protocol != IPPROTO_IGMP)) {
		igg_stats_bridge_seen(&in->stats);
		return NF_ACCEPT;
	}
	return igg_bridge_inspect4(in, skb, off, iph, state);
}
