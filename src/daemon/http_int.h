/* SPDX-License-Identifier: MIT */
/*
 * http_int.h - what http.c (connections) and http_answer.c (answers)
 * share: the listener's and a connection's state.  Nothing else includes
 * it; the rest of the daemon sees http.h.
 */
#ifndef HTTP_INT_H
#define HTTP_INT_H

#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "buf.h"
#include "http.h"
#include "http_parse.h"

#define HEAD_MAX	(64 * 1024)	/* a longer head is 431 */
#define READ_ROOM	(16 * 1024)	/* read at once, past the head */
#define SSE_BUFFER_MAX	(256 * 1024)	/* a slower reader is dropped */
#define HEAD_DEADLINE_MS 10000		/* connect to a complete head */
#define BODY_DEADLINE_MS 30000		/* head to a complete body */
#define BODY_BUDGET_MIN	(16u * 1024 * 1024)	/* bodies buffered at once */
#define SSE_PING_MS	10000		/* keeps idle streams open */
#define ACCEPT_PAUSE_MS	100		/* out of descriptors: try again */
#define LINGER_MS	2000		/* reading the rest before closing */
#define EVENTS_MAX	64
/*
 * While reports arrive (http_yield), answers get BUSY_BUDGET bytes a
 * millisecond and the loop does not wake for HTTP in between: on two
 * cores, readers served as fast as they ask took the CPU the broker and
 * the commits needed, and slowed ingest by 40 % (make bench).  Reports
 * come first; readers of a cached document wait a few milliseconds more.
 */
#define BUSY_BUDGET	(128 * 1024)
#define BUSY_MS		20		/* busy this long after a report */
/* how soon a browser should come back after a drop, and a first comment */
#define SSE_HELLO	"retry: 3000\n: outaged events\n\n"

enum conn_state {
	C_HEAD,		/* reading a request's head (or idle between them) */
	C_BODY,		/* reading its body */
	C_ANSWER,	/* writing the answer */
	C_STREAM,	/* an event stream: writing events as they come */
	C_LINGER,	/* answered and half-closed: reading what is left */
};

struct http_conn {
	struct http	*h;
	int		 fd;		/* -1: closed, awaiting its free */
	enum conn_state	 state;
	uint32_t	 events;	/* what epoll watches now */
	char		 ip[INET6_ADDRSTRLEN];
	int64_t		 since;		/* monotonic ms: accepted, or last done */
	int64_t		 deadline;	/* monotonic ms; 0: none (answering) */
	int64_t		 active;	/* monotonic ms of the last progress */
	int		 eof;		/* the client sent all it will */

	/* bytes read and not yet taken (a head, a body, the next request) */
	char		*in;
	size_t		 in_len, in_cap;
	size_t		 scanned;	/* of in, looked at for the head's end */
	/*
	 * The request's head, moved out of in (its own allocation, so that
	 * in may grow while a body arrives) and parsed in place: every
	 * pointer of head, path and the query points into it.
	 */
	char		*head_buf;
	struct http_head head;
	char		*path;
	const char	*qnames[HTTP_QUERY_MAX], *qvalues[HTTP_QUERY_MAX];
	size_t		 nquery;
	struct buf	 body;
	uint64_t	 body_left;	/* Content-Length still to come */
	struct http_chunked chunked;
	size_t		 reserved;	/* of h->buffered */
	int		 keep_alive;	/* after this answer */

	/* the answer: out (status line, headers; a stream's events) first */
	struct buf	 out;
	size_t		 out_off;
	const char	*body_ptr;	/* then this body */
	size_t		 body_len, body_off;
	char		*body_owned;	/* body_ptr, when ours to free */
	void		(*body_free)(void *);	/* a shared body's release */
	void		*body_arg;
	int		 file_fd;	/* or this file; -1 */
	off_t		 file_off, file_len;

	/* an event stream's filter (see http.h) */
	void		*filter;
	int		(*match)(const void *, const void *);
	int		 dead;		/* its reader fell behind */

	struct http_conn *prev, *next;	/* oldest first */
	struct http_conn *free_next;	/* closed in this run */
};

struct http {
	int		 lfd;		/* the listening socket */
	int		 epfd;		/* lfd and every connection */
	int64_t		 accept_paused;	/* until then (monotonic ms); 0 */
	struct http_conn *conns, *conns_tail;
	size_t		 nconns;
	struct http_conn *closed;	/* freed at the end of http_run */
	struct http_limits lim;
	size_t		 shed_at;	/* from this many connections, shed */
	size_t		 buffered;	/* bytes of bodies reserved now */
	int64_t		 next_sweep;
	http_handler_fn	*handler;
	void		*arg;
	uint16_t	 port;
	size_t		 nclients;	/* event streams */
	int64_t		 next_ping;
	int		 pending;	/* streams have events to write */
	size_t		 budget;	/* bytes of answers left in this pass */
	int64_t		 busy_until;	/* monotonic ms: reports arriving */
	struct http_stats stats;	/* its counters (open: nconns) */
	int64_t		 next_slot;	/* monotonic ms: HTTP's next turn */
	time_t		 date_at;	/* the second date holds */
	char		 date[40];	/* "Sat, 05 Dec 2026 09:14:55 GMT" */
};

/* Let go of the answer's body, whichever kind it was. */
void		 answer_release(struct http_conn *);
/*
 * Make rs the connection's answer: the head into c->out, the body where
 * it is; the state becomes C_ANSWER, or C_STREAM for an event stream.
 * rs's body, shared body and filter are taken over.
 */
void		 answer(struct http_conn *, struct http_resp *);
/* An answer made here, not by the handler: {"error": ..., "detail": ...}. */
void		 answer_error(struct http_conn *, int status, const char *error,
		    const char *detail);
/* 413, naming the limit; the connection ends after it. */
void		 answer_too_large(struct http_conn *);

#endif /* HTTP_INT_H */
