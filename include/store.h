/* SPDX-License-Identifier: MIT */
/*
 * store.h - durable state in SQLite: reports, rejections, region status and
 * its history, alert episodes, and the outbox of messages to publish.
 *
 * WAL with synchronous=FULL: a commit survives power loss, which is what
 * lets the daemon acknowledge a report once its transaction has committed.
 * Writes are grouped: store_begin() opens a transaction if none is open,
 * store_commit() ends it (one fsync for a whole batch).  Prepared statements
 * only.  Used from the main loop only.
 */
#ifndef STORE_H
#define STORE_H

#include <stddef.h>
#include <stdint.h>

#include "agg.h"
#include "alert.h"
#include "outaged.h"
#include "report.h"

struct store;

/* The schema a database is migrated to (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION	8

/*
 * PRAGMA application_id of outaged's databases ("OUTG"): set by the first
 * migration, and once on an outaged database from before it.
 */
#define STORE_APPLICATION_ID	0x4f555447u

/*
 * Open (creating and migrating) the database at path.  Caller closes.
 * A missing file is created; an existing one is first inspected without
 * writing (store_check.c) and refused, untouched, when it is empty (0
 * bytes), not SQLite, another application's (application_id or tables),
 * when its schema vanished on open (a -wal that is not its own), or when
 * it fails PRAGMA quick_check.
 */
enum od_err	 store_open(struct store **, const char *path, char *err,
		    size_t errlen);
/* Open an existing database read-only (outagectl --db). */
enum od_err	 store_open_ro(struct store **, const char *path, char *err,
		    size_t errlen);
void		 store_close(struct store *);	/* NULL is fine */

/*
 * PRAGMA integrity_check of the file at path, read-only (outagectl
 * check-db): each problem to fn, their number in *problems.  OD_OK when
 * the check ran (problems or not); else the error in err.
 */
enum od_err	 store_check_file(const char *path,
		    void (*fn)(void *, const char *), void *arg, int *problems,
		    char *err, size_t errlen);
/*
 * A consistent copy of the database at src in the new file dst (replaced
 * when force; else OD_EDUP when it exists), with the online backup API,
 * the writer going on; written as dst.partial, checked in full
 * (integrity_check) and then renamed.  A copy that fails the check is kept
 * as dst.partial and *problems is set.
 */
enum od_err	 store_backup_file(const char *src, const char *dst,
		    int force, int *problems, char *err, size_t errlen);
const char	*store_errmsg(struct store *);

enum od_err	 store_begin(struct store *);	/* no-op when open */
enum od_err	 store_commit(struct store *);	/* no-op when none */
void		 store_rollback(struct store *);
int		 store_in_txn(const struct store *);
/* Rows inserted, updated or deleted since store_begin (0: COMMIT syncs nothing). */
int		 store_txn_changed(const struct store *);

/* OD_OK when stored, OD_EDUP when the key is already there. */
enum od_err	 store_put_report(struct store *, const struct report *,
		    const char *via);
enum od_err	 store_put_rejection(struct store *, int64_t at,
		    const char *via, const char *source, const char *reason,
		    const char *detail, const char *excerpt, size_t excerptlen);

enum od_err	 store_put_status(struct store *, const char *region,
		    const char *region_name, enum utility,
		    const struct figure *, int64_t now);
enum od_err	 store_add_history(struct store *, const char *region,
		    enum utility, int64_t at, const struct figure *);
enum od_err	 store_prune_history(struct store *, int64_t before_ms);
/*
 * Delete reports received, rejections made and news items read before
 * before_ms, at most limit rows of each (a big backlog goes a batch an
 * hour, so no commit grows large).  *deleted counts the rows.
 */
enum od_err	 store_prune_reports(struct store *, int64_t before_ms,
		    int limit, int64_t *deleted);

/* Insert the episode when st->id is 0 (setting it), else update it. */
enum od_err	 store_save_alert(struct store *, const char *region,
		    enum utility, struct alert_state *,
		    const struct figure *);

enum od_err	 store_outbox_add(struct store *, const char *topic,
		    const char *payload, int qos, int retain, int64_t now_ms,
		    int64_t *id);
enum od_err	 store_outbox_delete(struct store *, int64_t id);

/* ---- reading ---------------------------------------------------------- */

struct store_report_row {
	int64_t		 rowid;
	const char	*key, *source, *region, *utility, *status, *unit, *via;
	int64_t		 affected;		/* -1 when absent */
	double		 percent;		/* < 0 when absent */
	int		 approximate;
	int64_t		 observed_at, received_at;
};

struct store_status_row {
	const char	*region, *region_name, *utility, *status, *unit;
	const char	*severity;
	int64_t		 affected;		/* -1 when absent */
	double		 percent;		/* < 0 when none */
	int		 approximate, sources;
	int64_t		 since, updated_at, peak;
};

struct store_alert_row {
	int64_t		 id;
	const char	*incident_key;
	const char	*region, *utility, *state, *severity, *notified;
	int64_t		 started_at, updated_at, clear_since;
	int64_t		 resolved_at;		/* -1 while firing */
	int64_t		 affected;		/* -1 when absent */
	double		 percent;		/* < 0 when none */
	int64_t		 peak_affected;		/* the episode's worst; -1 */
	double		 peak_percent;		/* < 0 when none */
};

struct store_history_row {
	const char	*region, *utility, *status, *unit, *severity;
	int64_t		 at, affected;
	double		 percent;
	int		 approximate;	/* the count is an estimate */
};

struct store_outbox_row {
	int64_t		 id;
	const char	*topic, *payload;
	int		 qos, retain;
};

struct store_query {
	const char	*region;	/* NULL: any */
	const char	*source;	/* NULL: any */
	int64_t		 since_ms;	/* observed_at >= since */
	int64_t		 limit;		/* <= 0: no limit */
};

typedef int	 store_report_fn(void *, const struct store_report_row *);
typedef int	 store_status_fn(void *, const struct store_status_row *);
typedef int	 store_alert_fn(void *, const struct store_alert_row *);
typedef int	 store_outbox_fn(void *, const struct store_outbox_row *);
typedef int	 store_history_fn(void *, const struct store_history_row *);

/* Callbacks return 0 to go on, non-zero to stop. Rows are borrowed. */
enum od_err	 store_reports(struct store *, const struct store_query *,
		    int oldest_first, store_report_fn *, void *);
enum od_err	 store_count_reports(struct store *, const struct store_query *,
		    int64_t *n);
enum od_err	 store_statuses(struct store *, const char *region,
		    store_status_fn *, void *);
enum od_err	 store_firing_alerts(struct store *, store_alert_fn *, void *);
enum od_err	 store_outbox(struct store *, store_outbox_fn *, void *);
enum od_err	 store_count_rejections(struct store *, int64_t *n);

/* Reports newest stored first, with row ids below before_id (<= 0: any). */
enum od_err	 store_reports_page(struct store *, const struct store_query *,
		    int64_t before_id, store_report_fn *, void *);
/* Status changes of a region in [since, until] ms, oldest first. */
enum od_err	 store_history(struct store *, const char *region,
		    const char *utility, int64_t since, int64_t until,
		    int64_t limit, store_history_fn *, void *);
/* Alert episodes (state "firing"/"resolved" or NULL), firing first. */
enum od_err	 store_alerts(struct store *, const char *state,
		    const char *region, int64_t limit, store_alert_fn *, void *);
/* The alert episode with this id, if any (fn is called once or never). */
enum od_err	 store_alert_by_id(struct store *, int64_t id,
		    store_alert_fn *, void *);
enum od_err	 store_rejections_by_reason(struct store *,
		    void (*)(void *, const char *reason, int64_t n), void *);
/* News: has an item (feed and guid) been read?  Remember one. */
enum od_err	 store_news_seen(struct store *, const char *key, int *seen);
enum od_err	 store_news_mark(struct store *, const char *key,
		    const char *feed, const char *url, int64_t at,
		    int64_t nreports);
/* A feed's validators for a conditional GET (NULL when none); caller frees. */
enum od_err	 store_feed_get(struct store *, const char *name,
		    const char *url, char **etag, char **last_modified);
/* Record a fetch: validators (NULL keeps the old), success or error. */
enum od_err	 store_feed_put(struct store *, const char *name,
		    const char *url, const char *etag,
		    const char *last_modified, int64_t ok_at,
		    const char *error, int64_t error_at);
/* Database size in bytes, -1 on error. */
int64_t		 store_size(struct store *);

/* ---- subscriptions and delivery (store_notify.c) ------------------------ */

/* A subscription as stored: its JSON (with the secret) and bookkeeping. */
struct store_sub_row {
	int64_t		 id;
	const char	*body;
	const char	*owner;		/* may be NULL */
	int64_t		 created_at;
	int64_t		 disabled_at;	/* 0: enabled */
	int64_t		 deleted_at;	/* 0: live */
};
typedef int	 store_sub_fn(void *, const struct store_sub_row *);

enum od_err	 store_sub_add(struct store *, const char *body,
		    const char *owner, int64_t now, int64_t *id);
/* OD_ENOENT when there is no live subscription with that id. */
enum od_err	 store_sub_delete(struct store *, int64_t id, int64_t now);
enum od_err	 store_sub_disable(struct store *, int64_t id, int64_t now);
/* Every subscription, oldest first; deleted ones only when asked. */
enum od_err	 store_subs(struct store *, int with_deleted, store_sub_fn *,
		    void *);

/* A (subscription, region, utility) episode as the router persists it. */
struct store_episode_row {
	int64_t		 sub_id;
	const char	*region;
	const char	*utility;
	int		 firing;
	const char	*notified;	/* severity name */
	int64_t		 started_at, last_sent_at, acked_at;
	const char	*incident_key;
};
typedef int	 store_episode_fn(void *, const struct store_episode_row *);

enum od_err	 store_episode_put(struct store *,
		    const struct store_episode_row *);
enum od_err	 store_episode_delete(struct store *, int64_t sub_id,
		    const char *region, const char *utility);
enum od_err	 store_episodes(struct store *, store_episode_fn *, void *);

/*
 * A notification and its delivery: state "pending" until sent, then
 * "sent", "dead" (given up: horizon passed, refused, 4xx) or
 * "cancelled" (its subscription was disabled).  msg_id is the
 * webhook-id / Message-ID, the same on every attempt.
 */
struct store_delivery_row {
	int64_t		 id;
	int64_t		 sub_id;
	const char	*incident_key;
	const char	*event;		/* firing updated repeat resolved */
	const char	*region, *utility, *severity;
	const char	*channel;	/* mqtt webhook email */
	const char	*target;	/* URL, address or topic, for people */
	const char	*msg_id;
	const char	*title, *text;
	const char	*payload;	/* the structured alert (JSON) */
	const char	*state;
	int		 attempts;
	int64_t		 created_at, next_at, done_at;	/* ms; done 0: not */
	int		 last_status;	/* HTTP/SMTP status, 0 none */
	const char	*last_error;	/* may be NULL */
	/*
	 * The channel as it was when the notice was decided (JSON, secret
	 * included; NULL: the subscription's current one), so that a
	 * resolution reaches whoever got the firing even after the
	 * subscription changed or went.  Never shown by the API.
	 */
	const char	*spec;
};
typedef int	 store_delivery_fn(void *, const struct store_delivery_row *);

enum od_err	 store_delivery_add(struct store *,
		    const struct store_delivery_row *, int64_t *id);
/* After an attempt: the new state, attempts, next try, outcome. */
enum od_err	 store_delivery_update(struct store *, int64_t id,
		    const char *state, int attempts, int64_t next_at,
		    int64_t done_at, int last_status, const char *last_error);
/* Pending deliveries due by now, earliest first, at most limit. */
enum od_err	 store_deliveries_due(struct store *, int64_t now, int limit,
		    store_delivery_fn *, void *);
/*
 * Deliveries newest first: of one state (NULL any) and subscription (0
 * any), with ids below before_id (<= 0 any), at most limit.
 */
enum od_err	 store_deliveries(struct store *, const char *state,
		    int64_t sub_id, int64_t before_id, int limit,
		    store_delivery_fn *, void *);
enum od_err	 store_delivery_counts(struct store *, int64_t *pending,
		    int64_t *sent, int64_t *dead, int64_t *cancelled);
/* Pending deliveries of a subscription become "cancelled". */
enum od_err	 store_deliveries_cancel(struct store *, int64_t sub_id,
		    int64_t now);
/* The earliest pending next_at, or INT64_MAX when none. */
enum od_err	 store_next_delivery(struct store *, int64_t *at);

struct store_silence_row {
	int64_t		 id;
	const char	*region;
	const char	*utility;	/* NULL: every utility */
	int64_t		 starts_at, ends_at;
	const char	*comment, *created_by;
	int64_t		 created_at, deleted_at;
};
typedef int	 store_silence_fn(void *, const struct store_silence_row *);

enum od_err	 store_silence_add(struct store *,
		    const struct store_silence_row *, int64_t *id);
/* OD_ENOENT when none is live with that id. */
enum od_err	 store_silence_delete(struct store *, int64_t id, int64_t now);
/* Silences not deleted and ending after `after` (0: every one). */
enum od_err	 store_silences(struct store *, int64_t after,
		    store_silence_fn *, void *);

/* The audit trail: subscriptions, silences, acknowledgements, disables. */
struct store_audit_row {
	int64_t		 id, at;
	const char	*kind, *subject, *detail, *actor;
};
typedef int	 store_audit_fn(void *, const struct store_audit_row *);

enum od_err	 store_audit_add(struct store *, int64_t at, const char *kind,
		    const char *subject, const char *detail,
		    const char *actor);
/* Newest first, ids below before_id (<= 0 any), at most limit. */
enum od_err	 store_audit(struct store *, int64_t before_id, int limit,
		    store_audit_fn *, void *);

#endif /* STORE_H */
