// SPDX-License-Identifier: GPL-2.0
/*
 * Every committed vector under the default policy must give the verdict,
 * reason and anomaly set its sidecar line states. Missing vector files are
 * a failure, not a skip: they are part of the repository.
 */
#include "expect.h"
#include "tap.h"
#include "tests.h"
#include "vectors.h"

#define ETH_P_IP	0x0800
#define ETH_P_IPV6	0x86dd

static unsigned int count(void)
{
	return 1 + test_vectors.n;
}

static void one(const struct vector *v, unsigned int pos)
{
	struct igg_result res;
	char got[512], want[512];
	bool drop;

	tap_begin("vector %u %s: %s", v->index, v->id, v->desc);
	CHECK(v->index == pos, "index column %u at row %u", v->index, pos);
	if (!CHECK(!v->err[0], "sidecar: %s", v->err))
		goto out;
	CHECK(v->drop == (v->reason != IGG_R_NONE),
	      "sidecar says %s with reason %s", v->drop ? "drop" : "pass",
	      rname(v->reason));
	if (!CHECK(v->frame.ethertype == ETH_P_IP ||
		   v->frame.ethertype == ETH_P_IPV6,
		   "ethertype %#06x, neither IPv4 nor IPv6", v->frame.ethertype))
		goto out;
	CHECK(!v->frame.cut, "frame captured short of its wire length");

	/* The ethertype picks the family, as it picks the hook. */
	drop = run_validate_as(v->frame.ethertype == ETH_P_IPV6,
			       v->frame.ip.d, v->frame.ip.len, NULL, &res) ==
	       IGG_DROP;
	CHECK(drop == v->drop, "verdict %s, expected %s",
	      drop ? "drop" : "pass", v->drop ? "drop" : "pass");
	CHECK(res.reason == v->reason, "reason %s, expected %s",
	      rname(res.reason), rname(v->reason));
	CHECK(rs(res.anomalies) == v->anomalies, "anomalies %s, expected %s",
	      fmt_set(rs(res.anomalies), got, sizeof(got)),
	      fmt_set(v->anomalies, want, sizeof(want)));
out:
	tap_end();
}

static void run(void)
{
	unsigned int i;

	tap_begin("vectors: files present and readable");
	CHECK(test_vectors.n > 0, "%s", test_vectors.err);
	if (test_vectors.n)
		tap_diag("%u vectors", test_vectors.n);
	tap_end();
	for (i = 0; i < test_vectors.n; i++)
		one(&test_vectors.v[i], i + 1);
}

const struct tgroup group_vectors = { "vectors", NULL, 0, count, run };
