/* SPDX-License-Identifier: GPL-2.0 */
/* The packet classes the validator benchmark measures. */
#ifndef IGG_BENCH_PACKETS_H
#define IGG_BENCH_PACKETS_H

#include <igmpguard/validator.h>
#include "pkt.h"
#include "pkt6.h"

struct bench_class {
	const char *name;
	const char *what;
	struct pkt (*build)(void);
	u32 max_query_sources;	/* 0: the default policy's */
};

extern const struct bench_class bench_classes[];
extern const unsigned int bench_nclasses;

#endif
