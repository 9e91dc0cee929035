// SPDX-License-Identifier: GPL-2.0
/*
 * The duplicate-source hunt of v3 and MLDv2 queries (igg_dup_sources()):
 * exact when it says yes, exact on lists whose buckets are short, and
 * bounded in cost whatever the sources are, for 4-byte and 16-byte
 * sources alike. Lists are aimed at the buckets with the bucket functions
 * validator.h exposes for this.
 */
#include <string.h>

#include "expect.h"
#include "pkt.h"
#include "tap.h"
#include "tests.h"

#define MAXSRC		IGG_DUP_HUNT_MAX
#define OTHER_SEED	0xdeadbeefu

/*
 * Sources as they sit in a packet: @size bytes each (4 for IGMPv3, 16 for
 * MLDv2), network order. Source number a of a list is a itself for IPv4
 * and 2001:db8::a (a in the low 32 bits) for IPv6, so every test runs
 * unchanged on both sizes.
 */
struct srclist {
	u8 b[16 * MAXSRC];
	u32 n, size;
};

static const u32 sizes_of_source[] = { 4, 16 };

static void put_be32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

static void put_src(struct srclist *l, u32 i, u32 addr)
{
	u8 *p = l->b + l->size * i;

	if (l->size == 16) {
		memset(p, 0, 16);
		p[0] = 0x20;
		p[1] = 0x01;
		p[2] = 0x0d;
		p[3] = 0xb8;
		p += 12;
	}
	put_be32(p, addr);
}

/* The bucket of the source at @p under @seed, as the hunt computes it. */
static u32 bucket_at(const u8 *p, u32 size, u32 seed)
{
	struct igg_dup_fold fold = igg_dup_fold_of(seed);
	u32 raw;

	if (size == 16)
		raw = igg_dup_fold16(p, &fold);
	else
		memcpy(&raw, p, 4);
	return igg_dup_bucket(raw, igg_dup_key(seed));
}

static u32 bucket(u32 size, u32 addr, u32 seed)
{
	struct srclist one = { .size = size };

	put_src(&one, 0, addr);
	return bucket_at(one.b, size, seed);
}

/* @n distinct sources from number 10.0.0.1 up, each in a bucket of its own. */
static void spread(struct srclist *l, u32 n, u32 seed)
{
	bool used[IGG_DUP_BUCKETS] = { false };
	u32 a = 0x0a000001u, h;

	for (l->n = 0; l->n < n; a++) {
		h = bucket(l->size, a, seed);
		if (!used[h]) {
			used[h] = true;
			put_src(l, l->n++, a);
		}
	}
}

/* @n distinct sources from number 10.0.0.1 up, all in one bucket. */
static void collide(struct srclist *l, u32 n, u32 seed)
{
	u32 a = 0x0a000001u, h = bucket(l->size, a, seed);

	for (l->n = 0; l->n < n; a++)
		if (bucket(l->size, a, seed) == h)
			put_src(l, l->n++, a);
}

static void copy_src(struct srclist *l, u32 to, u32 from)
{
	memcpy(l->b + l->size * to, l->b + l->size * from, l->size);
}

static bool dup(const struct srclist *l, u32 seed)
{
	return igg_dup_sources(l->b, l->n, l->size, seed);
}

/* With a bucket each, every repeat is found, however far apart. */
static void t_found(u32 size)
{
	static const u32 sizes[] = { 2, 3, 17, 64, MAXSRC };
	static const u32 seeds[] = { 0, OTHER_SEED };
	struct srclist l = { .size = size };
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
					      "%u-byte: %u sources, seed %#x: "
					      "%u = %u missed", size, l.n,
					      seeds[s], j, i);
				}
			}
		}
	}
}

/* Distinct sources in one bucket are compared, never taken for repeats. */
static void t_colliding_distinct(u32 size)
{
	struct srclist l = { .size = size };
	u32 n;

	for (n = 2; n <= MAXSRC; n += n < 16 ? 1 : 50) {
		collide(&l, n, 0);
		CHECK(!dup(&l, 0), "%u-byte: %u distinct sources in one "
		      "bucket: dup", size, n);
	}
}

/*
 * All sources in one bucket: source i walks a chain of i, newest first, so
 * walks 1..k fit a budget of n compares while k (k + 1) / 2 <= n. A repeat
 * the walks reach before that is found.
 */
static void t_colliding_found(u32 size)
{
	struct srclist l = { .size = size };
	u32 i;

	/* 20 compares: scans of 1, 2, 3, 4 and 5 fit (15), the 6th not. */
	for (i = 1; i <= 5; i++) {
		collide(&l, 20, 0);
		copy_src(&l, i, 0);
		CHECK(dup(&l, 0), "%u-byte: 20 colliding, %u = 0 missed",
		      size, i);
		collide(&l, 20, 0);
		copy_src(&l, i, i - 1);
		CHECK(dup(&l, 0), "%u-byte: 20 colliding, %u = %u missed",
		      size, i, i - 1);
	}
}

/*
 * Once the budget is spent the hunt stops and says no: that is what the
 * anomaly's "within the budget" means. The exact scan of the code before
 * the budget found these.
 */
static void t_budget_spent(u32 size)
{
	struct srclist l = { .size = size };

	collide(&l, 20, 0);
	copy_src(&l, 19, 0);
	CHECK(!dup(&l, 0), "%u-byte: 20 colliding, 19 = 0 found past the "
	      "budget", size);
	/* Budget 20, walks 1..5 took 15: source 6 walks back to 1 only. */
	collide(&l, 20, 0);
	copy_src(&l, 6, 0);
	CHECK(!dup(&l, 0), "%u-byte: 20 colliding, 6 = 0 found past the "
	      "budget", size);
	collide(&l, 20, 0);
	copy_src(&l, 6, 1);
	CHECK(dup(&l, 0), "%u-byte: 20 colliding, 6 = 1 missed within the "
	      "budget", size);
}

/* The same through igg_validate(): no anomaly, and the cost stays low. */
static void t_budget_spent_igmp(void)
{
	struct igg_policy pol;
	struct srclist l = { .size = 4 };
	struct buf b = { 0 };
	struct ipspec s = ipspec_igmp("239.1.2.3");
	struct pkt k;

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
static void t_cost_bound(u32 size)
{
	struct srclist l = { .size = size };
	rset plain;

	spread(&l, MAXSRC, 0);
	igg_cost = 0;
	CHECK(!dup(&l, 0), "%u-byte: spread list: dup", size);
	plain = igg_cost;

	collide(&l, MAXSRC, 0);
	igg_cost = 0;
	CHECK(!dup(&l, 0), "%u-byte: dearest list: dup", size);
	tap_diag("%u sources of %u bytes: %llu units with a bucket each, "
		 "%llu with the whole budget spent", l.n, size,
		 (unsigned long long)plain, (unsigned long long)igg_cost);
	/* A compare costs at most half a step into a chain. */
	CHECK(igg_cost * 2 <= plain * 3, "%u-byte: dearest list costs %llu",
	      size, (unsigned long long)igg_cost);
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
	struct srclist l = { .size = 4 };
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

/* Source @i of an IPv6 list as queriers and the notes' B39 write them. */
static void put_src6(struct srclist *l, u32 i, u32 style)
{
	u8 *p = l->b + 16 * i;

	memset(p, 0, 16);
	put_be32(p, 0x20010db8u);
	switch (style) {
	case 0:		/* 2001:db8::i */
		put_be32(p + 12, i + 1);
		break;
	case 1:		/* 2001:db8::i:0 */
		put_be32(p + 12, (i + 1) << 16);
		break;
	case 2:		/* 2001:db8:i:: */
		put_be32(p + 4, (i + 1) << 16);
		break;
	case 3:		/* 2001:db8:7::i, a query of B39 */
		put_be32(p + 4, 7u << 16);
		put_be32(p + 12, i + 1);
		break;
	default:	/* 2001:db8:0:i::1, one a /64 */
		put_be32(p + 4, i + 1);
		put_be32(p + 12, 1);
		break;
	}
}

/* The same for MLDv2 lists: 2001:db8::i and its kin, under 1000 keys. */
static void t_any_key6(void)
{
	static const u32 sizes[] = { 64, 65 };
	struct srclist l = { .size = 16 };
	u32 seed, z, style, i, missed = 0, tried = 0;

	for (style = 0; style < 5; style++) {
		for (z = 0; z < 2; z++) {
			for (seed = 1; seed <= 1000; seed++) {
				for (l.n = 0; l.n < sizes[z] - 1; l.n++)
					put_src6(&l, l.n, style);
				l.n = sizes[z];
				for (i = 0; i < 2; i++) {
					copy_src(&l, l.n - 1,
						 i ? l.n - 2 : 0);
					missed += !dup(&l, seed);
					tried++;
				}
			}
		}
	}
	CHECK(!missed, "%u of %u repeats missed", missed, tried);
}

/*
 * Every byte of a 16-byte source counts: two sources that differ in any
 * one byte are distinct, and equal ones are a repeat.
 */
static void t_all_bytes6(void)
{
	struct srclist l = { .size = 16, .n = 2 };
	u32 k;

	for (k = 0; k < 16; k++) {
		put_src6(&l, 0, 3);
		copy_src(&l, 1, 0);
		CHECK(dup(&l, 0), "equal sources: no dup");
		l.b[16 + k] ^= 0x10;
		CHECK(!dup(&l, 0), "sources differing in byte %u: dup", k);
	}
}

/*
 * The fold is keyed: sources whose words have the same xor and the same
 * sum, which an unkeyed fold of either kind would put in one bucket under
 * every seed, spread, and a repeat behind 254 of them is found.
 */
static void t_fold_keyed(void)
{
	static const u32 seeds[] = { 0, 1, OTHER_SEED };
	struct srclist l = { .size = 16, .n = MAXSRC };
	u32 i, s, w[4];

	for (i = 0; i < MAXSRC - 1; i++) {
		/* Words x, x, y, y as the CPU loads them: xor 0, sum 2(x+y). */
		w[0] = w[1] = 0x1000u + i;
		w[2] = w[3] = 0x2000u - i;
		memcpy(l.b + 16 * i, w, 16);
	}
	copy_src(&l, MAXSRC - 1, 0);
	for (s = 0; s < 3; s++)
		CHECK(dup(&l, seeds[s]), "seed %#x: repeat hidden behind an "
		      "unkeyed fold's bucket", seeds[s]);
}

/* Neither an unknown size nor an empty list finds anything. */
static void t_sizes(void)
{
	struct srclist l = { .size = 16, .n = 2 };

	put_src6(&l, 0, 0);
	copy_src(&l, 1, 0);
	CHECK(dup(&l, 0), "a repeat of 16 bytes missed");
	CHECK(!igg_dup_sources(l.b, 2, 8, 0), "size 8 hunted");
	CHECK(!igg_dup_sources(l.b, 0, 16, 0), "empty list: dup");
	CHECK(!igg_dup_sources(l.b, MAXSRC + 1, 16, 0),
	      "over IGG_DUP_HUNT_MAX: hunted");
}

static unsigned int count(void)
{
	return 6 * 2 + 3;
}

static void run(void)
{
	u32 z, size;

	for (z = 0; z < 2; z++) {
		size = sizes_of_source[z];
		tap_begin("dup hunt, %u-byte sources: with a bucket each every "
			  "repeat is found", size);
		t_found(size);
		tap_end();
		tap_begin("dup hunt, %u-byte sources: distinct sources sharing "
			  "a bucket are no repeat", size);
		t_colliding_distinct(size);
		tap_end();
		tap_begin("dup hunt, %u-byte sources: repeats among colliding "
			  "sources found within the budget", size);
		t_colliding_found(size);
		tap_end();
		tap_begin("dup hunt, %u-byte sources: past the budget a repeat "
			  "is not reported", size);
		t_budget_spent(size);
		if (size == 4)
			t_budget_spent_igmp();
		tap_end();
		tap_begin("dup hunt, %u-byte sources: the whole budget costs "
			  "at most half the chaining", size);
		t_cost_bound(size);
		tap_end();
		tap_begin("dup hunt, %u-byte sources: the selftests' repeats "
			  "are found under any key", size);
		if (size == 4)
			t_any_key();
		else
			t_any_key6();
		tap_end();
	}
	tap_begin("dup hunt: 16-byte sources differing in any byte are "
		  "distinct");
	t_all_bytes6();
	tap_end();
	tap_begin("dup hunt: the 16-byte fold is keyed, so no list fills a "
		  "bucket under every seed");
	t_fold_keyed();
	tap_end();
	tap_begin("dup hunt: unknown sizes and empty lists find nothing");
	t_sizes();
	tap_end();
}

const struct tgroup group_dup = { "dup-sources", NULL, 0, count, run };
