/* SPDX-License-Identifier: MIT */
/*
 * test_dispatch.c - the router's notices written down: a subscription
 * stored and routed, a figure's notice as an episode and a delivery row
 * with its text in the subscriber's language, a resolution the subscriber
 * does not want closing its episode without a row, 410 cancelling what
 * waits, silences and acknowledgements with their audit trail, and a
 * reload from the database (a restart) that keeps all of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "region.h"
#include "agg.h"
#include "conf.h"
#include "dispatch.h"
#include "notify.h"
#include "route.h"
#include "store.h"
#include "subscription.h"
#include "util.h"

#include "t.h"

static struct gazetteer *gaz;
static struct conf *conf;
static struct notify_texts *texts;
static char dir[] = "/tmp/outaged-test-dispatch.XXXXXX";
static char dbpath[256];

static struct figure
fig(enum fig_status st, int64_t affected, double pct, enum severity sev)
{
	struct figure f;

	memset(&f, 0, sizeof(f));
	f.status = st;
	f.affected = affected;
	str_copy(f.unit, "households", sizeof(f.unit));
	f.percent = pct;
	f.severity = sev;
	f.direct = -1;
	f.children_sum = -1;
	return f;
}

struct rows {
	int		 n;
	char		 event[8][16], text[8][256], state[8][16];
	int64_t		 sub[8];
};

static int
collect(void *arg, const struct store_delivery_row *r)
{
	struct rows *rw = arg;

	if (rw->n < 8) {
		str_copy(rw->event[rw->n], r->event, sizeof(rw->event[0]));
		str_copy(rw->text[rw->n], r->text, sizeof(rw->text[0]));
		str_copy(rw->state[rw->n], r->state, sizeof(rw->state[0]));
		rw->sub[rw->n] = r->sub_id;
	}
	rw->n++;
	return 0;
}

/* Deliveries, oldest first. */
static struct rows
deliveries(struct store *s)
{
	struct rows rw, asc;

	memset(&rw, 0, sizeof(rw));
	store_deliveries(s, NULL, 0, 0, 100, collect, &rw);
	memset(&asc, 0, sizeof(asc));
	asc.n = rw.n;
	for (int i = 0; i < rw.n && i < 8; i++) {
		int k = rw.n - 1 - i;

		memcpy(asc.event[i], rw.event[k], sizeof(asc.event[0]));
		memcpy(asc.text[i], rw.text[k], sizeof(asc.text[0]));
		memcpy(asc.state[i], rw.state[k], sizeof(asc.state[0]));
		asc.sub[i] = rw.sub[k];
	}
	return asc;
}

static int
count_episode(void *arg, const struct store_episode_row *e)
{
	(void)e;
	(*(int *)arg)++;
	return 0;
}

static int
episodes(struct store *s)
{
	int n = 0;

	store_episodes(s, count_episode, &n);
	return n;
}

static int
count_audit(void *arg, const struct store_audit_row *a)
{
	char *kinds = arg;

	str_copy(kinds + strlen(kinds), a->kind, 200 - strlen(kinds));
	str_copy(kinds + strlen(kinds), " ", 200 - strlen(kinds));
	return 0;
}

/* What router_tick reads of a cell (the test's one outage). */
static struct figure current;

static const struct figure *
figure_now(void *arg, const struct region *r, enum utility u)
{
	(void)arg;
	(void)r;
	(void)u;
	return &current;
}

static struct dispatch *
open_dispatch(struct store **s)
{
	char err[512];
	struct dispatch *d;

	if (store_open(s, dbpath, err, sizeof(err)) != OD_OK) {
		fprintf(stderr, "store_open: %s\n", err);
		return NULL;
	}
	d = dispatch_new(conf, gaz, *s, texts, err, sizeof(err));
	if (d == NULL)
		fprintf(stderr, "dispatch_new: %s\n", err);
	return d;
}

static int64_t
subscribe(struct dispatch *d, const char *js)
{
	json_t *j = json_loads(js, 0, NULL);
	char err[256];
	int64_t id = 0;

	CHECK(j != NULL);
	CHECK_INT(dispatch_subscribe(d, j, "owner1", 1000, &id, err,
	    sizeof(err)), OD_OK);
	json_decref(j);
	return id;
}

static void
test_notice_to_delivery_row(void)
{
	struct store *s;
	struct dispatch *d = open_dispatch(&s);
	const struct region *ua12 = gaz_by_id(gaz, "UA-12");
	struct figure out = fig(FS_OUTAGE, 600000, 46.1, SEV_CRITICAL);
	struct figure back = fig(FS_RESTORED, 0, 0, SEV_NONE);
	struct rows rw;
	int64_t uk, quiet;
	json_t *bad;
	char err[256];

	CHECK(d != NULL);
	if (d == NULL)
		return;
	store_begin(s);
	uk = subscribe(d, "{\"regions\":[\"UA-12\"],\"utilities\":[\"power\"],"
	    "\"min_severity\":\"major\",\"lang\":\"uk\",\"channel\":"
	    "{\"type\":\"mqtt\",\"topic\":\"home/dnipro\"}}");
	quiet = subscribe(d, "{\"regions\":[\"UA\"],\"send_resolved\":false,"
	    "\"channel\":{\"type\":\"webhook\",\"url\":\"https://example.org/"
	    "hook\"}}");
	CHECK(uk > 0 && quiet > uk);
	/* an invalid one is refused with its reason, nothing stored */
	bad = json_loads("{\"regions\":[\"Atlantis\"],\"channel\":{\"type\":"
	    "\"mqtt\",\"topic\":\"x\"}}", 0, NULL);
	CHECK_INT(dispatch_subscribe(d, bad, NULL, 1000, &uk, err,
	    sizeof(err)), OD_EINVAL);
	CHECK(strstr(err, "Atlantis") != NULL);
	json_decref(bad);

	CHECK_INT(dispatch_figure(d, ua12, UTIL_POWER, &out, 2000), OD_OK);
	CHECK_INT(dispatch_flush(d, 2000), OD_OK);
	rw = deliveries(s);
	CHECK_INT(rw.n, 2);	/* both subscriptions cover UA-12 power */
	CHECK_STR(rw.event[0], "firing");
	CHECK_STR(rw.state[0], "pending");
	/* the Ukrainian subscriber's text is in Ukrainian */
	CHECK(strstr(rw.text[0], "Дніпропетровська область") != NULL);
	CHECK(strstr(rw.text[1], "Dnipropetrovsk") != NULL);
	CHECK_INT(episodes(s), 2);

	/* resolved: a row for the one who wants it; both episodes close */
	CHECK_INT(dispatch_figure(d, ua12, UTIL_POWER, &back, 3000), OD_OK);
	CHECK_INT(dispatch_flush(d, 3000), OD_OK);
	rw = deliveries(s);
	CHECK_INT(rw.n, 3);
	CHECK_STR(rw.event[2], "resolved");
	CHECK_INT(rw.sub[2], uk);
	CHECK_INT(episodes(s), 0);
	store_commit(s);
	dispatch_free(d);
	store_close(s);
}

static void
test_disable_silence_ack_and_reload(void)
{
	struct store *s;
	struct dispatch *d = open_dispatch(&s);
	const struct region *ua63 = gaz_by_id(gaz, "UA-63");
	struct figure out = fig(FS_OUTAGE, 500000, 40.0, SEV_CRITICAL);
	int64_t pend, sent, dead, canc, sid = 0, id;
	char kinds[200] = "";
	struct rows before, rw;

	CHECK(d != NULL);
	if (d == NULL)
		return;
	store_begin(s);
	before = deliveries(s);
	id = subscribe(d, "{\"regions\":[\"UA-63\"],\"channel\":{\"type\":"
	    "\"webhook\",\"url\":\"https://example.org/a\"}}");
	/* a silence on the region holds the firing back */
	CHECK_INT(dispatch_silence(d, ua63, -1, 60000, "maintenance", "ops",
	    4000, &sid), OD_OK);
	CHECK(sid > 0);
	current = out;
	CHECK_INT(dispatch_figure(d, ua63, UTIL_POWER, &out, 5000), OD_OK);
	CHECK_INT(dispatch_flush(d, 5000), OD_OK);
	rw = deliveries(s);
	CHECK_INT(rw.n, before.n);
	/* lifted: the next tick sends the held firing */
	CHECK_INT(dispatch_unsilence(d, sid, "ops", 6000), OD_OK);
	CHECK_INT(dispatch_unsilence(d, sid, "ops", 6000), OD_ENOENT);
	CHECK_INT(dispatch_tick(d, 7000, figure_now, NULL), OD_OK);
	rw = deliveries(s);
	/* both subscriptions covering UA-63 (UA and UA-63) fire now */
	CHECK_INT(rw.n, before.n + 2);
	/* acknowledged by its incident key */
	{
		char key[ROUTE_KEY_MAX];

		snprintf(key, sizeof(key), "%lld/UA-63/power/5000",
		    (long long)id);
		CHECK_INT(dispatch_ack(d, "no/such/key/1", "ops", 8000),
		    OD_ENOENT);
		/* the episode started when the silence let it fire, or at 5000 */
		if (dispatch_ack(d, key, "ops", 8000) != OD_OK) {
			snprintf(key, sizeof(key), "%lld/UA-63/power/7000",
			    (long long)id);
			CHECK_INT(dispatch_ack(d, key, "ops", 8000), OD_OK);
		}
	}
	/* 410: the subscription is disabled and what waits is cancelled */
	CHECK_INT(dispatch_disable(d, id, 9000, "410 Gone"), OD_OK);
	store_delivery_counts(s, &pend, &sent, &dead, &canc);
	CHECK_INT(canc, 1);
	CHECK(router_get(dispatch_router(d), id)->disabled);
	store_audit(s, 0, 100, count_audit, kinds);
	CHECK(strstr(kinds, "disable") && strstr(kinds, "ack") &&
	    strstr(kinds, "unsilence") && strstr(kinds, "silence") &&
	    strstr(kinds, "subscribe"));
	/* unsubscribe: only the owner (when asked) and only once */
	CHECK_INT(dispatch_unsubscribe(d, id, "someone-else", 9500),
	    OD_ENOENT);
	CHECK_INT(dispatch_unsubscribe(d, id, "owner1", 9500), OD_OK);
	CHECK_INT(dispatch_unsubscribe(d, id, NULL, 9500), OD_ENOENT);
	store_commit(s);
	dispatch_free(d);
	store_close(s);

	/* a restart loads what was committed */
	d = open_dispatch(&s);
	CHECK(d != NULL);
	if (d == NULL)
		return;
	CHECK(router_get(dispatch_router(d), 1) != NULL);
	CHECK(router_get(dispatch_router(d), id) == NULL);
	dispatch_free(d);
	store_close(s);
}

int
main(void)
{
	char err[512];
	int status;

	if ((gaz = t_gazetteer()) == NULL)
		return 1;
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(dbpath, sizeof(dbpath), "%s/outaged.db", dir);
	conf = conf_defaults();
	if ((texts = notify_load("config/templates", err, sizeof(err))) ==
	    NULL) {
		printf("FAIL notify_load: %s\n# 0 passed, 1 failed\n", err);
		return 1;
	}
	RUN(test_notice_to_delivery_row);
	RUN(test_disable_silence_ack_and_reload);
	status = T_DONE();
	notify_free(texts);
	conf_free(conf);
	gaz_free(gaz);
	for (const char *const *sfx = (const char *const[]){ "", "-wal",
	    "-shm", NULL }; *sfx != NULL; sfx++) {
		char p[300];

		snprintf(p, sizeof(p), "%s%s", dbpath, *sfx);
		unlink(p);
	}
	rmdir(dir);
	return status;
}
