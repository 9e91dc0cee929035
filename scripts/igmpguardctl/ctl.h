/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every igmpguardctl command shares: exit statuses, the global
 * options and the command entry points.
 */
#ifndef _IGG_CTL_H
#define _IGG_CTL_H

#include <stdbool.h>

/* Exit statuses of every command. */
#define CTL_EXIT_OK	0
#define CTL_EXIT_USAGE	1
#define CTL_EXIT_INPUT	2	/* check: a capture could not be read */
#define CTL_EXIT_SYSTEM	2	/* the module or the system said no */
#define CTL_EXIT_DROP	3	/* check --fail-on-drop: a packet would drop */

struct ctl_ctx {
	bool json;		/* -j: one JSON document instead of text */
	const char *netns;	/* -n: the namespace entered, or NULL */
};

/*
 * A command gets its own argv (argv[0] is its name) after the global
 * options were applied, and returns a CTL_EXIT_ status.
 */
int cmd_show(const struct ctl_ctx *ctx, int argc, char **argv);
int cmd_enable(const struct ctl_ctx *ctx, int argc, char **argv);
int cmd_disable(const struct ctl_ctx *ctx, int argc, char **argv);
int cmd_mode(const struct ctl_ctx *ctx, int argc, char **argv);
int cmd_set(const struct ctl_ctx *ctx, int argc, char **argv);
int cmd_get(const struct ctl_ctx *ctx, int argc, char **argv);
int cmd_stats(const struct ctl_ctx *ctx, int argc, char **argv);
int cmd_reset(const struct ctl_ctx *ctx, int argc, char **argv);
int cmd_export(const struct ctl_ctx *ctx, int argc, char **argv);

/*
 * For commands without options: whether argv holds --help or -h, in which
 * case the command's help was printed. Anything else is the command's to
 * judge, so that a value may start with a dash.
 */
bool ctl_want_help(int argc, char **argv);

/* --version: this tool's and the loaded module's version. */
int ctl_print_version(const struct ctl_ctx *ctx);

/*
 * "igmpguardctl CMD: MSG" (or "igmpguardctl: MSG" for a NULL @cmd) and a
 * pointer to the --help. Returns CTL_EXIT_USAGE.
 */
int ctl_usage(const char *cmd, const char *msg);

/*
 * The usage error for what getopt_long() returned for argv[optind - 1]:
 * ':' (a value missing) or anything else (an unknown option).
 */
int ctl_bad_option(const char *cmd, int c, char **argv);

/* Print the --help text of @cmd to stdout. */
void ctl_print_help(const char *cmd);

#endif /* _IGG_CTL_H */
