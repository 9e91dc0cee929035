// SPDX-License-Identifier: GPL-2.0
/*
 * igmpguardctl check: read pcap/pcapng files with libpcap, find the IPv4
 * or IPv6 packet in each frame and print what the validator says about it
 * under the default policy or one changed with --set.
 *
 * Reason and knob names come from the tables generated from reason-list.h
 * and knob-list.h, never from strings here.
 */
#include "check.h"

#include <errno.h>
#include <getopt.h>
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "knobs.h"
#include "pcapdecode.h"

/* --- policy knobs ---------------------------------------------------- */

int check_policy_set(struct igg_policy *pol, const char *arg, char *err,
		     size_t errlen)
{
	const char *eq = strchr(arg, '='), *val;
	char known[512];
	size_t klen;
	struct igg_set mask, set;
	bool on;
	int i;

	if (!eq || eq == arg) {
		snprintf(err, errlen, "'%s': expected knob=value", arg);
		return -1;
	}
	klen = (size_t)(eq - arg);
	val = eq + 1;
	for (i = 0; i < IGG_BOOL_KNOB_COUNT; i++) {
		if (strlen(igg_bool_knobs[i].name) != klen ||
		    memcmp(igg_bool_knobs[i].name, arg, klen))
			continue;
		if (knob_parse_bool(val, &on)) {
			snprintf(err, errlen, "%s: '%s' is not 0 or 1",
				 igg_bool_knobs[i].name, val);
			return -1;
		}
		set = igg_knob_reasons(&igg_bool_knobs[i]);
		pol->drop = on ? igg_set_or(pol->drop, set) :
				 igg_set_minus(pol->drop, set);
		return 0;
	}
	for (i = 0; i < KNOB_NUM_COUNT; i++) {
		if (strlen(knob_nums[i].name) != klen ||
		    memcmp(knob_nums[i].name, arg, klen))
			continue;
		if (!knob_parse_num(val, knob_nums[i].limit,
				    knob_num_field(pol, &knob_nums[i])))
			return 0;
		snprintf(err, errlen, "%s: '%s' is not a number in 0..%u",
			 knob_nums[i].name, val, knob_nums[i].limit);
		return -1;
	}
	if (klen == strlen(KNOB_DROP_ANOMALIES) &&
	    !memcmp(arg, KNOB_DROP_ANOMALIES, klen)) {
		if (knob_parse_anomalies(val, &mask, err, errlen))
			return -1;
		pol->drop = igg_set_minus(pol->drop,
					  igg_class_set(IGG_CLASS_ANOMALY));
		pol->drop = igg_set_or(pol->drop, mask);
		return 0;
	}
	knob_policy_names(known, sizeof(known));
	snprintf(err, errlen, "unknown knob '%.*s' (knobs: %s)", (int)klen,
		 arg, known);
	return -1;
}

/* --- output ------------------------------------------------------------ */

struct sink {
	FILE *out;
	FILE *err;		/* NULL: errors only go into the report */
	bool json;
	bool first_file;
	bool first_frame;
};

struct totals {
	unsigned long frames, ipv4, ipv6, pass, drop, skipped;
};

static void print_reason_list(FILE *out, struct igg_set set, bool json)
{
	bool first = true;
	int r;

	if (json)
		fputc('[', out);
	for (r = 1; r < IGG_R_COUNT; r++) {
		if (!igg_set_has(set, r))
			continue;
		if (!first)
			fputc(',', out);
		if (json)
			json_str(out, igg_reasons[r].name);
		else
			fputs(igg_reasons[r].name, out);
		first = false;
	}
	if (json)
		fputc(']', out);
	else if (first)
		fputc('-', out);
}

static void sink_begin(struct sink *s, const struct igg_policy *pol)
{
	int i;

	s->first_file = true;
	if (!s->json)
		return;
	fputs("{\"policy\":{", s->out);
	for (i = 0; i < IGG_BOOL_KNOB_COUNT; i++)
		fprintf(s->out, "\"%s\":%s,", igg_bool_knobs[i].name,
			igg_set_has(pol->drop,
				    igg_bool_knobs[i].reason[0] ?:
				    igg_bool_knobs[i].reason[1]) ?
			"true" : "false");
	for (i = 0; i < KNOB_NUM_COUNT; i++)
		fprintf(s->out, "\"%s\":%u,", knob_nums[i].name,
			knob_num_get(pol, &knob_nums[i]));
	fprintf(s->out, "\"%s\":", KNOB_DROP_ANOMALIES);
	print_reason_list(s->out, igg_set_and(pol->drop,
					      igg_class_set(IGG_CLASS_ANOMALY)),
			  true);
	fputs("},\n\"files\":[", s->out);
}

static void sink_end(struct sink *s)
{
	if (s->json)
		fputs("]}\n", s->out);
}

static void sink_file(struct sink *s, const char *name, const char *linktype)
{
	s->first_frame = true;
	if (!s->json)
		return;
	fputs(s->first_file ? "\n{\"file\":" : ",\n{\"file\":", s->out);
	s->first_file = false;
	json_str(s->out, name);
	if (linktype) {
		fputs(",\"linktype\":", s->out);
		json_str(s->out, linktype);
		fputs(",\"frames\":[", s->out);
	}
}

static void sink_frame_sep(struct sink *s)
{
	fputs(s->first_frame ? "\n" : ",\n", s->out);
	s->first_frame = false;
}

/* Text keeps its four columns; JSON names the family too. */
static void sink_verdict(struct sink *s, unsigned long idx, int family,
			 enum igg_verdict v, const struct igg_result *res)
{
	const char *verdict = v == IGG_DROP ? "drop" : "pass";
	const struct igg_reason_info *ri = &igg_reasons[res->reason];

	if (!s->json) {
		fprintf(s->out, "%lu %s %s ", idx, verdict, ri->name);
		print_reason_list(s->out, res->anomalies, false);
		fputc('\n', s->out);
		return;
	}
	sink_frame_sep(s);
	fprintf(s->out,
		"{\"index\":%lu,\"family\":\"ipv%d\",\"verdict\":\"%s\",\"reason\":",
		idx, family, verdict);
	json_str(s->out, ri->name);
	fputs(",\"class\":", s->out);
	json_str(s->out, igg_class_names[ri->cls]);
	fputs(",\"anomalies\":", s->out);
	print_reason_list(s->out, res->anomalies, true);
	fputc('}', s->out);
}

static void sink_skip(struct sink *s, unsigned long idx, const char *why)
{
	if (!s->json) {
		fprintf(s->out, "%lu skipped %s\n", idx, why);
		return;
	}
	sink_frame_sep(s);
	fprintf(s->out, "{\"index\":%lu,\"verdict\":\"skipped\",\"why\":", idx);
	json_str(s->out, why);
	fputc('}', s->out);
}

static void sink_error(struct sink *s, const char *name, const char *msg)
{
	size_t n = strlen(name);

	/* libpcap names the file itself in some messages; say it once. */
	if (!strncmp(msg, name, n) && !strncmp(msg + n, ": ", 2))
		msg += n + 2;
	if (s->err)
		fprintf(s->err, "igmpguardctl: %s: %s\n", name, msg);
	if (s->json) {
		fputs(",\"error\":", s->out);
		json_str(s->out, msg);
	}
}

static void sink_summary(struct sink *s, const char *name,
			 const struct totals *t)
{
	if (!s->json) {
		fprintf(s->out,
			"%s: %lu frames, %lu ipv4, %lu ipv6, %lu pass, %lu drop, %lu skipped\n",
			name, t->frames, t->ipv4, t->ipv6, t->pass, t->drop,
			t->skipped);
		return;
	}
	fprintf(s->out,
		"],\n\"summary\":{\"frames\":%lu,\"ipv4\":%lu,\"ipv6\":%lu,\"pass\":%lu,\"drop\":%lu,\"skipped\":%lu}",
		t->frames, t->ipv4, t->ipv6, t->pass, t->drop, t->skipped);
}

static void sink_file_end(struct sink *s)
{
	if (s->json)
		fputc('}', s->out);
}

/* --- checking ---------------------------------------------------------- */

/* Adds the frames it would drop to *@drops. */
static int check_capture(pcap_t *p, const char *name,
			 const struct check_opts *o, struct sink *s,
			 unsigned long *drops)
{
	int dlt = pcap_datalink(p), rc;
	const char *lt = pcap_datalink_val_to_name(dlt);
	struct totals t = { 0 };
	struct pcap_pkthdr *hdr;
	struct pcapdecode_ip ip;
	struct igg_result res;
	const u_char *data;
	enum igg_verdict v;
	const char *why;

	sink_file(s, name, lt ? lt : "unknown");
	while ((rc = pcap_next_ex(p, &hdr, &data)) == 1) {
		t.frames++;
		why = pcapdecode(dlt, data, hdr->caplen, hdr->len, &ip);
		if (why) {
			t.skipped++;
			sink_skip(s, t.frames, why);
			continue;
		}
		/*
		 * No IGG_VF_ flags: a capture does not say which packets
		 * the stack built as GSO.
		 */
		if (ip.family == 6) {
			t.ipv6++;
			v = igg_validate6(ip.ip, ip.len, 0, &o->pol, &res);
		} else {
			t.ipv4++;
			v = igg_validate(ip.ip, ip.len, &o->pol, &res);
		}
		if (v == IGG_DROP)
			t.drop++;
		else
			t.pass++;
		sink_verdict(s, t.frames, ip.family, v, &res);
	}
	sink_summary(s, name, &t);
	*drops += t.drop;
	if (rc == PCAP_ERROR) {
		sink_error(s, name, pcap_geterr(p));
		sink_file_end(s);
		return CTL_EXIT_INPUT;
	}
	sink_file_end(s);
	return CTL_EXIT_OK;
}

static int open_failed(struct sink *s, const char *name, const char *msg)
{
	sink_file(s, name, NULL);
	sink_error(s, name, msg);
	sink_file_end(s);
	return CTL_EXIT_INPUT;
}

int check_stream(FILE *in, const char *name, const struct check_opts *o,
		 FILE *out, FILE *err)
{
	struct sink s = { .out = out, .err = err, .json = o->json };
	char errbuf[PCAP_ERRBUF_SIZE];
	unsigned long drops = 0;
	pcap_t *p;
	int rc;

	sink_begin(&s, &o->pol);
	p = pcap_fopen_offline(in, errbuf);
	if (!p) {
		/* libpcap owns @in only once it has opened it. */
		fclose(in);
		rc = open_failed(&s, name, errbuf);
	} else {
		rc = check_capture(p, name, o, &s, &drops);
		pcap_close(p);
	}
	sink_end(&s);
	return rc;
}

static int check_path(const char *path, const struct check_opts *o,
		      struct sink *s, unsigned long *drops)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_t *p;
	int rc;

	p = pcap_open_offline(path, errbuf);
	if (!p)
		return open_failed(s, path, errbuf);
	rc = check_capture(p, path, o, s, drops);
	pcap_close(p);
	return rc;
}

/* --- the command ------------------------------------------------------- */

static void print_help(FILE *out)
{
	int i;

	fputs("usage: igmpguardctl check [--json] [--fail-on-drop]\n"
	      "                          [--set knob=value]... FILE...\n"
	      "\n"
	      "Validate every IPv4 and IPv6 packet of pcap/pcapng FILEs as\n"
	      "igmpguard would.\n"
	      "Prints '<frame> pass|drop <reason> <anomalies|->' per IP frame,\n"
	      "'<frame> skipped <why>' for the others, then a summary per file.\n"
	      "\n"
	      "  --json            one JSON document instead of lines\n"
	      "  --fail-on-drop    exit 3 when any packet would be dropped\n"
	      "  --set knob=value  change the policy (default: the module's)\n"
	      "\n"
	      "knobs:\n", out);
	for (i = 0; i < IGG_BOOL_KNOB_COUNT; i++)
		fprintf(out, "  %-18s 0|1, default %d: %s\n",
			igg_bool_knobs[i].name, igg_bool_knobs[i].def,
			igg_bool_knobs[i].help);
	for (i = 0; i < KNOB_NUM_COUNT; i++)
		fprintf(out, "  %-18s 0..%u, default %u: %s\n",
			knob_nums[i].name, knob_nums[i].limit, knob_nums[i].def,
			knob_nums[i].help);
	fprintf(out, "  %-18s none or a comma list of:", KNOB_DROP_ANOMALIES);
	for (i = 1; i < IGG_R_COUNT; i++)
		if (igg_reasons[i].cls == IGG_CLASS_ANOMALY)
			fprintf(out, " %s", igg_reasons[i].name);
	fputs("\n\nexit status: 0 files read, 1 usage error, 2 unreadable\n"
	      "input; with --fail-on-drop, 0 only when nothing would be dropped\n"
	      "and 3 when every file was read and some packet would be\n"
	      "(2 wins over 3: a file not read to its end proves nothing)\n",
	      out);
}

static int usage_error(const char *msg)
{
	fprintf(stderr, "igmpguardctl check: %s\n", msg);
	fputs("try 'igmpguardctl check --help'\n", stderr);
	return CTL_EXIT_USAGE;
}

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "fail-on-drop", no_argument, NULL, 'f' },
		{ "set", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct check_opts o = { .json = false };
	struct sink s = { .out = stdout, .err = stderr };
	bool fail_on_drop = false;
	unsigned long drops = 0;
	char err[1024];
	int c, i, rc = CTL_EXIT_OK;

	igg_policy_default(&o.pol);
	/* Reset getopt: another command may have run it in this process. */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			o.json = true;
			break;
		case 'f':
			fail_on_drop = true;
			break;
		case 's':
			if (check_policy_set(&o.pol, optarg, err, sizeof(err)))
				return usage_error(err);
			break;
		case 'h':
			print_help(stdout);
			return CTL_EXIT_OK;
		case ':':
			snprintf(err, sizeof(err), "option '%s' needs a value",
				 argv[optind - 1]);
			return usage_error(err);
		default:
			snprintf(err, sizeof(err), "unknown option '%s'",
				 argv[optind - 1]);
			return usage_error(err);
		}
	}
	if (optind >= argc)
		return usage_error("no capture files given");

	s.json = o.json;
	sink_begin(&s, &o.pol);
	for (i = optind; i < argc; i++)
		if (check_path(argv[i], &o, &s, &drops) != CTL_EXIT_OK)
			rc = CTL_EXIT_INPUT;
	sink_end(&s);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "igmpguardctl: writing the report: %s\n",
			strerror(errno));
		rc = CTL_EXIT_INPUT;
	}
	if (rc == CTL_EXIT_OK && fail_on_drop && drops)
		rc = CTL_EXIT_DROP;
	return rc;
}
