// SPDX-License-Identifier: GPL-2.0
/*
 * Valid random packets; see gen.h. Everything here is written from RFC 791,
 * 2113, 2236 and 3376 and the spec notes, not from the validator, so that a
 * disagreement points at one of the two.
 */
#include "gen.h"

/* Option types the validator has no rule for (RFC 7126 obsolete/experimental). */
static const u8 unknown_types[] = {
	10, 11, 12, 15, 30, 82, 94, 142, 145, 147, 149, 151, 152, 158, 205, 222,
};

static void put_random(struct rng *r, struct buf *b, u32 n)
{
	while (n--)
		buf_u8(b, (u8)rng_next(r));
}

static u32 gen_group(struct rng *r)
{
	/* 224.0.0.1 .. 239.255.255.255: never the unusable 224.0.0.0. */
	return 0xe0000001u + rng_below(r, 0x0fffffffu);
}

static u32 gen_unicast(struct rng *r)
{
	u32 a, net;

	do {
		a = (u32)rng_next(r);
		net = a >> 24;
	} while (net == 0 || net == 127 || net >= 224);
	return a;
}

static void opt_route(struct rng *r, struct buf *o, u32 room)
{
	u32 k = rng_below(r, (room - 3) / 4 + 1), j = rng_below(r, k + 1);

	buf_u8(o, 7);			/* record route; source routes drop */
	buf_u8(o, (u8)(3 + 4 * k));
	buf_u8(o, (u8)(4 + 4 * j));	/* j == k: full */
	put_random(r, o, 4 * k);
}

static void opt_timestamp(struct rng *r, struct buf *o, u32 room)
{
	static const u8 flags[] = { 0, 1, 3 };
	u8 flag = flags[rng_below(r, 3)];
	u32 entry = flag ? 8 : 4;
	u32 k = rng_below(r, (room - 4) / entry + 1), j = rng_below(r, k + 1);
	/* A full option may not have counted to 15 yet. */
	u32 oflw = rng_below(r, j == k ? 15 : 16);

	buf_u8(o, 68);
	buf_u8(o, (u8)(4 + entry * k));
	buf_u8(o, (u8)(5 + entry * j));
	buf_u8(o, (u8)(oflw << 4 | flag));
	put_random(r, o, entry * k);
}

static void opt_cipso(struct rng *r, struct buf *o, u32 room)
{
	u32 left = room - 6, tlen, start = o->n;
	unsigned int tags = rng_range(r, 1, 3);

	buf_u8(o, 134);
	buf_u8(o, 0);			/* length, set below */
	buf_be32(o, rng_range(r, 1, 0xffffffffu));
	while (tags-- && left >= 4) {
		tlen = rng_range(r, 4, left < 8 ? left : 8);
		buf_u8(o, (u8)rng_range(r, 1, 255));
		buf_u8(o, (u8)tlen);
		put_random(r, o, tlen - 2);
		left -= tlen;
	}
	o->d[start + 1] = (u8)(o->n - start);
}

static void opt_tlv(struct rng *r, struct buf *o, u8 type, u32 lo, u32 hi)
{
	u32 len = rng_range(r, lo, hi);

	buf_u8(o, type);
	buf_u8(o, (u8)len);
	put_random(r, o, len - 2);
}

static u32 min32(u32 a, u32 b)
{
	return a < b ? a : b;
}

void gen_options(struct rng *r, struct buf *o, u32 room, bool router_alert)
{
	enum { RR = 1, TS = 2, SEC = 4, CIPSO = 8, SID = 16 };
	u32 once = 0, left, start = o->n, ra_at = rng_below(r, 4), step;

	for (step = 0; step < 6; step++) {
		left = room - (o->n - start);
		if (router_alert && step == ra_at && left >= 4) {
			/* Mostly value 0; others are an anomaly, still valid. */
			buf_u8(o, 148);
			buf_u8(o, 4);
			buf_be16(o, rng_chance(r, 4) ? (u16)rng_next(r) : 0);
			continue;
		}
		switch (rng_below(r, 10)) {
		case 0:
			if (left >= 1)
				buf_u8(o, 1);
			break;
		case 1:
			if (!(once & RR) && left >= 3) {
				opt_route(r, o, left);
				once |= RR;
			}
			break;
		case 2:
			if (!(once & TS) && left >= 4) {
				opt_timestamp(r, o, left);
				once |= TS;
			}
			break;
		case 3:
			if (!(once & SEC) && left >= 3) {
				opt_tlv(r, o, 130, 3, min32(11, left));
				once |= SEC;
			}
			break;
		case 4:
			if (left >= 3)
				opt_tlv(r, o, 133, 3, min32(8, left));
			break;
		case 5:
			if (!(once & CIPSO) && left >= 10) {
				opt_cipso(r, o, min32(left, 22));
				once |= CIPSO;
			}
			break;
		case 6:
			if (left >= 2)
				opt_tlv(r, o, 25, 2, min32(8, left));
			break;
		case 7:
			if (!(once & SID) && left >= 4) {
				opt_tlv(r, o, 136, 4, 4);
				once |= SID;
			}
			break;
		case 8:
			if (left >= 2)
				opt_tlv(r, o, unknown_types[rng_below(r,
					sizeof(unknown_types))], 2,
					min32(6, left));
			break;
		default:
			break;
		}
	}
	/* Pad with NOPs or with EOL and zeros; either ends the area. */
	if (rng_chance(r, 2)) {
		while ((o->n - start) % 4)
			buf_u8(o, 1);
	} else if ((o->n - start) % 4 || room - (o->n - start) >= 4) {
		buf_u8(o, 0);
		while ((o->n - start) % 4)
			buf_u8(o, 0);
	}
}

static void igmp_query(struct rng *r, struct buf *m, struct ipspec *s)
{
	u32 group = rng_chance(r, 2) ? 0 : gen_group(r), n, i;
	unsigned int version = rng_range(r, 1, 3);

	buf_u8(m, 0x11);
	buf_u8(m, version == 1 ? 0 : (u8)rng_range(r, version == 2, 255));
	buf_be16(m, 0);
	buf_be32(m, version == 1 ? 0 : group);
	s->dst = version == 1 || !group ? 0xe0000001u : group;
	if (version < 3)
		return;
	buf_u8(m, (u8)rng_next(r));	/* resv, S, QRV: any */
	buf_u8(m, (u8)rng_next(r));	/* QQIC */
	n = group ? rng_below(r, 65) : 0;
	buf_be16(m, (u16)n);
	for (i = 0; i < n; i++)
		buf_be32(m, (u32)rng_next(r));
	put_random(r, m, rng_below(r, 3) ? 0 : rng_range(r, 1, 16));
}

static void igmp_report(struct rng *r, struct buf *m, struct ipspec *s)
{
	static const u8 types[] = { 0x12, 0x16, 0x17 };
	u8 type = types[rng_below(r, 3)];
	u32 group = gen_group(r);

	buf_u8(m, type);
	buf_u8(m, rng_chance(r, 4) ? (u8)rng_next(r) : 0);
	buf_be16(m, 0);
	buf_be32(m, group);
	s->dst = type == 0x17 ? 0xe0000002u : group;
	put_random(r, m, rng_chance(r, 4) ? rng_below(r, 9) : 0);
}

static void igmp_v3_report(struct rng *r, struct buf *m, struct ipspec *s)
{
	u32 nrec = rng_below(r, 13), i, nsrc, aux;

	buf_spec(m, "2200 0000 0000");
	buf_be16(m, (u16)nrec);
	for (i = 0; i < nrec; i++) {
		nsrc = rng_below(r, 9);
		aux = rng_chance(r, 6) ? rng_range(r, 1, 2) : 0;
		buf_u8(m, rng_chance(r, 8) ? (u8)rng_next(r) :
			  (u8)rng_range(r, 1, 6));
		buf_u8(m, (u8)aux);
		buf_be16(m, (u16)nsrc);
		buf_be32(m, gen_group(r));
		put_random(r, m, 4 * (nsrc + aux));
	}
	put_random(r, m, rng_chance(r, 4) ? rng_below(r, 9) : 0);
	s->dst = 0xe0000016u;
}

static const u8 routing_types[] = { 0x13, 0x14, 0x1e, 0x1f, 0x30, 0x31, 0x32 };

static bool known_type(u8 type)
{
	static const u8 membership[] = { 0x11, 0x12, 0x16, 0x17, 0x22 };
	unsigned int i;

	for (i = 0; i < sizeof(membership); i++)
		if (membership[i] == type)
			return true;
	for (i = 0; i < sizeof(routing_types); i++)
		if (routing_types[i] == type)
			return true;
	return false;
}

static void igmp_other(struct rng *r, struct buf *m, struct ipspec *s)
{
	u8 type;

	if (rng_chance(r, 2)) {
		type = routing_types[rng_below(r, sizeof(routing_types))];
	} else {
		do
			type = (u8)rng_next(r);
		while (known_type(type));
	}
	buf_u8(m, type);
	put_random(r, m, rng_range(r, 7, 40));
	s->ttl = (u8)rng_next(r);	/* no TTL rule outside membership */
	s->dst = rng_chance(r, 2) ? gen_unicast(r) : gen_group(r);
}

struct pkt gen_valid(struct rng *r)
{
	struct ipspec s = {
		.src = rng_chance(r, 8) ? 0 : gen_unicast(r),
		.ttl = 1, .tos = (u8)rng_next(r), .proto = 2,
		.frag = rng_chance(r, 2) ? 0x4000 : 0,
	};
	struct buf opt = { 0 }, m = { 0 };
	struct pkt k;

	switch (rng_below(r, 6)) {
	case 0:
		/* Not IGMP: only the options are looked at. */
		do {
			s.proto = (u8)rng_next(r);
		} while (s.proto == 2);
		s.ttl = (u8)rng_next(r);
		s.src = (u32)rng_next(r);
		s.dst = (u32)rng_next(r);
		s.frag = (u16)rng_next(r);
		put_random(r, &m, rng_below(r, 64));
		break;
	case 1:
	case 2:
		igmp_query(r, &m, &s);
		break;
	case 3:
		igmp_report(r, &m, &s);
		break;
	case 4:
		igmp_v3_report(r, &m, &s);
		break;
	default:
		igmp_other(r, &m, &s);
		break;
	}
	/* Destinations other than the RFC's are only an anomaly. */
	if (s.proto == 2 && rng_chance(r, 8))
		s.dst = gen_unicast(r);
	if (rng_below(r, 4))
		gen_options(r, &opt, 40, s.proto == 2 && rng_below(r, 8));
	s.opt_bytes = opt.d;
	s.opt_len = opt.n;
	k = pkt_build(&s, m.d, m.n);
	buf_free(&opt);
	buf_free(&m);
	return k;
}
