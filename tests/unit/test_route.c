/* SPDX-License-Identifier: MIT */
/*
 * test_route.c - the router: firing, updated, repeat, resolved after
 * min_clear from the timer, hysteresis, acks, silences, parent
 * suppression, narrowed and removed subscriptions, quiet hours, restore,
 * deterministic order, and a scale check (100,000 subscriptions).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "agg.h"
#include "region.h"
#include "route.h"
#include "subscription.h"

#include "t.h"

#define T0	INT64_C(1795687200000)	/* 2026-11-26T10:00:00Z */
#define MIN	INT64_C(60000)
#define HOUR	(60 * MIN)

static struct gazetteer *gaz;

/* ---- what the router said ---- */

struct rec {
	enum route_event ev;
	int64_t		 sub_id;
	const struct subscription *sub;
	char		 region[OD_REGION_ID_MAX];
	enum utility	 u;
	char		 key[ROUTE_KEY_MAX];
	enum severity	 notified;
	int64_t		 at, not_before;
	int		 has_fig;
	/* the notice's pointers hold only during the callback: copies */
	size_t		 nregions;
	int		 send_resolved;
	char		 topic[64];
};

static struct rec recs[256];
static size_t nrecs, nemitted;

static void
record(void *arg, const struct route_notice *n)
{
	struct rec *r;

	(void)arg;
	nemitted++;
	if (nrecs >= sizeof(recs) / sizeof(recs[0]))
		return;
	r = &recs[nrecs++];
	r->ev = n->event;
	r->sub_id = n->ep->sub_id;
	r->sub = n->sub;
	snprintf(r->region, sizeof(r->region), "%s", n->ep->region->id);
	r->u = n->ep->utility;
	snprintf(r->key, sizeof(r->key), "%s", n->ep->incident_key);
	r->notified = n->ep->notified;
	r->at = n->at;
	r->not_before = n->not_before;
	r->has_fig = n->fig != NULL;
	r->nregions = n->sub->nregions;
	r->send_resolved = n->sub->send_resolved;
	snprintf(r->topic, sizeof(r->topic), "%s",
	    n->sub->channel.topic ? n->sub->channel.topic : "");
}

static void
count(void *arg, const struct route_notice *n)
{
	size_t *c = arg;

	(void)n;
	(*c)++;
}

static void
reset(void)
{
	nrecs = 0;
	nemitted = 0;
}

/* ---- the cells' current figures, for router_tick ---- */

struct cell {
	const struct region *r;
	enum utility	 u;
	struct figure	 f;
};

static struct cell cells[64];
static size_t ncells;

static const struct figure *
figure_of(void *arg, const struct region *r, enum utility u)
{
	(void)arg;
	for (size_t i = 0; i < ncells; i++)
		if (cells[i].r == r && cells[i].u == u)
			return &cells[i].f;
	return NULL;
}

static const struct region *
R(const char *id)
{
	const struct region *r = gaz_by_id(gaz, id);

	if (r == NULL) {
		fprintf(stderr, "no region %s\n", id);
		abort();
	}
	return r;
}

static struct figure
mkfig(enum severity sev, int64_t affected, double percent)
{
	struct figure f;

	memset(&f, 0, sizeof(f));
	f.status = sev == SEV_NONE ? FS_RESTORED : FS_OUTAGE;
	f.severity = sev;
	f.affected = affected;
	f.percent = percent;
	return f;
}

/* A cell's figure changes: remember it and tell the router. */
static void
change(struct router *rt, const char *id, enum utility u, enum severity sev,
    int64_t affected, int64_t now)
{
	const struct region *r = R(id);
	size_t i;

	for (i = 0; i < ncells; i++)
		if (cells[i].r == r && cells[i].u == u)
			break;
	if (i == ncells) {
		if (ncells == sizeof(cells) / sizeof(cells[0]))
			abort();
		ncells++;
	}
	cells[i].r = r;
	cells[i].u = u;
	cells[i].f = mkfig(sev, affected, affected > 0 ? 10.0 : 0);
	router_figure(rt, r, u, &cells[i].f, now, record, NULL);
}

static void
tick(struct router *rt, int64_t now)
{
	router_tick(rt, now, figure_of, record, NULL);
}

static struct subscription *
mksub(int64_t id, const char *text)
{
	char err[512];
	json_error_t je;
	json_t *j = json_loads(text, 0, &je);
	struct subscription *s;

	if (j == NULL) {
		fprintf(stderr, "bad JSON %s: %s\n", text, je.text);
		abort();
	}
	s = subscription_from_json(j, gaz, err, sizeof(err));
	json_decref(j);
	if (s == NULL) {
		fprintf(stderr, "refused %s: %s\n", text, err);
		abort();
	}
	s->id = id;
	return s;
}

static struct router *
fresh(void)
{
	reset();
	ncells = 0;
	return router_new(gaz, 5 * MIN);
}

#define CH	"\"channel\":{\"type\":\"mqtt\",\"topic\":\"t\"}"

static void
test_fire_update_resolve(void)
{
	struct router *rt = fresh();
	char key[ROUTE_KEY_MAX];

	router_put(rt, mksub(1, "{\"regions\":[\"UA-12\"],\"min_severity\":"
	    "\"major\"," CH "}"));
	CHECK_INT(router_count(rt), 1);
	CHECK(router_get(rt, 1) != NULL);
	CHECK(router_get(rt, 2) == NULL);
	CHECK_INT(router_next_timer(rt), INT64_MAX);

	change(rt, "UA-12", UTIL_POWER, SEV_MINOR, 1000, T0);
	CHECK_INT(nrecs, 0);
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 100000, T0 + MIN);
	CHECK_INT(nrecs, 1);
	CHECK_INT(recs[0].ev, ROUTE_FIRING);
	CHECK_INT(recs[0].sub_id, 1);
	CHECK_STR(recs[0].region, "UA-12");
	CHECK_INT(recs[0].notified, SEV_MAJOR);
	CHECK_INT(recs[0].not_before, T0 + MIN);
	snprintf(key, sizeof(key), "1/UA-12/power/%lld",
	    (long long)(T0 + MIN));
	CHECK_STR(recs[0].key, key);

	/* escalation: updated, same key */
	change(rt, "UA-12", UTIL_POWER, SEV_CRITICAL, 600000, T0 + 2 * MIN);
	CHECK_INT(nrecs, 2);
	CHECK_INT(recs[1].ev, ROUTE_UPDATED);
	CHECK_INT(recs[1].notified, SEV_CRITICAL);
	CHECK_STR(recs[1].key, key);
	/* back to major, and to minor (hysteresis band): nothing */
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 100000, T0 + 3 * MIN);
	change(rt, "UA-12", UTIL_POWER, SEV_MINOR, 1000, T0 + 4 * MIN);
	CHECK_INT(nrecs, 2);
	CHECK_INT(router_next_timer(rt), INT64_MAX);
	/* other utilities, other regions: nothing */
	change(rt, "UA-12", UTIL_HEAT, SEV_NONE, 0, T0 + 4 * MIN);
	change(rt, "UA-63", UTIL_POWER, SEV_CRITICAL, 9, T0 + 4 * MIN);
	CHECK_INT(nrecs, 2);

	/* below the clear level: resolved 5 min later, by the timer */
	change(rt, "UA-12", UTIL_POWER, SEV_NONE, 0, T0 + 5 * MIN);
	CHECK_INT(nrecs, 2);
	CHECK_INT(router_next_timer(rt), T0 + 10 * MIN);
	tick(rt, T0 + 10 * MIN - 1);
	CHECK_INT(nrecs, 2);
	tick(rt, T0 + 10 * MIN);
	CHECK_INT(nrecs, 3);
	CHECK_INT(recs[2].ev, ROUTE_RESOLVED);
	CHECK_STR(recs[2].key, key);
	CHECK_INT(recs[2].at, T0 + 10 * MIN);
	CHECK_INT(router_next_timer(rt), INT64_MAX);
	tick(rt, T0 + 20 * MIN);
	CHECK_INT(nrecs, 3);

	/* a new episode, a new key */
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 100000, T0 + 30 * MIN);
	CHECK_INT(nrecs, 4);
	CHECK_INT(recs[3].ev, ROUTE_FIRING);
	CHECK(strcmp(recs[3].key, key) != 0);
	router_free(rt);
}

static void
test_clear_interrupted(void)
{
	struct router *rt = fresh();

	router_put(rt, mksub(1, "{\"regions\":[\"UA-12\"],\"min_severity\":"
	    "\"major\"," CH "}"));
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 100000, T0);
	change(rt, "UA-12", UTIL_POWER, SEV_NONE, 0, T0 + MIN);
	CHECK_INT(router_next_timer(rt), T0 + 6 * MIN);
	/* back up before min_clear: no resolution, no new firing */
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 100000, T0 + 3 * MIN);
	CHECK_INT(router_next_timer(rt), INT64_MAX);
	tick(rt, T0 + 6 * MIN);
	CHECK_INT(nrecs, 1);
	/* the daemon's min_clear changes: pending resolutions follow */
	change(rt, "UA-12", UTIL_POWER, SEV_NONE, 0, T0 + 10 * MIN);
	router_set_min_clear(rt, MIN);
	CHECK_INT(router_next_timer(rt), T0 + 11 * MIN);
	tick(rt, T0 + 11 * MIN);
	CHECK_INT(nrecs, 2);
	CHECK_INT(recs[1].ev, ROUTE_RESOLVED);
	router_free(rt);
}

static void
test_hysteresis_flapping(void)
{
	struct router *rt = fresh();

	router_put(rt, mksub(1, "{\"regions\":[\"UA-12\"],\"min_affected\":"
	    "10000,\"min_clear\":0," CH "}"));
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 10000, T0);
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 9000, T0 + MIN);
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 10500, T0 + 2 * MIN);
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 8100, T0 + 3 * MIN);
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 10001, T0 + 4 * MIN);
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 9999, T0 + 5 * MIN);
	CHECK_INT(nrecs, 1);
	CHECK_INT(recs[0].ev, ROUTE_FIRING);
	/* below four fifths: resolved at once (min_clear 0) */
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 7999, T0 + 6 * MIN);
	CHECK_INT(nrecs, 2);
	CHECK_INT(recs[1].ev, ROUTE_RESOLVED);
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 9999, T0 + 7 * MIN);
	CHECK_INT(nrecs, 2);
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 10000, T0 + 8 * MIN);
	CHECK_INT(nrecs, 3);
	CHECK_INT(recs[2].ev, ROUTE_FIRING);
	router_free(rt);
}

static void
test_repeat_and_ack(void)
{
	struct router *rt = fresh();
	const struct route_episode *ep;
	char key[ROUTE_KEY_MAX];

	router_put(rt, mksub(1, "{\"regions\":[\"UA\"],\"repeat\":\"1h\","
	    CH "}"));
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 100000, T0);
	CHECK_INT(nrecs, 1);
	snprintf(key, sizeof(key), "%s", recs[0].key);
	CHECK_INT(router_next_timer(rt), T0 + HOUR);
	tick(rt, T0 + HOUR - 1);
	CHECK_INT(nrecs, 1);
	tick(rt, T0 + HOUR);
	CHECK_INT(nrecs, 2);
	CHECK_INT(recs[1].ev, ROUTE_REPEAT);
	CHECK_STR(recs[1].key, key);
	CHECK_INT(router_next_timer(rt), T0 + 2 * HOUR);
	/* an update restarts the interval */
	change(rt, "UA-12", UTIL_POWER, SEV_CRITICAL, 600000, T0 + 90 * MIN);
	CHECK_INT(nrecs, 3);
	CHECK_INT(recs[2].ev, ROUTE_UPDATED);
	CHECK_INT(router_next_timer(rt), T0 + 150 * MIN);

	/* acks: a wrong key does nothing, the right one stops repeats */
	CHECK(router_ack(rt, "1/UA-12/power/1", T0 + 100 * MIN) == NULL);
	CHECK(router_ack(rt, "1/UA-12/heat/1", T0 + 100 * MIN) == NULL);
	CHECK(router_ack(rt, "garbage", T0 + 100 * MIN) == NULL);
	CHECK(router_ack(rt, "", T0 + 100 * MIN) == NULL);
	ep = router_ack(rt, key, T0 + 100 * MIN);
	CHECK(ep != NULL);
	if (ep != NULL) {
		CHECK_INT(ep->acked_at, T0 + 100 * MIN);
		CHECK_INT(ep->firing, 1);
		CHECK_STR(ep->incident_key, key);
	}
	CHECK_INT(router_next_timer(rt), INT64_MAX);
	tick(rt, T0 + 5 * HOUR);
	CHECK_INT(nrecs, 3);
	/* an ack does not stop updates or the resolution */
	change(rt, "UA-12", UTIL_POWER, SEV_NONE, 0, T0 + 6 * HOUR);
	tick(rt, T0 + 6 * HOUR + 5 * MIN);
	CHECK_INT(nrecs, 4);
	CHECK_INT(recs[3].ev, ROUTE_RESOLVED);
	/* the resolved episode cannot be acked */
	CHECK(router_ack(rt, key, T0 + 7 * HOUR) == NULL);
	router_free(rt);
}

static void
test_repeat_silenced(void)
{
	struct router *rt = fresh();

	router_put(rt, mksub(1, "{\"regions\":[\"UA-12\"],\"repeat\":\"1h\","
	    CH "}"));
	change(rt, "UA-12:dnipro", UTIL_POWER, SEV_MAJOR, 100000, T0);
	CHECK_INT(nrecs, 1);
	/* a silence over the oblast, all utilities */
	router_silence(rt, 77, R("UA-12"), -1, T0 + 90 * MIN);
	CHECK(router_silenced(rt, R("UA-12:dnipro"), UTIL_POWER, T0 + HOUR));
	CHECK(!router_silenced(rt, R("UA-63"), UTIL_POWER, T0 + HOUR));
	CHECK(!router_silenced(rt, R("UA-12"), UTIL_POWER, T0 + 90 * MIN));
	tick(rt, T0 + HOUR);
	CHECK_INT(nrecs, 1);
	/* the repeat waits for the silence's end, and goes then */
	CHECK_INT(router_next_timer(rt), T0 + 90 * MIN);
	/* an escalation is held back too */
	change(rt, "UA-12:dnipro", UTIL_POWER, SEV_CRITICAL, 200000,
	    T0 + 80 * MIN);
	CHECK_INT(nrecs, 1);
	tick(rt, T0 + 90 * MIN);
	CHECK_INT(nrecs, 2);
	CHECK_INT(recs[1].ev, ROUTE_UPDATED);
	CHECK_INT(recs[1].at, T0 + 90 * MIN);
	CHECK_INT(recs[1].notified, SEV_CRITICAL);
	/* the update was a notice: the next repeat an hour after it */
	CHECK_INT(router_next_timer(rt), T0 + 150 * MIN);
	tick(rt, T0 + 150 * MIN);
	CHECK_INT(nrecs, 3);
	CHECK_INT(recs[2].ev, ROUTE_REPEAT);
	/* but a resolution goes during a silence */
	router_silence(rt, 78, R("UA"), UTIL_POWER, T0 + 10 * HOUR);
	change(rt, "UA-12:dnipro", UTIL_POWER, SEV_NONE, 0, T0 + 160 * MIN);
	tick(rt, T0 + 165 * MIN);
	CHECK_INT(nrecs, 4);
	CHECK_INT(recs[3].ev, ROUTE_RESOLVED);
	CHECK_INT(router_unsilence(rt, 78), 0);
	CHECK_INT(router_unsilence(rt, 78), -1);
	router_free(rt);
}

static void
test_silence_expiry(void)
{
	struct router *rt = fresh();

	router_put(rt, mksub(1, "{\"regions\":[\"UA-12\",\"UA-63\"]," CH "}"));
	router_silence(rt, 5, R("UA-12"), UTIL_POWER, T0 + 10 * MIN);
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 100000, T0);
	CHECK_INT(nrecs, 0);
	/* a silence of power only */
	change(rt, "UA-12", UTIL_HEAT, SEV_MAJOR, 100000, T0);
	CHECK_INT(nrecs, 1);
	CHECK_INT(recs[0].u, UTIL_HEAT);
	CHECK_INT(router_next_timer(rt), T0 + 10 * MIN);
	tick(rt, T0 + 5 * MIN);
	CHECK_INT(nrecs, 1);
	/* the silence ends: the figure still fires, the firing goes now */
	tick(rt, T0 + 10 * MIN);
	CHECK_INT(nrecs, 2);
	CHECK_INT(recs[1].ev, ROUTE_FIRING);
	CHECK_INT(recs[1].u, UTIL_POWER);
	CHECK_INT(recs[1].at, T0 + 10 * MIN);
	CHECK(!router_silenced(rt, R("UA-12"), UTIL_POWER, T0 + 10 * MIN));

	/* held, then the figure drops before the end: nothing, ever */
	router_silence(rt, 6, R("UA-63"), -1, T0 + 30 * MIN);
	change(rt, "UA-63", UTIL_GAS, SEV_MAJOR, 100000, T0 + 15 * MIN);
	change(rt, "UA-63", UTIL_GAS, SEV_NONE, 0, T0 + 20 * MIN);
	tick(rt, T0 + 30 * MIN);
	CHECK_INT(nrecs, 2);

	/* held, then unsilenced early: the next tick fires it */
	router_silence(rt, 7, R("UA-63"), -1, T0 + 10 * HOUR);
	change(rt, "UA-63", UTIL_WATER, SEV_MAJOR, 100000, T0 + 40 * MIN);
	CHECK_INT(nrecs, 2);
	CHECK_INT(router_unsilence(rt, 7), 0);
	CHECK(router_next_timer(rt) <= T0 + 41 * MIN);
	tick(rt, T0 + 41 * MIN);
	CHECK_INT(nrecs, 3);
	CHECK_INT(recs[2].ev, ROUTE_FIRING);
	CHECK_INT(recs[2].u, UTIL_WATER);
	router_free(rt);
}

static void
test_parent_suppression(void)
{
	struct router *rt = fresh();

	router_put(rt, mksub(1, "{\"regions\":[\"UA\"],\"min_clear\":0,"
	    "\"utilities\":[\"power\"]," CH "}"));
	/* the parent fires first: the child is held back */
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 100000, T0);
	change(rt, "UA-12:dnipro", UTIL_POWER, SEV_MAJOR, 50000, T0 + MIN);
	change(rt, "UA-12:dnipro", UTIL_POWER, SEV_CRITICAL, 90000,
	    T0 + 2 * MIN);
	CHECK_INT(nrecs, 1);
	CHECK_STR(recs[0].region, "UA-12");
	/* a sibling oblast is not held back */
	change(rt, "UA-63", UTIL_POWER, SEV_MAJOR, 100000, T0 + 3 * MIN);
	CHECK_INT(nrecs, 2);
	CHECK_STR(recs[1].region, "UA-63");
	/* the parent resolves: the child, still over, fires after it */
	change(rt, "UA-12", UTIL_POWER, SEV_NONE, 0, T0 + 4 * MIN);
	CHECK_INT(nrecs, 4);
	CHECK_INT(recs[2].ev, ROUTE_RESOLVED);
	CHECK_STR(recs[2].region, "UA-12");
	CHECK_INT(recs[3].ev, ROUTE_FIRING);
	CHECK_STR(recs[3].region, "UA-12:dnipro");
	CHECK_INT(recs[3].notified, SEV_CRITICAL);
	CHECK_INT(recs[3].at, T0 + 4 * MIN);

	/* the child fired before the parent: its resolution still goes */
	change(rt, "UA-12", UTIL_POWER, SEV_CRITICAL, 600000, T0 + 5 * MIN);
	CHECK_INT(nrecs, 5);
	CHECK_STR(recs[4].region, "UA-12");
	change(rt, "UA-12:dnipro", UTIL_POWER, SEV_NONE, 0, T0 + 6 * MIN);
	CHECK_INT(nrecs, 6);
	CHECK_INT(recs[5].ev, ROUTE_RESOLVED);
	CHECK_STR(recs[5].region, "UA-12:dnipro");

	/* held back, then below: nothing when the parent resolves */
	change(rt, "UA-12:dnipro", UTIL_POWER, SEV_MAJOR, 50000, T0 + 7 * MIN);
	change(rt, "UA-12:dnipro", UTIL_POWER, SEV_NONE, 0, T0 + 8 * MIN);
	change(rt, "UA-12", UTIL_POWER, SEV_NONE, 0, T0 + 9 * MIN);
	CHECK_INT(nrecs, 7);
	CHECK_INT(recs[6].ev, ROUTE_RESOLVED);
	CHECK_STR(recs[6].region, "UA-12");

	/* a grandparent: the oblast fires when the country resolves, and
	 * the city stays held back under the oblast */
	change(rt, "UA", UTIL_POWER, SEV_MAJOR, 1000000, T0 + 10 * MIN);
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 100000, T0 + 11 * MIN);
	change(rt, "UA-12:dnipro", UTIL_POWER, SEV_MAJOR, 50000,
	    T0 + 11 * MIN);
	CHECK_INT(nrecs, 8);
	CHECK_STR(recs[7].region, "UA");
	change(rt, "UA", UTIL_POWER, SEV_NONE, 0, T0 + 12 * MIN);
	CHECK_INT(nrecs, 10);
	CHECK_INT(recs[8].ev, ROUTE_RESOLVED);
	CHECK_STR(recs[8].region, "UA");
	CHECK_INT(recs[9].ev, ROUTE_FIRING);
	CHECK_STR(recs[9].region, "UA-12");

	/* another subscription is not held back by this one's parent */
	router_put(rt, mksub(2, "{\"regions\":[\"UA-12:dnipro\"]," CH "}"));
	change(rt, "UA-12:dnipro", UTIL_POWER, SEV_CRITICAL, 60000,
	    T0 + 13 * MIN);
	CHECK_INT(nrecs, 11);
	CHECK_INT(recs[10].sub_id, 2);
	router_free(rt);
}

static void
test_suppressed_by_timer(void)
{
	/* the parent resolves from router_tick: the child fires then */
	struct router *rt = fresh();

	router_put(rt, mksub(1, "{\"regions\":[\"UA-12\"]," CH "}"));
	change(rt, "UA-12", UTIL_HEAT, SEV_MAJOR, 100000, T0);
	change(rt, "UA-12:dnipro", UTIL_HEAT, SEV_MAJOR, 50000, T0);
	change(rt, "UA-12", UTIL_HEAT, SEV_NONE, 0, T0 + MIN);
	CHECK_INT(nrecs, 1);
	tick(rt, T0 + 6 * MIN);
	CHECK_INT(nrecs, 3);
	CHECK_INT(recs[1].ev, ROUTE_RESOLVED);
	CHECK_INT(recs[2].ev, ROUTE_FIRING);
	CHECK_STR(recs[2].region, "UA-12:dnipro");
	router_free(rt);
}

static void
test_narrowed_and_removed(void)
{
	struct router *rt = fresh();
	const struct subscription *v1;

	router_put(rt, mksub(1, "{\"regions\":[\"UA-12\",\"UA-63\"],"
	    "\"min_clear\":0," CH "}"));
	router_put(rt, mksub(2, "{\"regions\":[\"UA-63\"],\"min_clear\":0,"
	    CH "}"));
	router_put(rt, mksub(3, "{\"regions\":[\"UA-12\"],\"min_clear\":0,"
	    "\"channel\":{\"type\":\"mqtt\",\"topic\":\"old\"}}"));
	change(rt, "UA-63", UTIL_POWER, SEV_MAJOR, 100000, T0);
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 100000, T0);
	CHECK_INT(nrecs, 4);
	v1 = router_get(rt, 1);
	CHECK(v1 != NULL);

	/* sub 1 narrowed to UA-12, sub 2 removed, sub 3's channel changed */
	router_put(rt, mksub(1, "{\"regions\":[\"UA-12\"],\"min_clear\":0,"
	    CH "}"));
	CHECK_INT(router_remove(rt, 2), 0);
	CHECK_INT(router_remove(rt, 2), -1);
	router_put(rt, mksub(3, "{\"regions\":[\"UA-12\"],\"min_clear\":0,"
	    "\"channel\":{\"type\":\"mqtt\",\"topic\":\"new\"}}"));
	CHECK_INT(router_count(rt), 2);
	CHECK(router_get(rt, 2) == NULL);

	/* UA-63 escalates: the narrowed and removed ones hear nothing */
	reset();
	change(rt, "UA-63", UTIL_POWER, SEV_CRITICAL, 600000, T0 + MIN);
	CHECK_INT(nrecs, 0);
	/* UA-63 clears: both still get the resolution, as they were */
	change(rt, "UA-63", UTIL_POWER, SEV_NONE, 0, T0 + 2 * MIN);
	CHECK_INT(nrecs, 2);
	CHECK_INT(recs[0].ev, ROUTE_RESOLVED);
	CHECK_INT(recs[0].sub_id, 1);
	CHECK_INT(recs[0].nregions, 2);		/* the version it was */
	CHECK_INT(recs[1].ev, ROUTE_RESOLVED);
	CHECK_INT(recs[1].sub_id, 2);
	/* and no more after that */
	change(rt, "UA-63", UTIL_POWER, SEV_MAJOR, 100000, T0 + 3 * MIN);
	CHECK_INT(nrecs, 2);

	/* UA-12 goes on under the new versions (same key) */
	change(rt, "UA-12", UTIL_POWER, SEV_CRITICAL, 600000, T0 + 4 * MIN);
	CHECK_INT(nrecs, 4);
	CHECK_INT(recs[2].ev, ROUTE_UPDATED);
	CHECK_INT(recs[2].sub_id, 1);
	CHECK(recs[2].sub == router_get(rt, 1));
	CHECK_INT(recs[3].ev, ROUTE_UPDATED);
	CHECK_INT(recs[3].sub_id, 3);
	CHECK_STR(recs[3].topic, "new");

	/* removed while firing, then its figure clears via the timer */
	router_put(rt, mksub(4, "{\"regions\":[\"US-TX\"]," CH "}"));
	change(rt, "US-TX", UTIL_GAS, SEV_MAJOR, 100000, T0 + 5 * MIN);
	CHECK_INT(nrecs, 5);
	CHECK_INT(router_remove(rt, 4), 0);
	change(rt, "US-TX", UTIL_GAS, SEV_NONE, 0, T0 + 6 * MIN);
	CHECK_INT(nrecs, 5);
	tick(rt, T0 + 11 * MIN);
	CHECK_INT(nrecs, 6);
	CHECK_INT(recs[5].ev, ROUTE_RESOLVED);
	CHECK_INT(recs[5].sub_id, 4);
	CHECK_STR(recs[5].region, "US-TX");
	router_free(rt);
}

static void
test_send_resolved_false(void)
{
	/*
	 * The resolution is still reported, so the caller can close the
	 * stored episode; the caller does not deliver it (route.h).
	 */
	struct router *rt = fresh();

	router_put(rt, mksub(1, "{\"regions\":[\"UA-12\"],\"min_clear\":0,"
	    "\"send_resolved\":false," CH "}"));
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 100000, T0);
	change(rt, "UA-12", UTIL_POWER, SEV_NONE, 0, T0 + MIN);
	CHECK_INT(nrecs, 2);
	CHECK_INT(recs[1].ev, ROUTE_RESOLVED);
	CHECK_INT(recs[1].send_resolved, 0);
	/* the episode is closed: the next outage is a new firing */
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 100000, T0 + 2 * MIN);
	CHECK_INT(nrecs, 3);
	CHECK_INT(recs[2].ev, ROUTE_FIRING);
	router_free(rt);
}

#define JAN15_2100Z	INT64_C(1768510800000)	/* 23:00 in Kyiv (EET) */
#define JAN16_0500Z	INT64_C(1768539600000)	/* 07:00 in Kyiv */

static void
test_quiet_hours(void)
{
	struct router *rt = fresh();

	router_put(rt, mksub(1, "{\"regions\":[\"UA-12\"],\"min_clear\":0,"
	    "\"quiet_hours\":{\"from\":\"22:00\",\"to\":\"07:00\",\"tz\":"
	    "\"Europe/Kyiv\"}," CH "}"));
	router_put(rt, mksub(2, "{\"regions\":[\"UA-12\"]," CH "}"));
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 100000, JAN15_2100Z);
	CHECK_INT(nrecs, 2);
	CHECK_INT(recs[0].sub_id, 1);
	CHECK_INT(recs[0].at, JAN15_2100Z);
	CHECK_INT(recs[0].not_before, JAN16_0500Z);
	CHECK_INT(recs[1].sub_id, 2);
	CHECK_INT(recs[1].not_before, JAN15_2100Z);
	/* after the window: at once */
	change(rt, "UA-12", UTIL_POWER, SEV_NONE, 0, JAN16_0500Z + MIN);
	CHECK_INT(recs[2].sub_id, 1);
	CHECK_INT(recs[2].ev, ROUTE_RESOLVED);
	CHECK_INT(recs[2].not_before, JAN16_0500Z + MIN);
	router_free(rt);
}

static void
test_restore(void)
{
	struct router *rt = fresh();
	struct route_episode ep;

	router_put(rt, mksub(1, "{\"regions\":[\"UA-12\"],\"repeat\":\"1h\","
	    "\"min_clear\":0," CH "}"));
	memset(&ep, 0, sizeof(ep));
	ep.sub_id = 1;
	ep.region = R("UA-12");
	ep.utility = UTIL_POWER;
	ep.firing = 1;
	ep.notified = SEV_MAJOR;
	ep.started_at = T0 - HOUR;
	ep.last_sent_at = T0 - 30 * MIN;
	snprintf(ep.incident_key, sizeof(ep.incident_key),
	    "1/UA-12/power/%lld", (long long)(T0 - HOUR));
	router_restore(rt, &ep);
	router_restore(rt, &ep);		/* twice: once */
	/* for a subscription that is gone: nothing to tell */
	ep.sub_id = 99;
	router_restore(rt, &ep);
	ep.sub_id = 1;
	CHECK_INT(router_next_timer(rt), T0 + 30 * MIN);

	/* the figure, still over after the restart: no second firing */
	change(rt, "UA-12", UTIL_POWER, SEV_MAJOR, 100000, T0);
	CHECK_INT(nrecs, 0);
	/* acknowledgeable by its stored key */
	CHECK(router_ack(rt, ep.incident_key, T0 + MIN) != NULL);
	/* it clears: resolved, with the stored key */
	change(rt, "UA-12", UTIL_POWER, SEV_NONE, 0, T0 + 2 * MIN);
	CHECK_INT(nrecs, 1);
	CHECK_INT(recs[0].ev, ROUTE_RESOLVED);
	CHECK_STR(recs[0].key, ep.incident_key);
	router_free(rt);

	/* a restored episode the subscription no longer covers resolves */
	rt = fresh();
	router_put(rt, mksub(1, "{\"regions\":[\"UA-63\"],\"min_clear\":0,"
	    CH "}"));
	router_restore(rt, &ep);
	change(rt, "UA-12", UTIL_POWER, SEV_CRITICAL, 600000, T0);
	CHECK_INT(nrecs, 0);
	change(rt, "UA-12", UTIL_POWER, SEV_NONE, 0, T0 + MIN);
	CHECK_INT(nrecs, 1);
	CHECK_INT(recs[0].ev, ROUTE_RESOLVED);
	router_free(rt);

	/* a restored episode repeats from its last notice, via the timer */
	rt = fresh();
	router_put(rt, mksub(1, "{\"regions\":[\"UA-12\"],\"repeat\":\"1h\","
	    CH "}"));
	ncells = 0;
	router_restore(rt, &ep);
	router_tick(rt, T0 + 30 * MIN, NULL, record, NULL);
	CHECK_INT(nrecs, 1);
	CHECK_INT(recs[0].ev, ROUTE_REPEAT);
	CHECK_INT(recs[0].has_fig, 0);
	router_free(rt);
}

static int
collect_ids(void *arg, const struct subscription *s)
{
	int64_t **p = arg;

	*(*p)++ = s->id;
	return 0;
}

static void
test_order(void)
{
	struct router *rt = fresh();
	int64_t ids[8], *p = ids;

	/* put in no order, covering the cell through different lists */
	router_put(rt, mksub(9, "{\"regions\":[\"UA-12:dnipro\"]," CH "}"));
	router_put(rt, mksub(2, "{\"regions\":[\"*\"]," CH "}"));
	router_put(rt, mksub(5, "{\"regions\":[\"UA\"]," CH "}"));
	router_put(rt, mksub(-3, "{\"regions\":[\"UA-12\",\"UA-12:dnipro\"],"
	    CH "}"));
	router_put(rt, mksub(7, "{\"regions\":[\"UA-12\"],\"utilities\":"
	    "[\"heat\"]," CH "}"));
	router_put(rt, mksub(8, "{\"regions\":[\"UA-63\"]," CH "}"));
	change(rt, "UA-12:dnipro", UTIL_POWER, SEV_MAJOR, 100000, T0);
	CHECK_INT(nrecs, 4);
	CHECK_INT(recs[0].sub_id, -3);
	CHECK_INT(recs[1].sub_id, 2);
	CHECK_INT(recs[2].sub_id, 5);
	CHECK_INT(recs[3].sub_id, 9);
	router_foreach(rt, collect_ids, &p);
	CHECK_INT(p - ids, 6);
	CHECK_INT(ids[0], -3);
	CHECK_INT(ids[5], 9);
	router_free(rt);
}

/*
 * 100,000 subscriptions over UA oblasts and cities and US states (and
 * 1 % "*"), 1,000 changes: every change fires or resolves for each
 * subscription covering its cell, which the test counts on its own.
 */
static void
test_scale(void)
{
	enum { NSUB = 100000, NCHANGE = 1000 };
	const struct region *pool[128], *r;
	size_t npool = 0, *listing;
	size_t nall = 0;
	uint64_t seed = 42;
	size_t expect = 0;
	int *on;
	int64_t *ids;
	struct router *rt;
	struct figure hot = mkfig(SEV_CRITICAL, 100000, 30);
	struct figure cold = mkfig(SEV_NONE, 0, 0);
	struct timespec a, b;
	double ms;
	char text[256];

	/* UA oblasts, 40 UA cities and towns, US states */
	for (int pass = 0; pass < 3; pass++) {
		size_t ncity = 0;

		for (size_t i = 0; i < gaz_count(gaz) && npool < 128; i++) {
			r = gaz_at(gaz, i);
			if ((pass == 0 && strncmp(r->id, "UA-", 3) == 0 &&
			    r->depth == 1) ||
			    (pass == 1 && strncmp(r->id, "UA-", 3) == 0 &&
			    r->depth == 2 && ncity++ < 40) ||
			    (pass == 2 && strncmp(r->id, "US-", 3) == 0 &&
			    r->depth == 1))
				pool[npool++] = r;
		}
	}
	CHECK(npool > 60);
	listing = calloc(npool, sizeof(*listing));
	on = calloc(npool, sizeof(*on));
	ids = malloc(NSUB * sizeof(*ids));
	for (size_t i = 0; i < NSUB; i++)
		ids[i] = (int64_t)i + 1;
	for (size_t i = NSUB - 1; i > 0; i--) {	/* shuffled ids */
		size_t k;
		int64_t t;

		seed = seed * 6364136223846793005u + 1442695040888963407u;
		k = (size_t)(seed >> 33) % (i + 1);
		t = ids[i];
		ids[i] = ids[k];
		ids[k] = t;
	}
	rt = fresh();
	for (size_t i = 0; i < NSUB; i++) {
		struct subscription *s;

		if (i % 100 == 99) {
			s = mksub(ids[i], "{\"regions\":[\"*\"],\"min_severity\":"
			    "\"major\",\"min_clear\":0," CH "}");
			nall++;
		} else {
			snprintf(text, sizeof(text), "{\"regions\":[\"%s\"],"
			    "\"min_severity\":\"major\",\"min_clear\":0,"
			    "\"utilities\":[\"power\",\"heat\"]," CH "}",
			    pool[i % npool]->id);
			s = mksub(ids[i], text);
			listing[i % npool]++;
		}
		router_put(rt, s);
	}
	CHECK_INT(router_count(rt), NSUB);
	/*
	 * Change k toggles pool[k % npool]: cities on heat, oblasts and
	 * states on power, so that no subscription holds a cell back under
	 * a firing parent.  Each toggle fires (or resolves) for everyone
	 * covering the cell: those listing it, its ancestors, and "*".
	 */
	for (size_t k = 0; k < NCHANGE; k++) {
		size_t i = k % npool;

		r = pool[i];
		for (const struct region *x = r; x; x = x->parent)
			for (size_t j = 0; j < npool; j++)
				if (pool[j] == x)
					expect += listing[j];
		expect += nall;
	}
	reset();
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (size_t k = 0; k < NCHANGE; k++) {
		size_t i = k % npool;

		r = pool[i];
		on[i] = !on[i];
		router_figure(rt, r, r->depth >= 2 ? UTIL_HEAT : UTIL_POWER,
		    on[i] ? &hot : &cold, T0 + (int64_t)k * 1000, count,
		    &nemitted);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	ms = (double)(b.tv_sec - a.tv_sec) * 1e3 +
	    (double)(b.tv_nsec - a.tv_nsec) / 1e6;
	CHECK_INT(nemitted, expect);
	printf("# scale: %d subscriptions, %d changes, %zu notices in %.1f ms "
	    "(%.1f us per change)\n", NSUB, NCHANGE, nemitted, ms,
	    ms * 1e3 / NCHANGE);
	router_free(rt);
	free(listing);
	free(on);
	free(ids);
}

int
main(void)
{
	if ((gaz = t_gazetteer()) == NULL)
		return 1;
	RUN(test_fire_update_resolve);
	RUN(test_clear_interrupted);
	RUN(test_hysteresis_flapping);
	RUN(test_repeat_and_ack);
	RUN(test_repeat_silenced);
	RUN(test_silence_expiry);
	RUN(test_parent_suppression);
	RUN(test_suppressed_by_timer);
	RUN(test_narrowed_and_removed);
	RUN(test_send_resolved_false);
	RUN(test_quiet_hours);
	RUN(test_restore);
	RUN(test_order);
	RUN(test_scale);
	gaz_free(gaz);
	return T_DONE();
}
