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
#define STORE_SCHEMA_VERSION	3

/* Open (creating and migrating) the database at path.  Caller closes. */
enum od_err	 store_open(struct store **, const char *path, char *err,
		    size_t errlen);
/* Open an existing database read-only (outagectl --db). */
enum od_err	 store_open_ro(struct store **, const char *path, char *err,
		    size_t errlen);
void		 store_close(struct store *);	/* NULL is fine */
const char	*store_errmsg(struct store *);

enum od_err	 store_begin(struct store *);	/* no-op when open */
enum od_err	 store_commit(struct store *);	/* no-op when none */
void		 store_rollback(struct store *);
int		 store_in_txn(const struct store *);

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
};

struct store_history_row {
	const char	*region, *utility, *status, *unit, *severity;
	int64_t		 at, affected;
	double		 percent;
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

#endif /* STORE_H */
