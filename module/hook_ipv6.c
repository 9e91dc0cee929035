// SPDX-License-Identifier: GPL-2.0
/*
 * The IPv6 hooks.
 *
 * At NF_INET_PRE_ROUTING, ip6_rcv_core() has checked the version and that
 * the payload length fits the skb, trimmed the skb to it, pulled the
 * 40-byte header into the linear area and dropped multicast sources and
 * multicast destinations of scope 0. Of the extension headers it has
 * parsed a Hop-by-Hop header only (ipv6_parse_hopopts()), which is the one
 * parse igmpguard cannot shield. Destination options, routing and
 * fragment headers, ICMPv6 and MLD are parsed only once the local in
 * hooks have accepted the packet, in ip6_protocol_deliver_rcu().
 *
 * Reassembly is not where IPv4 has it. ipv6_frag_rcv() reassembles inside
 * ip6_protocol_deliver_rcu(), behind the local in hooks, and hands the
 * datagram straight on to icmpv6_rcv(): no hook ever sees it. Only
 * nf_defrag_ipv6 (conntrack) reassembles in prerouting, behind us, and its
 * datagrams then cross local in, where a second hook validates those that
 * carry MLD. It is registered only while fragments of MLD can pass
 * (igg_apply()); without nf_defrag_ipv6, MLD made of fragments that were
 * let pass (drop_fragments=N, monitor mode) reaches the stack unchecked.
 */
#include <linux/icmpv6.h>
#include <linux/in6.h>
#include <linux/ipv6.h>
#include <linux/module.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv6.h>
#include <linux/skbuff.h>
#include <net/ipv6.h>

#include "hook.h"
#include "netns.h"
#include "params.h"

/*
 * Below nf_defrag_ipv6 (NF_IP6_PRI_CONNTRACK_DEFRAG, -400), so fragments
 * are judged one by one as they arrived, and below the raw table's
 * before-defrag slot (NF_IP6_PRI_RAW_BEFORE_DEFRAG, -450): the same place
 * as the IPv4 hook, for the same reasons.
 */
#define IGG_HOOK6_PRIORITY	(NF_IP6_PRI_RAW_BEFORE_DEFRAG - 10)

/*
 * Whether the ICMPv6 message at @off of @skb may be MLD. One that ends
 * before its type is the validator's to judge, so it may.
 */
bool igg_may_be_mld(const struct sk_buff *skb, int off)
{
	const u8 *type;
	u8 buf;

	type = skb_header_pointer(skb, off, sizeof(buf), &buf);
	if (!type)
		return true;
	switch (*type) {
	case ICMPV6_MGM_QUERY:
	case ICMPV6_MGM_REPORT:
	case ICMPV6_MGM_REDUCTION:
	case ICMPV6_MLD2_REPORT:
		return true;
	default:
		return false;
	}
}

/*
 * The bytes the validator needs, from the IPv6 header on: the whole
 * datagram, as the skb was trimmed to it, which holds the header chain
 * and any MLD message; bounded by the scratch buffer.
 *
 * BIG TCP: a TCP GSO packet whose payload length the kernel set to 0,
 * with the Hop-by-Hop Jumbo option GRO or ip6_xmit() inserted (none at
 * all in kernels with the 2025 series that drops it), and whose length
 * the stack takes from the skb. The validator is told so, and gets the
 * head of it.
 */
const u8 *igg_packet6(const struct sk_buff *skb, u32 *lenp, u32 *flags)
{
	u32 len = skb->len - skb_network_offset(skb);

	*flags = 0;
	if (skb_is_gso(skb) && skb_is_gso_tcp(skb) &&
	    !ipv6_hdr(skb)->payload_len) {
		*flags = IGG_VF_BIG_TCP;
		len = min_t(u32, len, IGG_BIG_TCP_HEAD);
	}
	return igg_datagram(skb, len, lenp);
}

static unsigned int igg_hook6(void *priv, struct sk_buff *skb,
			      const struct nf_hook_state *state)
{
	u8 nexthdr = ipv6_hdr(skb)->nexthdr;
	struct igg_net *in = priv;

	/*
	 * No extension header, and not ICMPv6 or ICMPv6 that is not MLD:
	 * nothing for the validator.
	 */
	if (likely(!ipv6_ext_hdr(nexthdr) &&
		   (nexthdr != IPPROTO_ICMPV6 ||
		    !igg_may_be_mld(skb, skb_network_offset(skb) +
					 sizeof(struct ipv6hdr))))) {
		igg_stats_seen(&in->stats, IGG_FAMILY_IPV6);
		return NF_ACCEPT;
	}
	/* Judged on the bridge it crossed: judged once (bridge_once.c). */
	if (igg_judged_on_bridge(skb, state, rcu_dereference(igg_active))) {
		igg_stats_seen(&in->stats, IGG_FAMILY_IPV6);
		return NF_ACCEPT;
	}
	return igg_inspect(in, skb, state, IGG_FAMILY_IPV6, NULL);
}

/*
 * nf_ct_frag6_reasm() marks the datagrams it makes IP6SKB_FRAGMENTED (and
 * records the largest fragment's size); ip6_rcv_core() cleared the
 * control block of every other packet, which was judged whole in
 * prerouting. ipv6_frag_rcv() marks its datagrams too, but only behind
 * this hook. Of the reassembled ones only MLD is looked at again: the
 * first fragment carried the whole header chain (RFC 8200 4.5, checked in
 * prerouting), so nothing else of the datagram is new.
 */
static unsigned int igg_hook6_reassembled(void *priv, struct sk_buff *skb,
					  const struct nf_hook_state *state)
{
	int off = skb_network_offset(skb) + sizeof(struct ipv6hdr);
	u8 nexthdr = ipv6_hdr(skb)->nexthdr;
	__be16 frag_off;

	if (likely(!(IP6CB(skb)->flags & IP6SKB_FRAGMENTED)))
		return NF_ACCEPT;
	off = ipv6_skip_exthdr(skb, off, &nexthdr, &frag_off);
	/* A chain the kernel cannot walk is the validator's to judge. */
	if (off >= 0 &&
	    (nexthdr != IPPROTO_ICMPV6 || !igg_may_be_mld(skb, off)))
		return NF_ACCEPT;
	return igg_inspect(priv, skb, state, IGG_FAMILY_IPV6, NULL);
}

const struct nf_hook_ops igg_ipv6_ops[IGG_AT_COUNT] = {
	[IGG_AT_PREROUTING] = {
		.hook		= igg_hook6,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= IGG_HOOK6_PRIORITY,
	},
	[IGG_AT_REASSEMBLED] = {
		.hook		= igg_hook6_reassembled,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_LOCAL_IN,
		.priority	= IGG_HOOK6_PRIORITY,
	},
};

/*
 * Whether this kernel receives IPv6 at all. Booted with ipv6.disable=1 it
 * does not: ipv6_rcv() is never registered. nf_register_net_hook() would
 * still take an NFPROTO_IPV6 hook (net/netfilter/core.c has no check),
 * one that never runs, so igmpguard registers none and says so.
 *
 * ipv6_mod_enabled() lives in ipv6.ko when IPv6 is a module. symbol_get()
 * makes no module dependency, so loading igmpguard neither loads IPv6
 * nor fails where it is blacklisted; and with ipv6.ko not loaded yet,
 * the hooks are registered (they need nothing of ipv6.ko) and start
 * seeing packets once it is.
 */
bool igg_ipv6_usable(void)
{
	bool (*enabled)(void);
	bool usable;

	if (!IS_ENABLED(CONFIG_IPV6))
		return false;
	enabled = symbol_get(ipv6_mod_enabled);
	if (!enabled)
		return true;
	usable = enabled();
	symbol_put(ipv6_mod_enabled);
	return usable;
}
