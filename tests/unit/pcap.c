// SPDX-License-Identifier: GPL-2.0
/* Minimal pcap reader; see pcap.h. */
#include "pcap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINKTYPE_ETHERNET	1
#define ETH_HLEN		14
/* Generous: no link type we read has frames larger than this. */
#define MAX_FRAME		262144

static u32 rd32(const u8 *p, bool swap)
{
	u32 v;

	memcpy(&v, p, 4);
	return swap ? __builtin_bswap32(v) : v;
}

static int fail(char *err, size_t n, const char *path, const char *what)
{
	snprintf(err, n, "%s: %s", path, what);
	return -1;
}

static int read_frames(FILE *f, const char *path, bool swap,
		       struct pcap_frame **out, char *err, size_t errlen)
{
	struct pcap_frame *v = NULL, *nv;
	u8 rec[16], *frame;
	u32 caplen, off;
	int n = 0;

	while (fread(rec, 1, sizeof(rec), f) == sizeof(rec)) {
		caplen = rd32(rec + 8, swap);
		if (caplen > MAX_FRAME || caplen < ETH_HLEN)
			goto bad;
		frame = malloc(caplen);
		if (!frame || fread(frame, 1, caplen, f) != caplen) {
			free(frame);
			goto bad;
		}
		nv = realloc(v, (n + 1) * sizeof(*v));
		if (!nv) {
			free(frame);
			goto bad;
		}
		v = nv;
		/* 802.1Q and 802.1ad tags sit between the MACs and the type. */
		off = 12;
		while (off + 6 <= caplen && (be16(frame + off) == 0x8100 ||
					     be16(frame + off) == 0x88a8))
			off += 4;
		v[n].ethertype = be16(frame + off);
		v[n].cut = rd32(rec + 12, swap) != caplen;
		v[n].ip = pkt_copy(frame + off + 2, caplen - off - 2);
		free(frame);
		n++;
	}
	if (!feof(f))
		goto bad;
	*out = v;
	return n;
bad:
	pcap_free(v, n);
	snprintf(err, errlen, "%s: bad or truncated record %d", path, n + 1);
	return -1;
}

int pcap_load(const char *path, struct pcap_frame **out, char *err,
	      size_t errlen)
{
	u8 hdr[24];
	u32 magic;
	bool swap;
	FILE *f = fopen(path, "rb");
	int n;

	*out = NULL;
	if (!f)
		return fail(err, errlen, path, "cannot open");
	if (fread(hdr, 1, sizeof(hdr), f) != sizeof(hdr)) {
		fclose(f);
		return fail(err, errlen, path, "no pcap header");
	}
	memcpy(&magic, hdr, 4);
	swap = magic == 0xd4c3b2a1u || magic == 0x4d3cb2a1u;
	magic = swap ? __builtin_bswap32(magic) : magic;
	if (magic != 0xa1b2c3d4u && magic != 0xa1b23c4du) {
		fclose(f);
		return fail(err, errlen, path, "not a pcap file");
	}
	if ((rd32(hdr + 20, swap) & 0xffff) != LINKTYPE_ETHERNET) {
		fclose(f);
		return fail(err, errlen, path, "link type is not Ethernet");
	}
	n = read_frames(f, path, swap, out, err, errlen);
	fclose(f);
	return n;
}

void pcap_free(struct pcap_frame *f, int n)
{
	while (n-- > 0)
		pkt_free(&f[n].ip);
	free(f);
}
