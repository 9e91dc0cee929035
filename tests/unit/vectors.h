/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The committed test vectors: tests/vectors/vectors.pcap and the sidecar
 * vectors.tsv saying what the default policy must make of each packet,
 * then the IPv6 ones of vectors6.pcap and vectors6.tsv.
 */
#ifndef IGG_TEST_VECTORS_H
#define IGG_TEST_VECTORS_H

#include <igmpguard/validator.h>
#include "pcap.h"
#include "rset.h"

struct vector {
	unsigned int index;
	char id[64];
	bool drop;
	enum igg_reason reason;
	rset anomalies;
	char desc[160];
	char err[160];		/* a sidecar line we could not read */
	struct pcap_frame frame;
};

struct vectors {
	struct vector *v;
	unsigned int n;
	char err[512];		/* files missing or unreadable */
};

/* Fills @vs; on failure vs->n is 0 and vs->err says why. */
void vectors_load(struct vectors *vs, const char *dir);
void vectors_free(struct vectors *vs);

/* The loaded vectors, for the property tests; may be empty. */
extern struct vectors test_vectors;

#endif
