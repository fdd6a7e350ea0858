/* SPDX-License-Identifier: MIT */
/*
 * status.c - outagectl status [REGION]: regions with an outage, worst
 * first, or every utility of one region.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "outaged.h"
#include "util.h"
#include "ctl.h"

static int
status_cmp(const void *pa, const void *pb)
{
	const struct status_row *a = pa, *b = pb;
	int sa = severity_rank(a->severity), sb = severity_rank(b->severity);
	int c;

	/* worst first: severity, then percent, then the count */
	if (sa != sb)
		return sa < sb ? 1 : -1;
	if (a->percent != b->percent)
		return a->percent < b->percent ? 1 : -1;
	if (a->affected != b->affected)
		return a->affected < b->affected ? 1 : -1;
	if ((c = strcmp(or_dash(a->region), or_dash(b->region))) != 0)
		return c;
	return strcmp(or_dash(a->utility), or_dash(b->utility));
}

static int
is_unknown(const struct status_row *r)
{
	return r->status == NULL || strcmp(r->status, "unknown") == 0;
}

/* Only an outage or partial outage has a peak worth showing. */
static int
has_episode(const struct status_row *r)
{
	return r->status != NULL && (strcmp(r->status, "outage") == 0 ||
	    strcmp(r->status, "partial") == 0);
}

static int
status_json(const struct status_list *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++) {
		const struct status_row *r = &l->v[i];
		json_t *o = json_object();

		json_object_set_new(o, "region", j_str(r->region));
		json_object_set_new(o, "name", j_str(r->name));
		json_object_set_new(o, "utility", j_str(r->utility));
		json_object_set_new(o, "status", j_str(r->status));
		json_object_set_new(o, "affected", j_count(is_unknown(r) ?
		    -1 : r->affected));
		json_object_set_new(o, "unit", j_str(r->unit));
		/* one decimal, as the daemon publishes it */
		json_object_set_new(o, "percent", r->percent < 0 ?
		    json_null() : json_real((double)llround(r->percent * 10) /
		    10.0));
		json_object_set_new(o, "severity", j_str(r->severity));
		json_object_set_new(o, "approximate",
		    json_boolean(r->approximate));
		json_object_set_new(o, "sources", json_integer(r->sources));
		json_object_set_new(o, "since", j_time(r->since));
		json_object_set_new(o, "last_update", j_time(r->updated_at));
		json_object_set_new(o, "peak", has_episode(r) ?
		    j_count(r->peak) : json_null());
		json_array_append_new(a, o);
	}
	return json_print(a);
}

static void
status_table(const struct status_list *l)
{
	static const char *const head[] = { "REGION", "NAME", "UTILITY",
	    "STATUS", "AFFECTED", "UNIT", "PERCENT", "SEVERITY", "SINCE",
	    "UPDATED" };
	static const int right[] = { 0, 0, 0, 0, 1, 0, 1, 0, 0, 0 };
	struct table t = { NELEM(head), head, right, NULL, 0, 0 };

	for (size_t i = 0; i < l->n; i++) {
		const struct status_row *r = &l->v[i];
		struct cell *c = table_row(&t);
		char buf[64];

		cell_set(&c[0], or_dash(r->region), NULL);
		cell_set(&c[1], or_dash(r->name), NULL);
		cell_set(&c[2], or_dash(r->utility), NULL);
		cell_set(&c[3], or_dash(r->status), NULL);
		fmt_affected(is_unknown(r) ? -1 : r->affected, r->approximate,
		    buf, sizeof(buf));
		cell_set(&c[4], buf, NULL);
		cell_set(&c[5], or_dash(r->unit), NULL);
		fmt_percent(r->percent, is_unknown(r) ? -1 : r->affected,
		    r->approximate, buf, sizeof(buf));
		cell_set(&c[6], buf, NULL);
		cell_set(&c[7], or_dash(r->severity),
		    severity_sgr(r->severity));
		fmt_when(r->since, buf, sizeof(buf));
		cell_set(&c[8], buf, NULL);
		fmt_when(r->updated_at, buf, sizeof(buf));
		cell_set(&c[9], buf, NULL);
	}
	table_print(&t);
	table_free(&t);
}

/* The utilities a region has no row for: coverage unknown, not zero. */
static void
unreported_note(const struct status_list *l)
{
	const char *sep = "";
	int missing = 0;

	for (int u = 0; u < UTIL_COUNT; u++) {
		const char *name = utility_name((enum utility)u);
		size_t i;

		for (i = 0; i < l->n; i++)
			if (l->v[i].utility != NULL &&
			    strcmp(l->v[i].utility, name) == 0)
				break;
		if (i < l->n)
			continue;
		if (!missing++)
			fputs("Nothing stored for ", stdout);
		printf("%s%s", sep, name);
		sep = ", ";
	}
	if (missing)
		puts(": coverage unknown.");
}

/* "UA", "UA-12", "UA-12:dnipro": two letters, then nothing or '-'. */
static int
looks_like_id(const char *s)
{
	return s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
	    (s[2] == '\0' || s[2] == '-');
}

/* Sensing devices per region, dark of total (where there are any). */
static void
sensors_note(struct backend *b, const char *only)
{
	json_t *j = NULL, *regions, *r;
	const char *id;

	if (b->ops->devices == NULL || b->ops->devices(b, &j) != OD_OK) {
		b->err[0] = '\0';	/* an older daemon: no devices */
		return;
	}
	regions = json_object_get(j, "regions");
	json_object_foreach(regions, id, r) {
		if (only != NULL && strcmp(id, only) != 0)
			continue;
		printf("Sensors %s: %lld of %lld dark%s\n", id,
		    (long long)jint(r, "dark", 0), (long long)jint(r, "total", 0),
		    json_is_true(json_object_get(r, "outage")) ?
		    " (sensed outage)" : "");
	}
	json_decref(j);
}

int
cmd_status(struct backend *b, const struct opts *o, char **args, int nargs)
{
	struct status_list l = { NULL, 0, 0, 0 };
	char rid[OD_REGION_ID_MAX];
	const char *region = NULL;
	size_t stored, kept = 0;
	int json = (o->seen & O_JSON) != 0, rc = CTL_OK;

	if (nargs == 1 && b->ops->names) {
		/* the daemon resolves ids, any case, and names */
		if (!api_text_ok(args[0], 256)) {
			region_usage("", args[0]);
			return CTL_USAGE;
		}
		region = args[0];
	} else if (nargs == 1) {
		if (canonical_region(args[0], rid, sizeof(rid)) == -1) {
			char *safe = term_safe(args[0]);

			fprintf(stderr, "outagectl: \"%s\" is not a region "
			    "id (such as UA-12)\n", safe);
			free(safe);
			return CTL_USAGE;
		}
		region = rid;
	}
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	assert(b->ops->statuses != NULL);
	if (b->ops->statuses(b, region, &l) != OD_OK) {
		status_list_free(&l);
		return backend_failed(b);
	}
	if (region != NULL && l.n == 0) {
		/* the database cannot tell unknown from unreported */
		char *safe = term_safe(args[0]);

		fprintf(stderr, "outagectl: no status for region %s%s\n", safe,
		    b->ops->names ? ": nothing reported" :
		    looks_like_id(region) ? "" :
		    " (REGION is an id such as UA-12)");
		free(safe);
		status_list_free(&l);
		return CTL_NODATA;
	}
	stored = l.n;
	if (region == NULL) {
		/* coverage unknown is not an outage: list only reported rows */
		for (size_t i = 0; i < l.n; i++) {
			if (is_unknown(&l.v[i])) {
				status_row_free(&l.v[i]);
				continue;
			}
			l.v[kept++] = l.v[i];
		}
		l.n = kept;
	}
	if (l.n > 0)
		qsort(l.v, l.n, sizeof(*l.v), status_cmp);
	if (json)
		rc = status_json(&l) == 0 ? CTL_OK : CTL_NODATA;
	else if (l.n == 0 && l.outages_only)
		printf("No region has an outage now%s.\n", stored > 0 ?
		    "; some have only stale data (coverage unknown)" : "");
	else if (l.n == 0 && stored == 0)
		puts("No region status stored yet.");
	else if (l.n == 0)
		printf("No region has fresh data: coverage is unknown for all "
		    "%zu region/utility pairs stored.\n", stored);
	else {
		status_table(&l);
		if (region != NULL)
			unreported_note(&l);
		sensors_note(b, region != NULL ? l.v[0].region : NULL);
	}
	status_list_free(&l);
	return rc;
}
