/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What igmpguardctl knows about the module's parameters: names, types,
 * defaults and the values each accepts. The policy knobs come from the
 * tables of knob-list.h and reason-list.h; only enabled, ipv4, ipv6,
 * bridge, mode, log and log_all_netns are described here, as they are not
 * part of the validator's policy.
 */
#ifndef _IGG_CTL_KNOBS_H
#define _IGG_CTL_KNOBS_H

#include <stdbool.h>
#include <stddef.h>

#include <igmpguard/validator.h>

#define KNOB_DROP_ANOMALIES	"drop_anomalies"

/*
 * The numeric policy knobs: a decimal 0..limit each, one field of
 * struct igg_policy. check --set writes the field, set the parameter.
 */
struct knob_num {
	const char *name;
	const char *help;
	u32 def;
	u32 limit;
	size_t field;		/* offsetof(struct igg_policy, ...) */
};

#define KNOB_NUM_COUNT	2
extern const struct knob_num knob_nums[KNOB_NUM_COUNT];

/* The field of @pol that @k is. */
static inline u32 *knob_num_field(struct igg_policy *pol,
				  const struct knob_num *k)
{
	return (u32 *)((char *)pol + k->field);
}

static inline u32 knob_num_get(const struct igg_policy *pol,
			       const struct knob_num *k)
{
	return *(const u32 *)((const char *)pol + k->field);
}

enum ctl_knob_type {
	CTL_KNOB_BOOL,		/* Y or N; takes 0, 1, y, n, Y, N */
	CTL_KNOB_CHOICE,	/* one word of ctl_knob.choices */
	CTL_KNOB_NUM,		/* 0..limit in decimal */
	CTL_KNOB_ANOMALIES,	/* none, or anomaly names */
};

struct ctl_knob {
	const char *name;
	const char *help;
	enum ctl_knob_type type;
	bool main;		/* show puts it at the top: enabled, mode */
	/*
	 * Came with IPv6: a module from before has no such parameter, and
	 * show leaves it out instead of failing on it.
	 */
	bool optional;
	u32 limit;		/* CTL_KNOB_NUM: the largest value */
	const char *const *choices;	/* CTL_KNOB_CHOICE: NULL-ended */
	char def[16];		/* the default, as the module reads it back */
};

/* The values of mode, indexed by "is monitor", then a NULL. */
extern const char *const ctl_mode_names[3];

/* The values of bridge, as the module's igg_bridge_mode_names, then a NULL. */
extern const char *const ctl_bridge_names[4];

/* Every parameter, in the order show lists them; sets *count. */
const struct ctl_knob *ctl_knobs(int *count);

/* The parameter called @name (@len bytes, not terminated), or NULL. */
const struct ctl_knob *ctl_knob_find(const char *name, size_t len);

/* "name, name, ..." of every parameter, for error messages. */
void ctl_knob_names(char *buf, size_t n);

/*
 * Check @val for @k and write to @out the form the module reads it back
 * in. Returns 0, or -1 with a message naming the knob in @err.
 */
int ctl_knob_canon(const struct ctl_knob *k, const char *val, char *out,
		   size_t outlen, char *err, size_t errlen);

/* Whether @val, as read back from the module, is @k's default. */
bool ctl_knob_is_default(const struct ctl_knob *k, const char *val);

/*
 * Whether reading @k failed with @err only because the loaded module
 * predates it: then show leaves it out, and get and set say why.
 */
bool ctl_knob_absent(const struct ctl_knob *k, int err);
#define CTL_HINT_OLDER	"the loaded module is older and has no such parameter"

/* The building blocks, shared with check --set. */
int knob_parse_bool(const char *v, bool *out);
int knob_parse_num(const char *v, u32 limit, u32 *out);
int knob_parse_anomalies(const char *v, struct igg_set *out, char *err,
			 size_t n);
/*
 * "name, ..., max_query_sources, max_ext_headers, drop_anomalies": the
 * policy knobs only.
 */
void knob_policy_names(char *buf, size_t n);

#endif /* _IGG_CTL_KNOBS_H */
