// SPDX-License-Identifier: GPL-2.0
/*
 * Link-layer decoding for igmpguardctl: Ethernet with any stack of VLAN
 * tags and MPLS labels, Linux cooked v1 and v2, raw IP, BSD loopback and
 * Frame Relay.
 *
 * Every read is checked against the captured length first; the offset
 * never passes it, so no input can make this read out of bounds.
 */
#include "pcapdecode.h"

#include <stddef.h>

#include <pcap/dlt.h>

#define ETH_HLEN	14
#define SLL_HLEN	16
#define SLL2_HLEN	20
#define NULL_HLEN	4
#define VLAN_HLEN	4
#define IPV4_MIN_HLEN	20

#define ETH_P_IP	0x0800
#define ETH_P_8021Q	0x8100
#define ETH_P_8021AD	0x88a8
/* The outer tag of Q-in-Q before 802.1ad; switches still emit it. */
#define ETH_P_QINQ_OLD	0x9100
#define ETH_P_MPLS_UC	0x8847
#define ETH_P_MPLS_MC	0x8848
#define MPLS_HLEN	4
#define MPLS_BOS	0x01	/* bottom of stack, in the third octet */
/* Below this an Ethernet "type" is an 802.3 length. */
#define ETH_P_802_3_MIN	0x0600

/* BSD loopback keeps AF_INET, which is 2 on every system that writes it. */
#define BSD_AF_INET	2

/* Link types files carry for raw IP, whatever this libpcap calls DLT_RAW. */
#define LINKTYPE_RAW		101
#define DLT_RAW_COMMON		12
#define DLT_RAW_OPENBSD		14

#define IPPROTO_IGMP_NUM	2

/* Frame Relay: Q.922 address, then RFC 2427 or Cisco encapsulation. */
#define FR_ADDR_MAX	4
#define FR_EA		0x01	/* last address octet */
#define FR_UI		0x03	/* control: RFC 2427 multiprotocol */
#define NLPID_PAD	0x00
#define NLPID_SNAP	0x80
#define NLPID_IPV4	0xcc
#define SNAP_HLEN	5	/* OUI and EtherType after the NLPID */

struct frame {
	const u8 *data;
	u32 caplen;
	u32 wirelen;
	u32 off;		/* never above caplen */
};

static u16 get16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static bool cut(const struct frame *f)
{
	return f->caplen < f->wirelen;
}

/* Not enough bytes for the next header: lost by the capture, or never sent. */
static const char *short_of(const struct frame *f)
{
	return cut(f) ? PCAPDECODE_TRUNCATED : PCAPDECODE_SHORT;
}

static bool is_raw(int dlt)
{
	return dlt == DLT_RAW || dlt == DLT_RAW_COMMON ||
	       dlt == DLT_RAW_OPENBSD || dlt == LINKTYPE_RAW;
}

bool pcapdecode_supported(int dlt)
{
	return dlt == DLT_EN10MB || dlt == DLT_LINUX_SLL ||
	       dlt == DLT_LINUX_SLL2 || dlt == DLT_IPV4 || dlt == DLT_NULL ||
	       dlt == DLT_LOOP || dlt == DLT_FRELAY || is_raw(dlt);
}

/* Step over 802.1Q and 802.1ad tags, however many are stacked. */
static const char *skip_vlans(struct frame *f, u16 *type)
{
	while (*type == ETH_P_8021Q || *type == ETH_P_8021AD ||
	       *type == ETH_P_QINQ_OLD) {
		if (f->caplen - f->off < VLAN_HLEN)
			return short_of(f);
		*type = get16(f->data + f->off + 2);
		f->off += VLAN_HLEN;
	}
	return NULL;
}

/*
 * Step over an MPLS label stack. Nothing says what is under the bottom
 * label; an IPv4 version nibble is what tshark and tcpdump go by too.
 */
static const char *skip_mpls(struct frame *f)
{
	bool bottom;

	do {
		if (f->caplen - f->off < MPLS_HLEN)
			return short_of(f);
		bottom = f->data[f->off + 2] & MPLS_BOS;
		f->off += MPLS_HLEN;
	} while (!bottom);
	if (f->off >= f->caplen)
		return short_of(f);
	return f->data[f->off] >> 4 == 4 ? NULL : PCAPDECODE_NOT_IPV4;
}

/* An EtherType at @type_off, the payload at @hlen. */
static const char *ethertype(struct frame *f, u32 hlen, u32 type_off)
{
	const char *why;
	u16 type;

	if (f->caplen < hlen)
		return short_of(f);
	type = get16(f->data + type_off);
	f->off = hlen;
	why = skip_vlans(f, &type);
	if (why)
		return why;
	if (type == ETH_P_MPLS_UC || type == ETH_P_MPLS_MC)
		return skip_mpls(f);
	return type == ETH_P_IP ? NULL : PCAPDECODE_NOT_IPV4;
}

static const char *ethernet(struct frame *f)
{
	if (f->caplen >= ETH_HLEN && get16(f->data + 12) < ETH_P_802_3_MIN)
		return PCAPDECODE_NOT_IPV4;
	return ethertype(f, ETH_HLEN, 12);
}

static const char *bsd_loopback(struct frame *f, bool any_order)
{
	const u8 *p = f->data;

	if (f->caplen < NULL_HLEN)
		return short_of(f);
	f->off = NULL_HLEN;
	if (!p[0] && !p[1] && !p[2] && p[3] == BSD_AF_INET)
		return NULL;
	/* DLT_NULL is in the byte order of the host that captured. */
	if (any_order && p[0] == BSD_AF_INET && !p[1] && !p[2] && !p[3])
		return NULL;
	return PCAPDECODE_NOT_IPV4;
}

static const char *raw_ip(struct frame *f, bool only_v4)
{
	if (!f->caplen)
		return short_of(f);
	f->off = 0;
	if (only_v4 || f->data[0] >> 4 == 4)
		return NULL;
	return PCAPDECODE_NOT_IPV4;
}

/* The next octet of the frame, or false when there is none. */
static bool next_octet(struct frame *f, u8 *out)
{
	if (f->off >= f->caplen)
		return false;
	*out = f->data[f->off++];
	return true;
}

static const char *frame_relay(struct frame *f)
{
	const u8 *p;
	u8 b = 0;

	/* The address ends at the octet with EA set, two to four octets. */
	do {
		if (!next_octet(f, &b))
			return short_of(f);
	} while (!(b & FR_EA) && f->off < FR_ADDR_MAX);
	if (!(b & FR_EA) || f->off < 2)
		return PCAPDECODE_NOT_IPV4;

	if (f->caplen - f->off >= 1 && f->data[f->off] != FR_UI) {
		/* Cisco encapsulation: an EtherType straight after. */
		if (f->caplen - f->off < 2)
			return short_of(f);
		f->off += 2;
		return get16(f->data + f->off - 2) == ETH_P_IP ?
		       NULL : PCAPDECODE_NOT_IPV4;
	}
	if (!next_octet(f, &b) || !next_octet(f, &b))
		return short_of(f);
	if (b == NLPID_PAD && !next_octet(f, &b))
		return short_of(f);
	if (b == NLPID_IPV4)
		return NULL;
	if (b != NLPID_SNAP)
		return PCAPDECODE_NOT_IPV4;
	if (f->caplen - f->off < SNAP_HLEN)
		return short_of(f);
	p = f->data + f->off;
	f->off += SNAP_HLEN;
	return !p[0] && !p[1] && !p[2] && get16(p + 3) == ETH_P_IP ?
	       NULL : PCAPDECODE_NOT_IPV4;
}

static const char *link_layer(int dlt, struct frame *f)
{
	if (dlt == DLT_EN10MB)
		return ethernet(f);
	if (dlt == DLT_LINUX_SLL)
		return ethertype(f, SLL_HLEN, 14);
	if (dlt == DLT_LINUX_SLL2)
		return ethertype(f, SLL2_HLEN, 0);
	if (dlt == DLT_IPV4)
		return raw_ip(f, true);
	if (is_raw(dlt))
		return raw_ip(f, false);
	if (dlt == DLT_NULL)
		return bsd_loopback(f, true);
	if (dlt == DLT_LOOP)
		return bsd_loopback(f, false);
	if (dlt == DLT_FRELAY)
		return frame_relay(f);
	return PCAPDECODE_UNSUPPORTED;
}

/*
 * Whether the validator would need bytes that were on the wire but not
 * captured. It reads @need bytes, or what the wire had if that was less.
 */
static bool lost(u32 need, u32 avail, u32 wire)
{
	return (need < wire ? need : wire) > avail;
}

const char *pcapdecode(int dlt, const u8 *data, u32 caplen,
		       u32 wirelen, struct pcapdecode_ip *out)
{
	struct frame f = { .data = data, .caplen = caplen, .wirelen = wirelen };
	const u8 *ip;
	u32 avail, wire;
	const char *why;

	why = link_layer(dlt, &f);
	if (why)
		return why;

	ip = data + f.off;
	avail = caplen - f.off;
	wire = cut(&f) ? wirelen - f.off : avail;
	if (lost(IPV4_MIN_HLEN, avail, wire))
		return PCAPDECODE_TRUNCATED;
	if (avail >= IPV4_MIN_HLEN) {
		if (lost((ip[0] & 0xfu) * 4, avail, wire))
			return PCAPDECODE_TRUNCATED;
		if (ip[9] == IPPROTO_IGMP_NUM &&
		    lost(get16(ip + 2), avail, wire))
			return PCAPDECODE_TRUNCATED;
	}
	out->ip = ip;
	out->len = avail;
	return NULL;
}
