/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Random packets that are valid by construction: the generator is the
 * independent statement of what the validator must pass under the default
 * policy (findings of class anomaly allowed, nothing that drops).
 */
#ifndef IGG_TEST_GEN_H
#define IGG_TEST_GEN_H

#include "pkt.h"
#include "rng.h"

/* Valid option bytes, at most @room long, padded to a multiple of 4. */
void gen_options(struct rng *r, struct buf *o, u32 room, bool router_alert);
struct pkt gen_valid(struct rng *r);

#endif
