/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One printer for text and JSON: commands describe their output once as
 * nested objects of named values, and -j only changes how it is rendered.
 *
 *   text   "name   value" lines, objects as "name:" headings with their
 *          members indented below; an object with no members is
 *          "name: -"
 *   JSON   one object on one line
 */
#ifndef _IGG_CTL_PRINT_H
#define _IGG_CTL_PRINT_H

#include <stdbool.h>
#include <stdio.h>

#include <igmpguard/types.h>

/* Text shows values only, without names: for get and the like. */
#define PR_BARE		0x1

void pr_begin(FILE *out, bool json, unsigned int flags);
/* Close the document. Returns 0, or -1 if writing @out failed. */
int pr_end(void);

void pr_obj(const char *key);
void pr_obj_end(void);

/* A NULL @val is JSON null and "-" in text. */
void pr_str(const char *key, const char *val);
void pr_u64(const char *key, u64 val);
/* yes/no in text. */
void pr_bool(const char *key, bool val);

/*
 * A parameter: JSON {"value","default","changed"}; text shows the
 * default only when the value differs from it.
 */
void pr_setting(const char *key, const char *val, const char *def,
		bool changed);

/* A counter and its rate per second: JSON {"total","rate"}. */
void pr_rate(const char *key, u64 total, double rate);

#endif /* _IGG_CTL_PRINT_H */
