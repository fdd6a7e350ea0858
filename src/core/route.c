/* SPDX-License-Identifier: MIT */
/*
 * route.c - the router: which subscriber is told what, and when (pure).
 *
 * Data:
 *   - live subscriptions ("ents") in a hash by id, and in an index from
 *     each listed region to the subscriptions listing it (the "*" ones in
 *     a list of their own), each list sorted by id (lazily, on first use
 *     after a change).  A changed cell merges the lists of its region, its
 *     ancestors and "*": the work is the number of subscriptions that
 *     cover the cell, never the number of subscriptions.
 *   - episodes in a hash keyed by (subscription id, region index,
 *     utility).  An episode exists while it is firing, or while its
 *     figure fires but the notice is held (suppressed by a firing
 *     ancestor, or silenced).  Each keeps a copy of its cell's last figure,
 *     so that held episodes can be re-evaluated without asking anyone.
 *   - a binary heap of episodes by their next timer (pending resolution,
 *     repeat, end of the silence holding them back).
 *   - "detached" episodes: firing episodes whose subscription no longer
 *     covers their cell (narrowed, removed, or restored that way).  They
 *     are reached from a per-cell list, and only resolve.  A retired
 *     subscription (replaced or removed) is kept while it owns one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "buf.h"
#include "region.h"
#include "route.h"
#include "subscription.h"
#include "util.h"

struct ep;

struct ent {
	struct subscription *sub;
	int		 retired;
	struct ep	*eps;		/* owned episodes */
	size_t		 neps;
	size_t		 nsuppressed;	/* of them held under a parent */
	struct ent	*hnext;		/* id hash chain (live) */
};

struct ep {
	/* what a hash lookup reads, in the first cache line */
	struct ep	*hnext;		/* key hash chain */
	size_t		 ridx;		/* pub.region->index */
	struct route_episode pub;
	struct ent	*owner;
	struct ep	*onext, *oprev;	/* the owner's list */
	struct ep	*cnext, *cprev;	/* the cell's list, when detached */
	int		 detached;
	int		 has_fig;
	struct figure	 fig;		/* the cell's last figure */
	int64_t		 due;		/* next timer, INT64_MAX none */
	size_t		 hi;		/* heap index, SIZE_MAX none */
};

/* An index entry carries what the merge reads, so as not to chase ent */
struct ient {
	int64_t		 id;
	unsigned	 utilities;
	struct ent	*e;
};

struct idx {
	struct ient	*v;
	size_t		 n, cap;
	int		 dirty;		/* not sorted by id */
};

struct silence {
	int64_t		 id;
	const struct region *region;
	int		 utility;	/* -1: all */
	int64_t		 until;
};

struct router {
	const struct gazetteer *gaz;
	size_t		 nregions;
	int64_t		 min_clear;
	struct ent	**sh;		/* live by id */
	size_t		 sh_mask, nlive;
	struct idx	*byregion;	/* [region index] */
	struct idx	 all;		/* "*" */
	struct ent	**retired;
	size_t		 nretired, retired_cap;
	struct ep	**eh;		/* episodes by key */
	size_t		 eh_mask, neps;
	struct ep	**cells;	/* detached, [index * UTIL_COUNT + u] */
	struct ep	**heap;
	size_t		 nheap, heap_cap;
	struct silence	*sil;
	size_t		 nsil, sil_cap;
};

const char *
route_event_name(enum route_event e)
{
	switch (e) {
	case ROUTE_FIRING:	return "firing";
	case ROUTE_UPDATED:	return "updated";
	case ROUTE_REPEAT:	return "repeat";
	case ROUTE_RESOLVED:	return "resolved";
	}
	return "?";
}

static uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= UINT64_C(0xff51afd7ed558ccd);
	x ^= x >> 33;
	x *= UINT64_C(0xc4ceb9fe1a85ec53);
	x ^= x >> 33;
	return x;
}

static uint64_t
ep_hash(int64_t id, size_t ridx, enum utility u)
{
	return mix((uint64_t)id ^ mix((uint64_t)ridx * UTIL_COUNT + u + 1));
}

/* ---- live subscriptions by id ---- */

static struct ent *
ent_lookup(const struct router *r, int64_t id)
{
	struct ent *e;

	for (e = r->sh[mix((uint64_t)id) & r->sh_mask]; e; e = e->hnext)
		if (e->sub->id == id)
			return e;
	return NULL;
}

static void
sh_insert(struct router *r, struct ent *e)
{
	if (r->nlive + 1 > r->sh_mask + 1) {
		size_t nsize = (r->sh_mask + 1) * 2;
		struct ent **nt = xcalloc(nsize, sizeof(*nt));

		for (size_t i = 0; i <= r->sh_mask; i++) {
			struct ent *x, *next;

			for (x = r->sh[i]; x; x = next) {
				size_t k = mix((uint64_t)x->sub->id) &
				    (nsize - 1);

				next = x->hnext;
				x->hnext = nt[k];
				nt[k] = x;
			}
		}
		free(r->sh);
		r->sh = nt;
		r->sh_mask = nsize - 1;
	}
	{
		size_t k = mix((uint64_t)e->sub->id) & r->sh_mask;

		e->hnext = r->sh[k];
		r->sh[k] = e;
		r->nlive++;
	}
}

static void
sh_remove(struct router *r, struct ent *e)
{
	struct ent **pp = &r->sh[mix((uint64_t)e->sub->id) & r->sh_mask];

	for (; *pp; pp = &(*pp)->hnext)
		if (*pp == e) {
			*pp = e->hnext;
			r->nlive--;
			return;
		}
}

/* ---- the region index ---- */

static int
cmp_ient(const void *a, const void *b)
{
	const struct ient *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static int
cmp_ent(const void *a, const void *b)
{
	const struct ent *x = *(struct ent *const *)a;
	const struct ent *y = *(struct ent *const *)b;

	return x->sub->id < y->sub->id ? -1 : x->sub->id > y->sub->id;
}

static void
idx_add(struct idx *ix, struct ent *e)
{
	if (ix->n > 0 && ix->v[ix->n - 1].id > e->sub->id)
		ix->dirty = 1;
	ARRAY_GROW(ix->v, ix->n, ix->cap, 4);
	ix->v[ix->n].id = e->sub->id;
	ix->v[ix->n].utilities = e->sub->utilities;
	ix->v[ix->n++].e = e;
}

static void
idx_del(struct idx *ix, struct ent *e)
{
	for (size_t i = 0; i < ix->n; i++)
		if (ix->v[i].e == e) {
			memmove(&ix->v[i], &ix->v[i + 1],
			    (ix->n - i - 1) * sizeof(*ix->v));
			ix->n--;
			return;
		}
}

static void
idx_sort(struct idx *ix)
{
	if (ix->dirty) {
		qsort(ix->v, ix->n, sizeof(*ix->v), cmp_ient);
		ix->dirty = 0;
	}
}

static void
index_ent(struct router *r, struct ent *e, int add)
{
	const struct subscription *s = e->sub;

	if (s->all_regions) {
		if (add)
			idx_add(&r->all, e);
		else
			idx_del(&r->all, e);
	}
	for (size_t i = 0; i < s->nregions; i++) {
		struct idx *ix = &r->byregion[s->regions[i]->index];

		if (add)
			idx_add(ix, e);
		else
			idx_del(ix, e);
	}
}

/* ---- the timer heap ---- */

static int
heap_less(const struct ep *a, const struct ep *b)
{
	if (a->due != b->due)
		return a->due < b->due;
	if (a->pub.sub_id != b->pub.sub_id)
		return a->pub.sub_id < b->pub.sub_id;
	if (a->pub.region->index != b->pub.region->index)
		return a->pub.region->index < b->pub.region->index;
	return a->pub.utility < b->pub.utility;
}

static void
heap_place(struct router *r, struct ep *e, size_t i)
{
	r->heap[i] = e;
	e->hi = i;
}

static void
heap_up(struct router *r, size_t i)
{
	struct ep *e = r->heap[i];

	while (i > 0) {
		size_t p = (i - 1) / 2;

		if (!heap_less(e, r->heap[p]))
			break;
		heap_place(r, r->heap[p], i);
		i = p;
	}
	heap_place(r, e, i);
}

static void
heap_down(struct router *r, size_t i)
{
	struct ep *e = r->heap[i];

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= r->nheap)
			break;
		if (c + 1 < r->nheap && heap_less(r->heap[c + 1], r->heap[c]))
			c++;
		if (!heap_less(r->heap[c], e))
			break;
		heap_place(r, r->heap[c], i);
		i = c;
	}
	heap_place(r, e, i);
}

static void
heap_remove(struct router *r, struct ep *e)
{
	size_t i = e->hi;
	struct ep *last;

	if (i == SIZE_MAX)
		return;
	e->hi = SIZE_MAX;
	e->due = INT64_MAX;
	last = r->heap[--r->nheap];
	if (last == e)
		return;
	heap_place(r, last, i);
	heap_up(r, i);
	heap_down(r, last->hi);
}

/* Set an episode's next timer (INT64_MAX: none). */
static void
heap_set(struct router *r, struct ep *e, int64_t due)
{
	if (due == INT64_MAX) {
		heap_remove(r, e);
		return;
	}
	e->due = due;
	if (e->hi == SIZE_MAX) {
		ARRAY_GROW(r->heap, r->nheap, r->heap_cap, 64);
		r->heap[r->nheap] = e;
		e->hi = r->nheap++;
		heap_up(r, e->hi);
	} else {
		heap_up(r, e->hi);
		heap_down(r, e->hi);
	}
}

/* ---- episodes ---- */

static struct ep *
ep_find(const struct router *r, int64_t id, size_t ridx, enum utility u)
{
	struct ep *e;

	for (e = r->eh[ep_hash(id, ridx, u) & r->eh_mask]; e; e = e->hnext)
		if (e->pub.sub_id == id && e->ridx == ridx &&
		    e->pub.utility == u)
			return e;
	return NULL;
}

static void
eh_insert(struct router *r, struct ep *e)
{
	size_t k;

	if (r->neps + 1 > r->eh_mask + 1) {
		size_t nsize = (r->eh_mask + 1) * 2;
		struct ep **nt = xcalloc(nsize, sizeof(*nt));

		for (size_t i = 0; i <= r->eh_mask; i++) {
			struct ep *x, *next;

			for (x = r->eh[i]; x; x = next) {
				k = ep_hash(x->pub.sub_id, x->ridx,
				    x->pub.utility) & (nsize - 1);
				next = x->hnext;
				x->hnext = nt[k];
				nt[k] = x;
			}
		}
		free(r->eh);
		r->eh = nt;
		r->eh_mask = nsize - 1;
	}
	k = ep_hash(e->pub.sub_id, e->ridx, e->pub.utility) &
	    r->eh_mask;
	e->hnext = r->eh[k];
	r->eh[k] = e;
	r->neps++;
}

static void
own(struct ent *o, struct ep *e)
{
	e->owner = o;
	e->oprev = NULL;
	e->onext = o->eps;
	if (o->eps)
		o->eps->oprev = e;
	o->eps = e;
	o->neps++;
	if (e->pub.suppressed)
		o->nsuppressed++;
}

static void
disown(struct ep *e)
{
	struct ent *o = e->owner;

	if (e->oprev)
		e->oprev->onext = e->onext;
	else
		o->eps = e->onext;
	if (e->onext)
		e->onext->oprev = e->oprev;
	e->onext = e->oprev = NULL;
	o->neps--;
	if (e->pub.suppressed)
		o->nsuppressed--;
	e->owner = NULL;
}

static struct ep **
cell_head(struct router *r, const struct region *reg, enum utility u)
{
	if (r->cells == NULL)
		r->cells = xcalloc(r->nregions * UTIL_COUNT,
		    sizeof(*r->cells));
	return &r->cells[reg->index * UTIL_COUNT + u];
}

static void
detach(struct router *r, struct ep *e)
{
	struct ep **h;

	if (e->detached)
		return;
	h = cell_head(r, e->pub.region, e->pub.utility);
	e->cprev = NULL;
	e->cnext = *h;
	if (*h)
		(*h)->cprev = e;
	*h = e;
	e->detached = 1;
}

static void
attach(struct router *r, struct ep *e)
{
	if (!e->detached)
		return;
	if (e->cprev)
		e->cprev->cnext = e->cnext;
	else
		*cell_head(r, e->pub.region, e->pub.utility) = e->cnext;
	if (e->cnext)
		e->cnext->cprev = e->cprev;
	e->cnext = e->cprev = NULL;
	e->detached = 0;
}

static struct ep *
ep_new(struct router *r, struct ent *o, const struct region *reg,
    enum utility u)
{
	struct ep *e = xcalloc(1, sizeof(*e));

	e->pub.sub_id = o->sub->id;
	e->pub.region = reg;
	e->ridx = reg->index;
	e->pub.utility = u;
	e->due = INT64_MAX;
	e->hi = SIZE_MAX;
	eh_insert(r, e);
	own(o, e);
	return e;
}

/* Forget an episode; its owner stays (see ent_maybe_free). */
static void
ep_free(struct router *r, struct ep *e)
{
	struct ep **pp = &r->eh[ep_hash(e->pub.sub_id, e->ridx,
	    e->pub.utility) & r->eh_mask];

	for (; *pp; pp = &(*pp)->hnext)
		if (*pp == e) {
			*pp = e->hnext;
			r->neps--;
			break;
		}
	heap_remove(r, e);
	attach(r, e);
	disown(e);
	free(e);
}

/* A retired subscription goes with its last episode. */
static void
ent_maybe_free(struct router *r, struct ent *o)
{
	if (!o->retired || o->neps > 0)
		return;
	for (size_t i = 0; i < r->nretired; i++)
		if (r->retired[i] == o) {
			r->retired[i] = r->retired[--r->nretired];
			break;
		}
	subscription_free(o->sub);
	free(o);
}

/* ---- silences ---- */

static int
silence_covers(const struct silence *s, const struct region *reg,
    enum utility u)
{
	return (s->utility < 0 || s->utility == (int)u) &&
	    region_within(reg, s->region);
}

int
router_silenced(const struct router *r, const struct region *reg,
    enum utility u, int64_t now)
{
	for (size_t i = 0; i < r->nsil; i++)
		if (r->sil[i].until > now && silence_covers(&r->sil[i], reg, u))
			return 1;
	return 0;
}

/* When the silences over a cell are all over (0: not silenced). */
static int64_t
silence_until(const struct router *r, const struct region *reg,
    enum utility u, int64_t now)
{
	int64_t until = 0;

	for (size_t i = 0; i < r->nsil; i++)
		if (r->sil[i].until > now && r->sil[i].until > until &&
		    silence_covers(&r->sil[i], reg, u))
			until = r->sil[i].until;
	return until;
}

/* Have the next tick look again at every timed episode under s. */
static void
wake_scope(struct router *r, const struct silence *s)
{
	struct ep **v = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < r->nheap; i++)
		if (silence_covers(s, r->heap[i]->pub.region,
		    r->heap[i]->pub.utility)) {
			ARRAY_GROW(v, n, cap, 16);
			v[n++] = r->heap[i];
		}
	for (size_t i = 0; i < n; i++)
		heap_set(r, v[i], 0);	/* look again at the next tick */
	free(v);
}

/* ---- the episode machine ---- */

static int64_t
ep_min_clear(const struct router *r, const struct ep *e)
{
	int64_t mc = e->owner->sub->min_clear_ms;

	return mc >= 0 ? mc : r->min_clear;
}

static void
emit(struct ep *e, enum route_event ev, int64_t now, route_emit_fn *fn,
    void *arg)
{
	struct route_notice n;
	int64_t until;

	n.sub = e->owner->sub;
	n.ep = &e->pub;
	n.event = ev;
	n.fig = e->has_fig ? &e->fig : NULL;
	n.at = now;
	n.not_before = now;
	if (subscription_quiet(n.sub, now, &until))
		n.not_before = until;
	if (fn != NULL)
		fn(arg, &n);
}

/* Is an ancestor of the episode's region firing in its subscription? */
static int
ancestor_firing(const struct router *r, const struct ep *e)
{
	const struct region *a;

	/*
	 * Only ancestors the subscription covers: a firing it still has
	 * above what it now covers (narrowed) holds nothing back.  Above an
	 * ancestor it does not cover, it covers none.
	 */
	for (a = e->pub.region->parent; a != NULL &&
	    subscription_covers(e->owner->sub, a); a = a->parent) {
		const struct ep *x = ep_find(r, e->pub.sub_id, a->index,
		    e->pub.utility);

		if (x != NULL && x->pub.firing)
			return 1;
	}
	return 0;
}

static void
set_suppressed(struct ep *e, int v)
{
	if (e->pub.suppressed && !v)
		e->owner->nsuppressed--;
	else if (!e->pub.suppressed && v)
		e->owner->nsuppressed++;
	e->pub.suppressed = v;
}

/* The next timer of an episode, after its state was brought up to now. */
static void
reschedule(struct router *r, struct ep *e, int64_t now)
{
	const struct subscription *s = e->owner->sub;
	int64_t due = INT64_MAX, su;

	if (e->pub.firing) {
		if (e->pub.clear_since != 0) {
			due = e->pub.clear_since + ep_min_clear(r, e);
		} else if (!e->detached) {
			su = silence_until(r, e->pub.region, e->pub.utility,
			    now);
			/* an escalation held back by a silence */
			if (su > now && e->has_fig &&
			    e->fig.severity > e->pub.notified)
				due = su;
			if (s->repeat_ms > 0 && e->pub.acked_at == 0) {
				int64_t t = e->pub.last_sent_at + s->repeat_ms;

				if (t <= now && su > now)
					t = su;
				if (t < due)
					due = t;
			}
		}
	} else if (!e->pub.suppressed) {
		/* a firing held back by a silence */
		su = silence_until(r, e->pub.region, e->pub.utility, now);
		if (su > now)
			due = su;
	}
	if (due <= now)		/* never spin: at the latest, next ms */
		due = now + 1;
	heap_set(r, e, due);
}

static void	 resolve(struct router *, struct ep *, int64_t,
		    route_emit_fn *, void *);

/*
 * Bring an episode up to now with the figure (NULL: its last one).
 * Returns 1 when the episode was freed.
 */
static int
step(struct router *r, struct ep *e, const struct figure *fig, int64_t now,
    route_emit_fn *fn, void *arg)
{
	const struct subscription *s = e->owner->sub;
	const struct figure *f;
	int silenced;

	if (fig != NULL && fig != &e->fig) {
		e->fig = *fig;
		e->has_fig = 1;
	}
	f = e->has_fig ? &e->fig : NULL;
	silenced = router_silenced(r, e->pub.region, e->pub.utility, now);
	if (e->pub.firing) {
		if (f != NULL && subscription_clears(s, f)) {
			if (e->pub.clear_since == 0)
				e->pub.clear_since = now;
			if (now - e->pub.clear_since >= ep_min_clear(r, e)) {
				resolve(r, e, now, fn, arg);
				return 1;
			}
		} else if (f != NULL) {
			e->pub.clear_since = 0;
			if (!e->detached && !silenced &&
			    f->severity > e->pub.notified) {
				e->pub.notified = f->severity;
				e->pub.last_sent_at = now;
				emit(e, ROUTE_UPDATED, now, fn, arg);
			}
		}
		if (!e->detached && !silenced && e->pub.clear_since == 0 &&
		    s->repeat_ms > 0 && e->pub.acked_at == 0 &&
		    now - e->pub.last_sent_at >= s->repeat_ms) {
			e->pub.last_sent_at = now;
			emit(e, ROUTE_REPEAT, now, fn, arg);
		}
	} else {
		if (f == NULL || e->detached || !subscription_fires(s, f)) {
			struct ent *o = e->owner;

			ep_free(r, e);
			ent_maybe_free(r, o);
			return 1;
		}
		set_suppressed(e, ancestor_firing(r, e));
		if (!e->pub.suppressed && !silenced) {
			e->pub.firing = 1;
			e->pub.notified = f->severity;
			e->pub.started_at = now;
			e->pub.last_sent_at = now;
			e->pub.acked_at = 0;
			e->pub.clear_since = 0;
			snprintf(e->pub.incident_key,
			    sizeof(e->pub.incident_key), "%lld/%s/%s/%lld",
			    (long long)e->pub.sub_id, e->pub.region->id,
			    utility_name(e->pub.utility), (long long)now);
			emit(e, ROUTE_FIRING, now, fn, arg);
		}
	}
	reschedule(r, e, now);
	return 0;
}

static int
cmp_depth(const void *a, const void *b)
{
	const struct ep *x = *(struct ep *const *)a;
	const struct ep *y = *(struct ep *const *)b;

	if (x->pub.region->depth != y->pub.region->depth)
		return x->pub.region->depth < y->pub.region->depth ? -1 : 1;
	return x->pub.region->index < y->pub.region->index ? -1 :
	    x->pub.region->index > y->pub.region->index;
}

/*
 * An episode of (id, reg, u) resolved: the descendants it held back in
 * the same subscription fire now if their last figure still fires and no
 * other ancestor fires, shallowest first.
 */
static void
wake_suppressed(struct router *r, struct ent *o, const struct region *reg,
    enum utility u, int64_t now, route_emit_fn *fn, void *arg)
{
	struct ep **v = NULL, *e;
	size_t n = 0, cap = 0;

	if (o == NULL || o->nsuppressed == 0)
		return;
	for (e = o->eps; e; e = e->onext)
		if (e->pub.suppressed && !e->pub.firing &&
		    e->pub.utility == u && e->pub.region != reg &&
		    region_within(e->pub.region, reg)) {
			ARRAY_GROW(v, n, cap, 8);
			v[n++] = e;
		}
	qsort(v, n, sizeof(*v), cmp_depth);
	for (size_t i = 0; i < n; i++)
		step(r, v[i], NULL, now, fn, arg);
	free(v);
}

static void
resolve(struct router *r, struct ep *e, int64_t now, route_emit_fn *fn,
    void *arg)
{
	struct ent *o = e->owner;
	int64_t id = e->pub.sub_id;
	const struct region *reg = e->pub.region;
	enum utility u = e->pub.utility;

	e->pub.firing = 0;
	e->pub.clear_since = 0;
	e->pub.last_sent_at = now;
	emit(e, ROUTE_RESOLVED, now, fn, arg);
	ep_free(r, e);
	if (o->retired) {
		ent_maybe_free(r, o);
		o = ent_lookup(r, id);
	}
	wake_suppressed(r, o, reg, u, now, fn, arg);
}

/* ---- the interface ---- */

struct router *
router_new(const struct gazetteer *gaz, int64_t default_min_clear_ms)
{
	struct router *r = xcalloc(1, sizeof(*r));

	r->gaz = gaz;
	r->nregions = gaz_count(gaz);
	r->min_clear = default_min_clear_ms;
	r->byregion = xcalloc(r->nregions ? r->nregions : 1,
	    sizeof(*r->byregion));
	r->sh_mask = 63;
	r->sh = xcalloc(r->sh_mask + 1, sizeof(*r->sh));
	r->eh_mask = 255;
	r->eh = xcalloc(r->eh_mask + 1, sizeof(*r->eh));
	return r;
}

static void
ent_free_all(struct router *r, struct ent *o)
{
	while (o->eps != NULL)
		ep_free(r, o->eps);
	subscription_free(o->sub);
	free(o);
}

void
router_free(struct router *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i <= r->sh_mask; i++) {
		struct ent *o, *next;

		for (o = r->sh[i]; o; o = next) {
			next = o->hnext;
			ent_free_all(r, o);
		}
	}
	for (size_t i = 0; i < r->nretired; i++)
		ent_free_all(r, r->retired[i]);
	for (size_t i = 0; i < r->nregions; i++)
		free(r->byregion[i].v);
	free(r->byregion);
	free(r->all.v);
	free(r->retired);
	free(r->sh);
	free(r->eh);
	free(r->cells);
	free(r->heap);
	free(r->sil);
	free(r);
}

void
router_set_min_clear(struct router *r, int64_t ms)
{
	struct ep **v = NULL;
	size_t n = 0, cap = 0;

	r->min_clear = ms;
	for (size_t i = 0; i < r->nheap; i++)
		if (r->heap[i]->pub.clear_since != 0) {
			ARRAY_GROW(v, n, cap, 16);
			v[n++] = r->heap[i];
		}
	for (size_t i = 0; i < n; i++)
		heap_set(r, v[i], v[i]->pub.clear_since +
		    ep_min_clear(r, v[i]));
	free(v);
}

/*
 * The episodes of subscription id (in old, and in retired versions) go to
 * the new version when it covers their cell and utility; the others stay,
 * detached, with the version that announced them while firing, and are
 * dropped when they were not announced.
 */
static void
rehome(struct router *r, int64_t id, struct ent *old, struct ent *nw)
{
	struct ent **owners = NULL;
	struct ep **v = NULL, *e;
	size_t no = 0, ocap = 0, n = 0, cap = 0;

	if (old != NULL) {
		old->retired = 1;
		ARRAY_GROW(r->retired, r->nretired, r->retired_cap, 8);
		r->retired[r->nretired++] = old;
	}
	for (size_t i = 0; i < r->nretired; i++)
		if (r->retired[i]->sub->id == id) {
			ARRAY_GROW(owners, no, ocap, 4);
			owners[no++] = r->retired[i];
		}
	for (size_t i = 0; i < no; i++)
		for (e = owners[i]->eps; e; e = e->onext) {
			ARRAY_GROW(v, n, cap, 16);
			v[n++] = e;
		}
	for (size_t i = 0; i < n; i++) {
		e = v[i];
		if (nw != NULL && subscription_covers(nw->sub, e->pub.region) &&
		    subscription_wants_utility(nw->sub, e->pub.utility)) {
			disown(e);
			own(nw, e);
			attach(r, e);
		} else if (e->pub.firing) {
			detach(r, e);
		} else {
			ep_free(r, e);
		}
	}
	for (size_t i = 0; i < no; i++)
		ent_maybe_free(r, owners[i]);
	free(owners);
	free(v);
}

void
router_put(struct router *r, struct subscription *s)
{
	struct ent *old = ent_lookup(r, s->id), *nw = xcalloc(1, sizeof(*nw));

	nw->sub = s;
	if (old != NULL) {
		index_ent(r, old, 0);
		sh_remove(r, old);
	}
	sh_insert(r, nw);
	index_ent(r, nw, 1);
	rehome(r, s->id, old, nw);
}

int
router_remove(struct router *r, int64_t id)
{
	struct ent *old = ent_lookup(r, id);

	if (old == NULL)
		return -1;
	index_ent(r, old, 0);
	sh_remove(r, old);
	rehome(r, id, old, NULL);
	return 0;
}

const struct subscription *
router_get(const struct router *r, int64_t id)
{
	const struct ent *e = ent_lookup(r, id);

	return e ? e->sub : NULL;
}

size_t
router_count(const struct router *r)
{
	return r->nlive;
}

void
router_foreach(const struct router *r,
    int (*fn)(void *, const struct subscription *), void *arg)
{
	struct ent **v = xcalloc(r->nlive ? r->nlive : 1, sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i <= r->sh_mask; i++)
		for (struct ent *e = r->sh[i]; e; e = e->hnext)
			v[n++] = e;
	qsort(v, n, sizeof(*v), cmp_ent);
	for (size_t i = 0; i < n; i++)
		if (fn(arg, v[i]->sub) != 0)
			break;
	free(v);
}

void
router_restore(struct router *r, const struct route_episode *rep)
{
	struct ent *o;
	struct ep *e;

	if (!rep->firing || rep->region == NULL ||
	    (unsigned)rep->utility >= UTIL_COUNT ||
	    (o = ent_lookup(r, rep->sub_id)) == NULL ||
	    ep_find(r, rep->sub_id, rep->region->index, rep->utility) != NULL)
		return;
	e = ep_new(r, o, rep->region, rep->utility);
	e->pub.firing = 1;
	e->pub.notified = rep->notified;
	e->pub.started_at = rep->started_at;
	e->pub.last_sent_at = rep->last_sent_at;
	e->pub.acked_at = rep->acked_at;
	str_copy(e->pub.incident_key, rep->incident_key,
	    sizeof(e->pub.incident_key));
	if (!subscription_covers(o->sub, rep->region) ||
	    !subscription_wants_utility(o->sub, rep->utility))
		detach(r, e);
	reschedule(r, e, rep->last_sent_at);
}

#define MAX_LISTS	16

void
router_figure(struct router *r, const struct region *reg, enum utility u,
    const struct figure *fig, int64_t now, route_emit_fn *fn, void *arg)
{
	struct idx *lists[MAX_LISTS];
	size_t pos[MAX_LISTS], nl = 0;
	const struct region *a;
	struct ep **v = NULL, *e;
	size_t n = 0, cap = 0;

	if ((unsigned)u >= UTIL_COUNT)
		return;
	for (a = reg; a != NULL && nl + 1 < MAX_LISTS; a = a->parent)
		if (r->byregion[a->index].n > 0)
			lists[nl++] = &r->byregion[a->index];
	if (r->all.n > 0)
		lists[nl++] = &r->all;
	for (size_t i = 0; i < nl; i++) {
		idx_sort(lists[i]);
		pos[i] = 0;
	}
	/* the covering subscriptions in id order, each once */
	for (;;) {
		const struct ient *best = NULL;
		struct ent *o;

		for (size_t i = 0; i < nl; i++)
			if (pos[i] < lists[i]->n && (best == NULL ||
			    lists[i]->v[pos[i]].id < best->id))
				best = &lists[i]->v[pos[i]];
		if (best == NULL)
			break;
		o = best->e;
		if ((best->utilities & (1u << u)) == 0)
			o = NULL;
		for (size_t i = 0; i < nl; i++)
			if (pos[i] < lists[i]->n &&
			    lists[i]->v[pos[i]].id == best->id)
				pos[i]++;
		if (o == NULL)
			continue;
		e = ep_find(r, best->id, reg->index, u);
		if (e == NULL) {
			if (!subscription_fires(o->sub, fig))
				continue;
			e = ep_new(r, o, reg, u);
		}
		step(r, e, fig, now, fn, arg);
	}
	/* then what narrowed or removed subscriptions still have here */
	if (r->cells != NULL) {
		for (e = r->cells[reg->index * UTIL_COUNT + u]; e; e = e->cnext) {
			ARRAY_GROW(v, n, cap, 8);
			v[n++] = e;
		}
		for (size_t i = 1; i < n; i++)	/* few: insertion sort by id */
			for (size_t j = i; j > 0 &&
			    v[j - 1]->pub.sub_id > v[j]->pub.sub_id; j--) {
				e = v[j];
				v[j] = v[j - 1];
				v[j - 1] = e;
			}
		for (size_t i = 0; i < n; i++)
			step(r, v[i], fig, now, fn, arg);
		free(v);
	}
}

void
router_tick(struct router *r, int64_t now, route_figure_fn *figfn,
    route_emit_fn *fn, void *arg)
{
	size_t i, j;

	for (i = j = 0; i < r->nsil; i++)
		if (r->sil[i].until > now)
			r->sil[j++] = r->sil[i];
	r->nsil = j;
	while (r->nheap > 0 && r->heap[0]->due <= now) {
		struct ep *e = r->heap[0];
		const struct figure *f = NULL;

		heap_remove(r, e);
		if (figfn != NULL)
			f = figfn(arg, e->pub.region, e->pub.utility);
		step(r, e, f, now, fn, arg);
	}
}

int64_t
router_next_timer(const struct router *r)
{
	int64_t t = r->nheap > 0 ? r->heap[0]->due : INT64_MAX;

	for (size_t i = 0; i < r->nsil; i++)
		if (r->sil[i].until < t)
			t = r->sil[i].until;
	return t;
}

void
router_silence(struct router *r, int64_t id, const struct region *reg,
    int utility, int64_t until)
{
	struct silence s = { id, reg, utility < 0 ? -1 : utility, until };

	for (size_t i = 0; i < r->nsil; i++)
		if (r->sil[i].id == id) {
			struct silence old = r->sil[i];

			r->sil[i] = s;
			wake_scope(r, &old);
			return;
		}
	ARRAY_GROW(r->sil, r->nsil, r->sil_cap, 4);
	r->sil[r->nsil++] = s;
}

int
router_unsilence(struct router *r, int64_t id)
{
	for (size_t i = 0; i < r->nsil; i++)
		if (r->sil[i].id == id) {
			struct silence old = r->sil[i];

			memmove(&r->sil[i], &r->sil[i + 1],
			    (r->nsil - i - 1) * sizeof(*r->sil));
			r->nsil--;
			wake_scope(r, &old);
			return 0;
		}
	return -1;
}

const struct route_episode *
router_ack(struct router *r, const char *key, int64_t now)
{
	char part[ROUTE_KEY_MAX];
	const char *p, *q;
	const struct region *reg;
	enum utility u;
	int64_t id;
	struct ep *e;

	/* "<sub id>/<region id>/<utility>/<started_at>" */
	if ((p = strchr(key, '/')) == NULL ||
	    (size_t)(p - key) >= sizeof(part))
		return NULL;
	memcpy(part, key, (size_t)(p - key));
	part[p - key] = '\0';
	if (parse_i64(part, INT64_MIN, INT64_MAX, &id) != OD_OK)
		return NULL;
	p++;
	if ((q = strchr(p, '/')) == NULL || (size_t)(q - p) >= sizeof(part))
		return NULL;
	memcpy(part, p, (size_t)(q - p));
	part[q - p] = '\0';
	if ((reg = gaz_by_id(r->gaz, part)) == NULL)
		return NULL;
	p = q + 1;
	if ((q = strchr(p, '/')) == NULL || (size_t)(q - p) >= sizeof(part))
		return NULL;
	memcpy(part, p, (size_t)(q - p));
	part[q - p] = '\0';
	if (utility_from_name(part, &u) < 0)
		return NULL;
	e = ep_find(r, id, reg->index, u);
	if (e == NULL || !e->pub.firing ||
	    strcmp(e->pub.incident_key, key) != 0)
		return NULL;
	if (e->pub.acked_at == 0)
		e->pub.acked_at = now;
	reschedule(r, e, now);
	return &e->pub;
}
