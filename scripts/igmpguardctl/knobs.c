// SPDX-License-Identifier: GPL-2.0
/*
 * Parameter knowledge shared by check --set, set, get and show. The
 * module is the judge of what it takes; these checks only let the tool
 * refuse a typo before writing anything, so that set can be all or
 * nothing, and they accept exactly what the module accepts (decimal only
 * for numbers, to keep it simple).
 */
#include "knobs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Not in the validator's tables: the module's own switches. */
const char *const ctl_mode_names[3] = { "block", "monitor", NULL };
const char *const ctl_bridge_names[4] = { "off", "malformed", "policy", NULL };

const struct knob_num knob_nums[KNOB_NUM_COUNT] = {
	{ "max_query_sources",
	  "v3 and MLDv2 queries with more sources are a policy finding",
	  IGG_MAX_QUERY_SOURCES_DEFAULT, IGG_MAX_QUERY_SOURCES_LIMIT,
	  offsetof(struct igg_policy, max_query_sources) },
	{ "max_ext_headers",
	  "IPv6 chains of more extension headers are a policy finding",
	  IGG_MAX_EXT_HEADERS_DEFAULT, IGG_MAX_EXT_HEADERS_LIMIT,
	  offsetof(struct igg_policy, max_ext_headers) },
};

/* The first numeric knob is in every module; those after came with IPv6. */
#define KNOB_NUM_BEFORE_IPV6	1

/* The reason called @name (@len bytes, not terminated), or IGG_R_NONE. */
static enum igg_reason reason_by_name(const char *name, size_t len)
{
	int r;

	for (r = 1; r < IGG_R_COUNT; r++)
		if (strlen(igg_reasons[r].name) == len &&
		    !memcmp(igg_reasons[r].name, name, len))
			return (enum igg_reason)r;
	return IGG_R_NONE;
}

/* The spellings the module's bool parameters take, so both agree. */
int knob_parse_bool(const char *v, bool *out)
{
	if (!strcmp(v, "1") || !strcmp(v, "y") || !strcmp(v, "Y")) {
		*out = true;
		return 0;
	}
	if (!strcmp(v, "0") || !strcmp(v, "n") || !strcmp(v, "N")) {
		*out = false;
		return 0;
	}
	return -1;
}

int knob_parse_num(const char *v, u32 limit, u32 *out)
{
	unsigned long n;
	char *end;

	/* strtoul would take a sign, spaces and an empty string. */
	if (*v < '0' || *v > '9')
		return -1;
	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno || *end || n > limit)
		return -1;
	*out = (u32)n;
	return 0;
}

int knob_parse_anomalies(const char *v, struct igg_set *out, char *err,
			 size_t n)
{
	const char *item = v, *comma;
	enum igg_reason r;
	size_t len;

	*out = (struct igg_set){ { 0 } };
	if (!strcmp(v, igg_reasons[IGG_R_NONE].name))
		return 0;
	for (;;) {
		comma = strchr(item, ',');
		len = comma ? (size_t)(comma - item) : strlen(item);
		r = reason_by_name(item, len);
		if (!r || igg_reasons[r].cls != IGG_CLASS_ANOMALY) {
			snprintf(err, n, "%s: '%.*s' is not an anomaly name",
				 KNOB_DROP_ANOMALIES, (int)len, item);
			return -1;
		}
		igg_set_add(out, r);
		if (!comma)
			return 0;
		item = comma + 1;
	}
}

void knob_policy_names(char *buf, size_t n)
{
	size_t used = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < IGG_BOOL_KNOB_COUNT && used < n; i++)
		used += snprintf(buf + used, n - used, "%s, ",
				 igg_bool_knobs[i].name);
	for (i = 0; i < KNOB_NUM_COUNT && used < n; i++)
		used += snprintf(buf + used, n - used, "%s, ",
				 knob_nums[i].name);
	if (used < n)
		snprintf(buf + used, n - used, "%s", KNOB_DROP_ANOMALIES);
}

/* --- the parameter list ------------------------------------------------ */

#define CTL_KNOB_COUNT	(7 + IGG_BOOL_KNOB_COUNT + KNOB_NUM_COUNT + 1)

static struct ctl_knob knobs[CTL_KNOB_COUNT];

static struct ctl_knob *add(int *n, const char *name,
			    enum ctl_knob_type type, const char *def,
			    const char *help)
{
	struct ctl_knob *k = &knobs[(*n)++];

	k->name = name;
	k->type = type;
	k->help = help;
	snprintf(k->def, sizeof(k->def), "%s", def);
	return k;
}

/*
 * Filled on first use: the knob tables are data, not constants. The
 * hook switches first (show prints them at the top), then the log
 * switches and the policy.
 */
const struct ctl_knob *ctl_knobs(int *count)
{
	static int n;
	struct ctl_knob *k;
	char def[16];
	int i;

	if (n) {
		*count = n;
		return knobs;
	}
	k = add(&n, "enabled", CTL_KNOB_BOOL, "Y",
		"register the hooks in every namespace");
	k->main = true;
	k = add(&n, "ipv4", CTL_KNOB_BOOL, "Y",
		"while enabled, hook IPv4: IGMP and IP options");
	k->main = true;
	k->optional = true;
	k = add(&n, "ipv6", CTL_KNOB_BOOL, "Y",
		"while enabled, hook IPv6: MLD and extension headers");
	k->main = true;
	k->optional = true;
	/* Came with the bridge hook, after IPv6. */
	k = add(&n, "bridge", CTL_KNOB_CHOICE, ctl_bridge_names[2],
		"while enabled, judge bridged frames: off, malformed, policy");
	k->main = true;
	k->optional = true;
	k->choices = ctl_bridge_names;
	k = add(&n, "mode", CTL_KNOB_CHOICE, ctl_mode_names[0],
		"block drops, monitor only counts and logs");
	k->main = true;
	k->choices = ctl_mode_names;
	add(&n, "log", CTL_KNOB_BOOL, "Y",
	    "log drops and anomalies, rate limited");
	add(&n, "log_all_netns", CTL_KNOB_BOOL, "N",
	    "log from other namespaces than the initial one too");
	for (i = 0; i < IGG_BOOL_KNOB_COUNT; i++) {
		k = add(&n, igg_bool_knobs[i].name, CTL_KNOB_BOOL,
			igg_bool_knobs[i].def ? "Y" : "N",
			igg_bool_knobs[i].help);
		/* Knobs of IPv6 only came with IPv6. */
		k->optional = !igg_bool_knobs[i].reason[0];
	}
	for (i = 0; i < KNOB_NUM_COUNT; i++) {
		snprintf(def, sizeof(def), "%u", knob_nums[i].def);
		k = add(&n, knob_nums[i].name, CTL_KNOB_NUM, def,
			knob_nums[i].help);
		k->limit = knob_nums[i].limit;
		k->optional = i >= KNOB_NUM_BEFORE_IPV6;
	}
	add(&n, KNOB_DROP_ANOMALIES, CTL_KNOB_ANOMALIES,
	    igg_reasons[IGG_R_NONE].name,
	    "anomalies that drop instead of pass");
	*count = n;
	return knobs;
}

const struct ctl_knob *ctl_knob_find(const char *name, size_t len)
{
	const struct ctl_knob *k;
	int n, i;

	k = ctl_knobs(&n);
	for (i = 0; i < n; i++)
		if (strlen(k[i].name) == len && !memcmp(k[i].name, name, len))
			return &k[i];
	return NULL;
}

void ctl_knob_names(char *buf, size_t n)
{
	const struct ctl_knob *k;
	size_t used = 0;
	int count, i;

	k = ctl_knobs(&count);
	buf[0] = '\0';
	for (i = 0; i < count && used < n; i++)
		used += snprintf(buf + used, n - used, "%s%s",
				 i ? ", " : "", k[i].name);
}

static void anomaly_list(struct igg_set set, char *out, size_t n)
{
	size_t used = 0;
	int r;

	snprintf(out, n, "%s", igg_reasons[IGG_R_NONE].name);
	for (r = 1; r < IGG_R_COUNT && used < n; r++)
		if (igg_set_has(set, r))
			used += snprintf(out + used, n - used, "%s%s",
					 used ? "," : "", igg_reasons[r].name);
}

/* The index of @val in the NULL-ended @choices, or -1. */
static int choice_index(const char *const *choices, const char *val)
{
	int i;

	for (i = 0; choices[i]; i++)
		if (!strcmp(choices[i], val))
			return i;
	return -1;
}

/* "KNOB: 'VAL' is not a, b or c". */
static void choice_error(const struct ctl_knob *k, const char *val,
			 char *err, size_t n)
{
	size_t used;
	int i;

	used = snprintf(err, n, "%s: '%s' is not ", k->name, val);
	for (i = 0; k->choices[i] && used < n; i++)
		used += snprintf(err + used, n - used, "%s%s",
				 !i ? "" : k->choices[i + 1] ? ", " : " or ",
				 k->choices[i]);
}

int ctl_knob_canon(const struct ctl_knob *k, const char *val, char *out,
		   size_t outlen, char *err, size_t errlen)
{
	struct igg_set set;
	bool on;
	u32 num;

	switch (k->type) {
	case CTL_KNOB_BOOL:
		if (knob_parse_bool(val, &on))
			break;
		snprintf(out, outlen, "%s", on ? "Y" : "N");
		return 0;
	case CTL_KNOB_CHOICE:
		if (choice_index(k->choices, val) < 0)
			break;
		snprintf(out, outlen, "%s", val);
		return 0;
	case CTL_KNOB_NUM:
		if (knob_parse_num(val, k->limit, &num))
			break;
		snprintf(out, outlen, "%u", num);
		return 0;
	case CTL_KNOB_ANOMALIES:
		if (knob_parse_anomalies(val, &set, err, errlen))
			return -1;
		anomaly_list(set, out, outlen);
		return 0;
	}
	switch (k->type) {
	case CTL_KNOB_BOOL:
		snprintf(err, errlen, "%s: '%s' is not 0 or 1", k->name, val);
		break;
	case CTL_KNOB_CHOICE:
		choice_error(k, val, err, errlen);
		break;
	default:
		snprintf(err, errlen, "%s: '%s' is not a number in 0..%u",
			 k->name, val, k->limit);
		break;
	}
	return -1;
}

bool ctl_knob_is_default(const struct ctl_knob *k, const char *val)
{
	char canon[512], err[256];

	if (ctl_knob_canon(k, val, canon, sizeof(canon), err, sizeof(err)))
		return false;
	return !strcmp(canon, k->def);
}

bool ctl_knob_absent(const struct ctl_knob *k, int err)
{
	return k->optional && err == -ENOENT;
}
