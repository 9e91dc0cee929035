// SPDX-License-Identifier: GPL-2.0
/*
 * Link-layer decoding for igmpguardctl: Ethernet with any stack of VLAN
 * tags and MPLS labels, Linux cooked v1 and v2, raw IP, BSD loopback and
 * Frame Relay, each carrying IPv4 or IPv6.
 *
 * Every read is checked against the captured length first; the offset
 * never passes it, so no input can make this read out of bounds.
 */
#include "pcapdecode.h"

#include <stddef.h>
#include <stdint.h>

#include <pcap/dlt.h>

#define ETH_HLEN	14
#define SLL_HLEN	16
#define SLL2_HLEN	20
#define NULL_HLEN	4
#define VLAN_HLEN	4
#define IPV4_MIN_HLEN	20
#define IPV6_HLEN	40u

#define ETH_P_IP	0x0800
#define ETH_P_IPV6	0x86dd
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

/*
 * BSD loopback keeps the sender's AF_: AF_INET is 2 on every system that
 * writes it, AF_INET6 is 24 (NetBSD, OpenBSD), 28 (FreeBSD, DragonFly)
 * or 30 (macOS), so a reader takes any of them, as libpcap's do.
 */
#define BSD_AF_INET		2
#define BSD_AF_INET6_BSD	24
#define BSD_AF_INET6_FREEBSD	28
#define BSD_AF_INET6_DARWIN	30

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
#define NLPID_IPV6	0x8e
#define SNAP_HLEN	5	/* OUI and EtherType after the NLPID */

struct frame {
	const u8 *data;
	u32 caplen;
	u32 wirelen;
	u32 off;		/* never above caplen */
	int family;		/* 4 or 6 once the link layer said which */
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
	       dlt == DLT_LINUX_SLL2 || dlt == DLT_IPV4 || dlt == DLT_IPV6 ||
	       dlt == DLT_NULL || dlt == DLT_LOOP || dlt == DLT_FRELAY ||
	       is_raw(dlt);
}

/* The family an EtherType names, or NOT_IP. */
static const char *by_ethertype(struct frame *f, u16 type)
{
	if (type == ETH_P_IP)
		f->family = 4;
	else if (type == ETH_P_IPV6)
		f->family = 6;
	else
		return PCAPDECODE_NOT_IP;
	return NULL;
}

/*
 * The family the version nibble at the offset names, where nothing else
 * says (raw IP, under MPLS), as tshark and tcpdump go by it too.
 */
static const char *by_version(struct frame *f)
{
	if (f->off >= f->caplen)
		return short_of(f);
	f->family = f->data[f->off] >> 4;
	return f->family == 4 || f->family == 6 ? NULL : PCAPDECODE_NOT_IP;
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

/* Step over an MPLS label stack: nothing says what is under it. */
static const char *skip_mpls(struct frame *f)
{
	bool bottom;

	do {
		if (f->caplen - f->off < MPLS_HLEN)
			return short_of(f);
		bottom = f->data[f->off + 2] & MPLS_BOS;
		f->off += MPLS_HLEN;
	} while (!bottom);
	return by_version(f);
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
	return by_ethertype(f, type);
}

static const char *ethernet(struct frame *f)
{
	if (f->caplen >= ETH_HLEN && get16(f->data + 12) < ETH_P_802_3_MIN)
		return PCAPDECODE_NOT_IP;
	return ethertype(f, ETH_HLEN, 12);
}

static bool bsd_af_inet6(u32 af)
{
	return af == BSD_AF_INET6_BSD || af == BSD_AF_INET6_FREEBSD ||
	       af == BSD_AF_INET6_DARWIN;
}

static const char *bsd_loopback(struct frame *f, bool any_order)
{
	const u8 *p = f->data;
	u32 af;

	if (f->caplen < NULL_HLEN)
		return short_of(f);
	f->off = NULL_HLEN;
	af = (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
	/* DLT_NULL is in the byte order of the host that captured. */
	if (any_order && af > 0xffffff)
		af = (u32)p[3] << 24 | (u32)p[2] << 16 | (u32)p[1] << 8 | p[0];
	if (af == BSD_AF_INET)
		f->family = 4;
	else if (bsd_af_inet6(af))
		f->family = 6;
	else
		return PCAPDECODE_NOT_IP;
	return NULL;
}

/* @family 4 or 6 for a link type of one family, 0 for either. */
static const char *raw_ip(struct frame *f, int family)
{
	if (!f->caplen)
		return short_of(f);
	f->off = 0;
	if (!family)
		return by_version(f);
	f->family = family;
	return NULL;
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
		return PCAPDECODE_NOT_IP;

	if (f->caplen - f->off >= 1 && f->data[f->off] != FR_UI) {
		/* Cisco encapsulation: an EtherType straight after. */
		if (f->caplen - f->off < 2)
			return short_of(f);
		f->off += 2;
		return by_ethertype(f, get16(f->data + f->off - 2));
	}
	if (!next_octet(f, &b) || !next_octet(f, &b))
		return short_of(f);
	if (b == NLPID_PAD && !next_octet(f, &b))
		return short_of(f);
	if (b == NLPID_IPV4 || b == NLPID_IPV6) {
		f->family = b == NLPID_IPV4 ? 4 : 6;
		return NULL;
	}
	if (b != NLPID_SNAP)
		return PCAPDECODE_NOT_IP;
	if (f->caplen - f->off < SNAP_HLEN)
		return short_of(f);
	p = f->data + f->off;
	f->off += SNAP_HLEN;
	if (p[0] || p[1] || p[2])
		return PCAPDECODE_NOT_IP;
	return by_ethertype(f, get16(p + 3));
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
		return raw_ip(f, 4);
	if (dlt == DLT_IPV6)
		return raw_ip(f, 6);
	if (is_raw(dlt))
		return raw_ip(f, 0);
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

/*
 * What the IPv4 validator reads of the @avail bytes at @ip: when they do
 * not hold what the answer rests on, as far as that.
 */
static u32 ipv4_need(const u8 *ip, u32 avail)
{
	u32 hlen;

	if (avail < IPV4_MIN_HLEN)
		return IPV4_MIN_HLEN;
	hlen = (ip[0] & 0xfu) * 4;
	if (ip[9] == IPPROTO_IGMP_NUM && get16(ip + 2) > hlen)
		return get16(ip + 2);
	return hlen;
}

/*
 * What the IPv6 validator reads of the @avail bytes at @ip, as for IPv4:
 * the whole datagram, as it judges the payload length against the bytes
 * it has. Payload length 0 (jumbo, or GSO as the stack built it) asks
 * for all the wire had.
 */
static u32 ipv6_need(const u8 *ip, u32 avail)
{
	if (avail < IPV6_HLEN)
		return IPV6_HLEN;
	return get16(ip + 4) ? IPV6_HLEN + get16(ip + 4) : UINT32_MAX;
}

const char *pcapdecode(int dlt, const u8 *data, u32 caplen,
		       u32 wirelen, struct pcapdecode_ip *out)
{
	struct frame f = { .data = data, .caplen = caplen, .wirelen = wirelen };
	const u8 *ip;
	u32 avail, wire, need;
	const char *why;

	why = link_layer(dlt, &f);
	if (why)
		return why;

	ip = data + f.off;
	avail = caplen - f.off;
	wire = cut(&f) ? wirelen - f.off : avail;
	/*
	 * A need past what was captured is either lost, or the packet was
	 * that short on the wire and all of it is here.
	 */
	need = f.family == 4 ? ipv4_need(ip, avail) : ipv6_need(ip, avail);
	if (lost(need, avail, wire))
		return PCAPDECODE_TRUNCATED;
	out->ip = ip;
	out->len = avail;
	out->family = f.family;
	return NULL;
}
