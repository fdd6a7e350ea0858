/* SPDX-License-Identifier: MIT */
/*
 * api.h - the HTTP API (/api/v1), /metrics, /healthz and the dashboard's
 * files: routing, authentication and JSON, on the daemon's live state.
 */
#ifndef API_H
#define API_H

#include "http.h"

/* http_handler_fn for http_start(); arg is the struct daemon. */
void	 api_handle(void *arg, const struct http_req *, struct http_resp *);

#endif /* API_H */
