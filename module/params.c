// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters: /sys/module/igmpguard/parameters/.
 *
 * Each setter parses its whole input first, then builds the next settings
 * from a copy of the current ones and publishes them; on any error the old
 * settings stay in force. Parameters given at load time are set before
 * igg_params_init() runs: the setters then only record them, and init
 * publishes the result.
 */
#include <linux/lockdep.h>
#include <linux/moduleparam.h>
#include <linux/netdevice.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/string.h>

#include "hook.h"
#include "netns.h"
#include "params.h"

/* Everything the parameters read back, in one place. */
struct igg_settings {
	struct igg_policy pol;
	bool enabled;
	/* Each family's hooks, while enabled. */
	bool ipv4;
	bool ipv6;
	bool monitor;
	bool log;
	bool log_all_netns;
	enum igg_bridge_mode bridge;
};

/* See params.h. */
DEFINE_MUTEX(igg_config_mutex);
struct igg_conf __rcu *igg_active;

const char *const igg_mode_names[2] = { "block", "monitor" };
const char *const igg_bridge_mode_names[IGG_BRIDGE_MODES] = {
	[IGG_BRIDGE_OFF]	= "off",
	[IGG_BRIDGE_MALFORMED]	= "malformed",
	[IGG_BRIDGE_POLICY]	= "policy",
};

/* All four under igg_config_mutex. */
static struct igg_settings igg_settings;
static bool igg_settings_ready;	/* defaults filled in */
static bool igg_live;		/* between init and exit: publish changes */
static bool igg_has_ipv6;	/* the kernel receives IPv6, from init on */

static struct igg_settings *igg_settings_get(void)
{
	lockdep_assert_held(&igg_config_mutex);

	/* igg_policy_default() is code, so the defaults cannot be static. */
	if (!igg_settings_ready) {
		igg_policy_default(&igg_settings.pol);
		igg_settings.enabled = true;
		igg_settings.ipv4 = true;
		igg_settings.ipv6 = true;
		igg_settings.monitor = false;
		igg_settings.log = true;
		igg_settings.log_all_netns = false;
		igg_settings.bridge = IGG_BRIDGE_OFF;
		if (IS_ENABLED(CONFIG_NETFILTER_FAMILY_BRIDGE))
			igg_settings.bridge = IGG_BRIDGE_POLICY;
		igg_settings_ready = true;
	}
	return &igg_settings;
}

/*
 * The hooks a family needs under @s, given the policy reason of its
 * fragmented membership messages. Local in only matters while those can
 * pass prerouting, to be reassembled behind it.
 */
static unsigned int igg_family_hooks(const struct igg_settings *s,
				     enum igg_family fam,
				     enum igg_reason fragment)
{
	bool frags_pass = s->monitor || !igg_set_has(s->pol.drop, fragment);

	return IGG_HOOK_BIT(IGG_HOOK_ID(fam, IGG_AT_PREROUTING)) |
	       (frags_pass ?
		IGG_HOOK_BIT(IGG_HOOK_ID(fam, IGG_AT_REASSEMBLED)) : 0);
}

/*
 * The families the bridge hook judges under @s (IGG_FAMILY_* bits). Those
 * whose switch is on, whether or not this host receives them: the bridge
 * forwards IPv6 to its ports and snoops MLD with ipv6.disable=1 too.
 */
static unsigned int igg_bridge_families(const struct igg_settings *s)
{
	if (!s->enabled || s->bridge == IGG_BRIDGE_OFF)
		return 0;
	return (s->ipv4 ? BIT(IGG_FAMILY_IPV4) : 0) |
	       (s->ipv6 ? BIT(IGG_FAMILY_IPV6) : 0);
}

/* The hooks every namespace needs under @s. */
static unsigned int igg_hooks_needed(const struct igg_settings *s)
{
	unsigned int hooks;

	if (!s->enabled)
		return 0;
	hooks = 0;
	if (s->ipv4)
		hooks |= igg_family_hooks(s, IGG_FAMILY_IPV4,
					  IGG_R_IGMP_FRAGMENT);
	if (s->ipv6 && igg_has_ipv6)
		hooks |= igg_family_hooks(s, IGG_FAMILY_IPV6,
					  IGG_R_MLD_FRAGMENT);
	if (igg_bridge_families(s))
		hooks |= IGG_HOOK_BIT(IGG_HOOK_BRIDGE);
	return hooks;
}

unsigned int igg_params_hooks(void)
{
	return igg_hooks_needed(igg_settings_get());
}

/*
 * Publish @s. The IP hooks leave to the bridge hook only the families in
 * @skip of those it judges (see igg_apply()).
 */
static int igg_publish(const struct igg_settings *s, unsigned int skip)
{
	struct igg_conf *conf, *old;

	lockdep_assert_held(&igg_config_mutex);

	if (!igg_live)
		return 0;
	conf = kmalloc(sizeof(*conf), GFP_KERNEL);
	if (!conf)
		return -ENOMEM;
	conf->pol = s->pol;
	conf->monitor = s->monitor;
	conf->log = s->log;
	conf->log_all_netns = s->log_all_netns;
	conf->bridge_judge = igg_bridge_families(s);
	conf->bridge_skip = conf->bridge_judge & skip;
	conf->bridge_pol = s->pol;
	if (s->bridge == IGG_BRIDGE_MALFORMED)
		conf->bridge_pol.drop = (struct igg_set){ { 0 } };
	old = rcu_replace_pointer(igg_active, conf,
				  lockdep_is_held(&igg_config_mutex));
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

/*
 * Publish @s, whose bridge hook judges families it did not before, those
 * in @judged, in two steps. The IP hooks leave a family to the bridge
 * hook only once no frame that crossed bridge prerouting without being
 * judged can still reach them: bridge prerouting to ip_rcv() runs in one
 * RCU read-side section, so a grace period between the two waits for
 * them. What it cannot wait for: a frame that RPS on the bridge device
 * queued for another CPU, or that a bridge nfqueue verdict holds, right
 * then, goes up unjudged. Should the second step fail, the first stays
 * in force, judging more than the settings say and leaving less: never
 * a frame judged by nobody.
 */
static int igg_publish_bridged(const struct igg_settings *s,
			       unsigned int judged)
{
	int err;

	if (!(igg_bridge_families(s) & ~judged))
		return igg_publish(s, ~0u);
	err = igg_publish(s, judged);
	if (err)
		return err;
	synchronize_net();
	if (igg_publish(s, ~0u))
		pr_warn("bridged frames are judged twice until the next parameter write\n");
	return 0;
}

/*
 * Make @next the settings, unless its hooks cannot be registered or it
 * cannot be published; then nothing changes.
 *
 * No reassembled datagram may reach igmp_rcv() unchecked. Hooks the new
 * settings need are therefore registered before the settings that let
 * fragments pass are published. Hooks they no longer need go only once
 * no packet that passed prerouting under the old settings can still be
 * on its way to them: ip_rcv() to ip_local_deliver() runs with BH off,
 * an RCU read-side section (on PREEMPT_RT too, where local_bh_disable()
 * takes the RCU read lock), and so does nf_reinject() for a packet an
 * nfnetlink_queue verdict sends on, so synchronize_net() after the
 * publish waits for all of them. Two places keep fragments longer:
 *  - a defrag queue (ip_local_deliver()'s, or nf_defrag_ipv4's) holding
 *    fragments that passed earlier completes only with a fragment that
 *    passes prerouting now, and the published settings drop those;
 *  - a packet waiting in userspace for an nfnetlink_queue verdict:
 *    unregistering any hook of the namespace flushes its queues
 *    (nf_queue_nf_hook_drop() in __nf_unregister_net_hook()), dropping
 *    it. Only if that shrink's allocation fails is the flush skipped, and
 *    such a packet, once accepted, could still go up unchecked.
 */
static int igg_apply(const struct igg_settings *next)
{
	unsigned int had = igg_hooks_needed(&igg_settings);
	unsigned int need = igg_hooks_needed(next);
	int err;

	lockdep_assert_held(&igg_config_mutex);

	if (!igg_live) {
		igg_settings = *next;
		return 0;
	}
	err = igg_netns_set_hooks(had | need, had);
	if (err)
		return err;
	err = igg_publish_bridged(next, igg_bridge_families(&igg_settings));
	if (err) {
		/* Only takes away what was just added: cannot fail. */
		igg_netns_set_hooks(had, had | need);
		return err;
	}
	igg_settings = *next;
	if (had & ~need) {
		synchronize_net();
		igg_netns_set_hooks(need, had | need);
	}
	return 0;
}

/*
 * Kernel bool syntax, but only the one-character forms: 0, 1, y, Y, n, N,
 * with an optional newline. A bare name on the modprobe line means Y.
 */
static int igg_parse_bool(const char *val, bool *res)
{
	if (!val) {
		*res = true;
		return 0;
	}
	if (!val[0] || (val[1] && (val[1] != '\n' || val[2])))
		return -EINVAL;
	return kstrtobool(val, res);
}

static int igg_show_bool(char *buf, bool val)
{
	return scnprintf(buf, PAGE_SIZE, "%c\n", val ? 'Y' : 'N');
}

/*
 * The module's own switches: enabled, ipv4, ipv6, log and log_all_netns.
 * Each parameter's arg is the offset of its bool in struct igg_settings.
 */
static bool *igg_switch(struct igg_settings *s, const struct kernel_param *kp)
{
	return (bool *)((char *)s + (uintptr_t)kp->arg);
}

static int igg_set_switch(const char *val, const struct kernel_param *kp)
{
	struct igg_settings next;
	bool on;
	int err;

	err = igg_parse_bool(val, &on);
	if (err)
		return err;

	mutex_lock(&igg_config_mutex);
	next = *igg_settings_get();
	*igg_switch(&next, kp) = on;
	err = igg_apply(&next);
	mutex_unlock(&igg_config_mutex);
	return err;
}

static int igg_get_switch(char *buf, const struct kernel_param *kp)
{
	bool on;

	mutex_lock(&igg_config_mutex);
	on = *igg_switch(igg_settings_get(), kp);
	mutex_unlock(&igg_config_mutex);
	return igg_show_bool(buf, on);
}

static const struct kernel_param_ops igg_switch_ops = {
	.flags	= KERNEL_PARAM_OPS_FL_NOARG,
	.set	= igg_set_switch,
	.get	= igg_get_switch,
};

module_param_cb(enabled, &igg_switch_ops,
		(void *)offsetof(struct igg_settings, enabled), 0644);
MODULE_PARM_DESC(enabled,
		 "hook prerouting in every namespace (bool, default 1)");
/*
 * A family's hooks come and go in every namespace at once, under the
 * same rule as enabled: all registered, or the write fails and nothing
 * changed.
 */
module_param_cb(ipv4, &igg_switch_ops,
		(void *)offsetof(struct igg_settings, ipv4), 0644);
MODULE_PARM_DESC(ipv4, "guard IPv4: IGMP and IPv4 options (bool, default 1)");
module_param_cb(ipv6, &igg_switch_ops,
		(void *)offsetof(struct igg_settings, ipv6), 0644);
MODULE_PARM_DESC(ipv6,
		 "guard IPv6: MLD and extension headers; no effect on a kernel booted ipv6.disable=1 (bool, default 1)");
module_param_cb(log, &igg_switch_ops,
		(void *)offsetof(struct igg_settings, log), 0644);
MODULE_PARM_DESC(log,
		 "also log anomalies; drops are always logged (bool, default 1)");
/*
 * Like net.netfilter.nf_log_all_netns: whoever owns a user namespace can
 * make network namespaces and send into them, so what they make us log
 * reaches the host's log only if the admin asked for it.
 */
module_param_cb(log_all_netns, &igg_switch_ops,
		(void *)offsetof(struct igg_settings, log_all_netns), 0644);
MODULE_PARM_DESC(log_all_netns,
		 "also log from namespaces other than the initial one (bool, default 0)");

static int igg_set_mode(const char *val, const struct kernel_param *kp)
{
	struct igg_settings next;
	bool monitor;
	int err;

	if (sysfs_streq(val, igg_mode_names[false]))
		monitor = false;
	else if (sysfs_streq(val, igg_mode_names[true]))
		monitor = true;
	else
		return -EINVAL;

	mutex_lock(&igg_config_mutex);
	next = *igg_settings_get();
	next.monitor = monitor;
	err = igg_apply(&next);
	mutex_unlock(&igg_config_mutex);
	return err;
}

static int igg_get_mode(char *buf, const struct kernel_param *kp)
{
	bool monitor;

	mutex_lock(&igg_config_mutex);
	monitor = igg_settings_get()->monitor;
	mutex_unlock(&igg_config_mutex);
	return scnprintf(buf, PAGE_SIZE, "%s\n", igg_mode_names[monitor]);
}

static const struct kernel_param_ops igg_mode_ops = {
	.set	= igg_set_mode,
	.get	= igg_get_mode,
};

module_param_cb(mode, &igg_mode_ops, NULL, 0644);
MODULE_PARM_DESC(mode,
		 "block drops bad packets, monitor only counts and logs them (default block)");

static int igg_set_bridge(const char *val, const struct kernel_param *kp)
{
	struct igg_settings next;
	int err, m;

	m = sysfs_match_string(igg_bridge_mode_names, val);
	if (m < 0)
		return -EINVAL;
	/* The kernel runs no bridge hooks: nothing to register. */
	if (m != IGG_BRIDGE_OFF &&
	    !IS_ENABLED(CONFIG_NETFILTER_FAMILY_BRIDGE))
		return -EOPNOTSUPP;

	mutex_lock(&igg_config_mutex);
	next = *igg_settings_get();
	next.bridge = m;
	err = igg_apply(&next);
	mutex_unlock(&igg_config_mutex);
	return err;
}

static int igg_get_bridge(char *buf, const struct kernel_param *kp)
{
	enum igg_bridge_mode m;

	mutex_lock(&igg_config_mutex);
	m = igg_settings_get()->bridge;
	mutex_unlock(&igg_config_mutex);
	return scnprintf(buf, PAGE_SIZE, "%s\n", igg_bridge_mode_names[m]);
}

static const struct kernel_param_ops igg_bridge_param_ops = {
	.set	= igg_set_bridge,
	.get	= igg_get_bridge,
};

module_param_cb(bridge, &igg_bridge_param_ops, NULL, 0644);
MODULE_PARM_DESC(bridge,
		 "bridged frames: off, malformed (drop only those), policy (the whole policy; default)");

/* The boolean policy knobs: each parameter points at its knob-list.h entry. */
static int igg_set_knob(const char *val, const struct kernel_param *kp)
{
	const struct igg_bool_knob *knob = kp->arg;
	struct igg_set reasons = igg_knob_reasons(knob);
	struct igg_settings next;
	bool drop;
	int err;

	err = igg_parse_bool(val, &drop);
	if (err)
		return err;

	mutex_lock(&igg_config_mutex);
	next = *igg_settings_get();
	if (drop)
		next.pol.drop = igg_set_or(next.pol.drop, reasons);
	else
		next.pol.drop = igg_set_minus(next.pol.drop, reasons);
	err = igg_apply(&next);
	mutex_unlock(&igg_config_mutex);
	return err;
}

static int igg_get_knob(char *buf, const struct kernel_param *kp)
{
	const struct igg_bool_knob *knob = kp->arg;
	bool drop;

	mutex_lock(&igg_config_mutex);
	/* Its reasons always drop together: one stands for all. */
	drop = igg_set_has(igg_settings_get()->pol.drop,
			   igg_set_first(igg_knob_reasons(knob)));
	mutex_unlock(&igg_config_mutex);
	return igg_show_bool(buf, drop);
}

static const struct kernel_param_ops igg_knob_ops = {
	.flags	= KERNEL_PARAM_OPS_FL_NOARG,
	.set	= igg_set_knob,
	.get	= igg_get_knob,
};

/*
 * One parameter per knob-list.h entry, written out: an X-macro cannot
 * expand to declarations without ending in a semicolon. IGG_KNOB_##knob
 * exists only for listed knobs, and the assertion catches a knob added to
 * the list but not here. kernel_param.arg is not const, but the knob is
 * only ever read.
 */
static_assert(IGG_BOOL_KNOB_COUNT == 6, "a knob has no parameter below");

#define IGG_KNOB_PARAM(knob)						\
	module_param_cb(knob, &igg_knob_ops,				\
			(void *)&igg_bool_knobs[IGG_KNOB_##knob], 0644)

IGG_KNOB_PARAM(drop_fragments);
MODULE_PARM_DESC(drop_fragments,
		 "drop fragmented IGMP and MLD (bool, default 1)");
IGG_KNOB_PARAM(drop_bad_ttl);
MODULE_PARM_DESC(drop_bad_ttl,
		 "drop membership messages whose TTL or hop limit is not 1 (bool, default 1)");
IGG_KNOB_PARAM(drop_bad_source);
MODULE_PARM_DESC(drop_bad_source,
		 "drop IGMP from bad sources, MLD from non-link-local ones (bool, default 1)");
IGG_KNOB_PARAM(drop_source_route);
MODULE_PARM_DESC(drop_source_route,
		 "drop packets with a loose or strict source route option (bool, default 1)");
IGG_KNOB_PARAM(drop_bad_padding);
MODULE_PARM_DESC(drop_bad_padding,
		 "drop IPv6 option areas with non-zero or overlong padding (bool, default 1)");
IGG_KNOB_PARAM(drop_routing0);
MODULE_PARM_DESC(drop_routing0,
		 "drop IPv6 packets with a type 0 routing header (bool, default 0)");

/*
 * The policy's numeric limits. Each parameter's arg points at one of these:
 * where its value sits in struct igg_policy and the largest it takes.
 */
struct igg_limit_param {
	size_t offset;
	u32 max;
};

static u32 *igg_limit(struct igg_policy *pol, const struct kernel_param *kp)
{
	const struct igg_limit_param *lp = kp->arg;

	return (u32 *)((char *)pol + lp->offset);
}

static int igg_set_limit(const char *val, const struct kernel_param *kp)
{
	const struct igg_limit_param *lp = kp->arg;
	struct igg_settings next;
	unsigned int max;
	int err;

	err = kstrtouint(val, 10, &max);
	if (err || max > lp->max)
		return -EINVAL;

	mutex_lock(&igg_config_mutex);
	next = *igg_settings_get();
	*igg_limit(&next.pol, kp) = max;
	err = igg_apply(&next);
	mutex_unlock(&igg_config_mutex);
	return err;
}

static int igg_get_limit(char *buf, const struct kernel_param *kp)
{
	unsigned int max;

	mutex_lock(&igg_config_mutex);
	max = *igg_limit(&igg_settings_get()->pol, kp);
	mutex_unlock(&igg_config_mutex);
	return scnprintf(buf, PAGE_SIZE, "%u\n", max);
}

static const struct kernel_param_ops igg_limit_ops = {
	.set	= igg_set_limit,
	.get	= igg_get_limit,
};

/* kernel_param.arg is not const, but these are only ever read. */
static const struct igg_limit_param igg_max_query_sources = {
	.offset	= offsetof(struct igg_policy, max_query_sources),
	.max	= IGG_MAX_QUERY_SOURCES_LIMIT,
};

module_param_cb(max_query_sources, &igg_limit_ops,
		(void *)&igg_max_query_sources, 0644);
MODULE_PARM_DESC(max_query_sources,
		 "IGMPv3 and MLDv2 queries listing more sources are dropped (0..65535, default 64)");

static const struct igg_limit_param igg_max_ext_headers = {
	.offset	= offsetof(struct igg_policy, max_ext_headers),
	.max	= IGG_MAX_EXT_HEADERS_LIMIT,
};

module_param_cb(max_ext_headers, &igg_limit_ops,
		(void *)&igg_max_ext_headers, 0644);
MODULE_PARM_DESC(max_ext_headers,
		 "IPv6 packets with more extension headers are dropped (0..255, default 8)");

static bool igg_is_anomaly(enum igg_reason r)
{
	return igg_reasons[r].cls == IGG_CLASS_ANOMALY;
}

/* The anomaly called @name (@len bytes, not terminated), or IGG_R_NONE. */
static enum igg_reason igg_anomaly_lookup(const char *name, size_t len)
{
	int r;

	for (r = IGG_R_NONE + 1; r < IGG_R_COUNT; r++)
		if (igg_is_anomaly(r) && strlen(igg_reasons[r].name) == len &&
		    !memcmp(igg_reasons[r].name, name, len))
			return r;
	return IGG_R_NONE;
}

/* "none", or anomaly names separated by commas; nothing else. */
static int igg_parse_anomalies(const char *val, struct igg_set *res)
{
	const char *tok, *comma, *end;
	size_t len = strlen(val);
	struct igg_set set = { { 0 } };
	enum igg_reason r;

	if (sysfs_streq(val, igg_reasons[IGG_R_NONE].name)) {
		*res = set;
		return 0;
	}
	if (len && val[len - 1] == '\n')
		len--;
	if (!len)
		return -EINVAL;

	end = val + len;
	for (tok = val; ; tok = comma + 1) {
		comma = memchr(tok, ',', end - tok);
		r = igg_anomaly_lookup(tok, (comma ?: end) - tok);
		if (r == IGG_R_NONE)
			return -EINVAL;
		igg_set_add(&set, r);
		if (!comma)
			break;
	}
	*res = set;
	return 0;
}

static int igg_set_drop_anomalies(const char *val,
				  const struct kernel_param *kp)
{
	struct igg_settings next;
	struct igg_set set;
	int err;

	err = igg_parse_anomalies(val, &set);
	if (err)
		return err;

	mutex_lock(&igg_config_mutex);
	next = *igg_settings_get();
	next.pol.drop = igg_set_minus(next.pol.drop,
				      igg_class_set(IGG_CLASS_ANOMALY));
	next.pol.drop = igg_set_or(next.pol.drop, set);
	err = igg_apply(&next);
	mutex_unlock(&igg_config_mutex);
	return err;
}

static int igg_get_drop_anomalies(char *buf, const struct kernel_param *kp)
{
	struct igg_set drop;
	int r, n = 0;

	mutex_lock(&igg_config_mutex);
	drop = igg_set_and(igg_settings_get()->pol.drop,
			   igg_class_set(IGG_CLASS_ANOMALY));
	mutex_unlock(&igg_config_mutex);

	if (igg_set_empty(drop))
		return scnprintf(buf, PAGE_SIZE, "%s\n",
				 igg_reasons[IGG_R_NONE].name);
	for (r = IGG_R_NONE + 1; r < IGG_R_COUNT; r++)
		if (igg_set_has(drop, r))
			n += scnprintf(buf + n, PAGE_SIZE - n, "%s%s",
				       n ? "," : "", igg_reasons[r].name);
	n += scnprintf(buf + n, PAGE_SIZE - n, "\n");
	return n;
}

static const struct kernel_param_ops igg_drop_anomalies_ops = {
	.set	= igg_set_drop_anomalies,
	.get	= igg_get_drop_anomalies,
};

module_param_cb(drop_anomalies, &igg_drop_anomalies_ops, NULL, 0644);
MODULE_PARM_DESC(drop_anomalies,
		 "anomalies that drop: comma-separated reason names, or none (default none)");

int igg_params_init(void)
{
	struct igg_settings *s;
	int err;

	mutex_lock(&igg_config_mutex);
	s = igg_settings_get();
	/* Keyed per load: senders cannot aim at the duplicate hunt. */
	s->pol.seed = get_random_u32();
	igg_has_ipv6 = igg_ipv6_usable();
	if (!igg_has_ipv6)
		pr_info("IPv6 is disabled in this kernel (ipv6.disable=1): guarding IPv4 only\n");
	igg_live = true;
	/* The IP hooks leave nothing to the bridge until igg_params_start(). */
	err = igg_publish(s, 0);
	if (err)
		igg_live = false;
	mutex_unlock(&igg_config_mutex);
	return err;
}

/*
 * Every namespace has its hooks: from one grace period on, every frame
 * that crossed bridge prerouting was judged there, and the IP hooks can
 * leave it alone (igg_publish_bridged()).
 */
void igg_params_start(void)
{
	mutex_lock(&igg_config_mutex);
	igg_publish_bridged(igg_settings_get(), 0);
	mutex_unlock(&igg_config_mutex);
}

/* Called once no hook can run any more. */
void igg_params_exit(void)
{
	struct igg_conf *old;

	mutex_lock(&igg_config_mutex);
	igg_live = false;
	old = rcu_replace_pointer(igg_active, NULL,
				  lockdep_is_held(&igg_config_mutex));
	mutex_unlock(&igg_config_mutex);
	/*
	 * Earlier copies may still wait in kfree_rcu(); that needs no
	 * rcu_barrier() before unload, as no module code runs when they go.
	 */
	kfree(old);
}
