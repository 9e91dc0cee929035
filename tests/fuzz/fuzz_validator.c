// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for igg_validate() and igg_validate6().
 *
 * The whole input is validated as a packet under the default policy, by
 * the entry point its version nibble names (6: IPv6, anything else:
 * IPv4). If it is longer than POLICY_BYTES, those first bytes also make a
 * policy (XORed into the default, so zeros mean the default: drop set 8
 * bytes, max_query_sources 2, seed 4, max_ext_headers 1) and the IGG_VF_*
 * flags (1 byte) under which the rest is validated. Every result must
 * hold the invariants below; a broken one aborts with a line saying which.
 *
 * Built with IGG_COST_COUNT, it also holds the validator to its cost
 * bounds (igg_cost_within() in validator.h, igg_cost_within6() for
 * IPv6). At exit it prints, per family, the input that came closest to
 * the per-byte slope of its bound and the most cost per byte of inputs of
 * 256 bytes or more; with $FUZZ_COST_WORST set, it writes the IPv4 pair
 * to that path and to that path with ".per-byte" added, the IPv6 pair
 * with ".ipv6" and ".ipv6.per-byte".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igmpguard/validator.h>

#include "../unit/rset.h"

#ifndef IGG_COST_COUNT
#error "fuzz_validator checks the cost bound: build it with -DIGG_COST_COUNT"
#endif

#define POLICY_BYTES 16

/* Per family: the dearest input beyond its bound's slope, and per byte. */
struct worst {
	const char *family;
	const char *suffix;	/* of the $FUZZ_COST_WORST files */
	u32 slope10;		/* the bound's slope, in tenths a byte */
	u32 allows;		/* and its constant, in units */
	u64 cost;
	u32 len;
	long long excess;	/* cost - slope * len */
	u8 data[65536];
	/* Largest cost per byte among inputs of at least 256 bytes. */
	double per_byte;
	u32 per_byte_len;
	u8 per_byte_data[65536];
};

static struct worst worst4 = {
	.family = "IPv4", .suffix = "", .slope10 = 38, .allows = 6500,
	.excess = -(1LL << 62),
};
static struct worst worst6 = {
	.family = "IPv6", .suffix = ".ipv6", .slope10 = 230, .allows = 6000,
	.excess = -(1LL << 62),
};

/* Malformed reasons, from the table; set up in LLVMFuzzerInitialize(). */
static rset malformed;

static const rset dup = RBIT(IGG_R_V3_QUERY_DUP_SOURCES) |
			RBIT(IGG_R_MLD_QUERY_DUP_SOURCES);

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

static bool is_ipv6(const u8 *p, u32 len)
{
	return len && p[0] >> 4 == 6;
}

static void check_cost(const u8 *p, u32 len, const struct igg_result *res)
{
	bool v6 = is_ipv6(p, len);
	struct worst *w = v6 ? &worst6 : &worst4;
	long long excess = (long long)igg_cost - (long long)len * w->slope10 / 10;

	if (v6 ? !igg_cost_within6(igg_cost, len) :
		 !igg_cost_within(igg_cost, len)) {
		fprintf(stderr, "fuzz_validator: cost %llu at %u bytes (%s)\n",
			(unsigned long long)igg_cost, len, w->family);
		fail("cost above its bound (igg_cost_within, _within6)", res);
	}
	if (excess > w->excess) {
		w->excess = excess;
		w->cost = igg_cost;
		w->len = len;
		memcpy(w->data, p, len);
	}
	if (len >= 256 && (double)igg_cost / len > w->per_byte) {
		w->per_byte = (double)igg_cost / len;
		w->per_byte_len = len;
		memcpy(w->per_byte_data, p, len);
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

static void report_one(const struct worst *w, const char *path)
{
	char suffix[64];

	fprintf(stderr, "fuzz_validator: dearest %s input %u bytes, cost %llu, "
		"%lld over %u.%u a byte (the bound allows %u); "
		"most per byte at >= 256 bytes: %.2f (%u bytes)\n",
		w->family, w->len, (unsigned long long)w->cost, w->excess,
		w->slope10 / 10, w->slope10 % 10, w->allows, w->per_byte,
		w->per_byte_len);
	if (!path)
		return;
	if (w->len)
		save(path, w->suffix, w->data, w->len);
	snprintf(suffix, sizeof(suffix), "%s.per-byte", w->suffix);
	if (w->per_byte_len)
		save(path, suffix, w->per_byte_data, w->per_byte_len);
}

static void report_worst(void)
{
	const char *path = getenv("FUZZ_COST_WORST");

	report_one(&worst4, path);
	report_one(&worst6, path);
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

/* The entry point of the family the version nibble names. */
static enum igg_verdict validate(const u8 *p, u32 len, u32 flags,
				 const struct igg_policy *pol,
				 struct igg_result *res)
{
	if (is_ipv6(p, len))
		return igg_validate6(p, len, flags, pol, res);
	return igg_validate_flags(p, len, flags, pol, res);
}

static u32 vflags;	/* the IGG_VF_* flags of the current run */

static enum igg_verdict check(const u8 *p, u32 len,
			      const struct igg_policy *pol,
			      struct igg_result *res)
{
	struct igg_result again;
	enum igg_verdict v = validate(p, len, vflags, pol, res);
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

	if (validate(p, len, vflags, pol, &again) != v || !same(res, &again))
		fail("second run differs", res);
	return v;
}

/*
 * Whether the v3 query in @p lists a source twice, by comparing every
 * pair: the reference the validator's budgeted hunt is held to.
 */
static bool has_dup_sources4(const u8 *p, u32 len)
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
 * The same for an MLDv2 query behind an IPv6 chain, found by stepping
 * over every extension header by its length field, as RFC 8200 spells
 * it; 16-byte sources.
 */
static bool has_dup_sources6(const u8 *p, u32 len)
{
	u32 off = 40, end, hl, n, i, j;
	u8 nh;

	if (len < 40)
		return false;
	end = 40 + ((u32)p[4] << 8 | p[5]);
	if (end > len)
		return false;
	for (nh = p[6]; nh == 0 || nh == 43 || nh == 44 || nh == 51 ||
			nh == 60; nh = p[off - hl]) {
		if (end - off < 8)
			return false;
		hl = nh == 44 ? 8 : nh == 51 ? 4 * (p[off + 1] + 2u) :
		     8 * (p[off + 1] + 1u);
		if (hl > end - off)
			return false;
		off += hl;
	}
	if (nh != 58 || end - off < 28 || p[off] != 130)
		return false;
	n = (u32)p[off + 26] << 8 | p[off + 27];
	if (28 + 16ull * n > end - off)
		return false;
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (!memcmp(p + off + 28 + 16 * i,
				    p + off + 28 + 16 * j, 16))
				return true;
	return false;
}

static bool has_dup_sources(const u8 *p, u32 len)
{
	return is_ipv6(p, len) ? has_dup_sources6(p, len) :
				 has_dup_sources4(p, len);
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
	vflags = 0;
	check(data, (u32)size, &pol, &res);
	cross_check(data, (u32)size, &pol, &res);

	if (size <= POLICY_BYTES)
		return 0;
	/* Both words from the 8 policy bytes: x and a scramble of it. */
	pol.drop = igs(rs(pol.drop) ^ rset_of(get_le(data, 8),
					      get_le(data, 8) * 0x9e3779b97f4a7c15ull));
	pol.max_query_sources ^= (u32)get_le(data + 8, 2);
	pol.seed ^= (u32)get_le(data + 10, 4);
	pol.max_ext_headers ^= data[14];
	vflags = data[15] & IGG_VF_BIG_TCP;
	data += POLICY_BYTES;
	size -= POLICY_BYTES;
	check(data, (u32)size, &pol, &res);
	cross_check(data, (u32)size, &pol, &res);
	return 0;
}
