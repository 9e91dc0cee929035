// SPDX-License-Identifier: GPL-2.0
/*
 * Reading /proc/net/igmpguard/stats and writing .../reset.
 *
 * Counters are found by name, never by position: procfs promises the
 * order, but a module newer than the tool may add lines. Lines named
 * packets_* are the totals of every family, ipv4_packets_* and
 * ipv6_packets_* those of one family (a module older than IPv6 has none);
 * bridge_packets_* the part of packets_* the bridge hook handled (a
 * module older than the bridge hook has none); any other name is a
 * reason. All totals are one group, the bridge ones another, under their
 * own names, unique as the reasons', so that a reader may flatten the
 * groups.
 */
#include "stats.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "sysfs.h"

#define TOTAL_PREFIX	"packets_"
#define BRIDGE_PREFIX	"bridge_" TOTAL_PREFIX

static const char *const family_names[2] = { "ipv4", "ipv6" };
static const char *const family_total_prefixes[2] = {
	"ipv4_" TOTAL_PREFIX, "ipv6_" TOTAL_PREFIX,
};

/* The reasons of IPv6 and its extension headers, by name (reason-list.h). */
static const char *const ipv6_reason_prefixes[] = { "ip6_", "ext_", "mld_" };

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* The family of an ipv4_packets_* or ipv6_packets_* line: 0, 1 or -1. */
static int family_total(const char *name)
{
	int f;

	for (f = 0; f < 2; f++)
		if (starts_with(name, family_total_prefixes[f]))
			return f;
	return -1;
}

const char *ctl_group_name(enum ctl_group g)
{
	switch (g) {
	case CTL_GROUP_MALFORMED:
		return igg_class_names[IGG_CLASS_MALFORMED];
	case CTL_GROUP_POLICY:
		return igg_class_names[IGG_CLASS_POLICY];
	case CTL_GROUP_ANOMALY:
		return igg_class_names[IGG_CLASS_ANOMALY];
	case CTL_GROUP_TOTALS:
		return "totals";
	case CTL_GROUP_BRIDGE:
		return "bridge";
	default:
		return "other";
	}
}

bool ctl_group_listed(const struct ctl_stats *st, enum ctl_group g)
{
	if (g == CTL_GROUP_BRIDGE || g == CTL_GROUP_OTHER)
		return ctl_group_size(st, g) > 0;
	return true;
}

bool ctl_group_whole(enum ctl_group g)
{
	return g == CTL_GROUP_TOTALS || g == CTL_GROUP_BRIDGE;
}

const char *ctl_counter_family(const struct ctl_counter *c)
{
	size_t i;
	int f;

	if (c->group == CTL_GROUP_BRIDGE)
		return NULL;
	if (c->group == CTL_GROUP_TOTALS) {
		f = family_total(c->name);
		return f < 0 ? NULL : family_names[f];
	}
	for (i = 0; i < sizeof(ipv6_reason_prefixes) /
			sizeof(ipv6_reason_prefixes[0]); i++)
		if (starts_with(c->name, ipv6_reason_prefixes[i]))
			return family_names[1];
	return family_names[0];
}

const char *ctl_total_kind(const struct ctl_counter *c)
{
	int f = family_total(c->name);

	if (f >= 0)
		return c->name + strlen(family_total_prefixes[f]);
	if (c->group == CTL_GROUP_BRIDGE)
		return c->name + strlen(BRIDGE_PREFIX);
	return c->name + strlen(TOTAL_PREFIX);
}

static void classify(struct ctl_counter *c)
{
	int r;

	c->cls = IGG_CLASS_NONE;
	c->group = CTL_GROUP_OTHER;
	if (starts_with(c->name, TOTAL_PREFIX) || family_total(c->name) >= 0) {
		c->group = CTL_GROUP_TOTALS;
		return;
	}
	if (starts_with(c->name, BRIDGE_PREFIX)) {
		c->group = CTL_GROUP_BRIDGE;
		return;
	}
	for (r = 1; r < IGG_R_COUNT; r++) {
		if (strcmp(igg_reasons[r].name, c->name))
			continue;
		c->cls = igg_reasons[r].cls;
		if (c->cls == IGG_CLASS_MALFORMED)
			c->group = CTL_GROUP_MALFORMED;
		else if (c->cls == IGG_CLASS_POLICY)
			c->group = CTL_GROUP_POLICY;
		else if (c->cls == IGG_CLASS_ANOMALY)
			c->group = CTL_GROUP_ANOMALY;
		return;
	}
}

/* "name value": a lower-case name and a decimal count, nothing else. */
static int parse_line(const char *line, struct ctl_counter *c)
{
	size_t n = strspn(line, "abcdefghijklmnopqrstuvwxyz0123456789_");
	const char *num = line + n + 1;
	unsigned long long v;
	char *end;

	if (!n || n >= sizeof(c->name) || line[n] != ' ' ||
	    *num < '0' || *num > '9')
		return -1;
	errno = 0;
	v = strtoull(num, &end, 10);
	if (errno || *end)
		return -1;
	memcpy(c->name, line, n);
	c->name[n] = '\0';
	c->value = v;
	classify(c);
	return 0;
}

int ctl_stats_read(struct ctl_stats *st)
{
	char path[PATH_MAX], *all, *line, *next;
	int err, lineno = 0;

	if (!ctl_module_loaded()) {
		ctl_not_loaded();
		return -1;
	}
	snprintf(path, sizeof(path), "%s/stats", ctl_proc_root());
	err = ctl_read_all(path, &all);
	if (err) {
		ctl_error(path, err, NULL);
		return -1;
	}
	st->count = 0;
	for (line = all; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		lineno++;
		if (st->count == CTL_STATS_MAX ||
		    parse_line(line, &st->c[st->count])) {
			fprintf(stderr,
				"igmpguardctl: %s: line %d is not 'name count'\n",
				path, lineno);
			free(all);
			return -1;
		}
		st->count++;
	}
	free(all);
	return 0;
}

int ctl_group_size(const struct ctl_stats *st, enum ctl_group g)
{
	int i, n = 0;

	for (i = 0; i < st->count; i++)
		n += st->c[i].group == g;
	return n;
}

const struct ctl_counter *ctl_stats_find(const struct ctl_stats *st,
					 const char *name)
{
	int i;

	for (i = 0; i < st->count; i++)
		if (!strcmp(st->c[i].name, name))
			return &st->c[i];
	return NULL;
}

int ctl_stats_reset(void)
{
	char path[PATH_MAX];
	int err;

	if (!ctl_module_loaded())
		return ctl_not_loaded();
	snprintf(path, sizeof(path), "%s/reset", ctl_proc_root());
	err = ctl_write(path, "0");
	if (err == -EACCES || err == -EPERM)
		return ctl_error(path, err,
				 "need root (CAP_NET_ADMIN) to reset counters");
	if (err)
		return ctl_error(path, err, NULL);
	return CTL_EXIT_OK;
}
