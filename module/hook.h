/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The netfilter hooks, two per family: prerouting, ahead of every other
 * hook, and local in, for the IGMP or MLD datagrams the stack reassembled.
 * Each can be registered in a namespace on its own: local in is only
 * needed while fragments of its family's membership messages can pass
 * prerouting, and a family can be turned off.
 */
#ifndef _IGMPGUARD_HOOK_H
#define _IGMPGUARD_HOOK_H

#include <linux/bits.h>
#include <linux/netfilter.h>
#include <linux/types.h>

#include "family.h"

struct igg_net;
struct sk_buff;

/* Where a family hooks. */
enum igg_hook_at {
	IGG_AT_PREROUTING,
	IGG_AT_REASSEMBLED,
	IGG_AT_COUNT
};

#define IGG_HOOK_ID(fam, at)	((fam) * IGG_AT_COUNT + (at))

enum igg_hook_id {
	IGG_HOOK_IPV4_PREROUTING =
		IGG_HOOK_ID(IGG_FAMILY_IPV4, IGG_AT_PREROUTING),
	IGG_HOOK_IPV4_REASSEMBLED =
		IGG_HOOK_ID(IGG_FAMILY_IPV4, IGG_AT_REASSEMBLED),
	IGG_HOOK_IPV6_PREROUTING =
		IGG_HOOK_ID(IGG_FAMILY_IPV6, IGG_AT_PREROUTING),
	IGG_HOOK_IPV6_REASSEMBLED =
		IGG_HOOK_ID(IGG_FAMILY_IPV6, IGG_AT_REASSEMBLED),
	IGG_HOOK_COUNT = IGG_HOOK_ID(IGG_FAMILY_COUNT, 0)
};

#define IGG_HOOK_BIT(id)	BIT(id)

int igg_hook_register(struct igg_net *in, enum igg_hook_id id);
void igg_hook_unregister(struct igg_net *in, enum igg_hook_id id);

/* Whether the kernel receives IPv6 at all (not booted ipv6.disable=1). */
bool igg_ipv6_usable(void);

/* Between hook.c and the families' hook_<family>.c only. */

/* ihl counts 32-bit words in 4 bits. */
#define IGG_IP_HDR_MAX		60

/* Each family's hooks by enum igg_hook_at, .priv unset. */
extern const struct nf_hook_ops igg_ipv4_ops[IGG_AT_COUNT];
extern const struct nf_hook_ops igg_ipv6_ops[IGG_AT_COUNT];

/* Judge @skb of family @fam, count it and log it; the verdict. */
unsigned int igg_inspect(struct igg_net *in, struct sk_buff *skb,
			 const struct nf_hook_state *state,
			 enum igg_family fam);
const u8 *igg_datagram(const struct sk_buff *skb, u32 len, u32 *lenp);
const u8 *igg_packet(const struct sk_buff *skb, u8 *hdr, u32 *lenp,
		     u32 *flags);
const u8 *igg_packet6(const struct sk_buff *skb, u32 *lenp, u32 *flags);

#endif /* _IGMPGUARD_HOOK_H */
