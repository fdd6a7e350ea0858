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
	double		 percent;		/* < 0: none */
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

/* What watch asks the event stream for. */
struct watch_filter {
	const char	*region;	/* NULL: every region; with its places */
	const char	*min_severity;	/* NULL: every event */
};

/* What deliveries lists. */
struct delivery_filter {
	const char	*state;		/* NULL: every state */
	const char	*subscription;	/* NULL: every subscription; an id */
	int64_t		 limit;		/* the API's default when <= 0 */
};

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
	enum od_err	(*watch)(struct backend *, const struct watch_filter *,
			    event_fn fn, void *arg);
	/*
	 * Getting notified.  Bodies are JSON; answers are the API's objects:
	 * POST /subscriptions answers the subscription, GET {"subscriptions"},
	 * DELETE {"deleted"}; silences alike; ack {"acknowledged"};
	 * {"deliveries", "counts"}; {"audit"}.  A 404 is CTL_NODATA.
	 */
	enum od_err	(*subscribe)(struct backend *, const char *body,
			    json_t **answer);
	enum od_err	(*subscriptions)(struct backend *, json_t **answer);
	enum od_err	(*unsubscribe)(struct backend *, const char *id,
			    json_t **answer);
	enum od_err	(*silence)(struct backend *, const char *body,
			    json_t **answer);
	enum od_err	(*silences)(struct backend *, json_t **answer);
	enum od_err	(*unsilence)(struct backend *, const char *id,
			    json_t **answer);
	enum od_err	(*ack)(struct backend *, const char *body,
			    json_t **answer);
	enum od_err	(*deliveries)(struct backend *,
			    const struct delivery_filter *, json_t **answer);
	enum od_err	(*audit)(struct backend *, int64_t limit,
			    json_t **answer);
	/* The database file itself (not opened first): check-db, backup;
	 * each prints its outcome and returns the exit status. */
	/* devices: POST {"id","region","group","label"}, GET, DELETE */
	enum od_err	(*device_add)(struct backend *, const char *body,
			    json_t **answer);
	enum od_err	(*devices)(struct backend *, json_t **answer);
	enum od_err	(*device_remove)(struct backend *, const char *id,
			    json_t **answer);
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
#define B_SUBS		0x40u	/* subscribe, subscriptions, unsubscribe */
#define B_SILENCE	0x80u	/* silence, silences, unsilence */
#define B_ACK		0x100u
#define B_DELIVERIES	0x200u
#define B_AUDIT		0x400u
#define B_CHECKDB	0x800u	/* the database file: --db only */
#define B_BACKUP	0x1000u
#define B_DEVICES	0x2000u	/* device add, list, remove */

struct backend {
	const struct backend_ops *ops;	/* chosen by backend_select */
	const char	*where;		/* path or URL, for messages */
	void		*impl;		/* the backend's own, once open */
	int		 fail;		/* exit status for the error in err */
	char		 err[1024];	/* set when an operation fails */
};

/* Command options, as bits: which a command accepts, which were given. */
#define OBIT(n)		(UINT64_C(1) << (n))
#define O_JSON		OBIT(0)
#define O_REGION	OBIT(1)
#define O_SOURCE	OBIT(2)
#define O_SINCE		OBIT(3)
#define O_LIMIT		OBIT(4)
#define O_COUNT		OBIT(5)
#define O_UTILITY	OBIT(6)
#define O_STATUS	OBIT(7)
#define O_AFFECTED	OBIT(8)
#define O_UNIT		OBIT(9)
#define O_ID		OBIT(10)
#define O_APPROX	OBIT(11)
#define O_STATE		OBIT(12)
#define O_JSONL		OBIT(13)
#define O_REGIONS	OBIT(14)
#define O_MIN_SEV	OBIT(15)
#define O_MIN_AFFECTED	OBIT(16)
#define O_MIN_PERCENT	OBIT(17)
#define O_WEBHOOK	OBIT(18)
#define O_SECRET	OBIT(19)
#define O_PRESET	OBIT(20)
#define O_CHAT_ID	OBIT(21)
#define O_EMAIL		OBIT(22)
#define O_MQTT		OBIT(23)
#define O_REPEAT	OBIT(24)
#define O_NO_RESOLVED	OBIT(25)
#define O_MIN_CLEAR	OBIT(26)
#define O_QUIET		OBIT(27)
#define O_TZ		OBIT(28)
#define O_LANG		OBIT(29)
#define O_NAME		OBIT(30)
#define O_FOR		OBIT(31)
#define O_COMMENT	OBIT(32)
#define O_SUBSCRIPTION	OBIT(33)
#define O_FORCE		OBIT(34)
#define O_PERCENT	OBIT(35)
#define O_DEVICE	OBIT(36)

#define OPT_LIST_MAX	256	/* --region and --utility given this often */

struct opts {
	const char	*db, *url, *token_file;
	const char	*region, *source, *since, *limit, *count;
	const char	*utility, *status, *affected, *unit, *id, *state;
	const char	*regions;
	/* every --region and --utility, in order (region, utility: the last) */
	const char	*regionv[OPT_LIST_MAX], *utilityv[OPT_LIST_MAX];
	size_t		 nregion, nutility;
	/* subscribe, silence, deliveries */
	const char	*min_severity, *min_affected, *min_percent;
	const char	*webhook, *secret, *preset, *chat_id, *email, *mqtt;
	const char	*repeat, *min_clear, *quiet, *tz, *lang, *name;
	const char	*duration, *comment, *subscription;
	const char	*percent;	/* report --percent */
	const char	*device;	/* subscribe --device */
	uint64_t	 seen;		/* O_* bits */
	int		 help, version;
};

#define TABLE_MAXCOLS	12

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
int	id_arg_ok(const char *cmd, const char *s);
int	parse_api_limit(const char *cmd, const char *s, int64_t *out);
int	notify_print(json_t *j, int json);

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
/* Getting notified (cmd_subscribe.c, cmd_subscriptions.c, ...). */
command_fn	 cmd_subscribe, cmd_unsubscribe, cmd_subscriptions, cmd_silence,
		 cmd_silences, cmd_unsilence, cmd_ack, cmd_deliveries, cmd_audit;
/* Sensing devices (cmd_device.c): device add|remove|list. */
command_fn	 cmd_device;



#endif /* CTL_H */
