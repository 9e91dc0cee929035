// SPDX-License-Identifier: GPL-2.0
/*
 * The IPv6 header and the extension-header chain (ipv6.c): the notes'
 * known-bad (B) and must-pass (G) packets about them, and every length
 * rule on both sides of its boundary.
 */
#include "pcase.h"
#include "tests.h"

#define UDP8	"9c40 9c41 0008 0000"
#define DSTPAD	"3c00 0104 00000000"	/* Destination Options, then more */
#define RA0	"3a00 0502 0000 0100"	/* HBH_MLD ahead of an echo request */

static void cut_to_39(struct pkt *k)
{
	pkt_resize(k, 39, 0);
}

static void cut_1(struct pkt *k)
{
	pkt_resize(k, k->len - 1, 0);
}

static void pad_18(struct pkt *k)
{
	pkt_resize(k, k->len + 18, 0xee);
}

static void version_4(struct pkt *k)
{
	k->d[0] = 0x40;
}

static void plen_0(struct pkt *k)
{
	ip6_set_plen(k->d, 0);
}

/* The notes' B17: 13 bytes of data behind a UDP header, M set. */
#define B17_UDP	"9c40 9c41 0015 0000 z13"

static const struct pcase ipv6_cases[] = {
	{ "IP6-1", "39 bytes", K_IP6, .edit = cut_to_39,
	  .reason = IGG_R_IP6_HEADER },
	{ "IP6-1", "version 4 in an IPv6 packet", K_IP6, .edit = version_4,
	  .reason = IGG_R_IP6_HEADER },
	{ "IP6-1", "payload length one past the buffer", K_IP6,
	  .edit = cut_1, .reason = IGG_R_IP6_HEADER },
	{ "IP6-1", "link-layer padding past the payload", K_IP6,
	  .edit = pad_18 },
	{ "IP6-1", "40 bytes, payload length 0, UDP", K_IP6,
	  .proto = NH_UDP, .pl = "" },
	/* The header decides before the chain is read. */
	{ "IP6-1", "cut short inside a bad chain", K_IP6,
	  .opt = "3a00 5e04 00000000", .proto = NH0, .edit = cut_1,
	  .reason = IGG_R_IP6_HEADER },

	{ "IP6-2", "multicast source", K_IP6, .src = "ff02::1",
	  .reason = IGG_R_IP6_ADDRESS },
	{ "IP6-2", "destination ::", K_IP6, .dst = "::",
	  .reason = IGG_R_IP6_ADDRESS },
	{ "IP6-2", "multicast destination of scope 0", K_IP6,
	  .dst = "ff00::1", .reason = IGG_R_IP6_ADDRESS },
	{ "IP6-2", "multicast destination of scope 0, flags 1", K_IP6,
	  .dst = "ff10::1", .reason = IGG_R_IP6_ADDRESS },
	{ "IP6-2", "multicast destination of scope 1", K_IP6,
	  .dst = "ff01::1" },
	{ "IP6-2", "multicast destination of scope 2", K_IP6,
	  .dst = "ff02::1" },
	{ "IP6-2", "multicast destination of scope 8", K_IP6,
	  .dst = "ff08::1" },
	{ "IP6-2", "multicast destination of scope 14, flags 3", K_IP6,
	  .dst = "ff3e::1234" },
	{ "IP6-2", "source :: (DAD)", K_IP6, .src = "::" },
	{ "IP6-2", "destination ::1", K_IP6, .dst = "::1" },

	/* RFC 2675 */
	{ "B8", "jumbo with payload length 1008", K_IP6,
	  .opt = "3a00 c204 00011170", .proto = NH0,
	  .reason = IGG_R_IP6_JUMBO },
	{ "B9", "payload length 0, jumbo 1000", K_IP6,
	  .opt = "3a00 c204 000003e8", .proto = NH0, .edit = plen_0,
	  .reason = IGG_R_IP6_JUMBO },
	{ "B10", "payload length 0, Hop-by-Hop without jumbo", K_IP6,
	  .opt = "3a00 0104 00000000", .proto = NH0, .edit = plen_0,
	  .reason = IGG_R_IP6_JUMBO },
	{ "B22", "payload length 0, jumbo 70000 and a fragment header", K_IP6,
	  .opt = "2c00 c204 00011170 1100 0000 0000000d", .proto = NH0,
	  .pl = UDP8, .edit = plen_0, .reason = IGG_R_IP6_JUMBO },
	{ "IP6-4", "jumbo in Destination Options", K_IP6,
	  .opt = "3a00 c204 00011170", .proto = NH_DSTOPTS,
	  .reason = IGG_R_IP6_JUMBO },
	{ "IP6-4", "jumbo of length 6", K_IP6,
	  .opt = "3a01 c206 00011170 0000 0104 00000000", .proto = NH0,
	  .edit = plen_0, .reason = IGG_R_EXT_OPTION_LENGTH },
	{ "IP6-3", "payload length 0, no Hop-by-Hop: an empty payload",
	  K_IP6, .proto = NH_UDP, .pl = "", .edit = plen_0 },

	/* Chain structure */
	{ "B1", "Hop-by-Hop after Destination Options", K_IP6,
	  .opt = "0000 0104 00000000 3a00 0104 00000000",
	  .proto = NH_DSTOPTS, .reason = IGG_R_EXT_HBH_NOT_FIRST },
	{ "EXT-2", "Hop-by-Hop after a Hop-by-Hop", K_IP6,
	  .opt = "0000 0104 00000000 3a00 0104 00000000", .proto = NH0,
	  .reason = IGG_R_EXT_HBH_NOT_FIRST },
	{ "B2", "Hop-by-Hop PadN of 10 in 6 bytes", K_IP6,
	  .opt = "3b00 010a 00000000", .proto = NH0, .pl = "",
	  .reason = IGG_R_EXT_OPTION_LENGTH },
	{ "EXT-1", "Destination Options of 16, 15 there", K_IP6,
	  .opt = "3a01 0104 00000000", .proto = NH_DSTOPTS,
	  .pl = "0000 0000 0000 00", .reason = IGG_R_EXT_TRUNCATED },
	{ "EXT-1", "Destination Options of 16, 16 there", K_IP6,
	  .opt = "3b01 1e0c z12", .proto = NH_DSTOPTS, .pl = "",
	  .anom = RB(EXT_OPTION_UNKNOWN) },
	{ "EXT-1", "7 bytes where a header starts", K_IP6,
	  .proto = NH_DSTOPTS, .pl = "3b00 0104 000000",
	  .reason = IGG_R_EXT_TRUNCATED },
	{ "EXT-1", "fragment header of 7 bytes", K_IP6,
	  .proto = NH_FRAGMENT, .pl = "3b00 0000 000000",
	  .reason = IGG_R_EXT_TRUNCATED },
	{ "EXT-1", "AH of 12 bytes, 12 there", K_IP6, .proto = NH_AH,
	  .pl = "3b01 0000 00001000 00000001" },
	{ "EXT-1", "AH of 12 bytes, 11 there", K_IP6, .proto = NH_AH,
	  .pl = "3b01 0000 00001000 000000", .reason = IGG_R_EXT_TRUNCATED },
	{ "EXT-1", "AH of 8 bytes (payload length 0)", K_IP6, .proto = NH_AH,
	  .pl = "3b00 0000 00001000" },
	{ "G21", "No Next Header and a trailer", K_IP6, .proto = NH_NONE,
	  .pl = "67617262616765", .anom = RB(EXT_NO_NEXT_DATA) },
	{ "EXT-20", "No Next Header, nothing after", K_IP6, .proto = NH_NONE,
	  .pl = "" },
	{ "EXT-20", "No Next Header, one byte after", K_IP6,
	  .proto = NH_NONE, .pl = "00", .anom = RB(EXT_NO_NEXT_DATA) },
	/* The packet's last byte: its length byte is not there to read. */
	{ "EXT-4", "option type in the packet's last byte", K_IP6,
	  .opt = "3b00 0000 0000 001e", .proto = NH_DSTOPTS, .pl = "",
	  .reason = IGG_R_EXT_OPTION_LENGTH },
	{ "G22", "TCP SYN", K_IP6, .proto = NH_TCP,
	  .pl = "9c40 0016 00000000 00000000 5002 2000 0000 0000" },
	{ "G22", "ESP: the chain ends", K_IP6, .proto = NH_ESP, .pl = "z40" },
	{ "EXT-1", "AH, then ESP", K_IP6, .proto = NH_AH,
	  .pl = "3201 0000 00001000 00000001 z16" },
	{ "EXT-1", "Mobility header: the upper layer", K_IP6, .proto = 135,
	  .pl = "3b00 0500 0000 0000" },

	/* Option areas */
	{ "B3", "PadN with data de ad be ef", K_IP6,
	  .opt = "3a00 0104 deadbeef", .proto = NH0,
	  .reason = IGG_R_EXT_PADDING },
	{ "B4", "PadN 6, PadN 6, PadN 2: 14 bytes of padding", K_IP6,
	  .opt = "3a01 0104 00000000 0104 00000000 0100", .proto = NH0,
	  .reason = IGG_R_EXT_PADDING },
	{ "B5", "unknown option 5e (discard)", K_IP6,
	  .opt = "3a00 5e04 00000000", .proto = NH0,
	  .reason = IGG_R_EXT_OPTION_DISCARD },
	{ "B6", "unknown option 9e to ff02::1", K_IP6, .dst = "ff02::1",
	  .opt = "3a00 9e04 00000000", .proto = NH0,
	  .reason = IGG_R_EXT_OPTION_DISCARD },
	{ "EXT-7", "unknown option de (discard unless multicast)", K_IP6,
	  .opt = "3a00 de04 00000000", .proto = NH0,
	  .reason = IGG_R_EXT_OPTION_DISCARD },
	{ "B7", "router alert of length 4", K_IP6,
	  .opt = "3a00 0504 00000000", .proto = NH0,
	  .reason = IGG_R_EXT_OPTION_LENGTH },
	{ "EXT-9", "router alert of length 3", K_IP6,
	  .opt = "3a00 0503 000000 00", .proto = NH0,
	  .reason = IGG_R_EXT_OPTION_LENGTH },
	{ "EXT-9", "Linux's MLD Hop-by-Hop ahead of an echo", K_IP6,
	  .opt = RA0, .proto = NH0 },
	{ "EXT-9b", "router alert value 2", K_IP6,
	  .opt = "3a00 0502 0002 0100", .proto = NH0 },
	{ "EXT-9b", "router alert value 3", K_IP6,
	  .opt = "3a00 0502 0003 0100", .proto = NH0,
	  .anom = RB(EXT_ROUTER_ALERT) },
	{ "EXT-9b", "router alert twice", K_IP6,
	  .opt = "3a01 0502 0000 0502 0000 0104 00000000", .proto = NH0,
	  .anom = RB(EXT_ROUTER_ALERT) },
	{ "EXT-9b", "router alert in Destination Options", K_IP6,
	  .opt = "3a00 0502 0000 0100", .proto = NH_DSTOPTS,
	  .anom = RB(EXT_ROUTER_ALERT) },
	{ "B11", "nine unknown options of action 00", K_IP6,
	  .opt = "3a02 1e00 1e00 1e00 1e00 1e00 1e00 1e00 1e00 1e00"
		 " 0102 0000", .proto = NH_DSTOPTS,
	  .anom = RB(EXT_MANY_OPTIONS) | RB(EXT_OPTION_UNKNOWN) },
	{ "EXT-8", "eight unknown options of action 00", K_IP6,
	  .opt = "3a02 1e00 1e00 1e00 1e00 1e00 1e00 1e00 1e00 0104 0000 0000",
	  .proto = NH_DSTOPTS, .anom = RB(EXT_OPTION_UNKNOWN) },
	{ "G16", "Destination Options with option 1e", K_IP6,
	  .opt = "1100 1e04 00000000", .proto = NH_DSTOPTS,
	  .pl = UDP8 "6869", .anom = RB(EXT_OPTION_UNKNOWN) },
	{ "G15", "UDP behind Destination Options of padding", K_IP6,
	  .opt = "1100 0104 00000000", .proto = NH_DSTOPTS, .pl = UDP8 "6869" },
	{ "EXT-7", "CALIPSO and IOAM in Hop-by-Hop: known", K_IP6,
	  .opt = "3a01 0708 00000000 00000000 3102 0000", .proto = NH0 },
	{ "EXT-7", "CALIPSO in Destination Options: unknown, skip", K_IP6,
	  .opt = "3a00 0704 00000000", .proto = NH_DSTOPTS,
	  .anom = RB(EXT_OPTION_UNKNOWN) },
	{ "EXT-7", "home address in Hop-by-Hop: unknown, discard", K_IP6,
	  .opt = "3a02 0102 0000 c910 #2001:db8::1", .proto = NH0,
	  .reason = IGG_R_EXT_OPTION_DISCARD },
	{ "EXT-21", "home address, unicast", K_IP6,
	  .opt = "3a02 0102 0000 c910 #2001:db8::1", .proto = NH_DSTOPTS },
	{ "EXT-21", "home address ::", K_IP6,
	  .opt = "3a02 0102 0000 c910 #::", .proto = NH_DSTOPTS,
	  .reason = IGG_R_EXT_HOME_ADDRESS },
	{ "EXT-21", "home address of length 14", K_IP6,
	  .opt = "3a02 0102 0000 c90e #2001:db8::1", .proto = NH_DSTOPTS,
	  .reason = IGG_R_EXT_OPTION_LENGTH },
	{ "EXT-21", "home address twice, in two headers", K_IP6,
	  .opt = "3c02 0102 0000 c910 #2001:db8::1"
		 " 3a02 0102 0000 c910 #2001:db8::1", .proto = NH_DSTOPTS,
	  .reason = IGG_R_EXT_HOME_ADDRESS },

	/* Routing headers */
	{ "B12", "type 0, two addresses, 2 segments left", K_IP6,
	  .opt = "1104 0002 00000000 #2001:db8::a #2001:db8::b",
	  .proto = NH_ROUTING, .pl = UDP8, .reason = IGG_R_EXT_ROUTING },
	{ "B13", "type 2 with two addresses", K_IP6,
	  .opt = "1104 0201 00000000 #2001:db8::a #2001:db8::b",
	  .proto = NH_ROUTING, .pl = UDP8, .reason = IGG_R_EXT_ROUTING },
	{ "B14", "SRH, last entry 0, 5 segments left", K_IP6,
	  .opt = "1102 0405 00000000 #2001:db8::a", .proto = NH_ROUTING,
	  .pl = UDP8, .reason = IGG_R_EXT_ROUTING },
	/*
	 * CVE-2023-2156's shape is consistent (n = 33, 1 segment left): no
	 * reason of the list covers RPL as such, so it passes.
	 */
	{ "B15", "RPL, CmprI 15, three addresses' worth", K_IP6,
	  .src = "fe80::2", .dst = "fe80::2",
	  .opt = "3b06 0301 f0000000 #a8:: #a7:: #a6::", .proto = NH_ROUTING,
	  .pl = "" },
	{ "B16", "type 0, no segments left, to ff02::1", K_IP6,
	  .dst = "ff02::1", .opt = "3a02 0000 00000000 #2001:db8::a",
	  .proto = NH_ROUTING,
	  .anom = RB(EXT_ROUTING_MULTICAST) | RB(EXT_ROUTING0) },
	{ "G19", "type 2, Mobile IPv6", K_IP6, .dst = "2001:db8::c0a",
	  .opt = "1102 0201 00000000 #2001:db8::2", .proto = NH_ROUTING,
	  .pl = UDP8 },
	{ "G20", "type 0, no segments left", K_IP6,
	  .opt = "3a02 0000 00000000 #2001:db8::a", .proto = NH_ROUTING,
	  .anom = RB(EXT_ROUTING0) },
	{ "EXT-10", "type 5, no segments left: ignored", K_IP6,
	  .opt = "3a00 0500 00000000", .proto = NH_ROUTING },
	{ "EXT-10", "type 5, 1 segment left", K_IP6,
	  .opt = "3a00 0501 00000000", .proto = NH_ROUTING,
	  .reason = IGG_R_EXT_ROUTING },
	{ "EXT-10", "type 0, 1 segment left", K_IP6,
	  .opt = "3a02 0001 00000000 #2001:db8::a", .proto = NH_ROUTING,
	  .reason = IGG_R_EXT_ROUTING },
	{ "EXT-12", "type 2, no segments left", K_IP6,
	  .opt = "1102 0200 00000000 #2001:db8::2", .proto = NH_ROUTING,
	  .pl = UDP8, .reason = IGG_R_EXT_ROUTING },
	{ "EXT-12", "type 2, 2 segments left", K_IP6,
	  .opt = "1102 0202 00000000 #2001:db8::2", .proto = NH_ROUTING,
	  .pl = UDP8, .reason = IGG_R_EXT_ROUTING },

	/* Fragments */
	{ "B17", "M set, 21 bytes of fragment", K_IP6,
	  .opt = "1100 0001 00000007", .proto = NH_FRAGMENT, .pl = B17_UDP,
	  .reason = IGG_R_EXT_FRAGMENT },
	{ "B18", "offset 8190 and 64 bytes: past 64 KiB", K_IP6,
	  .opt = "1100 fff0 00000008", .proto = NH_FRAGMENT, .pl = "z64",
	  .reason = IGG_R_EXT_FRAGMENT },
	{ "B19", "first fragment ending after Destination Options", K_IP6,
	  .opt = "3c00 0001 00000009 1100 0104 00000000",
	  .proto = NH_FRAGMENT, .pl = "",
	  .reason = IGG_R_EXT_FIRST_FRAGMENT },
	/* EXT-18 has no reason of its own: a repeat is out of order. */
	{ "B20", "two atomic fragment headers", K_IP6,
	  .opt = "2c00 0000 0000000a 1100 0000 0000000b", .proto = NH_FRAGMENT,
	  .pl = UDP8, .anom = RB(EXT_ORDER) | RB(EXT_ATOMIC_FRAGMENT) },
	{ "G18", "atomic fragment", K_IP6, .opt = "3a00 0000 00000055",
	  .proto = NH_FRAGMENT, .anom = RB(EXT_ATOMIC_FRAGMENT) },
	{ "G17", "first fragment of a UDP datagram", K_IP6,
	  .opt = "1100 0001 00001234", .proto = NH_FRAGMENT,
	  .pl = "9c40 9c41 0bc0 0000 z1224" },
	{ "G17", "later fragment of a UDP datagram", K_IP6,
	  .opt = "1100 04d0 00001234", .proto = NH_FRAGMENT, .pl = "z1232" },
	{ "EXT-16", "first fragment cut inside a header", K_IP6,
	  .opt = "3c00 0001 00000009", .proto = NH_FRAGMENT,
	  .pl = "1101 0104 00000000", .reason = IGG_R_EXT_FIRST_FRAGMENT },
	{ "EXT-16", "first fragment of MLD", K_IP6,
	  .opt = "3a00 0001 00000009", .proto = NH_FRAGMENT,
	  .pl = "8300 0000 0000 0000", .reason = IGG_R_MLD_FRAGMENT },
	{ "EXT-16", "first fragment of an echo", K_IP6,
	  .opt = "3a00 0001 00000009", .proto = NH_FRAGMENT },

	/* Order (RFC 8200 4.1) */
	{ "EXT-3", "the whole recommended order", K_IP6,
	  .opt = "3c00 0104 00000000 2b00 0104 00000000 2c00 0500 00000000"
		 " 3300 0000 00000001 3c01 0000 00001000 00000001"
		 " 3a00 0104 00000000",
	  .proto = NH0, .anom = RB(EXT_ATOMIC_FRAGMENT) },
	{ "EXT-3", "routing after a fragment header", K_IP6,
	  .opt = "2b00 0000 00000001 3a00 0500 00000000",
	  .proto = NH_FRAGMENT,
	  .anom = RB(EXT_ORDER) | RB(EXT_ATOMIC_FRAGMENT) },
	{ "EXT-3", "three Destination Options", K_IP6,
	  .opt = DSTPAD DSTPAD "3a00 0104 00000000", .proto = NH_DSTOPTS,
	  .anom = RB(EXT_ORDER) },
};

const struct tgroup group_ipv6 = {
	"ipv6", ipv6_cases, sizeof(ipv6_cases) / sizeof(ipv6_cases[0]), NULL,
	NULL,
};
