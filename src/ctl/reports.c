/* SPDX-License-Identifier: MIT */
/*
 * reports.c - outagectl reports: stored reports, newest first, or their
 * number.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util.h"
#include "ctl.h"

static int
reports_json(const struct report_list *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++) {
		const struct report_row *r = &l->v[i];
		json_t *o = json_object();

		json_object_set_new(o, "id", json_integer(r->id));
		json_object_set_new(o, "key", j_str(r->key));
		json_object_set_new(o, "observed_at", j_time(r->observed_at));
		json_object_set_new(o, "received_at", j_time(r->received_at));
		json_object_set_new(o, "source", j_str(r->source));
		json_object_set_new(o, "region", j_str(r->region));
		json_object_set_new(o, "utility", j_str(r->utility));
		json_object_set_new(o, "status", j_str(r->status));
		json_object_set_new(o, "affected", j_count(r->affected));
		json_object_set_new(o, "unit", j_str(r->unit));
		json_object_set_new(o, "percent", r->percent > 0 ?
		    json_real(r->percent) : json_null());
		json_object_set_new(o, "approximate",
		    json_boolean(r->approximate));
		json_object_set_new(o, "via", j_str(r->via));
		json_array_append_new(a, o);
	}
	return json_print(a);
}

static void
reports_table(const struct report_list *l)
{
	static const char *const head[] = { "OBSERVED", "SOURCE", "REGION",
	    "UTILITY", "STATUS", "AFFECTED", "UNIT", "VIA", "KEY" };
	static const int right[] = { 0, 0, 0, 0, 0, 1, 0, 0, 0 };
	struct table t = { NELEM(head), head, right, NULL, 0, 0 };

	for (size_t i = 0; i < l->n; i++) {
		const struct report_row *r = &l->v[i];
		struct cell *c = table_row(&t);
		char num[48], buf[64];

		fmt_when(r->observed_at, buf, sizeof(buf));
		cell_set(&c[0], buf, NULL);
		cell_set(&c[1], or_dash(r->source), NULL);
		cell_set(&c[2], or_dash(r->region), NULL);
		cell_set(&c[3], or_dash(r->utility), NULL);
		cell_set(&c[4], or_dash(r->status), NULL);
		if (r->affected >= 0) {
			fmt_count(r->affected, num, sizeof(num));
			snprintf(buf, sizeof(buf), "%s%s",
			    r->approximate ? "~" : "", num);
		} else if (r->percent > 0)	/* a share, no count */
			snprintf(buf, sizeof(buf), "%s%g%%",
			    r->approximate ? "~" : "", r->percent);
		else
			str_copy(buf, "-", sizeof(buf));
		cell_set(&c[5], buf, NULL);
		cell_set(&c[6], or_dash(r->unit), NULL);
		cell_set(&c[7], or_dash(r->via), NULL);
		cell_set(&c[8], or_dash(r->key), NULL);
	}
	table_print(&t);
	table_free(&t);
}

int
cmd_reports(struct backend *b, const struct opts *o, char **args, int nargs)
{
	struct report_filter f = { NULL, NULL, INT64_MIN, DEFAULT_LIMIT };
	struct report_list l = { NULL, 0, 0, 0 };
	char rid[OD_REGION_ID_MAX];
	int json = (o->seen & O_JSON) != 0, rc = CTL_OK;
	int64_t n, total;

	(void)args;
	(void)nargs;
	if (o->region != NULL && b->ops->names) {
		/* the daemon resolves ids, any case, and names */
		if (!api_text_ok(o->region, 256)) {
			region_usage("--region: ", o->region);
			return CTL_USAGE;
		}
		f.region = o->region;
	} else if (o->region != NULL) {
		if (canonical_region(o->region, rid, sizeof(rid)) == -1) {
			fprintf(stderr, "outagectl: --region: not a region "
			    "id (such as UA-12)\n");
			return CTL_USAGE;
		}
		f.region = rid;
	}
	f.source = o->source;
	if (o->since != NULL && parse_since(o->since, &f.since_ms) == -1) {
		since_usage();
		return CTL_USAGE;
	}
	if (o->limit != NULL &&
	    parse_i64(o->limit, 0, INT64_MAX, &f.limit) != OD_OK) {
		fprintf(stderr, "outagectl: --limit: expected a number "
		    ">= 0\n");
		return CTL_USAGE;
	}
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;

	assert(b->ops->reports != NULL && b->ops->count_reports != NULL);
	if (o->seen & O_COUNT) {
		if (b->ops->count_reports(b, &f, &n) != OD_OK)
			return backend_failed(b);
		if (json) {
			json_t *j = json_pack("{s:I}", "count", (json_int_t)n);

			return json_print(j) == 0 ? CTL_OK : CTL_NODATA;
		}
		printf("%lld\n", (long long)n);
		return CTL_OK;
	}

	l.more = -1;
	if (b->ops->reports(b, &f, &l) != OD_OK) {
		report_list_free(&l);
		return backend_failed(b);
	}
	if (json)
		rc = reports_json(&l) == 0 ? CTL_OK : CTL_NODATA;
	else if (l.n == 0)
		fprintf(stderr, "outagectl: no reports match\n");
	else {
		reports_table(&l);
		/* tell a person the list was cut; scripts use --json */
		if (l.more == 1)
			fprintf(stderr, "outagectl: showing the newest %lld "
			    "reports; more match (--limit N, 0 for all)\n",
			    (long long)f.limit);
		else if (l.more == -1 && f.limit > 0 &&
		    (int64_t)l.n == f.limit &&
		    b->ops->count_reports(b, &f, &total) == OD_OK &&
		    total > f.limit)
			fprintf(stderr, "outagectl: showing the newest %lld "
			    "of %lld reports (--limit N, 0 for all)\n",
			    (long long)f.limit, (long long)total);
	}
	report_list_free(&l);
	return rc;
}
