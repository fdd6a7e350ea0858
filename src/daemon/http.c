/* SPDX-License-Identifier: MIT */
/*
 * http.c - libmicrohttpd in external epoll mode: MHD gives us one epoll fd to
 * poll, and we call MHD_run() from our loop, so request handlers run on the
 * main thread and read the live state without locks.
 *
 * Hardened as a public listener (RELIABILITY.md 3.2): idle timeout, a cap on
 * connections in total and per IP, a per-connection memory limit, request
 * bodies capped before they are buffered, and no MHD_PostProcessor.
 *
 * Against slowloris (issue 13 item 4) MHD's idle timeout is not enough: a
 * client that sends a header line now and then is never idle.  So every
 * connection is tracked (MHD_OPTION_NOTIFY_CONNECTION) with a deadline:
 * its request head must be complete within HEAD_DEADLINE_MS and its body
 * within BODY_DEADLINE_MS, or the socket is shut down.  And when the
 * connections come near the limit, the oldest one still sending its head
 * is shed for each new one, so that a client that sends a request at once
 * (a health probe) always finds room.  A body is read only once the head
 * is authorized (the handler is asked first, req->head), and the bodies
 * buffered at once share a budget (BODY_BUDGET_MIN or 4 bodies).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#include "buf.h"
#include "http.h"
#include "log.h"
#include "util.h"

#define SSE_BUFFER_MAX	(256 * 1024)	/* a slower reader is dropped */
#define HEAD_DEADLINE_MS 10000		/* connect to a complete head */
#define BODY_DEADLINE_MS 30000		/* head to a complete body */
#define BODY_BUDGET_MIN	(16u * 1024 * 1024)	/* bodies buffered at once */
#define SSE_PING_MS	10000		/* keeps idle streams open */
/* how soon a browser should come back after a drop, and a first comment */
#define SSE_HELLO	"retry: 3000\n: outaged events\n\n"

struct sse_client {
	struct http	*h;
	struct MHD_Connection *conn;
	struct buf	 out;		/* not yet sent; SSE_BUFFER_MAX at most */
	int		 dead;
	int		 suspended;	/* nothing to send: off MHD's loop */
	int		 fd;		/* its socket, watched while suspended */
	int		 watched;
	void		*filter;	/* what this stream wants; NULL all */
	int		(*match)(const void *, const void *);
	struct sse_client *next;
};

/* A connection: when its request must be complete (issue 13 item 4). */
struct conn_track {
	struct MHD_Connection *conn;
	int64_t		 since;		/* monotonic ms: accepted, or last done */
	int64_t		 deadline;	/* monotonic ms; 0: none (answering) */
	int		 head_done;	/* the request's head has arrived */
	int		 shut;		/* shut down by us: closing */
	int		 bad_url;	/* the URL decodes to a NUL byte */
	struct conn_track *prev, *next;	/* oldest first */
};

struct http {
	struct MHD_Daemon *mhd;
	struct conn_track *conns, *conns_tail;
	size_t		 nconns;
	size_t		 shed_at;	/* from this many connections, shed */
	size_t		 buffered;	/* bytes of bodies reserved now */
	int64_t		 next_sweep;
	http_handler_fn	*handler;
	void		*arg;
	size_t		 max_body;
	uint16_t	 port;
	struct sse_client *clients;
	size_t		 nclients;
	int64_t		 next_ping;
	/*
	 * What the loop polls: MHD's epoll fd, and the sockets of suspended
	 * streams (MHD watches those no more), for a hang-up, so that a
	 * closed stream is let go now rather than at the next ping.
	 */
	int		 epfd;
};

/* Per-request state while a body arrives. */
struct req_state {
	struct buf	 body;		/* ceiling: max_body */
	int		 too_big;	/* Content-Length said so */
	size_t		 reserved;	/* of h->buffered */
};

static void
sse_append(struct sse_client *c, const char *s, size_t n)
{
	if (c->dead)
		return;
	/* never block the loop for one slow reader: past the ceiling, drop it */
	if (buf_add(&c->out, s, n) < 0)
		c->dead = 1;
}

static void
sse_unwatch(struct sse_client *c)
{
	if (c->watched) {
		(void)epoll_ctl(c->h->epfd, EPOLL_CTL_DEL, c->fd, NULL);
		c->watched = 0;
	}
}

/* A suspended stream's socket: its hang-up wakes the loop (http_run). */
static void
sse_watch(struct sse_client *c)
{
	const union MHD_ConnectionInfo *ci;
	struct epoll_event ev;

	ci = MHD_get_connection_info(c->conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (ci == NULL || c->watched)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLRDHUP;		/* and EPOLLHUP, EPOLLERR, always */
	ev.data.ptr = c;
	c->fd = ci->connect_fd;
	if (epoll_ctl(c->h->epfd, EPOLL_CTL_ADD, c->fd, &ev) == 0)
		c->watched = 1;
}

/* Data (or death) for a suspended stream: put it back on MHD's loop. */
static void
sse_wake(struct sse_client *c)
{
	if (c->suspended) {
		sse_unwatch(c);
		c->suspended = 0;
		MHD_resume_connection(c->conn);
	}
}

static ssize_t
sse_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct sse_client *c = cls;
	size_t n;

	(void)pos;
	if (c->dead)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	if (c->out.len == 0) {
		/*
		 * Returning 0 alone would have MHD call us on every run: a
		 * busy loop.  Suspended, the stream costs nothing until an
		 * event or a ping resumes it (sse_wake).
		 */
		c->suspended = 1;
		MHD_suspend_connection(c->conn);
		sse_watch(c);
		return 0;
	}
	n = c->out.len < max ? c->out.len : max;
	memcpy(buf, c->out.data, n);
	memmove(c->out.data, c->out.data + n, c->out.len - n + 1);
	c->out.len -= n;
	return (ssize_t)n;
}

static void
sse_free(void *cls)
{
	struct sse_client *c = cls;
	struct http *h = c->h;

	sse_unwatch(c);
	for (struct sse_client **pp = &h->clients; *pp; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			h->nclients--;
			break;
		}
	}
	buf_free(&c->out);
	free(c->filter);
	free(c);
}

void
http_broadcast(struct http *h, const char *event, const char *data,
    const void *subject)
{
	char head[96];
	int n;

	if (h == NULL)
		return;
	n = snprintf(head, sizeof(head), "event: %s\ndata: ", event);
	for (struct sse_client *c = h->clients; c; c = c->next) {
		if (c->match != NULL && !c->match(c->filter, subject))
			continue;
		sse_append(c, head, (size_t)n);
		/* data is compact JSON: one line, no newline to split */
		sse_append(c, data, strlen(data));
		sse_append(c, "\n\n", 2);
		sse_wake(c);
	}
}

size_t
http_sse_clients(const struct http *h)
{
	return h ? h->nclients : 0;
}

static enum MHD_Result
queue(struct MHD_Connection *conn, struct http *h, struct http_resp *rs)
{
	struct MHD_Response *r = NULL;
	enum MHD_Result ret;

	if (!rs->sse) {		/* a filter only an event stream keeps */
		free(rs->sse_filter);
		rs->sse_filter = NULL;
	}
	if (rs->sse) {
		struct sse_client *c = xcalloc(1, sizeof(*c));

		c->h = h;
		c->conn = conn;
		buf_init(&c->out, SSE_BUFFER_MAX);
		c->filter = rs->sse_filter;
		c->match = rs->sse_match;
		rs->sse_filter = NULL;
		c->next = h->clients;
		h->clients = c;
		h->nclients++;
		/* tell the browser how soon to come back after a drop */
		sse_append(c, SSE_HELLO, sizeof(SSE_HELLO) - 1);
		r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096,
		    sse_reader, c, sse_free);
		rs->content_type = "text/event-stream";
	} else if (rs->file != NULL) {
		int fd = open(rs->file, O_RDONLY | O_CLOEXEC);
		struct stat st;

		if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
			r = MHD_create_response_from_fd((uint64_t)st.st_size,
			    fd);
		else {
			if (fd >= 0)
				close(fd);
			rs->status = MHD_HTTP_NOT_FOUND;
			free(rs->body);
			rs->body = xstrdup("{\"error\":\"not_found\","
			    "\"detail\":\"no such file\"}");
			rs->bodylen = strlen(rs->body);
			rs->content_type = "application/json";
		}
	}
	if (rs->shared_body != NULL && r == NULL && !rs->sse &&
	    rs->file == NULL && rs->body == NULL) {
		r = MHD_create_response_from_buffer_with_free_callback_cls(
		    rs->bodylen, (void *)(uintptr_t)rs->shared_body,
		    rs->body_free, rs->body_arg);
		if (r != NULL)
			rs->body_free = NULL;	/* MHD releases it */
	}
	if (rs->body_free != NULL) {		/* not sent: released now */
		rs->body_free(rs->body_arg);
		rs->body_free = NULL;
	}
	if (r == NULL && !rs->sse) {
		if (rs->body == NULL) {
			rs->body = xstrdup("");
			rs->bodylen = 0;
		}
		r = MHD_create_response_from_buffer(rs->bodylen, rs->body,
		    MHD_RESPMEM_MUST_FREE);
		rs->body = NULL;
	}
	if (r == NULL)
		return MHD_NO;
	if (rs->content_type == NULL)
		rs->content_type = "application/json";
	MHD_add_response_header(r, "Content-Type", rs->content_type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	if (rs->cache_control != NULL)
		MHD_add_response_header(r, "Cache-Control", rs->cache_control);
	else if (rs->sse ||
	    strncmp(rs->content_type, "application/json", 16) == 0)
		MHD_add_response_header(r, "Cache-Control", "no-store");
	if (rs->etag)
		MHD_add_response_header(r, "ETag", rs->etag);
	if (rs->content_encoding)
		MHD_add_response_header(r, "Content-Encoding",
		    rs->content_encoding);
	if (rs->vary)
		MHD_add_response_header(r, "Vary", rs->vary);
	if (rs->allow)
		MHD_add_response_header(r, "Allow", rs->allow);
	if (rs->www_auth)
		MHD_add_response_header(r, "WWW-Authenticate", rs->www_auth);
	if (rs->retry_after)
		MHD_add_response_header(r, "Retry-After", rs->retry_after);
	ret = MHD_queue_response(conn, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
error_response(struct MHD_Connection *conn, struct http *h, int status,
    const char *error, const char *detail)
{
	struct http_resp rs;
	char buf[512];

	memset(&rs, 0, sizeof(rs));
	rs.status = status;
	snprintf(buf, sizeof(buf), "{\"error\":\"%s\",\"detail\":\"%s\"}",
	    error, detail);
	rs.body = xstrdup(buf);
	rs.bodylen = strlen(rs.body);
	return queue(conn, h, &rs);
}

/* 413, naming the limit (limits.max_payload) so the client can size it. */
static enum MHD_Result
too_large(struct MHD_Connection *conn, struct http *h)
{
	char detail[128];

	snprintf(detail, sizeof(detail), "the request body is over the "
	    "limit of %zu bytes (limits.max_payload)", h->max_body);
	return error_response(conn, h, MHD_HTTP_CONTENT_TOO_LARGE,
	    "payload_too_large", detail);
}

/* ---- connections and their deadlines ------------------------------- */

static struct conn_track *
track_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn,
	    MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci != NULL ? ci->socket_context : NULL;
}

/* End a connection from outside MHD: it sees the shut socket and closes. */
static void
track_shut(struct conn_track *t)
{
	const union MHD_ConnectionInfo *ci;

	if (t->shut)
		return;
	t->shut = 1;
	ci = MHD_get_connection_info(t->conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (ci != NULL)
		(void)shutdown(ci->connect_fd, SHUT_RDWR);
}

static void
on_connection(void *cls, struct MHD_Connection *conn, void **socket_ctx,
    enum MHD_ConnectionNotificationCode code)
{
	struct http *h = cls;
	struct conn_track *t = *socket_ctx;

	if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		if (t == NULL)
			return;
		if (t->prev)
			t->prev->next = t->next;
		else
			h->conns = t->next;
		if (t->next)
			t->next->prev = t->prev;
		else
			h->conns_tail = t->prev;
		h->nconns--;
		free(t);
		*socket_ctx = NULL;
		return;
	}
	/* near the limit: shed the oldest connection still sending its head */
	if (h->nconns + 1 >= h->shed_at) {
		for (struct conn_track *o = h->conns; o; o = o->next) {
			if (!o->head_done && !o->shut) {
				log_debug("http: %zu connections: shedding the "
				    "oldest one still sending its head",
				    h->nconns);
				track_shut(o);
				break;
			}
		}
	}
	t = xcalloc(1, sizeof(*t));
	t->conn = conn;
	t->since = now_mono_ms();
	t->deadline = t->since + HEAD_DEADLINE_MS;
	t->prev = h->conns_tail;
	if (h->conns_tail)
		h->conns_tail->next = t;
	else
		h->conns = t;
	h->conns_tail = t;
	h->nconns++;
	*socket_ctx = t;
}

/* Shut the connections past their deadline. */
static void
sweep(struct http *h, int64_t now)
{
	for (struct conn_track *t = h->conns; t; t = t->next)
		if (t->deadline != 0 && now >= t->deadline && !t->shut) {
			log_debug("http: closing a connection whose request "
			    "took over %d s", (int)((now - t->since) / 1000));
			track_shut(t);
		}
	h->next_sweep = now + 1000;
}

/*
 * URL unescaping (MHD_OPTION_UNESCAPE_CALLBACK) that never decodes a NUL:
 * "%00" is left as it is and the request refused (on_request), so that
 * "/static/app.js%00.png" is not "/static/app.js" (issue 13 item 8).
 */
static size_t
unescape(void *cls, struct MHD_Connection *conn, char *uri)
{
	struct conn_track *t;
	char *r = uri, *w = uri;

	(void)cls;
	while (*r != '\0') {
		unsigned v;
		char hex[3];

		if (r[0] == '%' && isxdigit((unsigned char)r[1]) &&
		    isxdigit((unsigned char)r[2])) {
			hex[0] = r[1];
			hex[1] = r[2];
			hex[2] = '\0';
			v = (unsigned)strtoul(hex, NULL, 16);
			if (v != 0) {
				*w++ = (char)v;
				r += 3;
				continue;
			}
			if ((t = track_of(conn)) != NULL)
				t->bad_url = 1;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return (size_t)(w - uri);
}

/* ---- requests -------------------------------------------------------- */

struct header_scan {
	int		 ncl;		/* Content-Length headers */
	int		 cl_conflict;	/* two of them disagree */
	int		 te;		/* a Transfer-Encoding header */
	const char	*cl;
	size_t		 cl_len;
};

static enum MHD_Result
scan_header(void *cls, enum MHD_ValueKind kind, const char *key,
    size_t key_size, const char *value, size_t value_size)
{
	struct header_scan *hs = cls;

	(void)kind;
	(void)key_size;
	if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0) {
		if (hs->ncl++ > 0 && (value_size != hs->cl_len ||
		    memcmp(value, hs->cl, value_size) != 0))
			hs->cl_conflict = 1;
		hs->cl = value;
		hs->cl_len = value_size;
	} else if (strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0)
		hs->te = 1;
	return MHD_YES;
}

static size_t
body_budget(const struct http *h)
{
	return h->max_body * 4 > BODY_BUDGET_MIN ? h->max_body * 4 :
	    BODY_BUDGET_MIN;
}

/*
 * The first call for a request: its head is complete.  Refuse what is
 * ambiguous (request smuggling), too large, or not authorized, before a
 * byte of the body is read.  MHD_YES to go on with st set.
 */
static enum MHD_Result
request_head(struct http *h, struct MHD_Connection *conn, const char *url,
    const char *method, struct req_state **stp, int *answered)
{
	struct conn_track *t = track_of(conn);
	struct header_scan hs;
	struct req_state *st;
	struct http_req req;
	struct http_resp rs;
	int64_t n = 0;

	*answered = 1;
	if (t != NULL) {
		t->head_done = 1;
		t->deadline = now_mono_ms() + BODY_DEADLINE_MS;
	}
	st = xcalloc(1, sizeof(*st));
	buf_init(&st->body, h->max_body);
	*stp = st;
	memset(&hs, 0, sizeof(hs));
	MHD_get_connection_values_n(conn, MHD_HEADER_KIND, scan_header, &hs);
	if (hs.cl_conflict || (hs.ncl > 0 && hs.te)) {
		st->too_big = 1;	/* nothing of a body is read */
		return error_response(conn, h, MHD_HTTP_BAD_REQUEST,
		    "bad_request", hs.te ? "Content-Length and "
		    "Transfer-Encoding together" : "conflicting "
		    "Content-Length headers");
	}
	if ((t != NULL && t->bad_url) || url[0] == '\0') {
		st->too_big = 1;
		return error_response(conn, h, MHD_HTTP_BAD_REQUEST,
		    "bad_request", "the URL holds a NUL byte");
	}
	/* refuse an announced oversized body before reading it */
	if (hs.cl != NULL) {
		char v[32];

		str_copy(v, hs.cl, hs.cl_len + 1 < sizeof(v) ? hs.cl_len + 1 :
		    sizeof(v));
		if (parse_i64(v, 0, INT64_MAX, &n) != OD_OK ||
		    (uint64_t)n > h->max_body) {
			st->too_big = 1;
			return too_large(conn, h);
		}
	}
	if (n == 0 && !hs.te) {
		*answered = 0;		/* no body: the handler runs at once */
		return MHD_YES;
	}
	/* a body follows: may this request send it at all? */
	memset(&req, 0, sizeof(req));
	memset(&rs, 0, sizeof(rs));
	req.method = method;
	req.path = url;
	req.conn = conn;
	req.head = 1;
	h->handler(h->arg, &req, &rs);
	if (rs.status != 0) {
		st->too_big = 1;	/* nothing of it is read */
		return queue(conn, h, &rs);
	}
	free(rs.body);
	/* the bodies buffered at once share a budget */
	st->reserved = hs.te ? h->max_body : (size_t)n;
	if (h->buffered + st->reserved > body_budget(h)) {
		st->reserved = 0;
		st->too_big = 1;
		memset(&rs, 0, sizeof(rs));
		rs.status = MHD_HTTP_SERVICE_UNAVAILABLE;
		rs.body = xstrdup("{\"error\":\"busy\",\"detail\":\"too many "
		    "request bodies at once; try again\"}");
		rs.bodylen = strlen(rs.body);
		rs.retry_after = "1";
		return queue(conn, h, &rs);
	}
	h->buffered += st->reserved;
	*answered = 0;
	return MHD_YES;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct http *h = cls;
	struct req_state *st = *con_cls;
	struct conn_track *t;
	struct http_req req;
	struct http_resp rs;

	(void)version;
	if (st == NULL) {
		int answered;
		enum MHD_Result ret = request_head(h, conn, url, method, &st,
		    &answered);

		*con_cls = st;
		if (answered)
			return ret;
		if (st->reserved != 0)
			return MHD_YES;		/* the body comes next */
		/* no body: answer now */
	} else if (*upload_size > 0) {
		if (!st->too_big && buf_add(&st->body, upload,
		    *upload_size) < 0)
			st->too_big = 1;
		*upload_size = 0;
		return MHD_YES;
	} else if (st->too_big)
		return too_large(conn, h);
	if ((t = track_of(conn)) != NULL)
		t->deadline = 0;	/* answering: MHD's idle timeout now */
	memset(&req, 0, sizeof(req));
	memset(&rs, 0, sizeof(rs));
	req.method = method;
	req.path = url;
	req.body = st->body.data;
	req.bodylen = st->body.len;
	req.conn = conn;
	rs.status = MHD_HTTP_OK;
	h->handler(h->arg, &req, &rs);
	return queue(conn, h, &rs);
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct http *h = cls;
	struct req_state *st = *con_cls;
	struct conn_track *t = track_of(conn);

	(void)toe;
	if (t != NULL) {	/* kept alive: the next request's head */
		t->head_done = 0;
		t->since = now_mono_ms();
		t->deadline = t->since + HEAD_DEADLINE_MS;
	}
	if (st != NULL) {
		h->buffered -= st->reserved;
		buf_free(&st->body);
		free(st);
		*con_cls = NULL;
	}
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512], esc[600];

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	log_debug("http: %s", log_escape(esc, sizeof(esc), msg, strcspn(msg,
	    "\n")));
}

static enum od_err
parse_listen(const char *listen, struct sockaddr_storage *ss, int *v6,
    uint16_t *port)
{
	char *host;
	int64_t p;
	int ok4, ok6;

	memset(ss, 0, sizeof(*ss));
	if (split_hostport(listen, 0, &host, &p) != OD_OK)
		return OD_EINVAL;
	*port = (uint16_t)p;
	ok4 = inet_pton(AF_INET, host,
	    &((struct sockaddr_in *)ss)->sin_addr) == 1;
	ok6 = !ok4 && inet_pton(AF_INET6, host,
	    &((struct sockaddr_in6 *)ss)->sin6_addr) == 1;
	free(host);
	if (ok4) {
		((struct sockaddr_in *)ss)->sin_family = AF_INET;
		((struct sockaddr_in *)ss)->sin_port = htons(*port);
		*v6 = 0;
		return OD_OK;
	}
	if (ok6) {
		((struct sockaddr_in6 *)ss)->sin6_family = AF_INET6;
		((struct sockaddr_in6 *)ss)->sin6_port = htons(*port);
		*v6 = 1;
		return OD_OK;
	}
	return OD_EINVAL;	/* a numeric address: no DNS on the loop */
}

enum od_err
http_start(struct http **out, const char *listen,
    const struct http_limits *lim, http_handler_fn *fn, void *arg,
    char *err, size_t errlen)
{
	struct http *h;
	struct sockaddr_storage ss;
	const union MHD_DaemonInfo *info;
	unsigned flags = MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
	    MHD_ALLOW_SUSPEND_RESUME;
	int v6 = 0;

	*out = NULL;
	h = xcalloc(1, sizeof(*h));
	h->epfd = -1;
	if (parse_listen(listen, &ss, &v6, &h->port) != OD_OK) {
		snprintf(err, errlen, "http.listen \"%s\": expected a numeric "
		    "ADDR:PORT such as 127.0.0.1:8080 or [::1]:8080", listen);
		free(h);
		return OD_EINVAL;
	}
	if (v6)
		flags |= MHD_USE_IPv6;
	h->handler = fn;
	h->arg = arg;
	h->max_body = lim->max_body;
	/* room kept for clients that send their request at once */
	h->shed_at = lim->max_conns - lim->max_conns / 8;
	h->mhd = MHD_start_daemon(flags, h->port, NULL, NULL, on_request, h,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_CONNECTION_TIMEOUT, lim->timeout_s,
	    MHD_OPTION_CONNECTION_LIMIT, lim->max_conns,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, lim->max_conns_per_ip,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, h,
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, h,
	    MHD_OPTION_UNESCAPE_CALLBACK, unescape, h,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, h,
	    MHD_OPTION_END);
	if (h->mhd == NULL) {
		snprintf(err, errlen, "http: cannot listen on %s: %s", listen,
		    strerror(errno));
		free(h);
		return OD_ENET;
	}
	info = MHD_get_daemon_info(h->mhd, MHD_DAEMON_INFO_BIND_PORT);
	if (info != NULL)
		h->port = info->port;
	info = MHD_get_daemon_info(h->mhd, MHD_DAEMON_INFO_EPOLL_FD);
	if (info == NULL || (h->epfd = epoll_create1(EPOLL_CLOEXEC)) < 0 ||
	    epoll_ctl(h->epfd, EPOLL_CTL_ADD, info->epoll_fd,
	    &(struct epoll_event){ .events = EPOLLIN }) != 0) {
		snprintf(err, errlen, "http: epoll: %s", strerror(errno));
		if (h->epfd >= 0)
			close(h->epfd);
		MHD_stop_daemon(h->mhd);
		free(h);
		return OD_ENET;
	}
	h->next_ping = now_mono_ms() + SSE_PING_MS;
	*out = h;
	return OD_OK;
}

void
http_stop(struct http *h)
{
	if (h == NULL)
		return;
	/* MHD must not stop with suspended connections: end the streams */
	for (struct sse_client *c = h->clients; c; c = c->next) {
		c->dead = 1;
		sse_wake(c);
	}
	MHD_stop_daemon(h->mhd);	/* frees the SSE clients via sse_free */
	close(h->epfd);
	free(h);
}

int
http_fd(struct http *h)
{
	return h->epfd;
}

int64_t
http_timeout(struct http *h)
{
	MHD_UNSIGNED_LONG_LONG t;
	int64_t now = now_mono_ms(), ping = h->next_ping - now;

	if (h->nconns && h->next_sweep - now < ping)
		ping = h->next_sweep - now;	/* the deadlines' sweep */
	if (ping < 0)
		ping = 0;
	if (MHD_get_timeout(h->mhd, &t) == MHD_YES)
		return (int64_t)t < ping ? (int64_t)t : ping;
	return h->nclients || h->nconns ? ping : -1;
}

void
http_run(struct http *h)
{
	struct epoll_event ev[32];
	int n;

	if (h == NULL)
		return;
	/* streams whose readers hung up: let MHD close them now */
	while ((n = epoll_wait(h->epfd, ev, NELEM(ev), 0)) > 0) {
		int woke = 0;

		for (int i = 0; i < n; i++) {
			struct sse_client *c = ev[i].data.ptr;

			if (c == NULL)
				continue;	/* MHD's own fd */
			c->dead = 1;
			sse_wake(c);
			woke = 1;
		}
		if (!woke)
			break;
	}
	if (h->nclients && now_mono_ms() >= h->next_ping) {
		for (struct sse_client *c = h->clients; c; c = c->next) {
			sse_append(c, ": ping\n\n", 8);
			sse_wake(c);
		}
		h->next_ping = now_mono_ms() + SSE_PING_MS;
	}
	if (h->nconns && now_mono_ms() >= h->next_sweep)
		sweep(h, now_mono_ms());
	MHD_run(h->mhd);
}

void
http_set_max_body(struct http *h, size_t n)
{
	h->max_body = n;
}

uint16_t
http_port(struct http *h)
{
	return h->port;
}

/* A value of a request made without a connection (see http.h). */
static const char *
pair_value(const char *const *pairs, const char *name, int nocase)
{
	for (size_t i = 0; pairs != NULL && pairs[i] != NULL &&
	    pairs[i + 1] != NULL; i += 2)
		if ((nocase ? strcasecmp(pairs[i], name) :
		    strcmp(pairs[i], name)) == 0)
			return pairs[i + 1];
	return NULL;
}

const char *
http_query(const struct http_req *req, const char *key)
{
	if (req->conn == NULL)
		return pair_value(req->query, key, 0);
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND,
	    key);
}

const char *
http_header(const struct http_req *req, const char *name)
{
	if (req->conn == NULL)
		return pair_value(req->headers, name, 1);
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

void
http_client_addr(const struct http_req *req, char *buf, size_t buflen)
{
	const union MHD_ConnectionInfo *ci;
	const struct sockaddr *sa;

	str_copy(buf, req->conn == NULL && req->client != NULL ? req->client :
	    "?", buflen);
	if (req->conn == NULL)
		return;
	ci = MHD_get_connection_info(req->conn,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || (sa = ci->client_addr) == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)
		    (const void *)sa)->sin_addr, buf, (socklen_t)buflen);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
		    (const void *)sa)->sin6_addr, buf, (socklen_t)buflen);
}
