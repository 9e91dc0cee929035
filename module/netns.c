// SPDX-License-Identifier: GPL-2.0
/*
 * Namespace setup and teardown, and turning the hook on and off in all of
 * them.
 *
 * The namespaces are kept on a list of our own rather than walked with
 * for_each_net(): a namespace joins net_namespace_list only after every
 * pernet init has run, so a parameter write in between would miss it. Our
 * list and the enabled setting change under igg_config_mutex only, so a
 * namespace is hooked exactly when enabled says so.
 */
#include <linux/mutex.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "hook.h"
#include "netns.h"
#include "params.h"

static unsigned int igg_net_id __read_mostly;
static LIST_HEAD(igg_nets);

static int igg_net_hook(struct igg_net *in, bool on)
{
	int err;

	if (on == in->hooked)
		return 0;
	if (on) {
		err = igg_hook_register(in);
		if (err)
			return err;
	} else {
		igg_hook_unregister(in);
	}
	in->hooked = on;
	return 0;
}

/* Hook or unhook every namespace, or none of them. */
int igg_netns_set_enabled(bool on)
{
	struct igg_net *in;
	int err;

	lockdep_assert_held(&igg_config_mutex);

	list_for_each_entry(in, &igg_nets, node) {
		err = igg_net_hook(in, on);
		if (err)
			goto undo;
	}
	return 0;

undo:
	list_for_each_entry_continue_reverse(in, &igg_nets, node)
		igg_net_hook(in, !on);
	return err;
}

static int __net_init igg_net_init(struct net *net)
{
	struct igg_net *in = net_generic(net, igg_net_id);
	int err;

	in->net = net;
	err = igg_stats_init(&in->stats, net);
	if (err)
		return err;

	mutex_lock(&igg_config_mutex);
	err = igg_net_hook(in, igg_params_enabled());
	if (!err)
		list_add_tail(&in->node, &igg_nets);
	mutex_unlock(&igg_config_mutex);

	if (err)
		igg_stats_exit(&in->stats);
	return err;
}

/*
 * The hook goes before the grace period that namespace teardown and
 * unregister_pernet_subsys() wait for after the pre_exit calls, so no
 * packet is still in igg_hook() when igg_net_exit() frees the counters.
 */
static void __net_exit igg_net_pre_exit(struct net *net)
{
	struct igg_net *in = net_generic(net, igg_net_id);

	mutex_lock(&igg_config_mutex);
	list_del(&in->node);
	igg_net_hook(in, false);
	mutex_unlock(&igg_config_mutex);
}

static void __net_exit igg_net_exit(struct net *net)
{
	struct igg_net *in = net_generic(net, igg_net_id);

	igg_stats_exit(&in->stats);
}

static struct pernet_operations igg_net_ops = {
	.init		= igg_net_init,
	.pre_exit	= igg_net_pre_exit,
	.exit		= igg_net_exit,
	.id		= &igg_net_id,
	.size		= sizeof(struct igg_net),
};

int igg_netns_register(void)
{
	return register_pernet_subsys(&igg_net_ops);
}

void igg_netns_unregister(void)
{
	unregister_pernet_subsys(&igg_net_ops);
}
