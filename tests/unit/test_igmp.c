// SPDX-License-Identifier: GPL-2.0
/*
 * Spec section 6 IG-1..IG-11, section 7 B5..B18 (v1/v2 shapes), section 8
 * G1..G4 and G9: IGMP as a whole and v1/v2 messages.
 */
#include "pcase.h"
#include "tests.h"

#define GQ2	"1164 0000 @0.0.0.0"
#define REP2	"1600 0000 @239.1.2.3"
#define G	"239.1.2.3"

/* v2 report whose checksum covers only the first 8 bytes of 12. */
static void gen_csum_first8(struct buf *b)
{
	buf_spec(b, REP2);
	put_be16(b->d + 2, inet_csum(b->d, 8));
	buf_spec(b, "deadbeef");
}

/* 9-byte report whose odd last byte changed after checksumming. */
static void gen_odd_tail_flipped(struct buf *b)
{
	buf_spec(b, REP2 " 5a");
	put_be16(b->d + 2, inet_csum(b->d, 9));
	b->d[8] ^= 0x01;
}

static void cut_4(struct pkt *k)
{
	pkt_resize(k, k->len - 4, 0);
}

static const struct pcase igmp_cases[] = {
	{ "B5", "query length 10", K_IGMP, .pl = GQ2 " 027d",
	  .reason = IGG_R_IGMP_QUERY_LENGTH },
	{ "B6", "query length 11", K_IGMP, .pl = GQ2 " 000000",
	  .reason = IGG_R_IGMP_QUERY_LENGTH },
	{ "B8", "v2 report with a bad checksum", K_IGMP, .dst = "239.1.1.1",
	  .pl = "1600 dead @239.1.1.1", .badsum = true,
	  .reason = IGG_R_IGMP_CHECKSUM },
	{ "B9", "4-byte IGMP", K_IGMP, .dst = "239.1.1.1", .pl = "1600 0000",
	  .reason = IGG_R_IGMP_TRUNCATED },
	{ "B14", "first fragment", K_IGMP, .dst = "239.1.1.1",
	  .pl = "1164 0000 @239.1.1.1 027d 00c8 z500", .frag = 0x2000,
	  .badsum = true, .reason = IGG_R_IGMP_FRAGMENT },
	{ "B14", "second fragment", K_IGMP, .dst = "239.1.1.1", .pl = "z300",
	  .frag = 64, .badsum = true, .reason = IGG_R_IGMP_FRAGMENT },
	{ "B15", "v2 general query with TTL 64", K_IGMP, .pl = GQ2, .ttl = 64,
	  .reason = IGG_R_IGMP_TTL },
	{ "B17", "v2 report for a unicast group", K_IGMP, .dst = "10.0.0.1",
	  .pl = "1600 0000 @10.0.0.1", .reason = IGG_R_IGMP_REPORT_GROUP },
	{ "B18", "IGMP from a multicast source", K_IGMP, .pl = GQ2,
	  .src = "224.0.0.5", .reason = IGG_R_IGMP_SOURCE },
	{ "B38", "fragmented router advertisement is not IGMP", K_BARE,
	  .dst = "224.0.0.1", .proto = 1, .ttl = 1, .frag = 0x2000,
	  .pl = "0900 0000 4002 0708 @192.0.2.1 z4" },
	{ "B39", "router advertisement with 10 addresses is not IGMP",
	  K_BARE, .dst = "224.0.0.1", .proto = 1, .ttl = 1,
	  .pl = "0900 0000 0a02 0708 @192.0.2.1 z4" },
	{ "G1", "v1 query without RA", K_BARE, .dst = "224.0.0.1", .ttl = 1,
	  .pl = "1100 0000 @0.0.0.0" },
	/* RFC 1112: a v1 query's group is ignored (Linux zeroes it). */
	{ "IG-10", "v1 query with its ignored group set, to 224.0.0.1",
	  K_BARE, .dst = "224.0.0.1", .ttl = 1, .pl = "1100 0000 @" G },
	{ "G2", "v2 general query", K_IGMP, .pl = GQ2 },
	{ "G3", "v2 group-specific query", K_IGMP, .dst = G,
	  .pl = "110a 0000 @239.1.2.3" },
	{ "G4", "v2 report", K_IGMP, .dst = G, .pl = REP2 },
	{ "G4", "leave", K_IGMP, .dst = "224.0.0.2", .pl = "1700 0000 @" G },
	{ "G9", "router advertisement", K_BARE, .dst = "224.0.0.1",
	  .proto = 1, .ttl = 1, .pl = "0900 0000 0102 0708 @192.0.2.1 z4" },

	{ "IG-1", "DF alone is no fragment", K_IGMP, .dst = G, .pl = REP2,
	  .frag = 0x4000 },
	{ "IG-1", "MF with DF", K_IGMP, .dst = G, .pl = REP2, .frag = 0x6000,
	  .reason = IGG_R_IGMP_FRAGMENT },
	{ "IG-1", "offset 8 bytes without MF", K_IGMP, .dst = G, .pl = REP2,
	  .frag = 1, .reason = IGG_R_IGMP_FRAGMENT },
	{ "IG-1", "4-byte first fragment is not parsed", K_IGMP, .dst = G,
	  .pl = "1600 0000", .frag = 0x2000,
	  .reason = IGG_R_IGMP_FRAGMENT },
	/* IGMP needs the whole datagram (validator.h); malformed wins. */
	{ "IG-1", "fragment past the buffer is a bad header", K_IGMP,
	  .dst = G, .pl = REP2 " z8", .frag = 0x2000, .edit = cut_4,
	  .reason = IGG_R_IP_HEADER },
	{ "IG-1", "fragment wins over a bad source", K_IGMP, .dst = G,
	  .pl = REP2, .frag = 0x2000, .src = "127.0.0.1",
	  .reason = IGG_R_IGMP_FRAGMENT, .anom = RB(IGMP_SOURCE) },
	{ "IG-2", "7-byte IGMP", K_IGMP, .dst = G, .pl = "1600 0000 efffff",
	  .reason = IGG_R_IGMP_TRUNCATED },
	{ "IG-3", "checksum over 8 of 12 bytes", K_IGMP, .dst = G,
	  .gen = gen_csum_first8, .badsum = true,
	  .reason = IGG_R_IGMP_CHECKSUM },
	{ "IG-3", "trailing bytes in the checksum", K_IGMP, .dst = G,
	  .pl = REP2 " deadbeef" },
	{ "IG-3", "odd length", K_IGMP, .dst = G, .pl = REP2 " 5a" },
	{ "IG-3", "odd last byte changed", K_IGMP, .dst = G,
	  .gen = gen_odd_tail_flipped, .badsum = true,
	  .reason = IGG_R_IGMP_CHECKSUM },
	{ "IG-4", "TTL 0", K_IGMP, .pl = GQ2, .ttl = TTL0,
	  .reason = IGG_R_IGMP_TTL },
	{ "IG-4", "TTL 255", K_IGMP, .pl = GQ2, .ttl = 255,
	  .reason = IGG_R_IGMP_TTL },
	{ "IG-4", "v1 report with TTL 2", K_IGMP, .dst = G, .ttl = 2,
	  .pl = "1200 0000 @" G, .reason = IGG_R_IGMP_TTL },
	{ "IG-4", "leave with TTL 64", K_IGMP, .dst = "224.0.0.2", .ttl = 64,
	  .pl = "1700 0000 @" G, .reason = IGG_R_IGMP_TTL },
	{ "IG-4", "TTL and no RA", K_IGMP, .dst = G, .pl = REP2, .ttl = 64,
	  .opt = "", .reason = IGG_R_IGMP_TTL,
	  .anom = RB(IGMP_NO_ROUTER_ALERT) },
	{ "IG-4", "DVMRP unicast with TTL 64", K_BARE, .pl = "1300 0000 z4" },
	{ "IG-4", "PIMv1 unicast with TTL 64", K_BARE, .pl = "1400 0000 z4" },
	{ "IG-4", "mtrace response", K_BARE, .pl = "1e00 0000 z20" },
	{ "IG-4", "mtrace", K_BARE, .pl = "1f00 0000 z20" },
	{ "IG-4", "MRD advertisement", K_BARE, .pl = "3000 0000 z4" },
	{ "IG-4", "MRD solicitation", K_BARE, .pl = "3100 0000 z4" },
	{ "IG-4", "MRD termination", K_BARE, .pl = "3200 0000 z4" },
	{ "IG-5", "v2 report without RA", K_IGMP, .dst = G, .pl = REP2,
	  .opt = "", .anom = RB(IGMP_NO_ROUTER_ALERT) },
	{ "IG-5", "v1 report without RA", K_IGMP, .dst = G, .opt = "",
	  .pl = "1200 0000 @" G },
	{ "IG-5", "v2 query without RA", K_IGMP, .pl = GQ2, .opt = "",
	  .anom = RB(IGMP_NO_ROUTER_ALERT) },
	{ "IG-5", "leave without RA", K_IGMP, .dst = "224.0.0.2", .opt = "",
	  .pl = "1700 0000 @" G, .anom = RB(IGMP_NO_ROUTER_ALERT) },
	{ "IG-5", "RA after a NOP", K_IGMP, .dst = G, .pl = REP2,
	  .opt = "01 94 04 00 00" },
	{ "IG-5", "RA after EOL does not count", K_IGMP, .dst = G, .pl = REP2,
	  .opt = "00 94 04 00 00",
	  .anom = RB(IGMP_NO_ROUTER_ALERT) | RB(OPT_PADDING) | RB(OPT_EMPTY) },
	{ "IG-6", "type 0x42", K_IGMP, .pl = "4200 0000 z4",
	  .anom = RB(IGMP_UNKNOWN_TYPE) },
	{ "IG-6", "type 0x00 with TTL 64", K_IGMP, .pl = "0000 0000 z4",
	  .ttl = 64, .anom = RB(IGMP_UNKNOWN_TYPE) },
	{ "IG-6", "type 0xff", K_IGMP, .pl = "ff00 0000 z4",
	  .anom = RB(IGMP_UNKNOWN_TYPE) },
	{ "IG-6", "4-byte unknown type", K_IGMP, .pl = "4200 0000",
	  .reason = IGG_R_IGMP_TRUNCATED },
	{ "IG-6", "unknown type, bad checksum", K_IGMP,
	  .pl = "4200 0001 z4", .badsum = true,
	  .reason = IGG_R_IGMP_CHECKSUM },
	{ "IG-7", "query length 9", K_IGMP, .pl = GQ2 " 02",
	  .reason = IGG_R_IGMP_QUERY_LENGTH },
	{ "IG-8", "query for 10.0.0.1", K_IGMP, .dst = "10.0.0.1",
	  .pl = "1164 0000 @10.0.0.1", .reason = IGG_R_IGMP_QUERY_GROUP },
	{ "IG-8", "v1 query's ignored group may be anything", K_IGMP,
	  .opt = "", .pl = "1100 0000 @10.1.2.3" },
	{ "IG-8", "query for 255.255.255.255", K_IGMP,
	  .pl = "1164 0000 @255.255.255.255",
	  .reason = IGG_R_IGMP_QUERY_GROUP },
	{ "IG-8", "v3 query for a unicast group", K_IGMP,
	  .pl = "1164 0000 @192.0.2.1 027d 0000",
	  .reason = IGG_R_IGMP_QUERY_GROUP },
	{ "IG-9", "general query to 224.0.0.2", K_IGMP, .dst = "224.0.0.2",
	  .pl = GQ2, .anom = RB(IGMP_DST) },
	{ "IG-9", "general query to the host", K_IGMP, .dst = "192.0.2.50",
	  .pl = GQ2 },
	{ "IG-9", "general query to broadcast", K_IGMP,
	  .dst = "255.255.255.255", .pl = GQ2 },
	{ "IG-10", "group query to 224.0.0.1", K_IGMP,
	  .pl = "110a 0000 @" G, .anom = RB(IGMP_DST) },
	{ "IG-10", "group query to another group", K_IGMP, .dst = "239.1.2.4",
	  .pl = "110a 0000 @" G, .anom = RB(IGMP_DST) },
	{ "IG-11", "report for 224.0.0.0", K_IGMP, .dst = "224.0.0.0",
	  .pl = "1600 0000 @224.0.0.0", .reason = IGG_R_IGMP_REPORT_GROUP },
	{ "IG-11", "leave for group 0", K_IGMP, .dst = "224.0.0.2",
	  .pl = "1700 0000 @0.0.0.0", .reason = IGG_R_IGMP_REPORT_GROUP },
	{ "IG-11", "v1 report for a unicast group", K_IGMP, .dst = G,
	  .pl = "1200 0000 @10.1.1.1", .reason = IGG_R_IGMP_REPORT_GROUP },
	{ "IG-11", "report for 255.255.255.255", K_IGMP, .dst = G,
	  .pl = "1600 0000 @255.255.255.255",
	  .reason = IGG_R_IGMP_REPORT_GROUP },
	{ "IG-11", "report for 239.255.255.255", K_IGMP,
	  .dst = "239.255.255.255", .pl = "1600 0000 @239.255.255.255" },
	{ "IG-11", "report to 224.0.0.1", K_IGMP, .pl = REP2,
	  .anom = RB(IGMP_DST) },
	{ "IG-11", "leave to the group", K_IGMP, .dst = G,
	  .pl = "1700 0000 @" G, .anom = RB(IGMP_DST) },
	{ "IG-11", "report to the host", K_IGMP, .dst = "192.0.2.50",
	  .pl = REP2 },
	{ "IG-11", "leave to the host", K_IGMP, .dst = "192.0.2.50",
	  .pl = "1700 0000 @" G },
	{ "IG-11", "10-byte report", K_IGMP, .dst = G, .pl = REP2 " abcd" },
};

const struct tgroup group_igmp = {
	"igmp", igmp_cases, sizeof(igmp_cases) / sizeof(igmp_cases[0]),
	NULL, NULL,
};
