// SPDX-License-Identifier: GPL-2.0
/*
 * igmpguardctl: the igmpguard admin tool.
 *
 * main() only handles the global options and hands the rest of the command
 * line to one command from the table below. A command is a function
 * taking its own argv (argv[0] is the command name) and returning a
 * CTL_EXIT_ status, so new ones are a file and a table entry.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"

#ifndef IGG_VERSION
#define IGG_VERSION "unknown"
#endif

struct ctl_command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);
};

/* Ends with an empty entry. */
static const struct ctl_command commands[] = {
	{ "check", "validate the IPv4 packets of pcap/pcapng files offline",
	  cmd_check },
	{ NULL, NULL, NULL },
};

static void print_help(FILE *out)
{
	const struct ctl_command *c;

	fputs("usage: igmpguardctl [--help] [--version] <command> [<args>]\n"
	      "\n"
	      "commands:\n", out);
	for (c = commands; c->name; c++)
		fprintf(out, "  %-8s %s\n", c->name, c->summary);
	fputs("\n'igmpguardctl <command> --help' describes a command.\n", out);
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("igmpguardctl: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	print_help(stderr);
	return CTL_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	const struct ctl_command *c;
	const char *arg;
	int pos;

	for (pos = 1; pos < argc && argv[pos][0] == '-'; pos++) {
		arg = argv[pos];
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			print_help(stdout);
			return CTL_EXIT_OK;
		}
		if (!strcmp(arg, "--version") || !strcmp(arg, "-V")) {
			printf("igmpguardctl %s\n", IGG_VERSION);
			return CTL_EXIT_OK;
		}
		if (!strcmp(arg, "--")) {
			pos++;
			break;
		}
		return usage_error("unknown option '%s'", arg);
	}
	if (pos >= argc)
		return usage_error("%s", "no command given");

	for (c = commands; c->name; c++)
		if (!strcmp(argv[pos], c->name))
			return c->run(argc - pos, argv + pos);
	return usage_error("unknown command '%s'", argv[pos]);
}
