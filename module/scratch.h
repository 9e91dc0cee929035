/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One buffer per CPU, big enough for any IPv4 or IPv6 datagram (but an
 * IPv6 jumbogram), for the bytes the validator needs that do not sit in
 * the linear part of their skb.
 */
#ifndef _IGMPGUARD_SCRATCH_H
#define _IGMPGUARD_SCRATCH_H

#include <linux/ip.h>
#include <linux/types.h>
#include <net/ipv6.h>

/* IPv4's tot_len is 16 bits; IPv6's payload length too, after 40 bytes. */
#define IGG_SCRATCH_SIZE	(sizeof(struct ipv6hdr) + IPV6_MAXPLEN)
static_assert(IGG_SCRATCH_SIZE >= IP_MAX_MTU);

int igg_scratch_init(void);
void igg_scratch_exit(void);
u8 *igg_scratch_get(void);

#endif /* _IGMPGUARD_SCRATCH_H */
