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
/*
 * IPv6 (RFC 8200). ip6_rcv_core() drops most of ip6_header and
 * ip6_address before prerouting; igmpguard still names them, for the
 * bridge and for captures, and they cost nothing on the way.
 */
IGG_REASON(IP6_HEADER, ip6_header, MALFORMED,
	   "IPv6 header cut short, version not 6, or payload past the packet")
IGG_REASON(IP6_ADDRESS, ip6_address, MALFORMED,
	   "multicast source, :: destination, or multicast scope 0 destination")
/* RFC 2675 3: every one of these is an error the receiver reports. */
IGG_REASON(IP6_JUMBO, ip6_jumbo, MALFORMED,
	   "jumbo payload option against RFC 2675, or payload length 0 without")
IGG_REASON(EXT_TRUNCATED, ext_truncated, MALFORMED,
	   "extension header runs past the end of the packet")
IGG_REASON(EXT_HBH_NOT_FIRST, ext_hbh_not_first, MALFORMED,
	   "Hop-by-Hop Options header anywhere but right after the IPv6 header")
IGG_REASON(EXT_OPTION_LENGTH, ext_option_length, MALFORMED,
	   "option past its header end, or a known option of the wrong length")
IGG_REASON(EXT_OPTION_DISCARD, ext_option_discard, MALFORMED,
	   "unknown option whose type bits say discard the packet")
IGG_REASON(EXT_HOME_ADDRESS, ext_home_address, MALFORMED,
	   "home address option twice, or with an address that is not unicast")
/*
 * RFC 8200 4.4 for unknown types (RFC 5095 made type 0 one), RFC 6275 6.4
 * for type 2, RFC 6554 for type 3 (RPL), RFC 8754 for type 4 (SRH).
 */
IGG_REASON(EXT_ROUTING, ext_routing, MALFORMED,
	   "routing header of unknown type with segments left, or bad type 2-4")
IGG_REASON(EXT_FRAGMENT, ext_fragment, MALFORMED,
	   "fragment not a multiple of 8 bytes before the last, or past 64 KiB")
/* RFC 7112 5, and Linux since 2020 (ipv6frag_thdr_truncated()). */
IGG_REASON(EXT_FIRST_FRAGMENT, ext_first_fragment, MALFORMED,
	   "first fragment without the header chain through the upper layer")
/* A v2 report is its 8-byte header and records, possibly none. */
IGG_REASON(MLD_LENGTH, mld_length, MALFORMED,
	   "MLD message under 24 bytes (v2 report: 8), or a query of 25 to 27")
IGG_REASON(MLD_CHECKSUM, mld_checksum, MALFORMED,
	   "ICMPv6 checksum of an MLD message is wrong")
IGG_REASON(MLD_GROUP, mld_group, MALFORMED,
	   "query address neither :: nor multicast, or a non-multicast report")
IGG_REASON(MLD_QUERY_OVERRUN, mld_query_overrun, MALFORMED,
	   "MLDv2 query source list runs past the end of the message")
IGG_REASON(MLD_QUERY_GENERAL_SOURCES, mld_query_general_sources, MALFORMED,
	   "MLDv2 general query (address ::) that lists sources")
IGG_REASON(MLD_REPORT_OVERRUN, mld_report_overrun, MALFORMED,
	   "MLDv2 report records run past the end of the message")
IGG_REASON(MLD_RECORD_GROUP, mld_record_group, MALFORMED,
	   "MLDv2 record for an address that is not multicast")
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
IGG_REASON(MLD_FRAGMENT, mld_fragment, POLICY,
	   "fragmented MLD")
IGG_REASON(MLD_HOP_LIMIT, mld_hop_limit, POLICY,
	   "MLD message with a hop limit other than 1")
/*
 * RFC 3810 5.1.14 and 5.2.13: link-local, and :: only for reports sent
 * before the interface has a link-local address (Linux sends them).
 */
IGG_REASON(MLD_SOURCE, mld_source, POLICY,
	   "MLD from a source not link-local (:: allowed for reports)")
IGG_REASON(MLD_QUERY_SOURCES, mld_query_sources, POLICY,
	   "MLDv2 query with more sources than max_query_sources")
IGG_REASON(EXT_CHAIN_LENGTH, ext_chain_length, POLICY,
	   "more extension headers than max_ext_headers")
/* RFC 4942 2.1.9.5; Linux drops both in ip6_parse_tlv(). */
IGG_REASON(EXT_PADDING, ext_padding, POLICY,
	   "PadN with non-zero data, or more than 7 bytes of padding in a row")
/* Deprecated by RFC 5095, but with no segments left Linux skips it. */
IGG_REASON(EXT_ROUTING0, ext_routing0, POLICY,
	   "type 0 routing header with no segments left")
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
/* RFC 8200 4.1: receivers must accept any order and any repeat. */
IGG_REASON(EXT_ORDER, ext_order, ANOMALY,
	   "extension headers out of the RFC 8200 order, or repeated")
IGG_REASON(EXT_OPTION_UNKNOWN, ext_option_unknown, ANOMALY,
	   "unknown option whose type bits say skip it")
/* max_hbh_opts_number and max_dst_opts_number, whose default is 8. */
IGG_REASON(EXT_MANY_OPTIONS, ext_many_options, ANOMALY,
	   "more than 8 options other than padding in one header")
IGG_REASON(EXT_ROUTER_ALERT, ext_router_alert, ANOMALY,
	   "router alert in destination options, twice, or valued above 2")
IGG_REASON(EXT_ROUTING_MULTICAST, ext_routing_multicast, ANOMALY,
	   "routing header on a packet to a multicast destination")
/* RFC 6946: processed as a whole packet; RFC 8021: not to be sent. */
IGG_REASON(EXT_ATOMIC_FRAGMENT, ext_atomic_fragment, ANOMALY,
	   "fragment header with offset 0 and no more fragments")
IGG_REASON(EXT_NO_NEXT_DATA, ext_no_next_data, ANOMALY,
	   "bytes after a No Next Header")
IGG_REASON(MLD_NO_ROUTER_ALERT, mld_no_router_alert, ANOMALY,
	   "MLD message without a Hop-by-Hop router alert")
IGG_REASON(MLD_RA_VALUE, mld_ra_value, ANOMALY,
	   "router alert value other than 0 on MLD")
IGG_REASON(MLD_DST, mld_dst, ANOMALY,
	   "MLD destination other than the one the RFC names for the message")
IGG_REASON(MLD_RECORD_TYPE, mld_record_type, ANOMALY,
	   "MLDv2 record type outside 1..6")
IGG_REASON(MLD_AUX_DATA, mld_aux_data, ANOMALY,
	   "MLDv2 record with auxiliary data")
IGG_REASON(MLD_QUERY_MRC_ZERO, mld_query_mrc_zero, ANOMALY,
	   "MLDv2 query with Maximum Response Code 0")
/* The hunt of v3_query_dup_sources, on 16-byte addresses. */
IGG_REASON(MLD_QUERY_DUP_SOURCES, mld_query_dup_sources, ANOMALY,
	   "MLDv2 query listing a source twice (found within a compare budget)")
