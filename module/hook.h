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

struct igg_net;

enum igg_hook_id {
	IGG_HOOK_PREROUTING,
	IGG_HOOK_REASSEMBLED,
	IGG_HOOK_COUNT
};

#define IGG_HOOK_BIT(id)	BIT(id)

int igg_hook_register(struct igg_net *in, enum igg_hook_id id);
void igg_hook_unregister(struct igg_net *in, enum igg_hook_id id);

#endif /* _IGMPGUARD_HOOK_H */
