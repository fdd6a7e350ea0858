/* SPDX-License-Identifier: MIT */
/*
 * topic.h - every MQTT topic outaged reads or writes, built and parsed in
 * one place (README, "MQTT topics"):
 *
 *   <prefix>/reports/<source>          reports in
 *   <prefix>/news                      articles in
 *   <prefix>/status/<region>           retained region status out
 *   <prefix>/alerts/<region>/<utility> alert events out
 *   <prefix>/rejected/<source>         refusals out
 *   <prefix>/service/<client id>       the daemon's online/offline
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
	TOPIC_UNKNOWN		/* parse only: not one of ours */
};

/*
 * Build the topic of a kind: arg is the source (reports, rejected), the
 * region id (status, alerts) or the client id (service), unused for news;
 * u the utility of an alert.  Returns the length, or 0 when it does not
 * fit in len (buf is then "").
 */
size_t		 topic_build(char *buf, size_t len, const char *prefix,
		    enum topic_kind, const char *arg, enum utility u);
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
