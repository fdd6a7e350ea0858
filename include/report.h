/* SPDX-License-Identifier: MIT */
/*
 * report.h - the outage report model and its JSON codec (DESIGN.md,
 * Report).  Pure: no I/O.  A payload is one report object or an array of
 * them; every element is validated on its own so that one bad element never
 * costs the good ones beside it.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "outaged.h"
#include "reason.h"

struct gazetteer;
struct region;

enum report_status {
	RS_OUTAGE = 0,
	RS_PARTIAL,
	RS_RESTORED
};

const char	*report_status_name(enum report_status);
/* The status a report names ("outage", ...): 0, or -1 for no status. */
int		 report_status_from_name(const char *, enum report_status *);

#define REPORT_ID_MAX		128	/* bytes */
#define REPORT_KEY_MAX		(OD_SOURCE_MAX + REPORT_ID_MAX + 8)
#define REPORT_UNIT_MAX		16
#define REPORT_AFFECTED_MAX	INT64_C(10000000000)	/* 1e10 */
#define REPORT_PERCENT_MAX	100.0	/* percent is in (0, 100] */

struct report {
	char		 key[REPORT_KEY_MAX];	/* idempotency key */
	char		 source[OD_SOURCE_MAX];
	const struct region *region;		/* borrowed from the gazetteer */
	char		*region_input;		/* what the sender wrote */
	enum utility	 utility;
	enum report_status status;
	int64_t		 affected;		/* -1 when absent (qualitative) */
	char		 unit[REPORT_UNIT_MAX];	/* "" when affected is absent */
	double		 percent;		/* of the region's consumers,
						   (0, 100]; 0 when absent */
	int		 approximate;
	int64_t		 observed_at;		/* ms since the epoch */
	int64_t		 received_at;		/* ms since the epoch */
	long		 index;			/* in the payload's array; -1: the payload */
	char		*raw;			/* the element: as sent when it
						   is the whole payload and has
						   an id, else compact JSON
						   with sorted names */
};

/* Why an element (or the whole payload, index -1) was refused. */
struct report_reject {
	long		 index;			/* -1: the whole payload */
	char		 source[OD_SOURCE_MAX];	/* "" when unknown */
	enum reject_reason reason;		/* machine-readable (reason.h) */
	char		 detail[256];		/* for people */
};

struct report_batch {
	struct report	*reports;
	size_t		 nreports;
	struct report_reject *rejects;
	size_t		 nrejects;
};

struct report_limits {
	size_t		 max_payload;		/* bytes */
	size_t		 max_batch;		/* elements in one array */
	int64_t		 max_future_ms;		/* tolerated clock skew */
};

/*
 * Decode and validate a payload.  topic_source, when not NULL, is the
 * <source> of the topic it arrived on; a report naming another source is
 * refused.  Every element ends up either in out->reports or out->rejects.
 * Always returns OD_OK; out is caller-freed with report_batch_free().
 */
enum od_err	 report_parse(const char *buf, size_t len,
		    const struct report_limits *, const struct gazetteer *,
		    const char *topic_source, int64_t now_ms,
		    struct report_batch *out);
void		 report_batch_free(struct report_batch *);

/*
 * The rejection as JSON {"error", "detail", "index", "payload"}, with an
 * excerpt of the payload.  Caller frees.
 */
char		*report_reject_json(const struct report_reject *,
		    const char *payload, size_t len);
/* The same as a JSON object.  Caller decrefs. */
json_t		*report_reject_obj(const struct report_reject *,
		    const char *payload, size_t len);

/* true when s is a valid source name: 1..63 of [A-Za-z0-9._-]. */
int		 report_source_valid(const char *s);

/*
 * Reports extracted from news carry the source "news:<feed>" (ranked below
 * direct reports by default).  report_news_feed() is the feed of such a
 * source ("news:kyiv" -> "kyiv"), or NULL for any other source;
 * report_news_source() writes "news:<feed>" and returns its length, 0 when
 * it does not fit.
 */
const char	*report_news_feed(const char *source);
size_t		 report_news_source(char *buf, size_t len, const char *feed);

#endif /* REPORT_H */
