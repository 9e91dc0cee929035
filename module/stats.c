// SPDX-License-Identifier: GPL-2.0
/*
 * Packet counters of one namespace and its /proc/net/igmpguard/ directory:
 *
 *   stats  (0444)  "name value" lines, the totals and then every reason
 *   reset  (0200)  writing "0" starts all counters again from zero
 */
#include <linux/capability.h>
#include <linux/percpu.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <net/net_namespace.h>

#include "stats.h"

static const char *const igg_total_names[IGG_STAT_REASON] = {
	[IGG_STAT_SEEN]		= "packets_seen",
	[IGG_STAT_VALIDATED]	= "packets_validated",
	[IGG_STAT_DROPPED]	= "packets_dropped",
	[IGG_STAT_MONITORED]	= "packets_monitored",
	[IGG_STAT_ANOMALOUS]	= "packets_anomalous",
	[IGG_STAT_BRIDGE_SEEN]		= "bridge_packets_seen",
	[IGG_STAT_BRIDGE_VALIDATED]	= "bridge_packets_validated",
	[IGG_STAT_BRIDGE_DROPPED]	= "bridge_packets_dropped",
	[IGG_STAT_BRIDGE_MONITORED]	= "bridge_packets_monitored",
	[IGG_STAT_BRIDGE_ANOMALOUS]	= "bridge_packets_anomalous",
};

static_assert(IGG_STAT_BRIDGE_ANOMALOUS - IGG_STAT_BRIDGE_VALIDATED ==
	      IGG_STAT_ANOMALOUS - IGG_STAT_VALIDATED);

/*
 * One judgement's outcome in the block of four that starts at @validated:
 * validated, then dropped, monitored and anomalous at the offsets they
 * have from IGG_STAT_VALIDATED.
 */
static void igg_stats_outcome(struct igg_pcpu_stats *s, unsigned int validated,
			      const struct igg_result *res, bool drop,
			      bool monitor)
{
	unsigned int idx = IGG_STAT_ANOMALOUS;

	if (drop)
		idx = monitor ? IGG_STAT_MONITORED : IGG_STAT_DROPPED;
	u64_stats_inc(&s->ctr[validated]);
	if (drop || !igg_set_empty(res->anomalies))
		u64_stats_inc(&s->ctr[validated + idx - IGG_STAT_VALIDATED]);
}

void igg_stats_validated(struct igg_stats *st, const struct igg_result *res,
			 bool drop, bool monitor)
{
	struct igg_pcpu_stats *s;
	unsigned int i, r;
	u64 bits;

	igg_stats_seen(st);
	s = igg_stats_begin(st);
	igg_stats_outcome(s, IGG_STAT_VALIDATED, res, drop, monitor);
	if (drop)
		u64_stats_inc(&s->ctr[IGG_STAT_REASON + res->reason]);
	for (i = 0; i < IGG_SET_WORDS; i++) {
		for (bits = res->anomalies.w[i]; bits; bits &= bits - 1) {
			r = 64 * i + __ffs64(bits);
			/* The validator reports no reason past the list. */
			if (r < IGG_R_COUNT)
				u64_stats_inc(&s->ctr[IGG_STAT_REASON + r]);
		}
	}
	igg_stats_end(s);
}

/* The totals as igg_stats_validated() counts them, and the bridge's. */
void igg_stats_bridge_validated(struct igg_stats *st,
				const struct igg_result *res, bool drop,
				bool monitor)
{
	struct igg_pcpu_stats *s;

	igg_stats_validated(st, res, drop, monitor);
	this_cpu_inc(st->pcpu->bridge_seen);
	s = igg_stats_begin(st);
	igg_stats_outcome(s, IGG_STAT_BRIDGE_VALIDATED, res, drop, monitor);
	igg_stats_end(s);
}

static u64 igg_stats_sum(const struct igg_stats *st, unsigned int idx)
{
	const struct igg_pcpu_stats *s;
	unsigned int start;
	u64 sum = 0, val;
	int cpu;

	for_each_possible_cpu(cpu) {
		s = per_cpu_ptr(st->pcpu, cpu);
		if (idx == IGG_STAT_SEEN || idx == IGG_STAT_BRIDGE_SEEN) {
			sum += idx == IGG_STAT_SEEN ? READ_ONCE(s->seen) :
						      READ_ONCE(s->bridge_seen);
			continue;
		}
		do {
			start = u64_stats_fetch_begin(&s->syncp);
			val = u64_stats_read(&s->ctr[idx]);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		sum += val;
	}
	return sum;
}

static int igg_stats_show(struct seq_file *seq, void *v)
{
	struct igg_stats *st = pde_data(file_inode(seq->file));
	unsigned int i;

	mutex_lock(&st->base_lock);
	for (i = 0; i < IGG_STAT_REASON; i++)
		seq_printf(seq, "%s %llu\n", igg_total_names[i],
			   igg_stats_sum(st, i) - st->base[i]);
	for (i = IGG_R_NONE + 1; i < IGG_R_COUNT; i++)
		seq_printf(seq, "%s %llu\n", igg_reasons[i].name,
			   igg_stats_sum(st, IGG_STAT_REASON + i) -
			   st->base[IGG_STAT_REASON + i]);
	mutex_unlock(&st->base_lock);
	return 0;
}

/*
 * A reset remembers the current sums, and readers subtract them. Zeroing
 * the per-CPU counters instead would race with their owners: a zero
 * written between another CPU's load and store of an increment is lost,
 * and the counter keeps its old value. Counters only grow, so the
 * difference never goes below zero.
 */
static void igg_stats_reset(struct igg_stats *st)
{
	unsigned int i;

	mutex_lock(&st->base_lock);
	for (i = 0; i < IGG_STAT_COUNT; i++)
		st->base[i] = igg_stats_sum(st, i);
	mutex_unlock(&st->base_lock);
}

static ssize_t igg_reset_write(struct file *file, const char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	struct igg_stats *st = pde_data(file_inode(file));
	char buf[2];

	/*
	 * Who opened the file, not who writes to it: a privileged program
	 * must not be made to reset by being handed an open file, and one
	 * that opened it may drop its privileges before writing.
	 */
	if (!file_ns_capable(file, st->net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	if (!len || len > sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	if (buf[0] != '0' || (len == 2 && buf[1] != '\n'))
		return -EINVAL;

	igg_stats_reset(st);
	return len;
}

static const struct proc_ops igg_reset_ops = {
	.proc_write	= igg_reset_write,
	.proc_lseek	= noop_llseek,
};

/* Let root of the namespace's owning user namespace reset, as conntrack. */
static void igg_proc_set_owner(struct proc_dir_entry *pde,
			       const struct net *net)
{
	kuid_t uid = make_kuid(net->user_ns, 0);
	kgid_t gid = make_kgid(net->user_ns, 0);

	if (uid_valid(uid) && gid_valid(gid))
		proc_set_user(pde, uid, gid);
}

int igg_stats_init(struct igg_stats *st, struct net *net)
{
	struct proc_dir_entry *stats, *reset;
	int cpu;

	st->net = net;
	mutex_init(&st->base_lock);
	memset(st->base, 0, sizeof(st->base));

	/*
	 * Charged to the creator's memory cgroup: anyone may create network
	 * namespaces, and each brings one of these per possible CPU.
	 */
	st->pcpu = alloc_percpu_gfp(struct igg_pcpu_stats, GFP_KERNEL_ACCOUNT);
	if (!st->pcpu)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(st->pcpu, cpu)->syncp);

	/* Its data is the net, which proc_create_net_single() files need. */
	st->dir = proc_net_mkdir(net, KBUILD_MODNAME, net->proc_net);
	if (!st->dir)
		goto err_pcpu;
	stats = proc_create_net_single("stats", 0444, st->dir, igg_stats_show,
				       st);
	reset = proc_create_data("reset", 0200, st->dir, &igg_reset_ops, st);
	if (!stats || !reset)
		goto err_dir;
	igg_proc_set_owner(st->dir, net);
	igg_proc_set_owner(stats, net);
	igg_proc_set_owner(reset, net);
	return 0;

err_dir:
	proc_remove(st->dir);
err_pcpu:
	free_percpu(st->pcpu);
	return -ENOMEM;
}

/* No hook may still be counting: see igg_net_pre_exit(). */
void igg_stats_exit(struct igg_stats *st)
{
	proc_remove(st->dir);
	free_percpu(st->pcpu);
}
