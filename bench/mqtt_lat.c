/* SPDX-License-Identifier: MIT */
/*
 * mqtt_lat.c - alert latency through a real broker, for bench/table.sh:
 * from a report's publish to its alert's arrival at a subscriber.
 *
 *   mqtt_lat PORT RATE SECONDS REGIONS PREFIX
 *
 * Publishes RATE QoS 1 reports a second for SECONDS to PREFIX/reports/lat,
 * round-robin over the region ids in the file REGIONS (one a line), each
 * region alternating outage (200,000 affected: critical) and restored, so
 * every report makes an alert event (firing, then resolved).  A second
 * client subscribes to PREFIX/alerts/#.  Both disable Nagle
 * (MOSQ_OPT_TCP_NODELAY).  The publish time (CLOCK_MONOTONIC, ns) is in
 * the report's id; a region's next report comes nregions / RATE seconds
 * later, so an alert about a region is matched to the region's last
 * report.  Alerts about other regions (the parents' roll-ups) are not
 * counted.  Prints "sent N matched M p50_ms P50 p99_ms P99 max_ms MAX".
 *
 *   mqtt_lat pub PORT TOPIC FILE INFLIGHT
 *
 * Publishes each line of FILE to TOPIC at QoS 1 as fast as the broker
 * acknowledges, at most INFLIGHT unacknowledged, and exits once every
 * PUBACK is in (mosquitto_pub -l does not bound what it has in flight,
 * and mosquitto drops a client that sends 100,000 at once).  Prints
 * "N SECONDS".  A TOPIC of "-" takes each line as "TOPIC PAYLOAD" (the
 * topic up to the first space): the devices' heartbeats of
 * bench/sensors.sh, each on its own <prefix>/sensors/<device>.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mosquitto.h>

struct region_slot {
	char		 id[32];
	int64_t		 sent_ns;	/* 0: nothing waiting */
};

static struct region_slot *regions;
static size_t nregions;
static double *lat;
static size_t nlat, caplat;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static int64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int
cmp_slot(const void *a, const void *b)
{
	return strcmp(((const struct region_slot *)a)->id,
	    ((const struct region_slot *)b)->id);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
on_message(struct mosquitto *m, void *arg, const struct mosquitto_message *msg)
{
	int64_t now = mono_ns();
	struct region_slot key, *s;
	const char *p;
	size_t n;

	(void)m;
	(void)arg;
	if (msg->payloadlen <= 0 || (p = strstr(msg->payload,
	    "\"region\":\"")) == NULL)
		return;
	p += 10;
	n = strcspn(p, "\"");
	if (n >= sizeof(key.id))
		return;
	memcpy(key.id, p, n);
	key.id[n] = '\0';
	pthread_mutex_lock(&mu);
	s = bsearch(&key, regions, nregions, sizeof(*regions), cmp_slot);
	if (s != NULL && s->sent_ns != 0) {
		if (nlat == caplat) {
			caplat = caplat ? caplat * 2 : 4096;
			lat = realloc(lat, caplat * sizeof(*lat));
		}
		lat[nlat++] = (double)(now - s->sent_ns) / 1e6;
		s->sent_ns = 0;
	}
	pthread_mutex_unlock(&mu);
}

static struct mosquitto *
client(const char *id, int port)
{
	struct mosquitto *m = mosquitto_new(id, true, NULL);

	if (m == NULL)
		exit(1);
	mosquitto_int_option(m, MOSQ_OPT_TCP_NODELAY, 1);
	mosquitto_int_option(m, MOSQ_OPT_SEND_MAXIMUM, 1000);
	if (mosquitto_connect(m, "127.0.0.1", port, 30) != MOSQ_ERR_SUCCESS) {
		fprintf(stderr, "mqtt_lat: cannot connect\n");
		exit(1);
	}
	return m;
}

static long acked;

static void
on_publish(struct mosquitto *m, void *arg, int mid)
{
	(void)m;
	(void)arg;
	(void)mid;
	pthread_mutex_lock(&mu);
	acked++;
	pthread_mutex_unlock(&mu);
}

static int
pub_file(int port, const char *topic, const char *path, int inflight)
{
	struct mosquitto *m;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long sent = 0, done;
	int64_t t0;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return perror(path), 1;
	mosquitto_lib_init();
	m = mosquitto_new("mqtt-lat-file", true, NULL);
	if (m == NULL)
		return 1;
	mosquitto_int_option(m, MOSQ_OPT_TCP_NODELAY, 1);
	mosquitto_max_inflight_messages_set(m, (unsigned)inflight);
	mosquitto_publish_callback_set(m, on_publish);
	if (mosquitto_connect(m, "127.0.0.1", port, 60) != MOSQ_ERR_SUCCESS)
		return fprintf(stderr, "mqtt_lat: cannot connect\n"), 1;
	mosquitto_loop_start(m);
	t0 = mono_ns();
	while ((n = getline(&line, &cap, f)) > 0) {
		const char *t = topic, *body = line;

		while (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (strcmp(topic, "-") == 0) {
			char *sp = strchr(line, ' ');

			if (sp == NULL)
				continue;
			*sp = '\0';
			t = line;
			body = sp + 1;
			n -= (ssize_t)(body - line);
		}
		/* the library queues beyond INFLIGHT; keep its queue short */
		for (;;) {
			pthread_mutex_lock(&mu);
			done = acked;
			pthread_mutex_unlock(&mu);
			if (sent - done < 4L * inflight)
				break;
			usleep(200);
		}
		if (mosquitto_publish(m, NULL, t, (int)n, body, 1, false) ==
		    MOSQ_ERR_SUCCESS)
			sent++;
	}
	for (int i = 0; i < 120000; i++) {
		pthread_mutex_lock(&mu);
		done = acked;
		pthread_mutex_unlock(&mu);
		if (done >= sent)
			break;
		usleep(500);
	}
	printf("%ld %.4f\n", done, (double)(mono_ns() - t0) / 1e9);
	mosquitto_disconnect(m);
	mosquitto_loop_stop(m, false);
	mosquitto_destroy(m);
	mosquitto_lib_cleanup();
	free(line);
	fclose(f);
	return done >= sent ? 0 : 1;
}

int
main(int argc, char **argv)
{
	struct mosquitto *pub, *sub;
	char line[128], topic[256];
	int port, rate;
	double secs;
	long sent = 0, total;
	int64_t t0, period;
	FILE *f;

	if (argc == 6 && strcmp(argv[1], "pub") == 0)
		return pub_file((int)strtol(argv[2], NULL, 10), argv[3],
		    argv[4], (int)strtol(argv[5], NULL, 10));
	if (argc != 6) {
		fprintf(stderr, "usage: mqtt_lat PORT RATE SECONDS REGIONS "
		    "PREFIX\n       mqtt_lat pub PORT TOPIC FILE INFLIGHT\n");
		return 2;
	}
	port = (int)strtol(argv[1], NULL, 10);
	rate = (int)strtol(argv[2], NULL, 10);
	secs = strtod(argv[3], NULL);
	if ((f = fopen(argv[4], "r")) == NULL)
		return perror(argv[4]), 1;
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || strlen(line) >= sizeof(regions->id))
			continue;
		regions = realloc(regions, (nregions + 1) * sizeof(*regions));
		memset(&regions[nregions], 0, sizeof(*regions));
		memcpy(regions[nregions++].id, line, strlen(line) + 1);
	}
	fclose(f);
	if (nregions == 0 || rate <= 0)
		return 2;
	qsort(regions, nregions, sizeof(*regions), cmp_slot);

	mosquitto_lib_init();
	sub = client("mqtt-lat-sub", port);
	mosquitto_message_callback_set(sub, on_message);
	snprintf(topic, sizeof(topic), "%s/alerts/#", argv[5]);
	mosquitto_subscribe(sub, NULL, topic, 0);
	mosquitto_loop_start(sub);
	pub = client("mqtt-lat-pub", port);
	mosquitto_loop_start(pub);
	usleep(300000);		/* the subscription in place */

	snprintf(topic, sizeof(topic), "%s/reports/lat", argv[5]);
	total = (long)(secs * rate);
	period = 1000000000 / rate;
	t0 = mono_ns();
	for (sent = 0; sent < total; sent++) {
		int64_t due = t0 + sent * period, now;
		size_t i = (size_t)sent % nregions;
		int outage = (sent / (long)nregions) % 2 == 0;
		char payload[256];
		int n;

		while ((now = mono_ns()) < due) {
			struct timespec ts = { 0, due - now };

			nanosleep(&ts, NULL);
		}
		pthread_mutex_lock(&mu);
		regions[i].sent_ns = now;
		pthread_mutex_unlock(&mu);
		n = snprintf(payload, sizeof(payload), "{\"id\":\"lat-%ld-%lld\","
		    "\"source\":\"lat\",\"region\":\"%s\",\"utility\":\"power\","
		    "\"status\":\"%s\",\"affected\":%d}", sent, (long long)now,
		    regions[i].id, outage ? "outage" : "restored",
		    outage ? 200000 : 0);
		mosquitto_publish(pub, NULL, topic, n, payload, 1, false);
	}
	usleep(1000000);	/* the last alerts */
	mosquitto_disconnect(pub);
	mosquitto_disconnect(sub);
	mosquitto_loop_stop(pub, false);
	mosquitto_loop_stop(sub, false);
	pthread_mutex_lock(&mu);
	qsort(lat, nlat, sizeof(*lat), cmp_double);
	printf("sent %ld matched %zu p50_ms %.3f p99_ms %.3f max_ms %.3f\n",
	    sent, nlat, nlat ? lat[nlat / 2] : 0,
	    nlat ? lat[(size_t)((double)nlat * 0.99)] : 0,
	    nlat ? lat[nlat - 1] : 0);
	pthread_mutex_unlock(&mu);
	mosquitto_destroy(pub);
	mosquitto_destroy(sub);
	mosquitto_lib_cleanup();
	free(regions);
	free(lat);
	return 0;
}
