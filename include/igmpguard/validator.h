/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The validator: one IPv4 packet in, a verdict and its reasons out.
 *
 * It assumes nothing about the bytes beyond what it is told their length
 * is, never allocates, never recurses and does all length arithmetic in
 * 32 bits on values that cannot exceed 16 bits, so no input can overflow
 * it.
 */
#ifndef _IGMPGUARD_VALIDATOR_H
#define _IGMPGUARD_VALIDATOR_H

#include "types.h"
#include "reasons.h"

struct igg_bool_knob {
	const char *name;
	const char *help;
	enum igg_reason reason;
	bool def;
};

enum {
#define IGG_BOOL_KNOB(name, reason, def, help) IGG_KNOB_##name,
#include "knob-list.h"
#undef IGG_BOOL_KNOB
	IGG_BOOL_KNOB_COUNT
};

/* The boolean knobs, generated from knob-list.h. */
extern const struct igg_bool_knob igg_bool_knobs[IGG_BOOL_KNOB_COUNT];

/*
 * RFC 3376 9.1 advises bounding what one forged query can make a host
 * store; 64 sources is far above what real queriers send.
 */
#define IGG_MAX_QUERY_SOURCES_DEFAULT	64
#define IGG_MAX_QUERY_SOURCES_LIMIT	65535

struct igg_policy {
	/* Reasons of class policy or anomaly that drop the packet. */
	u64 drop;
	/* A v3 query with more sources than this is a policy finding. */
	u32 max_query_sources;
	/* Keys the duplicate-source filter so senders cannot aim at it. */
	u32 seed;
};

enum igg_verdict {
	IGG_PASS,
	IGG_DROP,
};

struct igg_result {
	/* What decided a drop, IGG_R_NONE for a pass. */
	enum igg_reason reason;
	/* Findings that did not drop the packet, as IGG_BIT()s. */
	u64 anomalies;
};

/* The policy with every knob at its default. */
void igg_policy_default(struct igg_policy *pol);

/*
 * Validate one IPv4 packet. @pkt holds @len bytes starting at the IP
 * header. The options need the whole header to be present; the payload is
 * read only for IGMP, which then needs the whole datagram. Bytes beyond the
 * IP total length are ignored (link-layer padding).
 */
enum igg_verdict igg_validate(const u8 *pkt, u32 len,
			      const struct igg_policy *pol,
			      struct igg_result *res);

/*
 * What the caller's stack knows about the packet that its bytes do not say.
 *
 * IGG_VF_BIG_TCP: the stack took the packet's length from its buffer, not
 * from tot_len. Linux does so for a TCP GSO packet built larger than
 * 64 KiB (BIG TCP), whose tot_len it sets to 0 (iph_totlen()). IGMP is
 * never GSO, and only the header of other packets is read, so the length
 * is not needed: a tot_len of 0 is then accepted for TCP, nothing else.
 */
#define IGG_VF_BIG_TCP		0x1u

/* igg_validate() with IGG_VF_* @flags from the caller's stack. */
enum igg_verdict igg_validate_flags(const u8 *pkt, u32 len, u32 flags,
				    const struct igg_policy *pol,
				    struct igg_result *res);

#endif /* _IGMPGUARD_VALIDATOR_H */
