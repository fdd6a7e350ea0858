/* SPDX-License-Identifier: MIT */
/*
 * main.c - the daemon's life: options, configuration, the start in order
 * (regions, database, pipeline, news, API, broker, HTTP), the loop
 * (loop.c) and an orderly stop.  A report's way through the daemon is in
 * the README's "Layout": mqtt.c -> loop.c -> pipeline.c.
 */
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "conf.h"
#include "daemon.h"
#include "deliver.h"
#include "dispatch.h"
#include "feedchild.h"
#include "loop.h"
#include "homeassistant.h"
#include "http.h"
#include "log.h"
#include "mqtt.h"
#include "news.h"
#include "notify.h"
#include "pipeline.h"
#include "region.h"
#include "sdnotify.h"
#include "store.h"
#include "util.h"

#define SHUTDOWN_FLUSH_MS	2000

/* Command-line overrides, applied again to a reloaded file. */
static const char *opt_broker, *opt_db, *opt_http;
static int opt_debug;

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: outaged [-c FILE] [--check-config] [--broker HOST:PORT]\n"
	    "               [--db PATH] [--http ADDR:PORT] [-d] [--version]\n"
	    "\n"
	    "Watch infrastructure outage reports arriving over MQTT, keep a\n"
	    "live per-region picture and publish status and alerts.\n"
	    "\n"
	    "  -c, --config FILE     configuration file (JSON); built-in\n"
	    "                        defaults without one\n"
	    "  -n, --check-config    validate the configuration, print the\n"
	    "                        effective settings and exit\n"
	    "  -b, --broker H:P      MQTT broker (overrides mqtt.broker)\n"
	    "      --db PATH         SQLite database (overrides database)\n"
	    "      --http ADDR:PORT  HTTP listener (overrides http.listen)\n"
	    "  -d, --debug           log at debug level\n"
	    "  -h, --help            this help\n"
	    "  -V, --version         print the version\n"
	    "\n"
	    "Signals: SIGTERM/SIGINT stop cleanly, SIGHUP reloads the\n"
	    "configuration.  See outaged(8).\n");
}

/* SIGHUP: parse, validate, swap; a bad file keeps the running one. */
static void
reload(struct daemon *d)
{
	char err[1024];
	struct conf *next, *old = d->conf;

	if (old->path == NULL) {
		log_warnx("reload: no configuration file to reload");
		return;
	}
	next = conf_load(old->path, err, sizeof(err));
	if (next == NULL) {
		log_errorx("reload: %s; keeping the running configuration",
		    err);
		return;
	}
	/* the command-line overrides still apply */
	if (opt_broker != NULL)
		conf_set_broker(next, opt_broker);
	if (opt_db != NULL)
		conf_set_database(next, opt_db);
	if (opt_http != NULL)
		conf_set_http(next, opt_http);
	if (conf_check_reload(old, next, err, sizeof(err)) != OD_OK ||
	    dispatch_check_conf(next, d->gaz, err, sizeof(err)) != OD_OK) {
		log_errorx("reload: %s; keeping the running configuration",
		    err);
		conf_free(next);
		return;
	}
	d->conf = next;
	log_set_level(opt_debug ? LOG_LVL_DEBUG : next->log_level);
	http_set_max_body(d->http, (size_t)next->max_payload);
	news_reload(d->news, next);
	pipeline_set_conf(d->pipeline, next);
	conf_free(old);
	log_info("reload: configuration %s reloaded", next->path);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "check-config", no_argument, NULL, 'n' },
		{ "broker", required_argument, NULL, 'b' },
		{ "db", required_argument, NULL, 'D' },
		{ "http", required_argument, NULL, 'H' },
		{ "debug", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *conf_path = NULL, *broker = NULL, *db = NULL, *http = NULL;
	int check_only = 0, debug = 0, ch;
	struct daemon d;
	struct pipeline_sink sink;
	struct mqtt_callbacks cb;
	char err[1024];

	/*
	 * glibc's mmap threshold, fixed at its default (128 KiB): left
	 * dynamic, it rises to the largest mapped block freed, and once the
	 * gazetteer's loading arrays are freed the per-region tables made
	 * next (aggregates, routes, sensors, caches) land in the heap, where
	 * calloc() clears them page by page instead of taking untouched
	 * zero pages (about 0.3 MB resident, never used by most regions).
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	/* the feed child: a fresh image, started by the daemon (feedchild.h) */
	if (argc > 1 && strcmp(argv[1], "--feed-child") == 0)
		return feedchild_main(argc, argv);
	while ((ch = getopt_long(argc, argv, "c:nb:dhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c': conf_path = optarg; break;
		case 'n': check_only = 1; break;
		case 'b': broker = optarg; break;
		case 'D': db = optarg; break;
		case 'H': http = optarg; break;
		case 'd': debug = 1; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("outaged %s\n", OUTAGED_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "outaged: unexpected argument '%s'\n",
		    argv[optind]);
		usage(stderr);
		return 2;
	}

	memset(&d, 0, sizeof(d));
	/* first: a SIGHUP while the regions load must not kill us */
	loop_signals();
	if (conf_path != NULL) {
		if ((d.conf = conf_load(conf_path, err, sizeof(err))) == NULL) {
			fprintf(stderr, "outaged: %s\n", err);
			return 1;
		}
	} else
		d.conf = conf_defaults();
	if (broker != NULL && conf_set_broker(d.conf, broker) != OD_OK) {
		fprintf(stderr, "outaged: --broker %s: expected HOST:PORT\n",
		    broker);
		conf_free(d.conf);
		return 2;
	}
	if (db != NULL)
		conf_set_database(d.conf, db);
	if (http != NULL)
		conf_set_http(d.conf, http);
	opt_broker = broker;
	opt_db = db;
	opt_http = http;
	opt_debug = debug;
	log_set_level(debug ? LOG_LVL_DEBUG : d.conf->log_level);

	if (gaz_load(&d.gaz, d.conf->iso_codes_dir, d.conf->packs_dir, err,
	    sizeof(err)) != OD_OK) {
		fprintf(stderr, "outaged: regions: %s\n", err);
		conf_free(d.conf);
		return 1;
	}
	if (dispatch_check_conf(d.conf, d.gaz, err, sizeof(err)) != OD_OK ||
	    ha_check_conf(d.conf, d.gaz, err, sizeof(err)) != OD_OK) {
		fprintf(stderr, "outaged: %s\n", err);
		gaz_free(d.gaz);
		conf_free(d.conf);
		return 1;
	}
	if (check_only) {
		conf_dump(d.conf, stdout);
		fprintf(stderr, "outaged: configuration OK (%zu regions)\n",
		    gaz_count(d.gaz));
		gaz_free(d.gaz);
		conf_free(d.conf);
		return 0;
	}

	srandom((unsigned)now_mono_ms() ^ (unsigned)getpid());

	if (store_open(&d.store, d.conf->database, err, sizeof(err)) != OD_OK)
		fatalx("database: %s", err);
	loop_sink(&d, &sink);
	if ((d.texts = notify_load(d.conf->dl.templates, err,
	    sizeof(err))) == NULL)
		fatalx("delivery.templates: %s", err);
	if ((d.pipeline = pipeline_new(d.conf, d.gaz, d.store, &sink, err,
	    sizeof(err))) == NULL)
		fatalx("%s", err);
	pipeline_set_texts(d.pipeline, d.texts);
	d.news = news_new(d.conf, d.gaz, d.pipeline);
	d.deliver = deliver_new(&d);
	d.api = api_new(&d);
	loop_mqtt_callbacks(&cb);
	if (mqtt_new(&d.mqtt, d.conf, &cb, &d, err, sizeof(err)) != OD_OK)
		fatalx("mqtt: %s", err);
	{
		struct http_limits hl = {
			.max_body = (size_t)d.conf->max_payload,
			.timeout_s = 15,
			.max_conns = 512,
			.max_conns_per_ip = 32,
		};

		if (http_start(&d.http, d.conf->http_listen, &hl, api_handle,
		    d.api, err, sizeof(err)) != OD_OK)
			fatalx("%s", err);
		log_info("http: listening on %s (port %u)", d.conf->http_listen,
		    (unsigned)http_port(d.http));
	}
	/* stale claims and restored figures settle before the first publish */
	pipeline_commit(d.pipeline);
	log_info("outaged %s ready: database %s, broker %s, %zu regions",
	    OUTAGED_VERSION, d.conf->database, d.conf->broker,
	    gaz_count(d.gaz));
	d.started_at = now_wall_ms();
	/* what loading freed goes back to the kernel once, not held */
	malloc_trim(0);
	sdnotify_status("connecting to broker %s", d.conf->broker);
	mqtt_start(d.mqtt);

	loop_run(&d, reload);

	log_info("shutting down");
	sdnotify_stopping();
	pipeline_closing(d.pipeline);
	pipeline_commit(d.pipeline);
	mqtt_shutdown(d.mqtt, SHUTDOWN_FLUSH_MS);
	pipeline_log_stats(d.pipeline, 1);
	http_stop(d.http);
	news_free(d.news);
	deliver_free(d.deliver);
	api_free(d.api);
	mqtt_free(d.mqtt);
	pipeline_free(d.pipeline);
	notify_free(d.texts);
	store_close(d.store);
	gaz_free(d.gaz);
	conf_free(d.conf);
	log_info("stopped");
	return 0;
}
