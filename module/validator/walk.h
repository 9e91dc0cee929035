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

/* Whether the Internet checksum of @len bytes at @p is right (common.c). */
bool igg_csum_ok(const u8 *p, u32 len);

/*
 * IGMP behind an IPv4 header of @hlen bytes whose total length is @tot,
 * @len bytes present (igmp.c).
 */
enum igg_reason igg_check_igmp(struct igg_walk *w, const u8 *ip,
			       u32 hlen, u32 tot, u32 len);

#endif /* _IGMPGUARD_WALK_H */
