/* SPDX-License-Identifier: MIT */
/*
 * cmd_ack.c - outagectl ack INCIDENT_KEY: acknowledge a firing
 * notification (POST /api/v1/acks), so it is not repeated.  A key no
 * firing episode has is exit 1 (not found).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "outaged.h"
#include "ctl.h"

int
cmd_ack(struct backend *b, const struct opts *o, char **args, int nargs)
{
	json_t *body, *j;
	char *post, *safe;
	int rc;

	(void)nargs;
	if (!api_text_ok(args[0], 1024)) {
		fprintf(stderr, "outagectl: ack: expected an incident key, as a "
		    "notification carries it (1/UA-12/power/...)\n");
		return CTL_USAGE;
	}
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	body = json_pack("{s:o}", "incident_key", j_str(args[0]));
	post = json_dumps(body, OD_JSON_COMPACT);
	json_decref(body);
	if (post == NULL) {
		fprintf(stderr, "outagectl: cannot encode the incident key\n");
		return CTL_USAGE;
	}
	assert(b->ops->ack != NULL);
	if (b->ops->ack(b, post, &j) != OD_OK) {
		free(post);
		return backend_failed(b);
	}
	free(post);
	if (!(o->seen & O_JSON)) {
		safe = term_safe(or_dash(jstr(j, "acknowledged")));
		printf("Acknowledged %s: no more repeats.\n", safe);
		free(safe);
	}
	return notify_print(j, (o->seen & O_JSON) != 0);
}
