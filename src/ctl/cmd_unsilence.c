/* SPDX-License-Identifier: MIT */
/*
 * cmd_unsilence.c - outagectl unsilence ID: end a silence early (DELETE
 * /api/v1/silences/{id}).  An unknown id is exit 1.
 */
#include <assert.h>
#include <stdio.h>

#include <jansson.h>

#include "outaged.h"
#include "ctl.h"

int
cmd_unsilence(struct backend *b, const struct opts *o, char **args,
    int nargs)
{
	json_t *j;
	int rc;

	(void)nargs;
	if (id_arg_ok("unsilence", args[0]) < 0)
		return CTL_USAGE;
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	assert(b->ops->unsilence != NULL);
	if (b->ops->unsilence(b, args[0], &j) != OD_OK)
		return backend_failed(b);
	if (!(o->seen & O_JSON))
		printf("Unsilenced: silence %lld ended.\n",
		    (long long)jint(j, "deleted", 0));
	return notify_print(j, (o->seen & O_JSON) != 0);
}
