/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The validator is built both as part of igmpguard.ko and as plain C for
 * host tests, fuzzers and igmpguardctl. This is the only place that knows
 * which of the two it is.
 */
#ifndef _IGMPGUARD_TYPES_H
#define _IGMPGUARD_TYPES_H

#ifdef __KERNEL__
#include <linux/build_bug.h>
#include <linux/types.h>
#else
#include <assert.h>		/* static_assert */
#include <stdbool.h>
#include <stddef.h>

/* The compiler's own fixed-width types: no libc needed. */
typedef __UINT8_TYPE__ u8;
typedef __UINT16_TYPE__ u16;
typedef __UINT32_TYPE__ u32;
typedef __UINT64_TYPE__ u64;
#endif

#endif /* _IGMPGUARD_TYPES_H */
