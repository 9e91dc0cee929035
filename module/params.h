/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module parameters. They are global, not per namespace: every namespace
 * runs the same policy, and the hook reads it without a lookup.
 */
#ifndef _IGMPGUARD_PARAMS_H
#define _IGMPGUARD_PARAMS_H

#include <linux/mutex.h>
#include <linux/rcupdate.h>

#include <igmpguard/validator.h>

/*
 * What the bridge hook applies to bridged frames (parameter bridge). One
 * judgement serves every copy the bridge makes of a frame, the one it
 * passes up to this host's stack included: the IP hooks do not judge
 * again what the bridge judged (bridge_once.c).
 */
enum igg_bridge_mode {
	IGG_BRIDGE_OFF,		/* no bridge hook */
	IGG_BRIDGE_MALFORMED,	/* only malformed frames drop */
	IGG_BRIDGE_POLICY,	/* the whole policy, as for this host */
	IGG_BRIDGE_MODES
};

extern const char *const igg_bridge_mode_names[IGG_BRIDGE_MODES];

/*
 * What the hook needs to judge a packet. A parameter write never changes
 * a published copy: it publishes a new one, so the hook always sees one
 * consistent policy without taking a lock.
 */
struct igg_conf {
	struct igg_policy pol;
	bool monitor;
	bool log;
	/* Log from namespaces other than init_net too. */
	bool log_all_netns;
	/*
	 * The families (BIT(enum igg_family)) the bridge hook judges, and
	 * those of them the IP hooks leave to it; what it applies.
	 */
	unsigned int bridge_judge;
	unsigned int bridge_skip;
	struct igg_policy bridge_pol;
	struct rcu_head rcu;
};

/* NULL until igg_params_init() and after igg_params_exit(). */
extern struct igg_conf __rcu *igg_active;

/*
 * Serializes parameter writes with namespace setup and teardown. It covers
 * the settings, the published copy and which hooks the namespaces have.
 * Never taken on the packet path.
 */
extern struct mutex igg_config_mutex;

/* Indexed by igg_conf.monitor. */
extern const char *const igg_mode_names[2];

/* The hooks every namespace needs now (IGG_HOOK_BIT()s); mutex held. */
unsigned int igg_params_hooks(void);
int igg_params_init(void);
void igg_params_start(void);
void igg_params_exit(void);

#endif /* _IGMPGUARD_PARAMS_H */
