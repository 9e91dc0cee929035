// SPDX-License-Identifier: GPL-2.0
/*
 * Replacing a file atomically: a temporary file in the same directory
 * (rename() does not cross filesystems), renamed over the target.
 */
#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Signals that end the tool by default and may come mid-write. */
static void block_signals(sigset_t *saved)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, saved);
}

/* Whatever came meanwhile is delivered now, with nothing left behind. */
static void restore_signals(const sigset_t *saved)
{
	sigprocmask(SIG_SETMASK, saved, NULL);
}

int outfile_open(struct outfile *o, const char *path)
{
	const char *base = strrchr(path, '/');
	int dirlen = base ? (int)(base - path + 1) : 0, fd, err;

	base = base ? base + 1 : path;
	if (!*base)
		return -EISDIR;
	if ((size_t)snprintf(o->tmp, sizeof(o->tmp), "%.*s.%s.XXXXXX", dirlen,
			     path, base) >= sizeof(o->tmp))
		return -ENAMETOOLONG;
	o->path = path;
	block_signals(&o->saved);
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		err = -errno;
		restore_signals(&o->saved);
		return err;
	}
	o->f = fdopen(fd, "w");
	if (!o->f) {
		err = -errno;
		close(fd);
		unlink(o->tmp);
		restore_signals(&o->saved);
		return err;
	}
	return 0;
}

void outfile_abort(struct outfile *o)
{
	fclose(o->f);
	unlink(o->tmp);
	restore_signals(&o->saved);
}

/* The errno of a failed call; EIO for a stream error that set none. */
static int failed(void)
{
	return errno ? -errno : -EIO;
}

int outfile_commit(struct outfile *o)
{
	mode_t mask = umask(0);
	int err = 0;

	umask(mask);
	errno = 0;
	/* mkstemp() made it 0600; a reader of another user needs more. */
	if (fflush(o->f) || ferror(o->f) ||
	    fchmod(fileno(o->f), 0666 & ~mask) || fsync(fileno(o->f)))
		err = failed();
	if (fclose(o->f) && !err)
		err = failed();
	if (!err && rename(o->tmp, o->path))
		err = failed();
	if (err)
		unlink(o->tmp);
	restore_signals(&o->saved);
	return err;
}
