/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _IGMPGUARD_REASONS_H
#define _IGMPGUARD_REASONS_H

#include "types.h"

enum igg_class {
	IGG_CLASS_NONE,
	IGG_CLASS_MALFORMED,
	IGG_CLASS_POLICY,
	IGG_CLASS_ANOMALY,
};

enum igg_reason {
	IGG_R_NONE,
#define IGG_REASON(e, name, class, desc) IGG_R_##e,
#include "reason-list.h"
#undef IGG_REASON
	IGG_R_COUNT
};

/* Findings travel as a bit set, so the list must fit in a u64. */
#define IGG_BIT(r)	(1ULL << (r))

struct igg_reason_info {
	const char *name;
	const char *desc;
	enum igg_class cls;
};

/* Indexed by enum igg_reason; IGG_R_NONE is named "none". */
extern const struct igg_reason_info igg_reasons[IGG_R_COUNT];
extern const char *const igg_class_names[];

#endif /* _IGMPGUARD_REASONS_H */
