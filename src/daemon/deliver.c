/* SPDX-License-Identifier: MIT */
/*
 * deliver.c - the delivery engine (deliver.h): due rows out of the store,
 * attempts through the loop's libcurl multi (fetch.c) or the broker
 * connection, outcomes back into the store in the pass's transaction.
 *
 * An attempt leases its row (next_at moves past the attempt's timeout),
 * so that a row in flight is not due again, and a crash mid-attempt only
 * delays its retry by the lease.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "crashpoint.h"
#include "daemon.h"
#include "deliver.h"
#include "dispatch.h"
#include "email.h"
#include "fetch.h"
#include "log.h"
#include "mqtt.h"
#include "pipeline.h"
#include "route.h"
#include "store.h"
#include "subscription.h"
#include "util.h"
#include "webhook.h"

#define BACKOFF_MAX_MS		(3600 * 1000)	/* never longer between */
#define BREAKER_FAILS		5	/* failures in a row open it */
#define BREAKER_FIRST_MS	30000	/* then doubling, to the max */
#define BREAKER_MAX_MS		(10 * 60 * 1000)
#define LEASE_MARGIN_MS		10000	/* past an attempt's timeout */
#define MQTT_LEASE_MS		60000	/* a publish waiting for PUBACK */
#define RESCAN_BLOCKED_MS	200	/* due rows but no room: look again */
/*
 * A row whose target is busy (per_endpoint in flight) steps aside this
 * long, so that a target that hangs cannot keep the others' rows out of
 * the scan's window.
 */
#define BUSY_STEP_ASIDE_MS	1000

const double deliver_latency_bounds[11] = {
	0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60
};

/* One attempt in flight. */
struct attempt {
	int64_t		 id;		/* deliveries row */
	int64_t		 sub_id;
	int64_t		 created_at;	/* wall ms, the notice */
	int		 attempts;	/* before this one */
	int		 mid;		/* mqtt: the publish's id; 0 http */
	size_t		 endpoint;	/* index in deliver.endpoints */
	int		 live;
};

/* A target (URL, mail server, broker) and its breaker. */
struct endpoint {
	char		*target;
	int		 inflight;
	int		 fails;		/* in a row */
	int		 opens;		/* times the breaker opened in a row */
	int64_t		 open_until;	/* wall ms; 0: closed */
};

struct deliver {
	struct daemon	*d;
	struct fetcher	*fetcher;
	struct attempt	*att;
	size_t		 natt, capatt;
	struct endpoint	*ep;
	size_t		 nep, capep;
	size_t		 inflight;
	int64_t		 blocked_until;	/* wall ms: due rows left waiting */
	int		 allow_private;	/* the fetcher's address rule */
	struct deliver_counters count;
};

/* A due row, copied out of the store before anything is written. */
struct due {
	int64_t		 id, sub_id, created_at;
	int		 attempts;
	char		*channel, *target, *msg_id, *title, *text, *payload;
	char		*event, *severity;
	char		*spec;		/* the channel as it was; may be NULL */
};

static void on_done(void *arg, void *req_arg, const struct fetch_res *);

/*
 * One pool of connections under one address rule (the configuration's):
 * kept alive between deliveries to the same receiver.
 */
static void
new_fetcher(struct deliver *dl)
{
	const struct conf *c = dl->d->conf;

	fetcher_free(dl->fetcher);
	dl->fetcher = fetcher_new(on_done, dl);
	dl->allow_private = c->allow_private_targets;
	fetcher_set_uniform(dl->fetcher, dl->allow_private);
	/* per target (URL) is ours to limit: a per-host limit in curl would
	 * queue a healthy path behind a hanging one on the same host */
	fetcher_set_limits(dl->fetcher, (long)c->dl.max_inflight, 0);
}

/*
 * The pool exists from the first webhook or e-mail on: curl_global_init()
 * initialises libcurl, OpenSSL and libssh2 (about 2 MB of resident pages),
 * which a daemon without HTTP or e-mail subscribers never needs.
 */
static struct fetcher *
fetcher_of(struct deliver *dl)
{
	if (dl->fetcher == NULL)
		new_fetcher(dl);
	return dl->fetcher;
}

struct deliver *
deliver_new(struct daemon *d)
{
	struct deliver *dl = xcalloc(1, sizeof(*dl));

	dl->d = d;
	return dl;
}

void
deliver_free(struct deliver *dl)
{
	if (dl == NULL)
		return;
	fetcher_free(dl->fetcher);
	for (size_t i = 0; i < dl->nep; i++)
		free(dl->ep[i].target);
	free(dl->ep);
	free(dl->att);
	free(dl);
}

const struct deliver_counters *
deliver_counters(struct deliver *dl)
{
	int64_t now = now_wall_ms();

	dl->count.inflight = dl->inflight;
	dl->count.breakers_open = 0;
	for (size_t i = 0; i < dl->nep; i++)
		if (dl->ep[i].open_until > now)
			dl->count.breakers_open++;
	return &dl->count;
}

static size_t
endpoint_of(struct deliver *dl, const char *target)
{
	for (size_t i = 0; i < dl->nep; i++)
		if (strcmp(dl->ep[i].target, target) == 0)
			return i;
	ARRAY_GROW(dl->ep, dl->nep, dl->capep, 16);
	memset(&dl->ep[dl->nep], 0, sizeof(dl->ep[0]));
	dl->ep[dl->nep].target = xstrdup(target);
	return dl->nep++;
}

/*
 * delivery.retry_first (5 s), then doubling, at most an hour; jitter in
 * the upper half, so that retries of many rows spread out.
 */
static int64_t
backoff_ms(int64_t first_ms, int attempts)
{
	int64_t ms = first_ms;

	for (int i = 1; i < attempts && ms < BACKOFF_MAX_MS; i++)
		ms *= 2;
	if (ms > BACKOFF_MAX_MS)
		ms = BACKOFF_MAX_MS;
	return ms / 2 + (int64_t)(random() % (ms / 2 + 1));
}

/* ---- outcomes --------------------------------------------------------- */

enum outcome {
	OUT_SENT,
	OUT_RETRY,	/* transient: try again after backoff */
	OUT_DEAD,	/* final */
	OUT_GONE	/* 410: final, and the subscription is disabled */
};

static void
observe_latency(struct deliver *dl, int64_t created_at, int64_t now)
{
	double sec = (double)(now - created_at) / 1000.0;
	size_t k = 0;

	while (k < NELEM(deliver_latency_bounds) &&
	    sec > deliver_latency_bounds[k])
		k++;
	dl->count.latency_count[k]++;
	dl->count.latency_sum += sec;
}

static void
endpoint_result(struct deliver *dl, struct endpoint *e, int ok, int64_t now)
{
	if (ok) {
		e->fails = 0;
		e->opens = 0;
		e->open_until = 0;
		return;
	}
	/* a failed probe of a half-open breaker opens it again at once */
	if (++e->fails < BREAKER_FAILS && e->open_until == 0)
		return;
	{
		int64_t wait = BREAKER_FIRST_MS;

		for (int i = 0; i < e->opens && wait < BREAKER_MAX_MS; i++)
			wait *= 2;
		if (wait > BREAKER_MAX_MS)
			wait = BREAKER_MAX_MS;
		e->open_until = now + wait;
		e->opens++;
		e->fails = 0;
		log_warnx("deliver: %s failed %d times in a row; leaving it "
		    "alone for %lld s", e->target, BREAKER_FAILS,
		    (long long)(wait / 1000));
	}
	(void)dl;
}

/* Write an attempt's outcome (in the pass's transaction). */
static void
record(struct deliver *dl, struct attempt *a, enum outcome out, int status,
    long retry_after_s, const char *error)
{
	struct pipeline *p = dl->d->pipeline;
	struct store *st = pipeline_txn(p);
	int64_t now = now_wall_ms(), next = now;
	int n = a->attempts + 1;
	const char *state = "pending";

	if (a->live) {		/* an attempt was made (not a refusal) */
		dl->count.attempts++;
		if (out != OUT_SENT)
			dl->count.failed++;
	}
	if (out == OUT_RETRY) {
		next = now + backoff_ms(dl->d->conf->dl.retry_first * 1000, n);
		if (retry_after_s > 0 && now + retry_after_s * 1000 > next)
			next = now + retry_after_s * 1000;
		if (next - a->created_at > dl->d->conf->dl.retry_horizon * 1000) {
			out = OUT_DEAD;	/* past the horizon: give up */
			error = error ? error : "retry horizon passed";
		}
	}
	switch (out) {
	case OUT_SENT:
		state = "sent";
		dl->count.sent++;
		observe_latency(dl, a->created_at, now);
		break;
	case OUT_RETRY:
		dl->count.retried++;
		break;
	case OUT_DEAD:
	case OUT_GONE:
		state = "dead";
		dl->count.dead++;
		log_warnx("deliver: delivery %lld to subscription %lld given up "
		    "after %d attempts: %s", (long long)a->id,
		    (long long)a->sub_id, n, error ? error : "refused");
		break;
	}
	if (st == NULL)
		return;		/* the pass failed: the row stays due */
	if (store_delivery_update(st, a->id, state, n, next,
	    out == OUT_RETRY ? 0 : now, status, error) != OD_OK)
		pipeline_fail(p);
	if (out == OUT_GONE && dispatch_disable(pipeline_dispatch(p),
	    a->sub_id, now, "the receiver answered 410 Gone") != OD_OK)
		pipeline_fail(p);
}

static void
attempt_end(struct deliver *dl, struct attempt *a)
{
	struct endpoint *e = &dl->ep[a->endpoint];

	assert(e->inflight > 0 && dl->inflight > 0);
	e->inflight--;
	dl->inflight--;
	a->live = 0;
	dl->blocked_until = 0;	/* room again: look for due rows now */
}

/* What an HTTP or SMTP answer means for the row. */
static enum outcome
classify(const struct fetch_res *r, int smtp)
{
	if (!r->ok) {
		switch (r->fail) {
		case FETCH_FAIL_REFUSED:
		case FETCH_FAIL_TLS:
			return OUT_DEAD;	/* it will not change by itself */
		default:
			/* a mail server's 5xx refusal is final too */
			return smtp && r->status >= 500 ? OUT_DEAD : OUT_RETRY;
		}
	}
	if (smtp)
		return r->status >= 200 && r->status < 300 ? OUT_SENT :
		    r->status >= 500 ? OUT_DEAD : OUT_RETRY;
	if (r->status >= 200 && r->status < 300)
		return OUT_SENT;
	if (r->status == 410)
		return OUT_GONE;
	if (r->status == 429 || r->status == 408 || r->status >= 500)
		return OUT_RETRY;
	return OUT_DEAD;		/* 3xx (never followed), other 4xx */
}

static void
on_done(void *arg, void *req_arg, const struct fetch_res *r)
{
	struct deliver *dl = arg;
	struct attempt *a = &dl->att[(size_t)(uintptr_t)req_arg];
	struct endpoint *e = &dl->ep[a->endpoint];
	int smtp = strncmp(e->target, "smtp", 4) == 0;
	enum outcome out = classify(r, smtp);
	char why[300];

	if (r->ok)
		snprintf(why, sizeof(why), "%s %ld", smtp ? "SMTP" : "HTTP",
		    r->status);
	else
		str_copy(why, r->err, sizeof(why));
	CRASH_POINT("webhook-before-mark");
	endpoint_result(dl, e, out == OUT_SENT, now_wall_ms());
	record(dl, a, out, (int)r->status, r->retry_after,
	    out == OUT_SENT ? NULL : why);
	attempt_end(dl, a);
}

void
deliver_published(struct deliver *dl, int mid)
{
	for (size_t i = 0; i < dl->natt; i++) {
		struct attempt *a = &dl->att[i];

		if (!a->live || a->mid != mid)
			continue;
		endpoint_result(dl, &dl->ep[a->endpoint], 1, now_wall_ms());
		record(dl, a, OUT_SENT, 0, -1, NULL);
		attempt_end(dl, a);
		return;
	}
}

/* ---- starting attempts ------------------------------------------------ */

static size_t
new_attempt(struct deliver *dl, const struct due *row, size_t ep)
{
	size_t i;

	for (i = 0; i < dl->natt; i++)
		if (!dl->att[i].live)
			break;
	if (i == dl->natt) {
		ARRAY_GROW(dl->att, dl->natt, dl->capatt, 16);
		dl->natt++;
	}
	memset(&dl->att[i], 0, sizeof(dl->att[i]));
	dl->att[i].id = row->id;
	dl->att[i].sub_id = row->sub_id;
	dl->att[i].created_at = row->created_at;
	dl->att[i].attempts = row->attempts;
	dl->att[i].endpoint = ep;
	dl->att[i].live = 1;
	dl->ep[ep].inflight++;
	dl->inflight++;
	return i;
}

/* Move the row's next try past this attempt, so it is not due meanwhile. */
static int
lease(struct deliver *dl, const struct due *row, int64_t until)
{
	struct store *st = pipeline_txn(dl->d->pipeline);

	if (st == NULL || store_delivery_update(st, row->id, "pending",
	    row->attempts, until, 0, 0, NULL) != OD_OK) {
		pipeline_fail(dl->d->pipeline);
		return -1;
	}
	return 0;
}

static void
start_http(struct deliver *dl, const struct due *row,
    const struct channel *ch, size_t ep)
{
	const struct conf *c = dl->d->conf;
	struct webhook_notice wn;
	struct webhook_req wr;
	struct fetch_req fr;
	struct attempt fake;
	char err[256];
	size_t i;
	int64_t now = now_wall_ms();

	memset(&wn, 0, sizeof(wn));
	wn.alert_json = row->payload;
	wn.text = row->text;
	wn.title = row->title;
	severity_from_name(row->severity, &wn.severity);
	wn.event = ROUTE_FIRING;
	for (int e = ROUTE_FIRING; e <= ROUTE_RESOLVED; e++)
		if (strcmp(route_event_name((enum route_event)e),
		    row->event) == 0)
			wn.event = (enum route_event)e;
	wn.msg_id = row->msg_id;
	wn.now_s = now / 1000;
	if (webhook_request(ch, &wn, &wr, err, sizeof(err)) < 0) {
		memset(&fake, 0, sizeof(fake));
		fake.id = row->id;
		fake.sub_id = row->sub_id;
		fake.created_at = row->created_at;
		fake.attempts = row->attempts;
		record(dl, &fake, OUT_DEAD, 0, -1, err);
		return;
	}
	memset(&fr, 0, sizeof(fr));
	fr.url = wr.url;
	fr.method = "POST";
	fr.headers = (const char *const *)wr.headers;
	fr.nheaders = wr.nheaders;
	fr.body = wr.body;
	fr.body_len = wr.body_len;
	fr.max_bytes = (size_t)c->dl.max_response;
	fr.connect_timeout = (long)c->dl.connect_timeout;
	fr.timeout = (long)c->dl.timeout;
	fr.allow_private = c->allow_private_targets;
	if (lease(dl, row, now + c->dl.timeout * 1000 + LEASE_MARGIN_MS) < 0) {
		webhook_req_free(&wr);
		return;
	}
	i = new_attempt(dl, row, ep);
	fr.arg = (void *)(uintptr_t)i;
	if (fetcher_get(fetcher_of(dl), &fr) != OD_OK) {
		record(dl, &dl->att[i], OUT_DEAD, 0, -1,
		    "the request could not be made (bad header or URL)");
		attempt_end(dl, &dl->att[i]);
	}
	webhook_req_free(&wr);
}

static void
start_email(struct deliver *dl, const struct due *row,
    const struct channel *ch, size_t ep)
{
	const struct conf *c = dl->d->conf;
	struct fetch_req fr;
	char unsub[512], *msg;
	const char *rcpt[1] = { ch->to };
	const char *domain = strchr(c->dl.smtp_from, '@');
	size_t i;
	int64_t now = now_wall_ms();

	snprintf(unsub, sizeof(unsub), "%s/api/v1/subscriptions/%lld",
	    c->dl.public_url ? c->dl.public_url : "http://localhost",
	    (long long)row->sub_id);
	msg = email_message(c->dl.smtp_from, ch->to, row->title,
	    row->text, unsub, now, domain ? domain + 1 : "localhost");
	if (msg == NULL) {
		struct attempt fake;

		memset(&fake, 0, sizeof(fake));
		fake.id = row->id;
		fake.sub_id = row->sub_id;
		fake.created_at = row->created_at;
		fake.attempts = row->attempts;
		record(dl, &fake, OUT_DEAD, 0, -1, "the message could not be "
		    "made (a header would hold CR or LF)");
		return;
	}
	memset(&fr, 0, sizeof(fr));
	fr.url = c->dl.smtp_url;
	fr.body = msg;
	fr.body_len = strlen(msg);
	fr.mail_from = c->dl.smtp_from;
	fr.rcpt = rcpt;
	fr.nrcpt = 1;
	fr.username = c->dl.smtp_username;
	fr.password = c->dl.smtp_password;
	fr.allow_plain = c->dl.smtp_allow_plain;
	fr.max_bytes = (size_t)c->dl.max_response;
	fr.connect_timeout = (long)c->dl.connect_timeout;
	fr.timeout = (long)c->dl.timeout;
	fr.allow_private = c->allow_private_targets;
	if (lease(dl, row, now + c->dl.timeout * 1000 + LEASE_MARGIN_MS) < 0) {
		free(msg);
		return;
	}
	i = new_attempt(dl, row, ep);
	fr.arg = (void *)(uintptr_t)i;
	if (fetcher_get(fetcher_of(dl), &fr) != OD_OK) {
		record(dl, &dl->att[i], OUT_DEAD, 0, -1,
		    "the mail could not be sent (bad address or message)");
		attempt_end(dl, &dl->att[i]);
	}
	free(msg);
}

static void
start_mqtt(struct deliver *dl, const struct due *row,
    const struct channel *ch, size_t ep)
{
	struct daemon *d = dl->d;
	char topic[512];
	int mid = 0;
	size_t i;

	if (d->mqtt == NULL || !mqtt_connected(d->mqtt))
		return;		/* stays due: sent after the reconnect */
	snprintf(topic, sizeof(topic), "%s/%s", d->conf->dl.mqtt_prefix,
	    ch->topic);
	if (lease(dl, row, now_wall_ms() + MQTT_LEASE_MS) < 0)
		return;
	if (mqtt_publish(d->mqtt, topic, row->payload, strlen(row->payload), 1,
	    0, &mid) != OD_OK)
		return;		/* the lease runs out; tried again then */
	i = new_attempt(dl, row, ep);
	dl->att[i].mid = mid;
}

static void
start(struct deliver *dl, const struct due *row)
{
	const struct router *rt = dispatch_router(
	    pipeline_dispatch(dl->d->pipeline));
	const struct subscription *s = router_get(rt, row->sub_id);
	struct channel own;
	const struct channel *ch = NULL;
	const char *target, *why = NULL;
	struct endpoint *e;
	size_t ep;
	int64_t now = now_wall_ms();
	char err[256];

	memset(&own, 0, sizeof(own));
	if (s != NULL && s->disabled)
		why = "the subscription is disabled";
	else if (row->spec != NULL) {
		/* the channel the notice was decided for, even if the
		 * subscription changed or went since */
		json_t *j = json_loads(row->spec, 0, NULL);

		if (j != NULL && channel_from_json(j, &own, err,
		    sizeof(err)) == 0)
			ch = &own;
		else
			why = "the stored channel cannot be read";
		json_decref(j);
	} else if (s != NULL)
		ch = &s->channel;
	else
		why = "the subscription is gone";
	if (ch == NULL) {
		struct attempt fake;

		memset(&fake, 0, sizeof(fake));
		fake.id = row->id;
		fake.sub_id = row->sub_id;
		fake.created_at = row->created_at;
		fake.attempts = row->attempts - 1;	/* not an attempt */
		record(dl, &fake, OUT_DEAD, 0, -1, why);
		return;
	}
	target = ch->type == CHANNEL_EMAIL ? dl->d->conf->dl.smtp_url :
	    ch->type == CHANNEL_MQTT ? "mqtt" : ch->url;
	ep = endpoint_of(dl, target);
	e = &dl->ep[ep];
	if (e->open_until > now) {
		/* the breaker is open: the row waits until it half-opens */
		(void)lease(dl, row, e->open_until);
	} else if (e->inflight >= (e->open_until != 0 ? 1 :
	    (int)dl->d->conf->dl.per_endpoint)) {
		(void)lease(dl, row, now + BUSY_STEP_ASIDE_MS);
	} else if (dl->inflight >= (size_t)dl->d->conf->dl.max_inflight) {
		dl->blocked_until = now + RESCAN_BLOCKED_MS;
	} else {
		switch (ch->type) {
		case CHANNEL_WEBHOOK:
			start_http(dl, row, ch, ep);
			break;
		case CHANNEL_EMAIL:
			start_email(dl, row, ch, ep);
			break;
		case CHANNEL_MQTT:
			start_mqtt(dl, row, ch, ep);
			break;
		}
	}
	channel_free(&own);
}

/* ---- the scan --------------------------------------------------------- */

struct due_list {
	struct due	*v;
	size_t		 n, cap;
};

static int
collect_due(void *arg, const struct store_delivery_row *r)
{
	struct due_list *l = arg;
	struct due *x;

	ARRAY_GROW(l->v, l->n, l->cap, 32);
	x = &l->v[l->n++];
	x->id = r->id;
	x->sub_id = r->sub_id;
	x->created_at = r->created_at;
	x->attempts = r->attempts;
	x->channel = xstrdup(r->channel);
	x->target = xstrdup(r->target);
	x->msg_id = xstrdup(r->msg_id);
	x->title = xstrdup(r->title);
	x->text = xstrdup(r->text);
	x->payload = xstrdup(r->payload);
	x->event = xstrdup(r->event);
	x->severity = xstrdup(r->severity);
	x->spec = r->spec != NULL ? xstrdup(r->spec) : NULL;
	return 0;
}

static void
due_free(struct due_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].channel);
		free(l->v[i].target);
		free(l->v[i].msg_id);
		free(l->v[i].title);
		free(l->v[i].text);
		free(l->v[i].payload);
		free(l->v[i].event);
		free(l->v[i].severity);
		free(l->v[i].spec);
	}
	free(l->v);
}

static void
scan(struct deliver *dl, int64_t now)
{
	struct due_list l = { NULL, 0, 0 };
	struct store *st = pipeline_txn(dl->d->pipeline);
	size_t room = (size_t)dl->d->conf->dl.max_inflight - dl->inflight;

	if (st == NULL || room == 0)
		return;
	dl->blocked_until = 0;
	/* more than there is room for: some may wait on a busy endpoint */
	if (store_deliveries_due(st, now, (int)(room * 4), collect_due, &l) !=
	    OD_OK) {
		pipeline_fail(dl->d->pipeline);
		due_free(&l);
		return;
	}
	for (size_t i = 0; i < l.n && !pipeline_failed(dl->d->pipeline); i++)
		start(dl, &l.v[i]);
	due_free(&l);
}

size_t
deliver_pollfds(struct deliver *dl, struct pollfd *pfd, size_t max)
{
	return dl ? fetcher_pollfds(dl->fetcher, pfd, max) : 0;
}

int64_t
deliver_timeout(struct deliver *dl)
{
	struct store *st;
	int64_t t, due, now = now_wall_ms();

	if (dl == NULL)
		return -1;
	t = fetcher_timeout(dl->fetcher);
	st = dl->d->store;
	if (store_next_delivery(st, &due) != OD_OK || due == INT64_MAX)
		return t;
	if (dl->blocked_until > due)
		due = dl->blocked_until;
	due = due > now ? due - now : 0;
	return t < 0 || due < t ? due : t;
}

void
deliver_run(struct deliver *dl, const struct pollfd *pfd, size_t npfd)
{
	int64_t now, due;

	if (dl == NULL)
		return;
	fetcher_run(dl->fetcher, pfd, npfd);
	/* a reload changed the address rule: a new pool, once it is idle
	   (none yet: fetcher_of() makes it under the rule of its time) */
	if (dl->fetcher != NULL &&
	    dl->allow_private != dl->d->conf->allow_private_targets) {
		if (dl->inflight > 0)
			return;
		new_fetcher(dl);
	}
	now = now_wall_ms();
	if (dl->blocked_until > now || pipeline_failed(dl->d->pipeline))
		return;
	if (store_next_delivery(dl->d->store, &due) != OD_OK || due > now)
		return;
	scan(dl, now);
}
