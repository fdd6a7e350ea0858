/* SPDX-License-Identifier: MIT */
/*
 * conf.h - the configuration: a JSON file read with jansson and checked
 * against one table of options (type, bounds, default, reloadable).  Errors
 * name file:line:col.  Reload is parse -> validate -> swap; options that
 * cannot change at run time make a reload fail and the old config stay.
 */
#ifndef CONF_H
#define CONF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "agg.h"
#include "alert.h"
#include "log.h"
#include "outaged.h"

struct source_conf {
	char		 name[OD_SOURCE_MAX];
	int64_t		 priority;
};

/* A news feed (the "feeds" array). */
struct feed_conf {
	char		*url;			/* http:// or https:// */
	char		 name[OD_SOURCE_MAX];	/* reports come from news:<name> */
	int64_t		 interval;		/* seconds between fetches */
	int64_t		 timeout;		/* seconds a fetch may take */
	int64_t		 priority;		/* of source news:<name> */
	int64_t		 max_bytes;		/* body cap */
	int		 allow_private;		/* may reach private addresses */
};

/* Delivery of notifications (the "delivery" section). */
struct delivery_conf {
	char		*mqtt_prefix;		/* the mqtt channel's namespace */
	char		*templates;		/* notification texts */
	char		*public_url;		/* NULL: from http.listen */
	int64_t		 retry_horizon;		/* seconds */
	int64_t		 retry_first;		/* seconds, then doubling */
	int64_t		 connect_timeout;	/* seconds */
	int64_t		 timeout;		/* seconds, one attempt */
	int64_t		 max_response;		/* bytes */
	int64_t		 per_endpoint;		/* in flight to one host */
	int64_t		 max_inflight;		/* in flight in all */
	char		*smtp_url;
	char		*smtp_from;
	char		*smtp_username, *smtp_password;
	int		 smtp_allow_plain;
};

/* Sensing devices (the "sensors" section; sensors.h). */
struct sensors_conf {
	int64_t		 grace;			/* seconds of silence: dark */
	int64_t		 priority;		/* of the source "sensors" */
	int64_t		 quorum_count;		/* devices dark at least */
	double		 quorum_percent;	/* of a region's devices */
	int64_t		 window;		/* seconds they went dark within */
	int64_t		 flap_count;		/* transitions more than: damped */
	int64_t		 flap_window;		/* seconds */
};

struct conf {
	char		*path;			/* file it came from, or NULL */
	/* mqtt */
	char		*broker;		/* "host:port" as written */
	char		*broker_host;
	int64_t		 broker_port;
	char		*prefix;
	char		*client_id;
	char		*username;
	char		*password;
	char		*tls_cafile, *tls_capath, *tls_certfile, *tls_keyfile;
	int64_t		 keepalive;		/* seconds */
	int64_t		 session_expiry;	/* seconds */
	int64_t		 max_packet_size;	/* bytes, MQTT v5 CONNECT */
	int64_t		 reconnect_max;		/* seconds of backoff, at most */
	/* storage */
	char		*database;
	/* http */
	char		*http_listen;
	json_t		*http_tokens;
	int		 http_read_auth;	/* reads need a token too */
	char		*http_web_root;		/* dashboard files */
	char		*http_openapi;		/* the OpenAPI document */
	int		 allow_private_targets;
	struct delivery_conf dl;
	struct feed_conf *feeds;
	size_t		 nfeeds;
	int64_t		 news_priority;		/* of news:<name> by default */
	json_t		*subscriptions;
	/* regions */
	char		*iso_codes_dir;
	char		*packs_dir;
	/* ingest limits */
	int64_t		 max_payload;		/* bytes */
	int64_t		 max_batch;		/* reports in one payload */
	int64_t		 max_future;		/* seconds of tolerated skew */
	/* aggregation and alerts */
	int64_t		 ttl;			/* seconds */
	int64_t		 history_retention;	/* seconds */
	int64_t		 report_retention;	/* seconds; 0: kept forever */
	struct agg_thresholds thr;
	struct alert_rule alert;
	char		*cap_sender;		/* CAP <sender> */
	/* Home Assistant MQTT discovery (homeassistant.c) */
	json_t		*ha_regions;		/* [region id] */
	json_t		*ha_utilities;		/* [utility name] */
	char		*ha_prefix;		/* discovery prefix */
	struct source_conf *sources;
	size_t		 nsources;
	int64_t		 default_priority;
	enum log_level	 log_level;
	struct sensors_conf sensors;
	json_t		*devices;		/* configured devices (sensors.h) */
};

/* Defaults only (no file). Caller frees with conf_free(). */
struct conf	*conf_defaults(void);
/*
 * Read and validate path.  On error returns NULL and err holds
 * "file:line:col: message".  Caller frees.
 */
struct conf	*conf_load(const char *path, char *err, size_t errlen);
/* Same, from text in memory (name is used in messages). */
struct conf	*conf_load_string(const char *name, const char *text,
		    size_t len, char *err, size_t errlen);
void		 conf_free(struct conf *);	/* NULL is fine */
/*
 * An error found in a value after loading (a subscription naming an
 * unknown region, say) as "file:line:col: path: msg", the place found in
 * the file the configuration came from.
 */
void		 conf_locate(const struct conf *, const char *path,
		    const char *msg, char *err, size_t errlen);

/* Set "host:port" (command line --broker).  OD_EINVAL when malformed. */
enum od_err	 conf_set_broker(struct conf *, const char *hostport);
void		 conf_set_database(struct conf *, const char *path);
void		 conf_set_http(struct conf *, const char *listen);

/*
 * Check that next differs from cur only in reloadable options; err names
 * the first one that does not.  OD_OK or OD_EINVAL.
 */
enum od_err	 conf_check_reload(const struct conf *cur,
		    const struct conf *next, char *err, size_t errlen);

/* Effective configuration as JSON, secrets redacted (--check-config). */
void		 conf_dump(const struct conf *, FILE *);

/* Priority of a feed's reports (its own, else news.priority). */
int64_t		 conf_feed_priority(const struct conf *, const struct feed_conf *);
/* Priority of a source (configured, else the default). */
int64_t		 conf_source_priority(const struct conf *, const char *source);

/*
 * May a token whose "sources" are these (an http.tokens entry's array;
 * NULL for a plain token) post as source?
 */
int		 conf_token_may_post(const json_t *sources, const char *source);

#endif /* CONF_H */
