/* SPDX-License-Identifier: MIT */
/*
 * mqtt.c - libmosquitto on our loop: MQTT v5, persistent session, QoS 1
 * subscription, Last Will, reconnect with jittered exponential backoff.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <mosquitto.h>
#include <mqtt_protocol.h>
#include <openssl/ssl.h>

#include "conf.h"
#include "crashpoint.h"
#include "log.h"
#include "mqtt.h"
#include "mqtt_io.h"
#include "topic.h"
#include "util.h"

struct mqtt {
	struct mosquitto *mosq;
	struct mqtt_callbacks cb;
	void		*arg;
	char		*host;
	int		 port;
	int		 keepalive;
	char		 sub_topic[TOPIC_MAX];
	char		 news_topic[TOPIC_MAX];
	char		 sensors_topic[TOPIC_MAX];
	char		 will_topic[TOPIC_MAX];
	char		 ha_topic[TOPIC_MAX];	/* "" when discovery is off */
	int		 ha_mid;		/* its SUBSCRIBE */
	int		 connected;	/* CONNACK received */
	int		 subscribed_once;	/* per connection, for the log */
	int		 connecting;	/* a socket exists, no CONNACK yet */
	int64_t		 backoff_ms;
	int64_t		 backoff_max_ms;
	int64_t		 next_attempt;	/* monotonic ms; 0 = none scheduled */
	int64_t		 last_misc;
	size_t		 nread;		/* messages in this mqtt_read() */
	size_t		 inflight;
	int		 stopping;
	int64_t		 connect_started;	/* monotonic ms */
	int64_t		 connected_at;	/* monotonic ms; 0: not connected */
	int		 aborted;	/* cut by mqtt_abort since last stable */
	uint32_t	 session_expiry;	/* s, CONNECT property */
	uint32_t	 max_packet_size;	/* bytes, CONNECT property */
	int		 tls;		/* mqtt.tls configured */
	int		 log_on;	/* the library's log callback is set */
};

#define CONNECT_TIMEOUT_MS	15000
#define MISC_INTERVAL_MS	1000
#define MQTT_RECEIVE_MAXIMUM	2000	/* unacknowledged reports: see mqtt_new() */
/*
 * The backoff starts again at 1 s only after a connection that lasted
 * STABLE_MS.  A connection we cut ourselves (mqtt_abort: a commit failed,
 * the disk is full) backs off up to ABORT_BACKOFF_MAX_MS, even past
 * mqtt.reconnect_max: reconnecting sooner only fails the next commit again
 * (issue 13 item 7: a reconnect a second cost 6 % CPU).
 */
#define STABLE_MS		10000
#define ABORT_BACKOFF_MAX_MS	30000

static void
schedule_reconnect(struct mqtt *m)
{
	int64_t jitter = m->backoff_ms / 4 > 0 ?
	    (int64_t)(random() % (m->backoff_ms / 4 + 1)) : 0;
	int64_t max = m->aborted && m->backoff_max_ms < ABORT_BACKOFF_MAX_MS ?
	    ABORT_BACKOFF_MAX_MS : m->backoff_max_ms;

	m->next_attempt = now_mono_ms() + m->backoff_ms + jitter;
	log_info("mqtt: reconnecting to %s:%d in %lld ms", m->host, m->port,
	    (long long)(m->backoff_ms + jitter));
	m->backoff_ms *= 2;
	if (m->backoff_ms > max)
		m->backoff_ms = max;
}

static void
on_connect(struct mosquitto *mosq, void *arg, int rc, int flags,
    const mosquitto_property *props)
{
	struct mqtt *m = arg;

	(void)props;
	if (rc != 0) {
		log_warnx("mqtt: broker %s:%d refused the connection: %s",
		    m->host, m->port, mosquitto_reason_string(rc));
		return;		/* the disconnect callback reschedules */
	}
	m->connected = 1;
	m->connecting = 0;
	m->subscribed_once = 0;
	m->connected_at = now_mono_ms();	/* backoff reset if it lasts */
	log_info("mqtt: connected to %s:%d (session %s)", m->host, m->port,
	    (flags & 1) ? "resumed" : "new");
	/* QoS 1: the broker keeps what we have not acknowledged */
	rc = mosquitto_subscribe_v5(mosq, NULL, m->sub_topic, 1, 0, NULL);
	if (rc != MOSQ_ERR_SUCCESS)
		log_warnx("mqtt: subscribe %s: %s", m->sub_topic,
		    mosquitto_strerror(rc));
	rc = mosquitto_subscribe_v5(mosq, NULL, m->news_topic, 1, 0, NULL);
	if (rc != MOSQ_ERR_SUCCESS)
		log_warnx("mqtt: subscribe %s: %s", m->news_topic,
		    mosquitto_strerror(rc));
	rc = mosquitto_subscribe_v5(mosq, NULL, m->sensors_topic, 1, 0, NULL);
	if (rc != MOSQ_ERR_SUCCESS)
		log_warnx("mqtt: subscribe %s: %s", m->sensors_topic,
		    mosquitto_strerror(rc));
	/* Home Assistant's birth message: QoS 0, nothing to keep */
	if (m->ha_topic[0] != '\0' && (rc = mosquitto_subscribe_v5(mosq,
	    &m->ha_mid, m->ha_topic, 0, 0, NULL)) != MOSQ_ERR_SUCCESS)
		log_warnx("mqtt: subscribe %s: %s", m->ha_topic,
		    mosquitto_strerror(rc));
	if (mosquitto_publish_v5(mosq, NULL, m->will_topic, 6, "online", 1,
	    true, NULL) == MOSQ_ERR_SUCCESS)
		m->inflight++;
	if (m->cb.connected)
		m->cb.connected(m->arg);
}

static void
on_subscribe(struct mosquitto *mosq, void *arg, int mid, int qos_count,
    const int *granted)
{
	struct mqtt *m = arg;

	(void)mosq;
	if (m->ha_topic[0] != '\0' && mid == m->ha_mid) {
		if (qos_count < 1 || granted[0] > 2)
			log_errorx("mqtt: broker refused subscription to %s",
			    m->ha_topic);
		return;
	}
	if (qos_count < 1 || granted[0] > 2) {
		log_errorx("mqtt: broker refused subscription to %s",
		    m->sub_topic);
		return;
	}
	if (granted[0] != 1)
		log_warnx("mqtt: subscription %d granted QoS %d, not 1: "
		    "messages may be lost on a crash", mid, granted[0]);
	else if (!m->subscribed_once++)
		log_info("mqtt: subscribed to %s and %s (QoS 1)", m->sub_topic,
		    m->news_topic);
}

static void
on_disconnect(struct mosquitto *mosq, void *arg, int rc,
    const mosquitto_property *props)
{
	struct mqtt *m = arg;

	(void)mosq;
	(void)props;
	if (m->connecting && !m->connected)
		/* never connected: say what we expected there */
		log_warnx("mqtt: %s:%d closed the connection without answering "
		    "our MQTT CONNECT: is an MQTT broker listening there? "
		    "(library: %d)", m->host, m->port, rc);
	else if (rc == 0 && m->connected)
		log_info("mqtt: disconnected from %s:%d", m->host, m->port);
	else if (m->connected)
		log_warnx("mqtt: disconnected from %s:%d: %s", m->host,
		    m->port, mosquitto_strerror(rc));
	if (m->connected_at != 0 &&
	    now_mono_ms() - m->connected_at >= STABLE_MS) {
		m->backoff_ms = 1000;	/* it was a good connection */
		m->aborted = 0;
	}
	m->connected_at = 0;
	m->connected = 0;
	m->connecting = 0;
	mqtt_io_attach(-1);	/* the socket is closed: its bytes go too */
	if (!m->stopping)
		schedule_reconnect(m);
}

static void
on_message(struct mosquitto *mosq, void *arg,
    const struct mosquitto_message *msg, const mosquitto_property *props)
{
	struct mqtt *m = arg;

	(void)mosq;
	(void)props;
	m->nread++;
	if (m->cb.message)
		m->cb.message(m->arg, msg->topic, msg->payload,
		    (size_t)msg->payloadlen);
}

static void
on_publish(struct mosquitto *mosq, void *arg, int mid, int reason,
    const mosquitto_property *props)
{
	struct mqtt *m = arg;

	(void)mosq;
	(void)props;
	if (m->inflight > 0)
		m->inflight--;
	if (reason >= 0x80)
		log_errorx("mqtt: the broker refused message %d (%s): check "
		    "its ACL for our publish topics", mid,
		    mosquitto_reason_string(reason));
	CRASH_POINT("after-puback");
	if (m->cb.published)
		m->cb.published(m->arg, mid);
}

static void
on_log(struct mosquitto *mosq, void *arg, int level, const char *str)
{
	(void)mosq;
	(void)arg;
	if (level == MOSQ_LOG_ERR)
		log_warnx("libmosquitto: %s", str);
	else if (level == MOSQ_LOG_DEBUG)
		log_debug("libmosquitto: %s", str);
}

/*
 * The library formats every log line (a malloc and a vsnprintf) when a
 * callback is set, at least two debug lines per message received: a
 * tenth of the CPU of an ingest.  So the callback is set only while its
 * lines can matter: at debug level, before and between connections, and
 * over TLS (whose errors the library reports only this way).
 */
static void
sync_log(struct mqtt *m)
{
	int want = !m->connected || m->tls || log_get_level() >= LOG_LVL_DEBUG;

	if (want == m->log_on)
		return;
	mosquitto_log_callback_set(m->mosq, want ? on_log : NULL);
	m->log_on = want;
}

enum od_err
mqtt_new(struct mqtt **out, const struct conf *c,
    const struct mqtt_callbacks *cb, void *arg, char *err, size_t errlen)
{
	struct mqtt *m = xcalloc(1, sizeof(*m));
	int rc;

	*out = NULL;
	mosquitto_lib_init();
	m->cb = *cb;
	m->arg = arg;
	m->host = xstrdup(c->broker_host);
	m->port = (int)c->broker_port;
	m->keepalive = (int)c->keepalive;
	m->backoff_ms = 1000;
	m->backoff_max_ms = c->reconnect_max * 1000;
	topic_filter(m->sub_topic, sizeof(m->sub_topic), c->prefix,
	    TOPIC_REPORTS);
	topic_filter(m->news_topic, sizeof(m->news_topic), c->prefix,
	    TOPIC_NEWS);
	topic_filter(m->sensors_topic, sizeof(m->sensors_topic), c->prefix,
	    TOPIC_SENSORS);
	topic_build(m->will_topic, sizeof(m->will_topic), c->prefix,
	    TOPIC_SERVICE, c->client_id);
	/* Home Assistant's status topic (homeassistant.c announces on it) */
	if (json_array_size(c->ha_regions) > 0)
		snprintf(m->ha_topic, sizeof(m->ha_topic), "%s/status",
		    c->ha_prefix);
	/* clean_session false: the broker keeps our subscription and queue */
	mqtt_io_capture(1);
	m->mosq = mosquitto_new(c->client_id, false, m);
	mqtt_io_capture(0);
	if (m->mosq == NULL) {
		snprintf(err, errlen, "mosquitto_new: %s", strerror(errno));
		goto fail;
	}
	mosquitto_int_option(m->mosq, MOSQ_OPT_PROTOCOL_VERSION,
	    MQTT_PROTOCOL_V5);
	/* acks and publishes are queued until mqtt_write() (see mqtt.h) */
	mosquitto_threaded_set(m->mosq, true);
	/*
	 * Two passes' worth of reports unacknowledged (a pass reads at most
	 * 1,000, loop.c): while one pass commits, the broker has already
	 * sent the next, so the socket is not empty when the acks leave.
	 * With 1,000 the broker waited for every commit's acks before it
	 * sent more: bench/ab.sh, ingest ratio 1.02 -> 1.17 of the broker.
	 */
	mosquitto_int_option(m->mosq, MOSQ_OPT_RECEIVE_MAXIMUM,
	    MQTT_RECEIVE_MAXIMUM);
	/*
	 * A pass writes its acks and publishes together after the commit;
	 * with Nagle the later small writes would wait for the broker's
	 * delayed ACK (~40 ms) before an alert leaves.
	 */
	mosquitto_int_option(m->mosq, MOSQ_OPT_TCP_NODELAY, 1);
	mosquitto_connect_v5_callback_set(m->mosq, on_connect);
	mosquitto_disconnect_v5_callback_set(m->mosq, on_disconnect);
	mosquitto_message_v5_callback_set(m->mosq, on_message);
	mosquitto_publish_v5_callback_set(m->mosq, on_publish);
	mosquitto_subscribe_callback_set(m->mosq, on_subscribe);
	mosquitto_log_callback_set(m->mosq, on_log);
	m->log_on = 1;
	rc = mosquitto_will_set_v5(m->mosq, m->will_topic, 7, "offline", 1,
	    true, NULL);
	if (rc != MOSQ_ERR_SUCCESS) {
		snprintf(err, errlen, "will %s: %s", m->will_topic,
		    mosquitto_strerror(rc));
		goto fail;
	}
	if (c->username != NULL) {
		rc = mosquitto_username_pw_set(m->mosq, c->username,
		    c->password);
		if (rc != MOSQ_ERR_SUCCESS) {
			snprintf(err, errlen, "mqtt.username: %s",
			    mosquitto_strerror(rc));
			goto fail;
		}
	}
	if (c->tls_cafile || c->tls_capath || c->tls_certfile ||
	    c->tls_keyfile) {
		m->tls = 1;
		rc = mosquitto_tls_set(m->mosq, c->tls_cafile, c->tls_capath,
		    c->tls_certfile, c->tls_keyfile, NULL);
		if (rc == MOSQ_ERR_SUCCESS)
			/* verify the peer; never tls_insecure_set */
			rc = mosquitto_tls_opts_set(m->mosq, 1, "tlsv1.2",
			    NULL);
		if (rc != MOSQ_ERR_SUCCESS) {
			snprintf(err, errlen, "mqtt.tls: %s",
			    mosquitto_strerror(rc));
			goto fail;
		}
	}
	m->session_expiry = (uint32_t)c->session_expiry;
	m->max_packet_size = (uint32_t)c->max_packet_size;
	*out = m;
	return OD_OK;
fail:
	mqtt_free(m);
	return OD_EINVAL;
}

void
mqtt_free(struct mqtt *m)
{
	if (m == NULL)
		return;
	mqtt_io_release();
	if (m->mosq)
		mosquitto_destroy(m->mosq);
	free(m->host);
	free(m);
	mosquitto_lib_cleanup();
}

void
mqtt_start(struct mqtt *m)
{
	mosquitto_property *props = NULL;
	int rc;

	/*
	 * CONNECT properties, which the library keeps for every reconnect:
	 * the session outlives a disconnect, and the broker must not send us
	 * packets larger than we are willing to hold (the client library does
	 * not cap incoming packets itself).  This first connect resolves and
	 * connects synchronously; later attempts are asynchronous.
	 */
	if (mosquitto_property_add_int32(&props,
	    MQTT_PROP_SESSION_EXPIRY_INTERVAL, m->session_expiry) ||
	    mosquitto_property_add_int32(&props, MQTT_PROP_MAXIMUM_PACKET_SIZE,
	    m->max_packet_size))
		fatalx("mqtt: cannot build CONNECT properties");
	m->connect_started = now_mono_ms();
	mqtt_io_attach(-1);
	log_info("mqtt: connecting to %s:%d", m->host, m->port);
	rc = mosquitto_connect_bind_v5(m->mosq, m->host, m->port, m->keepalive,
	    NULL, props);
	mosquitto_property_free_all(&props);
	if (rc != MOSQ_ERR_SUCCESS) {
		log_warnx("mqtt: connect to %s:%d: %s", m->host, m->port,
		    rc == MOSQ_ERR_ERRNO ? strerror(errno) :
		    mosquitto_strerror(rc));
		schedule_reconnect(m);
		return;
	}
	m->connecting = 1;
}

int
mqtt_fd(struct mqtt *m)
{
	return mosquitto_socket(m->mosq);
}

int
mqtt_want_write(struct mqtt *m)
{
	return mosquitto_socket(m->mosq) >= 0 &&
	    (mosquitto_want_write(m->mosq) || mqtt_io_pending());
}

/*
 * The socket's bytes go through mqtt_io.c's buffers, except over TLS,
 * where OpenSSL reads and writes whole records already.
 */
static void
attach(struct mqtt *m)
{
	mqtt_io_attach(m->tls ? -1 : mosquitto_socket(m->mosq));
}

int
mqtt_buffered(struct mqtt *m)
{
	return mosquitto_socket(m->mosq) >= 0 && mqtt_io_readable();
}

int
mqtt_connected(const struct mqtt *m)
{
	return m->connected;
}

size_t
mqtt_inflight(const struct mqtt *m)
{
	return m->inflight;
}

/* Does the broker's socket show bytes (or a hang-up) within ns? */
static int
socket_readable(struct mqtt *m, long ns)
{
	struct pollfd pfd;
	struct timespec ts = { 0, ns };

	pfd.fd = mosquitto_socket(m->mosq);
	pfd.events = POLLIN;
	pfd.revents = 0;
	return pfd.fd >= 0 && ppoll(&pfd, 1, &ts, NULL) > 0 &&
	    (pfd.revents & (POLLIN | POLLHUP | POLLERR));
}

/* More to read now?  TLS may hold decrypted bytes the socket no longer shows. */
static int
readable_now(struct mqtt *m)
{
	SSL *ssl = mosquitto_ssl_get(m->mosq);

	if (mosquitto_socket(m->mosq) < 0)
		return 0;
	if (mqtt_io_readable() || (ssl != NULL && SSL_pending(ssl) > 0))
		return 1;
	return socket_readable(m, 0);
}

/*
 * Group commit, as PostgreSQL's commit_delay with commit_siblings: a pass
 * that has already read LINGER_MIN messages is in a burst, and the next
 * message is likely a few microseconds away.  It waits for it, in
 * slices of LINGER_SLICE_NS, for at most LINGER_MAX_NS in all, instead of
 * committing at once.  Reading as fast as the broker sent, a pass at
 * 85,000 reports/s committed ~47 reports (100,000 reports: 2,146
 * fdatasyncs and 124,000 WAL page writes, the same index pages written
 * again at each commit).  A report at a time (1,000 reports/s) never
 * lingers; acks still leave only after the commit.
 */
#define LINGER_MIN	32
#define LINGER_SLICE_NS	200000L
#define LINGER_MAX_NS	2000000L

/* Wait a little for more of a burst; 1 when more is there to read. */
static int
linger(struct mqtt *m, int64_t *until)
{
	int64_t left;

	if (m->nread < LINGER_MIN)
		return 0;
	if (*until == 0)
		*until = now_mono_ns() + LINGER_MAX_NS;
	if ((left = *until - now_mono_ns()) <= 0)
		return 0;
	return socket_readable(m, (long)(left < LINGER_SLICE_NS ? left :
	    LINGER_SLICE_NS));
}

size_t
mqtt_read(struct mqtt *m, size_t max)
{
	int64_t until = 0;

	m->nread = 0;
	sync_log(m);
	attach(m);
	/* in 2.0 one loop_read call may read a single packet (lib/loop.c) */
	while (mosquitto_socket(m->mosq) >= 0) {
		if (mosquitto_loop_read(m->mosq, 1) != MOSQ_ERR_SUCCESS)
			break;		/* closed; on_disconnect has run */
		if (m->nread >= max)
			break;
		if (!readable_now(m) && !linger(m, &until))
			break;
	}
	return m->nread;
}

/*
 * The library writes each queued packet with a write of its own: a pass's
 * acks, statuses and alerts were as many system calls and TCP segments,
 * each through the loopback or the network and each waking the broker.
 * They are gathered (mqtt_io.c) and leave in one write; over TLS, corked,
 * they leave together when the last is written (uncorking sends at once).
 */
void
mqtt_write(struct mqtt *m)
{
	int fd = mosquitto_socket(m->mosq), on = 1, off = 0;

	if (fd < 0)
		return;
	attach(m);
	if (!mosquitto_want_write(m->mosq)) {
		mqtt_io_flush();	/* what the socket did not take before */
		return;
	}
	sync_log(m);
	if (!m->tls) {
		mqtt_io_cork(1);
		mosquitto_loop_write(m->mosq, 1);
		mqtt_io_cork(0);
		return;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_CORK, &on, sizeof(on));
	mosquitto_loop_write(m->mosq, 1);
	if (mosquitto_socket(m->mosq) == fd)	/* not closed meanwhile */
		setsockopt(fd, IPPROTO_TCP, TCP_CORK, &off, sizeof(off));
}

int64_t
mqtt_tick(struct mqtt *m)
{
	int64_t now = now_mono_ms();

	sync_log(m);	/* on again before a reconnect */
	if (m->connecting && now - m->connect_started > CONNECT_TIMEOUT_MS) {
		log_warnx("mqtt: no answer (CONNACK) to our MQTT CONNECT from "
		    "%s:%d within %d s: is an MQTT broker listening there?",
		    m->host, m->port, CONNECT_TIMEOUT_MS / 1000);
		mqtt_abort(m);
	}
	if (!m->connected && !m->connecting && m->next_attempt != 0 &&
	    now >= m->next_attempt && !m->stopping) {
		int rc;

		m->next_attempt = 0;
		m->connect_started = now;
		mqtt_io_attach(-1);	/* a new socket may get the old number */
		rc = mosquitto_reconnect_async(m->mosq);
		if (rc == MOSQ_ERR_SUCCESS)
			m->connecting = 1;
		else {
			log_warnx("mqtt: reconnect to %s:%d: %s", m->host,
			    m->port, rc == MOSQ_ERR_ERRNO ? strerror(errno) :
			    mosquitto_strerror(rc));
			schedule_reconnect(m);
		}
	}
	if ((m->connected || m->connecting) &&
	    now - m->last_misc >= MISC_INTERVAL_MS) {
		m->last_misc = now;
		mosquitto_loop_misc(m->mosq);	/* keepalive, timeouts */
	}
	if (m->next_attempt != 0)
		return m->next_attempt > now ? m->next_attempt - now : 0;
	return MISC_INTERVAL_MS;
}

enum od_err
mqtt_publish(struct mqtt *m, const char *topic, const void *payload,
    size_t len, int qos, int retain, int *mid)
{
	int rc;

	if (!m->connected)
		return OD_ENET;
	rc = mosquitto_publish_v5(m->mosq, mid, topic, (int)len, payload, qos,
	    retain != 0, NULL);
	if (rc != MOSQ_ERR_SUCCESS) {
		log_warnx("mqtt: publish %s: %s", topic, mosquitto_strerror(rc));
		return OD_ENET;
	}
	if (qos > 0)
		m->inflight++;
	return OD_OK;
}

void
mqtt_abort(struct mqtt *m)
{
	int fd = mosquitto_socket(m->mosq);

	if (fd < 0)
		return;
	m->aborted = 1;
	/*
	 * No API discards the library's queued packets, so cut the socket
	 * under it: the queued acks can no longer leave, and the next read
	 * sees the connection closed and runs the disconnect path (not a
	 * message still in mqtt_io.c's buffer: it is dropped first).
	 */
	mqtt_io_attach(-1);
	shutdown(fd, SHUT_RDWR);
	mosquitto_loop_read(m->mosq, 1);
	m->connected = 0;
	m->connecting = 0;
	m->inflight = 0;
}

/* Write what is queued, waiting for the socket at most until deadline. */
static void
flush_until(struct mqtt *m, int64_t deadline)
{
	attach(m);
	while (mqtt_want_write(m) && now_mono_ms() < deadline) {
		struct pollfd pfd = { mosquitto_socket(m->mosq), POLLOUT, 0 };

		if (poll(&pfd, 1, 100) < 0 && errno != EINTR)
			break;
		if (pfd.revents & (POLLERR | POLLHUP))
			break;
		if (!(pfd.revents & POLLOUT))
			continue;
		mqtt_io_flush();
		if (mosquitto_want_write(m->mosq) &&
		    mosquitto_loop_write(m->mosq, 1) != MOSQ_ERR_SUCCESS)
			break;
	}
}

void
mqtt_shutdown(struct mqtt *m, int64_t timeout_ms)
{
	int64_t deadline = now_mono_ms() + timeout_ms;

	/*
	 * Nothing is read from here on: a report read now could not be
	 * committed before its ack left.  What the broker has not had acked
	 * stays in our persistent session and comes back at the next start.
	 */
	m->stopping = 1;
	if (!m->connected)
		return;
	/* a clean DISCONNECT does not send the will: say it ourselves */
	mosquitto_publish_v5(m->mosq, NULL, m->will_topic, 7, "offline", 1,
	    true, NULL);
	mosquitto_disconnect_v5(m->mosq, 0, NULL);
	flush_until(m, deadline);
	m->connected = 0;
}
