/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test groups of the unit test binary. A group is either a table of
 * packet cases or a pair of functions: how many test points it will run
 * (TAP wants the plan first) and the run itself.
 */
#ifndef IGG_TEST_TESTS_H
#define IGG_TEST_TESTS_H

struct pcase;

struct tgroup {
	const char *name;
	const struct pcase *cases;
	unsigned int ncases;
	unsigned int (*count)(void);
	void (*run)(void);
};

extern const struct tgroup group_reasons;
extern const struct tgroup group_ip;
extern const struct tgroup group_options;
extern const struct tgroup group_igmp;
extern const struct tgroup group_v3;
extern const struct tgroup group_dup;
extern const struct tgroup group_mld;
extern const struct tgroup group_policy;
extern const struct tgroup group_vectors;
extern const struct tgroup group_props_length;
extern const struct tgroup group_props_bounds;
extern const struct tgroup group_big_tcp;
extern const struct tgroup group_ipv6;
extern const struct tgroup group_ipv6_bounds;

#endif
