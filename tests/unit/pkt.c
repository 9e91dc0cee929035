// SPDX-License-Identifier: GPL-2.0
/* Packet builder for the host tests; see pkt.h. */
#include "pkt.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A spec the test itself spelled wrong is a bug in the test: stop loudly. */
static void __attribute__((noreturn)) pkt_die(const char *what, const char *s)
{
	fprintf(stderr, "pkt: %s: \"%s\"\n", what, s);
	abort();
}

void buf_put(struct buf *b, const void *p, u32 n)
{
	if (b->n + n > b->cap) {
		u32 cap = b->cap ? b->cap : 64;

		while (cap < b->n + n)
			cap *= 2;
		b->d = realloc(b->d, cap);
		if (!b->d)
			pkt_die("out of memory", "");
		b->cap = cap;
	}
	if (n)
		memcpy(b->d + b->n, p, n);
	b->n += n;
}

void buf_u8(struct buf *b, u8 v)
{
	buf_put(b, &v, 1);
}

void buf_be16(struct buf *b, u16 v)
{
	u8 x[2] = { v >> 8, v };

	buf_put(b, x, 2);
}

void buf_be32(struct buf *b, u32 v)
{
	u8 x[4] = { v >> 24, v >> 16, v >> 8, v };

	buf_put(b, x, 4);
}

void buf_free(struct buf *b)
{
	free(b->d);
	b->d = NULL;
	b->n = b->cap = 0;
}

u32 ip4(const char *dotted)
{
	struct in_addr a;

	if (inet_pton(AF_INET, dotted, &a) != 1)
		pkt_die("bad address", dotted);
	return ntohl(a.s_addr);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

void buf_spec(struct buf *b, const char *spec)
{
	char tok[64];
	const char *p = spec;
	size_t n, i;

	while (*p) {
		if (isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		n = strcspn(p, " \t\n");
		if (n >= sizeof(tok))
			pkt_die("token too long", spec);
		memcpy(tok, p, n);
		tok[n] = 0;
		p += n;
		if (tok[0] == '@') {
			buf_be32(b, ip4(tok + 1));
		} else if (tok[0] == 'z') {
			for (i = strtoul(tok + 1, NULL, 10); i; i--)
				buf_u8(b, 0);
		} else {
			if (n % 2)
				pkt_die("odd hex token", spec);
			for (i = 0; i < n; i += 2) {
				int hi = hexval(tok[i]), lo = hexval(tok[i + 1]);

				if (hi < 0 || lo < 0)
					pkt_die("bad hex", spec);
				buf_u8(b, (u8)(hi << 4 | lo));
			}
		}
	}
}

u16 be16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

void put_be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

/* Plain byte-pair summing: deliberately not how the validator does it. */
u16 inet_csum(const u8 *p, u32 n)
{
	u32 sum = 0, i;

	for (i = 0; i + 1 < n; i += 2)
		sum += (u32)p[i] << 8 | p[i + 1];
	if (n % 2)
		sum += (u32)p[n - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

struct ipspec ipspec_igmp(const char *dst)
{
	struct ipspec s = {
		.src = ip4("192.0.2.9"), .dst = ip4(dst),
		.ttl = 1, .tos = 0xc0, .proto = 2, .opt = "94040000",
	};

	return s;
}

struct ipspec ipspec_raw(const char *opt)
{
	struct ipspec s = {
		.src = ip4("192.0.2.9"), .dst = ip4("192.0.2.50"),
		.ttl = 64, .proto = 1, .opt = opt,
	};

	return s;
}

u32 ip_hlen(const u8 *ip)
{
	return (ip[0] & 0xf) * 4u;
}

u32 ip_tot(const u8 *ip)
{
	return be16(ip + 2);
}

void ip_fix_csum(u8 *ip)
{
	put_be16(ip + 10, 0);
	put_be16(ip + 10, inet_csum(ip, ip_hlen(ip)));
}

void ip_set_tot(u8 *ip, u32 tot)
{
	put_be16(ip + 2, (u16)tot);
	ip_fix_csum(ip);
}

void l4_fix_csum(u8 *ip)
{
	u32 hl = ip_hlen(ip), tot = ip_tot(ip);
	u8 *l4 = ip + hl;

	if (tot < hl + 4)
		return;
	put_be16(l4 + 2, 0);
	put_be16(l4 + 2, inet_csum(l4, tot - hl));
}

struct pkt pkt_copy(const u8 *p, u32 len)
{
	/* malloc(0) may return NULL; one byte keeps the pointer usable. */
	struct pkt k = { .d = malloc(len ? len : 1), .len = len };

	if (!k.d)
		pkt_die("out of memory", "");
	if (len)
		memcpy(k.d, p, len);
	return k;
}

void pkt_free(struct pkt *p)
{
	free(p->d);
	p->d = NULL;
	p->len = 0;
}

void pkt_resize(struct pkt *p, u32 len, u8 fill)
{
	struct pkt k = pkt_copy(p->d, len < p->len ? len : p->len);

	if (len > p->len) {
		pkt_free(&k);
		k.d = malloc(len);
		if (!k.d)
			pkt_die("out of memory", "");
		memcpy(k.d, p->d, p->len);
		memset(k.d + p->len, fill, len - p->len);
	}
	k.len = len;
	pkt_free(p);
	*p = k;
}

bool pkt_trim(const struct pkt *in, struct pkt *out)
{
	if (in->len < 20 || in->d[0] >> 4 != 4 || ip_hlen(in->d) < 20 ||
	    ip_hlen(in->d) > ip_tot(in->d) || ip_tot(in->d) > in->len)
		return false;
	*out = pkt_copy(in->d, ip_tot(in->d));
	return true;
}

struct pkt pkt_build(const struct ipspec *s, const u8 *l4, u32 l4len)
{
	struct buf opt = { 0 }, b = { 0 };
	struct pkt k;

	if (s->opt)
		buf_spec(&opt, s->opt);
	else
		buf_put(&opt, s->opt_bytes, s->opt_len);
	while (opt.n % 4)
		buf_u8(&opt, 0);
	if (opt.n > 40)
		pkt_die("options longer than 40 bytes", s->opt);
	if (20 + opt.n + l4len > 65535)
		pkt_die("datagram too long", "");

	buf_u8(&b, (u8)(0x45 + opt.n / 4));
	buf_u8(&b, s->tos);
	buf_be16(&b, (u16)(20 + opt.n + l4len));
	buf_be16(&b, 1);			/* id */
	buf_be16(&b, s->frag);
	buf_u8(&b, s->ttl);
	buf_u8(&b, s->proto);
	buf_be16(&b, 0);
	buf_be32(&b, s->src);
	buf_be32(&b, s->dst);
	buf_put(&b, opt.d, opt.n);
	buf_put(&b, l4, l4len);
	ip_fix_csum(b.d);
	if (!s->keep_csum)
		l4_fix_csum(b.d);

	k = pkt_copy(b.d, b.n);
	buf_free(&opt);
	buf_free(&b);
	return k;
}
