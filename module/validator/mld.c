// SPDX-License-Identifier: GPL-2.0
/*
 * MLD (RFC 2710, RFC 3810, RFC 9777) behind an IPv6 header whose
 * extension headers ipv6.c has checked.
 *
 * As for IGMP, a malformed message ends the check at once and decides;
 * it then carries no MLD finding, since nothing in it can be trusted.
 * Policy and anomaly findings of a well-formed message are noted for
 * ipv6.c to weigh.
 */
#include "walk.h"

/* The offsets of RFC 3810 5.1 and 5.2, from the ICMPv6 type on. */
#define MLD_MRC			4	/* v1: Maximum Response Delay */
#define MLD_ADDR		8	/* multicast address, :: in a GQ */
#define MLD_V1_LEN		24
#define MLD2_QUERY_NSRC		26
#define MLD2_QUERY_LEN		28	/* the sources start here */
#define MLD2_REPORT_NREC	6
#define MLD2_REPORT_LEN		8	/* the records start here */
#define MLD2_RECORD_LEN		20	/* type, aux length, N, address */

#define IP6_HOP_LIMIT		7
#define IP6_SRC			8
#define IP6_DST			24
#define IGG_PROTO_ICMPV6	58

static const u8 igg6_all_nodes[16] = { 0xff, 0x02, [15] = 0x01 };
static const u8 igg6_all_routers[16] = { 0xff, 0x02, [15] = 0x02 };
static const u8 igg6_mld2_routers[16] = { 0xff, 0x02, [15] = 0x16 };

static bool igg6_is_multicast(const u8 *a)
{
	return a[0] == 0xff;
}

static bool igg6_is_any(const u8 *a)
{
	u64 hi, lo;

	__builtin_memcpy(&hi, a, 8);
	__builtin_memcpy(&lo, a + 8, 8);
	return !(hi | lo);
}

/* fe80::/10 */
static bool igg6_is_link_local(const u8 *a)
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}

static bool igg6_equal(const u8 *a, const u8 *b)
{
	return !__builtin_memcmp(a, b, 16);
}

/*
 * RFC 4443 2.3: the sum covers a pseudo-header (RFC 8200 8.1) of source,
 * destination, upper-layer length and next header 58, then the whole
 * message, trailing bytes too (RFC 2710 3.7). MLD travels without a
 * routing header, so the IPv6 header's destination is the final one.
 */
static bool igg_mld_csum_ok(const u8 *ip6, const u8 *m, u32 mlen)
{
	const u8 tail[8] = { (u8)(mlen >> 24), (u8)(mlen >> 16),
			     (u8)(mlen >> 8), (u8)mlen,
			     0, 0, 0, IGG_PROTO_ICMPV6 };
	u64 sum;

	sum = igg_csum_add(0, ip6 + IP6_SRC, 32);
	sum = igg_csum_add(sum, tail, sizeof(tail));
	return igg_csum_sum_ok(igg_csum_add(sum, m, mlen));
}

/*
 * Query of any version: RFC 3810 8.1 tells them apart by length, 24 for
 * v1, 28 or more for v2, and has anything else ignored.
 */
static enum igg_reason igg_check_mld_query(struct igg_walk *w, const u8 *ip6,
					   const u8 *m, u32 mlen)
{
	const u8 *group = m + MLD_ADDR, *dst = ip6 + IP6_DST;
	bool general = igg6_is_any(group);
	u32 nsrc;

	if (mlen > MLD_V1_LEN && mlen < MLD2_QUERY_LEN)
		return IGG_R_MLD_LENGTH;
	if (!general && !igg6_is_multicast(group))
		return IGG_R_MLD_GROUP;
	if (mlen >= MLD2_QUERY_LEN) {
		nsrc = igg_get16(m + MLD2_QUERY_NSRC);
		/* At most 28 + 16 * 65535: no overflow in 32 bits. */
		if (MLD2_QUERY_LEN + 16 * nsrc > mlen)
			return IGG_R_MLD_QUERY_OVERRUN;
		if (general && nsrc)
			return IGG_R_MLD_QUERY_GENERAL_SOURCES;
		if (!igg_get16(m + MLD_MRC))
			igg_note(w, IGG_R_MLD_QUERY_MRC_ZERO);
		if (nsrc > w->pol->max_query_sources)
			igg_note(w, IGG_R_MLD_QUERY_SOURCES);
		if (igg_dup_sources(m + MLD2_QUERY_LEN, nsrc, 16, w->pol->seed))
			igg_note(w, IGG_R_MLD_QUERY_DUP_SOURCES);
	}
	/* A node must take a query to any of its addresses: RFC 3810 5.1.15. */
	if (igg6_is_multicast(dst) &&
	    !igg6_equal(dst, general ? igg6_all_nodes : group))
		igg_note(w, IGG_R_MLD_DST);
	return IGG_R_NONE;
}

/* v1 report and done: type code csum delay reserved address. */
static enum igg_reason igg_check_mld_report(struct igg_walk *w,
					    const u8 *ip6, const u8 *m)
{
	const u8 *group = m + MLD_ADDR, *dst = ip6 + IP6_DST;

	if (!igg6_is_multicast(group))
		return IGG_R_MLD_GROUP;
	/*
	 * A v1 report to any address of the node must be taken (RFC 3810
	 * 5.2.14); a done goes to the routers only (RFC 2710 3).
	 */
	if (m[0] == IGG_ICMPV6_MLD_DONE ?
	    !igg6_equal(dst, igg6_all_routers) :
	    igg6_is_multicast(dst) && !igg6_equal(dst, group))
		igg_note(w, IGG_R_MLD_DST);
	return IGG_R_NONE;
}

/*
 * v2 report: a header, then records of 20 + 16 * sources + 4 * aux bytes.
 * Every record takes at least 20 bytes, so the walk ends within mlen / 20
 * steps whatever the record count claims.
 */
static enum igg_reason igg_check_mld2_report(struct igg_walk *w,
					     const u8 *ip6, const u8 *m,
					     u32 mlen)
{
	u32 left = mlen - MLD2_REPORT_LEN, rlen, odd = 0, aux = 0;
	const u8 *rec = m + MLD2_REPORT_LEN;
	u32 todo;

	for (todo = igg_get16(m + MLD2_REPORT_NREC); todo; todo--) {
		IGG_COST(IGG_COST_RECORD);
		if (left < MLD2_RECORD_LEN)
			return IGG_R_MLD_REPORT_OVERRUN;
		rlen = MLD2_RECORD_LEN +
		       16 * (u32)igg_get16(rec + 2) + 4 * (u32)rec[1];
		if (rlen > left)
			return IGG_R_MLD_REPORT_OVERRUN;
		if (!igg6_is_multicast(rec + 4))
			return IGG_R_MLD_RECORD_GROUP;
		/*
		 * Gathered in bits and noted after the walk, as igmp.c does:
		 * a type outside 1..6 makes (u8)(type - 1) + 2 reach 8.
		 */
		odd |= (u8)(rec[0] - 1) + 2u;
		aux |= rec[1];
		left -= rlen;
		rec += rlen;
	}
	/* Unknown types and aux data are to be ignored: RFC 3810 5.2.10-12. */
	if (odd & ~7u)
		igg_note(w, IGG_R_MLD_RECORD_TYPE);
	if (aux)
		igg_note(w, IGG_R_MLD_AUX_DATA);
	if (!igg6_equal(ip6 + IP6_DST, igg6_mld2_routers))
		igg_note(w, IGG_R_MLD_DST);
	return IGG_R_NONE;
}

/*
 * RFC 3810 5.1.14 and 5.2.13 (RFC 3590): link-local, or :: for a report
 * sent before the interface has a link-local address, as Linux sends
 * them during duplicate address detection.
 */
static bool igg_mld_source_ok(const u8 *src, u8 type)
{
	if (igg6_is_link_local(src))
		return true;
	return (type == IGG_ICMPV6_MLD_REPORT ||
		type == IGG_ICMPV6_MLD2_REPORT) && igg6_is_any(src);
}

enum igg_reason igg_check_mld(struct igg_walk *w, const u8 *ip6,
			      const u8 *m, u32 mlen)
{
	enum igg_reason r;

	IGG_COST(IGG_COST_MLD);
	/* A v2 report may hold no record; every other message is 24 bytes. */
	if (mlen < MLD2_REPORT_LEN ||
	    (mlen < MLD_V1_LEN && m[0] != IGG_ICMPV6_MLD2_REPORT))
		return IGG_R_MLD_LENGTH;
	if (!igg_mld_csum_ok(ip6, m, mlen))
		return IGG_R_MLD_CHECKSUM;

	switch (m[0]) {
	case IGG_ICMPV6_MLD_QUERY:
		r = igg_check_mld_query(w, ip6, m, mlen);
		break;
	case IGG_ICMPV6_MLD_REPORT:
	case IGG_ICMPV6_MLD_DONE:
		r = igg_check_mld_report(w, ip6, m);
		break;
	case IGG_ICMPV6_MLD2_REPORT:
		r = igg_check_mld2_report(w, ip6, m, mlen);
		break;
	default:
		/* Not MLD: ipv6.c asks only for types igg_is_mld() knows. */
		return IGG_R_NONE;
	}
	if (r != IGG_R_NONE)
		return r;

	/* Every MLD message is link-local: RFC 2710 3, RFC 3810 5. */
	if (!igg_mld_source_ok(ip6 + IP6_SRC, m[0]))
		igg_note(w, IGG_R_MLD_SOURCE);
	if (ip6[IP6_HOP_LIMIT] != 1)
		igg_note(w, IGG_R_MLD_HOP_LIMIT);
	if (!w->router_alert)
		igg_note(w, IGG_R_MLD_NO_ROUTER_ALERT);
	else if (w->ra_value)
		igg_note(w, IGG_R_MLD_RA_VALUE);
	return IGG_R_NONE;
}
