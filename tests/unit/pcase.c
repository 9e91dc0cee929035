// SPDX-License-Identifier: GPL-2.0
/* Runs table-driven packet cases; see pcase.h. */
#include "pcase.h"
#include "tap.h"

#define ECHO "0800 0000 0001 0001"

struct pkt pcase_build(const struct pcase *c)
{
	struct ipspec s;
	struct buf pl = { 0 };
	struct pkt k;

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
		expect_validate(c[i].id, k.d, k.len, NULL, c[i].reason,
				c[i].anom);
		pkt_free(&k);
		tap_end();
	}
}
