/* SPDX-License-Identifier: MIT */
/*
 * backend_http.h - what backend_http.c and backend_events.c share: the
 * HTTP backend's state (a libcurl handle) and its request helpers.  Only
 * those two include it; commands see the backend through ctl.h.
 */
#ifndef CTL_BACKEND_HTTP_H
#define CTL_BACKEND_HTTP_H

#include <curl/curl.h>

#include "ctl.h"

#define CONNECT_TIMEOUT_S	5L
#define REQUEST_TIMEOUT_S	30L
#define RESPONSE_MAX		(16L * 1024 * 1024)	/* bytes */
#define EVENT_MAX		(1024 * 1024)	/* one server-sent event */
#define STREAM_IDLE_S		30L	/* the daemon pings every 10 s */
#define RECONNECT_MS		3000L	/* unless the stream says retry: */
#define TOKEN_MAX		4096
#define URL_MAX			2048
/* An empty URL buffer (struct buf) that holds less than URL_MAX bytes. */
#define URL_BUF			{ .max = URL_MAX - 1 }
#define API			"/api/v1"

struct http_be {
	CURL		*curl;
	char		*base;		/* the URL without trailing slashes */
	char		*auth;		/* "Authorization: Bearer ..." or NULL */
	char		*auth_from;	/* where the token came from, or NULL */
	char		 errbuf[CURL_ERROR_SIZE];
};

/* Request flags. */
#define H_REGION	0x01u	/* a 404 is an unknown region: exit 1 */
#define H_REPORT	0x02u	/* a refusal refuses "the report" */
#define H_SUB		0x04u	/* ... "the subscription" */
#define H_SILENCE	0x08u	/* ... "the silence" */
#define H_NOTFOUND	0x10u	/* a 404 is "no such thing": exit 1 */
#define H_DELETE	0x20u	/* the request is a DELETE */

/* backend_http.c */
size_t	body_write(char *p, size_t size, size_t n, void *arg);
struct curl_slist	*header_add(struct curl_slist *l, const char *h);
void	http_setup(struct http_be *h, const char *url, int stream);
void	http_unreachable(struct backend *b, CURLcode cc);
void	http_fail(struct backend *b, long status, const struct buf *bd,
	    unsigned flags);

/* backend_events.c */
enum od_err	http_watch(struct backend *b, const struct watch_filter *f,
		    event_fn fn, void *arg);

#endif /* CTL_BACKEND_HTTP_H */
