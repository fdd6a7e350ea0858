/* SPDX-License-Identifier: MIT */
/*
 * report_flat.c - the common report payload read without jansson
 * (report_int.h).
 *
 * A report from a device or a script is one flat object of a few short
 * ASCII strings and integers.  Reading it through json_loadb() was a
 * fifth of the daemon's CPU during an ingest (perf: the lexer's
 * character-at-a-time reads and a hashtable and two allocations per
 * member).  This reader takes only that shape and gives up on anything
 * else, so jansson still decides every payload it does not take: a
 * payload is either read here with the result jansson would give, or
 * handed over untouched.  tests/unit/test_report.c compares the two on
 * mutated payloads.
 */
#include <string.h>

#include "report_int.h"

#define MAX_DIGITS	18	/* below INT64_MAX: no overflow to decide */

/* Names are compared often and are short: the first byte decides most. */
static int
same_name(const char *a, const char *b)
{
	return a[0] == b[0] && strcmp(a, b) == 0;
}

/*
 * A name's bit in struct flat's names, from its first two bytes (the
 * second may be its NUL): validate_one() asks for fourteen names, most
 * of them absent, and a clear bit answers without a scan.
 */
static uint64_t
name_bit(const char *name)
{
	unsigned h = (unsigned char)name[0];

	if (h != 0)
		h = h * 31 + (unsigned char)name[1];
	return (uint64_t)1 << (h & 63);
}

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *
skip_ws(const char *p, const char *end)
{
	while (p < end && is_ws(*p))
		p++;
	return p;
}

/* After a value or a name: white space, then one of what may follow. */
static int
delimited(const char *p, const char *end)
{
	return p < end && (is_ws(*p) || *p == ',' || *p == '}' || *p == ':');
}

/* A string at *pp (at its opening quote) into out's buffer; NULL: no. */
static const char *
take_string(const char **pp, const char *end, struct flat *out,
    size_t *lenp)
{
	const char *p = *pp + 1, *start = p;
	char *dst;
	size_t n;

	while (p < end && *p != '"') {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20 || c >= 0x7f || c == '\\')
			return NULL;
		p++;
	}
	if (p >= end)
		return NULL;
	n = (size_t)(p - start);
	if (n + 1 > sizeof(out->buf) - out->used)
		return NULL;
	dst = out->buf + out->used;
	memcpy(dst, start, n);
	dst[n] = '\0';
	out->used += n + 1;
	*lenp = n;
	*pp = p + 1;
	return dst;
}

static int
take_literal(const char **pp, const char *end, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(end - *pp) < n || memcmp(*pp, word, n) != 0 ||
	    !delimited(*pp + n, end))
		return -1;
	*pp += n;
	return 0;
}

static int
take_integer(const char **pp, const char *end, int64_t *out)
{
	const char *p = *pp;
	int neg = 0, digits = 0;
	int64_t v = 0;

	if (p < end && *p == '-') {
		neg = 1;
		p++;
	}
	if (p >= end || *p < '0' || *p > '9')
		return -1;
	if (*p == '0' && p + 1 < end && p[1] >= '0' && p[1] <= '9')
		return -1;		/* a leading zero: jansson says why */
	while (p < end && *p >= '0' && *p <= '9') {
		if (++digits > MAX_DIGITS)
			return -1;
		v = v * 10 + (*p - '0');
		p++;
	}
	if (!delimited(p, end))
		return -1;		/* a fraction, an exponent, garbage */
	*out = neg ? -v : v;
	*pp = p;
	return 0;
}

int
flat_parse(const char *buf, size_t len, struct flat *out)
{
	const char *p = buf, *end = buf + len;

	out->n = 0;
	out->names = 0;
	out->used = 0;
	p = skip_ws(p, end);
	if (p >= end || *p != '{')
		return -1;
	p = skip_ws(p + 1, end);
	if (p < end && *p == '}')
		p++;
	else for (;;) {
		struct fval *v;
		const char *name;
		size_t nlen;

		if (p >= end || *p != '"' || out->n == FLAT_FIELDS)
			return -1;
		if ((name = take_string(&p, end, out, &nlen)) == NULL)
			return -1;
		for (size_t k = 0; k < out->n; k++)
			if (same_name(out->f[k].name, name))
				return -1;	/* a duplicate */
		p = skip_ws(p, end);
		if (p >= end || *p != ':')
			return -1;
		p = skip_ws(p + 1, end);
		if (p >= end)
			return -1;
		out->f[out->n].name = name;
		out->names |= name_bit(name);
		v = &out->f[out->n].v;
		memset(v, 0, sizeof(*v));
		if (*p == '"') {
			v->t = FV_STRING;
			if ((v->s = take_string(&p, end, out, &v->len)) == NULL)
				return -1;
		} else if (*p == 't') {
			v->t = FV_TRUE;
			if (take_literal(&p, end, "true") < 0)
				return -1;
		} else if (*p == 'f') {
			v->t = FV_FALSE;
			if (take_literal(&p, end, "false") < 0)
				return -1;
		} else if (*p == 'n') {
			v->t = FV_NULL;
			if (take_literal(&p, end, "null") < 0)
				return -1;
		} else {
			v->t = FV_INTEGER;
			if (take_integer(&p, end, &v->i) < 0)
				return -1;
			v->d = (double)v->i;
		}
		out->n++;
		p = skip_ws(p, end);
		if (p < end && *p == ',') {
			p = skip_ws(p + 1, end);
			continue;
		}
		if (p < end && *p == '}') {
			p++;
			break;
		}
		return -1;
	}
	return skip_ws(p, end) == end ? 0 : -1;
}

void
flat_get(const struct flat *f, const char *name, struct fval *out)
{
	for (size_t k = (f->names & name_bit(name)) ? 0 : f->n; k < f->n; k++)
		if (same_name(f->f[k].name, name)) {
			*out = f->f[k].v;
			return;
		}
	memset(out, 0, sizeof(*out));
	out->t = FV_ABSENT;
}
