// SPDX-License-Identifier: GPL-2.0
/* IPv6 packet builder for the host tests; see pkt6.h. */
#include "pkt6.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ip6_pton(const char *text, u8 out[16])
{
	if (inet_pton(AF_INET6, text, out) != 1) {
		fprintf(stderr, "pkt6: bad address \"%s\"\n", text);
		abort();
	}
}

void buf_spec6(struct buf *b, const char *spec)
{
	char tok[128];
	const char *p = spec;
	size_t n;
	u8 a[16];

	while (*p) {
		n = strcspn(p, " \t\n");
		if (!n) {
			p++;
			continue;
		}
		if (n >= sizeof(tok)) {
			fprintf(stderr, "pkt6: token too long: \"%s\"\n", spec);
			abort();
		}
		memcpy(tok, p, n);
		tok[n] = 0;
		p += n;
		if (tok[0] == '#') {
			ip6_pton(tok + 1, a);
			buf_put(b, a, 16);
		} else {
			buf_spec(b, tok);
		}
	}
}

struct ip6spec ip6spec_raw(u8 nh)
{
	struct ip6spec s = {
		.src = "2001:db8::9", .dst = "2001:db8::2", .hlim = 64,
		.nh = nh,
	};

	return s;
}

struct ip6spec ip6spec_mld(const char *dst)
{
	struct ip6spec s = {
		.src = "fe80::1", .dst = dst, .hlim = 1, .nh = NH_HBH,
	};

	return s;
}

u32 ip6_plen(const u8 *p)
{
	return be16(p + 4);
}

void ip6_set_plen(u8 *p, u32 plen)
{
	put_be16(p + 4, (u16)plen);
}

/* An independent reading of RFC 8200's chain, for the tests' own use. */
bool pkt6_upper(const u8 *p, u32 len, u32 *off, u8 *nh)
{
	u32 o = 40, end = 40 + ip6_plen(p), hl;
	u8 n = p[6];

	if (len < 40 || end > len)
		return false;
	for (;;) {
		if (n != NH_HBH && n != NH_DSTOPTS && n != NH_ROUTING &&
		    n != NH_FRAGMENT && n != NH_AH)
			break;
		if (end - o < 8)
			return false;
		hl = n == NH_FRAGMENT ? 8 : n == NH_AH ? (p[o + 1] + 2u) * 4 :
		     (p[o + 1] + 1u) * 8;
		if (hl > end - o)
			return false;
		if (n == NH_FRAGMENT && (be16(p + o + 2) & 0xfff8)) {
			*off = o + 8;
			*nh = p[o];
			return false;
		}
		n = p[o];
		o += hl;
	}
	*off = o;
	*nh = n;
	return true;
}

u16 icmp6_csum(const u8 *ip6, const u8 *msg, u32 mlen)
{
	struct buf b = { 0 };
	u16 sum;

	buf_put(&b, ip6 + 8, 32);
	buf_be32(&b, mlen);
	buf_be32(&b, NH_ICMPV6);
	buf_put(&b, msg, mlen);
	sum = inet_csum(b.d, b.n);
	buf_free(&b);
	return sum;
}

void pkt6_fix_csum(u8 *p, u32 len)
{
	u32 off, ulen;
	u8 nh;

	if (!pkt6_upper(p, len, &off, &nh) || nh != NH_ICMPV6)
		return;
	ulen = 40 + ip6_plen(p) - off;
	if (ulen < 4)
		return;
	put_be16(p + off + 2, 0);
	put_be16(p + off + 2, icmp6_csum(p, p + off, ulen));
}

struct pkt pkt6_build(const struct ip6spec *s, const u8 *payload, u32 n)
{
	struct buf b = { 0 };
	u8 a[16];
	struct pkt k;

	if (n > 0xffff) {
		fprintf(stderr, "pkt6: payload of %u bytes\n", n);
		abort();
	}
	buf_be32(&b, 0x60000000u);
	buf_be16(&b, (u16)n);
	buf_u8(&b, s->nh);
	buf_u8(&b, s->hlim);
	ip6_pton(s->src ? s->src : "2001:db8::9", a);
	buf_put(&b, a, 16);
	ip6_pton(s->dst ? s->dst : "2001:db8::2", a);
	buf_put(&b, a, 16);
	buf_put(&b, payload, n);
	if (!s->keep_csum)
		pkt6_fix_csum(b.d, b.n);
	k = pkt_copy(b.d, b.n);
	buf_free(&b);
	return k;
}

struct pkt pkt6_mld(const char *src, const char *dst, u8 hlim,
		    const char *hbh, const char *msg)
{
	struct ip6spec s = ip6spec_mld(dst);
	struct buf b = { 0 };
	struct pkt k;

	s.src = src;
	s.hlim = hlim;
	if (!hbh)
		hbh = HBH_MLD;
	if (!*hbh)
		s.nh = NH_ICMPV6;
	buf_spec6(&b, hbh);
	buf_spec6(&b, msg);
	k = pkt6_build(&s, b.d, b.n);
	buf_free(&b);
	return k;
}
