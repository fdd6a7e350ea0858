/* SPDX-License-Identifier: MIT */
/*
 * daemon.h - the running daemon's parts, as main.c starts them and the
 * loop, the API and metrics reach them.  Everything runs on one thread.
 * Per-pass state lives in the pipeline, the API's own state in the API;
 * this is only what connects them.
 */
#ifndef DAEMON_H
#define DAEMON_H

#include <stddef.h>
#include <stdint.h>

struct api;
struct conf;
struct deliver;
struct gazetteer;
struct http;
struct mqtt;
struct news;
struct notify_texts;
struct pipeline;
struct store;

struct daemon {
	struct conf	*conf;
	struct gazetteer *gaz;
	struct store	*store;
	struct pipeline	*pipeline;
	struct mqtt	*mqtt;		/* NULL in tests of the API */
	struct http	*http;		/* NULL in tests of the API */
	struct news	*news;
	struct deliver	*deliver;	/* NULL in tests of the API */
	struct notify_texts *texts;	/* notification texts */
	struct api	*api;
	int64_t		 started_at;	/* wall ms */
};

#endif /* DAEMON_H */
