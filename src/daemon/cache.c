/* SPDX-License-Identifier: MIT */
/*
 * cache.c - rendered documents kept for readers (include/cache.h).
 *
 * A document's bytes live in a reference-counted blob: a response being
 * sent holds a reference, so a new render can replace the slot's blob
 * while an old answer is still on its way out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <zlib.h>

#include "cache.h"
#include "http.h"
#include "log.h"
#include "util.h"

/* a stale document is served for at most STALE_FACTOR x its render time */
#define STALE_FACTOR	10.0
/* documents that render faster than this are always fresh */
#define STALE_MIN_MS	1.0
#define GZIP_LEVEL	6

struct blob {
	unsigned	 refs;
	size_t		 len;
	char		 data[];
};

struct doc {
	uint64_t	 key;		/* the generation it shows */
	int		 full;		/* rendered at all */
	struct blob	*plain, *gz;	/* gz: at the first request for it */
	double		 rendered_at;	/* monotonic ms */
	double		 render_ms;
	char		 etag[64], etag_gz[68];
};

struct doc_cache {
	int		 enabled;
	uint64_t	 epoch;		/* wall ms at start: ETags of another
					   run never match */
	struct doc	*docs;
	size_t		 ndocs;
	struct doc_cache_stats stats;
};

static double
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static struct blob *
blob_new(size_t len)
{
	struct blob *b = xmalloc(sizeof(*b) + len + 1);

	b->refs = 1;
	b->len = len;
	b->data[len] = '\0';
	return b;
}

static void
blob_unref(void *arg)
{
	struct blob *b = arg;

	if (b != NULL && --b->refs == 0)
		free(b);
}

struct doc_cache *
doc_cache_new(size_t nslots)
{
	struct doc_cache *c = xcalloc(1, sizeof(*c));
	const char *v = getenv("OUTAGED_DOC_CACHE");
	struct timespec ts;

	c->enabled = v == NULL || strcmp(v, "0") != 0;
	clock_gettime(CLOCK_REALTIME, &ts);
	c->epoch = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	c->ndocs = nslots;
	c->docs = xcalloc(nslots ? nslots : 1, sizeof(*c->docs));
	return c;
}

void
doc_cache_free(struct doc_cache *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->ndocs; i++) {
		blob_unref(c->docs[i].plain);
		blob_unref(c->docs[i].gz);
	}
	free(c->docs);
	free(c);
}

int
doc_cache_enabled(const struct doc_cache *c)
{
	return c->enabled;
}

const struct doc_cache_stats *
doc_cache_stats(const struct doc_cache *c)
{
	return &c->stats;
}

/* ---- request headers ---------------------------------------------------- */

/* [s, e) without blanks at either end */
static void
trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t'))
		(*s)++;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
		(*e)--;
}

/* Is a ";q=..." parameter list's weight zero? */
static int
q_zero(const char *p, const char *e)
{
	while (p < e) {
		const char *semi = memchr(p, ';', (size_t)(e - p));
		const char *ps = p, *pe = semi ? semi : e;

		trim(&ps, &pe);
		if (pe - ps >= 2 && (ps[0] == 'q' || ps[0] == 'Q') &&
		    ps[1] == '=') {
			ps += 2;
			if (ps < pe && *ps == '0') {
				for (ps++; ps < pe && (*ps == '.' || *ps == '0');
				    ps++)
					;
				return ps == pe;
			}
			return 0;
		}
		p = semi ? semi + 1 : e;
	}
	return 0;
}

int
accepts_gzip(const char *ae)
{
	int gzip = -1, star = -1;	/* -1: not named */
	const char *p = ae;

	if (ae == NULL)
		return 0;
	while (*p != '\0') {
		const char *comma = strchr(p, ',');
		const char *e = comma ? comma : p + strlen(p);
		const char *semi = memchr(p, ';', (size_t)(e - p));
		const char *ns = p, *ne = semi ? semi : e;

		trim(&ns, &ne);
		if (ne - ns == 4 && strncasecmp(ns, "gzip", 4) == 0)
			gzip = !(semi && q_zero(semi + 1, e));
		else if (ne - ns == 6 && strncasecmp(ns, "x-gzip", 6) == 0)
			gzip = gzip == -1 ? !(semi && q_zero(semi + 1, e)) :
			    gzip;
		else if (ne - ns == 1 && *ns == '*')
			star = !(semi && q_zero(semi + 1, e));
		p = comma ? comma + 1 : e;
	}
	return gzip != -1 ? gzip : star == 1;
}

int
etag_matches(const char *inm, const char *etag)
{
	size_t elen = strlen(etag);
	const char *p = inm;

	if (inm == NULL)
		return 0;
	while (*p != '\0') {
		const char *comma = strchr(p, ',');
		const char *s = p, *e = comma ? comma : p + strlen(p);

		trim(&s, &e);
		if (e - s == 1 && *s == '*')
			return 1;
		if (e - s > 2 && s[0] == 'W' && s[1] == '/')
			s += 2;		/* weak comparison (RFC 9110 13.1.2) */
		if ((size_t)(e - s) == elen && memcmp(s, etag, elen) == 0)
			return 1;
		p = comma ? comma + 1 : e;
	}
	return 0;
}

/* ---- answers ------------------------------------------------------------ */

static struct blob *
gzip_blob(const struct blob *in)
{
	z_stream z;
	uLong bound;
	struct blob *out;

	memset(&z, 0, sizeof(z));
	/* 15 + 16: a gzip wrapper, not zlib's */
	if (deflateInit2(&z, GZIP_LEVEL, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	bound = deflateBound(&z, (uLong)in->len) + 32;
	out = blob_new((size_t)bound);
	z.next_in = (Bytef *)(uintptr_t)in->data;
	z.avail_in = (uInt)in->len;
	z.next_out = (Bytef *)out->data;
	z.avail_out = (uInt)bound;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&z);
		blob_unref(out);
		return NULL;
	}
	out->len = (size_t)z.total_out;
	deflateEnd(&z);
	return out;
}

static void
answer(struct doc_cache *c, struct doc *d, const struct http_req *req,
    struct http_resp *rs)
{
	int gz = accepts_gzip(http_header(req, "Accept-Encoding"));
	struct blob *b;
	const char *tag;

	if (gz && d->gz == NULL && (d->gz = gzip_blob(d->plain)) != NULL)
		c->stats.gzips++;
	if (gz && d->gz == NULL)
		gz = 0;			/* could not compress: plain, then */
	b = gz ? d->gz : d->plain;
	tag = gz ? d->etag_gz : d->etag;
	rs->content_type = "application/json";
	rs->etag = tag;
	rs->vary = "Accept-Encoding";
	/* a client may keep it, and must ask (If-None-Match) before use */
	rs->cache_control = "no-cache";
	if (etag_matches(http_header(req, "If-None-Match"), d->etag) ||
	    etag_matches(http_header(req, "If-None-Match"), d->etag_gz)) {
		rs->status = 304;
		c->stats.not_modified++;
		return;
	}
	rs->status = 200;
	if (gz)
		rs->content_encoding = "gzip";
	if (req->conn == NULL) {	/* a test's request: a copy */
		rs->body = xmalloc(b->len + 1);
		memcpy(rs->body, b->data, b->len + 1);
		rs->bodylen = b->len;
		return;
	}
	b->refs++;
	rs->shared_body = b->data;
	rs->bodylen = b->len;
	rs->body_free = blob_unref;
	rs->body_arg = b;
}

int
doc_cache_answer(struct doc_cache *c, size_t slot, uint64_t key,
    const struct http_req *req, struct http_resp *rs)
{
	struct doc *d;

	if (!c->enabled || slot >= c->ndocs)
		return 0;
	d = &c->docs[slot];
	if (!d->full)
		return 0;
	if (d->key != key) {
		if (d->render_ms < STALE_MIN_MS || mono_ms() - d->rendered_at >
		    STALE_FACTOR * d->render_ms)
			return 0;
		c->stats.stale++;
	}
	c->stats.hits++;
	answer(c, d, req, rs);
	return 1;
}

void
doc_cache_put(struct doc_cache *c, size_t slot, uint64_t key, char *body,
    size_t len, double render_ms, const struct http_req *req,
    struct http_resp *rs)
{
	struct doc *d;

	if (!c->enabled || slot >= c->ndocs) {
		rs->status = 200;
		rs->content_type = "application/json";
		rs->body = body;
		rs->bodylen = len;
		return;
	}
	d = &c->docs[slot];
	blob_unref(d->plain);
	blob_unref(d->gz);
	d->gz = NULL;
	d->plain = blob_new(len);
	memcpy(d->plain->data, body, len);
	free(body);
	d->key = key;
	d->full = 1;
	d->rendered_at = mono_ms();
	d->render_ms = render_ms;
	/* the slot too: one URL's documents in two languages differ */
	snprintf(d->etag, sizeof(d->etag), "\"%llx-%zx-%llu\"",
	    (unsigned long long)c->epoch, (size_t)(d - c->docs),
	    (unsigned long long)key);
	snprintf(d->etag_gz, sizeof(d->etag_gz), "\"%llx-%zx-%llu-gz\"",
	    (unsigned long long)c->epoch, (size_t)(d - c->docs),
	    (unsigned long long)key);
	c->stats.renders++;
	answer(c, d, req, rs);
}
