// SPDX-License-Identifier: GPL-2.0
/*
 * IGMP (RFC 1112, RFC 2236, RFC 3376) behind an IPv4 header that ipv4.c
 * has checked.
 */
#include "walk.h"

#define IGMP_QUERY		0x11
#define IGMP_V1_REPORT		0x12
#define IGMP_DVMRP		0x13
#define IGMP_PIMV1		0x14
#define IGMP_V2_REPORT		0x16
#define IGMP_LEAVE		0x17
#define IGMP_MTRACE_RESP	0x1e
#define IGMP_MTRACE		0x1f
#define IGMP_V3_REPORT		0x22
#define IGMP_MRD_ADV		0x30
#define IGMP_MRD_SOL		0x31
#define IGMP_MRD_TERM		0x32

#define IGG_ALL_HOSTS		0xe0000001u	/* 224.0.0.1 */
#define IGG_ALL_ROUTERS		0xe0000002u	/* 224.0.0.2 */
#define IGG_V3_ROUTERS		0xe0000016u	/* 224.0.0.22 */

/*
 * RFC 1122 3.2.1.3: never multicast, limited broadcast, loopback or
 * "this network" as a source. 0.0.0.0 itself is left alone: RFC 3376 4.2.13
 * allows it for reports and snooping switches query from it (RFC 4541).
 */
static bool igg_bad_source(u32 addr)
{
	u32 net = addr >> 24;

	/* Ordinary unicast (1-126, 128-223) in two compares. */
	if (net - 1 < 126 || net - 128 < 96 || !addr)
		return false;
	return net == 0 || net == 127 || igg_is_multicast(addr) ||
	       addr == 0xffffffffu;
}

/* Membership query, any version (RFC 3376 7.1 tells them apart by length). */
static enum igg_reason igg_check_query(struct igg_walk *w, const u8 *m,
				       u32 mlen, u32 daddr)
{
	u32 group = igg_get32(m + 4);
	u32 nsrc;

	/* RFC 1112: a v1 query's group field is unused and ignored. */
	if (mlen == 8 && !m[1])
		group = 0;
	if (mlen > 8 && mlen < 12)
		return IGG_R_IGMP_QUERY_LENGTH;
	if (group && !igg_is_multicast(group))
		return IGG_R_IGMP_QUERY_GROUP;

	/* A v1 query has code 0 and no router alert requirement. */
	if ((mlen >= 12 || m[1]) && !w->router_alert)
		igg_note(w, IGG_R_IGMP_NO_ROUTER_ALERT);
	/* Unicast is always fine: RFC 3376 4.1.12. */
	if (igg_is_multicast(daddr) && daddr != (group ? group : IGG_ALL_HOSTS))
		igg_note(w, IGG_R_IGMP_DST);
	if (mlen < 12)
		return IGG_R_NONE;

	nsrc = igg_get16(m + 10);
	if (12 + 4 * nsrc > mlen)
		return IGG_R_V3_QUERY_OVERRUN;
	if (!group && nsrc)
		return IGG_R_V3_QUERY_GENERAL_SOURCES;
	if (!m[1])
		igg_note(w, IGG_R_V3_QUERY_MRC_ZERO);
	if (nsrc > w->pol->max_query_sources)
		igg_note(w, IGG_R_V3_QUERY_SOURCES);
	if (igg_dup_sources(m + 12, nsrc, 4, w->pol->seed))
		igg_note(w, IGG_R_V3_QUERY_DUP_SOURCES);
	return IGG_R_NONE;
}

/* v1 and v2 reports and v2 leaves: type code csum group. */
static enum igg_reason igg_check_report(struct igg_walk *w, const u8 *m,
					u32 daddr)
{
	u32 group = igg_get32(m + 4);

	/* Multicast but not 224.0.0.0, in one compare. */
	if (group - 0xe0000001u > 0x0ffffffeu)
		return IGG_R_IGMP_REPORT_GROUP;
	if (m[0] != IGMP_V1_REPORT && !w->router_alert)
		igg_note(w, IGG_R_IGMP_NO_ROUTER_ALERT);
	if (igg_is_multicast(daddr) &&
	    daddr != (m[0] == IGMP_LEAVE ? IGG_ALL_ROUTERS : group))
		igg_note(w, IGG_R_IGMP_DST);
	return IGG_R_NONE;
}

/*
 * v3 report: a header, then records of 8 + 4 * sources + 4 * aux bytes.
 * Every record takes at least 8 bytes, so the walk ends within mlen / 8
 * steps whatever the record count claims.
 */
static enum igg_reason igg_check_v3_report(struct igg_walk *w, const u8 *m,
					   u32 mlen, u32 daddr)
{
	u32 nrec = igg_get16(m + 6);
	u32 left = mlen - 8, rlen, odd = 0, aux = 0;
	const u8 *rec = m + 8;
	enum igg_reason r = IGG_R_V3_REPORT_OVERRUN;
	u32 todo;

	for (todo = nrec; todo; todo--) {
		IGG_COST(IGG_COST_RECORD);
		if (left < 8)
			break;
		rlen = 8 + 4 * ((u32)igg_get16(rec + 2) + rec[1]);
		if (rlen > left)
			break;
		if ((rec[4] & 0xf0) != 0xe0) {
			r = IGG_R_V3_RECORD_GROUP;
			break;
		}
		/*
		 * Findings are gathered in bits and noted after the walk: a
		 * branch per record costs more. A type outside 1..6 makes
		 * (u8)(type - 1) + 2 reach 8 or more.
		 */
		odd |= (u8)(rec[0] - 1) + 2u;
		aux |= rec[1];
		left -= rlen;
		rec += rlen;
	}
	if (odd & ~7u)
		igg_note(w, IGG_R_V3_RECORD_TYPE);
	if (aux)
		igg_note(w, IGG_R_V3_AUX_DATA);
	if (todo)
		return r;
	if (!w->router_alert)
		igg_note(w, IGG_R_IGMP_NO_ROUTER_ALERT);
	if (daddr != IGG_V3_ROUTERS)
		igg_note(w, IGG_R_IGMP_DST);
	return IGG_R_NONE;
}

enum igg_reason igg_check_igmp(struct igg_walk *w, const u8 *ip,
			       u32 hlen, u32 tot, u32 len)
{
	u32 saddr = igg_get32(ip + 12), daddr = igg_get32(ip + 16);
	const u8 *m = ip + hlen;
	u32 mlen = tot - hlen;
	enum igg_reason r;

	if (tot > len)
		return IGG_R_IP_HEADER;
	if (igg_bad_source(saddr))
		igg_note(w, IGG_R_IGMP_SOURCE);
	/* MF set or a non-zero offset: the message cannot be parsed here. */
	if (igg_get16(ip + 6) & 0x3fff) {
		igg_note(w, IGG_R_IGMP_FRAGMENT);
		return IGG_R_NONE;
	}
	if (mlen < 8)
		return IGG_R_IGMP_TRUNCATED;
	if (!igg_csum_ok(m, mlen))
		return IGG_R_IGMP_CHECKSUM;

	switch (m[0]) {
	case IGMP_QUERY:
		r = igg_check_query(w, m, mlen, daddr);
		break;
	case IGMP_V1_REPORT:
	case IGMP_V2_REPORT:
	case IGMP_LEAVE:
		r = igg_check_report(w, m, daddr);
		break;
	case IGMP_V3_REPORT:
		r = igg_check_v3_report(w, m, mlen, daddr);
		break;
	case IGMP_DVMRP:
	case IGMP_PIMV1:
	case IGMP_MTRACE_RESP:
	case IGMP_MTRACE:
	case IGMP_MRD_ADV:
	case IGMP_MRD_SOL:
	case IGMP_MRD_TERM:
		/* Routing protocols travel unicast with any TTL. */
		return IGG_R_NONE;
	default:
		igg_note(w, IGG_R_IGMP_UNKNOWN_TYPE);
		return IGG_R_NONE;
	}
	/* Membership messages are link-local: RFC 2236 2, RFC 3376 4. */
	if (r == IGG_R_NONE && ip[8] != 1)
		igg_note(w, IGG_R_IGMP_TTL);
	return r;
}
