/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Deterministic PRNG (splitmix64) for the property tests: a fixed seed
 * makes every run, and every failure, reproducible.
 */
#ifndef IGG_TEST_RNG_H
#define IGG_TEST_RNG_H

#include <igmpguard/types.h>

struct rng {
	u64 s;
};

static inline u64 rng_next(struct rng *r)
{
	u64 z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform enough in [0, n) for tests; 0 when n is 0. */
static inline u32 rng_below(struct rng *r, u32 n)
{
	return n ? (u32)(rng_next(r) % n) : 0;
}

static inline u32 rng_range(struct rng *r, u32 lo, u32 hi)
{
	return lo + rng_below(r, hi - lo + 1);
}

static inline bool rng_chance(struct rng *r, u32 one_in)
{
	return rng_below(r, one_in) == 0;
}

#endif
