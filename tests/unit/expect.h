/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running the validator the way every test should: on a heap block of
 * exactly the packet's length, checking the result's own consistency, and
 * printing reasons by their table names when something differs.
 */
#ifndef IGG_TEST_EXPECT_H
#define IGG_TEST_EXPECT_H

#include <stddef.h>
#include <igmpguard/validator.h>

#include "rset.h"


/* Every reason of class @cls, as a bit set, read from igg_reasons[]. */
rset class_set(enum igg_class cls);
#define malformed_set class_set(IGG_CLASS_MALFORMED)

const char *rname(enum igg_reason r);
/* Reason names of @set in enum order, comma-separated, or "-". */
const char *fmt_set(rset set, char *out, size_t n);

/*
 * Validate a heap copy of @len bytes with @pol (NULL: the default) and
 * check the invariants every result must hold.
 */
enum igg_verdict run_validate(const u8 *p, u32 len,
			      const struct igg_policy *pol,
			      struct igg_result *res);

/* run_validate() and compare with the expected reason and anomaly set. */
bool expect_validate(const char *what, const u8 *p, u32 len,
		     const struct igg_policy *pol, enum igg_reason reason,
		     rset anomalies);

#endif
