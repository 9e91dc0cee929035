// SPDX-License-Identifier: GPL-2.0
/*
 * The IPv6 validator: the IPv6 header, the extension-header chain and its
 * option areas (RFC 8200), then MLD (mld.c) for an unfragmented ICMPv6
 * message of an MLD type.
 *
 * As in ipv4.c, a malformed finding ends the walk and decides; policy and
 * anomaly findings are collected and the verdict is taken at the end.
 * Every loop moves forward by at least one byte of the payload, so the
 * work is linear in the bytes however the chain is built: a chain of 8-byte
 * headers takes one step per 8 bytes, an option area one per option.
 */
#include "walk.h"

#define IGG_NH_HBH		0
#define IGG_NH_TCP		6
#define IGG_NH_UDP		17
#define IGG_NH_ROUTING		43
#define IGG_NH_FRAGMENT		44
#define IGG_NH_AH		51
#define IGG_NH_ICMPV6		58
#define IGG_NH_NONE		59
#define IGG_NH_DSTOPTS		60

/*
 * The extension headers the walk steps over. ESP ends the chain (what
 * follows is encrypted), No Next Header ends it, and Mobility, HIP and
 * Shim6 (135, 139, 140) are where Linux's ipv6_ext_hdr() stops too: they
 * are the upper layer here. Compilers make this one bit test.
 */
static bool igg_is_ext_header(u8 nh)
{
	switch (nh) {
	case IGG_NH_HBH:
	case IGG_NH_ROUTING:
	case IGG_NH_FRAGMENT:
	case IGG_NH_AH:
	case IGG_NH_DSTOPTS:
		return true;
	default:
		return false;
	}
}

#define IGG_OPT6_PAD1		0x00
#define IGG_OPT6_PADN		0x01
#define IGG_OPT6_RA		0x05
#define IGG_OPT6_CALIPSO	0x07
#define IGG_OPT6_IOAM		0x31
#define IGG_OPT6_JUMBO		0xc2
#define IGG_OPT6_HAO		0xc9

/* The action of an unknown option: its top two type bits (RFC 8200 4.2). */
#define IGG_OPT6_ACTION(type)	((type) >> 6)

/* RFC 2711 2.1 names values 0 (MLD), 1 (RSVP) and 2 (active networks). */
#define IGG_RA_VALUE_MAX	2

/* Real option areas hold a few options; Linux's sysctls default to 8. */
#define IGG_MANY_OPTIONS	8

/* RFC 4942 2.1.9.5: padding realigns to 8 bytes, so 7 at most in a row. */
#define IGG_PAD_RUN_MAX		7

#define IGG_RPL_ADDRESSES_MAX	127	/* Linux since 2026 (9d5e7a46a9f6) */

/*
 * Cost weights (see walk.h): instructions per iteration, rounded up, of a
 * -O2 x86-64 build as callgrind counts them (make bench-validator).
 */
#define IGG_COST_EXT_HEADER	90	/* a step along the chain */
#define IGG_COST_PAD_RUN	16	/* a run of Pad1, or a lone one */
#define IGG_COST_PAD_WORD	9	/* 8 bytes of a long run */
#define IGG_COST_PAD1		9	/* a byte of a short run */
#define IGG_COST_OPTION6	30	/* any other option */
#define IGG_COST_KNOWN_OPTION	12	/* more for one read closely */
#define IGG_COST_SRH_TLV	12	/* a TLV of a segment routing header */

/*
 * Upper-layer bytes a first fragment must hold (RFC 7112 5), as Linux's
 * ipv6frag_thdr_truncated() counts them.
 */
#define IGG_TCP_HEADER		20
#define IGG_UDP_HEADER		8
#define IGG_ICMPV6_HEADER	8

/* Where the chain is, relative to fragmentation. */
enum igg_frag6 {
	IGG_FRAG6_NONE,		/* no fragment header, or an atomic one */
	IGG_FRAG6_FIRST,	/* offset 0, more fragments */
	IGG_FRAG6_LATER,	/* offset > 0: the rest is not headers */
};

/*
 * RFC 8200 4.1's order, as ranks a chain should climb: Destination
 * Options take the first slot before a Routing header and the last one
 * before the upper layer.
 */
enum igg_rank6 {
	IGG_RANK_NONE,
	IGG_RANK_HBH,
	IGG_RANK_DST_FIRST,
	IGG_RANK_ROUTING,
	IGG_RANK_FRAGMENT,
	IGG_RANK_AH,
	IGG_RANK_DST_LAST,
};

/* One IPv6 walk: the shared state and what only this file needs. */
struct igg_walk6 {
	struct igg_walk w;
	const u8 *pkt;
	u32 plen;		/* the payload length field */
	u32 end;		/* where the chain's bytes end */
	bool jumbo;		/* the Hop-by-Hop header has a jumbo option */
	bool gso;		/* IGG_VF_BIG_TCP applies: no length rules */
	bool hao;		/* a home address option was seen */
	bool frag_odd;		/* a first fragment not a multiple of 8 long */
	enum igg_frag6 frag;
};

/*
 * RFC 4291 2.7: never a multicast source, never a multicast destination of
 * scope 0; 2.5.2: never :: as a destination.
 */
static bool igg_bad_addresses6(const u8 *ip6)
{
	const u8 *dst = ip6 + 24;
	u64 a, b;

	if (ip6[8] == 0xff)
		return true;
	if (dst[0] == 0xff)
		return !(dst[1] & 0xf);
	__builtin_memcpy(&a, dst, 8);
	__builtin_memcpy(&b, dst + 8, 8);
	return !(a | b);
}

static bool igg_is_unicast6(const u8 *addr)
{
	u64 a, b;

	if (addr[0] == 0xff)
		return false;
	__builtin_memcpy(&a, addr, 8);
	__builtin_memcpy(&b, addr + 8, 8);
	return a | b;
}

/* RFC 2675 2 and 3, for a jumbo option at @off of a Hop-by-Hop header. */
static enum igg_reason igg_check_jumbo(struct igg_walk6 *s, const u8 *h,
				       u32 off)
{
	u32 value = igg_get32(h + off + 2);

	s->jumbo = true;
	/* The GRO-built packets of BIG TCP keep no length rule. */
	if (s->gso)
		return IGG_R_NONE;
	if (off % 4 != 2 || s->plen || value <= 0xffff ||
	    value != s->end - 40)
		return IGG_R_IP6_JUMBO;
	return IGG_R_NONE;
}

/*
 * A known option, its length already known to fit its header; @h is the
 * header, @off the option's offset in it.
 */
static enum igg_reason igg_check_option6(struct igg_walk6 *s, const u8 *h,
					 u32 off, u32 len, bool hbh)
{
	const u8 *o = h + off;

	IGG_COST(IGG_COST_KNOWN_OPTION);
	switch (o[0]) {
	case IGG_OPT6_RA:
		if (len != 2)
			return IGG_R_EXT_OPTION_LENGTH;
		/* RFC 2711 puts it in Hop-by-Hop only; Linux reads it there. */
		if (!hbh || s->w.router_alert ||
		    igg_get16(o + 2) > IGG_RA_VALUE_MAX)
			igg_note(&s->w, IGG_R_EXT_ROUTER_ALERT);
		if (hbh) {
			/* Two of them: the last wins, as in ipv6_hop_ra(). */
			s->w.router_alert = true;
			s->w.ra_value = igg_get16(o + 2);
		}
		return IGG_R_NONE;
	case IGG_OPT6_JUMBO:
		if (len != 4)
			return IGG_R_EXT_OPTION_LENGTH;
		return hbh ? igg_check_jumbo(s, h, off) : IGG_R_IP6_JUMBO;
	case IGG_OPT6_HAO:
		if (hbh)
			break;
		/* RFC 6275 6.3: 16 bytes, once, a unicast address. */
		if (len != 16)
			return IGG_R_EXT_OPTION_LENGTH;
		if (s->hao || !igg_is_unicast6(o + 2))
			return IGG_R_EXT_HOME_ADDRESS;
		s->hao = true;
		return IGG_R_NONE;
	case IGG_OPT6_CALIPSO:
	case IGG_OPT6_IOAM:
		if (hbh)
			return IGG_R_NONE;
		break;
	}
	/* Unknown here: its type bits say whether to skip or discard. */
	if (IGG_OPT6_ACTION(o[0]))
		return IGG_R_EXT_OPTION_DISCARD;
	igg_note(&s->w, IGG_R_EXT_OPTION_UNKNOWN);
	return IGG_R_NONE;
}

/*
 * The offset of the first non-zero byte of @h from @off on, @end if none:
 * the end of a run of Pad1. A lone Pad1 costs one test, a flood goes 8
 * bytes a step, and a run of at most 7 costs one failed word test more.
 */
static u32 igg_skip_zeros(const u8 *h, u32 off, u32 end)
{
	u64 word;

	IGG_COST(IGG_COST_PAD_RUN);
	if (off == end || h[off])
		return off;
	for (;;) {
		if (end - off < 8)
			break;
		__builtin_memcpy(&word, h + off, 8);
		if (word)
			break;
		IGG_COST(IGG_COST_PAD_WORD);
		off += 8;
	}
	while (off < end && !h[off]) {
		IGG_COST(IGG_COST_PAD1);
		off++;
	}
	return off;
}

/*
 * Whether the @len (at most 5) bytes at @p are all zero, in at most two
 * loads: two overlapping ones cover any length from 2 to 8.
 */
static bool igg_zero_upto5(const u8 *p, u32 len)
{
	u32 a, b;
	u16 c, d;

	if (len >= 4) {
		__builtin_memcpy(&a, p, 4);
		__builtin_memcpy(&b, p + len - 4, 4);
		return !(a | b);
	}
	if (len >= 2) {
		__builtin_memcpy(&c, p, 2);
		__builtin_memcpy(&d, p + len - 2, 2);
		return !(c | d);
	}
	return !len || !p[0];
}

/*
 * Option types of action 00 that are known, as bits below 64: PadN and
 * those igg_check_option6() reads, in any header and in Hop-by-Hop only.
 * Every other type below 64 is unknown and skipped, the commonest option
 * of a flood, so it takes a bit test of a constant.
 */
#define IGG_OPT6_BIT(type)	(1ull << (type))
#define IGG_OPT6_KNOWN		(IGG_OPT6_BIT(IGG_OPT6_PADN) | \
				 IGG_OPT6_BIT(IGG_OPT6_RA))
#define IGG_OPT6_KNOWN_HBH	(IGG_OPT6_BIT(IGG_OPT6_CALIPSO) | \
				 IGG_OPT6_BIT(IGG_OPT6_IOAM))

/*
 * The option area of a Hop-by-Hop (@hbh) or Destination Options header
 * @h of @hlen bytes, as ip6_parse_tlv() reads it: Pad1 is one byte, every
 * other option a type, a length and that many bytes, and the last one
 * ends exactly at the header's end. Findings are gathered in locals and
 * noted after the loop: a store per option costs more.
 */
static enum igg_reason igg_check_options6(struct igg_walk6 *s, const u8 *h,
					  u32 hlen, bool hbh)
{
	u32 off = 2, pad = 0, runs = 0, opts = 0, len, next;
	bool padding = false, unknown = false;
	enum igg_reason r;
	u8 type;

	while (off < hlen) {
		type = h[off];
		if (type == IGG_OPT6_PAD1) {
			next = igg_skip_zeros(h, off + 1, hlen);
			pad += next - off;
			off = next;
			continue;
		}
		IGG_COST(IGG_COST_OPTION6);
		if (off + 1 == hlen)
			return IGG_R_EXT_OPTION_LENGTH;
		len = h[off + 1];
		next = off + 2 + len;
		if (next > hlen)
			return IGG_R_EXT_OPTION_LENGTH;
		if (type < 64 && !(IGG_OPT6_KNOWN >> type & 1) &&
		    !(hbh && (IGG_OPT6_KNOWN_HBH >> type & 1))) {
			/* Unknown, action 00: skip it (RFC 8200 4.2). */
			unknown = true;
			runs |= pad;
			pad = 0;
			opts++;
		} else if (type == IGG_OPT6_PADN) {
			pad += 2 + len;
			/* A run too long is found already: skip the data. */
			if (pad <= IGG_PAD_RUN_MAX &&
			    !igg_zero_upto5(h + off + 2, len))
				padding = true;
		} else {
			/* Runs of at most 7 OR to at most 7. */
			runs |= pad;
			pad = 0;
			opts++;
			r = igg_check_option6(s, h, off, len, hbh);
			if (r != IGG_R_NONE)
				return r;
		}
		off = next;
	}
	if (padding || (runs | pad) > IGG_PAD_RUN_MAX)
		igg_note(&s->w, IGG_R_EXT_PADDING);
	if (unknown)
		igg_note(&s->w, IGG_R_EXT_OPTION_UNKNOWN);
	if (opts > IGG_MANY_OPTIONS)
		igg_note(&s->w, IGG_R_EXT_MANY_OPTIONS);
	return IGG_R_NONE;
}

/*
 * RFC 6554 3: with CmprI bytes of every address but the last elided, CmprE
 * of the last, and Pad bytes of padding, the addresses must fill the
 * header exactly. Checked only with segments left, as the RFC's 4.2 does.
 */
static enum igg_reason igg_check_rpl(const u8 *h, u32 sl)
{
	u32 cmpri = h[4] >> 4, cmpre = h[4] & 0xf, pad = h[5] >> 4;
	u32 bytes = 8 * (u32)h[1], last = pad + 16 - cmpre, n;

	if (bytes < last || (bytes - last) % (16 - cmpri))
		return IGG_R_EXT_ROUTING;
	n = (bytes - last) / (16 - cmpri) + 1;
	if (n > IGG_RPL_ADDRESSES_MAX || sl > n)
		return IGG_R_EXT_ROUTING;
	return IGG_R_NONE;
}

/*
 * RFC 8754 2 and 4.3.1.1: Last Entry within the header, segments left
 * within the list, then TLVs (Pad1 of one byte, the rest type, length,
 * data) filling the rest exactly. Checked only with segments left, as the
 * RFC's S02 does.
 */
static enum igg_reason igg_check_srh(const u8 *h, u32 hlen, u32 sl)
{
	u32 entries = h[4] + 1u, off;

	if (entries > h[1] / 2u || sl > entries)
		return IGG_R_EXT_ROUTING;
	for (off = 8 + 16 * entries; off < hlen; ) {
		if (!h[off]) {
			off = igg_skip_zeros(h, off + 1, hlen);
			continue;
		}
		IGG_COST(IGG_COST_SRH_TLV);
		if (hlen - off < 2 || h[off + 1] > hlen - off - 2)
			return IGG_R_EXT_ROUTING;
		off += 2 + h[off + 1];
	}
	return IGG_R_NONE;
}

static enum igg_reason igg_check_routing(struct igg_walk6 *s, const u8 *h,
					 u32 hlen)
{
	u32 sl = h[3];

	/* ipv6_rthdr_rcv() drops these; RFC 4291 2.7 forbids routing them. */
	if (s->pkt[24] == 0xff)
		igg_note(&s->w, IGG_R_EXT_ROUTING_MULTICAST);
	switch (h[2]) {
	case 0:
		/* RFC 5095 3: an unknown type, harmless only with SL 0. */
		if (sl)
			return IGG_R_EXT_ROUTING;
		igg_note(&s->w, IGG_R_EXT_ROUTING0);
		return IGG_R_NONE;
	case 2:
		/* RFC 6275 6.4: one home address, to be visited next. */
		return h[1] != 2 || sl != 1 ? IGG_R_EXT_ROUTING : IGG_R_NONE;
	case 3:
		return sl ? igg_check_rpl(h, sl) : IGG_R_NONE;
	case 4:
		return sl ? igg_check_srh(h, hlen, sl) : IGG_R_NONE;
	default:
		/* RFC 8200 4.4: ignored with SL 0, an error otherwise. */
		return sl ? IGG_R_EXT_ROUTING : IGG_R_NONE;
	}
}

/* RFC 8200 4.5 for the fragment header at @off. */
static enum igg_reason igg_check_fragment(struct igg_walk6 *s, const u8 *h,
					  u32 off)
{
	u32 fo = igg_get16(h + 2), offset = fo & 0xfff8, more = fo & 1;
	u32 flen = s->end - off - 8;

	/* RFC 2675 3: a jumbogram cannot be fragmented. */
	if (s->jumbo)
		return IGG_R_IP6_JUMBO;
	if (!offset && more) {
		/*
		 * As ipv6_frag_rcv() does, the chain of a first fragment is
		 * judged before its length (igg_check_upper6()).
		 */
		s->frag = IGG_FRAG6_FIRST;
		s->frag_odd = flen % 8;
		return IGG_R_NONE;
	}
	if ((more && flen % 8) || offset + flen > 0xffff)
		return IGG_R_EXT_FRAGMENT;
	if (offset)
		s->frag = IGG_FRAG6_LATER;
	else
		/* RFC 6946: a whole packet, walked on as one. */
		igg_note(&s->w, IGG_R_EXT_ATOMIC_FRAGMENT);
	return IGG_R_NONE;
}

/* The rank of header @nh in RFC 8200 4.1's order, after @last. */
static enum igg_rank6 igg_rank6(u8 nh, enum igg_rank6 last)
{
	switch (nh) {
	case IGG_NH_HBH:
		return IGG_RANK_HBH;
	case IGG_NH_DSTOPTS:
		return last < IGG_RANK_DST_FIRST ? IGG_RANK_DST_FIRST :
						   IGG_RANK_DST_LAST;
	case IGG_NH_ROUTING:
		return IGG_RANK_ROUTING;
	case IGG_NH_FRAGMENT:
		return IGG_RANK_FRAGMENT;
	default:
		return IGG_RANK_AH;
	}
}

/* The length of the extension header @h, whose first 8 bytes are there. */
static u32 igg_ext_len(u8 nh, const u8 *h)
{
	if (nh == IGG_NH_FRAGMENT)
		return 8;
	if (nh == IGG_NH_AH)
		return 4 * (h[1] + 2u);	/* RFC 4302 2.2 */
	return 8 * (h[1] + 1u);
}

/*
 * A header that runs past the chain's end: in a first fragment that is
 * RFC 7112's incomplete chain, otherwise a truncated packet.
 */
static enum igg_reason igg_cut_short(const struct igg_walk6 *s)
{
	return s->frag == IGG_FRAG6_FIRST ? IGG_R_EXT_FIRST_FRAGMENT :
					    IGG_R_EXT_TRUNCATED;
}

/*
 * The extension headers from the first next header @nh on. Returns a
 * malformed reason, or IGG_R_NONE with *@offp and *@nhp at the upper
 * layer (or ESP, No Next Header, or a later fragment's data). What each
 * step reads is kept in locals: a store through @s makes the compiler
 * load everything again.
 */
static enum igg_reason igg_walk_chain(struct igg_walk6 *s, u32 *offp, u8 *nhp)
{
	u32 off = 40, end = s->end, hlen, count = 0;
	u32 max = s->w.pol->max_ext_headers;
	enum igg_rank6 rank, last = IGG_RANK_NONE;
	enum igg_reason r = IGG_R_NONE;
	bool disorder = false;
	u8 nh = *nhp;
	const u8 *h;

	while (igg_is_ext_header(nh)) {
		IGG_COST(IGG_COST_EXT_HEADER);
		/* RFC 8200 4: an unrecognised next header anywhere else. */
		if (nh == IGG_NH_HBH && off != 40) {
			r = IGG_R_EXT_HBH_NOT_FIRST;
			break;
		}
		h = s->pkt + off;
		/* Every header has 8 bytes at least, its length among them. */
		hlen = end - off < 8 ? 8 : igg_ext_len(nh, h);
		if (hlen > end - off) {
			r = igg_cut_short(s);
			break;
		}

		count++;
		rank = igg_rank6(nh, last);
		disorder |= rank <= last;
		last = rank;

		if (nh == IGG_NH_HBH || nh == IGG_NH_DSTOPTS) {
			r = igg_check_options6(s, h, hlen, nh == IGG_NH_HBH);
			/* RFC 2675 3: payload length 0 needs a jumbo option. */
			if (r == IGG_R_NONE && !s->plen && !s->gso &&
			    !s->jumbo && nh == IGG_NH_HBH)
				r = IGG_R_IP6_JUMBO;
		} else if (nh == IGG_NH_ROUTING) {
			r = igg_check_routing(s, h, hlen);
		} else if (nh == IGG_NH_FRAGMENT) {
			r = igg_check_fragment(s, h, off);
		} else {
			r = IGG_R_NONE;
		}
		if (r != IGG_R_NONE)
			break;
		nh = h[0];
		off += hlen;
		if (s->frag == IGG_FRAG6_LATER)
			break;
	}
	if (count > max)
		igg_note(&s->w, IGG_R_EXT_CHAIN_LENGTH);
	if (disorder)
		igg_note(&s->w, IGG_R_EXT_ORDER);
	*offp = off;
	*nhp = nh;
	return r;
}

/* What comes after the chain: @nh at @off, up to s->end. */
static enum igg_reason igg_check_upper6(struct igg_walk6 *s, u32 off, u8 nh)
{
	u32 ulen = s->end - off, need;
	const u8 *u = s->pkt + off;

	switch (s->frag) {
	case IGG_FRAG6_LATER:
		return IGG_R_NONE;
	case IGG_FRAG6_FIRST:
		need = nh == IGG_NH_NONE ? 0 :
		       nh == IGG_NH_TCP ? IGG_TCP_HEADER :
		       nh == IGG_NH_UDP ? IGG_UDP_HEADER :
		       nh == IGG_NH_ICMPV6 ? IGG_ICMPV6_HEADER : 1;
		if (ulen < need)
			return IGG_R_EXT_FIRST_FRAGMENT;
		if (s->frag_odd)
			return IGG_R_EXT_FRAGMENT;
		if (nh == IGG_NH_ICMPV6 && igg_is_mld(u[0]))
			igg_note(&s->w, IGG_R_MLD_FRAGMENT);
		return IGG_R_NONE;
	default:
		break;
	}
	/* RFC 8200 4.7: ignored, but nobody sends them. */
	if (nh == IGG_NH_NONE) {
		if (ulen)
			igg_note(&s->w, IGG_R_EXT_NO_NEXT_DATA);
		return IGG_R_NONE;
	}
	if (nh == IGG_NH_ICMPV6 && ulen && igg_is_mld(u[0]))
		return igg_check_mld(&s->w, s->pkt, u, ulen);
	return IGG_R_NONE;
}

/*
 * The payload's extent. A payload length of 0 means a jumbogram, whose
 * length the Hop-by-Hop jumbo option gives (RFC 2675), or, with
 * IGG_VF_BIG_TCP, a TCP packet whose length the stack took from its
 * buffer (with or without the jumbo option GRO inserts). False: the
 * payload length runs past the packet.
 */
static bool igg_payload6(struct igg_walk6 *s, u32 len, u32 flags)
{
	const u8 *pkt = s->pkt;
	u8 nh = pkt[6];

	s->end = 40 + s->plen;
	if (s->plen)
		return s->end <= len;
	s->gso = (flags & IGG_VF_BIG_TCP) &&
		 (nh == IGG_NH_TCP ||
		  (nh == IGG_NH_HBH && len > 40 && pkt[40] == IGG_NH_TCP));
	if (s->gso || nh == IGG_NH_HBH)
		s->end = len;
	return true;
}

enum igg_verdict igg_validate6(const u8 *pkt, u32 len, u32 flags,
			       const struct igg_policy *pol,
			       struct igg_result *res)
{
	struct igg_walk6 s = { .w = { .pol = pol }, .pkt = pkt };
	enum igg_reason r;
	u32 off = 40;
	u8 nh;

	/* Only the call is charged on the way out at malformed_header. */
	IGG_COST_START();

	if (len < 40 || (pkt[0] >> 4) != 6)
		goto malformed_header;
	s.plen = igg_get16(pkt + 4);
	if (!igg_payload6(&s, len, flags))
		goto malformed_header;
	if (igg_bad_addresses6(pkt)) {
		r = IGG_R_IP6_ADDRESS;
		goto decided;
	}

	nh = pkt[6];
	/*
	 * The fast path: no extension header, and an upper layer whose bytes
	 * are none of the validator's business, so nothing can be found.
	 */
	if (!igg_is_ext_header(nh) && nh != IGG_NH_ICMPV6 &&
	    nh != IGG_NH_NONE) {
		res->reason = IGG_R_NONE;
		res->anomalies = s.w.found;
		return IGG_PASS;
	}
	r = igg_walk_chain(&s, &off, &nh);
	if (r == IGG_R_NONE)
		r = igg_check_upper6(&s, off, nh);

	/* Policy reasons come first in the list, so they win. */
	if (r == IGG_R_NONE)
		r = igg_set_first(igg_set_and(s.w.found, pol->drop));
decided:
	res->reason = r;
	res->anomalies = s.w.found;
	igg_set_del(&res->anomalies, r);
	IGG_COST_SETTLE6(len);
	return r == IGG_R_NONE ? IGG_PASS : IGG_DROP;

malformed_header:
	res->reason = IGG_R_IP6_HEADER;
	res->anomalies = (struct igg_set){ { 0 } };
	return IGG_DROP;
}
