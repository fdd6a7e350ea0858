/* SPDX-License-Identifier: MIT */
/*
 * cmd_report.c - outagectl report: send one report to the daemon.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "outaged.h"
#include "report.h"
#include "util.h"
#include "ctl.h"

int
cmd_report(struct backend *b, const struct opts *o, char **args, int nargs)
{
	const char *source = o->source != NULL ? o->source : "outagectl";
	char now[32], num[64];
	struct buf out = { .max = 511 };	/* one line */
	int64_t affected = -1;
	double percent = 0;
	enum utility u;
	enum report_status st;
	json_t *body, *j;
	char *post, *safe;
	int rc;

	(void)args;
	(void)nargs;
	if (o->region == NULL || o->utility == NULL || o->status == NULL) {
		fprintf(stderr, "outagectl: report: --region, --utility and "
		    "--status are required\n");
		return CTL_USAGE;
	}
	if (!api_text_ok(o->region, 256)) {
		region_usage("--region: ", o->region);
		return CTL_USAGE;
	}
	/* the names report.c accepts, as it reads them */
	if (utility_from_name(o->utility, &u) < 0) {
		fprintf(stderr, "outagectl: --utility: expected power, heat, "
		    "water, gas or telecom\n");
		return CTL_USAGE;
	}
	if (report_status_from_name(o->status, &st) < 0) {
		fprintf(stderr, "outagectl: --status: expected outage, partial "
		    "or restored\n");
		return CTL_USAGE;
	}
	if (o->affected != NULL &&
	    parse_i64(o->affected, 0, INT64_MAX, &affected) != OD_OK) {
		char *got = term_safe(o->affected);

		/* the report schema wants an integer: no 1e3, no 2.5 */
		fprintf(stderr, "outagectl: --affected: expected a whole "
		    "number >= 0 (got %s)\n", got);
		free(got);
		return CTL_USAGE;
	}
	if (o->percent != NULL) {
		char *end;

		errno = 0;
		percent = strtod(o->percent, &end);
		if (errno != 0 || end == o->percent || *end != '\0' ||
		    !(percent > 0 && percent <= 100)) {
			char *got = term_safe(o->percent);

			fprintf(stderr, "outagectl: --percent: expected a "
			    "number above 0 and at most 100 (got %s)\n", got);
			free(got);
			return CTL_USAGE;
		}
	}
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;

	/*
	 * observed_at is now: without it two equal reports sent an hour
	 * apart would hash to the same key, and the second be a duplicate.
	 */
	time_format(now_wall_ms(), now, sizeof(now));
	body = json_object();
	json_object_set_new(body, "source", j_str(source));
	json_object_set_new(body, "region", j_str(o->region));
	json_object_set_new(body, "utility", j_str(o->utility));
	json_object_set_new(body, "status", j_str(o->status));
	json_object_set_new(body, "observed_at", j_str(now));
	if (o->id != NULL)
		json_object_set_new(body, "id", j_str(o->id));
	if (affected >= 0)
		json_object_set_new(body, "affected",
		    json_integer((json_int_t)affected));
	if (o->percent != NULL)
		json_object_set_new(body, "percent", json_real(percent));
	if (o->unit != NULL)
		json_object_set_new(body, "unit", j_str(o->unit));
	if (o->seen & O_APPROX)
		json_object_set_new(body, "approximate", json_true());
	post = json_dumps(body, OD_JSON_COMPACT);
	json_decref(body);
	if (post == NULL) {
		fprintf(stderr, "outagectl: cannot encode the report (is "
		    "every value UTF-8?)\n");
		return CTL_USAGE;
	}
	assert(b->ops->send_report != NULL);
	if (b->ops->send_report(b, post, &j) != OD_OK) {
		free(post);
		return backend_failed(b);
	}
	free(post);

	if (jint(j, "accepted", 0) + jint(j, "duplicates", 0) == 0) {
		const json_t *first = json_array_get(json_object_get(j,
		    "rejected"), 0);

		snprintf(b->err, sizeof(b->err), "the daemon stored nothing: "
		    "%s: %s", or_dash(jstr(first, "error")),
		    or_dash(jstr(first, "detail")));
		b->fail = CTL_REFUSED;
		json_decref(j);
		safe = term_safe(b->err);
		str_copy(b->err, safe, sizeof(b->err));
		free(safe);
		return backend_failed(b);
	}
	if (o->seen & O_JSON)
		return json_print(j) == 0 ? CTL_OK : CTL_NODATA;
	if (jint(j, "accepted", 0) > 0) {
		text_add(&out, "Accepted: %s %s %s", o->region, o->utility,
		    o->status);
		if (affected >= 0) {
			fmt_affected(affected, (o->seen & O_APPROX) != 0, num,
			    sizeof(num));
			text_add(&out, " %s%s%s", num, o->unit ? " " : "",
			    o->unit ? o->unit : "");
		}
		if (o->percent != NULL)
			text_add(&out, " %s%g%%", affected >= 0 ? "(" : "",
			    percent);
		if (o->percent != NULL && affected >= 0)
			text_add(&out, ")");
		text_add(&out, " (source %s%s%s)", source,
		    o->id ? ", id " : "", o->id ? o->id : "");
	} else
		text_add(&out, "Already stored: the daemon has this report "
		    "(source %s%s%s); nothing changed.", source,
		    o->id ? ", id " : "", o->id ? o->id : "");
	safe = term_safe(buf_str(&out));
	buf_free(&out);
	puts(safe);
	free(safe);
	json_decref(j);
	return CTL_OK;
}
