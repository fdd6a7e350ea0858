/* SPDX-License-Identifier: MIT */
/*
 * metrics.h - the daemon's /metrics document (Prometheus text format).
 */
#ifndef METRICS_H
#define METRICS_H

struct buf;
struct daemon;

/* Append every metric of the running daemon to b. */
void	 metrics_render(struct daemon *, struct buf *);

#endif /* METRICS_H */
