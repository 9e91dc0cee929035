// SPDX-License-Identifier: GPL-2.0
/*
 * Namespace setup and teardown, and registering the hooks in all of them.
 *
 * The namespaces are kept on a list of our own rather than walked with
 * for_each_net(): a namespace joins net_namespace_list only after every
 * pernet init has run, so a parameter write in between would miss it. Our
 * list and the hooks it should have change under igg_config_mutex only, so
 * every namespace has the hooks the parameters call for.
 */
#include <linux/mutex.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "hook.h"
#include "netns.h"
#include "params.h"

static unsigned int igg_net_id __read_mostly;
static LIST_HEAD(igg_nets);

/*
 * Give @in exactly the hooks in @want. Registering is the only step that
 * can fail, and then @in is left as it was.
 */
static int igg_net_hook(struct igg_net *in, unsigned int want)
{
	unsigned int add = want & ~in->hooked, del = in->hooked & ~want;
	enum igg_hook_id id;
	int err;

	for (id = 0; id < IGG_HOOK_COUNT; id++) {
		if (!(add & IGG_HOOK_BIT(id)))
			continue;
		err = igg_hook_register(in, id);
		if (err)
			goto undo;
		in->hooked |= IGG_HOOK_BIT(id);
	}
	for (id = 0; id < IGG_HOOK_COUNT; id++) {
		if (!(del & IGG_HOOK_BIT(id)))
			continue;
		igg_hook_unregister(in, id);
		in->hooked &= ~IGG_HOOK_BIT(id);
	}
	return 0;

undo:
	while (id-- > 0) {
		if (!(add & IGG_HOOK_BIT(id)))
			continue;
		igg_hook_unregister(in, id);
		in->hooked &= ~IGG_HOOK_BIT(id);
	}
	return err;
}

/*
 * Give every namespace, each of which has the hooks in @had, the hooks in
 * @hooks, or put them all back to @had. Taking hooks away cannot fail, so
 * the undo cannot either when @hooks only adds to @had; the caller orders
 * removals against publishing the settings that need them (igg_apply()).
 */
int igg_netns_set_hooks(unsigned int hooks, unsigned int had)
{
	struct igg_net *in;
	int err;

	lockdep_assert_held(&igg_config_mutex);

	list_for_each_entry(in, &igg_nets, node) {
		err = igg_net_hook(in, hooks);
		if (err)
			goto undo;
	}
	return 0;

undo:
	list_for_each_entry_continue_reverse(in, &igg_nets, node)
		igg_net_hook(in, had);
	return err;
}

static int __net_init igg_net_init(struct net *net)
{
	struct igg_net *in = net_generic(net, igg_net_id);
	int err;

	in->net = net;
	igg_log_limit_init(&in->log_limit);
	err = igg_stats_init(&in->stats, net);
	if (err)
		return err;

	mutex_lock(&igg_config_mutex);
	err = igg_net_hook(in, igg_params_hooks());
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
	igg_net_hook(in, 0);
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
