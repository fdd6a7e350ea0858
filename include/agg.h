/* SPDX-License-Identifier: MIT */
/*
 * agg.h - the live picture: each source's latest claim per region and
 * utility, merged into one figure per region and rolled up the hierarchy.
 * Pure: no I/O.  The rules (README, "How figures are computed"):
 *   - a source's latest claim (by observed_at) stands until superseded or
 *     older than the TTL; "restored" makes it a claim of zero;
 *   - fresh claims merge by source priority, then the largest figure;
 *   - a parent's figure is max(its own merged claim, sum of its children),
 *     so nothing counts twice;
 *   - percent = figure / the region's denominator; severity from the
 *     configured thresholds; no fresh data at all is "unknown", never zero;
 *   - a claim with a percent and no count counts that share of the
 *     region's denominator, approximate; a count beside it wins.
 */
#ifndef AGG_H
#define AGG_H

#include <stddef.h>
#include <stdint.h>

#include "outaged.h"
#include "report.h"

struct gazetteer;
struct region;

struct claim {
	char		 source[OD_SOURCE_MAX];
	enum report_status status;
	int64_t		 affected;		/* -1: no count */
	char		 unit[REPORT_UNIT_MAX];
	double		 percent;		/* of the region's consumers;
						   0: none */
	int		 approximate;
	int		 priority;
	int64_t		 observed_at;		/* ms */
	/* the source "sensors" (sensors.h): its devices dark of total */
	int		 sensed_dark, sensed_total;
};

enum fig_status {
	FS_UNKNOWN = 0,		/* no fresh data: coverage unknown */
	FS_RESTORED,		/* reported and back (nobody out) */
	FS_PARTIAL,
	FS_OUTAGE
};

const char	*fig_status_name(enum fig_status);

/*
 * A percent is read, published and charted to one decimal: two percents
 * in the same tenth are the same figure (the status is not published
 * again, history gets no row, the document shows the same number).
 */
long long	 percent_tenths(double percent);

struct figure {
	enum fig_status	 status;
	int64_t		 affected;		/* -1: outage without a count */
	char		 unit[REPORT_UNIT_MAX];	/* "" when affected < 0 */
	double		 percent;		/* < 0: no denominator */
	enum severity	 severity;
	int		 approximate;
	int		 nsources;		/* fresh direct claims */
	int64_t		 direct;		/* own merged claim, -1 none */
	int64_t		 children_sum;		/* sum over children, -1 none */
	int		 children_reporting;
	/*
	 * The shown status or count comes from the children's roll-up, not
	 * from the claims on the region itself (see README, "How figures
	 * are computed": a child's outage outweighs a parent's restored).
	 */
	int		 from_children;
	/*
	 * The figure is a reported percent: the count (when the region
	 * has a denominator) is that share of it, and approximate.
	 */
	int		 from_percent;
	int64_t		 since;			/* ms: current status began */
	int64_t		 updated_at;		/* ms: newest observation */
	int64_t		 peak;			/* this episode's largest figure */
};

struct agg_thresholds {
	double		 pct[4];		/* [SEV_MINOR..SEV_CRITICAL] */
	int64_t		 count[4];		/* when there is no denominator */
};

struct agg_params {
	int64_t		 ttl_ms;		/* claims older are stale */
	struct agg_thresholds thr;
};

struct agg;

struct agg	*agg_new(const struct gazetteer *, const struct agg_params *);
void		 agg_free(struct agg *);		/* NULL is fine */
void		 agg_set_params(struct agg *, const struct agg_params *);

/*
 * Apply one report as its source's claim for (region, utility).  An older
 * observation than the claim in place is ignored.  Returns 1 when the claim
 * changed (the cell is marked for recomputation), 0 otherwise.
 */
int		 agg_apply(struct agg *, const struct region *, enum utility,
		    const struct claim *);

/*
 * Seed a cell with the figure last stored for it, before its claims are
 * applied after a restart: since and peak carry over, and an unchanged
 * figure is not reported as a change.  Unchanged means by what a status
 * row holds: the first recomputation fills in the rest (direct,
 * children_sum, children_reporting, from_children, from_percent) quietly.
 */
void		 agg_restore(struct agg *, const struct region *, enum utility,
		    const struct figure *);

typedef void	 agg_change_fn(void *arg, const struct region *, enum utility,
		    const struct figure *oldf, const struct figure *newf);

/*
 * Recompute every marked cell, every cell whose claims went stale by now,
 * and their ancestors, deepest first.  Calls fn for each figure that changed.
 * Returns the number of changes.
 */
size_t		 agg_recompute(struct agg *, int64_t now_ms, agg_change_fn *,
		    void *arg);

/*
 * Mark every cell for recomputation, and have the next agg_recompute()
 * report each of them to its callback even when unchanged (after a reload,
 * so that alert rules are evaluated again under the new thresholds).
 */
void		 agg_mark_all(struct agg *);

/* Current figure (never NULL; FS_UNKNOWN when nothing is known). */
const struct figure *agg_figure(const struct agg *, const struct region *,
		    enum utility);
/* The sources' claims for a cell, stale ones included.  Borrowed. */
const struct claim *agg_claims(const struct agg *, const struct region *,
		    enum utility, size_t *n);
/* Earliest time at which a fresh claim goes stale, or INT64_MAX. */
int64_t		 agg_next_expiry(const struct agg *);

/* Severity of a figure under the thresholds (pure helper, tested alone). */
enum severity	 agg_severity(const struct agg_thresholds *, enum fig_status,
		    int64_t affected, double percent);

#endif /* AGG_H */
