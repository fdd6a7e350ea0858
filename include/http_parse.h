/* SPDX-License-Identifier: MIT */
/*
 * http_parse.h - HTTP/1.1 requests from bytes (RFC 9112): the head, the
 * request-target's path and query, and chunked bodies.  Pure: no sockets,
 * no clock, no allocation beyond a struct buf the caller owns; the
 * connection engine (http.c) feeds it what it has read.
 *
 * Strict where leniency lets two parsers disagree (request smuggling): a
 * header name with a space before its colon, a folded header line, a bare
 * CR, two Content-Length headers that differ, Content-Length together with
 * Transfer-Encoding, a transfer coding other than "chunked" alone, and a
 * chunk size that does not fit 63 bits are all refused.  A bare LF ends a
 * line of the head (RFC 9112 2.2 allows it), so a hand-typed request
 * works; in a chunked body's framing only CRLF does (lenient chunk line
 * ends let a proxy and the server behind it disagree on where a body
 * ends).
 */
#ifndef HTTP_PARSE_H
#define HTTP_PARSE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "buf.h"

#define HTTP_HEADERS_MAX	64	/* more is 431 */
#define HTTP_QUERY_MAX		32	/* query parameters kept; more ignored */

struct http_field {
	const char	*name;		/* as sent (compare without case) */
	const char	*value;		/* without surrounding spaces/tabs */
};

struct http_head {
	const char	*method;	/* "GET", ...: a token, as sent */
	char		*target;	/* the request-target, as sent */
	int		 minor;		/* HTTP/1.minor: 0 or 1 */
	struct http_field fields[HTTP_HEADERS_MAX];
	size_t		 nfields;
	/* what the engine needs, derived from the fields */
	int		 has_length;	/* a Content-Length was given */
	uint64_t	 length;	/* its value */
	int		 chunked;	/* Transfer-Encoding: chunked */
	int		 keep_alive;	/* 1.1 unless "close"; 1.0 if "keep-alive" */
	int		 expect_continue; /* Expect: 100-continue */
};

/*
 * The length of the head at the start of buf[0..len), up to and including
 * the empty line that ends it ("\r\n\r\n" or "\n\n", or a mix); 0 when it
 * is not complete yet.  Empty lines before the request line (RFC 9112 2.2)
 * are part of the head.
 */
size_t		 http_head_end(const char *buf, size_t len);

/*
 * The same for a buffer that grows between calls (the bytes before stay
 * as they were): *scanned, 0 at the first call, keeps how far the calls
 * have looked, so that a head arriving a byte at a time costs O(its
 * length) in all rather than O(length^2) (a 64 KiB head of short lines
 * sent a byte per read: 10 s of CPU with http_head_end()).  Set it to 0
 * again for the next head, or when the bytes move.
 */
size_t		 http_head_end_from(const char *buf, size_t len,
		    size_t *scanned);

/*
 * Parse the head buf[0..n) (n from http_head_end) in place: NULs are
 * written into buf, and the head's pointers point into it.  Returns 0, or
 * the status to answer with: 400 (malformed; *why says how, in a few
 * words), 431 (over HTTP_HEADERS_MAX fields), 501 (a transfer coding
 * other than chunked), 505 (not HTTP/1.0 or 1.1).
 */
int		 http_head_parse(char *buf, size_t n, struct http_head *,
		    const char **why);

/* The first field of that name (case-insensitive), or NULL. */
const char	*http_head_field(const struct http_head *, const char *name);

/*
 * Split the request-target in place at '?' and percent-decode the path.
 * The origin-form ("/path?query") and the absolute-form
 * ("http://host/path?query", whose path is "/" when it has none) are
 * taken.  Returns 0, or -1 for any other form ("*", "host:port"), or when
 * the path decodes to a NUL byte ("%00") or holds a bad escape ("%zz").
 * *query is NULL when there is no '?'.
 */
int		 http_target_split(char *target, char **path, char **query);

/*
 * Parse a query string in place ("a=1&b=x%20y&c"): percent-decoding with
 * '+' as a space, a parameter whose value would hold a NUL dropped.
 * names[i], values[i] for i < the count returned (at most max); a
 * parameter without '=' has value NULL.
 */
size_t		 http_query_parse(char *query, const char **names,
		    const char **values, size_t max);

/* Decoding a chunked body (RFC 9112 7.1); zero it to start. */
struct http_chunked {
	int		 state;
	uint64_t	 left;		/* bytes left of the current chunk */
	unsigned	 digits;	/* hex digits read of the size */
	size_t		 trailer_len;	/* bytes of the current trailer line */
};

enum http_chunked_rc {
	HTTP_CHUNKED_MORE = 0,		/* all of in used; more to come */
	HTTP_CHUNKED_DONE = 1,		/* the body and its trailers ended */
	HTTP_CHUNKED_BAD = -1,		/* malformed: 400 */
	HTTP_CHUNKED_TOO_LARGE = -2,	/* out's ceiling reached: 413 */
};

/*
 * Decode in[0..inlen), appending the body's data to out.  *used is set to
 * the bytes of in consumed: all of them for MORE; for DONE, those up to
 * the end of the message (what follows is the next request's).
 * Trailer fields are read and ignored (a trailer line over 8 KiB is BAD).
 */
enum http_chunked_rc http_chunked_decode(struct http_chunked *,
		    const char *in, size_t inlen, struct buf *out,
		    size_t *used);

#endif /* HTTP_PARSE_H */
