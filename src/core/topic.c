/* SPDX-License-Identifier: MIT */
/*
 * topic.c - building and parsing MQTT topics (topic.h).
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "region.h"
#include "topic.h"
#include "util.h"

static const char *const kind_level[] = {
	[TOPIC_REPORTS]	 = "reports",
	[TOPIC_NEWS]	 = "news",
	[TOPIC_STATUS]	 = "status",
	[TOPIC_ALERTS]	 = "alerts",
	[TOPIC_REJECTED] = "rejected",
	[TOPIC_SERVICE]	 = "service",
	[TOPIC_SENSORS]	 = "sensors",
};

static size_t
fitted(char *buf, size_t len, int n)
{
	if (n < 0 || (size_t)n >= len) {
		if (len > 0)
			buf[0] = '\0';
		return 0;
	}
	return (size_t)n;
}

size_t
topic_build(char *buf, size_t len, const char *prefix, enum topic_kind k,
    const char *arg)
{
	assert(k < TOPIC_UNKNOWN && k != TOPIC_ALERTS);
	if (k == TOPIC_NEWS)
		return fitted(buf, len, snprintf(buf, len, "%s/%s", prefix,
		    kind_level[k]));
	return fitted(buf, len, snprintf(buf, len, "%s/%s/%s", prefix,
	    kind_level[k], arg));
}

size_t
topic_alert(char *buf, size_t len, const char *prefix,
    const struct region *r, enum utility u)
{
	const struct region *path[16];
	size_t n = 0, at;

	for (const struct region *x = r; x != NULL; x = x->parent) {
		if (n == NELEM(path))
			return fitted(buf, len, -1);	/* deeper than any pack */
		path[n++] = x;
	}
	at = fitted(buf, len, snprintf(buf, len, "%s/%s/%s", prefix,
	    kind_level[TOPIC_ALERTS], utility_name(u)));
	while (at > 0 && n > 0) {
		size_t k = fitted(buf + at, len - at, snprintf(buf + at,
		    len - at, "/%s", path[--n]->id));

		if (k == 0)
			return fitted(buf, len, -1);
		at += k;
	}
	return at;
}

size_t
topic_filter(char *buf, size_t len, const char *prefix, enum topic_kind k)
{
	assert(k == TOPIC_REPORTS || k == TOPIC_NEWS || k == TOPIC_SENSORS);
	if (k == TOPIC_NEWS)
		return topic_build(buf, len, prefix, k, NULL);
	return fitted(buf, len, snprintf(buf, len, "%s/%s/+", prefix,
	    kind_level[k]));
}

enum topic_kind
topic_parse(const char *prefix, const char *topic, const char **arg)
{
	size_t plen = strlen(prefix);
	const char *p;

	*arg = "";
	if (strncmp(topic, prefix, plen) != 0 || topic[plen] != '/')
		return TOPIC_UNKNOWN;
	p = topic + plen + 1;
	for (size_t k = 0; k < TOPIC_UNKNOWN; k++) {
		size_t n = strlen(kind_level[k]);

		if (strncmp(p, kind_level[k], n) != 0)
			continue;
		if (p[n] == '\0' && k == TOPIC_NEWS)
			return TOPIC_NEWS;
		if (p[n] == '/' && k != TOPIC_NEWS) {
			*arg = p + n + 1;
			return (enum topic_kind)k;
		}
	}
	return TOPIC_UNKNOWN;
}
