/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny TAP producer. A test point groups many checks: it is "ok" only if
 * none of them failed, and each failed check leaves a "#" line saying what
 * and where, so a CI log is enough to start debugging.
 */
#ifndef IGG_TEST_TAP_H
#define IGG_TEST_TAP_H

#include <stdbool.h>

void tap_plan(unsigned int n);
void tap_begin(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool tap_check(bool cond, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Ends the current test point; returns whether it passed. */
bool tap_end(void);
/* Prints the "N passed, N failed" line; returns the process exit status. */
int tap_finish(void);

#define CHECK(cond, ...) tap_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#endif
