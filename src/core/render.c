/* SPDX-License-Identifier: MIT */
/*
 * render.c - status and alert JSON.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "agg.h"
#include "region.h"
#include "render.h"
#include "route.h"
#include "subscription.h"
#include "util.h"

json_t *
render_time(int64_t ms)
{
	char buf[32];

	if (ms <= 0)
		return json_null();
	time_format(ms, buf, sizeof(buf));
	return json_string(buf);
}

static json_t *
count_or_null(int64_t v)
{
	return v < 0 ? json_null() : json_integer(v);
}

static json_t *
percent_or_null(double p)
{
	/* one decimal is what a person reads; more is false precision */
	return p < 0 ? json_null() : json_real((double)percent_tenths(p) / 10.0);
}

json_t *
render_figure(const struct figure *f)
{
	json_t *o = json_object();

	json_object_set_new(o, "status", json_string(fig_status_name(f->status)));
	json_object_set_new(o, "coverage", json_string(
	    f->status == FS_UNKNOWN ? "unknown" : "reported"));
	json_object_set_new(o, "affected", count_or_null(
	    f->status == FS_UNKNOWN ? -1 : f->affected));
	json_object_set_new(o, "unit", f->unit[0] ? json_string(f->unit) :
	    json_null());
	json_object_set_new(o, "percent", percent_or_null(f->percent));
	json_object_set_new(o, "severity", json_string(
	    severity_name(f->severity)));
	json_object_set_new(o, "approximate", json_boolean(f->approximate));
	json_object_set_new(o, "since", render_time(f->since));
	json_object_set_new(o, "last_update", render_time(f->updated_at));
	json_object_set_new(o, "peak", (f->status == FS_OUTAGE ||
	    f->status == FS_PARTIAL) && f->affected >= 0 ?
	    json_integer(f->peak) : json_null());
	json_object_set_new(o, "sources", json_integer(f->nsources));
	json_object_set_new(o, "direct", count_or_null(f->direct));
	json_object_set_new(o, "children", json_pack("{s:o,s:i}",
	    "affected", count_or_null(f->children_sum),
	    "reporting", f->children_reporting));
	/* the figure is a reported share of the region's consumers */
	json_object_set_new(o, "derived_from", f->from_percent &&
	    f->status != FS_UNKNOWN ? json_string("percent") : json_null());
	return o;
}

json_t *
render_status(const struct agg *a, const struct region *r, int64_t now)
{
	json_t *o = json_object(), *utils = json_object();

	json_object_set_new(o, "region", json_string(r->id));
	json_object_set_new(o, "name", json_string(r->name));
	json_object_set_new(o, "parent", r->parent ?
	    json_string(r->parent->id) : json_null());
	if (r->denominator > 0)
		json_object_set_new(o, "denominator", json_pack("{s:I,s:s}",
		    "count", (json_int_t)r->denominator, "unit",
		    r->denom_unit));
	else
		json_object_set_new(o, "denominator", json_null());
	json_object_set_new(o, "generated_at", render_time(now));
	for (int u = 0; u < UTIL_COUNT; u++) {
		const struct figure *f = agg_figure(a, r, (enum utility)u);
		const struct claim *cl;
		json_t *fo = render_figure(f), *claims = json_array();
		size_t n;

		/* why the figure is what it is: the region's own claims, or
		 * the sum and worst status of the places below it */
		json_object_set_new(fo, "basis", f->status == FS_UNKNOWN ?
		    json_null() : json_string(f->from_children ? "children" :
		    "direct"));
		cl = agg_claims(a, r, (enum utility)u, &n);
		for (size_t i = 0; i < n; i++)
			if (strcmp(cl[i].source, "sensors") == 0)
				json_object_set_new(fo, "sensors", json_pack(
				    "{s:i,s:i}", "dark", cl[i].sensed_dark,
				    "total", cl[i].sensed_total));
		for (size_t i = 0; i < n; i++)
			json_array_append_new(claims, json_pack(
			    "{s:s,s:s,s:o,s:o,s:o,s:b,s:I,s:o}",
			    "source", cl[i].source,
			    "status", report_status_name(cl[i].status),
			    "affected", count_or_null(cl[i].affected),
			    "unit", cl[i].unit[0] ? json_string(cl[i].unit) :
			    json_null(),
			    "percent", cl[i].percent > 0 ?
			    json_real(cl[i].percent) : json_null(),
			    "approximate", cl[i].approximate,
			    "priority", (json_int_t)cl[i].priority,
			    "observed_at", render_time(cl[i].observed_at)));
		json_object_set_new(fo, "claims", claims);
		json_object_set_new(utils, utility_name((enum utility)u), fo);
	}
	json_object_set_new(o, "utilities", utils);
	return o;
}

json_t *
render_alert(const struct region *r, enum utility u, enum alert_event ev,
    const struct alert_state *st, const struct figure *f, int64_t now)
{
	char key[OD_REGION_ID_MAX + 48];

	alert_incident_key(r->id, u, st->started_at, key, sizeof(key));
	return json_pack("{s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:b,"
	    "s:o,s:o}",
	    "event", alert_event_name(ev),
	    "alert_id", (json_int_t)st->id,
	    "incident_key", key,
	    "region", r->id,
	    "region_name", r->name,
	    "utility", utility_name(u),
	    "severity", severity_name(st->severity),
	    "status", fig_status_name(f->status),
	    "affected", count_or_null(f->affected),
	    "unit", f->unit[0] ? json_string(f->unit) : json_null(),
	    "percent", percent_or_null(f->percent),
	    "approximate", f->approximate,
	    "started_at", render_time(st->started_at),
	    "at", render_time(now));
}

json_t *
render_notice(const struct route_notice *n, const char *text,
    const char *title)
{
	const struct route_episode *ep = n->ep;
	const struct figure *f = n->fig;

	return json_pack("{s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:b,"
	    "s:o,s:o,s:s,s:s}",
	    "event", route_event_name(n->event),
	    "incident_key", ep->incident_key,
	    "subscription", (json_int_t)n->sub->id,
	    "region", ep->region->id,
	    "region_name", ep->region->name,
	    "utility", utility_name(ep->utility),
	    "severity", severity_name(f->severity),
	    "status", fig_status_name(f->status),
	    "affected", count_or_null(f->affected),
	    "unit", f->unit[0] ? json_string(f->unit) : json_null(),
	    "percent", percent_or_null(f->percent),
	    "approximate", f->approximate,
	    "started_at", render_time(ep->started_at),
	    "at", render_time(n->at),
	    "title", title ? title : "",
	    "text", text ? text : "");
}
