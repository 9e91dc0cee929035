/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The netfilter hooks: IPv4 prerouting, ahead of every other hook, and
 * local in, for the IGMP datagrams the stack reassembled; and bridge
 * prerouting, for the frames a bridge forwards, floods or passes up
 * (hook_bridge.c). Each can be registered in a namespace on its own:
 * local in is only needed while fragments of IGMP can pass prerouting.
 */
#ifndef _IGMPGUARD_HOOK_H
#define _IGMPGUARD_HOOK_H

#include <linux/bits.h>
#include <linux/local_lock.h>
#include <linux/netfilter.h>
#include <linux/netfilter_bridge.h>
#include <linux/percpu.h>

struct igg_conf;
struct igg_net;

enum igg_hook_id {
	IGG_HOOK_PREROUTING,
	IGG_HOOK_REASSEMBLED,
	IGG_HOOK_BRIDGE,
	IGG_HOOK_COUNT
};

#define IGG_HOOK_BIT(id)	BIT(id)

int igg_hook_register(struct igg_net *in, enum igg_hook_id id);
void igg_hook_unregister(struct igg_net *in, enum igg_hook_id id);

/* ihl counts 32-bit words in 4 bits. */
#define IGG_IP_HDR_MAX		60

/* Guards this CPU's scratch buffer and counters while a packet is judged. */
DECLARE_PER_CPU(local_lock_t, igg_cpu_lock);

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

/* hook_bridge.c */
unsigned int igg_bridge_hook(void *priv, struct sk_buff *skb,
			     const struct nf_hook_state *state);

/* bridge_once.c */
bool igg_judged_on_bridge(const struct sk_buff *skb,
			  const struct nf_hook_state *state,
			  const struct igg_conf *conf);

#endif /* _IGMPGUARD_HOOK_H */
