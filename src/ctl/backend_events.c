/* SPDX-License-Identifier: MIT */
/*
 * backend_events.c - the HTTP backend's watch operation: the daemon's
 * event stream (GET /api/v1/events, server-sent events), reconnecting
 * when it is lost.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>

#include "log.h"
#include "util.h"
#include "ctl.h"
#include "backend_http.h"

struct sse {
	struct backend	*b;
	event_fn	 fn;		/* each event goes to fn(arg, ...) */
	void		*arg;
	int		 checked;	/* looked at this answer's status */
	int		 ok;		/* it is an event stream */
	int		 done;		/* fn said stop */
	int		 fatal;		/* an error in b->err: stop */
	int		 away;		/* lost the stream, reconnecting */
	int		 cr;		/* the last byte was a CR */
	long		 status;
	int64_t		 retry_ms;
	struct buf	 line, data, other;	/* capped */
	char		 event[64];
};

/* A blank line: the event is complete. */
static void
sse_dispatch(struct sse *st)
{
	const char *event = st->event[0] != '\0' ? st->event : "message";

	if (st->data.len == 0) {	/* no data: no event (the spec) */
		st->event[0] = '\0';
		return;
	}
	assert(st->data.data[st->data.len - 1] == '\n');
	st->data.data[--st->data.len] = '\0';	/* the last "\n" */
	switch (st->fn(st->arg, event, st->data.data)) {
	case 0:
		break;
	case 1:
		st->done = 1;
		break;
	default:
		st->fatal = 1;
		return;
	}
	buf_reset(&st->data);
	st->event[0] = '\0';
}

/* One line of the stream: a field, a comment, or the end of an event. */
static void
sse_line(struct sse *st)
{
	const char *s = buf_str(&st->line), *colon, *v;
	size_t flen;
	int64_t ms;

	if (st->line.len == 0) {
		sse_dispatch(st);
		return;
	}
	if (s[0] == ':')
		return;		/* a comment: the daemon's pings */
	colon = strchr(s, ':');
	flen = colon != NULL ? (size_t)(colon - s) : strlen(s);
	v = colon != NULL ? colon + 1 : s + flen;
	if (*v == ' ')
		v++;
	if (flen == 5 && strncmp(s, "event", 5) == 0)
		str_copy(st->event, v, sizeof(st->event));
	else if (flen == 4 && strncmp(s, "data", 4) == 0) {
		if (buf_add(&st->data, v, strlen(v)) == -1 ||
		    buf_add(&st->data, "\n", 1) == -1) {
			snprintf(st->b->err, sizeof(st->b->err), "%s: an event "
			    "is over %d bytes", st->b->where, EVENT_MAX);
			st->b->fail = st->fatal = CTL_UNAVAIL;
		}
	} else if (flen == 5 && strncmp(s, "retry", 5) == 0 &&
	    parse_i64(v, 0, 60000, &ms) == OD_OK)
		st->retry_ms = ms < 500 ? 500 : ms;
}

static size_t
sse_write(char *p, size_t size, size_t n, void *arg)
{
	struct sse *st = arg;
	struct http_be *h = st->b->impl;
	size_t len = size * n, i = 0, j;

	if (!st->checked) {
		char *ct = NULL;

		st->checked = 1;
		curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE,
		    &st->status);
		curl_easy_getinfo(h->curl, CURLINFO_CONTENT_TYPE, &ct);
		st->ok = st->status == 200 && ct != NULL &&
		    strncasecmp(ct, "text/event-stream", 17) == 0;
		if (st->ok && st->away) {
			fprintf(stderr, "outagectl: reconnected to %s; events "
			    "meanwhile were missed\n", st->b->where);
			st->away = 0;
		}
	}
	if (!st->ok)
		return body_write(p, size, n, &st->other);
	while (i < len) {
		for (j = i; j < len && p[j] != '\n' && p[j] != '\r'; j++)
			;
		if (j > i && buf_add(&st->line, p + i, j - i) == -1) {
			snprintf(st->b->err, sizeof(st->b->err), "%s: an event "
			    "line is over %d bytes", st->b->where, EVENT_MAX);
			st->b->fail = st->fatal = CTL_UNAVAIL;
			return 0;
		}
		if (j == len)
			break;
		/* CR, LF or CRLF end a line; the LF of a CRLF is skipped */
		if (!(p[j] == '\n' && st->cr && j == i)) {
			sse_line(st);
			buf_reset(&st->line);
		}
		st->cr = p[j] == '\r';
		i = j + 1;
		if (st->done || st->fatal)
			return 0;	/* stop the transfer */
	}
	if (i < len)
		st->cr = 0;
	return len;
}

static void
sleep_ms(int64_t ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) *
	    1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* Append "?key=value" or "&key=value", the value percent-encoded. */
static void
watch_query(struct http_be *h, struct buf *sb, const char *key,
    const char *value)
{
	char *e;

	if (value == NULL)
		return;
	if ((e = curl_easy_escape(h->curl, value, 0)) == NULL)
		fatalx("out of memory");
	text_add(sb, "%c%s=%s", strchr(buf_str(sb), '?') != NULL ? '&' : '?',
	    key, e);
	curl_free(e);
}

/* GET /events: the stream, reconnecting when it is lost once open. */
enum od_err
http_watch(struct backend *b, const struct watch_filter *f, event_fn fn,
    void *arg)
{
	struct http_be *h = b->impl;
	struct sse st;
	struct curl_slist *hdr;
	struct buf url = URL_BUF;
	int connected = 0;
	enum od_err rc = OD_OK;
	CURLcode cc;

	memset(&st, 0, sizeof(st));
	text_add(&url, "%s" API "/events", h->base);
	watch_query(h, &url, "region", f->region);
	watch_query(h, &url, "min_severity", f->min_severity);
	if (url.overflow) {
		buf_free(&url);
		snprintf(b->err, sizeof(b->err), "the request URL would be "
		    "over %d bytes", URL_MAX - 1);
		b->fail = CTL_USAGE;
		return OD_ENET;
	}
	st.b = b;
	st.fn = fn;
	st.arg = arg;
	st.retry_ms = RECONNECT_MS;
	buf_init(&st.line, EVENT_MAX);
	buf_init(&st.data, EVENT_MAX);
	buf_init(&st.other, RESPONSE_MAX);

	for (;;) {
		http_setup(h, buf_str(&url), 1);
		hdr = header_add(NULL, "Accept: text/event-stream");
		if (h->auth != NULL)
			hdr = header_add(hdr, h->auth);
		curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, hdr);
		curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, sse_write);
		curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, &st);
		st.checked = st.ok = st.cr = 0;
		st.status = 0;
		st.event[0] = '\0';
		buf_reset(&st.line);
		buf_reset(&st.data);
		buf_reset(&st.other);
		cc = curl_easy_perform(h->curl);
		curl_slist_free_all(hdr);
		if (st.done)
			break;
		if (st.fatal) {
			rc = OD_ENET;
			break;
		}
		if (st.checked && !st.ok) {
			if (st.status >= 200 && st.status <= 299) {
				snprintf(b->err, sizeof(b->err), "%s" API
				    "/events is not an event stream (is it "
				    "outaged?)", b->where);
				b->fail = CTL_UNAVAIL;
			} else
				http_fail(b, st.status, &st.other, H_REGION);
			rc = OD_ENET;
			break;
		}
		if (!st.ok && !connected) {
			http_unreachable(b, cc);
			rc = OD_ENET;
			break;
		}
		connected = 1;
		/* the daemon restarted or the network dropped: come back */
		if (!st.away)
			fprintf(stderr, "outagectl: lost the event stream "
			    "(%s); reconnecting\n", cc == CURLE_OK ?
			    "the daemon closed it" : h->errbuf[0] != '\0' ?
			    h->errbuf : curl_easy_strerror(cc));
		st.away = 1;
		sleep_ms(st.retry_ms);
	}
	buf_free(&st.line);
	buf_free(&st.data);
	buf_free(&st.other);
	buf_free(&url);
	return rc;
}
