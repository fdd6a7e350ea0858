/* SPDX-License-Identifier: MIT */
/*
 * subscription.h - who wants to be told what (pure, no I/O).
 *
 * A subscription names regions (a region includes its descendants; "*" is
 * every region), utilities, a threshold, a channel and options.  It is
 * POSTed to /api/v1/subscriptions, given to `outagectl subscribe`, or
 * listed under "subscriptions" in the configuration; all three go through
 * subscription_from_json(), which refuses an invalid one with the reason.
 *
 * JSON (every field but "regions" and "channel" optional):
 *   {"id": 7,                          (assigned; ignored on input)
 *    "name": "Dnipro ops",
 *    "regions": ["UA-12", "Kharkiv"],  (ids, names or aliases; or ["*"])
 *    "utilities": ["power", "heat"],   (default: all five)
 *    "min_severity": "major",          (default "minor")
 *    "min_affected": 10000,            (default 0: any count)
 *    "min_percent": 5.0,               (default 0)
 *    "channel": {...},                 (below)
 *    "repeat": "4h",                   (re-send while firing; default 0: never)
 *    "send_resolved": true,            (default true)
 *    "min_clear": "5m",                (below the clear level this long to
 *                                       resolve; default alerts.min_clear)
 *    "quiet_hours": {"from": "22:00", "to": "07:00", "tz": "Europe/Kyiv"},
 *    "lang": "uk"}                     ("en" default, "uk")
 *
 * Or, instead of "regions", "device": "home-1": the personal alert of a
 * sensing device (sensors.h).  It fires when the device goes dark and
 * resolves when it is lit again (dispatch_device); thresholds, utilities,
 * repeat and min_clear do not apply to it.  "regions" and "device"
 * together are refused; whether the device is registered is checked by
 * dispatch_subscribe (this file knows no devices).  to_json writes
 * "device" (null for a regional subscription) and, for a device's,
 * no "regions".
 *
 * Channels:
 *   {"type": "mqtt", "topic": "home/dnipro"}   published QoS 1 under
 *                                              delivery.mqtt_prefix
 *   {"type": "webhook", "url": "https://...", "secret": "whsec_...",
 *    "preset": null | "ntfy" | "telegram" | "slack",
 *    "chat_id": "12345"}                       (telegram only)
 *   {"type": "email", "to": "ops@example.org"}
 *
 * Hysteresis: a subscription fires when a figure meets every threshold it
 * sets, and clears only when the figure falls below the clear level: one
 * severity step lower, and four fifths of min_affected and min_percent.
 * Exactly:
 *   fires   severity >= min_severity (never SEV_NONE), and
 *           min_affected == 0 or affected >= min_affected, and
 *           min_percent == 0 or percent >= min_percent;
 *   clears  severity < max(min_severity - 1, minor) (min minor or major:
 *           at none; min critical: at minor or none), or
 *           min_affected > 0 and 5 * affected < 4 * min_affected, or
 *           min_percent > 0 and percent < 0.8 * min_percent.
 * A figure without a count (affected < 0) or without a denominator
 * (percent < 0) meets that threshold only when it is 0, and lies below
 * its clear level otherwise.  Between the two (neither fires nor clears)
 * an episode keeps its state.
 *
 * Validation (subscription_from_json), beyond the types:
 *   - unknown keys are refused, at the top, in channel and in quiet_hours;
 *     "id", "owner", "disabled", "created_at" are ignored on input;
 *   - regions: 1..SUB_REGIONS_MAX strings, "*" only alone; duplicates
 *     collapse (to_json writes the resolved ids); or device: 1-63 of
 *     A-Z a-z 0-9 . _ - (not both);
 *   - utilities: non-empty; min_affected an integer 0..10^12; min_percent
 *     0..100; repeat 0 or 60 s..30 d; min_clear 0..1 d or null (default);
 *     durations are seconds or parse_duration() strings;
 *   - mqtt topic: 1..SUB_TARGET_MAX bytes, no '+', '#', NUL or control
 *     character, no leading '/', no empty level, no "..";
 *   - webhook url: http or https, at most SUB_URL_MAX bytes, printable
 *     ASCII only, no userinfo, a host, port 1..65535; secret "whsec_" and
 *     strict base64 (padded) of 24..64 bytes (the masked form is refused);
 *     chat_id (digits, -digits or @name) required by telegram, refused
 *     otherwise;
 *   - email to: one dot-atom local@domain, at most 254 bytes;
 *   - quiet_hours: from and to "HH:MM", different; tz [A-Za-z0-9_+/-]{1,63}
 *     without a leading '/' or "..": whether the zone exists is not
 *     checked (that is I/O); subscription_quiet() takes an unknown zone
 *     as UTC.
 * to_json writes every field (min_clear null for the default, quiet_hours
 * null when unset, durations in seconds), so that from_json(to_json(s))
 * is s again, with_secret 1.
 */
#ifndef SUBSCRIPTION_H
#define SUBSCRIPTION_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "outaged.h"

struct figure;
struct gazetteer;
struct region;

enum channel_type {
	CHANNEL_MQTT = 0,
	CHANNEL_WEBHOOK,
	CHANNEL_EMAIL
};

enum webhook_preset {
	PRESET_NONE = 0,	/* the alert JSON, Standard Webhooks signed */
	PRESET_NTFY,
	PRESET_TELEGRAM,
	PRESET_SLACK
};

const char	*channel_type_name(enum channel_type);
const char	*webhook_preset_name(enum webhook_preset);	/* NULL: none */

#define SUB_NAME_MAX		128
#define SUB_URL_MAX		2048
#define SUB_TARGET_MAX		256	/* an e-mail address, a topic, a chat id */
#define SUB_REGIONS_MAX		256
#define SUB_TZ_MAX		64
#define SUB_DEVICE_MAX		64	/* a sensing device's id (sensors.h) */

struct channel {
	enum channel_type type;
	char		*url;		/* webhook */
	char		*secret;	/* webhook: "whsec_<base64>" or NULL */
	enum webhook_preset preset;
	char		*chat_id;	/* telegram preset */
	char		*to;		/* email */
	char		*topic;		/* mqtt, below delivery.mqtt_prefix */
};

struct quiet_hours {
	int		 set;
	int		 from_min, to_min;	/* minutes after local midnight */
	char		 tz[SUB_TZ_MAX];	/* IANA name; "" for UTC */
};

struct subscription {
	int64_t		 id;		/* > 0 stored; < 0 from the config */
	char		 name[SUB_NAME_MAX];
	int		 all_regions;	/* "*" */
	const struct region **regions;	/* borrowed from the gazetteer */
	size_t		 nregions;
	char		 device[SUB_DEVICE_MAX];	/* "my home": a device's
						   personal alert; "" none */
	unsigned	 utilities;	/* bit (1 << enum utility) */
	enum severity	 min_severity;
	int64_t		 min_affected;
	double		 min_percent;
	struct channel	 channel;
	int64_t		 repeat_ms;	/* 0: never */
	int		 send_resolved;
	int64_t		 min_clear_ms;	/* -1: the daemon's alerts.min_clear */
	struct quiet_hours quiet;
	char		 lang[4];	/* "en", "uk" */
	char		*owner;		/* the token's label that made it, or NULL */
	int		 disabled;	/* a receiver said 410 Gone */
	int64_t		 created_at;	/* ms */
};

/*
 * Decode and validate.  Region names resolve through gaz.  On error
 * returns NULL with err saying which field and why ("channel.url: must be
 * an http or https URL").
 */
struct subscription *subscription_from_json(const json_t *,
		    const struct gazetteer *, char *err, size_t errlen);
/* The subscription as JSON; with_secret 0 shows "secret": "whsec_…" masked. */
json_t		*subscription_to_json(const struct subscription *,
		    int with_secret);
void		 subscription_free(struct subscription *);	/* NULL fine */
/* A channel alone (the "channel" member), as subscription_from_json reads it. */
int		 channel_from_json(const json_t *, struct channel *, char *err,
		    size_t errlen);
void		 channel_free(struct channel *);

/* Does the subscription cover this region (itself or an ancestor listed)? */
int		 subscription_covers(const struct subscription *,
		    const struct region *);
int		 subscription_wants_utility(const struct subscription *,
		    enum utility);
/* Does the figure meet every threshold (fire), or lie below the clear level? */
int		 subscription_fires(const struct subscription *,
		    const struct figure *);
int		 subscription_clears(const struct subscription *,
		    const struct figure *);
/*
 * Is `at` (wall ms) inside the quiet hours; if so *until is when they end
 * (the wall ms of the next local `to`).  Windows may wrap midnight
 * (22:00-07:00).  Local time comes from tzdata through the C library:
 * TZ is set, used and restored inside the call, which is fine in this
 * single-threaded daemon and nowhere else.
 */
int		 subscription_quiet(const struct subscription *, int64_t at,
		    int64_t *until);

#endif /* SUBSCRIPTION_H */
