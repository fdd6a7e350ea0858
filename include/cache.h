/* SPDX-License-Identifier: MIT */
/*
 * cache.h - rendered documents kept for readers (/api/v1/status, and
 * /api/v1/regions/{id} per region): each is rendered once per change of
 * what it shows and its bytes are served to every request after, plain or
 * gzipped (compressed once too), with an ETag and 304 Not Modified.
 *
 * The cache knows nothing of figures: a caller names a slot and the key
 * its document would have now (the pipeline's generation,
 * pipeline_generation()); a document rendered at another key is stale.
 * Under constant change a stale document is still served for a while
 * after its render: at most ten times as long as rendering took, and only
 * for documents that take over a millisecond to render (a small document
 * is always fresh), so that re-rendering costs at most about a tenth of
 * the daemon's one thread whatever the read load.  The ETag names the
 * generation the bytes show, so a revalidation is always consistent.
 *
 * OUTAGED_DOC_CACHE=0 in the environment turns it off: every request
 * renders, without ETag or gzip (what the daemon did before; the tests
 * compare the two).
 */
#ifndef CACHE_H
#define CACHE_H

#include <stddef.h>
#include <stdint.h>

struct doc_cache;
struct http_req;
struct http_resp;

struct doc_cache_stats {
	uint64_t	 hits;		/* answered from the cache (200 or 304) */
	uint64_t	 not_modified;	/* of which 304 */
	uint64_t	 renders;	/* documents rendered and kept */
	uint64_t	 stale;		/* hits served while a change waited */
	uint64_t	 gzips;		/* documents compressed */
};

/* nslots documents, each empty until put */
struct doc_cache *doc_cache_new(size_t nslots);
void		 doc_cache_free(struct doc_cache *);	/* NULL is fine */
int		 doc_cache_enabled(const struct doc_cache *);
const struct doc_cache_stats *doc_cache_stats(const struct doc_cache *);

/*
 * Answer req from slot's document when it is current for key (or within
 * its stale allowance): 200 with the bytes (gzipped when the request's
 * Accept-Encoding takes gzip), or 304 when If-None-Match names it.  1 when
 * answered; 0 when the caller must render and doc_cache_put().
 */
int		 doc_cache_answer(struct doc_cache *, size_t slot,
		    uint64_t key, const struct http_req *, struct http_resp *);
/*
 * Keep body (malloc'd JSON, taken over) as slot's document at key,
 * rendered in render_ms, and answer req with it as doc_cache_answer()
 * does.  Disabled: body is the answer as it is.
 */
void		 doc_cache_put(struct doc_cache *, size_t slot, uint64_t key,
		    char *body, size_t len, double render_ms,
		    const struct http_req *, struct http_resp *);

/* Does an Accept-Encoding value take gzip? (for tests) */
int		 accepts_gzip(const char *accept_encoding);
/* Does an If-None-Match value name etag (quoted)? (for tests) */
int		 etag_matches(const char *if_none_match, const char *etag);

#endif /* CACHE_H */
