/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bugs on purpose, for the debug kernel's test lane only: they prove that
 * the lane reports what it is there to catch. Compiled in only by
 * `make ... IGG_DEBUG_BUGS=y`; the shipped module has none of it.
 */
#ifndef _IGMPGUARD_DEBUG_H
#define _IGMPGUARD_DEBUG_H

#include <linux/types.h>

#ifdef IGG_DEBUG_BUGS
void igg_debug_overread(const u8 *pkt, u32 len);
#else
static inline void igg_debug_overread(const u8 *pkt, u32 len)
{
}
#endif

#endif /* _IGMPGUARD_DEBUG_H */
