/* SPDX-License-Identifier: MIT */
/*
 * test_news.c - news ingestion without the network: articles pushed as
 * JSON (and one handed over directly) go through the extractor and the
 * pipeline into a real store in a temporary directory; the pipeline's
 * sink records what would be published.  No feeds are configured.  The
 * articles are written for this test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "region.h"
#include "agg.h"
#include "conf.h"
#include "log.h"
#include "news.h"
#include "pipeline.h"
#include "store.h"
#include "util.h"

#include "t.h"
#include "t_sink.h"

#define BODY	"About 600,000 households in Dnipropetrovsk region " \
		"remained without power on Wednesday evening, the grid " \
		"operator told reporters."
#define ARTICLE	"{\"title\":\"Evening repairs stall after grid damage\"," \
		"\"body\":\"" BODY "\",\"url\":" \
		"\"https://news.example.org/grid/2026-11-26\"}"

static struct gazetteer *gaz;
static struct conf *conf;
static struct store *store;
static struct pipeline *pl;
static struct news *nw;
static char dir[] = "/tmp/outaged-test-news.XXXXXX";
static char dbpath[128];

static int
setup(void)
{
	struct pipeline_sink sink = t_topic_sink();
	char err[512];

	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(dbpath, sizeof(dbpath), "%s/outaged.db", dir);
	conf = conf_defaults();
	conf_set_database(conf, dbpath);
	if ((gaz = t_gazetteer()) == NULL)
		return -1;
	if (store_open(&store, dbpath, err, sizeof(err)) != OD_OK) {
		fprintf(stderr, "store_open: %s\n", err);
		return -1;
	}
	if ((pl = pipeline_new(conf, gaz, store, &sink, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "pipeline_new: %s\n", err);
		return -1;
	}
	nw = news_new(conf, gaz, pl);
	return 0;
}

static void
teardown(void)
{
	news_free(nw);
	pipeline_free(pl);
	store_close(store);
	gaz_free(gaz);
	conf_free(conf);
	for (const char *const *s = (const char *const[]){ "", "-wal", "-shm",
	    NULL }; *s != NULL; s++) {
		char p[160];

		snprintf(p, sizeof(p), "%s%s", dbpath, *s);
		unlink(p);
	}
	rmdir(dir);
}

struct seen {
	int		 n;
	char		 source[64], via[16], region[16], utility[16];
	char		 unit[16];
	int64_t		 affected, observed_at;
};

static int
on_report(void *arg, const struct store_report_row *row)
{
	struct seen *s = arg;

	s->n++;
	str_copy(s->source, row->source, sizeof(s->source));
	str_copy(s->via, row->via, sizeof(s->via));
	str_copy(s->region, row->region, sizeof(s->region));
	str_copy(s->utility, row->utility, sizeof(s->utility));
	str_copy(s->unit, row->unit ? row->unit : "", sizeof(s->unit));
	s->affected = row->affected;
	s->observed_at = row->observed_at;
	return 0;
}

/* The reports stored for region (newest last in *s); how many. */
static int
reports_of(const char *region, struct seen *s)
{
	struct store_query q = { region, NULL, 0, 0 };

	memset(s, 0, sizeof(*s));
	CHECK_INT(store_reports(store, &q, 1, on_report, s), OD_OK);
	return s->n;
}

static int64_t
nreports(void)
{
	struct store_query q = { NULL, NULL, 0, 0 };
	int64_t n = -1;

	CHECK_INT(store_count_reports(store, &q, &n), OD_OK);
	return n;
}

static enum od_err
push(const char *article, size_t len, json_t **extracted,
    struct ingest_result *res, char *err, size_t errlen)
{
	err[0] = '\0';
	return news_ingest_json(nw, "http", article, len, extracted, res, err,
	    errlen);
}

static void
test_article_to_report(void)
{
	json_t *ex = NULL, *r0;
	struct ingest_result res;
	struct seen s;
	char err[256];
	const struct figure *f;

	CHECK_INT(push(ARTICLE, strlen(ARTICLE), &ex, &res, err, sizeof(err)),
	    OD_OK);
	CHECK_STR(err, "");
	CHECK_INT(json_array_size(ex), 1);
	r0 = json_array_get(ex, 0);
	CHECK_STR(json_string_value(json_object_get(r0, "region")), "UA-12");
	CHECK_STR(json_string_value(json_object_get(r0, "utility")), "power");
	CHECK_INT(json_integer_value(json_object_get(r0, "affected")), 600000);
	json_decref(ex);
	CHECK_INT(res.accepted, 1);
	CHECK_INT(res.duplicates, 0);
	CHECK_INT(json_array_size(res.rejects), 0);
	json_decref(res.rejects);
	/* staged, not yet published */
	CHECK_INT(npublished, 0);
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(reports_of("UA-12", &s), 1);
	CHECK_STR(s.source, "news:http");
	CHECK_STR(s.via, "news");
	CHECK_STR(s.utility, "power");
	CHECK_INT(s.affected, 600000);
	CHECK_STR(s.unit, "households");
	CHECK(was_published("outages/status/UA-12"));
	CHECK(was_published("outages/status/UA"));
	f = agg_figure(pipeline_agg(pl), gaz_by_id(gaz, "UA-12"), UTIL_POWER);
	CHECK_INT(f->affected, 600000);
	CHECK_INT(f->status, FS_OUTAGE);
}

static void
test_same_article_twice(void)
{
	json_t *ex = NULL;
	struct ingest_result res;
	char err[256];
	/* the same body without a URL: keyed by the body */
	const char *nourl = "{\"body\":\"Some 20,000 households in Kharkiv "
	    "region remained without water after a main broke.\"}";
	const char *edited = "{\"title\":\"Repairs stall in Dnipropetrovsk\","
	    "\"body\":\"Around 600,000 households in Dnipropetrovsk region "
	    "were still without power late on Wednesday.\",\"url\":"
	    "\"https://news.example.org/grid/2026-11-26\"}";
	int64_t before = nreports();

	CHECK_INT(push(ARTICLE, strlen(ARTICLE), &ex, &res, err, sizeof(err)),
	    OD_OK);
	CHECK_INT(json_array_size(ex), 1);	/* extracted again ... */
	json_decref(ex);
	CHECK_INT(res.accepted, 0);		/* ... but stored once */
	CHECK_INT(res.duplicates, 1);
	json_decref(res.rejects);
	/* the same URL with an edited headline and body is the same article */
	CHECK_INT(push(edited, strlen(edited), NULL, &res, err, sizeof(err)),
	    OD_OK);
	CHECK_INT(res.accepted, 0);
	CHECK_INT(res.duplicates, 1);
	json_decref(res.rejects);
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(nreports(), before);

	CHECK_INT(push(nourl, strlen(nourl), NULL, &res, err, sizeof(err)),
	    OD_OK);
	CHECK_INT(res.accepted, 1);
	json_decref(res.rejects);
	CHECK_INT(push(nourl, strlen(nourl), NULL, &res, err, sizeof(err)),
	    OD_OK);
	CHECK_INT(res.accepted, 0);
	CHECK_INT(res.duplicates, 1);
	json_decref(res.rejects);
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(nreports(), before + 1);
}

static void
test_invalid_articles(void)
{
	json_t *ex = NULL;
	struct ingest_result res;
	char err[256], *big;
	size_t n = (size_t)conf->max_payload + 1;
	int64_t before = nreports();
	const char *bad_time = "{\"title\":\"Night outage\",\"body\":\"" BODY
	    "\",\"published\":\"Wednesday night\"}";

	/* neither a title nor a body */
	CHECK_INT(push("{\"url\":\"https://news.example.org/x\"}", 36, &ex,
	    &res, err, sizeof(err)), OD_EINVAL);
	CHECK(strstr(err, "title or a body") != NULL);
	CHECK_INT(push("{\"title\":7,\"body\":null}", 23, &ex, &res, err,
	    sizeof(err)), OD_EINVAL);
	CHECK_INT(push("[\"" BODY "\"]", strlen("[\"" BODY "\"]"), &ex, &res,
	    err, sizeof(err)), OD_EINVAL);
	/* a time that is not RFC 3339 */
	CHECK_INT(push(bad_time, strlen(bad_time), &ex, &res, err,
	    sizeof(err)), OD_EINVAL);
	CHECK(strstr(err, "published") != NULL);
	/* not JSON, and JSON with a key twice */
	CHECK_INT(push("{\"title\": \"Half", 15, &ex, &res, err, sizeof(err)),
	    OD_EPARSE);
	CHECK(strstr(err, "line 1") != NULL);
	CHECK_INT(push("{\"body\":\"a\",\"body\":\"b\"}", 23, &ex, &res, err,
	    sizeof(err)), OD_EPARSE);
	/* over limits.max_payload, refused before parsing */
	big = xmalloc(n + 1);
	memset(big, ' ', n);
	big[n] = '\0';
	big[0] = '{';
	CHECK_INT(push(big, n, &ex, &res, err, sizeof(err)), OD_E2BIG);
	CHECK(strstr(err, "over the limit") != NULL);
	free(big);
	/* nothing came of any of them */
	CHECK(ex == NULL);
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(nreports(), before);
}

static void
test_old_article(void)
{
	char art[512], ts[32], err[256];
	struct ingest_result res;
	struct seen s;
	int64_t dated = now_wall_ms() - (conf->ttl + 3600) * 1000;

	time_format(dated, ts, sizeof(ts));
	snprintf(art, sizeof(art), "{\"title\":\"Gas cut in the west\","
	    "\"body\":\"Nearly 12,000 households in Lviv region remained "
	    "without gas for a second day.\",\"published\":\"%s\"}", ts);
	npublished = 0;
	CHECK_INT(push(art, strlen(art), NULL, &res, err, sizeof(err)),
	    OD_OK);
	CHECK_INT(res.accepted, 1);
	json_decref(res.rejects);
	CHECK_INT(pipeline_commit(pl), 0);
	/* stored with the article's time, though too old to count */
	CHECK_INT(reports_of("UA-46", &s), 1);
	CHECK_STR(s.source, "news:http");
	CHECK_STR(s.utility, "gas");
	CHECK_INT(s.observed_at / 1000, dated / 1000);
	CHECK_INT(agg_figure(pipeline_agg(pl), gaz_by_id(gaz, "UA-46"),
	    UTIL_GAS)->status, FS_UNKNOWN);
}

static void
test_no_region(void)
{
	json_t *ex = NULL;
	struct ingest_result res;
	int64_t before = nreports();
	size_t n;

	n = news_ingest_article(nw, "http", "news:http/no-region", "Storm",
	    "About 4,000 households remained without power after the storm.",
	    NULL, 0, &ex, &res);
	/* extracted, with no place: nothing to store */
	CHECK_INT(n, 1);
	CHECK_INT(json_array_size(ex), 1);
	CHECK(json_object_get(json_array_get(ex, 0), "region") == NULL ||
	    json_is_null(json_object_get(json_array_get(ex, 0), "region")));
	CHECK_INT(res.accepted, 0);
	CHECK_INT(res.duplicates, 0);
	CHECK_INT(json_array_size(res.rejects), 0);
	json_decref(res.rejects);
	json_decref(ex);
	/* and text with no outage at all */
	n = news_ingest_article(nw, "http", "news:http/nothing", "Weather",
	    "Mild and dry in Odesa region this week.", NULL, 0, &ex, NULL);
	CHECK_INT(n, 0);
	CHECK_INT(json_array_size(ex), 0);
	json_decref(ex);
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(nreports(), before);
}

int
main(void)
{
	int status;

	log_set_level(LOG_LVL_ERROR);
	if (setup() < 0) {
		printf("FAIL setup\n# 0 passed, 1 failed\n");
		return 1;
	}
	RUN(test_article_to_report);
	RUN(test_same_article_twice);
	RUN(test_invalid_articles);
	RUN(test_old_article);
	RUN(test_no_region);
	status = T_DONE();
	teardown();
	return status;
}
