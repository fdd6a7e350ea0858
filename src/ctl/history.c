/* SPDX-License-Identifier: MIT */
/*
 * history.c - outagectl history REGION: a region's status changes.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "outaged.h"
#include "util.h"
#include "ctl.h"

static void
history_table(const json_t *points)
{
	static const char *const head[] = { "TIME", "UTILITY", "STATUS",
	    "AFFECTED", "UNIT", "PERCENT", "SEVERITY" };
	static const int right[] = { 0, 0, 0, 1, 0, 1, 0 };
	struct table t = { NELEM(head), head, right, NULL, 0, 0 };
	const json_t *p;
	size_t i;

	json_array_foreach(points, i, p) {
		struct cell *c = table_row(&t);
		const char *sev = jstr(p, "severity");
		char buf[64];
		int approx;

		fmt_when_secs(jtime(p, "at"), buf, sizeof(buf));
		cell_set(&c[0], buf, NULL);
		cell_set(&c[1], or_dash(jstr(p, "utility")), NULL);
		cell_set(&c[2], or_dash(jstr(p, "status")), NULL);
		/* "~" as status shows it: the count is an estimate */
		approx = json_is_true(json_object_get(p, "approximate"));
		fmt_affected(jint(p, "affected", -1), approx, buf, sizeof(buf));
		cell_set(&c[3], buf, NULL);
		cell_set(&c[4], or_dash(jstr(p, "unit")), NULL);
		fmt_percent(jreal(p, "percent", -1), jint(p, "affected", -1),
		    approx, buf, sizeof(buf));
		cell_set(&c[5], buf, NULL);
		cell_set(&c[6], or_dash(sev), severity_sgr(sev));
	}
	table_print(&t);
	table_free(&t);
}

int
cmd_history(struct backend *b, const struct opts *o, char **args, int nargs)
{
	struct history_filter f = { args[0], o->utility, INT64_MIN };
	char since[32];
	enum utility u;
	json_t *j, *points;
	int rc = CTL_OK;

	(void)nargs;
	if (!api_text_ok(args[0], 256)) {
		region_usage("", args[0]);
		return CTL_USAGE;
	}
	if (o->utility != NULL && utility_from_name(o->utility, &u) < 0) {
		fprintf(stderr, "outagectl: --utility: expected power, heat, "
		    "water, gas or telecom\n");
		return CTL_USAGE;
	}
	if (o->since != NULL && parse_since(o->since, &f.since_ms) == -1) {
		since_usage();
		return CTL_USAGE;
	}
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	assert(b->ops->history != NULL);
	if (b->ops->history(b, &f, &j) != OD_OK)
		return backend_failed(b);
	points = answer_array(j, "points");
	if (o->seen & O_JSON)
		rc = print_array(points);
	else if (json_array_size(points) == 0) {
		char *safe = term_safe(or_dash(jstr(j, "region")));

		fmt_when_secs(jtime(j, "since"), since, sizeof(since));
		fprintf(stderr, "outagectl: no status changes for %s%s%s "
		    "since %s\n", safe, o->utility != NULL ? " " : "",
		    o->utility != NULL ? o->utility : "", since);
		free(safe);
	} else
		history_table(points);
	json_decref(j);
	return rc;
}
