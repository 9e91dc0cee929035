/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The netfilter hooks: IPv4 prerouting, ahead of every other hook, and
 * local in, for the IGMP datagrams the stack reassembled. Each can be
 * registered in a namespace on its own: local in is only needed while
 * fragments of IGMP can pass prerouting.
 */
#ifndef _IGMPGUARD_HOOK_H
#define _IGMPGUARD_HOOK_H

#include <linux/bits.h>
#include <linux/netfilter.h>
#include <linux/types.h>

struct igg_net;
struct sk_buff;

enum igg_hook_id {
	IGG_HOOK_PREROUTING,
	IGG_HOOK_REASSEMBLED,
	IGG_HOOK_COUNT
};

#define IGG_HOOK_BIT(id)	BIT(id)

int igg_hook_register(struct igg_net *in, enum igg_hook_id id);
void igg_hook_unregister(struct igg_net *in, enum igg_hook_id id);

/* Between hook.c and the families' hook_<family>.c only. */

/* ihl counts 32-bit words in 4 bits. */
#define IGG_IP_HDR_MAX		60

/* The hooks by enum igg_hook_id, .priv unset. */
extern const struct nf_hook_ops igg_hook_ops[IGG_HOOK_COUNT];

/* Judge @skb, count it and log it; the verdict for netfilter. */
unsigned int igg_inspect(struct igg_net *in, struct sk_buff *skb,
			 const struct nf_hook_state *state);
const u8 *igg_packet(const struct sk_buff *skb, u8 *hdr, u32 *lenp,
		     u32 *flags);

#endif /* _IGMPGUARD_HOOK_H */
