/* SPDX-License-Identifier: MIT */
/*
 * fuzz_http.c - libFuzzer harness for the HTTP/1.1 request parser
 * (src/daemon/http_parse.c): any bytes as what a client sent.
 *
 * The head: http_head_end() on the input (and http_head_end_from() on
 * growing prefixes of it), then http_head_parse() on a copy
 * of exactly that many bytes (so ASan sees any read past it), then the
 * request-target split and its query parsed.  The target split and query
 * parser also get the input's first line (up to a NUL) directly, so that
 * they are reached without a valid head.  The body: what follows the head
 * (the whole input when there is none) is chunked-decoded into a buffer
 * with a small ceiling in one call, byte by byte, and in pieces whose
 * sizes come from a hash of the input.
 *
 * Checks what http_parse.h promises: the head's end is a line end and a
 * fixed point, the same when found a piece at a time; a parse answers 0, 400, 431, 501 or 505, with a reason for
 * a refusal; a parsed head has a token method, a target, at most
 * HTTP_HEADERS_MAX fields whose values hold no CR, LF or control byte,
 * and a Content-Length below 2^63 never together with chunked, and it
 * parses to the same when written out again in canonical form; a split
 * path starts with '/'; at most max query parameters; and the chunked
 * decoder gives the same result, output and bytes consumed (the output
 * and consumption only when the ceiling was not reached) however its
 * input is split, consumes all of it when it asks for more, and stays done.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "http_parse.h"

#include "fuzz_common.h"

#define FUZZ_CEILING	256	/* the body buffer's ceiling */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
copy_of(const uint8_t *data, size_t n)
{
	char *p = malloc(n > 0 ? n : 1);

	FUZZ_CHECK(p != NULL);
	if (n > 0)
		memcpy(p, data, n);
	return p;
}

static void
check_query(char *query, size_t max)
{
	const char *names[HTTP_QUERY_MAX], *values[HTTP_QUERY_MAX];
	size_t n = http_query_parse(query, names, values, max);

	FUZZ_CHECK(n <= max);
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(names[i] != NULL);
		(void)strlen(names[i]);
		if (values[i] != NULL)
			(void)strlen(values[i]);
	}
}

static void
check_target(const char *target, size_t max)
{
	size_t len = strlen(target);
	char *t = copy_of((const uint8_t *)target, len + 1);
	char *path, *query;

	if (http_target_split(t, &path, &query) == 0) {
		/* the origin-form's path is the target; the absolute-form's
		 * is in it, or "/" when it has none */
		FUZZ_CHECK(path[0] == '/');
		FUZZ_CHECK(path == t || target[0] != '/');
		FUZZ_CHECK((path >= t && path <= t + len) ||
		    strcmp(path, "/") == 0);
		FUZZ_CHECK(strlen(path) <= len);
		if (query != NULL) {
			FUZZ_CHECK(query > t && query <= t + len);
			check_query(query, max);
		}
	} else {
		FUZZ_CHECK(len == 0 || target[0] != '/' ||
		    strchr(target, '%') != NULL);
	}
	free(t);
}

/* The head written out again in canonical form parses to the same. */
static void
check_again(const struct http_head *h)
{
	struct http_head g;
	struct buf b;
	const char *why;
	size_t n;

	buf_init(&b, BUF_UNBOUNDED);
	buf_printf(&b, "%s %s HTTP/1.%d\r\n", h->method, h->target, h->minor);
	for (size_t i = 0; i < h->nfields; i++)
		buf_printf(&b, "%s: %s\r\n", h->fields[i].name,
		    h->fields[i].value);
	buf_adds(&b, "\r\n");
	n = http_head_end(b.data, b.len);
	FUZZ_CHECK(n == b.len);
	FUZZ_CHECK(http_head_parse(b.data, n, &g, &why) == 0);
	FUZZ_CHECK(strcmp(g.method, h->method) == 0 &&
	    strcmp(g.target, h->target) == 0 && g.minor == h->minor &&
	    g.nfields == h->nfields && g.has_length == h->has_length &&
	    g.length == h->length && g.chunked == h->chunked &&
	    g.keep_alive == h->keep_alive &&
	    g.expect_continue == h->expect_continue);
	for (size_t i = 0; i < g.nfields; i++)
		FUZZ_CHECK(strcmp(g.fields[i].name, h->fields[i].name) == 0 &&
		    strcmp(g.fields[i].value, h->fields[i].value) == 0);
	buf_free(&b);
}

static void
check_head(const uint8_t *data, size_t n)
{
	char *p = copy_of(data, n);
	struct http_head h;
	const char *why = NULL;
	int rc = http_head_parse(p, n, &h, &why);

	FUZZ_CHECK(rc == 0 || rc == 400 || rc == 431 || rc == 501 ||
	    rc == 505);
	if (rc != 0) {
		FUZZ_CHECK(why != NULL && why[0] != '\0');
		/* it ends where http_head_end() says */
		FUZZ_CHECK(strcmp(why, "incomplete head") != 0 &&
		    strcmp(why, "bytes after the head") != 0);
		free(p);
		return;
	}
	FUZZ_CHECK(h.method != NULL && h.method[0] != '\0');
	FUZZ_CHECK(h.method >= p && h.method < p + n);
	FUZZ_CHECK(strcspn(h.method, " \t\r\n:") == strlen(h.method));
	FUZZ_CHECK(h.target != NULL && h.target[0] != '\0');
	FUZZ_CHECK(h.target > p && h.target < p + n);
	FUZZ_CHECK(h.minor == 0 || h.minor == 1);
	FUZZ_CHECK(h.nfields <= HTTP_HEADERS_MAX);
	for (size_t i = 0; i < h.nfields; i++) {
		const char *name = h.fields[i].name, *value = h.fields[i].value;

		FUZZ_CHECK(name > p && name < p + n && name[0] != '\0');
		FUZZ_CHECK(value > name && value < p + n);
		FUZZ_CHECK(strcspn(name, " \t\r\n:") == strlen(name));
		for (const char *v = value; *v != '\0'; v++)
			FUZZ_CHECK(*v == '\t' || ((unsigned char)*v >= 0x20 &&
			    *v != 0x7f));
		FUZZ_CHECK(value[0] != ' ' && value[0] != '\t');
		FUZZ_CHECK(value[0] == '\0' ||
		    strchr(" \t", value[strlen(value) - 1]) == NULL);
		FUZZ_CHECK(http_head_field(&h, name) != NULL);
	}
	FUZZ_CHECK(!(h.chunked && h.has_length));
	FUZZ_CHECK(h.length <= (uint64_t)INT64_MAX);
	FUZZ_CHECK(h.has_length || h.length == 0);
	FUZZ_CHECK(h.keep_alive == 0 || h.keep_alive == 1);
	FUZZ_CHECK(h.expect_continue == 0 || h.expect_continue == 1);
	FUZZ_CHECK(h.minor == 1 || (!h.chunked && !h.expect_continue));
	check_target(h.target, HTTP_QUERY_MAX);
	check_again(&h);
	free(p);
}

struct decoded {
	enum http_chunked_rc rc;
	size_t	 used;
	struct buf out;
};

/*
 * Decode in[0..len) in pieces: of at most step bytes (0: one call), or
 * when seed is not 0, of 1 to 16 bytes drawn from it.
 */
static void
decode(const char *in, size_t len, size_t step, uint32_t seed,
    struct decoded *d)
{
	struct http_chunked c;
	size_t at = 0, u;

	memset(&c, 0, sizeof(c));
	buf_init(&d->out, FUZZ_CEILING);
	do {
		size_t n = len - at;

		if (seed != 0) {
			seed = seed * 1103515245u + 12345u;
			if (n > 1)
				n = 1 + (seed >> 16) % (n < 16 ? n : 16);
		} else if (step > 0 && n > step) {
			n = step;
		}
		u = (size_t)-1;
		d->rc = http_chunked_decode(&c, in + at, n, &d->out, &u);
		FUZZ_CHECK(u <= n);
		FUZZ_CHECK(d->rc != HTTP_CHUNKED_MORE || u == n);
		at += u;
	} while (d->rc == HTTP_CHUNKED_MORE && at < len);
	d->used = at;
	FUZZ_CHECK(d->out.len <= FUZZ_CEILING);
	if (d->rc == HTTP_CHUNKED_DONE) {
		/* done stays done, taking nothing of the next request */
		u = 1;
		FUZZ_CHECK(http_chunked_decode(&c, "0\r\n\r\n", 5, &d->out,
		    &u) == HTTP_CHUNKED_DONE && u == 0);
	}
}

static void
check_same(const struct decoded *a, const struct decoded *b)
{
	FUZZ_CHECK(a->rc == b->rc);
	if (a->rc == HTTP_CHUNKED_TOO_LARGE)
		return;
	FUZZ_CHECK(a->used == b->used);
	FUZZ_CHECK(a->out.len == b->out.len);
	FUZZ_CHECK(a->out.len == 0 ||
	    memcmp(a->out.data, b->out.data, a->out.len) == 0);
}

static void
check_chunked(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	struct decoded whole, bytes, pieces;
	uint32_t hash = 2166136261u;

	for (size_t i = 0; i < size; i++)
		hash = (hash ^ data[i]) * 16777619u;
	decode(in, size, 0, 0, &whole);
	decode(in, size, 1, 0, &bytes);
	decode(in, size, 0, hash | 1, &pieces);
	check_same(&whole, &bytes);
	check_same(&whole, &pieces);
	buf_free(&whole.out);
	buf_free(&bytes.out);
	buf_free(&pieces.out);
}

/* http_head_end_from() over growing prefixes finds the same end. */
static void
check_head_end_from(const char *p, size_t size, size_t n)
{
	size_t scanned = 0, at = 0, got = 0;
	uint32_t seed = (uint32_t)size * 2654435761u + 1;

	while (at < size && got == 0) {
		seed = seed * 1103515245u + 12345u;
		at += 1 + (seed >> 16) % 8;
		if (at > size)
			at = size;
		got = http_head_end_from(p, at, &scanned);
		FUZZ_CHECK(scanned <= at);
	}
	FUZZ_CHECK(got == n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *p = copy_of(data, size);
	size_t n = http_head_end(p, size), line;

	FUZZ_CHECK(n <= size);
	check_head_end_from(p, size, n);
	if (n > 0) {
		FUZZ_CHECK(p[n - 1] == '\n');
		FUZZ_CHECK(http_head_end(p, n) == n);
		check_head(data, n);
	}
	free(p);

	/* the first line as a target, with as many parameters as its length */
	for (line = 0; line < size && data[line] != '\0' &&
	    data[line] != '\n'; line++)
		;
	p = malloc(line + 1);
	FUZZ_CHECK(p != NULL);
	memcpy(p, data, line);
	p[line] = '\0';
	check_target(p, line % (HTTP_QUERY_MAX + 1));
	free(p);

	check_chunked(data + n, size - n);
	return 0;
}
