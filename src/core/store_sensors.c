/* SPDX-License-Identifier: MIT */
/*
 * store_sensors.c - sensing devices and their transitions in the store
 * (store_sensors.h).  The statements are prepared on first use, so a
 * read-only open of a database from before schema 5 works until asked.
 */
#include <sqlite3.h>
#include <string.h>

#include "log.h"
#include "store.h"
#include "store_int.h"
#include "store_sensors.h"
#include "util.h"

static const char *const sensors_sql[SST_COUNT] = {
	[SST_DEVICE_PUT] =
	    "INSERT INTO devices (id, region, grp, label, origin, created_at)"
	    " VALUES (?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET"
	    " region=excluded.region, grp=excluded.grp,"
	    " label=excluded.label, origin=excluded.origin",
	[SST_DEVICE_DELETE] =
	    "DELETE FROM devices WHERE id = ?",
	[SST_DEVICES] =
	    "SELECT id, region, grp, label, origin, created_at, state,"
	    " since, alerted FROM devices ORDER BY id",
	[SST_DEVICE_STATE] =
	    "UPDATE devices SET state = ?2, since = ?3, alerted = ?4"
	    " WHERE id = ?1",
	[SST_DEVICE_EVENT] =
	    "INSERT INTO device_events (device, at, state, cause)"
	    " VALUES (?,?,?,?)",
	[SST_DEVICE_EVENTS] =
	    "SELECT id, device, at, state, cause FROM device_events"
	    " WHERE ?1 IS NULL OR device = ?1 ORDER BY id DESC LIMIT ?2",
	[SST_DEVICE_ALERTED] =
	    "UPDATE devices SET alerted = ?2 WHERE id = ?1",
};

static sqlite3_stmt *
stmt(struct store *s, enum sensors_stmt_id id)
{
	if (s->sst[id] == NULL && sqlite3_prepare_v3(s->db, sensors_sql[id],
	    -1, SQLITE_PREPARE_PERSISTENT, &s->sst[id], NULL) != SQLITE_OK) {
		str_copy(s->lasterr, sqlite3_errmsg(s->db), sizeof(s->lasterr));
		log_errorx("store: %s", s->lasterr);
		s->sst[id] = NULL;
	}
	return s->sst[id];
}

void
store_sensors_close(struct store *s)
{
	for (int i = 0; i < SST_COUNT; i++) {
		sqlite3_finalize(s->sst[i]);
		s->sst[i] = NULL;
	}
}

enum od_err
store_device_put(struct store *s, const struct store_device_row *d)
{
	sqlite3_stmt *st = stmt(s, SST_DEVICE_PUT);

	if (st == NULL)
		return OD_EDB;
	store_bind_text(st, 1, d->id);
	store_bind_text(st, 2, d->region);
	store_bind_text(st, 3, d->group);
	store_bind_text(st, 4, d->label);
	store_bind_text(st, 5, d->origin);
	sqlite3_bind_int64(st, 6, d->created_at);
	return store_step(s, st);
}

enum od_err
store_device_delete(struct store *s, const char *id)
{
	sqlite3_stmt *st = stmt(s, SST_DEVICE_DELETE);
	enum od_err rc;

	if (st == NULL)
		return OD_EDB;
	store_bind_text(st, 1, id);
	if ((rc = store_step(s, st)) != OD_OK)
		return rc;
	return sqlite3_changes(s->db) > 0 ? OD_OK : OD_ENOENT;
}

enum od_err
store_devices(struct store *s, store_device_fn *fn, void *arg)
{
	sqlite3_stmt *st = stmt(s, SST_DEVICES);
	int rc;

	if (st == NULL)
		return OD_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_device_row r;

		r.id = store_col_text(st, 0);
		r.region = store_col_text(st, 1);
		r.group = store_col_text(st, 2);
		r.label = store_col_text(st, 3);
		r.origin = store_col_text(st, 4);
		r.created_at = sqlite3_column_int64(st, 5);
		r.state = store_col_text(st, 6);
		r.since = sqlite3_column_int64(st, 7);
		r.alerted = sqlite3_column_int(st, 8);
		if (fn(arg, &r) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return store_query_end(s, st, rc);
}

enum od_err
store_device_state(struct store *s, const char *id, const char *state,
    int64_t at, int alerted, const char *cause)
{
	sqlite3_stmt *st = stmt(s, SST_DEVICE_STATE);
	sqlite3_stmt *ev = stmt(s, SST_DEVICE_EVENT);
	enum od_err rc;

	if (st == NULL || ev == NULL)
		return OD_EDB;
	store_bind_text(st, 1, id);
	store_bind_text(st, 2, state);
	sqlite3_bind_int64(st, 3, at);
	sqlite3_bind_int(st, 4, alerted);
	if ((rc = store_step(s, st)) != OD_OK)
		return rc;
	store_bind_text(ev, 1, id);
	sqlite3_bind_int64(ev, 2, at);
	store_bind_text(ev, 3, state);
	store_bind_text(ev, 4, cause);
	return store_step(s, ev);
}

enum od_err
store_device_events(struct store *s, const char *id, int64_t limit,
    store_device_event_fn *fn, void *arg)
{
	sqlite3_stmt *st = stmt(s, SST_DEVICE_EVENTS);
	int rc;

	if (st == NULL)
		return OD_EDB;
	store_bind_text(st, 1, id);
	sqlite3_bind_int64(st, 2, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_device_event_row r;

		r.id = sqlite3_column_int64(st, 0);
		r.device = store_col_text(st, 1);
		r.at = sqlite3_column_int64(st, 2);
		r.state = store_col_text(st, 3);
		r.cause = store_col_text(st, 4);
		if (fn(arg, &r) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return store_query_end(s, st, rc);
}

enum od_err
store_device_alerted(struct store *s, const char *id, int alerted)
{
	sqlite3_stmt *st = stmt(s, SST_DEVICE_ALERTED);

	if (st == NULL)
		return OD_EDB;
	store_bind_text(st, 1, id);
	sqlite3_bind_int(st, 2, alerted);
	return store_step(s, st);
}
