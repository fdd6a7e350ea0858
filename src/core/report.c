/* SPDX-License-Identifier: MIT */
/*
 * report.c - decode and validate outage reports (pure, fuzzed).
 *
 * The payload size is checked before parsing; jansson rejects duplicate keys
 * and invalid UTF-8.  Each element of an array is validated on its own and
 * either accepted or rejected with a machine-readable reason.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "log.h"
#include "region.h"
#include "report.h"
#include "report_int.h"
#include "util.h"

#define TEXT_MAX	16384	/* bytes of "text" */
#define URL_MAX		2048
#define CAUSE_MAX	256
#define REGION_IN_MAX	256
#define EXCERPT_MAX	200

static const char *const status_names[] = {
	[RS_OUTAGE] = "outage",
	[RS_PARTIAL] = "partial",
	[RS_RESTORED] = "restored",
};

static const char *const units[] = {
	"households", "customers", "people", "homes", "consumers"
};

/* Fields a report may carry; the last five are what news extraction adds. */
static const char *const known_fields[] = {
	"id", "source", "region", "utility", "status", "affected", "unit",
	"percent", "approximate", "observed_at", "cause", "url", "text",
	"region_name", "mention", "confidence", "sentence", "country"
};

static int
known_field(const char *name)
{
	for (size_t k = 0; k < NELEM(known_fields); k++)
		if (name[0] == known_fields[k][0] &&
		    strcmp(name, known_fields[k]) == 0)
			return 1;
	return 0;
}

const char *
report_status_name(enum report_status s)
{
	return (unsigned)s <= RS_RESTORED ? status_names[s] : "?";
}

int
report_status_from_name(const char *name, enum report_status *out)
{
	for (size_t i = 0; i < NELEM(status_names); i++)
		if (strcmp(name, status_names[i]) == 0) {
			*out = (enum report_status)i;
			return 0;
		}
	return -1;
}

int
report_source_valid(const char *s)
{
	size_t n = 0;

	for (; s[n] != '\0'; n++) {
		char c = s[n];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' ||
		    (c == ':' && n > 0)))
			return 0;
	}
	return n > 0 && n < OD_SOURCE_MAX;
}

#define NEWS_SOURCE_PREFIX	"news:"

const char *
report_news_feed(const char *source)
{
	size_t n = sizeof(NEWS_SOURCE_PREFIX) - 1;

	return strncmp(source, NEWS_SOURCE_PREFIX, n) == 0 ? source + n : NULL;
}

size_t
report_news_source(char *buf, size_t len, const char *feed)
{
	int n = snprintf(buf, len, NEWS_SOURCE_PREFIX "%s", feed);

	if (n < 0 || (size_t)n >= len) {
		if (len > 0)
			buf[0] = '\0';
		return 0;
	}
	return (size_t)n;
}

static void
add_reject(struct report_batch *b, long index, const char *source,
    enum reject_reason, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
add_reject(struct report_batch *b, long index, const char *source,
    enum reject_reason reason, const char *fmt, ...)
{
	struct report_reject *rj;
	va_list ap;

	b->rejects = xreallocarray(b->rejects, b->nrejects + 1,
	    sizeof(*b->rejects));
	rj = &b->rejects[b->nrejects++];
	memset(rj, 0, sizeof(*rj));
	rj->index = index;
	if (source != NULL && report_source_valid(source))
		str_copy(rj->source, source, sizeof(rj->source));
	rj->reason = reason;
	va_start(ap, fmt);
	vsnprintf(rj->detail, sizeof(rj->detail), fmt, ap);
	va_end(ap);
}

/*
 * A report object as validate_one() reads it: jansson's, or the flat
 * reader's (report_flat.c) for the common shape.
 */
struct view {
	json_t		*j;	/* NULL: f */
	const struct flat *f;
};

static void
view_get(const struct view *w, const char *name, struct fval *out)
{
	json_t *v;

	if (w->j == NULL) {
		flat_get(w->f, name, out);
		return;
	}
	memset(out, 0, sizeof(*out));
	v = json_object_get(w->j, name);
	if (v == NULL)
		out->t = FV_ABSENT;
	else if (json_is_null(v))
		out->t = FV_NULL;
	else if (json_is_string(v)) {
		out->t = FV_STRING;
		out->s = json_string_value(v);
		out->len = json_string_length(v);
	} else if (json_is_integer(v)) {
		out->t = FV_INTEGER;
		out->i = json_integer_value(v);
		out->d = json_number_value(v);
	} else if (json_is_real(v)) {
		out->t = FV_REAL;
		out->d = json_real_value(v);
	} else if (json_is_true(v))
		out->t = FV_TRUE;
	else if (json_is_false(v))
		out->t = FV_FALSE;
	else
		out->t = FV_OTHER;
}

/* The first member's name that is not a known field, or NULL. */
static const char *
view_unknown(const struct view *w)
{
	const char *key;
	json_t *v;

	if (w->j == NULL) {
		for (size_t i = 0; i < w->f->n; i++)
			if (!known_field(w->f->f[i].name))
				return w->f->f[i].name;
		return NULL;
	}
	json_object_foreach(w->j, key, v)
		if (!known_field(key))
			return key;
	return NULL;
}

/* Optional string field: absent/null ok; else a string of 1..max bytes. */
static int
opt_string(const struct view *w, const char *name, size_t max,
    const char **out, char *why, size_t whylen)
{
	struct fval v;

	view_get(w, name, &v);
	*out = NULL;
	if (v.t == FV_ABSENT || v.t == FV_NULL)
		return 0;
	if (v.t != FV_STRING) {
		snprintf(why, whylen, "\"%s\" must be a string", name);
		return -1;
	}
	if (v.len == 0 || v.len > max) {
		snprintf(why, whylen, "\"%s\" must be 1 to %zu bytes", name,
		    max);
		return -1;
	}
	if (strlen(v.s) != v.len) {
		snprintf(why, whylen, "\"%s\" contains a NUL byte", name);
		return -1;
	}
	*out = v.s;
	return 0;
}

/*
 * The payload's own bytes, without the white space around them: the
 * stored text of a report that is the whole payload.  The parser took
 * them as one object (valid UTF-8, no NUL, no duplicate names).
 */
static const char *
payload_text(const char *buf, size_t *len)
{
	while (*len > 0 && strchr(" \t\r\n", buf[0]) != NULL) {
		buf++;
		(*len)--;
	}
	while (*len > 0 && strchr(" \t\r\n", buf[*len - 1]) != NULL)
		(*len)--;
	return buf;
}

/*
 * The report's stored text (raw, n bytes) and its region as written, in
 * one allocation that r->raw owns (report_batch_free): one malloc and
 * one free a report fewer.
 */
static void
set_texts(struct report *r, const char *raw, size_t n, const char *region)
{
	size_t m = strlen(region);
	char *s = xmalloc(n + 1 + m + 1);

	memcpy(s, raw, n);
	s[n] = '\0';
	memcpy(s + n + 1, region, m + 1);
	r->raw = s;
	r->region_input = s + n + 1;
}

/*
 * "id:SOURCE/ID" into key (keylen bytes, room for the longest: source
 * under OD_SOURCE_MAX, id at most REPORT_ID_MAX).  Put together by hand:
 * snprintf's format machinery was a sixtieth of an ingest's CPU.
 */
static void
id_key(char *key, size_t keylen, const char *source, const char *id)
{
	size_t ns = strlen(source), ni = strlen(id);

	if (3 + ns + 1 + ni + 1 > keylen)
		fatalx("report: key buffer too small");	/* validated */
	memcpy(key, "id:", 3);
	memcpy(key + 3, source, ns);
	key[3 + ns] = '/';
	memcpy(key + 3 + ns + 1, id, ni + 1);
}

/*
 * whole, wholelen: the payload when e is all of it (not an array's
 * element), else NULL.
 */
static void
validate_one(const struct view *w, long index, const struct report_limits *lim,
    const struct gazetteer *gaz, const char *topic_source, int64_t now,
    const char *whole, size_t wholelen, struct report_batch *b)
{
	char why[256];
	const char *id, *source, *region, *utility, *status, *unit, *obs;
	const char *dummy;
	const char *key;
	struct fval v;
	struct report r;
	enum od_err rc;

	memset(&r, 0, sizeof(r));
	/* the source first, so that later rejections can name it */
	if (opt_string(w, "source", OD_SOURCE_MAX - 1, &source, why,
	    sizeof(why)) < 0) {
		add_reject(b, index, topic_source, REJ_INVALID_FIELD, "%s", why);
		return;
	}
	if (source == NULL) {
		add_reject(b, index, topic_source, REJ_MISSING_FIELD,
		    "\"source\" is required");
		return;
	}
	if (!report_source_valid(source)) {
		add_reject(b, index, topic_source, REJ_INVALID_FIELD,
		    "\"source\" must be 1-63 of A-Z a-z 0-9 . _ - :");
		return;
	}
	if (topic_source != NULL && strcmp(source, topic_source) != 0) {
		add_reject(b, index, topic_source, REJ_SOURCE_MISMATCH,
		    "report names source \"%s\" but arrived on the topic of "
		    "source \"%s\"", source, topic_source);
		return;
	}
	if ((key = view_unknown(w)) != NULL) {
		char esc[64];

		add_reject(b, index, source, REJ_INVALID_FIELD,
		    "unknown field \"%s\"", log_escape(esc, sizeof(esc), key,
		    strlen(key)));
		return;
	}
	if (opt_string(w, "id", REPORT_ID_MAX, &id, why, sizeof(why)) < 0 ||
	    opt_string(w, "region", REGION_IN_MAX, &region, why,
	    sizeof(why)) < 0 ||
	    opt_string(w, "utility", 16, &utility, why, sizeof(why)) < 0 ||
	    opt_string(w, "status", 16, &status, why, sizeof(why)) < 0 ||
	    opt_string(w, "unit", 16, &unit, why, sizeof(why)) < 0 ||
	    opt_string(w, "observed_at", 64, &obs, why, sizeof(why)) < 0 ||
	    opt_string(w, "cause", CAUSE_MAX, &dummy, why, sizeof(why)) < 0 ||
	    opt_string(w, "url", URL_MAX, &dummy, why, sizeof(why)) < 0 ||
	    opt_string(w, "text", TEXT_MAX, &dummy, why, sizeof(why)) < 0) {
		add_reject(b, index, source, REJ_INVALID_FIELD, "%s", why);
		return;
	}
	if (region == NULL || utility == NULL || status == NULL) {
		add_reject(b, index, source, REJ_MISSING_FIELD,
		    "\"%s\" is required", region == NULL ? "region" :
		    utility == NULL ? "utility" : "status");
		return;
	}
	if (id != NULL) {
		for (const char *p = id; *p; p++) {
			if ((unsigned char)*p < 0x20 || *p == 0x7f) {
				add_reject(b, index, source, REJ_INVALID_FIELD,
				    "\"id\" contains a control character");
				return;
			}
		}
	}
	if (utility_from_name(utility, &r.utility) < 0) {
		add_reject(b, index, source, REJ_INVALID_FIELD,
		    "\"utility\" must be power, heat, water, gas or telecom");
		return;
	}
	if (report_status_from_name(status, &r.status) < 0) {
		add_reject(b, index, source, REJ_INVALID_FIELD,
		    "\"status\" must be outage, partial or restored");
		return;
	}
	r.affected = -1;
	view_get(w, "affected", &v);
	if (v.t != FV_ABSENT && v.t != FV_NULL) {
		if (v.t != FV_INTEGER || v.i < 0 ||
		    v.i > REPORT_AFFECTED_MAX) {
			add_reject(b, index, source, REJ_INVALID_FIELD,
			    "\"affected\" must be an integer from 0 to %lld",
			    (long long)REPORT_AFFECTED_MAX);
			return;
		}
		r.affected = v.i;
	}
	/* a share of the region's consumers, instead of or beside a count */
	view_get(w, "percent", &v);
	if (v.t != FV_ABSENT && v.t != FV_NULL) {
		if ((v.t != FV_INTEGER && v.t != FV_REAL) || !(v.d > 0) ||
		    v.d > REPORT_PERCENT_MAX) {
			add_reject(b, index, source, REJ_INVALID_FIELD,
			    "\"percent\" must be a number above 0 and at most "
			    "100 (a share of the region's consumers)");
			return;
		}
		r.percent = v.d;
	}
	if (unit != NULL) {
		size_t k;

		for (k = 0; k < NELEM(units); k++)
			if (strcmp(unit, units[k]) == 0)
				break;
		if (k == NELEM(units)) {
			add_reject(b, index, source, REJ_INVALID_FIELD,
			    "\"unit\" must be households, customers, people, "
			    "homes or consumers");
			return;
		}
		str_copy(r.unit, unit, sizeof(r.unit));
	}
	view_get(w, "approximate", &v);
	if (v.t != FV_ABSENT && v.t != FV_NULL) {
		if (v.t != FV_TRUE && v.t != FV_FALSE) {
			add_reject(b, index, source, REJ_INVALID_FIELD,
			    "\"approximate\" must be true or false");
			return;
		}
		r.approximate = v.t == FV_TRUE;
	}
	view_get(w, "confidence", &v);
	if (v.t != FV_ABSENT && v.t != FV_NULL && v.t != FV_INTEGER &&
	    v.t != FV_REAL) {
		add_reject(b, index, source, REJ_INVALID_FIELD,
		    "\"confidence\" must be a number");
		return;
	}
	r.received_at = now;
	r.observed_at = now;
	if (obs != NULL) {
		if (time_parse(obs, &r.observed_at) != OD_OK) {
			add_reject(b, index, source, REJ_INVALID_FIELD,
			    "\"observed_at\" must be an RFC 3339 time such as "
			    "2026-11-26T10:00:00Z");
			return;
		}
		if (r.observed_at > now + lim->max_future_ms) {
			add_reject(b, index, source, REJ_INVALID_FIELD,
			    "\"observed_at\" is in the future");
			return;
		}
	}
	rc = gaz_resolve(gaz, region, &r.region, why, sizeof(why));
	if (rc != OD_OK) {
		char esc[96];

		log_escape(esc, sizeof(esc), region, strlen(region));
		if (rc == OD_EINVAL)
			add_reject(b, index, source, REJ_AMBIGUOUS_REGION,
			    "region \"%s\" is %s", esc, why);
		else
			add_reject(b, index, source, REJ_UNKNOWN_REGION,
			    "region \"%s\" is not a known region id, name or "
			    "alias%s%s", esc, why[0] ? "; " : "", why);
		return;
	}
	/* a count without a unit is read in the region's own denominator */
	if (r.affected >= 0 && r.unit[0] == '\0')
		str_copy(r.unit, r.region->denom_unit[0] ?
		    r.region->denom_unit : "households", sizeof(r.unit));
	str_copy(r.source, source, sizeof(r.source));
	r.index = index;
	/*
	 * What is stored: a report with an id as it came (rendering it
	 * again was a sixth of the CPU of an ingest); without an id, the
	 * compact form with sorted names, which is also its key's content.
	 */
	if (id != NULL && whole != NULL) {
		size_t n = wholelen;
		const char *t = payload_text(whole, &n);

		set_texts(&r, t, n, region);
	} else {
		/* report_parse reads flat only with an id: w->j is set */
		char *d = w->j != NULL ? json_dumps(w->j, JSON_COMPACT |
		    JSON_SORT_KEYS) : NULL;

		if (d == NULL)
			fatalx("report: json_dumps failed");
		set_texts(&r, d, strlen(d), region);
		free(d);
	}
	if (id != NULL)
		id_key(r.key, sizeof(r.key), source, id);
	else {
		char hex[65], *salted = NULL;

		/*
		 * Without an id the content is the key.  Without observed_at
		 * the same words sent again later are news again ("restored",
		 * twice a day), so the hour received joins the hash: a
		 * redelivery minutes later is still the same report.
		 */
		if (obs == NULL) {
			size_t n = strlen(r.raw) + 32;

			salted = xmalloc(n);
			snprintf(salted, n, "%s\n%lld", r.raw,
			    (long long)(now / 3600000));
		}
		sha256_hex(salted ? salted : r.raw, strlen(salted ? salted :
		    r.raw), hex);
		free(salted);
		snprintf(r.key, sizeof(r.key), "sha256:%s", hex);
	}
	b->reports = xreallocarray(b->reports, b->nreports + 1,
	    sizeof(*b->reports));
	b->reports[b->nreports++] = r;
}

/* 0: jansson reads every payload (report_flat_enable; tests) */
static int flat_enabled = 1;

void
report_flat_enable(int on)
{
	flat_enabled = on;
}

enum od_err
report_parse(const char *buf, size_t len, const struct report_limits *lim,
    const struct gazetteer *gaz, const char *topic_source, int64_t now,
    struct report_batch *out)
{
	json_error_t jerr;
	json_t *root, *e;
	struct flat flat;
	struct view w = { NULL, &flat };
	struct fval id;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (len > lim->max_payload) {
		add_reject(out, -1, topic_source, REJ_PAYLOAD_TOO_LARGE,
		    "payload of %zu bytes is over the limit of %zu bytes", len,
		    lim->max_payload);
		return OD_OK;
	}
	/*
	 * One flat object with an id, the usual report: read without
	 * jansson (report_flat.c).  Without an id its stored text is
	 * jansson's rendering, so jansson reads it.
	 */
	if (flat_enabled && flat_parse(buf, len, &flat) == 0) {
		flat_get(&flat, "id", &id);
		if (id.t != FV_ABSENT && id.t != FV_NULL) {
			validate_one(&w, -1, lim, gaz, topic_source, now, buf,
			    len, out);
			return OD_OK;
		}
	}
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		json_t *any;

		/*
		 * Scalars are refused by the parser itself; tell "42" (valid
		 * JSON, wrong shape) from garbage by asking once more.
		 */
		any = json_loadb(buf, len, JSON_REJECT_DUPLICATES |
		    JSON_DECODE_ANY, NULL);
		if (any != NULL)
			add_reject(out, -1, topic_source, REJ_INVALID_PAYLOAD,
			    "the payload must be a report object or an array "
			    "of them, not a bare %s", json_is_string(any) ?
			    "string" : json_is_number(any) ? "number" :
			    "literal");
		else
			add_reject(out, -1, topic_source, REJ_INVALID_JSON,
			    "line %d column %d: %s", jerr.line, jerr.column,
			    jerr.text);
		json_decref(any);
		return OD_OK;
	}
	if (json_is_object(root)) {
		w.j = root;
		validate_one(&w, -1, lim, gaz, topic_source, now, buf, len,
		    out);
	} else if (json_is_array(root)) {
		if (json_array_size(root) == 0)
			add_reject(out, -1, topic_source, REJ_INVALID_PAYLOAD,
			    "an empty array holds no report");
		else if (json_array_size(root) > lim->max_batch)
			add_reject(out, -1, topic_source, REJ_TOO_MANY_REPORTS,
			    "%zu reports in one payload; the limit is %zu",
			    json_array_size(root), lim->max_batch);
		else
			json_array_foreach(root, i, e) {
				if (!json_is_object(e)) {
					add_reject(out, (long)i, topic_source,
					    REJ_INVALID_PAYLOAD, "a report "
					    "must be a JSON object");
					continue;
				}
				w.j = e;
				validate_one(&w, (long)i, lim, gaz,
				    topic_source, now, NULL, 0, out);
			}
	} else
		add_reject(out, -1, topic_source, REJ_INVALID_PAYLOAD,
		    "the payload must be a report object or an array of them");
	json_decref(root);
	return OD_OK;
}

void
report_batch_free(struct report_batch *b)
{
	for (size_t i = 0; i < b->nreports; i++)
		free(b->reports[i].raw);	/* region_input with it */
	free(b->reports);
	free(b->rejects);
	memset(b, 0, sizeof(*b));
}

/* A JSON string of s; invalid UTF-8 is escaped rather than lost. */
static json_t *
safe_string(const char *s, size_t n)
{
	json_t *j = json_stringn(s, n);
	char esc[EXCERPT_MAX * 4 + 8];

	if (j != NULL)
		return j;
	log_escape(esc, sizeof(esc), s, n);
	for (char *p = esc; *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	return json_string(esc);
}

char *
report_reject_json(const struct report_reject *rj, const char *payload,
    size_t len)
{
	json_t *o = report_reject_obj(rj, payload, len);
	char *s = json_dumps(o, OD_JSON_COMPACT);

	json_decref(o);
	if (s == NULL)
		fatalx("report: json_dumps failed");
	return s;
}

json_t *
report_reject_obj(const struct report_reject *rj, const char *payload,
    size_t len)
{
	json_t *o = json_object();
	size_t n = len < EXCERPT_MAX ? len : EXCERPT_MAX;

	json_object_set_new(o, "error",
	    json_string(reject_reason_name(rj->reason)));
	json_object_set_new(o, "detail", safe_string(rj->detail,
	    strlen(rj->detail)));
	if (rj->index >= 0)
		json_object_set_new(o, "index", json_integer(rj->index));
	if (rj->source[0])
		json_object_set_new(o, "source", json_string(rj->source));
	/* back off to a character boundary; invalid UTF-8 is escaped */
	while (n > 0 && n < len && ((unsigned char)payload[n] & 0xC0) == 0x80)
		n--;
	json_object_set_new(o, "payload", safe_string(payload, n));
	json_object_set_new(o, "truncated", json_boolean(n < len));
	return o;
}
