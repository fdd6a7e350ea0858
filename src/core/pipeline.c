/* SPDX-License-Identifier: MIT */
/*
 * pipeline.c - a report's way from a payload to published status and
 * alerts (pipeline.h).  In the order a pass runs:
 *
 *   1. pipeline_ingest(): validate (report.c), stage each report in the
 *      pass's transaction (store.c) and apply its claim (agg.c); refusals
 *      are recorded and queued for <prefix>/rejected/<source>;
 *   2. pipeline_commit(): recompute the figures that changed, persist each
 *      with its history, feed it to its alert episode (alert.c), write the
 *      alert to the outbox, prune what retention says, commit;
 *   3. publish_committed(): the changed statuses and the outbox's alerts go
 *      to the sink, which then sends them with the acks.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "agg.h"
#include "alert.h"
#include "buf.h"
#include "conf.h"
#include "crashpoint.h"
#include "dispatch.h"
#include "jsonw.h"
#include "log.h"
#include "pipeline.h"
#include "region.h"
#include "render.h"
#include "report.h"
#include "sensors.h"
#include "store.h"
#include "topic.h"
#include "util.h"

#define PRUNE_INTERVAL_MS	(3600 * 1000)
#define PRUNE_BATCH		10000	/* rows per table a prune (full: again sooner) */
#define PRUNE_AGAIN_MS		(60 * 1000)

/* Upper bounds (seconds) of the ingest-to-commit latency histogram. */
const double latency_bounds[LATENCY_BUCKETS] = {
	0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
};

/* An alert's outbox row: published (mid set) or waiting for the commit. */
struct outbox_pending {
	int64_t		 id;		/* outbox row */
	int		 mid;		/* MQTT message id, 0 before publish */
};

struct pipeline {
	const struct conf *conf;
	const struct gazetteer *gaz;
	struct store	*store;
	struct pipeline_sink sink;
	struct report_limits limits;
	struct agg	*agg;
	struct dispatch	*dispatch;	/* subscribers' notifications */
	struct sensors	*sensors;	/* sensing devices (sensors.h) */
	const struct notify_texts *texts;
	struct alert_state **alerts;	/* per (region, utility), lazily */
	size_t		 ncells;

	/* this pass */
	int		 failed;	/* a staged write failed: no commit */
	int64_t		 commit_failed_at;	/* wall ms; 0: last one ok */
	unsigned	 commit_failures;	/* since it last worked */
	int		 stored_since_fail;	/* reports committed since */
	int64_t		 retry_at;	/* wall ms: timers wait after a failure */
	int		 rebuilt;	/* state reloaded since the last commit */
	unsigned char	*region_dirty;	/* status to publish after commit */
	uint32_t	*dirty_regions;	/* region indexes, as in gaz slots */
	size_t		 ndirty;
	/* readers' caches: what changed, by commit (pipeline_generation) */
	uint64_t	 generation;
	uint64_t	*region_gen;	/* per region; GEN_PENDING: staged */
	uint32_t	*touched;	/* regions whose claims the pass set */
	size_t		 ntouched;
	int64_t		*pass_received;	/* mono ms of each staged report */
	size_t		 npass, cappass;
	struct pass_alert {		/* for the events, once committed */
		char		*payload;
		struct event_subject subject;
	}		*pass_alerts;
	size_t		 npass_alerts, cappass_alerts;

	/* the outbox across passes */
	struct outbox_pending *outbox;
	size_t		 noutbox, capoutbox;
	int64_t		*acked;		/* outbox rows to delete */
	size_t		 nacked, capacked;
	int64_t		 acked_since;	/* wall ms of the oldest of them */
	int		 closing;	/* the last pass: delete them now */

	int64_t		 next_prune;
	int64_t		*status_at;	/* mono ms a status was last published */
	int64_t		 status_due;	/* the next deferred one */
	int64_t		 busy_since;	/* mono ms: this window's start */
	size_t		 busy_count;	/* reports staged in the window */
	struct pipeline_counters count, last_logged;
	struct pipeline_latency latency;
};

/* ---- state that mirrors the database ---------------------------------- */

static struct alert_state *
alert_cell(struct pipeline *p, const struct region *r, enum utility u)
{
	size_t i = r->index * UTIL_COUNT + (size_t)u;

	assert(i < p->ncells);
	if (p->alerts[i] == NULL)
		p->alerts[i] = xcalloc(1, sizeof(struct alert_state));
	return p->alerts[i];
}

static void
mark_region(struct pipeline *p, const struct region *r)
{
	if (p->region_dirty[r->index])
		return;
	p->region_dirty[r->index] = 1;
	p->dirty_regions[p->ndirty++] = (uint32_t)r->index;
}

#define GEN_PENDING	(UINT64_C(1) << 63)

/* A staged claim changes the region's document even when no figure does. */
static void
touch_region(struct pipeline *p, size_t index)
{
	if (p->region_gen[index] & GEN_PENDING)
		return;
	p->region_gen[index] |= GEN_PENDING;
	p->touched[p->ntouched++] = (uint32_t)index;
}

/* After a commit: what it changed gets the next generation. */
static void
bump_generation(struct pipeline *p, int all)
{
	size_t n = gaz_count(p->gaz);

	if (!all && p->ndirty == 0 && p->ntouched == 0 &&
	    p->npass_alerts == 0)
		return;
	p->generation++;
	for (size_t i = 0; all && i < n; i++)
		p->region_gen[i] = p->generation;
	for (size_t i = 0; i < p->ndirty; i++)
		p->region_gen[p->dirty_regions[i]] = p->generation;
	for (size_t i = 0; i < p->ntouched; i++)
		p->region_gen[p->touched[i]] = p->generation;
	for (size_t i = 0; i < p->npass_alerts; i++)
		p->region_gen[p->pass_alerts[i].subject.region->index] =
		    p->generation;
	p->ntouched = 0;
}

static struct agg_params
agg_params_of(const struct conf *c)
{
	struct agg_params ap;

	ap.ttl_ms = c->ttl * 1000;
	ap.thr = c->thr;
	return ap;
}

static int
restore_status_row(void *arg, const struct store_status_row *row)
{
	struct pipeline *p = arg;
	const struct region *r = gaz_by_id(p->gaz, row->region);
	struct figure f;
	enum utility u;

	if (r == NULL || utility_from_name(row->utility, &u) < 0)
		return 0;
	memset(&f, 0, sizeof(f));
	f.status = FS_UNKNOWN;
	for (int s = FS_UNKNOWN; s <= FS_OUTAGE; s++)
		if (strcmp(row->status, fig_status_name((enum fig_status)s)) == 0)
			f.status = (enum fig_status)s;
	f.affected = row->affected;
	if (row->unit)
		str_copy(f.unit, row->unit, sizeof(f.unit));
	f.percent = row->percent;
	severity_from_name(row->severity, &f.severity);
	f.approximate = row->approximate;
	f.nsources = row->sources;
	f.direct = -1;
	f.children_sum = -1;
	f.since = row->since;
	f.updated_at = row->updated_at;
	f.peak = row->peak;
	agg_restore(p->agg, r, u, &f);
	return 0;
}

static int
restore_claim(void *arg, const struct store_report_row *row)
{
	struct pipeline *p = arg;
	const struct region *r = gaz_by_id(p->gaz, row->region);
	struct claim cl;
	enum utility u;

	if (r == NULL || utility_from_name(row->utility, &u) < 0) {
		log_warnx("restore: report %lld names region %s, which the "
		    "gazetteer no longer has", (long long)row->rowid,
		    row->region);
		return 0;
	}
	memset(&cl, 0, sizeof(cl));
	str_copy(cl.source, row->source, sizeof(cl.source));
	cl.status = strcmp(row->status, "outage") == 0 ? RS_OUTAGE :
	    strcmp(row->status, "partial") == 0 ? RS_PARTIAL : RS_RESTORED;
	cl.affected = row->affected;
	if (row->unit)
		str_copy(cl.unit, row->unit, sizeof(cl.unit));
	cl.percent = row->percent > 0 ? row->percent : 0;
	cl.approximate = row->approximate;
	cl.priority = (int)conf_source_priority(p->conf, row->source);
	cl.observed_at = row->observed_at;
	agg_apply(p->agg, r, u, &cl);
	return 0;
}

static int
restore_alert(void *arg, const struct store_alert_row *row)
{
	struct pipeline *p = arg;
	const struct region *r = gaz_by_id(p->gaz, row->region);
	struct alert_state *st;
	enum utility u;

	if (r == NULL || utility_from_name(row->utility, &u) < 0)
		return 0;
	st = alert_cell(p, r, u);
	st->id = row->id;
	st->firing = 1;
	severity_from_name(row->severity, &st->severity);
	severity_from_name(row->notified, &st->notified);
	st->started_at = row->started_at;
	st->updated_at = row->updated_at;
	st->clear_since = row->clear_since;
	return 0;
}

/* (Re)build every in-memory structure from the database. */
static enum od_err
rebuild_state(struct pipeline *p, char *err, size_t errlen)
{
	struct agg_params ap = agg_params_of(p->conf);
	struct store_query q = { NULL, NULL, 0, 0 };

	/* subscriptions, their episodes and silences, as committed */
	dispatch_free(p->dispatch);
	p->dispatch = dispatch_new(p->conf, p->gaz, p->store, p->texts, err,
	    errlen);
	if (p->dispatch == NULL)
		return OD_EDB;
	dispatch_set_sensors(p->dispatch, p->sensors);

	agg_free(p->agg);
	p->agg = agg_new(p->gaz, &ap);
	for (size_t i = 0; i < p->ncells; i++)
		free(p->alerts[i]);
	free(p->alerts);	/* new zero pages, not 216 kB written over */
	p->alerts = xcalloc(p->ncells, sizeof(*p->alerts));
	if (p->conf->ttl > 0)
		q.since_ms = now_wall_ms() - p->conf->ttl * 1000;
	if (store_statuses(p->store, NULL, restore_status_row, p) != OD_OK ||
	    store_reports(p->store, &q, 1, restore_claim, p) != OD_OK ||
	    store_firing_alerts(p->store, restore_alert, p) != OD_OK) {
		snprintf(err, errlen, "cannot load state: %s",
		    store_errmsg(p->store));
		return OD_EDB;
	}
	bump_generation(p, 1);		/* every document may differ */
	/* and again at the next commit: its recomputation completes figures
	 * quietly (agg_restore), which no write marks */
	p->rebuilt = 1;
	/*
	 * the devices' states, and their claims on the new aggregate; the
	 * configuration's devices are written in the pass's transaction
	 */
	if (pipeline_txn(p) == NULL) {
		snprintf(err, errlen, "cannot load devices: %s",
		    store_errmsg(p->store));
		return OD_EDB;
	}
	return sensors_load(p->sensors, p->store, now_wall_ms(), err, errlen);
}

static void sensor_alert(void *, const struct sensors_alert *,
    const char *);
static void queue_outbox(struct pipeline *, int64_t);

static void offer_configured(struct pipeline *);

static void
take_limits(struct pipeline *p)
{
	p->limits.max_payload = (size_t)p->conf->max_payload;
	p->limits.max_batch = (size_t)p->conf->max_batch;
	p->limits.max_future_ms = p->conf->max_future * 1000;
}

struct pipeline *
pipeline_new(const struct conf *c, const struct gazetteer *gaz,
    struct store *store, const struct pipeline_sink *sink, char *err,
    size_t errlen)
{
	struct pipeline *p = xcalloc(1, sizeof(*p));
	size_t nregions = gaz_count(gaz);

	p->conf = c;
	p->gaz = gaz;
	p->store = store;
	p->sink = *sink;
	take_limits(p);
	p->ncells = nregions * UTIL_COUNT;
	p->alerts = xcalloc(p->ncells, sizeof(*p->alerts));
	p->region_dirty = xcalloc(nregions ? nregions : 1, 1);
	p->dirty_regions = xcalloc(nregions ? nregions : 1, sizeof(uint32_t));
	{
		struct sensors_hooks h = { p, sensor_alert };

		p->sensors = sensors_new(c, gaz, &h);
	}
	p->region_gen = xcalloc(nregions ? nregions : 1, sizeof(uint64_t));
	p->status_due = INT64_MAX;
	p->touched = xcalloc(nregions ? nregions : 1, sizeof(uint32_t));
	if (rebuild_state(p, err, errlen) != OD_OK) {
		pipeline_free(p);
		return NULL;
	}
	offer_configured(p);
	return p;
}

void
pipeline_free(struct pipeline *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->ncells; i++)
		free(p->alerts[i]);
	free(p->alerts);
	free(p->region_dirty);
	free(p->dirty_regions);
	free(p->region_gen);
	free(p->status_at);
	free(p->touched);
	free(p->pass_received);
	for (size_t i = 0; i < p->npass_alerts; i++)
		free(p->pass_alerts[i].payload);
	free(p->pass_alerts);
	free(p->outbox);
	free(p->acked);
	agg_free(p->agg);
	dispatch_free(p->dispatch);
	sensors_free(p->sensors);
	free(p);
}

void
pipeline_set_texts(struct pipeline *p, const struct notify_texts *texts)
{
	p->texts = texts;
	dispatch_set_texts(p->dispatch, texts);
}

struct dispatch *
pipeline_dispatch(struct pipeline *p)
{
	return p->dispatch;
}

static const struct figure *figure_of(void *, const struct region *,
    enum utility);

void
pipeline_offer(struct pipeline *p, int64_t sub_id)
{
	if (pipeline_txn(p) != NULL && dispatch_offer(p->dispatch, sub_id,
	    now_wall_ms(), figure_of, p) != OD_OK)
		p->failed = 1;
}

/*
 * The configuration's subscriptions (ids -1, -2, ...) are offered the
 * figures there are, at start and after a reload: one added to the file
 * during an outage is told of it; one with a restored episode sends
 * nothing again.
 */
static void
offer_configured(struct pipeline *p)
{
	for (int64_t id = -1; id >= -(int64_t)json_array_size(
	    p->conf->subscriptions); id--)
		pipeline_offer(p, id);
}

/*
 * A claim carries its source's priority from when it was applied, so the
 * claims are applied again from the database (as after a restart) for a
 * changed priority to re-rank them; every cell is then evaluated again.
 */
void
pipeline_set_conf(struct pipeline *p, const struct conf *c)
{
	char err[512];

	p->conf = c;
	take_limits(p);
	sensors_set_conf(p->sensors, c);
	if (rebuild_state(p, err, sizeof(err)) != OD_OK) {
		log_errorx("reload: %s", err);
		p->failed = 1;	/* the next commit rebuilds it again */
	}
	agg_mark_all(p->agg);
	offer_configured(p);
}

/* ---- the pass's transaction ------------------------------------------- */

struct store *
pipeline_txn(struct pipeline *p)
{
	if (p->failed)
		return NULL;
	if (store_begin(p->store) != OD_OK) {
		p->failed = 1;
		return NULL;
	}
	return p->store;
}

void
pipeline_fail(struct pipeline *p)
{
	p->failed = 1;
}

int
pipeline_failed(const struct pipeline *p)
{
	return p->failed;
}

/* ---- validate and stage ----------------------------------------------- */

static void
record_rejection(struct pipeline *p, const char *source, const char *via,
    const struct report_reject *rj, const void *payload, size_t len,
    struct ingest_result *res)
{
	char topic[TOPIC_MAX], esc[300];
	char *json;

	p->count.rejected++;
	log_warnx("ingest: rejected report from %s (%s): %s: %s", source, via,
	    reject_reason_name(rj->reason), log_escape(esc, sizeof(esc),
	    rj->detail, strlen(rj->detail)));
	if (pipeline_txn(p) == NULL ||
	    store_put_rejection(p->store, now_wall_ms(), via, source,
	    reject_reason_name(rj->reason), rj->detail, payload, len) != OD_OK)
		p->failed = 1;
	json = report_reject_json(rj, payload, len);
	if (res != NULL && res->rejects != NULL)
		json_array_append_new(res->rejects, report_reject_obj(rj,
		    payload, len));
	/* queued now, sent after the commit with the acks */
	if (topic_build(topic, sizeof(topic), p->conf->prefix, TOPIC_REJECTED,
	    source) > 0)
		p->sink.publish(p->sink.arg, topic, json, strlen(json), 1, 0,
		    NULL);
	free(json);
}

void
pipeline_reject(struct pipeline *p, const char *source, const char *via,
    enum reject_reason reason, const char *detail, const void *payload,
    size_t len, struct ingest_result *res)
{
	struct report_reject rj;

	memset(&rj, 0, sizeof(rj));
	rj.index = -1;
	rj.reason = reason;
	str_copy(rj.detail, detail, sizeof(rj.detail));
	record_rejection(p, source, via, &rj, payload, len, res);
}

/* Stage one valid report; 0, or -1 when the store failed. */
static int
stage_report(struct pipeline *p, const struct report *r, const char *via,
    struct ingest_result *res)
{
	struct claim cl;
	enum od_err rc;

	rc = store_put_report(p->store, r, via);
	if (rc == OD_EDUP) {
		p->count.duplicates++;
		if (res != NULL)
			res->duplicates++;
		log_debug("ingest: %s: duplicate %s", r->source, r->key);
		return 0;
	}
	if (rc != OD_OK)
		return -1;
	p->count.stored++;
	if (res != NULL) {
		res->accepted++;
		if (p->conf->ttl > 0 && r->observed_at <=
		    now_wall_ms() - p->conf->ttl * 1000)
			res->stale++;
	}
	ARRAY_GROW(p->pass_received, p->npass, p->cappass, 256);
	p->pass_received[p->npass++] = now_mono_ms();
	memset(&cl, 0, sizeof(cl));
	str_copy(cl.source, r->source, sizeof(cl.source));
	cl.status = r->status;
	cl.affected = r->affected;
	str_copy(cl.unit, r->unit, sizeof(cl.unit));
	cl.percent = r->percent;
	cl.approximate = r->approximate;
	cl.priority = (int)conf_source_priority(p->conf, r->source);
	cl.observed_at = r->observed_at;
	agg_apply(p->agg, r->region, r->utility, &cl);
	touch_region(p, r->region->index);
	return 0;
}

void
pipeline_ingest(struct pipeline *p, const struct ingest_req *in,
    struct ingest_result *res)
{
	struct report_batch b;

	if (res != NULL) {
		memset(res, 0, sizeof(*res));
		res->rejects = json_array();
	}
	if (pipeline_txn(p) == NULL)
		return;
	report_parse(in->payload, in->len, &p->limits, p->gaz,
	    in->topic_source, now_wall_ms(), &b);
	for (size_t i = 0; i < b.nreports && !p->failed; i++) {
		const struct report *r = &b.reports[i];

		if (!conf_token_may_post(in->allowed_sources, r->source)) {
			struct report_reject rj;

			memset(&rj, 0, sizeof(rj));
			rj.index = r->index;
			str_copy(rj.source, r->source, sizeof(rj.source));
			rj.reason = REJ_SOURCE_NOT_ALLOWED;
			snprintf(rj.detail, sizeof(rj.detail), "this token may "
			    "not post as source \"%s\"", r->source);
			record_rejection(p, r->source, in->via, &rj,
			    in->payload, in->len, res);
			continue;
		}
		if (stage_report(p, r, in->via, res) < 0)
			p->failed = 1;
	}
	for (size_t i = 0; i < b.nrejects && !p->failed; i++)
		record_rejection(p, b.rejects[i].source[0] ?
		    b.rejects[i].source : (in->topic_source ?
		    in->topic_source : "_unknown"), in->via, &b.rejects[i],
		    in->payload, in->len, res);
	report_batch_free(&b);
}

/* ---- sensing devices (sensors.h) -------------------------------------- */

/*
 * A device's personal alert: through the outbox, like the regions', and
 * to the subscriptions that name the device (dispatch_device).
 */
static void
sensor_alert(void *arg, const struct sensors_alert *a, const char *payload)
{
	struct pipeline *p = arg;
	char topic[TOPIC_MAX];
	int64_t id;
	int n;

	n = snprintf(topic, sizeof(topic), "%s/alerts/sensors/%s",
	    p->conf->prefix, a->device);
	if (n < 0 || (size_t)n >= sizeof(topic) || pipeline_txn(p) == NULL ||
	    store_outbox_add(p->store, topic, payload, 1, 0, now_wall_ms(),
	    &id) != OD_OK || dispatch_device(p->dispatch, a) != OD_OK) {
		p->failed = 1;
		return;
	}
	queue_outbox(p, id);
	p->count.alerts++;
}

void
pipeline_sensor(struct pipeline *p, const char *device, const void *payload,
    size_t len)
{
	char detail[200];
	enum od_err rc;

	if (pipeline_txn(p) == NULL)
		return;
	rc = sensors_message(p->sensors, p->store, device, payload, len,
	    now_wall_ms());
	if (rc == OD_EINVAL) {
		pipeline_reject(p, "_invalid", "mqtt", REJ_INVALID_TOPIC,
		    "the topic's device level must be 1-63 of A-Z a-z 0-9 . _ "
		    "-", payload, len, NULL);
	} else if (rc == OD_ENOENT && len > 0) {
		snprintf(detail, sizeof(detail), "device \"%s\" is not "
		    "registered (POST /api/v1/devices, outagectl device add, or "
		    "\"devices\" in the configuration)", device);
		pipeline_reject(p, device, "mqtt", REJ_UNKNOWN_DEVICE, detail,
		    payload, len, NULL);
	} else if (rc != OD_OK && rc != OD_ENOENT)
		p->failed = 1;
}

struct sensors *
pipeline_sensors(struct pipeline *p)
{
	return p->sensors;
}

void
pipeline_count_message(struct pipeline *p)
{
	p->count.messages++;
}

void
pipeline_count_http_post(struct pipeline *p)
{
	p->count.http_posts++;
}

/* ---- recompute and alert episodes ------------------------------------- */

static void
queue_outbox(struct pipeline *p, int64_t id)
{
	ARRAY_GROW(p->outbox, p->noutbox, p->capoutbox, 64);
	p->outbox[p->noutbox].id = id;
	p->outbox[p->noutbox].mid = 0;
	p->noutbox++;
}

/* Feed a cell's severity to its alert episode; announce what changed. */
static void
evaluate_alert(struct pipeline *p, const struct region *r, enum utility u,
    const struct figure *newf, int64_t now)
{
	struct alert_state *st;
	enum alert_event ev;
	char topic[TOPIC_MAX];
	json_t *j;
	char *payload;
	int64_t id;

	st = alert_cell(p, r, u);
	ev = alert_eval(&p->conf->alert, st, newf->severity, now);
	if (ev == ALERT_NONE) {
		/* keep the stored episode's current severity up to date */
		if (st->firing && st->id != 0 &&
		    store_save_alert(p->store, r->id, u, st, newf) != OD_OK)
			p->failed = 1;
		return;
	}
	if (store_save_alert(p->store, r->id, u, st, newf) != OD_OK) {
		p->failed = 1;
		return;
	}
	j = render_alert(r, u, ev, st, newf, now);
	payload = jsonw_dumps(j);
	json_decref(j);
	if (payload == NULL)
		fatalx("alert: json_dumps failed");
	if (topic_alert(topic, sizeof(topic), p->conf->prefix, r, u) == 0 ||
	    store_outbox_add(p->store, topic, payload, 1, 0, now, &id) !=
	    OD_OK) {
		free(payload);
		p->failed = 1;
		return;
	}
	queue_outbox(p, id);
	/* the event stream gets it once the commit has made it true */
	ARRAY_GROW(p->pass_alerts, p->npass_alerts, p->cappass_alerts, 16);
	p->pass_alerts[p->npass_alerts].payload = payload;
	p->pass_alerts[p->npass_alerts].subject.region = r;
	p->pass_alerts[p->npass_alerts].subject.severity = newf->severity;
	p->npass_alerts++;
	p->count.alerts++;
	log_info("alert %s: %s %s, severity %s, status %s", alert_event_name(ev),
	    r->id, utility_name(u), severity_name(newf->severity),
	    fig_status_name(newf->status));
}

/*
 * An episode below its clear threshold resolves only after
 * alerts.min_clear; nothing else may happen to its region meanwhile, so
 * the pass looks at pending ones itself.
 */
static void
resolve_pending_alerts(struct pipeline *p, int64_t now)
{
	if (p->conf->alert.min_clear_ms <= 0)
		return;
	for (size_t i = 0; i < p->ncells && !p->failed; i++) {
		struct alert_state *st = p->alerts[i];
		const struct region *r;
		enum utility u = (enum utility)(i % UTIL_COUNT);

		if (st == NULL || !st->firing || st->clear_since == 0 ||
		    now - st->clear_since < p->conf->alert.min_clear_ms)
			continue;
		r = gaz_at(p->gaz, i / UTIL_COUNT);
		evaluate_alert(p, r, u, agg_figure(p->agg, r, u), now);
	}
}

/* History keeps what a chart shows: status, count, severity, percent. */
static int
history_worthy(const struct figure *oldf, const struct figure *newf)
{
	return oldf->status != newf->status ||
	    oldf->affected != newf->affected ||
	    oldf->severity != newf->severity ||
	    percent_tenths(oldf->percent) != percent_tenths(newf->percent);
}

/* A figure changed: persist it, evaluate its alert, queue the publishes. */
static void
on_figure_change(void *arg, const struct region *r, enum utility u,
    const struct figure *oldf, const struct figure *newf)
{
	struct pipeline *p = arg;
	int64_t now = now_wall_ms();

	if (p->failed)
		return;
	mark_region(p, r);
	p->count.status_updates++;
	if (store_put_status(p->store, r->id, r->name, u, newf, now) != OD_OK ||
	    (history_worthy(oldf, newf) &&
	    store_add_history(p->store, r->id, u, now, newf) != OD_OK)) {
		p->failed = 1;
		return;
	}
	evaluate_alert(p, r, u, newf, now);
	if (!p->failed && dispatch_figure(p->dispatch, r, u, newf, now) !=
	    OD_OK)
		p->failed = 1;
}

static const struct figure *
figure_of(void *arg, const struct region *r, enum utility u)
{
	struct pipeline *p = arg;

	return agg_figure(p->agg, r, u);
}

/* Retention, in the pass's transaction: history, then old reports. */
static void
prune(struct pipeline *p, int64_t now)
{
	int64_t gone = 0;

	p->next_prune = now + PRUNE_INTERVAL_MS;
	if (store_prune_history(p->store, now -
	    p->conf->history_retention * 1000) != OD_OK) {
		p->failed = 1;
		return;
	}
	if (p->conf->report_retention != 0 &&
	    store_prune_reports(p->store, now - p->conf->report_retention *
	    1000, PRUNE_BATCH, &gone) != OD_OK) {
		p->failed = 1;
		return;
	}
	if (gone > 0)
		log_info("store: pruned %lld reports, rejections and news "
		    "items older than the report retention", (long long)gone);
	if (gone >= PRUNE_BATCH)	/* a backlog: a batch a minute */
		p->next_prune = now + PRUNE_AGAIN_MS;
}

/* ---- publish ---------------------------------------------------------- */

static void
publish_status(struct pipeline *p, const struct region *r, int to_mqtt,
    int to_events)
{
	char topic[TOPIC_MAX];
	json_t *j = render_status(p->agg, r, now_wall_ms());
	char *s = jsonw_dumps(j);

	json_decref(j);
	if (s == NULL)
		fatalx("status: json_dumps failed");
	if (to_mqtt && topic_build(topic, sizeof(topic), p->conf->prefix,
	    TOPIC_STATUS, r->id) > 0)
		p->sink.publish(p->sink.arg, topic, s, strlen(s), 1, 1, NULL);
	if (to_events) {
		struct event_subject subj = { r, SEV_NONE };

		for (int u = 0; u < UTIL_COUNT; u++) {
			const struct figure *f = agg_figure(p->agg, r,
			    (enum utility)u);

			if (f->severity > subj.severity)
				subj.severity = f->severity;
		}
		p->sink.event(p->sink.arg, "status", s, &subj);
	}
	free(s);
}

static int
publish_outbox_row(void *arg, const struct store_outbox_row *row)
{
	struct pipeline *p = arg;
	struct outbox_pending *op = NULL;
	int mid = 0;

	for (size_t i = 0; i < p->noutbox; i++)
		if (p->outbox[i].id == row->id)
			op = &p->outbox[i];
	if (op != NULL && op->mid != 0)
		return 0;	/* the library resends it after a reconnect */
	for (size_t i = 0; op == NULL && i < p->nacked; i++)
		if (p->acked[i] == row->id)
			return 0;	/* acknowledged: its delete is waiting */
	if (op == NULL) {
		queue_outbox(p, row->id);
		op = &p->outbox[p->noutbox - 1];
	}
	CRASH_POINT("before-publish");
	if (p->sink.publish(p->sink.arg, row->topic, row->payload,
	    strlen(row->payload), row->qos, row->retain, &mid) == 0)
		op->mid = mid;
	return 0;
}

/*
 * After a commit: changed statuses and new alerts go to the event stream
 * and, when connected, to the broker (on a reconnect every status and
 * unsent alert is published again: whole_outbox walks every outbox row,
 * also those this process never queued, after a restart or a failed pass).
 */
/*
 * Under load (STATUS_BACKLOG reports staged in a STATUS_EVERY_MS window) a
 * region's status is published at most every STATUS_EVERY_MS: passes a
 * millisecond apart each published the same regions again, a tenth as
 * many messages as reports through the broker.  The region stays dirty;
 * the pass when it is due publishes its figures of then.
 */
#define STATUS_BACKLOG		64
#define STATUS_EVERY_MS		50

static int
status_deferred(struct pipeline *p, size_t index, int backlog, int64_t now)
{
	if (p->status_at == NULL && !backlog)
		return 0;
	if (p->status_at == NULL)
		p->status_at = xcalloc(gaz_count(p->gaz), sizeof(int64_t));
	if (backlog && p->status_at[index] != 0 &&
	    now - p->status_at[index] < STATUS_EVERY_MS) {
		if (p->status_at[index] + STATUS_EVERY_MS < p->status_due)
			p->status_due = p->status_at[index] + STATUS_EVERY_MS;
		return 1;
	}
	p->status_at[index] = now;
	return 0;
}

static void
publish_committed(struct pipeline *p, int to_events, int whole_outbox)
{
	int need_outbox = 0, up = p->sink.connected(p->sink.arg);
	int64_t now = now_mono_ms();
	size_t kept = 0;
	int backlog;

	backlog = !whole_outbox && !p->closing &&
	    p->busy_count >= STATUS_BACKLOG;
	if (now - p->busy_since >= STATUS_EVERY_MS) {	/* a new window */
		p->busy_since = now;
		p->busy_count = 0;
	}

	/*
	 * The alerts (rendered before the commit) leave first, with the
	 * acks: rendering the statuses took longer than the rest of the
	 * pass after the commit, and an alert waited for it.
	 */
	for (size_t i = 0; up && i < p->noutbox; i++)
		if (p->outbox[i].mid == 0)
			need_outbox = 1;
	if (up && (need_outbox || whole_outbox)) {
		store_outbox(p->store, publish_outbox_row, p);
		p->sink.flush(p->sink.arg);
	}
	p->status_due = INT64_MAX;
	for (size_t i = 0; i < p->ndirty; i++) {
		size_t idx = p->dirty_regions[i];

		if (status_deferred(p, idx, backlog, now)) {
			p->dirty_regions[kept++] = idx;
			continue;
		}
		if (up || to_events)
			publish_status(p, gaz_at(p->gaz, idx), up, to_events);
		p->region_dirty[idx] = 0;
	}
	p->ndirty = kept;
	for (size_t i = 0; i < p->npass_alerts; i++) {
		if (to_events)
			p->sink.event(p->sink.arg, "alert",
			    p->pass_alerts[i].payload,
			    &p->pass_alerts[i].subject);
		free(p->pass_alerts[i].payload);
	}
	p->npass_alerts = 0;
}

void
pipeline_published(struct pipeline *p, int mid)
{
	for (size_t i = 0; i < p->noutbox; i++) {
		if (p->outbox[i].mid != mid)
			continue;
		ARRAY_GROW(p->acked, p->nacked, p->capacked, 64);
		if (p->nacked == 0)
			p->acked_since = now_wall_ms();
		p->acked[p->nacked++] = p->outbox[i].id;
		p->outbox[i] = p->outbox[--p->noutbox];
		return;
	}
}

static int
republish_status_row(void *arg, const struct store_status_row *row)
{
	struct pipeline *p = arg;
	const struct region *r = gaz_by_id(p->gaz, row->region);

	if (r != NULL)
		mark_region(p, r);
	return 0;
}

void
pipeline_connected(struct pipeline *p)
{
	store_statuses(p->store, NULL, republish_status_row, p);
	publish_committed(p, 0, 1);
}

/* ---- commit ----------------------------------------------------------- */

static void
observe_latency(struct pipeline *p)
{
	int64_t now = now_mono_ms();

	for (size_t i = 0; i < p->npass; i++) {
		double sec = (double)(now - p->pass_received[i]) / 1000.0;
		size_t k = 0;

		while (k < LATENCY_BUCKETS && sec > latency_bounds[k])
			k++;
		p->latency.count[k]++;
		p->latency.sum += sec;
	}
	p->count.commits += p->npass > 0;	/* a commit that stored reports */
	p->npass = 0;
}

#define COMMIT_OK_AFTER_MS	10000
#define COMMIT_FAIL_HOLD_MS	60000
/*
 * After a failed commit no timer asks for a pass sooner than this: a
 * rebuilt state has timers due at once (the sensors check every device
 * again), and on a full disk a pass that has to write fails again.
 */
#define COMMIT_RETRY_MS		1000

/* The commit failed: forget the pass, drop the acks, reload the state. */
static void
abandon_pass(struct pipeline *p)
{
	char err[512];

	log_errorx("store: cannot commit (%s); dropping the broker "
	    "connection so that nothing unstored is acknowledged",
	    store_errmsg(p->store));
	store_rollback(p->store);
	p->sink.abort(p->sink.arg);
	p->failed = 0;
	p->nacked = 0;
	p->noutbox = 0;
	p->count.stored -= p->npass;	/* they were not, after all */
	p->npass = 0;
	for (size_t i = 0; i < p->ndirty; i++)
		p->region_dirty[p->dirty_regions[i]] = 0;
	p->ndirty = 0;
	for (size_t i = 0; i < p->npass_alerts; i++)
		free(p->pass_alerts[i].payload);
	p->npass_alerts = 0;
	if (rebuild_state(p, err, sizeof(err)) != OD_OK)
		log_errorx("store: %s", err);
}

/*
 * Deleting acknowledged alerts from the outbox waits (at most
 * ACK_DEFER_MS, ACK_DEFER_MAX rows) for a pass that commits something
 * else: a pass of acks alone would cost a commit's fsync of its own, and
 * at 1,000 reports a second that was every other fsync, with reports
 * waiting behind it.  Until then nothing publishes those rows again
 * (publish_outbox_row); after a crash they are published once more, as
 * they were when the crash fell between the ack and its commit.
 */
#define ACK_DEFER_MS		50
#define ACK_DEFER_MAX		1000

static int
acks_due(const struct pipeline *p, int64_t now)
{
	return p->nacked > 0 && (p->closing || p->nacked >= ACK_DEFER_MAX ||
	    now - p->acked_since >= ACK_DEFER_MS ||
	    store_txn_changed(p->store));
}

void
pipeline_closing(struct pipeline *p)
{
	p->closing = 1;
}

int
pipeline_commit(struct pipeline *p)
{
	int64_t now = now_wall_ms();
	int acks = 0;

	pipeline_txn(p);
	if (!p->failed && sensors_tick(p->sensors, p->store, p->agg,
	    p->sink.connected == NULL || p->sink.connected(p->sink.arg),
	    now) != OD_OK)
		p->failed = 1;
	if (!p->failed)
		agg_recompute(p->agg, now, on_figure_change, p);
	if (!p->failed && dispatch_flush(p->dispatch, now) != OD_OK)
		p->failed = 1;
	if (!p->failed)
		resolve_pending_alerts(p, now);
	if (!p->failed && dispatch_tick(p->dispatch, now, figure_of, p) !=
	    OD_OK)
		p->failed = 1;
	if (!p->failed && now >= p->next_prune)
		prune(p, now);
	if (!p->failed && acks_due(p, now)) {
		acks = 1;
		for (size_t i = 0; i < p->nacked && !p->failed; i++)
			if (store_outbox_delete(p->store, p->acked[i]) != OD_OK)
				p->failed = 1;
	}
	CRASH_POINT("before-commit");
	if (!p->failed && store_commit(p->store) != OD_OK)
		p->failed = 1;
	if (p->failed) {
		p->commit_failed_at = now;
		p->stored_since_fail = 0;
		p->commit_failures++;
		p->retry_at = now + COMMIT_RETRY_MS;
		abandon_pass(p);
		return -1;
	}
	p->retry_at = 0;
	/*
	 * An empty pass commits even on a full disk, and a small one may
	 * squeeze in: the failure is over once reports have been stored
	 * since it and it is COMMIT_OK_AFTER_MS old, or after a minute.
	 */
	if (p->commit_failed_at != 0) {
		p->stored_since_fail |= p->npass > 0;
		if ((p->stored_since_fail &&
		    now - p->commit_failed_at >= COMMIT_OK_AFTER_MS) ||
		    now - p->commit_failed_at >= COMMIT_FAIL_HOLD_MS) {
			p->commit_failed_at = 0;
			p->commit_failures = 0;
		}
	}
	if (acks)
		p->nacked = 0;
	CRASH_POINT("after-commit");
	p->busy_count += p->npass;	/* publish_committed: under load? */
	observe_latency(p);
	bump_generation(p, p->rebuilt);
	p->rebuilt = 0;
	publish_committed(p, 1, 0);
	p->sink.flush(p->sink.arg);
	return 0;
}

/* ---- readers ---------------------------------------------------------- */

int64_t
pipeline_commit_failed_at(const struct pipeline *p)
{
	return p->commit_failed_at;
}

unsigned
pipeline_commit_failures(const struct pipeline *p)
{
	return p->commit_failures;
}

int64_t
pipeline_next_expiry(const struct pipeline *p)
{
	int64_t a = agg_next_expiry(p->agg), b = p->dispatch != NULL ?
	    dispatch_next_timer(p->dispatch) : INT64_MAX;
	int64_t c = sensors_next_expiry(p->sensors);

	if (c < b)
		b = c;
	if (a < b)
		b = a;
	if (p->nacked > 0 && p->acked_since + ACK_DEFER_MS < b)
		b = p->acked_since + ACK_DEFER_MS;
	if (p->ndirty > 0 && p->status_due != INT64_MAX &&	/* mono ms */
	    now_wall_ms() + (p->status_due - now_mono_ms()) < b)
		b = now_wall_ms() + (p->status_due - now_mono_ms());
	return b < p->retry_at ? p->retry_at : b;
}

const struct agg *
pipeline_agg(const struct pipeline *p)
{
	return p->agg;
}

uint64_t
pipeline_generation(const struct pipeline *p)
{
	return p->generation;
}

uint64_t
pipeline_region_generation(const struct pipeline *p, const struct region *r)
{
	return p->region_gen[r->index] & ~GEN_PENDING;
}

const struct pipeline_counters *
pipeline_counters(const struct pipeline *p)
{
	return &p->count;
}

const struct pipeline_latency *
pipeline_latency(const struct pipeline *p)
{
	return &p->latency;
}

void
pipeline_log_stats(struct pipeline *p, int force)
{
	const struct pipeline_counters *c = &p->count;

	if (!force && memcmp(c, &p->last_logged, sizeof(*c)) == 0)
		return;
	log_info("stats: %llu messages, %llu reports stored, %llu duplicates, "
	    "%llu rejected, %llu status updates, %llu alert events",
	    (unsigned long long)c->messages, (unsigned long long)c->stored,
	    (unsigned long long)c->duplicates, (unsigned long long)c->rejected,
	    (unsigned long long)c->status_updates,
	    (unsigned long long)c->alerts);
	p->last_logged = *c;
}
