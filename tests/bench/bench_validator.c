// SPDX-License-Identifier: GPL-2.0
/*
 * Validator micro-benchmark.
 *
 *   bench_validator time            one line per class: name, bytes,
 *                                   verdict, reason, median ns per packet
 *   bench_validator count CLASS N   validate CLASS N times and nothing else
 *                                   (run under callgrind to count
 *                                   instructions of igg_validate and
 *                                   igg_validate6)
 *   bench_validator dump DIR        write each class's packet to
 *                                   DIR/bench-CLASS (fuzzer seeds)
 *   bench_validator cost            one line per class: name and the cost
 *                                   units the validator counts (only in a
 *                                   build with -DIGG_COST_COUNT)
 *
 * Timing figures depend on the machine and its load; they are reported,
 * never judged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_packets.h"

#define REPS		11
#define MIN_REP_NS	5000000ULL	/* each repetition runs >= 5 ms */

/* Keeps the compiler from dropping calls whose result nobody reads. */
static volatile u32 sink;

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

static void policy_for(const struct bench_class *c, struct igg_policy *pol)
{
	igg_policy_default(pol);
	if (c->max_query_sources)
		pol->max_query_sources = c->max_query_sources;
}

/* The entry point of the packet's family, as the hooks call them. */
static enum igg_verdict validate(const struct pkt *k,
				 const struct igg_policy *pol,
				 struct igg_result *res)
{
	if (k->len && k->d[0] >> 4 == 6)
		return igg_validate6(k->d, k->len, 0, pol, res);
	return igg_validate(k->d, k->len, pol, res);
}

static u64 loop(const struct pkt *k, const struct igg_policy *pol, u64 n)
{
	struct igg_result res;
	u64 t0 = now_ns(), i;

	for (i = 0; i < n; i++)
		sink += validate(k, pol, &res) + res.reason;
	return now_ns() - t0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void time_class(const struct bench_class *c)
{
	struct igg_policy pol;
	struct igg_result res;
	struct pkt k = c->build();
	double per[REPS];
	u64 n = 1000;
	int i;

	policy_for(c, &pol);
	validate(&k, &pol, &res);
	while (loop(&k, &pol, n) < MIN_REP_NS)
		n *= 2;
	for (i = 0; i < REPS; i++)
		per[i] = (double)loop(&k, &pol, n) / (double)n;
	qsort(per, REPS, sizeof(per[0]), cmp_double);
	printf("%s\t%u\t%s\t%s\t%.1f\t%s\n", c->name, k.len,
	       res.reason ? "drop" : "pass", igg_reasons[res.reason].name,
	       per[REPS / 2], c->what);
	pkt_free(&k);
}

static int count_class(const char *name, u64 n)
{
	struct igg_policy pol;
	unsigned int i;
	struct pkt k;

	for (i = 0; i < bench_nclasses; i++) {
		if (strcmp(bench_classes[i].name, name))
			continue;
		k = bench_classes[i].build();
		policy_for(&bench_classes[i], &pol);
		loop(&k, &pol, n);
		pkt_free(&k);
		return 0;
	}
	fprintf(stderr, "bench_validator: no class %s\n", name);
	return 1;
}

static int dump_classes(const char *dir)
{
	char path[4096];
	unsigned int i;
	struct pkt k;
	FILE *f;
	int rc = 0;

	for (i = 0; i < bench_nclasses; i++) {
		snprintf(path, sizeof(path), "%s/bench-%s", dir,
			 bench_classes[i].name);
		k = bench_classes[i].build();
		f = fopen(path, "wb");
		if (!f || fwrite(k.d, 1, k.len, f) != k.len) {
			perror(path);
			rc = 1;
		}
		if (f)
			fclose(f);
		pkt_free(&k);
	}
	return rc;
}

static int cost_classes(void)
{
#ifdef IGG_COST_COUNT
	struct igg_policy pol;
	struct igg_result res;
	unsigned int i;
	struct pkt k;

	for (i = 0; i < bench_nclasses; i++) {
		k = bench_classes[i].build();
		policy_for(&bench_classes[i], &pol);
		validate(&k, &pol, &res);
		printf("%s\t%llu\n", bench_classes[i].name,
		       (unsigned long long)igg_cost);
		pkt_free(&k);
	}
	return 0;
#else
	fprintf(stderr, "bench_validator: built without IGG_COST_COUNT\n");
	return 1;
#endif
}

int main(int argc, char **argv)
{
	unsigned int i;

	if (argc == 3 && !strcmp(argv[1], "dump"))
		return dump_classes(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "cost"))
		return cost_classes();

	if (argc == 2 && !strcmp(argv[1], "time")) {
		for (i = 0; i < bench_nclasses; i++)
			time_class(&bench_classes[i]);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "count"))
		return count_class(argv[2], strtoull(argv[3], NULL, 10));
	if (argc == 2 && !strcmp(argv[1], "list")) {
		for (i = 0; i < bench_nclasses; i++)
			printf("%s\n", bench_classes[i].name);
		return 0;
	}
	fprintf(stderr, "usage: %s time | list | count CLASS N | dump DIR | cost\n",
		argv[0]);
	return 2;
}
