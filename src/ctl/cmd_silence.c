/* SPDX-License-Identifier: MIT */
/*
 * cmd_silence.c - outagectl silence REGION --for DUR: hold back alerts
 * for a region and the places below it (POST /api/v1/silences), and
 * print the silence's id and when it ends.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "outaged.h"
#include "util.h"
#include "ctl.h"

int
cmd_silence(struct backend *b, const struct opts *o, char **args, int nargs)
{
	enum utility u;
	json_t *body, *j;
	char *post, *safe;
	int rc;

	(void)nargs;
	if (!api_text_ok(args[0], 256)) {
		region_usage("", args[0]);
		return CTL_USAGE;
	}
	if (o->duration == NULL) {
		fprintf(stderr, "outagectl: silence: --for DURATION is required "
		    "(such as 2h)\n");
		return CTL_USAGE;
	}
	if (o->utility != NULL && utility_from_name(o->utility, &u) < 0) {
		fprintf(stderr, "outagectl: --utility: expected power, heat, "
		    "water, gas or telecom\n");
		return CTL_USAGE;
	}
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	body = json_pack("{s:o,s:o}", "region", j_str(args[0]), "for",
	    j_str(o->duration));
	if (o->utility != NULL)
		json_object_set_new(body, "utility", j_str(o->utility));
	if (o->comment != NULL)
		json_object_set_new(body, "comment", j_str(o->comment));
	post = json_dumps(body, OD_JSON_COMPACT);
	json_decref(body);
	if (post == NULL) {
		fprintf(stderr, "outagectl: cannot encode the silence\n");
		return CTL_USAGE;
	}
	assert(b->ops->silence != NULL);
	if (b->ops->silence(b, post, &j) != OD_OK) {
		free(post);
		return backend_failed(b);
	}
	free(post);
	if (!(o->seen & O_JSON)) {
		struct buf sb = { .max = 511 };

		text_add(&sb, "Silence %lld: %s %s until %s",
		    (long long)jint(j, "id", 0), or_dash(jstr(j, "region")),
		    jstr(j, "utility") != NULL ? jstr(j, "utility") :
		    "(every utility)", or_dash(jstr(j, "ends_at")));
		safe = term_safe(buf_str(&sb));
		buf_free(&sb);
		puts(safe);
		free(safe);
	}
	return notify_print(j, (o->seen & O_JSON) != 0);
}
