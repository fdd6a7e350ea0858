/* SPDX-License-Identifier: MIT */
/*
 * floor.c - what the libraries outaged links cost in memory alone, for
 * bench/peer.sh's table: the same libraries (linked as outaged links
 * them), each doing the least outaged's job needs of it, and nothing of
 * outaged's own.
 *
 *   floor DB BROKER_PORT
 *	mosquitto_lib_init(), mosquitto_new() and a connection to the
 *	broker on 127.0.0.1:BROKER_PORT with one QoS 1 subscription;
 *	MHD_start_daemon() on 127.0.0.1, a free port, as outaged starts
 *	it (epoll, no thread of its own); sqlite3_open() of DB (created)
 *	in WAL mode with synchronous=FULL and one INSERT; json_loads() of
 *	a report.  Then prints "ready" and waits for SIGTERM or SIGINT.
 *
 * The caller reads /proc/PID/status once "ready" is printed.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <jansson.h>
#include <microhttpd.h>
#include <mosquitto.h>
#include <sqlite3.h>

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *data,
    size_t *size, void **state)
{
	(void)cls; (void)c; (void)url; (void)method; (void)version;
	(void)data; (void)size; (void)state;
	return MHD_NO;
}

static int
fail(const char *what)
{
	fprintf(stderr, "floor: %s\n", what);
	return 1;
}

int
main(int argc, char **argv)
{
	struct sockaddr_in sin;
	struct mosquitto *mosq;
	struct MHD_Daemon *mhd;
	sqlite3 *db;
	sqlite3_stmt *st;
	json_t *report;
	json_error_t jerr;
	struct sigaction sa;
	int port, mid;

	if (argc != 3 || (port = (int)strtol(argv[2], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: floor DB BROKER_PORT\n");
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	mosquitto_lib_init();
	if ((mosq = mosquitto_new("outaged-floor", false, NULL)) == NULL)
		return fail("mosquitto_new");
	mosquitto_int_option(mosq, MOSQ_OPT_PROTOCOL_VERSION,
	    MQTT_PROTOCOL_V5);
	mosquitto_int_option(mosq, MOSQ_OPT_TCP_NODELAY, 1);
	if (mosquitto_connect(mosq, "127.0.0.1", port, 30) != MOSQ_ERR_SUCCESS)
		return fail("mosquitto_connect");
	if (mosquitto_subscribe_v5(mosq, &mid, "outages/floor/+", 1, 0,
	    NULL) != MOSQ_ERR_SUCCESS)
		return fail("mosquitto_subscribe");
	for (int i = 0; i < 10; i++)
		mosquitto_loop(mosq, 50, 1);

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	mhd = MHD_start_daemon(MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
	    MHD_ALLOW_SUSPEND_RESUME, 0, NULL, NULL, on_request, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	    MHD_OPTION_END);
	if (mhd == NULL)
		return fail("MHD_start_daemon");

	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "CREATE TABLE IF NOT EXISTS r (id INTEGER PRIMARY KEY, raw TEXT);",
	    NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO r (raw) VALUES (?)", -1, &st,
	    NULL) != SQLITE_OK)
		return fail(sqlite3_errmsg(db));
	report = json_loads("{\"region\": \"UA-12\", \"utility\": \"power\", "
	    "\"status\": \"out\", \"affected\": 1200, \"source\": \"floor\"}",
	    0, &jerr);
	if (report == NULL)
		return fail(jerr.text);
	sqlite3_bind_text(st, 1, json_string_value(json_object_get(report,
	    "region")), -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return fail(sqlite3_errmsg(db));
	sqlite3_reset(st);

	printf("ready\n");
	fflush(stdout);
	while (!stop)
		mosquitto_loop(mosq, 1000, 1);
	json_decref(report);
	sqlite3_finalize(st);
	sqlite3_close(db);
	MHD_stop_daemon(mhd);
	mosquitto_destroy(mosq);
	mosquitto_lib_cleanup();
	return 0;
}
