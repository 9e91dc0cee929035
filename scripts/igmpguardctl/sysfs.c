// SPDX-License-Identifier: GPL-2.0
/*
 * Reading and writing the module's sysfs and procfs files.
 *
 * Writes go out as one write() of the bare value: the module parses each
 * write on its own, so a value split over two writes would be two values.
 */
#include "sysfs.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctl.h"

#define MODULE			"igmpguard"
#define SYS_ROOT_DEFAULT	"/sys/module/" MODULE
#define PROC_ROOT_DEFAULT	"/proc/net/" MODULE

static const char *root(const char *env, const char *def)
{
	const char *r = getenv(env);

	return r && *r ? r : def;
}

const char *ctl_sys_root(void)
{
	return root("IGMPGUARD_SYS_ROOT", SYS_ROOT_DEFAULT);
}

const char *ctl_proc_root(void)
{
	return root("IGMPGUARD_PROC_ROOT", PROC_ROOT_DEFAULT);
}

bool ctl_module_loaded(void)
{
	struct stat st;

	return !stat(ctl_sys_root(), &st) && S_ISDIR(st.st_mode);
}

void ctl_module_version(char *buf, size_t n)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/version", ctl_sys_root());
	if (ctl_read_line(path, buf, n) || !*buf)
		snprintf(buf, n, "unknown");
}

/*
 * Read until @n bytes or end of file. One read() is what procfs and sysfs
 * give anyway; a fake tree may need more.
 */
static ssize_t ctl_read_upto(int fd, char *buf, size_t n)
{
	size_t len = 0;
	ssize_t got;

	while (len < n) {
		got = read(fd, buf + len, n - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -errno;
		if (!got)
			break;
		len += (size_t)got;
	}
	return (ssize_t)len;
}

int ctl_read_all(const char *path, char **out)
{
	size_t len = 0, cap = 4096;
	char *buf, *bigger;
	ssize_t got;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	buf = malloc(cap);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		got = ctl_read_upto(fd, buf + len, cap - len - 1);
		if (got < 0) {
			err = (int)got;
			break;
		}
		len += (size_t)got;
		if (len + 1 < cap)
			break;
		/* procfs files are small; anything huge is not ours. */
		if (cap >= (1 << 20)) {
			err = -EFBIG;
			break;
		}
		bigger = realloc(buf, cap * 2);
		if (!bigger) {
			err = -ENOMEM;
			break;
		}
		buf = bigger;
		cap *= 2;
	}
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	buf[len] = '\0';
	*out = buf;
	return 0;
}

int ctl_read_line(const char *path, char *buf, size_t n)
{
	ssize_t got;
	char *nl;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	got = ctl_read_upto(fd, buf, n - 1);
	close(fd);
	buf[got < 0 ? 0 : got] = '\0';
	nl = strchr(buf, '\n');
	if (nl)
		*nl = '\0';
	return got < 0 ? (int)got : 0;
}

int ctl_write(const char *path, const char *val)
{
	size_t len = strlen(val);
	ssize_t done;
	int fd, err = 0;

	/* O_TRUNC only matters for a fake tree of regular files. */
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	do {
		done = write(fd, val, len);
	} while (done < 0 && errno == EINTR);
	if (done < 0)
		err = -errno;
	else if ((size_t)done != len)
		err = -EIO;
	if (close(fd) && !err)
		err = -errno;
	return err;
}

static void param_path(const char *name, char *path, size_t n)
{
	snprintf(path, n, "%s/parameters/%s", ctl_sys_root(), name);
}

int ctl_param_read(const char *name, char *buf, size_t n)
{
	char path[PATH_MAX];

	param_path(name, path, sizeof(path));
	return ctl_read_line(path, buf, n);
}

int ctl_param_write(const char *name, const char *val)
{
	char path[PATH_MAX];

	param_path(name, path, sizeof(path));
	return ctl_write(path, val);
}

int ctl_error(const char *obj, int err, const char *hint)
{
	fprintf(stderr, "igmpguardctl: %s: %s%s%s\n", obj, strerror(-err),
		hint ? "; " : "", hint ? hint : "");
	return CTL_EXIT_SYSTEM;
}

int ctl_not_loaded(void)
{
	fprintf(stderr,
		"igmpguardctl: %s is not loaded; load it with: modprobe %s\n",
		MODULE, MODULE);
	return CTL_EXIT_SYSTEM;
}
