/* SPDX-License-Identifier: MIT */
/*
 * alert.c - the alert episode state machine (pure).
 */
#include <assert.h>
#include <stdio.h>

#include "alert.h"

void
alert_incident_key(const char *region, enum utility u, int64_t started_at,
    char *buf, size_t buflen)
{
	snprintf(buf, buflen, "%s/%s/%lld", region, utility_name(u),
	    (long long)started_at);
}

const char *
alert_event_name(enum alert_event e)
{
	switch (e) {
	case ALERT_NONE:	return "none";
	case ALERT_FIRING:	return "firing";
	case ALERT_UPDATED:	return "updated";
	case ALERT_RESOLVED:	return "resolved";
	}
	return "?";
}

enum alert_event
alert_eval(const struct alert_rule *rule, struct alert_state *st,
    enum severity sev, int64_t now)
{
	/* a rule fires at a severity and clears below one no higher */
	assert(rule->clear <= rule->fire);
	if (!st->firing) {
		st->severity = sev;
		if (sev < rule->fire)
			return ALERT_NONE;
		st->firing = 1;
		st->notified = sev;
		st->started_at = now;
		st->updated_at = now;
		st->clear_since = 0;
		st->id = 0;		/* a new episode */
		return ALERT_FIRING;
	}
	st->severity = sev;
	if (sev >= rule->clear) {
		st->clear_since = 0;
		if (sev > st->notified) {
			st->notified = sev;
			st->updated_at = now;
			return ALERT_UPDATED;
		}
		return ALERT_NONE;
	}
	if (st->clear_since == 0)
		st->clear_since = now;
	if (now - st->clear_since < rule->min_clear_ms)
		return ALERT_NONE;
	st->firing = 0;
	st->updated_at = now;
	st->clear_since = 0;
	return ALERT_RESOLVED;
}
