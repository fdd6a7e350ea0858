/* SPDX-License-Identifier: MIT */
/*
 * alert.h - alert episodes with hysteresis (pure, no I/O).  One episode per
 * (region, utility): it fires when severity reaches the firing threshold, is
 * updated when severity escalates past what was last announced, and resolves
 * only when severity falls below a lower clear threshold and stays there for
 * the minimum duration (against flapping).
 */
#ifndef ALERT_H
#define ALERT_H

#include <stddef.h>
#include <stdint.h>

#include "outaged.h"

struct alert_rule {
	enum severity	 fire;		/* fire at this severity or worse */
	enum severity	 clear;		/* resolve below this severity */
	int64_t		 min_clear_ms;	/* below clear this long to resolve */
};

struct alert_state {
	int64_t		 id;		/* store row id; 0 when none yet */
	int		 firing;
	enum severity	 severity;	/* current */
	enum severity	 notified;	/* worst severity announced */
	int64_t		 started_at;	/* ms */
	int64_t		 updated_at;	/* ms */
	int64_t		 clear_since;	/* ms below clear; 0 when not */
};

enum alert_event {
	ALERT_NONE = 0,
	ALERT_FIRING,
	ALERT_UPDATED,
	ALERT_RESOLVED
};

const char	*alert_event_name(enum alert_event);

/* The stable incident key of an episode: "<region>/<utility>/<start ms>". */
void		 alert_incident_key(const char *region, enum utility,
		    int64_t started_at, char *buf, size_t buflen);

/*
 * Feed the current severity of a cell; updates st and returns the event to
 * announce, if any.  Call again from a timer while st->clear_since is set,
 * so that a pending resolution happens on time.
 */
enum alert_event alert_eval(const struct alert_rule *, struct alert_state *,
		    enum severity, int64_t now_ms);

#endif /* ALERT_H */
