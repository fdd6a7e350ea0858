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
#include "extract.h"
#include "feed.h"
#include "fetch.h"
#include "log.h"
#include "news.h"
#include "pipeline.h"
#include "region.h"
#include "report.h"
#include "store.h"
#include "util.h"

#define EXTRACT_MAX	64		/* reports from one article */
#define ARTICLE_MAX	(256 * 1024)	/* bytes of text per article */

struct feed_state {
	const struct feed_conf *fc;	/* in the current configuration */
	int64_t		 next_due;	/* monotonic ms */
	int		 in_flight;
	char		 name[OD_SOURCE_MAX];
};

struct news {
	const struct conf *conf;
	const struct gazetteer *gaz;
	struct pipeline	*pipeline;	/* where extracted reports go */
	struct fetcher	*fetcher;
	struct feed_state *feeds;
	size_t		 nfeeds;
};

static void on_fetched(void *arg, void *req_arg, const struct fetch_res *);

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
}

struct news *
news_new(const struct conf *c, const struct gazetteer *gaz,
    struct pipeline *p)
{
	struct news *n = xcalloc(1, sizeof(*n));

	n->conf = c;
	n->gaz = gaz;
	n->pipeline = p;
	n->fetcher = fetcher_new(on_fetched, n);
	take_feeds(n);
	return n;
}

void
news_free(struct news *n)
{
	if (n == NULL)
		return;
	fetcher_free(n->fetcher);
	free(n->feeds);
	free(n);
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
	return n ? fetcher_pollfds(n->fetcher, pfd, max) : 0;
}

int64_t
news_timeout(struct news *n)
{
	int64_t t, now = now_mono_ms();

	if (n == NULL)
		return -1;
	t = fetcher_timeout(n->fetcher);
	for (size_t i = 0; i < n->nfeeds; i++) {
		int64_t left;

		if (n->feeds[i].in_flight)
			continue;
		left = n->feeds[i].next_due - now;
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

static void
start_fetch(struct news *n, struct feed_state *fs)
{
	struct fetch_req req;
	struct store *st = pipeline_txn(n->pipeline);
	char *etag = NULL, *lm = NULL;

	if (st == NULL)
		return;		/* the pass failed; due again next pass */
	store_feed_get(st, fs->name, fs->fc->url, &etag, &lm);
	memset(&req, 0, sizeof(req));
	req.url = fs->fc->url;
	req.etag = etag;
	req.last_modified = lm;
	req.follow_redirects = FETCH_MAX_REDIRECTS;
	req.max_bytes = (size_t)fs->fc->max_bytes;
	req.timeout = (long)fs->fc->timeout;
	req.allow_private = fs->fc->allow_private ||
	    n->conf->allow_private_targets;
	req.arg = xstrdup(fs->name);
	if (fetcher_get(n->fetcher, &req) == OD_OK)
		fs->in_flight = 1;
	else {
		free(req.arg);
		log_warnx("news: %s: cannot start a fetch", fs->name);
	}
	free(etag);
	free(lm);
}

void
news_run(struct news *n, const struct pollfd *pfd, size_t npfd)
{
	int64_t now = now_mono_ms();

	if (n == NULL)
		return;
	fetcher_run(n->fetcher, pfd, npfd);
	for (size_t i = 0; i < n->nfeeds; i++) {
		struct feed_state *fs = &n->feeds[i];

		if (fs->in_flight || now < fs->next_due)
			continue;
		if (pipeline_failed(n->pipeline))
			break;	/* nothing can be stored this pass */
		fs->next_due = now + fs->fc->interval * 1000;
		start_fetch(n, fs);
	}
}

/* "news:<feed>/<hash of the item's identity>" */
static void
item_key(const char *feed, const char *id, char *out, size_t outlen)
{
	char hex[65];

	sha256_hex(id, strlen(id), hex);
	snprintf(out, outlen, "news:%s/%.24s", feed, hex);
}

size_t
news_ingest_article(struct news *nw, const char *feed, const char *key,
    const char *title, const char *body, const char *url, int64_t published,
    json_t **extracted, struct ingest_result *res)
{
	struct extract_report *ex;
	char source[OD_SOURCE_MAX], *text, *payload;
	size_t tlen = strlen(title), blen = strlen(body), n, len;
	json_t *reports;
	int64_t now = now_wall_ms();

	report_news_source(source, sizeof(source), feed);
	/* the headline is a sentence of its own */
	len = tlen + blen + 3;
	text = xmalloc(len);
	snprintf(text, len, "%s%s%s", title, tlen && !strchr(".!?",
	    title[tlen - 1]) ? ".\n" : "\n", body);
	len = strlen(text);
	if (len > ARTICLE_MAX)
		len = ARTICLE_MAX;
	ex = xcalloc(EXTRACT_MAX, sizeof(*ex));
	n = extract_reports(nw->gaz, text, len, ex, EXTRACT_MAX);
	reports = json_array();
	if (extracted != NULL)
		*extracted = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *r;
		char id[160];

		if (extracted != NULL)
			json_array_append_new(*extracted,
			    extract_report_json(&ex[i], text));
		if (ex[i].region == NULL)
			continue;	/* a report needs a place */
		snprintf(id, sizeof(id), "%s/%zu", key, i);
		r = json_pack("{s:s,s:s,s:s,s:s,s:s,s:b,s:s%}",
		    "id", id, "source", source, "region", ex[i].region->id,
		    "utility", utility_name(ex[i].utility),
		    "status", report_status_name(ex[i].status),
		    "approximate", ex[i].approximate,
		    "text", text + ex[i].sentence_start,
		    ex[i].sentence_len < 16384 ? ex[i].sentence_len : 16384);
		if (r == NULL)
			continue;	/* the sentence was not valid UTF-8 */
		/*
		 * A count without a unit counts buildings, blocks of flats or
		 * villages [place-count]: none is a household, a customer or
		 * a person, so the report is stored without a count rather
		 * than as that many customers.
		 */
		if (ex[i].affected >= 0 && ex[i].unit[0] != '\0') {
			json_object_set_new(r, "affected",
			    json_integer(ex[i].affected));
			/* "subscribers" is not a report unit: connections */
			json_object_set_new(r, "unit", json_string(
			    strcmp(ex[i].unit, "subscribers") == 0 ?
			    "customers" : ex[i].unit));
		}
		if (url != NULL && url[0] != '\0' && strlen(url) <= 2048)
			json_object_set_new(r, "url", json_string(url));
		if (published > 0 && published <= now) {
			char ts[32];

			time_format(published, ts, sizeof(ts));
			json_object_set_new(r, "observed_at", json_string(ts));
		}
		json_array_append_new(reports, r);
	}
	if (json_array_size(reports) > 0) {
		struct ingest_req in;

		payload = json_dumps(reports, OD_JSON_COMPACT);
		if (payload == NULL)
			fatalx("news: json_dumps failed");
		memset(&in, 0, sizeof(in));
		in.payload = payload;
		in.len = strlen(payload);
		in.via = "news";
		pipeline_ingest(nw->pipeline, &in, res);
		free(payload);
	} else if (res != NULL) {
		memset(res, 0, sizeof(*res));
		res->rejects = json_array();
	}
	json_decref(reports);
	free(ex);
	free(text);
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
	char key[160];
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
	item_key(feed, url ? url : body ? body : title, key, sizeof(key));
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

static void
on_fetched(void *arg, void *req_arg, const struct fetch_res *res)
{
	struct news *n = arg;
	char *name = req_arg;
	struct feed_state *fs = feed_by_name(n, name);
	struct store *st;
	struct feed_doc doc;
	char err[300];
	size_t fresh = 0, extracted = 0;
	int64_t now = now_wall_ms();

	if (fs != NULL)
		fs->in_flight = 0;
	if (fs == NULL)		/* removed by a reload meanwhile */
		goto out;
	if ((st = pipeline_txn(n->pipeline)) == NULL)
		goto out;
	if (!res->ok || (res->status != 200 && res->status != 304)) {
		if (res->ok)
			snprintf(err, sizeof(err), "HTTP status %ld",
			    res->status);
		else
			str_copy(err, res->err, sizeof(err));
		log_warnx("news: feed %s: %s; trying again in %llds", name, err,
		    (long long)fs->fc->interval);
		feed_put(n, st, fs, NULL, NULL, 0, err, now);
		goto out;
	}
	if (res->status == 304) {
		log_debug("news: feed %s: not modified", name);
		feed_put(n, st, fs, NULL, NULL, now, NULL, 0);
		goto out;
	}
	if (feed_parse(res->body, res->len, &doc, err, sizeof(err)) != OD_OK) {
		char msg[400];

		snprintf(msg, sizeof(msg), "not a valid feed: %s", err);
		log_warnx("news: feed %s: %s", name, msg);
		feed_put(n, st, fs, NULL, NULL, 0, msg, now);
		goto out;
	}
	for (size_t i = 0; i < doc.nitems && !pipeline_failed(n->pipeline);
	    i++) {
		const struct feed_item *it = &doc.items[i];
		char key[160];
		int seen = 0;
		size_t k;

		item_key(name, it->id, key, sizeof(key));
		if (store_news_seen(st, key, &seen) != OD_OK) {
			pipeline_fail(n->pipeline);
			break;
		}
		if (seen)
			continue;
		fresh++;
		k = news_ingest_article(n, name, key, it->title, it->text,
		    it->link, it->published, NULL, NULL);
		extracted += k;
		if (store_news_mark(st, key, name, it->link, now, (int64_t)k) !=
		    OD_OK)
			pipeline_fail(n->pipeline);
	}
	log_info("news: feed %s: %zu items, %zu new, %zu reports extracted",
	    name, doc.nitems, fresh, extracted);
	feed_put(n, st, fs, res->etag, res->last_modified, now, NULL, 0);
	feed_doc_free(&doc);
out:
	free(name);
}
