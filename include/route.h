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
 *
 * The rules in detail:
 *   - an episode is created when a figure fires for a subscription; it
 *     fires at once unless held back: by a firing ancestor (suppressed),
 *     or by a silence (announced by router_tick when the silence ends or
 *     is lifted, if its figure still fires then).  A held episode whose
 *     figure stops firing is dropped without a notice.
 *   - suppression counts only ancestors the subscription covers.  When an
 *     ancestor's episode resolves, the held descendants are re-evaluated
 *     with the last figure the router saw for them (each episode keeps a
 *     copy), shallowest first; each fires unless another ancestor still
 *     fires.  A descendant already firing keeps firing, updating,
 *     repeating and resolving.
 *   - "updated" and "repeat" each restart the repeat interval; no repeat
 *     while acknowledged, silenced, or below the clear level.  Held
 *     updates and repeats go when the silence ends.
 *   - a resolution is always reported, also when sub->send_resolved is 0,
 *     so that the caller closes the stored episode: the caller must then
 *     not deliver it.
 *   - router_put() replacing a subscription: its episodes in cells the new
 *     version covers (region and utility) carry on under the new version
 *     (same incident key; its thresholds, channel and options).  Its
 *     firing episodes elsewhere stay with the old version, detached: they
 *     get no updates or repeats, only their resolution, sent to the old
 *     version.  Held (unannounced) episodes elsewhere are dropped.
 *     router_remove() detaches them all the same way.
 *   - a new or changed subscription is evaluated on each cell's next
 *     change; the caller re-offers current figures if it wants more.
 *   - quiet hours: not_before is when the window ends; the router does not
 *     hold the notice itself (the delivery does).
 *   - notices go out in a deterministic order: for one changed cell, by
 *     subscription id, then the detached episodes by id; a resolution is
 *     followed by the firings it releases; timers in order of (due time,
 *     subscription id, region index, utility).
 *   - a notice's pointers (sub, ep, fig) hold only during the callback: a
 *     retired subscription is freed with its last episode.  The callback
 *     must not call router_put(), router_remove() or router_free().
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

/*
 * An episode as stored, at start, after the subscriptions were put.  Only
 * firing episodes are kept; one whose subscription is gone is dropped
 * (there is no one to tell), one whose subscription no longer covers it
 * waits, detached, for its resolution.  clear_since and suppressed are
 * re-derived from the next figure.
 */
void		 router_restore(struct router *, const struct route_episode *);

/* A cell's figure changed (after the pipeline recomputed it). */
void		 router_figure(struct router *, const struct region *,
		    enum utility, const struct figure *, int64_t now,
		    route_emit_fn *, void *arg);
/*
 * Timers: resolutions after min_clear, repeats, silences ending.  Call
 * every pass.  The figure function (may be NULL) gives each due episode
 * its cell's current figure; without it the last figure seen is used.  A
 * restored episode whose cell has not changed since has no figure: its
 * repeat then carries fig NULL.
 */
void		 router_tick(struct router *, int64_t now, route_figure_fn *,
		    route_emit_fn *, void *arg);
/*
 * When router_tick next has work (wall ms): the earliest pending
 * resolution (clear_since + min_clear), repeat, end of a silence holding
 * something back or not, or 0 after a silence was lifted or replaced
 * (look again now); INT64_MAX when never.
 */
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
