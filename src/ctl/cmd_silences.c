/* SPDX-License-Identifier: MIT */
/*
 * cmd_silences.c - outagectl silences: the active silences (GET
 * /api/v1/silences).
 */
#include <assert.h>
#include <stdio.h>

#include <jansson.h>

#include "outaged.h"
#include "util.h"
#include "ctl.h"

static void
silences_table(const json_t *list)
{
	static const char *const head[] = { "ID", "REGION", "UTILITY",
	    "FROM", "UNTIL", "BY", "COMMENT" };
	static const int right[] = { 1, 0, 0, 0, 0, 0, 0 };
	struct table t = { NELEM(head), head, right, NULL, 0, 0 };
	const json_t *s;
	size_t i;

	json_array_foreach(list, i, s) {
		struct cell *c = table_row(&t);
		char buf[64];

		snprintf(buf, sizeof(buf), "%lld", (long long)jint(s, "id", 0));
		cell_set(&c[0], buf, NULL);
		cell_set(&c[1], or_dash(jstr(s, "region")), NULL);
		cell_set(&c[2], jstr(s, "utility") != NULL ? jstr(s,
		    "utility") : "all", NULL);
		fmt_when(jtime(s, "starts_at"), buf, sizeof(buf));
		cell_set(&c[3], buf, NULL);
		fmt_when(jtime(s, "ends_at"), buf, sizeof(buf));
		cell_set(&c[4], buf, NULL);
		cell_set(&c[5], or_dash(jstr(s, "created_by")), NULL);
		cell_set(&c[6], or_dash(jstr(s, "comment")), NULL);
	}
	table_print(&t);
	table_free(&t);
}

int
cmd_silences(struct backend *b, const struct opts *o, char **args, int nargs)
{
	json_t *j, *list;
	int rc;

	(void)args;
	(void)nargs;
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	assert(b->ops->silences != NULL);
	if (b->ops->silences(b, &j) != OD_OK)
		return backend_failed(b);
	list = answer_array(j, "silences");
	if (o->seen & O_JSON)
		rc = print_array(list);
	else if (json_array_size(list) == 0)
		printf("No active silences.\n");
	else
		silences_table(list);
	json_decref(j);
	return rc;
}
