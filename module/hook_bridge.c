// SPDX-License-Identifier: GPL-2.0
/*
 * The bridge path: frames a bridge in this namespace received on one of
 * its ports, judged before the bridge's multicast snooping parses them
 * and before it forwards, floods or passes them up (see
 * IGG_BRIDGE_HOOK_PRIORITY), by the same validators and policy as at IP
 * prerouting (or only their malformed verdicts: parameter bridge): IGMP
 * and IPv4 options, MLD and IPv6 extension headers.
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
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/netfilter_bridge.h>
#include <linux/skbuff.h>
#include <net/ipv6.h>

#include "hook.h"
#include "netns.h"
#include "params.h"

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
 * The bytes of the packet at fr->off the validator needs, as the IP hooks
 * give them: for IPv4 the header with its options, and for IGMP the whole
 * datagram; for IPv6 the whole datagram, or the head of a BIG TCP one.
 * Nobody trimmed the frame to the IP length, so link-layer padding may
 * follow; the validator ignores what lies past it.
 */
const u8 *igg_frame_bytes(const struct sk_buff *skb, enum igg_family fam,
			  const struct igg_frame *fr, u8 *hdr, u32 *lenp,
			  u32 *flags)
{
	const struct ipv6hdr *ip6h = fr->nh;
	const struct iphdr *iph = fr->nh;
	u32 len = skb->len - fr->off;
	bool gso_tcp = skb_is_gso(skb) && skb_is_gso_tcp(skb);

	/* A GSO packet may carry 0 there, as at IP prerouting (BIG TCP). */
	if (fam == IGG_FAMILY_IPV6) {
		*flags = gso_tcp && !ip6h->payload_len ? IGG_VF_BIG_TCP : 0;
		if (*flags)
			len = min_t(u32, len, IGG_BIG_TCP_HEAD);
		return igg_datagram_at(skb, fr->off, len, lenp);
	}
	*flags = gso_tcp && !iph->tot_len ? IGG_VF_BIG_TCP : 0;
	if (iph->protocol == IPPROTO_IGMP)
		return igg_datagram_at(skb, fr->off, len, lenp);
	len = min_t(u32, len, iph->ihl * 4);
	*lenp = skb_copy_bits(skb, fr->off, hdr, len) ? 0 : len;
	return hdr;
}

static unsigned int igg_bridge_ipv4(struct igg_net *in, struct sk_buff *skb,
				    struct igg_frame *fr,
				    const struct nf_hook_state *state)
{
	const struct iphdr *iph;
	struct iphdr buf;

	/*
	 * Too short for an IPv4 header: every IP stack and the snooping
	 * parser drop it, and it cannot be IGMP.
	 */
	iph = skb_header_pointer(skb, fr->off, sizeof(buf), &buf);
	/* No options and not IGMP: nothing for the validator. */
	if (!iph || likely(iph->ihl == 5 && iph->protocol != IPPROTO_IGMP)) {
		igg_stats_bridge_seen(&in->stats, IGG_FAMILY_IPV4);
		return NF_ACCEPT;
	}
	fr->nh = iph;
	return igg_inspect(in, skb, state, IGG_FAMILY_IPV4, fr);
}

static unsigned int igg_bridge_ipv6(struct igg_net *in, struct sk_buff *skb,
				    struct igg_frame *fr,
				    const struct nf_hook_state *state)
{
	const struct ipv6hdr *ip6h;
	struct ipv6hdr buf;

	/* Too short for an IPv6 header: nobody parses it further. */
	ip6h = skb_header_pointer(skb, fr->off, sizeof(buf), &buf);
	/*
	 * No extension header, and not ICMPv6 or ICMPv6 that is not MLD:
	 * nothing for the validator.
	 */
	if (!ip6h ||
	    likely(!ipv6_ext_hdr(ip6h->nexthdr) &&
		   (ip6h->nexthdr != IPPROTO_ICMPV6 ||
		    !igg_may_be_mld(skb, fr->off + sizeof(buf))))) {
		igg_stats_bridge_seen(&in->stats, IGG_FAMILY_IPV6);
		return NF_ACCEPT;
	}
	fr->nh = ip6h;
	return igg_inspect(in, skb, state, IGG_FAMILY_IPV6, fr);
}

static unsigned int igg_bridge_hook(void *priv, struct sk_buff *skb,
				    const struct nf_hook_state *state)
{
	/* Published before the first hook, withdrawn after the last. */
	const struct igg_conf *conf = rcu_dereference(igg_active);
	struct igg_frame fr = { 0 };
	__be16 proto;

	/* ARP and the rest, or a family switched off: not ours. */
	proto = igg_frame_network(skb, &fr.off);
	if (proto == htons(ETH_P_IP) &&
	    conf->bridge_judge & BIT(IGG_FAMILY_IPV4))
		return igg_bridge_ipv4(priv, skb, &fr, state);
	if (proto == htons(ETH_P_IPV6) &&
	    conf->bridge_judge & BIT(IGG_FAMILY_IPV6))
		return igg_bridge_ipv6(priv, skb, &fr, state);
	return NF_ACCEPT;
}

const struct nf_hook_ops igg_bridge_ops = {
	.hook		= igg_bridge_hook,
	.pf		= NFPROTO_BRIDGE,
	.hooknum	= NF_BR_PRE_ROUTING,
	.priority	= IGG_BRIDGE_HOOK_PRIORITY,
};
