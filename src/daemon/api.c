/* SPDX-License-Identifier: MIT */
/*
 * api.c - routes of the HTTP API (docs/openapi.json describes them):
 *
 *   GET  /api/v1/status                 regions with an outage or stale data
 *   GET  /api/v1/regions/{id}           figures, claims, children, alerts
 *   GET  /api/v1/regions/{id}/history   status changes over a time range
 *   GET  /api/v1/reports                stored reports, newest first, paged
 *   POST /api/v1/reports                ingest (bearer token)
 *   POST /api/v1/news                   an article to extract (bearer token)
 *   GET  /api/v1/alerts                 alert episodes
 *   GET  /api/v1/events                 server-sent events
 *   GET  /api/v1/openapi.json           the API description
 *   GET  /metrics, /healthz, / (dashboard)
 *
 * Errors are {"error", "detail"} with the matching status code.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/crypto.h>

#include "api.h"
#include "daemon.h"
#include "log.h"
#include "mqtt.h"
#include "news.h"
#include "region.h"
#include "render.h"
#include "store.h"
#include "util.h"

#define PREFIX		"/api/v1"
#define DEFAULT_LIMIT	100
#define MAX_LIMIT	1000
#define HISTORY_MAX	10000

/* ---- responses -------------------------------------------------------- */

static void
set_json(struct http_resp *rs, int status, json_t *j)
{
	rs->status = status;
	rs->content_type = "application/json";
	rs->body = json_dumps(j, JSON_INDENT(1) | JSON_REAL_PRECISION(12));
	json_decref(j);
	if (rs->body == NULL)
		fatalx("api: json_dumps failed");
	rs->bodylen = strlen(rs->body);
}

static void
set_error(struct http_resp *rs, int status, const char *error,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
set_error(struct http_resp *rs, int status, const char *error,
    const char *fmt, ...)
{
	char detail[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	set_json(rs, status, json_pack("{s:s,s:s}", "error", error, "detail",
	    detail));
}

/* ---- parameters -------------------------------------------------------- */

/* A time parameter: RFC 3339, or a duration back from now ("24h"). */
static int
param_time(const char *v, int64_t now, int64_t *out)
{
	int64_t secs;

	if (time_parse(v, out) == OD_OK)
		return 0;
	if (parse_duration(v, 0, 3650 * 86400, &secs) == OD_OK) {
		*out = now - secs * 1000;
		return 0;
	}
	return -1;
}

static int
param_limit(const struct http_req *req, struct http_resp *rs, int64_t *out)
{
	const char *v = http_query(req, "limit");

	*out = DEFAULT_LIMIT;
	if (v == NULL)
		return 0;
	if (parse_i64(v, 1, MAX_LIMIT, out) != OD_OK) {
		set_error(rs, 400, "bad_request", "limit must be an integer "
		    "from 1 to %d", MAX_LIMIT);
		return -1;
	}
	return 0;
}

/* ---- authentication ---------------------------------------------------- */

/*
 * Compare SHA-256 digests in constant time: equal lengths always, and no
 * early exit that would time the prefix a guess got right.  A configured
 * token "sha256:<hex>" is its digest already, so the file need not hold
 * the secret.  On a match *sources is the token's "sources" array, or
 * NULL when it may post as any source.
 */
static int
token_ok(const struct conf *c, const char *presented, const json_t **sources)
{
	char got[65];
	size_t i;
	json_t *t;
	int ok = 0;

	*sources = NULL;
	sha256_hex(presented, strlen(presented), got);
	json_array_foreach(c->http_tokens, i, t) {
		const char *v = json_is_string(t) ? json_string_value(t) :
		    json_string_value(json_object_get(t, "token"));
		char want[65];

		if (strncmp(v, "sha256:", 7) == 0 && strlen(v) == 71)
			str_copy(want, v + 7, sizeof(want));
		else
			sha256_hex(v, strlen(v), want);
		if (CRYPTO_memcmp(got, want, 64) == 0 && !ok) {
			ok = 1;
			*sources = json_object_get(t, "sources");
		}
	}
	return ok;
}


/*
 * Failed authentications per client address: past AUTH_FAIL_MAX in one
 * AUTH_WINDOW_MS window the address gets 429 until the window ends, so a
 * token cannot be guessed at the speed of the network (RELIABILITY S3).
 * A small table with the oldest entry replaced: an attacker with many
 * addresses is the firewall's business, not ours.
 */
#define AUTH_FAIL_MAX	30
#define AUTH_WINDOW_MS	60000
#define AUTH_SLOTS	256

struct auth_slot {
	char		 addr[64];
	int64_t		 window_start;	/* monotonic ms */
	int		 fails;
};

static struct auth_slot *
auth_slot(struct daemon *d, const char *addr, int create)
{
	struct auth_slot *oldest;
	int64_t now = now_mono_ms();

	if (d->auth_slots == NULL)	/* freed with the daemon */
		d->auth_slots = xcalloc(AUTH_SLOTS, sizeof(*d->auth_slots));
	oldest = &d->auth_slots[0];
	for (size_t i = 0; i < AUTH_SLOTS; i++) {
		struct auth_slot *s = &d->auth_slots[i];

		if (s->addr[0] != '\0' && strcmp(s->addr, addr) == 0) {
			if (now - s->window_start >= AUTH_WINDOW_MS) {
				s->window_start = now;	/* a new window */
				s->fails = 0;
			}
			return s;
		}
		if (s->window_start < oldest->window_start)
			oldest = s;
	}
	if (!create)
		return NULL;
	str_copy(oldest->addr, addr, sizeof(oldest->addr));
	oldest->window_start = now;
	oldest->fails = 0;
	return oldest;
}

static int
auth_throttled(struct daemon *d, const struct http_req *req,
    struct http_resp *rs)
{
	char addr[64];
	struct auth_slot *s;

	http_client_addr(req, addr, sizeof(addr));
	if ((s = auth_slot(d, addr, 0)) == NULL || s->fails < AUTH_FAIL_MAX)
		return 0;
	set_error(rs, 429, "too_many_requests", "too many failed "
	    "authentications from this address; try again later");
	rs->retry_after = "60";
	return 1;
}

static void
auth_failed(struct daemon *d, const char *addr)
{
	struct auth_slot *s;

	if ((s = auth_slot(d, addr, 1)) != NULL && ++s->fails == AUTH_FAIL_MAX)
		log_warnx("api: %d failed authentications from %s within a "
		    "minute: refusing it for the rest of the minute",
		    AUTH_FAIL_MAX, addr);
}

static int
authorized(struct daemon *d, const struct http_req *req,
    struct http_resp *rs, const json_t **sources)
{
	const char *h = http_header(req, "Authorization");
	const json_t *any;
	char addr[64];

	if (sources == NULL)
		sources = &any;

	if (auth_throttled(d, req, rs))
		return 0;
	http_client_addr(req, addr, sizeof(addr));
	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0) {
		auth_failed(d, addr);
		set_error(rs, 401, "unauthorized", "this needs a bearer token "
		    "(Authorization: Bearer <token>)");
		rs->www_auth = "Bearer";
		return 0;
	}
	if (!token_ok(d->conf, h + 7, sources)) {
		auth_failed(d, addr);
		log_warnx("api: bad token from %s for %s %s", addr,
		    req->method, req->path);
		set_error(rs, 401, "unauthorized", "the bearer token is not "
		    "valid");
		rs->www_auth = "Bearer error=\"invalid_token\"";
		return 0;
	}
	return 1;
}

/* ---- status ------------------------------------------------------------ */

struct region_rank {
	const struct region *r;
	enum severity	 sev;
	double		 pct;
	int64_t		 affected;
	int		 outage;	/* some utility is out or partial */
	int		 stale;		/* some stored utility is unknown now */
};

struct collect {
	struct daemon	*d;
	struct region_rank *v;
	size_t		 n, cap;
	unsigned char	*seen;
};

static int
collect_region(void *arg, const struct store_status_row *row)
{
	struct collect *cx = arg;
	const struct region *r = gaz_by_id(cx->d->gaz, row->region);
	struct region_rank *rr;

	if (r == NULL || cx->seen[r->index])
		return 0;
	cx->seen[r->index] = 1;
	if (cx->n == cx->cap) {
		cx->cap = cx->cap ? cx->cap * 2 : 64;
		cx->v = xreallocarray(cx->v, cx->cap, sizeof(*cx->v));
	}
	rr = &cx->v[cx->n++];
	memset(rr, 0, sizeof(*rr));
	rr->r = r;
	rr->pct = -1;
	for (int u = 0; u < UTIL_COUNT; u++) {
		const struct figure *f = agg_figure(cx->d->agg, r,
		    (enum utility)u);

		if (f->status == FS_OUTAGE || f->status == FS_PARTIAL)
			rr->outage = 1;
		if (f->severity > rr->sev)
			rr->sev = f->severity;
		if (f->percent > rr->pct)
			rr->pct = f->percent;
		if (f->affected > rr->affected)
			rr->affected = f->affected;
	}
	return 0;
}

static int
cmp_rank(const void *pa, const void *pb)
{
	const struct region_rank *a = pa, *b = pb;

	if (a->sev != b->sev)
		return (int)b->sev - (int)a->sev;
	if (a->outage != b->outage)
		return b->outage - a->outage;
	if (a->pct != b->pct)
		return a->pct < b->pct ? 1 : -1;
	if (a->affected != b->affected)
		return a->affected < b->affected ? 1 : -1;
	return strcmp(a->r->id, b->r->id);
}

static json_t *
utilities_json(struct daemon *d, const struct region *r, int with_unknown)
{
	json_t *o = json_object();

	for (int u = 0; u < UTIL_COUNT; u++) {
		const struct figure *f = agg_figure(d->agg, r, (enum utility)u);

		/* unknown is shown where something was known before (stale) */
		if (f->status == FS_UNKNOWN && !with_unknown && f->since == 0)
			continue;
		json_object_set_new(o, utility_name((enum utility)u),
		    render_figure(f));
	}
	return o;
}

static void
route_status(struct daemon *d, struct http_resp *rs)
{
	struct collect cx;
	json_t *list = json_array();
	int64_t now = now_wall_ms();

	memset(&cx, 0, sizeof(cx));
	cx.d = d;
	cx.seen = xcalloc(gaz_count(d->gaz), 1);
	if (store_statuses(d->store, NULL, collect_region, &cx) != OD_OK) {
		free(cx.seen);
		free(cx.v);
		json_decref(list);
		set_error(rs, 503, "unavailable", "database error");
		return;
	}
	if (cx.n > 0)
		qsort(cx.v, cx.n, sizeof(*cx.v), cmp_rank);
	for (size_t i = 0; i < cx.n; i++) {
		const struct region *r = cx.v[i].r;

		/* reported regions that are back to normal are left out */
		if (!cx.v[i].outage) {
			int unknown = 0;

			for (int u = 0; u < UTIL_COUNT; u++)
				unknown |= agg_figure(d->agg, r,
				    (enum utility)u)->status == FS_UNKNOWN &&
				    agg_figure(d->agg, r, (enum utility)u)->since
				    > 0;
			if (!unknown)
				continue;
		}
		json_array_append_new(list, json_pack("{s:s,s:s,s:o,s:s,s:o}",
		    "region", r->id, "name", r->name,
		    "parent", r->parent ? json_string(r->parent->id) :
		    json_null(),
		    "severity", severity_name(cx.v[i].sev),
		    "utilities", utilities_json(d, r, 0)));
	}
	free(cx.seen);
	free(cx.v);
	set_json(rs, 200, json_pack("{s:o,s:o}", "generated_at",
	    render_time(now), "regions", list));
}

/* ---- regions ----------------------------------------------------------- */

struct alert_list {
	struct daemon	*d;
	json_t		*list;
};

static int
alert_row_json(void *arg, const struct store_alert_row *a)
{
	struct alert_list *al = arg;
	const struct region *r = gaz_by_id(al->d->gaz, a->region);

	json_array_append_new(al->list, json_pack(
	    "{s:I,s:s?,s:s,s:s?,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o}",
	    "id", (json_int_t)a->id,
	    "incident_key", a->incident_key,
	    "region", a->region,
	    "region_name", r ? r->name : NULL,
	    "utility", a->utility,
	    "state", a->state,
	    "severity", a->severity,
	    "started_at", render_time(a->started_at),
	    "updated_at", render_time(a->updated_at),
	    "resolved_at", render_time(a->resolved_at),
	    "affected", a->affected < 0 ? json_null() :
	    json_integer(a->affected),
	    "percent", a->percent < 0 ? json_null() :
	    json_real(round(a->percent * 10) / 10)));
	return 0;
}

static const struct region *
find_region(struct daemon *d, const char *id, struct http_resp *rs)
{
	const struct region *r;
	char err[256], esc[128];

	if (gaz_resolve(d->gaz, id, &r, err, sizeof(err)) == OD_OK)
		return r;
	log_escape(esc, sizeof(esc), id, strlen(id));
	set_error(rs, 404, "not_found", "unknown region \"%s\"%s%s", esc,
	    err[0] ? ": " : "", err);
	return NULL;
}

static void
route_region(struct daemon *d, const char *id, struct http_resp *rs)
{
	const struct region *r = find_region(d, id, rs);
	json_t *o, *children, *alerts;

	if (r == NULL)
		return;
	o = render_status(d->agg, r, now_wall_ms());
	children = json_array();
	for (size_t i = 0; i < r->nchildren; i++) {
		const struct region *c = r->children[i];
		enum severity worst = SEV_NONE;

		for (int u = 0; u < UTIL_COUNT; u++)
			if (agg_figure(d->agg, c, (enum utility)u)->severity >
			    worst)
				worst = agg_figure(d->agg, c,
				    (enum utility)u)->severity;
		json_array_append_new(children, json_pack("{s:s,s:s,s:s,s:o}",
		    "region", c->id, "name", c->name, "severity",
		    severity_name(worst), "utilities",
		    utilities_json(d, c, 0)));
	}
	json_object_set_new(o, "children", children);
	alerts = json_array();
	{
		struct alert_list al = { d, alerts };

		store_alerts(d->store, "firing", r->id, MAX_LIMIT,
		    alert_row_json, &al);
	}
	json_object_set_new(o, "alerts", alerts);
	set_json(rs, 200, o);
}

static int
history_row_json(void *arg, const struct store_history_row *h)
{
	json_t *list = arg;

	json_array_append_new(list, json_pack("{s:o,s:s,s:s,s:o,s:o,s:o,s:s}",
	    "at", render_time(h->at),
	    "utility", h->utility,
	    "status", h->status,
	    "affected", h->affected < 0 ? json_null() :
	    json_integer(h->affected),
	    "unit", h->unit ? json_string(h->unit) : json_null(),
	    "percent", h->percent < 0 ? json_null() :
	    json_real(round(h->percent * 10) / 10),
	    "severity", h->severity));
	return 0;
}

static void
route_history(struct daemon *d, const char *id, const struct http_req *req,
    struct http_resp *rs)
{
	const struct region *r = find_region(d, id, rs);
	const char *util = http_query(req, "utility");
	const char *v;
	int64_t now = now_wall_ms(), since = now - 86400000, until = now;
	enum utility u;
	json_t *points;

	if (r == NULL)
		return;
	if (util != NULL && utility_from_name(util, &u) < 0) {
		set_error(rs, 400, "bad_request", "utility must be power, "
		    "heat, water, gas or telecom");
		return;
	}
	if ((v = http_query(req, "since")) != NULL &&
	    param_time(v, now, &since) < 0) {
		set_error(rs, 400, "bad_request", "since must be an RFC 3339 "
		    "time or a duration such as 24h");
		return;
	}
	if ((v = http_query(req, "until")) != NULL &&
	    param_time(v, now, &until) < 0) {
		set_error(rs, 400, "bad_request", "until must be an RFC 3339 "
		    "time or a duration such as 1h");
		return;
	}
	points = json_array();
	if (store_history(d->store, r->id, util, since, until, HISTORY_MAX,
	    history_row_json, points) != OD_OK) {
		json_decref(points);
		set_error(rs, 503, "unavailable", "database error");
		return;
	}
	set_json(rs, 200, json_pack("{s:s,s:s?,s:o,s:o,s:o}", "region", r->id,
	    "utility", util, "since", render_time(since), "until",
	    render_time(until), "points", points));
}

/* ---- reports ----------------------------------------------------------- */

struct page {
	json_t		*list;
	int64_t		 last_id;
	int64_t		 want;		/* rows to return */
	int		 more;		/* a further row exists */
};

static int
report_row_json(void *arg, const struct store_report_row *r)
{
	struct page *pg = arg;

	if ((int64_t)json_array_size(pg->list) == pg->want) {
		pg->more = 1;		/* the one row asked for beyond the page */
		return 1;
	}
	json_array_append_new(pg->list, json_pack(
	    "{s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:b,s:o,s:o,s:s}",
	    "id", (json_int_t)r->rowid,
	    "key", r->key,
	    "source", r->source,
	    "region", r->region,
	    "utility", r->utility,
	    "status", r->status,
	    "affected", r->affected < 0 ? json_null() :
	    json_integer(r->affected),
	    "unit", r->unit ? json_string(r->unit) : json_null(),
	    "approximate", r->approximate,
	    "observed_at", render_time(r->observed_at),
	    "received_at", render_time(r->received_at),
	    "via", r->via));
	pg->last_id = r->rowid;
	return 0;
}

static void
route_reports_get(struct daemon *d, const struct http_req *req,
    struct http_resp *rs)
{
	struct store_query q = { NULL, NULL, 0, 0 };
	struct page pg = { NULL, 0, 0, 0 };
	const char *v;
	int64_t before = 0;
	const struct region *r = NULL;

	if (param_limit(req, rs, &q.limit) < 0)
		return;
	if ((v = http_query(req, "region")) != NULL) {
		if ((r = find_region(d, v, rs)) == NULL)
			return;
		q.region = r->id;
	}
	q.source = http_query(req, "source");
	if ((v = http_query(req, "since")) != NULL &&
	    param_time(v, now_wall_ms(), &q.since_ms) < 0) {
		set_error(rs, 400, "bad_request", "since must be an RFC 3339 "
		    "time or a duration such as 24h");
		return;
	}
	if ((v = http_query(req, "before")) != NULL &&
	    parse_i64(v, 1, INT64_MAX, &before) != OD_OK) {
		set_error(rs, 400, "bad_request", "before must be a report id "
		    "(the next_before of the previous page)");
		return;
	}
	pg.list = json_array();
	pg.want = q.limit;
	q.limit++;		/* one more tells whether another page exists */
	if (store_reports_page(d->store, &q, before, report_row_json, &pg) !=
	    OD_OK) {
		json_decref(pg.list);
		set_error(rs, 503, "unavailable", "database error");
		return;
	}
	set_json(rs, 200, json_pack("{s:o,s:o}", "reports", pg.list,
	    "next_before", pg.more ? json_integer(pg.last_id) : json_null()));
}

static void
route_reports_post(struct daemon *d, const struct http_req *req,
    const json_t *sources, struct http_resp *rs)
{
	struct ingest_result res;
	json_t *first;

	d->count.http_posts++;
	if (req->body == NULL || req->bodylen == 0) {
		set_error(rs, 400, "invalid_json", "the body must be a report "
		    "object or an array of them");
		return;
	}
	daemon_ingest(d, NULL, sources, req->body, req->bodylen, "http", &res);
	if (daemon_commit(d) != 0) {
		json_decref(res.rejects);
		set_error(rs, 503, "unavailable", "the database could not "
		    "commit; nothing from this request was stored");
		return;
	}
	first = json_array_get(res.rejects, 0);
	if (first != NULL && res.accepted + res.duplicates == 0) {
		const char *e = json_string_value(json_object_get(first,
		    "error"));

		set_json(rs, e != NULL && strcmp(e, "payload_too_large") == 0 ?
		    413 : e != NULL && strcmp(e, "source_not_allowed") == 0 ?
		    403 : 400, json_pack("{s:O,s:O,s:o}", "error",
		    json_object_get(first, "error"), "detail",
		    json_object_get(first, "detail"), "rejected",
		    res.rejects));
		return;
	}
	set_json(rs, 200, json_pack("{s:I,s:I,s:o}", "accepted",
	    (json_int_t)res.accepted, "duplicates",
	    (json_int_t)res.duplicates, "rejected", res.rejects));
}

static void
route_news_post(struct daemon *d, const struct http_req *req,
    struct http_resp *rs)
{
	struct ingest_result res;
	json_t *extracted = NULL;
	char err[300];
	enum od_err rc;

	if (req->body == NULL || req->bodylen == 0) {
		set_error(rs, 400, "invalid_json", "the body must be an article "
		    "{\"title\", \"body\", \"url\", \"published\"}");
		return;
	}
	if (store_begin(d->store) != OD_OK) {
		set_error(rs, 503, "unavailable", "database error");
		return;
	}
	memset(&res, 0, sizeof(res));
	rc = news_ingest_json(d, "http", req->body, req->bodylen, &extracted,
	    &res, err, sizeof(err));
	if (rc != OD_OK) {
		set_error(rs, rc == OD_E2BIG ? 413 : 400, rc == OD_EPARSE ?
		    "invalid_json" : rc == OD_E2BIG ? "payload_too_large" :
		    "invalid_article", "%s", err);
		return;
	}
	if (daemon_commit(d) != 0) {
		json_decref(extracted);
		json_decref(res.rejects);
		set_error(rs, 503, "unavailable", "the database could not "
		    "commit; nothing from this article was stored");
		return;
	}
	set_json(rs, 200, json_pack("{s:o,s:I,s:I,s:o}",
	    "extracted", extracted ? extracted : json_array(),
	    "accepted", (json_int_t)res.accepted,
	    "duplicates", (json_int_t)res.duplicates,
	    "rejected", res.rejects ? res.rejects : json_array()));
}

/* ---- alerts ------------------------------------------------------------ */

static void
route_alerts(struct daemon *d, const struct http_req *req,
    struct http_resp *rs)
{
	const char *state = http_query(req, "state"), *v;
	const struct region *r = NULL;
	struct alert_list al;
	int64_t limit;
	json_t *list;

	if (param_limit(req, rs, &limit) < 0)
		return;
	if (state != NULL && strcmp(state, "all") == 0)
		state = NULL;
	else if (state != NULL && strcmp(state, "firing") != 0 &&
	    strcmp(state, "resolved") != 0) {
		set_error(rs, 400, "bad_request", "state must be firing, "
		    "resolved or all");
		return;
	}
	if ((v = http_query(req, "region")) != NULL &&
	    (r = find_region(d, v, rs)) == NULL)
		return;
	list = json_array();
	al.d = d;
	al.list = list;
	if (store_alerts(d->store, state, r ? r->id : NULL, limit,
	    alert_row_json, &al) != OD_OK) {
		json_decref(list);
		set_error(rs, 503, "unavailable", "database error");
		return;
	}
	set_json(rs, 200, json_pack("{s:o}", "alerts", list));
}

/* ---- metrics and health ------------------------------------------------ */

struct textbuf {
	char	*s;
	size_t	 len, cap;
};

static void
tb_printf(struct textbuf *tb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
tb_printf(struct textbuf *tb, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(tb->s + tb->len, tb->cap - tb->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < tb->cap - tb->len)
			break;
		tb->cap = tb->cap * 2 + (size_t)n + 256;
		tb->s = xreallocarray(tb->s, tb->cap, 1);
	}
	tb->len += (size_t)n;
}

static void
metric(struct textbuf *tb, const char *name, const char *type,
    const char *help, double value)
{
	tb_printf(tb, "# HELP %s %s\n# TYPE %s %s\n%s %.17g\n", name, help,
	    name, type, name, value);
}

static void
rejection_metric(void *arg, const char *reason, int64_t n)
{
	tb_printf(arg, "outaged_reports_rejected_total{reason=\"%s\"} %lld\n",
	    reason, (long long)n);
}

static void
route_metrics(struct daemon *d, struct http_resp *rs)
{
	struct textbuf tb = { xmalloc(4096), 0, 4096 };
	uint64_t cum = 0;

	metric(&tb, "outaged_mqtt_messages_total", "counter",
	    "MQTT messages received on report topics.",
	    (double)d->count.messages);
	metric(&tb, "outaged_http_report_posts_total", "counter",
	    "POST /api/v1/reports requests.", (double)d->count.http_posts);
	metric(&tb, "outaged_reports_stored_total", "counter",
	    "Reports committed to the database.", (double)d->count.stored);
	metric(&tb, "outaged_reports_duplicate_total", "counter",
	    "Reports already stored (redelivery, same id).",
	    (double)d->count.duplicates);
	tb_printf(&tb, "# HELP outaged_reports_rejected_total Reports refused, "
	    "by reason (all time, from the database).\n"
	    "# TYPE outaged_reports_rejected_total counter\n");
	store_rejections_by_reason(d->store, rejection_metric, &tb);
	metric(&tb, "outaged_status_updates_total", "counter",
	    "Region figures that changed.", (double)d->count.status_updates);
	metric(&tb, "outaged_alert_events_total", "counter",
	    "Alert events (firing, updated, resolved).",
	    (double)d->count.alerts);
	metric(&tb, "outaged_mqtt_connected", "gauge",
	    "1 while connected to the broker.",
	    mqtt_connected(d->mqtt) ? 1 : 0);
	metric(&tb, "outaged_event_stream_clients", "gauge",
	    "Open /api/v1/events streams.", (double)http_sse_clients(d->http));
	metric(&tb, "outaged_database_bytes", "gauge",
	    "Size of the SQLite database.", (double)store_size(d->store));
	metric(&tb, "outaged_start_time_seconds", "gauge",
	    "When this process started (Unix time).",
	    (double)d->started_at / 1000.0);
	tb_printf(&tb, "# HELP outaged_ingest_commit_seconds From reading a "
	    "report to its commit.\n"
	    "# TYPE outaged_ingest_commit_seconds histogram\n");
	for (size_t k = 0; k < LATENCY_BUCKETS; k++) {
		cum += d->latency_count[k];
		tb_printf(&tb, "outaged_ingest_commit_seconds_bucket{le=\"%g\"} "
		    "%llu\n", latency_bounds[k], (unsigned long long)cum);
	}
	cum += d->latency_count[LATENCY_BUCKETS];
	tb_printf(&tb, "outaged_ingest_commit_seconds_bucket{le=\"+Inf\"} "
	    "%llu\noutaged_ingest_commit_seconds_sum %.6f\n"
	    "outaged_ingest_commit_seconds_count %llu\n",
	    (unsigned long long)cum, d->latency_sum, (unsigned long long)cum);
	rs->status = 200;
	rs->content_type = "text/plain; version=0.0.4; charset=utf-8";
	rs->body = tb.s;
	rs->bodylen = tb.len;
}

static void
route_healthz(struct daemon *d, struct http_resp *rs)
{
	int mq = mqtt_connected(d->mqtt), db = store_size(d->store) >= 0;

	set_json(rs, mq && db ? 200 : 503, json_pack("{s:s,s:s,s:s}",
	    "status", mq && db ? "ok" : "unhealthy",
	    "mqtt", mq ? "connected" : "disconnected",
	    "database", db ? "ok" : "error"));
}

/* ---- static files ------------------------------------------------------ */

static void
route_file(struct daemon *d, const char *name, struct http_resp *rs)
{
	static char path[4352];
	static const struct { const char *ext, *type; } types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".json", "application/json" },
	};
	const char *dot = strrchr(name, '.');

	/* one path level of [a-z0-9._-], never "..": no way out of the root */
	for (const char *p = name; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '_' || *p == '-') ||
		    (p[0] == '.' && p[1] == '.')) {
			set_error(rs, 404, "not_found", "no such file");
			return;
		}
	}
	rs->content_type = NULL;
	for (size_t i = 0; dot && i < NELEM(types); i++)
		if (strcmp(dot, types[i].ext) == 0)
			rs->content_type = types[i].type;
	if (rs->content_type == NULL || name[0] == '\0' || name[0] == '.') {
		set_error(rs, 404, "not_found", "no such file");
		return;
	}
	snprintf(path, sizeof(path), "%s/%s", d->conf->http_web_root, name);
	rs->status = 200;
	rs->file = path;	/* opened before the next request comes */
}

/* ---- routing ----------------------------------------------------------- */

static int
method_is(const struct http_req *req, const char *m)
{
	return strcmp(req->method, m) == 0;
}

static void
not_allowed(struct http_resp *rs, const char *allow)
{
	set_error(rs, 405, "method_not_allowed", "use %s", allow);
	rs->allow = allow;
}

enum route {
	R_NONE, R_HEALTHZ, R_INDEX, R_STATIC, R_OPENAPI, R_METRICS, R_STATUS,
	R_REPORTS, R_ALERTS, R_EVENTS, R_REGION, R_HISTORY, R_NEWS
};

/* Which route a path names (whatever the method); the region id if any. */
static enum route
match_route(const char *p, char *id, size_t idlen)
{
	static const struct { const char *path; enum route r; } exact[] = {
		{ "/healthz", R_HEALTHZ },
		{ "/", R_INDEX },
		{ "/index.html", R_INDEX },
		{ "/metrics", R_METRICS },
		{ PREFIX "/openapi.json", R_OPENAPI },
		{ PREFIX "/status", R_STATUS },
		{ PREFIX "/reports", R_REPORTS },
		{ PREFIX "/alerts", R_ALERTS },
		{ PREFIX "/events", R_EVENTS },
		{ PREFIX "/news", R_NEWS },
	};
	const char *start, *rest;
	size_t n;

	for (size_t i = 0; i < NELEM(exact); i++)
		if (strcmp(p, exact[i].path) == 0)
			return exact[i].r;
	if (strncmp(p, "/static/", 8) == 0)
		return R_STATIC;
	if (strncmp(p, PREFIX "/regions/", sizeof(PREFIX "/regions/") - 1) != 0)
		return R_NONE;
	start = p + sizeof(PREFIX "/regions/") - 1;
	rest = strchr(start, '/');
	n = rest ? (size_t)(rest - start) : strlen(start);
	if (n == 0 || n >= idlen)
		return R_NONE;
	memcpy(id, start, n);
	id[n] = '\0';
	if (rest == NULL)
		return R_REGION;
	return strcmp(rest, "/history") == 0 ? R_HISTORY : R_NONE;
}

void
api_handle(void *arg, const struct http_req *req, struct http_resp *rs)
{
	struct daemon *d = arg;
	char id[OD_REGION_ID_MAX * 4];
	enum route r = match_route(req->path, id, sizeof(id));
	int get = method_is(req, "GET") || method_is(req, "HEAD");
	const json_t *sources;

	if (r == R_NONE) {
		set_error(rs, 404, "not_found", "no such route");
		return;
	}
	/* the route exists: now the method */
	if (r == R_REPORTS && method_is(req, "POST")) {
		if (!authorized(d, req, rs, &sources))
			return;
		return route_reports_post(d, req, sources, rs);
	}
	if (r == R_NEWS && method_is(req, "POST")) {
		if (!authorized(d, req, rs, &sources))
			return;
		if (!conf_token_may_post(sources, "news:http")) {
			set_error(rs, 403, "forbidden", "this token may not post "
			    "as source \"news:http\"");
			return;
		}
		return route_news_post(d, req, rs);
	}
	if (r == R_NEWS)
		return not_allowed(rs, "POST");
	if (!get)
		return not_allowed(rs, r == R_REPORTS ? "GET, POST" : "GET");
	switch (r) {
	case R_HEALTHZ:
		return route_healthz(d, rs);
	case R_INDEX:
		return route_file(d, "index.html", rs);
	case R_STATIC:
		return route_file(d, req->path + 8, rs);
	case R_OPENAPI:
		rs->status = 200;
		rs->content_type = "application/json";
		rs->file = d->conf->http_openapi;
		return;
	default:
		break;
	}
	/* the data routes: open unless http.read_auth says otherwise */
	if (d->conf->http_read_auth && !authorized(d, req, rs, NULL))
		return;
	switch (r) {
	case R_METRICS:
		return route_metrics(d, rs);
	case R_STATUS:
		return route_status(d, rs);
	case R_REPORTS:
		return route_reports_get(d, req, rs);
	case R_ALERTS:
		return route_alerts(d, req, rs);
	case R_EVENTS:
		rs->status = 200;
		rs->sse = 1;
		return;
	case R_REGION:
		return route_region(d, id, rs);
	case R_HISTORY:
		return route_history(d, id, req, rs);
	default:
		set_error(rs, 404, "not_found", "no such route");
		return;
	}
}
