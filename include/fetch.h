/* SPDX-License-Identifier: MIT */
/*
 * fetch.h - outbound requests with libcurl's multi interface on our poll
 * loop: many at once, none blocking the loop.
 *
 * HTTP(S): the news feeds' conditional GETs (ETag, Last-Modified, gzip,
 * a size cap counted after decompression, at most 3 redirects) and the
 * delivery's webhook POSTs (headers, a body sent as-is, no redirects, the
 * Retry-After answer parsed).  SMTP(S): an e-mail, for delivery; STARTTLS
 * is required on smtp:// unless the request allows plain text.
 *
 * Every request: no proxy from the environment, a connect timeout and a
 * total timeout, and every address connected to (after a redirect too)
 * checked first (SSRF; fetch_addr_class below).
 */
#ifndef FETCH_H
#define FETCH_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#include "outaged.h"

#define FETCH_MAX_FDS		64
#define FETCH_MAX_REDIRECTS	3	/* follow_redirects is capped here */

struct fetcher;
struct sockaddr;

/*
 * A request.  Zero (memset) is the default for every member but url:
 * GET, no headers, no body, no redirects followed, connect timeout
 * min(timeout, 10 s).  Strings and arrays are copied by fetcher_get(): they
 * need not outlive the call.
 */
struct fetch_req {
	const char	*url;		/* http(s)://, or smtp(s):// for mail */
	const char	*method;	/* HTTP: NULL or "GET", "POST", "PUT" */
	const char *const *headers;	/* HTTP: "Name: value"; no CR/LF */
	size_t		 nheaders;
	const void	*body;		/* HTTP POST/PUT body, or the e-mail */
	size_t		 body_len;	/* (sent as-is; may hold NULs) */
	const char	*etag;		/* NULL: none (If-None-Match) */
	const char	*last_modified;	/* NULL: none (If-Modified-Since) */
	int		 follow_redirects; /* how many to follow (0: a 3xx is
					   the result); at most 3 */
	size_t		 max_bytes;	/* response body cap (decompressed) */
	long		 connect_timeout; /* seconds; 0: min(timeout, 10) */
	long		 timeout;	/* seconds for the whole transfer;
					   0: none */
	int		 allow_private;	/* private/loopback addresses ok
					   (never link-local or metadata) */
	/* SMTP only (smtp:// or smtps://) */
	const char	*mail_from;	/* envelope sender ("" allowed) */
	const char *const *rcpt;	/* envelope recipients, >= 1 */
	size_t		 nrcpt;
	const char	*username;	/* AUTH when set */
	const char	*password;
	int		 allow_plain;	/* smtp:// may stay plain text (no
					   STARTTLS); smtps:// ignores it */
	void		*arg;		/* handed back to the callback */
};

/* Why a request failed (fetch_res.fail), for a caller deciding to retry. */
enum fetch_fail {
	FETCH_FAIL_NONE = 0,	/* completed: see status */
	FETCH_FAIL_TIMEOUT,	/* connect or total timeout, or a stall */
	FETCH_FAIL_CONNECT,	/* name not resolved, connection refused */
	FETCH_FAIL_REFUSED,	/* the address is not allowed (SSRF rule) */
	FETCH_FAIL_TOOBIG,	/* the response was over max_bytes */
	FETCH_FAIL_TLS,		/* TLS failed, or STARTTLS was required and
				   not offered: nothing sent in clear */
	FETCH_FAIL_OTHER	/* protocol error, rejected mail, ... */
};

struct fetch_res {
	int		 ok;		/* transfer completed (any status) */
	long		 status;	/* HTTP status, or the last SMTP reply
					   code (also when !ok; 0: none) */
	char		*body;		/* NUL-terminated; borrowed */
	size_t		 len;
	const char	*etag;		/* borrowed, may be NULL */
	const char	*last_modified;	/* borrowed, may be NULL */
	long		 retry_after;	/* Retry-After in seconds from now
					   (delta or HTTP-date); -1: none */
	enum fetch_fail	 fail;		/* FETCH_FAIL_NONE when ok */
	char		 err[256];	/* why, when !ok */
};

typedef void	 fetch_done_fn(void *arg, void *req_arg,
		    const struct fetch_res *);

struct fetcher	*fetcher_new(fetch_done_fn *, void *arg);
/*
 * At most total connections at once (default 8; at most FETCH_MAX_FDS)
 * and per_host to one host (0: no limit of its own); more requests wait
 * in the fetcher.
 */
void		 fetcher_set_limits(struct fetcher *, long total,
		    long per_host);
/*
 * Every request of this fetcher has allow_private == allow (others are
 * refused with OD_EINVAL): its connections all pass the same address
 * rule, so they may be kept alive and reused, where a fetcher that mixes
 * rules closes a loosely checked connection after its request.
 */
void		 fetcher_set_uniform(struct fetcher *, int allow);
void		 fetcher_free(struct fetcher *);	/* NULL is fine */
/*
 * Start a request; its callback comes from a later fetcher_run().
 * OD_EINVAL (nothing started, no callback) for a header or address with
 * CR/LF, a header without "Name:", an unknown method, an SMTP request
 * without recipients or with a bare CR or LF in the message.
 */
enum od_err	 fetcher_get(struct fetcher *, const struct fetch_req *);
/* The sockets to poll; returns how many were filled. */
size_t		 fetcher_pollfds(struct fetcher *, struct pollfd *, size_t);
int64_t		 fetcher_timeout(struct fetcher *);	/* ms, -1: none */
/* After poll(): drive transfers; completed ones call back. */
void		 fetcher_run(struct fetcher *, const struct pollfd *, size_t);
size_t		 fetcher_active(const struct fetcher *);

/*
 * A Retry-After value as seconds from now (wall clock, seconds since the
 * epoch): delta-seconds, or an HTTP-date (0 when past); at most
 * FETCH_RETRY_AFTER_MAX; -1 for NULL or what is neither.
 */
#define FETCH_RETRY_AFTER_MAX	2147483647L
long		 fetch_parse_retry_after(const char *, int64_t now);

/*
 * The address rule, applied to every socket a request opens.  IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and
 * 6to4 (2002::/16) addresses are judged by their IPv4 meaning too.
 *   FETCH_ADDR_NEVER    refused always: unspecified (0/8, ::), link-local
 *                       (169.254/16, fe80::/10), cloud metadata
 *                       (fd00:ec2::254, 100.100.100.200), multicast,
 *                       240/4 and broadcast; not a family we know
 *   FETCH_ADDR_PRIVATE  refused unless the request allows private targets:
 *                       loopback, RFC 1918, CGNAT 100.64/10, ULA fc00::/7,
 *                       documentation, benchmarking, site-local, tunnels
 *   FETCH_ADDR_PUBLIC   anything else
 */
enum fetch_addr {
	FETCH_ADDR_PUBLIC = 0,
	FETCH_ADDR_PRIVATE,
	FETCH_ADDR_NEVER
};

enum fetch_addr	 fetch_addr_class(const struct sockaddr *);
/* Is this address one a fetch may reach without allow_private? */
int		 fetch_addr_public(const struct sockaddr *);
/* May a request with this allow_private connect there? */
int		 fetch_addr_allowed(const struct sockaddr *, int allow_private);

#endif /* FETCH_H */
