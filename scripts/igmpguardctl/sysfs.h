/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's files: /sys/module/igmpguard (parameters, version) and
 * /proc/net/igmpguard (counters of the current namespace).
 *
 * Tests point the tool at a fake tree with IGMPGUARD_SYS_ROOT and
 * IGMPGUARD_PROC_ROOT; nothing else reads those variables.
 */
#ifndef _IGG_CTL_SYSFS_H
#define _IGG_CTL_SYSFS_H

#include <stdbool.h>
#include <stddef.h>

/* The two roots; the paths below are built from them. */
const char *ctl_sys_root(void);
const char *ctl_proc_root(void);

bool ctl_module_loaded(void);

/* The loaded module's version into @buf; "unknown" if it has none. */
void ctl_module_version(char *buf, size_t n);

/*
 * Read a file into @buf as one line (the trailing newline dropped).
 * Returns 0 or a negative errno.
 */
int ctl_read_line(const char *path, char *buf, size_t n);

/* Read a whole file into a new string (free() it). 0 or -errno. */
int ctl_read_all(const char *path, char **out);

/* Replace the content of a sysfs/procfs file with one write(). */
int ctl_write(const char *path, const char *val);

/* Parameter @name of the module: read and write. 0 or -errno. */
int ctl_param_read(const char *name, char *buf, size_t n);
int ctl_param_write(const char *name, const char *val);

/*
 * Print "igmpguardctl: @obj: strerror(-@err)" to stderr, with @hint after
 * a semicolon when there is one. Returns CTL_EXIT_SYSTEM.
 */
int ctl_error(const char *obj, int err, const char *hint);

/* Print how to load the module. Returns CTL_EXIT_SYSTEM. */
int ctl_not_loaded(void);

/* The hint for a refused change: root is needed. */
#define CTL_HINT_ROOT	"need root to change settings"

#endif /* _IGG_CTL_SYSFS_H */
