/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --netns: run in a network namespace named as ip-netns(8) names them.
 */
#ifndef _IGG_CTL_NETNS_H
#define _IGG_CTL_NETNS_H

/*
 * Enter the namespace bound at /run/netns/@name, so that /proc/net shows
 * its counters. Returns a CTL_EXIT_ status, after a message if not OK.
 */
int ctl_enter_netns(const char *name);

#endif /* _IGG_CTL_NETNS_H */
