/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MLD messages behind an IPv6 header, for the host tests, and the cases
 * that run them through igg_check_mld() (mld.c) directly.
 *
 * What it offers beside pkt.h:
 *  - mld_spec(): pkt.h's buf_spec() tokens plus "[2001:db8::1]" for an
 *    IPv6 address (read by pkt6.h's ip6_pton());
 *  - mld_packet(): IPv6 header (payload length, hop limit, addresses),
 *    extension header bytes (by default Linux's Hop-by-Hop router alert
 *    "3a00 0502 0000 0100"), the message, its checksum fixed, in a heap
 *    block of exactly its length so that ASan sees over-reads;
 *  - struct mldcase and mld_run(): a table row and the igg_check_mld()
 *    call with a walk set as ipv6.c would set it.
 */
#ifndef IGG_TEST_MLD_BUILD_H
#define IGG_TEST_MLD_BUILD_H

#include "expect.h"
#include "pkt6.h"

#define IP6_HLEN	40

/* A hop limit field of 0 means "1", so hop limit 0 is spelled so. */
#define HL0		256
/* No Hop-by-Hop router alert (and no extension header at all). */
#define NO_RA		(-1)

struct mld6spec {
	const char *src, *dst;	/* NULL: fe80::1 and ff02::1 */
	int hlim;		/* 0: 1 */
	/*
	 * The router alert ipv6.c would have found: its value, 0 by
	 * default, or NO_RA. Unless @ext says otherwise, it is sent as
	 * Linux sends it: a Hop-by-Hop header of router alert and PadN.
	 */
	int ra;
	/*
	 * Extension header bytes (a spec) between the IPv6 header and the
	 * message, the last one's next header 58; @nh names the first.
	 * NULL: as @ra says.
	 */
	const char *ext;
	u8 nh;
	bool keep_csum;		/* keep the checksum the message spells */
};

/* A packet and where its MLD message is. */
struct mldpkt {
	struct pkt k;
	u32 moff, mlen;
};

void mld_spec(struct buf *b, const char *spec);
struct mldpkt mld_packet(const struct mld6spec *s, const u8 *msg, u32 mlen);
/* Recompute the message's checksum after an edit. */
void mld_fix_csum(struct mldpkt *p);

struct mldcase {
	const char *id;
	const char *what;
	struct mld6spec ip;
	const char *msg;		/* message spec; NULL: gen() */
	void (*gen)(struct buf *msg);
	u32 max_query_sources;		/* 0: the default */
	u32 seed;
	enum igg_reason reason;		/* what igg_check_mld() returns */
	rset found;			/* what it notes */
};

struct mldpkt mldcase_build(const struct mldcase *c);

/*
 * igg_check_mld() on @p under @pol (NULL: the default and @c's
 * overrides), with a walk as ipv6.c would set it; the findings land in
 * @found.
 */
enum igg_reason mld_run(const struct mldcase *c, const struct mldpkt *p,
			rset *found);

/* Run @c and compare; one message per difference, named by @c's id. */
bool mld_expect(const struct mldcase *c);

#endif
