/* SPDX-License-Identifier: MIT */
/*
 * news.c - feeds and pushed articles to reports.
 *
 * Each feed has a timer; a due feed is fetched (conditional GET with the
 * validators stored in the database), parsed, and each item not seen
 * before is run through the extractor.  Extracted reports are ordinary
 * report JSON with ids derived from the item, so the report path's
 * validation, idempotency and rejections apply unchanged.  A failing feed
 * is logged and tried again at its next interval; the others go on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "conf.h"
#include "feed.h"
#include "feedchild.h"
#include "log.h"
#include "news.h"
#include "news_int.h"
#include "pipeline.h"
#include "report.h"
#include "store.h"
#include "util.h"

#define JOB_GRACE_MS	(30 * 1000)	/* beyond a fetch's own timeout */
#define VALUE_MAX	4096		/* bytes of an etag, a link */

struct feed_state {
	const struct feed_conf *fc;	/* in the current configuration */
	int64_t		 next_due;	/* monotonic ms */
	int		 in_flight;
	long long	 job;		/* the job in flight's id */
	int64_t		 job_deadline;	/* monotonic ms */
	char		 name[OD_SOURCE_MAX];
};

struct news {
	const struct conf *conf;
	const struct gazetteer *gaz;
	struct pipeline	*pipeline;	/* where extracted reports go */
	struct feedchild *child;	/* fetches, parses, extracts */
	long long	 next_job;
	struct feed_state *feeds;
	size_t		 nfeeds;
};

static int on_result(void *arg, json_t *res);
static void on_lost(void *arg);

static void
take_feeds(struct news *n)
{
	const struct conf *c = n->conf;
	int64_t now = now_mono_ms();

	free(n->feeds);
	n->nfeeds = c->nfeeds;
	n->feeds = xcalloc(c->nfeeds ? c->nfeeds : 1, sizeof(*n->feeds));
	for (size_t i = 0; i < c->nfeeds; i++) {
		n->feeds[i].fc = &c->feeds[i];
		str_copy(n->feeds[i].name, c->feeds[i].name,
		    sizeof(n->feeds[i].name));
		/* spread the first fetches a little */
		n->feeds[i].next_due = now + (int64_t)i * 200;
	}
	/* the child, once there are feeds (feedchild.h) */
	if (c->nfeeds > 0 && n->child == NULL)
		n->child = feedchild_new(NULL, c->iso_codes_dir, c->packs_dir,
		    log_get_level() >= LOG_LVL_DEBUG, on_result, on_lost, n);
}

struct news *
news_new(const struct conf *c, const struct gazetteer *gaz,
    struct pipeline *p)
{
	struct news *n = xcalloc(1, sizeof(*n));

	n->conf = c;
	n->gaz = gaz;
	n->pipeline = p;
	take_feeds(n);
	return n;
}

void
news_free(struct news *n)
{
	if (n == NULL)
		return;
	feedchild_free(n->child);
	free(n->feeds);
	free(n);
}

pid_t
news_child_pid(const struct news *n)
{
	return n != NULL ? feedchild_pid(n->child) : -1;
}

void
news_reload(struct news *n, const struct conf *c)
{
	n->conf = c;
	/* transfers in flight name their feed, not a pointer into conf */
	take_feeds(n);
}

size_t
news_pollfds(struct news *n, struct pollfd *pfd, size_t max)
{
	return n ? feedchild_pollfds(n->child, pfd, max) : 0;
}

int64_t
news_timeout(struct news *n)
{
	int64_t t, now = now_mono_ms();

	if (n == NULL)
		return -1;
	t = feedchild_timeout(n->child);
	for (size_t i = 0; i < n->nfeeds; i++) {
		int64_t left;

		left = (n->feeds[i].in_flight ? n->feeds[i].job_deadline :
		    n->feeds[i].next_due) - now;
		if (left < 0)
			left = 0;
		if (t < 0 || left < t)
			t = left;
	}
	return t;
}

static struct feed_state *
feed_by_name(struct news *n, const char *name)
{
	for (size_t i = 0; i < n->nfeeds; i++)
		if (strcmp(n->feeds[i].name, name) == 0)
			return &n->feeds[i];
	return NULL;
}

/* A job for the child: the feed and its validators from the database. */
static void
start_fetch(struct news *n, struct feed_state *fs)
{
	struct store *st = pipeline_txn(n->pipeline);
	char *etag = NULL, *lm = NULL;
	json_t *job;

	if (st == NULL)
		return;		/* the pass failed; due again next pass */
	store_feed_get(st, fs->name, fs->fc->url, &etag, &lm);
	job = json_pack("{s:I,s:s,s:s,s:I,s:I,s:b}",
	    "id", (json_int_t)++n->next_job, "feed", fs->name,
	    "url", fs->fc->url, "max_bytes", (json_int_t)fs->fc->max_bytes,
	    "timeout", (json_int_t)fs->fc->timeout,
	    "allow_private", fs->fc->allow_private ||
	    n->conf->allow_private_targets);
	if (job != NULL && etag != NULL)
		json_object_set_new(job, "etag", json_string(etag));
	if (job != NULL && lm != NULL)
		json_object_set_new(job, "last_modified", json_string(lm));
	if (job != NULL && feedchild_send(n->child, job) == OD_OK) {
		fs->in_flight = 1;
		fs->job = n->next_job;
		fs->job_deadline = now_mono_ms() +
		    (fs->fc->timeout > 0 ? fs->fc->timeout * 1000 : 0) +
		    JOB_GRACE_MS;
	} else
		log_warnx("news: %s: cannot start a fetch", fs->name);
	json_decref(job);
	free(etag);
	free(lm);
}

void
news_run(struct news *n, const struct pollfd *pfd, size_t npfd)
{
	int64_t now;

	if (n == NULL)
		return;
	feedchild_run(n->child, pfd, npfd);
	now = now_mono_ms();
	for (size_t i = 0; i < n->nfeeds; i++) {
		struct feed_state *fs = &n->feeds[i];

		if (fs->in_flight && now >= fs->job_deadline) {
			log_warnx("news: feed %s: no answer from the feed "
			    "child; trying again at the next interval",
			    fs->name);
			fs->in_flight = 0;
		}
		if (fs->in_flight || now < fs->next_due)
			continue;
		if (!feedchild_up(n->child))
			break;	/* due when it is back */
		if (pipeline_failed(n->pipeline))
			break;	/* nothing can be stored this pass */
		fs->next_due = now + fs->fc->interval * 1000;
		start_fetch(n, fs);
	}
}

/* The child died: what it had in hand is tried at the next interval. */
static void
on_lost(void *arg)
{
	struct news *n = arg;

	for (size_t i = 0; i < n->nfeeds; i++)
		n->feeds[i].in_flight = 0;
}

/* An article's reports (a JSON array) into the pipeline, via "news". */
static void
ingest_reports(struct news *n, const json_t *reports,
    struct ingest_result *res)
{
	struct ingest_req in;
	char *payload = json_dumps(reports, OD_JSON_COMPACT);

	if (payload == NULL)
		fatalx("news: json_dumps failed");
	memset(&in, 0, sizeof(in));
	in.payload = payload;
	in.len = strlen(payload);
	in.via = "news";
	pipeline_ingest(n->pipeline, &in, res);
	free(payload);
}

size_t
news_ingest_article(struct news *nw, const char *feed, const char *key,
    const char *title, const char *body, const char *url, int64_t published,
    json_t **extracted, struct ingest_result *res)
{
	size_t n = 0;
	json_t *reports;

	/* pushed articles come from authenticated senders: extracted here */
	reports = news_article_reports(nw->gaz, feed, key, title, body, url,
	    published, &n, extracted);
	if (json_array_size(reports) > 0)
		ingest_reports(nw, reports, res);
	else if (res != NULL) {
		memset(res, 0, sizeof(*res));
		res->rejects = json_array();
	}
	json_decref(reports);
	return n;
}

enum od_err
news_ingest_json(struct news *n, const char *feed, const char *buf,
    size_t len, json_t **extracted, struct ingest_result *res, char *err,
    size_t errlen)
{
	json_error_t jerr;
	json_t *o;
	const char *title, *body, *url, *pub;
	char key[NEWS_KEY_MAX];
	int64_t published = 0;

	if (len > (size_t)n->conf->max_payload) {
		snprintf(err, errlen, "article of %zu bytes is over the limit",
		    len);
		return OD_E2BIG;
	}
	if ((o = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr)) == NULL) {
		snprintf(err, errlen, "line %d column %d: %s", jerr.line,
		    jerr.column, jerr.text);
		return OD_EPARSE;
	}
	title = json_string_value(json_object_get(o, "title"));
	body = json_string_value(json_object_get(o, "body"));
	url = json_string_value(json_object_get(o, "url"));
	pub = json_string_value(json_object_get(o, "published"));
	if (!json_is_object(o) || (title == NULL && body == NULL)) {
		snprintf(err, errlen, "an article is {\"title\", \"body\", "
		    "\"url\", \"published\"} with a title or a body");
		json_decref(o);
		return OD_EINVAL;
	}
	if (pub != NULL && time_parse(pub, &published) != OD_OK) {
		snprintf(err, errlen, "\"published\" must be an RFC 3339 time");
		json_decref(o);
		return OD_EINVAL;
	}
	/* the same article pushed twice is one article */
	news_item_key(feed, url ? url : body ? body : title, key,
	    sizeof(key));
	news_ingest_article(n, feed, key, title ? title : "", body ? body : "",
	    url, published, extracted, res);
	json_decref(o);
	return OD_OK;
}

/* Feed state and seen items go in the pass's transaction; a failed write
 * fails the pass (nothing acknowledged, nothing marked read). */
static void
feed_put(struct news *n, struct store *st, const struct feed_state *fs,
    const char *etag, const char *last_modified, int64_t ok_at,
    const char *err, int64_t err_at)
{
	if (store_feed_put(st, fs->name, fs->fc->url, etag, last_modified,
	    ok_at, err, err_at) != OD_OK)
		pipeline_fail(n->pipeline);
}

static int
str_ok(json_t *v, size_t max)
{
	return json_is_string(v) && json_string_length(v) <= max;
}

static int
str_or_null_ok(json_t *v, size_t max)
{
	return v == NULL || json_is_null(v) || str_ok(v, max);
}

/*
 * The child is untrusted: a result must have the shape feedchild.h gives,
 * and every item and report must be of its own feed (key "news:<feed>/"
 * and 24 hex digits, report ids under the key, source news:<feed>), so a
 * compromised child can at worst invent news of the feeds it fetches.
 */
static int
result_valid(json_t *o, const char *feed)
{
	json_t *items = json_object_get(o, "items"), *it;
	char source[OD_SOURCE_MAX], prefix[OD_SOURCE_MAX + 2];
	size_t i, plen;

	if (!json_is_integer(json_object_get(o, "id")) ||
	    !json_is_integer(json_object_get(o, "status")) ||
	    !str_or_null_ok(json_object_get(o, "error"), 1024) ||
	    !str_or_null_ok(json_object_get(o, "etag"), VALUE_MAX) ||
	    !str_or_null_ok(json_object_get(o, "last_modified"), VALUE_MAX))
		return 0;
	if (items == NULL)
		return 1;
	if (!json_is_array(items) || json_array_size(items) > FEED_MAX_ITEMS)
		return 0;
	report_news_source(source, sizeof(source), feed);
	snprintf(prefix, sizeof(prefix), "%s/", source);
	plen = strlen(prefix);
	json_array_foreach(items, i, it) {
		const char *key = json_string_value(json_object_get(it, "key"));
		json_t *reports = json_object_get(it, "reports"), *r;
		json_int_t ex = json_integer_value(json_object_get(it,
		    "extracted"));
		size_t j;

		if (!json_is_object(it) || key == NULL ||
		    strlen(key) != plen + 24 || strncmp(key, prefix, plen) ||
		    strspn(key + plen, "0123456789abcdef") != 24 ||
		    !str_or_null_ok(json_object_get(it, "link"), VALUE_MAX) ||
		    !json_is_integer(json_object_get(it, "published")) ||
		    !json_is_integer(json_object_get(it, "extracted")) ||
		    ex < 0 || ex > NEWS_EXTRACT_MAX || !json_is_array(reports) ||
		    json_array_size(reports) > (size_t)ex)
			return 0;
		json_array_foreach(reports, j, r) {
			const char *id = json_string_value(json_object_get(r,
			    "id"));
			const char *src = json_string_value(json_object_get(r,
			    "source"));

			if (!json_is_object(r) || id == NULL || src == NULL ||
			    strcmp(src, source) != 0 ||
			    strncmp(id, key, plen + 24) != 0 ||
			    id[plen + 24] != '/')
				return 0;
		}
	}
	return 1;
}

/* A result from the child: the trusted half of a fetch.  Items not seen
 * before are marked read and their reports ingested; the feed's state
 * is stored. */
static int
on_result(void *arg, json_t *o)
{
	struct news *n = arg;
	const char *name = json_string_value(json_object_get(o, "feed"));
	struct feed_state *fs;
	struct store *st;
	json_t *items, *it;
	const char *error;
	char err[1100];
	size_t i, fresh = 0, extracted = 0;
	long status;
	int64_t now = now_wall_ms();

	if (name == NULL || !result_valid(o, name))
		return -1;
	fs = feed_by_name(n, name);
	if (fs == NULL || !fs->in_flight ||
	    fs->job != json_integer_value(json_object_get(o, "id")))
		return 0;	/* removed by a reload, or too late */
	fs->in_flight = 0;
	if ((st = pipeline_txn(n->pipeline)) == NULL)
		return 0;
	status = (long)json_integer_value(json_object_get(o, "status"));
	error = json_string_value(json_object_get(o, "error"));
	if (error != NULL) {
		log_escape(err, sizeof(err), error, strlen(error));
		log_warnx("news: feed %s: %s; trying again in %llds", name, err,
		    (long long)fs->fc->interval);
		feed_put(n, st, fs, NULL, NULL, 0, err, now);
		return 0;
	}
	if (status == 304) {
		log_debug("news: feed %s: not modified", name);
		feed_put(n, st, fs, NULL, NULL, now, NULL, 0);
		return 0;
	}
	if (status != 200)
		return -1;
	items = json_object_get(o, "items");
	json_array_foreach(items, i, it) {
		const char *key = json_string_value(json_object_get(it, "key"));
		const char *link = json_string_value(json_object_get(it,
		    "link"));
		json_t *reports = json_object_get(it, "reports");
		json_int_t k = json_integer_value(json_object_get(it,
		    "extracted"));
		int seen = 0;

		if (pipeline_failed(n->pipeline))
			break;
		if (store_news_seen(st, key, &seen) != OD_OK) {
			pipeline_fail(n->pipeline);
			break;
		}
		if (seen)
			continue;
		fresh++;
		extracted += (size_t)k;
		if (json_array_size(reports) > 0)
			ingest_reports(n, reports, NULL);
		if (store_news_mark(st, key, name, link ? link : "", now,
		    (int64_t)k) != OD_OK)
			pipeline_fail(n->pipeline);
	}
	log_info("news: feed %s: %zu items, %zu new, %zu reports extracted",
	    name, json_array_size(items), fresh, extracted);
	feed_put(n, st, fs, json_string_value(json_object_get(o, "etag")),
	    json_string_value(json_object_get(o, "last_modified")), now, NULL,
	    0);
	return 0;
}
