/* SPDX-License-Identifier: MIT */
/*
 * metrics.c - /metrics in the Prometheus text format: the pipeline's
 * counters and latency histogram, rejections by reason from the
 * database, and the state of the broker connection, event streams and
 * database.
 */
#include <stdint.h>

#include "buf.h"
#include "daemon.h"
#include "deliver.h"
#include "dispatch.h"
#include "http.h"
#include "metrics.h"
#include "mqtt.h"
#include "pipeline.h"
#include "route.h"
#include "sensors.h"
#include "store.h"
#include "util.h"

static void
metric(struct buf *b, const char *name, const char *type, const char *help,
    double value)
{
	buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n%s %.17g\n", name, help,
	    name, type, name, value);
}

static void
rejection_metric(void *arg, const char *reason, int64_t n)
{
	buf_printf(arg, "outaged_reports_rejected_total{reason=\"%s\"} %lld\n",
	    reason, (long long)n);
}

/* The HTTP listener's connections: open, and why others ended early. */
static void
http_metrics(const struct daemon *d, struct buf *b)
{
	static const char *const reasons[] = { "refused", "shed", "deadline",
	    "idle", "bad_request", "stream_dropped" };
	struct http_stats st;
	uint64_t n[NELEM(reasons)];

	http_get_stats(d->http, &st);
	n[0] = st.refused;
	n[1] = st.shed;
	n[2] = st.deadline;
	n[3] = st.idle;
	n[4] = st.bad_request;
	n[5] = st.stream_dropped;
	metric(b, "outaged_http_connections", "gauge",
	    "Open HTTP connections (event streams among them).",
	    (double)st.open);
	buf_printf(b, "# HELP outaged_http_connections_ended_total HTTP "
	    "connections refused or closed by the server's limits, by reason.\n"
	    "# TYPE outaged_http_connections_ended_total counter\n");
	for (size_t i = 0; i < NELEM(reasons); i++)
		buf_printf(b, "outaged_http_connections_ended_total"
		    "{reason=\"%s\"} %llu\n", reasons[i],
		    (unsigned long long)n[i]);
}

/* A Prometheus histogram: cumulative buckets, +Inf, sum and count. */
static void
histogram(struct buf *b, const char *name, const char *help,
    const double *bounds, size_t nbounds, const uint64_t *count, double sum)
{
	uint64_t cum = 0;

	buf_printf(b, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name);
	for (size_t k = 0; k < nbounds; k++) {
		cum += count[k];
		buf_printf(b, "%s_bucket{le=\"%g\"} %llu\n", name, bounds[k],
		    (unsigned long long)cum);
	}
	cum += count[nbounds];
	buf_printf(b, "%s_bucket{le=\"+Inf\"} %llu\n%s_sum %.6f\n"
	    "%s_count %llu\n", name, (unsigned long long)cum, name, sum, name,
	    (unsigned long long)cum);
}

static void
delivery_metrics(struct daemon *d, struct buf *b)
{
	const struct dispatch_counters *dc =
	    dispatch_counters(pipeline_dispatch(d->pipeline));
	int64_t pend = 0, sent = 0, dead = 0, canc = 0;

	metric(b, "outaged_subscriptions", "gauge",
	    "Subscriptions in force (the configuration's and stored ones).",
	    (double)router_count(dispatch_router(
	    pipeline_dispatch(d->pipeline))));
	metric(b, "outaged_notifications_total", "counter",
	    "Notifications written for subscribers (one delivery each).",
	    (double)dc->notices);
	if (store_delivery_counts(d->store, &pend, &sent, &dead, &canc) ==
	    OD_OK) {
		metric(b, "outaged_deliveries_pending", "gauge",
		    "Deliveries waiting to be sent or retried (the queue).",
		    (double)pend);
		buf_printf(b, "# HELP outaged_deliveries Deliveries by state "
		    "(all time, from the database).\n"
		    "# TYPE outaged_deliveries gauge\n"
		    "outaged_deliveries{state=\"sent\"} %lld\n"
		    "outaged_deliveries{state=\"dead\"} %lld\n"
		    "outaged_deliveries{state=\"cancelled\"} %lld\n",
		    (long long)sent, (long long)dead, (long long)canc);
	}
	if (d->deliver == NULL)
		return;
	{
		const struct deliver_counters *c = deliver_counters(d->deliver);

		metric(b, "outaged_delivery_attempts_total", "counter",
		    "Delivery attempts made.", (double)c->attempts);
		metric(b, "outaged_delivery_failures_total", "counter",
		    "Attempts that did not succeed.", (double)c->failed);
		metric(b, "outaged_delivery_retries_total", "counter",
		    "Failed attempts to be tried again.", (double)c->retried);
		metric(b, "outaged_delivery_dead_total", "counter",
		    "Deliveries given up since start (dead letters).",
		    (double)c->dead);
		metric(b, "outaged_delivery_in_flight", "gauge",
		    "Attempts in flight now.", (double)c->inflight);
		metric(b, "outaged_delivery_breakers_open", "gauge",
		    "Targets left alone after failing in a row.",
		    (double)c->breakers_open);
		histogram(b, "outaged_delivery_seconds", "From a notice to its "
		    "successful delivery.", deliver_latency_bounds,
		    NELEM(deliver_latency_bounds), c->latency_count,
		    c->latency_sum);
	}
}

/* The sensing devices (sensors.h): registered, by state, refused. */
static void
sensor_metrics(struct daemon *d, struct buf *b)
{
	const struct sensors *s = pipeline_sensors(d->pipeline);
	const struct sensors_counters *c;
	struct sensors_states st;

	if (s == NULL)
		return;
	c = sensors_counters(s);
	sensors_states(s, &st);
	metric(b, "outaged_sensors_devices", "gauge",
	    "Sensing devices registered (the configuration's and the API's).",
	    (double)sensors_count(s));
	buf_printf(b, "# HELP outaged_sensors_devices_state Sensing devices "
	    "by state (unknown: not heard since registered).\n"
	    "# TYPE outaged_sensors_devices_state gauge\n"
	    "outaged_sensors_devices_state{state=\"dark\"} %zu\n"
	    "outaged_sensors_devices_state{state=\"lit\"} %zu\n"
	    "outaged_sensors_devices_state{state=\"unknown\"} %zu\n",
	    st.dark, st.lit, st.unknown);
	metric(b, "outaged_sensors_devices_damped", "gauge",
	    "Sensing devices damped for flapping (left out of the counts).",
	    (double)st.damped);
	metric(b, "outaged_sensors_messages_total", "counter",
	    "Messages accepted from registered devices (since start).",
	    (double)c->messages);
	buf_printf(b, "# HELP outaged_sensors_refused_total Sensor messages "
	    "refused, by reason (since start).\n"
	    "# TYPE outaged_sensors_refused_total counter\n"
	    "outaged_sensors_refused_total{reason=\"unknown_device\"} %llu\n"
	    "outaged_sensors_refused_total{reason=\"invalid_topic\"} %llu\n",
	    (unsigned long long)c->unknown, (unsigned long long)c->invalid);
	metric(b, "outaged_sensors_transitions_total", "counter",
	    "Device state transitions (lit, dark) stored (since start).",
	    (double)c->transitions);
	metric(b, "outaged_sensors_personal_alerts_total", "counter",
	    "Personal alerts of devices, firing and resolved (since start).",
	    (double)c->personal_alerts);
}

void
metrics_render(struct daemon *d, struct buf *b)
{
	const struct pipeline_counters *c = pipeline_counters(d->pipeline);

	metric(b, "outaged_mqtt_messages_total", "counter",
	    "MQTT messages received on report topics.", (double)c->messages);
	metric(b, "outaged_http_report_posts_total", "counter",
	    "POST /api/v1/reports requests.", (double)c->http_posts);
	metric(b, "outaged_reports_stored_total", "counter",
	    "Reports committed to the database.", (double)c->stored);
	metric(b, "outaged_ingest_commits_total", "counter",
	    "Commits that stored reports (one fsync each): reports stored "
	    "per commit is outaged_reports_stored_total over this.",
	    (double)c->commits);
	metric(b, "outaged_reports_duplicate_total", "counter",
	    "Reports already stored (redelivery, same id).",
	    (double)c->duplicates);
	buf_printf(b, "# HELP outaged_reports_rejected_total Reports refused, "
	    "by reason (all time, from the database).\n"
	    "# TYPE outaged_reports_rejected_total counter\n");
	store_rejections_by_reason(d->store, rejection_metric, b);
	metric(b, "outaged_status_updates_total", "counter",
	    "Region figures that changed.", (double)c->status_updates);
	metric(b, "outaged_alert_events_total", "counter",
	    "Alert events (firing, updated, resolved).", (double)c->alerts);
	metric(b, "outaged_mqtt_connected", "gauge",
	    "1 while connected to the broker.",
	    d->mqtt != NULL && mqtt_connected(d->mqtt) ? 1 : 0);
	metric(b, "outaged_event_stream_clients", "gauge",
	    "Open /api/v1/events streams.",
	    d->http != NULL ? (double)http_sse_clients(d->http) : 0);
	http_metrics(d, b);
	metric(b, "outaged_database_bytes", "gauge",
	    "Size of the SQLite database.", (double)store_size(d->store));
	metric(b, "outaged_start_time_seconds", "gauge",
	    "When this process started (Unix time).",
	    (double)d->started_at / 1000.0);
	histogram(b, "outaged_ingest_commit_seconds", "From reading a report "
	    "to its commit.", latency_bounds, LATENCY_BUCKETS,
	    pipeline_latency(d->pipeline)->count,
	    pipeline_latency(d->pipeline)->sum);
	delivery_metrics(d, b);
	sensor_metrics(d, b);
}
