// SPDX-License-Identifier: GPL-2.0
/*
 * The IPv4 hooks.
 *
 * At NF_INET_PRE_ROUTING, ip_rcv_core() has checked the version, ihl, the
 * header checksum and tot_len, pulled the header with its options into the
 * linear area and trimmed the skb to tot_len. Nothing has parsed the
 * options or the IGMP message yet: ip_rcv_options() and igmp_rcv() run
 * only once every prerouting hook has accepted the packet.
 *
 * A fragment of IGMP cannot be parsed on its own. When the fragments pass
 * (drop_fragments=N, or monitor mode), the datagram the stack makes of
 * them reaches igmp_rcv() without having been through the prerouting
 * hook whole, so a second hook at local in validates it. It is registered
 * only while fragments can pass (igg_apply()).
 */
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/skbuff.h>
#include <net/ip.h>

#include "hook.h"
#include "netns.h"
#include "params.h"

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
 * The bytes the validator needs, from the IP header on: header and options
 * for most packets, the whole datagram for IGMP. @hdr has room for the
 * largest header. Only a broken skb could fail to give them; the validator
 * then gets no bytes and calls the packet malformed.
 */
const u8 *igg_packet(const struct sk_buff *skb, u8 *hdr, u32 *lenp,
		     u32 *flags)
{
	const struct iphdr *iph = ip_hdr(skb);
	int off = skb_network_offset(skb);
	const u8 *pkt;
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
	return igg_datagram(skb, skb->len - off, lenp);
}

static unsigned int igg_hook(void *priv, struct sk_buff *skb,
			     const struct nf_hook_state *state)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct igg_net *in = priv;

	/* No options and not IGMP: nothing for the validator. */
	if (likely(iph->ihl == 5 && iph->protocol != IPPROTO_IGMP)) {
		igg_stats_seen(&in->stats, IGG_FAMILY_IPV4);
		return NF_ACCEPT;
	}
	/* Judged on the bridge it crossed: judged once (bridge_once.c). */
	if (igg_judged_on_bridge(skb, state, rcu_dereference(igg_active))) {
		igg_stats_seen(&in->stats, IGG_FAMILY_IPV4);
		return NF_ACCEPT;
	}
	return igg_inspect(in, skb, state, IGG_FAMILY_IPV4, NULL);
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
	return igg_inspect(priv, skb, state, IGG_FAMILY_IPV4, NULL);
}

const struct nf_hook_ops igg_ipv4_ops[IGG_AT_COUNT] = {
	[IGG_AT_PREROUTING] = {
		.hook		= igg_hook,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= IGG_HOOK_PRIORITY,
	},
	[IGG_AT_REASSEMBLED] = {
		.hook		= igg_hook_reassembled,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_LOCAL_IN,
		.priority	= IGG_HOOK_PRIORITY,
	},
};
