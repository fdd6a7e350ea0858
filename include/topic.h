/* SPDX-License-Identifier: MIT */
/*
 * topic.h - every MQTT topic outaged reads or writes, built and parsed in
 * one place (README, "MQTT topics"):
 *
 *   <prefix>/reports/<source>          reports in
 *   <prefix>/news                      articles in
 *   <prefix>/status/<region>           retained region status out
 *   <prefix>/alerts/<utility>/<region path>
 *                                      alert events out; the path is the
 *                                      region's ancestors and itself,
 *                                      country first (power/UA/UA-12/
 *                                      UA-12:dnipro), so that a wildcard
 *                                      on a region (power/UA/UA-12/#)
 *                                      matches its sub-regions too
 *   <prefix>/rejected/<source>         refusals out
 *   <prefix>/service/<client id>       the daemon's online/offline
 *   <prefix>/sensors/<device>          sensing devices' online, offline
 *                                      (their Will) and heartbeats in
 */
#ifndef TOPIC_H
#define TOPIC_H

#include <stddef.h>

#include "outaged.h"

/* Room for any topic built here: a prefix, a kind and two levels. */
#define TOPIC_MAX	512

enum topic_kind {
	TOPIC_REPORTS = 0,
	TOPIC_NEWS,
	TOPIC_STATUS,
	TOPIC_ALERTS,
	TOPIC_REJECTED,
	TOPIC_SERVICE,
	TOPIC_SENSORS,		/* <prefix>/sensors/<device> in */
	TOPIC_UNKNOWN		/* parse only: not one of ours */
};

struct region;

/*
 * Build the topic of a kind: arg is the source (reports, rejected), the
 * region id (status) or the client id (service), unused for news (alerts:
 * topic_alert).  Returns the length, or 0 when it does not fit in len
 * (buf is then "").
 */
size_t		 topic_build(char *buf, size_t len, const char *prefix,
		    enum topic_kind, const char *arg);
/* <prefix>/alerts/<utility>/<region path>; 0 when it does not fit. */
size_t		 topic_alert(char *buf, size_t len, const char *prefix,
		    const struct region *, enum utility);
/* The subscription filter for a kind that comes in: ".../reports/+". */
size_t		 topic_filter(char *buf, size_t len, const char *prefix,
		    enum topic_kind);
/*
 * Which kind topic is under prefix; *arg points into topic at the level
 * after the kind (the source of a report), or at "" when there is none.
 */
enum topic_kind	 topic_parse(const char *prefix, const char *topic,
		    const char **arg);

#endif /* TOPIC_H */
