// SPDX-License-Identifier: GPL-2.0
/*
 * The text and JSON renderings behind print.h.
 *
 * Text headings wait until their object's first member: an object that
 * stays empty then prints as "name: -" and never as a bare heading.
 */
#include "print.h"

#include <string.h>

#include "json.h"

#define MAX_DEPTH	8
#define INDENT		2
#define KEY_WIDTH	28

static struct {
	FILE *out;
	bool json;
	bool bare;
	int depth;			/* 0: the document itself */
	const char *key[MAX_DEPTH];	/* object names, for text headings */
	bool shown[MAX_DEPTH];		/* text: heading printed */
	bool first[MAX_DEPTH];		/* JSON: no member yet */
} pr;

void pr_begin(FILE *out, bool json, unsigned int flags)
{
	memset(&pr, 0, sizeof(pr));
	pr.out = out;
	pr.json = json;
	pr.bare = flags & PR_BARE;
	pr.first[0] = true;
	pr.shown[0] = true;
	if (json)
		fputc('{', out);
}

int pr_end(void)
{
	if (pr.json)
		fputs("}\n", pr.out);
	if (fflush(pr.out) || ferror(pr.out))
		return -1;
	return 0;
}

/* Text: print the headings of the open objects that have none yet. */
static void headings(void)
{
	int d;

	for (d = 1; d <= pr.depth; d++) {
		if (pr.shown[d])
			continue;
		fprintf(pr.out, "%*s%s:\n", (d - 1) * INDENT, "", pr.key[d]);
		pr.shown[d] = true;
	}
}

/* JSON: the separator and name before a member. */
static void json_key(const char *key)
{
	if (!pr.first[pr.depth])
		fputc(',', pr.out);
	pr.first[pr.depth] = false;
	json_str(pr.out, key);
	fputc(':', pr.out);
}

/* Text: the name column of a value line. */
static void text_key(const char *key)
{
	int indent = pr.depth * INDENT;

	headings();
	if (pr.bare)
		return;
	fprintf(pr.out, "%*s%-*s ", indent, "", KEY_WIDTH - indent, key);
}

void pr_obj(const char *key)
{
	if (pr.depth + 1 >= MAX_DEPTH)
		return;
	if (pr.json) {
		json_key(key);
		fputc('{', pr.out);
	}
	pr.depth++;
	pr.key[pr.depth] = key;
	pr.shown[pr.depth] = false;
	pr.first[pr.depth] = true;
}

void pr_obj_end(void)
{
	if (!pr.depth)
		return;
	if (pr.json) {
		fputc('}', pr.out);
	} else if (!pr.shown[pr.depth]) {
		pr.depth--;
		headings();
		fprintf(pr.out, "%*s%s: -\n", pr.depth * INDENT, "",
			pr.key[pr.depth + 1]);
		return;
	}
	pr.depth--;
}

void pr_str(const char *key, const char *val)
{
	if (pr.json) {
		json_key(key);
		if (val)
			json_str(pr.out, val);
		else
			fputs("null", pr.out);
		return;
	}
	text_key(key);
	fprintf(pr.out, "%s\n", val ? val : "-");
}

void pr_u64(const char *key, u64 val)
{
	if (pr.json)
		json_key(key);
	else
		text_key(key);
	fprintf(pr.out, "%llu%s", (unsigned long long)val, pr.json ? "" : "\n");
}

void pr_bool(const char *key, bool val)
{
	if (pr.json) {
		json_key(key);
		fputs(val ? "true" : "false", pr.out);
		return;
	}
	text_key(key);
	fprintf(pr.out, "%s\n", val ? "yes" : "no");
}

void pr_setting(const char *key, const char *val, const char *def,
		bool changed)
{
	if (pr.json) {
		json_key(key);
		fputs("{\"value\":", pr.out);
		if (val)
			json_str(pr.out, val);
		else
			fputs("null", pr.out);
		fputs(",\"default\":", pr.out);
		json_str(pr.out, def);
		fprintf(pr.out, ",\"changed\":%s}", changed ? "true" : "false");
		return;
	}
	text_key(key);
	if (changed)
		fprintf(pr.out, "%-10s (default %s)\n", val ? val : "-", def);
	else
		fprintf(pr.out, "%s\n", val ? val : "-");
}

void pr_rate(const char *key, u64 total, double rate)
{
	if (pr.json) {
		json_key(key);
		fprintf(pr.out, "{\"total\":%llu,\"rate\":%.3f}",
			(unsigned long long)total, rate);
		return;
	}
	text_key(key);
	fprintf(pr.out, "%12llu %10.1f/s\n", (unsigned long long)total, rate);
}
