/* SPDX-License-Identifier: MIT */
/*
 * cmd_unsubscribe.c - outagectl unsubscribe ID: remove a subscription
 * (DELETE /api/v1/subscriptions/{id}).  An unknown id is exit 1; one
 * from the configuration file is refused (exit 5).
 */
#include <assert.h>
#include <stdio.h>

#include <jansson.h>

#include "outaged.h"
#include "ctl.h"

int
cmd_unsubscribe(struct backend *b, const struct opts *o, char **args,
    int nargs)
{
	json_t *j;
	int rc;

	(void)nargs;
	if (id_arg_ok("unsubscribe", args[0]) < 0)
		return CTL_USAGE;
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	assert(b->ops->unsubscribe != NULL);
	if (b->ops->unsubscribe(b, args[0], &j) != OD_OK)
		return backend_failed(b);
	if (!(o->seen & O_JSON))
		printf("Unsubscribed: subscription %lld removed.\n",
		    (long long)jint(j, "deleted", 0));
	return notify_print(j, (o->seen & O_JSON) != 0);
}
