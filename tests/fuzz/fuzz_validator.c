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
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igmpguard/validator.h>

#define POLICY_BYTES 14

/* Malformed reasons, from the table; set up in LLVMFuzzerInitialize(). */
static u64 malformed;

static void fail(const char *what, const struct igg_result *res)
{
	fprintf(stderr, "fuzz_validator: %s (reason %d %s, anomalies %#llx)\n",
		what, res->reason,
		(unsigned int)res->reason < IGG_R_COUNT ?
		igg_reasons[res->reason].name : "?",
		(unsigned long long)res->anomalies);
	abort();
}

static bool same(const struct igg_result *a, const struct igg_result *b)
{
	return a->reason == b->reason && a->anomalies == b->anomalies;
}

/* Every finding of a result: what decided it and what did not. */
static u64 findings(const struct igg_result *res)
{
	return res->anomalies |
	       (res->reason != IGG_R_NONE ? IGG_BIT(res->reason) : 0);
}

static enum igg_verdict check(const u8 *p, u32 len,
			      const struct igg_policy *pol,
			      struct igg_result *res)
{
	struct igg_result again;
	enum igg_verdict v = igg_validate(p, len, pol, res);
	u64 dropping;

	if (v != IGG_PASS && v != IGG_DROP)
		fail("verdict neither pass nor drop", res);
	if ((unsigned int)res->reason >= IGG_R_COUNT)
		fail("reason out of range", res);
	if (v == IGG_PASS && res->reason != IGG_R_NONE)
		fail("pass with a reason", res);
	if (v == IGG_DROP && res->reason == IGG_R_NONE)
		fail("drop without a reason", res);
	if (res->anomalies & (malformed | IGG_BIT(IGG_R_NONE)))
		fail("malformed reason or none among the anomalies", res);
	if (res->anomalies & IGG_BIT(res->reason))
		fail("deciding reason repeated among the anomalies", res);
	if (IGG_R_COUNT < 64 && res->anomalies >> IGG_R_COUNT)
		fail("anomaly bit past IGG_R_COUNT", res);

	dropping = res->anomalies & pol->drop & ~malformed;
	if (v == IGG_PASS && dropping)
		fail("pass although a finding drops", res);
	if (v == IGG_DROP && !(malformed & IGG_BIT(res->reason))) {
		if (!(pol->drop & IGG_BIT(res->reason)))
			fail("drop on a reason the policy does not drop", res);
		if (dropping & (IGG_BIT(res->reason) - 1))
			fail("a lower dropping finding did not decide", res);
	}

	if (igg_validate(p, len, pol, &again) != v || !same(res, &again))
		fail("second run differs", res);
	return v;
}

/*
 * Under another drop set the findings stay the same, and a malformed
 * verdict does not move at all; the seed never changes anything.
 */
static void cross_check(const u8 *p, u32 len, const struct igg_policy *pol,
			const struct igg_result *res)
{
	struct igg_policy other = *pol;
	struct igg_result o;

	other.drop = 0;
	check(p, len, &other, &o);
	if (malformed & IGG_BIT(o.reason)) {
		if (!same(res, &o))
			fail("malformed result depends on the drop set", res);
	} else if (findings(res) != o.anomalies) {
		fail("findings depend on the drop set", res);
	}
	other = *pol;
	other.seed = ~pol->seed ^ 0x5bd1e995u;
	check(p, len, &other, &o);
	if (!same(res, &o))
		fail("result depends on the seed", res);
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
			malformed |= IGG_BIT(r);
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
	pol.drop ^= get_le(data, 8);
	pol.max_query_sources ^= (u32)get_le(data + 8, 2);
	pol.seed ^= (u32)get_le(data + 10, 4);
	data += POLICY_BYTES;
	size -= POLICY_BYTES;
	check(data, (u32)size, &pol, &res);
	cross_check(data, (u32)size, &pol, &res);
	return 0;
}
