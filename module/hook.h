/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The netfilter hooks: IPv4 prerouting, ahead of every other hook, and
 * local in, for the IGMP datagrams the stack reassembled.
 */
#ifndef _IGMPGUARD_HOOK_H
#define _IGMPGUARD_HOOK_H

#include "netns.h"

int igg_hook_register(struct igg_net *in);
void igg_hook_unregister(struct igg_net *in);

#endif /* _IGMPGUARD_HOOK_H */
