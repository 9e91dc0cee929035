// SPDX-License-Identifier: GPL-2.0
/*
 * The igmpguard validator: IPv4 header, IPv4 options and IGMP, as bytes.
 *
 * This file is built unchanged into igmpguard.ko and into the host tests,
 * fuzzers and igmpguardctl, so it uses nothing but the types in types.h.
 *
 * Malformed findings end the walk at once: nothing after them can be
 * trusted. Policy and anomaly findings are collected, and the verdict is
 * decided at the end, so a packet that is both malformed and unwanted is
 * reported as malformed, and every finding of a passed packet is counted.
 */
#include <igmpguard/validator.h>

#define IGG_PROTO_IGMP		2
#define IGG_PROTO_TCP		6

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
 * The cost counter of host builds (see validator.h); nothing at all in the
 * module. Weights are instructions per loop iteration, rounded up, so that
 * the count bounds what callgrind measures (make bench-validator prints
 * both).
 */
#ifdef IGG_COST_COUNT
u64 igg_cost;
u64 igg_cost_breaches;
#define IGG_COST_START()	(igg_cost = IGG_COST_CALL)
#define IGG_COST(units)		(igg_cost += (units))
#define IGG_COST_SETTLE(len)	(igg_cost_breaches += \
				 !igg_cost_within(igg_cost, len))
#else
#define IGG_COST_START()	do { } while (0)
#define IGG_COST(units)		do { } while (0)
#define IGG_COST_SETTLE(len)	do { } while (0)
#endif
#define IGG_COST_CALL		260	/* igg_validate() outside its loops */
#define IGG_COST_CSUM_32	14	/* a 32-byte checksum round */
#define IGG_COST_CSUM_8		8	/* an 8-byte round, or the tail */
#define IGG_COST_OPT_BYTE	12	/* a NOP, EOL or padding byte */
#define IGG_COST_OPTION		32	/* more for any other option */
#define IGG_COST_CIPSO_TAG	10	/* a CIPSO tag */
#define IGG_COST_RECORD		26	/* a v3 report group record */
#define IGG_COST_SOURCE		22	/* a query source into its chain */
#define IGG_COST_DUP_TABLE	48	/* emptying the hunt's bucket table */
#define IGG_COST_COMPARE	12	/* a chain step: an exact compare */

void igg_policy_default(struct igg_policy *pol)
{
	int i;

	pol->drop = IGG_BIT(IGG_R_V3_QUERY_SOURCES);
	for (i = 0; i < IGG_BOOL_KNOB_COUNT; i++)
		if (igg_bool_knobs[i].def)
			pol->drop |= IGG_BIT(igg_bool_knobs[i].reason);
	pol->max_query_sources = IGG_MAX_QUERY_SOURCES_DEFAULT;
	pol->seed = 0;
}

/* Everything the walk learns that a later check needs. */
struct igg_walk {
	const struct igg_policy *pol;
	u64 found;		/* policy and anomaly findings so far */
	bool router_alert;	/* a router alert option is present */
};

static inline u16 igg_get16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static inline u32 igg_get32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline bool igg_is_multicast(u32 addr)
{
	return (addr >> 28) == 0xe;
}

static inline void igg_note(struct igg_walk *w, enum igg_reason r)
{
	w->found |= IGG_BIT(r);
}

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

/*
 * The Internet checksum of @len bytes is 0xffff when they are correct. The
 * ones' complement sum does not depend on byte order (RFC 1071), so words
 * are added as the CPU loads them, eight bytes at a time with end-around
 * carry.
 */
static bool igg_csum_ok(const u8 *p, u32 len)
{
	u8 tail[8] = { 0 };
	u64 sum = 0, v, a, b, c, d;
	u32 i;

	IGG_COST(IGG_COST_CSUM_32 * (len / 32) +
		 IGG_COST_CSUM_8 * (len % 32 / 8 + 1));

	/* Four words a round: the loop overhead is half the cost otherwise. */
	for (i = 0; len - i >= 32; i += 32) {
		__builtin_memcpy(&a, p + i, 8);
		__builtin_memcpy(&b, p + i + 8, 8);
		__builtin_memcpy(&c, p + i + 16, 8);
		__builtin_memcpy(&d, p + i + 24, 8);
		sum += a;
		sum += sum < a;
		sum += b;
		sum += sum < b;
		sum += c;
		sum += sum < c;
		sum += d;
		sum += sum < d;
	}
	for (; len - i >= 8; i += 8) {
		__builtin_memcpy(&v, p + i, 8);
		sum += v;
		sum += sum < v;
	}
	if (i < len) {
		__builtin_memcpy(tail, p + i, len - i);
		__builtin_memcpy(&v, tail, 8);
		sum += v;
		sum += sum < v;
	}
	/*
	 * Folding to 16 bits keeps the sum modulo 0xffff (which divides
	 * 2^64 - 1) and gives 0xffff exactly when that is 0 and the sum is
	 * not: one division by a constant is cheaper than four folds.
	 * Compilers turn a remainder by a constant into a multiply, also
	 * on 32-bit targets, where a real 64-bit division would need
	 * do_div() in a kernel.
	 */
	return sum && sum % 0xffff == 0;
}

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

/*
 * Whether a query lists a source twice, looked for at a cost linear in the
 * source count whatever the addresses are.
 *
 * Each source joins the chain of its bucket, keyed by the per-boot seed,
 * and is compared only with the earlier sources on that chain: with a
 * random key, two given addresses share a bucket with probability 2 / 256,
 * so a list needs about n * n / 256 compares. All compares of one query
 * share a budget of IGG_DUP_SCAN_BUDGET(n), and the hunt stops when it is
 * spent; that, not the key, bounds the cost. So an answer of true is
 * always exact, and false means "none found within the budget": sources
 * that all share a bucket (chosen for a known seed) can hide a repeat,
 * never cost more, and lists that come from real queriers are judged
 * exactly. Sources are compared as raw bytes: equality and a hash need no
 * byte order.
 *
 * Not static: the unit tests call it, and compilers then keep it out of
 * line, which is cheaper here (inlined, its loop shares igg_validate()'s
 * registers).
 */
bool igg_dup_sources(const u8 *src, u32 n, u32 seed)
{
	/* Chains end in IGG_DUP_HUNT_MAX, which no source index reaches. */
	u8 head[IGG_DUP_BUCKETS], next[IGG_DUP_HUNT_MAX];
	u32 budget = IGG_DUP_SCAN_BUDGET(n);
	u32 key = igg_dup_key(seed);
	u32 i, j, addr, h;

	if (n > IGG_DUP_HUNT_MAX)
		return false;
	IGG_COST(IGG_COST_DUP_TABLE);
	__builtin_memset(head, IGG_DUP_HUNT_MAX, sizeof(head));
	for (i = 0; i < n; i++) {
		IGG_COST(IGG_COST_SOURCE);
		__builtin_memcpy(&addr, src + 4 * i, 4);
		h = igg_dup_bucket(addr, key);
		for (j = head[h]; j != IGG_DUP_HUNT_MAX; j = next[j]) {
			if (!budget--)
				return false;
			IGG_COST(IGG_COST_COMPARE);
			if (!__builtin_memcmp(src + 4 * j, src + 4 * i, 4))
				return true;
		}
		next[i] = (u8)head[h];
		head[h] = (u8)i;
	}
	return false;
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
	if (igg_dup_sources(m + 12, nsrc, w->pol->seed))
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

static enum igg_reason igg_check_igmp(struct igg_walk *w, const u8 *ip,
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
	u64 drop;
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

	if (r == IGG_R_NONE) {
		/* Policy reasons come first in the list, so they win. */
		drop = w.found & pol->drop;
		if (drop)
			r = (enum igg_reason)__builtin_ctzll(drop);
	}
	res->reason = r;
	res->anomalies = w.found & ~IGG_BIT(r);
	IGG_COST_SETTLE(len);
	return r == IGG_R_NONE ? IGG_PASS : IGG_DROP;

malformed_header:
	res->reason = IGG_R_IP_HEADER;
	res->anomalies = 0;
	return IGG_DROP;
}
