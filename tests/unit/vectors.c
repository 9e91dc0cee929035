// SPDX-License-Identifier: GPL-2.0
/* Loads the test vectors; see vectors.h. */
#include "vectors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vectors test_vectors;

/* Reason names come from the table only; the sidecar must use them. */
static bool reason_by_name(const char *name, enum igg_reason *r)
{
	unsigned int i;

	for (i = 0; i < IGG_R_COUNT; i++) {
		if (!strcmp(igg_reasons[i].name, name)) {
			*r = (enum igg_reason)i;
			return true;
		}
	}
	return false;
}

static bool parse_set(char *list, rset *set, char *err, size_t n)
{
	enum igg_reason r;
	char *tok, *save;

	*set = 0;
	if (!strcmp(list, "-"))
		return true;
	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!reason_by_name(tok, &r) || r == IGG_R_NONE) {
			snprintf(err, n, "unknown anomaly \"%s\"", tok);
			return false;
		}
		*set |= RBIT(r);
	}
	return true;
}

/* index id verdict reason anomalies description */
static void parse_line(struct vector *v, char *line)
{
	char *col[6] = { 0 }, *p = line;
	unsigned int i;

	line[strcspn(line, "\r\n")] = 0;
	for (i = 0; i < 6 && p; i++) {
		col[i] = p;
		p = strchr(p, '\t');
		if (p && i < 5)
			*p++ = 0;
	}
	if (!col[4]) {
		snprintf(v->err, sizeof(v->err), "fewer than 5 columns");
		return;
	}
	v->index = (unsigned int)strtoul(col[0], NULL, 10);
	snprintf(v->id, sizeof(v->id), "%s", col[1]);
	snprintf(v->desc, sizeof(v->desc), "%s", col[5] ? col[5] : "");
	if (strcmp(col[2], "pass") && strcmp(col[2], "drop")) {
		snprintf(v->err, sizeof(v->err), "verdict \"%s\"", col[2]);
		return;
	}
	v->drop = !strcmp(col[2], "drop");
	if (!reason_by_name(col[3], &v->reason)) {
		snprintf(v->err, sizeof(v->err), "unknown reason \"%s\"",
			 col[3]);
		return;
	}
	parse_set(col[4], &v->anomalies, v->err, sizeof(v->err));
}

/*
 * Rows of @path into the @n vectors from @base on; their index column
 * counts from 1 in each file and becomes the position in @vs.
 */
static bool load_tsv(struct vectors *vs, const char *path, unsigned int base,
		     unsigned int n)
{
	char line[1024];
	unsigned int rows = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		snprintf(vs->err, sizeof(vs->err), "%.400s: cannot open", path);
		return false;
	}
	if (!fgets(line, sizeof(line), f) || strncmp(line, "index\t", 6)) {
		snprintf(vs->err, sizeof(vs->err), "%.400s: no header line", path);
		fclose(f);
		return false;
	}
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '\n' || line[0] == '#')
			continue;
		if (rows < n) {
			parse_line(&vs->v[base + rows], line);
			vs->v[base + rows].index += base;
		}
		rows++;
	}
	fclose(f);
	if (rows != n) {
		snprintf(vs->err, sizeof(vs->err),
			 "%.400s has %u rows but the pcap has %u packets", path,
			 rows, n);
		return false;
	}
	return true;
}

/* Appends @name.pcap and its sidecar @name.tsv to @vs. */
static bool load_file(struct vectors *vs, const char *dir, const char *name)
{
	struct pcap_frame *frames;
	struct vector *all;
	unsigned int base = vs->n;
	char path[4096];
	int n, i;

	snprintf(path, sizeof(path), "%s/%s.pcap", dir, name);
	n = pcap_load(path, &frames, vs->err, sizeof(vs->err));
	if (n < 0)
		return false;
	if (n == 0) {
		snprintf(vs->err, sizeof(vs->err), "%.400s: no packets", path);
		free(frames);
		return false;
	}
	all = realloc(vs->v, (base + n) * sizeof(*vs->v));
	if (!all) {
		pcap_free(frames, n);
		snprintf(vs->err, sizeof(vs->err), "out of memory");
		return false;
	}
	vs->v = all;
	memset(all + base, 0, n * sizeof(*all));
	for (i = 0; i < n; i++)
		all[base + i].frame = frames[i];
	free(frames);
	vs->n = base + (unsigned int)n;
	snprintf(path, sizeof(path), "%s/%s.tsv", dir, name);
	return load_tsv(vs, path, base, (unsigned int)n);
}

/* IPv4 first, then IPv6 (vectors6.*), in one list. */
void vectors_load(struct vectors *vs, const char *dir)
{
	memset(vs, 0, sizeof(*vs));
	if (!load_file(vs, dir, "vectors") || !load_file(vs, dir, "vectors6"))
		vectors_free(vs);
}

void vectors_free(struct vectors *vs)
{
	unsigned int i;

	for (i = 0; i < vs->n; i++)
		pkt_free(&vs->v[i].frame.ip);
	free(vs->v);
	vs->v = NULL;
	vs->n = 0;
}
