/* SPDX-License-Identifier: MIT */
/*
 * store_check.c - the store's safety at start and its copies: before a
 * read-write open, whether the file is outaged's, whole, and shows the
 * schema it says it holds (store_inspect; nothing is written while
 * looking); the application_id of a database from before it (store_adopt);
 * the full integrity check (outagectl check-db) and the online backup
 * (outagectl backup).  Split from store.c, which opens and migrates.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>
#include <sqlite3.h>

#include "log.h"
#include "store.h"
#include "store_int.h"
#include "util.h"

#define run_sql	store_run_sql

/* The tables an outaged database may hold (every migration's). */
static const char *const our_tables[] = {
	"reports", "rejections", "status", "history", "alerts", "outbox",
	"news_items", "feeds", "subscriptions", "sub_episodes", "deliveries",
	"silences", "audit", "devices", "device_events",
};

static uint32_t
be32_at(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* A file: URI for path, read-only; immutable when no -wal is beside it
 * (then SQLite creates no -wal or -shm at all). */
static void
ro_uri(const char *path, int immutable, char *out, size_t outlen)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;

	o += (size_t)snprintf(out, outlen, "file:");
	for (const char *p = path; *p != '\0' && o + 4 < outlen; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("/-._~", c) != NULL)
			out[o++] = (char)c;
		else {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	out[o] = '\0';
	str_copy(out + o, immutable ? "?mode=ro&immutable=1" : "?mode=ro",
	    outlen - o);
}

static int
pragma_int(sqlite3 *db, const char *sql, int64_t *v)
{
	sqlite3_stmt *st;
	int rc;

	*v = 0;
	if ((rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL)) != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Tables of the schema that are not ours (and not SQLite's); -1 on error. */
static int
count_tables(sqlite3 *db, int *ntables, char *foreign, size_t flen)
{
	sqlite3_stmt *st;
	int rc, nforeign = 0;

	*ntables = 0;
	rc = sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE "
	    "type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", -1,
	    &st, NULL);
	if (rc != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		int ours = 0;

		(*ntables)++;
		for (size_t i = 0; name != NULL && i < NELEM(our_tables); i++)
			ours |= strcmp(name, our_tables[i]) == 0;
		if (!ours && nforeign++ == 0)
			snprintf(foreign, flen, "%s", name ? name : "?");
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? nforeign : -1;
}

/*
 * Run integrity_check (full) or quick_check on an open database: each
 * problem line to fn (when not NULL); the number of problems, -1 when the
 * check itself failed (the database cannot be read).
 */
static int
run_check(sqlite3 *db, int full, void (*fn)(void *, const char *),
    void *arg, char *first, size_t firstlen)
{
	sqlite3_stmt *st;
	int rc, n = 0;

	rc = sqlite3_prepare_v2(db, full ? "PRAGMA integrity_check(1000)" :
	    "PRAGMA quick_check(100)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		char line[512];

		if (text == NULL || strcmp(text, "ok") == 0)
			continue;
		/* a row may hold several problems, a line each */
		while (*text != '\0') {
			size_t len = strcspn(text, "\n");

			snprintf(line, sizeof(line), "%.*s", (int)len, text);
			text += len + (text[len] == '\n');
			if (line[0] == '\0' || strncmp(line, "***", 3) == 0)
				continue;
			if (n++ == 0 && first != NULL)
				snprintf(first, firstlen, "%s", line);
			if (fn != NULL)
				fn(arg, line);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && n == 0) {
		/* a database too damaged to walk is one problem */
		if (first != NULL)
			snprintf(first, firstlen, "%s", sqlite3_errmsg(db));
		if (fn != NULL)
			fn(arg, sqlite3_errmsg(db));
		return 1;
	}
	return n;
}

/* Open path read-only for an inspection that writes nothing. */
static int
open_inspect(const char *path, sqlite3 **db)
{
	char uri[PATH_MAX * 3 + 64], wal[PATH_MAX + 8];
	int immutable;

	snprintf(wal, sizeof(wal), "%s-wal", path);
	immutable = access(wal, F_OK) != 0;
	ro_uri(path, immutable, uri, sizeof(uri));
	if (sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		return -1;
	sqlite3_extended_result_codes(*db, 1);
	sqlite3_db_config(*db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_busy_timeout(*db, 5000);
	return run_sql(*db, "PRAGMA trusted_schema = OFF") == SQLITE_OK ? 0 :
	    -1;
}

#define REFUSE	"refusing to use it; the file is left untouched"

/*
 * Before a read-write open: a missing file is new (*fresh = 1); an
 * existing one must be an outaged database, whole, with its schema where
 * the file says.  Nothing is written: the file is read directly, then
 * through a read-only connection.  OD_EDB with the reason in err.
 */
enum od_err
store_inspect(const char *path, int *fresh, char *err, size_t errlen)
{
	unsigned char hdr[100];
	struct stat sb;
	sqlite3 *db = NULL;
	int64_t app, uv, pages;
	uint32_t raw_app, raw_uv;
	int fd, ntables, nforeign, bad;
	char what[256] = "";
	ssize_t n;

	*fresh = 0;
	if (stat(path, &sb) == -1) {
		if (errno == ENOENT) {
			*fresh = 1;
			return OD_OK;
		}
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return OD_EDB;
	}
	if (!S_ISREG(sb.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file; " REFUSE, path);
		return OD_EDB;
	}
	if (sb.st_size == 0) {
		snprintf(err, errlen, "%s: the file is empty (0 bytes), not a "
		    "database; " REFUSE " (remove it to start a new database, "
		    "or restore a backup)", path);
		return OD_EDB;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return OD_EDB;
	}
	n = read(fd, hdr, sizeof(hdr));
	close(fd);
	if (n != (ssize_t)sizeof(hdr) ||
	    memcmp(hdr, "SQLite format 3", 16) != 0) {
		snprintf(err, errlen, "%s: not an SQLite database (no SQLite "
		    "header); " REFUSE, path);
		return OD_EDB;
	}
	raw_uv = be32_at(hdr + 60);
	raw_app = be32_at(hdr + 68);
	if (raw_app != 0 && raw_app != STORE_APPLICATION_ID) {
		snprintf(err, errlen, "%s: not an outaged database "
		    "(application_id 0x%08x, outaged's is 0x%08x); " REFUSE,
		    path, raw_app, STORE_APPLICATION_ID);
		return OD_EDB;
	}
	if (open_inspect(path, &db) == -1 ||
	    pragma_int(db, "PRAGMA application_id", &app) != SQLITE_OK ||
	    pragma_int(db, "PRAGMA user_version", &uv) != SQLITE_OK ||
	    pragma_int(db, "PRAGMA page_count", &pages) != SQLITE_OK ||
	    (nforeign = count_tables(db, &ntables, what, sizeof(what))) < 0) {
		snprintf(err, errlen, "%s: cannot be read: %s; " REFUSE, path,
		    db != NULL ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return OD_EDB;
	}
	if ((raw_app != 0 && (uint32_t)app != raw_app) ||
	    uv < (int64_t)raw_uv ||
	    (uv == 0 && ntables == 0 && sb.st_size > 4096)) {
		/* a -wal that is not this file's replaced what it holds */
		snprintf(err, errlen, "%s: the schema vanished on open (the "
		    "file says schema %u, read through %s-wal: schema %lld, "
		    "%d tables): the -wal beside it is not this database's; "
		    REFUSE " (move the -wal and -shm aside, or restore a "
		    "backup)", path, raw_uv, path, (long long)uv, ntables);
		sqlite3_close(db);
		return OD_EDB;
	}
	if (app != 0 && app != STORE_APPLICATION_ID) {
		snprintf(err, errlen, "%s: not an outaged database "
		    "(application_id 0x%08x); " REFUSE, path, (uint32_t)app);
		sqlite3_close(db);
		return OD_EDB;
	}
	if (nforeign > 0 || (uv == 0 && ntables > 0)) {
		snprintf(err, errlen, "%s: not an outaged database (table "
		    "\"%s\" is not outaged's); " REFUSE, path, what);
		sqlite3_close(db);
		return OD_EDB;
	}
	what[0] = '\0';
	if ((bad = run_check(db, 0, NULL, NULL, what, sizeof(what))) != 0) {
		snprintf(err, errlen, "%s: fails PRAGMA quick_check (%s%s); "
		    REFUSE " (outagectl check-db lists every problem; restore "
		    "a backup)", path, what, bad > 1 ? ", ..." : "");
		sqlite3_close(db);
		return OD_EDB;
	}
	sqlite3_close(db);
	/* an empty database (a header page, our own first start cut short) */
	*fresh = uv == 0;
	return OD_OK;
}

/* An outaged database from before the application_id: adopt it, once. */
enum od_err
store_adopt(struct store *s, char *err, size_t errlen)
{
	int64_t app;
	char sql[64];

	if (pragma_int(s->db, "PRAGMA application_id", &app) != SQLITE_OK)
		goto fail;
	if (app == STORE_APPLICATION_ID)
		return OD_OK;
	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d",
	    (int)STORE_APPLICATION_ID);
	if (run_sql(s->db, sql) != SQLITE_OK)
		goto fail;
	log_info("store: database adopted (application_id 0x%08x set)",
	    STORE_APPLICATION_ID);
	return OD_OK;
fail:
	snprintf(err, errlen, "application_id: %s", sqlite3_errmsg(s->db));
	return OD_EDB;
}

/* ---- outagectl check-db and backup ------------------------------------ */

enum od_err
store_check_file(const char *path, void (*fn)(void *, const char *),
    void *arg, int *problems, char *err, size_t errlen)
{
	struct stat sb;
	sqlite3 *db = NULL;
	int64_t app;
	char line[128], first[256] = "";
	int n;

	*problems = 0;
	/* SQLite would take a missing file for an empty database */
	if (stat(path, &sb) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return OD_ENOENT;
	}
	if (open_inspect(path, &db) == -1 ||
	    pragma_int(db, "PRAGMA application_id", &app) != SQLITE_OK) {
		snprintf(err, errlen, "%s: cannot be read: %s", path,
		    db != NULL ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return OD_EDB;
	}
	if (app != 0 && app != STORE_APPLICATION_ID) {
		snprintf(line, sizeof(line), "application_id 0x%08x is not "
		    "outaged's (0x%08x)", (uint32_t)app, STORE_APPLICATION_ID);
		if (fn != NULL)
			fn(arg, line);
		(*problems)++;
	}
	n = run_check(db, 1, fn, arg, first, sizeof(first));
	if (n < 0) {
		snprintf(err, errlen, "%s: integrity_check: %s", path, first);
		sqlite3_close(db);
		return OD_EDB;
	}
	*problems += n;
	sqlite3_close(db);
	return OD_OK;
}

static void
unlink_aside(const char *path)
{
	char p[PATH_MAX + 8];

	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-journal", path);
	unlink(p);
}

/* Copy src into the new file tmp with the online backup API. */
static enum od_err
copy_pages(const char *src, const char *tmp, char *err, size_t errlen)
{
	sqlite3 *from = NULL, *to = NULL;
	sqlite3_backup *bk;
	int rc, fd;

	/* a reader: the daemon goes on writing, we copy one snapshot */
	rc = sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(from, 5000);
		rc = run_sql(from, "PRAGMA trusted_schema = OFF");
	}
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", src, from != NULL ?
		    sqlite3_errmsg(from) : sqlite3_errstr(rc));
		sqlite3_close(from);
		return OD_EDB;
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		sqlite3_close(from);
		return OD_EDB;
	}
	close(fd);
	rc = sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = run_sql(to, "PRAGMA synchronous = FULL");
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", tmp, to != NULL ?
		    sqlite3_errmsg(to) : sqlite3_errstr(rc));
		goto out;
	}
	if ((bk = sqlite3_backup_init(to, "main", from, "main")) == NULL) {
		snprintf(err, errlen, "%s: backup: %s", tmp,
		    sqlite3_errmsg(to));
		rc = SQLITE_ERROR;
		goto out;
	}
	/* every page in one step: one read transaction, a consistent copy */
	for (int tries = 0; tries < 100; tries++) {
		rc = sqlite3_backup_step(bk, -1);
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		sqlite3_sleep(50);
	}
	if (sqlite3_backup_finish(bk) != SQLITE_OK || rc != SQLITE_DONE) {
		snprintf(err, errlen, "%s: backup: %s", src,
		    rc == SQLITE_DONE ? sqlite3_errmsg(to) : sqlite3_errstr(rc));
		rc = SQLITE_ERROR;
		goto out;
	}
	/* fold the copy's own -wal in: one self-contained file */
	if ((rc = run_sql(to, "PRAGMA wal_checkpoint(TRUNCATE)")) !=
	    SQLITE_OK)
		snprintf(err, errlen, "%s: %s", tmp, sqlite3_errmsg(to));
out:
	sqlite3_close(from);
	if (sqlite3_close(to) != SQLITE_OK && rc == SQLITE_OK) {
		snprintf(err, errlen, "%s: close failed", tmp);
		rc = SQLITE_ERROR;
	}
	return rc == SQLITE_OK ? OD_OK : OD_EDB;
}

enum od_err
store_backup_file(const char *src, const char *dst, int force,
    int *problems, char *err, size_t errlen)
{
	char tmp[PATH_MAX + 16], first[256] = "";
	struct stat sb;
	sqlite3 *db = NULL;
	int n;

	*problems = 0;
	if (stat(src, &sb) == -1) {
		snprintf(err, errlen, "%s: %s", src, strerror(errno));
		return OD_ENOENT;
	}
	if (!force && lstat(dst, &sb) == 0) {
		snprintf(err, errlen, "%s: exists (--force replaces it)", dst);
		return OD_EDUP;
	}
	if (snprintf(tmp, sizeof(tmp), "%s.partial", dst) >=
	    (int)sizeof(tmp)) {
		snprintf(err, errlen, "%s: path too long", dst);
		return OD_EINVAL;
	}
	unlink(tmp);
	unlink_aside(tmp);
	if (copy_pages(src, tmp, err, errlen) != OD_OK) {
		unlink(tmp);
		unlink_aside(tmp);
		return OD_EDB;
	}
	unlink_aside(tmp);
	/* the copy, checked in full before it takes the name */
	if (open_inspect(tmp, &db) == -1 ||
	    (n = run_check(db, 1, NULL, NULL, first, sizeof(first))) != 0) {
		snprintf(err, errlen, "%s: the copy fails integrity_check: %s",
		    tmp, first[0] ? first : sqlite3_errmsg(db));
		sqlite3_close(db);
		*problems = 1;
		return OD_EDB;		/* kept to look at */
	}
	sqlite3_close(db);
	unlink_aside(dst);
	if (rename(tmp, dst) == -1) {
		snprintf(err, errlen, "%s: %s", dst, strerror(errno));
		unlink(tmp);
		return OD_EDB;
	}
	return OD_OK;
}
