/* SPDX-License-Identifier: MIT */
/*
 * api.c - the HTTP API (docs/openapi.json describes it), /metrics,
 * /healthz and the dashboard's files.  The route table near the end of
 * this file is the whole list of what is answered; each route's handler
 * reads the live state (pipeline_agg), the store, or hands a posted
 * payload to the pipeline and commits it before answering.
 *
 * Errors are {"error", "detail"} with the matching status code.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <openssl/crypto.h>

#include "agg.h"
#include "api.h"
#include "api_int.h"
#include "buf.h"
#include "cache.h"
#include "conf.h"
#include "daemon.h"
#include "log.h"
#include "metrics.h"
#include "mqtt.h"
#include "news.h"
#include "pipeline.h"
#include "region.h"
#include "render.h"
#include "store.h"
#include "util.h"

#define HISTORY_MAX	10000

/* ---- responses -------------------------------------------------------- */

void
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

void
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
int
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

int
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
 * Failed authentications per client address: past AUTH_FAIL_MAX in one
 * AUTH_WINDOW_MS window the address is locked until the window ends, so a
 * token cannot be guessed at the speed of the network (RELIABILITY S3).
 *
 * The table holds AUTH_SLOTS addresses (about 400 KiB).  A new address
 * takes a free slot, else one whose window is over, else the oldest one
 * not locked: a locked address is never let go before its window ends,
 * however many other addresses fail once.  When every slot is locked (an
 * attacker with thousands of addresses), a failure from an address not in
 * the table is answered 429 too: the table stays bounded and no address
 * guesses unthrottled.
 *
 * Failures are throttled, not successes: a request whose token is valid
 * passes even from a locked address (issue 11 item 8: one bad client
 * behind a shared address must not lock out the good ones).  A locked
 * address's wrong token gets 429, is not counted and not logged.  That a
 * guesser so learns whether a guess was right is no help to it: it still
 * has to guess the token, and a token on a listener other hosts can reach
 * has at least 16 bytes (conf.c), beyond guessing at any rate; the lock
 * keeps a weak token from being tried fast and the log quiet.  Only the
 * first failure of an address in a window is logged, and its lock-out.
 */
#define AUTH_FAIL_MAX	30
#define AUTH_WINDOW_MS	60000
#define AUTH_SLOTS	4096

struct auth_slot {
	char		 addr[64];
	uint32_t	 hash;		/* of addr: most slots are skipped by it */
	int64_t		 window_start;	/* monotonic ms */
	int		 fails;
};

struct api {
	struct daemon	*d;
	json_t		*no_sources;	/* [] : may post as no source */
	struct auth_slot *auth_slots;	/* AUTH_SLOTS */
	/* slot 0: /status; 1 + region index: /regions/{id} (cache.h) */
	struct doc_cache *docs;
};

struct api *
api_new(struct daemon *d)
{
	struct api *a = xcalloc(1, sizeof(*a));

	a->d = d;
	a->no_sources = json_array();
	a->auth_slots = xcalloc(AUTH_SLOTS, sizeof(*a->auth_slots));
	a->docs = doc_cache_new(1 + gaz_count(d->gaz));
	if (!doc_cache_enabled(a->docs))
		log_info("api: OUTAGED_DOC_CACHE=0: documents rendered for "
		    "every request");
	return a;
}

void
api_free(struct api *a)
{
	if (a == NULL)
		return;
	json_decref(a->no_sources);
	free(a->auth_slots);
	doc_cache_free(a->docs);
	free(a);
}

/*
 * Compare SHA-256 digests in constant time: equal lengths always, and no
 * early exit that would time the prefix a guess got right.  A configured
 * token "sha256:<hex>" is its digest already, so the file need not hold
 * the secret.  On a match ra has the token's grant: its "sources" (NULL
 * when it may post as any source; an empty array for a subscriber's token
 * that has none), whether it manages only its own subscriptions, and its
 * owner label (the first 16 hex digits of the digest: stable, and no
 * help to a guesser).
 */
static int
token_ok(const struct api *a, const char *presented, struct route_args *ra)
{
	const struct conf *c = a->d->conf;
	char got[65];
	size_t i;
	json_t *t;
	int ok = 0;

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
			const char *scope = json_string_value(
			    json_object_get(t, "subscriptions"));

			ok = 1;
			ra->sources = json_object_get(t, "sources");
			if (ra->sources == NULL && json_is_object(t))
				ra->sources = a->no_sources;
			ra->own_subscriptions = scope != NULL &&
			    strcmp(scope, "own") == 0;
			str_copy(ra->owner, want, 17);
		}
	}
	return ok;
}


static uint32_t
addr_hash(const char *s)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int
auth_locked(const struct auth_slot *s, int64_t now)
{
	return s->addr[0] != '\0' && s->fails >= AUTH_FAIL_MAX &&
	    now - s->window_start < AUTH_WINDOW_MS;
}

/*
 * The address's slot (its window renewed when over), or with create a new
 * one (see above for which is replaced); NULL when there is none, or no
 * room: every slot is locked.
 */
static struct auth_slot *
auth_slot(struct api *a, const char *addr, int create)
{
	struct auth_slot *victim = NULL;
	int64_t now = now_mono_ms();
	uint32_t h = addr_hash(addr);
	int rank, vrank = 3;

	for (size_t i = 0; i < AUTH_SLOTS; i++) {
		struct auth_slot *s = &a->auth_slots[i];

		if (s->addr[0] != '\0' && s->hash == h &&
		    strcmp(s->addr, addr) == 0) {
			if (now - s->window_start >= AUTH_WINDOW_MS) {
				s->window_start = now;	/* a new window */
				s->fails = 0;
			}
			return s;
		}
		if (!create || auth_locked(s, now))
			continue;
		/* free, then over, then the oldest of those counting */
		rank = s->addr[0] == '\0' ? 0 :
		    now - s->window_start >= AUTH_WINDOW_MS ? 1 : 2;
		if (victim == NULL || rank < vrank || (rank == 2 &&
		    vrank == 2 && s->window_start < victim->window_start)) {
			victim = s;
			vrank = rank;
		}
	}
	if (victim == NULL)
		return NULL;
	str_copy(victim->addr, addr, sizeof(victim->addr));
	victim->hash = h;
	victim->window_start = now;
	victim->fails = 0;
	return victim;
}

/* Is the address locked out (or, the table full of locked ones, unknown)? */
static int
auth_throttled(struct api *a, const char *addr)
{
	struct auth_slot *s = auth_slot(a, addr, 0);

	if (s != NULL)
		return s->fails >= AUTH_FAIL_MAX;
	return 0;
}

static void
set_throttled(struct http_resp *rs)
{
	set_error(rs, 429, "too_many_requests", "too many failed "
	    "authentications from this address; try again later");
	rs->retry_after = "60";
}

/*
 * Count a failure; 1 when it is the first of the address's window (the
 * one that is logged), -1 when there is no room to count it (answer 429).
 */
static int
auth_failed(struct api *a, const char *addr)
{
	struct auth_slot *s;

	if ((s = auth_slot(a, addr, 1)) == NULL)
		return -1;
	if (++s->fails == AUTH_FAIL_MAX)
		log_warnx("api: %d failed authentications from %s within a "
		    "minute: refusing its failures for the rest of the minute",
		    AUTH_FAIL_MAX, addr);
	return s->fails == 1;
}

static int
authorized(struct api *a, const struct http_req *req,
    struct http_resp *rs, struct route_args *ra)
{
	const char *h = http_header(req, "Authorization");
	char addr[64], esc[256];
	int first;

	http_client_addr(req, addr, sizeof(addr));
	/* a valid token passes, even from a locked address (see above) */
	if (h != NULL && strncasecmp(h, "Bearer ", 7) == 0 &&
	    token_ok(a, h + 7, ra))
		return 1;
	if (auth_throttled(a, addr) || (first = auth_failed(a, addr)) < 0) {
		set_throttled(rs);
		return 0;
	}
	/* no token can pass: say so rather than let the client guess */
	if (json_array_size(a->d->conf->http_tokens) == 0) {
		set_error(rs, 401, "unauthorized", "no tokens are configured "
		    "(http.tokens is empty): this daemon accepts no writes "
		    "over HTTP until one is added");
		rs->www_auth = "Bearer";
		return 0;
	}
	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0) {
		set_error(rs, 401, "unauthorized", "this needs a bearer token "
		    "(Authorization: Bearer <token>)");
		rs->www_auth = "Bearer";
		return 0;
	}
	/* the path is the client's: escaped, so it cannot forge a line */
	if (first)
		log_warnx("api: bad token from %s for %s %s (further failures "
		    "from it this minute are not logged)", addr, req->method,
		    log_escape(esc, sizeof(esc), req->path, strlen(req->path)));
	set_error(rs, 401, "unauthorized", "the bearer token is not valid");
	rs->www_auth = "Bearer error=\"invalid_token\"";
	return 0;
}

/* ---- status ------------------------------------------------------------ */

/* monotonic milliseconds, with the fraction (render times) */
static double
mono_ms_frac(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

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
	ARRAY_GROW(cx->v, cx->n, cx->cap, 64);
	rr = &cx->v[cx->n++];
	memset(rr, 0, sizeof(*rr));
	rr->r = r;
	rr->pct = -1;
	for (int u = 0; u < UTIL_COUNT; u++) {
		const struct figure *f = agg_figure(pipeline_agg(cx->d->pipeline), r,
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
		const struct figure *f = agg_figure(pipeline_agg(d->pipeline), r, (enum utility)u);

		/* unknown is shown where something was known before (stale) */
		if (f->status == FS_UNKNOWN && !with_unknown && f->since == 0)
			continue;
		json_object_set_new(o, utility_name((enum utility)u),
		    render_figure(f));
	}
	return o;
}

/* The document a cache slot keeps, as set_json() would answer it. */
static void
put_doc(struct daemon *d, const struct route_args *ra, size_t slot,
    uint64_t key, json_t *j, double t0, struct http_resp *rs)
{
	char *s = json_dumps(j, JSON_INDENT(1) | JSON_REAL_PRECISION(12));

	json_decref(j);
	if (s == NULL)
		fatalx("api: json_dumps failed");
	doc_cache_put(d->api->docs, slot, key, s, strlen(s),
	    mono_ms_frac() - t0, ra->req, rs);
}

/* The whole list: NULL on a database error. */
static json_t *
status_json(struct daemon *d)
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
		return NULL;
	}
	if (cx.n > 0)
		qsort(cx.v, cx.n, sizeof(*cx.v), cmp_rank);
	for (size_t i = 0; i < cx.n; i++) {
		const struct region *r = cx.v[i].r;

		/* reported regions that are back to normal are left out */
		if (!cx.v[i].outage) {
			int unknown = 0;

			for (int u = 0; u < UTIL_COUNT; u++)
				unknown |= agg_figure(pipeline_agg(d->pipeline), r,
				    (enum utility)u)->status == FS_UNKNOWN &&
				    agg_figure(pipeline_agg(d->pipeline), r, (enum utility)u)->since
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
	return json_pack("{s:o,s:o}", "generated_at", render_time(now),
	    "regions", list);
}

static void
route_status(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	uint64_t key = pipeline_generation(d->pipeline);
	double t0 = mono_ms_frac();
	json_t *j;

	if (doc_cache_answer(d->api->docs, 0, key, ra->req, rs))
		return;
	if ((j = status_json(d)) == NULL) {
		set_error(rs, 503, "unavailable", "database error");
		return;
	}
	put_doc(d, ra, 0, key, j, t0, rs);
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
	    "{s:I,s:s?,s:s,s:s?,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:s,s:o,s:o}",
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
	    json_real(round(a->percent * 10) / 10),
	    /* the episode's worst: what a resolved one was about */
	    "peak_severity", a->notified,
	    "peak_affected", a->peak_affected < 0 ? json_null() :
	    json_integer(a->peak_affected),
	    "peak_percent", a->peak_percent < 0 ? json_null() :
	    json_real(round(a->peak_percent * 10) / 10)));
	return 0;
}

const struct region *
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

/*
 * A region's document shows its figures and claims, its children's
 * figures and its firing alerts: current while none of them changed.
 */
static uint64_t
region_key(struct daemon *d, const struct region *r)
{
	uint64_t key = pipeline_region_generation(d->pipeline, r);

	for (size_t i = 0; i < r->nchildren; i++) {
		uint64_t k = pipeline_region_generation(d->pipeline,
		    r->children[i]);

		if (k > key)
			key = k;
	}
	return key;
}

static void
route_region(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	const char *id = ra->param;
	const struct region *r = find_region(d, id, rs);
	json_t *o, *children, *alerts;
	double t0 = mono_ms_frac();
	uint64_t key;

	if (r == NULL)
		return;
	key = region_key(d, r);
	if (doc_cache_answer(d->api->docs, 1 + r->index, key, ra->req, rs))
		return;
	o = render_status(pipeline_agg(d->pipeline), r, now_wall_ms());
	children = json_array();
	for (size_t i = 0; i < r->nchildren; i++) {
		const struct region *c = r->children[i];
		enum severity worst = SEV_NONE;

		for (int u = 0; u < UTIL_COUNT; u++)
			if (agg_figure(pipeline_agg(d->pipeline), c, (enum utility)u)->severity >
			    worst)
				worst = agg_figure(pipeline_agg(d->pipeline), c,
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
	put_doc(d, ra, 1 + r->index, key, o, t0, rs);
}

static int
history_row_json(void *arg, const struct store_history_row *h)
{
	json_t *list = arg;

	json_array_append_new(list, json_pack("{s:o,s:s,s:s,s:o,s:b,s:o,s:o,s:s}",
	    "at", render_time(h->at),
	    "utility", h->utility,
	    "status", h->status,
	    "affected", h->affected < 0 ? json_null() :
	    json_integer(h->affected),
	    "approximate", h->approximate != 0,
	    "unit", h->unit ? json_string(h->unit) : json_null(),
	    "percent", h->percent < 0 ? json_null() :
	    json_real(round(h->percent * 10) / 10),
	    "severity", h->severity));
	return 0;
}

static void
route_history(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	const char *id = ra->param;
	const struct http_req *req = ra->req;
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
	    "{s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:b,s:o,s:o,s:s}",
	    "id", (json_int_t)r->rowid,
	    "key", r->key,
	    "source", r->source,
	    "region", r->region,
	    "utility", r->utility,
	    "status", r->status,
	    "affected", r->affected < 0 ? json_null() :
	    json_integer(r->affected),
	    "unit", r->unit ? json_string(r->unit) : json_null(),
	    "percent", r->percent > 0 ? json_real(r->percent) : json_null(),
	    "approximate", r->approximate,
	    "observed_at", render_time(r->observed_at),
	    "received_at", render_time(r->received_at),
	    "via", r->via));
	pg->last_id = r->rowid;
	return 0;
}

static void
route_reports_get(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	const struct http_req *req = ra->req;
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
route_reports_post(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	const struct http_req *req = ra->req;
	struct ingest_result res;
	struct ingest_req in;
	json_t *first;

	pipeline_count_http_post(d->pipeline);
	if (req->body == NULL || req->bodylen == 0) {
		set_error(rs, 400, "invalid_json", "the body must be a report "
		    "object or an array of them");
		return;
	}
	memset(&in, 0, sizeof(in));
	in.payload = req->body;
	in.len = req->bodylen;
	in.via = "http";
	in.allowed_sources = ra->sources;
	pipeline_ingest(d->pipeline, &in, &res);
	if (pipeline_commit(d->pipeline) != 0) {
		json_decref(res.rejects);
		set_error(rs, 503, "unavailable", "the database could not "
		    "commit; nothing from this request was stored");
		return;
	}
	first = json_array_get(res.rejects, 0);
	if (first != NULL && res.accepted + res.duplicates == 0) {
		const char *e = json_string_value(json_object_get(first,
		    "error"));
		enum reject_reason why = REJ_INVALID_PAYLOAD;

		if (e != NULL)
			reject_reason_from_name(e, &why);
		set_json(rs, reject_reason_http_status(why), json_pack("{s:O,s:O,s:o}", "error",
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
route_news_post(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	const struct http_req *req = ra->req;
	struct ingest_result res;
	json_t *extracted = NULL, *o;
	char err[300];
	enum od_err rc;

	if (req->body == NULL || req->bodylen == 0) {
		set_error(rs, 400, "invalid_json", "the body must be an article "
		    "{\"title\", \"body\", \"url\", \"published\"}");
		return;
	}
	if (!conf_token_may_post(ra->sources, "news:http")) {
		set_error(rs, 403, "forbidden", "this token may not post "
		    "as source \"news:http\"");
		return;
	}
	if (pipeline_txn(d->pipeline) == NULL) {
		set_error(rs, 503, "unavailable", "database error");
		return;
	}
	memset(&res, 0, sizeof(res));
	rc = news_ingest_json(d->news, "http", req->body, req->bodylen, &extracted,
	    &res, err, sizeof(err));
	if (rc != OD_OK) {
		set_error(rs, rc == OD_E2BIG ? 413 : 400, rc == OD_EPARSE ?
		    "invalid_json" : rc == OD_E2BIG ? "payload_too_large" :
		    "invalid_article", "%s", err);
		return;
	}
	if (pipeline_commit(d->pipeline) != 0) {
		json_decref(extracted);
		json_decref(res.rejects);
		set_error(rs, 503, "unavailable", "the database could not "
		    "commit; nothing from this article was stored");
		return;
	}
	o = json_pack("{s:o,s:I,s:I,s:I,s:o}",
	    "extracted", extracted ? extracted : json_array(),
	    "accepted", (json_int_t)res.accepted,
	    "duplicates", (json_int_t)res.duplicates,
	    "stale", (json_int_t)res.stale,
	    "rejected", res.rejects ? res.rejects : json_array());
	/* an old article is stored yet changes nothing: say why */
	if (res.stale > 0) {
		char note[300];

		snprintf(note, sizeof(note), "%zu of the accepted reports "
		    "were observed more than aggregate.ttl (%llds) ago: they "
		    "are stored, but a claim that old is already unknown and "
		    "changes no status", res.stale,
		    (long long)d->conf->ttl);
		json_object_set_new(o, "note", json_string(note));
	}
	set_json(rs, 200, o);
}

/* ---- alerts ------------------------------------------------------------ */

static void
route_alerts(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	const struct http_req *req = ra->req;
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

static void
route_metrics(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	struct buf b;

	(void)ra;
	buf_init(&b, BUF_UNBOUNDED);
	metrics_render(d, &b);
	rs->status = 200;
	rs->content_type = "text/plain; version=0.0.4; charset=utf-8";
	rs->bodylen = b.len;
	rs->body = buf_steal(&b);
}

static void
route_healthz(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	int mq = d->mqtt != NULL && mqtt_connected(d->mqtt);
	/* readable is not enough: the last commit must have gone through */
	int64_t failed_at = d->pipeline != NULL ?
	    pipeline_commit_failed_at(d->pipeline) : 0;
	int db = store_size(d->store) >= 0 && failed_at == 0;
	json_t *j;

	(void)ra;
	j = json_pack("{s:s,s:s,s:s}",
	    "status", mq && db ? "ok" : "unhealthy",
	    "mqtt", mq ? "connected" : "disconnected",
	    "database", db ? "ok" : "error");
	if (failed_at != 0) {
		char when[40];

		time_format(failed_at, when, sizeof(when));
		json_object_set_new(j, "last_commit_failed_at",
		    json_string(when));
		json_object_set_new(j, "commit_failures", json_integer(
		    pipeline_commit_failures(d->pipeline)));
	}
	set_json(rs, mq && db ? 200 : 503, j);
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

static void
route_index(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	(void)ra;
	route_file(d, "index.html", rs);
}

static void
route_static(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	route_file(d, ra->param, rs);
}

static void
route_openapi(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	(void)ra;
	rs->status = 200;
	rs->content_type = "application/json";
	rs->file = d->conf->http_openapi;
}

static void
route_events(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	if (events_filter(d, ra, rs) < 0)
		return;
	rs->status = 200;
	rs->sse = 1;
}

/*
 * Every route the server answers, and only these: 404 and 405 (with its
 * Allow header) follow from this table, and test_api checks it against
 * docs/openapi.json.  A "{name}" level matches one non-empty path level,
 * handed to the handler as ra->param (less a literal that follows it in
 * the level: "{id}.cap").  GET routes answer HEAD too.
 */
static const struct api_route routes[] = {
	{ "GET",  "/healthz",				ROUTE_OPEN,  route_healthz },
	{ "GET",  "/",					ROUTE_OPEN,  route_index },
	{ "GET",  "/index.html",			ROUTE_OPEN,  route_index },
	{ "GET",  "/static/{file}",			ROUTE_OPEN,  route_static },
	{ "GET",  "/metrics",				ROUTE_READ,  route_metrics },
	{ "GET",  PREFIX "/openapi.json",		ROUTE_OPEN,  route_openapi },
	{ "GET",  PREFIX "/status",			ROUTE_READ,  route_status },
	{ "GET",  PREFIX "/regions/{id}",		ROUTE_READ,  route_region },
	{ "GET",  PREFIX "/regions/{id}/history",	ROUTE_READ,  route_history },
	{ "GET",  PREFIX "/reports",			ROUTE_READ,  route_reports_get },
	{ "POST", PREFIX "/reports",			ROUTE_TOKEN, route_reports_post },
	{ "POST", PREFIX "/news",			ROUTE_TOKEN, route_news_post },
	{ "GET",  PREFIX "/alerts",			ROUTE_READ,  route_alerts },
	{ "GET",  PREFIX "/alerts.atom",		ROUTE_READ,  route_alerts_atom },
	{ "GET",  PREFIX "/alerts/{id}.cap",		ROUTE_READ,  route_alert_cap },
	{ "GET",  PREFIX "/events",			ROUTE_READ,  route_events },
	{ "GET",  PREFIX "/subscriptions",		ROUTE_TOKEN, route_subs_list },
	{ "POST", PREFIX "/subscriptions",		ROUTE_TOKEN, route_subs_post },
	{ "GET",  PREFIX "/subscriptions/{id}",		ROUTE_TOKEN, route_sub_get },
	{ "DELETE", PREFIX "/subscriptions/{id}",	ROUTE_TOKEN, route_sub_delete },
	{ "GET",  PREFIX "/silences",			ROUTE_READ,  route_silences_list },
	{ "POST", PREFIX "/silences",			ROUTE_TOKEN, route_silences_post },
	{ "DELETE", PREFIX "/silences/{id}",		ROUTE_TOKEN, route_silence_delete },
	{ "POST", PREFIX "/acks",			ROUTE_TOKEN, route_acks_post },
	{ "GET",  PREFIX "/deliveries",			ROUTE_TOKEN, route_deliveries },
	{ "GET",  PREFIX "/audit",			ROUTE_READ,  route_audit },
	{ "GET",  PREFIX "/devices",			ROUTE_READ,  route_devices_list },
	{ "POST", PREFIX "/devices",			ROUTE_TOKEN, route_devices_post },
	{ "GET",  PREFIX "/devices/{id}",		ROUTE_READ,  route_device_get },
	{ "DELETE", PREFIX "/devices/{id}",		ROUTE_TOKEN, route_device_delete },
};

const struct api_route *
api_routes(size_t *n)
{
	*n = NELEM(routes);
	return routes;
}

/*
 * Does path fit pattern?  A "{name}" level takes one non-empty level of
 * path into param (at most paramlen - 1 bytes; a longer one does not fit).
 */
static int
route_matches(const char *pattern, const char *path, char *param,
    size_t paramlen)
{
	const char *p = pattern, *q = path;

	param[0] = '\0';
	while (*p != '\0') {
		if (*p == '{') {
			size_t n = strcspn(q, "/"), sfx;

			/* "{id}.cap": the level ends in the literal after '}' */
			p = strchr(p, '}');
			assert(p != NULL);	/* the table is well-formed */
			sfx = strcspn(p + 1, "/");
			if (n <= sfx || memcmp(q + n - sfx, p + 1, sfx) != 0)
				return 0;
			n -= sfx;
			if (n >= paramlen)
				return 0;
			memcpy(param, q, n);
			param[n] = '\0';
			q += n;
			p++;
			continue;
		}
		if (*p++ != *q++)
			return 0;
	}
	return *q == '\0';
}

void
api_handle(void *arg, const struct http_req *req, struct http_resp *rs)
{
	struct api *a = arg;
	struct daemon *d = a->d;
	const char *method = strcmp(req->method, "HEAD") == 0 ? "GET" :
	    req->method;
	const struct api_route *found = NULL;
	struct route_args ra;
	char param[OD_REGION_ID_MAX * 4];
	static char allow[64];	/* rs->allow: read when the answer is sent */
	int path_known = 0;

	memset(&ra, 0, sizeof(ra));
	ra.req = req;
	ra.param = param;
	for (size_t i = 0; i < NELEM(routes) && found == NULL; i++) {
		if (!route_matches(routes[i].pattern, req->path, param,
		    sizeof(param)))
			continue;
		path_known = 1;
		if (strcmp(routes[i].method, method) == 0)
			found = &routes[i];
	}
	if (found == NULL && !path_known) {
		set_error(rs, 404, "not_found", "no such route");
		return;
	}
	if (found == NULL) {
		/* the path exists for other methods: say which */
		allow[0] = '\0';
		for (size_t i = 0; i < NELEM(routes); i++) {
			if (!route_matches(routes[i].pattern, req->path, param,
			    sizeof(param)) || strstr(allow, routes[i].method))
				continue;
			if (allow[0] != '\0')
				str_copy(allow + strlen(allow), ", ",
				    sizeof(allow) - strlen(allow));
			str_copy(allow + strlen(allow), routes[i].method,
			    sizeof(allow) - strlen(allow));
		}
		set_error(rs, 405, "method_not_allowed", "use %s", allow);
		rs->allow = allow;
		return;
	}
	/* reads are open unless http.read_auth says otherwise */
	if ((found->auth == ROUTE_TOKEN || (found->auth == ROUTE_READ &&
	    d->conf->http_read_auth)) && !authorized(a, req, rs, &ra))
		return;
	if (req->head)
		return;		/* the body may come: called again with it */
	found->handler(d, &ra, rs);
}
