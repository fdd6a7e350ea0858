/* SPDX-License-Identifier: MIT */
/*
 * api_int.h - what the API's files share (api.c: the route table, status,
 * reports, alerts; api_notify.c: subscriptions, silences,
 * acknowledgements, deliveries; api_feeds.c: CAP and Atom).  Used only inside src/daemon/api*.c.
 */
#ifndef API_INT_H
#define API_INT_H

#include <stdint.h>

#include <jansson.h>

#include "api.h"

#define PREFIX		"/api/v1"
#define DEFAULT_LIMIT	100
#define MAX_LIMIT	1000

struct daemon;
struct region;

/* Answer with j (taken over) as JSON. */
void		 set_json(struct http_resp *, int status, json_t *j);
/* Answer {"error", "detail"}. */
void		 set_error(struct http_resp *, int status, const char *error,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A time parameter: RFC 3339, or a duration back from now ("24h"). */
int		 param_time(const char *v, int64_t now, int64_t *out);
/* ?limit= (DEFAULT_LIMIT when absent); -1 with a 400 answered. */
int		 param_limit(const struct http_req *, struct http_resp *,
		    int64_t *out);
/* The pass's transaction to stage a write in, or NULL with a 503 answered. */
struct store	*api_txn(struct daemon *, struct http_resp *);
/* Commit what the handler staged: 0, or -1 with a 503 answered. */
int		 api_commit(struct daemon *, struct http_resp *);
/* A region by id, name or alias; NULL with a 404 answered. */
const struct region *find_region(struct daemon *, const char *,
		    struct http_resp *);

/* api_auth.c: bearer tokens and throttled failures */
struct api_auth;
struct conf;
struct api_auth	*api_auth_new(void);
void		 api_auth_free(struct api_auth *);	/* NULL is fine */
/* 1 when the request's token passes (ra gets its grant); else 0 with
 * 401 or 429 answered */
int		 api_authorized(struct api_auth *, const struct conf *,
		    const struct http_req *, struct http_resp *,
		    struct route_args *);

/* api_notify.c's routes */
void		 route_subs_list(struct daemon *, const struct route_args *,
		    struct http_resp *);
void		 route_subs_post(struct daemon *, const struct route_args *,
		    struct http_resp *);
void		 route_sub_get(struct daemon *, const struct route_args *,
		    struct http_resp *);
void		 route_sub_delete(struct daemon *, const struct route_args *,
		    struct http_resp *);
void		 route_silences_list(struct daemon *,
		    const struct route_args *, struct http_resp *);
void		 route_silences_post(struct daemon *,
		    const struct route_args *, struct http_resp *);
void		 route_silence_delete(struct daemon *,
		    const struct route_args *, struct http_resp *);
void		 route_acks_post(struct daemon *, const struct route_args *,
		    struct http_resp *);
void		 route_deliveries(struct daemon *, const struct route_args *,
		    struct http_resp *);
void		 route_audit(struct daemon *, const struct route_args *,
		    struct http_resp *);
/* api_sensors.c's routes */
void		 route_devices_list(struct daemon *, const struct route_args *,
		    struct http_resp *);
void		 route_devices_post(struct daemon *, const struct route_args *,
		    struct http_resp *);
void		 route_device_get(struct daemon *, const struct route_args *,
		    struct http_resp *);
void		 route_device_delete(struct daemon *,
		    const struct route_args *, struct http_resp *);
/* api_feeds.c's routes: CAP 1.2 and Atom */
void		 route_alert_cap(struct daemon *, const struct route_args *,
		    struct http_resp *);
void		 route_alerts_atom(struct daemon *, const struct route_args *,
		    struct http_resp *);
/* api_web.c: region names in a language, the region list, chart.js */
#define API_LANG_COLUMN(d)	(1 + gaz_count((d)->gaz))	/* cache slots */
const char	*api_lang(const struct http_req *);	/* "en", "uk", NULL */
size_t		 api_lang_slot(const struct daemon *, size_t slot,
		    const char *lang);
void		 api_lang_vary(struct http_resp *);
void		 api_lang_names(struct daemon *, json_t *doc, const char *lang);
void		 route_regions_list(struct daemon *, const struct route_args *,
		    struct http_resp *);
void		 route_js(struct daemon *, const struct route_args *,
		    struct http_resp *);
/* The event stream's filter from ?region= and ?min_severity=. */
int		 events_filter(struct daemon *, const struct route_args *,
		    struct http_resp *);

#endif /* API_INT_H */
