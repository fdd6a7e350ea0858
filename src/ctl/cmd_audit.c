/* SPDX-License-Identifier: MIT */
/*
 * cmd_audit.c - outagectl audit: the audit trail of subscriptions,
 * silences and acknowledgements (GET /api/v1/audit), newest first.
 */
#include <assert.h>
#include <stdio.h>

#include <jansson.h>

#include "outaged.h"
#include "util.h"
#include "ctl.h"

static void
audit_table(const json_t *list)
{
	static const char *const head[] = { "ID", "TIME", "KIND", "SUBJECT",
	    "BY", "DETAIL" };
	static const int right[] = { 1, 0, 0, 0, 0, 0 };
	struct table t = { NELEM(head), head, right, NULL, 0, 0 };
	const json_t *a;
	size_t i;

	json_array_foreach(list, i, a) {
		struct cell *c = table_row(&t);
		const char *subject = jstr(a, "subject");
		char buf[64];

		snprintf(buf, sizeof(buf), "%lld", (long long)jint(a, "id", 0));
		cell_set(&c[0], buf, NULL);
		fmt_when_secs(jtime(a, "at"), buf, sizeof(buf));
		cell_set(&c[1], buf, NULL);
		cell_set(&c[2], or_dash(jstr(a, "kind")), NULL);
		cell_set(&c[3], subject != NULL && subject[0] != '\0' ?
		    subject : "-", NULL);
		cell_set(&c[4], or_dash(jstr(a, "actor")), NULL);
		cell_set(&c[5], or_dash(jstr(a, "detail")), NULL);
	}
	table_print(&t);
	table_free(&t);
}

int
cmd_audit(struct backend *b, const struct opts *o, char **args, int nargs)
{
	json_t *j, *list;
	int64_t limit;
	int rc;

	(void)args;
	(void)nargs;
	if (parse_api_limit("audit", o->limit, &limit) < 0)
		return CTL_USAGE;
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	assert(b->ops->audit != NULL);
	if (b->ops->audit(b, limit, &j) != OD_OK)
		return backend_failed(b);
	list = answer_array(j, "audit");
	if (o->seen & O_JSON)
		rc = print_array(list);
	else if (json_array_size(list) == 0)
		printf("Nothing in the audit trail.\n");
	else
		audit_table(list);
	json_decref(j);
	return rc;
}
