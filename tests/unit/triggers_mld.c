// SPDX-License-Identifier: GPL-2.0
/* A message for each MLD reason; see triggers_mld.h. */
#include "triggers_mld.h"

#include <string.h>

#include "tap.h"

#define H	"fe80::2"
#define G	"ff02::fb"
#define GQ2	"8200 0000 2710 0000 [::] 027d 0000"
#define GSQ2	"8200 0000 2710 0000 [" G "] 027d"
#define REP2	"8f00 0000 0000 0001"
#define JOIN	"0400 0000 [" G "]"
#define DONE	"8400 0000 0000 0000 [" G "]"

static void gen_65(struct buf *b)
{
	u8 a[16];
	u32 i;

	mld_spec(b, GSQ2 " 0041");
	for (i = 1; i <= 65; i++) {
		ip6_pton("2001:db8::", a);
		a[15] = (u8)i;
		buf_put(b, a, 16);
	}
}

#define T(r, ...) [IGG_R_MLD_##r] = { "MLD_" #r, __VA_ARGS__ }
#define M(r)	.reason = IGG_R_MLD_##r
#define A(r)	.found = RB(MLD_##r)

static const struct mldcase triggers[IGG_R_COUNT] = {
	T(LENGTH, "query of 26 bytes", {}, .msg = "8200 0000 2710 0000 [::] 0000",
	  M(LENGTH)),
	T(CHECKSUM, "general query, checksum 0x1234", { .keep_csum = true },
	  .msg = "8200 1234 2710 0000 [::] 027d 0000", M(CHECKSUM)),
	T(GROUP, "query for 2001:db8::5", { .dst = "2001:db8::2" },
	  .msg = "8200 0000 2710 0000 [2001:db8::5]", M(GROUP)),
	T(QUERY_OVERRUN, "N 0xffff in 28 bytes", { .dst = G }, .msg = GSQ2 " ffff",
	  M(QUERY_OVERRUN)),
	T(QUERY_GENERAL_SOURCES, "general query with a source", {},
	  .msg = "8200 0000 2710 0000 [::] 027d 0001 [2001:db8::1]",
	  M(QUERY_GENERAL_SOURCES)),
	T(REPORT_OVERRUN, "0xffff records in 8 bytes",
	  { .src = H, .dst = "ff02::16" }, .msg = "8f00 0000 0000 ffff",
	  M(REPORT_OVERRUN)),
	T(RECORD_GROUP, "record for 2001:db8::1",
	  { .src = H, .dst = "ff02::16" },
	  .msg = REP2 " 0400 0000 [2001:db8::1]", M(RECORD_GROUP)),
	/* M=1, offset 0: 32 bytes, a multiple of 8 as RFC 8200 4.5 asks. */
	T(FRAGMENT, "first fragment of a general query",
	  { .ext = "2c00 0502 0000 0100 3a00 0001 0000 000e" },
	  .msg = GQ2 " abcdef01", A(FRAGMENT)),
	T(HOP_LIMIT, "general query, hop limit 255", { .hlim = 255 }, .msg = GQ2,
	  A(HOP_LIMIT)),
	T(SOURCE, "general query from 2001:db8::9", { .src = "2001:db8::9" },
	  .msg = GQ2, A(SOURCE)),
	T(QUERY_SOURCES, "65 sources", { .dst = G }, .gen = gen_65,
	  A(QUERY_SOURCES)),
	T(NO_ROUTER_ALERT, "general query without Hop-by-Hop", { .ra = NO_RA },
	  .msg = GQ2, A(NO_ROUTER_ALERT)),
	T(RA_VALUE, "general query, router alert 1", { .ra = 1 }, .msg = GQ2,
	  A(RA_VALUE)),
	T(DST, "done to ff02::1", { .src = H }, .msg = DONE, A(DST)),
	T(RECORD_TYPE, "record type 7", { .src = H, .dst = "ff02::16" },
	  .msg = REP2 " 0700 0000 [" G "]", A(RECORD_TYPE)),
	T(AUX_DATA, "record with a word of aux data",
	  { .src = H, .dst = "ff02::16" },
	  .msg = REP2 " 0401 0000 [" G "] deadbeef", A(AUX_DATA)),
	T(QUERY_MRC_ZERO, "general query, MRC 0", {},
	  .msg = "8200 0000 0000 0000 [::] 027d 0000", A(QUERY_MRC_ZERO)),
	T(QUERY_DUP_SOURCES, "two equal sources", { .dst = G },
	  .msg = GSQ2 " 0002 [2001:db8::1] [2001:db8::1]", A(QUERY_DUP_SOURCES)),
};

const struct mldcase *trigger_mld(enum igg_reason r)
{
	if ((unsigned int)r >= IGG_R_COUNT || !triggers[r].id)
		return NULL;
	return &triggers[r];
}

bool trigger_mld_needs_ipv6(enum igg_reason r)
{
	return r == IGG_R_MLD_FRAGMENT;
}

void triggers_mld_check(void)
{
	const struct mldcase *t;
	struct mldcase clean;
	unsigned int r, n = 0;
	const char *name;

	for (r = 1; r < IGG_R_COUNT; r++) {
		name = rname(r);
		t = trigger_mld(r);
		if (strncmp(name, "mld_", 4)) {
			CHECK(!t, "trigger for %s, no MLD reason", name);
			continue;
		}
		if (!CHECK(t, "no MLD trigger for %s", name))
			continue;
		CHECK(t->reason == r || t->found == RBIT(r),
		      "trigger for %s is meant for another reason", name);
		if (trigger_mld_needs_ipv6(r)) {
			/* Its message, taken whole, is clean. */
			clean = *t;
			clean.found = 0;
			mld_expect(&clean);
		} else {
			mld_expect(t);
		}
		n++;
	}
	CHECK(n >= 18, "%u MLD triggers", n);
}
