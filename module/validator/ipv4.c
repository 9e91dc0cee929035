// SPDX-License-Identifier: GPL-2.0
/*
 * The IPv4 validator: the IPv4 header and its options, then IGMP
 * (igmp.c) for IGMP packets.
 *
 * Malformed findings end the walk at once: nothing after them can be
 * trusted. Policy and anomaly findings are collected, and the verdict is
 * decided at the end, so a packet that is both malformed and unwanted is
 * reported as malformed, and every finding of a passed packet is counted.
 */
#include "walk.h"

#define IGG_OPT_EOL		0
#define IGG_OPT_NOP		1
#define IGG_OPT_RR		7
#define IGG_OPT_QS		25
#define IGG_OPT_TS		68
#define IGG_OPT_SEC		130
#define IGG_OPT_LSRR		131
#define IGG_OPT_ESO		133
#define IGG_OPT_CIPSO		134
#define IGG_OPT_SSRR		137
#define IGG_OPT_RA		148

/*
 * Once-per-datagram options (RFC 791, RFC 1108 2, RFC 1812 5.2.4.1).
 * Stream ID says so too, but RFC 1122 3.2.1.8 has receivers ignore it, so
 * a second copy is only a second ignored option.
 */
enum {
	IGG_ONCE_RR	= 1 << 0,
	IGG_ONCE_SRR	= 1 << 1,	/* loose and strict share one slot */
	IGG_ONCE_TS	= 1 << 2,
	IGG_ONCE_SEC	= 1 << 3,
	IGG_ONCE_CIPSO	= 1 << 4,
};

static u32 igg_once_bit(u8 type)
{
	switch (type) {
	case IGG_OPT_RR:	return IGG_ONCE_RR;
	case IGG_OPT_LSRR:
	case IGG_OPT_SSRR:	return IGG_ONCE_SRR;
	case IGG_OPT_TS:	return IGG_ONCE_TS;
	case IGG_OPT_SEC:	return IGG_ONCE_SEC;
	case IGG_OPT_CIPSO:	return IGG_ONCE_CIPSO;
	default:		return 0;
	}
}

/* Record route, loose and strict source route: type len ptr addr... */
static enum igg_reason igg_check_route(struct igg_walk *w, const u8 *o,
				       u32 len)
{
	u32 ptr;

	if (len < 3)
		return IGG_R_OPT_ROUTE;
	ptr = o[2];
	if (ptr < 4)
		return IGG_R_OPT_ROUTE;
	/* Some room left, but not a whole address. */
	if (ptr <= len && ptr + 3 > len)
		return IGG_R_OPT_ROUTE;
	if ((len - 3) % 4 || ptr % 4 || ptr > len + 1)
		igg_note(w, IGG_R_OPT_ROUTE_POINTER);
	igg_note(w, o[0] == IGG_OPT_RR ? IGG_R_OPT_RECORD :
					 IGG_R_OPT_SOURCE_ROUTE);
	return IGG_R_NONE;
}

/* Timestamp: type len ptr oflw:4|flg:4 data... (RFC 791) */
static enum igg_reason igg_check_timestamp(struct igg_walk *w, const u8 *o,
					   u32 len)
{
	u32 ptr, flag, entry;
	bool pairs, known;

	if (len < 4)
		return IGG_R_OPT_TIMESTAMP;
	ptr = o[2];
	if (ptr < 5)
		return IGG_R_OPT_TIMESTAMP;
	flag = o[3] & 0xf;
	pairs = flag == 1 || flag == 3;
	known = pairs || flag == 0;
	/* An unknown flag has no entry size; one stamp is the least. */
	entry = pairs ? 8 : 4;
	if (ptr <= len) {
		if (ptr + entry - 1 > len)
			return IGG_R_OPT_TIMESTAMP;
	} else if (flag != 3 && (o[3] >> 4) == 15) {
		/*
		 * Counting this host would overflow. A full flag-3 list has
		 * no address left to match, so nobody counts (nor does Linux).
		 */
		return IGG_R_OPT_TS_OVERFLOW;
	}
	if (!known)
		igg_note(w, IGG_R_OPT_TS_FLAG);
	igg_note(w, IGG_R_OPT_RECORD);
	return IGG_R_NONE;
}

/* CIPSO: type len DOI(4) then tags of type len... (FIPS 188) */
static enum igg_reason igg_check_cipso(const u8 *o, u32 len)
{
	u32 off;

	if (len < 8 || !igg_get32(o + 2))
		return IGG_R_OPT_CIPSO;
	for (off = 6; off < len; off += o[off + 1]) {
		IGG_COST(IGG_COST_CIPSO_TAG);
		if (len - off < 2 || !o[off] || o[off + 1] < 4 ||
		    o[off + 1] > len - off)
			return IGG_R_OPT_CIPSO;
	}
	return IGG_R_NONE;
}

/* One TLV option of @len bytes, its length already known to fit. */
static enum igg_reason igg_check_option(struct igg_walk *w, const u8 *o,
					u32 len, u8 proto)
{
	switch (o[0]) {
	case IGG_OPT_RR:
	case IGG_OPT_LSRR:
	case IGG_OPT_SSRR:
		return igg_check_route(w, o, len);
	case IGG_OPT_TS:
		return igg_check_timestamp(w, o, len);
	case IGG_OPT_SEC:
	case IGG_OPT_ESO:
		/* RFC 1108 made the length variable; do not insist on 11. */
		return len < 3 ? IGG_R_OPT_SECURITY : IGG_R_NONE;
	case IGG_OPT_CIPSO:
		return igg_check_cipso(o, len);
	case IGG_OPT_RA:
		/* The value is the 2 bytes after the length, however long. */
		if (len < 4)
			return IGG_R_OPT_RA_LENGTH;
		if (len > 4)
			igg_note(w, IGG_R_OPT_RA_LONG);
		w->router_alert = true;
		if (proto == IGG_PROTO_IGMP && igg_get16(o + 2))
			igg_note(w, IGG_R_OPT_RA_VALUE);
		return IGG_R_NONE;
	case IGG_OPT_QS:
		return IGG_R_NONE;
	default:
		/* Every unknown or obsolete option, stream ID (136) too. */
		igg_note(w, IGG_R_OPT_UNKNOWN);
		return IGG_R_NONE;
	}
}

static enum igg_reason igg_check_options(struct igg_walk *w, const u8 *opt,
					 u32 optlen, u8 proto)
{
	enum igg_reason r;
	u32 off = 0, seen = 0, once, len;

	if (opt[0] == IGG_OPT_EOL)
		igg_note(w, IGG_R_OPT_EMPTY);

	while (off < optlen) {
		IGG_COST(IGG_COST_OPT_BYTE);
		if (opt[off] == IGG_OPT_EOL) {
			while (++off < optlen) {
				IGG_COST(IGG_COST_OPT_BYTE);
				if (opt[off]) {
					igg_note(w, IGG_R_OPT_PADDING);
					break;
				}
			}
			break;
		}
		if (opt[off] == IGG_OPT_NOP) {
			off++;
			continue;
		}
		if (optlen - off < 2)
			return IGG_R_OPT_TRUNCATED;
		len = opt[off + 1];
		/* A zero length would never move on (CVE-2018-10938). */
		if (len < 2 || len > optlen - off)
			return IGG_R_OPT_LENGTH;

		once = igg_once_bit(opt[off]);
		if (seen & once)
			return IGG_R_OPT_DUPLICATE;
		seen |= once;

		IGG_COST(IGG_COST_OPTION);
		r = igg_check_option(w, opt + off, len, proto);
		if (r != IGG_R_NONE)
			return r;
		off += len;
	}
	return IGG_R_NONE;
}

enum igg_verdict igg_validate(const u8 *pkt, u32 len,
			      const struct igg_policy *pol,
			      struct igg_result *res)
{
	return igg_validate_flags(pkt, len, 0, pol, res);
}

enum igg_verdict igg_validate_flags(const u8 *pkt, u32 len, u32 flags,
				    const struct igg_policy *pol,
				    struct igg_result *res)
{
	struct igg_walk w = { .pol = pol };
	enum igg_reason r = IGG_R_NONE;
	u32 hlen, tot;
	bool big_tcp;

	/* Only the call is charged on the way out at malformed_header. */
	IGG_COST_START();

	if (len < 20 || (pkt[0] >> 4) != 4)
		goto malformed_header;
	hlen = (pkt[0] & 0xf) * 4;
	tot = igg_get16(pkt + 2);
	/* tot is not read again for TCP: see IGG_VF_BIG_TCP. */
	big_tcp = (flags & IGG_VF_BIG_TCP) && tot == 0 &&
		  pkt[9] == IGG_PROTO_TCP;
	if (hlen < 20 || hlen > len || (tot < hlen && !big_tcp))
		goto malformed_header;

	/* The usual IGMP option area: one router alert, value 0. */
	if (hlen == 24 && igg_get32(pkt + 20) == 0x94040000u)
		w.router_alert = true;
	else if (hlen > 20)
		r = igg_check_options(&w, pkt + 20, hlen - 20, pkt[9]);
	if (r == IGG_R_NONE && pkt[9] == IGG_PROTO_IGMP)
		r = igg_check_igmp(&w, pkt, hlen, tot, len);

	/* Policy reasons come first in the list, so they win. */
	if (r == IGG_R_NONE)
		r = igg_set_first(igg_set_and(w.found, pol->drop));
	res->reason = r;
	res->anomalies = w.found;
	igg_set_del(&res->anomalies, r);
	IGG_COST_SETTLE(len);
	return r == IGG_R_NONE ? IGG_PASS : IGG_DROP;

malformed_header:
	res->reason = IGG_R_IP_HEADER;
	res->anomalies = (struct igg_set){ { 0 } };
	return IGG_DROP;
}
