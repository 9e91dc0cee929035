// SPDX-License-Identifier: GPL-2.0
/* Packets for the validator benchmark, built with the test packet builder. */
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

static struct pkt malformed_b3(void)
{
	struct buf b = { 0 };

	buf_spec(&b, "1164 0000 @239.1.1.1 027d ffff");
	return igmp("239.1.1.1", &b);
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
};

const unsigned int bench_nclasses =
	sizeof(bench_classes) / sizeof(bench_classes[0]);
