/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sets of reasons as one 128-bit integer, for tests: the plain operators
 * (&, |, ~, ==, - 1 for "every lower reason") read better in a check than
 * calls of the igg_set_*() helpers, and a test needs no more than x86-64's
 * __int128. The module and the tool use struct igg_set itself.
 */
#ifndef IGG_TEST_RSET_H
#define IGG_TEST_RSET_H

#include <igmpguard/reasons.h>

typedef unsigned __int128 rset;

static_assert(IGG_SET_WORDS == 2, "rset holds two words of struct igg_set");

#define RBIT(r)	((rset)1 << (r))
#define RB(e)	RBIT(IGG_R_##e)
#define RSET_ALL	(~(rset)0)

static inline rset rs(struct igg_set s)
{
	return (rset)s.w[1] << 64 | s.w[0];
}

static inline struct igg_set igs(rset r)
{
	return (struct igg_set){ { (u64)r, (u64)(r >> 64) } };
}

/* A set from two random words, for property tests and fuzzers. */
static inline rset rset_of(u64 lo, u64 hi)
{
	return (rset)hi << 64 | lo;
}

#endif
