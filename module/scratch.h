/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One buffer per CPU, big enough for any IPv4 datagram, for IGMP messages
 * that do not sit in the linear part of their skb.
 */
#ifndef _IGMPGUARD_SCRATCH_H
#define _IGMPGUARD_SCRATCH_H

#include <linux/ip.h>
#include <linux/types.h>

/* tot_len is 16 bits. */
#define IGG_SCRATCH_SIZE	IP_MAX_MTU

int igg_scratch_init(void);
void igg_scratch_exit(void);
u8 *igg_scratch_get(void);

#endif /* _IGMPGUARD_SCRATCH_H */
