/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A file replaced whole, for export --output: written under a temporary
 * name in its own directory and renamed over the old one, so that a
 * reader such as node_exporter's textfile collector sees the old content
 * or the new, never a half-written file.
 */
#ifndef _IGG_CTL_OUTFILE_H
#define _IGG_CTL_OUTFILE_H

#include <limits.h>
#include <signal.h>
#include <stdio.h>

struct outfile {
	FILE *f;		/* write the new content here */
	const char *path;
	char tmp[PATH_MAX];
	sigset_t saved;		/* signal mask before outfile_open() */
};

/*
 * Create the temporary file ".NAME.XXXXXX" beside @path; its name never
 * ends in the final suffix, so a collector reading "*.prom" skips it.
 * INT, TERM and HUP wait until outfile_commit() or outfile_abort(), which
 * remove it on every failure. Returns 0 or a negative errno.
 */
int outfile_open(struct outfile *o, const char *path);

/*
 * Flush, sync, give the file the mode a new file gets under the umask,
 * and rename it to @path. On failure the temporary file is removed and
 * @path is left as it was. Returns 0 or a negative errno.
 */
int outfile_commit(struct outfile *o);

/* Remove the temporary file; @path is left as it was. */
void outfile_abort(struct outfile *o);

#endif /* _IGG_CTL_OUTFILE_H */
