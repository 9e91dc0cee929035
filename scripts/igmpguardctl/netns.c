// SPDX-License-Identifier: GPL-2.0
/*
 * Entering a named network namespace, as "ip -n NAME" does.
 *
 * Only the network namespace changes. /proc/net follows the calling
 * thread's namespace, so the counters read afterwards are the named
 * namespace's; the module's parameters in /sys/module are global and need
 * no remount of /sys.
 */
#define _GNU_SOURCE
#include "netns.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"
#include "sysfs.h"

#define NETNS_RUN_DIR	"/run/netns"

int ctl_enter_netns(const char *name)
{
	char path[PATH_MAX], obj[PATH_MAX + 8];
	int fd, err;

	/* A name, not a path: ip netns refuses the same. */
	if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		return ctl_usage(NULL, "--netns takes a namespace name");
	snprintf(path, sizeof(path), "%s/%s", NETNS_RUN_DIR, name);
	snprintf(obj, sizeof(obj), "netns %s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		return ctl_error(obj, err, err == -ENOENT ?
				 "'ip netns list' shows the names" : NULL);
	}
	err = setns(fd, CLONE_NEWNET) ? -errno : 0;
	close(fd);
	if (err == -EPERM)
		return ctl_error(obj, err, "need root to enter a namespace");
	if (err)
		return ctl_error(obj, err, NULL);
	return CTL_EXIT_OK;
}
