// SPDX-License-Identifier: GPL-2.0
/*
 * Packet counters of one namespace and its /proc/net/igmpguard/ directory:
 *
 *   stats  (0444)  "name value" lines: the totals, the same per family
 *                  and for the bridge path, then every reason
 *   reset  (0200)  writing "0" starts all counters again from zero
 */
#include <linux/capability.h>
#include <linux/percpu.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <net/net_namespace.h>

#include "stats.h"

static const char *const igg_total_names[IGG_STAT_TOTALS] = {
	[IGG_STAT_SEEN]		= "packets_seen",
	[IGG_STAT_VALIDATED]	= "packets_validated",
	[IGG_STAT_DROPPED]	= "packets_dropped",
	[IGG_STAT_MONITORED]	= "packets_monitored",
	[IGG_STAT_ANOMALOUS]	= "packets_anomalous",
};

/*
 * Before a total's name, for the same count of one family, and of the
 * bridge path (at IGG_FAMILY_COUNT).
 */
static const char *const igg_family_prefix[IGG_FAMILY_COUNT + 1] = {
	[IGG_FAMILY_IPV4]	= "ipv4_",
	[IGG_FAMILY_IPV6]	= "ipv6_",
	[IGG_FAMILY_COUNT]	= "bridge_",
};

/* One judgement's outcome in a block of igg_stat counters. */
static void igg_stats_outcome(u64_stats_t *ctr, const struct igg_result *res,
			      bool drop, bool monitor)
{
	u64_stats_inc(&ctr[IGG_STAT_VALIDATED]);
	if (drop)
		u64_stats_inc(&ctr[monitor ? IGG_STAT_MONITORED :
					     IGG_STAT_DROPPED]);
	else if (!igg_set_empty(res->anomalies))
		u64_stats_inc(&ctr[IGG_STAT_ANOMALOUS]);
}

void igg_stats_validated(struct igg_stats *st, enum igg_family fam,
			 bool bridged, const struct igg_result *res, bool drop,
			 bool monitor)
{
	struct igg_pcpu_stats *s;
	unsigned int i, r;
	u64 bits;

	if (bridged)
		igg_stats_bridge_seen(st, fam);
	else
		igg_stats_seen(st, fam);
	s = igg_stats_begin(st);
	igg_stats_outcome(s->family[fam], res, drop, monitor);
	if (bridged)
		igg_stats_outcome(s->bridge, res, drop, monitor);
	if (drop)
		u64_stats_inc(&s->reason[res->reason]);
	for (i = 0; i < IGG_SET_WORDS; i++) {
		for (bits = res->anomalies.w[i]; bits; bits &= bits - 1) {
			r = 64 * i + __ffs64(bits);
			/* The validator reports no reason past the list. */
			if (r < IGG_R_COUNT)
				u64_stats_inc(&s->reason[r]);
		}
	}
	igg_stats_end(s);
}

/*
 * Line @line (a family's, the bridge path's or a reason's) of one CPU's
 * counters.
 */
static u64 igg_pcpu_read(const struct igg_pcpu_stats *s, unsigned int line)
{
	unsigned int fam = line / IGG_STAT_TOTALS - 1;
	unsigned int stat = line % IGG_STAT_TOTALS;
	const u64_stats_t *ctr;
	unsigned int start;
	u64 val;

	if (line >= IGG_LINE_REASON(0))
		ctr = &s->reason[line - IGG_LINE_REASON(0)];
	else if (fam == IGG_FAMILY_COUNT && stat == IGG_STAT_SEEN)
		return READ_ONCE(s->bridge_seen);
	else if (fam == IGG_FAMILY_COUNT)
		ctr = &s->bridge[stat];
	else if (stat != IGG_STAT_SEEN)
		ctr = &s->family[fam][stat];
	else
		return READ_ONCE(s->seen[fam]);
	do {
		start = u64_stats_fetch_begin(&s->syncp);
		val = u64_stats_read(ctr);
	} while (u64_stats_fetch_retry(&s->syncp, start));
	return val;
}

static u64 igg_stats_sum(const struct igg_stats *st, unsigned int line)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += igg_pcpu_read(per_cpu_ptr(st->pcpu, cpu), line);
	return sum;
}

/*
 * Line @line since the last reset; base_lock held. A total is the sum of
 * its families' lines as shown, so the file always adds up.
 */
static u64 igg_stats_line(const struct igg_stats *st, unsigned int line)
{
	unsigned int fam, l;
	u64 sum = 0;

	if (line >= IGG_STAT_TOTALS)
		return igg_stats_sum(st, line) - st->base[line];
	for (fam = 0; fam < IGG_FAMILY_COUNT; fam++) {
		l = IGG_LINE_FAMILY(fam, line);
		sum += igg_stats_sum(st, l) - st->base[l];
	}
	return sum;
}

static int igg_stats_show(struct seq_file *seq, void *v)
{
	struct igg_stats *st = pde_data(file_inode(seq->file));
	unsigned int fam, i;

	mutex_lock(&st->base_lock);
	for (i = 0; i < IGG_STAT_TOTALS; i++)
		seq_printf(seq, "%s %llu\n", igg_total_names[i],
			   igg_stats_line(st, i));
	/* The families', then the bridge path's. */
	for (fam = 0; fam <= IGG_FAMILY_COUNT; fam++)
		for (i = 0; i < IGG_STAT_TOTALS; i++)
			seq_printf(seq, "%s%s %llu\n", igg_family_prefix[fam],
				   igg_total_names[i],
				   igg_stats_line(st, IGG_LINE_FAMILY(fam, i)));
	for (i = IGG_R_NONE + 1; i < IGG_R_COUNT; i++)
		seq_printf(seq, "%s %llu\n", igg_reasons[i].name,
			   igg_stats_line(st, IGG_LINE_REASON(i)));
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
	for (i = IGG_STAT_TOTALS; i < IGG_LINES; i++)
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
