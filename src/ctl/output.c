/* SPDX-License-Identifier: MIT */
/*
 * output.c - what every command prints with: terminal-safe text, counts,
 * percents and times, tables, JSON out, and reading the API's JSON.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "outaged.h"
#include "util.h"
#include "ctl.h"

#define JSON_FLAGS		(JSON_INDENT(2) | JSON_REAL_PRECISION(12))

int	 use_colour;

/*
 * Copy text for a terminal: control characters (C0, DEL and UTF-8 encoded
 * C1) become '?', so stored text cannot move the cursor or set colours.
 */
char *
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
void
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
void
fmt_when(int64_t ms, char *buf, size_t buflen)
{
	fmt_utc(ms, "%Y-%m-%d %H:%MZ", buf, buflen);
}

const char *
or_dash(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : "-";
}

int
severity_rank(const char *s)
{
	enum severity sev;

	if (s == NULL || severity_from_name(s, &sev) != 0)
		return -1;
	return (int)sev;
}

/* SGR colour for a severity, or NULL for none. */
const char *
severity_sgr(const char *s)
{
	switch (severity_rank(s)) {
	case SEV_CRITICAL:	return "1;31";
	case SEV_MAJOR:		return "31";
	case SEV_MINOR:		return "33";
	default:		return NULL;
	}
}

/* ms since the epoch -> "2026-11-26 10:00:05Z"; 0 -> "-". */
void
fmt_when_secs(int64_t ms, char *buf, size_t buflen)
{
	fmt_utc(ms, "%Y-%m-%d %H:%M:%SZ", buf, buflen);
}

/* A count as the tables show it: "~600,000"; -1 -> "-". */
void
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
void
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

/*
 * Append to a bounded line or URL; once something did not fit nothing
 * more is added, so the text keeps what fitted whole.
 */
void
text_add(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	if (b->overflow)
		return;
	va_start(ap, fmt);
	(void)buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

int64_t
jint(const json_t *o, const char *k, int64_t dflt)
{
	json_t *v = json_object_get(o, k);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

double
jreal(const json_t *o, const char *k, double dflt)
{
	json_t *v = json_object_get(o, k);

	return json_is_number(v) ? json_number_value(v) : dflt;
}

int
jbool(const json_t *o, const char *k)
{
	return json_is_true(json_object_get(o, k));
}

/* An RFC 3339 member as ms since the epoch; 0 when absent or null. */
int64_t
jtime(const json_t *o, const char *k)
{
	const char *s = jstr(o, k);
	int64_t ms;

	if (s == NULL || time_parse(s, &ms) != OD_OK)
		return 0;
	return ms;
}

/* Never reported: unknown and no time at all (not merely stale). */
int
fig_never(const json_t *fig)
{
	const char *st = jstr(fig, "status");

	return (st == NULL || strcmp(st, "unknown") == 0) &&
	    jtime(fig, "since") == 0 && jtime(fig, "last_update") == 0;
}

struct cell *
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

void
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

void
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

void
table_free(struct table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i].text);
	free(t->cells);
	t->cells = NULL;
	t->nrows = t->cap = 0;
}

json_t *
j_str(const char *s)
{
	json_t *j;

	if (s == NULL)
		return json_null();
	/* stored text came through jansson, but never emit a hole */
	return (j = json_string(s)) != NULL ? j : json_null();
}

json_t *
j_count(int64_t v)
{
	return v < 0 ? json_null() : json_integer((json_int_t)v);
}

json_t *
j_time(int64_t ms)
{
	char buf[32];

	if (ms <= 0)
		return json_null();
	time_format(ms, buf, sizeof(buf));
	return json_string(buf);
}

/* Print and free a JSON value; -1 when it could not be encoded. */
int
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
json_t *
answer_array(json_t *j, const char *key)
{
	json_t *a = json_object_get(j, key);

	return json_is_array(a) ? a : NULL;
}

/* --json: the array as it came (empty for none), as an exit code. */
int
print_array(json_t *a)
{
	return json_print(a != NULL ? json_incref(a) : json_array()) == 0 ?
	    CTL_OK : CTL_NODATA;
}
