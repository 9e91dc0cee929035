// SPDX-License-Identifier: GPL-2.0
/*
 * The duplicate-source hunt of v3 queries (igg_dup_sources()): exact when
 * it says yes, exact on lists whose buckets are short, and bounded in cost
 * whatever the sources are. Lists are aimed at the buckets with the bucket
 * function validator.h exposes for this.
 */
#include <string.h>

#include "expect.h"
#include "pkt.h"
#include "tap.h"
#include "tests.h"

#define MAXSRC		IGG_DUP_HUNT_MAX
#define OTHER_SEED	0xdeadbeefu

/* Sources as they sit in a packet: 4 bytes each, network order. */
struct srclist {
	u8 b[4 * MAXSRC];
	u32 n;
};

static void put_src(struct srclist *l, u32 i, u32 addr)
{
	l->b[4 * i] = (u8)(addr >> 24);
	l->b[4 * i + 1] = (u8)(addr >> 16);
	l->b[4 * i + 2] = (u8)(addr >> 8);
	l->b[4 * i + 3] = (u8)addr;
}

static u32 bucket(u32 addr, u32 seed)
{
	struct srclist one;
	u32 raw;

	put_src(&one, 0, addr);
	memcpy(&raw, one.b, 4);
	return igg_dup_bucket(raw, igg_dup_key(seed));
}

/* @n distinct sources from 10.0.0.1 up, each in a bucket of its own. */
static void spread(struct srclist *l, u32 n, u32 seed)
{
	bool used[IGG_DUP_BUCKETS] = { false };
	u32 a = 0x0a000001u, h;

	for (l->n = 0; l->n < n; a++) {
		h = bucket(a, seed);
		if (!used[h]) {
			used[h] = true;
			put_src(l, l->n++, a);
		}
	}
}

/* @n distinct sources from 10.0.0.1 up, all in one bucket. */
static void collide(struct srclist *l, u32 n, u32 seed)
{
	u32 a = 0x0a000001u, h = bucket(a, seed);

	for (l->n = 0; l->n < n; a++)
		if (bucket(a, seed) == h)
			put_src(l, l->n++, a);
}

static void copy_src(struct srclist *l, u32 to, u32 from)
{
	memcpy(l->b + 4 * to, l->b + 4 * from, 4);
}

static bool dup(const struct srclist *l, u32 seed)
{
	return igg_dup_sources(l->b, l->n, seed);
}

/* With a bucket each, every repeat is found, however far apart. */
static void t_found(void)
{
	static const u32 sizes[] = { 2, 3, 17, 64, MAXSRC };
	static const u32 seeds[] = { 0, OTHER_SEED };
	struct srclist l;
	u32 s, z, i, j, step;

	for (s = 0; s < 2; s++) {
		for (z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
			spread(&l, sizes[z], seeds[s]);
			CHECK(!dup(&l, seeds[s]), "%u distinct, seed %#x: dup",
			      l.n, seeds[s]);
			/* Every pair of small lists, a sample of big ones. */
			step = l.n > 64 ? 61 : 1;
			for (i = 0; i < l.n; i += step) {
				for (j = i + 1; j < l.n; j += step) {
					spread(&l, sizes[z], seeds[s]);
					copy_src(&l, j, i);
					CHECK(dup(&l, seeds[s]),
					      "%u sources, seed %#x: %u = %u "
					      "missed", l.n, seeds[s], j, i);
				}
			}
		}
	}
}

/* Distinct sources in one bucket are compared, never taken for repeats. */
static void t_colliding_distinct(void)
{
	struct srclist l;
	u32 n;

	for (n = 2; n <= MAXSRC; n += n < 16 ? 1 : 50) {
		collide(&l, n, 0);
		CHECK(!dup(&l, 0), "%u distinct sources in one bucket: dup", n);
	}
}

/*
 * All sources in one bucket: source i walks a chain of i, newest first, so
 * walks 1..k fit a budget of n compares while k (k + 1) / 2 <= n. A repeat
 * the walks reach before that is found.
 */
static void t_colliding_found(void)
{
	struct srclist l;
	u32 i;

	/* 20 compares: scans of 1, 2, 3, 4 and 5 fit (15), the 6th not. */
	for (i = 1; i <= 5; i++) {
		collide(&l, 20, 0);
		copy_src(&l, i, 0);
		CHECK(dup(&l, 0), "20 colliding, %u = 0 missed", i);
		collide(&l, 20, 0);
		copy_src(&l, i, i - 1);
		CHECK(dup(&l, 0), "20 colliding, %u = %u missed", i, i - 1);
	}
}

/*
 * Once the budget is spent the hunt stops and says no: that is what the
 * anomaly's "within the budget" means. The exact scan of the code before
 * the budget found these.
 */
static void t_budget_spent(void)
{
	struct igg_policy pol;
	struct srclist l;
	struct buf b = { 0 };
	struct ipspec s = ipspec_igmp("239.1.2.3");
	struct pkt k;

	collide(&l, 20, 0);
	copy_src(&l, 19, 0);
	CHECK(!dup(&l, 0), "20 colliding, 19 = 0 found past the budget");
	/* Budget 20, walks 1..5 took 15: source 6 walks back to 1 only. */
	collide(&l, 20, 0);
	copy_src(&l, 6, 0);
	CHECK(!dup(&l, 0), "20 colliding, 6 = 0 found past the budget");
	collide(&l, 20, 0);
	copy_src(&l, 6, 1);
	CHECK(dup(&l, 0), "20 colliding, 6 = 1 missed within the budget");

	/* The same through igg_validate(): no anomaly, and the cost stays low. */
	collide(&l, MAXSRC, 0);
	copy_src(&l, MAXSRC - 1, 0);
	buf_spec(&b, "1164 0000 @239.1.2.3 027d");
	buf_be16(&b, MAXSRC);
	buf_put(&b, l.b, 4 * MAXSRC);
	k = pkt_build(&s, b.d, b.n);
	igg_policy_default(&pol);
	pol.max_query_sources = MAXSRC;
	expect_validate("255 colliding, last = first, seed 0", k.d, k.len,
			&pol, IGG_R_NONE, 0);
	CHECK(igg_cost_within(igg_cost, k.len), "cost %llu at %u bytes",
	      (unsigned long long)igg_cost, k.len);

	/*
	 * Under another key their buckets are short (n * n / 512 compares
	 * expected, under the budget of n), and the repeat is found.
	 */
	pol.seed = OTHER_SEED;
	expect_validate("255 colliding under seed 0, last = first, another seed",
			k.d, k.len, &pol, IGG_R_NONE,
			RBIT(IGG_R_V3_QUERY_DUP_SOURCES));
	pkt_free(&k);
	buf_free(&b);
}

/*
 * The dearest list: all sources in one bucket, so the walks spend the
 * whole budget. It still keeps the cost bound.
 */
static void t_cost_bound(void)
{
	struct srclist l;
	rset plain;

	spread(&l, MAXSRC, 0);
	igg_cost = 0;
	CHECK(!dup(&l, 0), "spread list: dup");
	plain = igg_cost;

	collide(&l, MAXSRC, 0);
	igg_cost = 0;
	CHECK(!dup(&l, 0), "dearest list: dup");
	tap_diag("%u sources: %llu units with a bucket each, %llu with "
		 "the whole budget spent", l.n, (unsigned long long)plain,
		 (unsigned long long)igg_cost);
	/* A compare costs at most half a step into a chain. */
	CHECK(igg_cost * 2 <= plain * 3, "dearest list costs %llu",
	      (unsigned long long)igg_cost);
}

/*
 * The module keys the hunt at random at every load, so what the
 * selftests' vectors expect must hold under every key: lists of 64 and
 * 65 sources in steps of 1, 256 (10.0.i.1, as the vectors have them) and
 * 65536, whose last repeats the first or the one before, under a
 * thousand keys.
 */
static void t_any_key(void)
{
	static const u32 sizes[] = { 64, 65 }, steps[] = { 1, 256, 65536 };
	struct srclist l;
	u32 seed, z, st, i, missed = 0;

	for (z = 0; z < 2 * 3; z++) {
		for (seed = 1; seed <= 1000; seed++) {
			st = steps[z / 2];
			for (l.n = 0; l.n < sizes[z % 2] - 1; l.n++)
				put_src(&l, l.n, 0x0a000001u + l.n * st);
			l.n = sizes[z % 2];
			for (i = 0; i < 2; i++) {
				copy_src(&l, l.n - 1, i ? l.n - 2 : 0);
				missed += !dup(&l, seed);
			}
		}
	}
	CHECK(!missed, "%u of 12000 repeats missed", missed);
}

static unsigned int count(void)
{
	return 6;
}

static void run(void)
{
	tap_begin("dup hunt: with a bucket each every repeat is found");
	t_found();
	tap_end();
	tap_begin("dup hunt: distinct sources sharing a bucket are no repeat");
	t_colliding_distinct();
	tap_end();
	tap_begin("dup hunt: repeats among colliding sources found within "
		  "the budget");
	t_colliding_found();
	tap_end();
	tap_begin("dup hunt: past the budget a repeat is not reported");
	t_budget_spent();
	tap_end();
	tap_begin("dup hunt: the whole budget costs at most half the chaining");
	t_cost_bound();
	tap_end();
	tap_begin("dup hunt: the selftests' repeats are found under any key");
	t_any_key();
	tap_end();
}

const struct tgroup group_dup = { "dup-sources", NULL, 0, count, run };
