/* SPDX-License-Identifier: MIT */
/*
 * t_sink.h - a pipeline sink for tests that need only to know which topics
 * would have been published: connected, every publish recorded (its topic;
 * the mid handed out is the count so far), events and flushes ignored.
 * t_topic_sink() gives it; was_published() asks.  Include after
 * pipeline.h and util.h.
 */
#ifndef T_SINK_H
#define T_SINK_H

#include <string.h>

static char published[64][160];
static size_t npublished;

static int
rec_connected(void *arg)
{
	(void)arg;
	return 1;
}

static int
rec_publish(void *arg, const char *topic, const char *payload, size_t len,
    int qos, int retain, int *mid)
{
	(void)arg;
	(void)payload;
	(void)len;
	(void)qos;
	(void)retain;
	if (npublished < NELEM(published))
		str_copy(published[npublished++], topic, sizeof(published[0]));
	if (mid != NULL)
		*mid = (int)npublished;
	return 0;
}

static void
rec_event(void *arg, const char *event, const char *data,
    const struct event_subject *subject)
{
	(void)arg;
	(void)event;
	(void)data;
	(void)subject;
}

static void
rec_nothing(void *arg)
{
	(void)arg;
}

static struct pipeline_sink
t_topic_sink(void)
{
	struct pipeline_sink s = {
		NULL, rec_connected, rec_publish, rec_event, rec_nothing,
		rec_nothing
	};

	return s;
}

static int
was_published(const char *topic)
{
	for (size_t i = 0; i < npublished; i++)
		if (strcmp(published[i], topic) == 0)
			return 1;
	return 0;
}

#endif /* T_SINK_H */
