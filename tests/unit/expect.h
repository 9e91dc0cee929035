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
 * The entry point of the family the hook would see, igg_validate6() for
 * IPv6, igg_validate_flags() for IPv4, called once and checked for nothing.
 */
enum igg_verdict validate_as(bool ipv6, const u8 *p, u32 len, u32 flags,
			     const struct igg_policy *pol,
			     struct igg_result *res);

/*
 * The family a packet without its link layer names: IPv6 when the version
 * nibble says 6, IPv4 otherwise (an empty packet included).
 */
bool is_ipv6(const u8 *p, u32 len);

/*
 * Validate a heap copy of @len bytes with @pol (NULL: the default) as
 * @ipv6 says, and check the invariants every result must hold.
 */
enum igg_verdict run_validate_as(bool ipv6, const u8 *p, u32 len,
				 const struct igg_policy *pol,
				 struct igg_result *res);

/* run_validate_as() for the family the version nibble names. */
enum igg_verdict run_validate(const u8 *p, u32 len,
			      const struct igg_policy *pol,
			      struct igg_result *res);

/* run_validate_as() and compare with the expected reason and anomalies. */
bool expect_validate_as(bool ipv6, const char *what, const u8 *p, u32 len,
			const struct igg_policy *pol, enum igg_reason reason,
			rset anomalies);

/* expect_validate_as() for the family the version nibble names. */
bool expect_validate(const char *what, const u8 *p, u32 len,
		     const struct igg_policy *pol, enum igg_reason reason,
		     rset anomalies);

#endif
