/* SPDX-License-Identifier: MIT */
/*
 * outagectl.c - the command-line client: region status and stored reports
 * as aligned tables or JSON.  Commands read through a small backend seam
 * (struct backend_ops) so that an HTTP backend (--url) can sit beside the
 * direct database reader (--db) without the commands changing.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "log.h"
#include "outaged.h"
#include "store.h"
#include "util.h"

#define DEFAULT_DB		"var/outaged.db"
#define DEFAULT_LIMIT		50
#define SINCE_MAX_SECS		(100LL * 366 * 86400)
#define JSON_FLAGS		(JSON_INDENT(2) | JSON_REAL_PRECISION(12))

/* Exit codes, documented in usage() and outagectl(1). */
enum {
	CTL_OK = 0,
	CTL_NODATA = 1,		/* not found, no data (or stdout failed) */
	CTL_USAGE = 2,
	CTL_UNAVAIL = 3		/* cannot reach the data source */
};

/* ---- rows, as every backend hands them over (owned copies) ------------ */

struct status_row {
	char		*region, *name, *utility, *status, *unit, *severity;
	int64_t		 affected;		/* -1: no count */
	double		 percent;		/* < 0: no denominator */
	int		 approximate, sources;
	int64_t		 since, updated_at, peak;	/* ms, 0: never */
};

struct report_row {
	int64_t		 id;
	char		*key, *source, *region, *utility, *status, *unit, *via;
	int64_t		 affected;		/* -1: no count */
	int		 approximate;
	int64_t		 observed_at, received_at;	/* ms */
};

struct status_list {
	struct status_row *v;
	size_t		 n, cap;
};

struct report_list {
	struct report_row *v;
	size_t		 n, cap;
};

struct report_filter {
	const char	*region;	/* NULL: any; a region has its places */
	const char	*source;	/* NULL: any */
	int64_t		 since_ms;	/* INT64_MIN: any */
	int64_t		 limit;		/* <= 0: no limit */
};

/* ---- the backend seam ------------------------------------------------- */

struct backend;

struct backend_ops {
	/* Status rows of one region (exact id) or of all (NULL). */
	enum od_err	(*statuses)(struct backend *, const char *region,
			    struct status_list *);
	/* Reports matching the filter, newest first. */
	enum od_err	(*reports)(struct backend *,
			    const struct report_filter *, struct report_list *);
	/* How many reports match (the limit is ignored). */
	enum od_err	(*count_reports)(struct backend *,
			    const struct report_filter *, int64_t *);
	void		(*close)(struct backend *);
};

struct backend {
	const struct backend_ops *ops;
	const char	*where;		/* path or URL, for messages */
	void		*impl;
	char		 err[1024];	/* set when an operation fails */
};

/* ---- options and commands --------------------------------------------- */

enum {
	OPT_DB = 256, OPT_URL, OPT_JSON, OPT_REGION, OPT_SOURCE, OPT_SINCE,
	OPT_LIMIT, OPT_COUNT, OPT_VERSION
};

/* Command options, as bits: which a command accepts, which were given. */
#define O_JSON		0x01u
#define O_REGION	0x02u
#define O_SOURCE	0x04u
#define O_SINCE		0x08u
#define O_LIMIT		0x10u
#define O_COUNT		0x20u

struct opts {
	const char	*db, *url;
	const char	*region, *source, *since, *limit;
	unsigned	 seen;		/* O_* bits */
	int		 help, version;
};

struct command {
	const char	*name;
	unsigned	 allowed;	/* O_* bits */
	int		 maxargs;
	int		(*run)(struct backend *, const struct opts *,
			    char **args, int nargs);
};

static int	cmd_status(struct backend *, const struct opts *, char **,
		    int);
static int	cmd_reports(struct backend *, const struct opts *, char **,
		    int);

static const struct command commands[] = {
	{ "status", O_JSON, 1, cmd_status },
	{ "reports", O_JSON | O_REGION | O_SOURCE | O_SINCE | O_LIMIT |
	    O_COUNT, 0, cmd_reports },
};

static const struct option longopts[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "url", required_argument, NULL, OPT_URL },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "region", required_argument, NULL, OPT_REGION },
	{ "source", required_argument, NULL, OPT_SOURCE },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "count", no_argument, NULL, OPT_COUNT },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static int	 use_colour;

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: outagectl [--db PATH] status [REGION] [--json]\n"
	    "       outagectl [--db PATH] reports [--region R] [--source S]\n"
	    "                 [--since TIME] [--limit N] [--count] [--json]\n"
	    "       outagectl --help | --version\n"
	    "\n"
	    "Show what outaged knows: region status and stored reports.\n"
	    "\n"
	    "Commands:\n"
	    "  status [REGION]   regions with reported data, worst first; with\n"
	    "                    REGION (an id such as UA-12, any case) every\n"
	    "                    utility stored for it, unknown coverage too\n"
	    "  reports           stored reports, newest first\n"
	    "\n"
	    "Options (before or after the command):\n"
	    "  --db PATH         read the daemon's SQLite database directly\n"
	    "                    (default $OUTAGED_DB, else " DEFAULT_DB ")\n"
	    "  --json            JSON instead of a table\n"
	    "  --region R        reports about R and the places below it\n"
	    "  --source S        reports from source S\n"
	    "  --since TIME      observed at or after TIME: RFC 3339\n"
	    "                    (2026-11-26T10:00:00Z) or a duration back\n"
	    "                    from now (90s, 30m, 2h, 7d)\n"
	    "  --limit N         at most N reports (default %d; 0: all)\n"
	    "  --count           print only the number of matching reports\n"
	    "  -h, --help        this help\n"
	    "      --version     print the version\n"
	    "\n"
	    "Exit status: 0 ok, 1 not found or no data, 2 usage error,\n"
	    "3 the data source cannot be read.\n", DEFAULT_LIMIT);
}

/* ---- small helpers ---------------------------------------------------- */

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/*
 * Copy text for a terminal: control characters (C0, DEL and UTF-8 encoded
 * C1) become '?', so stored text cannot move the cursor or set colours.
 */
static char *
term_safe(const char *s)
{
	size_t len = strlen(s);
	char *out = xmalloc(len + 1), *o = out;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			*o++ = '?';
		else if (c == 0xc2 && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			*o++ = '?';
			i++;
		} else
			*o++ = (char)c;
	}
	*o = '\0';
	return out;
}

/* Columns a UTF-8 string takes, counting one per code point. */
static size_t
text_width(const char *s)
{
	size_t w = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

/* 600000 -> "600,000". */
static void
fmt_count(int64_t v, char *buf, size_t buflen)
{
	char digits[32];
	size_t n, o = 0;
	int len;

	len = snprintf(digits, sizeof(digits), "%lld", (long long)v);
	if (len < 0 || (size_t)len >= sizeof(digits)) {
		str_copy(buf, "?", buflen);
		return;
	}
	n = (size_t)len;
	for (size_t i = 0; i < n && o + 1 < buflen; i++) {
		buf[o++] = digits[i];
		/* a separator after every digit whose remainder is 3k long */
		if (digits[i] != '-' && i + 1 < n && (n - i - 1) % 3 == 0 &&
		    o + 1 < buflen)
			buf[o++] = ',';
	}
	buf[o] = '\0';
}

/* ms since the epoch -> "2026-11-26 10:00Z"; 0 -> "-". */
static void
fmt_when(int64_t ms, char *buf, size_t buflen)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (ms <= 0 || gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, buflen, "%Y-%m-%d %H:%MZ", &tm) == 0)
		str_copy(buf, "-", buflen);
}

static const char *
or_dash(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : "-";
}

static int
severity_rank(const char *s)
{
	enum severity sev;

	if (s == NULL || severity_from_name(s, &sev) != 0)
		return -1;
	return (int)sev;
}

/* SGR colour for a severity, or NULL for none. */
static const char *
severity_sgr(const char *s)
{
	switch (severity_rank(s)) {
	case SEV_CRITICAL:	return "1;31";
	case SEV_MAJOR:		return "31";
	case SEV_MINOR:		return "33";
	default:		return NULL;
	}
}

/*
 * Region ids are ISO codes, upper case, with lower-case place slugs after
 * a colon ("UA-12:dnipro"); the store matches exactly, so fold what the
 * user typed to that form.  -1 when it cannot be an id.
 */
static int
canonical_region(const char *in, char *out, size_t outlen)
{
	int place = 0;
	size_t i;

	if (in[0] == '\0' || strlen(in) >= outlen ||
	    strlen(in) >= OD_REGION_ID_MAX)
		return -1;
	for (i = 0; in[i] != '\0'; i++) {
		unsigned char c = (unsigned char)in[i];

		if (c <= 0x20 || c >= 0x7f)
			return -1;
		if (c == ':')
			place = 1;
		if (c >= 'a' && c <= 'z' && !place)
			c = (unsigned char)(c - 'a' + 'A');
		else if (c >= 'A' && c <= 'Z' && place)
			c = (unsigned char)(c - 'A' + 'a');
		out[i] = (char)c;
	}
	out[i] = '\0';
	return 0;
}

static void
status_row_free(struct status_row *r)
{
	free(r->region);
	free(r->name);
	free(r->utility);
	free(r->status);
	free(r->unit);
	free(r->severity);
}

static void
status_list_free(struct status_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		status_row_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static void
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

/* ---- database backend ------------------------------------------------- */

static int
db_status_row(void *arg, const struct store_status_row *in)
{
	struct status_list *l = arg;
	struct status_row *r;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
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

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
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

static const struct backend_ops db_ops = {
	db_statuses, db_reports, db_count_reports, db_close
};

static enum od_err
db_open(struct backend *b, const char *path)
{
	struct store *s;
	struct stat sb;

	b->where = path;
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
	b->ops = &db_ops;
	b->impl = s;
	return OD_OK;
}

static const char *
db_path(const struct opts *o)
{
	const char *env;

	if (o->db != NULL)
		return o->db;
	if ((env = getenv("OUTAGED_DB")) != NULL && env[0] != '\0')
		return env;
	return DEFAULT_DB;
}

/*
 * Pick and open the data source.  Commands call this once their arguments
 * are checked, so a usage error wins over an unreachable database.
 * Returns CTL_OK or the exit status, having said why.
 */
static int
backend_open(struct backend *b, const struct opts *o)
{
	if (o->url != NULL) {
		/* the seam is ready; the HTTP backend is not written yet */
		fprintf(stderr, "outagectl: --url: the HTTP API is not "
		    "supported by this version; use --db PATH\n");
		return CTL_USAGE;
	}
	if (db_open(b, db_path(o)) != OD_OK) {
		fprintf(stderr, "outagectl: %s\n", b->err);
		return CTL_UNAVAIL;
	}
	return CTL_OK;
}

/* ---- tables ----------------------------------------------------------- */

#define TABLE_MAXCOLS	10

struct cell {
	char		*text;		/* terminal-safe copy */
	const char	*sgr;		/* colour, or NULL */
};

struct table {
	size_t		 ncols;
	const char	*const *head;
	const int	*right;		/* per column: align right */
	struct cell	*cells;		/* nrows * ncols */
	size_t		 nrows, cap;
};

static struct cell *
table_row(struct table *t)
{
	struct cell *row;

	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->cells = xreallocarray(t->cells, t->cap * t->ncols,
		    sizeof(*t->cells));
	}
	row = &t->cells[t->nrows++ * t->ncols];
	memset(row, 0, t->ncols * sizeof(*row));
	return row;
}

static void
cell_set(struct cell *c, const char *text, const char *sgr)
{
	c->text = term_safe(text);
	c->sgr = use_colour ? sgr : NULL;
}

static void
put_cell(const struct cell *c, const char *text, size_t width, int right,
    int last)
{
	size_t pad = width - text_width(text);

	if (right)
		printf("%*s", (int)pad, "");
	if (c != NULL && c->sgr != NULL)
		printf("\033[%sm%s\033[0m", c->sgr, text);
	else
		fputs(text, stdout);
	if (!right && !last)
		printf("%*s", (int)pad, "");
	if (!last)
		fputs("  ", stdout);
}

static void
table_print(const struct table *t)
{
	size_t width[TABLE_MAXCOLS];

	for (size_t j = 0; j < t->ncols; j++)
		width[j] = text_width(t->head[j]);
	for (size_t i = 0; i < t->nrows; i++)
		for (size_t j = 0; j < t->ncols; j++) {
			size_t w = text_width(t->cells[i * t->ncols + j].text);

			if (w > width[j])
				width[j] = w;
		}
	for (size_t j = 0; j < t->ncols; j++)
		put_cell(NULL, t->head[j], width[j], t->right[j],
		    j + 1 == t->ncols);
	putchar('\n');
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0; j < t->ncols; j++) {
			const struct cell *c = &t->cells[i * t->ncols + j];

			put_cell(c, c->text, width[j], t->right[j],
			    j + 1 == t->ncols);
		}
		putchar('\n');
	}
}

static void
table_free(struct table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i].text);
	free(t->cells);
	t->cells = NULL;
	t->nrows = t->cap = 0;
}

/* ---- JSON ------------------------------------------------------------- */

static json_t *
j_str(const char *s)
{
	json_t *j;

	if (s == NULL)
		return json_null();
	/* stored text came through jansson, but never emit a hole */
	return (j = json_string(s)) != NULL ? j : json_null();
}

static json_t *
j_count(int64_t v)
{
	return v < 0 ? json_null() : json_integer((json_int_t)v);
}

static json_t *
j_time(int64_t ms)
{
	char buf[32];

	if (ms <= 0)
		return json_null();
	time_format(ms, buf, sizeof(buf));
	return json_string(buf);
}

/* Print and free a JSON value; -1 when it could not be encoded. */
static int
json_print(json_t *j)
{
	char *s = json_dumps(j, JSON_FLAGS);

	json_decref(j);
	if (s == NULL) {
		fprintf(stderr, "outagectl: cannot encode JSON\n");
		return -1;
	}
	puts(s);
	free(s);
	return 0;
}

/* ---- status ----------------------------------------------------------- */

static int
status_cmp(const void *pa, const void *pb)
{
	const struct status_row *a = pa, *b = pb;
	int sa = severity_rank(a->severity), sb = severity_rank(b->severity);
	int c;

	/* worst first: severity, then percent, then the count */
	if (sa != sb)
		return sa < sb ? 1 : -1;
	if (a->percent != b->percent)
		return a->percent < b->percent ? 1 : -1;
	if (a->affected != b->affected)
		return a->affected < b->affected ? 1 : -1;
	if ((c = strcmp(or_dash(a->region), or_dash(b->region))) != 0)
		return c;
	return strcmp(or_dash(a->utility), or_dash(b->utility));
}

static int
is_unknown(const struct status_row *r)
{
	return r->status == NULL || strcmp(r->status, "unknown") == 0;
}

/* Only an outage or partial outage has a peak worth showing. */
static int
has_episode(const struct status_row *r)
{
	return r->status != NULL && (strcmp(r->status, "outage") == 0 ||
	    strcmp(r->status, "partial") == 0);
}

static int
status_json(const struct status_list *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++) {
		const struct status_row *r = &l->v[i];
		json_t *o = json_object();

		json_object_set_new(o, "region", j_str(r->region));
		json_object_set_new(o, "name", j_str(r->name));
		json_object_set_new(o, "utility", j_str(r->utility));
		json_object_set_new(o, "status", j_str(r->status));
		json_object_set_new(o, "affected", j_count(is_unknown(r) ?
		    -1 : r->affected));
		json_object_set_new(o, "unit", j_str(r->unit));
		/* one decimal, as the daemon publishes it */
		json_object_set_new(o, "percent", r->percent < 0 ?
		    json_null() : json_real((double)llround(r->percent * 10) /
		    10.0));
		json_object_set_new(o, "severity", j_str(r->severity));
		json_object_set_new(o, "approximate",
		    json_boolean(r->approximate));
		json_object_set_new(o, "sources", json_integer(r->sources));
		json_object_set_new(o, "since", j_time(r->since));
		json_object_set_new(o, "last_update", j_time(r->updated_at));
		json_object_set_new(o, "peak", has_episode(r) ?
		    j_count(r->peak) : json_null());
		json_array_append_new(a, o);
	}
	return json_print(a);
}

static void
status_table(const struct status_list *l)
{
	static const char *const head[] = { "REGION", "NAME", "UTILITY",
	    "STATUS", "AFFECTED", "UNIT", "PERCENT", "SEVERITY", "SINCE",
	    "UPDATED" };
	static const int right[] = { 0, 0, 0, 0, 1, 0, 1, 0, 0, 0 };
	struct table t = { NELEM(head), head, right, NULL, 0, 0 };

	for (size_t i = 0; i < l->n; i++) {
		const struct status_row *r = &l->v[i];
		struct cell *c = table_row(&t);
		const char *approx = r->approximate ? "~" : "";
		char num[48], buf[64];

		cell_set(&c[0], or_dash(r->region), NULL);
		cell_set(&c[1], or_dash(r->name), NULL);
		cell_set(&c[2], or_dash(r->utility), NULL);
		cell_set(&c[3], or_dash(r->status), NULL);
		if (r->affected >= 0 && !is_unknown(r)) {
			fmt_count(r->affected, num, sizeof(num));
			snprintf(buf, sizeof(buf), "%s%s", approx, num);
		} else
			str_copy(buf, "-", sizeof(buf));
		cell_set(&c[4], buf, NULL);
		cell_set(&c[5], or_dash(r->unit), NULL);
		if (r->percent > 0 && r->percent < 0.05)
			/* "0.0%" would read as nobody out */
			snprintf(buf, sizeof(buf), "%s<0.1%%", approx);
		else if (r->percent >= 0)
			snprintf(buf, sizeof(buf), "%s%.1f%%", approx,
			    r->percent);
		else
			str_copy(buf, "-", sizeof(buf));
		cell_set(&c[6], buf, NULL);
		cell_set(&c[7], or_dash(r->severity),
		    severity_sgr(r->severity));
		fmt_when(r->since, buf, sizeof(buf));
		cell_set(&c[8], buf, NULL);
		fmt_when(r->updated_at, buf, sizeof(buf));
		cell_set(&c[9], buf, NULL);
	}
	table_print(&t);
	table_free(&t);
}

/* The utilities a region has no row for: coverage unknown, not zero. */
static void
unreported_note(const struct status_list *l)
{
	const char *sep = "";
	int missing = 0;

	for (int u = 0; u < UTIL_COUNT; u++) {
		const char *name = utility_name((enum utility)u);
		size_t i;

		for (i = 0; i < l->n; i++)
			if (l->v[i].utility != NULL &&
			    strcmp(l->v[i].utility, name) == 0)
				break;
		if (i < l->n)
			continue;
		if (!missing++)
			fputs("Nothing stored for ", stdout);
		printf("%s%s", sep, name);
		sep = ", ";
	}
	if (missing)
		puts(": coverage unknown.");
}

/* "UA", "UA-12", "UA-12:dnipro": two letters, then nothing or '-'. */
static int
looks_like_id(const char *s)
{
	return s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
	    (s[2] == '\0' || s[2] == '-');
}

static int
cmd_status(struct backend *b, const struct opts *o, char **args, int nargs)
{
	struct status_list l = { NULL, 0, 0 };
	char rid[OD_REGION_ID_MAX];
	const char *region = NULL;
	size_t stored, kept = 0;
	int json = (o->seen & O_JSON) != 0, rc = CTL_OK;

	if (nargs == 1) {
		if (canonical_region(args[0], rid, sizeof(rid)) == -1) {
			char *safe = term_safe(args[0]);

			fprintf(stderr, "outagectl: \"%s\" is not a region "
			    "id (such as UA-12)\n", safe);
			free(safe);
			return CTL_USAGE;
		}
		region = rid;
	}
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	if (b->ops->statuses(b, region, &l) != OD_OK) {
		fprintf(stderr, "outagectl: %s\n", b->err);
		status_list_free(&l);
		return CTL_UNAVAIL;
	}
	if (region != NULL && l.n == 0) {
		/* without a gazetteer we cannot tell unknown from unreported */
		char *safe = term_safe(args[0]);

		fprintf(stderr, "outagectl: no status for region %s%s\n", safe,
		    looks_like_id(region) ? "" :
		    " (REGION is an id such as UA-12)");
		free(safe);
		status_list_free(&l);
		return CTL_NODATA;
	}
	stored = l.n;
	if (region == NULL) {
		/* coverage unknown is not an outage: list only reported rows */
		for (size_t i = 0; i < l.n; i++) {
			if (is_unknown(&l.v[i])) {
				status_row_free(&l.v[i]);
				continue;
			}
			l.v[kept++] = l.v[i];
		}
		l.n = kept;
	}
	if (l.n > 0)
		qsort(l.v, l.n, sizeof(*l.v), status_cmp);
	if (json)
		rc = status_json(&l) == 0 ? CTL_OK : CTL_NODATA;
	else if (l.n == 0 && stored == 0)
		puts("No region status stored yet.");
	else if (l.n == 0)
		printf("No region has fresh data: coverage is unknown for all "
		    "%zu region/utility pairs stored.\n", stored);
	else {
		status_table(&l);
		if (region != NULL)
			unreported_note(&l);
	}
	status_list_free(&l);
	return rc;
}

/* ---- reports ---------------------------------------------------------- */

static int
reports_json(const struct report_list *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++) {
		const struct report_row *r = &l->v[i];
		json_t *o = json_object();

		json_object_set_new(o, "id", json_integer(r->id));
		json_object_set_new(o, "key", j_str(r->key));
		json_object_set_new(o, "observed_at", j_time(r->observed_at));
		json_object_set_new(o, "received_at", j_time(r->received_at));
		json_object_set_new(o, "source", j_str(r->source));
		json_object_set_new(o, "region", j_str(r->region));
		json_object_set_new(o, "utility", j_str(r->utility));
		json_object_set_new(o, "status", j_str(r->status));
		json_object_set_new(o, "affected", j_count(r->affected));
		json_object_set_new(o, "unit", j_str(r->unit));
		json_object_set_new(o, "approximate",
		    json_boolean(r->approximate));
		json_object_set_new(o, "via", j_str(r->via));
		json_array_append_new(a, o);
	}
	return json_print(a);
}

static void
reports_table(const struct report_list *l)
{
	static const char *const head[] = { "OBSERVED", "SOURCE", "REGION",
	    "UTILITY", "STATUS", "AFFECTED", "UNIT", "VIA", "KEY" };
	static const int right[] = { 0, 0, 0, 0, 0, 1, 0, 0, 0 };
	struct table t = { NELEM(head), head, right, NULL, 0, 0 };

	for (size_t i = 0; i < l->n; i++) {
		const struct report_row *r = &l->v[i];
		struct cell *c = table_row(&t);
		char num[48], buf[64];

		fmt_when(r->observed_at, buf, sizeof(buf));
		cell_set(&c[0], buf, NULL);
		cell_set(&c[1], or_dash(r->source), NULL);
		cell_set(&c[2], or_dash(r->region), NULL);
		cell_set(&c[3], or_dash(r->utility), NULL);
		cell_set(&c[4], or_dash(r->status), NULL);
		if (r->affected >= 0) {
			fmt_count(r->affected, num, sizeof(num));
			snprintf(buf, sizeof(buf), "%s%s",
			    r->approximate ? "~" : "", num);
		} else
			str_copy(buf, "-", sizeof(buf));
		cell_set(&c[5], buf, NULL);
		cell_set(&c[6], or_dash(r->unit), NULL);
		cell_set(&c[7], or_dash(r->via), NULL);
		cell_set(&c[8], or_dash(r->key), NULL);
	}
	table_print(&t);
	table_free(&t);
}

/* --since: RFC 3339, else a duration back from now. */
static int
parse_since(const char *s, int64_t *ms)
{
	int64_t secs;

	if (time_parse(s, ms) == OD_OK)
		return 0;
	if (parse_duration(s, 0, SINCE_MAX_SECS, &secs) != OD_OK)
		return -1;
	*ms = now_wall_ms() - secs * 1000;
	return 0;
}

static int
cmd_reports(struct backend *b, const struct opts *o, char **args, int nargs)
{
	struct report_filter f = { NULL, NULL, INT64_MIN, DEFAULT_LIMIT };
	struct report_list l = { NULL, 0, 0 };
	char rid[OD_REGION_ID_MAX];
	int json = (o->seen & O_JSON) != 0, rc = CTL_OK;
	int64_t n, total;

	(void)args;
	(void)nargs;
	if (o->region != NULL) {
		if (canonical_region(o->region, rid, sizeof(rid)) == -1) {
			fprintf(stderr, "outagectl: --region: not a region "
			    "id (such as UA-12)\n");
			return CTL_USAGE;
		}
		f.region = rid;
	}
	f.source = o->source;
	if (o->since != NULL && parse_since(o->since, &f.since_ms) == -1) {
		fprintf(stderr, "outagectl: --since: expected RFC 3339 "
		    "(2026-11-26T10:00:00Z) or a duration (30m, 2h, 7d)\n");
		return CTL_USAGE;
	}
	if (o->limit != NULL &&
	    parse_i64(o->limit, 0, INT64_MAX, &f.limit) != OD_OK) {
		fprintf(stderr, "outagectl: --limit: expected a number "
		    ">= 0\n");
		return CTL_USAGE;
	}
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;

	if (o->seen & O_COUNT) {
		if (b->ops->count_reports(b, &f, &n) != OD_OK) {
			fprintf(stderr, "outagectl: %s\n", b->err);
			return CTL_UNAVAIL;
		}
		if (json) {
			json_t *j = json_pack("{s:I}", "count", (json_int_t)n);

			return json_print(j) == 0 ? CTL_OK : CTL_NODATA;
		}
		printf("%lld\n", (long long)n);
		return CTL_OK;
	}

	if (b->ops->reports(b, &f, &l) != OD_OK) {
		fprintf(stderr, "outagectl: %s\n", b->err);
		report_list_free(&l);
		return CTL_UNAVAIL;
	}
	if (json)
		rc = reports_json(&l) == 0 ? CTL_OK : CTL_NODATA;
	else if (l.n == 0)
		fprintf(stderr, "outagectl: no reports match\n");
	else {
		reports_table(&l);
		/* tell a person the list was cut; scripts use --json */
		if (f.limit > 0 && (int64_t)l.n == f.limit &&
		    b->ops->count_reports(b, &f, &total) == OD_OK &&
		    total > f.limit)
			fprintf(stderr, "outagectl: showing the newest %lld "
			    "of %lld reports (--limit N, 0 for all)\n",
			    (long long)f.limit, (long long)total);
	}
	report_list_free(&l);
	return rc;
}

/* ---- main ------------------------------------------------------------- */

/* One getopt_long pass; -1 on a bad option (getopt said why). */
static int
parse_pass(int argc, char **argv, const char *optstring, struct opts *o)
{
	int ch;

	while ((ch = getopt_long(argc, argv, optstring, longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case OPT_DB:	o->db = optarg; break;
		case OPT_URL:	o->url = optarg; break;
		case OPT_JSON:	o->seen |= O_JSON; break;
		case OPT_REGION: o->region = optarg; o->seen |= O_REGION; break;
		case OPT_SOURCE: o->source = optarg; o->seen |= O_SOURCE; break;
		case OPT_SINCE:	o->since = optarg; o->seen |= O_SINCE; break;
		case OPT_LIMIT:	o->limit = optarg; o->seen |= O_LIMIT; break;
		case OPT_COUNT:	o->seen |= O_COUNT; break;
		case OPT_VERSION: o->version = 1; break;
		case 'h':	o->help = 1; break;
		default:	return -1;
		}
	}
	return 0;
}

static int
colour_wanted(void)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	/* no-color.org: set and non-empty turns colour off */
	if (nc != NULL && nc[0] != '\0')
		return 0;
	if (term != NULL && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(STDOUT_FILENO);
}

int
main(int argc, char *argv[])
{
	static char progname[] = "outagectl";
	const struct command *cmd = NULL;
	struct opts o;
	struct backend b;
	char **sub;
	int nsub, rc;

	memset(&o, 0, sizeof(o));
	memset(&b, 0, sizeof(b));
	log_set_level(LOG_LVL_ERROR);
	if (argc < 1)
		return CTL_USAGE;
	argv[0] = progname;	/* getopt's messages start with it */

	/* global options stop at the command ('+') */
	if (parse_pass(argc, argv, "+h", &o) == -1) {
		usage(stderr);
		return CTL_USAGE;
	}
	if (o.help || (optind < argc && strcmp(argv[optind], "help") == 0)) {
		usage(stdout);
		return CTL_OK;
	}
	if (o.version) {
		printf("outagectl %s\n", OUTAGED_VERSION);
		return CTL_OK;
	}
	if (optind >= argc) {
		fprintf(stderr, "outagectl: no command given\n");
		usage(stderr);
		return CTL_USAGE;
	}
	for (size_t i = 0; i < NELEM(commands); i++)
		if (strcmp(argv[optind], commands[i].name) == 0)
			cmd = &commands[i];
	if (cmd == NULL) {
		char *safe = term_safe(argv[optind]);

		fprintf(stderr, "outagectl: unknown command \"%s\"\n", safe);
		free(safe);
		usage(stderr);
		return CTL_USAGE;
	}

	/* the command's own pass: options may follow or mix with operands */
	nsub = argc - optind;
	sub = xcalloc((size_t)nsub + 1, sizeof(*sub));
	sub[0] = progname;
	for (int i = 1; i < nsub; i++)
		sub[i] = argv[optind + i];
	optind = 0;		/* full reset, permutation state included */
	if (parse_pass(nsub, sub, "h", &o) == -1) {
		free(sub);
		usage(stderr);
		return CTL_USAGE;
	}
	if (o.help) {
		free(sub);
		usage(stdout);
		return CTL_OK;
	}
	if (o.version) {
		free(sub);
		printf("outagectl %s\n", OUTAGED_VERSION);
		return CTL_OK;
	}
	if ((o.seen & ~cmd->allowed) != 0 || nsub - optind > cmd->maxargs) {
		fprintf(stderr, "outagectl: %s: %s\n", cmd->name,
		    (o.seen & ~cmd->allowed) != 0 ?
		    "option not valid for this command" :
		    "too many arguments");
		free(sub);
		usage(stderr);
		return CTL_USAGE;
	}

	use_colour = colour_wanted();
	rc = cmd->run(&b, &o, sub + optind, nsub - optind);
	if (b.ops != NULL)
		b.ops->close(&b);
	free(sub);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "outagectl: stdout: %s\n", strerror(errno));
		return CTL_NODATA;
	}
	return rc;
}
