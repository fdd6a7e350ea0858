/* SPDX-License-Identifier: MIT */
/*
 * loop.c - the poll loop and the doors around the pipeline.
 *
 * One pass: poll the broker socket, the HTTP listener, the feeds' fetches
 * and the deliveries' requests; read what the broker sent (each message
 * goes to the pipeline, or to the news path for articles: on_message); run
 * due fetches (their articles are staged in the same transaction); record
 * delivery outcomes and start due deliveries (deliver.c); commit the pass
 * (pipeline_commit, which hands statuses, alerts and acks to the sink
 * below, and writes subscribers' notifications for the next pass to
 * send); then answer HTTP requests, which see the committed state.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>

#include "daemon.h"
#include "deliver.h"
#include "loop.h"
#include "fetch.h"
#include "conf.h"
#include "homeassistant.h"
#include "http.h"
#include "log.h"
#include "mqtt.h"
#include "news.h"
#include "pipeline.h"
#include "report.h"
#include "sdnotify.h"
#include "topic.h"
#include "util.h"

#define READ_BATCH_MAX		1000	/* messages per transaction */
#define STATS_INTERVAL_MS	(60 * 1000)
#define POLL_MAX_MS		1000	/* the longest a pass waits */

static volatile sig_atomic_t quit_requested;
static volatile sig_atomic_t reload_requested;

/* ---- the sink: what a commit publishes -------------------------------- */

static int
sink_connected(void *arg)
{
	struct daemon *d = arg;

	return d->mqtt != NULL && mqtt_connected(d->mqtt);
}

static int
sink_publish(void *arg, const char *topic, const char *payload, size_t len,
    int qos, int retain, int *mid)
{
	struct daemon *d = arg;

	if (d->mqtt == NULL)
		return -1;
	return mqtt_publish(d->mqtt, topic, payload, len, qos, retain, mid) ==
	    OD_OK ? 0 : -1;
}

static void
sink_event(void *arg, const char *event, const char *data,
    const struct event_subject *subject)
{
	struct daemon *d = arg;

	if (d->http != NULL)
		http_broadcast(d->http, event, data, subject);
}

static void
sink_flush(void *arg)
{
	struct daemon *d = arg;

	if (d->mqtt != NULL)
		mqtt_write(d->mqtt);
}

static void
sink_abort(void *arg)
{
	struct daemon *d = arg;

	if (d->mqtt != NULL)
		mqtt_abort(d->mqtt);
}

void
loop_sink(struct daemon *d, struct pipeline_sink *s)
{
	memset(s, 0, sizeof(*s));
	s->arg = d;
	s->connected = sink_connected;
	s->publish = sink_publish;
	s->event = sink_event;
	s->flush = sink_flush;
	s->abort = sink_abort;
}

/* ---- what the broker delivers ----------------------------------------- */

static void
on_message(void *arg, const char *topic, const void *payload,
    size_t len)
{
	struct daemon *d = arg;
	struct ingest_req in;
	const char *source;
	char err[300];

	if (ha_message(d, topic, payload, len))
		return;		/* Home Assistant's birth: not a report */
	pipeline_count_message(d->pipeline);
	if (pipeline_failed(d->pipeline))
		return;		/* not acked: the connection will be cut */
	switch (topic_parse(d->conf->prefix, topic, &source)) {
	case TOPIC_NEWS:
		if (pipeline_txn(d->pipeline) == NULL)
			return;
		if (news_ingest_json(d->news, "mqtt", payload, len, NULL, NULL,
		    err, sizeof(err)) != OD_OK)
			pipeline_reject(d->pipeline, "news", "mqtt",
			    REJ_INVALID_ARTICLE, err, payload, len, NULL);
		return;
	case TOPIC_REPORTS:
		if (!report_source_valid(source)) {
			pipeline_reject(d->pipeline, "_invalid", "mqtt",
			    REJ_INVALID_TOPIC, "the topic's source level must "
			    "be 1-63 of A-Z a-z 0-9 . _ -", payload, len, NULL);
			return;
		}
		memset(&in, 0, sizeof(in));
		in.payload = payload;
		in.len = len;
		in.via = "mqtt";
		in.topic_source = source;
		pipeline_ingest(d->pipeline, &in, NULL);
		return;
	case TOPIC_SENSORS:
		pipeline_sensor(d->pipeline, source, payload, len);
		return;
	default:
		log_warnx("ingest: message on unexpected topic ignored");
		return;
	}
}

static void
on_connected(void *arg)
{
	struct daemon *d = arg;

	pipeline_connected(d->pipeline);
	ha_announce(d);
	/* the database and HTTP were up before the first connect (main.c) */
	sdnotify_ready("connected to broker %s", d->conf->broker);
}

static void
on_published(void *arg, int mid)
{
	struct daemon *d = arg;

	pipeline_published(d->pipeline, mid);
	deliver_published(d->deliver, mid);
}

void
loop_mqtt_callbacks(struct mqtt_callbacks *cb)
{
	memset(cb, 0, sizeof(*cb));
	cb->message = on_message;
	cb->connected = on_connected;
	cb->published = on_published;
}

/* ---- the loop --------------------------------------------------------- */

static void
on_signal(int sig)
{
	if (sig == SIGHUP)
		reload_requested = 1;
	else
		quit_requested = 1;
}

void
loop_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

/*
 * The kernel's ERESTART_RESTARTBLOCK, which a poll interrupted while a
 * debugger is attached (gdb -p) can return instead of EINTR: a wake-up,
 * not a failure, or attaching gdb would stop the daemon.
 */
#define POLL_RESTART_LEAK	516

/* How long the next poll may sleep: the nearest timer, at most a second. */
static int
pass_timeout(struct daemon *d)
{
	int64_t timeout = mqtt_tick(d->mqtt), now = now_wall_ms(), t;

	t = pipeline_next_expiry(d->pipeline);
	if (t != INT64_MAX && t - now < timeout)
		timeout = t > now ? t - now : 0;
	t = http_timeout(d->http);
	if (t >= 0 && t < timeout)
		timeout = t;
	t = news_timeout(d->news);
	if (t >= 0 && t < timeout)
		timeout = t;
	t = deliver_timeout(d->deliver);
	if (t >= 0 && t < timeout)
		timeout = t;
	t = sdnotify_watchdog();	/* WATCHDOG=1 when due */
	if (t >= 0 && t < timeout)
		timeout = t;
	if (mqtt_buffered(d->mqtt))	/* a pass read its most: more now */
		timeout = 0;
	return timeout > POLL_MAX_MS ? POLL_MAX_MS : (int)timeout;
}

void
loop_run(struct daemon *d, void (*reload)(struct daemon *))
{
	int64_t next_stats = 0;
	int was_connected = 0;

	while (!quit_requested) {
		struct pollfd pfd[2 + 2 * FETCH_MAX_FDS] = {
			{ -1, 0, 0 }, { -1, POLLIN, 0 }
		};
		int timeout = pass_timeout(d), n;
		size_t nnews, ndeliver;

		pfd[0].fd = mqtt_fd(d->mqtt);
		if (pfd[0].fd >= 0) {
			pfd[0].events = POLLIN;
			if (mqtt_want_write(d->mqtt))
				pfd[0].events |= POLLOUT;
		}
		pfd[1].fd = http_fd(d->http);
		nnews = news_pollfds(d->news, pfd + 2, FETCH_MAX_FDS);
		ndeliver = deliver_pollfds(d->deliver, pfd + 2 + nnews,
		    FETCH_MAX_FDS);
		n = poll(pfd, 2 + nnews + ndeliver, timeout);
		if (n < 0 && errno != EINTR && errno != EAGAIN &&
		    errno != POLL_RESTART_LEAK)
			fatal("poll");
		if (reload_requested) {
			reload_requested = 0;
			reload(d);
		}
		if (((n > 0 && (pfd[0].revents & (POLLIN | POLLHUP |
		    POLLERR))) || mqtt_buffered(d->mqtt)) &&
		    mqtt_read(d->mqtt, READ_BATCH_MAX) > 0)
			http_yield(d->http);	/* reports first */
		/*
		 * Before CONNACK nothing queued is an ack (only CONNECT): it
		 * leaves now, not with the next successful commit.  Waiting for
		 * one while commits fail (a full disk) left the broker without
		 * our CONNECT and poll woken by POLLOUT on every pass.
		 */
		if (n > 0 && (pfd[0].revents & POLLOUT) &&
		    !mqtt_connected(d->mqtt))
			mqtt_write(d->mqtt);
		/* feeds that arrived are staged in the same transaction */
		news_run(d->news, pfd + 2, nnews);
		/* delivery outcomes too; due deliveries start */
		deliver_run(d->deliver, pfd + 2 + nnews, ndeliver);
		pipeline_commit(d->pipeline);
		/* requests see this pass's state; streams get its events */
		http_run(d->http);
		if (was_connected && !mqtt_connected(d->mqtt))
			sdnotify_status("broker %s disconnected, reconnecting",
			    d->conf->broker);
		was_connected = mqtt_connected(d->mqtt);
		if (now_mono_ms() >= next_stats) {
			next_stats = now_mono_ms() + STATS_INTERVAL_MS;
			pipeline_log_stats(d->pipeline, 0);
		}
	}
}
