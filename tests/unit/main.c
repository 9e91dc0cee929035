// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the validator. Usage: igg_unit VECTOR_DIR
 * Prints TAP; exits non-zero if any test point fails.
 */
#include <stdio.h>

#include "pcase.h"
#include "tap.h"
#include "tests.h"
#include "vectors.h"

static const struct tgroup *const groups[] = {
	&group_reasons, &group_ip, &group_options, &group_igmp, &group_v3,
	&group_dup, &group_mld, &group_policy, &group_vectors, &group_props_length,
	&group_props_bounds, &group_big_tcp, &group_ipv6, &group_ipv6_bounds,
};

#define NGROUPS (sizeof(groups) / sizeof(groups[0]))

int main(int argc, char **argv)
{
	unsigned int i, n = 0;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: %s VECTOR_DIR\n", argv[0]);
		return 2;
	}
	vectors_load(&test_vectors, argv[1]);
	for (i = 0; i < NGROUPS; i++)
		n += groups[i]->cases ? groups[i]->ncases : groups[i]->count();
	tap_plan(n);
	for (i = 0; i < NGROUPS; i++) {
		if (groups[i]->cases)
			pcase_run_all(groups[i]->cases, groups[i]->ncases);
		else
			groups[i]->run();
	}
	rc = tap_finish();
	vectors_free(&test_vectors);
	return rc;
}
