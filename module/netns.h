/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per network namespace state, set up for every namespace that exists at
 * load time or is created later.
 */
#ifndef _IGMPGUARD_NETNS_H
#define _IGMPGUARD_NETNS_H

#include <linux/list.h>
#include <linux/netfilter.h>

#include "hook.h"
#include "log.h"
#include "stats.h"

struct igg_net {
	struct net *net;
	/* On the list of set-up namespaces, under igg_config_mutex. */
	struct list_head node;
	/* Handed to netfilter while hooked; .priv points back here. */
	struct nf_hook_ops ops[IGG_HOOK_COUNT];
	/* IGG_HOOK_BIT()s of the registered ops, under igg_config_mutex. */
	unsigned int hooked;
	struct igg_log_limit log_limit;
	struct igg_stats stats;
};

int igg_netns_set_hooks(unsigned int hooks, unsigned int had);
int igg_netns_register(void);
void igg_netns_unregister(void);

#endif /* _IGMPGUARD_NETNS_H */
