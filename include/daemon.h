/* SPDX-License-Identifier: MIT */
/*
 * daemon.h - the daemon's state, shared by the main loop (outaged.c) and
 * the HTTP API (api.c).  Everything runs on one thread: the API reads the
 * live state directly.
 */
#ifndef DAEMON_H
#define DAEMON_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "agg.h"
#include "alert.h"
#include "conf.h"
#include "report.h"

struct gazetteer;
struct store;
struct mqtt;
struct http;
struct news;

#define LATENCY_BUCKETS	12

struct outbox_pending {
	int64_t		 id;		/* outbox row */
	int		 mid;		/* MQTT message id, 0 before publish */
};

struct counters {
	uint64_t	 messages;		/* MQTT messages received */
	uint64_t	 http_posts;		/* POST /api/v1/reports */
	uint64_t	 stored;
	uint64_t	 duplicates;
	uint64_t	 rejected;
	uint64_t	 alerts;
	uint64_t	 status_updates;
};

struct daemon {
	struct conf	*conf;
	struct gazetteer *gaz;
	struct store	*store;
	struct agg	*agg;
	struct mqtt	*mqtt;
	struct alert_state **alerts;	/* per cell, lazily */
	size_t		 ncells;
	struct report_limits limits;
	/* regions whose status is to be published after the commit */
	unsigned char	*region_dirty;
	size_t		*dirty_regions;
	size_t		 ndirty;
	/* outbox rows: published (mid set) or waiting for the commit */
	struct outbox_pending *outbox;
	size_t		 noutbox, capoutbox;
	int64_t		*acked;		/* outbox rows to delete */
	size_t		 nacked, capacked;
	int		 db_failed;	/* this pass cannot be committed */
	int64_t		 next_prune;
	int64_t		 next_stats;
	struct counters	 count, last_logged;
	/* command-line overrides, applied again to a reloaded file */
	const char	*opt_broker, *opt_db, *opt_http;
	int		 opt_debug;
	struct http	*http;
	struct auth_slot *auth_slots;	/* api.c's failed logins, lazily */
	struct news	*news;
	int64_t		 started_at;		/* wall ms */
	/* ingest-to-commit latency of stored reports (Prometheus histogram) */
	int64_t		*pass_received;		/* mono ms of each staged report */
	size_t		 npass, cappass;
	uint64_t	 latency_count[LATENCY_BUCKETS + 1];
	double		 latency_sum;		/* seconds */
	/* alert payloads of this pass, for the event stream */
	char		**pass_alerts;
	size_t		 npass_alerts;
};


/* What one ingest call did (for the HTTP response). */
struct ingest_result {
	size_t		 accepted;
	size_t		 duplicates;
	json_t		*rejects;		/* array of rejection objects */
};

/*
 * Validate and stage a payload (one report or an array) in the open
 * transaction; rejections are recorded, counted and published on
 * <prefix>/rejected/<source>.  topic_source is NULL for HTTP; sources,
 * when not NULL, is the array of sources the sender may post as (a scoped
 * token), and a report of another is rejected as "source_not_allowed".
 * res may be NULL; when not, res->rejects is a new array the caller
 * decrefs.
 */
void		 daemon_ingest(struct daemon *, const char *topic_source,
		    const json_t *sources, const void *payload, size_t len,
		    const char *via, struct ingest_result *res);
/*
 * End a pass: recompute, commit, then publish and send the queued MQTT
 * acks.  Returns 0, or -1 when the commit failed (nothing staged since the
 * last commit is stored; MQTT senders will redeliver).
 */
int		 daemon_commit(struct daemon *);

extern const double latency_bounds[LATENCY_BUCKETS];

#endif /* DAEMON_H */
