// SPDX-License-Identifier: GPL-2.0
/* Validator calls with result checks; see expect.h. */
#include "expect.h"
#include "pkt.h"
#include "tap.h"

#include <stdio.h>
#include <string.h>

rset class_set(enum igg_class cls)
{
	rset s = 0;
	unsigned int r;

	for (r = 1; r < IGG_R_COUNT; r++)
		if (igg_reasons[r].cls == cls)
			s |= RBIT(r);
	return s;
}

const char *rname(enum igg_reason r)
{
	if ((unsigned int)r >= IGG_R_COUNT)
		return "(out of range)";
	return igg_reasons[r].name;
}

const char *fmt_set(rset set, char *out, size_t n)
{
	size_t used = 0;
	unsigned int r;

	out[0] = 0;
	for (r = 0; r < 128; r++) {
		if (!(set & RBIT(r)))
			continue;
		used += snprintf(out + used, used < n ? n - used : 0, "%s%s",
				 used ? "," : "",
				 r < IGG_R_COUNT ? igg_reasons[r].name : "?");
	}
	if (!used)
		snprintf(out, n, "-");
	return out;
}

enum igg_verdict validate_as(bool ipv6, const u8 *p, u32 len, u32 flags,
			     const struct igg_policy *pol,
			     struct igg_result *res)
{
	if (ipv6)
		return igg_validate6(p, len, flags, pol, res);
	return igg_validate_flags(p, len, flags, pol, res);
}

bool is_ipv6(const u8 *p, u32 len)
{
	return len && p[0] >> 4 == 6;
}

enum igg_verdict run_validate(const u8 *p, u32 len,
			      const struct igg_policy *pol,
			      struct igg_result *res)
{
	return run_validate_as(is_ipv6(p, len), p, len, pol, res);
}

enum igg_verdict run_validate_as(bool ipv6, const u8 *p, u32 len,
				 const struct igg_policy *pol,
				 struct igg_result *res)
{
	struct igg_policy def;
	struct pkt k = pkt_copy(p, len);
	enum igg_verdict v;
	char s[512];

	if (!pol) {
		igg_policy_default(&def);
		pol = &def;
	}
	memset(res, 0xa5, sizeof(*res));
	v = validate_as(ipv6, k.d, k.len, 0, pol, res);
	pkt_free(&k);

	CHECK(v == IGG_PASS || v == IGG_DROP, "verdict %d is neither", v);
	CHECK((v == IGG_PASS) == (res->reason == IGG_R_NONE),
	      "verdict %s with reason %s", v == IGG_PASS ? "pass" : "drop",
	      rname(res->reason));
	CHECK((unsigned int)res->reason < IGG_R_COUNT, "reason %d out of range",
	      res->reason);
	CHECK(!(rs(res->anomalies) & malformed_set),
	      "malformed reasons among the anomalies: %s",
	      fmt_set(rs(res->anomalies) & malformed_set, s, sizeof(s)));
	CHECK(!(rs(res->anomalies) & RBIT(res->reason)),
	      "deciding reason %s repeated in the anomalies", rname(res->reason));
	CHECK(!(rs(res->anomalies) >> IGG_R_COUNT),
	      "anomaly bits past IGG_R_COUNT: %#llx %#llx",
	      (unsigned long long)res->anomalies.w[1],
	      (unsigned long long)res->anomalies.w[0]);
	/* A finding the policy drops on cannot sit among the anomalies of a pass. */
	CHECK(v == IGG_DROP || !(rs(res->anomalies) & rs(pol->drop)),
	      "pass with dropping findings %s",
	      fmt_set(rs(res->anomalies) & rs(pol->drop), s, sizeof(s)));
	/* The lowest dropping finding decides, and only one the policy names. */
	if (v == IGG_DROP && !(malformed_set & RBIT(res->reason))) {
		CHECK(rs(pol->drop) & RBIT(res->reason),
		      "drop on %s, which the policy does not drop",
		      rname(res->reason));
		CHECK(!(rs(res->anomalies) & rs(pol->drop) & ~malformed_set &
			(RBIT(res->reason) - 1)),
		      "drop on %s although a lower dropping finding is set: %s",
		      rname(res->reason),
		      fmt_set(rs(res->anomalies) & rs(pol->drop), s, sizeof(s)));
	}
	return v;
}

bool expect_validate(const char *what, const u8 *p, u32 len,
		     const struct igg_policy *pol, enum igg_reason reason,
		     rset anomalies)
{
	return expect_validate_as(is_ipv6(p, len), what, p, len, pol, reason,
				  anomalies);
}

bool expect_validate_as(bool ipv6, const char *what, const u8 *p, u32 len,
			const struct igg_policy *pol, enum igg_reason reason,
			rset anomalies)
{
	struct igg_result res;
	char got[512], want[512];
	bool ok;

	run_validate_as(ipv6, p, len, pol, &res);
	ok = CHECK(res.reason == reason, "%s: reason %s, expected %s", what,
		   rname(res.reason), rname(reason));
	ok &= CHECK(rs(res.anomalies) == anomalies,
		    "%s: anomalies %s, expected %s", what,
		    fmt_set(rs(res.anomalies), got, sizeof(got)),
		    fmt_set(anomalies, want, sizeof(want)));
	return ok;
}
