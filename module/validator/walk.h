/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the validator files share inside: the state of one walk over a
 * packet, byte readers, the checksum and the cost counter's macros. Not
 * part of the API (include/igmpguard/validator.h is).
 */
#ifndef _IGMPGUARD_WALK_H
#define _IGMPGUARD_WALK_H

#include <igmpguard/validator.h>

#define IGG_PROTO_IGMP		2
#define IGG_PROTO_TCP		6

/*
 * The cost counter of host builds (see validator.h); nothing at all in the
 * module. Weights are instructions per loop iteration, rounded up, so that
 * the count bounds what callgrind measures (make bench-validator prints
 * both).
 */
#ifdef IGG_COST_COUNT
#define IGG_COST_START()	(igg_cost = IGG_COST_CALL)
#define IGG_COST(units)		(igg_cost += (units))
#define IGG_COST_SETTLE(len)	(igg_cost_breaches += \
				 !igg_cost_within(igg_cost, len))
#define IGG_COST_SETTLE6(len)	(igg_cost_breaches += \
				 !igg_cost_within6(igg_cost, len))
#else
#define IGG_COST_START()	do { } while (0)
#define IGG_COST(units)		do { } while (0)
#define IGG_COST_SETTLE(len)	do { } while (0)
#define IGG_COST_SETTLE6(len)	do { } while (0)
#endif
#define IGG_COST_CALL		260	/* igg_validate() outside its loops */
#define IGG_COST_CSUM_32	16	/* a 32-byte checksum round */
#define IGG_COST_CSUM_8		8	/* an 8-byte round, or the tail */
#define IGG_COST_OPT_BYTE	12	/* a NOP, EOL or padding byte */
#define IGG_COST_OPTION		32	/* more for any other option */
#define IGG_COST_CIPSO_TAG	10	/* a CIPSO tag */
#define IGG_COST_RECORD		26	/* a v3 report group record */
#define IGG_COST_SOURCE		22	/* a query source into its chain */
#define IGG_COST_SOURCE16	36	/* a 16-byte one, folded first */
#define IGG_COST_DUP_FOLD_KEYS	80	/* drawing the fold's multipliers */
#define IGG_COST_DUP_TABLE	48	/* emptying the hunt's bucket table */
#define IGG_COST_COMPARE	12	/* a chain step: an exact compare */
#define IGG_COST_COMPARE16	24	/* the same of 16-byte sources */
#define IGG_COST_MLD		200	/* igg_check_mld() outside its loops */

/* Everything the walk learns that a later check needs. */
struct igg_walk {
	const struct igg_policy *pol;
	struct igg_set found;	/* policy and anomaly findings so far */
	bool router_alert;	/* a router alert option is present */
	u16 ra_value;		/* IPv6: the value of the Hop-by-Hop one */
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
	igg_set_add(&w->found, r);
}

/*
 * The ones' complement sum of @len bytes added to @sum, kept in 64 bits
 * with end-around carry. It does not depend on byte order (RFC 1071), so
 * words are added as the CPU loads them, eight bytes at a time; a caller
 * adding fields of its own (a pseudo-header) stores them in network order
 * and loads them the same way.
 */
static inline u64 igg_csum_add(u64 sum, const u8 *p, u32 len)
{
	u64 v, a, b, c, d;
	u32 i, t4 = 0;
	u16 t2 = 0, t1 = 0;

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
	/*
	 * The last 1 to 7 bytes in pieces of 4, 2 and 1 at even offsets, a
	 * byte as the first of a zeroed 16-bit word: each adds what its
	 * place in an 8-byte word would, modulo 0xffff. A copy of a variable
	 * length would call memcpy().
	 */
	if (i < len) {
		if ((len - i) & 4) {
			__builtin_memcpy(&t4, p + i, 4);
			i += 4;
		}
		if ((len - i) & 2) {
			__builtin_memcpy(&t2, p + i, 2);
			i += 2;
		}
		if (i < len)
			__builtin_memcpy(&t1, p + i, 1);
		v = (u64)t4 + t2 + t1;
		sum += v;
		sum += sum < v;
	}
	return sum;
}

/*
 * Whether a sum of igg_csum_add() is that of correct data: 0xffff once
 * folded. Folding to 16 bits keeps the sum modulo 0xffff (which divides
 * 2^64 - 1) and gives 0xffff exactly when that is 0 and the sum is not:
 * one division by a constant is cheaper than four folds. Compilers turn a
 * remainder by a constant into a multiply, also on 32-bit targets, where a
 * real 64-bit division would need do_div() in a kernel.
 */
static inline bool igg_csum_sum_ok(u64 sum)
{
	return sum && sum % 0xffff == 0;
}

/* The Internet checksum of @len bytes is 0xffff when they are correct. */
static inline bool igg_csum_ok(const u8 *p, u32 len)
{
	return igg_csum_sum_ok(igg_csum_add(0, p, len));
}

/*
 * IGMP behind an IPv4 header of @hlen bytes whose total length is @tot,
 * @len bytes present (igmp.c).
 */
enum igg_reason igg_check_igmp(struct igg_walk *w, const u8 *ip,
			       u32 hlen, u32 tot, u32 len);

#define IGG_ICMPV6_MLD_QUERY	130
#define IGG_ICMPV6_MLD_REPORT	131
#define IGG_ICMPV6_MLD_DONE	132
#define IGG_ICMPV6_MLD2_REPORT	143

static inline bool igg_is_mld(u8 icmpv6_type)
{
	return (icmpv6_type >= IGG_ICMPV6_MLD_QUERY &&
		icmpv6_type <= IGG_ICMPV6_MLD_DONE) ||
	       icmpv6_type == IGG_ICMPV6_MLD2_REPORT;
}

/*
 * MLD behind the IPv6 header at @ip6, whose extension headers ipv6.c has
 * checked: @m holds the @mlen bytes of an ICMPv6 message of an MLD type
 * (its upper-layer length), not a fragment (mld.c).
 */
enum igg_reason igg_check_mld(struct igg_walk *w, const u8 *ip6,
			      const u8 *m, u32 mlen);

#endif /* _IGMPGUARD_WALK_H */
