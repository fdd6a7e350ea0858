/* SPDX-License-Identifier: MIT */
/*
 * outagectl.c - the command-line client.  It talks to a running daemon's
 * HTTP API (--url, OUTAGED_URL, default http://127.0.0.1:8080) through
 * libcurl, or reads the SQLite database directly (--db) where no daemon
 * runs.  Every command goes through one backend interface (struct
 * backend_ops): status and reports work with either backend; history,
 * alerts, report and watch need the API, and the database backend leaves
 * those operations out.
 */
#include <assert.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>

#include "buf.h"
#include "extract.h"
#include "log.h"
#include "outaged.h"
#include "region.h"
#include "report.h"
#include "store.h"
#include "util.h"

#define DEFAULT_URL		"http://127.0.0.1:8080"
#define DEFAULT_LIMIT		50
#define SINCE_MAX_SECS		(100LL * 366 * 86400)
#define JSON_FLAGS		(JSON_INDENT(2) | JSON_REAL_PRECISION(12))

#define CONNECT_TIMEOUT_S	5L
#define REQUEST_TIMEOUT_S	30L
#define RESPONSE_MAX		(16L * 1024 * 1024)	/* bytes */
#define EVENT_MAX		(1024 * 1024)	/* one server-sent event */
#define STREAM_IDLE_S		30L	/* the daemon pings every 10 s */
#define RECONNECT_MS		3000L	/* unless the stream says retry: */
#define API_PAGE		1000	/* the API's largest limit */
#define TOKEN_MAX		4096
#define URL_MAX			2048
/* An empty URL buffer (struct buf) that holds less than URL_MAX bytes. */
#define URL_BUF			{ .max = URL_MAX - 1 }
#define API			"/api/v1"

/* Exit codes, documented in usage() and outagectl(1). */
enum {
	CTL_OK = 0,
	CTL_NODATA = 1,		/* not found, no data (or stdout failed) */
	CTL_USAGE = 2,
	CTL_UNAVAIL = 3,	/* cannot reach the daemon or the database */
	CTL_AUTH = 4,		/* the daemon wants a (different) token */
	CTL_REFUSED = 5		/* the daemon refused the request (400, 413) */
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
	int		 outages_only;	/* the source left out normal regions */
};

struct report_list {
	struct report_row *v;
	size_t		 n, cap;
	int		 more;		/* past the limit: 1, 0, -1 unknown */
};

struct report_filter {
	const char	*region;	/* NULL: any; a region has its places */
	const char	*source;	/* NULL: any */
	int64_t		 since_ms;	/* INT64_MIN: any */
	int64_t		 limit;		/* <= 0: no limit */
};

struct history_filter {
	const char	*region;	/* an id or a name, as given */
	const char	*utility;	/* NULL: every utility */
	int64_t		 since_ms;	/* INT64_MIN: the backend's default */
};

/*
 * An event of a stream: 0 to go on, 1 to stop (enough), -1 to stop on an
 * error the callback put in the backend's err and fail.
 */
typedef int	(*event_fn)(void *arg, const char *event, const char *data);

/* ---- the backend interface ---------------------------------------------- */

struct backend;
struct opts;

/*
 * What every command reads or sends goes through these operations.  A
 * backend leaves out (NULL) what it cannot serve, and says why in
 * unserved; main() checks before a command runs (backend_serves).  An
 * operation that fails returns an error with the backend's err and fail
 * set.  JSON answers are the API's objects, which --json prints as they
 * came.
 */
struct backend_ops {
	/* Regions are resolved by name as well as by id. */
	int		 names;
	/* "needs ..." when an operation is left out, after the command. */
	const char	*unserved;
	/* Connect or open; CTL_OK or the exit status, having said why. */
	int		(*open)(struct backend *, const struct opts *);
	/* Status rows of one region (exact id) or of all (NULL). */
	enum od_err	(*statuses)(struct backend *, const char *region,
			    struct status_list *);
	/* Reports matching the filter, newest first. */
	enum od_err	(*reports)(struct backend *,
			    const struct report_filter *, struct report_list *);
	/* How many reports match (the limit is ignored). */
	enum od_err	(*count_reports)(struct backend *,
			    const struct report_filter *, int64_t *);
	/* A region's status changes: {"region", "since", "points": [...]}. */
	enum od_err	(*history)(struct backend *,
			    const struct history_filter *, json_t **answer);
	/* Alert episodes, at most API_PAGE: {"alerts": [...]}. */
	enum od_err	(*alerts)(struct backend *, const char *state,
			    const char *region, json_t **answer);
	/* Send one report (JSON): {"accepted", "duplicates", "rejected"}. */
	enum od_err	(*send_report)(struct backend *, const char *report,
			    json_t **answer);
	/* Follow status and alert events until fn says stop. */
	enum od_err	(*watch)(struct backend *, event_fn fn, void *arg);
	void		(*close)(struct backend *);
};

/* Operations, as bits: which a command uses. */
#define B_STATUSES	0x01u
#define B_REPORTS	0x02u	/* reports and count_reports */
#define B_HISTORY	0x04u
#define B_ALERTS	0x08u
#define B_SEND		0x10u
#define B_WATCH		0x20u

struct backend {
	const struct backend_ops *ops;	/* chosen by backend_select */
	const char	*where;		/* path or URL, for messages */
	void		*impl;		/* the backend's own, once open */
	int		 fail;		/* exit status for the error in err */
	char		 err[1024];	/* set when an operation fails */
};

/* ---- options and commands --------------------------------------------- */

enum {
	OPT_DB = 256, OPT_URL, OPT_TOKEN_FILE, OPT_JSON, OPT_REGION,
	OPT_SOURCE, OPT_SINCE, OPT_LIMIT, OPT_COUNT, OPT_UTILITY, OPT_STATUS,
	OPT_AFFECTED, OPT_UNIT, OPT_ID, OPT_APPROX, OPT_STATE, OPT_VERSION,
	OPT_JSONL, OPT_REGIONS
};

/* Command options, as bits: which a command accepts, which were given. */
#define O_JSON		0x0001u
#define O_REGION	0x0002u
#define O_SOURCE	0x0004u
#define O_SINCE		0x0008u
#define O_LIMIT		0x0010u
#define O_COUNT		0x0020u
#define O_UTILITY	0x0040u
#define O_STATUS	0x0080u
#define O_AFFECTED	0x0100u
#define O_UNIT		0x0200u
#define O_ID		0x0400u
#define O_APPROX	0x0800u
#define O_STATE		0x1000u
#define O_JSONL		0x2000u
#define O_REGIONS	0x4000u

struct opts {
	const char	*db, *url, *token_file;
	const char	*region, *source, *since, *limit, *count;
	const char	*utility, *status, *affected, *unit, *id, *state;
	const char	*regions;
	unsigned	 seen;		/* O_* bits */
	int		 help, version;
};

/* Command flags. */
#define C_COUNT_N	0x01u	/* --count takes a number */

struct command {
	const char	*name;
	unsigned	 allowed;	/* O_* bits */
	int		 minargs, maxargs;
	unsigned	 flags;		/* C_* bits */
	unsigned	 uses;		/* B_* bits; 0: no backend at all */
	int		(*run)(struct backend *, const struct opts *,
			    char **args, int nargs);
};

static int	cmd_status(struct backend *, const struct opts *, char **,
		    int);
static int	cmd_reports(struct backend *, const struct opts *, char **,
		    int);
static int	cmd_history(struct backend *, const struct opts *, char **,
		    int);
static int	cmd_alerts(struct backend *, const struct opts *, char **,
		    int);
static int	cmd_report(struct backend *, const struct opts *, char **,
		    int);
static int	cmd_watch(struct backend *, const struct opts *, char **,
		    int);
static int	cmd_extract(struct backend *, const struct opts *, char **,
		    int);

static const struct command commands[] = {
	{ "status", O_JSON, 0, 1, 0, B_STATUSES, cmd_status },
	{ "reports", O_JSON | O_REGION | O_SOURCE | O_SINCE | O_LIMIT |
	    O_COUNT, 0, 0, 0, B_REPORTS, cmd_reports },
	{ "history", O_JSON | O_UTILITY | O_SINCE, 1, 1, 0, B_HISTORY,
	    cmd_history },
	{ "alerts", O_JSON | O_STATE | O_REGION, 0, 0, 0, B_ALERTS,
	    cmd_alerts },
	{ "report", O_JSON | O_REGION | O_UTILITY | O_STATUS | O_AFFECTED |
	    O_UNIT | O_SOURCE | O_ID | O_APPROX, 0, 0, 0, B_SEND, cmd_report },
	{ "watch", O_JSON | O_COUNT, 0, 0, C_COUNT_N, B_WATCH, cmd_watch },
	{ "extract", O_JSONL | O_REGIONS, 1, 1, 0, 0, cmd_extract },
};

static const struct option longopts[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "url", required_argument, NULL, OPT_URL },
	{ "token-file", required_argument, NULL, OPT_TOKEN_FILE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "region", required_argument, NULL, OPT_REGION },
	{ "source", required_argument, NULL, OPT_SOURCE },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "count", no_argument, NULL, OPT_COUNT },	/* watch: a number */
	{ "utility", required_argument, NULL, OPT_UTILITY },
	{ "status", required_argument, NULL, OPT_STATUS },
	{ "affected", required_argument, NULL, OPT_AFFECTED },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "id", required_argument, NULL, OPT_ID },
	{ "approximate", no_argument, NULL, OPT_APPROX },
	{ "state", required_argument, NULL, OPT_STATE },
	{ "jsonl", no_argument, NULL, OPT_JSONL },
	{ "regions", required_argument, NULL, OPT_REGIONS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static int	 use_colour;

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: outagectl [--url URL | --db PATH] status [REGION] [--json]\n"
	    "       outagectl [--url URL | --db PATH] reports [--region R]\n"
	    "                 [--source S] [--since TIME] [--limit N] [--count]"
	    " [--json]\n"
	    "       outagectl [--url URL] history REGION [--utility U]\n"
	    "                 [--since TIME] [--json]\n"
	    "       outagectl [--url URL] alerts [--state firing|resolved|all]\n"
	    "                 [--region R] [--json]\n"
	    "       outagectl [--url URL] report --region R --utility U"
	    " --status S\n"
	    "                 [--affected N] [--unit UNIT] [--approximate]"
	    " [--source S]\n"
	    "                 [--id ID] [--json]\n"
	    "       outagectl [--url URL] watch [--count N] [--json]\n"
	    "       outagectl extract [--jsonl] [--regions DIR] FILE|-\n"
	    "       outagectl --help | --version\n"
	    "\n"
	    "Show what outaged knows, and send it reports.\n"
	    "\n"
	    "Commands:\n"
	    "  status [REGION]   regions with an outage, worst first; with\n"
	    "                    REGION (an id such as UA-12, any case; over\n"
	    "                    the API a name too) every utility reported\n"
	    "  reports           stored reports, newest first\n"
	    "  history REGION    status changes (default: the last 24 hours)\n"
	    "  alerts            alert episodes (default: the firing ones)\n"
	    "  report            send one report (needs a token)\n"
	    "  watch             print status and alert events as they happen\n"
	    "  extract FILE|-    news text to reports (JSON), nothing stored;\n"
	    "                    --jsonl: lines {\"id\",\"text\"} in, lines\n"
	    "                    {\"id\",\"reports\"} out; --regions DIR (or\n"
	    "                    $OUTAGED_REGIONS) for the region packs\n"
	    "\n"
	    "Options (before or after the command):\n"
	    "  --url URL         the daemon's API (default $OUTAGED_URL, else\n"
	    "                    " DEFAULT_URL "); proxies are not used\n"
	    "  --db PATH         read the SQLite database directly instead\n"
	    "                    (also $OUTAGED_DB); status and reports only\n"
	    "  --token-file FILE the bearer token is the first line of FILE\n"
	    "                    (default $OUTAGED_TOKEN); keep it mode 600\n"
	    "  --json            JSON instead of a table\n"
	    "  --region R        reports: about R and the places below it;\n"
	    "                    alerts: in R; report: the region (id or name)\n"
	    "  --source S        reports from source S; report: the sender\n"
	    "                    (default outagectl)\n"
	    "  --since TIME      at or after TIME: RFC 3339\n"
	    "                    (2026-11-26T10:00:00Z) or a duration back\n"
	    "                    from now (90s, 30m, 2h, 7d)\n"
	    "  --limit N         at most N reports (default %d; 0: all)\n"
	    "  --count           reports: print only the number that match\n"
	    "  --count N         watch: exit after N events\n"
	    "  --utility U       power, heat, water, gas or telecom\n"
	    "  --status S        outage, partial or restored\n"
	    "  --affected N      how many are affected (--unit: households,\n"
	    "                    customers, people, homes or consumers)\n"
	    "  --approximate     the count is an estimate\n"
	    "  --id ID           the report's id: sending it again is a no-op\n"
	    "  --state S         firing (default), resolved or all\n"
	    "  -h, --help        this help\n"
	    "      --version     print the version\n"
	    "\n"
	    "Exit status: 0 ok, 1 not found or no data, 2 usage error,\n"
	    "3 the daemon cannot be reached (or the database read),\n"
	    "4 the token is missing or was refused, 5 the daemon refused the\n"
	    "request.\n", DEFAULT_LIMIT);
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

/* ms since the epoch in UTC by strftime format fmt; 0 -> "-". */
static void
fmt_utc(int64_t ms, const char *fmt, char *buf, size_t buflen)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (ms <= 0 || gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, buflen, fmt, &tm) == 0)
		str_copy(buf, "-", buflen);
}

/* ms since the epoch -> "2026-11-26 10:00Z"; 0 -> "-". */
static void
fmt_when(int64_t ms, char *buf, size_t buflen)
{
	fmt_utc(ms, "%Y-%m-%d %H:%MZ", buf, buflen);
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


/* ms since the epoch -> "2026-11-26 10:00:05Z"; 0 -> "-". */
static void
fmt_when_secs(int64_t ms, char *buf, size_t buflen)
{
	fmt_utc(ms, "%Y-%m-%d %H:%M:%SZ", buf, buflen);
}

/* A count as the tables show it: "~600,000"; -1 -> "-". */
static void
fmt_affected(int64_t n, int approx, char *buf, size_t buflen)
{
	char num[48];

	if (n < 0) {
		str_copy(buf, "-", buflen);
		return;
	}
	fmt_count(n, num, sizeof(num));
	snprintf(buf, buflen, "%s%s", approx ? "~" : "", num);
}

/*
 * A share: "46.1%"; -1 -> "-".  "0.0%" would read as nobody out, so a
 * small share of a count above zero is "<0.1%" (the API rounds to 0.0).
 */
static void
fmt_percent(double pct, int64_t affected, int approx, char *buf,
    size_t buflen)
{
	const char *a = approx ? "~" : "";

	if ((pct > 0 && pct < 0.05) || (pct == 0 && affected > 0))
		snprintf(buf, buflen, "%s<0.1%%", a);
	else if (pct >= 0)
		snprintf(buf, buflen, "%s%.1f%%", a, pct);
	else
		str_copy(buf, "-", buflen);
}

static void	text_add(struct buf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/*
 * Append to a bounded line or URL; once something did not fit nothing
 * more is added, so the text keeps what fitted whole.
 */
static void
text_add(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	if (b->overflow)
		return;
	va_start(ap, fmt);
	(void)buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* Text the API resolves (a region id or name): printable, not empty. */
static int
api_text_ok(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n >= max)
		return 0;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

static void
since_usage(void)
{
	fprintf(stderr, "outagectl: --since: expected RFC 3339 "
	    "(2026-11-26T10:00:00Z) or a duration (30m, 2h, 7d)\n");
}

static void
region_usage(const char *what, const char *s)
{
	char *safe = term_safe(s);

	fprintf(stderr, "outagectl: %s\"%s\" is not a region id or name "
	    "(such as UA-12)\n", what, safe);
	free(safe);
}

/* ---- reading the API's JSON (NULL objects read as absent) ------------- */

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int64_t
jint(const json_t *o, const char *k, int64_t dflt)
{
	json_t *v = json_object_get(o, k);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

static double
jreal(const json_t *o, const char *k, double dflt)
{
	json_t *v = json_object_get(o, k);

	return json_is_number(v) ? json_number_value(v) : dflt;
}

static int
jbool(const json_t *o, const char *k)
{
	return json_is_true(json_object_get(o, k));
}

/* An RFC 3339 member as ms since the epoch; 0 when absent or null. */
static int64_t
jtime(const json_t *o, const char *k)
{
	const char *s = jstr(o, k);
	int64_t ms;

	if (s == NULL || time_parse(s, &ms) != OD_OK)
		return 0;
	return ms;
}

/* ---- database backend ------------------------------------------------- */

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

/* The database holds no history, alerts or event stream, and takes no
 * report: those operations are left out, and main() says so. */
static const struct backend_ops db_ops = {
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
	.close = db_close
};


/* ---- HTTP backend ----------------------------------------------------- */

struct http_be {
	CURL		*curl;
	char		*base;		/* the URL without trailing slashes */
	char		*auth;		/* "Authorization: Bearer ..." or NULL */
	char		 errbuf[CURL_ERROR_SIZE];
};

/*
 * libcurl's write callback into a struct buf (a response body, capped at
 * its max); 0 past the cap stops the transfer.
 */
static size_t
body_write(char *p, size_t size, size_t n, void *arg)
{
	return buf_add(arg, p, size * n) == 0 ? size * n : 0;
}

static struct curl_slist *
header_add(struct curl_slist *l, const char *h)
{
	struct curl_slist *n = curl_slist_append(l, h);

	if (n == NULL)
		fatalx("out of memory");
	return n;
}

/* Options every request has; a stream has no total timeout. */
static void
http_setup(struct http_be *h, const char *url, int stream)
{
	CURL *c = h->curl;

	curl_easy_reset(c);
	h->errbuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	/* the daemon is reached directly, whatever http_proxy says */
	curl_easy_setopt(c, CURLOPT_PROXY, "");
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(c, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(c, CURLOPT_USERAGENT, "outagectl/" OUTAGED_VERSION);
	if (stream) {
		/* a dead connection: no byte, not even a ping, for a while */
		curl_easy_setopt(c, CURLOPT_TIMEOUT, 0L);
		curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
		curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, STREAM_IDLE_S);
	} else {
		curl_easy_setopt(c, CURLOPT_TIMEOUT, REQUEST_TIMEOUT_S);
		curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
		    (curl_off_t)RESPONSE_MAX);
	}
}

/* "cannot reach outaged at URL: why", for a transfer that failed. */
static void
http_unreachable(struct backend *b, CURLcode cc)
{
	struct http_be *h = b->impl;

	snprintf(b->err, sizeof(b->err), "cannot reach outaged at %s: %s",
	    b->where, h->errbuf[0] != '\0' ? h->errbuf :
	    curl_easy_strerror(cc));
	b->fail = CTL_UNAVAIL;
}

/*
 * One request (a POST when post is not NULL).  0 with the status code and
 * the body, or -1 when no answer came (b->err and b->fail say why).
 */
static int
http_do(struct backend *b, const char *url, const char *post, long *status,
    struct buf *bd)
{
	struct http_be *h = b->impl;
	struct curl_slist *hdr = NULL;
	CURLcode cc;

	http_setup(h, url, 0);
	hdr = header_add(hdr, "Accept: application/json");
	if (post != NULL) {
		hdr = header_add(hdr, "Content-Type: application/json");
		hdr = header_add(hdr, "Expect:");
		curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, post);
		curl_easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)strlen(post));
	}
	if (h->auth != NULL)
		hdr = header_add(hdr, h->auth);
	curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, body_write);
	curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, bd);
	cc = curl_easy_perform(h->curl);
	curl_slist_free_all(hdr);
	if (bd->overflow || cc == CURLE_FILESIZE_EXCEEDED) {
		snprintf(b->err, sizeof(b->err), "%s: the answer is over "
		    "%ld MiB", b->where, RESPONSE_MAX / (1024 * 1024));
		b->fail = CTL_UNAVAIL;
		return -1;
	}
	if (cc != CURLE_OK) {
		http_unreachable(b, cc);
		return -1;
	}
	*status = 0;
	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, status);
	return 0;
}

/* Request flags. */
#define H_REGION	0x01u	/* a 404 is an unknown region: exit 1 */
#define H_REPORT	0x02u	/* a refusal refuses "the report" */

/* Say what an answer other than 2xx means, in b->err and b->fail. */
static void
http_fail(struct backend *b, long status, const struct buf *bd,
    unsigned flags)
{
	struct http_be *h = b->impl;
	json_t *j = bd->len > 0 ? json_loadb(bd->data, bd->len, 0, NULL) : NULL;
	const char *error = jstr(j, "error"), *detail = jstr(j, "detail");
	char why[600], *safe;

	snprintf(why, sizeof(why), "%s%s%s", error != NULL ? error : "",
	    error != NULL && detail != NULL ? ": " : "",
	    detail != NULL ? detail : "");
	if (why[0] == '\0')
		str_copy(why, "no explanation", sizeof(why));
	safe = term_safe(why);
	switch (status) {
	case 401:
		b->fail = CTL_AUTH;
		str_copy(b->err, h->auth != NULL ?
		    "the token was refused (set OUTAGED_TOKEN)" :
		    "the daemon wants a token (set OUTAGED_TOKEN, or use "
		    "--token-file FILE)", sizeof(b->err));
		break;
	case 400:
	case 403:	/* a scoped token, another source */
	case 413:
	case 422:
		b->fail = CTL_REFUSED;
		snprintf(b->err, sizeof(b->err), "the daemon refused the %s: "
		    "%s", (flags & H_REPORT) ? "report" : "request", safe);
		break;
	case 404:
		if ((flags & H_REGION) && detail != NULL) {
			char *d = term_safe(detail);

			b->fail = CTL_NODATA;
			str_copy(b->err, d, sizeof(b->err));
			free(d);
			break;
		}
		/* FALLTHROUGH */
	default:
		b->fail = CTL_UNAVAIL;
		snprintf(b->err, sizeof(b->err), "outaged at %s answered HTTP "
		    "%ld: %s%s", b->where, status, safe, status >= 300 &&
		    status < 400 ? " (redirects are not followed: give the "
		    "final URL)" : status == 404 ? " (is the URL the daemon's "
		    "address, such as " DEFAULT_URL "?)" : "");
		break;
	}
	free(safe);
	json_decref(j);
}

/*
 * A request whose answer is a JSON object.  Returns it, or NULL with
 * b->err and b->fail set.
 */
static json_t *
http_json(struct backend *b, const char *url, const char *post,
    unsigned flags)
{
	struct buf bd;
	json_t *j = NULL;
	long status;

	buf_init(&bd, RESPONSE_MAX);
	if (http_do(b, url, post, &status, &bd) == -1)
		goto out;
	if (status < 200 || status > 299) {
		http_fail(b, status, &bd, flags);
		goto out;
	}
	j = bd.len > 0 ? json_loadb(bd.data, bd.len, 0, NULL) : NULL;
	if (!json_is_object(j)) {
		json_decref(j);
		j = NULL;
		snprintf(b->err, sizeof(b->err), "%s did not answer with "
		    "outaged's JSON (is it outaged?)", b->where);
		b->fail = CTL_UNAVAIL;
	}
 out:
	buf_free(&bd);
	return j;
}

/* Append "?key=value" or "&key=value", the value percent-encoded. */
static void
query_add(struct backend *b, struct buf *sb, const char *key,
    const char *value)
{
	struct http_be *h = b->impl;
	char *e;

	if (value == NULL)
		return;
	if ((e = curl_easy_escape(h->curl, value, 0)) == NULL)
		fatalx("out of memory");
	text_add(sb, "%c%s=%s", strchr(buf_str(sb), '?') != NULL ? '&' : '?', key,
	    e);
	curl_free(e);
}

/* base + API + "/regions/<region, percent-encoded>" + rest */
static void
region_path(struct backend *b, struct buf *sb, const char *region,
    const char *rest)
{
	struct http_be *h = b->impl;
	char *e;

	if ((e = curl_easy_escape(h->curl, region, 0)) == NULL)
		fatalx("out of memory");
	text_add(sb, "%s" API "/regions/%s%s", h->base, e, rest);
	curl_free(e);
}

/* -1 (b->err set) when the URL did not fit. */
static int
url_done(struct backend *b, const struct buf *sb)
{
	if (!sb->overflow)
		return 0;
	snprintf(b->err, sizeof(b->err), "the request URL would be over %zu "
	    "bytes", sb->max);
	b->fail = CTL_USAGE;
	return -1;
}

/* A GET (or, with post, a POST) of the URL in sb, if it fitted, as
 * http_json(); sb is freed. */
static json_t *
http_json_at(struct backend *b, struct buf *sb, const char *post,
    unsigned flags)
{
	json_t *j = NULL;

	if (url_done(b, sb) == 0)
		j = http_json(b, buf_str(sb), post, flags);
	buf_free(sb);
	return j;
}

static void
status_add(struct status_list *l, const char *region, const char *name,
    const char *utility, const json_t *fig)
{
	struct status_row *r;

	ARRAY_GROW(l->v, l->n, l->cap, 32);
	r = &l->v[l->n++];
	memset(r, 0, sizeof(*r));
	r->region = dup_or_null(region);
	r->name = dup_or_null(name);
	r->utility = dup_or_null(utility);
	r->status = dup_or_null(fig != NULL ? jstr(fig, "status") :
	    "unknown");
	r->unit = dup_or_null(jstr(fig, "unit"));
	r->severity = dup_or_null(jstr(fig, "severity"));
	r->affected = jint(fig, "affected", -1);
	r->percent = jreal(fig, "percent", -1);
	r->approximate = jbool(fig, "approximate");
	r->sources = (int)jint(fig, "sources", 0);
	r->since = jtime(fig, "since");
	r->updated_at = jtime(fig, "last_update");
	r->peak = jint(fig, "peak", -1);
}

/* Never reported: unknown and no time at all (not merely stale). */
static int
fig_never(const json_t *fig)
{
	const char *st = jstr(fig, "status");

	return (st == NULL || strcmp(st, "unknown") == 0) &&
	    jtime(fig, "since") == 0 && jtime(fig, "last_update") == 0;
}

static enum od_err
http_statuses(struct backend *b, const char *region, struct status_list *out)
{
	struct http_be *h = b->impl;
	struct buf sb = URL_BUF;
	json_t *j, *list, *reg, *utils;
	size_t i;

	if (region != NULL) {
		region_path(b, &sb, region, "");
		if ((j = http_json_at(b, &sb, NULL, H_REGION)) == NULL)
			return OD_ENET;
		utils = json_object_get(j, "utilities");
		for (int u = 0; u < UTIL_COUNT; u++) {
			const char *name = utility_name((enum utility)u);
			json_t *fig = json_object_get(utils, name);

			if (json_is_object(fig) && !fig_never(fig))
				status_add(out, jstr(j, "region"),
				    jstr(j, "name"), name, fig);
		}
		json_decref(j);
		return OD_OK;
	}

	text_add(&sb, "%s" API "/status", h->base);
	if ((j = http_json_at(b, &sb, NULL, 0)) == NULL)
		return OD_ENET;
	/* the daemon lists regions with an outage or stale data only */
	out->outages_only = 1;
	list = json_object_get(j, "regions");
	json_array_foreach(list, i, reg) {
		size_t before = out->n;

		utils = json_object_get(reg, "utilities");
		for (int u = 0; u < UTIL_COUNT; u++) {
			const char *name = utility_name((enum utility)u);
			json_t *fig = json_object_get(utils, name);

			if (json_is_object(fig))
				status_add(out, jstr(reg, "region"),
				    jstr(reg, "name"), name, fig);
		}
		if (out->n == before)	/* listed for stale data only */
			status_add(out, jstr(reg, "region"), jstr(reg, "name"),
			    NULL, NULL);
	}
	json_decref(j);
	return OD_OK;
}

static void
report_add(struct report_list *l, const json_t *o)
{
	struct report_row *r;

	ARRAY_GROW(l->v, l->n, l->cap, 64);
	r = &l->v[l->n++];
	r->id = jint(o, "id", 0);
	r->key = dup_or_null(jstr(o, "key"));
	r->source = dup_or_null(jstr(o, "source"));
	r->region = dup_or_null(jstr(o, "region"));
	r->utility = dup_or_null(jstr(o, "utility"));
	r->status = dup_or_null(jstr(o, "status"));
	r->unit = dup_or_null(jstr(o, "unit"));
	r->via = dup_or_null(jstr(o, "via"));
	r->affected = jint(o, "affected", -1);
	r->approximate = jbool(o, "approximate");
	r->observed_at = jtime(o, "observed_at");
	r->received_at = jtime(o, "received_at");
}

/* GET /reports with the filter, one page of limit from the before cursor. */
static json_t *
reports_page(struct backend *b, const struct report_filter *f, int64_t limit,
    int64_t before)
{
	struct http_be *h = b->impl;
	char num[32], since[32];
	struct buf sb = URL_BUF;
	json_t *j;

	text_add(&sb, "%s" API "/reports", h->base);
	snprintf(num, sizeof(num), "%lld", (long long)limit);
	query_add(b, &sb, "limit", num);
	query_add(b, &sb, "region", f->region);
	query_add(b, &sb, "source", f->source);
	if (f->since_ms > 0) {
		time_format(f->since_ms, since, sizeof(since));
		query_add(b, &sb, "since", since);
	}
	if (before > 0) {
		snprintf(num, sizeof(num), "%lld", (long long)before);
		query_add(b, &sb, "before", num);
	}
	if ((j = http_json_at(b, &sb, NULL, H_REGION)) == NULL)
		return NULL;
	if (!json_is_array(json_object_get(j, "reports"))) {
		json_decref(j);
		snprintf(b->err, sizeof(b->err), "%s: the reports answer has "
		    "no list", b->where);
		b->fail = CTL_UNAVAIL;
		return NULL;
	}
	return j;
}

/*
 * The cursor of the next page: 0 at the end.  -1 when it does not move
 * back (a daemon that would have us loop forever).
 */
static int64_t
next_page(struct backend *b, const json_t *j, int64_t before)
{
	int64_t next = jint(j, "next_before", 0);

	if (next <= 0)
		return 0;
	if (before > 0 && next >= before) {
		snprintf(b->err, sizeof(b->err), "%s: the report pages do not "
		    "move back (next_before %lld)", b->where, (long long)next);
		b->fail = CTL_UNAVAIL;
		return -1;
	}
	return next;
}

static enum od_err
http_reports(struct backend *b, const struct report_filter *f,
    struct report_list *out)
{
	int64_t want = f->limit > 0 ? f->limit : INT64_MAX, before = 0, ask;
	json_t *j, *o;
	size_t i;

	out->more = 0;
	for (;;) {
		/* one past the limit says whether more match */
		ask = want - (int64_t)out->n;
		ask = ask < API_PAGE ? ask + 1 : API_PAGE;
		if ((j = reports_page(b, f, ask, before)) == NULL)
			return OD_ENET;
		json_array_foreach(json_object_get(j, "reports"), i, o) {
			if ((int64_t)out->n == want) {
				out->more = 1;
				break;
			}
			report_add(out, o);
		}
		before = next_page(b, j, before);
		json_decref(j);
		if (before == -1)
			return OD_ENET;
		if (out->more || before == 0)
			return OD_OK;
		if ((int64_t)out->n == want) {
			out->more = -1;	/* a full last page: cannot tell */
			return OD_OK;
		}
	}
}

/* The API has no count: page through the matching reports. */
static enum od_err
http_count_reports(struct backend *b, const struct report_filter *f,
    int64_t *n)
{
	int64_t before = 0;
	json_t *j;

	*n = 0;
	do {
		if ((j = reports_page(b, f, API_PAGE, before)) == NULL)
			return OD_ENET;
		*n += (int64_t)json_array_size(json_object_get(j, "reports"));
		before = next_page(b, j, before);
		json_decref(j);
	} while (before > 0);
	return before == 0 ? OD_OK : OD_ENET;
}

/* GET /regions/{region}/history */
static enum od_err
http_history(struct backend *b, const struct history_filter *f,
    json_t **answer)
{
	char since[32];
	struct buf sb = URL_BUF;

	region_path(b, &sb, f->region, "/history");
	query_add(b, &sb, "utility", f->utility);
	if (f->since_ms != INT64_MIN) {
		time_format(f->since_ms > 0 ? f->since_ms : 0, since,
		    sizeof(since));
		query_add(b, &sb, "since", since);
	}
	if ((*answer = http_json_at(b, &sb, NULL, H_REGION)) == NULL)
		return OD_ENET;
	return OD_OK;
}

/* GET /alerts, one page of the largest size */
static enum od_err
http_alerts(struct backend *b, const char *state, const char *region,
    json_t **answer)
{
	struct http_be *h = b->impl;
	char num[16];
	struct buf sb = URL_BUF;

	text_add(&sb, "%s" API "/alerts", h->base);
	query_add(b, &sb, "state", state);
	query_add(b, &sb, "region", region);
	snprintf(num, sizeof(num), "%d", API_PAGE);
	query_add(b, &sb, "limit", num);
	if ((*answer = http_json_at(b, &sb, NULL, H_REGION)) == NULL)
		return OD_ENET;
	return OD_OK;
}

/* POST /reports */
static enum od_err
http_send_report(struct backend *b, const char *report, json_t **answer)
{
	struct http_be *h = b->impl;
	struct buf sb = URL_BUF;

	text_add(&sb, "%s" API "/reports", h->base);
	if ((*answer = http_json_at(b, &sb, report, H_REPORT)) == NULL)
		return OD_ENET;
	return OD_OK;
}

struct sse {
	struct backend	*b;
	event_fn	 fn;		/* each event goes to fn(arg, ...) */
	void		*arg;
	int		 checked;	/* looked at this answer's status */
	int		 ok;		/* it is an event stream */
	int		 done;		/* fn said stop */
	int		 fatal;		/* an error in b->err: stop */
	int		 away;		/* lost the stream, reconnecting */
	int		 cr;		/* the last byte was a CR */
	long		 status;
	int64_t		 retry_ms;
	struct buf	 line, data, other;	/* capped */
	char		 event[64];
};

/* A blank line: the event is complete. */
static void
sse_dispatch(struct sse *st)
{
	const char *event = st->event[0] != '\0' ? st->event : "message";

	if (st->data.len == 0) {	/* no data: no event (the spec) */
		st->event[0] = '\0';
		return;
	}
	assert(st->data.data[st->data.len - 1] == '\n');
	st->data.data[--st->data.len] = '\0';	/* the last "\n" */
	switch (st->fn(st->arg, event, st->data.data)) {
	case 0:
		break;
	case 1:
		st->done = 1;
		break;
	default:
		st->fatal = 1;
		return;
	}
	buf_reset(&st->data);
	st->event[0] = '\0';
}

/* One line of the stream: a field, a comment, or the end of an event. */
static void
sse_line(struct sse *st)
{
	const char *s = buf_str(&st->line), *colon, *v;
	size_t flen;
	int64_t ms;

	if (st->line.len == 0) {
		sse_dispatch(st);
		return;
	}
	if (s[0] == ':')
		return;		/* a comment: the daemon's pings */
	colon = strchr(s, ':');
	flen = colon != NULL ? (size_t)(colon - s) : strlen(s);
	v = colon != NULL ? colon + 1 : s + flen;
	if (*v == ' ')
		v++;
	if (flen == 5 && strncmp(s, "event", 5) == 0)
		str_copy(st->event, v, sizeof(st->event));
	else if (flen == 4 && strncmp(s, "data", 4) == 0) {
		if (buf_add(&st->data, v, strlen(v)) == -1 ||
		    buf_add(&st->data, "\n", 1) == -1) {
			snprintf(st->b->err, sizeof(st->b->err), "%s: an event "
			    "is over %d bytes", st->b->where, EVENT_MAX);
			st->b->fail = st->fatal = CTL_UNAVAIL;
		}
	} else if (flen == 5 && strncmp(s, "retry", 5) == 0 &&
	    parse_i64(v, 0, 60000, &ms) == OD_OK)
		st->retry_ms = ms < 500 ? 500 : ms;
}

static size_t
sse_write(char *p, size_t size, size_t n, void *arg)
{
	struct sse *st = arg;
	struct http_be *h = st->b->impl;
	size_t len = size * n, i = 0, j;

	if (!st->checked) {
		char *ct = NULL;

		st->checked = 1;
		curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE,
		    &st->status);
		curl_easy_getinfo(h->curl, CURLINFO_CONTENT_TYPE, &ct);
		st->ok = st->status == 200 && ct != NULL &&
		    strncasecmp(ct, "text/event-stream", 17) == 0;
		if (st->ok && st->away) {
			fprintf(stderr, "outagectl: reconnected to %s; events "
			    "meanwhile were missed\n", st->b->where);
			st->away = 0;
		}
	}
	if (!st->ok)
		return body_write(p, size, n, &st->other);
	while (i < len) {
		for (j = i; j < len && p[j] != '\n' && p[j] != '\r'; j++)
			;
		if (j > i && buf_add(&st->line, p + i, j - i) == -1) {
			snprintf(st->b->err, sizeof(st->b->err), "%s: an event "
			    "line is over %d bytes", st->b->where, EVENT_MAX);
			st->b->fail = st->fatal = CTL_UNAVAIL;
			return 0;
		}
		if (j == len)
			break;
		/* CR, LF or CRLF end a line; the LF of a CRLF is skipped */
		if (!(p[j] == '\n' && st->cr && j == i)) {
			sse_line(st);
			buf_reset(&st->line);
		}
		st->cr = p[j] == '\r';
		i = j + 1;
		if (st->done || st->fatal)
			return 0;	/* stop the transfer */
	}
	if (i < len)
		st->cr = 0;
	return len;
}

static void
sleep_ms(int64_t ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) *
	    1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* GET /events: the stream, reconnecting when it is lost once open. */
static enum od_err
http_watch(struct backend *b, event_fn fn, void *arg)
{
	struct http_be *h = b->impl;
	struct sse st;
	struct curl_slist *hdr;
	char url[URL_MAX];
	int connected = 0;
	enum od_err rc = OD_OK;
	CURLcode cc;

	memset(&st, 0, sizeof(st));
	snprintf(url, sizeof(url), "%s" API "/events", h->base);
	st.b = b;
	st.fn = fn;
	st.arg = arg;
	st.retry_ms = RECONNECT_MS;
	buf_init(&st.line, EVENT_MAX);
	buf_init(&st.data, EVENT_MAX);
	buf_init(&st.other, RESPONSE_MAX);

	for (;;) {
		http_setup(h, url, 1);
		hdr = header_add(NULL, "Accept: text/event-stream");
		if (h->auth != NULL)
			hdr = header_add(hdr, h->auth);
		curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, hdr);
		curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, sse_write);
		curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, &st);
		st.checked = st.ok = st.cr = 0;
		st.status = 0;
		st.event[0] = '\0';
		buf_reset(&st.line);
		buf_reset(&st.data);
		buf_reset(&st.other);
		cc = curl_easy_perform(h->curl);
		curl_slist_free_all(hdr);
		if (st.done)
			break;
		if (st.fatal) {
			rc = OD_ENET;
			break;
		}
		if (st.checked && !st.ok) {
			if (st.status >= 200 && st.status <= 299) {
				snprintf(b->err, sizeof(b->err), "%s" API
				    "/events is not an event stream (is it "
				    "outaged?)", b->where);
				b->fail = CTL_UNAVAIL;
			} else
				http_fail(b, st.status, &st.other, 0);
			rc = OD_ENET;
			break;
		}
		if (!st.ok && !connected) {
			http_unreachable(b, cc);
			rc = OD_ENET;
			break;
		}
		connected = 1;
		/* the daemon restarted or the network dropped: come back */
		if (!st.away)
			fprintf(stderr, "outagectl: lost the event stream "
			    "(%s); reconnecting\n", cc == CURLE_OK ?
			    "the daemon closed it" : h->errbuf[0] != '\0' ?
			    h->errbuf : curl_easy_strerror(cc));
		st.away = 1;
		sleep_ms(st.retry_ms);
	}
	buf_free(&st.line);
	buf_free(&st.data);
	buf_free(&st.other);
	return rc;
}

static void
http_close(struct backend *b)
{
	struct http_be *h = b->impl;

	curl_easy_cleanup(h->curl);
	if (h->auth != NULL) {
		explicit_bzero(h->auth, strlen(h->auth));
		free(h->auth);
	}
	free(h->base);
	free(h);
	b->impl = NULL;
	curl_global_cleanup();
}

/* http:// or https://, a host, no query, fragment, space or control. */
static int
url_ok(const char *u)
{
	size_t skip;

	if (strncasecmp(u, "http://", 7) == 0)
		skip = 7;
	else if (strncasecmp(u, "https://", 8) == 0)
		skip = 8;
	else
		return 0;
	if (u[skip] == '\0' || u[skip] == '/' || strlen(u) > URL_MAX / 2)
		return 0;
	for (; *u != '\0'; u++)
		if ((unsigned char)*u <= 0x20 || (unsigned char)*u >= 0x7f ||
		    *u == '?' || *u == '#')
			return 0;
	return 1;
}

/* A bearer token: printable ASCII, no spaces. */
static int
token_ok(const char *t)
{
	if (t[0] == '\0' || strlen(t) > TOKEN_MAX)
		return 0;
	for (; *t != '\0'; t++)
		if ((unsigned char)*t <= 0x20 || (unsigned char)*t >= 0x7f)
			return 0;
	return 1;
}

/* The first line of path into tok.  CTL_OK, or the exit status. */
static int
token_read(const char *path, char *tok, size_t toklen)
{
	struct stat sb;
	FILE *f;
	int rc = CTL_OK;

	tok[0] = '\0';
	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "outagectl: --token-file %s: %s\n", path,
		    strerror(errno));
		return CTL_USAGE;
	}
	if (fstat(fileno(f), &sb) == -1 || !S_ISREG(sb.st_mode)) {
		fprintf(stderr, "outagectl: --token-file %s: not a regular "
		    "file\n", path);
		fclose(f);
		return CTL_USAGE;
	}
	if (sb.st_mode & S_IROTH)
		fprintf(stderr, "outagectl: warning: %s is readable by every "
		    "user; chmod 600 it\n", path);
	if (fgets(tok, (int)toklen, f) == NULL)
		tok[0] = '\0';
	else if (strchr(tok, '\n') == NULL && !feof(f)) {
		fprintf(stderr, "outagectl: --token-file %s: the first line is "
		    "over %d bytes\n", path, TOKEN_MAX);
		rc = CTL_USAGE;
	}
	fclose(f);
	tok[strcspn(tok, "\r\n")] = '\0';
	if (rc == CTL_OK && tok[0] == '\0') {
		fprintf(stderr, "outagectl: --token-file %s: the first line is "
		    "empty\n", path);
		rc = CTL_USAGE;
	}
	return rc;
}

static int
http_open(struct backend *b, const struct opts *o)
{
	struct http_be *h;
	char tok[TOKEN_MAX + 2];
	const char *env;
	size_t n;
	int rc;

	if (!url_ok(b->where)) {
		char *safe = term_safe(b->where);

		fprintf(stderr, "outagectl: \"%s\" is not an http:// or "
		    "https:// URL such as " DEFAULT_URL "\n", safe);
		free(safe);
		return CTL_USAGE;
	}
	tok[0] = '\0';
	if (o->token_file != NULL) {
		if ((rc = token_read(o->token_file, tok, sizeof(tok))) !=
		    CTL_OK) {
			explicit_bzero(tok, sizeof(tok));
			return rc;
		}
	} else if ((env = getenv("OUTAGED_TOKEN")) != NULL)
		str_copy(tok, env, sizeof(tok));
	if (tok[0] != '\0' && !token_ok(tok)) {
		fprintf(stderr, "outagectl: the token must be 1 to %d "
		    "printable characters without spaces\n", TOKEN_MAX);
		explicit_bzero(tok, sizeof(tok));
		return CTL_USAGE;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		explicit_bzero(tok, sizeof(tok));
		fprintf(stderr, "outagectl: cannot initialise libcurl\n");
		return CTL_UNAVAIL;
	}
	h = xcalloc(1, sizeof(*h));
	if ((h->curl = curl_easy_init()) == NULL) {
		explicit_bzero(tok, sizeof(tok));
		free(h);
		curl_global_cleanup();
		fprintf(stderr, "outagectl: cannot initialise libcurl\n");
		return CTL_UNAVAIL;
	}
	h->base = xstrdup(b->where);
	for (n = strlen(h->base); n > 0 && h->base[n - 1] == '/'; n--)
		h->base[n - 1] = '\0';
	if (tok[0] != '\0') {
		n = strlen(tok) + sizeof("Authorization: Bearer ");
		h->auth = xmalloc(n);
		snprintf(h->auth, n, "Authorization: Bearer %s", tok);
	}
	explicit_bzero(tok, sizeof(tok));
	b->impl = h;
	return CTL_OK;
}

static const struct backend_ops http_ops = {
	.names = 1,
	.unserved = NULL,
	.open = http_open,
	.statuses = http_statuses,
	.reports = http_reports,
	.count_reports = http_count_reports,
	.history = http_history,
	.alerts = http_alerts,
	.send_report = http_send_report,
	.watch = http_watch,
	.close = http_close
};

/* ---- choosing the backend --------------------------------------------- */

/*
 * --url or --db; else $OUTAGED_URL, else $OUTAGED_DB, else the default
 * URL.  Nothing is opened yet.
 */
static int
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
static int
backend_open(struct backend *b, const struct opts *o)
{
	assert(b->ops != NULL && b->impl == NULL);
	return b->ops->open(b, o);
}

/*
 * Whether the backend serves every operation in uses (B_* bits); when not,
 * say so, in the backend's words.
 */
static int
backend_serves(const struct backend *b, const char *cmd, unsigned uses)
{
	const struct backend_ops *ops = b->ops;

	if (((uses & B_STATUSES) && ops->statuses == NULL) ||
	    ((uses & B_REPORTS) && (ops->reports == NULL ||
	    ops->count_reports == NULL)) ||
	    ((uses & B_HISTORY) && ops->history == NULL) ||
	    ((uses & B_ALERTS) && ops->alerts == NULL) ||
	    ((uses & B_SEND) && ops->send_report == NULL) ||
	    ((uses & B_WATCH) && ops->watch == NULL)) {
		fprintf(stderr, "outagectl: %s %s\n", cmd, ops->unserved);
		return 0;
	}
	return 1;
}

static void
backend_close(struct backend *b)
{
	if (b->impl != NULL)
		b->ops->close(b);
	assert(b->impl == NULL);
}

/* Say why an operation failed; its exit status. */
static int
backend_failed(const struct backend *b)
{
	fprintf(stderr, "outagectl: %s\n", b->err);
	return b->fail != 0 ? b->fail : CTL_UNAVAIL;
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
	size_t		 nrows, cap;	/* cap: cells allocated */
};

static struct cell *
table_row(struct table *t)
{
	struct cell *row;

	assert(t->ncols > 0 && t->ncols <= TABLE_MAXCOLS);
	t->cells = array_reserve(t->cells, &t->cap, (t->nrows + 1) * t->ncols,
	    sizeof(*t->cells), 32 * t->ncols);
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
	size_t pad;

	assert(text_width(text) <= width);
	pad = width - text_width(text);

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

	assert(t->ncols <= TABLE_MAXCOLS);
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

/* The array member key of an answer, or NULL when it has none. */
static json_t *
answer_array(json_t *j, const char *key)
{
	json_t *a = json_object_get(j, key);

	return json_is_array(a) ? a : NULL;
}

/* --json: the array as it came (empty for none), as an exit code. */
static int
print_array(json_t *a)
{
	return json_print(a != NULL ? json_incref(a) : json_array()) == 0 ?
	    CTL_OK : CTL_NODATA;
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
		char buf[64];

		cell_set(&c[0], or_dash(r->region), NULL);
		cell_set(&c[1], or_dash(r->name), NULL);
		cell_set(&c[2], or_dash(r->utility), NULL);
		cell_set(&c[3], or_dash(r->status), NULL);
		fmt_affected(is_unknown(r) ? -1 : r->affected, r->approximate,
		    buf, sizeof(buf));
		cell_set(&c[4], buf, NULL);
		cell_set(&c[5], or_dash(r->unit), NULL);
		fmt_percent(r->percent, is_unknown(r) ? -1 : r->affected,
		    r->approximate, buf, sizeof(buf));
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
	struct status_list l = { NULL, 0, 0, 0 };
	char rid[OD_REGION_ID_MAX];
	const char *region = NULL;
	size_t stored, kept = 0;
	int json = (o->seen & O_JSON) != 0, rc = CTL_OK;

	if (nargs == 1 && b->ops->names) {
		/* the daemon resolves ids, any case, and names */
		if (!api_text_ok(args[0], 256)) {
			region_usage("", args[0]);
			return CTL_USAGE;
		}
		region = args[0];
	} else if (nargs == 1) {
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
	assert(b->ops->statuses != NULL);
	if (b->ops->statuses(b, region, &l) != OD_OK) {
		status_list_free(&l);
		return backend_failed(b);
	}
	if (region != NULL && l.n == 0) {
		/* the database cannot tell unknown from unreported */
		char *safe = term_safe(args[0]);

		fprintf(stderr, "outagectl: no status for region %s%s\n", safe,
		    b->ops->names ? ": nothing reported" :
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
	else if (l.n == 0 && l.outages_only)
		printf("No region has an outage now%s.\n", stored > 0 ?
		    "; some have only stale data (coverage unknown)" : "");
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
	struct report_list l = { NULL, 0, 0, 0 };
	char rid[OD_REGION_ID_MAX];
	int json = (o->seen & O_JSON) != 0, rc = CTL_OK;
	int64_t n, total;

	(void)args;
	(void)nargs;
	if (o->region != NULL && b->ops->names) {
		/* the daemon resolves ids, any case, and names */
		if (!api_text_ok(o->region, 256)) {
			region_usage("--region: ", o->region);
			return CTL_USAGE;
		}
		f.region = o->region;
	} else if (o->region != NULL) {
		if (canonical_region(o->region, rid, sizeof(rid)) == -1) {
			fprintf(stderr, "outagectl: --region: not a region "
			    "id (such as UA-12)\n");
			return CTL_USAGE;
		}
		f.region = rid;
	}
	f.source = o->source;
	if (o->since != NULL && parse_since(o->since, &f.since_ms) == -1) {
		since_usage();
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

	assert(b->ops->reports != NULL && b->ops->count_reports != NULL);
	if (o->seen & O_COUNT) {
		if (b->ops->count_reports(b, &f, &n) != OD_OK)
			return backend_failed(b);
		if (json) {
			json_t *j = json_pack("{s:I}", "count", (json_int_t)n);

			return json_print(j) == 0 ? CTL_OK : CTL_NODATA;
		}
		printf("%lld\n", (long long)n);
		return CTL_OK;
	}

	l.more = -1;
	if (b->ops->reports(b, &f, &l) != OD_OK) {
		report_list_free(&l);
		return backend_failed(b);
	}
	if (json)
		rc = reports_json(&l) == 0 ? CTL_OK : CTL_NODATA;
	else if (l.n == 0)
		fprintf(stderr, "outagectl: no reports match\n");
	else {
		reports_table(&l);
		/* tell a person the list was cut; scripts use --json */
		if (l.more == 1)
			fprintf(stderr, "outagectl: showing the newest %lld "
			    "reports; more match (--limit N, 0 for all)\n",
			    (long long)f.limit);
		else if (l.more == -1 && f.limit > 0 &&
		    (int64_t)l.n == f.limit &&
		    b->ops->count_reports(b, &f, &total) == OD_OK &&
		    total > f.limit)
			fprintf(stderr, "outagectl: showing the newest %lld "
			    "of %lld reports (--limit N, 0 for all)\n",
			    (long long)f.limit, (long long)total);
	}
	report_list_free(&l);
	return rc;
}


/* ---- history ---------------------------------------------------------- */

static void
history_table(const json_t *points)
{
	static const char *const head[] = { "TIME", "UTILITY", "STATUS",
	    "AFFECTED", "UNIT", "PERCENT", "SEVERITY" };
	static const int right[] = { 0, 0, 0, 1, 0, 1, 0 };
	struct table t = { NELEM(head), head, right, NULL, 0, 0 };
	const json_t *p;
	size_t i;

	json_array_foreach(points, i, p) {
		struct cell *c = table_row(&t);
		const char *sev = jstr(p, "severity");
		char buf[64];

		fmt_when_secs(jtime(p, "at"), buf, sizeof(buf));
		cell_set(&c[0], buf, NULL);
		cell_set(&c[1], or_dash(jstr(p, "utility")), NULL);
		cell_set(&c[2], or_dash(jstr(p, "status")), NULL);
		fmt_affected(jint(p, "affected", -1), 0, buf, sizeof(buf));
		cell_set(&c[3], buf, NULL);
		cell_set(&c[4], or_dash(jstr(p, "unit")), NULL);
		fmt_percent(jreal(p, "percent", -1), jint(p, "affected", -1), 0,
		    buf, sizeof(buf));
		cell_set(&c[5], buf, NULL);
		cell_set(&c[6], or_dash(sev), severity_sgr(sev));
	}
	table_print(&t);
	table_free(&t);
}

static int
cmd_history(struct backend *b, const struct opts *o, char **args, int nargs)
{
	struct history_filter f = { args[0], o->utility, INT64_MIN };
	char since[32];
	enum utility u;
	json_t *j, *points;
	int rc = CTL_OK;

	(void)nargs;
	if (!api_text_ok(args[0], 256)) {
		region_usage("", args[0]);
		return CTL_USAGE;
	}
	if (o->utility != NULL && utility_from_name(o->utility, &u) < 0) {
		fprintf(stderr, "outagectl: --utility: expected power, heat, "
		    "water, gas or telecom\n");
		return CTL_USAGE;
	}
	if (o->since != NULL && parse_since(o->since, &f.since_ms) == -1) {
		since_usage();
		return CTL_USAGE;
	}
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	assert(b->ops->history != NULL);
	if (b->ops->history(b, &f, &j) != OD_OK)
		return backend_failed(b);
	points = answer_array(j, "points");
	if (o->seen & O_JSON)
		rc = print_array(points);
	else if (json_array_size(points) == 0) {
		char *safe = term_safe(or_dash(jstr(j, "region")));

		fmt_when_secs(jtime(j, "since"), since, sizeof(since));
		fprintf(stderr, "outagectl: no status changes for %s%s%s "
		    "since %s\n", safe, o->utility != NULL ? " " : "",
		    o->utility != NULL ? o->utility : "", since);
		free(safe);
	} else
		history_table(points);
	json_decref(j);
	return rc;
}

/* ---- alerts ----------------------------------------------------------- */

static void
alerts_table(const json_t *alerts)
{
	static const char *const head[] = { "STATE", "SEVERITY", "REGION",
	    "UTILITY", "AFFECTED", "PERCENT", "STARTED", "UPDATED",
	    "RESOLVED" };
	static const int right[] = { 0, 0, 0, 0, 1, 1, 0, 0, 0 };
	struct table t = { NELEM(head), head, right, NULL, 0, 0 };
	const json_t *a;
	size_t i;

	json_array_foreach(alerts, i, a) {
		struct cell *c = table_row(&t);
		const char *sev = jstr(a, "severity");
		char buf[64];

		cell_set(&c[0], or_dash(jstr(a, "state")), NULL);
		cell_set(&c[1], or_dash(sev), severity_sgr(sev));
		cell_set(&c[2], or_dash(jstr(a, "region")), NULL);
		cell_set(&c[3], or_dash(jstr(a, "utility")), NULL);
		fmt_affected(jint(a, "affected", -1), 0, buf, sizeof(buf));
		cell_set(&c[4], buf, NULL);
		fmt_percent(jreal(a, "percent", -1), jint(a, "affected", -1), 0,
		    buf, sizeof(buf));
		cell_set(&c[5], buf, NULL);
		fmt_when(jtime(a, "started_at"), buf, sizeof(buf));
		cell_set(&c[6], buf, NULL);
		fmt_when(jtime(a, "updated_at"), buf, sizeof(buf));
		cell_set(&c[7], buf, NULL);
		fmt_when(jtime(a, "resolved_at"), buf, sizeof(buf));
		cell_set(&c[8], buf, NULL);
	}
	table_print(&t);
	table_free(&t);
}

static int
cmd_alerts(struct backend *b, const struct opts *o, char **args, int nargs)
{
	const char *state = o->state != NULL ? o->state : "firing";
	json_t *j, *alerts;
	int rc;

	(void)args;
	(void)nargs;
	if (strcmp(state, "firing") != 0 && strcmp(state, "resolved") != 0 &&
	    strcmp(state, "all") != 0) {
		fprintf(stderr, "outagectl: --state: expected firing, "
		    "resolved or all\n");
		return CTL_USAGE;
	}
	if (o->region != NULL && !api_text_ok(o->region, 256)) {
		region_usage("--region: ", o->region);
		return CTL_USAGE;
	}
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	assert(b->ops->alerts != NULL);
	if (b->ops->alerts(b, state, o->region, &j) != OD_OK)
		return backend_failed(b);
	alerts = answer_array(j, "alerts");
	if (o->seen & O_JSON)
		rc = print_array(alerts);
	else if (json_array_size(alerts) == 0)
		printf("No %salerts.\n", strcmp(state, "firing") == 0 ?
		    "firing " : strcmp(state, "resolved") == 0 ?
		    "resolved " : "");
	else {
		alerts_table(alerts);
		if (json_array_size(alerts) == API_PAGE)
			fprintf(stderr, "outagectl: showing the first %d "
			    "alerts, firing first, then the latest\n",
			    API_PAGE);
	}
	json_decref(j);
	return rc;
}

/* ---- report ----------------------------------------------------------- */

static int
cmd_report(struct backend *b, const struct opts *o, char **args, int nargs)
{
	const char *source = o->source != NULL ? o->source : "outagectl";
	char now[32], num[64];
	struct buf out = { .max = 511 };	/* one line */
	int64_t affected = -1;
	enum utility u;
	enum report_status st;
	json_t *body, *j;
	char *post, *safe;
	int rc;

	(void)args;
	(void)nargs;
	if (o->region == NULL || o->utility == NULL || o->status == NULL) {
		fprintf(stderr, "outagectl: report: --region, --utility and "
		    "--status are required\n");
		return CTL_USAGE;
	}
	if (!api_text_ok(o->region, 256)) {
		region_usage("--region: ", o->region);
		return CTL_USAGE;
	}
	/* the names report.c accepts, as it reads them */
	if (utility_from_name(o->utility, &u) < 0) {
		fprintf(stderr, "outagectl: --utility: expected power, heat, "
		    "water, gas or telecom\n");
		return CTL_USAGE;
	}
	if (report_status_from_name(o->status, &st) < 0) {
		fprintf(stderr, "outagectl: --status: expected outage, partial "
		    "or restored\n");
		return CTL_USAGE;
	}
	if (o->affected != NULL &&
	    parse_i64(o->affected, 0, INT64_MAX, &affected) != OD_OK) {
		fprintf(stderr, "outagectl: --affected: expected a number "
		    ">= 0\n");
		return CTL_USAGE;
	}
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;

	/*
	 * observed_at is now: without it two equal reports sent an hour
	 * apart would hash to the same key, and the second be a duplicate.
	 */
	time_format(now_wall_ms(), now, sizeof(now));
	body = json_object();
	json_object_set_new(body, "source", j_str(source));
	json_object_set_new(body, "region", j_str(o->region));
	json_object_set_new(body, "utility", j_str(o->utility));
	json_object_set_new(body, "status", j_str(o->status));
	json_object_set_new(body, "observed_at", j_str(now));
	if (o->id != NULL)
		json_object_set_new(body, "id", j_str(o->id));
	if (affected >= 0)
		json_object_set_new(body, "affected",
		    json_integer((json_int_t)affected));
	if (o->unit != NULL)
		json_object_set_new(body, "unit", j_str(o->unit));
	if (o->seen & O_APPROX)
		json_object_set_new(body, "approximate", json_true());
	post = json_dumps(body, OD_JSON_COMPACT);
	json_decref(body);
	if (post == NULL) {
		fprintf(stderr, "outagectl: cannot encode the report (is "
		    "every value UTF-8?)\n");
		return CTL_USAGE;
	}
	assert(b->ops->send_report != NULL);
	if (b->ops->send_report(b, post, &j) != OD_OK) {
		free(post);
		return backend_failed(b);
	}
	free(post);

	if (jint(j, "accepted", 0) + jint(j, "duplicates", 0) == 0) {
		const json_t *first = json_array_get(json_object_get(j,
		    "rejected"), 0);

		snprintf(b->err, sizeof(b->err), "the daemon stored nothing: "
		    "%s: %s", or_dash(jstr(first, "error")),
		    or_dash(jstr(first, "detail")));
		b->fail = CTL_REFUSED;
		json_decref(j);
		safe = term_safe(b->err);
		str_copy(b->err, safe, sizeof(b->err));
		free(safe);
		return backend_failed(b);
	}
	if (o->seen & O_JSON)
		return json_print(j) == 0 ? CTL_OK : CTL_NODATA;
	if (jint(j, "accepted", 0) > 0) {
		text_add(&out, "Accepted: %s %s %s", o->region, o->utility,
		    o->status);
		if (affected >= 0) {
			fmt_affected(affected, (o->seen & O_APPROX) != 0, num,
			    sizeof(num));
			text_add(&out, " %s%s%s", num, o->unit ? " " : "",
			    o->unit ? o->unit : "");
		}
		text_add(&out, " (source %s%s%s)", source,
		    o->id ? ", id " : "", o->id ? o->id : "");
	} else
		text_add(&out, "Already stored: the daemon has this report "
		    "(source %s%s%s); nothing changed.", source,
		    o->id ? ", id " : "", o->id ? o->id : "");
	safe = term_safe(buf_str(&out));
	buf_free(&out);
	puts(safe);
	free(safe);
	json_decref(j);
	return CTL_OK;
}

/* ---- watch ------------------------------------------------------------ */

struct watch {
	struct backend	*b;
	int		 json;
	int64_t		 want, seen;	/* want 0: until interrupted */
};

/* "power outage critical ~600,000 households (46.1%)" */
static void
figure_summary(struct buf *sb, const json_t *o)
{
	const char *sev = jstr(o, "severity"), *unit = jstr(o, "unit");
	int64_t n = jint(o, "affected", -1);
	double pct = jreal(o, "percent", -1);
	char buf[64];

	if (sev != NULL && strcmp(sev, "none") != 0)
		text_add(sb, " %s", sev);
	if (n >= 0) {
		fmt_affected(n, jbool(o, "approximate"), buf, sizeof(buf));
		text_add(sb, " %s%s%s", buf, unit ? " " : "", unit ? unit : "");
	}
	if (pct >= 0) {
		fmt_percent(pct, n, 0, buf, sizeof(buf));
		text_add(sb, " (%s)", buf);
	}
}

/* One line for an event: time, event, region, what it says. */
static void
watch_line(const char *event, const char *data)
{
	json_t *j = json_loads(data, 0, NULL);
	char when[32];
	struct buf sb = { .max = 1023 };	/* one line */
	int64_t at = jtime(j, "at");
	char *safe;

	if (at == 0)
		at = jtime(j, "generated_at");
	time_format(at != 0 ? at : now_wall_ms(), when, sizeof(when));
	text_add(&sb, "%s  %-6s  %-8s ", when, event,
	    or_dash(jstr(j, "region")));
	if (j == NULL)
		text_add(&sb, " (not JSON)");
	else if (strcmp(event, "alert") == 0) {
		text_add(&sb, " %s: %s", or_dash(jstr(j, "event")),
		    or_dash(jstr(j, "utility")));
		figure_summary(&sb, j);
	} else if (strcmp(event, "status") == 0) {
		const json_t *utils = json_object_get(j, "utilities");
		const char *sep = " ";

		for (int u = 0; u < UTIL_COUNT; u++) {
			const char *name = utility_name((enum utility)u);
			const json_t *fig = json_object_get(utils, name);

			if (!json_is_object(fig) || fig_never(fig))
				continue;
			text_add(&sb, "%s%s %s", sep, name,
			    or_dash(jstr(fig, "status")));
			figure_summary(&sb, fig);
			sep = ", ";
		}
		if (sep[0] == ' ')
			text_add(&sb, " nothing reported");
	}
	safe = term_safe(buf_str(&sb));
	buf_free(&sb);
	puts(safe);
	free(safe);
	json_decref(j);
}

/* Print an event; stop after the events wanted, or when stdout fails. */
static int
watch_event(void *arg, const char *event, const char *data)
{
	struct watch *w = arg;

	if (w->json)
		puts(data);
	else
		watch_line(event, data);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		snprintf(w->b->err, sizeof(w->b->err), "stdout: %s",
		    strerror(errno));
		w->b->fail = CTL_NODATA;
		return -1;
	}
	return w->want > 0 && ++w->seen >= w->want;
}

static int
cmd_watch(struct backend *b, const struct opts *o, char **args, int nargs)
{
	struct watch w;
	int rc;

	(void)args;
	(void)nargs;
	memset(&w, 0, sizeof(w));
	if ((o->seen & O_COUNT) && (o->count == NULL ||
	    parse_i64(o->count, 1, INT64_MAX, &w.want) != OD_OK)) {
		fprintf(stderr, "outagectl: watch: --count N: expected a number "
		    "of events >= 1\n");
		return CTL_USAGE;
	}
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	w.b = b;
	w.json = (o->seen & O_JSON) != 0;
	if (isatty(STDOUT_FILENO) && isatty(STDERR_FILENO))
		fprintf(stderr, "Watching %s (interrupt to stop)\n", b->where);
	assert(b->ops->watch != NULL);
	if (b->ops->watch(b, watch_event, &w) != OD_OK)
		return backend_failed(b);
	return CTL_OK;
}

/* ---- main ------------------------------------------------------------- */

/* One getopt_long pass; -1 on a bad option (getopt said why). */
static int
parse_pass(int argc, char **argv, const char *optstring,
    const struct option *lo, struct opts *o)
{
	int ch;

	while ((ch = getopt_long(argc, argv, optstring, lo, NULL)) != -1) {
		switch (ch) {
		case OPT_JSONL:	o->seen |= O_JSONL; break;
		case OPT_REGIONS: o->regions = optarg; o->seen |= O_REGIONS;
			break;
		case OPT_DB:	o->db = optarg; break;
		case OPT_URL:	o->url = optarg; break;
		case OPT_TOKEN_FILE: o->token_file = optarg; break;
		case OPT_JSON:	o->seen |= O_JSON; break;
		case OPT_REGION: o->region = optarg; o->seen |= O_REGION; break;
		case OPT_SOURCE: o->source = optarg; o->seen |= O_SOURCE; break;
		case OPT_SINCE:	o->since = optarg; o->seen |= O_SINCE; break;
		case OPT_LIMIT:	o->limit = optarg; o->seen |= O_LIMIT; break;
		case OPT_COUNT:	o->count = optarg; o->seen |= O_COUNT; break;
		case OPT_UTILITY: o->utility = optarg; o->seen |= O_UTILITY;
				break;
		case OPT_STATUS: o->status = optarg; o->seen |= O_STATUS; break;
		case OPT_AFFECTED: o->affected = optarg; o->seen |= O_AFFECTED;
				break;
		case OPT_UNIT:	o->unit = optarg; o->seen |= O_UNIT; break;
		case OPT_ID:	o->id = optarg; o->seen |= O_ID; break;
		case OPT_APPROX: o->seen |= O_APPROX; break;
		case OPT_STATE:	o->state = optarg; o->seen |= O_STATE; break;
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

/* ---- extract: news text to reports, locally ------------------------ */

#define EXTRACT_FILE_MAX	(16 * 1024 * 1024)	/* bytes of input */
#define EXTRACT_REPORTS_MAX	256

/* Read all of path ("-": stdin), at most EXTRACT_FILE_MAX bytes. */
static char *
read_all(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	struct buf b;
	char chunk[65536];
	size_t got;

	if (f == NULL)
		return NULL;
	buf_init(&b, EXTRACT_FILE_MAX);
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&b, chunk, got) == -1)
			break;
	if (f != stdin)
		fclose(f);
	if (b.overflow) {
		buf_free(&b);
		errno = EFBIG;
		return NULL;
	}
	*len = b.len;
	return buf_steal(&b);
}

/* The gazetteer: --regions, $OUTAGED_REGIONS, ./config/regions, installed. */
static struct gazetteer *
load_regions(const struct opts *o)
{
	const char *dir = o->regions ? o->regions : getenv("OUTAGED_REGIONS");
	struct gazetteer *g;
	char err[512];

	if (dir == NULL || dir[0] == '\0')
		dir = access("config/regions", R_OK) == 0 ? "config/regions" :
		    OD_DEFAULT_SHAREDIR "/regions";
	if (gaz_load(&g, "/usr/share/iso-codes/json", dir, err, sizeof(err)) !=
	    OD_OK) {
		fprintf(stderr, "outagectl: regions: %s (give the region packs "
		    "with --regions DIR, e.g. config/regions in a checkout)\n",
		    err);
		return NULL;
	}
	return g;
}

static json_t *
extract_json(const struct gazetteer *g, const char *text, size_t len)
{
	/* one buffer for every passage: 256 reports are ~130 KB to clear */
	static struct extract_report ex[EXTRACT_REPORTS_MAX];
	size_t n = extract_reports(g, text, len, ex, EXTRACT_REPORTS_MAX);
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, extract_report_json(&ex[i], text));
	return a;
}

static int
cmd_extract(struct backend *b, const struct opts *o, char **args, int nargs)
{
	struct gazetteer *g;
	char *buf, *line, *save = NULL;
	size_t len;
	int rc = CTL_OK;

	(void)b;
	(void)nargs;
	if ((buf = read_all(args[0], &len)) == NULL) {
		fprintf(stderr, "outagectl: %s: %s\n", args[0], strerror(errno));
		return CTL_NODATA;
	}
	if ((g = load_regions(o)) == NULL) {
		free(buf);
		return CTL_UNAVAIL;
	}
	if (!(o->seen & O_JSONL)) {
		json_print(extract_json(g, buf, len));
		gaz_free(g);
		free(buf);
		return CTL_OK;
	}
	/* --jsonl: {"id","text"} lines in, {"id","reports"} lines out */
	for (line = strtok_r(buf, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		json_error_t jerr;
		json_t *in = json_loads(line, 0, &jerr), *out;
		const char *text = json_string_value(json_object_get(in,
		    "text"));
		char *s;

		if (text == NULL) {
			fprintf(stderr, "outagectl: %s: a line is not "
			    "{\"id\", \"text\"}%s%s\n", args[0],
			    in ? "" : ": ", in ? "" : jerr.text);
			json_decref(in);
			rc = CTL_USAGE;
			continue;
		}
		out = json_pack("{s:O?,s:o}", "id", json_object_get(in, "id"),
		    "reports", extract_json(g, text, strlen(text)));
		s = json_dumps(out, JSON_COMPACT | JSON_REAL_PRECISION(4));
		if (s != NULL)
			puts(s);
		free(s);
		json_decref(out);
		json_decref(in);
	}
	gaz_free(g);
	free(buf);
	return rc;
}

int
main(int argc, char *argv[])
{
	static char progname[] = "outagectl";
	struct option lo[NELEM(longopts)];
	const struct command *cmd = NULL;
	struct opts o;
	struct backend b;
	char **sub;
	int nsub, nargs, rc;

	memset(&o, 0, sizeof(o));
	memset(&b, 0, sizeof(b));
	log_set_level(LOG_LVL_ERROR);
	if (argc < 1)
		return CTL_USAGE;
	argv[0] = progname;	/* getopt's messages start with it */

	/* global options stop at the command ('+') */
	if (parse_pass(argc, argv, "+h", longopts, &o) == -1) {
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
	memcpy(lo, longopts, sizeof(lo));
	for (size_t i = 0; i < NELEM(lo); i++)
		if (lo[i].val == OPT_COUNT && (cmd->flags & C_COUNT_N))
			lo[i].has_arg = required_argument;
	nsub = argc - optind;
	sub = xcalloc((size_t)nsub + 1, sizeof(*sub));
	sub[0] = progname;
	for (int i = 1; i < nsub; i++)
		sub[i] = argv[optind + i];
	optind = 0;		/* full reset, permutation state included */
	if (parse_pass(nsub, sub, "h", lo, &o) == -1) {
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
	nargs = nsub - optind;
	if ((o.seen & ~cmd->allowed) != 0 || nargs > cmd->maxargs ||
	    nargs < cmd->minargs) {
		fprintf(stderr, "outagectl: %s: %s\n", cmd->name,
		    (o.seen & ~cmd->allowed) != 0 ?
		    "option not valid for this command" :
		    nargs > cmd->maxargs ? "too many arguments" :
		    "REGION is required");
		free(sub);
		usage(stderr);
		return CTL_USAGE;
	}
	if (cmd->uses != 0 && (rc = backend_select(&b, &o)) != CTL_OK) {
		free(sub);
		return rc;
	}
	if (cmd->uses != 0 && !backend_serves(&b, cmd->name, cmd->uses)) {
		free(sub);
		return CTL_USAGE;
	}

	use_colour = colour_wanted();
	rc = cmd->run(&b, &o, sub + optind, nargs);
	if (b.ops != NULL)
		backend_close(&b);
	free(sub);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "outagectl: stdout: %s\n", strerror(errno));
		return CTL_NODATA;
	}
	return rc;
}
