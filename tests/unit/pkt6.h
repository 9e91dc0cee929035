/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv6 packets for the host tests, beside pkt.h's IPv4 ones: an IPv6
 * header in front of spelled payload bytes (extension headers included),
 * and the ICMPv6 checksum that every edit of an MLD message needs.
 *
 * Spec syntax (buf_spec6): buf_spec()'s tokens, plus "#addr" for an IPv6
 * address in any form inet_pton() reads ("#ff02::16", "#::").
 */
#ifndef IGG_TEST_PKT6_H
#define IGG_TEST_PKT6_H

#include "pkt.h"

#define NH_HBH		0
#define NH_TCP		6
#define NH_UDP		17
#define NH_ROUTING	43
#define NH_FRAGMENT	44
#define NH_ESP		50
#define NH_AH		51
#define NH_ICMPV6	58
#define NH_NONE		59
#define NH_DSTOPTS	60

/* The Hop-by-Hop header Linux puts on MLD: router alert 0, PadN of 0. */
#define HBH_MLD		"3a00 0502 0000 0100"

void ip6_pton(const char *text, u8 out[16]);
void buf_spec6(struct buf *b, const char *spec);

struct ip6spec {
	const char *src, *dst;	/* text; NULL: the kind's default */
	u8 hlim;
	u8 nh;			/* the header's next header */
	bool keep_csum;		/* keep the ICMPv6 checksum the payload spells */
};

/* The notes' plain packet: from 2001:db8::9 to the host 2001:db8::2. */
struct ip6spec ip6spec_raw(u8 nh);
/* The notes' mld(): from the querier fe80::1, hop limit 1, HBH_MLD. */
struct ip6spec ip6spec_mld(const char *dst);

/*
 * An IPv6 header, payload length @n, in front of @payload (extension
 * headers and upper layer). An ICMPv6 message at the chain's end gets its
 * checksum unless s->keep_csum.
 */
struct pkt pkt6_build(const struct ip6spec *s, const u8 *payload, u32 n);

/*
 * The notes' mld(): an MLD message @msg (spec) behind the Hop-by-Hop
 * header @hbh (spec, its next header 58; "" for none, NULL for HBH_MLD).
 */
struct pkt pkt6_mld(const char *src, const char *dst, u8 hlim,
		    const char *hbh, const char *msg);

/*
 * The upper layer as the test sees it: the offset and next header after
 * every whole extension header (stopping at a fragment header with an
 * offset); false when a header runs past the payload.
 */
bool pkt6_upper(const u8 *p, u32 len, u32 *off, u8 *nh);

u32 ip6_plen(const u8 *p);
void ip6_set_plen(u8 *p, u32 plen);
/*
 * The ICMPv6 checksum of the @mlen-byte message @msg (its checksum field
 * zero) behind the IPv6 header @ip6: RFC 8200 8.1's pseudo-header of the
 * header's addresses, the upper-layer length and next header 58, then
 * the message. Written apart from the validator's.
 */
u16 icmp6_csum(const u8 *ip6, const u8 *msg, u32 mlen);
/* Rewrite the ICMPv6 checksum at the chain's end, if there is one. */
void pkt6_fix_csum(u8 *p, u32 len);

#endif
