/* SPDX-License-Identifier: MIT */
/*
 * mqtt.h - libmosquitto driven from our own poll loop.
 *
 * The handle is put in threaded mode (mosquitto_threaded_set) so that every
 * outgoing packet, the PUBACK of a received report included, is only queued
 * (lib/packet_mosq.c, packet__queue) and leaves when mqtt_write() runs.  The
 * daemon calls mqtt_read(), commits the batch to SQLite, then mqtt_write():
 * a report is durable before its acknowledgement leaves.  If the commit
 * fails, mqtt_abort() drops the connection with the acks unsent, and the
 * broker redelivers (persistent session, QoS 1).
 */
#ifndef MQTT_H
#define MQTT_H

#include <stddef.h>
#include <stdint.h>

#include "outaged.h"

struct conf;
struct mqtt;

struct mqtt_callbacks {
	/* a message on a subscribed topic; payload borrowed for the call */
	void	(*message)(void *arg, const char *topic, const void *payload,
		    size_t len);
	/* connected (CONNACK success) and subscribed */
	void	(*connected)(void *arg);
	/* the broker acknowledged our QoS 1 publish mid */
	void	(*published)(void *arg, int mid);
};

enum od_err	 mqtt_new(struct mqtt **, const struct conf *,
		    const struct mqtt_callbacks *, void *arg, char *err,
		    size_t errlen);
void		 mqtt_free(struct mqtt *);	/* NULL is fine */

/* First connection attempt; failures are retried from mqtt_tick(). */
void		 mqtt_start(struct mqtt *);
int		 mqtt_fd(struct mqtt *);	/* -1 when there is no socket */
int		 mqtt_want_write(struct mqtt *);
/* Bytes read but not parsed yet: mqtt_read() now, whatever poll says. */
int		 mqtt_buffered(struct mqtt *);
int		 mqtt_connected(const struct mqtt *);
/* Read what the socket holds, up to max messages.  Returns messages read. */
size_t		 mqtt_read(struct mqtt *, size_t max);
/* Send what is queued (acks, publishes).  Call only after committing. */
void		 mqtt_write(struct mqtt *);
/* Keepalive and reconnect timers.  Returns ms until it wants a call. */
int64_t		 mqtt_tick(struct mqtt *);
/* Queue a publish; *mid set for QoS 1.  OD_ENET when not possible now. */
enum od_err	 mqtt_publish(struct mqtt *, const char *topic,
		    const void *payload, size_t len, int qos, int retain,
		    int *mid);
/* Drop the connection now, discarding queued packets (acks unsent). */
void		 mqtt_abort(struct mqtt *);
/* Clean shutdown: publish "offline", flush, DISCONNECT (session kept). */
void		 mqtt_shutdown(struct mqtt *, int64_t timeout_ms);
/* Outstanding QoS 1 publishes not yet acknowledged by the broker. */
size_t		 mqtt_inflight(const struct mqtt *);

#endif /* MQTT_H */
