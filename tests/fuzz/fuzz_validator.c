// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for igg_validate().
 *
 * The whole input is validated as a packet under the default policy. If it
 * is longer than POLICY_BYTES, those first bytes also make a policy (XORed
 * into the default, so zeros mean the default: drop set 8 bytes,
 * max_query_sources 2, seed 4) under which the rest is validated. Every
 * result must hold the invariants below; a broken one aborts with a line
 * saying which.
 *
 * Built with IGG_COST_COUNT, it also holds the validator to its cost
 * bounds (igg_cost_within() in validator.h). At exit it prints the input
 * that came closest to the 3.8-a-byte bound and the most cost per byte of
 * inputs of 256 bytes or more; with $FUZZ_COST_WORST set, it writes the
 * two inputs to that path and to that path with ".per-byte" added.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igmpguard/validator.h>

#include "../unit/rset.h"

#ifndef IGG_COST_COUNT
#error "fuzz_validator checks the cost bound: build it with -DIGG_COST_COUNT"
#endif

#define POLICY_BYTES 14

/* The dearest input so far, by cost beyond 3.8 units a byte. */
static struct {
	u64 cost;
	u32 len;
	long long excess;	/* cost - slope * len */
	u8 data[65536];
} worst = { .excess = -(1LL << 62) };

/* Largest cost per byte among inputs of at least 256 bytes, and its input. */
static double worst_per_byte;
static u32 worst_per_byte_len;
static u8 worst_per_byte_data[65536];

/* Malformed reasons, from the table; set up in LLVMFuzzerInitialize(). */
static rset malformed;

static const rset dup = RBIT(IGG_R_V3_QUERY_DUP_SOURCES);

static void fail(const char *what, const struct igg_result *res)
{
	fprintf(stderr, "fuzz_validator: %s (reason %d %s, anomalies %#llx %#llx)\n",
		what, res->reason,
		(unsigned int)res->reason < IGG_R_COUNT ?
		igg_reasons[res->reason].name : "?",
		(unsigned long long)res->anomalies.w[1],
		(unsigned long long)res->anomalies.w[0]);
	abort();
}

static void check_cost(const u8 *p, u32 len, const struct igg_result *res)
{
	long long excess = (long long)igg_cost - (long long)len * 38 / 10;

	if (!igg_cost_within(igg_cost, len)) {
		fprintf(stderr, "fuzz_validator: cost %llu at %u bytes\n",
			(unsigned long long)igg_cost, len);
		fail("cost above its bound (igg_cost_within)", res);
	}
	if (excess > worst.excess) {
		worst.excess = excess;
		worst.cost = igg_cost;
		worst.len = len;
		memcpy(worst.data, p, len);
	}
	if (len >= 256 && (double)igg_cost / len > worst_per_byte) {
		worst_per_byte = (double)igg_cost / len;
		worst_per_byte_len = len;
		memcpy(worst_per_byte_data, p, len);
	}
}

static void save(const char *path, const char *suffix, const u8 *p, u32 len)
{
	char name[4096];
	FILE *f;

	snprintf(name, sizeof(name), "%s%s", path, suffix);
	f = fopen(name, "wb");
	if (!f || fwrite(p, 1, len, f) != len)
		perror(name);
	if (f)
		fclose(f);
}

static void report_worst(void)
{
	const char *path = getenv("FUZZ_COST_WORST");

	fprintf(stderr, "fuzz_validator: dearest input %u bytes, cost %llu, "
		"%lld over 3.8 a byte (the bound allows 6000); "
		"most per byte at >= 256 bytes: %.2f (%u bytes)\n",
		worst.len, (unsigned long long)worst.cost, worst.excess,
		worst_per_byte, worst_per_byte_len);
	if (!path)
		return;
	if (worst.len)
		save(path, "", worst.data, worst.len);
	if (worst_per_byte_len)
		save(path, ".per-byte", worst_per_byte_data,
		     worst_per_byte_len);
}

static bool same(const struct igg_result *a, const struct igg_result *b)
{
	return a->reason == b->reason && rs(a->anomalies) == rs(b->anomalies);
}

/* Every finding of a result: what decided it and what did not. */
static rset findings(const struct igg_result *res)
{
	return rs(res->anomalies) |
	       (res->reason != IGG_R_NONE ? RBIT(res->reason) : 0);
}

static enum igg_verdict check(const u8 *p, u32 len,
			      const struct igg_policy *pol,
			      struct igg_result *res)
{
	struct igg_result again;
	enum igg_verdict v = igg_validate(p, len, pol, res);
	rset dropping;

	check_cost(p, len, res);

	if (v != IGG_PASS && v != IGG_DROP)
		fail("verdict neither pass nor drop", res);
	if ((unsigned int)res->reason >= IGG_R_COUNT)
		fail("reason out of range", res);
	if (v == IGG_PASS && res->reason != IGG_R_NONE)
		fail("pass with a reason", res);
	if (v == IGG_DROP && res->reason == IGG_R_NONE)
		fail("drop without a reason", res);
	if (rs(res->anomalies) & (malformed | RBIT(IGG_R_NONE)))
		fail("malformed reason or none among the anomalies", res);
	if (rs(res->anomalies) & RBIT(res->reason))
		fail("deciding reason repeated among the anomalies", res);
	if (rs(res->anomalies) >> IGG_R_COUNT)
		fail("anomaly bit past IGG_R_COUNT", res);

	dropping = rs(res->anomalies) & rs(pol->drop) & ~malformed;
	if (v == IGG_PASS && dropping)
		fail("pass although a finding drops", res);
	if (v == IGG_DROP && !(malformed & RBIT(res->reason))) {
		if (!(rs(pol->drop) & RBIT(res->reason)))
			fail("drop on a reason the policy does not drop", res);
		if (dropping & (RBIT(res->reason) - 1))
			fail("a lower dropping finding did not decide", res);
	}

	if (igg_validate(p, len, pol, &again) != v || !same(res, &again))
		fail("second run differs", res);
	return v;
}

/*
 * Whether the v3 query in @p lists a source twice, by comparing every
 * pair: the reference the validator's budgeted hunt is held to.
 */
static bool has_dup_sources(const u8 *p, u32 len)
{
	u32 hlen = (p[0] & 0xf) * 4, n, i, j;
	const u8 *s;

	if (len < hlen + 12)
		return false;
	s = p + hlen + 12;
	n = (u32)s[-2] << 8 | s[-1];
	if (hlen + 12 + 4 * n > len)
		return false;
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (!memcmp(s + 4 * i, s + 4 * j, 4))
				return true;
	return false;
}

/*
 * Under another drop set the findings stay the same, and a malformed
 * verdict does not move at all. The seed can only decide whether a
 * duplicate source is found within the hunt's budget; a duplicate
 * reported under any seed must really be there.
 */
static void cross_check(const u8 *p, u32 len, const struct igg_policy *pol,
			const struct igg_result *res)
{
	struct igg_policy other = *pol;
	struct igg_result o;

	other.drop = igs(0);
	check(p, len, &other, &o);
	if (malformed & RBIT(o.reason)) {
		if (!same(res, &o))
			fail("malformed result depends on the drop set", res);
	} else if (findings(res) != rs(o.anomalies)) {
		fail("findings depend on the drop set", res);
	}
	if ((findings(res) & dup) && !has_dup_sources(p, len))
		fail("duplicate source reported where there is none", res);
	other = *pol;
	other.seed = ~pol->seed ^ 0x5bd1e995u;
	check(p, len, &other, &o);
	if (findings(&o) & dup && !has_dup_sources(p, len))
		fail("duplicate source reported where there is none", &o);
	if ((findings(res) ^ findings(&o)) & ~dup)
		fail("result depends on the seed beyond the duplicate hunt",
		     res);
}

static u64 get_le(const u8 *p, unsigned int n)
{
	u64 v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	unsigned int r;

	(void)argc;
	(void)argv;
	for (r = 1; r < IGG_R_COUNT; r++)
		if (igg_reasons[r].cls == IGG_CLASS_MALFORMED)
			malformed |= RBIT(r);
	atexit(report_worst);
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct igg_policy pol;
	struct igg_result res;

	if (size > 65535)
		return 0;
	igg_policy_default(&pol);
	check(data, (u32)size, &pol, &res);
	cross_check(data, (u32)size, &pol, &res);

	if (size <= POLICY_BYTES)
		return 0;
	/* Both words from the 8 policy bytes: x and a scramble of it. */
	pol.drop = igs(rs(pol.drop) ^ rset_of(get_le(data, 8),
					      get_le(data, 8) * 0x9e3779b97f4a7c15ull));
	pol.max_query_sources ^= (u32)get_le(data + 8, 2);
	pol.seed ^= (u32)get_le(data + 10, 4);
	data += POLICY_BYTES;
	size -= POLICY_BYTES;
	check(data, (u32)size, &pol, &res);
	cross_check(data, (u32)size, &pol, &res);
	return 0;
}
