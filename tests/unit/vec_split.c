// SPDX-License-Identifier: GPL-2.0
/*
 * Seed-corpus extraction for the validator fuzzer: one file per IPv4 or
 * IPv6 packet of a pcap, plus the same packet behind an all-zero policy prefix (see
 * tests/fuzz/fuzz_validator.c: zero prefix bytes mean the default policy).
 *
 * Usage: vec_split FILE.pcap OUTDIR
 */
#include <stdio.h>

#include "pcap.h"

#define POLICY_BYTES 16

static int write_file(const char *path, const u8 *prefix, size_t plen,
		      const struct pkt *p)
{
	FILE *f = fopen(path, "wb");
	int bad;

	if (!f)
		return -1;
	bad = fwrite(prefix, 1, plen, f) != plen ||
	      fwrite(p->d, 1, p->len, f) != p->len;
	return fclose(f) || bad ? -1 : 0;
}

int main(int argc, char **argv)
{
	static const u8 zero[POLICY_BYTES];
	struct pcap_frame *fr;
	char err[512], path[4096];
	int n, i, written = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: %s FILE.pcap OUTDIR\n", argv[0]);
		return 2;
	}
	n = pcap_load(argv[1], &fr, err, sizeof(err));
	if (n < 0) {
		fprintf(stderr, "vec_split: %s\n", err);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (fr[i].ethertype != 0x0800 && fr[i].ethertype != 0x86dd)
			continue;
		snprintf(path, sizeof(path), "%s/vec-%04d", argv[2], i + 1);
		if (write_file(path, zero, 0, &fr[i].ip))
			goto fail;
		snprintf(path, sizeof(path), "%s/vec-%04d.pol", argv[2], i + 1);
		if (write_file(path, zero, sizeof(zero), &fr[i].ip))
			goto fail;
		written++;
	}
	pcap_free(fr, n);
	printf("vec_split: %d packets -> %s\n", written, argv[2]);
	return 0;
fail:
	perror(path);
	pcap_free(fr, n);
	return 1;
}
