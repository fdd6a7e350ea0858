/* SPDX-License-Identifier: MIT */
/*
 * store_int.h - what the files of the store share (store.c: reports,
 * status, alerts, news; store_notify.c: subscriptions and delivery;
 * store_check.c: safety at start, integrity check and backup).
 * Used only inside src/core/store*.c.
 */
#ifndef STORE_INT_H
#define STORE_INT_H

#include <sqlite3.h>

#include "outaged.h"

enum stmt_id {
	ST_BEGIN, ST_COMMIT, ST_ROLLBACK,
	ST_PUT_REPORT, ST_PUT_REJECTION, ST_PUT_STATUS, ST_ADD_HISTORY,
	ST_PRUNE_HISTORY, ST_PRUNE_REPORTS, ST_PRUNE_REJECTIONS, ST_PRUNE_NEWS,
	ST_INSERT_ALERT, ST_UPDATE_ALERT, ST_OUTBOX_ADD,
	ST_OUTBOX_DELETE, ST_REPORTS_DESC, ST_REPORTS_ASC, ST_COUNT_REPORTS,
	ST_STATUSES, ST_OUTBOX, ST_COUNT_REJECTIONS,
	ST_REPORTS_PAGE, ST_HISTORY, ST_ALERTS, ST_REJECTIONS_BY_REASON,
	ST_DB_SIZE, ST_NEWS_SEEN, ST_NEWS_MARK, ST_FEED_GET, ST_FEED_PUT,
	ST_ALERT_BY_ID,
	ST_COUNT
};

/* store_notify.c's statements */
enum notify_stmt_id {
	NST_SUB_ADD, NST_SUB_DELETE, NST_SUB_DISABLE, NST_SUBS,
	NST_EPISODE_PUT, NST_EPISODE_DELETE, NST_EPISODES,
	NST_DELIVERY_ADD, NST_DELIVERY_UPDATE, NST_DELIVERIES_DUE,
	NST_DELIVERIES, NST_DELIVERY_COUNTS, NST_DELIVERIES_CANCEL,
	NST_NEXT_DELIVERY, NST_SILENCE_ADD, NST_SILENCE_DELETE, NST_SILENCES,
	NST_AUDIT_ADD, NST_AUDIT,
	NST_COUNT
};

/* store_sensors.c's statements, prepared on first use */
enum sensors_stmt_id {
	SST_DEVICE_PUT, SST_DEVICE_DELETE, SST_DEVICES, SST_DEVICE_STATE,
	SST_DEVICE_EVENT, SST_DEVICE_EVENTS, SST_DEVICE_ALERTED,
	SST_COUNT
};

struct store {
	char		 lasterr[256];	/* what the last failed step said */
	sqlite3		*db;
	sqlite3_stmt	*st[ST_COUNT];
	sqlite3_stmt	*nst[NST_COUNT];
	sqlite3_stmt	*sst[SST_COUNT];
	int		 in_txn;
	int64_t		 changes_at_begin;	/* sqlite3_total_changes */
	int		 readonly;
};

/* Schema migration 4 (store.c's migrations[]). */
#define STORE_NOTIFY_SCHEMA						\
	"CREATE TABLE subscriptions ("					\
	"  id INTEGER PRIMARY KEY, body TEXT NOT NULL, owner TEXT,"	\
	"  created_at INTEGER NOT NULL, disabled_at INTEGER,"		\
	"  deleted_at INTEGER);"					\
	"CREATE TABLE sub_episodes ("					\
	"  sub_id INTEGER NOT NULL, region TEXT NOT NULL,"		\
	"  utility TEXT NOT NULL, firing INTEGER NOT NULL,"		\
	"  notified TEXT NOT NULL, started_at INTEGER NOT NULL,"	\
	"  last_sent_at INTEGER NOT NULL, acked_at INTEGER NOT NULL,"	\
	"  incident_key TEXT NOT NULL,"					\
	"  PRIMARY KEY (sub_id, region, utility)) WITHOUT ROWID;"	\
	"CREATE TABLE deliveries ("					\
	"  id INTEGER PRIMARY KEY, sub_id INTEGER NOT NULL,"		\
	"  incident_key TEXT NOT NULL, event TEXT NOT NULL,"		\
	"  region TEXT NOT NULL, utility TEXT NOT NULL,"		\
	"  severity TEXT NOT NULL, channel TEXT NOT NULL,"		\
	"  target TEXT NOT NULL, msg_id TEXT NOT NULL UNIQUE,"		\
	"  title TEXT NOT NULL, text TEXT NOT NULL,"			\
	"  payload TEXT NOT NULL, state TEXT NOT NULL,"			\
	"  attempts INTEGER NOT NULL DEFAULT 0,"			\
	"  created_at INTEGER NOT NULL, next_at INTEGER NOT NULL,"	\
	"  done_at INTEGER, last_status INTEGER, last_error TEXT,"	\
	"  spec TEXT);"		/* the channel as it was (JSON) */	\
	"CREATE INDEX deliveries_due ON deliveries(next_at)"		\
	"  WHERE state = 'pending';"					\
	"CREATE INDEX deliveries_sub ON deliveries(sub_id, id);"	\
	"CREATE TABLE silences ("					\
	"  id INTEGER PRIMARY KEY, region TEXT NOT NULL, utility TEXT,"	\
	"  starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL,"	\
	"  comment TEXT, created_by TEXT, created_at INTEGER NOT NULL,"	\
	"  deleted_at INTEGER);"					\
	"CREATE TABLE audit ("						\
	"  id INTEGER PRIMARY KEY, at INTEGER NOT NULL,"		\
	"  kind TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT,"	\
	"  actor TEXT);"

extern const char *const store_notify_sql[NST_COUNT];

/* Schema migration 5 (store.c's migrations[]): sensing devices. */
#define STORE_SENSORS_SCHEMA						\
	"CREATE TABLE IF NOT EXISTS devices ("					\
	"  id TEXT PRIMARY KEY, region TEXT NOT NULL, grp TEXT,"	\
	"  label TEXT, origin TEXT NOT NULL,"				\
	"  created_at INTEGER NOT NULL,"				\
	"  state TEXT NOT NULL DEFAULT 'unknown',"			\
	"  since INTEGER, alerted INTEGER NOT NULL DEFAULT 0)"		\
	"  WITHOUT ROWID;"						\
	"CREATE TABLE IF NOT EXISTS device_events ("					\
	"  id INTEGER PRIMARY KEY, device TEXT NOT NULL,"		\
	"  at INTEGER NOT NULL, state TEXT NOT NULL, cause TEXT);"	\
	"CREATE INDEX IF NOT EXISTS device_events_device ON device_events(device, at);"

/* Finalize store_sensors.c's statements (store_close). */
void		 store_sensors_close(struct store *);

/* Step a write statement to its end and reset it; OD_EDB with lasterr. */
enum od_err	 store_step(struct store *, sqlite3_stmt *);
/* Reset a read statement after its last row (rc: the last step's). */
enum od_err	 store_query_end(struct store *, sqlite3_stmt *, int rc);
void		 store_bind_text(sqlite3_stmt *, int, const char *);
const char	*store_col_text(sqlite3_stmt *, int);
/* Run trusted, constant SQL (schema, pragmas), statement by statement. */
int		 store_run_sql(sqlite3 *, const char *sql);

/*
 * store_check.c.  Before a read-write open of path: OD_OK with *fresh set
 * when it is missing (or an empty SQLite database), OD_OK when it is an
 * outaged database that passes quick_check; else OD_EDB with the reason in
 * err, the file not written.  store_adopt() sets the application_id of an
 * outaged database from before it.
 */
enum od_err	 store_inspect(const char *path, int *fresh, char *err,
		    size_t errlen);
enum od_err	 store_adopt(struct store *, char *err, size_t errlen);

#endif /* STORE_INT_H */
