/* SPDX-License-Identifier: MIT */
/*
 * route_speed.c - the router's cost per changed figure, on one core, with
 * nothing else in the timed path.
 *
 * Setup (not timed): the real gazetteer; NSUBS subscriptions (default
 * 100,000) decoded from JSON by subscription_from_json(), spread over the
 * region tree: UA cities, UA oblasts, US states, a few on two regions, a
 * few "*"; mixed utilities, severities, min_affected / min_percent, quiet
 * hours on a few, webhook, mqtt and e-mail channels.  Then an alert storm
 * of NCHANGES (default 1,000) changed figures on hot cities, oblasts and
 * states, each cell walking up and down through the thresholds (0.05 % ..
 * 40 %, so minor, major and critical are crossed both ways).
 *
 * Timed, per change: router_figure() (with an emit callback counting the
 * notices) then router_tick() (the daemon calls it every pass).  alert
 * min_clear is the shipped default, 0: resolutions are decided inline.
 * A fresh router (same subscriptions, same storm) for each of RUNS runs.
 *
 * Baselines of the same run, over the same storm:
 *   A  walk the changed region's ancestors and look each up in a hash of
 *      region id -> subscriptions (plus the "*" list): the lookup alone;
 *   B  A, then visit every subscription found and test its utility and
 *      thresholds (subscription_wants_utility, subscription_fires): the
 *      floor of any router that looks at each covering subscription once,
 *      with no episode state.
 *   route_speed [-v] [-n NSUBS] [-c NCHANGES] [-r RUNS] [-s SEED]
 * -v also lists the ten slowest changes of the last run.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "agg.h"
#include "region.h"
#include "route.h"
#include "subscription.h"
#include "util.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* A small deterministic generator (xorshift64*), the same storm each run. */
static uint64_t rng_state = 88172645463325252ULL;

static uint64_t
rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static size_t
pick(size_t n)
{
	return (size_t)(rnd() % n);
}

struct rlist {
	const struct region **v;
	size_t		 n, cap;
};

static void
rl_add(struct rlist *l, const struct region *r)
{
	if (l->n == l->cap)
		l->v = xreallocarray(l->v, l->cap = l->cap ? l->cap * 2 : 64,
		    sizeof(*l->v));
	l->v[l->n++] = r;
}

/* ---- baseline: region id -> subscriptions, open addressing ---- */

struct slot {
	const char	*key;		/* region id, NULL: empty */
	const struct subscription **subs;
	size_t		 n, cap;
};

struct rhash {
	struct slot	*s;
	size_t		 mask;
	const struct subscription **all;
	size_t		 nall, capall;
};

static uint64_t
fnv(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct slot *
rh_find(const struct rhash *h, const char *key, int create)
{
	size_t i = fnv(key) & h->mask;

	for (; h->s[i].key != NULL; i = (i + 1) & h->mask)
		if (strcmp(h->s[i].key, key) == 0)
			return &h->s[i];
	if (!create)
		return NULL;
	h->s[i].key = key;
	return &h->s[i];
}

static void
rh_add(struct rhash *h, const char *key, const struct subscription *sub)
{
	struct slot *sl = rh_find(h, key, 1);

	if (sl->n == sl->cap)
		sl->subs = xreallocarray(sl->subs, sl->cap = sl->cap ?
		    sl->cap * 2 : 8, sizeof(*sl->subs));
	sl->subs[sl->n++] = sub;
}

/* ---- the storm ---- */

struct change {
	const struct region *reg;
	enum utility	 u;
	struct figure	 fig;
};

static const double path[] = {	/* percent: up through, then down */
	0.05, 0.5, 3, 8, 20, 40, 30, 12, 4, 0.5, 0.05, 0
};

static void
make_figure(struct figure *f, const struct region *r, double pct,
    const struct agg_thresholds *thr, int64_t t)
{
	int64_t denom = r->denominator > 0 ? r->denominator : 1000000;

	memset(f, 0, sizeof(*f));
	f->status = pct > 0 ? FS_OUTAGE : FS_RESTORED;
	f->affected = (int64_t)llround(pct / 100.0 * (double)denom);
	str_copy(f->unit, r->denom_unit[0] ? r->denom_unit : "households",
	    sizeof(f->unit));
	f->percent = r->denominator > 0 ? pct : -1;
	f->severity = agg_severity(thr, f->status, f->affected, f->percent);
	f->nsources = 1;
	f->direct = f->affected;
	f->children_sum = -1;
	f->since = t;
	f->updated_at = t;
	f->peak = f->affected;
}

/* ---- subscriptions as JSON ---- */

static const char *const sevs[] = { "minor", "major", "critical" };
static const char *const utils[] = { "power", "heat", "water", "gas",
	"telecom" };

static json_t *
sub_json(size_t i, const struct rlist *cities, const struct rlist *oblasts,
    const struct rlist *states)
{
	char regions[512], uts[128], extra[256], chan[256], buf[2048];
	const struct rlist *l;
	size_t k = pick(1000), nu;
	json_error_t je;
	json_t *j;

	/* where: 38 % UA cities, 30 % UA oblasts, 26 % US states, 5.98 %
	 * two regions (a city and another oblast), 0.02 % "*" */
	if (k < 380)
		l = cities;
	else if (k < 680)
		l = oblasts;
	else if (k < 940)
		l = states;
	else
		l = NULL;
	if (i % 5000 == 4999)
		snprintf(regions, sizeof(regions), "[\"*\"]");
	else if (l != NULL)
		snprintf(regions, sizeof(regions), "[\"%s\"]",
		    l->v[pick(l->n)]->id);
	else
		snprintf(regions, sizeof(regions), "[\"%s\", \"%s\"]",
		    cities->v[pick(cities->n)]->id,
		    oblasts->v[pick(oblasts->n)]->id);
	/* what: half all five, else one to three of them */
	if (pick(2) == 0)
		uts[0] = '\0';
	else {
		size_t first = pick(5), o = 0;

		nu = 1 + pick(3);
		o += (size_t)snprintf(uts, sizeof(uts), ", \"utilities\": [");
		for (size_t x = 0; x < nu; x++)
			o += (size_t)snprintf(uts + o, sizeof(uts) - o,
			    "%s\"%s\"", x ? ", " : "", utils[(first + x) % 5]);
		snprintf(uts + o, sizeof(uts) - o, "]");
	}
	/* thresholds */
	k = pick(10);
	if (k < 4)
		snprintf(extra, sizeof(extra), ", \"min_severity\": \"%s\"",
		    sevs[pick(3)]);
	else if (k < 6)
		snprintf(extra, sizeof(extra), ", \"min_percent\": %.1f",
		    (double)(1 + pick(30)));
	else if (k < 8)
		snprintf(extra, sizeof(extra), ", \"min_affected\": %zu",
		    (size_t)1000 * (1 + pick(200)));
	else
		snprintf(extra, sizeof(extra), ", \"min_severity\": \"%s\", "
		    "\"min_percent\": %.1f", sevs[pick(2)],
		    (double)(1 + pick(10)));
	if (pick(50) == 0)	/* 2 %: quiet hours (a tzdata lookup a notice) */
		snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra),
		    ", \"quiet_hours\": {\"from\": \"23:00\", \"to\": \"06:00\","
		    " \"tz\": \"Europe/Kyiv\"}");
	k = pick(10);
	if (k < 7)
		snprintf(chan, sizeof(chan), "{\"type\": \"webhook\", \"url\": "
		    "\"https://hooks.example.org/o/%zu\", \"secret\": "
		    "\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}", i);
	else if (k < 9)
		snprintf(chan, sizeof(chan), "{\"type\": \"mqtt\", \"topic\": "
		    "\"home/%zu\"}", i);
	else
		snprintf(chan, sizeof(chan), "{\"type\": \"email\", \"to\": "
		    "\"ops%zu@example.org\"}", i);
	snprintf(buf, sizeof(buf), "{\"name\": \"bench %zu\", \"regions\": %s"
	    "%s%s, \"channel\": %s, \"repeat\": \"%s\", \"lang\": \"%s\"}", i,
	    regions, uts, extra, chan, pick(4) == 0 ? "4h" : "0",
	    pick(3) == 0 ? "uk" : "en");
	if ((j = json_loads(buf, 0, &je)) == NULL) {
		fprintf(stderr, "route_speed: bad JSON %s: %s\n", buf, je.text);
		exit(1);
	}
	return j;
}

/* ---- the runs ---- */

struct counts {
	unsigned long	 notices, ev[4];
};

static void
on_notice(void *arg, const struct route_notice *n)
{
	struct counts *c = arg;

	c->notices++;
	c->ev[n->event]++;
}

int
main(int argc, char **argv)
{
	struct gazetteer *g = NULL;
	struct rlist cities = { 0 }, oblasts = { 0 }, states = { 0 }, hot = { 0 };
	struct agg_thresholds thr = { { 0, 0.1, 5.0, 25.0 },
	    { 0, 1, 10000, 100000 } };
	struct change *ch;
	json_t **js;
	struct subscription **subs;
	struct rhash h;
	struct counts c;
	char err[512], *end;
	size_t nsubs = 100000, nchanges = 1000, nall = 0, n;
	int runs = 5, opt, verbose = 0;
	unsigned long *nn;
	double *tr, *ta, *tb, *per, t0, t1, setup = 0;
	unsigned long long visited = 0;
	unsigned long sink = 0;
	const int64_t start_ms = INT64_C(1764115200000);	/* 2025-11-26 */

	while ((opt = getopt(argc, argv, "vn:c:r:s:")) != -1) {
		long v = opt == 'v' ? 1 : strtol(optarg, &end, 10);

		if (opt == 'v') {
			verbose = 1;
			continue;
		}
		if (*end != '\0' || v < 1)
			goto usage;
		switch (opt) {
		case 'n': nsubs = (size_t)v; break;
		case 'c': nchanges = (size_t)v; break;
		case 'r': runs = v > 99 ? 99 : (int)v; break;
		case 's': rng_state = (uint64_t)v * 2654435761ULL + 1; break;
		default: goto usage;
		}
	}
	if (optind != argc)
		goto usage;
	if (gaz_load(&g, "/usr/share/iso-codes/json", "config/regions", err,
	    sizeof(err)) != OD_OK) {
		fprintf(stderr, "gaz_load: %s\n", err);
		return 1;
	}
	for (size_t i = 0; i < gaz_count(g); i++) {
		const struct region *r = gaz_at(g, i);

		if (r->parent == NULL)
			continue;
		if (strncmp(r->id, "UA-", 3) == 0 && r->depth == 1)
			rl_add(&oblasts, r);
		else if (strncmp(r->id, "UA-", 3) == 0 && r->depth >= 2)
			rl_add(&cities, r);
		else if (strncmp(r->id, "US-", 3) == 0 && r->depth == 1)
			rl_add(&states, r);
	}
	if (cities.n == 0 || oblasts.n == 0 || states.n == 0) {
		fprintf(stderr, "route_speed: no UA cities/oblasts or US states "
		    "in the gazetteer\n");
		return 1;
	}

	/* the subscriptions, as JSON once; decoded again for each run */
	js = xreallocarray(NULL, nsubs, sizeof(*js));
	for (size_t i = 0; i < nsubs; i++)
		js[i] = sub_json(i, &cities, &oblasts, &states);

	/* the storm: hot cells, each walking the threshold path */
	for (size_t i = 0; i < 40; i++)
		rl_add(&hot, cities.v[pick(cities.n)]);
	for (size_t i = 0; i < 25; i++)
		rl_add(&hot, oblasts.v[pick(oblasts.n)]);
	for (size_t i = 0; i < 20; i++)
		rl_add(&hot, states.v[pick(states.n)]);
	ch = xreallocarray(NULL, nchanges, sizeof(*ch));
	{
		size_t *step = xcalloc(hot.n * UTIL_COUNT, sizeof(*step));

		for (size_t i = 0; i < nchanges; i++) {
			size_t cell = pick(hot.n * 2);	/* power twice as often */
			size_t hi = cell % hot.n, u = cell < hot.n ? 0 :
			    pick(UTIL_COUNT), *sp = &step[hi * UTIL_COUNT + u];

			ch[i].reg = hot.v[hi];
			ch[i].u = (enum utility)u;
			make_figure(&ch[i].fig, ch[i].reg,
			    path[*sp % NELEM(path)], &thr,
			    start_ms + (int64_t)i * 1000);
			(*sp)++;
		}
		free(step);
	}

	subs = xreallocarray(NULL, nsubs, sizeof(*subs));
	tr = xreallocarray(NULL, (size_t)runs, sizeof(double));
	ta = xreallocarray(NULL, (size_t)runs, sizeof(double));
	tb = xreallocarray(NULL, (size_t)runs, sizeof(double));
	per = xreallocarray(NULL, nchanges * (size_t)runs, sizeof(double));
	nn = xcalloc(nchanges, sizeof(*nn));
	n = 0;
	for (int r = 0; r < runs; r++) {
		struct router *rt = router_new(g, 0);	/* alerts.min_clear 0 */

		t0 = now();
		for (size_t i = 0; i < nsubs; i++) {
			subs[i] = subscription_from_json(js[i], g, err,
			    sizeof(err));
			if (subs[i] == NULL) {
				fprintf(stderr, "route_speed: subscription %zu: "
				    "%s\n", i, err);
				return 1;
			}
			subs[i]->id = (int64_t)i + 1;
			router_put(rt, subs[i]);
		}
		setup = now() - t0;

		/* the baselines' hash, over the same subscriptions */
		h.mask = 1023;
		h.s = xcalloc(h.mask + 1, sizeof(*h.s));
		h.all = NULL;
		h.nall = h.capall = 0;
		for (size_t i = 0; i < nsubs; i++) {
			if (subs[i]->all_regions) {
				if (h.nall == h.capall)
					h.all = xreallocarray(h.all, h.capall =
					    h.capall ? h.capall * 2 : 8,
					    sizeof(*h.all));
				h.all[h.nall++] = subs[i];
			}
			for (size_t k = 0; k < subs[i]->nregions; k++)
				rh_add(&h, subs[i]->regions[k]->id, subs[i]);
		}
		nall = h.nall;

		/* the router */
		memset(&c, 0, sizeof(c));
		t0 = now();
		for (size_t i = 0; i < nchanges; i++) {
			int64_t t = start_ms + (int64_t)i * 1000;
			double a = now();
			unsigned long before = c.notices;

			router_figure(rt, ch[i].reg, ch[i].u, &ch[i].fig, t,
			    on_notice, &c);
			router_tick(rt, t, NULL, on_notice, &c);
			per[n++] = now() - a;
			nn[i] = c.notices - before;
		}
		tr[r] = now() - t0;

		/* baseline A: the ancestors, each looked up */
		t0 = now();
		for (size_t i = 0; i < nchanges; i++) {
			for (const struct region *a = ch[i].reg; a; a = a->parent) {
				const struct slot *sl = rh_find(&h, a->id, 0);

				if (sl != NULL)
					sink += sl->n;
			}
			sink += h.nall;
		}
		ta[r] = now() - t0;

		/* baseline B: and each subscription found, tested */
		visited = 0;
		t0 = now();
		for (size_t i = 0; i < nchanges; i++) {
			const struct figure *f = &ch[i].fig;

			for (const struct region *a = ch[i].reg; a; a = a->parent) {
				const struct slot *sl = rh_find(&h, a->id, 0);

				if (sl == NULL)
					continue;
				for (size_t k = 0; k < sl->n; k++)
					if (subscription_wants_utility(sl->subs[k],
					    ch[i].u))
						sink += (unsigned long)
						    subscription_fires(
						    sl->subs[k], f);
				visited += sl->n;
			}
			for (size_t k = 0; k < h.nall; k++)
				if (subscription_wants_utility(h.all[k], ch[i].u))
					sink += (unsigned long)subscription_fires(
					    h.all[k], f);
			visited += h.nall;
		}
		tb[r] = now() - t0;

		for (size_t i = 0; i <= h.mask; i++)
			free(h.s[i].subs);
		free(h.s);
		free(h.all);
		t1 = now();
		router_free(rt);	/* frees the subscriptions */
		(void)t1;
	}
	{
		double r = median(tr, (size_t)runs) / (double)nchanges * 1e6;
		double a = median(ta, (size_t)runs) / (double)nchanges * 1e6;
		double b = median(tb, (size_t)runs) / (double)nchanges * 1e6;
		double p50, p99, pmax;

		if (verbose) {
			size_t last = n - nchanges;

			for (int k = 0; k < 10; k++) {
				size_t w = last;

				for (size_t i = last; i < n; i++)
					if (per[i] > per[w])
						w = i;
				printf("    slow change %zu: %s %s %s %.1f %%: "
				    "%lu notices, %.1f us\n", w - last,
				    ch[w - last].reg->id,
				    utility_name(ch[w - last].u),
				    severity_name(ch[w - last].fig.severity),
				    ch[w - last].fig.percent, nn[w - last],
				    per[w] * 1e6);
				per[w] = -per[w];
			}
			for (size_t i = last; i < n; i++)
				if (per[i] < 0)
					per[i] = -per[i];
		}
		qsort(per, n, sizeof(*per), cmp_double);
		p50 = per[n / 2] * 1e6;
		p99 = per[(size_t)((double)n * 0.99)] * 1e6;
		pmax = per[n - 1] * 1e6;
		printf("  %zu subscriptions (%zu on \"*\"; %zu UA cities, %zu UA "
		    "oblasts, %zu US states), %zu changes on %zu hot regions, "
		    "medians of %d runs%s:\n", nsubs, nall, cities.n,
		    oblasts.n, states.n, nchanges, hot.n, runs,
		    sink == 42 ? " " : "");
		printf("    setup: %.2f s to decode and router_put %zu "
		    "subscriptions (not timed below)\n", setup, nsubs);
		printf("    notices per change %.2f (firing %lu, updated %lu, "
		    "repeat %lu, resolved %lu a run); %.0f covering "
		    "subscriptions visited per change\n",
		    (double)c.notices / (double)nchanges, c.ev[ROUTE_FIRING],
		    c.ev[ROUTE_UPDATED], c.ev[ROUTE_REPEAT],
		    c.ev[ROUTE_RESOLVED], (double)visited / (double)nchanges);
		printf("    router_figure+tick  %9.2f us/change  (single changes: "
		    "p50 %.1f, p99 %.1f, max %.1f us)\n", r, p50, p99, pmax);
		printf("    baseline A: ancestors looked up      %9.3f us/change"
		    "   router / A: %.0fx\n", a, r / a);
		printf("    baseline B: A + test each subscriber %9.2f us/change"
		    "   router / B: %.1fx\n", b, r / b);
		printf("    goal < 1000 us/change: %s\n", r < 1000 ? "met" :
		    "MISSED");
	}
	for (size_t i = 0; i < nsubs; i++)
		json_decref(js[i]);
	free(js);
	free(subs);
	free(ch);
	free(tr);
	free(ta);
	free(tb);
	free(per);
	free(nn);
	free(cities.v);
	free(oblasts.v);
	free(states.v);
	free(hot.v);
	gaz_free(g);
	return 0;
usage:
	fprintf(stderr, "usage: route_speed [-n NSUBS] [-c NCHANGES] [-r RUNS] "
	    "[-s SEED]\n");
	return 2;
}
