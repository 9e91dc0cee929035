// SPDX-License-Identifier: GPL-2.0
/*
 * igmpguardctl show: the whole state at a glance, and what the tool
 * prints for --version.
 */
#include <errno.h>
#include <stdio.h>

#include "ctl.h"
#include "knobs.h"
#include "print.h"
#include "stats.h"
#include "sysfs.h"

#ifndef IGG_VERSION
#define IGG_VERSION "unknown"
#endif

/*
 * One parameter as a setting; the error is reported, not fatal. One the
 * loaded module is too old to have is left out.
 */
static int show_knob(const struct ctl_knob *k)
{
	char val[1024];
	int err;

	err = ctl_param_read(k->name, val, sizeof(val));
	if (ctl_knob_absent(k, err))
		return CTL_EXIT_OK;
	if (err) {
		pr_setting(k->name, NULL, k->def, false);
		return ctl_error(k->name, err, NULL);
	}
	pr_setting(k->name, val, k->def, !ctl_knob_is_default(k, val));
	return CTL_EXIT_OK;
}

int cmd_show(const struct ctl_ctx *ctx, int argc, char **argv)
{
	static struct ctl_stats st;
	const struct ctl_knob *k;
	int count, i, rc = CTL_EXIT_OK;
	bool loaded = ctl_module_loaded();
	char version[64];

	if (ctl_want_help(argc, argv))
		return CTL_EXIT_OK;
	if (argc > 1)
		return ctl_usage(argv[0], "takes no arguments");

	pr_begin(stdout, ctx->json, 0);
	pr_bool("loaded", loaded);
	if (!loaded) {
		pr_end();
		return ctl_not_loaded();
	}
	ctl_module_version(version, sizeof(version));
	pr_str("version", version);

	k = ctl_knobs(&count);
	for (i = 0; i < count; i++)
		if (k[i].main && show_knob(&k[i]))
			rc = CTL_EXIT_SYSTEM;
	pr_obj("settings");
	for (i = 0; i < count; i++)
		if (!k[i].main && show_knob(&k[i]))
			rc = CTL_EXIT_SYSTEM;
	pr_obj_end();

	pr_obj("counters");
	if (ctl_stats_read(&st))
		rc = CTL_EXIT_SYSTEM;
	else
		ctl_print_counters(ctx, &st, false);
	pr_obj_end();
	if (pr_end())
		return ctl_error("stdout", -EIO, NULL);
	return rc;
}

int ctl_print_version(const struct ctl_ctx *ctx)
{
	bool loaded = ctl_module_loaded();
	char version[64];

	pr_begin(stdout, ctx->json, 0);
	pr_str("igmpguardctl", IGG_VERSION);
	pr_bool("loaded", loaded);
	if (loaded)
		ctl_module_version(version, sizeof(version));
	pr_str("module", loaded ? version : NULL);
	return pr_end() ? CTL_EXIT_SYSTEM : CTL_EXIT_OK;
}
