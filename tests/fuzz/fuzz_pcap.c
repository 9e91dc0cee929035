// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for igmpguardctl check: whole pcap/pcapng files go
 * through libpcap, the link-layer decoder and the IPv4 or IPv6 validator
 * exactly as a file given on the command line would, once as text under
 * the default policy and once as JSON under a policy that drops every
 * finding and allows no query source and no extension header.
 *
 * Besides the sanitizers, it checks that each report is complete: a crash
 * halfway through printing would otherwise go unnoticed; that its
 * summary adds up (every frame IPv4, IPv6 or skipped; every IP frame
 * passed or dropped), which a frame counted under the wrong family or
 * twice would break; and, built with IGG_COST_COUNT, that no packet broke
 * the validator's cost bounds (igg_cost_within() in validator.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static bool ends_with(const char *s, size_t len, const char *tail)
{
	size_t n = strlen(tail);

	return len >= n && !memcmp(s + len - n, tail, n);
}

/*
 * The text summary is the report's last line. A report with none (the
 * file could not be opened) has nothing to add up.
 */
static void check_summary(const char *report, size_t len)
{
	unsigned long frames, v4, v6, pass, drop, skipped;
	const char *line = report + len - 1;

	while (line > report && line[-1] != '\n')
		line--;
	if (sscanf(line,
		   "fuzz: %lu frames, %lu ipv4, %lu ipv6, %lu pass, %lu drop, %lu skipped",
		   &frames, &v4, &v6, &pass, &drop, &skipped) != 6)
		return;
	if (frames != v4 + v6 + skipped || pass + drop != v4 + v6)
		abort();
}

static void run(const u8 *data, size_t size, bool json)
{
	struct check_opts o = { .json = json };
	char *report = NULL;
	size_t len = 0;
	FILE *in, *out;

	in = fmemopen((void *)data, size, "rb");
	out = open_memstream(&report, &len);
	if (!in || !out)
		abort();
	igg_policy_default(&o.pol);
	if (json) {
		o.pol.drop = igg_set_range(IGG_R_NONE, IGG_R_COUNT);
		o.pol.max_query_sources = 0;
		o.pol.max_ext_headers = 0;
	}
	check_stream(in, "fuzz", &o, out, NULL);
	fclose(out);
	/* JSON closes its document; text ends on the summary or nothing. */
	if (json ? !ends_with(report, len, "]}\n") :
		   len && !ends_with(report, len, " skipped\n"))
		abort();
	if (!json && len)
		check_summary(report, len);
	free(report);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	/* fmemopen() refuses an empty buffer. */
	if (!size)
		return 0;
	run(data, size, false);
	run(data, size, true);
#ifdef IGG_COST_COUNT
	if (igg_cost_breaches) {
		fprintf(stderr, "fuzz_pcap: a packet broke the cost bound\n");
		abort();
	}
#endif
	return 0;
}
