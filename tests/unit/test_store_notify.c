/* SPDX-License-Identifier: MIT */
/*
 * test_store_notify.c - the delivery half of the store (store_notify.c)
 * against a real database file in a fresh temporary directory:
 * subscriptions, their episodes, deliveries (due, retried, sent, dead,
 * cancelled, paged), silences, the audit trail, transactions, and
 * migration 4 on a database of schema 3.  Only the public API of store.h,
 * except where a test builds an old database with the SQLite C API.
 */
#include <dirent.h>
#include <stdint.h>
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


static struct region R_UA12 = { .id = "UA-12" };
static char region_input[] = "Dnipropetrovsk";
static char raw_json[] = "{\"source\":\"dtek\",\"region\":\"UA-12\"}";

/* ---- the database file ---------------------------------------------------- */

/* Run SQL on a closed database file with the SQLite C API; 0 when done. */
static int
raw_sql(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	const char *tail = sql;
	int rc;

	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
	while (rc == SQLITE_OK && tail != NULL && *tail != '\0') {
		sqlite3_stmt *st = NULL;

		rc = sqlite3_prepare_v2(db, tail, -1, &st, &tail);
		if (rc != SQLITE_OK || st == NULL)
			break;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		sqlite3_finalize(st);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	if (rc != SQLITE_OK)
		fprintf(stderr, "%s: %s\n", path, sqlite3_errmsg(db));
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

/* The first column of the first row of a query, -1 on error. */
static int64_t
raw_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* ---- copies of rows (the store's rows are borrowed) ------------------------ */

/* Copy a borrowed string; NULL becomes "(null)" and is remembered. */
static int
cp(char *dst, size_t len, const char *src)
{
	str_copy(dst, src != NULL ? src : "(null)", len);
	return src == NULL;
}

struct srow {
	int64_t		 id, created_at, disabled_at, deleted_at;
	int		 owner_null;
	char		 body[128], owner[64];
};
struct srows {
	struct srow	 r[32];
	size_t		 n, stop_after;		/* 0: never stop */
};

static int
collect_sub(void *arg, const struct store_sub_row *in)
{
	struct srows *rs = arg;
	struct srow *o;

	if (rs->n >= NELEM(rs->r))
		return 1;
	o = &rs->r[rs->n++];
	o->id = in->id;
	o->created_at = in->created_at;
	o->disabled_at = in->disabled_at;
	o->deleted_at = in->deleted_at;
	cp(o->body, sizeof(o->body), in->body);
	o->owner_null = cp(o->owner, sizeof(o->owner), in->owner);
	return rs->stop_after != 0 && rs->n >= rs->stop_after;
}

static size_t
list_subs(struct store *s, int with_deleted, struct srows *rs)
{
	memset(rs, 0, sizeof(*rs));
	CHECK_INT(store_subs(s, with_deleted, collect_sub, rs), OD_OK);
	return rs->n;
}

static const struct srow *
find_sub(const struct srows *rs, int64_t id)
{
	for (size_t i = 0; i < rs->n; i++)
		if (rs->r[i].id == id)
			return &rs->r[i];
	return NULL;
}

struct erow {
	int64_t		 sub_id, started_at, last_sent_at, acked_at;
	int		 firing;
	char		 region[32], utility[16], notified[16], key[64];
};
struct erows {
	struct erow	 r[32];
	size_t		 n;
};

static int
collect_episode(void *arg, const struct store_episode_row *in)
{
	struct erows *es = arg;
	struct erow *o;

	if (es->n >= NELEM(es->r))
		return 1;
	o = &es->r[es->n++];
	o->sub_id = in->sub_id;
	o->started_at = in->started_at;
	o->last_sent_at = in->last_sent_at;
	o->acked_at = in->acked_at;
	o->firing = in->firing;
	cp(o->region, sizeof(o->region), in->region);
	cp(o->utility, sizeof(o->utility), in->utility);
	cp(o->notified, sizeof(o->notified), in->notified);
	cp(o->key, sizeof(o->key), in->incident_key);
	return 0;
}

static size_t
list_episodes(struct store *s, struct erows *es)
{
	memset(es, 0, sizeof(*es));
	CHECK_INT(store_episodes(s, collect_episode, es), OD_OK);
	return es->n;
}

struct drow {
	int64_t		 id, sub_id, created_at, next_at, done_at;
	int		 attempts, last_status, last_error_null;
	char		 key[64], event[16], region[32], utility[16];
	char		 severity[16], channel[16], target[64], msg_id[64];
	char		 title[64], text[128], payload[128], state[16];
	char		 last_error[64];
};
struct drows {
	struct drow	 r[32];
	size_t		 n, stop_after;		/* 0: never stop */
};

static int
collect_delivery(void *arg, const struct store_delivery_row *in)
{
	struct drows *ds = arg;
	struct drow *o;

	if (ds->n >= NELEM(ds->r))
		return 1;
	o = &ds->r[ds->n++];
	o->id = in->id;
	o->sub_id = in->sub_id;
	o->created_at = in->created_at;
	o->next_at = in->next_at;
	o->done_at = in->done_at;
	o->attempts = in->attempts;
	o->last_status = in->last_status;
	cp(o->key, sizeof(o->key), in->incident_key);
	cp(o->event, sizeof(o->event), in->event);
	cp(o->region, sizeof(o->region), in->region);
	cp(o->utility, sizeof(o->utility), in->utility);
	cp(o->severity, sizeof(o->severity), in->severity);
	cp(o->channel, sizeof(o->channel), in->channel);
	cp(o->target, sizeof(o->target), in->target);
	cp(o->msg_id, sizeof(o->msg_id), in->msg_id);
	cp(o->title, sizeof(o->title), in->title);
	cp(o->text, sizeof(o->text), in->text);
	cp(o->payload, sizeof(o->payload), in->payload);
	cp(o->state, sizeof(o->state), in->state);
	o->last_error_null = cp(o->last_error, sizeof(o->last_error),
	    in->last_error);
	return ds->stop_after != 0 && ds->n >= ds->stop_after;
}

static size_t
due(struct store *s, int64_t now, int limit, struct drows *ds)
{
	memset(ds, 0, sizeof(*ds));
	CHECK_INT(store_deliveries_due(s, now, limit, collect_delivery, ds),
	    OD_OK);
	return ds->n;
}

static size_t
deliveries(struct store *s, const char *state, int64_t sub_id,
    int64_t before_id, int limit, struct drows *ds)
{
	memset(ds, 0, sizeof(*ds));
	CHECK_INT(store_deliveries(s, state, sub_id, before_id, limit,
	    collect_delivery, ds), OD_OK);
	return ds->n;
}

/* The delivery with that id, as the store has it now (NULL: none). */
static const struct drow *
delivery(struct store *s, int64_t id, struct drows *ds)
{
	deliveries(s, NULL, 0, 0, 1000, ds);
	for (size_t i = 0; i < ds->n; i++)
		if (ds->r[i].id == id)
			return &ds->r[i];
	return NULL;
}

struct lrow {
	int64_t		 id, starts_at, ends_at, created_at, deleted_at;
	int		 utility_null, comment_null, created_by_null;
	char		 region[32], utility[16], comment[64], created_by[32];
};
struct lrows {
	struct lrow	 r[32];
	size_t		 n;
};

static int
collect_silence(void *arg, const struct store_silence_row *in)
{
	struct lrows *ls = arg;
	struct lrow *o;

	if (ls->n >= NELEM(ls->r))
		return 1;
	o = &ls->r[ls->n++];
	o->id = in->id;
	o->starts_at = in->starts_at;
	o->ends_at = in->ends_at;
	o->created_at = in->created_at;
	o->deleted_at = in->deleted_at;
	cp(o->region, sizeof(o->region), in->region);
	o->utility_null = cp(o->utility, sizeof(o->utility), in->utility);
	o->comment_null = cp(o->comment, sizeof(o->comment), in->comment);
	o->created_by_null = cp(o->created_by, sizeof(o->created_by),
	    in->created_by);
	return 0;
}

static size_t
silences(struct store *s, int64_t after, struct lrows *ls)
{
	memset(ls, 0, sizeof(*ls));
	CHECK_INT(store_silences(s, after, collect_silence, ls), OD_OK);
	return ls->n;
}

struct arow {
	int64_t		 id, at;
	int		 detail_null, actor_null;
	char		 kind[32], subject[32], detail[64], actor[32];
};
struct arows {
	struct arow	 r[32];
	size_t		 n;
};

static int
collect_audit(void *arg, const struct store_audit_row *in)
{
	struct arows *as = arg;
	struct arow *o;

	if (as->n >= NELEM(as->r))
		return 1;
	o = &as->r[as->n++];
	o->id = in->id;
	o->at = in->at;
	cp(o->kind, sizeof(o->kind), in->kind);
	cp(o->subject, sizeof(o->subject), in->subject);
	o->detail_null = cp(o->detail, sizeof(o->detail), in->detail);
	o->actor_null = cp(o->actor, sizeof(o->actor), in->actor);
	return 0;
}

static size_t
audit(struct store *s, int64_t before_id, int limit, struct arows *as)
{
	memset(as, 0, sizeof(*as));
	CHECK_INT(store_audit(s, before_id, limit, collect_audit, as), OD_OK);
	return as->n;
}

/* ---- inputs ------------------------------------------------------------- */

/* A delivery as the router would queue it; msg_id must be unique. */
static void
mk_delivery(struct store_delivery_row *d, int64_t sub_id, const char *msg_id,
    int64_t created_at, int64_t next_at)
{
	memset(d, 0, sizeof(*d));
	d->sub_id = sub_id;
	d->incident_key = "UA-12/power/1795687200000";
	d->event = "firing";
	d->region = "UA-12";
	d->utility = "power";
	d->severity = "critical";
	d->channel = "webhook";
	d->target = "https://ops.example.org/hook";
	d->msg_id = msg_id;
	d->title = "UA-12 power: critical";
	d->text = "600000 households without power (46.1 %)";
	d->payload = "{\"region\":\"UA-12\",\"utility\":\"power\"}";
	d->created_at = created_at;
	d->next_at = next_at;
	d->state = "ignored";		/* the store sets "pending" */
	d->attempts = 7;		/* and 0 */
}

static int64_t
add_delivery(struct store *s, int64_t sub_id, const char *msg_id,
    int64_t next_at)
{
	struct store_delivery_row d;
	int64_t id = -1;

	mk_delivery(&d, sub_id, msg_id, T0, next_at);
	CHECK_INT(store_delivery_add(s, &d, &id), OD_OK);
	CHECK(id > 0);
	return id;
}

static void
mk_episode(struct store_episode_row *e, int64_t sub_id, const char *region,
    const char *utility)
{
	memset(e, 0, sizeof(*e));
	e->sub_id = sub_id;
	e->region = region;
	e->utility = utility;
	e->firing = 1;
	e->notified = "major";
	e->started_at = T0;
	e->last_sent_at = T0 + MIN;
	e->acked_at = 0;
	e->incident_key = "UA-12/power/1795687200000";
}

static void
mk_silence(struct store_silence_row *r, const char *region,
    const char *utility, int64_t starts_at, int64_t ends_at)
{
	memset(r, 0, sizeof(*r));
	r->region = region;
	r->utility = utility;
	r->starts_at = starts_at;
	r->ends_at = ends_at;
	r->comment = "planned maintenance";
	r->created_by = "ops";
	r->created_at = T0;
}

static void
counts(struct store *s, int64_t *p, int64_t *snt, int64_t *d, int64_t *c)
{
	*p = *snt = *d = *c = -7;	/* each must be set, 0 included */
	CHECK_INT(store_delivery_counts(s, p, snt, d, c), OD_OK);
}

/* ---- schema ------------------------------------------------------------- */

static void
test_schema_version(void)
{
	struct store *s;
	struct srows rs;
	char path[512];

	CHECK_INT(STORE_SCHEMA_VERSION >= 4, 1);
	s = fresh();
	CHECK(s != NULL);
	if (s == NULL)
		return;
	/* an empty new database answers every delivery query */
	CHECK_INT(list_subs(s, 1, &rs), 0);
	store_close(s);
	path_in_tmp(path, sizeof(path), "t.db");
	CHECK_INT(raw_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	CHECK_INT(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE "
	    "type = 'table' AND name IN ('subscriptions', 'sub_episodes',"
	    " 'deliveries', 'silences', 'audit')"), 5);
}

/* ---- subscriptions ------------------------------------------------------- */

static void
test_sub_add_list(void)
{
	struct store *s = fresh();
	struct srows rs;
	int64_t a = -1, b = -1, c = -1;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(store_sub_add(s, "{\"name\":\"a\"}", "alice", T0, &a), OD_OK);
	CHECK_INT(store_sub_add(s, "{\"name\":\"b\"}", NULL, T0 + 1, &b),
	    OD_OK);
	CHECK_INT(store_sub_add(s, "{\"name\":\"c\"}", "carol", T0 + 2, &c),
	    OD_OK);
	CHECK(a > 0);
	CHECK(b > a);
	CHECK(c > b);
	/* a NULL id pointer is fine */
	CHECK_INT(store_sub_add(s, "{\"name\":\"d\"}", "dave", T0 + 3, NULL),
	    OD_OK);

	CHECK_INT(list_subs(s, 0, &rs), 4);
	if (rs.n == 4) {
		CHECK_INT(rs.r[0].id, a);
		CHECK_INT(rs.r[1].id, b);
		CHECK_INT(rs.r[2].id, c);
		CHECK(rs.r[3].id > c);
		CHECK_STR(rs.r[0].body, "{\"name\":\"a\"}");
		CHECK_STR(rs.r[0].owner, "alice");
		CHECK_INT(rs.r[0].owner_null, 0);
		CHECK_INT(rs.r[0].created_at, T0);
		CHECK_STR(rs.r[1].body, "{\"name\":\"b\"}");
		CHECK_INT(rs.r[1].owner_null, 1);
		CHECK_INT(rs.r[1].created_at, T0 + 1);
		CHECK_STR(rs.r[2].owner, "carol");
		CHECK_INT(rs.r[2].created_at, T0 + 2);
		CHECK_STR(rs.r[3].body, "{\"name\":\"d\"}");
		for (size_t i = 0; i < rs.n; i++) {
			CHECK_INT(rs.r[i].disabled_at, 0);
			CHECK_INT(rs.r[i].deleted_at, 0);
		}
	}
	/* with_deleted lists the same when none is deleted */
	CHECK_INT(list_subs(s, 1, &rs), 4);
	store_close(s);
}

static void
test_sub_delete(void)
{
	struct store *s = fresh();
	struct srows rs;
	const struct srow *r;
	int64_t a = -1, b = -1, c = -1;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(store_sub_add(s, "{\"name\":\"a\"}", "alice", T0, &a), OD_OK);
	CHECK_INT(store_sub_add(s, "{\"name\":\"b\"}", "bob", T0, &b), OD_OK);
	CHECK_INT(store_sub_add(s, "{\"name\":\"c\"}", "carol", T0, &c), OD_OK);

	CHECK_INT(store_sub_delete(s, b, T0 + MIN), OD_OK);
	CHECK_INT(list_subs(s, 0, &rs), 2);
	if (rs.n == 2) {
		CHECK_INT(rs.r[0].id, a);
		CHECK_INT(rs.r[1].id, c);
	}
	CHECK(find_sub(&rs, b) == NULL);

	/* asked for, the deleted one is there, in its place, with its time */
	CHECK_INT(list_subs(s, 1, &rs), 3);
	if (rs.n == 3) {
		CHECK_INT(rs.r[0].id, a);
		CHECK_INT(rs.r[1].id, b);
		CHECK_INT(rs.r[2].id, c);
		CHECK_INT(rs.r[0].deleted_at, 0);
		CHECK_INT(rs.r[1].deleted_at, T0 + MIN);
		CHECK_INT(rs.r[2].deleted_at, 0);
		CHECK_STR(rs.r[1].body, "{\"name\":\"b\"}");
		CHECK_STR(rs.r[1].owner, "bob");
	}

	/* again, or a subscription that never was: no live one */
	CHECK_INT(store_sub_delete(s, b, T0 + 2 * MIN), OD_ENOENT);
	CHECK_INT(store_sub_delete(s, c + 1000, T0), OD_ENOENT);
	CHECK_INT(store_sub_delete(s, 0, T0), OD_ENOENT);
	CHECK_INT(store_sub_delete(s, -1, T0), OD_ENOENT);
	/* the failed second delete kept the first time */
	list_subs(s, 1, &rs);
	r = find_sub(&rs, b);
	CHECK(r != NULL);
	if (r != NULL)
		CHECK_INT(r->deleted_at, T0 + MIN);
	/* and the others are untouched */
	CHECK_INT(list_subs(s, 0, &rs), 2);
	/* an OD_ENOENT is no error that fails the transaction around it */
	CHECK_INT(store_begin(s), OD_OK);
	CHECK_INT(store_sub_delete(s, b, T0), OD_ENOENT);
	CHECK_INT(store_sub_delete(s, a, T0 + HOUR), OD_OK);
	CHECK_INT(store_commit(s), OD_OK);
	CHECK_INT(list_subs(s, 0, &rs), 1);
	if (rs.n == 1)
		CHECK_INT(rs.r[0].id, c);
	store_close(s);
}

static void
test_sub_disable(void)
{
	struct store *s = fresh();
	struct srows rs;
	const struct srow *r;
	int64_t a = -1, b = -1;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(store_sub_add(s, "{}", "alice", T0, &a), OD_OK);
	CHECK_INT(store_sub_add(s, "{}", "bob", T0, &b), OD_OK);

	CHECK_INT(store_sub_disable(s, a, T0 + MIN), OD_OK);
	list_subs(s, 0, &rs);
	/* disabled is not deleted: still listed */
	CHECK_INT(rs.n, 2);
	r = find_sub(&rs, a);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_INT(r->disabled_at, T0 + MIN);
		CHECK_INT(r->deleted_at, 0);
	}
	r = find_sub(&rs, b);
	CHECK(r != NULL);
	if (r != NULL)
		CHECK_INT(r->disabled_at, 0);

	/* a second disable keeps the first time */
	store_sub_disable(s, a, T0 + HOUR);
	list_subs(s, 0, &rs);
	r = find_sub(&rs, a);
	CHECK(r != NULL);
	if (r != NULL)
		CHECK_INT(r->disabled_at, T0 + MIN);

	/* and it survives a restart */
	s = reopen(s);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	list_subs(s, 0, &rs);
	r = find_sub(&rs, a);
	CHECK(r != NULL);
	if (r != NULL)
		CHECK_INT(r->disabled_at, T0 + MIN);
	r = find_sub(&rs, b);
	CHECK(r != NULL);
	if (r != NULL)
		CHECK_INT(r->disabled_at, 0);
	store_close(s);
}

static void
test_sub_walk_stops(void)
{
	struct store *s = fresh();
	struct srows rs;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	for (int i = 0; i < 5; i++)
		CHECK_INT(store_sub_add(s, "{}", NULL, T0 + i, NULL), OD_OK);
	memset(&rs, 0, sizeof(rs));
	rs.stop_after = 2;
	CHECK_INT(store_subs(s, 0, collect_sub, &rs), OD_OK);
	CHECK_INT(rs.n, 2);
	if (rs.n == 2) {
		CHECK_INT(rs.r[0].created_at, T0);
		CHECK_INT(rs.r[1].created_at, T0 + 1);
	}
	/* the stopped walk was reset: writes and a full walk go on */
	CHECK_INT(store_sub_add(s, "{}", NULL, T0 + 9, NULL), OD_OK);
	CHECK_INT(list_subs(s, 0, &rs), 6);
	CHECK_INT(rs.r[0].created_at, T0);
	store_close(s);
}

/* ---- episodes ------------------------------------------------------------- */

static void
test_episodes(void)
{
	struct store *s = fresh();
	struct store_episode_row e;
	struct erows es;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(list_episodes(s, &es), 0);
	/* put out of order */
	mk_episode(&e, 2, "UA-05", "power");
	CHECK_INT(store_episode_put(s, &e), OD_OK);
	mk_episode(&e, 1, "UA-12", "power");
	CHECK_INT(store_episode_put(s, &e), OD_OK);
	mk_episode(&e, 1, "UA-12", "heating");
	e.firing = 0;
	e.notified = "minor";
	CHECK_INT(store_episode_put(s, &e), OD_OK);
	mk_episode(&e, 1, "UA-05", "water");
	CHECK_INT(store_episode_put(s, &e), OD_OK);

	/* ordered by subscription, region, utility */
	CHECK_INT(list_episodes(s, &es), 4);
	if (es.n == 4) {
		CHECK_INT(es.r[0].sub_id, 1);
		CHECK_STR(es.r[0].region, "UA-05");
		CHECK_STR(es.r[0].utility, "water");
		CHECK_INT(es.r[1].sub_id, 1);
		CHECK_STR(es.r[1].region, "UA-12");
		CHECK_STR(es.r[1].utility, "heating");
		CHECK_INT(es.r[1].firing, 0);
		CHECK_STR(es.r[1].notified, "minor");
		CHECK_INT(es.r[2].sub_id, 1);
		CHECK_STR(es.r[2].region, "UA-12");
		CHECK_STR(es.r[2].utility, "power");
		CHECK_INT(es.r[3].sub_id, 2);
		CHECK_STR(es.r[3].region, "UA-05");
		CHECK_STR(es.r[3].utility, "power");
		/* every field as put */
		CHECK_INT(es.r[2].firing, 1);
		CHECK_STR(es.r[2].notified, "major");
		CHECK_INT(es.r[2].started_at, T0);
		CHECK_INT(es.r[2].last_sent_at, T0 + MIN);
		CHECK_INT(es.r[2].acked_at, 0);
		CHECK_STR(es.r[2].key, "UA-12/power/1795687200000");
	}

	/* put again: the same row, every field updated */
	memset(&e, 0, sizeof(e));
	e.sub_id = 1;
	e.region = "UA-12";
	e.utility = "power";
	e.firing = 0;
	e.notified = "critical";
	e.started_at = T0 + HOUR;
	e.last_sent_at = T0 + 2 * HOUR;
	e.acked_at = T0 + 3 * HOUR;
	e.incident_key = "UA-12/power/second";
	CHECK_INT(store_episode_put(s, &e), OD_OK);
	CHECK_INT(list_episodes(s, &es), 4);
	if (es.n == 4) {
		CHECK_INT(es.r[2].sub_id, 1);
		CHECK_STR(es.r[2].region, "UA-12");
		CHECK_STR(es.r[2].utility, "power");
		CHECK_INT(es.r[2].firing, 0);
		CHECK_STR(es.r[2].notified, "critical");
		CHECK_INT(es.r[2].started_at, T0 + HOUR);
		CHECK_INT(es.r[2].last_sent_at, T0 + 2 * HOUR);
		CHECK_INT(es.r[2].acked_at, T0 + 3 * HOUR);
		CHECK_STR(es.r[2].key, "UA-12/power/second");
		/* the neighbours kept theirs */
		CHECK_INT(es.r[1].firing, 0);
		CHECK_STR(es.r[1].notified, "minor");
		CHECK_INT(es.r[3].firing, 1);
		CHECK_STR(es.r[3].notified, "major");
		CHECK_INT(es.r[3].acked_at, 0);
	}
	/* and back to firing (firing stored as 0/1) */
	e.firing = 5;
	CHECK_INT(store_episode_put(s, &e), OD_OK);
	list_episodes(s, &es);
	CHECK_INT(es.r[2].firing, 1);

	/* delete removes that one only */
	CHECK_INT(store_episode_delete(s, 1, "UA-12", "heating"), OD_OK);
	CHECK_INT(list_episodes(s, &es), 3);
	if (es.n == 3) {
		CHECK_STR(es.r[0].utility, "water");
		CHECK_INT(es.r[1].sub_id, 1);
		CHECK_STR(es.r[1].region, "UA-12");
		CHECK_STR(es.r[1].utility, "power");
		CHECK_INT(es.r[2].sub_id, 2);
	}
	/* a key that matches on two parts of three deletes nothing */
	store_episode_delete(s, 2, "UA-12", "power");
	store_episode_delete(s, 1, "UA-05", "power");
	CHECK_INT(list_episodes(s, &es), 3);

	/* episodes survive a restart */
	s = reopen(s);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(list_episodes(s, &es), 3);
	if (es.n == 3) {
		CHECK_STR(es.r[1].key, "UA-12/power/second");
		CHECK_INT(es.r[1].acked_at, T0 + 3 * HOUR);
	}
	store_close(s);
}

/* ---- deliveries ------------------------------------------------------------ */

static void
test_delivery_add_due(void)
{
	struct store *s = fresh();
	struct drows ds;
	const struct drow *r;
	int64_t d1, d2, d3, d4, d5;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(due(s, T0 + 10 * HOUR, 100, &ds), 0);
	d1 = add_delivery(s, 1, "m-1", T0 + 10);
	d2 = add_delivery(s, 1, "m-2", T0);
	d3 = add_delivery(s, 2, "m-3", T0 + 20);
	d4 = add_delivery(s, 2, "m-4", T0 + HOUR);
	d5 = add_delivery(s, 3, "m-5", T0 + 10);	/* ties d1: by id */
	CHECK(d2 > d1 && d3 > d2 && d4 > d3 && d5 > d4);

	/* added pending, never tried, every field as given */
	r = delivery(s, d1, &ds);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_INT(r->sub_id, 1);
		CHECK_STR(r->key, "UA-12/power/1795687200000");
		CHECK_STR(r->event, "firing");
		CHECK_STR(r->region, "UA-12");
		CHECK_STR(r->utility, "power");
		CHECK_STR(r->severity, "critical");
		CHECK_STR(r->channel, "webhook");
		CHECK_STR(r->target, "https://ops.example.org/hook");
		CHECK_STR(r->msg_id, "m-1");
		CHECK_STR(r->title, "UA-12 power: critical");
		CHECK_STR(r->text, "600000 households without power (46.1 %)");
		CHECK_STR(r->payload,
		    "{\"region\":\"UA-12\",\"utility\":\"power\"}");
		CHECK_STR(r->state, "pending");
		CHECK_INT(r->attempts, 0);
		CHECK_INT(r->created_at, T0);
		CHECK_INT(r->next_at, T0 + 10);
		CHECK_INT(r->done_at, 0);
		CHECK_INT(r->last_status, 0);
		CHECK_INT(r->last_error_null, 1);
	}

	/* due: next_at <= now, earliest first (ties by id) */
	CHECK_INT(due(s, T0 - 1, 100, &ds), 0);
	CHECK_INT(due(s, T0, 100, &ds), 1);
	CHECK_INT(ds.r[0].id, d2);
	CHECK_INT(due(s, T0 + 20, 100, &ds), 4);
	if (ds.n == 4) {
		CHECK_INT(ds.r[0].id, d2);
		CHECK_INT(ds.r[1].id, d1);
		CHECK_INT(ds.r[2].id, d5);
		CHECK_INT(ds.r[3].id, d3);
	}
	/* the limit */
	CHECK_INT(due(s, T0 + 20, 2, &ds), 2);
	if (ds.n == 2) {
		CHECK_INT(ds.r[0].id, d2);
		CHECK_INT(ds.r[1].id, d1);
	}
	CHECK_INT(due(s, T0 + 20, 1, &ds), 1);
	CHECK_INT(ds.r[0].id, d2);
	CHECK_INT(due(s, T0 + HOUR, 100, &ds), 5);
	CHECK_INT(ds.r[4].id, d4);

	/* a callback that stops: one row, OD_OK, and the next query is whole */
	memset(&ds, 0, sizeof(ds));
	ds.stop_after = 1;
	CHECK_INT(store_deliveries_due(s, T0 + HOUR, 100, collect_delivery,
	    &ds), OD_OK);
	CHECK_INT(ds.n, 1);
	CHECK_INT(due(s, T0 + HOUR, 100, &ds), 5);
	store_close(s);
}

static void
test_delivery_update(void)
{
	struct store *s = fresh();
	struct drows ds;
	const struct drow *r;
	int64_t d1, d2, d3, d4, at = 0;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	d1 = add_delivery(s, 1, "m-1", T0);
	d2 = add_delivery(s, 1, "m-2", T0);
	d3 = add_delivery(s, 1, "m-3", T0);
	d4 = add_delivery(s, 1, "m-4", T0 + HOUR);

	/* sent: done, its status, out of the due list */
	CHECK_INT(store_delivery_update(s, d1, "sent", 1, T0, T0 + 5, 200,
	    NULL), OD_OK);
	r = delivery(s, d1, &ds);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_STR(r->state, "sent");
		CHECK_INT(r->attempts, 1);
		CHECK_INT(r->done_at, T0 + 5);
		CHECK_INT(r->last_status, 200);
		CHECK_INT(r->last_error_null, 1);
		/* what the router wrote stays as it was */
		CHECK_STR(r->msg_id, "m-1");
		CHECK_INT(r->created_at, T0);
	}

	/* failed, to be retried a minute later */
	CHECK_INT(store_delivery_update(s, d2, "pending", 1, T0 + MIN, 0, 503,
	    "503 Service Unavailable"), OD_OK);
	r = delivery(s, d2, &ds);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_STR(r->state, "pending");
		CHECK_INT(r->attempts, 1);
		CHECK_INT(r->next_at, T0 + MIN);
		CHECK_INT(r->done_at, 0);
		CHECK_INT(r->last_status, 503);
		CHECK_INT(r->last_error_null, 0);
		CHECK_STR(r->last_error, "503 Service Unavailable");
	}
	/* not due before its next try; d3 is, d1 (sent) is not */
	CHECK_INT(due(s, T0 + MIN - 1, 100, &ds), 1);
	CHECK_INT(ds.r[0].id, d3);
	CHECK_INT(due(s, T0 + MIN, 100, &ds), 2);
	if (ds.n == 2) {
		CHECK_INT(ds.r[0].id, d3);	/* next_at T0 first */
		CHECK_INT(ds.r[1].id, d2);
	}
	/* a second failure: attempts + 1, the new error replaces the old */
	CHECK_INT(store_delivery_update(s, d2, "pending", 2, T0 + 5 * MIN, 0,
	    0, "connect: connection refused"), OD_OK);
	r = delivery(s, d2, &ds);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_INT(r->attempts, 2);
		CHECK_INT(r->next_at, T0 + 5 * MIN);
		CHECK_INT(r->last_status, 0);
		CHECK_STR(r->last_error, "connect: connection refused");
	}
	CHECK_INT(due(s, T0 + 5 * MIN - 1, 100, &ds), 1);

	/* given up */
	CHECK_INT(store_delivery_update(s, d3, "dead", 3, T0 + 2 * MIN,
	    T0 + 2 * MIN, 410, "410 Gone"), OD_OK);
	r = delivery(s, d3, &ds);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_STR(r->state, "dead");
		CHECK_INT(r->attempts, 3);
		CHECK_INT(r->done_at, T0 + 2 * MIN);
		CHECK_INT(r->last_status, 410);
		CHECK_STR(r->last_error, "410 Gone");
	}
	/* dead and sent are never due again */
	CHECK_INT(due(s, T0 + 10 * HOUR, 100, &ds), 2);
	if (ds.n == 2) {
		CHECK_INT(ds.r[0].id, d2);
		CHECK_INT(ds.r[1].id, d4);
	}
	CHECK_INT(store_next_delivery(s, &at), OD_OK);
	CHECK_INT(at, T0 + 5 * MIN);
	/* the update survives a restart */
	s = reopen(s);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	r = delivery(s, d2, &ds);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_STR(r->state, "pending");
		CHECK_INT(r->attempts, 2);
		CHECK_STR(r->last_error, "connect: connection refused");
	}
	store_close(s);
}

static void
test_delivery_msg_id_unique(void)
{
	struct store *s = fresh();
	struct store_delivery_row d;
	struct drows ds;
	int64_t id = -1, p, snt, dd, c;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	mk_delivery(&d, 1, "msg-1@outaged", T0, T0);
	CHECK_INT(store_delivery_add(s, &d, &id), OD_OK);
	CHECK(id > 0);

	/* the same msg_id again, even for another subscription: refused */
	mk_delivery(&d, 2, "msg-1@outaged", T0 + 1, T0 + 1);
	id = -1;
	CHECK_INT(store_delivery_add(s, &d, &id), OD_EDB);
	CHECK_INT(id, -1);		/* not set on failure */
	CHECK(strstr(store_errmsg(s), "UNIQUE") != NULL);
	CHECK_INT(deliveries(s, NULL, 0, 0, 100, &ds), 1);
	CHECK_INT(ds.r[0].sub_id, 1);
	counts(s, &p, &snt, &dd, &c);
	CHECK_INT(p, 1);

	/* the statement was reset: the next add works */
	mk_delivery(&d, 2, "msg-2@outaged", T0 + 1, T0 + 1);
	CHECK_INT(store_delivery_add(s, &d, &id), OD_OK);
	CHECK(id > 0);
	CHECK_INT(deliveries(s, NULL, 0, 0, 100, &ds), 2);

	/*
	 * Inside a transaction the refused add undoes only itself: what the
	 * batch wrote before and after it commits.
	 */
	CHECK_INT(store_begin(s), OD_OK);
	mk_delivery(&d, 3, "msg-3@outaged", T0 + 2, T0 + 2);
	CHECK_INT(store_delivery_add(s, &d, NULL), OD_OK);
	mk_delivery(&d, 3, "msg-1@outaged", T0 + 2, T0 + 2);
	CHECK_INT(store_delivery_add(s, &d, NULL), OD_EDB);
	CHECK_INT(store_in_txn(s), 1);
	mk_delivery(&d, 3, "msg-4@outaged", T0 + 2, T0 + 2);
	CHECK_INT(store_delivery_add(s, &d, NULL), OD_OK);
	CHECK_INT(store_commit(s), OD_OK);
	s = reopen(s);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(deliveries(s, NULL, 0, 0, 100, &ds), 4);
	CHECK_INT(deliveries(s, NULL, 3, 0, 100, &ds), 2);
	if (ds.n == 2) {
		CHECK_STR(ds.r[0].msg_id, "msg-4@outaged");
		CHECK_STR(ds.r[1].msg_id, "msg-3@outaged");
	}
	store_close(s);
}

/*
 * Six deliveries: subscription 1 has ids[0], [2], [4]; subscription 2
 * has ids[1], [3], [5].  ids[2] and ids[3] are sent, ids[4] dead.
 */
static void
six_deliveries(struct store *s, int64_t ids[6])
{
	char msg[32];

	for (int i = 0; i < 6; i++) {
		snprintf(msg, sizeof(msg), "m-%d", i);
		ids[i] = add_delivery(s, 1 + i % 2, msg, T0 + i);
	}
	CHECK_INT(store_delivery_update(s, ids[2], "sent", 1, T0, T0 + 1, 202,
	    NULL), OD_OK);
	CHECK_INT(store_delivery_update(s, ids[3], "sent", 1, T0, T0 + 1, 250,
	    NULL), OD_OK);
	CHECK_INT(store_delivery_update(s, ids[4], "dead", 9, T0, T0 + 1, 0,
	    "horizon passed"), OD_OK);
}

static void
test_deliveries_list(void)
{
	struct store *s = fresh();
	struct drows ds;
	int64_t ids[6], before;
	size_t seen;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(deliveries(s, NULL, 0, 0, 100, &ds), 0);
	six_deliveries(s, ids);

	/* all, newest first */
	CHECK_INT(deliveries(s, NULL, 0, 0, 100, &ds), 6);
	for (size_t i = 0; i < ds.n; i++)
		CHECK_INT(ds.r[i].id, ids[5 - i]);
	/* of one state */
	CHECK_INT(deliveries(s, "sent", 0, 0, 100, &ds), 2);
	if (ds.n == 2) {
		CHECK_INT(ds.r[0].id, ids[3]);
		CHECK_INT(ds.r[1].id, ids[2]);
		CHECK_STR(ds.r[0].state, "sent");
	}
	CHECK_INT(deliveries(s, "pending", 0, 0, 100, &ds), 3);
	if (ds.n == 3) {
		CHECK_INT(ds.r[0].id, ids[5]);
		CHECK_INT(ds.r[1].id, ids[1]);
		CHECK_INT(ds.r[2].id, ids[0]);
	}
	CHECK_INT(deliveries(s, "dead", 0, 0, 100, &ds), 1);
	CHECK_INT(ds.r[0].id, ids[4]);
	CHECK_STR(ds.r[0].last_error, "horizon passed");
	CHECK_INT(deliveries(s, "cancelled", 0, 0, 100, &ds), 0);
	/* of one subscription */
	CHECK_INT(deliveries(s, NULL, 2, 0, 100, &ds), 3);
	if (ds.n == 3) {
		CHECK_INT(ds.r[0].id, ids[5]);
		CHECK_INT(ds.r[1].id, ids[3]);
		CHECK_INT(ds.r[2].id, ids[1]);
	}
	for (size_t i = 0; i < ds.n; i++)
		CHECK_INT(ds.r[i].sub_id, 2);
	CHECK_INT(deliveries(s, NULL, 7, 0, 100, &ds), 0);
	/* both */
	CHECK_INT(deliveries(s, "pending", 1, 0, 100, &ds), 1);
	CHECK_INT(ds.r[0].id, ids[0]);
	CHECK_INT(deliveries(s, "sent", 1, 0, 100, &ds), 1);
	CHECK_INT(ds.r[0].id, ids[2]);
	/* the limit */
	CHECK_INT(deliveries(s, NULL, 0, 0, 4, &ds), 4);
	CHECK_INT(ds.r[0].id, ids[5]);
	CHECK_INT(ds.r[3].id, ids[2]);
	/* ids below before_id */
	CHECK_INT(deliveries(s, NULL, 0, ids[3], 100, &ds), 3);
	if (ds.n == 3) {
		CHECK_INT(ds.r[0].id, ids[2]);
		CHECK_INT(ds.r[2].id, ids[0]);
	}
	CHECK_INT(deliveries(s, NULL, 0, ids[0], 100, &ds), 0);
	CHECK_INT(deliveries(s, NULL, 0, -5, 100, &ds), 6);

	/* paging two at a time visits each once, newest first */
	before = 0;
	seen = 0;
	for (int page = 0; page < 10; page++) {
		if (deliveries(s, NULL, 0, before, 2, &ds) == 0)
			break;
		CHECK(ds.n <= 2);
		for (size_t i = 0; i < ds.n; i++) {
			CHECK(seen < 6);
			if (seen < 6)
				CHECK_INT(ds.r[i].id, ids[5 - seen]);
			seen++;
		}
		before = ds.r[ds.n - 1].id;
	}
	CHECK_INT(seen, 6);
	/* paging with filters: subscription 1, one at a time */
	CHECK_INT(deliveries(s, NULL, 1, 0, 1, &ds), 1);
	CHECK_INT(ds.r[0].id, ids[4]);
	CHECK_INT(deliveries(s, NULL, 1, ids[4], 1, &ds), 1);
	CHECK_INT(ds.r[0].id, ids[2]);
	CHECK_INT(deliveries(s, NULL, 1, ids[2], 1, &ds), 1);
	CHECK_INT(ds.r[0].id, ids[0]);
	CHECK_INT(deliveries(s, NULL, 1, ids[0], 1, &ds), 0);
	store_close(s);
}

static void
test_delivery_counts(void)
{
	struct store *s = fresh();
	int64_t ids[6], p, snt, d, c;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	/* none: every count set, to 0 */
	counts(s, &p, &snt, &d, &c);
	CHECK_INT(p, 0);
	CHECK_INT(snt, 0);
	CHECK_INT(d, 0);
	CHECK_INT(c, 0);
	six_deliveries(s, ids);
	counts(s, &p, &snt, &d, &c);
	CHECK_INT(p, 3);
	CHECK_INT(snt, 2);
	CHECK_INT(d, 1);
	CHECK_INT(c, 0);
	CHECK_INT(store_deliveries_cancel(s, 2, T0 + HOUR), OD_OK);
	counts(s, &p, &snt, &d, &c);
	CHECK_INT(p, 1);
	CHECK_INT(snt, 2);
	CHECK_INT(d, 1);
	CHECK_INT(c, 2);
	store_close(s);
}

static void
test_deliveries_cancel(void)
{
	struct store *s = fresh();
	struct drows ds;
	const struct drow *r;
	int64_t a1, a2, a3, b1, at = 0;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	a1 = add_delivery(s, 1, "a-1", T0 + 10);
	a2 = add_delivery(s, 1, "a-2", T0 + 20);
	a3 = add_delivery(s, 1, "a-3", T0);
	b1 = add_delivery(s, 2, "b-1", T0 + 30);
	CHECK_INT(store_delivery_update(s, a3, "sent", 1, T0, T0 + 1, 200,
	    NULL), OD_OK);
	CHECK_INT(store_next_delivery(s, &at), OD_OK);
	CHECK_INT(at, T0 + 10);

	CHECK_INT(store_deliveries_cancel(s, 1, T0 + MIN), OD_OK);
	r = delivery(s, a1, &ds);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_STR(r->state, "cancelled");
		CHECK_INT(r->done_at, T0 + MIN);
	}
	r = delivery(s, a2, &ds);
	CHECK(r != NULL);
	if (r != NULL)
		CHECK_STR(r->state, "cancelled");
	/* its sent one stays sent, with its own done_at */
	r = delivery(s, a3, &ds);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_STR(r->state, "sent");
		CHECK_INT(r->done_at, T0 + 1);
	}
	/* another subscription's pending one stays pending */
	r = delivery(s, b1, &ds);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_STR(r->state, "pending");
		CHECK_INT(r->done_at, 0);
	}
	/* cancelled ones are not due */
	CHECK_INT(due(s, T0 + HOUR, 100, &ds), 1);
	CHECK_INT(ds.r[0].id, b1);
	CHECK_INT(store_next_delivery(s, &at), OD_OK);
	CHECK_INT(at, T0 + 30);
	CHECK_INT(deliveries(s, "cancelled", 1, 0, 100, &ds), 2);

	/* cancelling again, or for a subscription with none, changes nothing */
	CHECK_INT(store_deliveries_cancel(s, 1, T0 + HOUR), OD_OK);
	r = delivery(s, a1, &ds);
	CHECK(r != NULL);
	if (r != NULL)
		CHECK_INT(r->done_at, T0 + MIN);
	CHECK_INT(store_deliveries_cancel(s, 99, T0 + HOUR), OD_OK);
	CHECK_INT(deliveries(s, "pending", 0, 0, 100, &ds), 1);

	CHECK_INT(store_deliveries_cancel(s, 2, T0 + HOUR), OD_OK);
	CHECK_INT(store_next_delivery(s, &at), OD_OK);
	CHECK_INT(at, INT64_MAX);
	store_close(s);
}

static void
test_next_delivery(void)
{
	struct store *s = fresh();
	int64_t a, b, at;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	at = 0;
	CHECK_INT(store_next_delivery(s, &at), OD_OK);
	CHECK_INT(at, INT64_MAX);
	a = add_delivery(s, 1, "m-a", T0 + 30);
	at = 0;
	CHECK_INT(store_next_delivery(s, &at), OD_OK);
	CHECK_INT(at, T0 + 30);
	b = add_delivery(s, 1, "m-b", T0 + 10);
	CHECK_INT(store_next_delivery(s, &at), OD_OK);
	CHECK_INT(at, T0 + 10);
	/* a sent delivery with an earlier next_at does not count */
	CHECK_INT(store_delivery_update(s, b, "sent", 1, T0 + 10, T0 + 11,
	    200, NULL), OD_OK);
	CHECK_INT(store_next_delivery(s, &at), OD_OK);
	CHECK_INT(at, T0 + 30);
	/* a retry moves it */
	CHECK_INT(store_delivery_update(s, a, "pending", 1, T0 + HOUR, 0, 500,
	    "500"), OD_OK);
	CHECK_INT(store_next_delivery(s, &at), OD_OK);
	CHECK_INT(at, T0 + HOUR);
	CHECK_INT(store_delivery_update(s, a, "dead", 2, T0 + HOUR, T0 + HOUR,
	    500, "500"), OD_OK);
	at = 0;
	CHECK_INT(store_next_delivery(s, &at), OD_OK);
	CHECK_INT(at, INT64_MAX);
	store_close(s);
}

/* ---- silences ------------------------------------------------------------- */

static void
test_silences(void)
{
	struct store *s = fresh();
	struct store_silence_row in;
	struct lrows ls;
	int64_t a = -1, b = -1, c = -1;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(silences(s, 0, &ls), 0);
	mk_silence(&in, "UA-12", "power", T0, T0 + HOUR);
	CHECK_INT(store_silence_add(s, &in, &a), OD_OK);
	mk_silence(&in, "UA-05", NULL, T0 + MIN, T0 + 2 * HOUR);
	in.comment = NULL;
	in.created_by = NULL;
	in.created_at = T0 + 1;
	CHECK_INT(store_silence_add(s, &in, &b), OD_OK);
	mk_silence(&in, "UA-12", "heating", T0, T0 + 10);
	CHECK_INT(store_silence_add(s, &in, &c), OD_OK);
	CHECK(a > 0 && b > a && c > b);

	/* every one, as added */
	CHECK_INT(silences(s, 0, &ls), 3);
	if (ls.n == 3) {
		CHECK_INT(ls.r[0].id, a);
		CHECK_STR(ls.r[0].region, "UA-12");
		CHECK_STR(ls.r[0].utility, "power");
		CHECK_INT(ls.r[0].utility_null, 0);
		CHECK_INT(ls.r[0].starts_at, T0);
		CHECK_INT(ls.r[0].ends_at, T0 + HOUR);
		CHECK_STR(ls.r[0].comment, "planned maintenance");
		CHECK_STR(ls.r[0].created_by, "ops");
		CHECK_INT(ls.r[0].created_at, T0);
		CHECK_INT(ls.r[0].deleted_at, 0);
		/* a NULL utility (every utility) stays NULL, not "" */
		CHECK_INT(ls.r[1].id, b);
		CHECK_STR(ls.r[1].region, "UA-05");
		CHECK_INT(ls.r[1].utility_null, 1);
		CHECK_INT(ls.r[1].comment_null, 1);
		CHECK_INT(ls.r[1].created_by_null, 1);
		CHECK_INT(ls.r[1].starts_at, T0 + MIN);
		CHECK_INT(ls.r[1].created_at, T0 + 1);
		CHECK_INT(ls.r[2].id, c);
	}
	/* only the ones ending after `after` */
	CHECK_INT(silences(s, T0 + 9, &ls), 3);
	CHECK_INT(silences(s, T0 + 10, &ls), 2);	/* c ends then */
	if (ls.n == 2) {
		CHECK_INT(ls.r[0].id, a);
		CHECK_INT(ls.r[1].id, b);
	}
	CHECK_INT(silences(s, T0 + HOUR, &ls), 1);
	CHECK_INT(ls.r[0].id, b);
	CHECK_INT(silences(s, T0 + 2 * HOUR, &ls), 0);

	/* delete, again, unknown */
	CHECK_INT(store_silence_delete(s, a, T0 + 5), OD_OK);
	CHECK_INT(silences(s, 0, &ls), 2);
	if (ls.n == 2) {
		CHECK_INT(ls.r[0].id, b);
		CHECK_INT(ls.r[1].id, c);
	}
	CHECK_INT(store_silence_delete(s, a, T0 + 6), OD_ENOENT);
	CHECK_INT(store_silence_delete(s, c + 100, T0), OD_ENOENT);
	CHECK_INT(silences(s, 0, &ls), 2);

	/* they survive a restart */
	s = reopen(s);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(silences(s, 0, &ls), 2);
	if (ls.n == 2)
		CHECK_INT(ls.r[0].utility_null, 1);
	store_close(s);
}

/* ---- audit ------------------------------------------------------------------ */

static void
test_audit(void)
{
	static const char *const kinds[] = {
		"sub.add", "silence.add", "ack", "sub.disable", "sub.delete",
	};
	struct store *s = fresh();
	struct arows as;
	int64_t before;
	size_t seen;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(audit(s, 0, 100, &as), 0);
	for (int i = 0; i < 5; i++) {
		char subject[16];

		snprintf(subject, sizeof(subject), "sub/%d", i);
		CHECK_INT(store_audit_add(s, T0 + i, kinds[i], subject,
		    i == 2 ? NULL : "{\"why\":\"test\"}",
		    i == 3 ? NULL : "alice"), OD_OK);
	}
	/* newest first, every field */
	CHECK_INT(audit(s, 0, 100, &as), 5);
	for (size_t i = 0; i < as.n; i++) {
		int k = 4 - (int)i;
		char subject[16];

		snprintf(subject, sizeof(subject), "sub/%d", k);
		CHECK_INT(as.r[i].at, T0 + k);
		CHECK_STR(as.r[i].kind, kinds[k]);
		CHECK_STR(as.r[i].subject, subject);
		CHECK_INT(as.r[i].detail_null, k == 2);
		CHECK_INT(as.r[i].actor_null, k == 3);
		if (i > 0)
			CHECK(as.r[i].id < as.r[i - 1].id);
	}
	if (as.n == 5) {
		CHECK_STR(as.r[0].detail, "{\"why\":\"test\"}");
		CHECK_STR(as.r[0].actor, "alice");
	}
	/* limit and paging */
	CHECK_INT(audit(s, 0, 2, &as), 2);
	CHECK_STR(as.r[0].kind, "sub.delete");
	CHECK_STR(as.r[1].kind, "sub.disable");
	CHECK_INT(audit(s, as.r[1].id, 2, &as), 2);
	CHECK_STR(as.r[0].kind, "ack");
	CHECK_STR(as.r[1].kind, "silence.add");
	CHECK_INT(audit(s, as.r[1].id, 2, &as), 1);
	CHECK_STR(as.r[0].kind, "sub.add");
	CHECK_INT(audit(s, as.r[0].id, 2, &as), 0);
	before = 0;
	seen = 0;
	for (int page = 0; page < 10; page++) {
		if (audit(s, before, 3, &as) == 0)
			break;
		seen += as.n;
		before = as.r[as.n - 1].id;
	}
	CHECK_INT(seen, 5);
	store_close(s);
}

/* ---- transactions and migration --------------------------------------------- */

/* One of everything; returns the subscription's id. */
static int64_t
one_of_each(struct store *s)
{
	struct store_episode_row e;
	struct store_silence_row l;
	int64_t sub = -1;

	CHECK_INT(store_sub_add(s, "{\"name\":\"ops\"}", "alice", T0, &sub),
	    OD_OK);
	mk_episode(&e, sub, "UA-12", "power");
	CHECK_INT(store_episode_put(s, &e), OD_OK);
	add_delivery(s, sub, "txn-1", T0 + 10);
	mk_silence(&l, "UA-12", NULL, T0, T0 + HOUR);
	CHECK_INT(store_silence_add(s, &l, NULL), OD_OK);
	CHECK_INT(store_audit_add(s, T0, "sub.add", "sub/1", NULL, "alice"),
	    OD_OK);
	return sub;
}

/* How many rows of each kind the store has: 5 numbers in n. */
static void
how_many(struct store *s, int64_t n[5])
{
	struct srows rs;
	struct erows es;
	struct drows ds;
	struct lrows ls;
	struct arows as;

	n[0] = (int64_t)list_subs(s, 1, &rs);
	n[1] = (int64_t)list_episodes(s, &es);
	n[2] = (int64_t)deliveries(s, NULL, 0, 0, 100, &ds);
	n[3] = (int64_t)silences(s, 0, &ls);
	n[4] = (int64_t)audit(s, 0, 100, &as);
}

static void
test_rollback_leaves_nothing(void)
{
	struct store *s = fresh();
	int64_t n[5], at = 0;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(store_begin(s), OD_OK);
	CHECK_INT(store_in_txn(s), 1);
	one_of_each(s);
	how_many(s, n);
	for (int i = 0; i < 5; i++)
		CHECK_INT(n[i], 1);
	store_rollback(s);
	CHECK_INT(store_in_txn(s), 0);
	how_many(s, n);
	for (int i = 0; i < 5; i++)
		CHECK_INT(n[i], 0);
	CHECK_INT(store_next_delivery(s, &at), OD_OK);
	CHECK_INT(at, INT64_MAX);
	/* and nothing after a restart either */
	s = reopen(s);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	how_many(s, n);
	for (int i = 0; i < 5; i++)
		CHECK_INT(n[i], 0);
	/* the msg_id of the rolled-back delivery is free again */
	add_delivery(s, 1, "txn-1", T0);
	store_close(s);
}

static void
test_commit_survives_reopen(void)
{
	struct store *s = fresh();
	struct srows rs;
	struct drows ds;
	int64_t n[5], sub, at = 0;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(store_begin(s), OD_OK);
	sub = one_of_each(s);
	CHECK_INT(store_commit(s), OD_OK);
	CHECK_INT(store_in_txn(s), 0);
	s = reopen(s);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	how_many(s, n);
	for (int i = 0; i < 5; i++)
		CHECK_INT(n[i], 1);
	CHECK_INT(list_subs(s, 0, &rs), 1);
	CHECK_INT(rs.r[0].id, sub);
	CHECK_STR(rs.r[0].owner, "alice");
	CHECK_INT(deliveries(s, NULL, sub, 0, 10, &ds), 1);
	CHECK_STR(ds.r[0].msg_id, "txn-1");
	CHECK_STR(ds.r[0].state, "pending");
	CHECK_INT(store_next_delivery(s, &at), OD_OK);
	CHECK_INT(at, T0 + 10);
	store_close(s);
}

static void
test_migrate_from_3(void)
{
	struct store *s = fresh();
	struct store_episode_row e;
	struct store_silence_row l;
	struct store_query q = { NULL, NULL, 0, 0 };
	struct report r;
	struct srows rs;
	int64_t n[5], nreports = -1, sub = -1;
	char path[512];

	CHECK(s != NULL);
	if (s == NULL)
		return;
	/* a report (schema 1) and a subscription (schema 4) */
	memset(&r, 0, sizeof(r));
	str_copy(r.key, "dtek:mig", sizeof(r.key));
	str_copy(r.source, "dtek", sizeof(r.source));
	r.region = &R_UA12;
	r.region_input = region_input;
	r.utility = UTIL_POWER;
	r.status = RS_OUTAGE;
	r.affected = 600000;
	str_copy(r.unit, "households", sizeof(r.unit));
	r.approximate = 1;
	r.observed_at = T0;
	r.received_at = T0;
	r.index = -1;
	r.raw = raw_json;
	CHECK_INT(store_put_report(s, &r, "mqtt"), OD_OK);
	CHECK_INT(store_sub_add(s, "{\"name\":\"gone\"}", NULL, T0, NULL),
	    OD_OK);
	store_close(s);

	/* make it a schema 3 database: no delivery tables */
	path_in_tmp(path, sizeof(path), "t.db");
	CHECK_INT(raw_sql(path, "DROP TABLE subscriptions;"
	    "DROP TABLE sub_episodes; DROP TABLE deliveries;"
	    "DROP TABLE silences; DROP TABLE audit;"
	    /* and without migration 5's columns */
	    "ALTER TABLE history DROP COLUMN approximate;"
	    "ALTER TABLE alerts DROP COLUMN peak_affected;"
	    "ALTER TABLE alerts DROP COLUMN peak_percent;"
	    /* and without migration 7's */
	    "ALTER TABLE reports DROP COLUMN percent;"
	    "PRAGMA user_version = 3;"), 0);
	CHECK_INT(raw_int(path, "PRAGMA user_version"), 3);
	CHECK_INT(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE "
	    "name IN ('subscriptions', 'sub_episodes', 'deliveries',"
	    " 'silences', 'audit', 'deliveries_due', 'deliveries_sub')"), 0);
	CHECK_INT(raw_int(path, "SELECT count(*) FROM reports"), 1);

	/* opening migrates it to 4, keeping the report */
	s = reopen(NULL);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(store_count_reports(s, &q, &nreports), OD_OK);
	CHECK_INT(nreports, 1);
	how_many(s, n);
	for (int i = 0; i < 5; i++)
		CHECK_INT(n[i], 0);	/* new, empty tables */
	/* and every delivery table works */
	sub = one_of_each(s);
	how_many(s, n);
	for (int i = 0; i < 5; i++)
		CHECK_INT(n[i], 1);
	mk_episode(&e, sub, "UA-12", "power");
	e.notified = "critical";
	CHECK_INT(store_episode_put(s, &e), OD_OK);	/* its primary key */
	CHECK_INT(list_subs(s, 0, &rs), 1);
	CHECK_INT(store_sub_delete(s, sub, T0 + 1), OD_OK);
	mk_silence(&l, "UA-05", "gas", T0, T0 + 1);
	CHECK_INT(store_silence_add(s, &l, NULL), OD_OK);
	store_close(s);

	CHECK_INT(raw_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	/* the indexes of migration 4 came back too, and msg_id is unique */
	CHECK_INT(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE "
	    "type = 'index' AND name IN ('deliveries_due', 'deliveries_sub')"),
	    2);
	s = reopen(NULL);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	{
		struct store_delivery_row d;

		mk_delivery(&d, sub, "txn-1", T0, T0);
		CHECK_INT(store_delivery_add(s, &d, NULL), OD_EDB);
	}
	CHECK_INT(store_count_reports(s, &q, &nreports), OD_OK);
	CHECK_INT(nreports, 1);
	store_close(s);
}

int
main(void)
{
	int status;

	/*
	 * Quiet the "migrated database" lines of every fresh database; the
	 * errors tests provoke on purpose (a duplicate msg_id) are logged.
	 */
	log_set_level(LOG_LVL_WARN);
	if (t_tmp_begin("test_store_notify") < 0)
		return 1;
	RUN(test_schema_version);
	RUN(test_sub_add_list);
	RUN(test_sub_delete);
	RUN(test_sub_disable);
	RUN(test_sub_walk_stops);
	RUN(test_episodes);
	RUN(test_delivery_add_due);
	RUN(test_delivery_update);
	RUN(test_delivery_msg_id_unique);
	RUN(test_deliveries_list);
	RUN(test_delivery_counts);
	RUN(test_deliveries_cancel);
	RUN(test_next_delivery);
	RUN(test_silences);
	RUN(test_audit);
	RUN(test_rollback_leaves_nothing);
	RUN(test_commit_survives_reopen);
	RUN(test_migrate_from_3);
	status = T_DONE();
	t_tmp_end();
	return status;
}
