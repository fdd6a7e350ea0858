/* SPDX-License-Identifier: MIT */
/*
 * store_notify.c - the store's half for delivery: subscriptions, their
 * episodes, deliveries (every notification is a row until it is sent or
 * given up), silences and the audit trail.  Prepared statements only, as
 * in store.c, whose transaction they join.
 */
#include <stdint.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

#define DELIVERY_COLS \
	"SELECT id, sub_id, incident_key, event, region, utility, severity," \
	" channel, target, msg_id, title, text, payload, state, attempts," \
	" created_at, next_at, done_at, last_status, last_error, spec" \
	" FROM deliveries"

const char *const store_notify_sql[NST_COUNT] = {
	[NST_SUB_ADD] =
	    "INSERT INTO subscriptions (body, owner, created_at)"
	    " VALUES (?,?,?)",
	[NST_SUB_DELETE] =
	    "UPDATE subscriptions SET deleted_at = ?2"
	    " WHERE id = ?1 AND deleted_at IS NULL",
	[NST_SUB_DISABLE] =
	    "UPDATE subscriptions SET disabled_at = ?2"
	    " WHERE id = ?1 AND disabled_at IS NULL",
	[NST_SUBS] =
	    "SELECT id, body, owner, created_at, disabled_at, deleted_at"
	    " FROM subscriptions WHERE ?1 OR deleted_at IS NULL ORDER BY id",
	[NST_EPISODE_PUT] =
	    "INSERT INTO sub_episodes (sub_id, region, utility, firing,"
	    " notified, started_at, last_sent_at, acked_at, incident_key)"
	    " VALUES (?,?,?,?,?,?,?,?,?)"
	    " ON CONFLICT(sub_id, region, utility) DO UPDATE SET"
	    " firing=excluded.firing, notified=excluded.notified,"
	    " started_at=excluded.started_at,"
	    " last_sent_at=excluded.last_sent_at,"
	    " acked_at=excluded.acked_at, incident_key=excluded.incident_key",
	[NST_EPISODE_DELETE] =
	    "DELETE FROM sub_episodes"
	    " WHERE sub_id = ? AND region = ? AND utility = ?",
	[NST_EPISODES] =
	    "SELECT sub_id, region, utility, firing, notified, started_at,"
	    " last_sent_at, acked_at, incident_key FROM sub_episodes"
	    " ORDER BY sub_id, region, utility",
	[NST_DELIVERY_ADD] =
	    "INSERT INTO deliveries (sub_id, incident_key, event, region,"
	    " utility, severity, channel, target, msg_id, title, text,"
	    " payload, state, attempts, created_at, next_at, spec)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'pending',0,?,?,?)",
	[NST_DELIVERY_UPDATE] =
	    "UPDATE deliveries SET state = ?2, attempts = ?3, next_at = ?4,"
	    " done_at = ?5, last_status = ?6, last_error = ?7 WHERE id = ?1",
	[NST_DELIVERIES_DUE] =
	    DELIVERY_COLS " WHERE state = 'pending' AND next_at <= ?1"
	    " ORDER BY next_at, id LIMIT ?2",
	[NST_DELIVERIES] =
	    DELIVERY_COLS " WHERE (?1 IS NULL OR state = ?1)"
	    " AND (?2 = 0 OR sub_id = ?2) AND (?3 <= 0 OR id < ?3)"
	    " ORDER BY id DESC LIMIT ?4",
	[NST_DELIVERY_COUNTS] =
	    "SELECT state, count(*) FROM deliveries GROUP BY state",
	[NST_DELIVERIES_CANCEL] =
	    "UPDATE deliveries SET state = 'cancelled', done_at = ?2"
	    " WHERE sub_id = ?1 AND state = 'pending'",
	[NST_NEXT_DELIVERY] =
	    "SELECT min(next_at) FROM deliveries WHERE state = 'pending'",
	[NST_SILENCE_ADD] =
	    "INSERT INTO silences (region, utility, starts_at, ends_at,"
	    " comment, created_by, created_at) VALUES (?,?,?,?,?,?,?)",
	[NST_SILENCE_DELETE] =
	    "UPDATE silences SET deleted_at = ?2"
	    " WHERE id = ?1 AND deleted_at IS NULL",
	[NST_SILENCES] =
	    "SELECT id, region, utility, starts_at, ends_at, comment,"
	    " created_by, created_at, deleted_at FROM silences"
	    " WHERE deleted_at IS NULL AND ends_at > ?1 ORDER BY id",
	[NST_AUDIT_ADD] =
	    "INSERT INTO audit (at, kind, subject, detail, actor)"
	    " VALUES (?,?,?,?,?)",
	[NST_AUDIT] =
	    "SELECT id, at, kind, subject, detail, actor FROM audit"
	    " WHERE (?1 <= 0 OR id < ?1) ORDER BY id DESC LIMIT ?2",
};

static int64_t
col_i64_or0(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 :
	    sqlite3_column_int64(st, i);
}

/* A write that must touch a row: OD_ENOENT when it touched none. */
static enum od_err
step_one_row(struct store *s, sqlite3_stmt *st)
{
	enum od_err rc = store_step(s, st);

	if (rc == OD_OK && sqlite3_changes(s->db) == 0)
		return OD_ENOENT;
	return rc;
}

/* ---- subscriptions ---------------------------------------------------- */

enum od_err
store_sub_add(struct store *s, const char *body, const char *owner,
    int64_t now, int64_t *id)
{
	sqlite3_stmt *st = s->nst[NST_SUB_ADD];
	enum od_err rc;

	store_bind_text(st, 1, body);
	store_bind_text(st, 2, owner);
	sqlite3_bind_int64(st, 3, now);
	if ((rc = store_step(s, st)) == OD_OK && id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

enum od_err
store_sub_delete(struct store *s, int64_t id, int64_t now)
{
	sqlite3_stmt *st = s->nst[NST_SUB_DELETE];

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	return step_one_row(s, st);
}

enum od_err
store_sub_disable(struct store *s, int64_t id, int64_t now)
{
	sqlite3_stmt *st = s->nst[NST_SUB_DISABLE];

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	return store_step(s, st);
}

enum od_err
store_subs(struct store *s, int with_deleted, store_sub_fn *fn, void *arg)
{
	sqlite3_stmt *st = s->nst[NST_SUBS];
	int rc;

	sqlite3_bind_int(st, 1, with_deleted != 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_sub_row r = {
			.id = sqlite3_column_int64(st, 0),
			.body = store_col_text(st, 1),
			.owner = store_col_text(st, 2),
			.created_at = sqlite3_column_int64(st, 3),
			.disabled_at = col_i64_or0(st, 4),
			.deleted_at = col_i64_or0(st, 5),
		};

		if (fn(arg, &r) != 0)
			break;
	}
	return store_query_end(s, st, rc);
}

/* ---- episodes --------------------------------------------------------- */

enum od_err
store_episode_put(struct store *s, const struct store_episode_row *e)
{
	sqlite3_stmt *st = s->nst[NST_EPISODE_PUT];

	sqlite3_bind_int64(st, 1, e->sub_id);
	store_bind_text(st, 2, e->region);
	store_bind_text(st, 3, e->utility);
	sqlite3_bind_int(st, 4, e->firing != 0);
	store_bind_text(st, 5, e->notified);
	sqlite3_bind_int64(st, 6, e->started_at);
	sqlite3_bind_int64(st, 7, e->last_sent_at);
	sqlite3_bind_int64(st, 8, e->acked_at);
	store_bind_text(st, 9, e->incident_key);
	return store_step(s, st);
}

enum od_err
store_episode_delete(struct store *s, int64_t sub_id, const char *region,
    const char *utility)
{
	sqlite3_stmt *st = s->nst[NST_EPISODE_DELETE];

	sqlite3_bind_int64(st, 1, sub_id);
	store_bind_text(st, 2, region);
	store_bind_text(st, 3, utility);
	return store_step(s, st);
}

enum od_err
store_episodes(struct store *s, store_episode_fn *fn, void *arg)
{
	sqlite3_stmt *st = s->nst[NST_EPISODES];
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_episode_row r = {
			.sub_id = sqlite3_column_int64(st, 0),
			.region = store_col_text(st, 1),
			.utility = store_col_text(st, 2),
			.firing = sqlite3_column_int(st, 3),
			.notified = store_col_text(st, 4),
			.started_at = sqlite3_column_int64(st, 5),
			.last_sent_at = sqlite3_column_int64(st, 6),
			.acked_at = sqlite3_column_int64(st, 7),
			.incident_key = store_col_text(st, 8),
		};

		if (fn(arg, &r) != 0)
			break;
	}
	return store_query_end(s, st, rc);
}

/* ---- deliveries ------------------------------------------------------- */

enum od_err
store_delivery_add(struct store *s, const struct store_delivery_row *d,
    int64_t *id)
{
	sqlite3_stmt *st = s->nst[NST_DELIVERY_ADD];
	enum od_err rc;

	sqlite3_bind_int64(st, 1, d->sub_id);
	store_bind_text(st, 2, d->incident_key);
	store_bind_text(st, 3, d->event);
	store_bind_text(st, 4, d->region);
	store_bind_text(st, 5, d->utility);
	store_bind_text(st, 6, d->severity);
	store_bind_text(st, 7, d->channel);
	store_bind_text(st, 8, d->target);
	store_bind_text(st, 9, d->msg_id);
	store_bind_text(st, 10, d->title);
	store_bind_text(st, 11, d->text);
	store_bind_text(st, 12, d->payload);
	sqlite3_bind_int64(st, 13, d->created_at);
	sqlite3_bind_int64(st, 14, d->next_at);
	store_bind_text(st, 15, d->spec);
	if ((rc = store_step(s, st)) == OD_OK && id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

enum od_err
store_delivery_update(struct store *s, int64_t id, const char *state,
    int attempts, int64_t next_at, int64_t done_at, int last_status,
    const char *last_error)
{
	sqlite3_stmt *st = s->nst[NST_DELIVERY_UPDATE];

	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, state);
	sqlite3_bind_int(st, 3, attempts);
	sqlite3_bind_int64(st, 4, next_at);
	if (done_at > 0)
		sqlite3_bind_int64(st, 5, done_at);
	else
		sqlite3_bind_null(st, 5);
	if (last_status != 0)
		sqlite3_bind_int(st, 6, last_status);
	else
		sqlite3_bind_null(st, 6);
	store_bind_text(st, 7, last_error);
	return store_step(s, st);
}

static enum od_err
each_delivery(struct store *s, sqlite3_stmt *st, store_delivery_fn *fn,
    void *arg)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_delivery_row r = {
			.id = sqlite3_column_int64(st, 0),
			.sub_id = sqlite3_column_int64(st, 1),
			.incident_key = store_col_text(st, 2),
			.event = store_col_text(st, 3),
			.region = store_col_text(st, 4),
			.utility = store_col_text(st, 5),
			.severity = store_col_text(st, 6),
			.channel = store_col_text(st, 7),
			.target = store_col_text(st, 8),
			.msg_id = store_col_text(st, 9),
			.title = store_col_text(st, 10),
			.text = store_col_text(st, 11),
			.payload = store_col_text(st, 12),
			.state = store_col_text(st, 13),
			.attempts = sqlite3_column_int(st, 14),
			.created_at = sqlite3_column_int64(st, 15),
			.next_at = sqlite3_column_int64(st, 16),
			.done_at = col_i64_or0(st, 17),
			.last_status = (int)col_i64_or0(st, 18),
			.last_error = store_col_text(st, 19),
			.spec = store_col_text(st, 20),
		};

		if (fn(arg, &r) != 0)
			break;
	}
	return store_query_end(s, st, rc);
}

enum od_err
store_deliveries_due(struct store *s, int64_t now, int limit,
    store_delivery_fn *fn, void *arg)
{
	sqlite3_stmt *st = s->nst[NST_DELIVERIES_DUE];

	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int(st, 2, limit);
	return each_delivery(s, st, fn, arg);
}

enum od_err
store_deliveries(struct store *s, const char *state, int64_t sub_id,
    int64_t before_id, int limit, store_delivery_fn *fn, void *arg)
{
	sqlite3_stmt *st = s->nst[NST_DELIVERIES];

	store_bind_text(st, 1, state);
	sqlite3_bind_int64(st, 2, sub_id);
	sqlite3_bind_int64(st, 3, before_id);
	sqlite3_bind_int(st, 4, limit);
	return each_delivery(s, st, fn, arg);
}

enum od_err
store_delivery_counts(struct store *s, int64_t *pending, int64_t *sent,
    int64_t *dead, int64_t *cancelled)
{
	sqlite3_stmt *st = s->nst[NST_DELIVERY_COUNTS];
	int rc;

	*pending = *sent = *dead = *cancelled = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *state = store_col_text(st, 0);
		int64_t n = sqlite3_column_int64(st, 1);

		if (state == NULL)
			continue;
		if (strcmp(state, "pending") == 0)
			*pending = n;
		else if (strcmp(state, "sent") == 0)
			*sent = n;
		else if (strcmp(state, "dead") == 0)
			*dead = n;
		else if (strcmp(state, "cancelled") == 0)
			*cancelled = n;
	}
	return store_query_end(s, st, rc);
}

enum od_err
store_deliveries_cancel(struct store *s, int64_t sub_id, int64_t now)
{
	sqlite3_stmt *st = s->nst[NST_DELIVERIES_CANCEL];

	sqlite3_bind_int64(st, 1, sub_id);
	sqlite3_bind_int64(st, 2, now);
	return store_step(s, st);
}

enum od_err
store_next_delivery(struct store *s, int64_t *at)
{
	sqlite3_stmt *st = s->nst[NST_NEXT_DELIVERY];
	int rc;

	*at = INT64_MAX;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		*at = sqlite3_column_int64(st, 0);
	return store_query_end(s, st, rc);
}

/* ---- silences --------------------------------------------------------- */

enum od_err
store_silence_add(struct store *s, const struct store_silence_row *r,
    int64_t *id)
{
	sqlite3_stmt *st = s->nst[NST_SILENCE_ADD];
	enum od_err rc;

	store_bind_text(st, 1, r->region);
	store_bind_text(st, 2, r->utility);
	sqlite3_bind_int64(st, 3, r->starts_at);
	sqlite3_bind_int64(st, 4, r->ends_at);
	store_bind_text(st, 5, r->comment);
	store_bind_text(st, 6, r->created_by);
	sqlite3_bind_int64(st, 7, r->created_at);
	if ((rc = store_step(s, st)) == OD_OK && id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

enum od_err
store_silence_delete(struct store *s, int64_t id, int64_t now)
{
	sqlite3_stmt *st = s->nst[NST_SILENCE_DELETE];

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	return step_one_row(s, st);
}

enum od_err
store_silences(struct store *s, int64_t after, store_silence_fn *fn,
    void *arg)
{
	sqlite3_stmt *st = s->nst[NST_SILENCES];
	int rc;

	sqlite3_bind_int64(st, 1, after);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_silence_row r = {
			.id = sqlite3_column_int64(st, 0),
			.region = store_col_text(st, 1),
			.utility = store_col_text(st, 2),
			.starts_at = sqlite3_column_int64(st, 3),
			.ends_at = sqlite3_column_int64(st, 4),
			.comment = store_col_text(st, 5),
			.created_by = store_col_text(st, 6),
			.created_at = sqlite3_column_int64(st, 7),
			.deleted_at = col_i64_or0(st, 8),
		};

		if (fn(arg, &r) != 0)
			break;
	}
	return store_query_end(s, st, rc);
}

/* ---- audit ------------------------------------------------------------ */

enum od_err
store_audit_add(struct store *s, int64_t at, const char *kind,
    const char *subject, const char *detail, const char *actor)
{
	sqlite3_stmt *st = s->nst[NST_AUDIT_ADD];

	sqlite3_bind_int64(st, 1, at);
	store_bind_text(st, 2, kind);
	store_bind_text(st, 3, subject);
	store_bind_text(st, 4, detail);
	store_bind_text(st, 5, actor);
	return store_step(s, st);
}

enum od_err
store_audit(struct store *s, int64_t before_id, int limit,
    store_audit_fn *fn, void *arg)
{
	sqlite3_stmt *st = s->nst[NST_AUDIT];
	int rc;

	sqlite3_bind_int64(st, 1, before_id);
	sqlite3_bind_int(st, 2, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_audit_row r = {
			.id = sqlite3_column_int64(st, 0),
			.at = sqlite3_column_int64(st, 1),
			.kind = store_col_text(st, 2),
			.subject = store_col_text(st, 3),
			.detail = store_col_text(st, 4),
			.actor = store_col_text(st, 5),
		};

		if (fn(arg, &r) != 0)
			break;
	}
	return store_query_end(s, st, rc);
}
