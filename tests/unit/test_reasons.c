// SPDX-License-Identifier: GPL-2.0
/*
 * The reason and knob tables: everything the counters, logs, procfs and
 * tools print is generated from them, so they must be complete and
 * well-formed.
 */
#include <string.h>

#include "expect.h"
#include "tap.h"
#include "tests.h"

static_assert(IGG_R_COUNT <= 128, "reasons must fit in a rset");

#define NCLASSES (IGG_CLASS_ANOMALY + 1)

static bool word_ok(const char *s, bool digits)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || *s == '_' ||
		      (digits && *s >= '0' && *s <= '9')))
			return false;
	return true;
}

static void t_complete(void)
{
	unsigned int r;

	CHECK(igg_reasons[IGG_R_NONE].cls == IGG_CLASS_NONE,
	      "IGG_R_NONE has class %d", igg_reasons[IGG_R_NONE].cls);
	CHECK(igg_reasons[IGG_R_NONE].name, "IGG_R_NONE has no name");
	for (r = 1; r < IGG_R_COUNT; r++) {
		const struct igg_reason_info *i = &igg_reasons[r];

		CHECK(i->name, "reason %u has no name", r);
		CHECK(i->desc && strlen(i->desc) >= 8,
		      "reason %u (%s) has no real description", r, rname(r));
		CHECK(i->cls == IGG_CLASS_MALFORMED ||
		      i->cls == IGG_CLASS_POLICY || i->cls == IGG_CLASS_ANOMALY,
		      "reason %u (%s) has class %d", r, rname(r), i->cls);
	}
}

static void t_names(void)
{
	unsigned int r, s;

	for (r = 0; r < IGG_R_COUNT; r++) {
		if (!igg_reasons[r].name)
			continue;
		CHECK(word_ok(igg_reasons[r].name, true),
		      "reason %u name \"%s\" is not [a-z0-9_]+", r,
		      igg_reasons[r].name);
		for (s = r + 1; s < IGG_R_COUNT; s++)
			CHECK(!igg_reasons[s].name ||
			      strcmp(igg_reasons[r].name, igg_reasons[s].name),
			      "reasons %u and %u are both \"%s\"", r, s,
			      igg_reasons[r].name);
	}
}

static void t_classes(void)
{
	unsigned int c, d;

	for (c = 0; c < NCLASSES; c++) {
		CHECK(word_ok(igg_class_names[c], false),
		      "class %u name \"%s\" is not [a-z]+", c,
		      igg_class_names[c] ? igg_class_names[c] : "(null)");
		for (d = c + 1; d < NCLASSES; d++)
			CHECK(!igg_class_names[c] || !igg_class_names[d] ||
			      strcmp(igg_class_names[c], igg_class_names[d]),
			      "classes %u and %u share a name", c, d);
	}
}

static void t_count(void)
{
	CHECK(IGG_R_COUNT <= 64 * IGG_SET_WORDS, "IGG_R_COUNT is %d", IGG_R_COUNT);
	CHECK(IGG_R_COUNT > 1, "no reasons at all");
	tap_diag("%d reasons", IGG_R_COUNT - 1);
}

/*
 * The validator picks the lowest dropping bit, so policy reasons must all
 * come before anomalies for a policy finding to decide over an anomaly.
 */
static void t_order(void)
{
	unsigned int r, s;

	for (r = 1; r < IGG_R_COUNT; r++) {
		if (igg_reasons[r].cls != IGG_CLASS_ANOMALY)
			continue;
		for (s = r + 1; s < IGG_R_COUNT; s++)
			CHECK(igg_reasons[s].cls != IGG_CLASS_POLICY,
			      "policy reason %s comes after anomaly %s",
			      rname(s), rname(r));
	}
}

static void t_knobs(void)
{
	const struct igg_bool_knob *kn;
	struct igg_policy pol;
	rset seen = 0, kr;
	unsigned int i, j, r;

	igg_policy_default(&pol);
	for (i = 0; i < IGG_BOOL_KNOB_COUNT; i++) {
		kn = &igg_bool_knobs[i];
		if (!CHECK(word_ok(kn->name, true), "knob %u name", i))
			continue;
		kr = rs(igg_knob_reasons(kn));
		CHECK(kr && !(kr >> IGG_R_COUNT),
		      "knob %s drives no reason of the list", kn->name);
		for (r = 0; r < IGG_R_COUNT; r++) {
			if (!(kr & RBIT(r)))
				continue;
			CHECK(igg_reasons[r].cls == IGG_CLASS_POLICY,
			      "knob %s drives %s, not a policy reason",
			      kn->name, rname(r));
			CHECK(!(seen & RBIT(r)), "two knobs drive %s",
			      rname(r));
			CHECK(!!(rs(pol.drop) & RBIT(r)) == kn->def,
			      "knob %s default %d but the default policy says %d for %s",
			      kn->name, kn->def, !!(rs(pol.drop) & RBIT(r)),
			      rname(r));
		}
		seen |= kr;
		CHECK(kn->help && strlen(kn->help) >= 8, "knob %s has no help",
		      kn->name);
		for (j = 0; j < i; j++)
			CHECK(!igg_bool_knobs[j].name ||
			      strcmp(igg_bool_knobs[j].name, kn->name),
			      "knob %s twice", kn->name);
	}
	CHECK(pol.max_query_sources == IGG_MAX_QUERY_SOURCES_DEFAULT,
	      "default max_query_sources %u", pol.max_query_sources);
	CHECK(rs(pol.drop) & RB(V3_QUERY_SOURCES),
	      "default policy does not drop over-long queries");
	for (r = 1; r < IGG_R_COUNT; r++)
		CHECK(igg_reasons[r].cls != IGG_CLASS_ANOMALY ||
		      !(rs(pol.drop) & RBIT(r)),
		      "default policy drops anomaly %s", rname(r));
	CHECK(!(rs(pol.drop) & RBIT(IGG_R_NONE)), "default drops on none");
}

static const struct {
	const char *name;
	void (*fn)(void);
} reason_tests[] = {
	{ "every reason has a name, description and class", t_complete },
	{ "reason names are unique and match [a-z0-9_]+", t_names },
	{ "class names are distinct words", t_classes },
	{ "IGG_R_COUNT fits struct igg_set", t_count },
	{ "every policy reason comes before every anomaly", t_order },
	{ "bool knobs drive policy reasons and match the default", t_knobs },
};

#define NTESTS (sizeof(reason_tests) / sizeof(reason_tests[0]))

static unsigned int count(void)
{
	return NTESTS;
}

static void run(void)
{
	unsigned int i;

	for (i = 0; i < NTESTS; i++) {
		tap_begin("reasons: %s", reason_tests[i].name);
		reason_tests[i].fn();
		tap_end();
	}
}

const struct tgroup group_reasons = { "reasons", NULL, 0, count, run };
