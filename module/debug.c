// SPDX-License-Identifier: GPL-2.0
/*
 * debug_overread=1 makes the hook read one byte past the bytes it
 * validated. The packet's own buffer has slack behind it (tailroom, the
 * shared info) where such a read goes unnoticed, so the validated bytes
 * are first copied into an allocation of exactly their size: KASAN then
 * sees the read leave it.
 */
#include <linux/moduleparam.h>
#include <linux/slab.h>

#include "debug.h"

static bool igg_debug_overread_on;
module_param_named(debug_overread, igg_debug_overread_on, bool, 0644);
MODULE_PARM_DESC(debug_overread,
		 "Test only: read one byte past the validated packet (KASAN canary)");

void igg_debug_overread(const u8 *pkt, u32 len)
{
	u8 *copy;

	if (!READ_ONCE(igg_debug_overread_on) || !len)
		return;
	copy = kmemdup(pkt, len, GFP_ATOMIC);
	if (!copy)
		return;
	pr_info("debug_overread: the byte after %u validated ones is %#x\n",
		len, READ_ONCE(copy[len]));
	kfree(copy);
}
