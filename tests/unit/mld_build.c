// SPDX-License-Identifier: GPL-2.0
/* MLD messages behind an IPv6 header; see mld_build.h. */
#include "mld_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../module/validator/walk.h"
#include "tap.h"

/* Linux's Hop-by-Hop header on MLD: router alert 0, then a 0-byte PadN. */
#define LINUX_HBH_RA	"3a00 0502 %02x%02x 0100"

static bool all_hex(const char *t)
{
	return *t && t[strspn(t, "0123456789abcdefABCDEF")] == 0;
}

/* Hex of any length here; "zN" and "@a.b.c.d" as buf_spec() reads them. */
void mld_spec(struct buf *b, const char *spec)
{
	char *tok;
	u8 a[16];
	size_t n, i;
	unsigned int v;

	while (*spec) {
		n = strcspn(spec, " \t\n");
		if (!n) {
			spec++;
			continue;
		}
		tok = strndup(spec, n);
		spec += n;
		if (tok[0] == '[' && tok[n - 1] == ']') {
			tok[n - 1] = 0;
			ip6_pton(tok + 1, a);
			buf_put(b, a, 16);
		} else if (all_hex(tok) && n % 2 == 0) {
			for (i = 0; i < n; i += 2) {
				sscanf(tok + i, "%2x", &v);
				buf_u8(b, (u8)v);
			}
		} else {
			buf_spec(b, tok);
		}
		free(tok);
	}
}

void mld_fix_csum(struct mldpkt *p)
{
	u8 *m = p->k.d + p->moff;

	if (p->mlen < 4)
		return;
	m[2] = m[3] = 0;
	put_be16(m + 2, icmp6_csum(p->k.d, m, p->mlen));
}

struct mldpkt mld_packet(const struct mld6spec *s, const u8 *msg, u32 mlen)
{
	struct buf b = { 0 }, ext = { 0 };
	struct mldpkt p;
	char hbh[32];
	u8 hdr[IP6_HLEN] = { 0x60 }, nh = s->nh;

	if (s->ext) {
		mld_spec(&ext, s->ext);
	} else if (s->ra != NO_RA) {
		snprintf(hbh, sizeof(hbh), LINUX_HBH_RA,
			 (unsigned int)s->ra >> 8 & 0xff,
			 (unsigned int)s->ra & 0xff);
		buf_spec(&ext, hbh);
		nh = NH_HBH;
	}
	if (!ext.n)
		nh = NH_ICMPV6;
	put_be16(hdr + 4, (u16)(ext.n + mlen));
	hdr[6] = nh;
	hdr[7] = (u8)(s->hlim ? s->hlim : 1);
	ip6_pton(s->src ? s->src : "fe80::1", hdr + 8);
	ip6_pton(s->dst ? s->dst : "ff02::1", hdr + 24);

	buf_put(&b, hdr, IP6_HLEN);
	buf_put(&b, ext.d, ext.n);
	buf_put(&b, msg, mlen);
	p.k = pkt_copy(b.d, b.n);
	p.moff = IP6_HLEN + ext.n;
	p.mlen = mlen;
	if (!s->keep_csum)
		mld_fix_csum(&p);
	buf_free(&b);
	buf_free(&ext);
	return p;
}

struct mldpkt mldcase_build(const struct mldcase *c)
{
	struct buf b = { 0 };
	struct mldpkt p;

	if (c->msg)
		mld_spec(&b, c->msg);
	else
		c->gen(&b);
	p = mld_packet(&c->ip, b.d, b.n);
	buf_free(&b);
	return p;
}

enum igg_reason mld_run(const struct mldcase *c, const struct mldpkt *p,
			rset *found)
{
	struct igg_policy pol;
	struct igg_walk w = { .pol = &pol };
	enum igg_reason r;

	igg_policy_default(&pol);
	if (c->max_query_sources)
		pol.max_query_sources = c->max_query_sources;
	pol.seed = c->seed;
	w.router_alert = c->ip.ra != NO_RA;
	w.ra_value = (u16)(c->ip.ra == NO_RA ? 0 : c->ip.ra);
	r = igg_check_mld(&w, p->k.d, p->k.d + p->moff, p->mlen);
	*found = rs(w.found);
	return r;
}

bool mld_expect(const struct mldcase *c)
{
	struct mldpkt p = mldcase_build(c);
	enum igg_reason r;
	char a[512], b[512];
	rset found;
	bool ok;

	r = mld_run(c, &p, &found);
	ok = CHECK(r == c->reason && found == c->found,
		   "%s %s: got %s [%s], expected %s [%s]", c->id, c->what,
		   rname(r), fmt_set(found, a, sizeof(a)), rname(c->reason),
		   fmt_set(c->found, b, sizeof(b)));
	pkt_free(&p.k);
	return ok;
}
