/* SPDX-License-Identifier: MIT */
/*
 * http_parse.c - HTTP/1.1 requests from bytes (http_parse.h, RFC 9112):
 * where the head ends, the head itself, the request-target's path and
 * query, and chunked bodies.  No allocation beyond the caller's struct buf;
 * every loop is bounded by the length it is given.
 *
 * Beyond what the header spells out, RFC 9112 also asks for: a 400 when an
 * HTTP/1.1 request has no Host field or any request has more than one
 * (3.2), and a Transfer-Encoding in an HTTP/1.0 request is treated as
 * faulty framing (6.1: 400); an Expect: 100-continue in an HTTP/1.0
 * request is ignored (RFC 9110 10.1.1).  Bytes 0x80-0xff (obs-text) are
 * allowed in field values and in the request-target.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>	/* strcasecmp: ASCII, outaged never calls setlocale */

#include "buf.h"
#include "http_parse.h"
#include "util.h"

#define CHUNK_DIGITS_MAX	15	/* hex digits of a chunk size: < 2^60 */
#define CHUNK_EXT_MAX		4096	/* a size line's bytes after the digits */
#define TRAILER_LINE_MAX	8192	/* bytes of one trailer line */

/* tchar (RFC 9110 5.6.2): the characters of a token. */
static int
is_tchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* A byte a field value may hold: HTAB, SP, VCHAR, obs-text. */
static int
is_value_char(unsigned char c)
{
	return c == '\t' || (c >= 0x20 && c != 0x7f);
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* ---- the head ----------------------------------------------------------- */

/* The length of the empty lines ("\n" or "\r\n") at the start of buf. */
static size_t
empty_lines(const char *buf, size_t len)
{
	size_t i = 0;

	for (;;) {
		if (i < len && buf[i] == '\n')
			i++;
		else if (i + 1 < len && buf[i] == '\r' && buf[i + 1] == '\n')
			i += 2;
		else
			return i;
	}
}

/*
 * Lines end at LF; an empty line is "" or "\r".  The head ends with the
 * first empty line that follows a non-empty one (those before the request
 * line are leading empty lines).  Whether the line ending at i - 1 (i > 0,
 * buf[i - 1] == '\n') was empty is in the two bytes before its LF.
 */
static int
line_before_empty(const char *buf, size_t i)
{
	return i == 1 || buf[i - 2] == '\n' ||
	    (buf[i - 2] == '\r' && (i == 2 || buf[i - 3] == '\n'));
}

size_t
http_head_end_from(const char *buf, size_t len, size_t *scanned)
{
	size_t i = *scanned;		/* a line start: 0 or after an LF */
	const char *lf;

	if (i > len || (i > 0 && buf[i - 1] != '\n'))
		i = 0;			/* not from an earlier call: restart */
	/* each LF is found once over all the calls: O(len) */
	while (i < len && (lf = memchr(buf + i, '\n', len - i)) != NULL) {
		size_t e = (size_t)(lf - buf);

		if ((e == i || (e == i + 1 && buf[i] == '\r')) && i > 0 &&
		    !line_before_empty(buf, i)) {
			*scanned = e + 1;
			return e + 1;
		}
		i = e + 1;
	}
	*scanned = i;
	return 0;
}

size_t
http_head_end(const char *buf, size_t len)
{
	size_t scanned = 0;

	return http_head_end_from(buf, len, &scanned);
}

static int
bad(const char **why, const char *what)
{
	*why = what;
	return 400;
}

/* "method SP request-target SP HTTP-version", p[0..len), p[len] writable. */
static int
request_line(char *p, size_t len, struct http_head *h, const char **why)
{
	size_t i = 0, t;
	const char *v;

	while (i < len && is_tchar((unsigned char)p[i]))
		i++;
	if (i == 0 || i == len || p[i] != ' ')
		return bad(why, "malformed method");
	p[i++] = '\0';
	h->method = p;
	t = i;
	while (i < len && (unsigned char)p[i] > 0x20 && p[i] != 0x7f)
		i++;
	if (i == t || i == len || p[i] != ' ')
		return bad(why, "malformed request-target");
	p[i++] = '\0';
	h->target = p + t;
	v = p + i;
	if (len - i != 8 || memcmp(v, "HTTP/", 5) != 0 ||
	    v[5] < '0' || v[5] > '9' || v[6] != '.' || v[7] < '0' ||
	    v[7] > '9')
		return bad(why, "malformed HTTP version");
	if (v[5] != '1' || (v[7] != '0' && v[7] != '1')) {
		*why = "HTTP version not supported";
		return 505;
	}
	h->minor = v[7] - '0';
	return 0;
}

/* "name : OWS value OWS", p[0..len), p[len] writable. */
static int
field_line(char *p, size_t len, struct http_head *h, const char **why)
{
	size_t i = 0, vs, ve;
	struct http_field *f;

	if (p[0] == ' ' || p[0] == '\t')
		return bad(why, "folded header line");
	while (i < len && is_tchar((unsigned char)p[i]))
		i++;
	if (i < len && (p[i] == ' ' || p[i] == '\t'))
		return bad(why, "space before colon");
	if (i == 0 || i == len || p[i] != ':')
		return bad(why, "malformed header field");
	vs = i + 1;
	while (vs < len && (p[vs] == ' ' || p[vs] == '\t'))
		vs++;
	ve = len;
	while (ve > vs && (p[ve - 1] == ' ' || p[ve - 1] == '\t'))
		ve--;
	for (size_t j = vs; j < ve; j++)
		if (!is_value_char((unsigned char)p[j]))
			return bad(why, "control character in header value");
	if (h->nfields == HTTP_HEADERS_MAX) {
		*why = "too many header fields";
		return 431;
	}
	p[i] = '\0';
	p[ve] = '\0';
	f = &h->fields[h->nfields++];
	f->name = p;
	f->value = p + vs;
	return 0;
}

/* Content-Length = 1*DIGIT, at most 2^63 - 1. */
static int
parse_length(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		unsigned d;

		if (*s < '0' || *s > '9')
			return -1;
		d = (unsigned)(*s - '0');
		if (v > ((uint64_t)INT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/* Does the comma-separated list s hold the token tok (any case)? */
static int
list_has(const char *s, const char *tok)
{
	while (*s != '\0') {
		const char *e = strchr(s, ',');
		size_t n = e != NULL ? (size_t)(e - s) : strlen(s);
		size_t a = 0, b = n;

		while (a < b && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
			b--;
		if (b - a == strlen(tok) &&
		    strncasecmp(s + a, tok, b - a) == 0)
			return 1;
		s += n;
		if (*s == ',')
			s++;
	}
	return 0;
}

/* What the engine needs from the fields. */
static int
derive(struct http_head *h, const char **why)
{
	size_t nte = 0, nhost = 0;
	const char *te = NULL;
	int close = 0, keep = 0, expect = 0;

	for (size_t i = 0; i < h->nfields; i++) {
		const char *name = h->fields[i].name;
		const char *value = h->fields[i].value;

		if (strcasecmp(name, "content-length") == 0) {
			uint64_t v;

			if (parse_length(value, &v) < 0)
				return bad(why, "malformed Content-Length");
			if (h->has_length && v != h->length)
				return bad(why,
				    "conflicting Content-Length headers");
			h->has_length = 1;
			h->length = v;
		} else if (strcasecmp(name, "transfer-encoding") == 0) {
			nte++;
			te = value;
		} else if (strcasecmp(name, "host") == 0) {
			nhost++;
		} else if (strcasecmp(name, "connection") == 0) {
			close |= list_has(value, "close");
			keep |= list_has(value, "keep-alive");
		} else if (strcasecmp(name, "expect") == 0) {
			expect |= strcasecmp(value, "100-continue") == 0;
		}
	}
	if (nte > 0 && h->has_length)
		return bad(why, "Content-Length and Transfer-Encoding together");
	if (nte > 0 && h->minor == 0)
		return bad(why, "Transfer-Encoding in HTTP/1.0");
	if (nte > 1 || (nte == 1 && strcasecmp(te, "chunked") != 0)) {
		*why = "transfer coding not supported";
		return 501;
	}
	if (nhost > 1)
		return bad(why, "more than one Host header");
	if (nhost == 0 && h->minor == 1)
		return bad(why, "no Host header");
	h->chunked = nte == 1;
	h->keep_alive = h->minor == 1 ? !close : keep && !close;
	h->expect_continue = h->minor == 1 && expect;
	return 0;
}

int
http_head_parse(char *buf, size_t n, struct http_head *h, const char **why)
{
	const char *ignored;
	size_t i;
	int first = 1, rc;

	if (why == NULL)
		why = &ignored;
	memset(h, 0, sizeof(*h));
	*why = NULL;
	i = empty_lines(buf, n);
	for (;;) {
		char *p = buf + i, *lf;
		size_t len;

		if (i >= n || (lf = memchr(p, '\n', n - i)) == NULL)
			return bad(why, "incomplete head");
		len = (size_t)(lf - p);
		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (memchr(p, '\r', len) != NULL)
			return bad(why, "bare CR");
		p[len] = '\0';			/* the CR or the LF */
		i = (size_t)(lf - buf) + 1;
		if (first) {
			if ((rc = request_line(p, len, h, why)) != 0)
				return rc;
			first = 0;
		} else if (len == 0) {
			break;
		} else if ((rc = field_line(p, len, h, why)) != 0) {
			return rc;
		}
	}
	if (i != n)
		return bad(why, "bytes after the head");
	return derive(h, why);
}

const char *
http_head_field(const struct http_head *h, const char *name)
{
	for (size_t i = 0; i < h->nfields; i++)
		if (strcasecmp(h->fields[i].name, name) == 0)
			return h->fields[i].value;
	return NULL;
}

/* ---- the request-target ------------------------------------------------- */

/*
 * The absolute-form "http://host:port/path?query" (RFC 9112 3.2.2: a
 * server MUST accept it, though clients send it only to proxies): where
 * its path starts, past the scheme and the authority; NULL when it is not
 * that form.  The authority is not used (nor is Host: we serve one site).
 */
static char *
absolute_path(char *target)
{
	const char *host = url_host(target);

	if (host == NULL)
		return NULL;
	return target + (host - target) + strcspn(host, "/?");
}

int
http_target_split(char *target, char **path, char **query)
{
	static char root[] = "/";	/* the path of "http://host?q" */
	char *q, *r, *w, *abs;

	*path = NULL;
	*query = NULL;
	if (target == NULL)
		return -1;
	if ((abs = absolute_path(target)) != NULL) {
		if (*abs == '?') {		/* no path: "/" */
			*path = root;
			*query = abs + 1;
			return 0;
		}
		if (*abs == '\0') {
			*path = root;
			return 0;
		}
		target = abs;
	}
	if (target[0] != '/')
		return -1;
	if ((q = strchr(target, '?')) != NULL)
		*q = '\0';
	for (r = w = target; *r != '\0'; r++, w++) {
		int hi, lo;

		if (*r != '%') {
			*w = *r;
			continue;
		}
		if ((hi = hex_value(r[1])) < 0 || (lo = hex_value(r[2])) < 0 ||
		    (hi | lo) == 0)
			return -1;
		*w = (char)(hi << 4 | lo);
		r += 2;
	}
	*w = '\0';
	*path = target;
	*query = q != NULL ? q + 1 : NULL;
	return 0;
}

/* Decode s in place ('+' a space, a bad escape kept); 1 if it held a NUL. */
static int
query_decode(char *s)
{
	char *r, *w;
	int nul = 0;

	for (r = w = s; *r != '\0'; r++, w++) {
		int hi, lo;

		if (*r == '+') {
			*w = ' ';
		} else if (*r == '%' && (hi = hex_value(r[1])) >= 0 &&
		    (lo = hex_value(r[2])) >= 0) {
			*w = (char)(hi << 4 | lo);
			nul |= *w == '\0';
			r += 2;
		} else {
			*w = *r;
		}
	}
	*w = '\0';
	return nul;
}

size_t
http_query_parse(char *query, const char **names, const char **values,
    size_t max)
{
	size_t n = 0;
	char *s = query;

	while (s != NULL && *s != '\0' && n < max) {
		char *amp = strchr(s, '&');
		char *end = amp != NULL ? amp : s + strlen(s);
		char *next = amp != NULL ? amp + 1 : end;
		char *eq;
		int nul;

		if (end == s) {			/* "&&" */
			s = next;
			continue;
		}
		*end = '\0';
		if ((eq = strchr(s, '=')) != NULL)
			*eq = '\0';
		nul = query_decode(s);
		if (eq != NULL)
			nul |= query_decode(eq + 1);
		if (!nul) {
			names[n] = s;
			values[n] = eq != NULL ? eq + 1 : NULL;
			n++;
		}
		s = next;
	}
	return n;
}

/* ---- chunked bodies ----------------------------------------------------- */

enum {
	CH_SIZE = 0,		/* hex digits of a chunk size */
	CH_SIZE_WS,		/* spaces or tabs after them: ';' must follow */
	CH_EXT,			/* chunk extensions, skipped to the line end */
	CH_SIZE_LF,		/* the size line's CR was read */
	CH_DATA,		/* left bytes of data to go */
	CH_DATA_END,		/* the data ended: CRLF */
	CH_DATA_LF,		/* the CR after the data was read */
	CH_TR_START,		/* a trailer line or the final empty line */
	CH_TR_NAME,		/* a trailer field's name */
	CH_TR_VALUE,		/* after its colon */
	CH_TR_LF,		/* a trailer line's CR was read */
	CH_END_LF,		/* the final empty line's CR was read */
	CH_DONE,
	CH_BAD,
	CH_TOO_LARGE,
};

static void
size_line_start(struct http_chunked *c)
{
	c->state = CH_SIZE;
	c->left = 0;
	c->digits = 0;
	c->trailer_len = 0;
}

/* The size line ended: data, or the trailer after the last chunk. */
static void
size_line_end(struct http_chunked *c)
{
	c->state = c->left > 0 ? CH_DATA : CH_TR_START;
	c->trailer_len = 0;
}

/* One byte of a size line, trailer or delimiter. */
static void
chunked_byte(struct http_chunked *c, unsigned char ch)
{
	int v;

	switch (c->state) {
	case CH_SIZE:
		if ((v = hex_value((char)ch)) >= 0) {
			if (c->digits == CHUNK_DIGITS_MAX) {
				c->state = CH_BAD;
				return;
			}
			c->left = c->left << 4 | (uint64_t)v;
			c->digits++;
			return;
		}
		if (c->digits == 0)
			c->state = CH_BAD;
		else if (ch == ';')
			c->state = CH_EXT;
		else if (ch == ' ' || ch == '\t')
			c->state = CH_SIZE_WS;
		else if (ch == '\r')
			c->state = CH_SIZE_LF;
		else
			c->state = CH_BAD;
		break;
	case CH_SIZE_WS:
		if (ch == ';')
			c->state = CH_EXT;
		else if (ch != ' ' && ch != '\t')
			c->state = CH_BAD;
		break;
	case CH_EXT:
		if (ch == '\r')
			c->state = CH_SIZE_LF;
		else if (!is_value_char(ch))
			c->state = CH_BAD;
		break;
	case CH_SIZE_LF:
		if (ch == '\n')
			size_line_end(c);
		else
			c->state = CH_BAD;
		break;
	case CH_DATA_END:
		if (ch == '\r')
			c->state = CH_DATA_LF;
		else
			c->state = CH_BAD;
		break;
	case CH_DATA_LF:
		if (ch == '\n')
			size_line_start(c);
		else
			c->state = CH_BAD;
		break;
	case CH_TR_START:
		if (ch == '\r')
			c->state = CH_END_LF;
		else if (is_tchar(ch))
			c->state = CH_TR_NAME;
		else
			c->state = CH_BAD;	/* a folded line, a stray byte */
		break;
	case CH_TR_NAME:
		if (ch == ':')
			c->state = CH_TR_VALUE;
		else if (!is_tchar(ch))
			c->state = CH_BAD;
		break;
	case CH_TR_VALUE:
		if (ch == '\r')
			c->state = CH_TR_LF;
		else if (!is_value_char(ch))
			c->state = CH_BAD;
		break;
	case CH_TR_LF:
	case CH_END_LF:
		if (ch != '\n')
			c->state = CH_BAD;
		else
			c->state = c->state == CH_TR_LF ? CH_TR_START : CH_DONE;
		break;
	default:
		c->state = CH_BAD;
		break;
	}
	/* the bounds of a size line's extensions and of a trailer line */
	switch (c->state) {
	case CH_SIZE_WS:
	case CH_EXT:
		if (++c->trailer_len > CHUNK_EXT_MAX)
			c->state = CH_BAD;
		break;
	case CH_TR_NAME:
	case CH_TR_VALUE:
		if (++c->trailer_len > TRAILER_LINE_MAX)
			c->state = CH_BAD;
		break;
	case CH_TR_START:
		c->trailer_len = 0;
		break;
	default:
		break;
	}
}

enum http_chunked_rc
http_chunked_decode(struct http_chunked *c, const char *in, size_t inlen,
    struct buf *out, size_t *used)
{
	size_t i = 0;

	while (i < inlen && c->state < CH_DONE) {
		if (c->state == CH_DATA) {
			size_t n = inlen - i;

			if ((uint64_t)n > c->left)
				n = (size_t)c->left;
			if (buf_add(out, in + i, n) < 0) {
				c->state = CH_TOO_LARGE;
				break;
			}
			i += n;
			c->left -= n;
			if (c->left == 0)
				c->state = CH_DATA_END;
			continue;
		}
		chunked_byte(c, (unsigned char)in[i]);
		if (c->state != CH_BAD)
			i++;
	}
	*used = i;
	switch (c->state) {
	case CH_DONE:
		return HTTP_CHUNKED_DONE;
	case CH_BAD:
		return HTTP_CHUNKED_BAD;
	case CH_TOO_LARGE:
		return HTTP_CHUNKED_TOO_LARGE;
	default:
		return HTTP_CHUNKED_MORE;
	}
}
