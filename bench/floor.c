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
 *	a listening socket on 127.0.0.1, a free port, in an epoll set
 *	(outaged's HTTP server is its own, http.c, on libc alone);
 *	sqlite3_open() of DB (created)
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
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <jansson.h>
#include <mosquitto.h>
#include <sqlite3.h>

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
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
	int lfd, epfd;
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
	if ((lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)) < 0 ||
	    bind(lfd, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    listen(lfd, SOMAXCONN) != 0 ||
	    (epfd = epoll_create1(0)) < 0 ||
	    epoll_ctl(epfd, EPOLL_CTL_ADD, lfd,
	    &(struct epoll_event){ .events = EPOLLIN }) != 0)
		return fail("listen");

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
	close(epfd);
	close(lfd);
	mosquitto_destroy(mosq);
	mosquitto_lib_cleanup();
	return 0;
}
