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

/* NULL when no trigger is known for @r. */
const struct pcase *trigger(enum igg_reason r);

#endif
