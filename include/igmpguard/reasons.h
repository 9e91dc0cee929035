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

/*
 * Findings travel as a set of reasons: a bitmap small enough to pass and
 * return by value (two registers on 64-bit machines).
 */
#define IGG_SET_WORDS	2

struct igg_set {
	u64 w[IGG_SET_WORDS];
};

static_assert(IGG_R_COUNT <= 64 * IGG_SET_WORDS,
	      "reason-list.h outgrew struct igg_set");

static inline struct igg_set igg_set_of(enum igg_reason r)
{
	struct igg_set s = { { 0 } };

	s.w[r / 64] = 1ULL << (r % 64);
	return s;
}

static inline void igg_set_add(struct igg_set *s, enum igg_reason r)
{
	s->w[r / 64] |= 1ULL << (r % 64);
}

static inline void igg_set_del(struct igg_set *s, enum igg_reason r)
{
	s->w[r / 64] &= ~(1ULL << (r % 64));
}

static inline bool igg_set_has(struct igg_set s, enum igg_reason r)
{
	return s.w[r / 64] >> (r % 64) & 1;
}

static inline bool igg_set_empty(struct igg_set s)
{
	return !(s.w[0] | s.w[1]);
}

static inline bool igg_set_equal(struct igg_set a, struct igg_set b)
{
	return !((a.w[0] ^ b.w[0]) | (a.w[1] ^ b.w[1]));
}

static inline struct igg_set igg_set_and(struct igg_set a, struct igg_set b)
{
	return (struct igg_set){ { a.w[0] & b.w[0], a.w[1] & b.w[1] } };
}

static inline struct igg_set igg_set_or(struct igg_set a, struct igg_set b)
{
	return (struct igg_set){ { a.w[0] | b.w[0], a.w[1] | b.w[1] } };
}

/* The members of @a that are not in @b. */
static inline struct igg_set igg_set_minus(struct igg_set a, struct igg_set b)
{
	return (struct igg_set){ { a.w[0] & ~b.w[0], a.w[1] & ~b.w[1] } };
}

/* The lowest reason in @s, IGG_R_NONE for an empty set. */
static inline enum igg_reason igg_set_first(struct igg_set s)
{
	if (s.w[0])
		return (enum igg_reason)__builtin_ctzll(s.w[0]);
	if (s.w[1])
		return (enum igg_reason)(64 + __builtin_ctzll(s.w[1]));
	return IGG_R_NONE;
}

/* Every reason from @lo up to, not including, @hi. */
static inline struct igg_set igg_set_range(enum igg_reason lo,
					   enum igg_reason hi)
{
	struct igg_set s = { { 0 } };
	unsigned int r;

	for (r = lo; r < hi; r++)
		igg_set_add(&s, (enum igg_reason)r);
	return s;
}

struct igg_reason_info {
	const char *name;
	const char *desc;
	enum igg_class cls;
};

/* Indexed by enum igg_reason; IGG_R_NONE is named "none". */
extern const struct igg_reason_info igg_reasons[IGG_R_COUNT];
extern const char *const igg_class_names[];

/* Every reason of class @cls. */
struct igg_set igg_class_set(enum igg_class cls);

#endif /* _IGMPGUARD_REASONS_H */
