/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Table-driven packet cases: one hand-built packet, the result the default
 * policy must give, one TAP test point.
 */
#ifndef IGG_TEST_PCASE_H
#define IGG_TEST_PCASE_H

#include "expect.h"
#include "pkt.h"
#include "pkt6.h"

enum pkind {
	K_IGMP,		/* the spec's I(): TTL 1, TOS 0xc0, router alert */
	K_RAW,		/* the spec's rawip(): ICMP echo to the host, TTL 64 */
	K_BARE,		/* scapy's IP() defaults: TTL 64, no options */
	/*
	 * IPv6 (pkt6.h): opt spells the extension headers, pl the upper
	 * layer, proto the IPv6 header's next header, ttl its hop limit.
	 * K_IP6 is ip6spec_raw(): an ICMPv6 echo request, no chain unless
	 * opt says (then proto must name its first header). K_MLD is
	 * ip6spec_mld() to ff02::1: opt NULL is HBH_MLD, "" no chain.
	 */
	K_IP6,
	K_MLD,
};

/* A ttl field of 0 means "the kind's default", so TTL 0 is spelled so. */
#define TTL0 256
/* Likewise proto: next header 0 (Hop-by-Hop) is spelled so. */
#define NH0 256

struct pcase {
	const char *id;
	const char *what;
	enum pkind kind;
	const char *dst, *src;	/* NULL: the kind's default */
	const char *opt;	/* NULL: the kind's default, "" for none */
	const char *pl;		/* payload spec; NULL: gen() or echo */
	int ttl, proto;		/* 0: the kind's default */
	u16 frag;
	bool badsum;		/* keep the checksum spelled in pl */
	void (*gen)(struct buf *pl);
	void (*edit)(struct pkt *k);
	enum igg_reason reason;
	rset anom;
};

struct pkt pcase_build(const struct pcase *c);
/* Whether @c builds an IPv6 packet, to be validated as one. */
bool pcase_is_ipv6(const struct pcase *c);
/* One test point per case. */
void pcase_run_all(const struct pcase *c, unsigned int n);

#endif
