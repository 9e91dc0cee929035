/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reads an Ethernet pcap file (libpcap format, either byte order, micro- or
 * nanosecond stamps) into the network-layer part of each frame.
 */
#ifndef IGG_TEST_PCAP_H
#define IGG_TEST_PCAP_H

#include <stddef.h>
#include "pkt.h"

struct pcap_frame {
	struct pkt ip;		/* after Ethernet and any VLAN tags */
	u16 ethertype;		/* of the network layer */
	bool cut;		/* captured fewer bytes than were on the wire */
};

/* Returns the number of frames (*out is malloc'd) or -1 with @err set. */
int pcap_load(const char *path, struct pcap_frame **out, char *err,
	      size_t errlen);
void pcap_free(struct pcap_frame *f, int n);

#endif
