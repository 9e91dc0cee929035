// SPDX-License-Identifier: GPL-2.0
/*
 * Spec section 6 V3Q-1..V3Q-7 and V3R-1..V3R-5, section 7 B1..B4, B7,
 * B10..B13, B16, section 8 G5..G8: IGMPv3 queries and reports.
 */
#include "pcase.h"
#include "tests.h"

#define GQ3	"1164 0000 @0.0.0.0 027d 0000"
#define G	"239.1.2.3"
#define V3	"224.0.0.22"
#define REC1	"01000000 @" G

/* Group-and-source query for G with @n sources 10.0.x.y, + dup at @dup. */
static void gss(struct buf *b, unsigned int n, int dup)
{
	unsigned int i;

	buf_spec(b, "1164 0000 @" G " 027d");
	buf_be16(b, (u16)n);
	for (i = 0; i < n; i++)
		buf_be32(b, (int)i == dup ? 0x0a000000u : 0x0a000000u + i);
}

static void gen_b1(struct buf *b)
{
	unsigned int i;

	buf_spec(b, "11ff 0000 @239.255.255.250 027d");
	buf_be16(b, 366);
	for (i = 0; i < 366; i++)
		buf_be32(b, 0x0a000001u | (i / 256) << 16 | (i % 256) << 8);
}

static void gen_gss64(struct buf *b)
{
	gss(b, 64, -1);
}

static void gen_gss65(struct buf *b)
{
	gss(b, 65, -1);
}

static void gen_gss64_dup_last(struct buf *b)
{
	gss(b, 64, 63);
}

static void gen_gss2_dup(struct buf *b)
{
	gss(b, 2, 1);
}

static void gen_gss65_dup(struct buf *b)
{
	gss(b, 65, 64);
}

static void gen_gq_100_extra(struct buf *b)
{
	unsigned int i;

	buf_spec(b, GQ3);
	for (i = 0; i < 100; i++)
		buf_u8(b, (u8)(i * 37));
}

static const struct pcase v3_cases[] = {
	{ "B1", "366-source group-and-source query", K_IGMP,
	  .dst = "239.255.255.250", .gen = gen_b1,
	  .reason = IGG_R_V3_QUERY_SOURCES },
	{ "B2", "N 256 with 2 sources", K_IGMP, .dst = "239.1.1.1",
	  .pl = "1164 0000 @239.1.1.1 027d 0100 @10.0.0.1 @10.0.0.2",
	  .reason = IGG_R_V3_QUERY_OVERRUN },
	{ "B3", "N 0xffff in 12 bytes", K_IGMP, .dst = "239.1.1.1",
	  .pl = "1164 0000 @239.1.1.1 027d ffff",
	  .reason = IGG_R_V3_QUERY_OVERRUN },
	{ "B4", "general query with a source", K_IGMP,
	  .pl = "1164 0000 @0.0.0.0 027d 0001 @10.0.0.1",
	  .reason = IGG_R_V3_QUERY_GENERAL_SOURCES },
	{ "B7", "(a) v2 query to the host, no RA, TTL 64", K_BARE,
	  .pl = "11ff 0000 @224.0.0.1", .reason = IGG_R_IGMP_TTL,
	  .anom = RB(IGMP_NO_ROUTER_ALERT) },
	{ "B7", "(b) v3 query MRC 0 to the host, no RA, TTL 64", K_BARE,
	  .pl = "1100 0000 z8", .reason = IGG_R_IGMP_TTL,
	  .anom = RB(IGMP_NO_ROUTER_ALERT) | RB(V3_QUERY_MRC_ZERO) },
	{ "B7", "(b) with TTL 1 and RA", K_IGMP, .pl = "1100 0000 z8",
	  .anom = RB(V3_QUERY_MRC_ZERO) },
	{ "B10", "record claims 100 sources", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 0001 0400 0064 @239.1.1.1",
	  .reason = IGG_R_V3_REPORT_OVERRUN },
	{ "B11", "aux length 255", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 0001 01ff 0000 @239.1.1.1",
	  .reason = IGG_R_V3_REPORT_OVERRUN },
	{ "B12", "0xffff records in 8 bytes", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 ffff", .reason = IGG_R_V3_REPORT_OVERRUN },
	{ "B13", "record types 0 and 7", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 0002 00000000 @239.1.1.1 07000000 @239.1.1.2",
	  .anom = RB(V3_RECORD_TYPE) },
	{ "B16", "v3 general query without RA", K_IGMP, .pl = GQ3, .opt = "",
	  .anom = RB(IGMP_NO_ROUTER_ALERT) },
	{ "G5", "v3 general query", K_IGMP, .pl = GQ3 },
	{ "G6", "group-and-source query to the host", K_IGMP,
	  .dst = "192.0.2.50",
	  .pl = "110a 0000 @" G " 027d 0002 @10.0.0.1 @10.0.0.2" },
	{ "G7", "exponential MRC, reserved bit, additional data", K_IGMP,
	  .pl = "118f 0000 @0.0.0.0 827d 0000 abcdef01" },
	{ "G8", "report from 0.0.0.0 with 2 records", K_IGMP, .dst = V3,
	  .src = "0.0.0.0",
	  .pl = "2200 0000 0000 0002 04000000 @" G
		" 05000002 @232.1.1.1 @10.0.0.1 @10.0.0.2" },

	{ "V3Q-1", "last source cut to 3 bytes", K_IGMP, .dst = G,
	  .pl = "1164 0000 @" G " 027d 0001 0a0000",
	  .reason = IGG_R_V3_QUERY_OVERRUN },
	{ "V3Q-1", "overrun wins over general-with-sources", K_IGMP,
	  .pl = "1164 0000 @0.0.0.0 027d 0001",
	  .reason = IGG_R_V3_QUERY_OVERRUN },
	{ "V3Q-2", "group query with no sources", K_IGMP, .dst = G,
	  .pl = "1164 0000 @" G " 027d 0000" },
	{ "V3Q-3", "64 sources (the default cap)", K_IGMP, .dst = G,
	  .gen = gen_gss64 },
	{ "V3Q-3", "65 sources", K_IGMP, .dst = G, .gen = gen_gss65,
	  .reason = IGG_R_V3_QUERY_SOURCES },
	{ "V3Q-5", "MRC 0 group query", K_IGMP, .dst = G,
	  .pl = "1100 0000 @" G " 027d 0000", .anom = RB(V3_QUERY_MRC_ZERO) },
	{ "V3Q-6", "first and last of 64 sources equal", K_IGMP, .dst = G,
	  .gen = gen_gss64_dup_last, .anom = RB(V3_QUERY_DUP_SOURCES) },
	{ "V3Q-6", "two equal sources", K_IGMP, .dst = G,
	  .gen = gen_gss2_dup, .anom = RB(V3_QUERY_DUP_SOURCES) },
	/* Findings do not hide each other: the scan is bounded anyway. */
	{ "V3Q-6", "duplicates still found above the cap", K_IGMP, .dst = G,
	  .gen = gen_gss65_dup, .reason = IGG_R_V3_QUERY_SOURCES,
	  .anom = RB(V3_QUERY_DUP_SOURCES) },
	{ "V3Q-7", "100 bytes of additional data", K_IGMP,
	  .gen = gen_gq_100_extra },
	{ "V3Q-7", "reserved, S and QRV bits all set", K_IGMP,
	  .pl = "1164 0000 @0.0.0.0 ffff 0000" },
	{ "V3Q", "general query to 224.0.0.2", K_IGMP, .dst = "224.0.0.2",
	  .pl = GQ3, .anom = RB(IGMP_DST) },
	{ "V3Q", "TTL 2", K_IGMP, .pl = GQ3, .ttl = 2,
	  .reason = IGG_R_IGMP_TTL },
	{ "V3Q", "MRC 0, duplicate and wrong destination together", K_IGMP,
	  .pl = "1100 0000 @" G " 027d 0002 @10.0.0.1 @10.0.0.1",
	  .anom = RB(IGMP_DST) | RB(V3_QUERY_MRC_ZERO) |
		  RB(V3_QUERY_DUP_SOURCES) },

	{ "V3R-1", "no records", K_IGMP, .dst = V3, .pl = "2200 0000 0000 0000" },
	{ "V3R-1", "no records, trailing data", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 0000 0102 0304 05" },
	{ "V3R-1", "records beyond M are trailing data", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 0001 " REC1 " 01000000 @10.0.0.1" },
	{ "V3R-1", "M 2 with one record", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 0002 " REC1,
	  .reason = IGG_R_V3_REPORT_OVERRUN },
	{ "V3R-1", "record header cut", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 0001 01000000",
	  .reason = IGG_R_V3_REPORT_OVERRUN },
	{ "V3R-1", "sources fit exactly", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 0001 01000002 @" G " @10.0.0.1 @10.0.0.2" },
	{ "V3R-1", "one source short", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 0001 01000003 @" G " @10.0.0.1 @10.0.0.2",
	  .reason = IGG_R_V3_REPORT_OVERRUN },
	{ "V3R-1", "aux data one byte short", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 0001 01010000 @" G " 000000",
	  .reason = IGG_R_V3_REPORT_OVERRUN },
	{ "V3R-2", "all six record types", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 0006 01000000 @" G " 02000000 @" G
		" 03000000 @" G " 04000000 @" G " 05000000 @" G
		" 06000000 @" G },
	{ "V3R-2", "record type 0", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 0001 00000000 @" G,
	  .anom = RB(V3_RECORD_TYPE) },
	{ "V3R-2", "record type 255", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 0001 ff000000 @" G,
	  .anom = RB(V3_RECORD_TYPE) },
	{ "V3R-3", "one word of aux data", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 0001 01010000 @" G " deadbeef",
	  .anom = RB(V3_AUX_DATA) },
	{ "V3R-4", "report to 224.0.0.1", K_IGMP, .pl = "2200 0000 0000 0001 "
	  REC1, .anom = RB(IGMP_DST) },
	{ "V3R-4", "report to the host", K_IGMP, .dst = "192.0.2.50",
	  .pl = "2200 0000 0000 0001 " REC1, .anom = RB(IGMP_DST) },
	{ "V3R-4", "report without RA", K_IGMP, .dst = V3, .opt = "",
	  .pl = "2200 0000 0000 0001 " REC1,
	  .anom = RB(IGMP_NO_ROUTER_ALERT) },
	{ "V3R-4", "report with TTL 2", K_IGMP, .dst = V3, .ttl = 2,
	  .pl = "2200 0000 0000 0001 " REC1, .reason = IGG_R_IGMP_TTL },
	{ "V3R-5", "record for a unicast address", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 0001 01000000 @10.1.1.1",
	  .reason = IGG_R_V3_RECORD_GROUP },
	{ "V3R-5", "bad second record after an odd first", K_IGMP, .dst = V3,
	  .pl = "2200 0000 0000 0002 07000000 @" G " 01000000 @0.0.0.0",
	  .reason = IGG_R_V3_RECORD_GROUP, .anom = RB(V3_RECORD_TYPE) },
};

const struct tgroup group_v3 = {
	"igmpv3", v3_cases, sizeof(v3_cases) / sizeof(v3_cases[0]), NULL, NULL,
};
