// SPDX-License-Identifier: GPL-2.0
/*
 * igmpguard: validates IGMP messages and IPv4 options at IPv4 prerouting,
 * in every network namespace, before the stack parses them.
 */
#include <linux/init.h>
#include <linux/module.h>

#include "netns.h"
#include "params.h"
#include "scratch.h"

static int __init igg_init(void)
{
	int err;

	err = igg_scratch_init();
	if (err)
		return err;
	err = igg_params_init();
	if (err)
		goto err_scratch;
	/* Sets up every namespace and hooks them if enabled. */
	err = igg_netns_register();
	if (err)
		goto err_params;
	igg_params_start();

	pr_info("version %s loaded\n", IGG_VERSION);
	return 0;

err_params:
	igg_params_exit();
err_scratch:
	igg_scratch_exit();
	return err;
}

static void __exit igg_exit(void)
{
	/* Unhooks everything and waits for a grace period. */
	igg_netns_unregister();
	igg_params_exit();
	igg_scratch_exit();
}

module_init(igg_init);
module_exit(igg_exit);

MODULE_LICENSE("GPL");
MODULE_VERSION(IGG_VERSION);
MODULE_DESCRIPTION("Validate IGMP and IPv4 options before the stack parses them");
MODULE_AUTHOR("igmpguard developers");
