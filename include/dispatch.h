/* SPDX-License-Identifier: MIT */
/*
 * dispatch.h - from changed figures to notifications waiting to be sent.
 *
 * The pipeline offers each changed figure, and every pass a tick, to the
 * dispatcher; the router (route.h) decides the notices; the dispatcher
 * writes each one, in the pass's transaction, as the subscription's
 * episode and as a delivery row (store_delivery_add) with its text in the
 * subscriber's language (notify.h).  The delivery engine (deliver.c) sends
 * the rows.  Subscriptions, silences and acknowledgements are managed here
 * too, so that the router and the database always agree.
 *
 * Every function that writes returns OD_OK, or OD_EDB when the store
 * failed (the pass must then not commit), or the error it names.
 */
#ifndef DISPATCH_H
#define DISPATCH_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "outaged.h"

struct conf;
struct dispatch;
struct figure;
struct gazetteer;
struct notify_texts;
struct region;
struct router;
struct sensors;
struct sensors_alert;
struct store;
struct subscription;

/* Counted since start, for /metrics. */
struct dispatch_counters {
	uint64_t	 notices;		/* delivery rows written */
	uint64_t	 suppressed;		/* held by quiet hours (deferred) */
};

/*
 * Load the subscriptions (the configuration's, then the stored ones),
 * their open episodes and the live silences.  texts may be NULL (then a
 * notice's text is a plain English line).  NULL on error, with err.
 */
/*
 * Are the configuration's subscriptions valid (regions known)?  OD_EINVAL
 * with err "file:line:col: subscriptions[i]: why".
 */
enum od_err	 dispatch_check_conf(const struct conf *,
		    const struct gazetteer *, char *err, size_t errlen);
struct dispatch	*dispatch_new(const struct conf *, const struct gazetteer *,
		    struct store *, const struct notify_texts *, char *err,
		    size_t errlen);
void		 dispatch_free(struct dispatch *);		/* NULL fine */
void		 dispatch_set_conf(struct dispatch *, const struct conf *);
void		 dispatch_set_texts(struct dispatch *,
		    const struct notify_texts *);

/*
 * A figure changed.  The pass's changes are offered to the router at
 * dispatch_flush(), shallow regions first: when a city and its oblast
 * cross a threshold in one pass, the oblast fires and holds the city back
 * (parent suppression), whatever order the aggregate found them in.
 */
enum od_err	 dispatch_figure(struct dispatch *, const struct region *,
		    enum utility, const struct figure *, int64_t now);
/* Offer the pass's changes; notices become episodes and delivery rows. */
enum od_err	 dispatch_flush(struct dispatch *, int64_t now);
/* Timers: resolutions after min_clear, repeats, silence expiry. */
enum od_err	 dispatch_tick(struct dispatch *, int64_t now,
		    const struct figure *(*figure)(void *,
		    const struct region *, enum utility), void *arg);
int64_t		 dispatch_next_timer(const struct dispatch *);

/*
 * Device subscriptions ("device": "<id>", subscription.h): the devices
 * that exist (dispatch_subscribe refuses an unknown one; a subscription
 * offered while its device is dark fires at once), and each personal
 * alert of a device (sensors.h), in the pass's transaction: firing opens
 * an episode and a delivery per subscription naming the device; resolved
 * closes them, with the outage's duration (dispatch_device.c).
 */
void		 dispatch_set_sensors(struct dispatch *,
		    const struct sensors *);
enum od_err	 dispatch_device(struct dispatch *,
		    const struct sensors_alert *);
/* A device was removed: its open episodes close, without a notice. */
enum od_err	 dispatch_device_removed(struct dispatch *, const char *device);

const struct router *dispatch_router(const struct dispatch *);
const struct dispatch_counters *dispatch_counters(const struct dispatch *);

/*
 * Subscribe: validate the JSON (err says what is wrong: OD_EINVAL), store
 * it and route by it.  *id is its id.  owner: the token's label, or NULL.
 */
enum od_err	 dispatch_subscribe(struct dispatch *, const json_t *,
		    const char *owner, int64_t now, int64_t *id, char *err,
		    size_t errlen);
/*
 * Offer a (new) subscription the figures there are now, so that a
 * subscriber who joins during an outage is told of it at once, not at the
 * region's next change.  figure(arg, r, u) gives a cell's figure.
 */
enum od_err	 dispatch_offer(struct dispatch *, int64_t id, int64_t now,
		    const struct figure *(*figure)(void *,
		    const struct region *, enum utility), void *arg);
/* OD_ENOENT when there is no such live subscription (or not owner's). */
enum od_err	 dispatch_unsubscribe(struct dispatch *, int64_t id,
		    const char *owner, int64_t now);
/* A receiver answered 410 Gone: no more deliveries to it. */
enum od_err	 dispatch_disable(struct dispatch *, int64_t id, int64_t now,
		    const char *why);

/* Silence region (with descendants) and utility (-1 all) until `until`. */
enum od_err	 dispatch_silence(struct dispatch *, const struct region *,
		    int utility, int64_t until, const char *comment,
		    const char *actor, int64_t now, int64_t *id);
enum od_err	 dispatch_unsilence(struct dispatch *, int64_t id,
		    const char *actor, int64_t now);
/* OD_ENOENT when no firing episode has this incident key. */
enum od_err	 dispatch_ack(struct dispatch *, const char *incident_key,
		    const char *actor, int64_t now);

#endif /* DISPATCH_H */
