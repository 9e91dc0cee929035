// SPDX-License-Identifier: GPL-2.0
/*
 * igmpguardctl export prometheus: the counters and state in the
 * Prometheus text exposition format (version 0.0.4), for node_exporter's
 * textfile collector. Each family is written whole, HELP and TYPE first,
 * as the format requires.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "knobs.h"
#include "stats.h"
#include "sysfs.h"

#define PROM_PREFIX	"igmpguard_"
#define TOTAL_PREFIX	"packets_"

static void family(const char *name, const char *type, const char *help)
{
	printf("# HELP " PROM_PREFIX "%s %s\n", name, help);
	printf("# TYPE " PROM_PREFIX "%s %s\n", name, type);
}

/* A label value: backslash, double quote and newline escaped. */
static void label(const char *name, const char *val, bool last)
{
	printf("%s=\"", name);
	for (; *val; val++) {
		if (*val == '\\' || *val == '"')
			printf("\\%c", *val);
		else if (*val == '\n')
			fputs("\\n", stdout);
		else
			putchar(*val);
	}
	fputs(last ? "\"}" : "\",", stdout);
}

static int gauges(void)
{
	char version[64], val[64];
	int err, i;
	bool on;

	ctl_module_version(version, sizeof(version));
	family("info", "gauge", "Version of the loaded igmpguard module.");
	fputs(PROM_PREFIX "info{", stdout);
	label("version", version, true);
	fputs(" 1\n", stdout);

	err = ctl_param_read("enabled", val, sizeof(val));
	if (err || knob_parse_bool(val, &on))
		return ctl_error("enabled", err ? err : -EINVAL, NULL);
	family("enabled", "gauge",
	       "Whether the hooks are registered (parameter enabled).");
	printf(PROM_PREFIX "enabled %d\n", on);

	err = ctl_param_read("mode", val, sizeof(val));
	if (err)
		return ctl_error("mode", err, NULL);
	family("mode", "gauge",
	       "1 for the mode in force (parameter mode), 0 for the other.");
	for (i = 0; i < 2; i++) {
		fputs(PROM_PREFIX "mode{", stdout);
		label("mode", ctl_mode_names[i], true);
		printf(" %d\n", !strcmp(val, ctl_mode_names[i]));
	}
	return CTL_EXIT_OK;
}

static void counters(const struct ctl_stats *st)
{
	const struct ctl_counter *c;
	int i;

	family("packets_total", "counter",
	       "IPv4 packets the hook handled in this namespace, by outcome.");
	for (i = 0; i < st->count; i++) {
		c = &st->c[i];
		if (c->group != CTL_GROUP_TOTALS)
			continue;
		fputs(PROM_PREFIX "packets_total{", stdout);
		label("kind", c->name + strlen(TOTAL_PREFIX), true);
		printf(" %llu\n", (unsigned long long)c->value);
	}
	family("findings_total", "counter",
	       "Validator findings in this namespace, by reason and class.");
	for (i = 0; i < st->count; i++) {
		c = &st->c[i];
		if (c->group == CTL_GROUP_TOTALS)
			continue;
		fputs(PROM_PREFIX "findings_total{", stdout);
		label("reason", c->name, false);
		label("class", ctl_group_name(c->group), true);
		printf(" %llu\n", (unsigned long long)c->value);
	}
}

int cmd_export(const struct ctl_ctx *ctx, int argc, char **argv)
{
	static struct ctl_stats st;
	bool loaded;
	int rc;

	if (ctl_want_help(argc, argv))
		return CTL_EXIT_OK;
	if (argc != 2 || strcmp(argv[1], "prometheus"))
		return ctl_usage(argv[0], "the only format is prometheus");
	if (ctx->json)
		return ctl_usage(argv[0], "--json does not apply to export");

	loaded = ctl_module_loaded();
	family("loaded", "gauge", "Whether the igmpguard module is loaded.");
	printf(PROM_PREFIX "loaded %d\n", loaded);
	if (!loaded) {
		fflush(stdout);
		return ctl_not_loaded();
	}
	rc = gauges();
	if (!rc && ctl_stats_read(&st))
		rc = CTL_EXIT_SYSTEM;
	if (!rc)
		counters(&st);
	if (fflush(stdout) || ferror(stdout))
		return ctl_error("stdout", -EIO, NULL);
	return rc;
}
