/* SPDX-License-Identifier: MIT */
/*
 * cmd_deliveries.c - outagectl deliveries: every notification and what
 * became of it (GET /api/v1/deliveries), newest first, then the queue's
 * counts.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "outaged.h"
#include "util.h"
#include "ctl.h"

static void
deliveries_table(const json_t *list)
{
	static const char *const head[] = { "ID", "SUB", "STATE", "EVENT",
	    "REGION", "UTILITY", "SEVERITY", "CHANNEL", "TARGET", "TRIES",
	    "WHEN", "LAST ERROR" };
	static const int right[] = { 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0 };
	struct table t = { NELEM(head), head, right, NULL, 0, 0 };
	const json_t *d;
	size_t i;

	json_array_foreach(list, i, d) {
		struct cell *c = table_row(&t);
		const char *sev = jstr(d, "severity"), *state = jstr(d, "state");
		int64_t when;
		char buf[64];

		snprintf(buf, sizeof(buf), "%lld", (long long)jint(d, "id", 0));
		cell_set(&c[0], buf, NULL);
		snprintf(buf, sizeof(buf), "%lld",
		    (long long)jint(d, "subscription", 0));
		cell_set(&c[1], buf, NULL);
		cell_set(&c[2], or_dash(state), NULL);
		cell_set(&c[3], or_dash(jstr(d, "event")), NULL);
		cell_set(&c[4], or_dash(jstr(d, "region")), NULL);
		cell_set(&c[5], or_dash(jstr(d, "utility")), NULL);
		cell_set(&c[6], or_dash(sev), severity_sgr(sev));
		cell_set(&c[7], or_dash(jstr(d, "channel")), NULL);
		cell_set(&c[8], or_dash(jstr(d, "target")), NULL);
		snprintf(buf, sizeof(buf), "%lld",
		    (long long)jint(d, "attempts", 0));
		cell_set(&c[9], buf, NULL);
		/* pending: the next attempt; else when it ended */
		when = jtime(d, "next_at");
		if (when == 0)
			when = jtime(d, "done_at");
		if (when == 0)
			when = jtime(d, "created_at");
		fmt_when(when, buf, sizeof(buf));
		cell_set(&c[10], buf, NULL);
		if (jstr(d, "last_error") != NULL)
			cell_set(&c[11], jstr(d, "last_error"), NULL);
		else if (jint(d, "last_status", 0) > 0) {
			snprintf(buf, sizeof(buf), "HTTP %lld",
			    (long long)jint(d, "last_status", 0));
			cell_set(&c[11], buf, NULL);
		} else
			cell_set(&c[11], "-", NULL);
	}
	table_print(&t);
	table_free(&t);
}

int
cmd_deliveries(struct backend *b, const struct opts *o, char **args,
    int nargs)
{
	struct delivery_filter f = { o->state, o->subscription, 0 };
	const json_t *counts;
	json_t *j, *list;
	int rc;

	(void)args;
	(void)nargs;
	if (o->state != NULL && strcmp(o->state, "pending") != 0 &&
	    strcmp(o->state, "sent") != 0 && strcmp(o->state, "dead") != 0 &&
	    strcmp(o->state, "cancelled") != 0) {
		fprintf(stderr, "outagectl: deliveries: --state: expected "
		    "pending, sent, dead or cancelled\n");
		return CTL_USAGE;
	}
	if (o->subscription != NULL && id_arg_ok("deliveries --subscription",
	    o->subscription) < 0)
		return CTL_USAGE;
	if (parse_api_limit("deliveries", o->limit, &f.limit) < 0)
		return CTL_USAGE;
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	assert(b->ops->deliveries != NULL);
	if (b->ops->deliveries(b, &f, &j) != OD_OK)
		return backend_failed(b);
	/* --json: the whole answer, the counts with the list */
	if (o->seen & O_JSON)
		return json_print(j) == 0 ? CTL_OK : CTL_NODATA;
	list = answer_array(j, "deliveries");
	if (json_array_size(list) == 0)
		printf("No deliveries%s%s.\n", o->state ? " " : "",
		    o->state ? o->state : "");
	else
		deliveries_table(list);
	counts = json_object_get(j, "counts");
	printf("Queue: %lld pending, %lld in flight; %lld sent, %lld dead, "
	    "%lld cancelled.\n", (long long)jint(counts, "pending", 0),
	    (long long)jint(counts, "in_flight", 0),
	    (long long)jint(counts, "sent", 0),
	    (long long)jint(counts, "dead", 0),
	    (long long)jint(counts, "cancelled", 0));
	json_decref(j);
	return CTL_OK;
}
