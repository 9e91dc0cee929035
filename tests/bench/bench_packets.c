// SPDX-License-Identifier: GPL-2.0
/* Packets for the validator benchmark, built with the test packet builder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_packets.h"

#define G "239.1.2.3"

static struct pkt udp(const char *opt)
{
	struct ipspec s = ipspec_raw(opt);
	struct buf b = { 0 };
	struct pkt k;

	s.proto = 17;
	s.keep_csum = true;
	buf_spec(&b, "d431 0035 0028 0000 z32");
	k = pkt_build(&s, b.d, b.n);
	buf_free(&b);
	return k;
}

static struct pkt udp_plain(void)
{
	return udp(NULL);
}

static struct pkt udp_options(void)
{
	return udp("07 07 04 z4 01 94 04 00 00");
}

static struct pkt igmp(const char *dst, struct buf *b)
{
	struct ipspec s = ipspec_igmp(dst);
	struct pkt k = pkt_build(&s, b->d, b->n);

	buf_free(b);
	return k;
}

static struct pkt v2_report(void)
{
	struct buf b = { 0 };

	buf_spec(&b, "1600 0000 @" G);
	return igmp(G, &b);
}

static struct pkt v3_query(u32 n)
{
	struct buf b = { 0 };
	u32 i;

	buf_spec(&b, n ? "1164 0000 @" G " 027d" : "1164 0000 @0.0.0.0 027d");
	buf_be16(&b, (u16)n);
	/* Distinct sources spread like real ones: 10.x.y.1. */
	for (i = 0; i < n; i++)
		buf_be32(&b, 0x0a000001u | i << 8);
	return igmp(n ? G : "224.0.0.1", &b);
}

static struct pkt v3_query_0(void)
{
	return v3_query(0);
}

static struct pkt v3_query_16(void)
{
	return v3_query(16);
}

static struct pkt v3_query_64(void)
{
	return v3_query(64);
}

static struct pkt v3_query_256(void)
{
	return v3_query(256);
}

static struct pkt v3_query_366(void)
{
	return v3_query(366);
}

/* @n records of @nsrc sources each. */
static struct pkt v3_report(u32 n, u32 nsrc)
{
	struct buf b = { 0 };
	u32 i, j;

	buf_spec(&b, "2200 0000 0000");
	buf_be16(&b, (u16)n);
	for (i = 0; i < n; i++) {
		buf_spec(&b, nsrc ? "01 00" : "02 00");
		buf_be16(&b, (u16)nsrc);
		buf_be32(&b, 0xef010000u + i);
		for (j = 0; j < nsrc; j++)
			buf_be32(&b, 0x0a000001u + j);
	}
	return igmp("224.0.0.22", &b);
}

static struct pkt v3_report_1(void)
{
	return v3_report(1, 2);
}

static struct pkt v3_report_8(void)
{
	return v3_report(8, 2);
}

/* Three shapes of a 1 KB report: many joins, mixed, few big records. */
static struct pkt v3_report_64(void)
{
	return v3_report(64, 2);
}

static struct pkt v3_report_127(void)
{
	return v3_report(127, 0);
}

static struct pkt v3_report_4x62(void)
{
	return v3_report(4, 62);
}

/*
 * The adversarial rows: inputs chosen for cost, not realism. Each is the
 * most expensive of its kind the author or the fuzzer found.
 */

/* A group-and-source query for G listing @n sources from @src. */
static struct pkt v3_query_of(const u32 *src, u32 n)
{
	struct buf b = { 0 };
	u32 i;

	buf_spec(&b, "1164 0000 @" G " 027d");
	buf_be16(&b, (u16)n);
	for (i = 0; i < n; i++)
		buf_be32(&b, src[i]);
	return igmp(G, &b);
}

/* The filter bucket of @addr as the validator loads it from a packet. */
static u32 bucket(u32 addr, u32 seed)
{
	u8 be[4] = { addr >> 24, addr >> 16, addr >> 8, addr };
	u32 raw;

	memcpy(&raw, be, 4);
	return igg_dup_bucket(raw, igg_dup_key(seed));
}

/*
 * The most sources the hunt takes, all distinct and all in one bucket
 * under the default policy's seed: every source walks the whole chain
 * before it until the budget is gone and the hunt stops there.
 */
static struct pkt v3_query_one_bucket(void)
{
	u32 src[IGG_DUP_HUNT_MAX], n = 0, a, want = bucket(0x0a000001u, 0);

	for (a = 0x0a000001u; n < IGG_DUP_HUNT_MAX; a++)
		if (bucket(a, 0) == want)
			src[n++] = a;
	return v3_query_of(src, n);
}

/*
 * The hunt's largest list spread: 254 sources in buckets of their own,
 * then one that shares the first one's bucket without being equal to it,
 * so every source is chained and one compare is made.
 */
static struct pkt v3_query_budget(void)
{
	u8 used[IGG_DUP_BUCKETS] = { 0 };
	u32 src[IGG_DUP_HUNT_MAX], n = 0, a, h;

	for (a = 0x0a000001u; n < IGG_DUP_HUNT_MAX - 1; a++) {
		h = bucket(a, 0);
		if (!used[h]) {
			used[h] = 1;
			src[n++] = a;
		}
	}
	for (h = bucket(src[0], 0); bucket(a, 0) != h; a++)
		;
	src[n++] = a;
	return v3_query_of(src, n);
}

/* The hunt's most sources from a fixed pseudo-random sequence (xorshift32). */
static struct pkt v3_query_random(void)
{
	u32 src[IGG_DUP_HUNT_MAX], x = 2463534242u, i;

	for (i = 0; i < IGG_DUP_HUNT_MAX; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		src[i] = x;
	}
	return v3_query_of(src, IGG_DUP_HUNT_MAX);
}

/* An IGMPv2 report behind 40 bytes of options spelled by @opt. */
static struct pkt v2_report_opts(const char *opt)
{
	struct ipspec s = ipspec_igmp(G);
	struct buf b = { 0 };
	struct pkt k;

	s.opt = opt;
	buf_spec(&b, "1600 0000 @" G);
	k = pkt_build(&s, b.d, b.n);
	buf_free(&b);
	return k;
}

/* The cheapest option to step over, forty times. */
static struct pkt opts_nop40(void)
{
	return v2_report_opts("01010101 01010101 01010101 01010101 01010101"
			      " 01010101 01010101 01010101 01010101 01010101");
}

/* Ten router alerts: the shortest option the switch fully checks. */
static struct pkt opts_ra10(void)
{
	return v2_report_opts("94040000 94040000 94040000 94040000 94040000"
			      " 94040000 94040000 94040000 94040000 94040000");
}

/* Twenty unknown 2-byte options: the most option headers 40 bytes hold. */
static struct pkt opts_unknown20(void)
{
	return v2_report_opts("9902 9902 9902 9902 9902 9902 9902 9902 9902 9902"
			      " 9902 9902 9902 9902 9902 9902 9902 9902 9902"
			      " 9902");
}

/* A router alert, then end of options and 36 bytes of padding. */
static struct pkt opts_eol(void)
{
	return v2_report_opts("94040000 00 z35");
}

/* CIPSO, DOI 1, seven 4-byte tags and a 6-byte one: the option with an inner loop. */
static struct pkt opts_cipso(void)
{
	return v2_report_opts("8628 00000001 01040000 01040000 01040000"
			      " 01040000 01040000 01040000 01040000"
			      " 0106 00000000");
}

/* A 1500-byte v3 report of 183 zero-source records. */
static struct pkt v3_report_max(void)
{
	return v3_report(183, 0);
}

/* A packet the cost-bound fuzzer found, committed in tests/fuzz/seeds. */
static struct pkt seed_file(const char *name)
{
	static u8 d[65536];
	char path[4096];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", IGG_BENCH_SEEDS, name);
	f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	n = fread(d, 1, sizeof(d), f);
	fclose(f);
	return pkt_copy(d, (u32)n);
}

/*
 * Above 3.8 units a byte by the most, as the fuzzer found it against the
 * earlier hunt: 366 sources behind an option walk.
 */
static struct pkt fuzz_dearest(void)
{
	return seed_file("dearest-cost");
}

/* The most units a byte of 256 bytes or more. */
static struct pkt fuzz_per_byte(void)
{
	return seed_file("dearest-per-byte");
}

static struct pkt malformed_b3(void)
{
	struct buf b = { 0 };

	buf_spec(&b, "1164 0000 @239.1.1.1 027d ffff");
	return igmp("239.1.1.1", &b);
}

/* UDP over IPv6 behind the extension headers @chain (spec), first @nh. */
static struct pkt udp6(u8 nh, const char *chain)
{
	struct ip6spec s = ip6spec_raw(nh);
	struct buf b = { 0 };
	struct pkt k;

	buf_spec6(&b, chain);
	buf_spec(&b, "d431 0035 0028 0000 z32");
	k = pkt6_build(&s, b.d, b.n);
	buf_free(&b);
	return k;
}

static struct pkt udp6_plain(void)
{
	return udp6(NH_UDP, "");
}

static struct pkt udp6_destopt(void)
{
	return udp6(NH_DSTOPTS, "1100 0104 00000000");
}

static struct pkt udp6_first_fragment(void)
{
	return udp6(NH_FRAGMENT, "1100 0001 00001234");
}

/*
 * The adversarial IPv6 rows: the longest packet (65535 bytes) built of
 * one extension header over and over, @hlen bytes each, whose bytes after
 * the first two are @fill repeated; the last one says No Next Header.
 */
static struct pkt chain6(u8 nh, u32 hlen, const u8 *fill, u32 flen)
{
	struct ip6spec s = ip6spec_raw(nh);
	u32 n = (65535 - 40) / hlen, i, j;
	struct buf b = { 0 };
	struct pkt k;

	for (i = 0; i < n; i++) {
		buf_u8(&b, i + 1 < n ? nh : NH_NONE);
		buf_u8(&b, (u8)(hlen / 8 - 1));
		for (j = 2; j < hlen; j++)
			buf_u8(&b, fill[(j - 2) % flen]);
	}
	k = pkt6_build(&s, b.d, b.n);
	buf_free(&b);
	return k;
}

/* 8-byte Destination Options of one PadN: the most headers 64 KiB hold. */
static struct pkt x_chain_max(void)
{
	static const u8 padn4[] = { 1, 4, 0, 0, 0, 0 };

	return chain6(NH_DSTOPTS, 8, padn4, sizeof(padn4));
}

/* The same with three unknown 2-byte options in each. */
static struct pkt x_chain_unknown(void)
{
	static const u8 unk[] = { 0x1e, 0 };

	return chain6(NH_DSTOPTS, 8, unk, sizeof(unk));
}

/* The same with a lone Pad1 before each of two unknown options. */
static struct pkt x_chain_mixed(void)
{
	static const u8 mix[] = { 0, 0x1e, 0, 0, 0x1e, 0 };

	return chain6(NH_DSTOPTS, 8, mix, sizeof(mix));
}

/* 2048-byte Destination Options of Pad1 and an unknown option, repeated. */
static struct pkt x_pad1_unknown(void)
{
	static const u8 mix[] = { 0, 0x1e, 0 };

	return chain6(NH_DSTOPTS, 2048, mix, sizeof(mix));
}

/* 2048-byte Destination Options of router alerts and unknown options. */
static struct pkt x_ra_flood(void)
{
	static const u8 ra[] = { 5, 2, 0, 0, 0x1e, 0 };

	return chain6(NH_DSTOPTS, 2048, ra, sizeof(ra));
}

/* 2048-byte Destination Options of CALIPSO, which only Hop-by-Hop knows. */
static struct pkt x_calipso_flood(void)
{
	static const u8 calipso[] = { 7, 0 };

	return chain6(NH_DSTOPTS, 2048, calipso, sizeof(calipso));
}

/* 8-byte atomic fragment headers: the cheapest header, every check. */
static struct pkt x_frag_chain(void)
{
	static const u8 zero[] = { 0 };

	return chain6(NH_FRAGMENT, 8, zero, sizeof(zero));
}

/* 8-byte authentication headers (payload length 0). */
static struct pkt x_ah_chain(void)
{
	static const u8 zero[] = { 0 };

	return chain6(NH_AH, 8, zero, sizeof(zero));
}

/*
 * 24-byte RPL routing headers, 1 segment left, CmprI and CmprE 15: 16
 * one-byte addresses, every header checked and divided.
 */
static struct pkt x_rpl_chain(void)
{
	static const u8 rpl[22] = { 3, 1, 0xff };

	return chain6(NH_ROUTING, 24, rpl, sizeof(rpl));
}

/* 24-byte segment routing headers of one segment, 1 segment left. */
static struct pkt x_srh_chain(void)
{
	static const u8 srh[22] = { 4, 1, 0 };

	return chain6(NH_ROUTING, 24, srh, sizeof(srh));
}

/* 2048-byte Destination Options of nothing but Pad1. */
static struct pkt x_pad1_flood(void)
{
	static const u8 pad1[] = { 0 };

	return chain6(NH_DSTOPTS, 2048, pad1, sizeof(pad1));
}

/* 2048-byte Destination Options of unknown 2-byte options. */
static struct pkt x_unknown_options(void)
{
	static const u8 unk[] = { 0x1e, 0 };

	return chain6(NH_DSTOPTS, 2048, unk, sizeof(unk));
}

/* 2048-byte Destination Options of empty PadN, each checked. */
static struct pkt x_padn_flood(void)
{
	static const u8 padn0[] = { 1, 0 };

	return chain6(NH_DSTOPTS, 2048, padn0, sizeof(padn0));
}

/* Pad1 and an unknown option: the longest padding runs that are fine. */
static struct pkt x_pad7_unknown(void)
{
	static const u8 mix[] = { 0, 0, 0, 0, 0, 0, 0, 0x1e, 0 };

	return chain6(NH_DSTOPTS, 2048, mix, sizeof(mix));
}

/*
 * 2048-byte segment routing headers, one segment left, Last Entry 0 and
 * the rest Pad1 TLVs.
 */
static struct pkt x_srh_pad1(void)
{
	static u8 srh[2046] = { 4, 1, 0 };

	return chain6(NH_ROUTING, 2048, srh, sizeof(srh));
}

const struct bench_class bench_classes[] = {
	{ "udp", "UDP, no options", udp_plain, 0 },
	{ "udp-opts", "UDP with RR+NOP+RA", udp_options, 0 },
	{ "v2-report", "IGMPv2 report", v2_report, 0 },
	{ "v3q-0", "IGMPv3 query, 0 sources", v3_query_0, 0 },
	{ "v3q-16", "IGMPv3 query, 16 sources", v3_query_16, 0 },
	{ "v3q-64", "IGMPv3 query, 64 sources", v3_query_64, 0 },
	{ "v3q-256", "IGMPv3 query, 256 sources (over the cap)",
	  v3_query_256, 0 },
	{ "v3q-366", "IGMPv3 query, 366 sources (over the cap)",
	  v3_query_366, 0 },
	{ "v3q-366-cap", "IGMPv3 query, 366 sources, cap 366",
	  v3_query_366, 366 },
	{ "v3r-1", "IGMPv3 report, 1 record", v3_report_1, 0 },
	{ "v3r-8", "IGMPv3 report, 8 records", v3_report_8, 0 },
	{ "v3r-64", "IGMPv3 report, 64 records x 2 sources (1 KB)",
	  v3_report_64, 0 },
	{ "v3r-127", "IGMPv3 report, 127 records x 0 sources (1 KB)",
	  v3_report_127, 0 },
	{ "v3r-4x62", "IGMPv3 report, 4 records x 62 sources (1 KB)",
	  v3_report_4x62, 0 },
	{ "b3", "malformed: B3, N 0xffff in 12 bytes", malformed_b3, 0 },
	{ "q-bucket", "adversarial: 255 sources in one bucket, the budget spent",
	  v3_query_one_bucket, 366 },
	{ "q-spread", "adversarial: 255 sources, a bucket each but the last",
	  v3_query_budget, 366 },
	{ "q-random", "adversarial: 255 random sources, cap 366",
	  v3_query_random, 366 },
	{ "o-nop40", "adversarial: v2 report behind 40 NOPs", opts_nop40, 0 },
	{ "o-ra10", "adversarial: v2 report behind 10 router alerts",
	  opts_ra10, 0 },
	{ "o-unk20", "adversarial: v2 report behind 20 unknown 2-byte options",
	  opts_unknown20, 0 },
	{ "o-eol", "adversarial: v2 report, RA, EOL, 35 bytes padding",
	  opts_eol, 0 },
	{ "o-cipso", "adversarial: v2 report behind CIPSO with 8 tags",
	  opts_cipso, 0 },
	{ "r-max", "adversarial: 1500-byte v3 report, 183 empty records",
	  v3_report_max, 0 },
	{ "udp6", "UDP over IPv6, no extension header", udp6_plain, 0 },
	{ "udp6-dst", "UDP over IPv6 behind Destination Options",
	  udp6_destopt, 0 },
	{ "udp6-frag", "UDP over IPv6, first fragment", udp6_first_fragment,
	  0 },
	{ "x6-chain", "adversarial: 8186 8-byte Destination Options (64 KB)",
	  x_chain_max, 0 },
	{ "x6-chain-unk", "adversarial: 8-byte Destination Options, 3 unknown options each",
	  x_chain_unknown, 0 },
	{ "x6-chain-mix", "adversarial: 8-byte Destination Options, Pad1 and unknown options",
	  x_chain_mixed, 0 },
	{ "x6-pad1-unk", "adversarial: 2 KB Destination Options, Pad1 and an unknown option",
	  x_pad1_unknown, 0 },
	{ "x6-ra", "adversarial: 2 KB Destination Options, router alerts and unknown options",
	  x_ra_flood, 0 },
	{ "x6-calipso", "adversarial: 2 KB Destination Options of 2-byte CALIPSO",
	  x_calipso_flood, 0 },
	{ "x6-frag", "adversarial: 8-byte atomic fragment headers (64 KB)",
	  x_frag_chain, 0 },
	{ "x6-ah", "adversarial: 8-byte authentication headers (64 KB)",
	  x_ah_chain, 0 },
	{ "x6-rpl", "adversarial: 24-byte RPL headers, 1 segment left",
	  x_rpl_chain, 0 },
	{ "x6-srh24", "adversarial: 24-byte segment routing headers, 1 left",
	  x_srh_chain, 0 },
	{ "x6-pad1", "adversarial: 2 KB Destination Options of Pad1 (64 KB)",
	  x_pad1_flood, 0 },
	{ "x6-unk", "adversarial: 2 KB Destination Options of unknown options",
	  x_unknown_options, 0 },
	{ "x6-padn", "adversarial: 2 KB Destination Options of empty PadN",
	  x_padn_flood, 0 },
	{ "x6-pad7", "adversarial: 7 Pad1 and an unknown option, repeated",
	  x_pad7_unknown, 0 },
	{ "x6-srh", "adversarial: 2 KB segment routing headers of Pad1 TLVs",
	  x_srh_pad1, 0 },
	{ "fz-dearest", "fuzzer's dearest over 3.8 units a byte",
	  fuzz_dearest, 0 },
	{ "fz-per-byte", "fuzzer's dearest a byte, of 256 bytes or more",
	  fuzz_per_byte, 0 },
};

const unsigned int bench_nclasses =
	sizeof(bench_classes) / sizeof(bench_classes[0]);
