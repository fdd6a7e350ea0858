/* SPDX-License-Identifier: MIT */
/*
 * main.c - the daemon: startup order, the poll loop, and the pipeline
 * that turns a batch of MQTT reports into stored reports, region figures,
 * alerts and published status.
 *
 * One pass of the loop:
 *   1. read what the broker sent (acks are queued, not sent: see mqtt.h);
 *      each report is validated and inserted into an open transaction;
 *   2. recompute the figures that changed, evaluate alerts, write status,
 *      history, alert episodes and the outbox in the same transaction;
 *   3. commit (one fsync for the whole batch);
 *   4. queue status and alert publishes, then write: the acks leave now.
 * If the commit fails, the connection is cut with the acks unsent and the
 * in-memory state is rebuilt from the database; the broker redelivers.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "agg.h"
#include "alert.h"
#include "conf.h"
#include "daemon.h"
#include "fetch.h"
#include "api.h"
#include "http.h"
#include "log.h"
#include "mqtt.h"
#include "news.h"
#include "region.h"
#include "render.h"
#include "report.h"
#include "store.h"
#include "util.h"

#define READ_BATCH_MAX		1000	/* messages per transaction */
#define PRUNE_INTERVAL_MS	(3600 * 1000)
/* rows of each table a prune; a full batch brings the next one closer */
#define PRUNE_BATCH		10000
#define PRUNE_AGAIN_MS		(60 * 1000)
#define STATS_INTERVAL_MS	(60 * 1000)
#define SHUTDOWN_FLUSH_MS	2000

static volatile sig_atomic_t quit_requested;
static volatile sig_atomic_t reload_requested;

/* Upper bounds (seconds) of the ingest-to-commit latency histogram. */
const double latency_bounds[LATENCY_BUCKETS] = {
	0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
};

static void
on_signal(int sig)
{
	if (sig == SIGHUP)
		reload_requested = 1;
	else
		quit_requested = 1;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: outaged [-c FILE] [--check-config] [--broker HOST:PORT]\n"
	    "               [--db PATH] [--http ADDR:PORT] [-d] [--version]\n"
	    "\n"
	    "Watch infrastructure outage reports arriving over MQTT, keep a\n"
	    "live per-region picture and publish status and alerts.\n"
	    "\n"
	    "  -c, --config FILE     configuration file (JSON); built-in\n"
	    "                        defaults without one\n"
	    "  -n, --check-config    validate the configuration, print the\n"
	    "                        effective settings and exit\n"
	    "  -b, --broker H:P      MQTT broker (overrides mqtt.broker)\n"
	    "      --db PATH         SQLite database (overrides database)\n"
	    "      --http ADDR:PORT  HTTP listener (overrides http.listen)\n"
	    "  -d, --debug           log at debug level\n"
	    "  -h, --help            this help\n"
	    "  -V, --version         print the version\n"
	    "\n"
	    "Signals: SIGTERM/SIGINT stop cleanly, SIGHUP reloads the\n"
	    "configuration.  See outaged(8).\n");
}

/* ---- state that mirrors the database ---------------------------------- */

static struct alert_state *
alert_cell(struct daemon *d, const struct region *r, enum utility u)
{
	size_t i = r->index * UTIL_COUNT + (size_t)u;

	if (d->alerts[i] == NULL)
		d->alerts[i] = xcalloc(1, sizeof(struct alert_state));
	return d->alerts[i];
}

static void
mark_region(struct daemon *d, const struct region *r)
{
	if (d->region_dirty[r->index])
		return;
	d->region_dirty[r->index] = 1;
	d->dirty_regions[d->ndirty++] = r->index;
}

static struct agg_params
agg_params_of(const struct conf *c)
{
	struct agg_params p;

	p.ttl_ms = c->ttl * 1000;
	p.thr = c->thr;
	return p;
}

static void
queue_outbox(struct daemon *d, int64_t id)
{
	if (d->noutbox == d->capoutbox) {
		d->capoutbox = d->capoutbox ? d->capoutbox * 2 : 64;
		d->outbox = xreallocarray(d->outbox, d->capoutbox,
		    sizeof(*d->outbox));
	}
	d->outbox[d->noutbox].id = id;
	d->outbox[d->noutbox].mid = 0;
	d->noutbox++;
}

/* Feed a cell's severity to its alert episode; announce what changed. */
static void
evaluate_alert(struct daemon *d, const struct region *r, enum utility u,
    const struct figure *newf, int64_t now)
{
	struct alert_state *st;
	enum alert_event ev;
	char topic[256];

	st = alert_cell(d, r, u);
	ev = alert_eval(&d->conf->alert, st, newf->severity, now);
	if (ev == ALERT_NONE) {
		/* keep the stored episode's current severity up to date */
		if (st->firing && st->id != 0 &&
		    store_save_alert(d->store, r->id, u, st, newf) != OD_OK)
			goto dbfail;
		return;
	}
	if (store_save_alert(d->store, r->id, u, st, newf) != OD_OK)
		goto dbfail;
	{
		json_t *j = render_alert(r, u, ev, st, newf, now);
		char *payload = json_dumps(j, OD_JSON_COMPACT);
		int64_t id;

		json_decref(j);
		if (payload == NULL)
			fatalx("alert: json_dumps failed");
		snprintf(topic, sizeof(topic), "%s/alerts/%s/%s",
		    d->conf->prefix, r->id, utility_name(u));
		if (store_outbox_add(d->store, topic, payload, 1, 0, now,
		    &id) != OD_OK) {
			free(payload);
			goto dbfail;
		}
		queue_outbox(d, id);
		/* the event stream gets it once the commit has made it true */
		d->pass_alerts = xreallocarray(d->pass_alerts,
		    d->npass_alerts + 1, sizeof(*d->pass_alerts));
		d->pass_alerts[d->npass_alerts++] = payload;
	}
	d->count.alerts++;
	log_info("alert %s: %s %s, severity %s, status %s", alert_event_name(ev),
	    r->id, utility_name(u), severity_name(newf->severity),
	    fig_status_name(newf->status));
	return;
dbfail:
	d->db_failed = 1;
}

/*
 * An episode below its clear threshold resolves only after
 * alerts.min_clear; nothing else may happen to its region meanwhile, so
 * the pass looks at pending ones itself.
 */
static void
resolve_pending_alerts(struct daemon *d, int64_t now)
{
	if (d->conf->alert.min_clear_ms <= 0)
		return;
	for (size_t i = 0; i < d->ncells && !d->db_failed; i++) {
		struct alert_state *st = d->alerts[i];
		const struct region *r;

		if (st == NULL || !st->firing || st->clear_since == 0 ||
		    now - st->clear_since < d->conf->alert.min_clear_ms)
			continue;
		r = gaz_at(d->gaz, i / UTIL_COUNT);
		evaluate_alert(d, r, (enum utility)(i % UTIL_COUNT),
		    agg_figure(d->agg, r, (enum utility)(i % UTIL_COUNT)), now);
	}
}

/* A figure changed: persist it, evaluate its alert, queue the publishes. */
static void
on_figure_change(void *arg, const struct region *r, enum utility u,
    const struct figure *oldf, const struct figure *newf)
{
	struct daemon *d = arg;
	int64_t now = now_wall_ms();

	if (d->db_failed)
		return;
	mark_region(d, r);
	d->count.status_updates++;
	if (store_put_status(d->store, r->id, r->name, u, newf, now) != OD_OK)
		goto dbfail;
	if (oldf->status != newf->status || oldf->affected != newf->affected ||
	    oldf->severity != newf->severity ||
	    (int64_t)(oldf->percent * 10) != (int64_t)(newf->percent * 10)) {
		if (store_add_history(d->store, r->id, u, now, newf) != OD_OK)
			goto dbfail;
	}
	evaluate_alert(d, r, u, newf, now);
	return;
dbfail:
	d->db_failed = 1;
}

static int
restore_status_row(void *arg, const struct store_status_row *row)
{
	struct daemon *d = arg;
	const struct region *r = gaz_by_id(d->gaz, row->region);
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
	agg_restore(d->agg, r, u, &f);
	return 0;
}

static int
restore_claim(void *arg, const struct store_report_row *row)
{
	struct daemon *d = arg;
	const struct region *r = gaz_by_id(d->gaz, row->region);
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
	cl.approximate = row->approximate;
	cl.priority = (int)conf_source_priority(d->conf, row->source);
	cl.observed_at = row->observed_at;
	agg_apply(d->agg, r, u, &cl);
	return 0;
}

static int
restore_alert(void *arg, const struct store_alert_row *row)
{
	struct daemon *d = arg;
	const struct region *r = gaz_by_id(d->gaz, row->region);
	struct alert_state *st;
	enum utility u;

	if (r == NULL || utility_from_name(row->utility, &u) < 0)
		return 0;
	st = alert_cell(d, r, u);
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
rebuild_state(struct daemon *d)
{
	struct agg_params p = agg_params_of(d->conf);
	struct store_query q = { NULL, NULL, 0, 0 };

	agg_free(d->agg);
	d->agg = agg_new(d->gaz, &p);
	for (size_t i = 0; i < d->ncells; i++) {
		free(d->alerts[i]);
		d->alerts[i] = NULL;
	}
	if (d->conf->ttl > 0)
		q.since_ms = now_wall_ms() - d->conf->ttl * 1000;
	if (store_statuses(d->store, NULL, restore_status_row, d) != OD_OK ||
	    store_reports(d->store, &q, 1, restore_claim, d) != OD_OK ||
	    store_firing_alerts(d->store, restore_alert, d) != OD_OK)
		return OD_EDB;
	return OD_OK;
}

/* ---- ingest ----------------------------------------------------------- */

static void
publish_rejection(struct daemon *d, const char *source, const char *via,
    const struct report_reject *rj, const void *payload, size_t len,
    struct ingest_result *res)
{
	char topic[256], esc[300];
	char *json;

	d->count.rejected++;
	log_warnx("ingest: rejected report from %s (%s): %s: %s", source, via,
	    rj->reason, log_escape(esc, sizeof(esc), rj->detail,
	    strlen(rj->detail)));
	if (store_put_rejection(d->store, now_wall_ms(), via, source,
	    rj->reason, rj->detail, payload, len) != OD_OK)
		d->db_failed = 1;
	json = report_reject_json(rj, payload, len);
	if (res != NULL && res->rejects != NULL)
		json_array_append_new(res->rejects, report_reject_obj(rj,
		    payload, len));
	snprintf(topic, sizeof(topic), "%s/rejected/%s", d->conf->prefix,
	    source);
	/* queued now, sent after the commit with the acks */
	mqtt_publish(d->mqtt, topic, json, strlen(json), 1, 0, NULL);
	free(json);
}

void
daemon_ingest(struct daemon *d, const char *source, const json_t *sources,
    const void *payload, size_t len, const char *via,
    struct ingest_result *res)
{
	struct report_batch b;

	if (res != NULL) {
		memset(res, 0, sizeof(*res));
		res->rejects = json_array();
	}
	if (store_begin(d->store) != OD_OK) {
		d->db_failed = 1;
		return;
	}
	report_parse(payload, len, &d->limits, d->gaz, source, now_wall_ms(),
	    &b);
	for (size_t i = 0; i < b.nreports && !d->db_failed; i++) {
		struct report *r = &b.reports[i];
		struct claim cl;
		enum od_err rc;

		if (!conf_token_may_post(sources, r->source)) {
			struct report_reject rj;

			memset(&rj, 0, sizeof(rj));
			rj.index = r->index;
			str_copy(rj.source, r->source, sizeof(rj.source));
			str_copy(rj.reason, "source_not_allowed",
			    sizeof(rj.reason));
			snprintf(rj.detail, sizeof(rj.detail), "this token may "
			    "not post as source \"%s\"", r->source);
			publish_rejection(d, r->source, via, &rj, payload, len,
			    res);
			continue;
		}
		rc = store_put_report(d->store, r, via);
		if (rc == OD_EDUP) {
			d->count.duplicates++;
			if (res != NULL)
				res->duplicates++;
			log_debug("ingest: %s: duplicate %s", r->source, r->key);
			continue;
		}
		if (rc != OD_OK) {
			d->db_failed = 1;
			break;
		}
		d->count.stored++;
		if (res != NULL)
			res->accepted++;
		if (d->npass == d->cappass) {
			d->cappass = d->cappass ? d->cappass * 2 : 256;
			d->pass_received = xreallocarray(d->pass_received,
			    d->cappass, sizeof(*d->pass_received));
		}
		d->pass_received[d->npass++] = now_mono_ms();
		memset(&cl, 0, sizeof(cl));
		str_copy(cl.source, r->source, sizeof(cl.source));
		cl.status = r->status;
		cl.affected = r->affected;
		str_copy(cl.unit, r->unit, sizeof(cl.unit));
		cl.approximate = r->approximate;
		cl.priority = (int)conf_source_priority(d->conf, r->source);
		cl.observed_at = r->observed_at;
		agg_apply(d->agg, r->region, r->utility, &cl);
	}
	for (size_t i = 0; i < b.nrejects && !d->db_failed; i++)
		publish_rejection(d, b.rejects[i].source[0] ?
		    b.rejects[i].source : (source ? source : "_unknown"), via,
		    &b.rejects[i], payload, len, res);
	report_batch_free(&b);
}

static void
on_mqtt_message(void *arg, const char *topic, const void *payload,
    size_t len)
{
	struct daemon *d = arg;
	const char *prefix = d->conf->prefix, *source;
	size_t plen = strlen(prefix);

	d->count.messages++;
	if (d->db_failed)
		return;		/* not acked: the connection will be cut */
	if (strncmp(topic, prefix, plen) == 0 &&
	    strcmp(topic + plen, "/news") == 0) {
		char err[300];

		if (store_begin(d->store) != OD_OK) {
			d->db_failed = 1;
			return;
		}
		if (news_ingest_json(d, "mqtt", payload, len, NULL, NULL, err,
		    sizeof(err)) != OD_OK) {
			struct report_reject rj;

			memset(&rj, 0, sizeof(rj));
			rj.index = -1;
			str_copy(rj.reason, "invalid_article", sizeof(rj.reason));
			str_copy(rj.detail, err, sizeof(rj.detail));
			publish_rejection(d, "news", "mqtt", &rj, payload, len,
			    NULL);
		}
		return;
	}
	if (strncmp(topic, prefix, plen) != 0 ||
	    strncmp(topic + plen, "/reports/", 9) != 0) {
		log_warnx("ingest: message on unexpected topic ignored");
		return;
	}
	source = topic + plen + 9;
	if (!report_source_valid(source)) {
		struct report_reject rj;

		memset(&rj, 0, sizeof(rj));
		rj.index = -1;
		str_copy(rj.reason, "invalid_topic", sizeof(rj.reason));
		str_copy(rj.detail, "the topic's source level must be 1-63 "
		    "of A-Z a-z 0-9 . _ -", sizeof(rj.detail));
		if (store_begin(d->store) != OD_OK) {
			d->db_failed = 1;
			return;
		}
		publish_rejection(d, "_invalid", "mqtt", &rj, payload, len,
		    NULL);
		return;
	}
	daemon_ingest(d, source, NULL, payload, len, "mqtt", NULL);
}

/* ---- publishing ------------------------------------------------------- */

static void
publish_status(struct daemon *d, const struct region *r, int to_mqtt,
    int to_events)
{
	char topic[256];
	json_t *j = render_status(d->agg, r, now_wall_ms());
	char *s = json_dumps(j, OD_JSON_COMPACT);

	json_decref(j);
	if (s == NULL)
		fatalx("status: json_dumps failed");
	snprintf(topic, sizeof(topic), "%s/status/%s", d->conf->prefix, r->id);
	if (to_mqtt)
		mqtt_publish(d->mqtt, topic, s, strlen(s), 1, 1, NULL);
	if (to_events)
		http_broadcast(d->http, "status", s);
	free(s);
}

struct outbox_ctx {
	struct daemon	*d;
	int64_t		 only_id;	/* 0: every row not yet published */
};

static int
publish_outbox_row(void *arg, const struct store_outbox_row *row)
{
	struct outbox_ctx *ox = arg;
	struct daemon *d = ox->d;
	struct outbox_pending *p = NULL;
	int mid = 0;

	for (size_t i = 0; i < d->noutbox; i++)
		if (d->outbox[i].id == row->id)
			p = &d->outbox[i];
	if (p != NULL && p->mid != 0)
		return 0;	/* the library resends it after a reconnect */
	if (p == NULL) {
		queue_outbox(d, row->id);
		p = &d->outbox[d->noutbox - 1];
	}
	if (mqtt_publish(d->mqtt, row->topic, row->payload,
	    strlen(row->payload), row->qos, row->retain, &mid) == OD_OK)
		p->mid = mid;
	return 0;
}

/*
 * After a commit: changed statuses and new alerts go to the event stream
 * and, when connected, to the broker (on a reconnect every status and
 * unsent alert is published again).
 */
static void
publish_committed(struct daemon *d, int to_events)
{
	struct outbox_ctx ox = { d, 0 };
	int need_outbox = 0, up = mqtt_connected(d->mqtt);

	for (size_t i = 0; i < d->ndirty; i++) {
		if (up || to_events)
			publish_status(d, gaz_at(d->gaz, d->dirty_regions[i]),
			    up, to_events);
		d->region_dirty[d->dirty_regions[i]] = 0;
	}
	d->ndirty = 0;
	for (size_t i = 0; i < d->npass_alerts; i++) {
		if (to_events)
			http_broadcast(d->http, "alert", d->pass_alerts[i]);
		free(d->pass_alerts[i]);
	}
	d->npass_alerts = 0;
	if (!up)
		return;
	for (size_t i = 0; i < d->noutbox; i++)
		if (d->outbox[i].mid == 0)
			need_outbox = 1;
	if (need_outbox)
		store_outbox(d->store, publish_outbox_row, &ox);
}

static void
on_mqtt_published(void *arg, int mid)
{
	struct daemon *d = arg;

	for (size_t i = 0; i < d->noutbox; i++) {
		if (d->outbox[i].mid != mid)
			continue;
		if (d->nacked == d->capacked) {
			d->capacked = d->capacked ? d->capacked * 2 : 64;
			d->acked = xreallocarray(d->acked, d->capacked,
			    sizeof(*d->acked));
		}
		d->acked[d->nacked++] = d->outbox[i].id;
		d->outbox[i] = d->outbox[--d->noutbox];
		return;
	}
}

static int
republish_status_row(void *arg, const struct store_status_row *row)
{
	struct daemon *d = arg;
	const struct region *r = gaz_by_id(d->gaz, row->region);

	if (r != NULL)
		mark_region(d, r);
	return 0;
}

/* (Re)connected: the broker gets every status and every unsent alert. */
static void
on_mqtt_connected(void *arg)
{
	struct daemon *d = arg;

	store_statuses(d->store, NULL, republish_status_row, d);
	publish_committed(d, 0);
}

/* ---- the loop --------------------------------------------------------- */

static void
observe_latency(struct daemon *d)
{
	int64_t now = now_mono_ms();

	for (size_t i = 0; i < d->npass; i++) {
		double sec = (double)(now - d->pass_received[i]) / 1000.0;
		size_t k = 0;

		while (k < LATENCY_BUCKETS && sec > latency_bounds[k])
			k++;
		d->latency_count[k]++;
		d->latency_sum += sec;
	}
	d->npass = 0;
}

/* Steps 2-4 of a pass (see the top of this file). */
int
daemon_commit(struct daemon *d)
{
	int64_t now = now_wall_ms();

	if (!d->db_failed && store_begin(d->store) != OD_OK)
		d->db_failed = 1;
	for (size_t i = 0; i < d->nacked && !d->db_failed; i++)
		if (store_outbox_delete(d->store, d->acked[i]) != OD_OK)
			d->db_failed = 1;
	if (!d->db_failed)
		agg_recompute(d->agg, now, on_figure_change, d);
	if (!d->db_failed)
		resolve_pending_alerts(d, now);
	if (!d->db_failed && now >= d->next_prune) {
		d->next_prune = now + PRUNE_INTERVAL_MS;
		int64_t gone = 0;

		if (store_prune_history(d->store, now -
		    d->conf->history_retention * 1000) != OD_OK)
			d->db_failed = 1;
		if (!d->db_failed && d->conf->report_retention != 0 &&
		    store_prune_reports(d->store, now -
		    d->conf->report_retention * 1000, PRUNE_BATCH, &gone) !=
		    OD_OK)
			d->db_failed = 1;
		if (gone > 0)
			log_info("store: pruned %lld reports, rejections and "
			    "news items older than the report retention",
			    (long long)gone);
		if (gone >= PRUNE_BATCH)	/* a backlog: a batch a minute */
			d->next_prune = now + PRUNE_AGAIN_MS;
	}
	if (!d->db_failed && store_commit(d->store) != OD_OK)
		d->db_failed = 1;
	if (d->db_failed) {
		log_errorx("store: cannot commit (%s); dropping the broker "
		    "connection so that nothing unstored is acknowledged",
		    store_errmsg(d->store));
		store_rollback(d->store);
		mqtt_abort(d->mqtt);
		d->db_failed = 0;
		d->nacked = 0;
		d->noutbox = 0;
		d->count.stored -= d->npass;	/* they were not, after all */
		d->npass = 0;
		for (size_t i = 0; i < d->ndirty; i++)
			d->region_dirty[d->dirty_regions[i]] = 0;
		d->ndirty = 0;
		for (size_t i = 0; i < d->npass_alerts; i++)
			free(d->pass_alerts[i]);
		d->npass_alerts = 0;
		if (rebuild_state(d) != OD_OK)
			log_errorx("store: cannot reload state: %s",
			    store_errmsg(d->store));
		return -1;
	}
	d->nacked = 0;
	observe_latency(d);
	publish_committed(d, 1);
	mqtt_write(d->mqtt);
	return 0;
}

static void
log_stats(struct daemon *d, int force)
{
	struct counters *c = &d->count;

	if (!force && memcmp(c, &d->last_logged, sizeof(*c)) == 0)
		return;
	log_info("stats: %llu messages, %llu reports stored, %llu duplicates, "
	    "%llu rejected, %llu status updates, %llu alert events",
	    (unsigned long long)c->messages, (unsigned long long)c->stored,
	    (unsigned long long)c->duplicates, (unsigned long long)c->rejected,
	    (unsigned long long)c->status_updates,
	    (unsigned long long)c->alerts);
	d->last_logged = *c;
}

static void
reload(struct daemon *d)
{
	char err[1024];
	struct conf *next;
	struct agg_params p;

	if (d->conf->path == NULL) {
		log_warnx("reload: no configuration file to reload");
		return;
	}
	next = conf_load(d->conf->path, err, sizeof(err));
	if (next == NULL) {
		log_errorx("reload: %s; keeping the running configuration",
		    err);
		return;
	}
	/* the command-line overrides still apply */
	if (d->opt_broker != NULL)
		conf_set_broker(next, d->opt_broker);
	if (d->opt_db != NULL)
		conf_set_database(next, d->opt_db);
	if (d->opt_http != NULL)
		conf_set_http(next, d->opt_http);
	if (conf_check_reload(d->conf, next, err, sizeof(err)) != OD_OK) {
		log_errorx("reload: %s; keeping the running configuration",
		    err);
		conf_free(next);
		return;
	}
	conf_free(d->conf);
	d->conf = next;
	log_set_level(d->opt_debug ? LOG_LVL_DEBUG : d->conf->log_level);
	http_set_max_body(d->http, (size_t)d->conf->max_payload);
	news_reload(d->news);
	d->limits.max_payload = (size_t)d->conf->max_payload;
	d->limits.max_batch = (size_t)d->conf->max_batch;
	d->limits.max_future_ms = d->conf->max_future * 1000;
	p = agg_params_of(d->conf);
	agg_set_params(d->agg, &p);
	agg_mark_all(d->agg);
	log_info("reload: configuration %s reloaded", d->conf->path);
}

static void
run(struct daemon *d)
{
	while (!quit_requested) {
		struct pollfd pfd[2 + FETCH_MAX_FDS] = {
			{ -1, 0, 0 }, { -1, POLLIN, 0 }
		};
		int64_t timeout = mqtt_tick(d->mqtt), exp, now, ht;
		size_t nnews;
		int n;

		now = now_wall_ms();
		exp = agg_next_expiry(d->agg);
		if (exp != INT64_MAX && exp - now < timeout)
			timeout = exp > now ? exp - now : 0;
		ht = http_timeout(d->http);
		if (ht >= 0 && ht < timeout)
			timeout = ht;
		ht = news_timeout(d->news);
		if (ht >= 0 && ht < timeout)
			timeout = ht;
		if (timeout > 1000)
			timeout = 1000;
		pfd[0].fd = mqtt_fd(d->mqtt);
		if (pfd[0].fd >= 0) {
			pfd[0].events = POLLIN;
			if (mqtt_want_write(d->mqtt))
				pfd[0].events |= POLLOUT;
		}
		pfd[1].fd = http_fd(d->http);
		nnews = news_pollfds(d->news, pfd + 2, FETCH_MAX_FDS);
		n = poll(pfd, 2 + nnews, (int)timeout);
		if (n < 0 && errno != EINTR)
			fatal("poll");
		if (reload_requested) {
			reload_requested = 0;
			reload(d);
		}
		if (n > 0 && (pfd[0].revents & (POLLIN | POLLHUP | POLLERR)))
			mqtt_read(d->mqtt, READ_BATCH_MAX);
		/* feeds that arrived are staged in the same transaction */
		news_run(d->news, pfd + 2, nnews);
		daemon_commit(d);
		/* requests see this pass's state; streams get its events */
		http_run(d->http);
		if (now_mono_ms() >= d->next_stats) {
			d->next_stats = now_mono_ms() + STATS_INTERVAL_MS;
			log_stats(d, 0);
		}
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "check-config", no_argument, NULL, 'n' },
		{ "broker", required_argument, NULL, 'b' },
		{ "db", required_argument, NULL, 'D' },
		{ "http", required_argument, NULL, 'H' },
		{ "debug", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *conf_path = NULL, *broker = NULL, *db = NULL, *http = NULL;
	int check_only = 0, debug = 0, ch;
	struct daemon d;
	struct sigaction sa;
	struct mqtt_callbacks cb;
	char err[1024];

	while ((ch = getopt_long(argc, argv, "c:nb:dhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c': conf_path = optarg; break;
		case 'n': check_only = 1; break;
		case 'b': broker = optarg; break;
		case 'D': db = optarg; break;
		case 'H': http = optarg; break;
		case 'd': debug = 1; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("outaged %s\n", OUTAGED_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "outaged: unexpected argument '%s'\n",
		    argv[optind]);
		usage(stderr);
		return 2;
	}

	memset(&d, 0, sizeof(d));
	/* first: a SIGHUP while the regions load must not kill us */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	if (conf_path != NULL) {
		if ((d.conf = conf_load(conf_path, err, sizeof(err))) == NULL) {
			fprintf(stderr, "outaged: %s\n", err);
			return 1;
		}
	} else
		d.conf = conf_defaults();
	if (broker != NULL && conf_set_broker(d.conf, broker) != OD_OK) {
		fprintf(stderr, "outaged: --broker %s: expected HOST:PORT\n",
		    broker);
		return 2;
	}
	if (db != NULL)
		conf_set_database(d.conf, db);
	if (http != NULL)
		conf_set_http(d.conf, http);
	d.opt_broker = broker;
	d.opt_db = db;
	d.opt_http = http;
	d.opt_debug = debug;
	log_set_level(debug ? LOG_LVL_DEBUG : d.conf->log_level);

	if (gaz_load(&d.gaz, d.conf->iso_codes_dir, d.conf->packs_dir, err,
	    sizeof(err)) != OD_OK) {
		fprintf(stderr, "outaged: regions: %s\n", err);
		conf_free(d.conf);
		return 1;
	}
	if (check_only) {
		conf_dump(d.conf, stdout);
		fprintf(stderr, "outaged: configuration OK (%zu regions)\n",
		    gaz_count(d.gaz));
		gaz_free(d.gaz);
		conf_free(d.conf);
		return 0;
	}

	srandom((unsigned)now_mono_ms() ^ (unsigned)getpid());

	if (store_open(&d.store, d.conf->database, err, sizeof(err)) != OD_OK)
		fatalx("database: %s", err);
	d.limits.max_payload = (size_t)d.conf->max_payload;
	d.limits.max_batch = (size_t)d.conf->max_batch;
	d.limits.max_future_ms = d.conf->max_future * 1000;
	d.ncells = gaz_count(d.gaz) * UTIL_COUNT;
	d.alerts = xcalloc(d.ncells, sizeof(*d.alerts));
	d.region_dirty = xcalloc(gaz_count(d.gaz), 1);
	d.dirty_regions = xcalloc(gaz_count(d.gaz), sizeof(size_t));
	if (rebuild_state(&d) != OD_OK)
		fatalx("database: cannot load state: %s",
		    store_errmsg(d.store));

	memset(&cb, 0, sizeof(cb));
	cb.message = on_mqtt_message;
	cb.connected = on_mqtt_connected;
	cb.published = on_mqtt_published;
	if (mqtt_new(&d.mqtt, d.conf, &cb, &d, err, sizeof(err)) != OD_OK)
		fatalx("mqtt: %s", err);
	{
		struct http_limits hl = {
			.max_body = (size_t)d.conf->max_payload,
			.timeout_s = 15,
			.max_conns = 512,
			.max_conns_per_ip = 32,
		};

		if (http_start(&d.http, d.conf->http_listen, &hl, api_handle,
		    &d, err, sizeof(err)) != OD_OK)
			fatalx("%s", err);
		log_info("http: listening on %s (port %u)", d.conf->http_listen,
		    (unsigned)http_port(d.http));
	}
	/* stale claims and restored figures settle before the first publish */
	daemon_commit(&d);
	log_info("outaged %s ready: database %s, broker %s, %zu regions",
	    OUTAGED_VERSION, d.conf->database, d.conf->broker,
	    gaz_count(d.gaz));
	d.news = news_new(&d);
	d.started_at = now_wall_ms();
	mqtt_start(d.mqtt);

	run(&d);

	log_info("shutting down");
	daemon_commit(&d);
	mqtt_shutdown(d.mqtt, SHUTDOWN_FLUSH_MS);
	log_stats(&d, 1);
	http_stop(d.http);
	news_free(d.news);
	free(d.auth_slots);
	mqtt_free(d.mqtt);
	store_close(d.store);
	for (size_t i = 0; i < d.ncells; i++)
		free(d.alerts[i]);
	free(d.alerts);
	free(d.region_dirty);
	free(d.dirty_regions);
	free(d.outbox);
	free(d.acked);
	free(d.pass_received);
	free(d.pass_alerts);
	agg_free(d.agg);
	gaz_free(d.gaz);
	conf_free(d.conf);
	log_info("stopped");
	return 0;
}
