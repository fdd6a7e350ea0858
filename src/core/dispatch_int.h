/* SPDX-License-Identifier: MIT */
/*
 * dispatch_int.h - the dispatcher's subscriptions to a device's personal
 * alert ("my home"), kept beside the router (dispatch_device.c).
 *
 * A device subscription lives in the router like any other (listed,
 * removed, disabled there), but covers no region, so the router never
 * decides anything for it.  Its episodes are kept here: one per
 * subscription while its device is dark, stored as the subscription's
 * sub_episodes row (region: the device's region, utility "power",
 * incident key "device/<id>/<sub>/<ms>"), so no schema change is needed.
 * Each episode keeps a copy of its subscription: the resolution reaches
 * the channel that got the firing even if the subscription went since.
 */
#ifndef DISPATCH_INT_H
#define DISPATCH_INT_H

#include <stdint.h>

#include "outaged.h"

struct gazetteer;
struct notify_texts;
struct router;
struct sensors_alert;
struct store;
struct store_episode_row;
struct subscription;

#define DEVICE_KEY_PREFIX	"device/"

struct devsubs;

struct devsubs	*devsubs_new(const struct gazetteer *, struct store *);
void		 devsubs_free(struct devsubs *);	/* NULL is fine */
/* At load: a deleted device subscription, kept for its open episode. */
void		 devsubs_stash(struct devsubs *, struct subscription *);
/* At load: 1 when the row is a device episode (then it is taken). */
int		 devsubs_restore(struct devsubs *, const struct router *,
		    const struct store_episode_row *);
/* Loading is over: the stashed subscriptions go. */
void		 devsubs_loaded(struct devsubs *);
/*
 * A device's personal alert: firing opens an episode and writes a
 * delivery for each live subscription naming the device (only sub_id's
 * when it is not 0); resolved closes them, writing the resolutions.
 * *notices counts the delivery rows written.
 */
enum od_err	 devsubs_alert(struct devsubs *, const struct router *,
		    const struct notify_texts *, const struct sensors_alert *,
		    int64_t sub_id, uint64_t *notices);

/*
 * The device is no longer registered: its open episodes close without a
 * notice (it will never be lit again to resolve them, and a device of
 * the same id registered later starts afresh).
 */
enum od_err	 devsubs_forget(struct devsubs *, const char *device);

#endif /* DISPATCH_INT_H */
