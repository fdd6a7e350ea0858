/* SPDX-License-Identifier: MIT */
/*
 * alerts.c - outagectl alerts: alert episodes.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "util.h"
#include "ctl.h"

static void
alerts_table(const json_t *alerts)
{
	static const char *const head[] = { "STATE", "SEVERITY", "REGION",
	    "UTILITY", "AFFECTED", "PERCENT", "STARTED", "UPDATED",
	    "RESOLVED" };
	/*
	 * A resolved episode is shown by its worst: its severity, count and
	 * share now are none and 0, which say nothing of what it was about.
	 */
	static const int right[] = { 0, 0, 0, 0, 1, 1, 0, 0, 0 };
	struct table t = { NELEM(head), head, right, NULL, 0, 0 };
	const json_t *a;
	size_t i;

	json_array_foreach(alerts, i, a) {
		struct cell *c = table_row(&t);
		const char *state = jstr(a, "state");
		int resolved = state != NULL && strcmp(state, "resolved") == 0;
		const char *sev = resolved && jstr(a, "peak_severity") != NULL ?
		    jstr(a, "peak_severity") : jstr(a, "severity");
		int64_t affected = jint(a, "affected", -1);
		double percent = jreal(a, "percent", -1);
		char buf[64];

		if (resolved && jint(a, "peak_affected", -1) >= 0)
			affected = jint(a, "peak_affected", -1);
		if (resolved && jreal(a, "peak_percent", -1) >= 0)
			percent = jreal(a, "peak_percent", -1);
		cell_set(&c[0], or_dash(state), NULL);
		cell_set(&c[1], or_dash(sev), severity_sgr(sev));
		cell_set(&c[2], or_dash(jstr(a, "region")), NULL);
		cell_set(&c[3], or_dash(jstr(a, "utility")), NULL);
		fmt_affected(affected, 0, buf, sizeof(buf));
		cell_set(&c[4], buf, NULL);
		fmt_percent(percent, affected, 0, buf, sizeof(buf));
		cell_set(&c[5], buf, NULL);
		fmt_when(jtime(a, "started_at"), buf, sizeof(buf));
		cell_set(&c[6], buf, NULL);
		fmt_when(jtime(a, "updated_at"), buf, sizeof(buf));
		cell_set(&c[7], buf, NULL);
		fmt_when(jtime(a, "resolved_at"), buf, sizeof(buf));
		cell_set(&c[8], buf, NULL);
	}
	table_print(&t);
	table_free(&t);
}

int
cmd_alerts(struct backend *b, const struct opts *o, char **args, int nargs)
{
	const char *state = o->state != NULL ? o->state : "firing";
	json_t *j, *alerts;
	int rc;

	(void)args;
	(void)nargs;
	if (strcmp(state, "firing") != 0 && strcmp(state, "resolved") != 0 &&
	    strcmp(state, "all") != 0) {
		fprintf(stderr, "outagectl: --state: expected firing, "
		    "resolved or all\n");
		return CTL_USAGE;
	}
	if (o->region != NULL && !api_text_ok(o->region, 256)) {
		region_usage("--region: ", o->region);
		return CTL_USAGE;
	}
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	assert(b->ops->alerts != NULL);
	if (b->ops->alerts(b, state, o->region, &j) != OD_OK)
		return backend_failed(b);
	alerts = answer_array(j, "alerts");
	if (o->seen & O_JSON)
		rc = print_array(alerts);
	else if (json_array_size(alerts) == 0)
		printf("No %salerts.\n", strcmp(state, "firing") == 0 ?
		    "firing " : strcmp(state, "resolved") == 0 ?
		    "resolved " : "");
	else {
		alerts_table(alerts);
		if (json_array_size(alerts) == API_PAGE)
			fprintf(stderr, "outagectl: showing the first %d "
			    "alerts, firing first, then the latest\n",
			    API_PAGE);
	}
	json_decref(j);
	return rc;
}
