// SPDX-License-Identifier: GPL-2.0
/*
 * MLD (mld.c) through igg_check_mld() directly, with a walk set as
 * ipv6.c sets it: every mld_* reason the message check yields, every
 * length rule at its boundary, the notes' B23-B39 and G1-G11 packets
 * (ipv6-notes.md 6; spec-notes.md B41 and G11) as scapy 2.5 built them,
 * checksums included, and the cost of adversarial messages.
 */
#include <stdlib.h>
#include <string.h>

#include "../../module/validator/walk.h"
#include "mld_build.h"
#include "rng.h"
#include "tap.h"
#include "tests.h"
#include "triggers_mld.h"

#define Q	"fe80::1"		/* querier */
#define H	"fe80::2"		/* host, link-local */
#define HG	"2001:db8::2"		/* host, global */
#define P	"2001:db8::9"		/* remote */
#define SN	"ff02::1:ff00:2"	/* H's solicited-node group */
#define MLDV2	"ff02::16"
#define ROUTERS	"ff02::2"
#define G	"ff02::fb"

#define GQ1	"8200 0000 2710 0000 [::]"
#define GQ2	GQ1 " 027d 0000"
#define GSQ2	"8200 0000 2710 0000 [" G "] 027d"
#define REP1	"8300 0000 0000 0000 [" G "]"
#define DONE	"8400 0000 0000 0000 [" G "]"
#define REP2	"8f00 0000 0000"
#define JOIN	"0400 0000 [" G "]"

#define F(r)	RB(MLD_##r)

/* Source number @v: 2001:db8::@v, @v in the low 32 bits. */
static void numbered(u8 *s, u32 v)
{
	ip6_pton("2001:db8::", s);
	s[12] = (u8)(v >> 24);
	s[13] = (u8)(v >> 16);
	s[14] = (u8)(v >> 8);
	s[15] = (u8)v;
}

/* Sources 2001:db8::1 up; the one at @dup repeats the first. */
static void put_sources(struct buf *b, u32 n, int dup)
{
	u8 a[16];
	u32 i;

	for (i = 0; i < n; i++) {
		numbered(a, ((int)i == dup ? 0 : i) + 1);
		buf_put(b, a, 16);
	}
}

static void gsq(struct buf *b, u32 n, int dup)
{
	mld_spec(b, GSQ2);
	buf_be16(b, (u16)n);
	put_sources(b, n, dup);
}

static void gen_64(struct buf *b)
{
	gsq(b, 64, -1);
}

static void gen_65(struct buf *b)
{
	gsq(b, 65, -1);
}

static void gen_64_dup_last(struct buf *b)
{
	gsq(b, 64, 63);
}

static void gen_2_dup(struct buf *b)
{
	gsq(b, 2, 1);
}

static void gen_3(struct buf *b)
{
	gsq(b, 3, -1);
}

/* B37 after reassembly: 89 sources to the solicited-node group. */
static void gen_b37(struct buf *b)
{
	mld_spec(b, "8200 0000 2710 0000 [" SN "] 0000 0059");
	put_sources(b, 89, -1);
}

static void gen_gq_100_extra(struct buf *b)
{
	u32 i;

	mld_spec(b, GQ2);
	for (i = 0; i < 100; i++)
		buf_u8(b, (u8)(i * 37));
}

static const struct mldcase mld_cases[] = {
	/* ipv6-notes.md 6.1, the messages scapy built, checksums kept. */
	{ "B23", "MS08-001 shape: N 0xffff, one source", { .dst = SN,
	  .keep_csum = true },
	  .msg = "82002e3f27100000ff0200000000000000000001ff0000020000ffff"
	  "20010db8000000000000000000000001",
	  .reason = IGG_R_MLD_QUERY_OVERRUN },
	{ "B24", "N 200, one source", { .dst = SN, .keep_csum = true },
	  .msg = "82002d7727100000ff0200000000000000000001ff000002000000c8"
	  "20010db8000000000000000000000001",
	  .reason = IGG_R_MLD_QUERY_OVERRUN },
	{ "B25", "general query with a source", { .keep_csum = true },
	  .msg = "82002b4827100000000000000000000000000000000000000000000"
	  "120010db8000000000000000000000001",
	  .reason = IGG_R_MLD_QUERY_GENERAL_SOURCES },
	{ "B26", "query of 26 bytes", { .keep_csum = true },
	  .msg = "8200591527100000000000000000000000000000000000000000",
	  .reason = IGG_R_MLD_LENGTH },
	{ "B27", "general query, hop limit 255", { .hlim = 255,
	  .keep_csum = true },
	  .msg = "82005913271000000000000000000000000000000000000000000000",
	  .found = F(HOP_LIMIT) },
	{ "B28", "general query without Hop-by-Hop", { .ra = NO_RA,
	  .keep_csum = true },
	  .msg = "82005913271000000000000000000000000000000000000000000000",
	  .found = F(NO_ROUTER_ALERT) },
	{ "B29", "general query from a global source", { .src = P,
	  .keep_csum = true },
	  .msg = "820029d3271000000000000000000000000000000000000000000000",
	  .found = F(SOURCE) },
	{ "B29", "general query from ::", { .src = "::", .keep_csum = true },
	  .msg = "82005795271000000000000000000000000000000000000000000000",
	  .found = F(SOURCE) },
	{ "B30", "general query, router alert 1", { .ra = 1,
	  .keep_csum = true },
	  .msg = "82005913271000000000000000000000000000000000000000000000",
	  .found = F(RA_VALUE) },
	{ "B31", "query for 2001:db8::5", { .dst = HG, .keep_csum = true },
	  .msg = "8200fc9d2710000020010db800000000000000000000000500000000",
	  .reason = IGG_R_MLD_GROUP },
	{ "B32", "checksum 0x1234", { .keep_csum = true },
	  .msg = "82001234271000000000000000000000000000000000000000000000",
	  .reason = IGG_R_MLD_CHECKSUM },
	{ "B33", "record claims 3 sources, holds 1", { .src = H,
	  .dst = MLDV2, .keep_csum = true },
	  .msg = "8f0045350000000101000003ff050000000000000000000000010003"
	  "20010db8000000000000000000000001",
	  .reason = IGG_R_MLD_REPORT_OVERRUN },
	{ "B34", "record with aux length 255", { .src = H, .dst = MLDV2,
	  .keep_csum = true },
	  .msg = "8f0072030000000101ff0000ff050000000000000000000000010003",
	  .reason = IGG_R_MLD_REPORT_OVERRUN },
	{ "B35", "0xffff records in 8 bytes", { .src = H, .dst = MLDV2,
	  .keep_csum = true }, .msg = "8f0073210000ffff",
	  .reason = IGG_R_MLD_REPORT_OVERRUN },
	{ "B36", "v1 report of 20 bytes", { .src = H, .dst = "ff05::1:3",
	  .keep_csum = true }, .msg = "83007f2400000000000000000000000000000000",
	  .reason = IGG_R_MLD_LENGTH },
	{ "B37", "reassembled: 89 sources to the solicited-node group",
	  { .dst = SN }, .gen = gen_b37, .found = F(QUERY_SOURCES) },
	{ "B38", "v2 report, hop limit 255", { .src = H, .dst = MLDV2,
	  .hlim = 255, .keep_csum = true },
	  .msg = "8f006f0e0000000104000000ff0200000000000000000000000000fb",
	  .found = F(HOP_LIMIT) },
	/* spec-notes.md B41: malformed, so nothing else is noted. */
	{ "B41", "N 200 and no sources, hop limit 255, no router alert",
	  { .hlim = 255, .ra = NO_RA }, .msg = GQ1 " 0000 00c8",
	  .reason = IGG_R_MLD_QUERY_OVERRUN },

	/* ipv6-notes.md 6.2: must pass. */
	{ "G1", "v2 join from :: during DAD", { .src = "::", .dst = MLDV2,
	  .keep_csum = true },
	  .msg = "8f006f880000000104000000ff0200000000000000000001ff000002" },
	{ "G2", "v2 join", { .src = H, .dst = MLDV2, .keep_csum = true },
	  .msg = "8f006f0e0000000104000000ff0200000000000000000000000000fb" },
	{ "G3", "v2 leave", { .src = H, .dst = MLDV2, .keep_csum = true },
	  .msg = "8f00700e0000000103000000ff0200000000000000000000000000fb" },
	{ "G4", "v1 report", { .src = H, .dst = G, .keep_csum = true },
	  .msg = "83007e2e00000000ff0200000000000000000000000000fb" },
	{ "G5", "done", { .src = H, .dst = ROUTERS, .keep_csum = true },
	  .msg = "84007e2700000000ff0200000000000000000000000000fb" },
	{ "G6", "v1 general query", { .keep_csum = true },
	  .msg = "820059172710000000000000000000000000000000000000" },
	{ "G7", "v2 general query", { .keep_csum = true },
	  .msg = "820056962710000000000000000000000000000000000000027d0000" },
	{ "G8", "address-specific query", { .dst = G, .keep_csum = true },
	  .msg = "82007b4303e80000ff0200000000000000000000000000fb00000000" },
	{ "G9", "address-and-source-specific query",
	  { .dst = "ff3e::1234", .keep_csum = true },
	  .msg = "8200fcc103e80000ff3e0000000000000000000000001234000000022001"
	  "0db80000000000000000000000012001" "0db8000000000000000000000002" },
	{ "G10", "general query to the host: code 7, flags, QRV 0, "
	  "exponential MRC, QQIC 0x8f, additional data",
	  { .dst = H, .keep_csum = true },
	  .msg = "8207653a8fff000000000000000000000000000000000000f08f0000abcdef01" },
	{ "G11", "record type 7, then a record with aux data", { .src = H,
	  .dst = MLDV2, .keep_csum = true },
	  .msg = "8f003a190000000207000000ff0200000000000000000000000000fb0101"
	  "0001ff05000000000000000000000001000320010db8000000000000000"
	  "00000000101020304",
	  .found = F(RECORD_TYPE) | F(AUX_DATA) },
	{ "G11s", "spec-notes G11: v2 general query", {}, .msg = GQ2 },

	/* Lengths at their boundaries (RFC 3810 8.1, RFC 2710 3.7). */
	{ "len", "query of 23 bytes", {}, .msg = "8200 0000 2710 0000 z15",
	  .reason = IGG_R_MLD_LENGTH },
	{ "len", "v1 query of 24 bytes", {}, .msg = GQ1 },
	{ "len", "query of 25 bytes", {}, .msg = GQ1 " 02",
	  .reason = IGG_R_MLD_LENGTH },
	{ "len", "query of 27 bytes", {}, .msg = GQ1 " 027d00",
	  .reason = IGG_R_MLD_LENGTH },
	{ "len", "v2 query of 28 bytes", {}, .msg = GQ2 },
	{ "len", "v2 query with 100 bytes of additional data", {},
	  .gen = gen_gq_100_extra },
	{ "len", "v1 report of 23 bytes", { .src = H, .dst = G },
	  .msg = "8300 0000 0000 0000 ff02 z13", .reason = IGG_R_MLD_LENGTH },
	{ "len", "v1 report of 26 bytes", { .src = H, .dst = G },
	  .msg = REP1 " 0000" },
	{ "len", "done of 23 bytes", { .src = H, .dst = ROUTERS },
	  .msg = "8400 0000 0000 0000 ff02 z13", .reason = IGG_R_MLD_LENGTH },
	{ "len", "done of 32 bytes", { .src = H, .dst = ROUTERS },
	  .msg = DONE " z8" },
	{ "len", "v2 report of 7 bytes", { .src = H, .dst = MLDV2 },
	  .msg = "8f00 0000 0000 00", .reason = IGG_R_MLD_LENGTH },
	{ "len", "v2 report of 8 bytes, no records", { .src = H,
	  .dst = MLDV2 }, .msg = REP2 " 0000" },
	{ "len", "v2 report, no records, trailing data", { .src = H,
	  .dst = MLDV2 }, .msg = REP2 " 0000 deadbeef" },
	{ "len", "N 1 in 28 bytes", { .dst = G }, .msg = GSQ2 " 0001",
	  .reason = IGG_R_MLD_QUERY_OVERRUN },
	{ "len", "N 1, the source cut to 15 bytes", { .dst = G },
	  .msg = GSQ2 " 0001 20010db8 z11", .reason = IGG_R_MLD_QUERY_OVERRUN },
	{ "len", "N 1, 44 bytes", { .dst = G }, .msg = GSQ2 " 0001 [2001:db8::1]" },
	{ "len", "N 0xffff, one source", { .dst = G },
	  .msg = GSQ2 " ffff [2001:db8::1]", .reason = IGG_R_MLD_QUERY_OVERRUN },
	{ "len", "overrun wins over general-with-sources", {},
	  .msg = GQ1 " 027d 0001", .reason = IGG_R_MLD_QUERY_OVERRUN },
	{ "len", "record of 20 bytes, exact", { .src = H, .dst = MLDV2 },
	  .msg = REP2 " 0001 " JOIN },
	{ "len", "record cut to 19 bytes", { .src = H, .dst = MLDV2 },
	  .msg = REP2 " 0001 0400 0000 ff02 z13",
	  .reason = IGG_R_MLD_REPORT_OVERRUN },
	{ "len", "record with a source and aux word, exact", { .src = H,
	  .dst = MLDV2 },
	  .msg = REP2 " 0001 0101 0001 [" G "] [2001:db8::1] 01020304",
	  .found = F(AUX_DATA) },
	{ "len", "record with a source and aux word, one byte short",
	  { .src = H, .dst = MLDV2 },
	  .msg = REP2 " 0001 0101 0001 [" G "] [2001:db8::1] 010203",
	  .reason = IGG_R_MLD_REPORT_OVERRUN },
	{ "len", "second record one byte short", { .src = H, .dst = MLDV2 },
	  .msg = REP2 " 0002 " JOIN " 0300 0001 [" G "] 20010db8 z11",
	  .reason = IGG_R_MLD_REPORT_OVERRUN },
	{ "len", "two records claimed, one present", { .src = H,
	  .dst = MLDV2 }, .msg = REP2 " 0002 " JOIN,
	  .reason = IGG_R_MLD_REPORT_OVERRUN },
	{ "len", "one record claimed, two present", { .src = H,
	  .dst = MLDV2 }, .msg = REP2 " 0001 " JOIN " " JOIN },

	/* Checksum (RFC 4443 2.3) and addresses (RFC 2710 3, 3810 5). */
	{ "csum", "checksum of a message without the pseudo-header",
	  { .keep_csum = true }, .msg = "8200 a6ec 2710 0000 [::]",
	  .reason = IGG_R_MLD_CHECKSUM },
	{ "group", "query for a link-local unicast address", {},
	  .msg = "8200 0000 2710 0000 [fe80::1]", .reason = IGG_R_MLD_GROUP },
	{ "group", "v1 report for ::", { .src = H, .dst = G },
	  .msg = "8300 0000 0000 0000 [::]", .reason = IGG_R_MLD_GROUP },
	{ "group", "done for 2001:db8::1", { .src = H, .dst = ROUTERS },
	  .msg = "8400 0000 0000 0000 [2001:db8::1]", .reason = IGG_R_MLD_GROUP },
	{ "group", "record for 2001:db8::1", { .src = H, .dst = MLDV2 },
	  .msg = REP2 " 0001 0400 0000 [2001:db8::1]",
	  .reason = IGG_R_MLD_RECORD_GROUP },
	{ "group", "second record for ::", { .src = H, .dst = MLDV2 },
	  .msg = REP2 " 0002 " JOIN " 0400 0000 [::]",
	  .reason = IGG_R_MLD_RECORD_GROUP },

	/* Queries: N, MRC and repeats (RFC 3810 5.1). */
	{ "query", "64 sources (the default cap)", { .dst = G },
	  .gen = gen_64 },
	{ "query", "65 sources", { .dst = G }, .gen = gen_65,
	  .found = F(QUERY_SOURCES) },
	{ "query", "3 sources, cap 2", { .dst = G }, .gen = gen_3,
	  .max_query_sources = 2, .found = F(QUERY_SOURCES) },
	{ "query", "v2 general query, MRC 0", {},
	  .msg = "8200 0000 0000 0000 [::] 027d 0000", .found = F(QUERY_MRC_ZERO) },
	{ "query", "v1 query, delay 0: no MRC to judge", {},
	  .msg = "8200 0000 0000 0000 [::]" },
	{ "query", "two equal sources", { .dst = G }, .gen = gen_2_dup,
	  .found = F(QUERY_DUP_SOURCES) },
	{ "query", "first and last of 64 sources equal", { .dst = G },
	  .gen = gen_64_dup_last, .found = F(QUERY_DUP_SOURCES) },
	{ "query", "first and last of 64 equal, another seed", { .dst = G },
	  .gen = gen_64_dup_last, .seed = 0xdeadbeefu,
	  .found = F(QUERY_DUP_SOURCES) },

	/* Source, hop limit and router alert (RFC 3810 5, 6.2, 7.4). */
	{ "src", "v1 report from ::", { .src = "::", .dst = G }, .msg = REP1 },
	/* Linux's igmp6_send() sends one while its link-local is tentative. */
	{ "src", "done from ::", { .src = "::", .dst = ROUTERS }, .msg = DONE },
	{ "src", "v2 report from a global source", { .src = HG,
	  .dst = MLDV2 }, .msg = REP2 " 0001 " JOIN, .found = F(SOURCE) },
	{ "src", "query from febf::1, the top of fe80::/10", { .src =
	  "febf::1" }, .msg = GQ2 },
	{ "src", "query from fec0::1, above fe80::/10", { .src = "fec0::1" },
	  .msg = GQ2, .found = F(SOURCE) },
	{ "src", "query from fe40::1, below fe80::/10", { .src = "fe40::1" },
	  .msg = GQ2, .found = F(SOURCE) },
	{ "hlim", "hop limit 0", { .hlim = HL0 }, .msg = GQ2, .found = F(HOP_LIMIT) },
	{ "hlim", "hop limit 2", { .hlim = 2 }, .msg = GQ2, .found = F(HOP_LIMIT) },
	{ "hlim", "done, hop limit 64", { .src = H, .dst = ROUTERS,
	  .hlim = 64 }, .msg = DONE, .found = F(HOP_LIMIT) },
	{ "ra", "v1 report without router alert", { .src = H, .dst = G,
	  .ra = NO_RA }, .msg = REP1, .found = F(NO_ROUTER_ALERT) },
	{ "ra", "v2 report, router alert 2", { .src = H, .dst = MLDV2,
	  .ra = 2 }, .msg = REP2 " 0001 " JOIN, .found = F(RA_VALUE) },
	{ "ra", "done, router alert 0xffff", { .src = H, .dst = ROUTERS,
	  .ra = 0xffff }, .msg = DONE, .found = F(RA_VALUE) },
	{ "all", "every policy and anomaly of the envelope at once",
	  { .src = P, .dst = "ff02::2", .hlim = 64, .ra = NO_RA }, .msg = GQ2,
	  .found = F(SOURCE) | F(HOP_LIMIT) | F(NO_ROUTER_ALERT) | F(DST) },

	/* Destinations (RFC 3810 5.1.15, 5.2.14; RFC 2710 3). */
	{ "dst", "general query to ff02::2", { .dst = ROUTERS }, .msg = GQ2,
	  .found = F(DST) },
	{ "dst", "v1 general query to the host's global address",
	  { .dst = HG }, .msg = GQ1 },
	{ "dst", "address-specific query to ff02::1", {}, .msg = GSQ2 " 0000",
	  .found = F(DST) },
	{ "dst", "address-specific query to the host", { .dst = H },
	  .msg = GSQ2 " 0000" },
	{ "dst", "v2 report to ff02::1", { .src = H }, .msg = REP2 " 0001 " JOIN,
	  .found = F(DST) },
	{ "dst", "v2 report to the host", { .src = H, .dst = HG },
	  .msg = REP2 " 0001 " JOIN, .found = F(DST) },
	{ "dst", "v1 report to ff02::16", { .src = H, .dst = MLDV2 }, .msg = REP1,
	  .found = F(DST) },
	{ "dst", "v1 report to the host (RFC 3810 5.2.14)", { .src = H,
	  .dst = HG }, .msg = REP1 },
	{ "dst", "done to the group", { .src = H, .dst = G }, .msg = DONE,
	  .found = F(DST) },
	{ "dst", "done to the host", { .src = H, .dst = HG }, .msg = DONE,
	  .found = F(DST) },

	/* Records (RFC 3810 5.2.10-12: ignored, never dropped). */
	{ "rec", "record types 1 to 6", { .src = H, .dst = MLDV2 },
	  .msg = REP2 " 0006 0100 0000 [" G "] 0200 0000 [" G "] 0300 0000 [" G
	  "] 0400 0000 [" G "] 0500 0000 [" G "] 0600 0000 [" G "]" },
	{ "rec", "record type 0", { .src = H, .dst = MLDV2 },
	  .msg = REP2 " 0001 0000 0000 [" G "]", .found = F(RECORD_TYPE) },
	{ "rec", "record type 255", { .src = H, .dst = MLDV2 },
	  .msg = REP2 " 0001 ff00 0000 [" G "]", .found = F(RECORD_TYPE) },

	/* Not MLD: ipv6.c never asks, and nothing is found if it does. */
	{ "type", "echo request", { .dst = HG }, .msg = "8000 0000 0001 0001 z16" },
};

#define NCASES (sizeof(mld_cases) / sizeof(mld_cases[0]))

/*
 * icmp6_csum() (pkt6.c) agrees with scapy on its messages, so the
 * builder's checksums say the same as the vectors'.
 */
static void t_builder_csum(void)
{
	struct mldcase c;
	struct mldpkt p;
	u16 kept;
	u32 i, n = 0;

	for (i = 0; i < NCASES; i++) {
		c = mld_cases[i];
		if (!c.ip.keep_csum || c.reason == IGG_R_MLD_CHECKSUM)
			continue;
		p = mldcase_build(&c);
		kept = be16(p.k.d + p.moff + 2);
		mld_fix_csum(&p);
		CHECK(kept == be16(p.k.d + p.moff + 2),
		      "%s: scapy's checksum %#x, the builder's %#x", c.id, kept,
		      be16(p.k.d + p.moff + 2));
		pkt_free(&p.k);
		n++;
	}
	CHECK(n >= 20, "only %u scapy messages", n);
}

/*
 * Every bit of the pseudo-header's addresses, of the message and of the
 * length counts: flipping one, or running over one byte fewer, is a
 * checksum failure (for lengths whose rules still hold).
 */
static void t_csum_bits(void)
{
	static const struct mldcase c = { "csum", "v2 query, 2 sources",
					  { .dst = G }, .gen = gen_2_dup };
	struct mldpkt p = mldcase_build(&c);
	u32 off, bit, bad = 0, tried = 0;
	rset found;

	CHECK(mld_run(&c, &p, &found) == IGG_R_NONE, "unflipped: dropped");
	for (off = 8; off < p.k.len; off++) {
		if (off == IP6_HLEN)
			off = p.moff;
		for (bit = 0; bit < 8; bit++) {
			p.k.d[off] ^= (u8)(1 << bit);
			bad += mld_run(&c, &p, &found) != IGG_R_MLD_CHECKSUM;
			p.k.d[off] ^= (u8)(1 << bit);
			tried++;
		}
	}
	CHECK(!bad, "%u of %u one-bit flips not a checksum failure", bad,
	      tried);
	/* The same bytes taken as an upper-layer length of 2 bytes more. */
	pkt_resize(&p.k, p.k.len + 2, 0);
	p.mlen += 2;
	CHECK(mld_run(&c, &p, &found) == IGG_R_MLD_CHECKSUM,
	      "length not in the pseudo-header");
	pkt_free(&p.k);
}

/* 28 + 16 N exact passes and one byte short overruns, for N 0 to 255. */
static void t_query_lengths(void)
{
	struct mldcase c = { .id = "len", .what = "N sources", .ip = { .dst = G } };
	struct buf b = { 0 };
	struct mldpkt p;
	rset found;
	u32 n, cut;

	for (n = 0; n <= 255; n++) {
		for (cut = 0; cut < 2; cut++) {
			if (n == 0 && cut)
				continue;	/* 27 bytes: mld_length */
			b.n = 0;
			gsq(&b, n, -1);
			c.ip.keep_csum = false;
			p = mld_packet(&c.ip, b.d, b.n - cut);
			CHECK(mld_run(&c, &p, &found) ==
			      (cut ? IGG_R_MLD_QUERY_OVERRUN : IGG_R_NONE),
			      "N %u in %u bytes", n, p.mlen);
			pkt_free(&p.k);
		}
	}
	buf_free(&b);
}

/*
 * Records of 20 + 16 N + 4 aux bytes: exact passes, one byte short
 * overruns, for N 0 to 40 and aux 0 to 3, and a record length past 64 KiB
 * (N 0xffff, aux 255) overruns without wrapping.
 */
static void t_record_lengths(void)
{
	struct mldcase c = { .id = "len", .what = "record", .ip = { .src = H, .dst = MLDV2 } };
	struct buf b = { 0 };
	struct mldpkt p;
	u32 n, aux, i, cut;
	rset found;
	enum igg_reason r;

	for (n = 0; n <= 40; n++) {
		for (aux = 0; aux <= 3; aux++) {
			for (cut = 0; cut < 2; cut++) {
				b.n = 0;
				mld_spec(&b, REP2 " 0001 01");
				buf_u8(&b, (u8)aux);
				buf_be16(&b, (u16)n);
				mld_spec(&b, "[ff05::1:3]");
				put_sources(&b, n, -1);
				for (i = 0; i < aux; i++)
					buf_be32(&b, i);
				p = mld_packet(&c.ip, b.d, b.n - cut);
				r = mld_run(&c, &p, &found);
				CHECK(r == (cut ? IGG_R_MLD_REPORT_OVERRUN :
					    IGG_R_NONE),
				      "N %u aux %u in %u bytes: %s", n, aux,
				      p.mlen, rname(r));
				pkt_free(&p.k);
			}
		}
	}
	b.n = 0;
	mld_spec(&b, REP2 " 0001 01ff ffff [ff05::1:3] z64");
	p = mld_packet(&c.ip, b.d, b.n);
	CHECK(mld_run(&c, &p, &found) == IGG_R_MLD_REPORT_OVERRUN,
	      "N 0xffff, aux 255: passed");
	pkt_free(&p.k);
	buf_free(&b);
}

/* Every message length 0 to 40 of every MLD type, by the RFC's rules. */
static void t_short_lengths(void)
{
	static const u8 types[] = { 130, 131, 132, 143 };
	struct mldcase c = { .id = "len", .what = "short", .ip = { .dst = G } };
	u8 msg[40] = { 0 };
	struct mldpkt p;
	enum igg_reason r, want;
	u32 t, len;
	rset found;

	for (t = 0; t < 4; t++) {
		for (len = 0; len <= 40; len++) {
			memset(msg, 0, sizeof(msg));
			msg[0] = types[t];
			msg[8] = 0xff;		/* a group for all but 143 */
			msg[9] = 0x02;
			p = mld_packet(&c.ip, msg, len);
			r = mld_run(&c, &p, &found);
			/* M and N read 0; the group is ff02:: */
			if (len < (types[t] == 143 ? 8u : 24u))
				want = IGG_R_MLD_LENGTH;
			else if (types[t] == 130 && len > 24 && len < 28)
				want = IGG_R_MLD_LENGTH;
			else
				want = IGG_R_NONE;
			CHECK(r == want, "type %u, %u bytes: %s, expected %s",
			      types[t], len, rname(r), rname(want));
			pkt_free(&p.k);
		}
	}
}

/* Cost units of @c's message from a call's worth, and the bound's check. */
static u64 cost_of(const struct mldcase *c, const struct mldpkt *p,
		   enum igg_reason *r)
{
	rset found;

	igg_cost = IGG_COST_CALL;
	*r = mld_run(c, p, &found);
	CHECK(igg_cost_within(igg_cost, p->k.len),
	      "%s: %llu units at %u bytes", c->what,
	      (unsigned long long)igg_cost, p->k.len);
	return igg_cost;
}

static void cost_row(const char *what, u64 units, u32 len)
{
	tap_diag("%-44s %5u bytes %6llu units %5.2f a byte", what, len,
		 (unsigned long long)units, (double)units / len);
}

/* 255 sources in one bucket under seed 0: the whole budget is spent. */
static void gen_one_bucket(struct buf *b)
{
	struct igg_dup_fold fold = igg_dup_fold_of(0);
	u32 key = igg_dup_key(0), want = 0, n = 0, a;
	u8 s[16];

	mld_spec(b, GSQ2);
	buf_be16(b, IGG_DUP_HUNT_MAX);
	for (a = 1; n < IGG_DUP_HUNT_MAX; a++) {
		numbered(s, a);
		if (a == 1)
			want = igg_dup_bucket(igg_dup_fold16(s, &fold), key);
		if (igg_dup_bucket(igg_dup_fold16(s, &fold), key) != want)
			continue;
		/* The last repeats the first: hidden past the budget. */
		if (++n == IGG_DUP_HUNT_MAX)
			memcpy(s, b->d + 28, 16);
		buf_put(b, s, 16);
	}
}

/*
 * 255 sources three to a bucket in 85 buckets under seed 0: every source
 * is chained and the whole budget goes on compares, the dearest hunt.
 */
static void gen_triples(struct buf *b)
{
	struct igg_dup_fold fold = igg_dup_fold_of(0);
	u32 key = igg_dup_key(0), n = 0, a, h;
	u8 s[16], used[IGG_DUP_BUCKETS] = { 0 };

	mld_spec(b, GSQ2);
	buf_be16(b, IGG_DUP_HUNT_MAX);
	for (a = 1; n < IGG_DUP_HUNT_MAX; a++) {
		numbered(s, a);
		h = igg_dup_bucket(igg_dup_fold16(s, &fold), key);
		if (h >= IGG_DUP_HUNT_MAX / 3 || used[h] == 3)
			continue;
		used[h]++;
		n++;
		buf_put(b, s, 16);
	}
}

/* 1500-byte packet, HBH 8: a 1452-byte report of 72 empty records. */
static void gen_empty_records(struct buf *b)
{
	u32 i;

	mld_spec(b, REP2 " 0048");
	for (i = 0; i < 72; i++)
		mld_spec(b, JOIN);
	mld_spec(b, "z4");
}

static void gen_n_huge(struct buf *b)
{
	mld_spec(b, GSQ2 " ffff z1424");
}

static void gen_16(struct buf *b)
{
	gsq(b, 16, -1);
}

static void gen_89(struct buf *b)
{
	gsq(b, 89, -1);
}

static void gen_255(struct buf *b)
{
	gsq(b, 255, -1);
}

static void gen_256(struct buf *b)
{
	gsq(b, 256, 255);
}

static void t_cost(void)
{
	static const struct mldcase rows[] = {
		{ "cost", "v2 general query", {}, .msg = GQ2 },
		{ "cost", "v2 report, 1 record", { .src = H, .dst = MLDV2 },
		  .msg = REP2 " 0001 " JOIN },
		{ "cost", "v2 query, 16 sources", { .dst = G },
		  .gen = gen_16 },
		{ "cost", "v2 query, 89 sources", { .dst = G },
		  .gen = gen_89 },
		{ "cost", "v2 query, 255 sources", { .dst = G },
		  .gen = gen_255, .max_query_sources = 255 },
		{ "cost", "v2 query, 256 sources (not hunted)", { .dst = G },
		  .gen = gen_256, .max_query_sources = 256 },
		{ "cost", "255 sources in one bucket, last = first",
		  { .dst = G }, .gen = gen_one_bucket,
		  .max_query_sources = 255 },
		{ "cost", "255 sources three to a bucket", { .dst = G },
		  .gen = gen_triples, .max_query_sources = 255 },
		{ "cost", "1500-byte report of 72 empty records",
		  { .src = H, .dst = MLDV2 }, .gen = gen_empty_records },
		{ "cost", "N 0xffff in a 1500-byte packet", { .dst = G },
		  .gen = gen_n_huge },
		{ "cost", "0xffff records in 8 bytes", { .src = H,
		  .dst = MLDV2 }, .msg = REP2 " ffff" },
	};
	struct mldpkt p;
	enum igg_reason r;
	u64 units;
	u32 i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		p = mldcase_build(&rows[i]);
		units = cost_of(&rows[i], &p, &r);
		cost_row(rows[i].what, units, p.k.len);
		if (rows[i].gen == gen_one_bucket)
			CHECK(r == IGG_R_NONE, "one bucket: %s", rname(r));
		pkt_free(&p.k);
	}
}

/* B39: 1000 queries of 89 sources, each a policy finding, each cheap. */
static void t_b39(void)
{
	struct mldcase c = { "B39", "89 sources", { .dst = SN },
			     .found = F(QUERY_SOURCES) };
	struct buf b = { 0 };
	struct mldpkt p;
	u32 j, i, bad = 0;
	u64 worst = 0;
	rset found;
	u8 s[16];

	for (j = 0; j < 1000; j++) {
		b.n = 0;
		mld_spec(&b, "8200 0000 ffff 0000 [" SN "] 0000 0059");
		for (i = 1; i < 90; i++) {
			ip6_pton("2001:db8::", s);
			s[4] = (u8)(j >> 8);
			s[5] = (u8)j;
			s[15] = (u8)i;
			buf_put(&b, s, 16);
		}
		p = mld_packet(&c.ip, b.d, b.n);
		igg_cost = IGG_COST_CALL;
		bad += mld_run(&c, &p, &found) != IGG_R_NONE ||
		       found != c.found;
		if (igg_cost > worst)
			worst = igg_cost;
		pkt_free(&p.k);
	}
	CHECK(!bad, "%u of 1000 B39 queries not mld_query_sources alone", bad);
	CHECK(igg_cost_within(worst, 40 + 8 + b.n), "B39: %llu units",
	      (unsigned long long)worst);
	buf_free(&b);
}

/*
 * Random messages of every MLD type and of lengths up to 1500, their
 * counts often made to fit and their checksums right: every result is
 * deterministic, names only MLD reasons and keeps the cost bound.
 */
static void t_random(void)
{
	static const u8 types[] = { 130, 131, 132, 143 };
	struct mldcase c = { .id = "rand", .what = "random", .ip = { .dst = G } };
	struct rng rng = { 0x6d6c64u };
	u8 msg[1500];
	struct mldpkt p;
	rset f1, f2, mld = 0;
	enum igg_reason r1, r2;
	u32 n, len, i, pass = 0, bad = 0;

	for (i = 1; i < IGG_R_COUNT; i++)
		if (!strncmp(rname(i), "mld_", 4))
			mld |= RBIT(i);
	for (n = 0; n < 20000; n++) {
		len = rng_below(&rng, 8) ? 24 + rng_below(&rng, 200) :
					   rng_below(&rng, 1501);
		for (i = 0; i < len; i++)
			msg[i] = (u8)rng_next(&rng);
		if (len)
			msg[0] = types[rng_below(&rng, 4)];
		if (len > 9 && rng_below(&rng, 2))
			msg[8] = 0xff;
		if (len >= 28 && msg[0] == 130 && rng_below(&rng, 2))
			put_be16(msg + 26, (u16)((len - 28) / 16));
		if (len >= 8 && msg[0] == 143 && rng_below(&rng, 2))
			put_be16(msg + 6, (u16)rng_below(&rng, 4));
		c.ip.src = rng_below(&rng, 2) ? H : "::";
		c.ip.keep_csum = !rng_below(&rng, 8);
		p = mld_packet(&c.ip, msg, len);
		igg_cost = IGG_COST_CALL;
		r1 = mld_run(&c, &p, &f1);
		bad += !igg_cost_within(igg_cost, p.k.len);
		r2 = mld_run(&c, &p, &f2);
		bad += r1 != r2 || f1 != f2 || (f1 & ~mld) ||
		       (r1 && !(RBIT(r1) & mld));
		pass += r1 == IGG_R_NONE;
		pkt_free(&p.k);
	}
	tap_diag("20000 random messages, %u well-formed", pass);
	CHECK(!bad, "%u random messages broke a rule", bad);
	CHECK(pass > 1000, "only %u random messages well-formed", pass);
}

static unsigned int count(void)
{
	return NCASES + 9;
}

static void run(void)
{
	u32 i;

	for (i = 0; i < NCASES; i++) {
		tap_begin("mld %s: %s", mld_cases[i].id, mld_cases[i].what);
		mld_expect(&mld_cases[i]);
		tap_end();
	}
	tap_begin("mld: the builder's checksums are scapy's");
	t_builder_csum();
	tap_end();
	tap_begin("mld: every bit of the pseudo-header and message counts");
	t_csum_bits();
	tap_end();
	tap_begin("mld: 28 + 16 N exact passes, one byte short overruns");
	t_query_lengths();
	tap_end();
	tap_begin("mld: records exact pass, one byte short overrun");
	t_record_lengths();
	tap_end();
	tap_begin("mld: lengths 0 to 40 of every type");
	t_short_lengths();
	tap_end();
	tap_begin("mld: adversarial messages keep the cost bound");
	t_cost();
	tap_end();
	tap_begin("mld: B39, 1000 queries of 89 sources");
	t_b39();
	tap_end();
	tap_begin("mld: random messages are deterministic, bounded, MLD only");
	t_random();
	tap_end();
	tap_begin("mld: the MLD triggers yield their reasons");
	triggers_mld_check();
	tap_end();
}

const struct tgroup group_mld = { "mld", NULL, 0, count, run };
