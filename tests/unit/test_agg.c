/* SPDX-License-Identifier: MIT */
/*
 * test_agg.c - the live picture: claims, merging by priority, staleness,
 * roll-up to parents, percentages, severities, change notification.
 * Every rule of include/agg.h is exercised against the real gazetteer.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "region.h"
#include "util.h"

#include "t.h"

#define T0	INT64_C(1795687200000)	/* 2026-11-26T10:00:00Z */
#define MIN	INT64_C(60000)
#define HOUR	(60 * MIN)
#define TTL	(6 * HOUR)

static struct gazetteer *gaz;
static const struct region *UA, *UA05, *UA12, *UA23, *UA46, *UA63, *DNIPRO, *TX, *BY;

static const struct agg_params params = {
	.ttl_ms = TTL,
	.thr = {
		.pct = { 0, 0.1, 5, 25 },
		.count = { 0, 1, 10000, 100000 },
	},
};

static struct claim
claim(const char *source, enum report_status st, int64_t affected,
    const char *unit, int priority, int64_t observed_at)
{
	struct claim c;

	memset(&c, 0, sizeof(c));
	str_copy(c.source, source, sizeof(c.source));
	c.status = st;
	c.affected = affected;
	str_copy(c.unit, affected >= 0 ? unit : "", sizeof(c.unit));
	c.priority = priority;
	c.observed_at = observed_at;
	return c;
}

/* Apply a claim in one call; returns agg_apply's result. */
static int
put(struct agg *a, const struct region *r, const char *source,
    enum report_status st, int64_t affected, int priority, int64_t at)
{
	struct claim c = claim(source, st, affected, "households", priority,
	    at);

	return agg_apply(a, r, UTIL_POWER, &c);
}

static const struct figure *
fig(const struct agg *a, const struct region *r)
{
	return agg_figure(a, r, UTIL_POWER);
}

/* ---- change recording ---------------------------------------------------- */

struct change {
	const struct region *region;
	enum utility	 utility;
	struct figure	 oldf, newf;
};

struct changes {
	struct change	 c[64];
	size_t		 n;
};

static void
record(void *arg, const struct region *r, enum utility u,
    const struct figure *oldf, const struct figure *newf)
{
	struct changes *ch = arg;

	if (ch->n < NELEM(ch->c)) {
		ch->c[ch->n].region = r;
		ch->c[ch->n].utility = u;
		ch->c[ch->n].oldf = *oldf;
		ch->c[ch->n].newf = *newf;
	}
	ch->n++;
}

/* Position of r among the recorded changes, or -1. */
static int
changed_at(const struct changes *ch, const struct region *r)
{
	for (size_t i = 0; i < ch->n && i < NELEM(ch->c); i++)
		if (ch->c[i].region == r)
			return (int)i;
	return -1;
}

static size_t
recompute(struct agg *a, int64_t now, struct changes *ch)
{
	size_t n;

	memset(ch, 0, sizeof(*ch));
	n = agg_recompute(a, now, record, ch);
	CHECK_INT(n, ch->n);		/* the count is the number of calls */
	return n;
}

/* ---- tests ----------------------------------------------------------- */

static void
test_unknown_is_not_zero(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct changes ch;
	const struct figure *f;
	size_t n;

	f = fig(a, UA05);
	CHECK_INT(f->status, FS_UNKNOWN);
	CHECK_INT(f->affected, -1);
	CHECK(f->percent < 0);
	CHECK_INT(f->severity, SEV_NONE);
	CHECK_INT(f->nsources, 0);
	CHECK_STR(fig_status_name(f->status), "unknown");
	/* nothing to recompute, nothing changes */
	CHECK_INT(recompute(a, T0, &ch), 0);
	CHECK_INT(agg_next_expiry(a), INT64_MAX);
	CHECK(agg_claims(a, UA05, UTIL_POWER, &n) == NULL || n == 0);
	CHECK_INT(n, 0);

	/* data elsewhere leaves UA-05 unknown */
	put(a, UA12, "dtek", RS_OUTAGE, 1000, 10, T0);
	recompute(a, T0 + MIN, &ch);
	f = fig(a, UA05);
	CHECK_INT(f->status, FS_UNKNOWN);
	CHECK_INT(f->affected, -1);
	CHECK(f->percent < 0);
	/* so is the same region for another utility */
	f = agg_figure(a, UA12, UTIL_WATER);
	CHECK_INT(f->status, FS_UNKNOWN);
	CHECK_INT(f->affected, -1);
	agg_free(a);
	agg_free(NULL);
}

static void
test_single_claim(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct changes ch;
	const struct figure *f;
	const struct claim *cl;
	size_t n;

	CHECK_INT(put(a, UA12, "dtek", RS_OUTAGE, 600000, 10, T0), 1);
	/* nothing moves before agg_recompute */
	CHECK_INT(fig(a, UA12)->status, FS_UNKNOWN);
	recompute(a, T0 + MIN, &ch);

	f = fig(a, UA12);
	CHECK_INT(f->status, FS_OUTAGE);
	CHECK_INT(f->affected, 600000);
	CHECK_STR(f->unit, "households");
	CHECK_NEAR(f->percent, 600000.0 / (double)UA12->denominator * 100.0,
	    1e-9);
	/* 600,000 of 1.1-1.5 million households is 40-55 %: over 25 % */
	CHECK(f->percent >= 25.0);
	CHECK_INT(f->severity, SEV_CRITICAL);
	CHECK_INT(f->nsources, 1);
	CHECK_INT(f->direct, 600000);
	CHECK_INT(f->children_sum, -1);
	CHECK_INT(f->children_reporting, 0);
	CHECK_INT(f->updated_at, T0);
	CHECK_INT(f->approximate, 0);
	CHECK_STR(fig_status_name(f->status), "outage");

	/* the country sees it through its child */
	f = fig(a, UA);
	CHECK_INT(f->status, FS_OUTAGE);
	CHECK_INT(f->affected, 600000);
	CHECK_INT(f->direct, -1);
	CHECK_INT(f->children_sum, 600000);
	CHECK_INT(f->children_reporting, 1);
	CHECK_INT(f->nsources, 0);
	CHECK_NEAR(f->percent, 600000.0 / (double)UA->denominator * 100.0,
	    1e-9);
	/* 600,000 of ~16 million: between 0.1 % and 5 % */
	CHECK_INT(f->severity, SEV_MINOR);

	cl = agg_claims(a, UA12, UTIL_POWER, &n);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(cl[0].source, "dtek");
		CHECK_INT(cl[0].affected, 600000);
	}
	agg_free(a);
}

static void
test_severity_helper(void)
{
	const struct agg_thresholds *t = &params.thr;

	/* percent thresholds when there is a denominator */
	CHECK_INT(agg_severity(t, FS_OUTAGE, 10, 0.05), SEV_NONE);
	CHECK_INT(agg_severity(t, FS_OUTAGE, 0, 0.0), SEV_NONE);
	CHECK_INT(agg_severity(t, FS_OUTAGE, 100, 0.1), SEV_MINOR);
	CHECK_INT(agg_severity(t, FS_OUTAGE, 100, 4.99), SEV_MINOR);
	CHECK_INT(agg_severity(t, FS_OUTAGE, 100, 5.0), SEV_MAJOR);
	CHECK_INT(agg_severity(t, FS_OUTAGE, 100, 24.99), SEV_MAJOR);
	CHECK_INT(agg_severity(t, FS_OUTAGE, 100, 25.0), SEV_CRITICAL);
	CHECK_INT(agg_severity(t, FS_OUTAGE, 100, 100.0), SEV_CRITICAL);
	CHECK_INT(agg_severity(t, FS_PARTIAL, 100, 30.0), SEV_CRITICAL);
	CHECK_INT(agg_severity(t, FS_PARTIAL, 100, 1.0), SEV_MINOR);
	/* with a percentage, the count does not matter */
	CHECK_INT(agg_severity(t, FS_OUTAGE, 5000000, 0.01), SEV_NONE);
	/* no denominator (percent < 0): count thresholds */
	CHECK_INT(agg_severity(t, FS_OUTAGE, 0, -1.0), SEV_NONE);
	CHECK_INT(agg_severity(t, FS_OUTAGE, 1, -1.0), SEV_MINOR);
	CHECK_INT(agg_severity(t, FS_OUTAGE, 9999, -1.0), SEV_MINOR);
	CHECK_INT(agg_severity(t, FS_OUTAGE, 10000, -1.0), SEV_MAJOR);
	CHECK_INT(agg_severity(t, FS_OUTAGE, 99999, -1.0), SEV_MAJOR);
	CHECK_INT(agg_severity(t, FS_OUTAGE, 100000, -1.0), SEV_CRITICAL);
	/* an outage without a count is minor, whatever else */
	CHECK_INT(agg_severity(t, FS_OUTAGE, -1, -1.0), SEV_MINOR);
	CHECK_INT(agg_severity(t, FS_PARTIAL, -1, -1.0), SEV_MINOR);
	/* restored and unknown are never severe */
	CHECK_INT(agg_severity(t, FS_RESTORED, 0, 0.0), SEV_NONE);
	CHECK_INT(agg_severity(t, FS_RESTORED, 500000, 50.0), SEV_NONE);
	CHECK_INT(agg_severity(t, FS_RESTORED, 500000, -1.0), SEV_NONE);
	CHECK_INT(agg_severity(t, FS_UNKNOWN, -1, -1.0), SEV_NONE);
	CHECK_INT(agg_severity(t, FS_UNKNOWN, 500000, 50.0), SEV_NONE);
}

static void
test_severity_in_figures(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct changes ch;
	const struct figure *f;
	int64_t d = UA63->denominator;

	/* UA-63: just under and at 5 % of the denominator */
	put(a, UA63, "s", RS_OUTAGE, d * 5 / 100 - 1, 0, T0);
	recompute(a, T0 + MIN, &ch);
	CHECK_INT(fig(a, UA63)->severity, SEV_MINOR);
	put(a, UA63, "s", RS_OUTAGE, d * 5 / 100 + 1, 0, T0 + 1);
	recompute(a, T0 + MIN, &ch);
	CHECK_INT(fig(a, UA63)->severity, SEV_MAJOR);

	/* a qualitative outage: minor, no count, no percentage */
	put(a, UA05, "s", RS_OUTAGE, -1, 0, T0);
	recompute(a, T0 + MIN, &ch);
	f = fig(a, UA05);
	CHECK_INT(f->status, FS_OUTAGE);
	CHECK_INT(f->affected, -1);
	CHECK(f->percent < 0);
	CHECK_STR(f->unit, "");
	CHECK_INT(f->severity, SEV_MINOR);

	/* Bavaria has no denominator: count thresholds */
	CHECK_INT(BY->denominator, 0);
	put(a, BY, "s", RS_OUTAGE, 15000, 0, T0);
	recompute(a, T0 + MIN, &ch);
	f = fig(a, BY);
	CHECK_INT(f->affected, 15000);
	CHECK(f->percent < 0);
	CHECK_INT(f->severity, SEV_MAJOR);
	put(a, BY, "s", RS_OUTAGE, 150000, 0, T0 + 1);
	recompute(a, T0 + MIN, &ch);
	CHECK_INT(fig(a, BY)->severity, SEV_CRITICAL);

	/* restored with a count of zero: restored, not severe */
	put(a, TX, "oncor", RS_RESTORED, 0, 0, T0);
	recompute(a, T0 + MIN, &ch);
	f = fig(a, TX);
	CHECK_INT(f->status, FS_RESTORED);
	CHECK_INT(f->affected, 0);
	CHECK_INT(f->severity, SEV_NONE);
	CHECK_NEAR(f->percent, 0.0, 1e-12);

	/* new thresholds apply after agg_mark_all */
	{
		struct agg_params p = params;
		int64_t pct50 = UA63->denominator / 2;

		put(a, UA63, "s", RS_OUTAGE, pct50, 0, T0 + 2);
		recompute(a, T0 + MIN, &ch);
		CHECK_INT(fig(a, UA63)->severity, SEV_CRITICAL);
		p.thr.pct[SEV_MAJOR] = 40;
		p.thr.pct[SEV_CRITICAL] = 90;
		agg_set_params(a, &p);
		agg_mark_all(a);
		recompute(a, T0 + 2 * MIN, &ch);
		CHECK(changed_at(&ch, UA63) >= 0);
		CHECK_INT(fig(a, UA63)->severity, SEV_MAJOR);
	}
	/*
	 * After agg_mark_all, every cell is reported even when unchanged
	 * (alert rules are evaluated again after a reload), once.
	 */
	agg_mark_all(a);
	recompute(a, T0 + 2 * MIN, &ch);
	CHECK(changed_at(&ch, UA63) >= 0);
	CHECK(changed_at(&ch, UA05) >= 0);
	CHECK(changed_at(&ch, BY) >= 0);
	CHECK(changed_at(&ch, TX) >= 0);
	if (changed_at(&ch, UA63) >= 0) {
		const struct change *c = &ch.c[changed_at(&ch, UA63)];

		CHECK_INT(c->oldf.affected, c->newf.affected);
		CHECK_INT(c->oldf.severity, c->newf.severity);
	}
	CHECK_INT(recompute(a, T0 + 2 * MIN, &ch), 0);
	agg_free(a);
}

static void
test_supersede(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct changes ch;
	const struct claim *cl;
	size_t n;

	CHECK_INT(put(a, UA12, "dtek", RS_OUTAGE, 600000, 10, T0), 1);
	recompute(a, T0 + MIN, &ch);
	/* newer news from the same source replaces its claim */
	CHECK_INT(put(a, UA12, "dtek", RS_OUTAGE, 100000, 10, T0 + 10 * MIN),
	    1);
	recompute(a, T0 + 11 * MIN, &ch);
	CHECK_INT(fig(a, UA12)->affected, 100000);
	CHECK_INT(fig(a, UA12)->nsources, 1);
	CHECK_INT(fig(a, UA12)->updated_at, T0 + 10 * MIN);
	cl = agg_claims(a, UA12, UTIL_POWER, &n);
	CHECK_INT(n, 1);
	/* older news is ignored */
	CHECK_INT(put(a, UA12, "dtek", RS_OUTAGE, 999999, 10, T0 + 5 * MIN),
	    0);
	CHECK_INT(recompute(a, T0 + 12 * MIN, &ch), 0);
	CHECK_INT(fig(a, UA12)->affected, 100000);
	cl = agg_claims(a, UA12, UTIL_POWER, &n);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_INT(cl[0].affected, 100000);
		CHECK_INT(cl[0].observed_at, T0 + 10 * MIN);
	}
	/* an older "restored" does not clear a newer claim either */
	CHECK_INT(put(a, UA12, "dtek", RS_RESTORED, -1, 10, T0 + 1), 0);
	cl = agg_claims(a, UA12, UTIL_POWER, &n);
	CHECK_INT(n, 1);
	agg_free(a);
}

static void
test_merge_equal_priority(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct changes ch;
	const struct figure *f;

	put(a, UA12, "dtek", RS_OUTAGE, 100000, 10, T0);
	put(a, UA12, "ukrenergo", RS_OUTAGE, 300000, 10, T0 + MIN);
	put(a, UA12, "oblenergo", RS_OUTAGE, 200000, 10, T0 + 2 * MIN);
	recompute(a, T0 + 3 * MIN, &ch);
	f = fig(a, UA12);
	CHECK_INT(f->affected, 300000);
	CHECK_INT(f->direct, 300000);
	CHECK_INT(f->nsources, 3);
	CHECK_INT(f->updated_at, T0 + 2 * MIN);
	/* the largest drops: the next largest stands */
	put(a, UA12, "ukrenergo", RS_OUTAGE, 50000, 10, T0 + 4 * MIN);
	recompute(a, T0 + 5 * MIN, &ch);
	CHECK_INT(fig(a, UA12)->affected, 200000);
	agg_free(a);
}

static void
test_merge_priority(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct changes ch;
	const struct figure *f;

	/* the utility (priority 10) beats the press (0), even if smaller */
	put(a, UA12, "dtek", RS_OUTAGE, 100000, 10, T0);
	put(a, UA12, "news", RS_OUTAGE, 500000, 0, T0 + MIN);
	recompute(a, T0 + 2 * MIN, &ch);
	f = fig(a, UA12);
	CHECK_INT(f->affected, 100000);
	CHECK_INT(f->direct, 100000);
	CHECK_INT(f->nsources, 2);
	/* order of arrival does not matter */
	{
		struct agg *b = agg_new(gaz, &params);

		put(b, UA12, "news", RS_OUTAGE, 500000, 0, T0 + MIN);
		put(b, UA12, "dtek", RS_OUTAGE, 100000, 10, T0);
		recompute(b, T0 + 2 * MIN, &ch);
		CHECK_INT(fig(b, UA12)->affected, 100000);
		agg_free(b);
	}
	/* nor can a lower-priority source raise the status */
	put(a, UA12, "dtek", RS_PARTIAL, 100000, 10, T0 + 2 * MIN);
	recompute(a, T0 + 3 * MIN, &ch);
	CHECK_INT(fig(a, UA12)->status, FS_PARTIAL);
	CHECK_INT(fig(a, UA12)->affected, 100000);
	/* negative priorities order too */
	put(a, UA63, "rumour", RS_OUTAGE, 900000, -5, T0);
	put(a, UA63, "news", RS_OUTAGE, 10000, 0, T0);
	recompute(a, T0 + 3 * MIN, &ch);
	CHECK_INT(fig(a, UA63)->affected, 10000);
	agg_free(a);
}

static void
test_restored_clears(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct changes ch;
	const struct figure *f;
	size_t n;

	/* "restored" from a source without a claim: a claim of zero */
	CHECK_INT(put(a, UA46, "lvivoblenergo", RS_RESTORED, -1, 0, T0), 1);
	recompute(a, T0 + MIN, &ch);
	CHECK_INT(fig(a, UA46)->status, FS_RESTORED);
	CHECK_INT(fig(a, UA46)->affected, 0);

	put(a, UA12, "dtek", RS_OUTAGE, 100000, 10, T0);
	recompute(a, T0 + MIN, &ch);
	CHECK_INT(fig(a, UA12)->status, FS_OUTAGE);

	CHECK_INT(put(a, UA12, "dtek", RS_RESTORED, -1, 10, T0 + HOUR), 1);
	agg_claims(a, UA12, UTIL_POWER, &n);
	CHECK_INT(n, 1);
	recompute(a, T0 + HOUR + MIN, &ch);
	f = fig(a, UA12);
	CHECK_INT(f->status, FS_RESTORED);
	CHECK_INT(f->affected, 0);
	CHECK_NEAR(f->percent, 0.0, 1e-9);
	CHECK_INT(f->severity, SEV_NONE);
	CHECK_INT(f->nsources, 1);
	/* and the country, which knew only of UA-12 and UA-46, is back */
	CHECK_INT(fig(a, UA)->status, FS_RESTORED);
	CHECK_INT(fig(a, UA)->affected, 0);
	CHECK(changed_at(&ch, UA12) >= 0);
	if (changed_at(&ch, UA12) >= 0) {
		const struct change *c = &ch.c[changed_at(&ch, UA12)];

		CHECK_INT(c->oldf.status, FS_OUTAGE);
		CHECK_INT(c->newf.status, FS_RESTORED);
	}

	/* an equal-priority source's outage still counts: max */
	put(a, UA63, "a", RS_OUTAGE, 1000, 0, T0);
	put(a, UA63, "b", RS_OUTAGE, 2000, 0, T0);
	recompute(a, T0 + MIN, &ch);
	CHECK_INT(fig(a, UA63)->affected, 2000);
	put(a, UA63, "b", RS_RESTORED, -1, 0, T0 + MIN);
	recompute(a, T0 + 2 * MIN, &ch);
	CHECK_INT(fig(a, UA63)->status, FS_OUTAGE);
	CHECK_INT(fig(a, UA63)->affected, 1000);
	CHECK_INT(fig(a, UA63)->nsources, 2);

	/* a higher-priority source's restoration outranks an older outage */
	put(a, UA23, "volunteers", RS_OUTAGE, 60000, 0, T0);
	put(a, UA23, "ztoe", RS_RESTORED, -1, 10, T0 + MIN);
	recompute(a, T0 + 2 * MIN, &ch);
	CHECK_INT(fig(a, UA23)->status, FS_RESTORED);
	CHECK_INT(fig(a, UA23)->affected, 0);
	agg_free(a);
}

static void
test_stale(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct changes ch;
	const struct figure *f;
	size_t n;
	int64_t exp;

	put(a, UA12, "dtek", RS_OUTAGE, 600000, 10, T0);
	recompute(a, T0 + MIN, &ch);
	CHECK_INT(fig(a, UA12)->status, FS_OUTAGE);

	/* the claim goes stale TTL after it was observed */
	exp = agg_next_expiry(a);
	CHECK(exp >= T0 + TTL && exp <= T0 + TTL + 1);

	/* still fresh just before: nothing changes */
	CHECK_INT(recompute(a, T0 + TTL - 1, &ch), 0);
	CHECK_INT(fig(a, UA12)->status, FS_OUTAGE);

	/* at the announced expiry it is stale: unknown, not zero */
	recompute(a, exp, &ch);
	f = fig(a, UA12);
	CHECK_INT(f->status, FS_UNKNOWN);
	CHECK_INT(f->affected, -1);
	CHECK(f->percent < 0);
	CHECK_INT(f->nsources, 0);
	CHECK(changed_at(&ch, UA12) >= 0);
	CHECK(changed_at(&ch, UA) >= 0);
	CHECK_INT(fig(a, UA)->status, FS_UNKNOWN);
	CHECK_INT(agg_next_expiry(a), INT64_MAX);
	/* stale claims are still listed */
	agg_claims(a, UA12, UTIL_POWER, &n);
	CHECK_INT(n, 1);
	/* and a later recompute has nothing more to say */
	CHECK_INT(recompute(a, T0 + 2 * TTL, &ch), 0);

	/* a claim already stale when it arrives counts for nothing */
	put(a, UA63, "late", RS_OUTAGE, 5000, 0, T0);
	recompute(a, T0 + 2 * TTL, &ch);
	CHECK_INT(fig(a, UA63)->status, FS_UNKNOWN);
	agg_free(a);
}

static void
test_stale_one_of_two(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct changes ch;

	put(a, UA12, "dtek", RS_OUTAGE, 600000, 10, T0);
	put(a, UA12, "news", RS_OUTAGE, 100000, 0, T0 + 2 * HOUR);
	put(a, UA63, "x", RS_OUTAGE, 1000, 0, T0 + HOUR);
	recompute(a, T0 + 2 * HOUR + MIN, &ch);
	CHECK_INT(fig(a, UA12)->affected, 600000);
	/* the earliest expiry of all fresh claims */
	CHECK(agg_next_expiry(a) >= T0 + TTL &&
	    agg_next_expiry(a) <= T0 + TTL + 1);

	/* the utility's figure goes stale; the press figure remains */
	recompute(a, T0 + TTL + MIN, &ch);
	CHECK_INT(fig(a, UA12)->status, FS_OUTAGE);
	CHECK_INT(fig(a, UA12)->affected, 100000);
	CHECK_INT(fig(a, UA12)->nsources, 1);
	CHECK(changed_at(&ch, UA12) >= 0);
	/* the next one to go is UA-63's, observed at T0 + 1 h */
	CHECK(agg_next_expiry(a) >= T0 + HOUR + TTL &&
	    agg_next_expiry(a) <= T0 + HOUR + TTL + 1);
	agg_free(a);
}

static void
test_parent_sum(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct changes ch;
	const struct figure *f;

	put(a, UA12, "dtek", RS_OUTAGE, 200000, 10, T0);
	put(a, UA63, "oblenergo", RS_OUTAGE, 300000, 10, T0 + MIN);
	recompute(a, T0 + 2 * MIN, &ch);
	f = fig(a, UA);
	CHECK_INT(f->status, FS_OUTAGE);
	CHECK_INT(f->affected, 500000);
	CHECK_INT(f->children_sum, 500000);
	CHECK_INT(f->children_reporting, 2);
	CHECK_INT(f->direct, -1);
	CHECK_STR(f->unit, "households");
	CHECK_NEAR(f->percent, 500000.0 / (double)UA->denominator * 100.0,
	    1e-9);
	CHECK_INT(f->updated_at, T0 + MIN);

	/* a direct national figure larger than the sum wins */
	put(a, UA, "ukrenergo", RS_OUTAGE, 900000, 10, T0 + 2 * MIN);
	recompute(a, T0 + 3 * MIN, &ch);
	f = fig(a, UA);
	CHECK_INT(f->affected, 900000);
	CHECK_INT(f->direct, 900000);
	CHECK_INT(f->children_sum, 500000);
	CHECK_NEAR(f->percent, 900000.0 / (double)UA->denominator * 100.0,
	    1e-9);
	/* a smaller one does not hide the children */
	put(a, UA, "ukrenergo", RS_OUTAGE, 400000, 10, T0 + 3 * MIN);
	recompute(a, T0 + 4 * MIN, &ch);
	f = fig(a, UA);
	CHECK_INT(f->affected, 500000);
	CHECK_INT(f->direct, 400000);
	/* a restored child adds nothing but still reports */
	put(a, UA63, "oblenergo", RS_RESTORED, -1, 10, T0 + 4 * MIN);
	recompute(a, T0 + 5 * MIN, &ch);
	f = fig(a, UA);
	CHECK_INT(f->children_sum, 200000);
	CHECK_INT(f->children_reporting, 2);
	CHECK_INT(f->affected, 400000);
	agg_free(a);
}

static void
test_city_rollup(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct changes ch;
	const struct figure *f;

	put(a, DNIPRO, "dtek", RS_OUTAGE, 150000, 10, T0);
	recompute(a, T0 + MIN, &ch);
	f = fig(a, DNIPRO);
	CHECK_INT(f->affected, 150000);
	CHECK_NEAR(f->percent, 150000.0 / (double)DNIPRO->denominator * 100.0,
	    1e-9);
	f = fig(a, UA12);
	CHECK_INT(f->status, FS_OUTAGE);
	CHECK_INT(f->affected, 150000);
	CHECK_INT(f->children_sum, 150000);
	CHECK_INT(f->direct, -1);
	CHECK_NEAR(f->percent, 150000.0 / (double)UA12->denominator * 100.0,
	    1e-9);
	CHECK_INT(fig(a, UA)->affected, 150000);

	/* the oblast's own larger figure includes the city's */
	put(a, UA12, "dtek", RS_OUTAGE, 600000, 10, T0 + MIN);
	recompute(a, T0 + 2 * MIN, &ch);
	f = fig(a, UA12);
	CHECK_INT(f->affected, 600000);
	CHECK_INT(f->direct, 600000);
	CHECK_INT(f->children_sum, 150000);
	/* nothing counts twice on the way up */
	CHECK_INT(fig(a, UA)->affected, 600000);
	CHECK_INT(fig(a, UA)->children_sum, 600000);
	CHECK_INT(fig(a, DNIPRO)->affected, 150000);

	/* a smaller oblast figure cannot undercut its city */
	put(a, UA12, "dtek", RS_OUTAGE, 100000, 10, T0 + 2 * MIN);
	recompute(a, T0 + 3 * MIN, &ch);
	CHECK_INT(fig(a, UA12)->affected, 150000);
	CHECK_INT(fig(a, UA)->affected, 150000);

	/* a second city adds up */
	{
		const struct region *kr = gaz_by_id(gaz, "UA-12:kryvyi-rih");

		CHECK(kr != NULL);
		if (kr != NULL) {
			put(a, kr, "dtek", RS_PARTIAL, 70000, 10, T0 + 3 * MIN);
			recompute(a, T0 + 4 * MIN, &ch);
			CHECK_INT(fig(a, UA12)->affected, 220000);
			CHECK_INT(fig(a, UA12)->children_reporting, 2);
			CHECK_INT(fig(a, UA)->affected, 220000);
		}
	}
	agg_free(a);
}

static void
test_people(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct changes ch;
	struct claim c;
	const struct figure *f;
	double want;

	CHECK(UA12->population > 0 && UA12->denominator > 0);
	c = claim("news", RS_OUTAGE, 1000000, "people", 0, T0);
	agg_apply(a, UA12, UTIL_POWER, &c);
	recompute(a, T0 + MIN, &ch);
	f = fig(a, UA12);
	/* people -> households by the pack's households per person */
	want = 1000000.0 * (double)UA12->denominator /
	    (double)UA12->population;
	CHECK_NEAR((double)f->affected, want, 1.0);
	CHECK_STR(f->unit, "households");
	CHECK_INT(f->approximate, 1);
	/* so the share of homes is the share of people */
	CHECK_NEAR(f->percent, 100.0 * 1000000.0 / (double)UA12->population,
	    0.001);
	/* approximate travels up */
	CHECK_INT(fig(a, UA)->approximate, 1);
	CHECK_NEAR((double)fig(a, UA)->affected, want, 1.0);

	/* a region without both figures keeps people as people */
	CHECK(BY->population == 0 || BY->denominator == 0);
	c = claim("news", RS_OUTAGE, 20000, "people", 0, T0);
	agg_apply(a, BY, UTIL_POWER, &c);
	recompute(a, T0 + MIN, &ch);
	f = fig(a, BY);
	CHECK_INT(f->affected, 20000);
	CHECK_STR(f->unit, "people");
	CHECK_INT(f->approximate, 0);

	/* a count in households is not converted, nor approximate */
	c = claim("dtek", RS_OUTAGE, 1000, "households", 0, T0);
	agg_apply(a, UA63, UTIL_POWER, &c);
	recompute(a, T0 + MIN, &ch);
	CHECK_INT(fig(a, UA63)->affected, 1000);
	CHECK_INT(fig(a, UA63)->approximate, 0);
	/* but a claim marked approximate is */
	c = claim("dtek", RS_OUTAGE, 2000, "households", 0, T0 + 1);
	c.approximate = 1;
	agg_apply(a, UA63, UTIL_POWER, &c);
	recompute(a, T0 + MIN, &ch);
	CHECK_INT(fig(a, UA63)->approximate, 1);
	agg_free(a);
}

/*
 * "approximate" describes the figure shown.  When the parent's own exact
 * claim is larger than the sum of its children, the figure is that exact
 * claim, whatever the children's figures were.
 */
static void
test_approximate_follows_figure(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct changes ch;
	struct claim c;
	const struct figure *f;

	/* the city: an estimate in people, converted, so approximate */
	c = claim("news", RS_OUTAGE, 100000, "people", 0, T0);
	agg_apply(a, DNIPRO, UTIL_POWER, &c);
	/* the oblast: the utility's exact count, far larger */
	put(a, UA12, "dtek", RS_OUTAGE, 600000, 10, T0);
	recompute(a, T0 + MIN, &ch);
	CHECK_INT(fig(a, DNIPRO)->approximate, 1);
	f = fig(a, UA12);
	CHECK_INT(f->affected, 600000);
	CHECK_INT(f->direct, 600000);
	CHECK(f->children_sum > 0 && f->children_sum < 600000);
	CHECK_INT(f->approximate, 0);
	agg_free(a);
}

/*
 * A claim with a percent and no count counts that share of the region's
 * denominator, approximate; a count beside it wins; without a denominator
 * the percent is shown as said.
 */
static void
test_percent(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct changes ch;
	struct claim c;
	const struct figure *f;
	int64_t want;

	CHECK(UA63->denominator > 0);
	want = (int64_t)llround(0.4 * (double)UA63->denominator);
	c = claim("news:kh", RS_OUTAGE, -1, "", 0, T0);
	c.percent = 40;
	CHECK_INT(agg_apply(a, UA63, UTIL_POWER, &c), 1);
	recompute(a, T0 + MIN, &ch);
	f = fig(a, UA63);
	CHECK_INT(f->status, FS_OUTAGE);
	CHECK_INT(f->affected, want);
	CHECK_INT(f->direct, want);
	CHECK_STR(f->unit, "households");
	CHECK_NEAR(f->percent, 40.0, 1e-9);
	CHECK_INT(f->approximate, 1);
	CHECK_INT(f->from_percent, 1);
	CHECK_INT(f->from_children, 0);
	CHECK_INT(f->severity, SEV_CRITICAL);
	CHECK_INT(f->peak, want);
	/* the derived count rolls up like any other, approximate */
	f = fig(a, UA);
	CHECK_INT(f->affected, want);
	CHECK_INT(f->approximate, 1);
	CHECK_INT(f->from_percent, 0);

	/* beside a count, the count wins; the claim keeps its percent */
	c = claim("news:kh", RS_OUTAGE, 1000, "households", 0, T0 + MIN);
	c.percent = 40;
	agg_apply(a, UA63, UTIL_POWER, &c);
	recompute(a, T0 + 2 * MIN, &ch);
	f = fig(a, UA63);
	CHECK_INT(f->affected, 1000);
	CHECK_INT(f->approximate, 0);
	CHECK_INT(f->from_percent, 0);
	CHECK_NEAR(f->percent, 100000.0 / (double)UA63->denominator, 1e-9);
	{
		size_t n;
		const struct claim *cl = agg_claims(a, UA63, UTIL_POWER, &n);

		CHECK_INT(n, 1);
		if (n == 1)
			CHECK_NEAR(cl[0].percent, 40.0, 1e-9);
	}

	/* sources merge by the largest figure: the derived one wins */
	c = claim("dtek", RS_OUTAGE, -1, "", 0, T0 + 2 * MIN);
	c.percent = 12.5;
	agg_apply(a, UA63, UTIL_POWER, &c);
	recompute(a, T0 + 3 * MIN, &ch);
	f = fig(a, UA63);
	CHECK_INT(f->affected, (int64_t)llround(0.125 *
	    (double)UA63->denominator));
	CHECK_INT(f->from_percent, 1);
	CHECK_INT(f->approximate, 1);
	CHECK_INT(f->nsources, 2);

	/* restored clears it whatever its percent */
	c = claim("dtek", RS_RESTORED, -1, "", 0, T0 + 3 * MIN);
	c.percent = 60;
	agg_apply(a, UA63, UTIL_POWER, &c);
	c = claim("news:kh", RS_RESTORED, -1, "", 0, T0 + 3 * MIN);
	agg_apply(a, UA63, UTIL_POWER, &c);
	recompute(a, T0 + 4 * MIN, &ch);
	f = fig(a, UA63);
	CHECK_INT(f->status, FS_RESTORED);
	CHECK_INT(f->affected, 0);
	CHECK_INT(f->from_percent, 0);

	/* no denominator: no count, the percent as said decides severity */
	CHECK(BY->denominator == 0);
	c = claim("news", RS_OUTAGE, -1, "", 0, T0);
	c.percent = 10;
	agg_apply(a, BY, UTIL_POWER, &c);
	recompute(a, T0 + MIN, &ch);
	f = fig(a, BY);
	CHECK_INT(f->affected, -1);
	CHECK_NEAR(f->percent, 10.0, 1e-9);
	CHECK_INT(f->from_percent, 1);
	CHECK_INT(f->approximate, 0);
	CHECK_INT(f->severity, SEV_MAJOR);	/* 10 %: not the count-less
						   minor */
	CHECK_INT(agg_severity(&params.thr, FS_OUTAGE, -1, 30.0),
	    SEV_CRITICAL);
	CHECK_INT(agg_severity(&params.thr, FS_OUTAGE, -1, -1.0), SEV_MINOR);
	agg_free(a);
}

static void
test_change_callback(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct changes ch;
	size_t n;
	int i_city, i_obl, i_ua;

	put(a, DNIPRO, "dtek", RS_OUTAGE, 150000, 10, T0);
	n = recompute(a, T0 + MIN, &ch);
	/* the cell and its ancestors, nothing else */
	CHECK_INT(n, 3);
	i_city = changed_at(&ch, DNIPRO);
	i_obl = changed_at(&ch, UA12);
	i_ua = changed_at(&ch, UA);
	CHECK(i_city >= 0 && i_obl >= 0 && i_ua >= 0);
	CHECK(changed_at(&ch, UA63) < 0);
	CHECK(changed_at(&ch, UA05) < 0);
	/* deepest first: a parent is computed after its children */
	CHECK(i_city < i_obl && i_obl < i_ua);
	for (size_t i = 0; i < ch.n && i < NELEM(ch.c); i++) {
		CHECK_INT(ch.c[i].utility, UTIL_POWER);
		CHECK_INT(ch.c[i].oldf.status, FS_UNKNOWN);
		CHECK_INT(ch.c[i].newf.status, FS_OUTAGE);
		CHECK_INT(ch.c[i].newf.affected, 150000);
	}
	/* the new figure handed over is the one now in place */
	if (i_obl >= 0)
		CHECK_INT(ch.c[i_obl].newf.affected, fig(a, UA12)->affected);

	/* no news, no calls */
	CHECK_INT(recompute(a, T0 + 2 * MIN, &ch), 0);
	/* the same claim again changes no figure */
	put(a, DNIPRO, "dtek", RS_OUTAGE, 150000, 10, T0);
	CHECK_INT(recompute(a, T0 + 2 * MIN, &ch), 0);

	/* another utility is another cell */
	{
		struct claim c = claim("kyivvodokanal", RS_OUTAGE, 10, "", 0,
		    T0);

		agg_apply(a, UA63, UTIL_WATER, &c);
		n = recompute(a, T0 + 3 * MIN, &ch);
		CHECK_INT(n, 2);		/* UA-63 and UA, water */
		for (size_t i = 0; i < ch.n && i < NELEM(ch.c); i++)
			CHECK_INT(ch.c[i].utility, UTIL_WATER);
		CHECK(changed_at(&ch, UA63) >= 0 && changed_at(&ch, UA) >= 0);
		CHECK_INT(fig(a, UA)->affected, 150000);	/* power */
		CHECK_INT(agg_figure(a, UA, UTIL_WATER)->affected, 10);
	}
	/* an oblast claim hidden by its city: the oblast's figure changes */
	put(a, UA12, "news", RS_OUTAGE, 1000, 0, T0 + 3 * MIN);
	recompute(a, T0 + 4 * MIN, &ch);
	CHECK(changed_at(&ch, UA12) >= 0);
	CHECK(changed_at(&ch, DNIPRO) < 0);
	CHECK(changed_at(&ch, UA63) < 0);
	CHECK_INT(fig(a, UA12)->affected, 150000);
	CHECK_INT(fig(a, UA12)->direct, 1000);
	CHECK_INT(fig(a, UA12)->nsources, 1);
	CHECK_INT(fig(a, UA)->affected, 150000);

	/* recompute without a callback still counts */
	put(a, UA05, "x", RS_OUTAGE, 1, 0, T0);
	CHECK_INT(agg_recompute(a, T0 + 5 * MIN, NULL, NULL), 2);
	agg_free(a);
}

static void
test_since_and_peak(void)
{
	struct agg *a = agg_new(gaz, &params);
	struct changes ch;
	const struct figure *f;
	int64_t since1;

	put(a, UA12, "dtek", RS_OUTAGE, 100000, 10, T0);
	recompute(a, T0 + MIN, &ch);
	f = fig(a, UA12);
	since1 = f->since;
	/* the outage began with the observation that showed it */
	CHECK_INT(since1, T0);
	CHECK_INT(f->peak, 100000);

	/* worse: the peak follows; same status, so since stays */
	put(a, UA12, "dtek", RS_OUTAGE, 300000, 10, T0 + 10 * MIN);
	recompute(a, T0 + 11 * MIN, &ch);
	f = fig(a, UA12);
	CHECK_INT(f->since, since1);
	CHECK_INT(f->peak, 300000);
	/* better: the peak stays */
	put(a, UA12, "dtek", RS_OUTAGE, 50000, 10, T0 + 20 * MIN);
	recompute(a, T0 + 21 * MIN, &ch);
	f = fig(a, UA12);
	CHECK_INT(f->affected, 50000);
	CHECK_INT(f->peak, 300000);
	CHECK_INT(f->since, since1);
	/* the peak is per region: the country's is its own */
	CHECK_INT(fig(a, UA)->peak, 300000);

	/* partial is still the same episode, with a new status */
	put(a, UA12, "dtek", RS_PARTIAL, 40000, 10, T0 + 25 * MIN);
	recompute(a, T0 + 26 * MIN, &ch);
	f = fig(a, UA12);
	CHECK_INT(f->peak, 300000);
	CHECK_INT(f->since, T0 + 25 * MIN);

	/* restored: the episode ends */
	put(a, UA12, "dtek", RS_RESTORED, 0, 10, T0 + 30 * MIN);
	recompute(a, T0 + 31 * MIN, &ch);
	f = fig(a, UA12);
	CHECK_INT(f->status, FS_RESTORED);
	CHECK_INT(f->since, T0 + 30 * MIN);

	/* a new outage is a new episode: its own peak */
	put(a, UA12, "dtek", RS_OUTAGE, 20000, 10, T0 + 40 * MIN);
	recompute(a, T0 + 41 * MIN, &ch);
	f = fig(a, UA12);
	CHECK_INT(f->status, FS_OUTAGE);
	CHECK_INT(f->peak, 20000);
	CHECK_INT(f->since, T0 + 40 * MIN);

	/* a status reached by the claims going stale began at recompute */
	recompute(a, T0 + 40 * MIN + TTL + MIN, &ch);
	f = fig(a, UA12);
	CHECK_INT(f->status, FS_UNKNOWN);
	CHECK(f->since > T0 + 40 * MIN + TTL - MIN);
	CHECK(f->since <= T0 + 40 * MIN + TTL + MIN);
	agg_free(a);
}

static void
test_restore(void)
{
	struct agg *a = agg_new(gaz, &params), *b;
	struct changes ch;
	struct figure saved;

	put(a, UA12, "dtek", RS_OUTAGE, 300000, 10, T0);
	recompute(a, T0 + MIN, &ch);
	put(a, UA12, "dtek", RS_OUTAGE, 200000, 10, T0 + 2 * MIN);
	recompute(a, T0 + 3 * MIN, &ch);
	saved = *fig(a, UA12);
	CHECK_INT(saved.peak, 300000);
	agg_free(a);

	/* after a restart: the stored figure, then the same claim again */
	b = agg_new(gaz, &params);
	agg_restore(b, UA12, UTIL_POWER, &saved);
	CHECK_INT(fig(b, UA12)->affected, 200000);
	put(b, UA12, "dtek", RS_OUTAGE, 200000, 10, T0 + 2 * MIN);
	recompute(b, T0 + HOUR, &ch);
	/* the unchanged figure is not reported; since and peak carry over */
	CHECK(changed_at(&ch, UA12) < 0);
	CHECK_INT(fig(b, UA12)->since, saved.since);
	CHECK_INT(fig(b, UA12)->peak, 300000);
	CHECK_INT(fig(b, UA12)->affected, 200000);
	agg_free(b);
}

int
main(void)
{
	int status;

	if ((gaz = t_gazetteer()) == NULL)
		return 1;
	UA = gaz_by_id(gaz, "UA");
	UA05 = gaz_by_id(gaz, "UA-05");
	UA12 = gaz_by_id(gaz, "UA-12");
	UA63 = gaz_by_id(gaz, "UA-63");
	UA23 = gaz_by_id(gaz, "UA-23");
	UA46 = gaz_by_id(gaz, "UA-46");
	DNIPRO = gaz_by_id(gaz, "UA-12:dnipro");
	TX = gaz_by_id(gaz, "US-TX");
	BY = gaz_by_id(gaz, "DE-BY");
	if (!UA || !UA05 || !UA12 || !UA63 || !DNIPRO || !TX || !BY) {
		printf("FAIL regions\n# 0 passed, 1 failed\n");
		gaz_free(gaz);
		return 1;
	}
	RUN(test_unknown_is_not_zero);
	RUN(test_single_claim);
	RUN(test_severity_helper);
	RUN(test_severity_in_figures);
	RUN(test_supersede);
	RUN(test_merge_equal_priority);
	RUN(test_merge_priority);
	RUN(test_restored_clears);
	RUN(test_stale);
	RUN(test_stale_one_of_two);
	RUN(test_parent_sum);
	RUN(test_city_rollup);
	RUN(test_people);
	RUN(test_approximate_follows_figure);
	RUN(test_percent);
	RUN(test_change_callback);
	RUN(test_since_and_peak);
	RUN(test_restore);
	return (status = T_DONE(), gaz_free(gaz), status);
}
