// SPDX-License-Identifier: GPL-2.0
/*
 * IGG_VF_BIG_TCP: a tot_len of 0 passes only when the caller says its
 * stack took the length from the buffer, and only for TCP. Everything
 * else about the header is still checked.
 */
#include <string.h>

#include "expect.h"
#include "pkt.h"
#include "tap.h"
#include "tests.h"

#define PROTO_ICMP	1
#define PROTO_IGMP	2
#define PROTO_TCP	6
#define PROTO_UDP	17

/* The header the hook hands over: IP header and @opt, tot_len @tot. */
static struct pkt header(u8 proto, u16 tot, const u8 *opt, u32 optlen)
{
	u8 h[60] = { 0x45, 0, 0, 0, 0, 1, 0x40, 0, 64, 0, 0, 0,
		     192, 0, 2, 9, 192, 0, 2, 50 };

	h[0] = 0x40 | (u8)((20 + optlen) / 4);
	h[9] = proto;
	if (optlen)
		memcpy(h + 20, opt, optlen);
	ip_set_tot(h, tot);
	ip_fix_csum(h);
	return pkt_copy(h, 20 + optlen);
}

static const u8 nops[] = { 1, 1, 1, 1 };
/* A timestamp option whose length runs past the area. */
static const u8 bad_ts[] = { 68, 12, 5, 0 };

struct bcase {
	const char *what;
	u8 proto;
	u16 tot;
	const u8 *opt;
	u32 optlen;
	enum igg_reason without, with;	/* the reason without and with the flag */
};

static const struct bcase cases[] = {
	{ "TCP, NOP options, tot_len 0", PROTO_TCP, 0, nops, 4,
	  IGG_R_IP_HEADER, IGG_R_NONE },
	{ "TCP, no options, tot_len 0", PROTO_TCP, 0, NULL, 0,
	  IGG_R_IP_HEADER, IGG_R_NONE },
	{ "TCP, tot_len 23 below the header", PROTO_TCP, 23, nops, 4,
	  IGG_R_IP_HEADER, IGG_R_IP_HEADER },
	{ "TCP, tot_len 0, malformed options", PROTO_TCP, 0, bad_ts, 4,
	  IGG_R_IP_HEADER, IGG_R_OPT_LENGTH },
	{ "UDP, tot_len 0", PROTO_UDP, 0, nops, 4,
	  IGG_R_IP_HEADER, IGG_R_IP_HEADER },
	{ "ICMP, tot_len 0", PROTO_ICMP, 0, nops, 4,
	  IGG_R_IP_HEADER, IGG_R_IP_HEADER },
	{ "IGMP, tot_len 0", PROTO_IGMP, 0, nops, 4,
	  IGG_R_IP_HEADER, IGG_R_IP_HEADER },
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

static void check(const struct bcase *c)
{
	struct igg_result plain, none, big;
	struct igg_policy pol;
	struct pkt k = header(c->proto, c->tot, c->opt, c->optlen);

	igg_policy_default(&pol);
	igg_validate(k.d, k.len, &pol, &plain);
	igg_validate_flags(k.d, k.len, 0, &pol, &none);
	igg_validate_flags(k.d, k.len, IGG_VF_BIG_TCP, &pol, &big);
	pkt_free(&k);

	CHECK(plain.reason == c->without, "igg_validate: %s, want %s",
	      rname(plain.reason), rname(c->without));
	CHECK(none.reason == plain.reason && rs(none.anomalies) == rs(plain.anomalies),
	      "flags 0 differs from igg_validate: %s", rname(none.reason));
	CHECK(big.reason == c->with, "IGG_VF_BIG_TCP: %s, want %s",
	      rname(big.reason), rname(c->with));
}

static unsigned int count(void)
{
	return NCASES;
}

static void run(void)
{
	unsigned int i;

	for (i = 0; i < NCASES; i++) {
		tap_begin("big-tcp: %s", cases[i].what);
		check(&cases[i]);
		tap_end();
	}
}

const struct tgroup group_big_tcp = { "big-tcp", NULL, 0, count, run };
