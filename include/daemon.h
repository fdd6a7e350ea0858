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
struct gazetteer;
struct http;
struct mqtt;
struct news;
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
	struct api	*api;
	int64_t		 started_at;	/* wall ms */
};

/*
 * The pipeline's sink for a daemon: publishes go to its broker connection,
 * events to its HTTP event streams (either may be NULL).
 */
struct pipeline_sink;
void		 daemon_sink(struct daemon *, struct pipeline_sink *);

/*
 * The broker's callbacks for a daemon (arg: the struct daemon): messages
 * are routed by topic to the pipeline or the news path; connects and
 * publish acknowledgements go to the pipeline.
 */
struct mqtt_callbacks;
void		 daemon_mqtt_callbacks(struct mqtt_callbacks *);

/*
 * Run passes until SIGTERM or SIGINT; on SIGHUP call reload.  The signal
 * handlers are installed by daemon_signals(), which main() calls first.
 */
void		 daemon_signals(void);
void		 daemon_run(struct daemon *, void (*reload)(struct daemon *));

#endif /* DAEMON_H */
