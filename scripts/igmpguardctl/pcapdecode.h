/* SPDX-License-Identifier: GPL-2.0 */
/*
 * From a captured frame to the IPv4 or IPv6 header inside it, for the link
 * types igmpguardctl reads. Knows nothing about the validator beyond which
 * bytes it reads, so that frames the capture cut short are told apart
 * from packets that really were short on the wire.
 */
#ifndef _IGG_PCAPDECODE_H
#define _IGG_PCAPDECODE_H

#include <igmpguard/types.h>

struct pcapdecode_ip {
	const u8 *ip;	/* first byte of the IPv4 or IPv6 header */
	u32 len;		/* captured bytes from there to the end */
	int family;		/* 4 or 6: what the link layer says it is */
};

/* Why a frame was not handed to the validator. */
#define PCAPDECODE_NOT_IP	"not-ip"
#define PCAPDECODE_TRUNCATED	"truncated-capture"
#define PCAPDECODE_SHORT	"short-frame"
#define PCAPDECODE_UNSUPPORTED	"unsupported-link"

/* Whether frames of this DLT_ link type can be decoded at all. */
bool pcapdecode_supported(int dlt);

/*
 * Find the IPv4 or IPv6 packet in @frame (@caplen bytes captured of
 * @wirelen on the wire). Returns NULL and fills @out, or one of the
 * PCAPDECODE_ strings.
 *
 * Truncated-capture means the capture lost bytes the validator would read:
 * the link header; for IPv4 its header, and for IGMP the datagram up to
 * its total length; for IPv6 the whole datagram, as its payload length
 * says (all the wire had for a length of 0). A frame captured whole but
 * shorter than its IP header claims is given to the validator, which
 * reports it as malformed. Reads nothing outside @frame[0..@caplen).
 */
const char *pcapdecode(int dlt, const u8 *frame, u32 caplen,
		       u32 wirelen, struct pcapdecode_ip *out);

#endif /* _IGG_PCAPDECODE_H */
