// SPDX-License-Identifier: GPL-2.0
/*
 * Policy knobs: the bool knobs, max_query_sources, anomalies turned into
 * drops, and malformed packets that no policy can let through.
 */
#include <stdio.h>

#include "corpus.h"
#include "tap.h"
#include "tests.h"
#include "rng.h"
#include "triggers.h"

#define G "239.1.2.3"

/* Result of @r's trigger packet under @pol (NULL: default). */
static bool run_trigger(enum igg_reason r, const struct igg_policy *pol,
			struct igg_result *res)
{
	enum igg_reason want;
	struct pkt k;
	rset anom;

	if (!CHECK(trigger_packet(r, &k, &want, &anom),
		   "no trigger packet for %s", rname(r)))
		return false;
	run_validate(k.d, k.len, pol, res);
	pkt_free(&k);
	return true;
}

static void t_triggers(void)
{
	struct igg_result res;
	enum igg_reason want;
	unsigned int r;
	char a[256], b[256];
	struct pkt k;
	rset anom;

	for (r = 1; r < IGG_R_COUNT; r++) {
		if (!run_trigger(r, NULL, &res))
			continue;
		trigger_packet(r, &k, &want, &anom);
		pkt_free(&k);
		CHECK(res.reason == want && rs(res.anomalies) == anom,
		      "trigger for %s: got %s [%s], expected %s [%s]", rname(r),
		      rname(res.reason), fmt_set(rs(res.anomalies), a, sizeof(a)),
		      rname(want), fmt_set(anom, b, sizeof(b)));
		CHECK(res.reason == r || (rs(res.anomalies) & RBIT(r)),
		      "trigger for %s does not yield it", rname(r));
	}
}

static void t_knobs(void)
{
	const struct igg_bool_knob *kn;
	struct igg_policy pol;
	struct igg_result on, off;
	unsigned int i, r;
	rset kr;

	for (i = 0; i < IGG_BOOL_KNOB_COUNT; i++) {
		kn = &igg_bool_knobs[i];
		kr = rs(igg_knob_reasons(kn));
		for (r = 1; r < IGG_R_COUNT; r++) {
			if (!(kr & RBIT(r)))
				continue;
			igg_policy_default(&pol);
			pol.drop = igs(rs(pol.drop) | kr);
			if (!run_trigger(r, &pol, &on))
				continue;
			pol.drop = igs(rs(pol.drop) & ~kr);
			run_trigger(r, &pol, &off);
			CHECK(on.reason == r, "%s on: reason %s", kn->name,
			      rname(on.reason));
			CHECK(off.reason == IGG_R_NONE, "%s off: reason %s",
			      kn->name, rname(off.reason));
			CHECK(rs(off.anomalies) == (rs(on.anomalies) | RBIT(r)),
			      "%s off: %s not kept among the anomalies",
			      kn->name, rname(r));
		}
	}
	CHECK(IGG_BOOL_KNOB_COUNT > 0, "no bool knobs");
}

/* A group-and-source query for G with @n distinct sources. */
static struct pkt gss(u32 n)
{
	struct ipspec s = ipspec_igmp(G);
	struct buf b = { 0 };
	struct pkt k;
	u32 i;

	buf_spec(&b, "1164 0000 @" G " 027d");
	buf_be16(&b, (u16)n);
	for (i = 0; i < n; i++)
		buf_be32(&b, 0x0a000000u + i * 7);
	k = pkt_build(&s, b.d, b.n);
	buf_free(&b);
	return k;
}

static void expect_gss(u32 n, const struct igg_policy *pol,
		       enum igg_reason reason, rset anom)
{
	struct pkt k = gss(n);
	char what[64];

	snprintf(what, sizeof(what), "%u sources, cap %u", n,
		 pol->max_query_sources);
	expect_validate(what, k.d, k.len, pol, reason, anom);
	pkt_free(&k);
}

static void t_cap(void)
{
	static const u32 caps[] = { 1, 2, 63, 64, 65, 100, 365, 366, 367,
				    1000, 16000 };
	struct igg_policy pol;
	unsigned int i;

	igg_policy_default(&pol);
	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		pol.max_query_sources = caps[i];
		expect_gss(caps[i] - 1, &pol, IGG_R_NONE, 0);
		expect_gss(caps[i], &pol, IGG_R_NONE, 0);
		expect_gss(caps[i] + 1, &pol, IGG_R_V3_QUERY_SOURCES, 0);
	}
	/* The most sources a datagram can hold, under the largest cap. */
	pol.max_query_sources = IGG_MAX_QUERY_SOURCES_LIMIT;
	expect_gss(16374, &pol, IGG_R_NONE, 0);
}

static void t_cap_zero(void)
{
	struct igg_policy pol;

	igg_policy_default(&pol);
	pol.max_query_sources = 0;
	expect_gss(0, &pol, IGG_R_NONE, 0);
	expect_gss(1, &pol, IGG_R_V3_QUERY_SOURCES, 0);
	expect_gss(2, &pol, IGG_R_V3_QUERY_SOURCES, 0);
}

static void t_cap_not_dropping(void)
{
	struct igg_policy pol;

	igg_policy_default(&pol);
	pol.drop = igs(rs(pol.drop) & (~RB(V3_QUERY_SOURCES)));
	expect_gss(65, &pol, IGG_R_NONE, RB(V3_QUERY_SOURCES));
	expect_gss(64, &pol, IGG_R_NONE, 0);
}

static void t_drop_anomalies(void)
{
	struct igg_policy pol;
	struct igg_result res;
	unsigned int r;

	for (r = 1; r < IGG_R_COUNT; r++) {
		if (igg_reasons[r].cls != IGG_CLASS_ANOMALY)
			continue;
		igg_policy_default(&pol);
		pol.drop = igs(rs(pol.drop) | (RBIT(r)));
		if (!run_trigger(r, &pol, &res))
			continue;
		CHECK(res.reason == r, "drop_anomalies=%s: reason %s",
		      rname(r), rname(res.reason));
		/* Every anomaly at once: the lowest one decides. */
		pol.drop = igs(rs(pol.drop) | (class_set(IGG_CLASS_ANOMALY)));
		run_trigger(r, &pol, &res);
		CHECK(res.reason != IGG_R_NONE && res.reason <= r,
		      "all anomalies dropping: %s decided for %s",
		      rname(res.reason), rname(r));
	}
}

static void t_policy_first(void)
{
	struct igg_policy pol;
	struct ipspec s = ipspec_igmp("192.0.2.50");
	struct buf b = { 0 };
	struct pkt k;

	/* B7 (a): TTL 64, no router alert. */
	s.opt = "";
	s.ttl = 64;
	buf_spec(&b, "11ff 0000 @224.0.0.1");
	k = pkt_build(&s, b.d, b.n);
	igg_policy_default(&pol);
	pol.drop = igs(RSET_ALL);
	expect_validate("all dropping", k.d, k.len, &pol, IGG_R_IGMP_TTL,
			RB(IGMP_NO_ROUTER_ALERT));
	pol.drop = igs(RB(IGMP_NO_ROUTER_ALERT));
	expect_validate("only the anomaly", k.d, k.len, &pol,
			IGG_R_IGMP_NO_ROUTER_ALERT, RB(IGMP_TTL));
	pol.drop = igs(0);
	expect_validate("nothing dropping", k.d, k.len, &pol, IGG_R_NONE,
			RB(IGMP_TTL) | RB(IGMP_NO_ROUTER_ALERT));
	pkt_free(&k);
	buf_free(&b);
}

static void t_malformed_always(void)
{
	static const rset drops[] = { 0, RSET_ALL };
	struct igg_policy pol;
	struct igg_result def, res;
	unsigned int r, i;

	for (r = 1; r < IGG_R_COUNT; r++) {
		if (!run_trigger(r, NULL, &def))
			continue;
		for (i = 0; i < 2; i++) {
			igg_policy_default(&pol);
			pol.drop = igs(drops[i]);
			run_trigger(r, &pol, &res);
			if (igg_reasons[r].cls == IGG_CLASS_MALFORMED) {
				CHECK(res.reason == r &&
				      rs(res.anomalies) == rs(def.anomalies),
				      "%s with drop set %s: got %s", rname(r),
				      drops[i] ? "all" : "none",
				      rname(res.reason));
			} else if (!drops[i]) {
				CHECK(res.reason == IGG_R_NONE &&
				      (rs(res.anomalies) & RBIT(r)),
				      "%s with nothing dropping: got %s",
				      rname(r), rname(res.reason));
			}
		}
	}
}

static void t_drop_ignored_bits(void)
{
	struct igg_policy pol, def;
	struct igg_result a, b;
	unsigned int r;

	igg_policy_default(&def);
	pol = def;
	pol.drop = igs(rs(pol.drop) | (class_set(IGG_CLASS_MALFORMED) | RBIT(IGG_R_NONE)));
	for (r = 1; r < IGG_R_COUNT; r++) {
		if (!run_trigger(r, &def, &a))
			continue;
		run_trigger(r, &pol, &b);
		CHECK(a.reason == b.reason && rs(a.anomalies) == rs(b.anomalies),
		      "%s: malformed bits in pol->drop changed the result",
		      rname(r));
	}
}

/*
 * pol->drop decides only which finding drops: the findings themselves
 * (deciding reason plus anomalies) are the same under every drop set.
 */
static void t_findings_stable(void)
{
	struct corpus c;
	struct igg_policy pol, none;
	struct igg_result a, b;
	struct rng rng = { 0x1d1d };
	unsigned int i, j;
	rset found;

	corpus_build(&c, 1000, 0xc0ffee);
	igg_policy_default(&none);
	none.drop = igs(0);
	for (i = 0; i < c.n; i++) {
		run_validate(c.p[i].d, c.p[i].len, &none, &a);
		for (j = 0; j < 3; j++) {
			pol = none;
			pol.drop = igs(rset_of(rng_next(&rng), rng_next(&rng)) &
				       rset_of(rng_next(&rng), rng_next(&rng)));
			run_validate(c.p[i].d, c.p[i].len, &pol, &b);
			if (malformed_set & RBIT(a.reason)) {
				CHECK(b.reason == a.reason &&
				      rs(b.anomalies) == rs(a.anomalies),
				      "packet %u: malformed result moved", i);
				continue;
			}
			CHECK(a.reason == IGG_R_NONE,
			      "packet %u: drop on %s with nothing dropping", i,
			      rname(a.reason));
			found = rs(b.anomalies) |
				(b.reason ? RBIT(b.reason) : 0);
			CHECK(found == rs(a.anomalies),
			      "packet %u: findings changed with drop %#llx %#llx",
			      i, (unsigned long long)pol.drop.w[1],
			      (unsigned long long)pol.drop.w[0]);
		}
	}
	tap_diag("%u packets, 3 drop sets each", c.n);
	corpus_free(&c);
}

static const struct {
	const char *name;
	void (*fn)(void);
} policy_tests[] = {
	{ "every reason has a trigger packet the default policy reports",
	  t_triggers },
	{ "each bool knob off turns its drop into a kept finding", t_knobs },
	{ "max_query_sources: cap passes, cap + 1 drops", t_cap },
	{ "max_query_sources 0 allows no sources", t_cap_zero },
	{ "v3_query_sources not dropping keeps the finding",
	  t_cap_not_dropping },
	{ "anomalies in pol->drop drop", t_drop_anomalies },
	{ "policy findings decide before anomalies", t_policy_first },
	{ "malformed drops under every policy", t_malformed_always },
	{ "malformed and none bits in pol->drop change nothing",
	  t_drop_ignored_bits },
	{ "findings do not depend on pol->drop", t_findings_stable },
};

#define NTESTS (sizeof(policy_tests) / sizeof(policy_tests[0]))

static unsigned int count(void)
{
	return NTESTS;
}

static void run(void)
{
	unsigned int i;

	for (i = 0; i < NTESTS; i++) {
		tap_begin("policy: %s", policy_tests[i].name);
		policy_tests[i].fn();
		tap_end();
	}
}

const struct tgroup group_policy = { "policy", NULL, 0, count, run };
