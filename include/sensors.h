/* SPDX-License-Identifier: MIT */
/*
 * sensors.h - devices whose silence is a measured outage (README, "Build
 * a sensor").  A registered device publishes on <prefix>/sensors/<id>:
 * "online" (retained) when it connects, "offline" as its Last Will, and
 * any other payload as a heartbeat.  It is dark at once on "offline", or
 * after sensors.grace of silence while outaged's own broker connection
 * is up (on a reconnect every grace starts again); lit on its next
 * message.  Every transition is written in the pass's transaction.
 *
 * Per region (its own devices), a sensed outage needs a quorum: at least
 * sensors.quorum_count devices and sensors.quorum_percent % of them dark,
 * that many having gone dark within sensors.window of each other.  Then
 * the region's figure for power is dark/total of its households, as the
 * claim of the source "sensors" (priority sensors.priority): it merges
 * with reports by priority and maximum, never adding to them; without a
 * quorum the claim is "restored".  A device with more than
 * sensors.flap_count transitions within sensors.flap_window is damped
 * (left out of the counts, no personal alerts) until it is stable for a
 * flap_window.
 *
 * A device going dark fires its personal alert, and lit again resolves
 * it with the outage's duration (published by the pipeline's hook on
 * <prefix>/alerts/sensors/<id> through the outbox, and delivered to the
 * subscriptions naming the device: dispatch_device).
 */
#ifndef SENSORS_H
#define SENSORS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "outaged.h"

struct agg;
struct conf;
struct gazetteer;
struct region;
struct sensors;
struct store;

#define SENSOR_ID_MAX		64	/* 1-63 of A-Z a-z 0-9 . _ - */
#define SENSOR_GROUP_MAX	32
#define SENSOR_LABEL_MAX	128
#define SENSORS_SOURCE		"sensors"

/* A device's personal alert, as the hook is told it. */
struct sensors_alert {
	const char	*device;
	const char	*label;		/* NULL: none */
	const struct region *region;
	int		 firing;	/* 1 went dark, 0 lit again */
	int64_t		 since;		/* ms: it went dark */
	int64_t		 at;		/* ms: now */
	const char	*cause;		/* "offline" or what lit it */
};

struct sensors_hooks {
	void	*arg;
	/*
	 * A personal alert for a device: the structured alert and its JSON
	 * (for <prefix>/alerts/sensors/<device>), in the pass's transaction.
	 */
	void	(*alert)(void *arg, const struct sensors_alert *,
		    const char *payload);
};

struct sensors_counters {
	uint64_t	 messages;	/* accepted from registered devices */
	uint64_t	 unknown;	/* refused: unregistered */
	uint64_t	 invalid;	/* refused: the id is not a device id */
	uint64_t	 transitions;
	uint64_t	 personal_alerts;
};

struct sensors	*sensors_new(const struct conf *, const struct gazetteer *,
		    const struct sensors_hooks *);
void		 sensors_free(struct sensors *);	/* NULL is fine */
void		 sensors_set_conf(struct sensors *, const struct conf *);

/*
 * (Re)load the devices from the store, and the configuration's devices
 * into it (staged in the open transaction).  Grace starts again at now.
 */
enum od_err	 sensors_load(struct sensors *, struct store *, int64_t now,
		    char *err, size_t errlen);
/* Is id a device id (and an MQTT topic level): 1-63 of [A-Za-z0-9._-]. */
int		 sensors_valid_id(const char *id);

/*
 * A message on <prefix>/sensors/<id>: OD_ENOENT for an unregistered
 * device, OD_EINVAL for an id that is no device id (the caller refuses
 * both, with the reason), OD_EDB when the store failed.
 */
enum od_err	 sensors_message(struct sensors *, struct store *,
		    const char *id, const void *payload, size_t len,
		    int64_t now);
/*
 * Timed work and the regions' figures, before the pass recomputes:
 * silent devices go dark (only when connected), damping ends, and each
 * changed region's claim is applied to agg.
 */
enum od_err	 sensors_tick(struct sensors *, struct store *, struct agg *,
		    int connected, int64_t now);
/* When sensors_tick next has work (wall ms), INT64_MAX: none. */
int64_t		 sensors_next_expiry(const struct sensors *);

/*
 * Register (or change) a device, staged in the open transaction;
 * OD_EINVAL with err for a bad id, group or label, or a device of the
 * configuration (which only the file changes).
 */
enum od_err	 sensors_add(struct sensors *, struct store *, const char *id,
		    const struct region *, const char *group,
		    const char *label, int64_t now, char *err, size_t errlen);
/* OD_ENOENT: no such device; OD_EINVAL: a configured one. */
enum od_err	 sensors_remove(struct sensors *, struct store *,
		    const char *id);

/* The devices (of region and its places, when not NULL), as JSON. */
json_t		*sensors_devices_json(const struct sensors *,
		    const struct region *);
/* One device, or NULL. */
json_t		*sensors_device_json(const struct sensors *, const char *id);
/* Per region and group: {"UA-12": {"dark", "total", "outage", "groups"}}. */
json_t		*sensors_regions_json(const struct sensors *);
const struct sensors_counters *sensors_counters(const struct sensors *);
/* Devices now dark, lit, not heard yet, and damped (of any state). */
struct sensors_states {
	size_t		 dark, lit, unknown, damped;
};
void		 sensors_states(const struct sensors *, struct sensors_states *);
/* Is this a registered device? */
int		 sensors_has(const struct sensors *, const char *id);
/*
 * Is this device dark with its personal alert fired?  Then 1, and *a is
 * that alert (pointers into the device, valid until it changes).
 */
int		 sensors_alerted(const struct sensors *, const char *id,
		    int64_t now, struct sensors_alert *a);
size_t		 sensors_count(const struct sensors *);

#endif /* SENSORS_H */
