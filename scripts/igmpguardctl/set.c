// SPDX-License-Identifier: GPL-2.0
/*
 * Changing and reading parameters: set, get, enable, disable, mode.
 *
 * set takes KNOB=VALUE, the spelling of check --set, or KNOB VALUE, in
 * any mix: no knob name or value has an '=' in it, so a word with one is
 * a whole pair and a word without one is a name whose value comes next.
 *
 * set is all or nothing. Every value is checked before anything is
 * written, and when the module refuses one write the values already
 * written are put back, newest first, to what they read before.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "knobs.h"
#include "print.h"
#include "sysfs.h"

struct change {
	const struct ctl_knob *knob;
	char val[1024];		/* checked, in the module's own form */
	char old[1024];		/* read just before the write */
};

/* Room for every parameter once. */
#define MAX_CHANGES	32

static int knob_usage(const char *cmd, const char *name, size_t len)
{
	char known[512], msg[768];

	ctl_knob_names(known, sizeof(known));
	snprintf(msg, sizeof(msg), "unknown knob '%.*s' (knobs: %s)", (int)len,
		 name, known);
	return ctl_usage(cmd, msg);
}

static int put_back(const struct change *ch, int n)
{
	int i, err, rc = 0;

	for (i = n - 1; i >= 0; i--) {
		err = ctl_param_write(ch[i].knob->name, ch[i].old);
		if (!err)
			continue;
		fprintf(stderr, "igmpguardctl: %s: putting back '%s': %s\n",
			ch[i].knob->name, ch[i].old, strerror(-err));
		rc = -1;
	}
	return rc;
}

static void say_put_back(const struct change *ch, int n, bool ok)
{
	int i;

	if (!ok) {
		fputs("igmpguardctl: set: some changes stayed; see them with:\n"
		      "  igmpguardctl show\n", stderr);
		return;
	}
	fputs("igmpguardctl: set: nothing was changed", stderr);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s%s=%s", i ? ", " : " (put back ",
			ch[i].knob->name, ch[i].old);
	fputs(n ? ")\n" : "\n", stderr);
}

static int apply(struct change *ch, int n)
{
	const char *name;
	char hint[1100];
	int i, err;

	if (!ctl_module_loaded())
		return ctl_not_loaded();
	for (i = 0; i < n; i++) {
		name = ch[i].knob->name;
		err = ctl_param_read(name, ch[i].old, sizeof(ch[i].old));
		if (err) {
			ctl_error(name, err, ctl_knob_absent(ch[i].knob, err) ?
				  CTL_HINT_OLDER : NULL);
			break;
		}
		err = ctl_param_write(name, ch[i].val);
		if (!err)
			continue;
		if (err == -EACCES || err == -EPERM)
			snprintf(hint, sizeof(hint), "%s", CTL_HINT_ROOT);
		else
			snprintf(hint, sizeof(hint), "'%s' was refused",
				 ch[i].val);
		ctl_error(name, err, hint);
		break;
	}
	if (i == n)
		return CTL_EXIT_OK;
	say_put_back(ch, i, !put_back(ch, i));
	return CTL_EXIT_SYSTEM;
}

/*
 * Check one name (@len bytes, not terminated) and value into @c; a usage
 * error otherwise.
 */
static int prepare(const char *cmd, const char *name, size_t len,
		   const char *val, struct change *c)
{
	char err[512];

	c->knob = ctl_knob_find(name, len);
	if (!c->knob)
		return knob_usage(cmd, name, len);
	if (ctl_knob_canon(c->knob, val, c->val, sizeof(c->val), err,
			   sizeof(err)))
		return ctl_usage(cmd, err);
	return CTL_EXIT_OK;
}

/*
 * The pair that starts at argv[*i] into @c, *i moved past it: "KNOB=VALUE"
 * split at its first '=', or "KNOB" and the next word as it is.
 */
static int next_pair(int argc, char **argv, int *i, struct change *c)
{
	const char *word = argv[*i], *eq = strchr(word, '=');
	char msg[256];

	if (eq) {
		(*i)++;
		return prepare(argv[0], word, (size_t)(eq - word), eq + 1, c);
	}
	if (*i + 1 >= argc) {
		snprintf(msg, sizeof(msg),
			 "%s: no value (KNOB=VALUE or KNOB VALUE)", word);
		return ctl_usage(argv[0], msg);
	}
	*i += 2;
	return prepare(argv[0], word, strlen(word), argv[*i - 1], c);
}

int cmd_set(const struct ctl_ctx *ctx, int argc, char **argv)
{
	static struct change ch[MAX_CHANGES];
	char msg[256];
	int i = 1, j, n = 0, rc;

	(void)ctx;
	if (ctl_want_help(argc, argv))
		return CTL_EXIT_OK;
	if (argc < 2)
		return ctl_usage(argv[0],
				 "expected KNOB=VALUE or KNOB VALUE pairs");
	while (i < argc) {
		if (n == MAX_CHANGES)
			return ctl_usage(argv[0], "too many pairs");
		rc = next_pair(argc, argv, &i, &ch[n]);
		if (rc)
			return rc;
		for (j = 0; j < n; j++) {
			if (ch[j].knob != ch[n].knob)
				continue;
			snprintf(msg, sizeof(msg), "%s given twice",
				 ch[n].knob->name);
			return ctl_usage(argv[0], msg);
		}
		n++;
	}
	return apply(ch, n);
}

/* enable, disable and mode VALUE: set with one pair. */
static int set_one(const char *cmd, const char *name, const char *val)
{
	static struct change c;
	int rc;

	rc = prepare(cmd, name, strlen(name), val, &c);
	return rc ? rc : apply(&c, 1);
}

/* enable and disable: the parameter enabled, and no arguments. */
static int set_enabled(int argc, char **argv, const char *val)
{
	if (ctl_want_help(argc, argv))
		return CTL_EXIT_OK;
	if (argc > 1)
		return ctl_usage(argv[0], "takes no arguments");
	return set_one(argv[0], "enabled", val);
}

int cmd_enable(const struct ctl_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	return set_enabled(argc, argv, "Y");
}

int cmd_disable(const struct ctl_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	return set_enabled(argc, argv, "N");
}

/* Bare values in text, one per line, so that scripts can use them. */
static int get(const struct ctl_ctx *ctx, const char *cmd, int n,
	       char **names)
{
	const struct ctl_knob *k;
	char val[1024];
	int i, err;

	for (i = 0; i < n; i++)
		if (!ctl_knob_find(names[i], strlen(names[i])))
			return knob_usage(cmd, names[i], strlen(names[i]));
	if (!ctl_module_loaded())
		return ctl_not_loaded();
	pr_begin(stdout, ctx->json, PR_BARE);
	for (i = 0; i < n; i++) {
		k = ctl_knob_find(names[i], strlen(names[i]));
		err = ctl_param_read(k->name, val, sizeof(val));
		if (err) {
			pr_end();
			return ctl_error(k->name, err,
					 ctl_knob_absent(k, err) ?
					 CTL_HINT_OLDER : NULL);
		}
		pr_str(k->name, val);
	}
	return pr_end() ? CTL_EXIT_SYSTEM : CTL_EXIT_OK;
}

int cmd_get(const struct ctl_ctx *ctx, int argc, char **argv)
{
	if (ctl_want_help(argc, argv))
		return CTL_EXIT_OK;
	if (argc < 2)
		return ctl_usage(argv[0], "expected a KNOB");
	return get(ctx, argv[0], argc - 1, argv + 1);
}

int cmd_mode(const struct ctl_ctx *ctx, int argc, char **argv)
{
	char mode[] = "mode", *name = mode;

	if (ctl_want_help(argc, argv))
		return CTL_EXIT_OK;
	if (argc > 2)
		return ctl_usage(argv[0], "expected block or monitor");
	if (argc == 1)
		return get(ctx, argv[0], 1, &name);
	return set_one(argv[0], name, argv[1]);
}
