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
	/* The policy reason it drops, IPv4's and IPv6's; IGG_R_NONE: none. */
	enum igg_reason reason[2];
	bool def;
};

enum {
#define IGG_BOOL_KNOB(name, reason, reason6, def, help) IGG_KNOB_##name,
#include "knob-list.h"
#undef IGG_BOOL_KNOB
	IGG_BOOL_KNOB_COUNT
};

/* The boolean knobs, generated from knob-list.h. */
extern const struct igg_bool_knob igg_bool_knobs[IGG_BOOL_KNOB_COUNT];

/* The reasons @k drops, as a set. */
static inline struct igg_set igg_knob_reasons(const struct igg_bool_knob *k)
{
	struct igg_set s = { { 0 } };

	if (k->reason[0])
		igg_set_add(&s, k->reason[0]);
	if (k->reason[1])
		igg_set_add(&s, k->reason[1]);
	return s;
}

/*
 * RFC 3376 9.1 advises bounding what one forged query can make a host
 * store; 64 sources is far above what real queriers send.
 */
#define IGG_MAX_QUERY_SOURCES_DEFAULT	64
#define IGG_MAX_QUERY_SOURCES_LIMIT	65535

/*
 * Real chains are short (RFC 8200 4.1 orders six kinds, with destination
 * options twice); Linux since 2026 stops walking at 12 (IP6_MAX_EXT_HDRS_CNT).
 */
#define IGG_MAX_EXT_HEADERS_DEFAULT	8
#define IGG_MAX_EXT_HEADERS_LIMIT	255

struct igg_policy {
	/* Reasons of class policy or anomaly that drop the packet. */
	struct igg_set drop;
	/* A v3 or MLDv2 query with more sources is a policy finding. */
	u32 max_query_sources;
	/* An IPv6 chain with more extension headers is a policy finding. */
	u32 max_ext_headers;
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
	/* Findings that did not drop the packet. */
	struct igg_set anomalies;
};

/*
 * The duplicate-source hunt of v3 and MLDv2 queries (igg_dup_sources()):
 * each source is chained in one of IGG_DUP_BUCKETS buckets, keyed by
 * igg_policy.seed, and compared only with the earlier sources of its
 * bucket; all compares of one query share a budget of one per source.
 * Lists of up to IGG_DUP_HUNT_MAX sources are hunted, so that a chain
 * link fits a byte and the table takes about 512 bytes of stack.
 */
#define IGG_DUP_BUCKETS		256
#define IGG_DUP_BUCKET_ORDER	8	/* log2 of IGG_DUP_BUCKETS */
#define IGG_DUP_HUNT_MAX	255
#define IGG_DUP_SCAN_BUDGET(n)	(n)

/*
 * The key of the bucket hash: odd, from the per-boot seed. The constant
 * keeps a seed of 0 (host builds) from meaning key 1.
 */
static inline u32 igg_dup_key(u32 seed)
{
	return (seed ^ 0x9e3779b1u) | 1;
}

/*
 * The bucket of a source, @addr its four bytes as the CPU loads them: a
 * multiply, the high half folded into the low, and a second multiply.
 * Multiply-shift alone (the top bits of addr * key) sends an arithmetic
 * progression of addresses, 10.0.i.1 as queriers and the test vectors
 * list them, into a few buckets under some keys, and the hunt's budget
 * then ran out before the repeat on about one load in a hundred; the fold
 * spreads them.
 */
static inline u32 igg_dup_bucket(u32 addr, u32 key)
{
	u32 h = addr * key;

	h ^= h >> 16;
	return (h * key) >> (32 - IGG_DUP_BUCKET_ORDER);
}

/*
 * The multipliers that fold a 16-byte source to 32 bits, one per 4-byte
 * word, each drawn from the seed by its own mix (the splitmix64
 * finalizer), so that no choice of addresses collides under every seed.
 */
struct igg_dup_fold {
	u64 mul[4];
};

static inline u64 igg_dup_mix64(u64 z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline struct igg_dup_fold igg_dup_fold_of(u32 seed)
{
	struct igg_dup_fold f;
	u64 z = seed;
	int i;

	for (i = 0; i < 4; i++) {
		z += 0x9e3779b97f4a7c15ull;
		f.mul[i] = igg_dup_mix64(z);
	}
	return f;
}

/*
 * A 16-byte source as 32 bits for igg_dup_bucket(): the top half of
 * sum(mul[i] * word[i]) modulo 2^64, multiply-shift on a vector, under
 * which two given sources agree with probability about 2^-31 over the
 * seed. An unkeyed fold (xor or sum of the words) would let a sender
 * fill one bucket for every seed, and hide a repeat behind them.
 */
static inline u32 igg_dup_fold16(const u8 *src, const struct igg_dup_fold *f)
{
	u32 w[4];

	__builtin_memcpy(w, src, 16);
	return (u32)((f->mul[0] * w[0] + f->mul[1] * w[1] +
		      f->mul[2] * w[2] + f->mul[3] * w[3]) >> 32);
}

/*
 * Whether the @n sources at @src (@size bytes each: 4 for IPv4, 16 for
 * IPv6) hold one twice, as far as the budget lets the hunt see: true is
 * always right, false may hide a duplicate behind many sources of its
 * bucket. The validators call it for queries of at most IGG_DUP_HUNT_MAX
 * sources; a @size other than 4 or 16 finds nothing.
 */
bool igg_dup_sources(const u8 *src, u32 n, u32 size, u32 seed);

#ifdef IGG_COST_COUNT
/*
 * Host builds only (tests, fuzzers, the bench's cost column): the work of
 * the last igg_validate() or igg_validate6() in cost units. Each loop
 * charges per iteration at least what it costs in x86-64 instructions at
 * -O2 (callgrind), so a count bounds the instructions; the module has no
 * counter at all. igg_cost_breaches counts calls that broke
 * igg_cost_within() (igg_cost_within6() for IPv6), for a fuzzer that
 * cannot see each call.
 */
extern u64 igg_cost;
extern u64 igg_cost_breaches;

/*
 * The bounds every input of @len bytes keeps, in tenths:
 *
 *  3.8 a byte + 6000: the slope of the dearest message apart from the
 *      duplicate hunt, a v3 report of empty records (26 units a record,
 *      the checksum 0.5 a byte), plus the bounded extras: the hunt (at
 *      most 255 sources, each 22 into its chain and one 12-unit compare
 *      of the budget, 18.8 over 4 bytes' worth: 4794, and 48 to empty
 *      the table), a 40-byte option area of 2-byte options (22 a byte:
 *      728), igg_validate() outside its loops (260) and the checksum's
 *      tail (32);
 *  9.0 a byte + 1400: the slope of a hunted source (22 + 12 over 4
 *      bytes, and the checksum's 0.5), so only the table, the option
 *      area (640), the call and the tail remain.
 *
 * MLD is cheaper a byte: a record 26 over 20 bytes, a hunted 16-byte
 * source 36 + 24 over 16, with the checksum 1.8 and 4.25 a byte; its
 * extras are igg_check_mld() outside its loops (200), the pseudo-header
 * (38) and drawing the fold's multipliers (80).
 */
static inline bool igg_cost_within(u64 cost, u32 len)
{
	return cost * 10 <= 38ull * len + 60000 &&
	       cost * 10 <= 90ull * len + 14000;
}

/*
 * The bound every IPv6 input of @len bytes keeps (igg_validate6()), in
 * tenths: 23 a byte + 6000. It is looser than IPv4's because RFC 8200
 * lets an attacker fill the whole payload with what needs a step each:
 * extension headers of 8 bytes (90 units a step, option area included)
 * whose 6 bytes of options are a lone Pad1 (16), an unknown 2-byte option
 * (30), a Pad1 and another option, 182 units per 8 bytes: 22.75 a byte.
 * Every other shape costs less a byte (ipv6.c's weights; the adversarial
 * x6- rows of make bench-validator). The 6000 are IPv4's: the call, and
 * room for what MLD does once per message.
 */
static inline bool igg_cost_within6(u64 cost, u32 len)
{
	return cost * 10 <= 230ull * len + 60000;
}
#endif

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

/*
 * Validate one IPv6 packet. @pkt holds @len bytes starting at the IPv6
 * header: the extension headers need to be present up to the upper-layer
 * header, MLD needs its whole message. Bytes beyond 40 + payload length
 * are ignored (link-layer padding). IGG_VF_BIG_TCP in @flags: the stack
 * took the length from its buffer, as Linux does for a TCP GSO packet
 * whose payload length it set to 0.
 */
enum igg_verdict igg_validate6(const u8 *pkt, u32 len, u32 flags,
			       const struct igg_policy *pol,
			       struct igg_result *res);

#endif /* _IGMPGUARD_VALIDATOR_H */
