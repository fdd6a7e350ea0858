/* SPDX-License-Identifier: MIT */
/*
 * test_pipeline.c - a report's way through the pipeline, with a sink that
 * records every publish, flush, abort and event, over a real store in a
 * temporary directory (a fresh database for each test) and the real
 * gazetteer.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "region.h"
#include "agg.h"
#include "conf.h"
#include "log.h"
#include "pipeline.h"
#include "store.h"
#include "util.h"

#include "t.h"

#define SEED	"{\"id\":\"dtek-0001\",\"source\":\"dtek\"," \
		"\"region\":\"Dnipropetrovsk\",\"utility\":\"power\"," \
		"\"status\":\"outage\",\"affected\":600000," \
		"\"unit\":\"households\",\"approximate\":true}"
#define RESTORED "{\"source\":\"dtek\",\"region\":\"UA-12\"," \
		"\"utility\":\"power\",\"status\":\"restored\"}"
#define ALERT_TOPIC	"outages/alerts/power/UA/UA-12"

/* ---- the recording sink ----------------------------------------------- */

struct pub {
	char		 topic[160];
	char		*payload;
	int		 qos, retain, mid;
	int		 flushes_before;	/* flush calls before it */
};

static struct pub pubs[256];
static size_t npubs;
static int next_mid = 100;
static int nflush, nabort, up = 1;
static int nev_status, nev_alert;

static void
rec_reset(void)
{
	for (size_t i = 0; i < npubs; i++)
		free(pubs[i].payload);
	npubs = 0;
	nflush = nabort = 0;
	nev_status = nev_alert = 0;
}

static int
rec_connected(void *arg)
{
	(void)arg;
	return up;
}

static int
rec_publish(void *arg, const char *topic, const char *payload, size_t len,
    int qos, int retain, int *mid)
{
	struct pub *p;

	(void)arg;
	if (npubs >= NELEM(pubs))
		return -1;
	p = &pubs[npubs++];
	str_copy(p->topic, topic, sizeof(p->topic));
	p->payload = xstrndup(payload, len);
	p->qos = qos;
	p->retain = retain;
	p->flushes_before = nflush;
	p->mid = 0;
	if (qos > 0) {
		p->mid = next_mid++;
		if (mid != NULL)
			*mid = p->mid;
	}
	return 0;
}

static void
rec_event(void *arg, const char *event, const char *data,
    const struct event_subject *subject)
{
	(void)subject;
	(void)arg;
	CHECK(data != NULL && data[0] == '{');
	if (strcmp(event, "status") == 0)
		nev_status++;
	else if (strcmp(event, "alert") == 0)
		nev_alert++;
}

static void
rec_flush(void *arg)
{
	(void)arg;
	nflush++;
}

static void
rec_abort(void *arg)
{
	(void)arg;
	nabort++;
}

static const struct pipeline_sink sink = {
	NULL, rec_connected, rec_publish, rec_event, rec_flush, rec_abort
};

/* The last publish on topic, or NULL. */
static const struct pub *
last_pub(const char *topic)
{
	for (size_t i = npubs; i > 0; i--)
		if (strcmp(pubs[i - 1].topic, topic) == 0)
			return &pubs[i - 1];
	return NULL;
}

static size_t
count_pubs(const char *topic)
{
	size_t n = 0;

	for (size_t i = 0; i < npubs; i++)
		if (strcmp(pubs[i].topic, topic) == 0)
			n++;
	return n;
}

/* A JSON string member of a publish's payload, in buf ("" when none). */
static const char *
pub_str(const struct pub *p, const char *key, char *buf, size_t len)
{
	json_t *j = p ? json_loads(p->payload, 0, NULL) : NULL;

	buf[0] = '\0';
	if (j != NULL && json_is_string(json_object_get(j, key)))
		str_copy(buf, json_string_value(json_object_get(j, key)), len);
	json_decref(j);
	return buf;
}

/* ---- a fresh world for each test -------------------------------------- */

static struct gazetteer *gaz;
static struct conf *conf;
static struct store *store;
static struct pipeline *pl;
static char dir[64], dbpath[128];

static int
world_open(void)
{
	char err[512];

	str_copy(dir, "/tmp/outaged-test-pipeline.XXXXXX", sizeof(dir));
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(dbpath, sizeof(dbpath), "%s/outaged.db", dir);
	conf = conf_defaults();
	conf_set_database(conf, dbpath);
	if (store_open(&store, dbpath, err, sizeof(err)) != OD_OK) {
		fprintf(stderr, "store_open: %s\n", err);
		return -1;
	}
	if ((pl = pipeline_new(conf, gaz, store, &sink, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "pipeline_new: %s\n", err);
		return -1;
	}
	rec_reset();
	up = 1;
	return 0;
}

static void
world_close(void)
{
	pipeline_free(pl);
	pl = NULL;
	store_close(store);
	store = NULL;
	conf_free(conf);
	conf = NULL;
	rec_reset();
	for (const char *const *s = (const char *const[]){ "", "-wal", "-shm",
	    "-journal", NULL }; *s != NULL; s++) {
		char p[160];

		snprintf(p, sizeof(p), "%s%s", dbpath, *s);
		unlink(p);
	}
	rmdir(dir);
}

/* Restart: a new pipeline over the same store. */
static void
world_restart(void)
{
	char err[512];

	pipeline_free(pl);
	pl = pipeline_new(conf, gaz, store, &sink, err, sizeof(err));
	CHECK(pl != NULL);
}

static void
ingest(const char *payload, const char *topic_source, const json_t *allowed,
    struct ingest_result *res)
{
	struct ingest_req in;

	memset(&in, 0, sizeof(in));
	in.payload = payload;
	in.len = strlen(payload);
	in.via = "mqtt";
	in.topic_source = topic_source;
	in.allowed_sources = allowed;
	pipeline_ingest(pl, &in, res);
}

/* Ingest one payload and commit; the commit's result. */
static int
pass(const char *payload, const char *topic_source)
{
	ingest(payload, topic_source, NULL, NULL);
	return pipeline_commit(pl);
}

static int64_t
nreports(const char *source)
{
	struct store_query q = { NULL, source, 0, 0 };
	int64_t n = -1;

	CHECK_INT(store_count_reports(store, &q, &n), OD_OK);
	return n;
}

struct reasons {
	char		 name[16][32];
	int64_t		 n[16];
	size_t		 count;
};

static void
on_reason(void *arg, const char *reason, int64_t n)
{
	struct reasons *r = arg;

	if (r->count < 16) {
		str_copy(r->name[r->count], reason, sizeof(r->name[0]));
		r->n[r->count++] = n;
	}
}

static int64_t
nrejections(const char *reason)
{
	struct reasons r;

	memset(&r, 0, sizeof(r));
	CHECK_INT(store_rejections_by_reason(store, on_reason, &r), OD_OK);
	for (size_t i = 0; i < r.count; i++)
		if (strcmp(r.name[i], reason) == 0)
			return r.n[i];
	return 0;
}

static int
count_row(void *arg, const struct store_outbox_row *row)
{
	int *n = arg;

	(void)row;
	(*n)++;
	return 0;
}

static int
noutbox(void)
{
	int n = 0;

	CHECK_INT(store_outbox(store, count_row, &n), OD_OK);
	return n;
}

static int
count_alert(void *arg, const struct store_alert_row *row)
{
	int64_t *clear_since = arg;

	*clear_since = row->clear_since;
	return 0;
}

/* Firing episodes in the store; *clear_since of the last one. */
static int
nfiring(int64_t *clear_since)
{
	int64_t cs = -1;
	int n = 0;

	CHECK_INT(store_firing_alerts(store, count_alert, &cs), OD_OK);
	if (cs != -1)
		n = 1;	/* the tests have at most one */
	if (clear_since != NULL)
		*clear_since = cs;
	return n;
}

static const struct figure *
figure(const char *region)
{
	return agg_figure(pipeline_agg(pl), gaz_by_id(gaz, region), UTIL_POWER);
}

static const char *
reject_error(const struct ingest_result *res, size_t i)
{
	return json_string_value(json_object_get(json_array_get(res->rejects,
	    i), "error"));
}

/* ---- the tests -------------------------------------------------------- */

static void
test_valid_report(void)
{
	struct ingest_result res;
	const struct pub *st, *al;
	char buf[64];

	if (world_open() < 0) {
		CHECK(0);
		return;
	}
	ingest(SEED, "dtek", NULL, &res);
	CHECK_INT(res.accepted, 1);
	CHECK_INT(res.duplicates, 0);
	CHECK_INT(json_array_size(res.rejects), 0);
	json_decref(res.rejects);
	/* nothing leaves before the commit */
	CHECK_INT(npubs, 0);
	CHECK_INT(nflush, 0);
	CHECK_INT(nev_status + nev_alert, 0);
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(nflush, 2);	/* the alert with the acks, then the statuses */
	CHECK_INT(nabort, 0);
	CHECK_INT(nreports("dtek"), 1);
	CHECK_INT(nreports(NULL), 1);
	/* the region and its parent, retained */
	st = last_pub("outages/status/UA-12");
	CHECK(st != NULL);
	if (st != NULL) {
		json_t *j = json_loads(st->payload, 0, NULL);
		json_t *pw = json_object_get(json_object_get(j, "utilities"),
		    "power");

		CHECK_INT(st->retain, 1);
		CHECK_INT(st->flushes_before, 1);
		CHECK_INT(json_integer_value(json_object_get(pw, "affected")),
		    600000);
		CHECK_STR(json_string_value(json_object_get(pw, "severity")),
		    "critical");
		json_decref(j);
	}
	CHECK(last_pub("outages/status/UA") != NULL);
	al = last_pub(ALERT_TOPIC);
	CHECK(al != NULL);
	if (al != NULL) {
		CHECK_STR(pub_str(al, "event", buf, sizeof(buf)), "firing");
		CHECK_STR(pub_str(al, "severity", buf, sizeof(buf)),
		    "critical");
		CHECK_INT(al->qos, 1);
		CHECK(al->mid != 0);
		CHECK_INT(al->flushes_before, 0);
	}
	CHECK(nev_status >= 2);		/* UA-12 and UA at least */
	CHECK_INT(nev_alert, 1);
	CHECK_INT(pipeline_counters(pl)->stored, 1);
	CHECK_INT(pipeline_counters(pl)->alerts, 1);
	CHECK_INT(pipeline_counters(pl)->rejected, 0);
	CHECK_INT(figure("UA-12")->affected, 600000);
	CHECK_INT(nfiring(NULL), 1);
	/* an empty pass publishes nothing new, but still flushes */
	rec_reset();
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(npubs, 0);
	CHECK_INT(nflush, 1);
	world_close();
}

static void
test_rejection_sent_at_flush(void)
{
	struct ingest_result res;
	const struct pub *rj;
	char buf[64];

	if (world_open() < 0) {
		CHECK(0);
		return;
	}
	ingest("{\"source\":\"dtek\",\"region\":\"Atlantis\",\"utility\":"
	    "\"power\",\"status\":\"outage\"}", "dtek", NULL, &res);
	json_decref(res.rejects);
	ingest(SEED, "dtek", NULL, NULL);
	/* the refusal is queued to the sink at once, nothing else is */
	CHECK_INT(npubs, 1);
	CHECK_INT(nflush, 0);
	rj = last_pub("outages/rejected/dtek");
	CHECK(rj != NULL);
	if (rj != NULL) {
		CHECK_STR(pub_str(rj, "error", buf, sizeof(buf)),
		    "unknown_region");
		CHECK_INT(rj->flushes_before, 0);
		CHECK_INT(rj->retain, 0);
	}
	CHECK(last_pub("outages/status/UA-12") == NULL);
	CHECK(last_pub(ALERT_TOPIC) == NULL);
	CHECK_INT(pipeline_commit(pl), 0);
	/* then sent by the pass's flushes: the alert's, and the last one */
	CHECK_INT(nflush, 2);
	CHECK(last_pub("outages/status/UA-12") != NULL);
	CHECK(npubs > 0 && strcmp(pubs[0].topic,
	    "outages/rejected/dtek") == 0);
	for (size_t i = 0; i < npubs; i++)
		CHECK(pubs[i].flushes_before < nflush);
	world_close();
}

static void
test_rejections(void)
{
	struct ingest_result res;
	json_t *allowed;
	const char *mixed = "[" SEED ",{\"source\":\"dtek\",\"region\":"
	    "\"Atlantis\",\"utility\":\"power\",\"status\":\"outage\"}]";

	if (world_open() < 0) {
		CHECK(0);
		return;
	}
	/* unknown region */
	ingest("{\"source\":\"dtek\",\"region\":\"Atlantis\",\"utility\":"
	    "\"power\",\"status\":\"outage\"}", "dtek", NULL, &res);
	CHECK_INT(res.accepted, 0);
	CHECK_INT(json_array_size(res.rejects), 1);
	CHECK_STR(reject_error(&res, 0), "unknown_region");
	json_decref(res.rejects);
	/* malformed JSON */
	ingest("{\"source\":", "dtek", NULL, &res);
	CHECK_INT(res.accepted, 0);
	CHECK_INT(json_array_size(res.rejects), 1);
	CHECK_STR(reject_error(&res, 0), "invalid_json");
	json_decref(res.rejects);
	/* one good, one bad: the good one is stored, the bad one named */
	ingest(mixed, "dtek", NULL, &res);
	CHECK_INT(res.accepted, 1);
	CHECK_INT(res.duplicates, 0);
	CHECK_INT(json_array_size(res.rejects), 1);
	CHECK_STR(reject_error(&res, 0), "unknown_region");
	CHECK_INT(json_integer_value(json_object_get(json_array_get(
	    res.rejects, 0), "index")), 1);
	json_decref(res.rejects);
	/* the report's source is not the topic's */
	ingest("{\"source\":\"yasno\",\"region\":\"UA-32\",\"utility\":"
	    "\"power\",\"status\":\"outage\"}", "dtek", NULL, &res);
	CHECK_INT(res.accepted, 0);
	CHECK_STR(reject_error(&res, 0), "source_mismatch");
	json_decref(res.rejects);
	/* a token scoped to dtek may not post as yasno */
	allowed = json_pack("[s]", "dtek");
	ingest("{\"source\":\"yasno\",\"region\":\"UA-32\",\"utility\":"
	    "\"power\",\"status\":\"outage\"}", NULL, allowed, &res);
	CHECK_INT(res.accepted, 0);
	CHECK_INT(json_array_size(res.rejects), 1);
	CHECK_STR(reject_error(&res, 0), "source_not_allowed");
	json_decref(res.rejects);
	/* ... and may post as dtek */
	ingest("{\"id\":\"d2\",\"source\":\"dtek\",\"region\":\"UA-32\","
	    "\"utility\":\"power\",\"status\":\"outage\"}", NULL, allowed,
	    &res);
	CHECK_INT(res.accepted, 1);
	CHECK_INT(json_array_size(res.rejects), 0);
	json_decref(res.rejects);
	json_decref(allowed);
	CHECK_INT(pipeline_commit(pl), 0);
	/* each refusal recorded, counted and published */
	CHECK_INT(nrejections("unknown_region"), 2);
	CHECK_INT(nrejections("invalid_json"), 1);
	CHECK_INT(nrejections("source_mismatch"), 1);
	CHECK_INT(nrejections("source_not_allowed"), 1);
	CHECK_INT(pipeline_counters(pl)->rejected, 5);
	CHECK_INT(pipeline_counters(pl)->stored, 2);
	CHECK_INT(nreports("dtek"), 2);
	CHECK_INT(nreports("yasno"), 0);
	CHECK_INT(count_pubs("outages/rejected/dtek"), 4);
	CHECK_INT(count_pubs("outages/rejected/yasno"), 1);
	world_close();
}

static void
test_duplicates(void)
{
	struct ingest_result res;

	if (world_open() < 0) {
		CHECK(0);
		return;
	}
	CHECK_INT(pass(SEED, "dtek"), 0);
	rec_reset();
	ingest(SEED, "dtek", NULL, &res);
	CHECK_INT(res.accepted, 0);
	CHECK_INT(res.duplicates, 1);
	CHECK_INT(json_array_size(res.rejects), 0);
	json_decref(res.rejects);
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(nreports("dtek"), 1);
	CHECK_INT(pipeline_counters(pl)->stored, 1);
	CHECK_INT(pipeline_counters(pl)->duplicates, 1);
	/* a duplicate changes nothing: no status, no alert again */
	CHECK(last_pub("outages/status/UA-12") == NULL);
	CHECK(last_pub(ALERT_TOPIC) == NULL);
	/* twice in one payload: stored once */
	ingest("[{\"id\":\"x\",\"source\":\"dtek\",\"region\":\"UA-32\","
	    "\"utility\":\"gas\",\"status\":\"outage\"},{\"id\":\"x\","
	    "\"source\":\"dtek\",\"region\":\"UA-32\",\"utility\":\"gas\","
	    "\"status\":\"outage\"}]", "dtek", NULL, &res);
	CHECK_INT(res.accepted, 1);
	CHECK_INT(res.duplicates, 1);
	json_decref(res.rejects);
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(nreports("dtek"), 2);
	world_close();
}

static void
test_failed_pass(void)
{
	char buf[64];

	if (world_open() < 0) {
		CHECK(0);
		return;
	}
	/* an earlier report, committed */
	CHECK_INT(pass("{\"id\":\"w1\",\"source\":\"dtek\",\"region\":"
	    "\"UA-32\",\"utility\":\"water\",\"status\":\"outage\"}", "dtek"),
	    0);
	CHECK_INT(pipeline_counters(pl)->stored, 1);
	rec_reset();
	ingest(SEED, "dtek", NULL, NULL);
	ingest("{\"id\":\"g1\",\"source\":\"dtek\",\"region\":\"UA-46\","
	    "\"utility\":\"gas\",\"status\":\"outage\",\"affected\":"
	    "50000}", "dtek", NULL, NULL);
	CHECK_INT(pipeline_failed(pl), 0);
	pipeline_fail(pl);
	CHECK_INT(pipeline_failed(pl), 1);
	CHECK(pipeline_txn(pl) == NULL);
	/* (logs the one expected "store: cannot commit" error line) */
	CHECK_INT(pipeline_commit(pl), -1);
	CHECK_INT(nabort, 1);
	CHECK_INT(nflush, 0);
	CHECK_INT(npubs, 0);
	CHECK_INT(nev_status + nev_alert, 0);
	CHECK_INT(pipeline_failed(pl), 0);
	CHECK_INT(nreports("dtek"), 1);
	CHECK_INT(pipeline_counters(pl)->stored, 1);
	CHECK_INT(nfiring(NULL), 0);
	CHECK_INT(noutbox(), 0);
	/* the state was rebuilt from the database: no trace of it */
	CHECK_INT(figure("UA-12")->status, FS_UNKNOWN);
	/* the broker redelivers: the next pass works */
	rec_reset();
	CHECK_INT(pass(SEED, "dtek"), 0);
	CHECK_INT(nflush, 2);
	CHECK_INT(nabort, 0);
	CHECK_INT(nreports("dtek"), 2);
	CHECK_INT(pipeline_counters(pl)->stored, 2);
	CHECK(last_pub("outages/status/UA-12") != NULL);
	CHECK_STR(pub_str(last_pub(ALERT_TOPIC), "event", buf, sizeof(buf)),
	    "firing");
	CHECK_INT(figure("UA-12")->affected, 600000);
	/* the failed pass's other claim is gone from memory too */
	CHECK(last_pub("outages/status/UA-46") == NULL);
	CHECK_INT(agg_figure(pipeline_agg(pl), gaz_by_id(gaz, "UA-46"),
	    UTIL_GAS)->status, FS_UNKNOWN);
	world_close();
}

/*
 * After a failed commit (a full disk) the state is rebuilt from the
 * database, and the next pass must have nothing to write: its figures are
 * what the database holds.  A status write there fails again on a full
 * disk, the state is rebuilt again, and the sensors' "check now" after the
 * rebuild made poll's timeout 0: a busy loop (test_disk_full.sh, CPU 39 %).
 * Nor may the pipeline's timers ask for a pass at once after a failure.
 */
static void
test_failed_pass_settles(void)
{
	uint64_t before;
	int64_t now;

	if (world_open() < 0) {
		CHECK(0);
		return;
	}
	/* a region and its parent's roll-up, committed */
	CHECK_INT(pass("{\"id\":\"w1\",\"source\":\"dtek\",\"region\":"
	    "\"UA-32\",\"utility\":\"power\",\"status\":\"outage\","
	    "\"affected\":1200}", "dtek"), 0);
	CHECK_INT(figure("UA-32")->direct, 1200);
	CHECK_INT(figure("UA")->children_sum, 1200);
	for (int i = 0; i < 3; i++) {
		ingest(SEED, "dtek", NULL, NULL);
		pipeline_fail(pl);
		now = now_wall_ms();
		CHECK_INT(pipeline_commit(pl), -1);
		/* no timer is due at once: the retry waits */
		CHECK(pipeline_next_expiry(pl) >= now + 500);
	}
	/* the pass after the rebuild writes and publishes nothing */
	rec_reset();
	before = pipeline_counters(pl)->status_updates;
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(pipeline_counters(pl)->status_updates - before, 0);
	CHECK(last_pub("outages/status/UA-32") == NULL);
	CHECK(last_pub("outages/status/UA") == NULL);
	/* and the figures are whole again, not only what the rows hold */
	CHECK_INT(figure("UA-32")->status, FS_OUTAGE);
	CHECK_INT(figure("UA-32")->direct, 1200);
	CHECK_INT(figure("UA")->children_sum, 1200);
	CHECK_INT(figure("UA")->children_reporting, 1);
	CHECK_INT(figure("UA")->from_children, 1);
	/* a real change after it is written as before */
	rec_reset();
	before = pipeline_counters(pl)->status_updates;
	CHECK_INT(pass(SEED, "dtek"), 0);
	CHECK(pipeline_counters(pl)->status_updates - before >= 2);
	CHECK(last_pub("outages/status/UA-12") != NULL);
	CHECK_INT(figure("UA")->children_sum, 601200);
	world_close();
}

static void
test_outbox(void)
{
	const struct pub *al;
	char buf[64];
	int mid;

	if (world_open() < 0) {
		CHECK(0);
		return;
	}
	up = 0;
	CHECK_INT(pass(SEED, "dtek"), 0);
	/* committed to the outbox, not published; the events still go */
	CHECK_INT(noutbox(), 1);
	CHECK_INT(npubs, 0);
	CHECK_INT(nflush, 1);
	CHECK_INT(nev_alert, 1);
	CHECK(nev_status >= 2);
	/* connected: every status and the alert */
	up = 1;
	pipeline_connected(pl);
	CHECK(last_pub("outages/status/UA-12") != NULL);
	CHECK(last_pub("outages/status/UA") != NULL);
	al = last_pub(ALERT_TOPIC);
	CHECK(al != NULL);
	if (al == NULL) {
		world_close();
		return;
	}
	CHECK_STR(pub_str(al, "event", buf, sizeof(buf)), "firing");
	CHECK_INT(al->qos, 1);
	CHECK(al->mid != 0);
	mid = al->mid;
	CHECK_INT(count_pubs(ALERT_TOPIC), 1);
	/* not acknowledged yet: a commit keeps the row, publishes nothing */
	rec_reset();
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(noutbox(), 1);
	CHECK_INT(count_pubs(ALERT_TOPIC), 0);
	/* a reconnect meanwhile: the library resends in-flight ones */
	pipeline_connected(pl);
	CHECK_INT(count_pubs(ALERT_TOPIC), 0);
	/* an unknown mid changes nothing */
	pipeline_published(pl, mid + 1000);
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(noutbox(), 1);
	/*
	 * Acknowledged: the row's delete waits for a commit that writes
	 * something else, 50 ms at most (a timer asks for that pass), or
	 * the last commit; meanwhile nothing publishes it again.
	 */
	pipeline_published(pl, mid);
	CHECK_INT(noutbox(), 1);
	CHECK(pipeline_next_expiry(pl) <= now_wall_ms() + 50);
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(noutbox(), 1);
	rec_reset();
	pipeline_connected(pl);
	CHECK_INT(count_pubs(ALERT_TOPIC), 0);
	pipeline_closing(pl);
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(noutbox(), 0);
	world_close();
}

/* An acknowledged alert's delete rides with the next pass that writes. */
static void
test_outbox_delete_with_pass(void)
{
	const struct pub *al;
	char buf[64];

	if (world_open() < 0) {
		CHECK(0);
		return;
	}
	CHECK_INT(pass(SEED, "dtek"), 0);
	al = last_pub(ALERT_TOPIC);
	CHECK(al != NULL);
	if (al != NULL)
		pipeline_published(pl, al->mid);
	CHECK_INT(noutbox(), 1);
	rec_reset();
	CHECK_INT(pass(RESTORED, "dtek"), 0);
	/* the resolution's row is new; the firing one's is gone */
	al = last_pub(ALERT_TOPIC);
	CHECK(al != NULL);
	if (al != NULL)
		CHECK_STR(pub_str(al, "event", buf, sizeof(buf)), "resolved");
	CHECK_INT(count_pubs(ALERT_TOPIC), 1);
	CHECK_INT(noutbox(), 1);
	world_close();
}

/* An alert left in the outbox is published after a restart. */
static void
test_outbox_survives_restart(void)
{
	const struct pub *al;
	char buf[64];

	if (world_open() < 0) {
		CHECK(0);
		return;
	}
	up = 0;
	CHECK_INT(pass(SEED, "dtek"), 0);
	CHECK_INT(noutbox(), 1);
	CHECK_INT(count_pubs(ALERT_TOPIC), 0);
	world_restart();
	rec_reset();
	up = 1;
	pipeline_connected(pl);
	CHECK(last_pub("outages/status/UA-12") != NULL);
	al = last_pub(ALERT_TOPIC);
	CHECK(al != NULL);
	CHECK_STR(pub_str(al, "event", buf, sizeof(buf)), "firing");
	if (al != NULL) {
		pipeline_published(pl, al->mid);
		pipeline_closing(pl);
		CHECK_INT(pipeline_commit(pl), 0);
		CHECK_INT(noutbox(), 0);
	}
	world_close();
}

static void
test_restart(void)
{
	const struct pub *al;
	char buf[64];

	if (world_open() < 0) {
		CHECK(0);
		return;
	}
	CHECK_INT(pass(SEED, "dtek"), 0);
	al = last_pub(ALERT_TOPIC);
	if (al != NULL)
		pipeline_published(pl, al->mid);
	pipeline_closing(pl);	/* a shutdown's last commit */
	CHECK_INT(pipeline_commit(pl), 0);
	world_restart();
	rec_reset();
	CHECK_INT(figure("UA-12")->affected, 600000);
	CHECK_INT(figure("UA-12")->status, FS_OUTAGE);
	CHECK_INT(figure("UA")->affected, 600000);
	CHECK_INT(pipeline_counters(pl)->stored, 0);
	/* nothing changed by the restart itself */
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(count_pubs(ALERT_TOPIC), 0);
	CHECK_INT(nfiring(NULL), 1);
	/* the restored episode resolves on the restoration */
	CHECK_INT(pass(RESTORED, "dtek"), 0);
	al = last_pub(ALERT_TOPIC);
	CHECK(al != NULL);
	CHECK_STR(pub_str(al, "event", buf, sizeof(buf)), "resolved");
	CHECK_INT(count_pubs(ALERT_TOPIC), 1);
	CHECK_INT(nfiring(NULL), 0);
	CHECK_INT(figure("UA-12")->status, FS_RESTORED);
	world_close();
}

static void
test_resolution_without_report(void)
{
	const struct pub *al;
	char buf[64];
	int64_t clear_since = 0;

	if (world_open() < 0) {
		CHECK(0);
		return;
	}
	conf->alert.min_clear_ms = 200;
	CHECK_INT(pass(SEED, "dtek"), 0);
	CHECK_INT(count_pubs(ALERT_TOPIC), 1);
	rec_reset();
	CHECK_INT(pass(RESTORED, "dtek"), 0);
	/* below the clear threshold, but not for long enough yet */
	CHECK(last_pub("outages/status/UA-12") != NULL);
	CHECK_INT(count_pubs(ALERT_TOPIC), 0);
	CHECK_INT(nfiring(&clear_since), 1);
	CHECK(clear_since > 0);
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(count_pubs(ALERT_TOPIC), 0);
	/* later, a pass with nothing new resolves it */
	usleep(250 * 1000);
	rec_reset();
	CHECK_INT(pipeline_commit(pl), 0);
	al = last_pub(ALERT_TOPIC);
	CHECK(al != NULL);
	CHECK_STR(pub_str(al, "event", buf, sizeof(buf)), "resolved");
	CHECK_INT(nev_alert, 1);
	CHECK_INT(nfiring(NULL), 0);
	CHECK(last_pub("outages/status/UA-12") == NULL);	/* unchanged */
	/* and only once */
	rec_reset();
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(count_pubs(ALERT_TOPIC), 0);

	/* a second episode, pending across a restart */
	CHECK_INT(pass("{\"id\":\"dtek-0002\",\"source\":\"dtek\","
	    "\"region\":\"UA-12\",\"utility\":\"power\",\"status\":"
	    "\"outage\",\"affected\":500000,\"unit\":\"households\"}",
	    "dtek"), 0);
	CHECK_STR(pub_str(last_pub(ALERT_TOPIC), "event", buf, sizeof(buf)),
	    "firing");
	CHECK_INT(pass("{\"id\":\"dtek-0003\",\"source\":\"dtek\","
	    "\"region\":\"UA-12\",\"utility\":\"power\",\"status\":"
	    "\"restored\"}", "dtek"), 0);
	CHECK_INT(nfiring(&clear_since), 1);
	CHECK(clear_since > 0);
	world_restart();
	usleep(250 * 1000);
	rec_reset();
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_STR(pub_str(last_pub(ALERT_TOPIC), "event", buf, sizeof(buf)),
	    "resolved");
	CHECK_INT(nfiring(NULL), 0);
	world_close();
}

static void
test_set_conf(void)
{
	struct conf *next;
	const struct pub *st;

	if (world_open() < 0) {
		CHECK(0);
		return;
	}
	/* two sources of equal rank: the larger figure wins */
	CHECK_INT(pass(SEED, "dtek"), 0);
	CHECK_INT(pass("{\"id\":\"v1\",\"source\":\"volunteers\",\"region\":"
	    "\"UA-12\",\"utility\":\"power\",\"status\":\"outage\","
	    "\"affected\":100000,\"unit\":\"households\"}", "volunteers"), 0);
	CHECK_INT(figure("UA-12")->affected, 600000);
	/* the volunteers now rank above: their smaller figure wins */
	next = conf_defaults();
	conf_set_database(next, dbpath);
	next->sources = xcalloc(1, sizeof(*next->sources));
	next->nsources = 1;
	str_copy(next->sources[0].name, "volunteers",
	    sizeof(next->sources[0].name));
	next->sources[0].priority = 10;
	next->max_batch = 1;
	pipeline_set_conf(pl, next);
	conf_free(conf);
	conf = next;
	rec_reset();
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(figure("UA-12")->affected, 100000);
	st = last_pub("outages/status/UA-12");
	CHECK(st != NULL);
	CHECK(st != NULL && strstr(st->payload, "\"affected\":100000") != NULL);
	/* and a new report is ranked so too, also after a restart */
	CHECK_INT(pass("{\"id\":\"dtek-0002\",\"source\":\"dtek\",\"region\":"
	    "\"UA-12\",\"utility\":\"power\",\"status\":\"outage\","
	    "\"affected\":700000,\"unit\":\"households\"}", "dtek"), 0);
	CHECK_INT(figure("UA-12")->affected, 100000);
	world_restart();
	CHECK_INT(pipeline_commit(pl), 0);
	CHECK_INT(figure("UA-12")->affected, 100000);
	/* the new limits apply: an array of two is over max_batch */
	{
		struct ingest_result res;

		ingest("[" SEED "," SEED "]", "dtek", NULL, &res);
		CHECK_INT(res.accepted, 0);
		CHECK_STR(reject_error(&res, 0), "too_many_reports");
		json_decref(res.rejects);
		CHECK_INT(pipeline_commit(pl), 0);
	}
	world_close();
}

struct pct_rows {
	int		 history, approx;	/* rows, approximate ones */
	double		 percent;		/* the last report's */
};

static int
pct_history(void *arg, const struct store_history_row *h)
{
	struct pct_rows *r = arg;

	r->history++;
	r->approx += h->approximate;
	return 0;
}

static int
pct_report(void *arg, const struct store_report_row *row)
{
	((struct pct_rows *)arg)->percent = row->percent;
	return 0;
}

/*
 * A percent-only report: stored with its percent, counted as that share
 * of the region's households, approximate (status, history), and the same
 * after a restart, when the claims are read back from the reports.
 */
static void
test_percent(void)
{
	const char *pct = "{\"source\":\"dtek\",\"region\":\"Kharkiv "
	    "region\",\"utility\":\"power\",\"status\":\"outage\","
	    "\"percent\":40}";
	const struct region *kh = gaz_by_id(gaz, "UA-63");
	struct store_query q = { "UA-63", NULL, 0, 0 };
	const struct pub *st;
	struct pct_rows rows;
	json_t *j, *pw;
	int64_t want;

	if (world_open() < 0 || kh == NULL) {
		CHECK(0);
		return;
	}
	want = (int64_t)llround(0.4 * (double)kh->denominator);
	CHECK_INT(pass(pct, "dtek"), 0);
	CHECK_INT(figure("UA-63")->affected, want);
	CHECK_INT(figure("UA-63")->approximate, 1);
	CHECK_INT(figure("UA-63")->from_percent, 1);
	st = last_pub("outages/status/UA-63");
	CHECK(st != NULL);
	j = st ? json_loads(st->payload, 0, NULL) : NULL;
	pw = json_object_get(json_object_get(j, "utilities"), "power");
	CHECK_INT(json_integer_value(json_object_get(pw, "affected")), want);
	CHECK(json_is_true(json_object_get(pw, "approximate")));
	CHECK_NEAR(json_number_value(json_object_get(pw, "percent")), 40.0,
	    1e-9);
	CHECK_STR(json_string_value(json_object_get(pw, "derived_from")),
	    "percent");
	CHECK_NEAR(json_number_value(json_object_get(json_array_get(
	    json_object_get(pw, "claims"), 0), "percent")), 40.0, 1e-9);
	json_decref(j);
	memset(&rows, 0, sizeof(rows));
	CHECK_INT(store_history(store, "UA-63", "power", 0, INT64_MAX, 0,
	    pct_history, &rows), OD_OK);
	CHECK(rows.history >= 1 && rows.approx == rows.history);
	CHECK_INT(store_reports(store, &q, 0, pct_report, &rows), OD_OK);
	CHECK_NEAR(rows.percent, 40.0, 1e-9);
	world_restart();
	rec_reset();
	CHECK_INT(pipeline_commit(pl), 0);	/* claims recomputed */
	CHECK_INT(figure("UA-63")->affected, want);
	CHECK_INT(figure("UA-63")->approximate, 1);
	CHECK_INT(figure("UA-63")->from_percent, 1);
	CHECK_INT(figure("UA")->affected, want);
	world_close();
}

int
main(void)
{
	int status;

	log_set_level(LOG_LVL_ERROR);
	if ((gaz = t_gazetteer()) == NULL)
		return 1;
	RUN(test_valid_report);
	RUN(test_rejection_sent_at_flush);
	RUN(test_rejections);
	RUN(test_duplicates);
	RUN(test_failed_pass);
	RUN(test_failed_pass_settles);
	RUN(test_outbox);
	RUN(test_outbox_delete_with_pass);
	RUN(test_outbox_survives_restart);
	RUN(test_restart);
	RUN(test_resolution_without_report);
	RUN(test_set_conf);
	RUN(test_percent);
	status = T_DONE();
	gaz_free(gaz);
	return status;
}
