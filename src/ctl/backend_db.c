/* SPDX-License-Identifier: MIT */
/*
 * backend_db.c - the database backend: reads outaged's SQLite database
 * directly and read-only (--db), through store.h.  It serves status and
 * reports; the API-only operations are left out.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>
#include <jansson.h>

#include "store.h"
#include "util.h"
#include "ctl.h"

static int
db_status_row(void *arg, const struct store_status_row *in)
{
	struct status_list *l = arg;
	struct status_row *r;

	ARRAY_GROW(l->v, l->n, l->cap, 32);
	r = &l->v[l->n++];
	r->region = dup_or_null(in->region);
	r->name = dup_or_null(in->region_name);
	r->utility = dup_or_null(in->utility);
	r->status = dup_or_null(in->status);
	r->unit = dup_or_null(in->unit);
	r->severity = dup_or_null(in->severity);
	r->affected = in->affected;
	r->percent = in->percent;
	r->approximate = in->approximate;
	r->sources = in->sources;
	r->since = in->since;
	r->updated_at = in->updated_at;
	r->peak = in->peak;
	return 0;
}

static int
db_report_row(void *arg, const struct store_report_row *in)
{
	struct report_list *l = arg;
	struct report_row *r;

	ARRAY_GROW(l->v, l->n, l->cap, 64);
	r = &l->v[l->n++];
	r->id = in->rowid;
	r->key = dup_or_null(in->key);
	r->source = dup_or_null(in->source);
	r->region = dup_or_null(in->region);
	r->utility = dup_or_null(in->utility);
	r->status = dup_or_null(in->status);
	r->unit = dup_or_null(in->unit);
	r->via = dup_or_null(in->via);
	r->affected = in->affected;
	r->percent = in->percent;
	r->approximate = in->approximate;
	r->observed_at = in->observed_at;
	r->received_at = in->received_at;
	return 0;
}

static void
db_query(struct store_query *q, const struct report_filter *f)
{
	memset(q, 0, sizeof(*q));
	q->region = f->region;
	q->source = f->source;
	q->since_ms = f->since_ms;
	q->limit = f->limit;
}

static enum od_err
db_fail(struct backend *b, enum od_err rc)
{
	snprintf(b->err, sizeof(b->err), "%s: %s", b->where,
	    store_errmsg(b->impl));
	return rc;
}

static enum od_err
db_statuses(struct backend *b, const char *region, struct status_list *out)
{
	enum od_err rc;

	if ((rc = store_statuses(b->impl, region, db_status_row, out)) !=
	    OD_OK)
		return db_fail(b, rc);
	return OD_OK;
}

static enum od_err
db_reports(struct backend *b, const struct report_filter *f,
    struct report_list *out)
{
	struct store_query q;
	enum od_err rc;

	db_query(&q, f);
	if ((rc = store_reports(b->impl, &q, 0, db_report_row, out)) != OD_OK)
		return db_fail(b, rc);
	return OD_OK;
}

static enum od_err
db_count_reports(struct backend *b, const struct report_filter *f,
    int64_t *n)
{
	struct store_query q;
	enum od_err rc;

	db_query(&q, f);
	q.limit = 0;
	if ((rc = store_count_reports(b->impl, &q, n)) != OD_OK)
		return db_fail(b, rc);
	return OD_OK;
}

static void
db_close(struct backend *b)
{
	store_close(b->impl);
	b->impl = NULL;
}

static enum od_err
db_open_store(struct backend *b, const char *path)
{
	struct store *s;
	struct stat sb;

	/* say why in the system's words: SQLite only says "unable to open" */
	if (stat(path, &sb) == -1 || access(path, R_OK) == -1) {
		snprintf(b->err, sizeof(b->err), "%s: %s", path,
		    strerror(errno));
		return OD_ENOENT;
	}
	if (S_ISDIR(sb.st_mode)) {
		snprintf(b->err, sizeof(b->err), "%s: %s", path,
		    strerror(EISDIR));
		return OD_EINVAL;
	}
	if (store_open_ro(&s, path, b->err, sizeof(b->err)) != OD_OK)
		return OD_EDB;
	b->impl = s;
	return OD_OK;
}

static int
db_open(struct backend *b, const struct opts *o)
{
	(void)o;
	if (db_open_store(b, b->where) != OD_OK) {
		fprintf(stderr, "outagectl: %s\n", b->err);
		return CTL_UNAVAIL;
	}
	return CTL_OK;
}

/* ---- the file itself: check-db and backup ---------------------------- */

static void
db_problem(void *arg, const char *line)
{
	char *safe = term_safe(line);

	(void)arg;
	printf("%s\n", safe);
	free(safe);
}

static int
db_check_db(struct backend *b)
{
	char err[1024];
	int problems;

	if (store_check_file(b->where, db_problem, NULL, &problems, err,
	    sizeof(err)) != OD_OK) {
		fprintf(stderr, "outagectl: %s\n", err);
		return CTL_UNAVAIL;
	}
	if (problems > 0) {
		fprintf(stderr, "outagectl: %s: %d problem%s found by "
		    "integrity_check\n", b->where, problems,
		    problems == 1 ? "" : "s");
		return CTL_NODATA;
	}
	printf("ok\n");
	return CTL_OK;
}

static int
db_backup(struct backend *b, const char *file, int force)
{
	char err[1024];
	int problems;
	enum od_err rc;

	rc = store_backup_file(b->where, file, force, &problems, err,
	    sizeof(err));
	if (rc != OD_OK) {
		fprintf(stderr, "outagectl: %s\n", err);
		return rc == OD_EDUP || problems > 0 ? CTL_NODATA :
		    CTL_UNAVAIL;
	}
	printf("%s: backup of %s written and checked\n", file, b->where);
	return CTL_OK;
}

/* The database holds no history, alerts or event stream, and takes no
 * report: those operations are left out, and main() says so. */
const struct backend_ops db_ops = {
	.names = 0,
	.unserved = "needs the daemon's HTTP API (--url URL or OUTAGED_URL); "
	    "--db reads only status and reports",
	.open = db_open,
	.statuses = db_statuses,
	.reports = db_reports,
	.count_reports = db_count_reports,
	.history = NULL,
	.alerts = NULL,
	.send_report = NULL,
	.watch = NULL,
	.subscribe = NULL,		/* getting notified: the API only */
	.subscriptions = NULL,
	.unsubscribe = NULL,
	.silence = NULL,
	.silences = NULL,
	.unsilence = NULL,
	.ack = NULL,
	.deliveries = NULL,
	.audit = NULL,
	.check_db = db_check_db,
	.backup = db_backup,
	.close = db_close
};
