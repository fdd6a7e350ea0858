/* SPDX-License-Identifier: MIT */
/*
 * deliver.h - sending the delivery rows the dispatcher writes: webhook
 * POSTs (Standard Webhooks signed, or shaped for ntfy, Telegram or a
 * Slack-compatible endpoint), e-mail over SMTP, and MQTT publishes, from
 * the poll loop without ever blocking it.
 *
 * A row is pending until an attempt succeeds.  A failed attempt is tried
 * again with exponential backoff and full jitter (5xx, 408, 429 with its
 * Retry-After, timeouts, connection errors) until delivery.retry_horizon
 * has passed since the notice, when the row is "dead"; a 410 Gone
 * disables the subscription; any other answer (3xx, 4xx) and a refused
 * address are final.  At most delivery.per_endpoint attempts go to one
 * target at once, and a target that fails five times in a row is left
 * alone for a while (a circuit breaker), so that one dead receiver does
 * not hold up the others.  Every outcome is written in the pass's
 * transaction; a crash between a receiver's 2xx and the commit sends that
 * one again after the restart, with the same webhook-id.
 */
#ifndef DELIVER_H
#define DELIVER_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

struct daemon;
struct deliver;

/* Counted since start, for /metrics and outagectl deliveries. */
struct deliver_counters {
	uint64_t	 attempts;
	uint64_t	 sent;
	uint64_t	 failed;	/* attempts that did not succeed */
	uint64_t	 retried;	/* failures to be tried again */
	uint64_t	 dead;		/* given up */
	uint64_t	 inflight;	/* now */
	uint64_t	 breakers_open;	/* now */
	/* notice to delivery, of sent ones (Prometheus histogram) */
	uint64_t	 latency_count[12];
	double		 latency_sum;	/* seconds */
};
extern const double deliver_latency_bounds[11];

struct deliver	*deliver_new(struct daemon *);
void		 deliver_free(struct deliver *);	/* NULL is fine */

size_t		 deliver_pollfds(struct deliver *, struct pollfd *, size_t);
int64_t		 deliver_timeout(struct deliver *);	/* ms, -1 none */
/* After poll(): finish attempts, start the due ones. */
void		 deliver_run(struct deliver *, const struct pollfd *, size_t);
/* The broker acknowledged a publish of ours (mqtt channel rows). */
void		 deliver_published(struct deliver *, int mid);
const struct deliver_counters *deliver_counters(struct deliver *);

#endif /* DELIVER_H */
