/* SPDX-License-Identifier: MIT */
/*
 * test_store.c - the SQLite store against a real database file in a fresh
 * temporary directory: creation and migration, transactions, idempotent
 * reports, rejections, status, history, alert episodes, the outbox, news
 * and feed state, report queries and paging, retention, size.  Only the
 * public API of store.h; inputs are built as the daemon builds them.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "t.h"		/* before region.h: no gazetteer here */

#include "log.h"
#include "region.h"
#include "store.h"
#include "util.h"

#include "t_store.h"

#define T0	INT64_C(1795687200000)	/* 2026-11-26T10:00:00Z */
#define MIN	INT64_C(60000)
#define HOUR	(60 * MIN)


/* Regions need only an id here; the store keeps r->region->id. */
static struct region R_UA12 = { .id = "UA-12" };
static struct region R_DNIPRO = { .id = "UA-12:dnipro" };
static struct region R_UA1 = { .id = "UA-1" };	/* a prefix of UA-12 */
static struct region R_UA63 = { .id = "UA-63" };

static char region_input[] = "Dnipropetrovsk";
static char raw_json[] = "{\"source\":\"dtek\",\"region\":\"Dnipropetrovsk\"}";

/* ---- helpers ------------------------------------------------------------ */

static void
mk_report(struct report *r, const char *key, const char *source,
    const struct region *region, enum utility u, enum report_status st,
    int64_t affected, int64_t observed_at, int64_t received_at)
{
	memset(r, 0, sizeof(*r));
	str_copy(r->key, key, sizeof(r->key));
	str_copy(r->source, source, sizeof(r->source));
	r->region = region;
	r->region_input = region_input;
	r->utility = u;
	r->status = st;
	r->affected = affected;
	str_copy(r->unit, affected >= 0 ? "households" : "", sizeof(r->unit));
	r->approximate = affected >= 0;
	r->observed_at = observed_at;
	r->received_at = received_at;
	r->index = -1;
	r->raw = raw_json;
}

/* Store a report with one call; returns store_put_report's result. */
static enum od_err
put(struct store *s, const char *key, const char *source,
    const struct region *region, int64_t affected, int64_t observed_at,
    int64_t received_at)
{
	struct report r;

	mk_report(&r, key, source, region, UTIL_POWER, RS_OUTAGE, affected,
	    observed_at, received_at);
	return store_put_report(s, &r, "mqtt");
}

static int64_t
count_all(struct store *s)
{
	struct store_query q = { NULL, NULL, 0, 0 };
	int64_t n = -1;

	if (store_count_reports(s, &q, &n) != OD_OK)
		return -1;
	return n;
}

/* Report rows, copied (the store's rows are borrowed). */
struct rrow {
	int64_t		 rowid, affected, observed_at, received_at;
	int		 approximate, unit_null;
	char		 key[REPORT_KEY_MAX], source[OD_SOURCE_MAX];
	char		 region[OD_REGION_ID_MAX], utility[16], status[16];
	char		 unit[REPORT_UNIT_MAX], via[16];
};

struct rrows {
	struct rrow	 r[64];
	size_t		 n;
	size_t		 stop_after;	/* 0: never stop */
};

static int
collect_report(void *arg, const struct store_report_row *in)
{
	struct rrows *rs = arg;
	struct rrow *o;

	if (rs->n >= NELEM(rs->r))
		return 1;
	o = &rs->r[rs->n++];
	memset(o, 0, sizeof(*o));
	o->rowid = in->rowid;
	o->affected = in->affected;
	o->observed_at = in->observed_at;
	o->received_at = in->received_at;
	o->approximate = in->approximate;
	o->unit_null = in->unit == NULL;
	str_copy(o->key, in->key ? in->key : "(null)", sizeof(o->key));
	str_copy(o->source, in->source ? in->source : "(null)",
	    sizeof(o->source));
	str_copy(o->region, in->region ? in->region : "(null)",
	    sizeof(o->region));
	str_copy(o->utility, in->utility ? in->utility : "(null)",
	    sizeof(o->utility));
	str_copy(o->status, in->status ? in->status : "(null)",
	    sizeof(o->status));
	str_copy(o->unit, in->unit ? in->unit : "", sizeof(o->unit));
	str_copy(o->via, in->via ? in->via : "(null)", sizeof(o->via));
	return rs->stop_after != 0 && rs->n >= rs->stop_after;
}

static int
has_key(const struct rrows *rs, const char *key)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->r[i].key, key) == 0)
			return 1;
	return 0;
}

/* Read the 100-byte SQLite header of a closed database file. */
static int
read_header(const char *path, unsigned char hdr[100])
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (f == NULL)
		return -1;
	n = fread(hdr, 1, 100, f);
	fclose(f);
	return n == 100 ? 0 : -1;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* ---- open, migrate, errors ----------------------------------------------- */

static void
test_open_creates_and_migrates(void)
{
	struct store *s;
	struct stat sb;
	unsigned char hdr[100];
	char path[512], err[512];
	uint32_t version;

	clean_tmp();
	path_in_tmp(path, sizeof(path), "t.db");
	CHECK(stat(path, &sb) != 0 && errno == ENOENT);
	s = fresh();
	CHECK(s != NULL);
	if (s == NULL)
		return;
	/* created by us, private: reports may carry private text */
	CHECK(stat(path, &sb) == 0);
	CHECK_INT(sb.st_mode & 0777, 0600);
	CHECK_INT(store_in_txn(s), 0);
	CHECK_INT(count_all(s), 0);
	CHECK(store_size(s) > 0);
	CHECK_INT(put(s, "dtek:a", "dtek", &R_UA12, 600000, T0, T0), OD_OK);
	store_close(s);

	/* the last close checkpoints the WAL into the file: read its header */
	CHECK(read_header(path, hdr) == 0);
	CHECK(memcmp(hdr, "SQLite format 3", 16) == 0);
	CHECK_INT(hdr[18], 2);		/* WAL write version */
	CHECK_INT(hdr[19], 2);		/* WAL read version */
	version = be32(hdr + 60);	/* PRAGMA user_version */
	/* every migration ran, to the version the header announces */
	CHECK_INT(version, STORE_SCHEMA_VERSION);

	/* reopening migrates nothing further and keeps the data */
	s = NULL;
	CHECK_INT(store_open(&s, path, err, sizeof(err)), OD_OK);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(count_all(s), 1);
	store_close(s);
	CHECK(read_header(path, hdr) == 0);
	CHECK_INT(be32(hdr + 60), version);

	/* and a read-only open of it answers */
	s = NULL;
	CHECK_INT(store_open_ro(&s, path, err, sizeof(err)), OD_OK);
	CHECK(s != NULL);
	if (s != NULL) {
		CHECK_INT(count_all(s), 1);
		/* read-only means read-only */
		CHECK_INT(put(s, "dtek:b", "dtek", &R_UA12, 1, T0, T0),
		    OD_EDB);
		CHECK(strstr(store_errmsg(s), "readonly") != NULL);
		store_close(s);
	}
}

static void
test_open_errors(void)
{
	struct store *s;
	struct stat sb;
	unsigned char hdr[100];
	char path[512], err[512];
	FILE *f;

	clean_tmp();

	/* read-only open of a missing file fails, says which, creates none */
	path_in_tmp(path, sizeof(path), "missing.db");
	s = (struct store *)&s;		/* not NULL: must be reset */
	err[0] = '\0';
	CHECK_INT(store_open_ro(&s, path, err, sizeof(err)), OD_EDB);
	CHECK(s == NULL);
	CHECK(strstr(err, "missing.db") != NULL);
	CHECK(strstr(err, "unable to open") != NULL);
	CHECK(stat(path, &sb) != 0 && errno == ENOENT);

	/* read-write open in a directory that does not exist */
	path_in_tmp(path, sizeof(path), "nodir/t.db");
	err[0] = '\0';
	s = NULL;
	CHECK_INT(store_open(&s, path, err, sizeof(err)), OD_EDB);
	CHECK(s == NULL);
	CHECK(strstr(err, "nodir/t.db") != NULL);
	CHECK(strstr(err, strerror(ENOENT)) != NULL);

	/* a file that is no outaged database is refused read-only */
	path_in_tmp(path, sizeof(path), "empty.db");
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f != NULL)
		fclose(f);
	err[0] = '\0';
	s = NULL;
	CHECK_INT(store_open_ro(&s, path, err, sizeof(err)), OD_EDB);
	CHECK(s == NULL);
	CHECK(strstr(err, "not an outaged database") != NULL);

	/* a schema newer than this build is refused, not "migrated" */
	s = fresh();
	CHECK(s != NULL);
	if (s == NULL)
		return;
	store_close(s);
	path_in_tmp(path, sizeof(path), "t.db");
	CHECK(read_header(path, hdr) == 0);
	f = fopen(path, "r+b");
	CHECK(f != NULL);
	if (f != NULL) {
		static const unsigned char v99[4] = { 0, 0, 0, 99 };

		CHECK(fseek(f, 60, SEEK_SET) == 0);
		CHECK_INT(fwrite(v99, 1, 4, f), 4);
		fclose(f);
	}
	err[0] = '\0';
	s = NULL;
	CHECK_INT(store_open(&s, path, err, sizeof(err)), OD_EDB);
	CHECK(s == NULL);
	CHECK(strstr(err, "newer") != NULL);
	CHECK(strstr(err, "99") != NULL);
	store_close(s);
}

/* Put 4 bytes at off of the file at path (big-endian v). */
static void
poke32(const char *path, long off, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)(v >> 24),
	    (unsigned char)(v >> 16), (unsigned char)(v >> 8),
	    (unsigned char)v };
	FILE *f = fopen(path, "r+b");

	CHECK(f != NULL);
	if (f == NULL)
		return;
	CHECK(fseek(f, off, SEEK_SET) == 0);
	CHECK_INT(fwrite(b, 1, 4, f), 4);
	fclose(f);
}

static int
exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

/* ---- safety at start, check and backup ---------------------------------- */

static void
test_safety_at_start(void)
{
	struct store *s;
	struct stat sb;
	unsigned char hdr[100];
	char path[512], wal[520], err[512];
	FILE *f;

	/* a new database carries outaged's application_id */
	s = fresh();
	CHECK(s != NULL);
	if (s == NULL)
		return;
	store_close(s);
	path_in_tmp(path, sizeof(path), "t.db");
	snprintf(wal, sizeof(wal), "%s-wal", path);
	CHECK(read_header(path, hdr) == 0);
	CHECK_INT(be32(hdr + 68), STORE_APPLICATION_ID);

	/* one from before the application_id is adopted, once */
	poke32(path, 68, 0);
	s = reopen(NULL);
	CHECK(s != NULL);
	store_close(s);
	CHECK(read_header(path, hdr) == 0);
	CHECK_INT(be32(hdr + 68), STORE_APPLICATION_ID);

	/* another application's: refused, unchanged, no -wal */
	poke32(path, 68, 0x12345678);
	s = NULL;
	err[0] = '\0';
	CHECK_INT(store_open(&s, path, err, sizeof(err)), OD_EDB);
	CHECK(s == NULL);
	CHECK(strstr(err, "t.db: not an outaged database") != NULL);
	CHECK(strstr(err, "0x12345678") != NULL);
	CHECK(strstr(err, "left untouched") != NULL);
	CHECK(!exists(wal));
	CHECK(read_header(path, hdr) == 0);
	CHECK_INT(be32(hdr + 68), 0x12345678);
	CHECK_INT(be32(hdr + 60), STORE_SCHEMA_VERSION);
	/* ... and read-only too */
	CHECK_INT(store_open_ro(&s, path, err, sizeof(err)), OD_EDB);
	CHECK(strstr(err, "not an outaged database") != NULL);

	/* a 0-byte file is no new database */
	path_in_tmp(path, sizeof(path), "zero.db");
	snprintf(wal, sizeof(wal), "%s-wal", path);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f != NULL)
		fclose(f);
	err[0] = '\0';
	CHECK_INT(store_open(&s, path, err, sizeof(err)), OD_EDB);
	CHECK(strstr(err, "zero.db: the file is empty (0 bytes)") != NULL);
	CHECK(stat(path, &sb) == 0 && sb.st_size == 0);
	CHECK(!exists(wal));

	/* a file that is not SQLite */
	path_in_tmp(path, sizeof(path), "text.db");
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f != NULL) {
		for (int i = 0; i < 50; i++)
			fputs("not a database, just some text\n", f);
		fclose(f);
	}
	CHECK_INT(store_open(&s, path, err, sizeof(err)), OD_EDB);
	CHECK(strstr(err, "not an SQLite database") != NULL);
}

static void
check_line(void *arg, const char *line)
{
	(void)line;
	(*(int *)arg)++;
}

static void
test_check_and_backup(void)
{
	struct store *s = fresh();
	char path[512], copy[512], err[512];
	unsigned char hdr[100];
	int problems = -1, lines = 0;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(put(s, "dtek:a", "dtek", &R_UA12, 600000, T0, T0), OD_OK);
	path_in_tmp(path, sizeof(path), "t.db");
	path_in_tmp(copy, sizeof(copy), "copy.db");

	/* while the store is open (the daemon running) */
	CHECK_INT(store_check_file(path, check_line, &lines, &problems, err,
	    sizeof(err)), OD_OK);
	CHECK_INT(problems, 0);
	CHECK_INT(lines, 0);
	CHECK_INT(store_backup_file(path, copy, 0, &problems, err,
	    sizeof(err)), OD_OK);
	CHECK_INT(problems, 0);
	CHECK(read_header(copy, hdr) == 0);
	CHECK_INT(be32(hdr + 68), STORE_APPLICATION_ID);
	/* an existing copy is replaced only when forced */
	err[0] = '\0';
	CHECK_INT(store_backup_file(path, copy, 0, &problems, err,
	    sizeof(err)), OD_EDUP);
	CHECK(strstr(err, "copy.db: exists") != NULL);
	CHECK_INT(store_backup_file(path, copy, 1, &problems, err,
	    sizeof(err)), OD_OK);
	store_close(s);

	/* the copy opens as a store and holds the report */
	s = NULL;
	CHECK_INT(store_open_ro(&s, copy, err, sizeof(err)), OD_OK);
	if (s != NULL) {
		CHECK_INT(count_all(s), 1);
		store_close(s);
	}

	/* a missing file is not checked as an empty database */
	path_in_tmp(path, sizeof(path), "missing.db");
	CHECK_INT(store_check_file(path, check_line, &lines, &problems, err,
	    sizeof(err)), OD_ENOENT);
	CHECK(!exists(path));
}

/* ---- transactions --------------------------------------------------------- */

static void
test_transactions(void)
{
	struct store *s = fresh();
	struct rrows rs;
	struct store_query q = { NULL, NULL, 0, 0 };

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(store_commit(s), OD_OK);	/* none open: a no-op */
	CHECK_INT(store_begin(s), OD_OK);
	CHECK_INT(store_in_txn(s), 1);
	CHECK_INT(store_begin(s), OD_OK);	/* already open: a no-op */
	CHECK_INT(store_in_txn(s), 1);
	CHECK_INT(put(s, "dtek:rolled-back", "dtek", &R_UA12, 1, T0, T0),
	    OD_OK);
	CHECK_INT(count_all(s), 1);		/* visible inside */
	store_rollback(s);
	CHECK_INT(store_in_txn(s), 0);
	CHECK_INT(count_all(s), 0);
	store_rollback(s);			/* none open: harmless */

	CHECK_INT(store_begin(s), OD_OK);
	CHECK_INT(put(s, "dtek:committed", "dtek", &R_UA12, 2, T0, T0),
	    OD_OK);
	CHECK_INT(store_commit(s), OD_OK);
	CHECK_INT(store_in_txn(s), 0);

	/* left open at close: rolled back */
	CHECK_INT(store_begin(s), OD_OK);
	CHECK_INT(put(s, "dtek:open-at-close", "dtek", &R_UA12, 3, T0, T0),
	    OD_OK);
	s = reopen(s);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(store_in_txn(s), 0);
	memset(&rs, 0, sizeof(rs));
	CHECK_INT(store_reports(s, &q, 1, collect_report, &rs), OD_OK);
	CHECK_INT(rs.n, 1);
	CHECK(has_key(&rs, "dtek:committed"));
	CHECK(!has_key(&rs, "dtek:rolled-back"));
	CHECK(!has_key(&rs, "dtek:open-at-close"));

	/* a rolled-back key is free again */
	CHECK_INT(put(s, "dtek:rolled-back", "dtek", &R_UA12, 1, T0, T0),
	    OD_OK);
	CHECK_INT(count_all(s), 2);
	store_close(s);
}

/* ---- reports --------------------------------------------------------------- */

static void
test_report_idempotent(void)
{
	struct store *s = fresh();
	struct store_query q = { NULL, NULL, 0, 0 };
	struct rrows rs;
	struct report r;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(store_begin(s), OD_OK);
	CHECK_INT(put(s, "dtek:0001", "dtek", &R_UA12, 600000, T0, T0), OD_OK);
	/* the same key again, even with other contents, is a duplicate */
	CHECK_INT(put(s, "dtek:0001", "dtek", &R_UA12, 600000, T0, T0),
	    OD_EDUP);
	CHECK_INT(put(s, "dtek:0001", "dtek", &R_UA63, 5, T0 + HOUR,
	    T0 + HOUR), OD_EDUP);
	/* a duplicate does not poison the transaction */
	CHECK_INT(put(s, "dtek:0002", "dtek", &R_UA12, 500000, T0 + MIN,
	    T0 + MIN), OD_OK);
	CHECK_INT(store_commit(s), OD_OK);
	/* and after a commit (a broker's redelivery) */
	CHECK_INT(put(s, "dtek:0001", "dtek", &R_UA12, 600000, T0, T0),
	    OD_EDUP);
	CHECK_INT(count_all(s), 2);

	/* the first version stands, every field as given */
	memset(&rs, 0, sizeof(rs));
	CHECK_INT(store_reports(s, &q, 1, collect_report, &rs), OD_OK);
	CHECK_INT(rs.n, 2);
	CHECK_STR(rs.r[0].key, "dtek:0001");
	CHECK_STR(rs.r[0].source, "dtek");
	CHECK_STR(rs.r[0].region, "UA-12");
	CHECK_STR(rs.r[0].utility, "power");
	CHECK_STR(rs.r[0].status, "outage");
	CHECK_INT(rs.r[0].affected, 600000);
	CHECK_STR(rs.r[0].unit, "households");
	CHECK_INT(rs.r[0].approximate, 1);
	CHECK_INT(rs.r[0].observed_at, T0);
	CHECK_INT(rs.r[0].received_at, T0);
	CHECK_STR(rs.r[0].via, "mqtt");

	/* a report without a count: affected -1 and no unit, round trip */
	mk_report(&r, "yasno:restored", "yasno", &R_UA63, UTIL_HEAT,
	    RS_RESTORED, -1, T0 + 2 * MIN, T0 + 3 * MIN);
	CHECK_INT(store_put_report(s, &r, "http"), OD_OK);
	memset(&rs, 0, sizeof(rs));
	q.source = "yasno";
	CHECK_INT(store_reports(s, &q, 0, collect_report, &rs), OD_OK);
	CHECK_INT(rs.n, 1);
	CHECK_STR(rs.r[0].utility, "heat");
	CHECK_STR(rs.r[0].status, "restored");
	CHECK_INT(rs.r[0].affected, -1);
	CHECK_INT(rs.r[0].unit_null, 1);
	CHECK_INT(rs.r[0].approximate, 0);
	CHECK_INT(rs.r[0].observed_at, T0 + 2 * MIN);
	CHECK_INT(rs.r[0].received_at, T0 + 3 * MIN);
	CHECK_STR(rs.r[0].via, "http");

	/* a failed insert is an error with a reason, not a duplicate */
	mk_report(&r, "bad:raw", "bad", &R_UA12, UTIL_POWER, RS_OUTAGE, 1, T0,
	    T0);
	r.raw = NULL;			/* the column is NOT NULL */
	CHECK_INT(store_put_report(s, &r, "mqtt"), OD_EDB);
	CHECK(strstr(store_errmsg(s), "NOT NULL") != NULL);
	CHECK_INT(count_all(s), 3);
	store_close(s);
}

/*
 * Six reports:
 *   dtek  UA-12         T0           100
 *   dtek  UA-12:dnipro  T0 + 1 min   200
 *   yasno UA-12         T0 + 2 min   300
 *   dtek  UA-1          T0 + 3 min   400   (an id that prefixes UA-12)
 *   yasno UA-63         T0 + 4 min   500
 *   dtek  UA-12         T0 - 1 min   600   (stored last, observed first)
 */
static struct store *
six_reports(void)
{
	struct store *s = fresh();

	if (s == NULL)
		return NULL;
	CHECK_INT(store_begin(s), OD_OK);
	CHECK_INT(put(s, "k1", "dtek", &R_UA12, 100, T0, T0 + HOUR), OD_OK);
	CHECK_INT(put(s, "k2", "dtek", &R_DNIPRO, 200, T0 + MIN, T0 + HOUR),
	    OD_OK);
	CHECK_INT(put(s, "k3", "yasno", &R_UA12, 300, T0 + 2 * MIN, T0 + HOUR),
	    OD_OK);
	CHECK_INT(put(s, "k4", "dtek", &R_UA1, 400, T0 + 3 * MIN, T0 + HOUR),
	    OD_OK);
	CHECK_INT(put(s, "k5", "yasno", &R_UA63, 500, T0 + 4 * MIN, T0 + HOUR),
	    OD_OK);
	CHECK_INT(put(s, "k6", "dtek", &R_UA12, 600, T0 - MIN, T0 + HOUR),
	    OD_OK);
	CHECK_INT(store_commit(s), OD_OK);
	return s;
}

/* The keys of rs joined by spaces, to compare an order in one check. */
static const char *
keys(const struct rrows *rs, char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t i = 0; i < rs->n; i++) {
		size_t at = strlen(buf);

		snprintf(buf + at, len - at, "%s%s", i ? " " : "",
		    rs->r[i].key);
	}
	return buf;
}

static void
test_report_queries(void)
{
	struct store *s = six_reports();
	struct store_query q = { NULL, NULL, 0, 0 };
	struct rrows rs;
	char kb[256];
	int64_t n;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	/* all, newest observed first; and oldest first */
	memset(&rs, 0, sizeof(rs));
	CHECK_INT(store_reports(s, &q, 0, collect_report, &rs), OD_OK);
	CHECK_STR(keys(&rs, kb, sizeof(kb)), "k5 k4 k3 k2 k1 k6");
	memset(&rs, 0, sizeof(rs));
	CHECK_INT(store_reports(s, &q, 1, collect_report, &rs), OD_OK);
	CHECK_STR(keys(&rs, kb, sizeof(kb)), "k6 k1 k2 k3 k4 k5");
	CHECK_INT(rs.r[0].affected, 600);

	/* a region includes its places, but not an id it prefixes */
	q.region = "UA-12";
	memset(&rs, 0, sizeof(rs));
	CHECK_INT(store_reports(s, &q, 0, collect_report, &rs), OD_OK);
	CHECK_STR(keys(&rs, kb, sizeof(kb)), "k3 k2 k1 k6");
	CHECK_INT(store_count_reports(s, &q, &n), OD_OK);
	CHECK_INT(n, 4);
	q.region = "UA-1";
	memset(&rs, 0, sizeof(rs));
	CHECK_INT(store_reports(s, &q, 0, collect_report, &rs), OD_OK);
	CHECK_STR(keys(&rs, kb, sizeof(kb)), "k4");
	CHECK_INT(store_count_reports(s, &q, &n), OD_OK);
	CHECK_INT(n, 1);
	q.region = "UA-12:dnipro";
	CHECK_INT(store_count_reports(s, &q, &n), OD_OK);
	CHECK_INT(n, 1);
	q.region = "UA-99";
	CHECK_INT(store_count_reports(s, &q, &n), OD_OK);
	CHECK_INT(n, 0);

	/* source, since (inclusive) and both with a region */
	q.region = NULL;
	q.source = "yasno";
	memset(&rs, 0, sizeof(rs));
	CHECK_INT(store_reports(s, &q, 0, collect_report, &rs), OD_OK);
	CHECK_STR(keys(&rs, kb, sizeof(kb)), "k5 k3");
	q.source = NULL;
	q.since_ms = T0 + MIN;
	memset(&rs, 0, sizeof(rs));
	CHECK_INT(store_reports(s, &q, 1, collect_report, &rs), OD_OK);
	CHECK_STR(keys(&rs, kb, sizeof(kb)), "k2 k3 k4 k5");
	CHECK_INT(store_count_reports(s, &q, &n), OD_OK);
	CHECK_INT(n, 4);
	q.region = "UA-12";
	q.source = "dtek";
	q.since_ms = T0 - MIN;
	CHECK_INT(store_count_reports(s, &q, &n), OD_OK);
	CHECK_INT(n, 3);			/* k1 k2 k6 */

	/* limit, and a callback that stops */
	memset(&q, 0, sizeof(q));
	q.limit = 2;
	memset(&rs, 0, sizeof(rs));
	CHECK_INT(store_reports(s, &q, 0, collect_report, &rs), OD_OK);
	CHECK_STR(keys(&rs, kb, sizeof(kb)), "k5 k4");
	CHECK_INT(store_count_reports(s, &q, &n), OD_OK);
	CHECK_INT(n, 6);			/* the count ignores the limit */
	q.limit = 0;
	memset(&rs, 0, sizeof(rs));
	rs.stop_after = 3;
	CHECK_INT(store_reports(s, &q, 1, collect_report, &rs), OD_OK);
	CHECK_STR(keys(&rs, kb, sizeof(kb)), "k6 k1 k2");
	/* the statement was reset: the next query starts afresh */
	memset(&rs, 0, sizeof(rs));
	CHECK_INT(store_reports(s, &q, 1, collect_report, &rs), OD_OK);
	CHECK_INT(rs.n, 6);
	store_close(s);
}

static void
test_reports_page(void)
{
	struct store *s = six_reports();
	struct store_query q = { NULL, NULL, 0, 2 };
	struct rrows rs, all;
	char kb[256];
	int64_t before = 0;
	int pages = 0;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	/* newest stored first (by row id, not observed_at), two a page */
	memset(&all, 0, sizeof(all));
	for (;;) {
		memset(&rs, 0, sizeof(rs));
		CHECK_INT(store_reports_page(s, &q, before, collect_report,
		    &rs), OD_OK);
		if (rs.n == 0 || ++pages > 10)
			break;
		CHECK(rs.n <= 2);
		for (size_t i = 0; i < rs.n; i++) {
			if (before > 0)
				CHECK(rs.r[i].rowid < before);
			all.r[all.n++] = rs.r[i];
		}
		before = rs.r[rs.n - 1].rowid;
	}
	CHECK_INT(pages, 3);
	CHECK_STR(keys(&all, kb, sizeof(kb)), "k6 k5 k4 k3 k2 k1");
	for (size_t i = 1; i < all.n; i++)
		CHECK(all.r[i].rowid < all.r[i - 1].rowid);

	/* paging with a filter: UA-12 and its places, one a page */
	q.region = "UA-12";
	q.limit = 1;
	memset(&all, 0, sizeof(all));
	before = 0;
	pages = 0;
	for (;;) {
		memset(&rs, 0, sizeof(rs));
		CHECK_INT(store_reports_page(s, &q, before, collect_report,
		    &rs), OD_OK);
		if (rs.n == 0 || ++pages > 10)
			break;
		CHECK_INT(rs.n, 1);
		all.r[all.n++] = rs.r[0];
		before = rs.r[0].rowid;
	}
	CHECK_STR(keys(&all, kb, sizeof(kb)), "k6 k3 k2 k1");

	/* no limit, before the third row: the two older ones */
	q.region = NULL;
	q.limit = 0;
	memset(&rs, 0, sizeof(rs));
	CHECK_INT(store_reports_page(s, &q, 3, collect_report, &rs), OD_OK);
	CHECK_STR(keys(&rs, kb, sizeof(kb)), "k2 k1");
	store_close(s);
}

/* ---- rejections ----------------------------------------------------------- */

struct reasons {
	char		 reason[8][32];
	int64_t		 n[8];
	size_t		 count;
};

static void
collect_reason(void *arg, const char *reason, int64_t n)
{
	struct reasons *r = arg;

	if (r->count < NELEM(r->n)) {
		str_copy(r->reason[r->count], reason ? reason : "(null)",
		    sizeof(r->reason[0]));
		r->n[r->count] = n;
	}
	r->count++;
}

static void
test_rejections(void)
{
	struct store *s = fresh();
	struct reasons rr;
	static const char junk[] = "{\"region\":\xff\xfe";	/* not UTF-8 */
	char big[2000];
	int64_t n = -1;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	memset(big, 'x', sizeof(big));
	CHECK_INT(store_count_rejections(s, &n), OD_OK);
	CHECK_INT(n, 0);
	memset(&rr, 0, sizeof(rr));
	CHECK_INT(store_rejections_by_reason(s, collect_reason, &rr), OD_OK);
	CHECK_INT(rr.count, 0);

	CHECK_INT(store_begin(s), OD_OK);
	CHECK_INT(store_put_rejection(s, T0, "mqtt", "dtek", "unknown_region",
	    "region \"Atlantis\" is not a known region id, name or alias",
	    "{\"region\":\"Atlantis\"}", 21), OD_OK);
	CHECK_INT(store_put_rejection(s, T0 + 1, "mqtt", "", "invalid_json",
	    "not JSON", junk, sizeof(junk) - 1), OD_OK);
	CHECK_INT(store_put_rejection(s, T0 + 2, "http", "yasno",
	    "unknown_region", "x", NULL, 0), OD_OK);
	CHECK_INT(store_put_rejection(s, T0 + 3, "mqtt", NULL,
	    "payload_too_large", NULL, big, sizeof(big)), OD_OK);
	CHECK_INT(store_put_rejection(s, T0 + 4, "mqtt", "dtek",
	    "unknown_region", "y", "z", 1), OD_OK);
	CHECK_INT(store_commit(s), OD_OK);

	CHECK_INT(store_count_rejections(s, &n), OD_OK);
	CHECK_INT(n, 5);
	memset(&rr, 0, sizeof(rr));
	CHECK_INT(store_rejections_by_reason(s, collect_reason, &rr), OD_OK);
	CHECK_INT(rr.count, 3);			/* by reason, in name order */
	CHECK_STR(rr.reason[0], "invalid_json");
	CHECK_INT(rr.n[0], 1);
	CHECK_STR(rr.reason[1], "payload_too_large");
	CHECK_INT(rr.n[1], 1);
	CHECK_STR(rr.reason[2], "unknown_region");
	CHECK_INT(rr.n[2], 3);

	/* rejections are no reports */
	CHECK_INT(count_all(s), 0);
	/* and they persist */
	s = reopen(s);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(store_count_rejections(s, &n), OD_OK);
	CHECK_INT(n, 5);
	store_close(s);
}

/* ---- status and history ---------------------------------------------------- */

struct srow {
	char		 region[OD_REGION_ID_MAX], name[64], utility[16];
	char		 status[16], unit[16], severity[16];
	int		 unit_null, approximate, sources;
	int64_t		 affected, since, updated_at, peak;
	double		 percent;
};

struct srows {
	struct srow	 r[16];
	size_t		 n;
};

static int
collect_status(void *arg, const struct store_status_row *in)
{
	struct srows *ss = arg;
	struct srow *o;

	if (ss->n >= NELEM(ss->r))
		return 1;
	o = &ss->r[ss->n++];
	memset(o, 0, sizeof(*o));
	str_copy(o->region, in->region ? in->region : "(null)",
	    sizeof(o->region));
	str_copy(o->name, in->region_name ? in->region_name : "(null)",
	    sizeof(o->name));
	str_copy(o->utility, in->utility ? in->utility : "(null)",
	    sizeof(o->utility));
	str_copy(o->status, in->status ? in->status : "(null)",
	    sizeof(o->status));
	str_copy(o->unit, in->unit ? in->unit : "", sizeof(o->unit));
	o->unit_null = in->unit == NULL;
	str_copy(o->severity, in->severity ? in->severity : "(null)",
	    sizeof(o->severity));
	o->approximate = in->approximate;
	o->sources = in->sources;
	o->affected = in->affected;
	o->since = in->since;
	o->updated_at = in->updated_at;
	o->peak = in->peak;
	o->percent = in->percent;
	return 0;
}

static struct figure
mk_figure(enum fig_status st, int64_t affected, double percent,
    enum severity sev, int64_t since, int64_t updated_at)
{
	struct figure f;

	memset(&f, 0, sizeof(f));
	f.status = st;
	f.affected = affected;
	str_copy(f.unit, affected >= 0 ? "households" : "", sizeof(f.unit));
	f.percent = percent;
	f.severity = sev;
	f.approximate = affected > 0;
	f.nsources = affected >= 0 ? 1 : 0;
	f.direct = affected;
	f.children_sum = -1;
	f.since = since;
	f.updated_at = updated_at;
	f.peak = affected > 0 ? affected : 0;
	return f;
}

static void
test_status_roundtrip(void)
{
	struct store *s = fresh();
	struct figure f;
	struct srows ss;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	f = mk_figure(FS_OUTAGE, 600000, 600000.0 * 100 / 1301000,
	    SEV_CRITICAL, T0, T0 + MIN);
	f.peak = 650000;
	f.nsources = 2;
	CHECK_INT(store_begin(s), OD_OK);
	CHECK_INT(store_put_status(s, "UA-12", "Dnipropetrovska oblast",
	    UTIL_POWER, &f, T0 + 2 * MIN), OD_OK);
	f = mk_figure(FS_UNKNOWN, -1, -1.0, SEV_NONE, 0, 0);
	CHECK_INT(store_put_status(s, "UA-12", "Dnipropetrovska oblast",
	    UTIL_HEAT, &f, T0 + 2 * MIN), OD_OK);
	f = mk_figure(FS_PARTIAL, 700000, 4.3, SEV_MINOR, T0, T0 + MIN);
	CHECK_INT(store_put_status(s, "UA", "Ukraine", UTIL_POWER, &f,
	    T0 + 2 * MIN), OD_OK);
	CHECK_INT(store_commit(s), OD_OK);

	memset(&ss, 0, sizeof(ss));
	CHECK_INT(store_statuses(s, "UA-12", collect_status, &ss), OD_OK);
	CHECK_INT(ss.n, 2);			/* ordered by utility name */
	CHECK_STR(ss.r[0].utility, "heat");
	CHECK_STR(ss.r[0].status, "unknown");
	CHECK_INT(ss.r[0].affected, -1);
	CHECK(ss.r[0].percent < 0);
	CHECK_INT(ss.r[0].unit_null, 1);
	CHECK_STR(ss.r[0].severity, "none");
	CHECK_STR(ss.r[1].region, "UA-12");
	CHECK_STR(ss.r[1].name, "Dnipropetrovska oblast");
	CHECK_STR(ss.r[1].utility, "power");
	CHECK_STR(ss.r[1].status, "outage");
	CHECK_INT(ss.r[1].affected, 600000);
	CHECK_STR(ss.r[1].unit, "households");
	CHECK_NEAR(ss.r[1].percent, 46.118, 0.001);
	CHECK_STR(ss.r[1].severity, "critical");
	CHECK_INT(ss.r[1].approximate, 1);
	CHECK_INT(ss.r[1].sources, 2);
	CHECK_INT(ss.r[1].since, T0);
	CHECK_INT(ss.r[1].updated_at, T0 + MIN);
	CHECK_INT(ss.r[1].peak, 650000);

	/* every region, ordered by region then utility */
	memset(&ss, 0, sizeof(ss));
	CHECK_INT(store_statuses(s, NULL, collect_status, &ss), OD_OK);
	CHECK_INT(ss.n, 3);
	CHECK_STR(ss.r[0].region, "UA");
	CHECK_STR(ss.r[0].status, "partial");
	CHECK_STR(ss.r[1].region, "UA-12");
	CHECK_STR(ss.r[2].region, "UA-12");

	/* a put replaces the row (upsert), it does not add one */
	f = mk_figure(FS_RESTORED, 0, 0.0, SEV_NONE, T0 + HOUR, T0 + HOUR);
	CHECK_INT(store_put_status(s, "UA-12", "Dnipropetrovsk",
	    UTIL_POWER, &f, T0 + HOUR), OD_OK);
	s = reopen(s);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	memset(&ss, 0, sizeof(ss));
	CHECK_INT(store_statuses(s, "UA-12", collect_status, &ss), OD_OK);
	CHECK_INT(ss.n, 2);
	CHECK_STR(ss.r[1].utility, "power");
	CHECK_STR(ss.r[1].name, "Dnipropetrovsk");
	CHECK_STR(ss.r[1].status, "restored");
	CHECK_INT(ss.r[1].affected, 0);
	CHECK_NEAR(ss.r[1].percent, 0.0, 1e-9);
	CHECK_STR(ss.r[1].severity, "none");
	CHECK_INT(ss.r[1].since, T0 + HOUR);
	memset(&ss, 0, sizeof(ss));
	CHECK_INT(store_statuses(s, "UA-99", collect_status, &ss), OD_OK);
	CHECK_INT(ss.n, 0);
	store_close(s);
}

struct hrows {
	int64_t		 at[16], affected[16];
	char		 utility[16][16], status[16][16], severity[16][16];
	double		 percent[16];
	int		 approximate[16];
	size_t		 n;
};

static int
collect_history(void *arg, const struct store_history_row *in)
{
	struct hrows *h = arg;

	if (h->n >= NELEM(h->at))
		return 1;
	h->at[h->n] = in->at;
	h->affected[h->n] = in->affected;
	h->percent[h->n] = in->percent;
	h->approximate[h->n] = in->approximate;
	str_copy(h->utility[h->n], in->utility ? in->utility : "(null)",
	    sizeof(h->utility[0]));
	str_copy(h->status[h->n], in->status ? in->status : "(null)",
	    sizeof(h->status[0]));
	str_copy(h->severity[h->n], in->severity ? in->severity : "(null)",
	    sizeof(h->severity[0]));
	h->n++;
	return 0;
}

static void
test_history(void)
{
	struct store *s = fresh();
	struct figure f;
	struct hrows h;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(store_begin(s), OD_OK);
	for (int i = 0; i < 5; i++) {
		f = mk_figure(FS_OUTAGE, 100000 * (i + 1), 7.7 * (i + 1),
		    i < 3 ? SEV_MAJOR : SEV_CRITICAL, T0, T0 + i * HOUR);
		f.approximate = i == 1;		/* "~200,000" */
		CHECK_INT(store_add_history(s, "UA-12", UTIL_POWER,
		    T0 + i * HOUR, &f), OD_OK);
	}
	f = mk_figure(FS_PARTIAL, 5000, -1.0, SEV_MINOR, T0, T0);
	CHECK_INT(store_add_history(s, "UA-12", UTIL_WATER, T0 + HOUR, &f),
	    OD_OK);
	CHECK_INT(store_add_history(s, "UA-63", UTIL_POWER, T0 + HOUR, &f),
	    OD_OK);
	CHECK_INT(store_commit(s), OD_OK);

	/* one utility, a closed range (both ends in), oldest first */
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_history(s, "UA-12", "power", T0 + HOUR, T0 + 3 * HOUR,
	    0, collect_history, &h), OD_OK);
	CHECK_INT(h.n, 3);
	CHECK_INT(h.at[0], T0 + HOUR);
	CHECK_INT(h.at[2], T0 + 3 * HOUR);
	CHECK_INT(h.affected[0], 200000);
	CHECK_NEAR(h.percent[0], 15.4, 1e-9);
	CHECK_STR(h.status[0], "outage");
	CHECK_STR(h.severity[0], "major");
	CHECK_STR(h.severity[2], "critical");
	/* the approximate mark is kept (issue 11: history dropped it) */
	CHECK_INT(h.approximate[0], 1);
	CHECK_INT(h.approximate[1], 0);

	/* every utility of the region; a limit */
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_history(s, "UA-12", NULL, 0, INT64_MAX, 0,
	    collect_history, &h), OD_OK);
	CHECK_INT(h.n, 6);
	CHECK_STR(h.utility[1], "power");	/* T0+1h: id order breaks ties */
	CHECK_STR(h.utility[2], "water");
	CHECK_STR(h.status[2], "partial");
	CHECK(h.percent[2] < 0);		/* no denominator: NULL */
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_history(s, "UA-12", "power", 0, INT64_MAX, 2,
	    collect_history, &h), OD_OK);
	CHECK_INT(h.n, 2);
	CHECK_INT(h.at[1], T0 + HOUR);

	/* prune: strictly older rows go, of every region */
	CHECK_INT(store_prune_history(s, T0 + 2 * HOUR), OD_OK);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_history(s, "UA-12", NULL, 0, INT64_MAX, 0,
	    collect_history, &h), OD_OK);
	CHECK_INT(h.n, 3);
	CHECK_INT(h.at[0], T0 + 2 * HOUR);
	memset(&h, 0, sizeof(h));
	CHECK_INT(store_history(s, "UA-63", NULL, 0, INT64_MAX, 0,
	    collect_history, &h), OD_OK);
	CHECK_INT(h.n, 0);
	store_close(s);
}

/* ---- alert episodes ------------------------------------------------------- */

struct arow {
	int64_t		 id, started_at, updated_at, clear_since, resolved_at;
	int64_t		 affected, peak_affected;
	double		 percent, peak_percent;
	char		 key[128], region[OD_REGION_ID_MAX], utility[16];
	char		 state[16], severity[16], notified[16];
};

struct arows {
	struct arow	 r[16];
	size_t		 n;
};

static int
collect_alert(void *arg, const struct store_alert_row *in)
{
	struct arows *as = arg;
	struct arow *o;

	if (as->n >= NELEM(as->r))
		return 1;
	o = &as->r[as->n++];
	memset(o, 0, sizeof(*o));
	o->id = in->id;
	o->started_at = in->started_at;
	o->updated_at = in->updated_at;
	o->clear_since = in->clear_since;
	o->resolved_at = in->resolved_at;
	o->affected = in->affected;
	o->percent = in->percent;
	o->peak_affected = in->peak_affected;
	o->peak_percent = in->peak_percent;
	str_copy(o->key, in->incident_key ? in->incident_key : "(null)",
	    sizeof(o->key));
	str_copy(o->region, in->region ? in->region : "(null)",
	    sizeof(o->region));
	str_copy(o->utility, in->utility ? in->utility : "(null)",
	    sizeof(o->utility));
	str_copy(o->state, in->state ? in->state : "(null)", sizeof(o->state));
	str_copy(o->severity, in->severity ? in->severity : "(null)",
	    sizeof(o->severity));
	str_copy(o->notified, in->notified ? in->notified : "(null)",
	    sizeof(o->notified));
	return 0;
}

static void
test_alert_episodes(void)
{
	static const struct alert_rule rule = { SEV_MAJOR, SEV_MINOR,
	    30 * MIN };
	struct store *s = fresh();
	struct alert_state ua12, dnipro, ua63;
	struct figure f;
	struct arows as;
	int64_t id;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	memset(&ua12, 0, sizeof(ua12));
	memset(&dnipro, 0, sizeof(dnipro));
	memset(&ua63, 0, sizeof(ua63));

	/* UA-12 power fires major, as the daemon saves it */
	f = mk_figure(FS_OUTAGE, 100000, 7.7, SEV_MAJOR, T0, T0);
	CHECK_INT(alert_eval(&rule, &ua12, f.severity, T0), ALERT_FIRING);
	CHECK_INT(store_begin(s), OD_OK);
	CHECK_INT(store_save_alert(s, "UA-12", UTIL_POWER, &ua12, &f), OD_OK);
	CHECK(ua12.id > 0);
	id = ua12.id;
	/* a city and another oblast fire too */
	CHECK_INT(alert_eval(&rule, &dnipro, SEV_CRITICAL, T0 + MIN),
	    ALERT_FIRING);
	CHECK_INT(store_save_alert(s, "UA-12:dnipro", UTIL_HEAT, &dnipro, &f),
	    OD_OK);
	CHECK_INT(alert_eval(&rule, &ua63, SEV_MAJOR, T0 + 2 * MIN),
	    ALERT_FIRING);
	CHECK_INT(store_save_alert(s, "UA-63", UTIL_POWER, &ua63, &f), OD_OK);
	CHECK(dnipro.id != id && ua63.id != id && dnipro.id != ua63.id);
	CHECK_INT(store_commit(s), OD_OK);

	memset(&as, 0, sizeof(as));
	CHECK_INT(store_firing_alerts(s, collect_alert, &as), OD_OK);
	CHECK_INT(as.n, 3);
	memset(&as, 0, sizeof(as));
	CHECK_INT(store_alerts(s, "firing", "UA-12", 0, collect_alert, &as),
	    OD_OK);
	CHECK_INT(as.n, 2);			/* the oblast and its city */
	/* newest update first */
	CHECK_STR(as.r[0].region, "UA-12:dnipro");
	CHECK_STR(as.r[1].region, "UA-12");
	CHECK_INT(as.r[1].id, id);
	CHECK_STR(as.r[1].key, "UA-12/power/1795687200000");
	CHECK_STR(as.r[1].utility, "power");
	CHECK_STR(as.r[1].state, "firing");
	CHECK_STR(as.r[1].severity, "major");
	CHECK_STR(as.r[1].notified, "major");
	CHECK_INT(as.r[1].started_at, T0);
	CHECK_INT(as.r[1].updated_at, T0);
	CHECK_INT(as.r[1].resolved_at, -1);
	CHECK_INT(as.r[1].clear_since, 0);
	CHECK_INT(as.r[1].affected, 100000);
	CHECK_NEAR(as.r[1].percent, 7.7, 1e-9);
	CHECK_INT(as.r[1].peak_affected, 100000);
	CHECK_NEAR(as.r[1].peak_percent, 7.7, 1e-9);

	/* escalates: the same row is updated */
	f = mk_figure(FS_OUTAGE, 600000, 46.1, SEV_CRITICAL, T0, T0 + HOUR);
	CHECK_INT(alert_eval(&rule, &ua12, f.severity, T0 + HOUR),
	    ALERT_UPDATED);
	CHECK_INT(store_save_alert(s, "UA-12", UTIL_POWER, &ua12, &f), OD_OK);
	CHECK_INT(ua12.id, id);
	memset(&as, 0, sizeof(as));
	CHECK_INT(store_alerts(s, NULL, "UA-12", 0, collect_alert, &as),
	    OD_OK);
	CHECK_INT(as.n, 2);
	CHECK_INT(as.r[0].id, id);		/* now the newest update */
	CHECK_STR(as.r[0].severity, "critical");
	CHECK_STR(as.r[0].notified, "critical");
	CHECK_INT(as.r[0].updated_at, T0 + HOUR);
	CHECK_INT(as.r[0].affected, 600000);
	CHECK_INT(as.r[0].started_at, T0);

	/* restored: clearing, then resolved after min_clear */
	f = mk_figure(FS_RESTORED, 0, 0.0, SEV_NONE, T0 + 2 * HOUR,
	    T0 + 2 * HOUR);
	CHECK_INT(alert_eval(&rule, &ua12, f.severity, T0 + 2 * HOUR),
	    ALERT_NONE);
	CHECK_INT(store_save_alert(s, "UA-12", UTIL_POWER, &ua12, &f), OD_OK);
	memset(&as, 0, sizeof(as));
	CHECK_INT(store_alerts(s, "firing", "UA-12", 0, collect_alert, &as),
	    OD_OK);
	CHECK_INT(as.n, 2);
	CHECK_INT(as.r[0].id, id);	/* still firing, updated at T0+1h */
	CHECK_INT(as.r[0].updated_at, T0 + HOUR);
	CHECK_INT(as.r[0].clear_since, T0 + 2 * HOUR);
	CHECK_STR(as.r[0].severity, "none");
	CHECK_STR(as.r[0].notified, "critical");
	CHECK_INT(as.r[0].resolved_at, -1);
	CHECK_INT(alert_eval(&rule, &ua12, SEV_NONE, T0 + 3 * HOUR),
	    ALERT_RESOLVED);
	CHECK_INT(store_save_alert(s, "UA-12", UTIL_POWER, &ua12, &f), OD_OK);
	CHECK_INT(ua12.id, id);

	s = reopen(s);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	memset(&as, 0, sizeof(as));
	CHECK_INT(store_firing_alerts(s, collect_alert, &as), OD_OK);
	CHECK_INT(as.n, 2);
	CHECK(as.r[0].id != id && as.r[1].id != id);
	memset(&as, 0, sizeof(as));
	CHECK_INT(store_alerts(s, "resolved", NULL, 0, collect_alert, &as),
	    OD_OK);
	CHECK_INT(as.n, 1);
	CHECK_INT(as.r[0].id, id);
	CHECK_STR(as.r[0].state, "resolved");
	CHECK_INT(as.r[0].resolved_at, T0 + 3 * HOUR);
	CHECK_INT(as.r[0].started_at, T0);
	CHECK_INT(as.r[0].affected, 0);
	/* its worst is kept past the resolution (issue 11 item 6) */
	CHECK_STR(as.r[0].notified, "critical");
	CHECK_INT(as.r[0].peak_affected, 600000);
	CHECK_NEAR(as.r[0].peak_percent, 46.1, 1e-9);

	/* all: firing first, then the resolved one; a limit */
	memset(&as, 0, sizeof(as));
	CHECK_INT(store_alerts(s, NULL, NULL, 0, collect_alert, &as), OD_OK);
	CHECK_INT(as.n, 3);
	CHECK_STR(as.r[0].state, "firing");
	CHECK_STR(as.r[1].state, "firing");
	CHECK_STR(as.r[2].state, "resolved");
	memset(&as, 0, sizeof(as));
	CHECK_INT(store_alerts(s, NULL, NULL, 1, collect_alert, &as), OD_OK);
	CHECK_INT(as.n, 1);
	CHECK_STR(as.r[0].region, "UA-63");	/* newest firing */

	/* a new episode of the same cell is a new row with a new key */
	memset(&ua12, 0, sizeof(ua12));
	f = mk_figure(FS_OUTAGE, 100000, 7.7, SEV_MAJOR, T0 + 5 * HOUR,
	    T0 + 5 * HOUR);
	CHECK_INT(alert_eval(&rule, &ua12, f.severity, T0 + 5 * HOUR),
	    ALERT_FIRING);
	CHECK_INT(store_save_alert(s, "UA-12", UTIL_POWER, &ua12, &f), OD_OK);
	CHECK(ua12.id > 0 && ua12.id != id);
	memset(&as, 0, sizeof(as));
	CHECK_INT(store_alerts(s, NULL, "UA-12", 0, collect_alert, &as),
	    OD_OK);
	CHECK_INT(as.n, 3);
	store_close(s);
}

/* ---- outbox ------------------------------------------------------------------ */

struct orows {
	int64_t		 id[8];
	char		 topic[8][64], payload[8][64];
	int		 qos[8], retain[8];
	size_t		 n;
};

static int
collect_outbox(void *arg, const struct store_outbox_row *in)
{
	struct orows *o = arg;

	if (o->n >= NELEM(o->id))
		return 1;
	o->id[o->n] = in->id;
	str_copy(o->topic[o->n], in->topic ? in->topic : "(null)",
	    sizeof(o->topic[0]));
	str_copy(o->payload[o->n], in->payload ? in->payload : "(null)",
	    sizeof(o->payload[0]));
	o->qos[o->n] = in->qos;
	o->retain[o->n] = in->retain;
	o->n++;
	return 0;
}

static void
test_outbox(void)
{
	struct store *s = fresh();
	struct orows o;
	int64_t id[3] = { 0, 0, 0 };

	CHECK(s != NULL);
	if (s == NULL)
		return;
	memset(&o, 0, sizeof(o));
	CHECK_INT(store_outbox(s, collect_outbox, &o), OD_OK);
	CHECK_INT(o.n, 0);
	CHECK_INT(store_begin(s), OD_OK);
	CHECK_INT(store_outbox_add(s, "outages/alerts/UA-12/power",
	    "{\"event\":\"firing\"}", 1, 0, T0, &id[0]), OD_OK);
	CHECK_INT(store_outbox_add(s, "outages/status/UA-12", "{\"a\":1}", 1,
	    1, T0, &id[1]), OD_OK);
	CHECK_INT(store_outbox_add(s, "outages/alerts/UA-63/heat",
	    "{\"event\":\"resolved\"}", 0, 0, T0 + 1, &id[2]), OD_OK);
	CHECK_INT(store_outbox_add(s, "t", "p", 1, 0, T0, NULL), OD_OK);
	CHECK_INT(store_commit(s), OD_OK);
	CHECK(id[0] > 0 && id[1] > id[0] && id[2] > id[1]);

	memset(&o, 0, sizeof(o));
	CHECK_INT(store_outbox(s, collect_outbox, &o), OD_OK);
	CHECK_INT(o.n, 4);
	CHECK_INT(o.id[0], id[0]);
	CHECK_STR(o.topic[0], "outages/alerts/UA-12/power");
	CHECK_STR(o.payload[0], "{\"event\":\"firing\"}");
	CHECK_INT(o.qos[0], 1);
	CHECK_INT(o.retain[0], 0);
	CHECK_INT(o.retain[1], 1);
	CHECK_INT(o.qos[2], 0);
	CHECK_STR(o.topic[3], "t");

	/* delete the middle one (acknowledged); an unknown id is no error */
	CHECK_INT(store_outbox_delete(s, id[1]), OD_OK);
	CHECK_INT(store_outbox_delete(s, id[2] + 1000), OD_OK);
	/* rolled back deletes leave the message queued */
	CHECK_INT(store_begin(s), OD_OK);
	CHECK_INT(store_outbox_delete(s, id[0]), OD_OK);
	store_rollback(s);

	s = reopen(s);		/* unsent messages survive a restart */
	CHECK(s != NULL);
	if (s == NULL)
		return;
	memset(&o, 0, sizeof(o));
	CHECK_INT(store_outbox(s, collect_outbox, &o), OD_OK);
	CHECK_INT(o.n, 3);
	CHECK_INT(o.id[0], id[0]);
	CHECK_INT(o.id[1], id[2]);
	CHECK_STR(o.payload[1], "{\"event\":\"resolved\"}");
	store_close(s);
}

/* ---- news and feeds --------------------------------------------------------- */

static void
test_news_and_feeds(void)
{
	struct store *s = fresh();
	char *etag = (char *)"x", *lm = (char *)"x";
	int seen = -1;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(store_news_seen(s, "energy/a1", &seen), OD_OK);
	CHECK_INT(seen, 0);
	CHECK_INT(store_news_mark(s, "energy/a1", "energy",
	    "https://news.example/a1", T0, 2), OD_OK);
	CHECK_INT(store_news_seen(s, "energy/a1", &seen), OD_OK);
	CHECK_INT(seen, 1);
	/* marking twice is fine; another key is not seen */
	CHECK_INT(store_news_mark(s, "energy/a1", "energy", "", T0 + 1, 0),
	    OD_OK);
	CHECK_INT(store_news_seen(s, "energy/a2", &seen), OD_OK);
	CHECK_INT(seen, 0);

	/* a feed never fetched has no validators */
	CHECK_INT(store_feed_get(s, "energy", "https://news.example/rss",
	    &etag, &lm), OD_OK);
	CHECK(etag == NULL && lm == NULL);
	/* a fetch records them */
	CHECK_INT(store_feed_put(s, "energy", "https://news.example/rss",
	    "\"v1\"", "Wed, 26 Nov 2026 10:00:00 GMT", T0, NULL, 0), OD_OK);
	CHECK_INT(store_feed_get(s, "energy", "https://news.example/rss",
	    &etag, &lm), OD_OK);
	CHECK_STR(etag, "\"v1\"");
	CHECK_STR(lm, "Wed, 26 Nov 2026 10:00:00 GMT");
	free(etag);
	free(lm);
	/* a 304 or an error (NULL validators) keeps them */
	CHECK_INT(store_feed_put(s, "energy", "https://news.example/rss",
	    NULL, NULL, T0 + HOUR, NULL, 0), OD_OK);
	CHECK_INT(store_feed_put(s, "energy", "https://news.example/rss",
	    NULL, NULL, 0, "HTTP status 503", T0 + 2 * HOUR), OD_OK);
	CHECK_INT(store_feed_get(s, "energy", "https://news.example/rss",
	    &etag, &lm), OD_OK);
	CHECK_STR(etag, "\"v1\"");
	CHECK_STR(lm, "Wed, 26 Nov 2026 10:00:00 GMT");
	free(etag);
	free(lm);
	/* new ones replace them */
	CHECK_INT(store_feed_put(s, "energy", "https://news.example/rss",
	    "\"v2\"", NULL, T0 + 3 * HOUR, NULL, 0), OD_OK);
	CHECK_INT(store_feed_get(s, "energy", "https://news.example/rss",
	    &etag, &lm), OD_OK);
	CHECK_STR(etag, "\"v2\"");
	CHECK_STR(lm, "Wed, 26 Nov 2026 10:00:00 GMT");
	free(etag);
	free(lm);
	/* validators belong to the URL: another URL has none */
	CHECK_INT(store_feed_get(s, "energy", "https://other.example/rss",
	    &etag, &lm), OD_OK);
	CHECK(etag == NULL && lm == NULL);
	CHECK_INT(store_feed_get(s, "sport", "https://news.example/rss",
	    &etag, &lm), OD_OK);
	CHECK(etag == NULL && lm == NULL);

	/* persisted */
	s = reopen(s);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(store_news_seen(s, "energy/a1", &seen), OD_OK);
	CHECK_INT(seen, 1);
	CHECK_INT(store_feed_get(s, "energy", "https://news.example/rss",
	    &etag, &lm), OD_OK);
	CHECK_STR(etag, "\"v2\"");
	free(etag);
	free(lm);
	store_close(s);
}

/*
 * The feed's URL changes (a reload or a restart with a new configuration)
 * and the first fetch of the new URL fails.  The old URL's validators must
 * not become the new URL's: sent as If-None-Match/If-Modified-Since to the
 * new URL they can earn a 304 and the new feed is never read.
 */
static void
test_feed_url_change(void)
{
	struct store *s = fresh();
	char *etag = NULL, *lm = NULL;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(store_feed_put(s, "energy", "https://old.example/rss",
	    "\"old\"", "Wed, 26 Nov 2026 10:00:00 GMT", T0, NULL, 0), OD_OK);
	CHECK_INT(store_feed_get(s, "energy", "https://new.example/rss",
	    &etag, &lm), OD_OK);
	CHECK(etag == NULL && lm == NULL);
	/* the new URL's first fetch fails: an error without validators */
	CHECK_INT(store_feed_put(s, "energy", "https://new.example/rss",
	    NULL, NULL, 0, "HTTP status 503", T0 + HOUR), OD_OK);
	CHECK_INT(store_feed_get(s, "energy", "https://new.example/rss",
	    &etag, &lm), OD_OK);
	CHECK(etag == NULL);
	CHECK(lm == NULL);
	free(etag);
	free(lm);
	/* and a success without validators of its own likewise */
	CHECK_INT(store_feed_put(s, "energy", "https://old.example/rss",
	    "\"old\"", "Wed, 26 Nov 2026 10:00:00 GMT", T0, NULL, 0), OD_OK);
	CHECK_INT(store_feed_put(s, "energy", "https://new.example/rss",
	    NULL, NULL, T0 + HOUR, NULL, 0), OD_OK);
	CHECK_INT(store_feed_get(s, "energy", "https://new.example/rss",
	    &etag, &lm), OD_OK);
	CHECK(etag == NULL);
	CHECK(lm == NULL);
	free(etag);
	free(lm);
	store_close(s);
}

/* ---- retention and size ------------------------------------------------------- */

static void
test_prune_reports(void)
{
	struct store *s = fresh();
	struct store_query q = { NULL, NULL, 0, 0 };
	struct rrows rs;
	char key[32], kb[256];
	int64_t deleted = -1, n = -1;
	int seen = -1;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	/* 10 reports received an hour apart, observed in reverse */
	CHECK_INT(store_begin(s), OD_OK);
	for (int i = 0; i < 10; i++) {
		snprintf(key, sizeof(key), "r%d", i);
		CHECK_INT(put(s, key, "dtek", &R_UA12, i, T0 + (10 - i) * HOUR,
		    T0 + i * HOUR), OD_OK);
	}
	/* 4 rejections and 4 news items, likewise */
	for (int i = 0; i < 4; i++) {
		snprintf(key, sizeof(key), "news/%d", i);
		CHECK_INT(store_put_rejection(s, T0 + i * HOUR, "mqtt", "dtek",
		    "invalid_json", "x", NULL, 0), OD_OK);
		CHECK_INT(store_news_mark(s, key, "news", NULL, T0 + i * HOUR,
		    0), OD_OK);
	}
	CHECK_INT(store_commit(s), OD_OK);

	/* before T0+5h: 5 reports, 4 rejections, 4 items; at most 3 each */
	CHECK_INT(store_prune_reports(s, T0 + 5 * HOUR, 3, &deleted), OD_OK);
	CHECK_INT(deleted, 3 + 3 + 3);
	CHECK_INT(count_all(s), 7);
	memset(&rs, 0, sizeof(rs));
	CHECK_INT(store_reports_page(s, &q, 0, collect_report, &rs), OD_OK);
	CHECK_STR(keys(&rs, kb, sizeof(kb)), "r9 r8 r7 r6 r5 r4 r3");
	CHECK_INT(store_count_rejections(s, &n), OD_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_news_seen(s, "news/3", &seen), OD_OK);
	CHECK_INT(seen, 1);			/* the newest item stays */

	/* the next batch takes the rest that is old enough */
	CHECK_INT(store_prune_reports(s, T0 + 5 * HOUR, 3, &deleted), OD_OK);
	CHECK_INT(deleted, 2 + 1 + 1);
	memset(&rs, 0, sizeof(rs));
	CHECK_INT(store_reports_page(s, &q, 0, collect_report, &rs), OD_OK);
	CHECK_STR(keys(&rs, kb, sizeof(kb)), "r9 r8 r7 r6 r5");
	CHECK_INT(store_count_rejections(s, &n), OD_OK);
	CHECK_INT(n, 0);
	for (int i = 0; i < 4; i++) {
		snprintf(key, sizeof(key), "news/%d", i);
		CHECK_INT(store_news_seen(s, key, &seen), OD_OK);
		CHECK_INT(seen, 0);
	}

	/* and then nothing: the cut is by received_at, not observed_at */
	CHECK_INT(store_prune_reports(s, T0 + 5 * HOUR, 3, &deleted), OD_OK);
	CHECK_INT(deleted, 0);
	CHECK_INT(count_all(s), 5);

	/* inside a transaction, a rollback undoes a prune */
	CHECK_INT(store_begin(s), OD_OK);
	CHECK_INT(store_prune_reports(s, T0 + 100 * HOUR, 100, &deleted),
	    OD_OK);
	CHECK_INT(deleted, 5);
	CHECK_INT(count_all(s), 0);
	store_rollback(s);
	CHECK_INT(count_all(s), 5);
	store_close(s);
}

static void
test_size(void)
{
	struct store *s = fresh();
	static char big[8192];
	int64_t before, after;
	struct report r;
	char key[32];

	CHECK(s != NULL);
	if (s == NULL)
		return;
	before = store_size(s);
	CHECK(before > 0);
	CHECK_INT(before % 512, 0);		/* whole pages */
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK_INT(store_begin(s), OD_OK);
	for (int i = 0; i < 64; i++) {
		snprintf(key, sizeof(key), "big%d", i);
		mk_report(&r, key, "dtek", &R_UA12, UTIL_POWER, RS_OUTAGE, i,
		    T0, T0);
		r.raw = big;
		CHECK_INT(store_put_report(s, &r, "mqtt"), OD_OK);
	}
	CHECK_INT(store_commit(s), OD_OK);
	after = store_size(s);
	/* 64 rows of 8 KiB: at least half a megabyte more */
	CHECK(after >= before + 64 * 8191);
	CHECK_INT(after % 512, 0);
	/* the same after a restart */
	s = reopen(s);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(store_size(s), after);
	store_close(s);
}

/* Percent per report row, copied. */
struct pct_rows {
	double		 pct[8];
	size_t		 n;
};

static int
collect_pct(void *arg, const struct store_report_row *in)
{
	struct pct_rows *p = arg;

	if (p->n < NELEM(p->pct))
		p->pct[p->n++] = in->percent;
	return 0;
}

/*
 * Migration 7: a report keeps its percent (NULL: none).  A database of
 * schema 6 (made here by taking the column away again) gains the column
 * on open; its old rows read as without a percent.
 */
static void
test_report_percent(void)
{
	struct store *s = fresh();
	struct store_query q = { NULL, NULL, 0, 0 };
	struct pct_rows pr;
	struct report r;
	sqlite3 *db;
	char path[512];

	CHECK(s != NULL);
	if (s == NULL)
		return;
	mk_report(&r, "dtek:pct", "dtek", &R_UA63, UTIL_POWER, RS_OUTAGE, -1,
	    T0, T0);
	r.percent = 40;
	CHECK_INT(store_put_report(s, &r, "mqtt"), OD_OK);
	CHECK_INT(put(s, "dtek:count", "dtek", &R_UA12, 5, T0 + MIN,
	    T0 + MIN), OD_OK);
	memset(&pr, 0, sizeof(pr));
	CHECK_INT(store_reports(s, &q, 1, collect_pct, &pr), OD_OK);
	CHECK_INT(pr.n, 2);
	CHECK_NEAR(pr.pct[0], 40.0, 1e-12);
	CHECK(pr.pct[1] < 0);
	store_close(s);

	/* back to schema 6, then open: migrated again */
	path_in_tmp(path, sizeof(path), "t.db");
	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, "ALTER TABLE reports DROP COLUMN percent;"
	    "PRAGMA user_version = 6;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	s = reopen(NULL);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	memset(&pr, 0, sizeof(pr));
	CHECK_INT(store_reports(s, &q, 1, collect_pct, &pr), OD_OK);
	CHECK_INT(pr.n, 2);
	CHECK(pr.pct[0] < 0 && pr.pct[1] < 0);
	mk_report(&r, "dtek:pct2", "dtek", &R_UA63, UTIL_POWER, RS_OUTAGE, -1,
	    T0 + 2 * MIN, T0 + 2 * MIN);
	r.percent = 87.5;
	CHECK_INT(store_put_report(s, &r, "mqtt"), OD_OK);
	memset(&pr, 0, sizeof(pr));
	CHECK_INT(store_reports(s, &q, 1, collect_pct, &pr), OD_OK);
	CHECK_INT(pr.n, 3);
	CHECK_NEAR(pr.pct[2], 87.5, 1e-12);
	store_close(s);
}

/* Whether the database at path has an index of that name. */
static int
has_index(const char *path, const char *name)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int n = -1;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE "
	    "type = 'index' AND name = ?", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return n;
}

/*
 * Migration 8: the unused reports_region and reports_source indexes go
 * (no query's plan used them); reports_observed and reports_received
 * stay.  A schema 7 database (the two indexes made again) loses them on
 * open, and the region and source filters still find the same rows.
 */
static void
test_report_indexes(void)
{
	struct store *s = fresh();
	struct store_query q = { NULL, NULL, 0, 0 };
	struct rrows rs;
	sqlite3 *db;
	char path[512];
	int64_t n = -1;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(put(s, "a:1", "dtek", &R_UA12, 5, T0, T0), OD_OK);
	CHECK_INT(put(s, "a:2", "yasno", &R_DNIPRO, 6, T0 + MIN, T0 + MIN),
	    OD_OK);
	CHECK_INT(put(s, "a:3", "dtek", &R_UA63, 7, T0 + 2 * MIN,
	    T0 + 2 * MIN), OD_OK);
	store_close(s);
	path_in_tmp(path, sizeof(path), "t.db");
	CHECK_INT(has_index(path, "reports_region"), 0);
	CHECK_INT(has_index(path, "reports_source"), 0);
	CHECK_INT(has_index(path, "reports_observed"), 1);
	CHECK_INT(has_index(path, "reports_received"), 1);

	/* back to schema 7, then open: migrated again */
	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db,
	    "CREATE INDEX reports_region ON reports(region, observed_at);"
	    "CREATE INDEX reports_source ON reports(source, observed_at);"
	    "PRAGMA user_version = 7;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	CHECK_INT(has_index(path, "reports_region"), 1);
	s = reopen(NULL);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(has_index(path, "reports_region"), 0);
	CHECK_INT(has_index(path, "reports_source"), 0);
	/* the filters those indexes were for: a region with its places */
	q.region = "UA-12";
	memset(&rs, 0, sizeof(rs));
	CHECK_INT(store_reports(s, &q, 1, collect_report, &rs), OD_OK);
	CHECK_INT(rs.n, 2);
	if (rs.n == 2) {
		CHECK_STR(rs.r[0].key, "a:1");
		CHECK_STR(rs.r[1].key, "a:2");
	}
	q.region = NULL;
	q.source = "dtek";
	CHECK_INT(store_count_reports(s, &q, &n), OD_OK);
	CHECK_INT(n, 2);
	CHECK_INT(count_all(s), 3);
	store_close(s);
}

int
main(void)
{
	int status;

	/*
	 * Quiet the "migrated database" lines of every fresh database; the
	 * two errors that tests provoke on purpose (a write to a read-only
	 * store, a NULL in a NOT NULL column) are still logged.
	 */
	log_set_level(LOG_LVL_WARN);
	if (t_tmp_begin("test_store") < 0)
		return 1;
	RUN(test_open_creates_and_migrates);
	RUN(test_open_errors);
	RUN(test_safety_at_start);
	RUN(test_check_and_backup);
	RUN(test_transactions);
	RUN(test_report_idempotent);
	RUN(test_report_queries);
	RUN(test_report_percent);
	RUN(test_report_indexes);
	RUN(test_reports_page);
	RUN(test_rejections);
	RUN(test_status_roundtrip);
	RUN(test_history);
	RUN(test_alert_episodes);
	RUN(test_outbox);
	RUN(test_news_and_feeds);
	RUN(test_feed_url_change);
	RUN(test_prune_reports);
	RUN(test_size);
	status = T_DONE();
	t_tmp_end();
	return status;
}
