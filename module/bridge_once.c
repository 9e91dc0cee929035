// SPDX-License-Identifier: GPL-2.0
/*
 * Judged once: what the bridge hook judged, the IP hooks leave alone.
 *
 * A frame a bridge judged at its prerouting can meet IP prerouting later
 * in two ways, and nothing the bridge hook could write on the skb without
 * allocating survives to either: skb->cb is the bridge's and then IP's,
 * each cleared on the way, and every other field belongs to someone.
 * Both ways leave a trace of their own, though:
 *
 *  - br_netfilter (bridge-nf-call-iptables=1, -ip6tables=1) runs the IP
 *    hooks from its own bridge prerouting hook (NF_BR_PRI_BRNF, after
 *    ours), with the port as the input device. Before that it attaches
 *    its nf_bridge_info and sets in_prerouting, which its finish function
 *    clears again, so in_prerouting means: called from bridge prerouting,
 *    behind the bridge hook. PPPoE-encapsulated IP, which br_netfilter
 *    also feeds to the IP hooks, is not unpacked by the bridge hook, and
 *    is judged here. The copy the bridge then passes up meets IP
 *    prerouting a second time, but br_netfilter's ip_sabotage_in() at
 *    NF_IP_PRI_FIRST takes it past every other hook.
 *
 *  - br_pass_frame_up() hands the frame to the bridge device's receive
 *    path, so it reaches IP on the bridge device, or on a VLAN device
 *    stacked on it. Every frame a bridge passes up came in on a port and
 *    crossed bridge prerouting; the bridge hook unpacks as many VLAN tags
 *    as devices can stack. The one other way onto a bridge device's
 *    receive path that an unprivileged sender has is this host's own
 *    multicast, looped back with PACKET_LOOPBACK, and it is judged here.
 *    (What an admin redirects there with tc or BPF is judged on the
 *    bridge device only if it went through a bridge port first.)
 *
 * Only for the families the published settings leave to the bridge hook,
 * which igg_publish_bridged() makes sure it judged already; the
 * reassembled datagrams the local-in hooks judge were never whole on the
 * bridge, and stay theirs.
 */
#include <linux/bits.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/netfilter_bridge.h>
#include <linux/skbuff.h>

#include "hook.h"
#include "params.h"

/* Whether @dev is a bridge, or a VLAN device stacked on one. */
static bool igg_dev_on_bridge(const struct net_device *dev)
{
	unsigned int depth;

	for (depth = 0; dev && depth < MAX_NEST_DEV; depth++) {
		if (netif_is_bridge_master(dev))
			return true;
		if (!is_vlan_dev(dev))
			return false;
		dev = vlan_dev_real_dev(dev);
	}
	return false;
}

bool igg_judged_on_bridge(const struct sk_buff *skb,
			  const struct nf_hook_state *state,
			  const struct igg_conf *conf)
{
	enum igg_family fam = state->pf == NFPROTO_IPV6 ? IGG_FAMILY_IPV6 :
							  IGG_FAMILY_IPV4;
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
	const struct nf_bridge_info *nf_bridge = nf_bridge_info_get(skb);
#endif

	if (!(conf->bridge_skip & BIT(fam)))
		return false;
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
	if (nf_bridge && nf_bridge->in_prerouting)
		return nf_bridge->orig_proto != BRNF_PROTO_PPPOE;
#endif
	return skb->pkt_type != PACKET_LOOPBACK &&
	       igg_dev_on_bridge(state->in);
}
