// SPDX-License-Identifier: GPL-2.0
/*
 * Property tests on the IGMP message length: trailing data appended to a
 * passing message, and passing messages cut short. Seeds are fixed, so a
 * failure names a packet that the next run reproduces.
 */
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "expect.h"
#include "rng.h"
#include "tap.h"
#include "tests.h"

#define SYNTH		2000
#define IGMP_QUERY	0x11
#define IGMP_V3_REPORT	0x22

static bool is_fragment(const u8 *ip)
{
	return be16(ip + 6) & 0x3fff;
}

/* A copy of @p (len == tot) with its IGMP message cut or grown to @mlen. */
static struct pkt resize_message(const struct pkt *p, u32 mlen,
				 struct rng *r)
{
	u32 hl = ip_hlen(p->d);
	struct pkt k = pkt_copy(p->d, p->len);
	u32 i;

	pkt_resize(&k, hl + mlen, 0);
	for (i = p->len; i < k.len; i++)
		k.d[i] = (u8)rng_next(r);
	ip_set_tot(k.d, k.len);
	if (k.d[9] == 2)
		l4_fix_csum(k.d);
	return k;
}

/*
 * Appending trailing data to a passing packet and fixing the lengths and
 * checksums gives exactly the same result (RFC 2236 2.5, RFC 3376 4.1.10,
 * 4.2.11: bytes past the message are checksummed and ignored; non-IGMP
 * payloads are never read), with one exception: the query version is told
 * by length (RFC 3376 7.1), so an 8-byte query that grows by 1..3 bytes
 * becomes a 9..11-byte query and must drop as igmp_query_length, and one
 * that grows by 4 or more becomes a v3 query whose header is the appended
 * bytes, about which nothing general holds.
 */
static void t_append(void)
{
	struct corpus c;
	struct rng r = { 0xa99e7d };
	struct igg_result orig, res;
	struct pkt p, k;
	unsigned int i, t, checked = 0;
	u32 add, mlen;
	char a[256], b[256];
	bool short_query;

	corpus_build(&c, SYNTH, 0x5eed1);
	for (i = 0; i < c.n; i++) {
		if (!pkt_trim(&c.p[i], &p))
			continue;
		if (run_validate(p.d, p.len, NULL, &orig) != IGG_PASS ||
		    (p.d[9] == 2 && is_fragment(p.d))) {
			pkt_free(&p);
			continue;
		}
		mlen = p.len - ip_hlen(p.d);
		short_query = p.d[9] == 2 && mlen == 8 &&
			      p.d[ip_hlen(p.d)] == IGMP_QUERY;
		for (t = 0; t < 4; t++) {
			add = t < 3 ? t + 1 : rng_range(&r, 4, 64);
			if (p.len + add > 65535 || (short_query && add >= 4))
				continue;
			k = resize_message(&p, mlen + add, &r);
			run_validate(k.d, k.len, NULL, &res);
			checked++;
			if (short_query) {
				CHECK(res.reason == IGG_R_IGMP_QUERY_LENGTH &&
				      !(rs(res.anomalies) & ~rs(orig.anomalies)),
				      "packet %u +%u: 8-byte query gave %s [%s]",
				      i, add, rname(res.reason),
				      fmt_set(rs(res.anomalies), a, sizeof(a)));
			} else {
				CHECK(res.reason == IGG_R_NONE &&
				      rs(res.anomalies) == rs(orig.anomalies),
				      "packet %u +%u: %s [%s], was pass [%s]", i,
				      add, rname(res.reason),
				      fmt_set(rs(res.anomalies), a, sizeof(a)),
				      fmt_set(rs(orig.anomalies), b, sizeof(b)));
			}
			pkt_free(&k);
		}
		pkt_free(&p);
	}
	tap_diag("%u appended packets checked", checked);
	CHECK(checked > 1000, "only %u packets checked", checked);
	corpus_free(&c);
}

/*
 * Reference for a cut message: which malformed reason, if any, its length
 * alone earns. A message that passed before can only become malformed by
 * length (every byte the other checks read is still there once the message
 * keeps its 8-byte header), so this is all a cut can change.
 */
static enum igg_reason ref_length(const u8 *m, u32 mlen)
{
	u32 nrec, off = 8, i;

	if (mlen < 8)
		return IGG_R_IGMP_TRUNCATED;
	if (m[0] == IGMP_QUERY) {
		if (mlen == 8)
			return IGG_R_NONE;
		if (mlen < 12)
			return IGG_R_IGMP_QUERY_LENGTH;
		return 12 + 4ul * be16(m + 10) <= mlen ?
		       IGG_R_NONE : IGG_R_V3_QUERY_OVERRUN;
	}
	if (m[0] != IGMP_V3_REPORT)
		return IGG_R_NONE;
	nrec = be16(m + 6);
	for (i = 0; i < nrec; i++) {
		if (off + 8 > mlen)
			return IGG_R_V3_REPORT_OVERRUN;
		off += 8 + 4 * be16(m + off + 2) + 4 * m[off + 1];
		if (off > mlen)
			return IGG_R_V3_REPORT_OVERRUN;
	}
	return IGG_R_NONE;
}

/*
 * Cutting a passing IGMP message by any number of bytes (lengths and
 * checksums fixed) passes exactly when the shorter message is whole by
 * ref_length(), and otherwise drops with the reason it names. A cut
 * message that passes has the original's anomalies, unless it is a v3
 * query cut to 8 bytes: that is a v1/v2 query (RFC 3376 7.1), judged by
 * its own router alert and destination rules and without the v3 checks,
 * so only the findings that depend on the query version may differ.
 */
static void t_truncate(void)
{
	struct corpus c;
	struct rng r = { 0x7c7c };
	struct igg_result orig, res;
	struct pkt p, k;
	unsigned int i, checked = 0, whole = 0;
	u32 mlen, cut, hl;
	enum igg_reason want;
	char a[256], b[256];
	const rset version_dependent = RB(IGMP_NO_ROUTER_ALERT) | RB(IGMP_DST) |
		RB(V3_QUERY_MRC_ZERO) | RB(V3_QUERY_DUP_SOURCES);
	rset keep;

	corpus_build(&c, SYNTH, 0x5eed2);
	for (i = 0; i < c.n; i++) {
		if (!pkt_trim(&c.p[i], &p))
			continue;
		hl = ip_hlen(p.d);
		if (p.d[9] != 2 || is_fragment(p.d) ||
		    run_validate(p.d, p.len, NULL, &orig) != IGG_PASS) {
			pkt_free(&p);
			continue;
		}
		mlen = p.len - hl;
		for (cut = 1; cut <= mlen; cut++) {
			/* All cuts of short messages, a sample of long ones. */
			if (mlen > 64 && cut > 16 && mlen - cut > 16 &&
			    !rng_chance(&r, 16))
				continue;
			k = resize_message(&p, mlen - cut, &r);
			want = ref_length(k.d + hl, mlen - cut);
			run_validate(k.d, k.len, NULL, &res);
			checked++;
			whole += want == IGG_R_NONE;
			CHECK(res.reason == want,
			      "packet %u cut by %u to %u: %s, expected %s", i,
			      cut, mlen - cut, rname(res.reason), rname(want));
			keep = p.d[hl] == IGMP_QUERY && mlen - cut == 8 ?
			       ~version_dependent : ~0ULL;
			if (want == IGG_R_NONE)
				CHECK((rs(res.anomalies) & keep) ==
				      (rs(orig.anomalies) & keep),
				      "packet %u cut by %u: [%s], was [%s]", i,
				      cut, fmt_set(rs(res.anomalies), a, sizeof(a)),
				      fmt_set(rs(orig.anomalies), b, sizeof(b)));
			pkt_free(&k);
		}
		pkt_free(&p);
	}
	tap_diag("%u cut messages checked, %u of them still whole", checked,
		 whole);
	CHECK(checked > 1000 && whole > 100, "only %u/%u checked", checked,
	      whole);
	corpus_free(&c);
}

static unsigned int count(void)
{
	return 2;
}

static void run(void)
{
	tap_begin("property: trailing data keeps a passing result");
	t_append();
	tap_end();
	tap_begin("property: a cut message passes iff it is still whole");
	t_truncate();
	tap_end();
}

const struct tgroup group_props_length = { "props-length", NULL, 0, count,
					   run };
