/* SPDX-License-Identifier: MIT */
/*
 * api.h - the HTTP API (/api/v1), /metrics, /healthz and the dashboard's
 * files: one route table, authentication and JSON, on the daemon's live
 * state.  docs/openapi.json describes the routes.
 */
#ifndef API_H
#define API_H

#include <stddef.h>

#include <jansson.h>

#include "http.h"

struct api;
struct daemon;

/* What a handler is given besides the daemon. */
struct route_args {
	const struct http_req *req;
	const char	*param;		/* the path's "{...}" level, or "" */
	/* the bearer token's grant, when the route asked for one */
	const json_t	*sources;	/* a scoped token's sources, or NULL */
	int		 own_subscriptions; /* manages only its own */
	char		 owner[17];	/* its label; "" without a token */
};

enum route_auth {
	ROUTE_OPEN = 0,		/* never asks for a token */
	ROUTE_READ,		/* a token when http.read_auth is on */
	ROUTE_TOKEN		/* always a bearer token */
};

struct api_route {
	const char	*method;	/* "GET" (answers HEAD too), "POST" */
	const char	*pattern;	/* "/api/v1/regions/{id}/history" */
	enum route_auth	 auth;
	void		(*handler)(struct daemon *, const struct route_args *,
			    struct http_resp *);
};

struct api	*api_new(struct daemon *);
void		 api_free(struct api *);	/* NULL is fine */
/* The route table (for tests and docs). */
const struct api_route *api_routes(size_t *n);
/* http_handler_fn for http_start(); arg is the struct api. */
void		 api_handle(void *arg, const struct http_req *,
		    struct http_resp *);

#endif /* API_H */
