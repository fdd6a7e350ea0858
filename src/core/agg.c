/* SPDX-License-Identifier: MIT */
/*
 * agg.c - per-region figures from the sources' claims (pure, no I/O).
 *
 * Cells, one per (region, utility), are allocated on first use and indexed
 * by region->index * UTIL_COUNT + utility.  A recomputation visits the
 * marked cells and their ancestors deepest first, so every parent sees its
 * children's new figures and is computed once.
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "agg.h"
#include "region.h"
#include "util.h"

struct cell {
	const struct region *region;
	enum utility	 utility;
	struct claim	*claims;
	size_t		 nclaims;
	struct figure	 fig;
	int64_t		 next_expiry;	/* ms; INT64_MAX when none */
	int		 queued;	/* in the current recomputation */
	int		 dirty;
	int		 active;	/* listed in agg->active */
	int		 restored;	/* fig is a database row (agg_restore) */
};

struct agg {
	const struct gazetteer *gaz;
	struct agg_params params;
	struct cell	**cells;	/* nregions * UTIL_COUNT, lazily */
	size_t		 ncells;
	size_t		*dirty;		/* cell indices */
	size_t		 ndirty, capdirty;
	size_t		*active;	/* cells holding claims */
	size_t		 nactive, capactive;
	int		 report_all;	/* next recompute reports every cell */
};

static const struct figure unknown_figure = {
	.status = FS_UNKNOWN, .affected = -1, .percent = -1.0,
	.severity = SEV_NONE, .direct = -1, .children_sum = -1,
};

static const char *const fig_status_names[] = {
	[FS_UNKNOWN] = "unknown",
	[FS_RESTORED] = "restored",
	[FS_PARTIAL] = "partial",
	[FS_OUTAGE] = "outage",
};

const char *
fig_status_name(enum fig_status s)
{
	return (unsigned)s <= FS_OUTAGE ? fig_status_names[s] : "?";
}

struct agg *
agg_new(const struct gazetteer *gaz, const struct agg_params *p)
{
	struct agg *a = xcalloc(1, sizeof(*a));

	a->gaz = gaz;
	a->params = *p;
	a->ncells = gaz_count(gaz) * UTIL_COUNT;
	a->cells = xcalloc(a->ncells, sizeof(*a->cells));
	return a;
}

void
agg_free(struct agg *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->ncells; i++) {
		if (a->cells[i] != NULL) {
			free(a->cells[i]->claims);
			free(a->cells[i]);
		}
	}
	free(a->cells);
	free(a->dirty);
	free(a->active);
	free(a);
}

void
agg_set_params(struct agg *a, const struct agg_params *p)
{
	a->params = *p;
}

static size_t
cell_index(const struct region *r, enum utility u)
{
	return r->index * UTIL_COUNT + (size_t)u;
}

static struct cell *
cell_get(struct agg *a, const struct region *r, enum utility u)
{
	size_t i = cell_index(r, u);

	/* every region comes from the gazetteer the aggregate was made for */
	assert(i < a->ncells);

	if (a->cells[i] == NULL) {
		a->cells[i] = xcalloc(1, sizeof(struct cell));
		a->cells[i]->region = r;
		a->cells[i]->utility = u;
		a->cells[i]->fig = unknown_figure;
		a->cells[i]->next_expiry = INT64_MAX;
	}
	return a->cells[i];
}

static void
mark_dirty(struct agg *a, struct cell *c)
{
	if (c->dirty)
		return;
	c->dirty = 1;
	ARRAY_GROW(a->dirty, a->ndirty, a->capdirty, 64);
	a->dirty[a->ndirty++] = cell_index(c->region, c->utility);
}

int
agg_apply(struct agg *a, const struct region *r, enum utility u,
    const struct claim *cl)
{
	struct cell *c = cell_get(a, r, u);
	size_t i;

	for (i = 0; i < c->nclaims; i++)
		if (strcmp(c->claims[i].source, cl->source) == 0)
			break;
	if (i < c->nclaims && cl->observed_at < c->claims[i].observed_at)
		return 0;		/* older news than what we hold */
	/*
	 * "restored" (with or without a count) replaces the source's claim
	 * with a claim of zero: the source's word now is that nobody is out,
	 * which outranks a lower-priority source's older outage.
	 */
	if (i < c->nclaims) {
		c->claims[i] = *cl;
	} else {
		c->claims = xreallocarray(c->claims, c->nclaims + 1,
		    sizeof(*c->claims));
		c->claims[c->nclaims++] = *cl;
	}
	if (!c->active && c->nclaims > 0) {
		c->active = 1;
		ARRAY_GROW(a->active, a->nactive, a->capactive, 64);
		a->active[a->nactive++] = cell_index(r, u);
	}
	mark_dirty(a, c);
	return 1;
}

void
agg_restore(struct agg *a, const struct region *r, enum utility u,
    const struct figure *f)
{
	struct cell *c = cell_get(a, r, u);

	c->fig = *f;
	c->restored = 1;
}

void
agg_mark_all(struct agg *a)
{
	a->report_all = 1;
	for (size_t i = 0; i < a->nactive; i++)
		mark_dirty(a, a->cells[a->active[i]]);
}

static int
unit_is_people(const char *unit)
{
	return strcmp(unit, "people") == 0;
}

/*
 * A claim's count in the region's own units: households, homes, customers
 * and consumers all count connections; people are converted through the
 * region's households-per-person ratio when the pack gives both figures.
 */
static int64_t
claim_in_region_units(const struct region *r, const struct claim *cl,
    int *approx, const char **unit, int *from_pct)
{
	*unit = r->denom_unit[0] ? r->denom_unit : "households";
	*from_pct = 0;
	if (cl->status == RS_RESTORED)
		return 0;
	if (cl->affected < 0 && cl->percent > 0) {
		/* "40% of consumers": that share of the region's own */
		*from_pct = 1;
		if (r->denominator <= 0)
			return -1;
		*approx = 1;
		return (int64_t)llround(cl->percent / 100.0 *
		    (double)r->denominator);
	}
	if (cl->affected < 0)
		return -1;
	if (!unit_is_people(cl->unit))
		return cl->affected;
	if (r->population > 0 && r->denominator > 0) {
		*approx = 1;
		return (int64_t)llround((double)cl->affected *
		    (double)r->denominator / (double)r->population);
	}
	*unit = "people";
	return cl->affected;
}

static enum fig_status
status_of_claim(const struct claim *cl)
{
	switch (cl->status) {
	case RS_OUTAGE:		return FS_OUTAGE;
	case RS_PARTIAL:	return FS_PARTIAL;
	case RS_RESTORED:	return FS_RESTORED;
	}
	return FS_UNKNOWN;
}

enum severity
agg_severity(const struct agg_thresholds *t, enum fig_status st,
    int64_t affected, double percent)
{
	enum severity s = SEV_NONE;

	if (st != FS_OUTAGE && st != FS_PARTIAL)
		return SEV_NONE;
	if (affected < 0 && percent < 0)
		return SEV_MINOR;	/* an outage with no count yet */
	for (int k = SEV_CRITICAL; k >= SEV_MINOR; k--) {
		if (percent >= 0 ? percent >= t->pct[k] :
		    affected >= t->count[k]) {
			s = (enum severity)k;
			break;
		}
	}
	return s;
}

static void
compute(struct agg *a, struct cell *c, int64_t now, struct figure *f)
{
	const struct region *r = c->region;
	const struct claim *best = NULL;
	int64_t best_aff = -1, cutoff;
	const char *best_unit = NULL;
	int best_approx = 0, best_from_pct = 0;
	enum fig_status worst = FS_UNKNOWN, direct_status;
	const char *unit = NULL;
	int children_approx = 0;

	*f = unknown_figure;
	f->since = c->fig.since;
	f->peak = c->fig.peak;
	cutoff = a->params.ttl_ms > 0 ? now - a->params.ttl_ms : INT64_MIN;
	c->next_expiry = INT64_MAX;

	/* direct claims: priority first, then the largest figure */
	for (size_t i = 0; i < c->nclaims; i++) {
		const struct claim *cl = &c->claims[i];
		const char *u;
		int approx = cl->approximate, from_pct;
		int64_t aff;

		if (cl->observed_at <= cutoff)
			continue;
		if (a->params.ttl_ms > 0 &&
		    cl->observed_at + a->params.ttl_ms < c->next_expiry)
			c->next_expiry = cl->observed_at + a->params.ttl_ms;
		f->nsources++;
		if (cl->observed_at > f->updated_at)
			f->updated_at = cl->observed_at;
		if (status_of_claim(cl) > worst)
			worst = status_of_claim(cl);
		aff = claim_in_region_units(r, cl, &approx, &u, &from_pct);
		if (best == NULL || cl->priority > best->priority ||
		    (cl->priority == best->priority &&
		    (aff > best_aff || (aff == best_aff &&
		    status_of_claim(cl) > status_of_claim(best))))) {
			best = cl;
			best_aff = aff;
			best_unit = u;
			best_approx = approx;
			best_from_pct = from_pct;
		}
	}
	if (best != NULL) {
		f->direct = best_aff;
		unit = best_unit;
		f->approximate = best_approx;
		/* a lower-priority source cannot raise the status either */
		worst = status_of_claim(best);
	}
	direct_status = worst;

	/* children: their figures add up, in the same unit only */
	for (size_t i = 0; i < r->nchildren; i++) {
		const struct region *ch = r->children[i];
		const struct cell *cc = a->cells[cell_index(ch, c->utility)];

		if (cc == NULL || cc->fig.status == FS_UNKNOWN)
			continue;
		f->children_reporting++;
		if (cc->fig.status > worst)
			worst = cc->fig.status;
		if (cc->fig.updated_at > f->updated_at)
			f->updated_at = cc->fig.updated_at;
		if (cc->fig.affected < 0)
			continue;
		if (unit == NULL)
			unit = cc->fig.unit;
		if (unit_is_people(unit) != unit_is_people(cc->fig.unit))
			continue;
		if (f->children_sum < 0)
			f->children_sum = 0;
		f->children_sum += cc->fig.affected;
		children_approx |= cc->fig.approximate;
	}
	if (best == NULL && f->children_reporting == 0) {
		f->status = FS_UNKNOWN;
		f->since = c->fig.status == FS_UNKNOWN ? c->fig.since : now;
		f->peak = 0;
		return;
	}
	f->status = worst;
	f->affected = f->direct > f->children_sum ? f->direct : f->children_sum;
	/*
	 * Source priority ranks claims about the same place; a child's
	 * claim is about a place the parent's claim only summarises, so the
	 * roll-up is not outranked by it.  Say when it decided the figure.
	 */
	f->from_children = best == NULL || f->children_sum > f->direct ||
	    worst > direct_status;
	/* approximate describes the figure shown, not every input */
	if (f->children_sum > f->direct)
		f->approximate = children_approx;
	if (f->affected >= 0 && unit != NULL)
		str_copy(f->unit, unit, sizeof(f->unit));
	if (f->affected >= 0 && r->denominator > 0 &&
	    unit_is_people(f->unit) == 0) {
		f->percent = 100.0 * (double)f->affected /
		    (double)r->denominator;
		if (f->percent > 100.0)
			f->percent = 100.0;
	} else if (f->affected >= 0 && r->population > 0 &&
	    unit_is_people(f->unit))
		f->percent = fmin(100.0, 100.0 * (double)f->affected /
		    (double)r->population);
	/* a reported percent shows as said, with or without a denominator */
	if (best_from_pct && !f->from_children && f->affected == f->direct) {
		f->from_percent = 1;
		f->percent = best->percent;
	}
	f->severity = agg_severity(&a->params.thr, f->status, f->affected,
	    f->percent);
	/* a new status began with the newest observation that shows it */
	if (f->status != c->fig.status)
		f->since = f->updated_at > 0 && f->updated_at < now ?
		    f->updated_at : now;
	if (f->status == FS_OUTAGE || f->status == FS_PARTIAL) {
		int was_out = c->fig.status == FS_OUTAGE ||
		    c->fig.status == FS_PARTIAL;

		f->peak = was_out && c->fig.peak > f->affected ? c->fig.peak :
		    f->affected;
		if (f->peak < 0)
			f->peak = 0;
	} else
		f->peak = 0;
}

long long
percent_tenths(double percent)
{
	return llround(percent * 10.0);
}

static int
figure_differs(const struct figure *x, const struct figure *y)
{
	return x->status != y->status || x->affected != y->affected ||
	    percent_tenths(x->percent) != percent_tenths(y->percent) ||
	    x->severity != y->severity || x->approximate != y->approximate ||
	    x->nsources != y->nsources || x->direct != y->direct ||
	    x->children_sum != y->children_sum ||
	    x->children_reporting != y->children_reporting ||
	    x->from_children != y->from_children ||
	    x->from_percent != y->from_percent ||
	    strcmp(x->unit, y->unit) != 0 || x->updated_at != y->updated_at ||
	    x->peak != y->peak;
}

/* What a status row holds (store_put_status) differs. */
static int
row_differs(const struct figure *x, const struct figure *y)
{
	return x->status != y->status || x->affected != y->affected ||
	    percent_tenths(x->percent) != percent_tenths(y->percent) ||
	    x->severity != y->severity || x->approximate != y->approximate ||
	    x->nsources != y->nsources || strcmp(x->unit, y->unit) != 0 ||
	    x->since != y->since || x->updated_at != y->updated_at ||
	    x->peak != y->peak;
}

static int
cmp_depth_desc(const void *pa, const void *pb)
{
	const struct cell *a = *(struct cell *const *)pa;
	const struct cell *b = *(struct cell *const *)pb;

	return b->region->depth - a->region->depth;
}

size_t
agg_recompute(struct agg *a, int64_t now, agg_change_fn *fn, void *arg)
{
	struct cell **work = NULL;
	size_t nwork = 0, capwork = 0, nchanged = 0;

	/* stale claims count as changes too */
	for (size_t i = 0; i < a->nactive; i++) {
		struct cell *c = a->cells[a->active[i]];

		if (c->next_expiry <= now)
			mark_dirty(a, c);
	}
	for (size_t i = 0; i < a->ndirty; i++) {
		struct cell *c = a->cells[a->dirty[i]];
		const struct region *r;

		c->dirty = 0;
		for (r = c->region; r != NULL; r = r->parent) {
			struct cell *x = cell_get(a, r, c->utility);

			if (x->queued)
				break;	/* it and its ancestors are in */
			x->queued = 1;
			ARRAY_GROW(work, nwork, capwork, 64);
			work[nwork++] = x;
		}
	}
	a->ndirty = 0;
	if (nwork > 0)
		qsort(work, nwork, sizeof(*work), cmp_depth_desc);
	for (size_t i = 0; i < nwork; i++) {
		struct cell *c = work[i];
		struct figure nf, old = c->fig;
		int restored;

		compute(a, c, now, &nf);
		c->queued = 0;
		restored = c->restored;
		c->restored = 0;
		if (!figure_differs(&old, &nf) && !a->report_all)
			continue;
		c->fig = nf;
		/*
		 * A figure restored from its status row lacks what the row
		 * does not hold (direct, children_sum, ...): completing it is
		 * no change to write.  Reporting it made the pass after every
		 * rebuild write (a failed commit, a restart), which on a full
		 * disk failed again, rebuilt again: a busy loop.
		 */
		if (restored && !a->report_all && !row_differs(&old, &nf))
			continue;
		nchanged++;
		if (fn != NULL)
			fn(arg, c->region, c->utility, &old, &c->fig);
	}
	free(work);
	a->report_all = 0;
	return nchanged;
}

const struct figure *
agg_figure(const struct agg *a, const struct region *r, enum utility u)
{
	const struct cell *c = a->cells[cell_index(r, u)];

	return c ? &c->fig : &unknown_figure;
}

const struct claim *
agg_claims(const struct agg *a, const struct region *r, enum utility u,
    size_t *n)
{
	const struct cell *c = a->cells[cell_index(r, u)];

	*n = c ? c->nclaims : 0;
	return c ? c->claims : NULL;
}

int64_t
agg_next_expiry(const struct agg *a)
{
	int64_t t = INT64_MAX;

	for (size_t i = 0; i < a->nactive; i++) {
		const struct cell *c = a->cells[a->active[i]];

		if (c->next_expiry < t)
			t = c->next_expiry;
	}
	return t;
}
