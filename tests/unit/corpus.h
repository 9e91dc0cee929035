/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every packet the suite knows, for the property tests: the vectors, the
 * hand-built cases, the trigger packets and synthesized valid packets.
 */
#ifndef IGG_TEST_CORPUS_H
#define IGG_TEST_CORPUS_H

#include "pkt.h"

struct corpus {
	struct pkt *p;
	unsigned int n;
};

void corpus_build(struct corpus *c, unsigned int nsynth, u64 seed);
void corpus_free(struct corpus *c);

#endif
