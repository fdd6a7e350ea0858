/* SPDX-License-Identifier: MIT */
/*
 * cmd_backup.c - outagectl backup FILE: a consistent copy of the database
 * (--db PATH) with SQLite's online backup API while the daemon runs,
 * checked in full before it takes the name FILE; an existing FILE only
 * with --force.  Exit 0 done, 1 FILE exists or the copy fails its check,
 * 3 the database cannot be read or FILE written.
 */
#include <stdio.h>

#include "ctl.h"

int
cmd_backup(struct backend *b, const struct opts *o, char **args, int nargs)
{
	(void)nargs;
	return b->ops->backup(b, args[0], (o->seen & O_FORCE) != 0);
}
