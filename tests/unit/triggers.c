// SPDX-License-Identifier: GPL-2.0
/* A packet for each reason; see triggers.h. */
#include "triggers.h"

#define G	"239.1.2.3"
#define GQ2	"1164 0000 @0.0.0.0"
#define REP2	"1600 0000 @" G
#define V3	"224.0.0.22"

static void ihl_4(struct pkt *k)
{
	k->d[0] = 0x44;
	ip_fix_csum(k->d);
}

static void gen_gss65(struct buf *b)
{
	unsigned int i;

	buf_spec(b, "1164 0000 @" G " 027d 0041");
	for (i = 0; i < 65; i++)
		buf_be32(b, 0x0a000000u + i);
}

/* IPv6: the payload length one past the packet's end. */
static void plen_over(struct pkt *k)
{
	ip6_set_plen(k->d, ip6_plen(k->d) + 1);
}

/* A jumbogram's payload length. */
static void plen_0(struct pkt *k)
{
	ip6_set_plen(k->d, 0);
}

#define DST_PADN	"3c00 0104 00000000"
#define UDP8		"9c40 9c41 0008 0000"

/* An ICMPv6 echo request behind the chain @c whose first header is @nh. */
#define T_EXT(r, c, nh, ...) \
	[IGG_R_##r] = { #r, c, K_IP6, .opt = c, .proto = nh, __VA_ARGS__ }

#define T_OPT(r, o, a) \
	[IGG_R_##r] = { #r, o, K_RAW, .opt = o, .reason = IGG_R_##r, .anom = a }
#define T_OPT_A(r, o, a) \
	[IGG_R_##r] = { #r, o, K_RAW, .opt = o, .anom = (a) | RB(r) }
#define T_IGMP(r, d, p, ...) \
	[IGG_R_##r] = { #r, p, K_IGMP, .dst = d, .pl = p, __VA_ARGS__ }

static const struct pcase triggers[IGG_R_COUNT] = {
	[IGG_R_IP_HEADER] = { "IP_HEADER", "IHL 4", K_RAW, .edit = ihl_4,
			      .reason = IGG_R_IP_HEADER },
	T_OPT(OPT_TRUNCATED, "01 01 01 07", 0),
	T_OPT(OPT_LENGTH, "07 00 00 00", 0),
	T_OPT(OPT_ROUTE, "07 07 03 00000000 00", 0),
	T_OPT(OPT_TIMESTAMP, "44 08 04 00 00000000", 0),
	T_OPT(OPT_TS_OVERFLOW, "44 08 09 f0 00000000", 0),
	T_OPT(OPT_DUPLICATE, "82 03 00 82 03 00", 0),
	T_OPT(OPT_RA_LENGTH, "94 03 00 00", 0),
	T_OPT(OPT_CIPSO, "86 0a 00000001 01 00 0000", 0),
	T_OPT(OPT_SECURITY, "82 02 00 00", 0),
	T_IGMP(IGMP_TRUNCATED, G, "1600 0000",
	       .reason = IGG_R_IGMP_TRUNCATED),
	T_IGMP(IGMP_CHECKSUM, G, "1600 dead @" G, .badsum = true,
	       .reason = IGG_R_IGMP_CHECKSUM),
	T_IGMP(IGMP_QUERY_LENGTH, "224.0.0.1", GQ2 " 027d",
	       .reason = IGG_R_IGMP_QUERY_LENGTH),
	T_IGMP(IGMP_QUERY_GROUP, "10.0.0.1", "1164 0000 @10.0.0.1",
	       .reason = IGG_R_IGMP_QUERY_GROUP),
	T_IGMP(IGMP_REPORT_GROUP, "10.0.0.1", "1600 0000 @10.0.0.1",
	       .reason = IGG_R_IGMP_REPORT_GROUP),
	T_IGMP(V3_QUERY_OVERRUN, G, "1164 0000 @" G " 027d ffff",
	       .reason = IGG_R_V3_QUERY_OVERRUN),
	T_IGMP(V3_QUERY_GENERAL_SOURCES, "224.0.0.1",
	       GQ2 " 027d 0001 @10.0.0.1",
	       .reason = IGG_R_V3_QUERY_GENERAL_SOURCES),
	T_IGMP(V3_REPORT_OVERRUN, V3, "2200 0000 0000 ffff",
	       .reason = IGG_R_V3_REPORT_OVERRUN),
	T_IGMP(V3_RECORD_GROUP, V3, "2200 0000 0000 0001 01000000 @10.1.1.1",
	       .reason = IGG_R_V3_RECORD_GROUP),

	[IGG_R_IP6_HEADER] = { "IP6_HEADER", "payload length 1 over", K_IP6,
			       .edit = plen_over, .reason = IGG_R_IP6_HEADER },
	[IGG_R_IP6_ADDRESS] = { "IP6_ADDRESS", "multicast source", K_IP6,
				.src = "ff02::1",
				.reason = IGG_R_IP6_ADDRESS },
	T_EXT(IP6_JUMBO, "3a00 c204 000003e8", NH0, .edit = plen_0,
	      .reason = IGG_R_IP6_JUMBO),
	T_EXT(EXT_TRUNCATED, "3a01 0104 00000000", NH_DSTOPTS, .pl = "",
	      .reason = IGG_R_EXT_TRUNCATED),
	T_EXT(EXT_HBH_NOT_FIRST, "0000 0104 00000000 3a00 0104 00000000",
	      NH_DSTOPTS, .reason = IGG_R_EXT_HBH_NOT_FIRST),
	T_EXT(EXT_OPTION_LENGTH, "3a00 0504 00000000", NH0,
	      .reason = IGG_R_EXT_OPTION_LENGTH),
	T_EXT(EXT_OPTION_DISCARD, "3a00 5e04 00000000", NH0,
	      .reason = IGG_R_EXT_OPTION_DISCARD),
	T_EXT(EXT_HOME_ADDRESS, "3a02 0102 0000 c910 #ff02::1", NH_DSTOPTS,
	      .reason = IGG_R_EXT_HOME_ADDRESS),
	T_EXT(EXT_ROUTING, "3a04 0002 00000000 #2001:db8::a #2001:db8::b",
	      NH_ROUTING, .reason = IGG_R_EXT_ROUTING),
	T_EXT(EXT_FRAGMENT, "1100 0001 00000007", NH_FRAGMENT,
	      .pl = "9c40 9c41 0015 0000 z13", .reason = IGG_R_EXT_FRAGMENT),
	T_EXT(EXT_FIRST_FRAGMENT, "3c00 0001 00000009 1100 0104 00000000",
	      NH_FRAGMENT, .pl = "", .reason = IGG_R_EXT_FIRST_FRAGMENT),

	T_IGMP(IGMP_FRAGMENT, G, REP2, .frag = 0x2000,
	       .reason = IGG_R_IGMP_FRAGMENT),
	T_IGMP(IGMP_TTL, "224.0.0.1", GQ2, .ttl = 64,
	       .reason = IGG_R_IGMP_TTL),
	T_IGMP(IGMP_SOURCE, "224.0.0.1", GQ2, .src = "127.0.0.1",
	       .reason = IGG_R_IGMP_SOURCE),
	T_OPT(OPT_SOURCE_ROUTE, "83 07 04 c0000201 00", 0),
	[IGG_R_V3_QUERY_SOURCES] = { "V3_QUERY_SOURCES", "65 sources",
				     K_IGMP, .dst = G, .gen = gen_gss65,
				     .reason = IGG_R_V3_QUERY_SOURCES },

	T_EXT(EXT_CHAIN_LENGTH, DST_PADN DST_PADN DST_PADN DST_PADN DST_PADN
	      DST_PADN DST_PADN DST_PADN "3a00 0104 00000000", NH_DSTOPTS,
	      .reason = IGG_R_EXT_CHAIN_LENGTH, .anom = RB(EXT_ORDER)),
	T_EXT(EXT_PADDING, "3a00 0104 deadbeef", NH0,
	      .reason = IGG_R_EXT_PADDING),
	/* drop_routing0 is off by default: counted, passed. */
	T_EXT(EXT_ROUTING0, "3a02 0000 00000000 #2001:db8::a", NH_ROUTING,
	      .anom = RB(EXT_ROUTING0)),

	T_IGMP(IGMP_NO_ROUTER_ALERT, G, REP2, .opt = "",
	       .anom = RB(IGMP_NO_ROUTER_ALERT)),
	T_IGMP(IGMP_UNKNOWN_TYPE, "224.0.0.1", "4200 0000 z4",
	       .anom = RB(IGMP_UNKNOWN_TYPE)),
	T_IGMP(IGMP_DST, "224.0.0.1", REP2, .anom = RB(IGMP_DST)),
	T_OPT_A(OPT_UNKNOWN, "88 04 12 34", 0),
	T_OPT_A(OPT_RECORD, "07 07 04 z4", 0),
	T_OPT_A(OPT_TS_FLAG, "44 0c 05 02 z8", RB(OPT_RECORD)),
	T_OPT_A(OPT_ROUTE_POINTER, "07 08 04 z5", RB(OPT_RECORD)),
	T_OPT_A(OPT_PADDING, "01 00 05 00", 0),
	T_OPT_A(OPT_EMPTY, "00 00 00 00", 0),
	T_IGMP(OPT_RA_VALUE, G, REP2, .opt = "94 04 00 01",
	       .anom = RB(OPT_RA_VALUE)),
	T_OPT_A(OPT_RA_LONG, "94 06 00 00 00 00", 0),
	T_IGMP(V3_RECORD_TYPE, V3, "2200 0000 0000 0001 07000000 @" G,
	       .anom = RB(V3_RECORD_TYPE)),
	T_IGMP(V3_AUX_DATA, V3, "2200 0000 0000 0001 01010000 @" G " deadbeef",
	       .anom = RB(V3_AUX_DATA)),
	T_IGMP(V3_QUERY_MRC_ZERO, G, "1100 0000 @" G " 027d 0000",
	       .anom = RB(V3_QUERY_MRC_ZERO)),
	T_IGMP(V3_QUERY_DUP_SOURCES, G,
	       "1164 0000 @" G " 027d 0002 @10.0.0.1 @10.0.0.1",
	       .anom = RB(V3_QUERY_DUP_SOURCES)),
	T_EXT(EXT_ORDER, DST_PADN DST_PADN "3a00 0104 00000000", NH_DSTOPTS,
	      .anom = RB(EXT_ORDER)),
	T_EXT(EXT_OPTION_UNKNOWN, "3a00 1e04 00000000", NH_DSTOPTS,
	      .anom = RB(EXT_OPTION_UNKNOWN)),
	T_EXT(EXT_MANY_OPTIONS, "3a02 1e00 1e00 1e00 1e00 1e00 1e00 1e00 1e00"
	      " 1e00 0102 0000", NH_DSTOPTS,
	      .anom = RB(EXT_MANY_OPTIONS) | RB(EXT_OPTION_UNKNOWN)),
	T_EXT(EXT_ROUTER_ALERT, "3a00 0502 0003 0100", NH0,
	      .anom = RB(EXT_ROUTER_ALERT)),
	T_EXT(EXT_ROUTING_MULTICAST, "3a02 0500 00000000 #2001:db8::a",
	      NH_ROUTING, .dst = "ff02::1", .anom = RB(EXT_ROUTING_MULTICAST)),
	T_EXT(EXT_ATOMIC_FRAGMENT, "3a00 0000 00000055", NH_FRAGMENT,
	      .anom = RB(EXT_ATOMIC_FRAGMENT)),
	[IGG_R_EXT_NO_NEXT_DATA] = { "EXT_NO_NEXT_DATA", "garbage after 59",
				     K_IP6, .proto = NH_NONE,
				     .pl = "67617262616765",
				     .anom = RB(EXT_NO_NEXT_DATA) },
};

const struct pcase *trigger(enum igg_reason r)
{
	const struct pcase *c;

	if ((unsigned int)r >= IGG_R_COUNT)
		return NULL;
	c = &triggers[r];
	return c->id ? c : NULL;
}
