/* SPDX-License-Identifier: MIT */
/*
 * loop.h - the daemon's poll loop and the glue between its doors (the
 * broker connection, the HTTP listener, the feeds) and the pipeline.
 */
#ifndef LOOP_H
#define LOOP_H

#include <stddef.h>

struct daemon;
struct mqtt_callbacks;
struct pipeline_sink;

/*
 * The pipeline's sink for a daemon: publishes go to its broker connection,
 * events to its HTTP event streams (either may be NULL).
 */
void		 loop_sink(struct daemon *, struct pipeline_sink *);

/*
 * The broker's callbacks for a daemon (arg: the struct daemon): messages
 * are routed by topic to the pipeline or the news path; connects and
 * publish acknowledgements go to the pipeline.
 */
void		 loop_mqtt_callbacks(struct mqtt_callbacks *);

/*
 * Run passes until SIGTERM or SIGINT; on SIGHUP call reload.  The signal
 * handlers are installed by loop_signals(), which main() calls first.
 */
void		 loop_signals(void);
void		 loop_run(struct daemon *, void (*reload)(struct daemon *));

#endif /* LOOP_H */
