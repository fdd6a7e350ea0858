/* SPDX-License-Identifier: MIT */
/*
 * cmd_checkdb.c - outagectl check-db: PRAGMA integrity_check of the
 * database (--db PATH), read-only.  Exit 0 "ok", 1 with each problem on a
 * line, 3 when the file cannot be read.
 */
#include <stdio.h>

#include "ctl.h"

int
cmd_checkdb(struct backend *b, const struct opts *o, char **args, int nargs)
{
	(void)o;
	(void)args;
	(void)nargs;
	return b->ops->check_db(b);
}
