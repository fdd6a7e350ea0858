/* SPDX-License-Identifier: MIT */
/*
 * ctl.h - outagectl's own header, used only by src/ctl/: the exit codes,
 * the rows and filters commands ask for, the backend interface (struct
 * backend_ops) every command goes through, the options, and the helpers
 * the commands share.  Commands include this and never curl or SQLite:
 * only backend_db.c and backend_http*.c (backend_http.h) do.
 */
#ifndef CTL_H
#define CTL_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "buf.h"
#include "outaged.h"

#define DEFAULT_URL		"http://127.0.0.1:8080"
#define DEFAULT_LIMIT		50
#define API_PAGE		1000	/* the API's largest limit */

/* Exit codes, documented in usage() and outagectl(1). */
enum {
	CTL_OK = 0,
	CTL_NODATA = 1,		/* not found, no data (or stdout failed) */
	CTL_USAGE = 2,
	CTL_UNAVAIL = 3,	/* cannot reach the daemon or the database */
	CTL_AUTH = 4,		/* the daemon wants a (different) token */
	CTL_REFUSED = 5		/* the daemon refused the request (400, 413) */
};

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

/* ---- the backend interface ------------------------------------------ */

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
	/* The database file itself (not opened first): check-db, backup;
	 * each prints its outcome and returns the exit status. */
	int		(*check_db)(struct backend *);
	int		(*backup)(struct backend *, const char *file, int force);
	void		(*close)(struct backend *);
};

/* Operations, as bits: which a command uses. */
#define B_STATUSES	0x01u
#define B_REPORTS	0x02u	/* reports and count_reports */
#define B_HISTORY	0x04u
#define B_ALERTS	0x08u
#define B_SEND		0x10u
#define B_WATCH		0x20u
#define B_CHECKDB	0x40u	/* the database file: --db only */
#define B_BACKUP	0x80u

struct backend {
	const struct backend_ops *ops;	/* chosen by backend_select */
	const char	*where;		/* path or URL, for messages */
	void		*impl;		/* the backend's own, once open */
	int		 fail;		/* exit status for the error in err */
	char		 err[1024];	/* set when an operation fails */
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
#define O_FORCE		0x8000u

struct opts {
	const char	*db, *url, *token_file;
	const char	*region, *source, *since, *limit, *count;
	const char	*utility, *status, *affected, *unit, *id, *state;
	const char	*regions;
	unsigned	 seen;		/* O_* bits */
	int		 help, version;
};

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

extern int	 use_colour;	/* colour the severities (main sets it) */
extern const struct backend_ops http_ops, db_ops;

/* main.c: option values the commands share */
int	canonical_region(const char *in, char *out, size_t outlen);
int	api_text_ok(const char *s, size_t max);
void	since_usage(void);
void	region_usage(const char *what, const char *s);
int	parse_since(const char *s, int64_t *ms);

/* output.c: text, tables and JSON */
char	*term_safe(const char *s);
void	fmt_count(int64_t v, char *buf, size_t buflen);
void	fmt_when(int64_t ms, char *buf, size_t buflen);
const char	*or_dash(const char *s);
int	severity_rank(const char *s);
const char	*severity_sgr(const char *s);
void	fmt_when_secs(int64_t ms, char *buf, size_t buflen);
void	fmt_affected(int64_t n, int approx, char *buf, size_t buflen);
void	fmt_percent(double pct, int64_t affected, int approx, char *buf,
	    size_t buflen);
void	text_add(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
const char	*jstr(const json_t *o, const char *k);
int64_t	jint(const json_t *o, const char *k, int64_t dflt);
double	jreal(const json_t *o, const char *k, double dflt);
int	jbool(const json_t *o, const char *k);
int64_t	jtime(const json_t *o, const char *k);
int	fig_never(const json_t *fig);
struct cell	*table_row(struct table *t);
void	cell_set(struct cell *c, const char *text, const char *sgr);
void	table_print(const struct table *t);
void	table_free(struct table *t);
json_t	*j_str(const char *s);
json_t	*j_count(int64_t v);
json_t	*j_time(int64_t ms);
int	json_print(json_t *j);
json_t	*answer_array(json_t *j, const char *key);
int	print_array(json_t *a);

/* backend.c: the backend, and the rows it hands over */
char	*dup_or_null(const char *s);
void	status_row_free(struct status_row *r);
void	status_list_free(struct status_list *l);
void	report_list_free(struct report_list *l);
int	backend_select(struct backend *b, const struct opts *o);
int	backend_open(struct backend *b, const struct opts *o);
int	backend_serves(const struct backend *b, const char *cmd,
	    unsigned uses);
void	backend_close(struct backend *b);
int	backend_failed(const struct backend *b);

/* The commands, one file each (cmd_report.c: report, cmd_extract.c: extract). */
typedef int	 command_fn(struct backend *, const struct opts *, char **args,
		    int nargs);
command_fn	 cmd_status, cmd_reports, cmd_history, cmd_alerts, cmd_report,
		 cmd_watch, cmd_extract, cmd_checkdb, cmd_backup;

#endif /* CTL_H */
