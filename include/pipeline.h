/* SPDX-License-Identifier: MIT */
/*
 * pipeline.h - the one way a report travels, from any door (MQTT, HTTP,
 * news) to stored figures, alerts and published status:
 *
 *   validate -> stage -> recompute -> alert episodes -> outbox -> commit
 *   -> publish
 *
 * A pass stages any number of payloads and rejections in one open
 * transaction, then pipeline_commit() recomputes the figures that changed,
 * evaluates their alert episodes, writes status, history, episodes and the
 * outbox in the same transaction, commits (one fsync), and only then hands
 * statuses, alerts and the queued acknowledgements to the sink.  If the
 * commit fails, nothing staged is acknowledged: the sink is told to drop
 * the broker connection, and the in-memory state is rebuilt from the
 * database (the broker redelivers).
 *
 * pipeline_txn() is the only place a transaction is opened.  The pipeline
 * calls nothing above it: what it publishes goes through the sink the
 * daemon gives it (tests give it one that records).
 */
#ifndef PIPELINE_H
#define PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "outaged.h"
#include "reason.h"

struct agg;
struct conf;
struct event_subject;
struct gazetteer;
struct pipeline;
struct region;
struct store;

/* Where committed results go: the broker and the event streams. */
struct pipeline_sink {
	void	*arg;
	/* Is the broker connection up (publishes are possible)? */
	int	(*connected)(void *arg);
	/*
	 * Queue a publish; 0 with *mid set for QoS 1 (mid may be NULL), -1
	 * when it cannot be queued now.  Queued packets leave at flush.
	 */
	int	(*publish)(void *arg, const char *topic, const char *payload,
		    size_t len, int qos, int retain, int *mid);
	/*
	 * An event for the /api/v1/events streams ("status", "alert"), about
	 * subject: its region and severity (a stream may want only some).
	 */
	void	(*event)(void *arg, const char *event, const char *data,
		    const struct event_subject *subject);
	/* The pass committed: send the queued acks and publishes now. */
	void	(*flush)(void *arg);
	/* The pass did not commit: drop the connection, acks unsent. */
	void	(*abort)(void *arg);
};

/* What an event is about, for the event streams' filters. */
struct event_subject {
	const struct region *region;
	enum severity	 severity;	/* a status: its worst utility's */
};

/* Counted since start; /metrics and the stats log line show them. */
struct pipeline_counters {
	uint64_t	 messages;		/* MQTT messages received */
	uint64_t	 http_posts;		/* POST /api/v1/reports */
	uint64_t	 stored;
	uint64_t	 commits;		/* that stored reports: one fsync
						   each (reports per commit) */
	uint64_t	 duplicates;
	uint64_t	 rejected;
	uint64_t	 alerts;
	uint64_t	 status_updates;
};

/* Ingest-to-commit latency of stored reports, as a Prometheus histogram. */
#define LATENCY_BUCKETS	12
extern const double latency_bounds[LATENCY_BUCKETS];	/* seconds */

struct pipeline_latency {
	uint64_t	 count[LATENCY_BUCKETS + 1];	/* the last: +Inf */
	double		 sum;				/* seconds */
};

/* What one payload did (for an HTTP answer). */
struct ingest_result {
	size_t		 accepted;
	size_t		 duplicates;
	/* of accepted: observed more than aggregate.ttl ago, so stored
	 * but already unknown; they change no status */
	size_t		 stale;
	json_t		*rejects;		/* array of rejection objects */
};

/* One payload to ingest. */
struct ingest_req {
	const void	*payload;
	size_t		 len;
	const char	*via;		/* "mqtt", "http", "news" */
	/* the topic's <source> (MQTT); a report naming another is refused */
	const char	*topic_source;
	/* when not NULL, the sources a scoped token may post as */
	const json_t	*allowed_sources;
};

/*
 * A pipeline over an open store, with its state rebuilt from the database.
 * conf, gaz and store are borrowed and must outlive it.  NULL on a
 * database error (err says which).
 */
struct pipeline	*pipeline_new(const struct conf *, const struct gazetteer *,
		    struct store *, const struct pipeline_sink *, char *err,
		    size_t errlen);
void		 pipeline_free(struct pipeline *);	/* NULL is fine */
/* The texts of subscribers' notifications (notify.h); borrowed. */
struct notify_texts;
void		 pipeline_set_texts(struct pipeline *,
		    const struct notify_texts *);
/* Subscriptions, silences and acknowledgements (dispatch.h). */
struct dispatch;
struct dispatch	*pipeline_dispatch(struct pipeline *);
/* A new subscription is told of the outages there are now (dispatch_offer). */
void		 pipeline_offer(struct pipeline *, int64_t sub_id);
/* A reloaded configuration (limits, aggregation, priorities). */
void		 pipeline_set_conf(struct pipeline *, const struct conf *);

/*
 * The pass's transaction, opened if need be: the store to stage writes
 * in, or NULL when the pass has already failed (do nothing then).  A
 * caller whose staged write fails calls pipeline_fail().
 */
struct store	*pipeline_txn(struct pipeline *);
void		 pipeline_fail(struct pipeline *);
int		 pipeline_failed(const struct pipeline *);

/*
 * Validate and stage a payload (one report or an array of them); every
 * refusal is recorded, counted and published on <prefix>/rejected/<source>.
 * res may be NULL; when not, res->rejects is a new array the caller
 * decrefs.
 */
void		 pipeline_ingest(struct pipeline *, const struct ingest_req *,
		    struct ingest_result *);
/* Record, count and publish one refusal of a whole payload. */
void		 pipeline_reject(struct pipeline *, const char *source,
		    const char *via, enum reject_reason, const char *detail,
		    const void *payload, size_t len, struct ingest_result *);
/*
 * A message on <prefix>/sensors/<device>, staged like a report: a
 * transition is written in the pass's transaction; an unregistered
 * device is refused (unknown_device) on <prefix>/rejected/<device>.
 */
void		 pipeline_sensor(struct pipeline *, const char *device,
		    const void *payload, size_t len);
/* The sensing devices, for the API (staged with pipeline_txn). */
struct sensors;
struct sensors	*pipeline_sensors(struct pipeline *);
/* An MQTT message arrived (counted; the daemon routes it). */
void		 pipeline_count_message(struct pipeline *);
void		 pipeline_count_http_post(struct pipeline *);

/*
 * End a pass (see the top of this file).  0, or -1 when the commit failed
 * and nothing staged since the last commit is stored.
 */
int		 pipeline_commit(struct pipeline *);
/* The next commit is the last: nothing it could defer waits (shutdown). */
void		 pipeline_closing(struct pipeline *);
/*
 * When the last commit failed (wall ms), 0 once commits work again
 * (reports stored since, and 10 s without a failure; or a minute without
 * one: an empty pass commits even on a full disk); and how many failed.
 * /healthz reports the database failing meanwhile.
 */
int64_t		 pipeline_commit_failed_at(const struct pipeline *);
unsigned	 pipeline_commit_failures(const struct pipeline *);

/* The broker acknowledged our QoS 1 publish mid (an outbox row). */
void		 pipeline_published(struct pipeline *, int mid);
/* (Re)connected: every status and every unsent alert is published again. */
void		 pipeline_connected(struct pipeline *);

/*
 * When the pipeline next has timed work (a claim going stale, a
 * subscriber's pending resolution or repeat), wall ms; INT64_MAX: none.
 * For a second after a failed commit, not sooner than its end.
 */
int64_t		 pipeline_next_expiry(const struct pipeline *);

/* The live figures, for readers (the API, metrics). */
const struct agg *pipeline_agg(const struct pipeline *);
/*
 * For readers' caches: a number that a commit changing any figure, claim
 * or alert (and a rebuild of the state) increases; and per region, the
 * generation of the last commit that changed its figures, claims or
 * alerts.  A document rendered at generation g is current while these
 * have not moved past g.
 */
uint64_t	 pipeline_generation(const struct pipeline *);
uint64_t	 pipeline_region_generation(const struct pipeline *,
		    const struct region *);
const struct pipeline_counters *pipeline_counters(const struct pipeline *);
const struct pipeline_latency *pipeline_latency(const struct pipeline *);
/* "stats: ..." at info level, unless nothing changed (force: always). */
void		 pipeline_log_stats(struct pipeline *, int force);

#endif /* PIPELINE_H */
