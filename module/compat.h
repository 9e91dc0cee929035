/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels igmpguard builds for, in one place.
 * Each shim names the kernel that brought the real thing; drop it when
 * the oldest supported kernel has it.
 */
#ifndef _IGMPGUARD_COMPAT_H
#define _IGMPGUARD_COMPAT_H

#include <linux/local_lock.h>
#include <linux/lockdep.h>

/*
 * local_lock_nested_bh(), 6.11 ("locking/local_lock: Add local nested BH
 * locking infrastructure."). Before it, per-CPU data
 * used under local_bh_disable() had nothing to name it by: BH-off alone
 * serializes it, on PREEMPT_RT by the per-CPU softirq lock that
 * local_bh_disable() takes there. So the shim only checks that BH is off.
 */
#ifndef local_lock_nested_bh
#define local_lock_nested_bh(lock)			\
	do {						\
		(void)(lock);				\
		lockdep_assert_in_softirq();		\
	} while (0)
#define local_unlock_nested_bh(lock)	((void)(lock))
#endif

#endif /* _IGMPGUARD_COMPAT_H */
