/* SPDX-License-Identifier: MIT */
/*
 * store_sensors.h - sensing devices in the store (schema 5): the devices
 * registered through the API or the configuration, each one's state
 * (unknown, lit, dark) as last committed, and every transition.
 * Writes go into the pass's transaction (pipeline_txn).
 */
#ifndef STORE_SENSORS_H
#define STORE_SENSORS_H

#include <stdint.h>

#include "outaged.h"

struct store;

struct store_device_row {
	const char	*id;
	const char	*region;
	const char	*group;		/* NULL: none */
	const char	*label;		/* NULL: none */
	const char	*origin;	/* "api" or "config" */
	int64_t		 created_at;	/* ms */
	const char	*state;		/* "unknown", "lit", "dark" */
	int64_t		 since;		/* ms; 0: never heard */
	int		 alerted;	/* personal alert: 1 firing, 2 pending */
};

struct store_device_event_row {
	int64_t		 id;
	const char	*device;
	int64_t		 at;		/* ms */
	const char	*state;
	const char	*cause;		/* "will", "silence", "message", ... */
};

typedef int	 store_device_fn(void *arg, const struct store_device_row *);
typedef int	 store_device_event_fn(void *arg,
		    const struct store_device_event_row *);

/* Add a device, or change a registered one's region, group and label. */
enum od_err	 store_device_put(struct store *,
		    const struct store_device_row *);
/* OD_ENOENT when there is no such device. */
enum od_err	 store_device_delete(struct store *, const char *id);
/* Every device, by id. */
enum od_err	 store_devices(struct store *, store_device_fn *, void *arg);
/* A transition: the device's state, and a row of its history. */
enum od_err	 store_device_state(struct store *, const char *id,
		    const char *state, int64_t at, int alerted,
		    const char *cause);
/* Only the personal alert's state (0, 1 firing, 2 pending). */
enum od_err	 store_device_alerted(struct store *, const char *id,
		    int alerted);
/* A device's transitions (all devices: id NULL), newest first. */
enum od_err	 store_device_events(struct store *, const char *id,
		    int64_t limit, store_device_event_fn *, void *arg);

#endif /* STORE_SENSORS_H */
