/* SPDX-License-Identifier: MIT */
/*
 * render.h - the JSON that leaves outaged: region status (retained on
 * <prefix>/status/<region>) and alert events (<prefix>/alerts/<region>/
 * <utility>).  One encoder, so MQTT and the HTTP API say the same thing.
 */
#ifndef RENDER_H
#define RENDER_H

#include <stdint.h>

#include <jansson.h>

#include "agg.h"
#include "alert.h"

struct region;

/* Region summary with every utility's figure and claims.  Caller decrefs. */
json_t	*render_status(const struct agg *, const struct region *,
	    int64_t now_ms);

/* One utility's figure (no claims).  Caller decrefs. */
json_t	*render_figure(const struct figure *);

/* An alert event.  Caller decrefs. */
json_t	*render_alert(const struct region *, enum utility, enum alert_event,
	    const struct alert_state *, const struct figure *, int64_t now_ms);

/* Time as RFC 3339 JSON string, or null for 0. */
json_t	*render_time(int64_t ms);

struct route_notice;
/*
 * A subscriber's notification: the alert fields of render_alert(), the
 * subscription, the event (firing, updated, repeat, resolved) and the
 * human text and title.
 */
json_t	*render_notice(const struct route_notice *, const char *text,
	    const char *title);

#endif /* RENDER_H */
