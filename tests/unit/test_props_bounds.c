// SPDX-License-Identifier: GPL-2.0
/*
 * Property tests on the buffer bounds. Every call runs on a heap block of
 * exactly the length given, so ASan (or valgrind in the plain build)
 * reports any byte read outside it; the checks here add what a sanitizer
 * cannot see: results that depend on bytes the validator was not given.
 */
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "expect.h"
#include "gen.h"
#include "tap.h"
#include "tests.h"

#define SYNTH		1000
#define MUTATIONS	20000

static bool same(const struct igg_result *a, const struct igg_result *b)
{
	return a->reason == b->reason && rs(a->anomalies) == rs(b->anomalies);
}

/* Equal findings, leaving out a duplicate source (and its drop). */
static bool same_but_dup(const struct igg_result *a,
			 const struct igg_result *b)
{
	rset dup = RBIT(IGG_R_V3_QUERY_DUP_SOURCES);
	rset fa = rs(a->anomalies) | RBIT(a->reason);
	rset fb = rs(b->anomalies) | RBIT(b->reason);

	return !((fa ^ fb) & ~dup & ~RBIT(IGG_R_NONE));
}

/* The result for @len bytes of @p followed in memory by @extra garbage. */
static void run_followed(const u8 *p, u32 len, u32 extra, struct rng *r,
			 const struct igg_policy *pol, struct igg_result *res)
{
	u8 *b = malloc(len + extra);
	u32 i;

	memcpy(b, p, len);
	for (i = 0; i < extra; i++)
		b[len + i] = (u8)rng_next(r);
	validate_as(is_ipv6(p, len), b, len, 0, pol, res);
	free(b);
}

static void t_synth_pass(void)
{
	struct rng r = { 0x9e4 };
	struct igg_result res;
	enum igg_verdict v;
	struct pkt k;
	unsigned int i;
	char a[256];

	for (i = 0; i < 3000; i++) {
		k = gen_valid(&r);
		v = run_validate(k.d, k.len, NULL, &res);
		CHECK(v == IGG_PASS, "synthesized packet %u dropped: %s [%s]", i,
		      rname(res.reason), fmt_set(rs(res.anomalies), a, sizeof(a)));
		pkt_free(&k);
	}
}

static u8 edge_value(struct rng *r)
{
	static const u8 v[] = { 0, 1, 2, 3, 4, 5, 7, 8, 9, 11, 12, 39, 40,
				41, 127, 128, 255 };

	return rng_chance(r, 4) ? (u8)rng_next(r) : v[rng_below(r, sizeof(v))];
}

/* One random damage: a bit, a byte, a length or count field, the size. */
static void damage(struct rng *r, struct pkt *k)
{
	u32 hl = k->len ? ip_hlen(k->d) : 0, off, v;

	switch (rng_below(r, 9)) {
	case 0:
		if (k->len)
			k->d[rng_below(r, k->len)] ^= 1 << rng_below(r, 8);
		break;
	case 1:
		if (k->len)
			k->d[rng_below(r, k->len)] = (u8)rng_next(r);
		break;
	case 2:
		if (k->len >= 4) {
			v = rng_chance(r, 2) ? (u32)rng_next(r) :
			    k->len + rng_below(r, 9) - 4;
			put_be16(k->d + 2, (u16)v);
		}
		break;
	case 3:
		if (k->len)
			k->d[0] = (u8)(0x40 | rng_below(r, 16));
		break;
	case 4:
		/* An option length or pointer byte. */
		if (hl > 20 && hl <= k->len)
			k->d[20 + rng_below(r, hl - 20)] = edge_value(r);
		break;
	case 5:
		/* IGMP count fields and record headers. */
		if (hl >= 20 && hl + 12 <= k->len) {
			off = hl + (rng_chance(r, 2) ? 6 : 10) +
			      rng_below(r, 2);
			if (rng_chance(r, 3))
				off = hl + 8 + rng_below(r, k->len - hl - 8);
			k->d[off] = edge_value(r);
		}
		break;
	case 6:
		pkt_resize(k, rng_below(r, k->len + 1), 0);
		break;
	case 7:
		if (k->len < 65535 - 64)
			pkt_resize(k, k->len + rng_range(r, 1, 64),
				   (u8)rng_next(r));
		break;
	default:
		if (k->len >= 8)
			put_be16(k->d + 6, rng_chance(r, 2) ? 0x2000 :
				 (u16)rng_next(r));
		break;
	}
}

/* Checksums right after the damage, so the walk goes past them. */
static void refix(struct pkt *k)
{
	u32 hl;

	if (k->len < 20)
		return;
	hl = ip_hlen(k->d);
	if (hl < 20 || hl > k->len)
		return;
	ip_fix_csum(k->d);
	if (ip_tot(k->d) <= k->len && ip_tot(k->d) >= hl + 4)
		l4_fix_csum(k->d);
}

/*
 * For each mutated packet: results are deterministic, do not depend on
 * pol->seed but for whether the duplicate-source hunt finds a repeat
 * within its budget (the seed keys its filter), and do not depend on
 * bytes past the length given.
 */
static void t_mutations(void)
{
	struct corpus c;
	struct rng r = { 0xbadf00d };
	struct igg_policy def, seeded;
	struct igg_result a, b;
	struct pkt k;
	unsigned int i, n, drops = 0;

	corpus_build(&c, SYNTH, 0x5eed3);
	igg_policy_default(&def);
	for (i = 0; i < MUTATIONS; i++) {
		k = pkt_copy(c.p[i % c.n].d, c.p[i % c.n].len);
		for (n = rng_range(&r, 1, 3); n; n--)
			damage(&r, &k);
		if (rng_chance(&r, 2))
			refix(&k);
		drops += run_validate(k.d, k.len, NULL, &a) == IGG_DROP;
		run_validate(k.d, k.len, NULL, &b);
		CHECK(same(&a, &b), "mutation %u: two runs differ", i);
		seeded = def;
		seeded.seed = (u32)rng_next(&r);
		run_validate(k.d, k.len, &seeded, &b);
		CHECK(same_but_dup(&a, &b),
		      "mutation %u: seed %#x changed the result", i,
		      seeded.seed);
		run_followed(k.d, k.len, rng_range(&r, 1, 64), &r, &def, &b);
		CHECK(same(&a, &b),
		      "mutation %u: bytes past len changed the result", i);
		pkt_free(&k);
	}
	tap_diag("%u mutations of %u packets, %u dropped", MUTATIONS, c.n,
		 drops);
	corpus_free(&c);
}

/*
 * With the whole datagram in the buffer (tot_len <= len), more bytes after
 * it (link-layer padding, a longer len) change nothing.
 */
static void t_padding(void)
{
	struct corpus c;
	struct rng r = { 0x9ad };
	struct igg_result a, b;
	struct pkt k;
	unsigned int i, checked = 0;

	corpus_build(&c, SYNTH, 0x5eed4);
	for (i = 0; i < c.n; i++) {
		if (!pkt_trim(&c.p[i], &k))
			continue;
		run_validate(k.d, k.len, NULL, &a);
		pkt_resize(&k, k.len + rng_range(&r, 1, 46), (u8)rng_next(&r));
		run_validate(k.d, k.len, NULL, &b);
		CHECK(same(&a, &b), "packet %u: padding changed the result", i);
		checked++;
		pkt_free(&k);
	}
	tap_diag("%u padded packets", checked);
	corpus_free(&c);
}

static unsigned int count(void)
{
	return 3;
}

static void run(void)
{
	tap_begin("property: synthesized valid packets pass");
	t_synth_pass();
	tap_end();
	tap_begin("property: link-layer padding changes nothing");
	t_padding();
	tap_end();
	tap_begin("property: mutations stay in bounds, deterministic, "
		  "seed- and past-len-independent");
	t_mutations();
	tap_end();
}

const struct tgroup group_props_bounds = { "props-bounds", NULL, 0, count,
					   run };
