/* SPDX-License-Identifier: MIT */
/*
 * fetch.h - HTTP GETs with libcurl's multi interface on our poll loop:
 * many feeds at once, none blocking the loop.  Conditional GET (ETag,
 * Last-Modified), gzip, timeouts, a size cap counted after decompression,
 * http/https only, at most 3 redirects, no proxy from the environment, and
 * the resolved address checked before connecting (SSRF).
 */
#ifndef FETCH_H
#define FETCH_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#include "outaged.h"

#define FETCH_MAX_FDS	16

struct fetcher;
struct sockaddr;

struct fetch_req {
	const char	*url;
	const char	*etag;		/* NULL: none */
	const char	*last_modified;	/* NULL: none */
	size_t		 max_bytes;	/* body cap (decompressed) */
	long		 timeout;	/* seconds for the whole transfer */
	int		 allow_private;	/* private/loopback addresses ok */
	void		*arg;		/* handed back to the callback */
};

struct fetch_res {
	int		 ok;		/* transfer completed (any status) */
	long		 status;	/* HTTP status */
	char		*body;		/* NUL-terminated; borrowed */
	size_t		 len;
	const char	*etag;		/* borrowed, may be NULL */
	const char	*last_modified;	/* borrowed, may be NULL */
	char		 err[256];	/* why, when !ok */
};

typedef void	 fetch_done_fn(void *arg, void *req_arg,
		    const struct fetch_res *);

struct fetcher	*fetcher_new(fetch_done_fn *, void *arg);
void		 fetcher_free(struct fetcher *);	/* NULL is fine */
enum od_err	 fetcher_get(struct fetcher *, const struct fetch_req *);
/* The sockets to poll; returns how many were filled. */
size_t		 fetcher_pollfds(struct fetcher *, struct pollfd *, size_t);
int64_t		 fetcher_timeout(struct fetcher *);	/* ms, -1: none */
/* After poll(): drive transfers; completed ones call back. */
void		 fetcher_run(struct fetcher *, const struct pollfd *, size_t);
size_t		 fetcher_active(const struct fetcher *);

/* Is this address one a fetch may reach without allow_private? */
int		 fetch_addr_public(const struct sockaddr *);

#endif /* FETCH_H */
