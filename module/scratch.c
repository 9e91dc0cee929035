// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU scratch buffers. They are allocated once at load, so the packet
 * path never allocates, and a per-CPU pointer finds them: 64 KiB is more
 * than the per-CPU allocator hands out.
 */
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/topology.h>

#include "scratch.h"

static DEFINE_PER_CPU(u8 *, igg_scratch);

int igg_scratch_init(void)
{
	unsigned int cpu;
	u8 *buf;

	for_each_possible_cpu(cpu) {
		buf = kvmalloc_node(IGG_SCRATCH_SIZE, GFP_KERNEL,
				    cpu_to_node(cpu));
		if (!buf) {
			igg_scratch_exit();
			return -ENOMEM;
		}
		per_cpu(igg_scratch, cpu) = buf;
	}
	return 0;
}

/* Called once no hook can run any more. */
void igg_scratch_exit(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		kvfree(per_cpu(igg_scratch, cpu));
		per_cpu(igg_scratch, cpu) = NULL;
	}
}

/*
 * The caller keeps BH disabled, and igg_inspect()'s nested-BH local lock
 * held, for as long as it uses the buffer. That pins it to this CPU, and
 * nothing else that could take the same buffer runs on this CPU
 * meanwhile: the hook is never called from hard IRQ, and on PREEMPT_RT,
 * where BH sections can be preempted, the per-CPU softirq lock that BH-off
 * takes there still serializes them.
 */
u8 *igg_scratch_get(void)
{
	lockdep_assert_in_softirq();
	return this_cpu_read(igg_scratch);
}
