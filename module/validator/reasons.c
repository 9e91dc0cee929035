// SPDX-License-Identifier: GPL-2.0
/*
 * The tables behind reason-list.h and knob-list.h, shared by the module
 * and the host programs.
 */
#include <igmpguard/validator.h>

const struct igg_reason_info igg_reasons[IGG_R_COUNT] = {
	[IGG_R_NONE] = { .name = "none", .desc = "no finding",
			 .cls = IGG_CLASS_NONE },
#define IGG_REASON(e, n, c, d)						\
	[IGG_R_##e] = { .name = #n, .desc = d, .cls = IGG_CLASS_##c },
#include <igmpguard/reason-list.h>
#undef IGG_REASON
};

const char *const igg_class_names[] = {
	[IGG_CLASS_NONE]	= "none",
	[IGG_CLASS_MALFORMED]	= "malformed",
	[IGG_CLASS_POLICY]	= "policy",
	[IGG_CLASS_ANOMALY]	= "anomaly",
};

struct igg_set igg_class_set(enum igg_class cls)
{
	struct igg_set s = { { 0 } };
	unsigned int r;

	for (r = 0; r < IGG_R_COUNT; r++)
		if (igg_reasons[r].cls == cls)
			igg_set_add(&s, (enum igg_reason)r);
	return s;
}

const struct igg_bool_knob igg_bool_knobs[IGG_BOOL_KNOB_COUNT] = {
#define IGG_BOOL_KNOB(n, r, r6, d, h)					\
	[IGG_KNOB_##n] = { .name = #n, .help = h, .reason = { r, r6 },	\
			   .def = d },
#include <igmpguard/knob-list.h>
#undef IGG_BOOL_KNOB
};
