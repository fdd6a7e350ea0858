/* SPDX-License-Identifier: MIT */
/*
 * http.h - the HTTP/1.1 listener on our poll loop.  It owns the sockets,
 * request bodies (capped), the hardening limits and server-sent event
 * streams; what a request means is decided by the handler (api.c).
 */
#ifndef HTTP_H
#define HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "outaged.h"

struct http;
struct http_conn;

struct http_req {
	const char	*method;	/* "GET", "POST", ... */
	const char	*path;		/* without the query string */
	const char	*body;		/* NUL-terminated; NULL when none */
	size_t		 bodylen;
	struct http_conn *conn;	/* NULL: a request made in a test */
	/*
	 * Only the head has arrived and a body follows: the handler says
	 * whether it may be read.  It leaves rs->status 0 to go on (it is
	 * called again with the body), or sets an answer (401, 404, ...)
	 * that is sent without reading the body.
	 */
	int		 head;
	/*
	 * A request made without a connection (conn NULL: the API's unit
	 * tests): its query and headers as NULL-terminated name, value
	 * pairs, and the client's address.
	 */
	const char *const *query;
	const char *const *headers;
	const char	*client;
};

struct http_resp {
	int		 status;	/* HTTP status code */
	const char	*content_type;	/* default application/json */
	char		*body;		/* malloc'd, taken over; may be NULL */
	size_t		 bodylen;
	const char	*file;		/* serve this file instead of body */
	int		 sse;		/* start a server-sent event stream */
	const char	*allow;		/* Allow header for 405 */
	const char	*www_auth;	/* WWW-Authenticate for 401 */
	const char	*retry_after;	/* Retry-After (seconds) for 429 */
	/*
	 * A shared body instead of body (a cached document): sent as it is,
	 * then body_free(body_arg) once the answer is done with it.
	 */
	const char	*shared_body;
	void		(*body_free)(void *);
	void		*body_arg;
	const char	*etag;		/* ETag (quoted), or NULL */
	const char	*content_encoding; /* "gzip", or NULL */
	const char	*vary;		/* Vary, or NULL */
	const char	*cache_control;	/* instead of JSON's no-store */
	/*
	 * An event stream's filter: the stream gets an event only when
	 * sse_match(sse_filter, the event's subject) is true.  sse_filter
	 * is malloc'd and taken over (freed with the stream).
	 */
	void		*sse_filter;
	int		(*sse_match)(const void *filter, const void *subject);
};

typedef void	 http_handler_fn(void *arg, const struct http_req *,
		    struct http_resp *);

struct http_limits {
	size_t		 max_body;		/* bytes; larger is 413 */
	unsigned	 timeout_s;		/* idle connection timeout */
	unsigned	 max_conns;
	unsigned	 max_conns_per_ip;
};

/* Listen on "ADDR:PORT" ("[::1]:8080" for IPv6). */
enum od_err	 http_start(struct http **, const char *listen,
		    const struct http_limits *, http_handler_fn *, void *arg,
		    char *err, size_t errlen);
void		 http_stop(struct http *);	/* NULL is fine */
int		 http_fd(struct http *);	/* poll for POLLIN; -1: not now */
/* Reports are arriving: answers yield to them for a while (http_int.h). */
void		 http_yield(struct http *);
int64_t		 http_timeout(struct http *);	/* ms, -1: none */
void		 http_run(struct http *);	/* after poll, and after events */
uint16_t	 http_port(struct http *);	/* the bound port */
void		 http_set_max_body(struct http *, size_t);	/* on reload */

/* Value of a query parameter, or NULL. */
const char	*http_query(const struct http_req *, const char *key);
/* Value of a request header, or NULL. */
const char	*http_header(const struct http_req *, const char *name);
/* The client's IP address as text (for logs and rate limits). */
void		 http_client_addr(const struct http_req *, char *buf,
		    size_t buflen);

/*
 * Send an event to every server-sent event stream whose filter takes its
 * subject (what the event is about; opaque here, see sse_match).
 */
void		 http_broadcast(struct http *, const char *event,
		    const char *data, const void *subject);
size_t		 http_sse_clients(const struct http *);

/* Connections, for /metrics: how many are open, and why others ended. */
struct http_stats {
	size_t		 open;
	uint64_t	 refused;	/* over the total or per-IP cap */
	uint64_t	 shed;		/* oldest still sending its head, near the cap */
	uint64_t	 deadline;	/* head or body not complete in time */
	uint64_t	 idle;		/* idle past the timeout */
	uint64_t	 bad_request;	/* refused by the parser (400, 431, ...) */
	uint64_t	 stream_dropped; /* an event stream's reader fell behind */
};
void		 http_get_stats(const struct http *, struct http_stats *);

#endif /* HTTP_H */
