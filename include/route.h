/* SPDX-License-Identifier: MIT */
/*
 * route.h - which subscriber is told what, and when (pure, no I/O).
 *
 * The router holds the subscriptions and one episode per (subscription,
 * region, utility).  Each changed figure is offered to every subscription
 * that covers its region; the router decides the notices:
 *
 *   firing    the figure meets the subscription's thresholds (a new
 *             episode, with a stable incident key)
 *   updated   the severity rose past what was last announced
 *   repeat    still firing after the subscription's repeat interval
 *             (not while silenced or acknowledged)
 *   resolved  below the clear level for min_clear, driven by router_tick()
 *             so that no new report is needed; sent to whoever got the
 *             firing, even if the subscription was narrowed or removed
 *             since (unless it does not want resolved notices)
 *
 * A firing ancestor region suppresses new firings of its descendants in
 * the same subscription (never their resolution); when it resolves, the
 * descendants still over the threshold fire.  A silence holds back
 * firings, updates and repeats for its regions; resolutions of what was
 * announced still go.  Quiet hours defer a notice until they end.
 *
 * The caller persists what the router says (the pipeline writes each
 * notice's episode and delivery in the pass's transaction) and restores
 * open episodes with router_restore() at start.
 */
#ifndef ROUTE_H
#define ROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "outaged.h"

struct figure;
struct gazetteer;
struct region;
struct router;
struct subscription;

#define ROUTE_KEY_MAX	(OD_REGION_ID_MAX + 64)

enum route_event {
	ROUTE_FIRING = 0,
	ROUTE_UPDATED,
	ROUTE_REPEAT,
	ROUTE_RESOLVED
};

const char	*route_event_name(enum route_event);

/* What persists of an episode (the store's sub_episodes row). */
struct route_episode {
	int64_t		 sub_id;
	const struct region *region;
	enum utility	 utility;
	int		 firing;	/* announced, not yet resolved */
	enum severity	 notified;	/* worst severity announced */
	int64_t		 started_at;	/* ms */
	int64_t		 last_sent_at;	/* ms: the last notice */
	int64_t		 acked_at;	/* ms, 0: not acknowledged */
	char		 incident_key[ROUTE_KEY_MAX];
	/* not persisted: re-derived after a restart */
	int64_t		 clear_since;	/* ms below the clear level, 0 not */
	int		 suppressed;	/* over threshold under a firing parent */
};

struct route_notice {
	const struct subscription *sub;
	const struct route_episode *ep;	/* after the event */
	enum route_event event;
	const struct figure *fig;	/* the cell's figure now */
	int64_t		 at;		/* ms: when decided */
	int64_t		 not_before;	/* ms: quiet hours end, or at */
};

/* The router tells the caller each notice as it decides it. */
typedef void	 route_emit_fn(void *arg, const struct route_notice *);
/* The current figure of a cell (for ticks and re-evaluations). */
typedef const struct figure *route_figure_fn(void *arg,
		    const struct region *, enum utility);

struct router	*router_new(const struct gazetteer *,
		    int64_t default_min_clear_ms);
void		 router_free(struct router *);		/* NULL is fine */
void		 router_set_min_clear(struct router *, int64_t ms);

/*
 * Add or replace (same id) a subscription; the router owns it.  A replaced
 * or removed subscription's firing episodes stay until they resolve, and
 * their resolution goes to it as it was.
 */
void		 router_put(struct router *, struct subscription *);
int		 router_remove(struct router *, int64_t id);	/* 0, -1 none */
const struct subscription *router_get(const struct router *, int64_t id);
size_t		 router_count(const struct router *);
/* Each live subscription in id order; stop when fn returns non-zero. */
void		 router_foreach(const struct router *,
		    int (*fn)(void *, const struct subscription *), void *arg);

/* An episode as stored, at start. */
void		 router_restore(struct router *, const struct route_episode *);

/* A cell's figure changed (after the pipeline recomputed it). */
void		 router_figure(struct router *, const struct region *,
		    enum utility, const struct figure *, int64_t now,
		    route_emit_fn *, void *arg);
/* Timers: resolutions after min_clear, repeats.  Call every pass. */
void		 router_tick(struct router *, int64_t now, route_figure_fn *,
		    route_emit_fn *, void *arg);
/* When router_tick next has work (wall ms), INT64_MAX when never. */
int64_t		 router_next_timer(const struct router *);

/*
 * A silence over a region (and its descendants) and one utility (or all:
 * -1) until `until`; replaced by id.  Expired silences are dropped by
 * router_tick.
 */
void		 router_silence(struct router *, int64_t id,
		    const struct region *, int utility, int64_t until);
int		 router_unsilence(struct router *, int64_t id);
int		 router_silenced(const struct router *, const struct region *,
		    enum utility, int64_t now);
/*
 * Acknowledge the episode with this incident key: no more repeats.
 * Returns the episode (to persist), NULL when no firing episode has it.
 */
const struct route_episode *router_ack(struct router *,
		    const char *incident_key, int64_t now);

#endif /* ROUTE_H */
