// SPDX-License-Identifier: GPL-2.0
/*
 * What the validators of every protocol share: the default policy, the
 * Internet checksum, the duplicate-source hunt and the cost counter of
 * host builds.
 *
 * Like every file of module/validator/, it is built unchanged into
 * igmpguard.ko and into the host tests, fuzzers and igmpguardctl, so it
 * uses nothing but the types in types.h.
 */
#include "walk.h"

#ifdef IGG_COST_COUNT
u64 igg_cost;
u64 igg_cost_breaches;
#endif

void igg_policy_default(struct igg_policy *pol)
{
	const struct igg_bool_knob *k = igg_bool_knobs;
	int i;

	pol->drop = igg_set_of(IGG_R_V3_QUERY_SOURCES);
	igg_set_add(&pol->drop, IGG_R_MLD_QUERY_SOURCES);
	igg_set_add(&pol->drop, IGG_R_EXT_CHAIN_LENGTH);
	for (i = 0; i < IGG_BOOL_KNOB_COUNT; i++)
		if (igg_bool_knobs[i].def)
			pol->drop = igg_set_or(pol->drop,
					       igg_knob_reasons(k + i));
	pol->max_query_sources = IGG_MAX_QUERY_SOURCES_DEFAULT;
	pol->max_ext_headers = IGG_MAX_EXT_HEADERS_DEFAULT;
	pol->seed = 0;
}

/*
 * Whether a query lists a source twice, looked for at a cost linear in the
 * source count whatever the addresses are.
 *
 * Each source joins the chain of its bucket, keyed by the per-boot seed,
 * and is compared only with the earlier sources on that chain: with a
 * random key, two given addresses share a bucket with probability 2 / 256,
 * so a list needs about n * n / 256 compares. All compares of one query
 * share a budget of IGG_DUP_SCAN_BUDGET(n), and the hunt stops when it is
 * spent; that, not the key, bounds the cost. So an answer of true is
 * always exact, and false means "none found within the budget": sources
 * that all share a bucket (chosen for a known seed) can hide a repeat,
 * never cost more, and lists that come from real queriers are judged
 * exactly. Sources are compared as raw bytes: equality and a hash need no
 * byte order. A 16-byte source is first folded to 32 bits by a keyed
 * multiply (igg_dup_fold16()), then bucketed as a 4-byte one.
 *
 * @size is a constant at each call below, so that the compiler builds one
 * loop per size: the IPv4 one pays nothing for the IPv6 one. Host builds
 * get __always_inline from glibc's sys/cdefs.h, as the kernel spells it.
 */
static __always_inline bool igg_dup_hunt(const u8 *src, u32 n, u32 size,
					 u32 seed)
{
	/* Chains end in IGG_DUP_HUNT_MAX, which no source index reaches. */
	u8 head[IGG_DUP_BUCKETS], next[IGG_DUP_HUNT_MAX];
	u32 budget = IGG_DUP_SCAN_BUDGET(n);
	u32 key = igg_dup_key(seed);
	struct igg_dup_fold fold;
	u32 i, j, addr, h;

	IGG_COST(IGG_COST_DUP_TABLE);
	if (size == 16) {
		IGG_COST(IGG_COST_DUP_FOLD_KEYS);
		fold = igg_dup_fold_of(seed);
	}
	__builtin_memset(head, IGG_DUP_HUNT_MAX, sizeof(head));
	for (i = 0; i < n; i++) {
		if (size == 16) {
			IGG_COST(IGG_COST_SOURCE16);
			addr = igg_dup_fold16(src + 16 * i, &fold);
		} else {
			IGG_COST(IGG_COST_SOURCE);
			__builtin_memcpy(&addr, src + 4 * i, 4);
		}
		h = igg_dup_bucket(addr, key);
		for (j = head[h]; j != IGG_DUP_HUNT_MAX; j = next[j]) {
			if (!budget--)
				return false;
			IGG_COST(size == 16 ? IGG_COST_COMPARE16 :
					      IGG_COST_COMPARE);
			if (!__builtin_memcmp(src + size * j, src + size * i,
					      size))
				return true;
		}
		next[i] = (u8)head[h];
		head[h] = (u8)i;
	}
	return false;
}

/*
 * Not static: the unit tests call it, and compilers then keep it out of
 * line, which is cheaper here (inlined, its loop shares igg_validate()'s
 * registers). A list of fewer than two sources holds no repeat.
 */
bool igg_dup_sources(const u8 *src, u32 n, u32 size, u32 seed)
{
	if (n < 2 || n > IGG_DUP_HUNT_MAX)
		return false;
	if (size == 16)
		return igg_dup_hunt(src, n, 16, seed);
	return size == 4 && igg_dup_hunt(src, n, 4, seed);
}
