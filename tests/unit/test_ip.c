// SPDX-License-Identifier: GPL-2.0
/*
 * Spec section 6, IP-1 and IP-2: the IPv4 header against the buffer, and
 * the sources IGMP must not come from.
 */
#include "pcase.h"
#include "tests.h"

#define GQ2	"1164 0000 @0.0.0.0"
#define REP2	"1600 0000 @239.1.2.3"

static void cut_to_19(struct pkt *k)
{
	pkt_resize(k, 19, 0);
}

static void cut_to_0(struct pkt *k)
{
	pkt_resize(k, 0, 0);
}

static void cut_1(struct pkt *k)
{
	pkt_resize(k, k->len - 1, 0);
}

static void cut_4(struct pkt *k)
{
	pkt_resize(k, k->len - 4, 0);
}

static void pad_18(struct pkt *k)
{
	pkt_resize(k, k->len + 18, 0xee);
}

static void version_6(struct pkt *k)
{
	k->d[0] = 0x60 | (k->d[0] & 0xf);
	ip_fix_csum(k->d);
}

static void ihl_4(struct pkt *k)
{
	k->d[0] = 0x44;
	ip_fix_csum(k->d);
}

static void ihl_15(struct pkt *k)
{
	k->d[0] = 0x4f;
}

static void tot_22(struct pkt *k)
{
	ip_set_tot(k->d, 22);
}

static const struct pcase ip_cases[] = {
	{ "IP-1", "19 bytes", K_RAW, .edit = cut_to_19,
	  .reason = IGG_R_IP_HEADER },
	{ "IP-1", "empty buffer", K_RAW, .edit = cut_to_0,
	  .reason = IGG_R_IP_HEADER },
	{ "IP-1", "version 6", K_RAW, .edit = version_6,
	  .reason = IGG_R_IP_HEADER },
	{ "IP-1", "IHL 4", K_RAW, .edit = ihl_4, .reason = IGG_R_IP_HEADER },
	{ "IP-1", "IHL 15 in a 28-byte buffer", K_RAW, .edit = ihl_15,
	  .reason = IGG_R_IP_HEADER },
	{ "IP-1", "total length below the header length", K_IGMP,
	  .pl = REP2, .dst = "239.1.2.3", .edit = tot_22,
	  .reason = IGG_R_IP_HEADER },
	{ "IP-1", "IGMP total length one past the buffer", K_IGMP,
	  .pl = REP2, .dst = "239.1.2.3", .edit = cut_1,
	  .reason = IGG_R_IP_HEADER },
	/* Like every header failure: the header decides before the rest. */
	{ "IP-1", "IGMP past the buffer from a bad source", K_IGMP,
	  .pl = REP2, .dst = "239.1.2.3", .src = "127.0.0.1", .edit = cut_1,
	  .reason = IGG_R_IP_HEADER },
	{ "IP-1", "ICMP past the buffer: payload never read", K_RAW,
	  .edit = cut_4 },
	{ "IP-1", "options still checked when the payload is cut", K_RAW,
	  .opt = "07 07 04 z4", .edit = cut_4, .anom = RB(OPT_RECORD) },
	{ "IP-1", "IGMP with link-layer padding", K_IGMP, .pl = REP2,
	  .dst = "239.1.2.3", .edit = pad_18 },
	{ "IP-1", "ICMP with no payload at all", K_RAW, .pl = "" },
	{ "IP-1", "IGMP with no payload at all", K_IGMP, .pl = "",
	  .reason = IGG_R_IGMP_TRUNCATED },

	{ "IP-2", "IGMP from 0.0.0.0", K_IGMP, .pl = GQ2, .src = "0.0.0.0" },
	{ "IP-2", "IGMP from 0.1.2.3", K_IGMP, .pl = GQ2, .src = "0.1.2.3",
	  .reason = IGG_R_IGMP_SOURCE },
	{ "IP-2", "IGMP from 0.255.255.255", K_IGMP, .pl = GQ2,
	  .src = "0.255.255.255", .reason = IGG_R_IGMP_SOURCE },
	{ "IP-2", "IGMP from 127.0.0.1", K_IGMP, .pl = GQ2,
	  .src = "127.0.0.1", .reason = IGG_R_IGMP_SOURCE },
	{ "IP-2", "IGMP from 127.255.255.254", K_IGMP, .pl = GQ2,
	  .src = "127.255.255.254", .reason = IGG_R_IGMP_SOURCE },
	{ "IP-2", "IGMP from 255.255.255.255", K_IGMP, .pl = GQ2,
	  .src = "255.255.255.255", .reason = IGG_R_IGMP_SOURCE },
	{ "IP-2", "IGMP from 239.255.255.255", K_IGMP, .pl = GQ2,
	  .src = "239.255.255.255", .reason = IGG_R_IGMP_SOURCE },
	{ "IP-2", "IGMP from 224.0.0.0", K_IGMP, .pl = GQ2,
	  .src = "224.0.0.0", .reason = IGG_R_IGMP_SOURCE },
	{ "IP-2", "IGMP from 1.0.0.0", K_IGMP, .pl = GQ2, .src = "1.0.0.0" },
	{ "IP-2", "IGMP from 126.255.255.255", K_IGMP, .pl = GQ2,
	  .src = "126.255.255.255" },
	{ "IP-2", "IGMP from 128.0.0.1", K_IGMP, .pl = GQ2,
	  .src = "128.0.0.1" },
	{ "IP-2", "IGMP from 223.255.255.255", K_IGMP, .pl = GQ2,
	  .src = "223.255.255.255" },
	{ "IP-2", "IGMP from 255.255.255.254", K_IGMP, .pl = GQ2,
	  .src = "255.255.255.254" },
	{ "IP-2", "DVMRP from loopback", K_IGMP, .pl = "1300 0000 z4",
	  .src = "127.0.0.1", .reason = IGG_R_IGMP_SOURCE },
	{ "IP-2", "ICMP from loopback is not IGMP's business", K_RAW,
	  .src = "127.0.0.1" },
};

const struct tgroup group_ip = {
	"ip", ip_cases, sizeof(ip_cases) / sizeof(ip_cases[0]), NULL, NULL,
};
