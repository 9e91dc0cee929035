/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The address families igmpguard guards. Counters are kept per family,
 * and the log prints a family's addresses its own way.
 */
#ifndef _IGMPGUARD_FAMILY_H
#define _IGMPGUARD_FAMILY_H

enum igg_family {
	IGG_FAMILY_IPV4,
	IGG_FAMILY_IPV6,
	IGG_FAMILY_COUNT
};

#endif /* _IGMPGUARD_FAMILY_H */
