/* SPDX-License-Identifier: MIT */
/*
 * backend.c - choosing, opening and closing the backend (struct
 * backend_ops), and the rows every backend hands over.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "ctl.h"

char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
status_row_free(struct status_row *r)
{
	free(r->region);
	free(r->name);
	free(r->utility);
	free(r->status);
	free(r->unit);
	free(r->severity);
}

void
status_list_free(struct status_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		status_row_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void
report_list_free(struct report_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct report_row *r = &l->v[i];

		free(r->key);
		free(r->source);
		free(r->region);
		free(r->utility);
		free(r->status);
		free(r->unit);
		free(r->via);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}


/*
 * --url or --db; else $OUTAGED_URL, else $OUTAGED_DB, else the default
 * URL.  Nothing is opened yet.
 */
int
backend_select(struct backend *b, const struct opts *o)
{
	const char *env;

	if (o->url != NULL && o->db != NULL) {
		fprintf(stderr, "outagectl: --url and --db cannot be used "
		    "together\n");
		return CTL_USAGE;
	}
	if (o->url != NULL) {
		b->ops = &http_ops;
		b->where = o->url;
	} else if (o->db != NULL) {
		if (o->db[0] == '\0') {
			fprintf(stderr, "outagectl: --db: expected a path\n");
			return CTL_USAGE;
		}
		b->ops = &db_ops;
		b->where = o->db;
	} else if ((env = getenv("OUTAGED_URL")) != NULL && env[0] != '\0') {
		b->ops = &http_ops;
		b->where = env;
	} else if ((env = getenv("OUTAGED_DB")) != NULL && env[0] != '\0') {
		b->ops = &db_ops;
		b->where = env;
	} else {
		b->ops = &http_ops;
		b->where = DEFAULT_URL;
	}
	return CTL_OK;
}

/*
 * Open the data source.  Commands call this once their arguments are
 * checked, so a usage error wins over an unreachable daemon.  Returns
 * CTL_OK or the exit status, having said why.
 */
int
backend_open(struct backend *b, const struct opts *o)
{
	assert(b->ops != NULL && b->impl == NULL);
	return b->ops->open(b, o);
}

/*
 * Whether the backend serves every operation in uses (B_* bits); when not,
 * say so, in the backend's words.
 */
int
backend_serves(const struct backend *b, const char *cmd, unsigned uses)
{
	const struct backend_ops *ops = b->ops;

	if (((uses & B_CHECKDB) && ops->check_db == NULL) ||
	    ((uses & B_BACKUP) && ops->backup == NULL)) {
		fprintf(stderr, "outagectl: %s needs the database file: "
		    "--db PATH (or OUTAGED_DB)\n", cmd);
		return 0;
	}
	if (((uses & B_STATUSES) && ops->statuses == NULL) ||
	    ((uses & B_REPORTS) && (ops->reports == NULL ||
	    ops->count_reports == NULL)) ||
	    ((uses & B_HISTORY) && ops->history == NULL) ||
	    ((uses & B_ALERTS) && ops->alerts == NULL) ||
	    ((uses & B_SEND) && ops->send_report == NULL) ||
	    ((uses & B_WATCH) && ops->watch == NULL) ||
	    ((uses & B_SUBS) && (ops->subscribe == NULL ||
	    ops->subscriptions == NULL || ops->unsubscribe == NULL)) ||
	    ((uses & B_SILENCE) && (ops->silence == NULL ||
	    ops->silences == NULL || ops->unsilence == NULL)) ||
	    ((uses & B_ACK) && ops->ack == NULL) ||
	    ((uses & B_DELIVERIES) && ops->deliveries == NULL) ||
	    ((uses & B_AUDIT) && ops->audit == NULL) ||
	    ((uses & B_DEVICES) && (ops->device_add == NULL ||
	    ops->devices == NULL || ops->device_remove == NULL))) {
		fprintf(stderr, "outagectl: %s %s\n", cmd, ops->unserved);
		return 0;
	}
	return 1;
}

void
backend_close(struct backend *b)
{
	if (b->impl != NULL)
		b->ops->close(b);
	assert(b->impl == NULL);
}

/* Say why an operation failed; its exit status. */
int
backend_failed(const struct backend *b)
{
	fprintf(stderr, "outagectl: %s\n", b->err);
	return b->fail != 0 ? b->fail : CTL_UNAVAIL;
}
