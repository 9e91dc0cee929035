// SPDX-License-Identifier: GPL-2.0
/* TAP output for the host tests; see tap.h. */
#include "tap.h"

#include <stdarg.h>
#include <stdio.h>

/* More than this many failed checks in one point only get counted. */
#define TAP_MAX_DIAG 12

static unsigned int planned, number, passed, failed;
static unsigned int point_failures;
static char point_name[256];
static bool in_point;

void tap_plan(unsigned int n)
{
	planned = n;
	printf("1..%u\n", n);
	fflush(stdout);
}

void tap_begin(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(point_name, sizeof(point_name), fmt, ap);
	va_end(ap);
	point_failures = 0;
	in_point = true;
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

bool tap_check(bool cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (cond)
		return true;
	if (++point_failures <= TAP_MAX_DIAG) {
		printf("# %s:%d: ", file, line);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		putchar('\n');
	}
	return false;
}

bool tap_end(void)
{
	bool ok = point_failures == 0;

	if (point_failures > TAP_MAX_DIAG)
		tap_diag("... and %u more failed checks",
			 point_failures - TAP_MAX_DIAG);
	printf("%sok %u - %s\n", ok ? "" : "not ", ++number, point_name);
	fflush(stdout);
	if (ok)
		passed++;
	else
		failed++;
	in_point = false;
	return ok;
}

int tap_finish(void)
{
	if (in_point)
		tap_end();
	if (number != planned) {
		tap_diag("planned %u test points but ran %u", planned, number);
		failed += number < planned ? planned - number : 0;
	}
	printf("%u passed, %u failed\n", passed, failed);
	fflush(stdout);
	return failed || number != planned;
}
