/* SPDX-License-Identifier: MIT */
/*
 * api_notify.c - the API's routes for getting notified: subscriptions,
 * silences, acknowledgements, the deliveries (every notification and
 * what became of it) and the audit trail; and the event stream's filter.
 * Writes go through the dispatcher in the pass's transaction and are
 * committed before the answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "api_int.h"
#include "daemon.h"
#include "deliver.h"
#include "dispatch.h"
#include "log.h"
#include "pipeline.h"
#include "render.h"
#include "region.h"
#include "route.h"
#include "store.h"
#include "subscription.h"
#include "util.h"

/* A JSON request body, or NULL with a 400 answered. */
static json_t *
body_json(const struct route_args *ra, struct http_resp *rs, const char *what)
{
	json_error_t jerr;
	json_t *j;

	if (ra->req->body == NULL || ra->req->bodylen == 0) {
		set_error(rs, 400, "invalid_json", "the body must be %s", what);
		return NULL;
	}
	j = json_loadb(ra->req->body, ra->req->bodylen, JSON_REJECT_DUPLICATES,
	    &jerr);
	if (j == NULL) {
		set_error(rs, 400, "invalid_json", "line %d column %d: %s",
		    jerr.line, jerr.column, jerr.text);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		set_error(rs, 400, "invalid_json", "the body must be %s", what);
		return NULL;
	}
	return j;
}

/* The write helpers of every API file (api_int.h). */
struct store *
api_txn(struct daemon *d, struct http_resp *rs)
{
	struct store *st = pipeline_txn(d->pipeline);

	if (st == NULL)
		set_error(rs, 503, "unavailable", "database error");
	return st;
}

int
api_commit(struct daemon *d, struct http_resp *rs)
{
	if (pipeline_commit(d->pipeline) == 0)
		return 0;
	free(rs->body);
	rs->body = NULL;
	set_error(rs, 503, "unavailable", "the database could not commit; "
	    "nothing was changed");
	return -1;
}

static int
param_id(const char *s, int64_t *id)
{
	return parse_i64(s, 1, INT64_MAX, id) == OD_OK ? 0 : -1;
}

/* A subscription's id: stored ones count up, the file's down from -1. */
static int
param_sub_id(const char *s, int64_t *id)
{
	return parse_i64(s, INT64_MIN + 1, INT64_MAX, id) == OD_OK &&
	    *id != 0 ? 0 : -1;
}

static const struct router *
router_of(struct daemon *d)
{
	return dispatch_router(pipeline_dispatch(d->pipeline));
}

/* Does this token see this subscription? */
static int
visible(const struct route_args *ra, const struct subscription *s)
{
	return !ra->own_subscriptions || (s->owner != NULL &&
	    strcmp(s->owner, ra->owner) == 0);
}

/*
 * A Telegram bot's URL holds its token ("…/bot<token>"): shown, it is
 * masked like a secret.
 */
static json_t *
masked_url(const char *url)
{
	const char *bot = url ? strstr(url, "/bot") : NULL;
	char buf[SUB_URL_MAX];

	if (bot == NULL)
		return json_string(url ? url : "");
	snprintf(buf, sizeof(buf), "%.*s/bot…", (int)(bot - url), url);
	return json_string(buf);
}

static json_t *
sub_json(const struct subscription *s)
{
	json_t *j = subscription_to_json(s, 0);

	if (s->channel.type == CHANNEL_WEBHOOK &&
	    s->channel.preset == PRESET_TELEGRAM)
		json_object_set_new(json_object_get(j, "channel"), "url",
		    masked_url(s->channel.url));
	json_object_set_new(j, "disabled", json_boolean(s->disabled));
	return j;
}

/* ---- subscriptions ---------------------------------------------------- */

struct list_ctx {
	const struct route_args *ra;
	json_t		*list;
};

static int
list_sub(void *arg, const struct subscription *s)
{
	struct list_ctx *lc = arg;

	if (visible(lc->ra, s))
		json_array_append_new(lc->list, sub_json(s));
	return 0;
}

void
route_subs_list(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	struct list_ctx lc = { ra, json_array() };

	router_foreach(router_of(d), list_sub, &lc);
	set_json(rs, 200, json_pack("{s:o}", "subscriptions", lc.list));
}

void
route_subs_post(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	json_t *j = body_json(ra, rs, "a subscription object");
	char err[512];
	int64_t id = 0;
	enum od_err rc;

	if (j == NULL || api_txn(d, rs) == NULL) {
		json_decref(j);
		return;
	}
	rc = dispatch_subscribe(pipeline_dispatch(d->pipeline), j,
	    ra->owner[0] ? ra->owner : NULL, now_wall_ms(), &id, err,
	    sizeof(err));
	json_decref(j);
	if (rc == OD_EINVAL) {
		set_error(rs, 400, "invalid_subscription", "%s", err);
		return;
	}
	if (rc != OD_OK) {
		pipeline_fail(d->pipeline);
		api_commit(d, rs);
		return;
	}
	pipeline_offer(d->pipeline, id);
	if (api_commit(d, rs) < 0)
		return;
	log_info("api: subscription %lld added", (long long)id);
	set_json(rs, 201, sub_json(router_get(router_of(d), id)));
}

/* The subscription the path names, or NULL with a 404 answered. */
static const struct subscription *
path_sub(struct daemon *d, const struct route_args *ra, struct http_resp *rs,
    int64_t *id)
{
	const struct subscription *s = NULL;

	if (param_sub_id(ra->param, id) == 0)
		s = router_get(router_of(d), *id);
	if (s == NULL || !visible(ra, s)) {
		set_error(rs, 404, "not_found", "no subscription %s",
		    param_sub_id(ra->param, id) == 0 ? ra->param :
		    "with that id");
		return NULL;
	}
	return s;
}

void
route_sub_get(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	int64_t id;
	const struct subscription *s = path_sub(d, ra, rs, &id);

	if (s != NULL)
		set_json(rs, 200, sub_json(s));
}

void
route_sub_delete(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	int64_t id;
	enum od_err rc;

	if (path_sub(d, ra, rs, &id) == NULL)
		return;
	if (id < 0) {
		set_error(rs, 409, "conflict", "subscription %lld is in the "
		    "configuration file: remove it there and reload",
		    (long long)id);
		return;
	}
	if (api_txn(d, rs) == NULL)
		return;
	rc = dispatch_unsubscribe(pipeline_dispatch(d->pipeline), id,
	    ra->own_subscriptions ? ra->owner : NULL, now_wall_ms());
	if (rc == OD_ENOENT) {
		set_error(rs, 404, "not_found", "no subscription %lld",
		    (long long)id);
		return;
	}
	if (rc != OD_OK)
		pipeline_fail(d->pipeline);
	if (api_commit(d, rs) < 0)
		return;
	log_info("api: subscription %lld removed", (long long)id);
	set_json(rs, 200, json_pack("{s:I}", "deleted", (json_int_t)id));
}

/* ---- silences and acknowledgements ----------------------------------- */

/* A token limited to its own subscriptions may not silence or ack. */
static int
full_token(const struct route_args *ra, struct http_resp *rs)
{
	if (!ra->own_subscriptions)
		return 1;
	set_error(rs, 403, "forbidden", "this token may manage only its own "
	    "subscriptions");
	return 0;
}

static int
silence_row(void *arg, const struct store_silence_row *r)
{
	json_array_append_new(arg, json_pack("{s:I,s:s,s:s?,s:o,s:o,s:s?,"
	    "s:s?,s:o}",
	    "id", (json_int_t)r->id,
	    "region", r->region,
	    "utility", r->utility,
	    "starts_at", render_time(r->starts_at),
	    "ends_at", render_time(r->ends_at),
	    "comment", r->comment,
	    "created_by", r->created_by,
	    "created_at", render_time(r->created_at)));
	return 0;
}

void
route_silences_list(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	json_t *list = json_array();

	(void)ra;
	if (store_silences(d->store, now_wall_ms(), silence_row, list) !=
	    OD_OK) {
		json_decref(list);
		set_error(rs, 503, "unavailable", "database error");
		return;
	}
	set_json(rs, 200, json_pack("{s:o}", "silences", list));
}

void
route_silences_post(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	json_t *j;
	const char *region, *util, *dur, *until, *comment;
	const struct region *r;
	enum utility u;
	int utility = -1;
	int64_t now = now_wall_ms(), ends = 0, secs, id = 0;

	if (!full_token(ra, rs) ||
	    (j = body_json(ra, rs, "{\"region\", \"utility\", \"for\" or "
	    "\"until\", \"comment\"}")) == NULL)
		return;
	region = json_string_value(json_object_get(j, "region"));
	util = json_string_value(json_object_get(j, "utility"));
	dur = json_string_value(json_object_get(j, "for"));
	until = json_string_value(json_object_get(j, "until"));
	comment = json_string_value(json_object_get(j, "comment"));
	if (region == NULL) {
		set_error(rs, 400, "invalid_silence", "\"region\" is required");
		goto out;
	}
	if ((r = find_region(d, region, rs)) == NULL) {
		rs->status = 400;
		goto out;
	}
	if (util != NULL) {
		if (utility_from_name(util, &u) < 0) {
			set_error(rs, 400, "invalid_silence", "\"utility\" must "
			    "be power, heat, water, gas or telecom");
			goto out;
		}
		utility = (int)u;
	}
	if (dur != NULL && parse_duration(dur, 60, 30 * 86400, &secs) ==
	    OD_OK)
		ends = now + secs * 1000;
	else if (dur == NULL && until != NULL && time_parse(until, &ends) ==
	    OD_OK && ends > now)
		;
	else {
		set_error(rs, 400, "invalid_silence", "give \"for\" (a duration "
		    "from 1m to 30d: \"2h\") or \"until\" (a future RFC 3339 "
		    "time)");
		goto out;
	}
	if (comment != NULL && strlen(comment) > 1000) {
		set_error(rs, 400, "invalid_silence", "\"comment\" is longer "
		    "than 1000 bytes");
		goto out;
	}
	if (api_txn(d, rs) == NULL)
		goto out;
	if (dispatch_silence(pipeline_dispatch(d->pipeline), r, utility, ends,
	    comment, ra->owner[0] ? ra->owner : NULL, now, &id) != OD_OK)
		pipeline_fail(d->pipeline);
	if (api_commit(d, rs) == 0) {
		log_info("api: silence %lld on %s until %lld", (long long)id,
		    r->id, (long long)(ends / 1000));
		set_json(rs, 201, json_pack("{s:I,s:s,s:s?,s:o}", "id",
		    (json_int_t)id, "region", r->id, "utility", utility >= 0 ?
		    utility_name((enum utility)utility) : NULL, "ends_at",
		    render_time(ends)));
	}
out:
	json_decref(j);
}

void
route_silence_delete(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	int64_t id;
	enum od_err rc;

	if (!full_token(ra, rs))
		return;
	if (param_id(ra->param, &id) < 0) {
		set_error(rs, 404, "not_found", "no such silence");
		return;
	}
	if (api_txn(d, rs) == NULL)
		return;
	rc = dispatch_unsilence(pipeline_dispatch(d->pipeline), id,
	    ra->owner[0] ? ra->owner : NULL, now_wall_ms());
	if (rc == OD_ENOENT) {
		set_error(rs, 404, "not_found", "no silence %lld",
		    (long long)id);
		return;
	}
	if (rc != OD_OK)
		pipeline_fail(d->pipeline);
	if (api_commit(d, rs) == 0)
		set_json(rs, 200, json_pack("{s:I}", "deleted", (json_int_t)id));
}

void
route_acks_post(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	json_t *j;
	const char *key;
	enum od_err rc;

	if (!full_token(ra, rs) ||
	    (j = body_json(ra, rs, "{\"incident_key\"}")) == NULL)
		return;
	key = json_string_value(json_object_get(j, "incident_key"));
	if (key == NULL) {
		set_error(rs, 400, "invalid_ack", "\"incident_key\" is required "
		    "(it is in every notification)");
		json_decref(j);
		return;
	}
	if (api_txn(d, rs) == NULL) {
		json_decref(j);
		return;
	}
	rc = dispatch_ack(pipeline_dispatch(d->pipeline), key,
	    ra->owner[0] ? ra->owner : NULL, now_wall_ms());
	if (rc == OD_ENOENT)
		set_error(rs, 404, "not_found", "no firing episode has that "
		    "incident key");
	else {
		if (rc != OD_OK)
			pipeline_fail(d->pipeline);
		if (api_commit(d, rs) == 0)
			set_json(rs, 200, json_pack("{s:s}", "acknowledged",
			    key));
	}
	json_decref(j);
}

/* ---- deliveries and the audit trail ---------------------------------- */

static int
delivery_row(void *arg, const struct store_delivery_row *r)
{
	json_array_append_new(arg, json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,"
	    "s:s,s:s,s:s,s:s,s:s,s:i,s:o,s:o,s:o,s:o,s:s?}",
	    "id", (json_int_t)r->id,
	    "subscription", (json_int_t)r->sub_id,
	    "incident_key", r->incident_key,
	    "event", r->event,
	    "region", r->region,
	    "utility", r->utility,
	    "severity", r->severity,
	    "channel", r->channel,
	    "target", strstr(r->target, "/bot") ? "(a Telegram bot)" :
	    r->target,
	    "msg_id", r->msg_id,
	    "text", r->text,
	    "state", r->state,
	    "attempts", r->attempts,
	    "created_at", render_time(r->created_at),
	    "next_at", strcmp(r->state, "pending") == 0 ?
	    render_time(r->next_at) : json_null(),
	    "done_at", render_time(r->done_at),
	    "last_status", r->last_status ? json_integer(r->last_status) :
	    json_null(),
	    "last_error", r->last_error));
	return 0;
}

void
route_deliveries(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	const char *state = http_query(ra->req, "state"), *v;
	int64_t limit, sub = 0, before = 0, pend, sent, dead, canc;
	json_t *list;

	if (ra->own_subscriptions) {
		set_error(rs, 403, "forbidden", "this token may manage only "
		    "its own subscriptions");
		return;
	}
	if (param_limit(ra->req, rs, &limit) < 0)
		return;
	if (state != NULL && strcmp(state, "pending") != 0 &&
	    strcmp(state, "sent") != 0 && strcmp(state, "dead") != 0 &&
	    strcmp(state, "cancelled") != 0) {
		set_error(rs, 400, "bad_request", "state must be pending, "
		    "sent, dead or cancelled");
		return;
	}
	if (((v = http_query(ra->req, "subscription")) != NULL &&
	    parse_i64(v, INT64_MIN + 1, INT64_MAX, &sub) != OD_OK) ||
	    ((v = http_query(ra->req, "before")) != NULL &&
	    parse_i64(v, 1, INT64_MAX, &before) != OD_OK)) {
		set_error(rs, 400, "bad_request", "subscription and before "
		    "must be integers");
		return;
	}
	list = json_array();
	if (store_deliveries(d->store, state, sub, before, (int)limit,
	    delivery_row, list) != OD_OK || store_delivery_counts(d->store,
	    &pend, &sent, &dead, &canc) != OD_OK) {
		json_decref(list);
		set_error(rs, 503, "unavailable", "database error");
		return;
	}
	set_json(rs, 200, json_pack("{s:o,s:{s:I,s:I,s:I,s:I,s:I}}",
	    "deliveries", list, "counts", "pending", (json_int_t)pend,
	    "sent", (json_int_t)sent, "dead", (json_int_t)dead,
	    "cancelled", (json_int_t)canc, "in_flight", (json_int_t)(
	    d->deliver ? deliver_counters(d->deliver)->inflight : 0)));
}

static int
audit_row(void *arg, const struct store_audit_row *r)
{
	json_array_append_new(arg, json_pack("{s:I,s:o,s:s,s:s,s:s?,s:s?}",
	    "id", (json_int_t)r->id, "at", render_time(r->at),
	    "kind", r->kind, "subject", r->subject, "detail", r->detail,
	    "actor", r->actor));
	return 0;
}

void
route_audit(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	const char *v = http_query(ra->req, "before");
	int64_t limit, before = 0;
	json_t *list;

	if (param_limit(ra->req, rs, &limit) < 0)
		return;
	if (v != NULL && parse_i64(v, 1, INT64_MAX, &before) != OD_OK) {
		set_error(rs, 400, "bad_request", "before must be an integer");
		return;
	}
	list = json_array();
	if (store_audit(d->store, before, (int)limit, audit_row, list) !=
	    OD_OK) {
		json_decref(list);
		set_error(rs, 503, "unavailable", "database error");
		return;
	}
	set_json(rs, 200, json_pack("{s:o}", "audit", list));
}

/* ---- the event stream's filter ---------------------------------------- */

struct events_filter {
	const struct region *region;	/* NULL: every region */
	enum severity	 min;
};

static int
events_match(const void *filter, const void *subject)
{
	const struct events_filter *f = filter;
	const struct event_subject *s = subject;

	if (s == NULL)
		return 1;
	if (s->severity < f->min)
		return 0;
	if (f->region == NULL)
		return 1;
	for (const struct region *r = s->region; r != NULL; r = r->parent)
		if (r == f->region)
			return 1;
	return 0;
}

int
events_filter(struct daemon *d, const struct route_args *ra,
    struct http_resp *rs)
{
	const char *region = http_query(ra->req, "region");
	const char *min = http_query(ra->req, "min_severity");
	struct events_filter f = { NULL, SEV_NONE };

	if (region == NULL && min == NULL)
		return 0;
	if (region != NULL && (f.region = find_region(d, region, rs)) == NULL) {
		rs->status = 400;
		return -1;
	}
	if (min != NULL && severity_from_name(min, &f.min) < 0) {
		set_error(rs, 400, "bad_request", "min_severity must be none, "
		    "minor, major or critical");
		return -1;
	}
	rs->sse_filter = xmalloc(sizeof(f));
	memcpy(rs->sse_filter, &f, sizeof(f));
	rs->sse_match = events_match;
	return 0;
}
