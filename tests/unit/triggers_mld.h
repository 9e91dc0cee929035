/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One MLD message per mld_* reason, for the lead to hook into triggers.c
 * once igg_validate6() exists: mldcase_build() gives the whole packet
 * (IPv6 header, Linux's Hop-by-Hop router alert, the message), and
 * under the default policy igg_validate6() should decide it as follows:
 * a malformed trigger drops with its reason and no anomaly; a policy one
 * (mld_fragment, mld_hop_limit, mld_source, mld_query_sources) drops with
 * its reason; an anomaly passes with exactly that anomaly.
 */
#ifndef IGG_TEST_TRIGGERS_MLD_H
#define IGG_TEST_TRIGGERS_MLD_H

#include "mld_build.h"

/* NULL when @r is no MLD reason. */
const struct mldcase *trigger_mld(enum igg_reason r);

/*
 * The reasons only ipv6.c can find (its trigger's message itself is
 * well-formed and clean): mld_fragment.
 */
bool trigger_mld_needs_ipv6(enum igg_reason r);

/* Test points of test_mld.c: every MLD trigger yields its reason. */
void triggers_mld_check(void);

#endif
