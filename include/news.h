/* SPDX-License-Identifier: MIT */
/*
 * news.h - the news path: feeds polled on their intervals, and articles
 * pushed over HTTP or MQTT, go through the extractor and become reports
 * from source news:<feed>, which rank below direct reports by default.
 * An item is read once (remembered by feed and guid or link); a feed that
 * answers 304 Not Modified costs nothing.
 *
 * Feeds are fetched, parsed and extracted in the feed child (feedchild.h),
 * a sandboxed process; the daemon keeps only the trusted half: seen items,
 * feed state and the pipeline.  Pushed articles come from authenticated
 * senders and are extracted in the daemon.
 */
#ifndef NEWS_H
#define NEWS_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <jansson.h>

#include "outaged.h"

struct conf;
struct gazetteer;
struct ingest_result;
struct news;
struct pipeline;

/* Feeds of c; extracted reports go to the pipeline.  All are borrowed. */
struct news	*news_new(const struct conf *c, const struct gazetteer *,
		    struct pipeline *);
void		 news_free(struct news *);	/* NULL is fine */
/* The configuration changed (SIGHUP): feeds are taken up anew. */
void		 news_reload(struct news *, const struct conf *);
/* The feed child's pid, -1 when none is running (no feeds, restarting). */
pid_t		 news_child_pid(const struct news *);

size_t		 news_pollfds(struct news *, struct pollfd *, size_t max);
int64_t		 news_timeout(struct news *);	/* ms, -1: none */
/* After poll(): fetch what is due, handle what arrived. */
void		 news_run(struct news *, const struct pollfd *, size_t n);

/*
 * One article: extract reports and ingest them (in the pass's
 * transaction) from source news:<feed>.  key identifies the article for
 * idempotency.  extracted, when not NULL, receives the extracted reports
 * as JSON (a new array).  res as for pipeline_ingest().  Returns the
 * number extracted.
 */
size_t		 news_ingest_article(struct news *, const char *feed,
		    const char *key, const char *title, const char *body,
		    const char *url, int64_t published, json_t **extracted,
		    struct ingest_result *res);

/*
 * A pushed article {title, body, url, published} (JSON): validated, then
 * news_ingest_article().  OD_OK, or OD_EINVAL/OD_EPARSE with err.
 */
enum od_err	 news_ingest_json(struct news *, const char *feed,
		    const char *buf, size_t len, json_t **extracted,
		    struct ingest_result *res, char *err, size_t errlen);

#endif /* NEWS_H */
