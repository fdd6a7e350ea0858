/* SPDX-License-Identifier: MIT */
/*
 * http_answer.c - an answer's head (status line and header fields) and
 * where its body comes from: a buffer of ours, a shared cached document,
 * a file, or an event stream.  http.c writes it out.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "http_int.h"
#include "util.h"

/* Let go of the answer's body, whichever kind it was. */
void
answer_release(struct http_conn *c)
{
	free(c->body_owned);
	c->body_owned = NULL;
	if (c->body_free != NULL)
		c->body_free(c->body_arg);
	c->body_free = NULL;
	c->body_ptr = NULL;
	c->body_len = c->body_off = 0;
	if (c->file_fd >= 0)
		close(c->file_fd);
	c->file_fd = -1;
	c->file_off = c->file_len = 0;
}

/* ---- answers ---------------------------------------------------------- */

static const char *
reason(int status)
{
	switch (status) {
	case 100: return "Continue";
	case 200: return "OK";
	case 201: return "Created";
	case 202: return "Accepted";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 406: return "Not Acceptable";
	case 408: return "Request Timeout";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 411: return "Length Required";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 501: return "Not Implemented";
	case 503: return "Service Unavailable";
	case 505: return "HTTP Version Not Supported";
	}
	return status < 300 ? "OK" : status < 400 ? "Redirect" :
	    status < 500 ? "Client Error" : "Server Error";
}

/* The Date header's value (RFC 9110 5.6.7), made once a second. */
static const char *
http_date(struct http *h)
{
	static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t now = time(NULL);
	struct tm tm;

	if (now != h->date_at && gmtime_r(&now, &tm) != NULL) {
		h->date_at = now;
		snprintf(h->date, sizeof(h->date), "%s, %02d %s %04d "
		    "%02d:%02d:%02d GMT", days[tm.tm_wday % 7], tm.tm_mday,
		    months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour,
		    tm.tm_min, tm.tm_sec);
	}
	return h->date;
}

static void
header(struct http_conn *c, const char *name, const char *value)
{
	if (value != NULL)
		(void)buf_printf(&c->out, "%s: %s\r\n", name, value);
}

/*
 * Make rs the connection's answer: the head into c->out, the body where
 * it is.  rs's body, shared body and filter are taken over.
 */
void
answer(struct http_conn *c, struct http_resp *rs)
{
	struct http *h = c->h;
	int head_only = c->head.method != NULL &&
	    strcmp(c->head.method, "HEAD") == 0;
	int no_body = rs->status == 204 || rs->status == 304 ||
	    (rs->status >= 100 && rs->status < 200);
	/* an event stream; asked for with HEAD, its head is all it gets */
	int stream = rs->sse && !head_only;
	uint64_t len = 0;

	if (!stream) {		/* a filter only an event stream keeps */
		free(rs->sse_filter);
		rs->sse_filter = NULL;
	}
	answer_release(c);
	if (rs->file != NULL && !rs->sse) {
		int fd = open(rs->file, O_RDONLY | O_CLOEXEC);
		struct stat st;

		if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
			c->file_fd = fd;
			c->file_len = st.st_size;
			len = (uint64_t)st.st_size;
		} else {
			if (fd >= 0)
				close(fd);
			rs->status = 404;
			free(rs->body);
			rs->body = xstrdup("{\"error\":\"not_found\","
			    "\"detail\":\"no such file\"}");
			rs->bodylen = strlen(rs->body);
			rs->content_type = "application/json";
		}
	}
	if (c->file_fd < 0 && !rs->sse) {
		if (rs->shared_body != NULL && rs->body == NULL) {
			c->body_ptr = rs->shared_body;
			c->body_free = rs->body_free;
			c->body_arg = rs->body_arg;
			rs->body_free = NULL;
		} else {
			c->body_owned = rs->body;
			c->body_ptr = rs->body;
			rs->body = NULL;
		}
		c->body_len = c->body_ptr != NULL ? rs->bodylen : 0;
		len = c->body_len;
	}
	free(rs->body);		/* a body beside a file or a stream */
	rs->body = NULL;
	if (rs->body_free != NULL) {	/* not sent: released now */
		rs->body_free(rs->body_arg);
		rs->body_free = NULL;
	}
	if (rs->sse) {
		rs->content_type = "text/event-stream";
		c->keep_alive = 0;	/* it ends when either side closes */
	}
	if (rs->content_type == NULL)
		rs->content_type = "application/json";

	buf_reset(&c->out);
	c->out_off = 0;
	/* our version whatever the client's (RFC 9110 6.2) */
	(void)buf_printf(&c->out, "HTTP/1.1 %d %s\r\n", rs->status,
	    reason(rs->status));
	header(c, "Date", http_date(h));
	if (!no_body)
		header(c, "Content-Type", rs->content_type);
	header(c, "X-Content-Type-Options", "nosniff");
	if (rs->cache_control != NULL)
		header(c, "Cache-Control", rs->cache_control);
	else if (stream ||
	    strncmp(rs->content_type, "application/json", 16) == 0)
		header(c, "Cache-Control", "no-store");
	header(c, "ETag", rs->etag);
	header(c, "Content-Encoding", rs->content_encoding);
	header(c, "Vary", rs->vary);
	header(c, "Allow", rs->allow);
	header(c, "WWW-Authenticate", rs->www_auth);
	header(c, "Retry-After", rs->retry_after);
	if (!stream && !no_body)
		(void)buf_printf(&c->out, "Content-Length: %llu\r\n",
		    (unsigned long long)len);
	if (!c->keep_alive)
		header(c, "Connection", "close");
	else if (c->head.minor == 0)
		header(c, "Connection", "keep-alive");
	(void)buf_add(&c->out, "\r\n", 2);
	if (head_only || no_body)
		answer_release(c);
	if (stream) {
		c->state = C_STREAM;
		c->filter = rs->sse_filter;
		c->match = rs->sse_match;
		rs->sse_filter = NULL;
		h->nclients++;
		(void)buf_add(&c->out, SSE_HELLO, sizeof(SSE_HELLO) - 1);
	} else
		c->state = C_ANSWER;
	c->deadline = 0;	/* answering: the idle timeout now */
}

/* An answer made here, not by the handler: {"error": ..., "detail": ...}. */
void
answer_error(struct http_conn *c, int status, const char *error,
    const char *detail)
{
	struct http_resp rs;
	char buf[512];

	memset(&rs, 0, sizeof(rs));
	rs.status = status;
	snprintf(buf, sizeof(buf), "{\"error\":\"%s\",\"detail\":\"%s\"}",
	    error, detail);
	rs.body = xstrdup(buf);
	rs.bodylen = strlen(rs.body);
	answer(c, &rs);
}

/* 413, naming the limit (limits.max_payload) so the client can size it. */
void
answer_too_large(struct http_conn *c)
{
	char detail[128];

	snprintf(detail, sizeof(detail), "the request body is over the "
	    "limit of %zu bytes (limits.max_payload)", c->h->lim.max_body);
	c->keep_alive = 0;	/* the rest of the body is not read */
	answer_error(c, 413, "payload_too_large", detail);
}
