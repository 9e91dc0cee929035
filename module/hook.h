/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The netfilter hooks, two per family: prerouting, ahead of every other
 * hook, and local in, for the IGMP or MLD datagrams the stack reassembled;
 * and bridge prerouting, for the frames a bridge forwards, floods or
 * passes up (hook_bridge.c). Each can be registered in a namespace on its
 * own: local in is only needed while fragments of its family's membership
 * messages can pass prerouting, and a family can be turned off.
 */
#ifndef _IGMPGUARD_HOOK_H
#define _IGMPGUARD_HOOK_H

#include <linux/bits.h>
#include <linux/netfilter.h>
#include <linux/netfilter_bridge.h>
#include <linux/types.h>

#include "family.h"

struct igg_conf;
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
	/* One for every family: it unpacks the frame first. */
	IGG_HOOK_BRIDGE = IGG_HOOK_ID(IGG_FAMILY_COUNT, 0),
	IGG_HOOK_COUNT
};

#define IGG_HOOK_BIT(id)	BIT(id)

int igg_hook_register(struct igg_net *in, enum igg_hook_id id);
void igg_hook_unregister(struct igg_net *in, enum igg_hook_id id);

/* Whether the kernel receives IPv6 at all (not booted ipv6.disable=1). */
bool igg_ipv6_usable(void);

/* Between hook.c and the families' hook_<family>.c only. */

/* ihl counts 32-bit words in 4 bits. */
#define IGG_IP_HDR_MAX		60

/*
 * What the validator reads of an IPv6 BIG TCP packet: its header chain
 * only. The kernel's own carry the IPv6 header, the Hop-by-Hop header that
 * GRO or ip6_xmit() inserts for the Jumbo option (8 bytes) and TCP (at
 * most 60): this leaves room for more extension headers without copying
 * up to 64 KiB of payload per packet.
 */
#define IGG_BIG_TCP_HEAD	512

/* Each family's hooks by enum igg_hook_at, .priv unset. */
extern const struct nf_hook_ops igg_ipv4_ops[IGG_AT_COUNT];
extern const struct nf_hook_ops igg_ipv6_ops[IGG_AT_COUNT];

/*
 * Bridge prerouting runs in nf_hook_bridge_pre(), before
 * br_handle_frame_finish() hands IGMP and MLD to the snooping parser
 * (br_multicast_rcv()) and forwards, floods or passes the frame up.
 * Right after NF_BR_PRI_FIRST, which ebtables' broute table takes: a frame
 * it routes leaves the bridge there and meets the IP hooks on the port.
 * Below everything else in-tree: ebtables nat (NF_BR_PRI_NAT_DST_BRIDGED,
 * -300), nf_conntrack_bridge (NF_IP_PRI_CONNTRACK, -200), which
 * reassembles fragments, so they are judged one by one as they came, and
 * br_netfilter (NF_BR_PRI_BRNF, 0), which runs the IP hooks on bridged
 * frames. nft bridge chains take -300 (dstnat) or -200 (filter) by name;
 * only one an admin numbers INT_MIN itself runs before us.
 */
#define IGG_BRIDGE_HOOK_PRIORITY	(NF_BR_PRI_FIRST + 1)

/* The bridge hook, .priv unset (hook_bridge.c). */
extern const struct nf_hook_ops igg_bridge_ops;

/*
 * Where a frame's network header is: @off bytes past skb->data, and a
 * copy of its fixed header (the addresses the log prints).
 */
struct igg_frame {
	u32 off;
	const void *nh;
};

/*
 * Judge @skb of family @fam, count it and log it; the verdict. @fr: a
 * frame on a bridge port, or NULL for a packet at an IP hook.
 */
unsigned int igg_inspect(struct igg_net *in, struct sk_buff *skb,
			 const struct nf_hook_state *state,
			 enum igg_family fam, const struct igg_frame *fr);
const u8 *igg_datagram(const struct sk_buff *skb, u32 len, u32 *lenp);
const u8 *igg_datagram_at(const struct sk_buff *skb, u32 off, u32 len,
			  u32 *lenp);
bool igg_may_be_mld(const struct sk_buff *skb, int off);
const u8 *igg_packet(const struct sk_buff *skb, u8 *hdr, u32 *lenp,
		     u32 *flags);
const u8 *igg_packet6(const struct sk_buff *skb, u32 *lenp, u32 *flags);
const u8 *igg_frame_bytes(const struct sk_buff *skb, enum igg_family fam,
			  const struct igg_frame *fr, u8 *hdr, u32 *lenp,
			  u32 *flags);

/*
 * Whether the bridge hook judged @skb before it reached this IP hook
 * (bridge_once.c).
 */
bool igg_judged_on_bridge(const struct sk_buff *skb,
			  const struct nf_hook_state *state,
			  const struct igg_conf *conf);

#endif /* _IGMPGUARD_HOOK_H */
