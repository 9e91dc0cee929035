// SPDX-License-Identifier: GPL-2.0
/* Collects the property-test corpus; see corpus.h. */
#include "corpus.h"
#include "gen.h"
#include "pcase.h"
#include "tests.h"
#include "triggers.h"
#include "vectors.h"

#include <stdlib.h>

static void add(struct corpus *c, struct pkt k)
{
	c->p = realloc(c->p, (c->n + 1) * sizeof(*c->p));
	if (!c->p)
		abort();
	c->p[c->n++] = k;
}

void corpus_build(struct corpus *c, unsigned int nsynth, u64 seed)
{
	static const struct tgroup *const tables[] = {
		&group_ip, &group_options, &group_igmp, &group_v3,
	};
	struct rng r = { seed };
	const struct pcase *t;
	unsigned int i, j;

	c->p = NULL;
	c->n = 0;
	for (i = 0; i < test_vectors.n; i++)
		if (test_vectors.v[i].frame.ethertype == 0x0800 ||
		    test_vectors.v[i].frame.ethertype == 0x86dd)
			add(c, pkt_copy(test_vectors.v[i].frame.ip.d,
					test_vectors.v[i].frame.ip.len));
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		for (j = 0; j < tables[i]->ncases; j++)
			add(c, pcase_build(&tables[i]->cases[j]));
	for (i = 0; i < IGG_R_COUNT; i++) {
		t = trigger((enum igg_reason)i);
		if (t)
			add(c, pcase_build(t));
	}
	for (i = 0; i < nsynth; i++)
		add(c, gen_valid(&r));
}

void corpus_free(struct corpus *c)
{
	while (c->n)
		pkt_free(&c->p[--c->n]);
	free(c->p);
	c->p = NULL;
}
