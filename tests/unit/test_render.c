/* SPDX-License-Identifier: MIT */
/*
 * test_render.c - the JSON that leaves outaged: a region's status with every
 * utility (the README's seed report: UA-12, 600,000 households, 46.1 %,
 * critical), the country roll-up, and alert events, built from a real
 * gazetteer and aggregate.  Fields are checked one by one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "agg.h"
#include "alert.h"
#include "region.h"
#include "render.h"
#include "util.h"

#include "t.h"

#define T0	INT64_C(1795687200000)	/* 2026-11-26T10:00:00Z */
#define MIN	INT64_C(60000)
#define HOUR	(60 * MIN)
#define TTL	(6 * HOUR)

static struct gazetteer *gaz;
static const struct region *UA, *UA12, *UA63, *DNIPRO, *TX, *BY;

static const struct agg_params params = {
	.ttl_ms = TTL,
	.thr = {
		.pct = { 0, 0.1, 5, 25 },
		.count = { 0, 1, 10000, 100000 },
	},
};

static const struct alert_rule rule = { SEV_MAJOR, SEV_MINOR, 30 * MIN };

/* ---- helpers ------------------------------------------------------------ */

static void
put(struct agg *a, const struct region *r, enum utility u, const char *source,
    enum report_status st, int64_t affected, const char *unit, int priority,
    int approximate, int64_t at)
{
	struct claim c;

	memset(&c, 0, sizeof(c));
	str_copy(c.source, source, sizeof(c.source));
	c.status = st;
	c.affected = affected;
	str_copy(c.unit, affected >= 0 ? unit : "", sizeof(c.unit));
	c.priority = priority;
	c.approximate = approximate;
	c.observed_at = at;
	CHECK_INT(agg_apply(a, r, u, &c), 1);
}

/* The seed: dtek says 600,000 households in UA-12 are without power. */
static struct agg *
seed(void)
{
	struct agg *a = agg_new(gaz, &params);

	put(a, UA12, UTIL_POWER, "dtek", RS_OUTAGE, 600000, "households", 10,
	    1, T0);
	agg_recompute(a, T0 + MIN, NULL, NULL);
	return a;
}

static const char *
jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static long long
jint(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (long long)json_integer_value(v) : -999;
}

static double
jreal(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_number(v) ? json_number_value(v) : -999.0;
}

static int
jnull(const json_t *o, const char *key)
{
	return json_is_null(json_object_get(o, key));
}

/* ---- status ------------------------------------------------------------- */

static void
test_status_seed(void)
{
	struct agg *a = seed();
	json_t *j = render_status(a, UA12, T0 + 2 * MIN);
	json_t *utils, *p, *den, *claims, *cl, *children;
	char *dump;

	CHECK(json_is_object(j));
	CHECK_STR(jstr(j, "region"), "UA-12");
	CHECK_STR(jstr(j, "name"), UA12->name);
	CHECK_STR(jstr(j, "parent"), "UA");
	CHECK_STR(jstr(j, "generated_at"), "2026-11-26T10:02:00Z");
	den = json_object_get(j, "denominator");
	CHECK(json_is_object(den));
	CHECK_INT(jint(den, "count"), 1301000);
	CHECK_STR(jstr(den, "unit"), "households");

	/* every utility is there, and only those */
	utils = json_object_get(j, "utilities");
	CHECK(json_is_object(utils));
	CHECK_INT(json_object_size(utils), UTIL_COUNT);

	p = json_object_get(utils, "power");
	CHECK(json_is_object(p));
	CHECK_STR(jstr(p, "status"), "outage");
	CHECK_STR(jstr(p, "coverage"), "reported");
	CHECK_INT(jint(p, "affected"), 600000);
	CHECK_STR(jstr(p, "unit"), "households");
	/* 600,000 / 1,301,000 = 46.118 %, shown to one decimal */
	CHECK(json_is_real(json_object_get(p, "percent")));
	CHECK_NEAR(jreal(p, "percent"), 46.1, 1e-9);
	CHECK_STR(jstr(p, "severity"), "critical");
	CHECK(json_is_true(json_object_get(p, "approximate")));
	CHECK_INT(jint(p, "sources"), 1);
	CHECK_INT(jint(p, "direct"), 600000);
	CHECK_INT(jint(p, "peak"), 600000);
	CHECK_STR(jstr(p, "since"), "2026-11-26T10:00:00Z");
	CHECK_STR(jstr(p, "last_update"), "2026-11-26T10:00:00Z");
	children = json_object_get(p, "children");
	CHECK(json_is_object(children));
	CHECK(jnull(children, "affected"));
	CHECK_INT(jint(children, "reporting"), 0);
	claims = json_object_get(p, "claims");
	CHECK(json_is_array(claims));
	CHECK_INT(json_array_size(claims), 1);
	cl = json_array_get(claims, 0);
	CHECK_STR(jstr(cl, "source"), "dtek");
	CHECK_STR(jstr(cl, "status"), "outage");
	CHECK_INT(jint(cl, "affected"), 600000);
	CHECK_STR(jstr(cl, "unit"), "households");
	CHECK(json_is_true(json_object_get(cl, "approximate")));
	CHECK_INT(jint(cl, "priority"), 10);
	CHECK_STR(jstr(cl, "observed_at"), "2026-11-26T10:00:00Z");

	/* nobody reported the others: unknown, never zero */
	for (int u = 0; u < UTIL_COUNT; u++) {
		json_t *f;

		if (u == UTIL_POWER)
			continue;
		f = json_object_get(utils, utility_name((enum utility)u));
		CHECK(json_is_object(f));
		CHECK_STR(jstr(f, "status"), "unknown");
		CHECK_STR(jstr(f, "coverage"), "unknown");
		CHECK(jnull(f, "affected"));
		CHECK(jnull(f, "unit"));
		CHECK(jnull(f, "percent"));
		CHECK(jnull(f, "peak"));
		CHECK(jnull(f, "direct"));
		CHECK_STR(jstr(f, "severity"), "none");
		CHECK_INT(jint(f, "sources"), 0);
		CHECK_INT(json_array_size(json_object_get(f, "claims")), 0);
	}

	/* as published: the percent reads 46.1, not 46.100000000000001 */
	dump = json_dumps(j, OD_JSON_COMPACT);
	CHECK(dump != NULL);
	CHECK(dump != NULL && strstr(dump, "\"percent\":46.1,") != NULL);
	free(dump);
	json_decref(j);
	agg_free(a);
}

static void
test_status_rollup(void)
{
	struct agg *a = seed();
	json_t *j, *p, *children;

	/* a second oblast, and the city inside UA-12 (a lower figure) */
	put(a, UA63, UTIL_POWER, "kharkivoblenergo", RS_OUTAGE, 100000,
	    "households", 10, 0, T0 + 2 * MIN);
	put(a, DNIPRO, UTIL_POWER, "news:ukrinform", RS_OUTAGE, 200000,
	    "households", -10, 1, T0 + 3 * MIN);
	agg_recompute(a, T0 + 4 * MIN, NULL, NULL);

	/* UA-12: its own claim beats the sum of its city */
	j = render_status(a, UA12, T0 + 5 * MIN);
	p = json_object_get(json_object_get(j, "utilities"), "power");
	CHECK_INT(jint(p, "affected"), 600000);
	CHECK_INT(jint(p, "direct"), 600000);
	children = json_object_get(p, "children");
	CHECK_INT(jint(children, "affected"), 200000);
	CHECK_INT(jint(children, "reporting"), 1);
	CHECK_INT(json_array_size(json_object_get(p, "claims")), 1);
	CHECK_STR(jstr(p, "basis"), "direct");
	json_decref(j);

	/* UA: nothing of its own, the sum of its oblasts (city not twice) */
	j = render_status(a, UA, T0 + 5 * MIN);
	CHECK_STR(jstr(j, "region"), "UA");
	CHECK(jnull(j, "parent"));
	CHECK_INT(jint(json_object_get(j, "denominator"), "count"), 16125000);
	p = json_object_get(json_object_get(j, "utilities"), "power");
	CHECK(json_is_object(p));
	CHECK_STR(jstr(p, "status"), "outage");
	CHECK_STR(jstr(p, "coverage"), "reported");
	CHECK_INT(jint(p, "affected"), 700000);
	CHECK_STR(jstr(p, "unit"), "households");
	/* 700,000 / 16,125,000 = 4.341 %: minor (under 5 %) */
	CHECK_NEAR(jreal(p, "percent"), 4.3, 1e-9);
	CHECK_STR(jstr(p, "severity"), "minor");
	CHECK_INT(jint(p, "sources"), 0);
	CHECK(jnull(p, "direct"));
	children = json_object_get(p, "children");
	CHECK_INT(jint(children, "affected"), 700000);
	CHECK_INT(jint(children, "reporting"), 2);
	CHECK_INT(json_array_size(json_object_get(p, "claims")), 0);
	CHECK_STR(jstr(p, "basis"), "children");
	CHECK_STR(jstr(p, "last_update"), "2026-11-26T10:03:00Z");
	/* the other utilities of the country are unknown too */
	CHECK_STR(jstr(json_object_get(json_object_get(j, "utilities"),
	    "water"), "coverage"), "unknown");
	json_decref(j);

	/*
	 * Past the TTL of the oblast's claim the city's fresher one still
	 * holds it up: 200,000 of 1,301,000 = 15.4 %, major.
	 */
	agg_recompute(a, T0 + TTL + MIN, NULL, NULL);
	j = render_status(a, UA12, T0 + TTL + MIN);
	p = json_object_get(json_object_get(j, "utilities"), "power");
	CHECK_STR(jstr(p, "status"), "outage");
	CHECK_INT(jint(p, "affected"), 200000);
	CHECK(jnull(p, "direct"));
	CHECK_NEAR(jreal(p, "percent"), 15.4, 1e-9);
	CHECK_STR(jstr(p, "severity"), "major");
	CHECK_INT(jint(p, "sources"), 0);
	json_decref(j);

	/* every claim stale: the oblast is unknown again, figures gone */
	agg_recompute(a, T0 + TTL + 10 * MIN, NULL, NULL);
	j = render_status(a, UA12, T0 + TTL + 10 * MIN);
	p = json_object_get(json_object_get(j, "utilities"), "power");
	CHECK_STR(jstr(p, "status"), "unknown");
	CHECK_STR(jstr(p, "coverage"), "unknown");
	CHECK(jnull(p, "affected"));
	CHECK(jnull(p, "percent"));
	CHECK_STR(jstr(p, "severity"), "none");
	CHECK(jnull(p, "basis"));
	/* the stale claim is still listed, for people to see */
	CHECK_INT(json_array_size(json_object_get(p, "claims")), 1);
	json_decref(j);
	j = render_status(a, UA, T0 + TTL + 10 * MIN);
	p = json_object_get(json_object_get(j, "utilities"), "power");
	CHECK_STR(jstr(p, "coverage"), "unknown");
	CHECK(jnull(p, "affected"));
	json_decref(j);
	agg_free(a);
}

static void
test_status_restored_and_other_units(void)
{
	struct agg *a = seed();
	json_t *j, *p;

	/* restored: zero, reported, no peak */
	put(a, UA12, UTIL_POWER, "dtek", RS_RESTORED, -1, "", 10, 0,
	    T0 + HOUR);
	/* a state with customers as its unit */
	put(a, TX, UTIL_POWER, "oncor", RS_PARTIAL, 1330000, "customers", 0, 0,
	    T0 + HOUR);
	/* a region without a denominator: severity by count */
	put(a, BY, UTIL_GAS, "bayernets", RS_OUTAGE, 50000, "households", 0, 0,
	    T0 + HOUR);
	agg_recompute(a, T0 + HOUR + MIN, NULL, NULL);

	j = render_status(a, UA12, T0 + HOUR + MIN);
	p = json_object_get(json_object_get(j, "utilities"), "power");
	CHECK_STR(jstr(p, "status"), "restored");
	CHECK_STR(jstr(p, "coverage"), "reported");
	CHECK_INT(jint(p, "affected"), 0);
	CHECK_NEAR(jreal(p, "percent"), 0.0, 1e-9);
	CHECK_STR(jstr(p, "severity"), "none");
	CHECK(jnull(p, "peak"));
	json_decref(j);

	j = render_status(a, TX, T0 + HOUR + MIN);
	CHECK_STR(jstr(j, "parent"), "US");
	CHECK_STR(jstr(json_object_get(j, "denominator"), "unit"),
	    "customers");
	p = json_object_get(json_object_get(j, "utilities"), "power");
	CHECK_STR(jstr(p, "status"), "partial");
	CHECK_INT(jint(p, "affected"), 1330000);
	CHECK_STR(jstr(p, "unit"), "customers");
	CHECK_NEAR(jreal(p, "percent"), 10.0, 1e-9);
	CHECK_STR(jstr(p, "severity"), "major");
	CHECK(json_is_false(json_object_get(p, "approximate")));
	CHECK_INT(jint(p, "peak"), 1330000);
	json_decref(j);

	j = render_status(a, BY, T0 + HOUR + MIN);
	CHECK(json_is_object(j));
	CHECK(jnull(j, "denominator"));
	p = json_object_get(json_object_get(j, "utilities"), "gas");
	CHECK_STR(jstr(p, "status"), "outage");
	CHECK_INT(jint(p, "affected"), 50000);
	CHECK(jnull(p, "percent"));
	CHECK_STR(jstr(p, "severity"), "major");	/* 10,000 .. 100,000 */
	json_decref(j);
	agg_free(a);
}

/*
 * Issue 11: the higher-priority source says the oblast is restored (0),
 * a volunteer says its city is out.  The roll-up wins (README, "How
 * figures are computed"): priority ranks claims about the same place, and
 * the city's claim is about a place the oblast's only summarises.  The
 * document says why: basis "children".
 */
static void
test_status_basis_parent_restored_child_out(void)
{
	struct agg *a = agg_new(gaz, &params);
	json_t *j, *p;

	put(a, UA12, UTIL_POWER, "dtek", RS_RESTORED, 0, "households", 10, 0,
	    T0);
	put(a, DNIPRO, UTIL_POWER, "volunteer", RS_OUTAGE, 5000,
	    "households", -5, 0, T0 + MIN);
	agg_recompute(a, T0 + 2 * MIN, NULL, NULL);
	j = render_status(a, UA12, T0 + 2 * MIN);
	p = json_object_get(json_object_get(j, "utilities"), "power");
	CHECK_STR(jstr(p, "status"), "outage");
	CHECK_INT(jint(p, "affected"), 5000);
	CHECK_INT(jint(p, "direct"), 0);
	CHECK_STR(jstr(p, "basis"), "children");
	json_decref(j);

	/* the city restored as well: the oblast's own claim decides again */
	put(a, DNIPRO, UTIL_POWER, "volunteer", RS_RESTORED, 0, "households",
	    -5, 0, T0 + 3 * MIN);
	agg_recompute(a, T0 + 4 * MIN, NULL, NULL);
	j = render_status(a, UA12, T0 + 4 * MIN);
	p = json_object_get(json_object_get(j, "utilities"), "power");
	CHECK_STR(jstr(p, "status"), "restored");
	CHECK_STR(jstr(p, "basis"), "direct");
	json_decref(j);

	/* a worse status below, with no count: still the children's */
	put(a, DNIPRO, UTIL_POWER, "volunteer", RS_OUTAGE, -1, "", -5, 0,
	    T0 + 5 * MIN);
	agg_recompute(a, T0 + 6 * MIN, NULL, NULL);
	j = render_status(a, UA12, T0 + 6 * MIN);
	p = json_object_get(json_object_get(j, "utilities"), "power");
	CHECK_STR(jstr(p, "status"), "outage");
	CHECK_STR(jstr(p, "basis"), "children");
	json_decref(j);
	agg_free(a);
}

/* ---- alerts -------------------------------------------------------------- */

static void
test_alert_firing_updated_resolved(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct alert_state st;
	const struct figure *f;
	json_t *j;
	char key[128];

	memset(&st, 0, sizeof(st));
	/* fires at major: 100,000 of 1,301,000 = 7.7 % */
	put(a, UA12, UTIL_POWER, "dtek", RS_OUTAGE, 100000, "households", 10,
	    0, T0);
	agg_recompute(a, T0 + MIN, NULL, NULL);
	f = agg_figure(a, UA12, UTIL_POWER);
	CHECK_INT(f->severity, SEV_MAJOR);
	CHECK_INT(alert_eval(&rule, &st, f->severity, T0 + MIN), ALERT_FIRING);
	st.id = 42;			/* as store_save_alert sets it */
	snprintf(key, sizeof(key), "UA-12/power/%lld",
	    (long long)(T0 + MIN));
	j = render_alert(UA12, UTIL_POWER, ALERT_FIRING, &st, f, T0 + MIN);
	CHECK(json_is_object(j));
	CHECK_STR(jstr(j, "event"), "firing");
	CHECK_INT(jint(j, "alert_id"), 42);
	CHECK_STR(jstr(j, "incident_key"), key);
	CHECK_STR(jstr(j, "region"), "UA-12");
	CHECK_STR(jstr(j, "region_name"), UA12->name);
	CHECK_STR(jstr(j, "utility"), "power");
	CHECK_STR(jstr(j, "severity"), "major");
	CHECK_STR(jstr(j, "status"), "outage");
	CHECK_INT(jint(j, "affected"), 100000);
	CHECK_STR(jstr(j, "unit"), "households");
	CHECK_NEAR(jreal(j, "percent"), 7.7, 1e-9);
	CHECK(json_is_false(json_object_get(j, "approximate")));
	CHECK_STR(jstr(j, "started_at"), "2026-11-26T10:01:00Z");
	CHECK_STR(jstr(j, "at"), "2026-11-26T10:01:00Z");
	json_decref(j);

	/* escalates to critical: the same episode, updated */
	put(a, UA12, UTIL_POWER, "dtek", RS_OUTAGE, 600000, "households", 10,
	    1, T0 + HOUR);
	agg_recompute(a, T0 + HOUR + MIN, NULL, NULL);
	f = agg_figure(a, UA12, UTIL_POWER);
	CHECK_INT(alert_eval(&rule, &st, f->severity, T0 + HOUR + MIN),
	    ALERT_UPDATED);
	j = render_alert(UA12, UTIL_POWER, ALERT_UPDATED, &st, f,
	    T0 + HOUR + MIN);
	CHECK_STR(jstr(j, "event"), "updated");
	CHECK_INT(jint(j, "alert_id"), 42);
	CHECK_STR(jstr(j, "incident_key"), key);
	CHECK_STR(jstr(j, "severity"), "critical");
	CHECK_INT(jint(j, "affected"), 600000);
	CHECK_NEAR(jreal(j, "percent"), 46.1, 1e-9);
	CHECK(json_is_true(json_object_get(j, "approximate")));
	CHECK_STR(jstr(j, "started_at"), "2026-11-26T10:01:00Z");
	CHECK_STR(jstr(j, "at"), "2026-11-26T11:01:00Z");
	json_decref(j);

	/* restored; resolves once below clear for min_clear */
	put(a, UA12, UTIL_POWER, "dtek", RS_RESTORED, -1, "", 10, 0,
	    T0 + 2 * HOUR);
	agg_recompute(a, T0 + 2 * HOUR, NULL, NULL);
	f = agg_figure(a, UA12, UTIL_POWER);
	CHECK_INT(f->severity, SEV_NONE);
	CHECK_INT(alert_eval(&rule, &st, f->severity, T0 + 2 * HOUR),
	    ALERT_NONE);
	CHECK_INT(alert_eval(&rule, &st, f->severity, T0 + 2 * HOUR + 30 * MIN),
	    ALERT_RESOLVED);
	j = render_alert(UA12, UTIL_POWER, ALERT_RESOLVED, &st, f,
	    T0 + 2 * HOUR + 30 * MIN);
	CHECK_STR(jstr(j, "event"), "resolved");
	CHECK_INT(jint(j, "alert_id"), 42);
	CHECK_STR(jstr(j, "incident_key"), key);	/* same episode */
	CHECK_STR(jstr(j, "region"), "UA-12");
	CHECK_STR(jstr(j, "utility"), "power");
	CHECK_STR(jstr(j, "severity"), "none");
	CHECK_STR(jstr(j, "status"), "restored");
	CHECK_INT(jint(j, "affected"), 0);
	CHECK_NEAR(jreal(j, "percent"), 0.0, 1e-9);
	CHECK_STR(jstr(j, "started_at"), "2026-11-26T10:01:00Z");
	CHECK_STR(jstr(j, "at"), "2026-11-26T12:30:00Z");
	json_decref(j);
	agg_free(a);
}

static void
test_alert_without_count(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct alert_state st;
	const struct figure *f;
	json_t *j;

	memset(&st, 0, sizeof(st));
	/* heat out in Kharkiv oblast, no count, no denominator in use */
	put(a, UA63, UTIL_HEAT, "kharkivteplo", RS_OUTAGE, -1, "", 0, 0, T0);
	agg_recompute(a, T0, NULL, NULL);
	f = agg_figure(a, UA63, UTIL_HEAT);
	st.firing = 1;
	st.id = 7;
	st.severity = SEV_MAJOR;
	st.notified = SEV_MAJOR;
	st.started_at = T0 - HOUR;
	st.updated_at = T0;
	j = render_alert(UA63, UTIL_HEAT, ALERT_UPDATED, &st, f, T0);
	CHECK_STR(jstr(j, "event"), "updated");
	CHECK_INT(jint(j, "alert_id"), 7);
	CHECK_STR(jstr(j, "incident_key"), "UA-63/heat/1795683600000");
	CHECK_STR(jstr(j, "utility"), "heat");
	CHECK_STR(jstr(j, "severity"), "major");	/* the episode's */
	CHECK_STR(jstr(j, "status"), "outage");
	CHECK(jnull(j, "affected"));
	CHECK(jnull(j, "unit"));
	CHECK(jnull(j, "percent"));
	CHECK_STR(jstr(j, "started_at"), "2026-11-26T09:00:00Z");
	json_decref(j);

	/* render_time: 0 is null, not 1970 */
	j = render_time(0);
	CHECK(json_is_null(j));
	json_decref(j);
	j = render_time(T0 + 1500);
	CHECK_STR(json_string_value(j), "2026-11-26T10:00:01Z");
	json_decref(j);
	agg_free(a);
}

int
main(void)
{
	int status;

	if ((gaz = t_gazetteer()) == NULL)
		return 1;
	UA = gaz_by_id(gaz, "UA");
	UA12 = gaz_by_id(gaz, "UA-12");
	UA63 = gaz_by_id(gaz, "UA-63");
	DNIPRO = gaz_by_id(gaz, "UA-12:dnipro");
	TX = gaz_by_id(gaz, "US-TX");
	BY = gaz_by_id(gaz, "DE-BY");
	if (!UA || !UA12 || !UA63 || !DNIPRO || !TX || !BY) {
		printf("FAIL regions\n# 0 passed, 1 failed\n");
		gaz_free(gaz);
		return 1;
	}
	RUN(test_status_seed);
	RUN(test_status_rollup);
	RUN(test_status_restored_and_other_units);
	RUN(test_status_basis_parent_restored_child_out);
	RUN(test_alert_firing_updated_resolved);
	RUN(test_alert_without_count);
	return (status = T_DONE(), gaz_free(gaz), status);
}
