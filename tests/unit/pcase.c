// SPDX-License-Identifier: GPL-2.0
/* Runs table-driven packet cases; see pcase.h. */
#include "pcase.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>

#define ECHO "0800 0000 0001 0001"
#define ECHO6 "8000 0000 0001 0001"

bool pcase_is_ipv6(const struct pcase *c)
{
	return c->kind == K_IP6 || c->kind == K_MLD;
}

static struct pkt pcase_build6(const struct pcase *c)
{
	const char *chain = c->opt;
	struct ip6spec s;
	struct buf pl = { 0 };
	struct pkt k;

	if (c->kind == K_MLD) {
		s = ip6spec_mld(c->dst ? c->dst : "ff02::1");
		if (!chain)
			chain = HBH_MLD;
	} else {
		s = ip6spec_raw(NH_ICMPV6);
		if (c->dst)
			s.dst = c->dst;
		if (chain && *chain && !c->proto) {
			fprintf(stderr, "pcase %s: a chain needs .proto\n", c->id);
			abort();
		}
	}
	if (!chain || !*chain)
		s.nh = NH_ICMPV6;
	if (c->proto)
		s.nh = c->proto == NH0 ? 0 : (u8)c->proto;
	if (c->src)
		s.src = c->src;
	if (c->ttl)
		s.hlim = c->ttl == TTL0 ? 0 : (u8)c->ttl;
	s.keep_csum = c->badsum;

	buf_spec6(&pl, chain ? chain : "");
	if (c->gen)
		c->gen(&pl);
	else
		buf_spec6(&pl, c->pl ? c->pl : ECHO6);
	k = pkt6_build(&s, pl.d, pl.n);
	buf_free(&pl);
	if (c->edit)
		c->edit(&k);
	return k;
}

struct pkt pcase_build(const struct pcase *c)
{
	struct ipspec s;
	struct buf pl = { 0 };
	struct pkt k;

	if (pcase_is_ipv6(c))
		return pcase_build6(c);

	switch (c->kind) {
	case K_IGMP:
		s = ipspec_igmp(c->dst ? c->dst : "224.0.0.1");
		if (c->opt)
			s.opt = c->opt;
		break;
	case K_RAW:
		s = ipspec_raw(c->opt);
		if (c->dst)
			s.dst = ip4(c->dst);
		break;
	default:
		s = ipspec_raw(c->opt);
		s.dst = ip4(c->dst ? c->dst : "192.0.2.50");
		s.proto = 2;
		break;
	}
	if (c->src)
		s.src = ip4(c->src);
	if (c->ttl)
		s.ttl = c->ttl == TTL0 ? 0 : (u8)c->ttl;
	if (c->proto)
		s.proto = (u8)c->proto;
	s.frag = c->frag;
	s.keep_csum = c->badsum;

	if (c->gen)
		c->gen(&pl);
	else
		buf_spec(&pl, c->pl ? c->pl : ECHO);
	k = pkt_build(&s, pl.d, pl.n);
	buf_free(&pl);
	if (c->edit)
		c->edit(&k);
	return k;
}

void pcase_run_all(const struct pcase *c, unsigned int n)
{
	unsigned int i;
	struct pkt k;

	for (i = 0; i < n; i++) {
		tap_begin("%s: %s", c[i].id, c[i].what);
		k = pcase_build(&c[i]);
		expect_validate_as(pcase_is_ipv6(&c[i]), c[i].id, k.d, k.len,
				   NULL, c[i].reason, c[i].anom);
		pkt_free(&k);
		tap_end();
	}
}
