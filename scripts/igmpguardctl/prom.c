// SPDX-License-Identifier: GPL-2.0
/*
 * igmpguardctl export prometheus: the counters and state in the
 * Prometheus text exposition format (version 0.0.4), for node_exporter's
 * textfile collector. Each family is written whole, HELP and TYPE first,
 * as the format requires.
 *
 * With --output FILE the text replaces FILE atomically, and the exit
 * status only says whether it did: a service writing FILE every few
 * seconds must not fail while the module is out, as FILE then says
 * igmpguard_loaded 0, which is what an alert should watch.
 *
 * IPv6 added a family label where a series belongs to one family, and
 * left every older series as it was: igmpguard_packets_total{kind} still
 * counts every family, as the stats file's first lines do, while
 * igmpguard_family_packets_total{family,kind} splits them (one metric
 * holding both would count each packet twice under sum()); the findings
 * gained the label, which a reason's name decides.
 *
 * The bridge hook did the same with a path label:
 * igmpguard_path_packets_total{path,kind} splits the every-family totals
 * into path="bridge" (the stats file's bridge_packets_* lines) and
 * path="ip" (total minus bridge), so that its sum by kind is
 * igmpguard_packets_total and no packet is counted twice under sum().
 * A module older than the bridge hook has neither the lines nor the
 * parameter, and gets neither this metric nor igmpguard_bridge_mode.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "knobs.h"
#include "outfile.h"
#include "stats.h"
#include "sysfs.h"

#define PROM_PREFIX	"igmpguard_"

static void family(FILE *out, const char *name, const char *type,
		   const char *help)
{
	fprintf(out, "# HELP " PROM_PREFIX "%s %s\n", name, help);
	fprintf(out, "# TYPE " PROM_PREFIX "%s %s\n", name, type);
}

/* A label value: backslash, double quote and newline escaped. */
static void label(FILE *out, const char *name, const char *val, bool last)
{
	fprintf(out, "%s=\"", name);
	for (; *val; val++) {
		if (*val == '\\' || *val == '"')
			fprintf(out, "\\%c", *val);
		else if (*val == '\n')
			fputs("\\n", out);
		else
			fputc(*val, out);
	}
	fputs(last ? "\"}" : "\",", out);
}

/*
 * igmpguard_family_enabled{family}: the parameters ipv4 and ipv6, those
 * the module has (none before IPv6). A value unreadable otherwise is an
 * error of the export as a whole, as for enabled.
 */
static int family_gauge(FILE *out)
{
	static const char *const names[2] = { "ipv4", "ipv6" };
	char val[64];
	int err, f;
	bool on, head = false;

	for (f = 0; f < 2; f++) {
		err = ctl_param_read(names[f], val, sizeof(val));
		if (err == -ENOENT)
			continue;
		if (err || knob_parse_bool(val, &on))
			return ctl_error(names[f], err ? err : -EINVAL, NULL);
		if (!head)
			family(out, "family_enabled", "gauge",
			       "Whether the hooks of each family are on while enabled (parameters ipv4, ipv6).");
		head = true;
		fputs(PROM_PREFIX "family_enabled{", out);
		label(out, "family", names[f], true);
		fprintf(out, " %d\n", on);
	}
	return CTL_EXIT_OK;
}

/*
 * igmpguard_@metric{mode}: 1 for the value of parameter @param, 0 for the
 * other @choices. An @optional parameter the module lacks (bridge, before
 * the bridge hook) writes nothing.
 */
static int choice_gauge(FILE *out, const char *param, const char *metric,
			const char *help, const char *const *choices,
			bool optional)
{
	char val[64];
	int err, i;

	err = ctl_param_read(param, val, sizeof(val));
	if (optional && err == -ENOENT)
		return CTL_EXIT_OK;
	if (err)
		return ctl_error(param, err, NULL);
	family(out, metric, "gauge", help);
	for (i = 0; choices[i]; i++) {
		fprintf(out, PROM_PREFIX "%s{", metric);
		label(out, "mode", choices[i], true);
		fprintf(out, " %d\n", !strcmp(val, choices[i]));
	}
	return CTL_EXIT_OK;
}

static int gauges(FILE *out)
{
	char version[64], val[64];
	bool on;
	int err;

	ctl_module_version(version, sizeof(version));
	family(out, "info", "gauge", "Version of the loaded igmpguard module.");
	fputs(PROM_PREFIX "info{", out);
	label(out, "version", version, true);
	fputs(" 1\n", out);

	err = ctl_param_read("enabled", val, sizeof(val));
	if (err || knob_parse_bool(val, &on))
		return ctl_error("enabled", err ? err : -EINVAL, NULL);
	family(out, "enabled", "gauge",
	       "Whether the hooks are registered (parameter enabled).");
	fprintf(out, PROM_PREFIX "enabled %d\n", on);

	err = family_gauge(out);
	if (!err)
		err = choice_gauge(out, "bridge", "bridge_mode",
				   "1 for what the bridge hook judges (parameter bridge), 0 for the others.",
				   ctl_bridge_names, true);
	if (!err)
		err = choice_gauge(out, "mode", "mode",
				   "1 for the mode in force (parameter mode), 0 for the other.",
				   ctl_mode_names, false);
	return err;
}

/*
 * The totals of every family (@per_family false) or of each, as one
 * metric; the family ones only if the module has them (not before IPv6).
 */
static void packets(FILE *out, const struct ctl_stats *st, bool per_family)
{
	static const char *const help[2] = {
		"Packets the hooks handled in this namespace, every family, by outcome.",
		"Packets the hooks handled in this namespace, by family and outcome.",
	};
	const char *metric = per_family ? "family_packets_total" :
				       "packets_total";
	const struct ctl_counter *c;
	const char *fam;
	bool head = false;
	int i;

	for (i = 0; i < st->count; i++) {
		c = &st->c[i];
		fam = ctl_counter_family(c);
		if (c->group != CTL_GROUP_TOTALS || !fam != !per_family)
			continue;
		if (!head)
			family(out, metric, "counter", help[per_family]);
		head = true;
		fprintf(out, PROM_PREFIX "%s{", metric);
		if (fam)
			label(out, "family", fam, false);
		label(out, "kind", ctl_total_kind(c), true);
		fprintf(out, " %llu\n", (unsigned long long)c->value);
	}
}

static void path_sample(FILE *out, const char *path, const char *kind,
			u64 value)
{
	fputs(PROM_PREFIX "path_packets_total{", out);
	label(out, "path", path, false);
	label(out, "kind", kind, true);
	fprintf(out, " %llu\n", (unsigned long long)value);
}

/*
 * The every-family totals by path (see the top). The stats file sums a
 * total before its bridge share, so the share may be a few packets ahead:
 * the IP path's count then stops at zero rather than wrapping.
 */
static void paths(FILE *out, const struct ctl_stats *st)
{
	const struct ctl_counter *c, *total;
	char name[sizeof(c->name)];
	const char *kind;
	bool head = false;
	int i;

	for (i = 0; i < st->count; i++) {
		c = &st->c[i];
		if (c->group != CTL_GROUP_BRIDGE)
			continue;
		kind = ctl_total_kind(c);
		snprintf(name, sizeof(name), "packets_%s", kind);
		total = ctl_stats_find(st, name);
		/* A share of no total is not one this tool can split. */
		if (!total)
			continue;
		if (!head)
			family(out, "path_packets_total", "counter",
			       "Packets the hooks handled in this namespace, every family, by path (bridge hook or IP hooks) and outcome.");
		head = true;
		path_sample(out, "ip", kind, total->value > c->value ?
			    total->value - c->value : 0);
		path_sample(out, "bridge", kind, c->value);
	}
}

static void counters(FILE *out, const struct ctl_stats *st)
{
	const struct ctl_counter *c;
	int i;

	packets(out, st, false);
	packets(out, st, true);
	paths(out, st);
	family(out, "findings_total", "counter",
	       "Validator findings in this namespace, by reason, class and family.");
	for (i = 0; i < st->count; i++) {
		c = &st->c[i];
		if (ctl_group_whole(c->group))
			continue;
		fputs(PROM_PREFIX "findings_total{", out);
		label(out, "reason", c->name, false);
		label(out, "class", ctl_group_name(c->group), false);
		label(out, "family", ctl_counter_family(c), true);
		fprintf(out, " %llu\n", (unsigned long long)c->value);
	}
}

/*
 * The whole text into @out. Returns a CTL_EXIT_ status; *@loaded says
 * whether the module was there.
 */
static int export(FILE *out, bool *loaded)
{
	static struct ctl_stats st;
	int rc;

	*loaded = ctl_module_loaded();
	family(out, "loaded", "gauge",
	       "Whether the igmpguard module is loaded.");
	fprintf(out, PROM_PREFIX "loaded %d\n", *loaded);
	if (!*loaded)
		return CTL_EXIT_SYSTEM;
	rc = gauges(out);
	if (!rc && ctl_stats_read(&st))
		rc = CTL_EXIT_SYSTEM;
	if (!rc)
		counters(out, &st);
	return rc;
}

static int export_stdout(void)
{
	bool loaded;
	int rc;

	rc = export(stdout, &loaded);
	if (fflush(stdout) || ferror(stdout))
		return ctl_error("stdout", -EIO, NULL);
	return loaded ? rc : ctl_not_loaded();
}

/* Not loaded is a success here: the file says so (see the top). */
static int export_file(const char *path)
{
	struct outfile o;
	bool loaded;
	int err;

	err = outfile_open(&o, path);
	if (err)
		return ctl_error(path, err, NULL);
	if (export(o.f, &loaded) && loaded) {
		outfile_abort(&o);
		return CTL_EXIT_SYSTEM;
	}
	err = outfile_commit(&o);
	return err ? ctl_error(path, err, NULL) : CTL_EXIT_OK;
}

int cmd_export(const struct ctl_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = NULL;
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			path = optarg;
			break;
		case 'h':
			ctl_print_help(argv[0]);
			return CTL_EXIT_OK;
		default:
			return ctl_bad_option(argv[0], c, argv);
		}
	}
	if (optind != argc - 1 || strcmp(argv[optind], "prometheus"))
		return ctl_usage(argv[0], "the only format is prometheus");
	if (ctx->json)
		return ctl_usage(argv[0], "--json does not apply to export");
	return path ? export_file(path) : export_stdout();
}
