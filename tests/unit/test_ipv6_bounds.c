// SPDX-License-Identifier: GPL-2.0
/*
 * The IPv6 length rules at their boundaries, built in loops: option
 * areas, header lengths, the chain length, fragments, routing headers,
 * jumbograms; and the cost of adversarial chains against
 * igg_cost_within6().
 */
#include <stdio.h>
#include <string.h>

#include "expect.h"
#include "pkt6.h"
#include "tap.h"
#include "tests.h"

#define UDP8	"9c40 9c41 0008 0000"

/* @chain then @upper behind the notes' plain IPv6 header, next header @nh. */
static struct pkt p6(u8 nh, const struct buf *chain, const char *upper)
{
	struct ip6spec s = ip6spec_raw(nh);
	struct buf b = { 0 };
	struct pkt k;

	if (chain)
		buf_put(&b, chain->d, chain->n);
	buf_spec6(&b, upper);
	k = pkt6_build(&s, b.d, b.n);
	buf_free(&b);
	return k;
}

static bool expect_p6(const char *what, struct pkt k,
		      const struct igg_policy *pol, enum igg_reason reason,
		      rset anom)
{
	bool ok = expect_validate_as(true, what, k.d, k.len, pol, reason,
				     anom);

	pkt_free(&k);
	return ok;
}

/* A Destination Options header, next header @nh, of @area option bytes. */
static void dst_header(struct buf *b, u8 nh, const u8 *area, u32 n)
{
	if ((n + 2) % 8) {
		fprintf(stderr, "dst_header: %u option bytes\n", n);
		return;
	}
	buf_u8(b, nh);
	buf_u8(b, (u8)((n + 2) / 8 - 1));
	buf_put(b, area, n);
}

/* One Destination Options header in front of UDP, area spelled by @spec. */
static struct pkt dst_udp(const char *spec)
{
	struct buf a = { 0 }, c = { 0 };
	struct pkt k;

	buf_spec6(&a, spec);
	dst_header(&c, NH_UDP, a.d, a.n);
	k = p6(NH_DSTOPTS, &c, UDP8);
	buf_free(&a);
	buf_free(&c);
	return k;
}

static void t_padding(void)
{
	char what[64];
	u32 i;

	/* Runs of 7 and 8 pad bytes, of Pad1 and PadN, in 14 bytes. */
	expect_p6("7 Pad1, unknown of 5", dst_udp("00000000000000 1e05 z5"),
		  NULL, IGG_R_NONE, RB(EXT_OPTION_UNKNOWN));
	expect_p6("8 Pad1, unknown of 4", dst_udp("0000000000000000 1e04 z4"),
		  NULL, IGG_R_EXT_PADDING, RB(EXT_OPTION_UNKNOWN));
	expect_p6("PadN of 7, unknown of 5", dst_udp("0105 z5 1e05 z5"),
		  NULL, IGG_R_NONE, RB(EXT_OPTION_UNKNOWN));
	expect_p6("PadN of 8, unknown of 4", dst_udp("0106 z6 1e04 z4"),
		  NULL, IGG_R_EXT_PADDING, RB(EXT_OPTION_UNKNOWN));
	expect_p6("Pad1, PadN of 6, unknown", dst_udp("00 0104 z4 1e05 z5"),
		  NULL, IGG_R_NONE, RB(EXT_OPTION_UNKNOWN));
	expect_p6("PadN of 6, 2 Pad1, unknown", dst_udp("0104 z4 0000 1e04 z4"),
		  NULL, IGG_R_EXT_PADDING, RB(EXT_OPTION_UNKNOWN));
	expect_p6("a run of 8 at the end", dst_udp("1e04 z4 0106 z6"),
		  NULL, IGG_R_EXT_PADDING, RB(EXT_OPTION_UNKNOWN));
	expect_p6("an unknown option between two runs of 6",
		  dst_udp("0104 z4 1e00 0104 z4"), NULL, IGG_R_NONE,
		  RB(EXT_OPTION_UNKNOWN));
	/* A run does not go on into the next header. */
	{
		struct buf c = { 0 };
		static const u8 six[] = { 0x1e, 0, 1, 2, 0, 0 };
		static const u8 six2[] = { 1, 2, 0, 0, 0x1e, 0 };

		dst_header(&c, NH_DSTOPTS, six, 6);
		dst_header(&c, NH_UDP, six2, 6);
		expect_p6("runs of 4 in two headers", p6(NH_DSTOPTS, &c, UDP8),
			  NULL, IGG_R_NONE, RB(EXT_OPTION_UNKNOWN));
		buf_free(&c);
	}
	/* PadN data: a non-zero byte first, last or between, lengths 1-4. */
	for (i = 0; i < 12; i++) {
		u32 len = 1 + i / 3, at = i % 3 == 0 ? 0 : i % 3 == 1 ?
			  len - 1 : len / 2;
		struct buf c = { 0 };
		u8 area[6] = { 1, (u8)len, 0, 0, 0, 0 };

		area[2 + at] = 0x80;
		/* What is left after the PadN: Pad1s. */
		dst_header(&c, NH_UDP, area, 6);
		snprintf(what, sizeof(what), "PadN of %u, byte %u set", len + 2,
			 at);
		expect_p6(what, p6(NH_DSTOPTS, &c, UDP8), NULL,
			  IGG_R_EXT_PADDING, 0);
		buf_free(&c);
	}
	expect_p6("PadN of 7, last byte set", dst_udp("0105 00000000 01 1e05 z5"),
		  NULL, IGG_R_EXT_PADDING, RB(EXT_OPTION_UNKNOWN));
	expect_p6("PadN of 7, first byte set", dst_udp("0105 01000000 00 1e05 z5"),
		  NULL, IGG_R_EXT_PADDING, RB(EXT_OPTION_UNKNOWN));
	expect_p6("PadN of 7, middle byte set", dst_udp("0105 00000100 00 1e05 z5"),
		  NULL, IGG_R_EXT_PADDING, RB(EXT_OPTION_UNKNOWN));
	for (i = 0; i <= 4; i++) {
		u8 area[6] = { 1, (u8)i, 0, 0, 0, 0 };
		struct buf c = { 0 };

		dst_header(&c, NH_UDP, area, 6);
		snprintf(what, sizeof(what), "PadN of %u, zero", i + 2);
		expect_p6(what, p6(NH_DSTOPTS, &c, UDP8), NULL, IGG_R_NONE, 0);
		buf_free(&c);
	}
}

static void t_option_fit(void)
{
	static const u32 sizes[] = { 8, 16, 24, 2048 };
	struct buf a = { 0 }, c = { 0 };
	char what[80];
	u32 i, n;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		n = sizes[i] - 2;
		/* One unknown option filling the area, then one byte over. */
		a.n = 0;
		buf_u8(&a, 0x1e);
		buf_u8(&a, (u8)(n - 2 < 255 ? n - 2 : 255));
		while (a.n < n)
			buf_u8(&a, 0);
		if (n - 2 > 255) {
			/* Long areas: Pad1s after an option of 255. */
			c.n = 0;
			dst_header(&c, NH_UDP, a.d, n);
			snprintf(what, sizeof(what), "%u bytes: 255, Pad1s",
				 sizes[i]);
			expect_p6(what, p6(NH_DSTOPTS, &c, UDP8), NULL,
				  IGG_R_EXT_PADDING, RB(EXT_OPTION_UNKNOWN));
			a.d[n - 2] = 0x1e;	/* 2 bytes left: 1e 00 */
			c.n = 0;
			dst_header(&c, NH_UDP, a.d, n);
			expect_p6(what, p6(NH_DSTOPTS, &c, UDP8), NULL,
				  IGG_R_EXT_PADDING, RB(EXT_OPTION_UNKNOWN));
			a.d[n - 1] = 1;		/* 1e 01: one byte over */
			c.n = 0;
			dst_header(&c, NH_UDP, a.d, n);
			expect_p6(what, p6(NH_DSTOPTS, &c, UDP8), NULL,
				  IGG_R_EXT_OPTION_LENGTH, 0);
			continue;
		}
		c.n = 0;
		dst_header(&c, NH_UDP, a.d, n);
		snprintf(what, sizeof(what), "%u bytes: option fills it",
			 sizes[i]);
		expect_p6(what, p6(NH_DSTOPTS, &c, UDP8), NULL, IGG_R_NONE,
			  RB(EXT_OPTION_UNKNOWN));
		a.d[1]++;
		c.n = 0;
		dst_header(&c, NH_UDP, a.d, n);
		snprintf(what, sizeof(what), "%u bytes: option 1 over",
			 sizes[i]);
		expect_p6(what, p6(NH_DSTOPTS, &c, UDP8), NULL,
			  IGG_R_EXT_OPTION_LENGTH, 0);
		/* Pad1s, then a type byte with no room for its length. */
		memset(a.d, 0, n);
		a.d[n - 1] = 0x1e;
		c.n = 0;
		dst_header(&c, NH_UDP, a.d, n);
		snprintf(what, sizeof(what), "%u bytes: type in the last byte",
			 sizes[i]);
		expect_p6(what, p6(NH_DSTOPTS, &c, UDP8), NULL,
			  IGG_R_EXT_OPTION_LENGTH, 0);
	}
	buf_free(&a);
	buf_free(&c);
}

/* @n unknown 2-byte options, padded to a header, in Hop-by-Hop or not. */
static void t_many_options(void)
{
	struct buf a = { 0 }, c = { 0 };
	char what[64];
	u32 n, hbh, pad;
	rset anom;

	for (hbh = 0; hbh < 2; hbh++) {
		for (n = 7; n <= 10; n++) {
			a.n = c.n = 0;
			while (a.n < 2 * n)
				buf_spec(&a, "1e00");
			/* PadN to the header's end: padding does not count. */
			pad = (6 - a.n % 8 + 8) % 8;
			if (pad) {
				buf_u8(&a, 1);
				buf_u8(&a, (u8)(pad - 2));
				while (a.n % 8 != 6)
					buf_u8(&a, 0);
			}
			dst_header(&c, NH_UDP, a.d, a.n);
			anom = RB(EXT_OPTION_UNKNOWN) |
			       (n > 8 ? RB(EXT_MANY_OPTIONS) : 0);
			snprintf(what, sizeof(what), "%u unknown options in %s",
				 n, hbh ? "Hop-by-Hop" : "Destination Options");
			expect_p6(what, p6(hbh ? NH_HBH : NH_DSTOPTS, &c, UDP8),
				  NULL, IGG_R_NONE, anom);
		}
	}
	buf_free(&a);
	buf_free(&c);
}

/*
 * Every kind of header, whole and one byte short; cut short in a first
 * fragment (at 8 bytes, as fragments are) it is RFC 7112's incomplete
 * chain instead.
 */
static void t_header_lengths(void)
{
	static const struct {
		u8 nh;
		const char *hdr;	/* next header 59 */
		rset anom;
	} kinds[] = {
		{ NH_DSTOPTS, "3b00 0104 00000000", 0 },
		{ NH_DSTOPTS, "3b01 1e0c z12", RB(EXT_OPTION_UNKNOWN) },
		{ NH_ROUTING, "3b02 0500 00000000 z16", 0 },
		{ NH_AH, "3b00 0000 00000100", 0 },
		{ NH_AH, "3b01 0000 00000100 00000001", 0 },
		{ NH_AH, "3b04 0000 00000100 00000001 z12", 0 },
		{ NH_FRAGMENT, "3b00 0000 00000001", RB(EXT_ATOMIC_FRAGMENT) },
	};
	struct buf c = { 0 };
	char what[80];
	unsigned int i;
	u32 hlen;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		c.n = 0;
		buf_spec6(&c, kinds[i].hdr);
		hlen = c.n;
		snprintf(what, sizeof(what), "next header %u, %u bytes",
			 kinds[i].nh, hlen);
		expect_p6(what, p6(kinds[i].nh, &c, ""), NULL, IGG_R_NONE,
			  kinds[i].anom);
		c.n--;
		snprintf(what, sizeof(what), "next header %u, 1 byte short",
			 kinds[i].nh);
		expect_p6(what, p6(kinds[i].nh, &c, ""), NULL,
			  IGG_R_EXT_TRUNCATED, 0);
		/* Behind a first fragment, cut at the last 8-byte mark. */
		c.n = 0;
		buf_u8(&c, kinds[i].nh);
		buf_spec(&c, "00 0001 00000001");
		buf_spec6(&c, kinds[i].hdr);
		c.n = 8 + (hlen - 1) / 8 * 8;
		snprintf(what, sizeof(what),
			 "first fragment cut in next header %u", kinds[i].nh);
		expect_p6(what, p6(NH_FRAGMENT, &c, ""), NULL,
			  IGG_R_EXT_FIRST_FRAGMENT, 0);
	}
	buf_free(&c);
}

/* max_ext_headers: that many headers pass, one more is the finding. */
static void t_chain_length(void)
{
	static const u32 caps[] = { 0, 1, 7, 8, 12, 254, 255 };
	static const u8 pad[] = { 1, 4, 0, 0, 0, 0 };
	struct igg_policy pol;
	struct buf c = { 0 };
	char what[64];
	unsigned int i, j, n;
	rset order;

	igg_policy_default(&pol);
	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		pol.max_ext_headers = caps[i];
		for (n = caps[i]; n <= caps[i] + 1; n++) {
			if (!n)
				continue;
			c.n = 0;
			for (j = 0; j < n; j++)
				dst_header(&c, j + 1 < n ? NH_DSTOPTS : NH_UDP,
					   pad, 6);
			order = n > 2 ? RB(EXT_ORDER) : 0;
			snprintf(what, sizeof(what), "%u headers, cap %u", n,
				 caps[i]);
			expect_p6(what, p6(NH_DSTOPTS, &c, UDP8), &pol,
				  n > caps[i] ? IGG_R_EXT_CHAIN_LENGTH :
				  IGG_R_NONE, order);
		}
	}
	/* Not dropping: the finding is kept and the walk goes on. */
	pol.max_ext_headers = 1;
	pol.drop = igs(rs(pol.drop) & ~RB(EXT_CHAIN_LENGTH));
	c.n = 0;
	dst_header(&c, NH_DSTOPTS, pad, 6);
	buf_spec(&c, "1100 5e04 00000000");
	expect_p6("2 headers, cap 1, a bad option after", p6(NH_DSTOPTS, &c,
		  UDP8), &pol, IGG_R_EXT_OPTION_DISCARD,
		  RB(EXT_CHAIN_LENGTH));
	buf_free(&c);
}

/* A fragment header (offset @fo in bytes, @more) over @flen bytes of UDP. */
static struct pkt frag(u32 fo, bool more, u32 flen, u8 nh)
{
	struct buf c = { 0 };
	struct pkt k;
	u32 i;

	buf_u8(&c, nh);
	buf_u8(&c, 0);
	buf_be16(&c, (u16)(fo | more));
	buf_be32(&c, 0x77);
	for (i = 0; i < flen; i++)
		buf_u8(&c, (u8)i);
	k = p6(NH_FRAGMENT, &c, "");
	buf_free(&c);
	return k;
}

static void t_fragments(void)
{
	static const u32 lens[] = { 8, 16, 1232 };
	char what[64];
	unsigned int i;

	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		snprintf(what, sizeof(what), "later, M set, %u bytes", lens[i]);
		expect_p6(what, frag(8, true, lens[i], NH_UDP), NULL,
			  IGG_R_NONE, 0);
		snprintf(what, sizeof(what), "later, M set, %u bytes",
			 lens[i] - 1);
		expect_p6(what, frag(8, true, lens[i] - 1, NH_UDP), NULL,
			  IGG_R_EXT_FRAGMENT, 0);
		snprintf(what, sizeof(what), "later, M set, %u bytes",
			 lens[i] + 1);
		expect_p6(what, frag(8, true, lens[i] + 1, NH_UDP), NULL,
			  IGG_R_EXT_FRAGMENT, 0);
		snprintf(what, sizeof(what), "last, %u bytes", lens[i] + 1);
		expect_p6(what, frag(8, false, lens[i] + 1, NH_UDP), NULL,
			  IGG_R_NONE, 0);
	}
	/* The reassembled datagram's end at 65535 and one past. */
	expect_p6("last, ends at 65535", frag(65528, false, 7, NH_UDP), NULL,
		  IGG_R_NONE, 0);
	expect_p6("last, ends at 65536", frag(65528, false, 8, NH_UDP), NULL,
		  IGG_R_EXT_FRAGMENT, 0);
	expect_p6("M set, ends at 65536", frag(65520, true, 16, NH_UDP), NULL,
		  IGG_R_EXT_FRAGMENT, 0);
	expect_p6("M set, ends at 65528", frag(65520, true, 8, NH_UDP), NULL,
		  IGG_R_NONE, 0);
}

/*
 * RFC 7112 first fragments: the upper-layer bytes Linux asks for. A
 * first fragment's length must also be a multiple of 8, but the chain is
 * judged first, as ipv6_frag_rcv() does: that is what shows each need
 * exactly.
 */
static void t_first_fragment(void)
{
	static const struct {
		u8 nh;
		u32 have;
		enum igg_reason r;
	} ul[] = {
		{ NH_TCP, 19, IGG_R_EXT_FIRST_FRAGMENT },
		{ NH_TCP, 20, IGG_R_EXT_FRAGMENT },
		{ NH_TCP, 24, IGG_R_NONE },
		{ NH_UDP, 7, IGG_R_EXT_FIRST_FRAGMENT },
		{ NH_UDP, 8, IGG_R_NONE },
		{ NH_ICMPV6, 7, IGG_R_EXT_FIRST_FRAGMENT },
		{ NH_ICMPV6, 8, IGG_R_NONE },
		{ 103, 0, IGG_R_EXT_FIRST_FRAGMENT },
		{ 103, 1, IGG_R_EXT_FRAGMENT },
		{ 103, 8, IGG_R_NONE },
		{ NH_ESP, 0, IGG_R_EXT_FIRST_FRAGMENT },
		{ NH_ESP, 1, IGG_R_EXT_FRAGMENT },
		{ 135, 0, IGG_R_EXT_FIRST_FRAGMENT },
		{ NH_NONE, 0, IGG_R_NONE },
	};
	char what[64];
	unsigned int i;

	for (i = 0; i < sizeof(ul) / sizeof(ul[0]); i++) {
		snprintf(what, sizeof(what), "next header %u, %u bytes of it",
			 ul[i].nh, ul[i].have);
		expect_p6(what, frag(0, true, ul[i].have, ul[i].nh), NULL,
			  ul[i].r, 0);
	}
	/* The same behind Destination Options after the fragment header. */
	{
		struct buf c = { 0 };
		u8 area[6] = { 1, 4 };

		buf_u8(&c, NH_DSTOPTS);
		buf_spec(&c, "00 0001 00000001");
		dst_header(&c, NH_UDP, area, 6);
		buf_spec(&c, UDP8);
		expect_p6("Destination Options, then UDP", p6(NH_FRAGMENT, &c,
			  ""), NULL, IGG_R_NONE, 0);
		c.n -= 1;
		expect_p6("Destination Options, then 7 bytes of UDP",
			  p6(NH_FRAGMENT, &c, ""), NULL,
			  IGG_R_EXT_FIRST_FRAGMENT, 0);
		buf_free(&c);
	}
}

/* @hdr (spec, next header 17) as the only header, UDP behind it. */
static void expect_rh(const char *hdr, enum igg_reason r, rset anom)
{
	struct buf c = { 0 };

	buf_spec6(&c, hdr);
	expect_p6(hdr, p6(NH_ROUTING, &c, UDP8), NULL, r, anom);
	buf_free(&c);
}

static void t_routing(void)
{
	/* Type 2: exactly HEL 2 and SL 1. */
	expect_rh("1102 0201 z4 #2001:db8::1", IGG_R_NONE, 0);
	expect_rh("1102 0200 z4 #2001:db8::1", IGG_R_EXT_ROUTING, 0);
	expect_rh("1102 0202 z4 #2001:db8::1", IGG_R_EXT_ROUTING, 0);
	expect_rh("1104 0201 z4 #2001:db8::1 z16", IGG_R_EXT_ROUTING, 0);
	expect_rh("1100 0201 z4", IGG_R_EXT_ROUTING, 0);
	/* Unknown types: ignored with SL 0, an error with SL 1. */
	expect_rh("1100 0100 z4", IGG_R_NONE, 0);
	expect_rh("1100 0101 z4", IGG_R_EXT_ROUTING, 0);
	expect_rh("1100 ff00 z4", IGG_R_NONE, 0);
	expect_rh("1100 ffff z4", IGG_R_EXT_ROUTING, 0);
	expect_rh("1102 00ff z4 #2001:db8::1", IGG_R_EXT_ROUTING, 0);
	/* SRH: Last Entry against HEL, SL against Last Entry + 1. */
	expect_rh("1102 0401 00 00 0000 #2001:db8::1", IGG_R_NONE, 0);
	expect_rh("1102 0402 00 00 0000 #2001:db8::1", IGG_R_EXT_ROUTING, 0);
	expect_rh("1104 0402 01 00 0000 #2001:db8::1 #2001:db8::2",
		  IGG_R_NONE, 0);
	expect_rh("1104 0403 01 00 0000 #2001:db8::1 #2001:db8::2",
		  IGG_R_EXT_ROUTING, 0);
	expect_rh("1104 0401 02 00 0000 #2001:db8::1 #2001:db8::2",
		  IGG_R_EXT_ROUTING, 0);
	expect_rh("1100 0401 00 00 0000", IGG_R_EXT_ROUTING, 0);
	/* With no segments left nothing is read (RFC 8754 S02). */
	expect_rh("1100 0400 05 00 0000", IGG_R_NONE, 0);
	/* SRH TLVs: fill the header exactly. */
	expect_rh("1103 0401 00 00 0000 #2001:db8::1 0406 z6", IGG_R_NONE,
		  0);
	expect_rh("1103 0401 00 00 0000 #2001:db8::1 0407 z6",
		  IGG_R_EXT_ROUTING, 0);
	expect_rh("1103 0401 00 00 0000 #2001:db8::1 z7 05",
		  IGG_R_EXT_ROUTING, 0);
	expect_rh("1103 0401 00 00 0000 #2001:db8::1 z8", IGG_R_NONE, 0);
	expect_rh("1103 0401 00 00 0000 #2001:db8::1 0500 0504 0000 0000",
		  IGG_R_NONE, 0);
	/* RPL: n = (8 HEL - Pad - (16 - CmprE)) / (16 - CmprI) + 1. */
	expect_rh("1102 0301 00 00 0000 #2001:db8::1", IGG_R_NONE, 0);
	expect_rh("1102 0302 00 00 0000 #2001:db8::1", IGG_R_EXT_ROUTING, 0);
	expect_rh("1102 0302 88 00 0000 z16", IGG_R_NONE, 0);
	expect_rh("1102 0303 88 00 0000 z16", IGG_R_EXT_ROUTING, 0);
	expect_rh("1102 0301 08 00 0000 z16", IGG_R_EXT_ROUTING, 0);
	expect_rh("1100 0301 00 00 0000", IGG_R_EXT_ROUTING, 0);
	/* 127 one-byte addresses pass, 128 do not; Pad makes the count. */
	expect_rh("1110 0301 ff 10 0000 z128", IGG_R_NONE, 0);
	expect_rh("1110 0301 ff 00 0000 z128", IGG_R_EXT_ROUTING, 0);
	expect_rh("1110 037f ff 10 0000 z128", IGG_R_NONE, 0);
	expect_rh("1110 0380 ff 10 0000 z128", IGG_R_EXT_ROUTING, 0);
	/* With no segments left nothing is read (RFC 6554 4.2). */
	expect_rh("1102 0300 08 00 0000 z16", IGG_R_NONE, 0);
}

/* A jumbogram: Hop-by-Hop with jumbo @value, then @n bytes of UDP. */
static struct pkt jumbo(u32 value, u32 n, const char *hbh_head)
{
	struct ip6spec s = ip6spec_raw(NH_HBH);
	struct buf b = { 0 };
	struct pkt k;
	u32 i;

	buf_spec(&b, hbh_head);
	buf_be32(&b, value);
	while (b.n % 8)
		buf_u8(&b, 0);
	for (i = 0; i < n; i++)
		buf_u8(&b, (u8)i);
	/* pkt6_build() takes 16-bit payloads: build short, then grow. */
	k = pkt6_build(&s, b.d, 0);
	pkt_resize(&k, 40 + b.n, 0);
	memcpy(k.d + 40, b.d, b.n);
	buf_free(&b);
	return k;
}

static void t_jumbo(void)
{
	struct igg_result res;
	struct igg_policy pol;
	struct pkt k;

	igg_policy_default(&pol);
	/* Value = payload after the IPv6 header, > 65535. */
	expect_p6("jumbo 65536, exact", jumbo(65536, 65536 - 8, "1100 c204"),
		  NULL, IGG_R_NONE, 0);
	expect_p6("jumbo 65535", jumbo(65535, 65535 - 8, "1100 c204"), NULL,
		  IGG_R_IP6_JUMBO, 0);
	expect_p6("jumbo 65537, 65536 there",
		  jumbo(65537, 65536 - 8, "1100 c204"), NULL, IGG_R_IP6_JUMBO,
		  0);
	expect_p6("jumbo 65536, 65537 there",
		  jumbo(65536, 65537 - 8, "1100 c204"), NULL, IGG_R_IP6_JUMBO,
		  0);
	expect_p6("jumbo at 4n", jumbo(70000, 70000 - 16, "1101 0100 c204"),
		  NULL, IGG_R_IP6_JUMBO, 0);
	expect_p6("jumbo then a fragment header",
		  jumbo(70000, 70000 - 8, "2c00 c204"), NULL, IGG_R_IP6_JUMBO,
		  0);
	/* BIG TCP: the stack's length rules, not RFC 2675's. */
	k = jumbo(70000, 100, "0600 c204");
	validate_as(true, k.d, k.len, IGG_VF_BIG_TCP, &pol, &res);
	CHECK(res.reason == IGG_R_NONE, "GRO jumbo, flag: %s",
	      rname(res.reason));
	validate_as(true, k.d, k.len, 0, &pol, &res);
	CHECK(res.reason == IGG_R_IP6_JUMBO, "GRO jumbo, no flag: %s",
	      rname(res.reason));
	k.d[40] = NH_UDP;
	validate_as(true, k.d, k.len, IGG_VF_BIG_TCP, &pol, &res);
	CHECK(res.reason == IGG_R_IP6_JUMBO, "UDP jumbo, flag: %s",
	      rname(res.reason));
	pkt_free(&k);
	k = p6(NH_TCP, NULL, "z60");
	ip6_set_plen(k.d, 0);
	validate_as(true, k.d, k.len, IGG_VF_BIG_TCP, &pol, &res);
	CHECK(res.reason == IGG_R_NONE, "GSO TCP, no Hop-by-Hop: %s",
	      rname(res.reason));
	/* The 2025 kernels' GSO: no Hop-by-Hop, nothing read past 40. */
	k.d[6] = NH_HBH;
	validate_as(true, k.d, k.len, IGG_VF_BIG_TCP, &pol, &res);
	CHECK(res.reason == IGG_R_IP6_JUMBO,
	      "GSO Hop-by-Hop to next header 0, no jumbo: %s",
	      rname(res.reason));
	pkt_free(&k);
}

/*
 * A 64 KB payload of @hlen-byte headers of kind @nh, the bytes after
 * each header's first two from @fill: linear and within the bound.
 */
static u64 cost_of(u8 nh, u32 hlen, const u8 *fill, u32 flen, u32 n,
		   enum igg_reason *r)
{
	struct igg_policy pol;
	struct igg_result res;
	struct buf c = { 0 };
	struct pkt k;
	u32 i, j;

	for (i = 0; i < n; i++) {
		buf_u8(&c, i + 1 < n ? nh : NH_NONE);
		buf_u8(&c, (u8)(nh == NH_AH ? hlen / 4 - 2 : hlen / 8 - 1));
		for (j = 2; j < hlen; j++)
			buf_u8(&c, fill[(j - 2) % flen]);
	}
	k = p6(nh, &c, "");
	igg_policy_default(&pol);
	run_validate_as(true, k.d, k.len, &pol, &res);
	*r = res.reason;
	CHECK(igg_cost_within6(igg_cost, k.len),
	      "cost %llu for %u bytes, over the bound",
	      (unsigned long long)igg_cost, k.len);
	pkt_free(&k);
	buf_free(&c);
	return igg_cost;
}

static void t_cost(void)
{
	static const u8 padn4[] = { 1, 4, 0, 0, 0, 0 };
	static const u8 unk[] = { 0x1e, 0 };
	static const u8 mix[] = { 0, 0x1e, 0, 0, 0x1e, 0 };
	static const u8 pad1[] = { 0 };
	static const u8 pad7[] = { 0, 0, 0, 0, 0, 0, 0, 0x1e, 0 };
	static const u8 ra[] = { 5, 2, 0, 0, 0x1e, 0 };
	static const u8 srh[2046] = { 4, 1, 0 };
	static const u8 rpl[22] = { 3, 1, 0xff };
	static const struct {
		const char *what;
		u8 nh;
		u32 hlen;
		const u8 *fill;
		u32 flen;
	} rows[] = {
		{ "8-byte Destination Options, PadN", NH_DSTOPTS, 8, padn4, 6 },
		{ "8-byte Destination Options, unknown", NH_DSTOPTS, 8, unk, 2 },
		{ "8-byte Destination Options, Pad1 and unknown", NH_DSTOPTS, 8,
		  mix, 6 },
		{ "2 KB of Pad1", NH_DSTOPTS, 2048, pad1, 1 },
		{ "2 KB of unknown options", NH_DSTOPTS, 2048, unk, 2 },
		{ "2 KB of 7 Pad1 and an unknown", NH_DSTOPTS, 2048, pad7, 9 },
		{ "2 KB of router alerts", NH_DSTOPTS, 2048, ra, 6 },
		{ "2 KB SRH of Pad1", NH_ROUTING, 2048, srh, 2046 },
		{ "24-byte RPL", NH_ROUTING, 24, rpl, 22 },
		{ "8-byte fragment headers", NH_FRAGMENT, 8, pad1, 1 },
		{ "8-byte AH", NH_AH, 8, pad1, 1 },
	};
	enum igg_reason r, r2;
	unsigned int i;
	u64 full, half;
	u32 n;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		/* As many whole headers as 64 KB hold, an even number. */
		n = 65488 / rows[i].hlen / 2 * 2;
		full = cost_of(rows[i].nh, rows[i].hlen, rows[i].fill,
			       rows[i].flen, n, &r);
		half = cost_of(rows[i].nh, rows[i].hlen, rows[i].fill,
			       rows[i].flen, n / 2, &r2);
		/* Twice the headers, twice the work (the call once). */
		CHECK(full <= 2 * half, "%s: %llu for %u headers, %llu for %u",
		      rows[i].what, (unsigned long long)full, n,
		      (unsigned long long)half, n / 2);
		CHECK(r == IGG_R_EXT_CHAIN_LENGTH, "%s: %s", rows[i].what,
		      rname(r));
		tap_diag("%s: %.2f units a byte", rows[i].what,
			 full / (40.0 + n * rows[i].hlen));
	}
}

static const struct {
	const char *name;
	void (*fn)(void);
} bounds_tests[] = {
	{ "padding runs and PadN data at 7 and 8", t_padding },
	{ "options fit their header, or one byte over", t_option_fit },
	{ "8 options are fine, 9 are many", t_many_options },
	{ "every header whole and one byte short", t_header_lengths },
	{ "max_ext_headers at the cap and one over", t_chain_length },
	{ "fragment lengths and the 64 KiB end", t_fragments },
	{ "first fragments hold the upper-layer header", t_first_fragment },
	{ "routing header types 2, 3, 4 and unknown at their limits",
	  t_routing },
	{ "jumbograms and BIG TCP", t_jumbo },
	{ "adversarial chains: linear and within igg_cost_within6()",
	  t_cost },
};

#define NTESTS (sizeof(bounds_tests) / sizeof(bounds_tests[0]))

static unsigned int count(void)
{
	return NTESTS;
}

static void run(void)
{
	unsigned int i;

	for (i = 0; i < NTESTS; i++) {
		tap_begin("ipv6-bounds: %s", bounds_tests[i].name);
		bounds_tests[i].fn();
		tap_end();
	}
}

const struct tgroup group_ipv6_bounds = { "ipv6-bounds", NULL, 0, count,
					  run };
