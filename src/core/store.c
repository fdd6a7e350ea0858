/* SPDX-License-Identifier: MIT */
/*
 * store.c - SQLite persistence.  Every statement is prepared once at open
 * and bound per use; nothing is ever built from input by string pasting.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "crashpoint.h"
#include "log.h"
#include "region.h"
#include "store.h"
#include "store_int.h"
#include "util.h"

#define STORE_CACHE_KIB	"128"	/* SQLite page cache: see store_open() */

/* ?1 region (NULL any; a region includes its places "R:x"), ?2 source. */
#define REPORT_FILTER \
	" WHERE (?1 IS NULL OR region = ?1 OR " \
	"substr(region, 1, length(?1) + 1) = ?1 || ':')" \
	" AND (?2 IS NULL OR source = ?2) AND observed_at >= ?3"
#define REPORT_COLS \
	"SELECT id, key, source, region, utility, status, affected, unit, " \
	"approximate, observed_at, received_at, via, percent FROM reports"

static const char *const stmt_sql[ST_COUNT] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_PUT_REPORT] =
	    "INSERT INTO reports (key, source, region, region_input, utility,"
	    " status, affected, unit, approximate, observed_at, received_at,"
	    " via, raw, percent) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
	    " ON CONFLICT(key) DO NOTHING",
	[ST_PUT_REJECTION] =
	    "INSERT INTO rejections (at, via, source, reason, detail, excerpt)"
	    " VALUES (?,?,?,?,?,?)",
	[ST_PUT_STATUS] =
	    "INSERT INTO status (region, utility, region_name, status,"
	    " affected, unit, percent, severity, approximate, sources, since,"
	    " updated_at, peak, computed_at)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
	    " ON CONFLICT(region, utility) DO UPDATE SET"
	    " region_name=excluded.region_name, status=excluded.status,"
	    " affected=excluded.affected, unit=excluded.unit,"
	    " percent=excluded.percent, severity=excluded.severity,"
	    " approximate=excluded.approximate, sources=excluded.sources,"
	    " since=excluded.since, updated_at=excluded.updated_at,"
	    " peak=excluded.peak, computed_at=excluded.computed_at",
	[ST_ADD_HISTORY] =
	    "INSERT INTO history (region, utility, at, status, affected, unit,"
	    " percent, severity, approximate) VALUES (?,?,?,?,?,?,?,?,?)",
	[ST_PRUNE_HISTORY] = "DELETE FROM history WHERE at < ?",
	/*
	 * Oldest first by the indexed time, not by id: "ORDER BY id" made
	 * SQLite walk the whole table in id order (EXPLAIN QUERY PLAN: SCAN),
	 * 86 ms on the loop's thread each hour with 1,000,000 reports and
	 * nothing to prune; by received_at it searches reports_received: 0.2.
	 */
	[ST_PRUNE_REPORTS] = "DELETE FROM reports WHERE id IN (SELECT id FROM "
	    "reports WHERE received_at < ?1 ORDER BY received_at LIMIT ?2)",
	[ST_PRUNE_REJECTIONS] = "DELETE FROM rejections WHERE id IN (SELECT id "
	    "FROM rejections WHERE at < ?1 ORDER BY at LIMIT ?2)",
	[ST_PRUNE_NEWS] = "DELETE FROM news_items WHERE key IN (SELECT key "
	    "FROM news_items WHERE seen_at < ?1 LIMIT ?2)",
	[ST_INSERT_ALERT] =
	    "INSERT INTO alerts (incident_key, region, utility, state,"
	    " severity, notified, started_at, updated_at, resolved_at,"
	    " clear_since, affected, percent, peak_affected, peak_percent)"
	    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?11,?12)",
	[ST_UPDATE_ALERT] =
	    "UPDATE alerts SET state=?1, severity=?2, notified=?3,"
	    " updated_at=?4, resolved_at=?5, clear_since=?6, affected=?7,"
	    " percent=?8,"
	    /* the episode's worst figures, kept past its resolution */
	    " peak_affected=CASE WHEN ?7 IS NOT NULL AND (peak_affected IS NULL"
	    " OR ?7 > peak_affected) THEN ?7 ELSE peak_affected END,"
	    " peak_percent=CASE WHEN ?8 IS NOT NULL AND (peak_percent IS NULL"
	    " OR ?8 > peak_percent) THEN ?8 ELSE peak_percent END WHERE id=?9",
	[ST_OUTBOX_ADD] =
	    "INSERT INTO outbox (topic, payload, qos, retain, created_at)"
	    " VALUES (?,?,?,?,?)",
	[ST_OUTBOX_DELETE] = "DELETE FROM outbox WHERE id = ?",
	[ST_REPORTS_DESC] = REPORT_COLS REPORT_FILTER
	    " ORDER BY observed_at DESC, id DESC LIMIT ?4",
	[ST_REPORTS_ASC] = REPORT_COLS REPORT_FILTER
	    " ORDER BY observed_at ASC, id ASC LIMIT ?4",
	[ST_COUNT_REPORTS] = "SELECT count(*) FROM reports" REPORT_FILTER,
	[ST_STATUSES] =
	    "SELECT region, region_name, utility, status, affected, unit,"
	    " percent, severity, approximate, sources, since, updated_at, peak"
	    " FROM status WHERE (?1 IS NULL OR region = ?1)"
	    " ORDER BY region, utility",
	[ST_OUTBOX] =
	    "SELECT id, topic, payload, qos, retain FROM outbox ORDER BY id",
	[ST_COUNT_REJECTIONS] = "SELECT count(*) FROM rejections",
	/* paging for the API: newest stored first, cursor on the row id */
	[ST_REPORTS_PAGE] = REPORT_COLS REPORT_FILTER
	    " AND (?5 <= 0 OR id < ?5) ORDER BY id DESC LIMIT ?4",
	[ST_HISTORY] =
	    "SELECT region, utility, at, status, affected, unit, percent,"
	    " severity, approximate FROM history WHERE region = ?1"
	    " AND (?2 IS NULL OR utility = ?2) AND at >= ?3 AND at <= ?4"
	    " ORDER BY at, id LIMIT ?5",
	[ST_ALERTS] =
	    "SELECT id, incident_key, region, utility, state, severity,"
	    " notified, started_at, updated_at, resolved_at, affected, percent,"
	    " clear_since, peak_affected, peak_percent FROM alerts WHERE (?1 IS NULL OR state = ?1)"
	    " AND (?2 IS NULL OR region = ?2 OR"
	    " substr(region, 1, length(?2) + 1) = ?2 || ':')"
	    " ORDER BY (state = 'firing') DESC, updated_at DESC LIMIT ?3",
	[ST_ALERT_BY_ID] =
	    "SELECT id, incident_key, region, utility, state, severity,"
	    " notified, started_at, updated_at, resolved_at, affected, percent,"
	    " clear_since FROM alerts WHERE id = ?1",
	[ST_REJECTIONS_BY_REASON] =
	    "SELECT reason, count(*) FROM rejections GROUP BY reason"
	    " ORDER BY reason",
	[ST_DB_SIZE] = "SELECT page_count * page_size FROM"
	    " pragma_page_count(), pragma_page_size()",
	[ST_NEWS_SEEN] = "SELECT 1 FROM news_items WHERE key = ?",
	[ST_NEWS_MARK] = "INSERT INTO news_items (key, feed, url, seen_at,"
	    " reports) VALUES (?,?,?,?,?) ON CONFLICT(key) DO NOTHING",
	[ST_FEED_GET] = "SELECT etag, last_modified FROM feeds"
	    " WHERE name = ? AND url = ?",
	[ST_FEED_PUT] = "INSERT INTO feeds (name, url, etag, last_modified,"
	    " last_ok, last_error, last_error_at) VALUES (?,?,?,?,?,?,?)"
	    " ON CONFLICT(name) DO UPDATE SET url=excluded.url,"
	    /* validators belong to a URL: a new URL starts without */
	    " etag=CASE WHEN feeds.url = excluded.url THEN"
	    " coalesce(excluded.etag, feeds.etag) ELSE excluded.etag END,"
	    " last_modified=CASE WHEN feeds.url = excluded.url THEN"
	    " coalesce(excluded.last_modified, feeds.last_modified)"
	    " ELSE excluded.last_modified END,"
	    " last_ok=coalesce(excluded.last_ok, feeds.last_ok),"
	    " last_error=excluded.last_error,"
	    " last_error_at=coalesce(excluded.last_error_at,"
	    " feeds.last_error_at)",
};

/* Schema migrations: migrations[v] brings user_version v to v + 1. */
static const char *const migrations[] = {
	"CREATE TABLE reports ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"		/* idempotency key */
	"  source TEXT NOT NULL,"
	"  region TEXT NOT NULL,"		/* resolved id */
	"  region_input TEXT NOT NULL,"		/* as the sender wrote it */
	"  utility TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  affected INTEGER,"
	"  unit TEXT,"
	"  approximate INTEGER NOT NULL DEFAULT 0,"
	"  observed_at INTEGER NOT NULL,"	/* ms since the epoch */
	"  received_at INTEGER NOT NULL,"
	"  via TEXT NOT NULL,"			/* mqtt, http, news */
	"  raw TEXT NOT NULL);"
	"CREATE INDEX reports_region ON reports(region, observed_at);"
	"CREATE INDEX reports_source ON reports(source, observed_at);"
	"CREATE INDEX reports_observed ON reports(observed_at);"
	"CREATE TABLE rejections ("
	"  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, via TEXT NOT NULL,"
	"  source TEXT, reason TEXT NOT NULL, detail TEXT, excerpt BLOB);"
	"CREATE TABLE status ("
	"  region TEXT NOT NULL, utility TEXT NOT NULL, region_name TEXT,"
	"  status TEXT NOT NULL, affected INTEGER, unit TEXT, percent REAL,"
	"  severity TEXT NOT NULL, approximate INTEGER, sources INTEGER,"
	"  since INTEGER, updated_at INTEGER, peak INTEGER,"
	"  computed_at INTEGER, PRIMARY KEY (region, utility)) WITHOUT ROWID;"
	"CREATE TABLE history ("
	"  id INTEGER PRIMARY KEY, region TEXT NOT NULL, utility TEXT NOT NULL,"
	"  at INTEGER NOT NULL, status TEXT NOT NULL, affected INTEGER,"
	"  unit TEXT, percent REAL, severity TEXT NOT NULL);"
	"CREATE INDEX history_region ON history(region, utility, at);"
	"CREATE TABLE alerts ("
	"  id INTEGER PRIMARY KEY, incident_key TEXT NOT NULL UNIQUE,"
	"  region TEXT NOT NULL, utility TEXT NOT NULL, state TEXT NOT NULL,"
	"  severity TEXT NOT NULL, notified TEXT NOT NULL,"
	"  started_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
	"  resolved_at INTEGER, clear_since INTEGER, affected INTEGER,"
	"  percent REAL);"
	"CREATE INDEX alerts_state ON alerts(state, region, utility);"
	"CREATE TABLE outbox ("
	"  id INTEGER PRIMARY KEY, topic TEXT NOT NULL, payload TEXT NOT NULL,"
	"  qos INTEGER NOT NULL, retain INTEGER NOT NULL,"
	"  created_at INTEGER NOT NULL);"
	/* STORE_APPLICATION_ID, 0x4f555447 ("OUTG") */
	"PRAGMA application_id = 1330992199;",
	/* 2: news.  Items seen (by feed and guid) and each feed's validators. */
	"CREATE TABLE news_items ("
	"  key TEXT PRIMARY KEY, feed TEXT NOT NULL, url TEXT,"
	"  seen_at INTEGER NOT NULL, reports INTEGER NOT NULL)"
	"  WITHOUT ROWID;"
	"CREATE TABLE feeds ("
	"  name TEXT PRIMARY KEY, url TEXT NOT NULL, etag TEXT,"
	"  last_modified TEXT, last_ok INTEGER, last_error TEXT,"
	"  last_error_at INTEGER);",
	/* 3: retention (aggregate.report_retention) finds old rows by age */
	"CREATE INDEX reports_received ON reports(received_at);"
	"CREATE INDEX rejections_at ON rejections(at);"
	"CREATE INDEX news_items_seen ON news_items(seen_at);",
	/* 4: delivery (store_notify.c) */
	STORE_NOTIFY_SCHEMA,
	/* 5: sensing devices (store_sensors.c) */
	STORE_SENSORS_SCHEMA,
	/*
	 * 6: a history row keeps the approximate mark (NULL: recorded
	 * before it was kept); an alert episode keeps its worst figures.
	 */
	"ALTER TABLE history ADD COLUMN approximate INTEGER;"
	"ALTER TABLE alerts ADD COLUMN peak_affected INTEGER;"
	"ALTER TABLE alerts ADD COLUMN peak_percent REAL;",
	/*
	 * 7: a report's percent of the region's consumers, instead of or
	 * beside its count (NULL: none, or stored before it was kept).
	 */
	"ALTER TABLE reports ADD COLUMN percent REAL;",
	/*
	 * 8: no query reads reports by (region, observed_at) or (source,
	 * observed_at): REPORT_FILTER's "?1 IS NULL OR ..." terms cannot use
	 * them, the plans walk reports_observed (EXPLAIN QUERY PLAN), and each
	 * index cost every insert a B-tree search and a page to write.
	 */
	("DROP INDEX IF EXISTS reports_region;"
	"DROP INDEX IF EXISTS reports_source;"),	/* one migration: two statements */
};
_Static_assert(NELEM(migrations) == STORE_SCHEMA_VERSION,
    "a migration was added: raise STORE_SCHEMA_VERSION in store.h");


const char *
store_errmsg(struct store *s)
{
	/* a rollback after a failure would overwrite SQLite's own message */
	return s->lasterr[0] ? s->lasterr : sqlite3_errmsg(s->db);
}

/* Run trusted, constant SQL (schema, pragmas), statement by statement. */
static int
run_sql(sqlite3 *db, const char *sql)
{
	const char *tail = sql;

	while (tail != NULL && *tail != '\0') {
		sqlite3_stmt *st = NULL;
		int rc;

		rc = sqlite3_prepare_v2(db, tail, -1, &st, &tail);
		if (rc != SQLITE_OK)
			return rc;
		if (st == NULL)
			break;		/* trailing whitespace */
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return rc;
	}
	return SQLITE_OK;
}

int
store_run_sql(sqlite3 *db, const char *sql)
{
	return run_sql(db, sql);
}

static int
user_version(sqlite3 *db, int *v)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static enum od_err
migrate(struct store *s, char *err, size_t errlen)
{
	int v, rc;
	char sql[64];

	if ((rc = user_version(s->db, &v)) != SQLITE_OK)
		goto fail;
	if (v > STORE_SCHEMA_VERSION) {
		snprintf(err, errlen, "database schema version %d is newer than "
		    "this outaged understands (%d)", v, STORE_SCHEMA_VERSION);
		return OD_EDB;
	}
	for (; v < STORE_SCHEMA_VERSION; v++) {
		if ((rc = run_sql(s->db, "BEGIN IMMEDIATE")) != SQLITE_OK)
			goto fail;
		/* the version is ours, a constant: no input reaches this SQL */
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if ((rc = run_sql(s->db, migrations[v])) != SQLITE_OK ||
		    (rc = run_sql(s->db, sql)) != SQLITE_OK) {
			snprintf(err, errlen, "migration to schema %d: %s", v + 1,
			    sqlite3_errmsg(s->db));
			run_sql(s->db, "ROLLBACK");
			return OD_EDB;
		}
		if ((rc = run_sql(s->db, "COMMIT")) != SQLITE_OK)
			goto fail;
		log_info("store: migrated database to schema %d", v + 1);
	}
	return OD_OK;
fail:
	snprintf(err, errlen, "migration: %s", sqlite3_errmsg(s->db));
	return OD_EDB;
}

static int sqlite_configured;	/* open_common: sqlite3_config done */

static enum od_err
open_common(struct store **out, const char *path, int readonly, char *err,
    size_t errlen)
{
	struct store *s;
	int flags, rc, fresh = 0;

	*out = NULL;
	/*
	 * No memory statistics: nothing reads them (sqlite3_memory_used,
	 * sqlite3_status64, soft heap limits), and keeping them took a
	 * global mutex and two counters on every allocation: a tenth of
	 * the CPU of an insert (100,000 rows of the reports table inserted
	 * in batches of 1,500: 2.43 -> 2.19 us of CPU a row).  Possible
	 * only before SQLite initialises, at the first open; a later call
	 * fails and changes nothing.
	 */
	if (!sqlite_configured) {
		sqlite_configured = 1;
		(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	}
	/* look before writing: refuse what is not ours, whole and readable */
	if (!readonly && store_inspect(path, &fresh, err, errlen) != OD_OK)
		return OD_EDB;
	if (fresh)
		log_info("store: %s: a new database", path);
	s = xcalloc(1, sizeof(*s));
	s->readonly = readonly;
	if (!readonly) {
		/* create it 0600 ourselves: reports may carry private text */
		int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

		if (fd < 0) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			free(s);
			return OD_EDB;
		}
		close(fd);
	}
	flags = readonly ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	rc = sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, s->db ?
		    sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		store_close(s);
		return OD_EDB;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_limit(s->db, SQLITE_LIMIT_LENGTH, 1 << 20);
	sqlite3_busy_timeout(s->db, 5000);
	rc = run_sql(s->db, "PRAGMA trusted_schema = OFF;"
	    "PRAGMA foreign_keys = ON;");
	if (rc == SQLITE_OK && !readonly)
		/* FULL: a committed report survives power loss (we ack it) */
		rc = run_sql(s->db, "PRAGMA journal_mode = WAL;"
		    "PRAGMA synchronous = FULL;");
	/*
	 * 128 KiB of page cache, not SQLite's 2 MiB: ingest appends, and
	 * what it reads again (the indexes' right edges, the regions'
	 * rows) fits; the rest comes back from the OS's cache.  The 2 MiB
	 * filled up within 50,000 reports and stayed, the largest part of
	 * the daemon's growth during ingest; 512 KiB still held ~0.4 MB
	 * more than 128 at the peak (bench/ab.sh: reports/s and CPU per
	 * report the same within noise for both steps).
	 */
	if (rc == SQLITE_OK)
		rc = run_sql(s->db, "PRAGMA cache_size = -" STORE_CACHE_KIB);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(s->db));
		store_close(s);
		return OD_EDB;
	}
	if (!readonly && (migrate(s, err, errlen) != OD_OK ||
	    store_adopt(s, err, errlen) != OD_OK)) {
		store_close(s);
		return OD_EDB;
	}
	if (readonly) {
		int v = 0;
		sqlite3_stmt *st;
		uint32_t app = 0;

		if (sqlite3_prepare_v2(s->db, "PRAGMA application_id", -1, &st,
		    NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW)
				app = (uint32_t)sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
		}
		if (user_version(s->db, &v) != SQLITE_OK || v == 0 ||
		    (app != 0 && app != STORE_APPLICATION_ID)) {
			snprintf(err, errlen, "%s: not an outaged database",
			    path);
			store_close(s);
			return OD_EDB;
		}
	}
	for (int i = 0; i < ST_COUNT; i++) {
		rc = sqlite3_prepare_v3(s->db, stmt_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL);
		if (rc != SQLITE_OK) {
			snprintf(err, errlen, "%s: preparing statement %d: %s",
			    path, i, sqlite3_errmsg(s->db));
			store_close(s);
			return OD_EDB;
		}
	}
	/* a read-only open of a database from before delivery (schema 4)
	 * reads what it has; the delivery statements stay unprepared */
	if (readonly) {
		int v = 0;

		if (user_version(s->db, &v) != SQLITE_OK || v < 4) {
			*out = s;
			return OD_OK;
		}
	}
	for (int i = 0; i < NST_COUNT; i++) {
		rc = sqlite3_prepare_v3(s->db, store_notify_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->nst[i], NULL);
		if (rc != SQLITE_OK) {
			snprintf(err, errlen, "%s: preparing delivery statement "
			    "%d: %s", path, i, sqlite3_errmsg(s->db));
			store_close(s);
			return OD_EDB;
		}
	}
	*out = s;
	return OD_OK;
}

enum od_err
store_open(struct store **out, const char *path, char *err, size_t errlen)
{
	return open_common(out, path, 0, err, errlen);
}

enum od_err
store_open_ro(struct store **out, const char *path, char *err, size_t errlen)
{
	return open_common(out, path, 1, err, errlen);
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	if (s->in_txn)
		store_rollback(s);
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	for (int i = 0; i < NST_COUNT; i++)
		sqlite3_finalize(s->nst[i]);
	store_sensors_close(s);
	sqlite3_close(s->db);
	free(s);
}

/*
 * Step a write statement to completion and reset it; its bindings are
 * cleared unless every parameter is bound again before each step (the
 * reports' insert: 14 of them, cleared for nothing).
 */
static enum od_err
step_reset(struct store *s, sqlite3_stmt *st, int clear)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE)
		str_copy(s->lasterr, sqlite3_errmsg(s->db), sizeof(s->lasterr));
	sqlite3_reset(st);
	if (clear)
		sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		log_errorx("store: %s", s->lasterr);
		return OD_EDB;
	}
	s->lasterr[0] = '\0';
	return OD_OK;
}

enum od_err
store_step(struct store *s, sqlite3_stmt *st)
{
	return step_reset(s, st, 1);
}

static enum od_err
step_done(struct store *s, enum stmt_id id)
{
	return step_reset(s, s->st[id], 1);
}

static enum od_err
step_bound(struct store *s, enum stmt_id id)
{
	return step_reset(s, s->st[id], 0);
}

enum od_err
store_begin(struct store *s)
{
	enum od_err rc;

	if (s->in_txn)
		return OD_OK;
	CRASH_POINT("before-begin");
	if ((rc = step_done(s, ST_BEGIN)) == OD_OK) {
		s->in_txn = 1;
		s->changes_at_begin = sqlite3_total_changes(s->db);
	}
	return rc;
}

enum od_err
store_commit(struct store *s)
{
	enum od_err rc;

	if (!s->in_txn)
		return OD_OK;
	rc = step_done(s, ST_COMMIT);
	if (rc == OD_OK)
		s->in_txn = 0;
	else
		store_rollback(s);
	return rc;
}

void
store_rollback(struct store *s)
{
	if (!s->in_txn && sqlite3_get_autocommit(s->db))
		return;
	sqlite3_step(s->st[ST_ROLLBACK]);
	sqlite3_reset(s->st[ST_ROLLBACK]);
	s->in_txn = 0;
}

int
store_in_txn(const struct store *s)
{
	return s->in_txn;
}

int
store_txn_changed(const struct store *s)
{
	return s->in_txn &&
	    sqlite3_total_changes(s->db) != s->changes_at_begin;
}

/*
 * With its length: given -1, SQLite measures the text a byte at a time
 * (the report's raw payload, ~130 bytes, cost more than the C library's
 * strlen of all nine texts of a report).
 */
void
store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	size_t n;

	if (v == NULL) {
		sqlite3_bind_null(st, i);
		return;
	}
	n = strlen(v);
	sqlite3_bind_text(st, i, v, n > INT_MAX ? -1 : (int)n, SQLITE_STATIC);
}

static void
bind_count(sqlite3_stmt *st, int i, int64_t v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

static void
bind_percent(sqlite3_stmt *st, int i, double v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

enum od_err
store_put_report(struct store *s, const struct report *r, const char *via)
{
	sqlite3_stmt *st = s->st[ST_PUT_REPORT];
	enum od_err rc;

	store_bind_text(st, 1, r->key);
	store_bind_text(st, 2, r->source);
	store_bind_text(st, 3, r->region->id);
	store_bind_text(st, 4, r->region_input);
	store_bind_text(st, 5, utility_name(r->utility));
	store_bind_text(st, 6, report_status_name(r->status));
	bind_count(st, 7, r->affected);
	store_bind_text(st, 8, r->unit[0] ? r->unit : NULL);
	sqlite3_bind_int(st, 9, r->approximate);
	sqlite3_bind_int64(st, 10, r->observed_at);
	sqlite3_bind_int64(st, 11, r->received_at);
	store_bind_text(st, 12, via);
	store_bind_text(st, 13, r->raw);
	bind_percent(st, 14, r->percent > 0 ? r->percent : -1.0);
	if ((rc = step_bound(s, ST_PUT_REPORT)) != OD_OK)
		return rc;
	return sqlite3_changes(s->db) == 0 ? OD_EDUP : OD_OK;
}

enum od_err
store_put_rejection(struct store *s, int64_t at, const char *via,
    const char *source, const char *reason, const char *detail,
    const char *excerpt, size_t excerptlen)
{
	sqlite3_stmt *st = s->st[ST_PUT_REJECTION];

	sqlite3_bind_int64(st, 1, at);
	store_bind_text(st, 2, via);
	store_bind_text(st, 3, source && source[0] ? source : NULL);
	store_bind_text(st, 4, reason);
	store_bind_text(st, 5, detail);
	/* a blob: the excerpt may be anything, invalid UTF-8 included */
	sqlite3_bind_blob(st, 6, excerpt, (int)(excerptlen > 512 ? 512 :
	    excerptlen), SQLITE_STATIC);
	return step_done(s, ST_PUT_REJECTION);
}

enum od_err
store_put_status(struct store *s, const char *region, const char *name,
    enum utility u, const struct figure *f, int64_t now)
{
	sqlite3_stmt *st = s->st[ST_PUT_STATUS];

	store_bind_text(st, 1, region);
	store_bind_text(st, 2, utility_name(u));
	store_bind_text(st, 3, name);
	store_bind_text(st, 4, fig_status_name(f->status));
	bind_count(st, 5, f->affected);
	store_bind_text(st, 6, f->unit[0] ? f->unit : NULL);
	bind_percent(st, 7, f->percent);
	store_bind_text(st, 8, severity_name(f->severity));
	sqlite3_bind_int(st, 9, f->approximate);
	sqlite3_bind_int(st, 10, f->nsources);
	sqlite3_bind_int64(st, 11, f->since);
	sqlite3_bind_int64(st, 12, f->updated_at);
	sqlite3_bind_int64(st, 13, f->peak);
	sqlite3_bind_int64(st, 14, now);
	return step_done(s, ST_PUT_STATUS);
}

enum od_err
store_add_history(struct store *s, const char *region, enum utility u,
    int64_t at, const struct figure *f)
{
	sqlite3_stmt *st = s->st[ST_ADD_HISTORY];

	store_bind_text(st, 1, region);
	store_bind_text(st, 2, utility_name(u));
	sqlite3_bind_int64(st, 3, at);
	store_bind_text(st, 4, fig_status_name(f->status));
	bind_count(st, 5, f->affected);
	store_bind_text(st, 6, f->unit[0] ? f->unit : NULL);
	bind_percent(st, 7, f->percent);
	store_bind_text(st, 8, severity_name(f->severity));
	sqlite3_bind_int(st, 9, f->approximate ? 1 : 0);
	return step_done(s, ST_ADD_HISTORY);
}

enum od_err
store_prune_history(struct store *s, int64_t before)
{
	sqlite3_bind_int64(s->st[ST_PRUNE_HISTORY], 1, before);
	return step_done(s, ST_PRUNE_HISTORY);
}

enum od_err
store_prune_reports(struct store *s, int64_t before, int limit,
    int64_t *deleted)
{
	static const int which[] = {
		ST_PRUNE_REPORTS, ST_PRUNE_REJECTIONS, ST_PRUNE_NEWS
	};
	enum od_err rc;

	*deleted = 0;
	for (size_t i = 0; i < NELEM(which); i++) {
		sqlite3_bind_int64(s->st[which[i]], 1, before);
		sqlite3_bind_int(s->st[which[i]], 2, limit);
		if ((rc = step_done(s, which[i])) != OD_OK)
			return rc;
		*deleted += sqlite3_changes(s->db);
	}
	return OD_OK;
}

enum od_err
store_save_alert(struct store *s, const char *region, enum utility u,
    struct alert_state *a, const struct figure *f)
{
	sqlite3_stmt *st;
	enum od_err rc;

	if (a->id == 0) {
		char key[OD_REGION_ID_MAX + 48];

		/* stable incident key: region, utility and episode start */
		alert_incident_key(region, u, a->started_at, key,
		    sizeof(key));
		st = s->st[ST_INSERT_ALERT];
		store_bind_text(st, 1, key);
		store_bind_text(st, 2, region);
		store_bind_text(st, 3, utility_name(u));
		store_bind_text(st, 4, a->firing ? "firing" : "resolved");
		store_bind_text(st, 5, severity_name(a->severity));
		store_bind_text(st, 6, severity_name(a->notified));
		sqlite3_bind_int64(st, 7, a->started_at);
		sqlite3_bind_int64(st, 8, a->updated_at);
		if (a->firing)
			sqlite3_bind_null(st, 9);
		else
			sqlite3_bind_int64(st, 9, a->updated_at);
		sqlite3_bind_int64(st, 10, a->clear_since);
		bind_count(st, 11, f->affected);
		bind_percent(st, 12, f->percent);
		if ((rc = step_done(s, ST_INSERT_ALERT)) != OD_OK)
			return rc;
		a->id = sqlite3_last_insert_rowid(s->db);
		return OD_OK;
	}
	st = s->st[ST_UPDATE_ALERT];
	store_bind_text(st, 1, a->firing ? "firing" : "resolved");
	store_bind_text(st, 2, severity_name(a->severity));
	store_bind_text(st, 3, severity_name(a->notified));
	sqlite3_bind_int64(st, 4, a->updated_at);
	if (a->firing)
		sqlite3_bind_null(st, 5);
	else
		sqlite3_bind_int64(st, 5, a->updated_at);
	sqlite3_bind_int64(st, 6, a->clear_since);
	bind_count(st, 7, f->affected);
	bind_percent(st, 8, f->percent);
	sqlite3_bind_int64(st, 9, a->id);
	return step_done(s, ST_UPDATE_ALERT);
}

enum od_err
store_outbox_add(struct store *s, const char *topic, const char *payload,
    int qos, int retain, int64_t now, int64_t *id)
{
	sqlite3_stmt *st = s->st[ST_OUTBOX_ADD];
	enum od_err rc;

	store_bind_text(st, 1, topic);
	store_bind_text(st, 2, payload);
	sqlite3_bind_int(st, 3, qos);
	sqlite3_bind_int(st, 4, retain);
	sqlite3_bind_int64(st, 5, now);
	if ((rc = step_done(s, ST_OUTBOX_ADD)) == OD_OK && id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

enum od_err
store_outbox_delete(struct store *s, int64_t id)
{
	sqlite3_bind_int64(s->st[ST_OUTBOX_DELETE], 1, id);
	return step_done(s, ST_OUTBOX_DELETE);
}

const char *
store_col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int64_t
col_count(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, i);
}

/* A row of REPORT_COLS. */
static void
report_row(sqlite3_stmt *st, struct store_report_row *r)
{
	r->rowid = sqlite3_column_int64(st, 0);
	r->key = store_col_text(st, 1);
	r->source = store_col_text(st, 2);
	r->region = store_col_text(st, 3);
	r->utility = store_col_text(st, 4);
	r->status = store_col_text(st, 5);
	r->affected = col_count(st, 6);
	r->unit = store_col_text(st, 7);
	r->approximate = sqlite3_column_int(st, 8);
	r->observed_at = sqlite3_column_int64(st, 9);
	r->received_at = sqlite3_column_int64(st, 10);
	r->via = store_col_text(st, 11);
	r->percent = sqlite3_column_type(st, 12) == SQLITE_NULL ? -1.0 :
	    sqlite3_column_double(st, 12);
}

/* A percent column: -1 for NULL (no denominator). */
static double
col_percent(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1.0 :
	    sqlite3_column_double(st, i);
}

static void
bind_query(sqlite3_stmt *st, const struct store_query *q, int with_limit)
{
	store_bind_text(st, 1, q->region);
	store_bind_text(st, 2, q->source);
	sqlite3_bind_int64(st, 3, q->since_ms);
	if (with_limit)
		sqlite3_bind_int64(st, 4, q->limit > 0 ? q->limit : -1);
}

/* Finish a SELECT loop: reset, and report an error that ended it. */
enum od_err
store_query_end(struct store *s, sqlite3_stmt *st, int rc)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		log_errorx("store: %s", sqlite3_errmsg(s->db));
		return OD_EDB;
	}
	return OD_OK;
}

/* Hand every row of a bound REPORT_COLS statement to fn. */
static enum od_err
each_report(struct store *s, sqlite3_stmt *st, store_report_fn *fn,
    void *arg)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_report_row r;

		report_row(st, &r);
		if (fn(arg, &r) != 0)
			break;
	}
	return store_query_end(s, st, rc);
}

enum od_err
store_reports(struct store *s, const struct store_query *q, int oldest_first,
    store_report_fn *fn, void *arg)
{
	sqlite3_stmt *st = s->st[oldest_first ? ST_REPORTS_ASC :
	    ST_REPORTS_DESC];

	bind_query(st, q, 1);
	return each_report(s, st, fn, arg);
}

enum od_err
store_count_reports(struct store *s, const struct store_query *q, int64_t *n)
{
	sqlite3_stmt *st = s->st[ST_COUNT_REPORTS];
	int rc;

	bind_query(st, q, 0);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	return store_query_end(s, st, rc);
}

enum od_err
store_count_rejections(struct store *s, int64_t *n)
{
	sqlite3_stmt *st = s->st[ST_COUNT_REJECTIONS];
	int rc = sqlite3_step(st);

	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	return store_query_end(s, st, rc);
}

enum od_err
store_statuses(struct store *s, const char *region, store_status_fn *fn,
    void *arg)
{
	sqlite3_stmt *st = s->st[ST_STATUSES];
	int rc;

	store_bind_text(st, 1, region);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_status_row r = {
			.region = store_col_text(st, 0),
			.region_name = store_col_text(st, 1),
			.utility = store_col_text(st, 2),
			.status = store_col_text(st, 3),
			.affected = col_count(st, 4),
			.unit = store_col_text(st, 5),
			.percent = col_percent(st, 6),
			.severity = store_col_text(st, 7),
			.approximate = sqlite3_column_int(st, 8),
			.sources = sqlite3_column_int(st, 9),
			.since = sqlite3_column_int64(st, 10),
			.updated_at = sqlite3_column_int64(st, 11),
			.peak = sqlite3_column_int64(st, 12),
		};

		if (fn(arg, &r) != 0)
			break;
	}
	return store_query_end(s, st, rc);
}

enum od_err
store_firing_alerts(struct store *s, store_alert_fn *fn, void *arg)
{
	return store_alerts(s, "firing", NULL, 0, fn, arg);
}

enum od_err
store_outbox(struct store *s, store_outbox_fn *fn, void *arg)
{
	sqlite3_stmt *st = s->st[ST_OUTBOX];
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_outbox_row r = {
			.id = sqlite3_column_int64(st, 0),
			.topic = store_col_text(st, 1),
			.payload = store_col_text(st, 2),
			.qos = sqlite3_column_int(st, 3),
			.retain = sqlite3_column_int(st, 4),
		};

		if (fn(arg, &r) != 0)
			break;
	}
	return store_query_end(s, st, rc);
}

enum od_err
store_reports_page(struct store *s, const struct store_query *q,
    int64_t before_id, store_report_fn *fn, void *arg)
{
	sqlite3_stmt *st = s->st[ST_REPORTS_PAGE];

	bind_query(st, q, 1);
	sqlite3_bind_int64(st, 5, before_id);
	return each_report(s, st, fn, arg);
}

enum od_err
store_history(struct store *s, const char *region, const char *utility,
    int64_t since, int64_t until, int64_t limit, store_history_fn *fn,
    void *arg)
{
	sqlite3_stmt *st = s->st[ST_HISTORY];
	int rc;

	store_bind_text(st, 1, region);
	store_bind_text(st, 2, utility);
	sqlite3_bind_int64(st, 3, since);
	sqlite3_bind_int64(st, 4, until);
	sqlite3_bind_int64(st, 5, limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_history_row r = {
			.region = store_col_text(st, 0),
			.utility = store_col_text(st, 1),
			.at = sqlite3_column_int64(st, 2),
			.status = store_col_text(st, 3),
			.affected = col_count(st, 4),
			.unit = store_col_text(st, 5),
			.percent = col_percent(st, 6),
			.severity = store_col_text(st, 7),
			.approximate = sqlite3_column_int(st, 8),
		};

		if (fn(arg, &r) != 0)
			break;
	}
	return store_query_end(s, st, rc);
}

static enum od_err each_alert(struct store *, sqlite3_stmt *,
		    store_alert_fn *, void *);

enum od_err
store_alerts(struct store *s, const char *state, const char *region,
    int64_t limit, store_alert_fn *fn, void *arg)
{
	sqlite3_stmt *st = s->st[ST_ALERTS];

	store_bind_text(st, 1, state);
	store_bind_text(st, 2, region);
	sqlite3_bind_int64(st, 3, limit > 0 ? limit : -1);
	return each_alert(s, st, fn, arg);
}

enum od_err
store_alert_by_id(struct store *s, int64_t id, store_alert_fn *fn,
    void *arg)
{
	sqlite3_bind_int64(s->st[ST_ALERT_BY_ID], 1, id);
	return each_alert(s, s->st[ST_ALERT_BY_ID], fn, arg);
}

static enum od_err
each_alert(struct store *s, sqlite3_stmt *st, store_alert_fn *fn, void *arg)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_alert_row r = {
			.id = sqlite3_column_int64(st, 0),
			.incident_key = store_col_text(st, 1),
			.region = store_col_text(st, 2),
			.utility = store_col_text(st, 3),
			.state = store_col_text(st, 4),
			.severity = store_col_text(st, 5),
			.notified = store_col_text(st, 6),
			.started_at = sqlite3_column_int64(st, 7),
			.updated_at = sqlite3_column_int64(st, 8),
			.resolved_at = col_count(st, 9),
			.affected = col_count(st, 10),
			.percent = col_percent(st, 11),
			.clear_since = sqlite3_column_int64(st, 12),
			.peak_affected = col_count(st, 13),
			.peak_percent = col_percent(st, 14),
		};

		if (fn(arg, &r) != 0)
			break;
	}
	return store_query_end(s, st, rc);
}

enum od_err
store_rejections_by_reason(struct store *s,
    void (*fn)(void *, const char *reason, int64_t n), void *arg)
{
	sqlite3_stmt *st = s->st[ST_REJECTIONS_BY_REASON];
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(arg, store_col_text(st, 0), sqlite3_column_int64(st, 1));
	return store_query_end(s, st, rc);
}

int64_t
store_size(struct store *s)
{
	sqlite3_stmt *st = s->st[ST_DB_SIZE];
	int64_t n = -1;

	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

enum od_err
store_news_seen(struct store *s, const char *key, int *seen)
{
	sqlite3_stmt *st = s->st[ST_NEWS_SEEN];
	int rc;

	store_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	*seen = rc == SQLITE_ROW;
	return store_query_end(s, st, rc);
}

enum od_err
store_news_mark(struct store *s, const char *key, const char *feed,
    const char *url, int64_t at, int64_t nreports)
{
	sqlite3_stmt *st = s->st[ST_NEWS_MARK];

	store_bind_text(st, 1, key);
	store_bind_text(st, 2, feed);
	store_bind_text(st, 3, url && url[0] ? url : NULL);
	sqlite3_bind_int64(st, 4, at);
	sqlite3_bind_int64(st, 5, nreports);
	return step_done(s, ST_NEWS_MARK);
}

enum od_err
store_feed_get(struct store *s, const char *name, const char *url,
    char **etag, char **last_modified)
{
	sqlite3_stmt *st = s->st[ST_FEED_GET];
	int rc;

	*etag = *last_modified = NULL;
	store_bind_text(st, 1, name);
	store_bind_text(st, 2, url);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_col_text(st, 0) != NULL)
			*etag = xstrdup(store_col_text(st, 0));
		if (store_col_text(st, 1) != NULL)
			*last_modified = xstrdup(store_col_text(st, 1));
	}
	return store_query_end(s, st, rc);
}

enum od_err
store_feed_put(struct store *s, const char *name, const char *url,
    const char *etag, const char *last_modified, int64_t ok_at,
    const char *error, int64_t error_at)
{
	sqlite3_stmt *st = s->st[ST_FEED_PUT];

	store_bind_text(st, 1, name);
	store_bind_text(st, 2, url);
	store_bind_text(st, 3, etag);
	store_bind_text(st, 4, last_modified);
	if (ok_at > 0)
		sqlite3_bind_int64(st, 5, ok_at);
	else
		sqlite3_bind_null(st, 5);
	store_bind_text(st, 6, error);
	if (error_at > 0)
		sqlite3_bind_int64(st, 7, error_at);
	else
		sqlite3_bind_null(st, 7);
	return step_done(s, ST_FEED_PUT);
}
