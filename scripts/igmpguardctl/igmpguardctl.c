// SPDX-License-Identifier: GPL-2.0
/*
 * igmpguardctl: the igmpguard admin tool.
 *
 * main() only handles the global options and hands the rest of the command
 * line to one command from the table below. A command is a function
 * taking its own argv (argv[0] is the command name) and returning a
 * CTL_EXIT_ status, so new ones are a file and a table entry.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ctl.h"
#include "knobs.h"
#include "netns.h"

struct ctl_command {
	const char *name;
	const char *args;	/* after the name, in the usage line */
	const char *summary;
	const char *details;	/* for --help; may be NULL */
	int (*run)(const struct ctl_ctx *ctx, int argc, char **argv);
};

static int run_check(const struct ctl_ctx *ctx, int argc, char **argv);

/* Ends with an empty entry. */
static const struct ctl_command commands[] = {
	{ "show", "", "state, settings and non-zero counters (the default)",
	  "Whether the module is loaded, its version, enabled and mode, every\n"
	  "parameter with its default when it differs, and the counters of\n"
	  "the namespace that are not zero, by class.\n", cmd_show },
	{ "enable", "", "register the hooks (enabled=Y)", NULL, cmd_enable },
	{ "disable", "", "unregister the hooks (enabled=N)", NULL,
	  cmd_disable },
	{ "mode", "[block|monitor]", "print or change the mode",
	  "block drops bad packets; monitor only counts and logs them.\n",
	  cmd_mode },
	{ "set", "KNOB=VALUE|KNOB VALUE...", "change parameters, all or none",
	  "Each pair is KNOB=VALUE, as check --set takes it, or KNOB VALUE;\n"
	  "the two spellings mix (no name or value contains '=').\n"
	  "Every value is checked first. If the module refuses one, those\n"
	  "already written are put back and nothing is changed.\n",
	  cmd_set },
	{ "get", "KNOB...", "print parameter values, one a line", NULL,
	  cmd_get },
	{ "stats", "[--all] [--watch SECONDS]", "counters of the namespace",
	  "  -a, --all              every counter, also those at zero\n"
	  "  -w, --watch SECONDS    redraw counters and rates per second\n"
	  "                         every SECONDS until interrupted\n",
	  cmd_stats },
	{ "reset", "", "zero the counters of the namespace", NULL, cmd_reset },
	{ "export", "[--output FILE] prometheus",
	  "counters in Prometheus text format",
	  "For node_exporter's textfile collector. Without the module only\n"
	  "igmpguard_loaded 0 is written, and the exit status is 2.\n"
	  "\n"
	  "  -o, --output FILE   replace FILE atomically (a temporary file\n"
	  "                      beside it, renamed; none is left behind)\n"
	  "                      instead of writing to stdout; exit 0 when\n"
	  "                      FILE was replaced, also when it says\n"
	  "                      igmpguard_loaded 0, and 2 when it was not\n"
	  "\n"
	  "The igmpguard-textfile.timer of the package runs, when enabled:\n"
	  "  igmpguardctl export prometheus \\\n"
	  "    --output /var/lib/prometheus/node-exporter/igmpguard.prom\n",
	  cmd_export },
	{ "check", "[--json] [--fail-on-drop] [--set knob=value]... FILE...",
	  "validate the IP packets of pcap/pcapng files offline", NULL,
	  run_check },
	{ NULL, NULL, NULL, NULL, NULL },
};

static const struct ctl_command *find_command(const char *name)
{
	const struct ctl_command *c;

	for (c = commands; c->name; c++)
		if (!strcmp(name, c->name))
			return c;
	return NULL;
}

static void print_main_help(FILE *out)
{
	const struct ctl_command *c;

	fputs("usage: igmpguardctl [-j] [-n NAME] [COMMAND [ARGS]]\n"
	      "       igmpguardctl --version | --help\n"
	      "\n"
	      "Show and change igmpguard's settings and counters; without a\n"
	      "COMMAND, show.\n"
	      "\n"
	      "options:\n"
	      "  -j, --json         JSON instead of text\n"
	      "  -n, --netns NAME   the counters of network namespace NAME\n"
	      "                     (as ip -n NAME); parameters are global\n"
	      "  -V, --version      this tool's and the module's version\n"
	      "  -h, --help         this help\n"
	      "\n"
	      "commands:\n", out);
	for (c = commands; c->name; c++)
		fprintf(out, "  %-8s %s\n", c->name, c->summary);
	fputs("\n'igmpguardctl COMMAND --help' describes a command.\n"
	      "exit status: 0 success, 1 usage error, 2 error from the system\n"
	      "(module not loaded, permission denied, value refused); check\n"
	      "--fail-on-drop: 3 when a packet would be dropped\n", out);
}

/* "KNOB one of: a b c", a line the bash completion reads. */
static void print_choices(const struct ctl_knob *k)
{
	int i;

	printf("%s one of:", k->name);
	for (i = 0; k->choices[i]; i++)
		printf(" %s", k->choices[i]);
	fputc('\n', stdout);
}

/* The bash completion reads the names from here. */
static void print_knobs(void)
{
	const struct ctl_knob *k;
	int n, i, col = 80;

	k = ctl_knobs(&n);
	fputs("\nknobs:               default\n", stdout);
	for (i = 0; i < n; i++)
		printf("  %-18s %-6s %s\n", k[i].name, k[i].def, k[i].help);
	fputs("\nBooleans take 0, 1, y, n, Y or N; numbers are decimal:\n",
	      stdout);
	for (i = 0; i < KNOB_NUM_COUNT; i++)
		printf("%s%s 0..%u", i ? ", " : "", knob_nums[i].name,
		       knob_nums[i].limit);
	fputs(";\n", stdout);
	for (i = 0; i < n; i++)
		if (k[i].type == CTL_KNOB_CHOICE)
			print_choices(&k[i]);
	fputs("drop_anomalies none or a comma list of:", stdout);
	for (i = 1; i < IGG_R_COUNT; i++) {
		if (igg_reasons[i].cls != IGG_CLASS_ANOMALY)
			continue;
		if (col + strlen(igg_reasons[i].name) > 72) {
			fputs("\n ", stdout);
			col = 1;
		}
		col += printf(" %s", igg_reasons[i].name);
	}
	fputc('\n', stdout);
}

void ctl_print_help(const char *cmd)
{
	const struct ctl_command *c = find_command(cmd);

	if (!c)
		return;
	printf("usage: igmpguardctl [-j] [-n NAME] %s%s%s\n\n%s.\n", c->name,
	       *c->args ? " " : "", c->args, c->summary);
	if (c->details)
		printf("\n%s", c->details);
	if (c->run == cmd_set || c->run == cmd_get)
		print_knobs();
}

bool ctl_want_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			ctl_print_help(argv[0]);
			return true;
		}
	}
	return false;
}

int ctl_usage(const char *cmd, const char *msg)
{
	if (cmd) {
		fprintf(stderr, "igmpguardctl %s: %s\n", cmd, msg);
		fprintf(stderr, "try 'igmpguardctl %s --help'\n", cmd);
	} else {
		fprintf(stderr, "igmpguardctl: %s\n", msg);
		fputs("try 'igmpguardctl --help'\n", stderr);
	}
	return CTL_EXIT_USAGE;
}

int ctl_bad_option(const char *cmd, int c, char **argv)
{
	char msg[256];

	if (c == ':')
		snprintf(msg, sizeof(msg), "option '%s' needs a value",
			 argv[optind - 1]);
	else
		snprintf(msg, sizeof(msg), "unknown option '%s'",
			 argv[optind - 1]);
	return ctl_usage(cmd, msg);
}

/* check keeps its own options; -j is its --json. */
static int run_check(const struct ctl_ctx *ctx, int argc, char **argv)
{
	char **args;
	int rc;

	if (ctx->netns)
		return ctl_usage(argv[0], "--netns does not apply to files");
	if (!ctx->json)
		return cmd_check(argc, argv);
	args = calloc((size_t)argc + 2, sizeof(*args));
	if (!args) {
		perror("igmpguardctl");
		return CTL_EXIT_SYSTEM;
	}
	args[0] = argv[0];
	args[1] = "--json";
	memcpy(args + 2, argv + 1, (size_t)(argc - 1) * sizeof(*args));
	rc = cmd_check(argc + 1, args);
	free(args);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "netns", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	char show_name[] = "show", *show[] = { show_name, NULL };
	struct ctl_ctx ctx = { .json = false };
	const struct ctl_command *c;
	bool version = false;
	char msg[256];
	int opt, rc;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:jn:hV", longopts,
				  NULL)) != -1) {
		switch (opt) {
		case 'j':
			ctx.json = true;
			break;
		case 'n':
			ctx.netns = optarg;
			break;
		case 'h':
			print_main_help(stdout);
			return CTL_EXIT_OK;
		case 'V':
			version = true;
			break;
		default:
			return ctl_bad_option(NULL, opt, argv);
		}
	}
	if (version)
		return ctl_print_version(&ctx);
	if (optind >= argc) {
		argc = 1;
		argv = show;
		optind = 0;
	}
	c = find_command(argv[optind]);
	if (!c) {
		snprintf(msg, sizeof(msg), "unknown command '%s'",
			 argv[optind]);
		return ctl_usage(NULL, msg);
	}
	if (ctx.netns && c->run != run_check) {
		rc = ctl_enter_netns(ctx.netns);
		if (rc)
			return rc;
	}
	return c->run(&ctx, argc - optind, argv + optind);
}
