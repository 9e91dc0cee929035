/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one list of findings: IGG_REASON(ENUM, name, CLASS, description).
 *
 * Counters, log lines, /proc/net/igmpguard/stats, igmpguardctl, the tests
 * and docs/reference.md are all generated from it, so a reason is named
 * here and nowhere else. Include it with IGG_REASON defined; it has no
 * include guard on purpose.
 *
 * procfs prints counters in this order and readers go by name, so a new
 * reason may go anywhere in its class block. Policy reasons must stay
 * before anomalies: when several findings could drop a packet, the lowest
 * one is reported.
 *
 * MALFORMED: cannot be parsed as its RFC says; dropped in block mode.
 * POLICY:    well-formed but unwanted; each has a knob.
 * ANOMALY:   legal but unusual; counted and passed unless drop_anomalies
 *            names it.
 */
IGG_REASON(IP_HEADER, ip_header, MALFORMED,
	   "IPv4 header inconsistent with the packet length")
IGG_REASON(OPT_TRUNCATED, opt_truncated, MALFORMED,
	   "option type byte with no room left for its length")
IGG_REASON(OPT_LENGTH, opt_length, MALFORMED,
	   "option length below 2 or past the end of the option area")
IGG_REASON(OPT_ROUTE, opt_route, MALFORMED,
	   "route option with short length, pointer below 4 or partial room")
IGG_REASON(OPT_TIMESTAMP, opt_timestamp, MALFORMED,
	   "timestamp option with short length, pointer below 5 or no room")
/*
 * RFC 791: a module that finds the list full counts itself, and a count
 * that overflows means discard. A full prespecified list (flag 3) has no
 * next address for anyone to match, so nobody counts and Linux does not
 * check it; every other flag is counted, as Linux does.
 */
IGG_REASON(OPT_TS_OVERFLOW, opt_ts_overflow, MALFORMED,
	   "full timestamp option, flag not 3, whose overflow count is 15")
/*
 * RR, TS, source routes and CIPSO are dropped twice by Linux too. Two
 * security options (RFC 791, RFC 1108 2: at most once) give a datagram two
 * labels and no rule to pick one; Linux passes them only because it never
 * reads the option. Stream ID is not here: see opt_unknown.
 */
IGG_REASON(OPT_DUPLICATE, opt_duplicate, MALFORMED,
	   "RR, TS, source route, security or CIPSO option appears twice")
/* RFC 2113 puts a 2-byte value after type and length; Linux drops these. */
IGG_REASON(OPT_RA_LENGTH, opt_ra_length, MALFORMED,
	   "router alert option shorter than 4 bytes: no room for its value")
IGG_REASON(OPT_CIPSO, opt_cipso, MALFORMED,
	   "CIPSO option with short length, DOI 0 or a bad tag")
/*
 * RFC 1108 2.2: the classification level is mandatory and a length below 3
 * is an error. Linux passes it only because it never reads the option; no
 * labelled stack sends one.
 */
IGG_REASON(OPT_SECURITY, opt_security, MALFORMED,
	   "security option shorter than 3 bytes: no classification level")
IGG_REASON(IGMP_TRUNCATED, igmp_truncated, MALFORMED,
	   "IGMP message shorter than 8 bytes")
IGG_REASON(IGMP_CHECKSUM, igmp_checksum, MALFORMED,
	   "IGMP checksum over the whole payload is wrong")
IGG_REASON(IGMP_QUERY_LENGTH, igmp_query_length, MALFORMED,
	   "membership query of 9 to 11 bytes")
IGG_REASON(IGMP_QUERY_GROUP, igmp_query_group, MALFORMED,
	   "query group is neither 0 nor a multicast address")
IGG_REASON(IGMP_REPORT_GROUP, igmp_report_group, MALFORMED,
	   "v1/v2 report or leave for a group that is not multicast")
IGG_REASON(V3_QUERY_OVERRUN, v3_query_overrun, MALFORMED,
	   "v3 query source list runs past the end of the message")
IGG_REASON(V3_QUERY_GENERAL_SOURCES, v3_query_general_sources, MALFORMED,
	   "v3 general query (group 0) that lists sources")
IGG_REASON(V3_REPORT_OVERRUN, v3_report_overrun, MALFORMED,
	   "v3 report group records run past the end of the message")
IGG_REASON(V3_RECORD_GROUP, v3_record_group, MALFORMED,
	   "v3 group record for an address that is not multicast")
IGG_REASON(IGMP_FRAGMENT, igmp_fragment, POLICY,
	   "fragmented IGMP")
IGG_REASON(IGMP_TTL, igmp_ttl, POLICY,
	   "membership message with a TTL other than 1")
IGG_REASON(IGMP_SOURCE, igmp_source, POLICY,
	   "IGMP from a multicast, broadcast, loopback or 0/8 source")
IGG_REASON(OPT_SOURCE_ROUTE, opt_source_route, POLICY,
	   "loose or strict source route option")
IGG_REASON(V3_QUERY_SOURCES, v3_query_sources, POLICY,
	   "v3 query with more sources than max_query_sources")
IGG_REASON(IGMP_NO_ROUTER_ALERT, igmp_no_router_alert, ANOMALY,
	   "IGMPv2/v3 message without the router alert option")
IGG_REASON(IGMP_UNKNOWN_TYPE, igmp_unknown_type, ANOMALY,
	   "IGMP message type this host does not know")
IGG_REASON(IGMP_DST, igmp_dst, ANOMALY,
	   "destination other than the one the RFC names for the message")
/*
 * Includes stream ID, also twice: RFC 1122 3.2.1.8 made it obsolete, to be
 * silently ignored, so its "at most once" (RFC 791) binds no receiver.
 */
IGG_REASON(OPT_UNKNOWN, opt_unknown, ANOMALY,
	   "unknown, obsolete or experimental IP option")
IGG_REASON(OPT_RECORD, opt_record, ANOMALY,
	   "record route or timestamp option present")
/*
 * RFC 791 defines flags 0, 1 and 3 only, but length, pointer and overflow
 * still parse, and a host can leave a request it does not understand
 * unanswered: Linux passes it unstamped. Room is checked for one 4-byte
 * stamp, as Linux does.
 */
IGG_REASON(OPT_TS_FLAG, opt_ts_flag, ANOMALY,
	   "timestamp option with a flag other than 0, 1 or 3")
IGG_REASON(OPT_ROUTE_POINTER, opt_route_pointer, ANOMALY,
	   "route option length or pointer not on a 4-byte address boundary")
IGG_REASON(OPT_PADDING, opt_padding, ANOMALY,
	   "non-zero bytes after the end-of-options marker")
IGG_REASON(OPT_EMPTY, opt_empty, ANOMALY,
	   "option area that starts with end-of-options")
IGG_REASON(OPT_RA_VALUE, opt_ra_value, ANOMALY,
	   "router alert value other than 0 on IGMP")
/*
 * RFC 2113 says length 4, but the value is still where it puts it and the
 * option's length says where the next one starts: the meaning is clear
 * (RFC 791 3.2, be liberal). Linux and FreeBSD take it as a router alert.
 */
IGG_REASON(OPT_RA_LONG, opt_ra_long, ANOMALY,
	   "router alert option longer than 4 bytes")
IGG_REASON(V3_RECORD_TYPE, v3_record_type, ANOMALY,
	   "v3 group record type outside 1..6")
IGG_REASON(V3_AUX_DATA, v3_aux_data, ANOMALY,
	   "v3 group record with auxiliary data")
IGG_REASON(V3_QUERY_MRC_ZERO, v3_query_mrc_zero, ANOMALY,
	   "v3 query with Max Resp Code 0 (CVE-2012-0207 shape)")
/*
 * Found by a hunt whose compares are capped at one per source (common.c
 * igg_dup_sources()), so that no list costs more than linear work: a
 * repeat it reports is real; one hidden behind many sources sharing its
 * bucket, or in a list over 255 sources, goes uncounted.
 */
IGG_REASON(V3_QUERY_DUP_SOURCES, v3_query_dup_sources, ANOMALY,
	   "v3 query listing a source twice (found within a compare budget)")
