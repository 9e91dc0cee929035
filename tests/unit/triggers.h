/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One packet per reason that yields it: malformed and policy reasons as the
 * deciding reason of a drop under the default policy, anomalies among the
 * anomalies of a pass. Policy tests iterate the reason table and need a
 * trigger for each, so a new reason without one fails the suite.
 */
#ifndef IGG_TEST_TRIGGERS_H
#define IGG_TEST_TRIGGERS_H

#include "pcase.h"

/* NULL when no trigger is known for @r, or @r's is an MLD message. */
const struct pcase *trigger(enum igg_reason r);

/*
 * The trigger packet of @r, of either table (pcase rows here, MLD
 * messages in triggers_mld.c), and what the default policy decides for
 * it: @want the deciding reason, @anom the anomalies. False when @r has
 * none.
 */
bool trigger_packet(enum igg_reason r, struct pkt *k, enum igg_reason *want,
		    rset *anom);

#endif
