/* SPDX-License-Identifier: MIT */
/*
 * http.c - the HTTP/1.1 listener on our poll loop: sockets, connections,
 * their deadlines and limits, responses and server-sent event streams.
 * What bytes mean is http_parse.c's (strict, fuzzed); what a request means
 * is the handler's (api.c).  Handlers run on the main thread and read the
 * live state without locks.
 *
 * Why not libmicrohttpd, which this file wrapped until issue 12: it loads
 * GnuTLS and its chain (2.3 of outaged's 10.6 MiB; TLS belongs to the
 * reverse proxy in front of us, docs/operations.md), and its hooks were
 * the harder half of this file: the hardening below had to be bolted on
 * from outside (shut sockets, suspended streams watched on a second fd).
 *
 * Hardened as a public listener (RELIABILITY.md 3.2, issue 13):
 *   - a cap on connections in total and per IP, past which a new one is
 *     closed at once; near the total, the oldest connection still sending
 *     its head is shed for each new one, so that a client that sends its
 *     request at once (a health probe) always finds room;
 *   - a request head must be complete within HEAD_DEADLINE_MS of the
 *     connection (or of the previous answer) and its body within
 *     BODY_DEADLINE_MS: a client that trickles a header line now and then
 *     is never idle, so an idle timeout alone does not stop slowloris;
 *   - an idle timeout for everything else (keep-alive, a reader that
 *     stops reading its answer);
 *   - a head of at most HEAD_MAX bytes, bodies capped before they are
 *     buffered, a body read only once its head is authorized (the handler
 *     is asked first, req->head), and the bodies buffered at once share a
 *     budget (BODY_BUDGET_MIN or 4 bodies);
 *   - an event stream whose reader falls SSE_BUFFER_MAX behind is dropped.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "buf.h"
#include "http.h"
#include "http_parse.h"
#include "log.h"
#include "util.h"

#include "http_int.h"

static void	 conn_close(struct http_conn *);
static void	 conn_input(struct http_conn *);

/* ---- connections ------------------------------------------------------ */

/* Watch what the state needs: input while a request arrives, output owed. */
static void
conn_watch(struct http_conn *c)
{
	uint32_t ev = 0;

	if (c->fd < 0)
		return;
	if (!c->eof && c->state != C_ANSWER)
		ev |= EPOLLIN;
	if (c->out.len > c->out_off || c->body_off < c->body_len ||
	    c->file_off < c->file_len)
		ev |= EPOLLOUT;
	if (ev == c->events)
		return;
	if (epoll_ctl(c->h->epfd, EPOLL_CTL_MOD, c->fd,
	    &(struct epoll_event){ .events = ev, .data.ptr = c }) == 0)
		c->events = ev;
	else
		log_debug("http: epoll_ctl: %s", strerror(errno));
}

/* The request is over: its body and budget go. */
static void
request_release(struct http_conn *c)
{
	c->h->buffered -= c->reserved;
	c->reserved = 0;
	buf_free(&c->body);
	memset(&c->chunked, 0, sizeof(c->chunked));
	c->body_left = 0;
	c->nquery = 0;
	c->path = NULL;
	free(c->head_buf);
	c->head_buf = NULL;
}

static void
conn_close(struct http_conn *c)
{
	struct http *h = c->h;

	if (c->fd < 0)
		return;
	(void)epoll_ctl(h->epfd, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	c->fd = -1;
	answer_release(c);
	request_release(c);
	if (c->state == C_STREAM)
		h->nclients--;
	if (c->prev)
		c->prev->next = c->next;
	else
		h->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	else
		h->conns_tail = c->prev;
	h->nconns--;
	/* events of this run may still name it: freed at the run's end */
	c->free_next = h->closed;
	h->closed = c;
}

static void
conn_free(struct http_conn *c)
{
	free(c->in);
	buf_free(&c->out);
	free(c->filter);
	free(c);
}

/* Shed the oldest connection still sending its head (or idle). */
static void
shed_one(struct http *h)
{
	for (struct http_conn *o = h->conns; o; o = o->next) {
		if (o->state == C_HEAD || o->state == C_LINGER) {
			log_debug("http: %zu connections: shedding the oldest "
			    "one still sending its head", h->nconns);
			h->stats.shed++;
			conn_close(o);
			return;
		}
	}
}

static size_t
conns_from(const struct http *h, const char *ip)
{
	size_t n = 0;

	for (const struct http_conn *c = h->conns; c; c = c->next)
		n += strcmp(c->ip, ip) == 0;
	return n;
}

static void
accept_all(struct http *h)
{
	for (int i = 0; i < EVENTS_MAX; i++) {
		struct sockaddr_storage ss;
		socklen_t sl = sizeof(ss);
		struct http_conn *c;
		char ip[INET6_ADDRSTRLEN] = "?";
		int fd, one = 1;

		fd = accept4(h->lfd, (struct sockaddr *)&ss, &sl,
		    SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EMFILE || errno == ENFILE ||
			    errno == ENOBUFS || errno == ENOMEM) {
				/* level-triggered: pause, or spin on it */
				log_warnx("http: accept: %s; pausing %d ms",
				    strerror(errno), ACCEPT_PAUSE_MS);
				(void)epoll_ctl(h->epfd, EPOLL_CTL_DEL, h->lfd,
				    NULL);
				h->accept_paused = now_mono_ms() +
				    ACCEPT_PAUSE_MS;
			}
			return;		/* EAGAIN: all taken */
		}
		if (ss.ss_family == AF_INET)
			inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->
			    sin_addr, ip, sizeof(ip));
		else if (ss.ss_family == AF_INET6)
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->
			    sin6_addr, ip, sizeof(ip));
		if (h->nconns >= h->lim.max_conns ||
		    conns_from(h, ip) >= h->lim.max_conns_per_ip) {
			log_debug("http: refusing a connection from %s: %zu "
			    "open", ip, h->nconns);
			h->stats.refused++;
			close(fd);
			continue;
		}
		if (h->nconns + 1 >= h->shed_at)
			shed_one(h);
		/* answers go out whole in one write; events must not wait */
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
		    sizeof(one));
		c = xcalloc(1, sizeof(*c));
		c->h = h;
		c->fd = fd;
		c->file_fd = -1;
		str_copy(c->ip, ip, sizeof(c->ip));
		c->since = c->active = now_mono_ms();
		c->deadline = c->since + HEAD_DEADLINE_MS;
		c->events = EPOLLIN;
		buf_init(&c->out, SSE_BUFFER_MAX);
		if (epoll_ctl(h->epfd, EPOLL_CTL_ADD, fd,
		    &(struct epoll_event){ .events = EPOLLIN,
		    .data.ptr = c }) != 0) {
			log_warnx("http: epoll_ctl: %s", strerror(errno));
			close(fd);
			free(c);
			continue;
		}
		c->prev = h->conns_tail;
		if (h->conns_tail)
			h->conns_tail->next = c;
		else
			h->conns = c;
		h->conns_tail = c;
		h->nconns++;
	}
}

/* The answer is out: the next request, or the end. */
static void
answer_done(struct http_conn *c)
{
	answer_release(c);
	request_release(c);
	buf_reset(&c->out);
	c->out_off = 0;
	if (!c->keep_alive) {
		/*
		 * No more.  Closing with unread bytes would send a reset that
		 * can destroy the answer before the client reads it (a body
		 * refused unread): half-close, and read what is left for a
		 * while first (a lingering close).
		 */
		(void)shutdown(c->fd, SHUT_WR);
		if (c->eof) {
			conn_close(c);
			return;
		}
		c->state = C_LINGER;
		c->in_len = 0;
		c->deadline = now_mono_ms() + LINGER_MS;
		conn_watch(c);
		return;
	}
	/* kept alive: what came after this request is the next one */
	memset(&c->head, 0, sizeof(c->head));
	c->state = C_HEAD;
	c->since = now_mono_ms();
	c->deadline = c->since + HEAD_DEADLINE_MS;
	conn_watch(c);
}

/*
 * Write what is owed, as far as the socket takes it.  0, or -1 when the
 * connection is gone (closed here).
 */
static int
conn_flush(struct http_conn *c)
{
	struct http *h = c->h;

	while (c->fd >= 0) {
		/* answers share the pass's budget; streams' events do not */
		size_t room = c->state == C_ANSWER ? h->budget : SIZE_MAX;
		struct iovec iov[2];
		int n = 0;
		ssize_t w;

		if (room == 0)
			break;		/* the next pass goes on */
		if (c->out.len > c->out_off) {
			iov[n].iov_base = c->out.data + c->out_off;
			iov[n].iov_len = c->out.len - c->out_off;
			if (iov[n].iov_len > room)
				iov[n].iov_len = room;
			room -= iov[n++].iov_len;
		}
		if (c->body_off < c->body_len && room > 0) {
			iov[n].iov_base = (void *)(uintptr_t)(c->body_ptr +
			    c->body_off);
			iov[n].iov_len = c->body_len - c->body_off;
			if (iov[n].iov_len > room)
				iov[n].iov_len = room;
			room -= iov[n++].iov_len;
		}
		if (n > 0) {
			w = sendmsg(c->fd, &(struct msghdr){ .msg_iov = iov,
			    .msg_iovlen = (size_t)n }, MSG_NOSIGNAL);
		} else if (c->file_off < c->file_len) {
			size_t len = (size_t)(c->file_len - c->file_off);

			/* no MSG_NOSIGNAL here: outaged ignores SIGPIPE */
			w = sendfile(c->fd, c->file_fd, &c->file_off,
			    len < room ? len : room);
			if (w == 0)	/* the file shrank under us */
				w = -1, errno = EIO;
		} else
			break;		/* all of it is out */
		if (w > 0 && c->state == C_ANSWER)
			h->budget -= (size_t)w < h->budget ? (size_t)w :
			    h->budget;
		if (w > 0 && n == 0) {
			c->active = now_mono_ms();
			continue;	/* sendfile moved file_off */
		}
		if (w < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK ||
			    errno == EINTR)
				break;
			log_debug("http: writing to %s: %s", c->ip,
			    strerror(errno));
			conn_close(c);
			return -1;
		}
		if (n > 0) {
			size_t left = (size_t)w, o = c->out.len - c->out_off;

			c->active = now_mono_ms();
			if (o > left)
				o = left;
			c->out_off += o;
			left -= o;
			c->body_off += left;
		}
	}
	if (c->out_off == c->out.len && c->out_off > 0) {
		buf_reset(&c->out);
		c->out_off = 0;
	}
	if (c->state == C_ANSWER && c->out.len == 0 &&
	    c->body_off >= c->body_len && c->file_off >= c->file_len) {
		answer_done(c);
		return c->fd >= 0 ? 0 : -1;
	}
	if (c->state == C_STREAM && c->dead) {
		h->stats.stream_dropped++;
		log_debug("http: dropping the event stream of %s: over %d KiB "
		    "behind", c->ip, SSE_BUFFER_MAX / 1024);
		conn_close(c);
		return -1;
	}
	conn_watch(c);
	return 0;
}

/* ---- requests --------------------------------------------------------- */

static size_t
body_budget(const struct http *h)
{
	return h->lim.max_body * 4 > BODY_BUDGET_MIN ? h->lim.max_body * 4 :
	    BODY_BUDGET_MIN;
}

static void
req_of(struct http_conn *c, struct http_req *req)
{
	memset(req, 0, sizeof(*req));
	req->method = c->head.method;
	req->path = c->path;
	req->conn = c;
}

/*
 * A request the parser refuses: answered with its status, counted for
 * /metrics, and the connection ends after it (where the next request
 * would start is not to be trusted).
 */
static void
refuse(struct http_conn *c, int status, const char *error, const char *why)
{
	c->keep_alive = 0;
	c->h->stats.bad_request++;
	answer_error(c, status, error, why);
}

/* The whole request is here: the handler answers it. */
static void
dispatch(struct http_conn *c)
{
	struct http_req req;
	struct http_resp rs;

	req_of(c, &req);
	req.body = c->body.data;
	req.bodylen = c->body.len;
	memset(&rs, 0, sizeof(rs));
	rs.status = 200;
	c->h->handler(c->h->arg, &req, &rs);
	answer(c, &rs);
}

/*
 * The head is complete: refuse what is malformed, ambiguous (request
 * smuggling), too large or not authorized, before a byte of the body is
 * read.  Then read the body, or answer at once.
 */
static void
head_arrived(struct http_conn *c, size_t end)
{
	struct http *h = c->h;
	const char *why = "malformed request";
	char *query = NULL;
	struct http_req req;
	struct http_resp rs;
	int status;

	/* the head leaves in: what follows it is at in[0] from now on */
	c->head_buf = xmalloc(end);
	memcpy(c->head_buf, c->in, end);
	memmove(c->in, c->in + end, c->in_len - end);
	c->in_len -= end;
	c->scanned = 0;
	c->deadline = now_mono_ms() + BODY_DEADLINE_MS;
	buf_init(&c->body, h->lim.max_body);
	status = http_head_parse(c->head_buf, end, &c->head, &why);
	if (status != 0) {
		refuse(c, status, status == 431 ? "headers_too_large" :
		    status == 501 ? "not_implemented" : status == 505 ?
		    "http_version_not_supported" : "bad_request", why);
		return;
	}
	c->keep_alive = c->head.keep_alive && !c->eof;
	if (http_target_split(c->head.target, &c->path, &query) != 0) {
		refuse(c, 400, "bad_request", c->head.target[0] == '/' ?
		    "the URL holds a NUL byte or a bad escape" :
		    "the request target must be a path");
		return;
	}
	if (query != NULL)
		c->nquery = http_query_parse(query, c->qnames, c->qvalues,
		    HTTP_QUERY_MAX);
	/* refuse an announced oversized body before reading it */
	if (c->head.has_length && c->head.length > h->lim.max_body) {
		answer_too_large(c);
		return;
	}
	if (!c->head.chunked && (!c->head.has_length || c->head.length == 0)) {
		dispatch(c);		/* no body: the handler runs at once */
		return;
	}
	/* a body follows: may this request send it at all? */
	req_of(c, &req);
	req.head = 1;
	memset(&rs, 0, sizeof(rs));
	h->handler(h->arg, &req, &rs);
	if (rs.status != 0) {
		c->keep_alive = 0;	/* nothing of it is read */
		answer(c, &rs);
		return;
	}
	free(rs.body);
	/* the bodies buffered at once share a budget */
	c->reserved = c->head.chunked ? h->lim.max_body :
	    (size_t)c->head.length;
	if (h->buffered + c->reserved > body_budget(h)) {
		c->reserved = 0;
		c->keep_alive = 0;
		memset(&rs, 0, sizeof(rs));
		rs.status = 503;
		rs.body = xstrdup("{\"error\":\"busy\",\"detail\":\"too many "
		    "request bodies at once; try again\"}");
		rs.bodylen = strlen(rs.body);
		rs.retry_after = "1";
		answer(c, &rs);
		return;
	}
	h->buffered += c->reserved;
	c->body_left = c->head.length;
	c->state = C_BODY;
	if (c->head.expect_continue && c->head.minor == 1)
		(void)buf_adds(&c->out, "HTTP/1.1 100 Continue\r\n\r\n");
}

/*
 * Take the body's bytes that have arrived, in[0..in_len), out of
 * the input (what follows the body stays: a pipelined request).
 */
static void
body_arrived(struct http_conn *c)
{
	size_t avail = c->in_len, used;
	char *p = c->in;

	if (c->head.chunked) {
		switch (http_chunked_decode(&c->chunked, p, avail, &c->body,
		    &used)) {
		case HTTP_CHUNKED_MORE:
			break;
		case HTTP_CHUNKED_DONE:
			c->body_left = 0;
			c->head.chunked = 0;	/* to say it is complete */
			break;
		case HTTP_CHUNKED_BAD:
			refuse(c, 400, "bad_request", "malformed chunked body");
			return;
		case HTTP_CHUNKED_TOO_LARGE:
			answer_too_large(c);
			return;
		}
	} else {
		used = avail < c->body_left ? avail : (size_t)c->body_left;
		if (buf_add(&c->body, p, used) < 0) {
			answer_too_large(c);
			return;
		}
		c->body_left -= used;
	}
	memmove(p, p + used, avail - used);
	c->in_len -= used;
	if (!c->head.chunked && c->body_left == 0)
		dispatch(c);
}

/*
 * Act on what has arrived, as far as it goes: requests sent one after
 * another without waiting (pipelined) are answered in turn, in a loop
 * rather than by recursion.
 */
static void
conn_input(struct http_conn *c)
{
	for (;;) {
		enum conn_state was = c->state;
		size_t had = c->in_len;

		if (c->state == C_HEAD && c->in_len > 0) {
			size_t end = http_head_end_from(c->in, c->in_len,
			    &c->scanned);

			if (end == 0 && c->in_len >= HEAD_MAX)
				refuse(c, 431, "headers_too_large",
				    "the request head is over 64 KiB");
			else if (end > 0)
				head_arrived(c, end);
		}
		if (c->state == C_BODY)
			body_arrived(c);
		if ((c->state == C_HEAD || c->state == C_BODY) && c->eof) {
			conn_close(c);	/* it ended before its request did */
			return;
		}
		if (conn_flush(c) < 0)	/* writes what is owed; watches */
			return;
		if (c->state != C_HEAD || c->in_len == 0 ||
		    (was == C_HEAD && c->in_len == had))
			return;		/* waiting: for bytes, or the socket */
	}
}

/* Read what the socket holds, up to what the state may buffer. */
static void
conn_read(struct http_conn *c)
{
	char sink[4096];
	size_t room, want;
	ssize_t r;

	if (c->state == C_STREAM || c->state == C_LINGER) {
		/*
		 * A stream's reader sends nothing, and what follows an
		 * answer that ends the connection is not read: EOF is the
		 * hang-up that lets it go.
		 */
		r = recv(c->fd, sink, sizeof(sink), 0);
		if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR))
			conn_close(c);
		return;
	}
	if (c->state != C_HEAD && c->state != C_BODY)
		return;		/* the next request waits in the socket */
	/* a head grows the buffer as it needs; a body reads READ_ROOM at once */
	want = c->state == C_BODY ? READ_ROOM : c->in_len + 1024;
	if (want > HEAD_MAX + READ_ROOM)
		want = HEAD_MAX + READ_ROOM;
	if (c->in_cap < want) {
		size_t cap = c->in_cap ? c->in_cap : 4096;

		while (cap < want)
			cap *= 2;
		if (cap > HEAD_MAX + READ_ROOM)
			cap = HEAD_MAX + READ_ROOM;
		c->in = xreallocarray(c->in, cap, 1);
		c->in_cap = cap;
	}
	room = c->in_cap - c->in_len;
	if (c->state == C_HEAD && c->in_len + room > HEAD_MAX)
		room = HEAD_MAX > c->in_len ? HEAD_MAX - c->in_len : 0;
	if (room > 0) {		/* else full: conn_input decides */
		/* one read a pass: level-triggered, the rest comes next */
		r = recv(c->fd, c->in + c->in_len, room, 0);
		if (r > 0) {
			c->in_len += (size_t)r;
			c->active = now_mono_ms();
		} else if (r == 0)
			c->eof = 1;
		else if (errno != EAGAIN && errno != EWOULDBLOCK &&
		    errno != EINTR) {
			log_debug("http: reading from %s: %s", c->ip,
			    strerror(errno));
			conn_close(c);
			return;
		}
	}
	conn_input(c);
}

/* ---- deadlines -------------------------------------------------------- */

static void
sweep(struct http *h, int64_t now)
{
	int64_t idle = (int64_t)h->lim.timeout_s * 1000;

	for (struct http_conn *c = h->conns, *next; c; c = next) {
		next = c->next;
		if (c->deadline != 0 && now >= c->deadline) {
			if (c->state != C_LINGER) {
				log_debug("http: closing a connection from %s "
				    "whose request took over %d s", c->ip,
				    (int)((now - c->since) / 1000));
				h->stats.deadline++;
			}
			conn_close(c);
		} else if (c->state != C_STREAM && idle > 0 &&
		    now - c->active >= idle) {
			log_debug("http: closing a connection from %s idle "
			    "for %u s", c->ip, h->lim.timeout_s);
			h->stats.idle++;
			conn_close(c);
		}
	}
	h->next_sweep = now + 1000;
}

/* ---- event streams ---------------------------------------------------- */

static void
stream_append(struct http_conn *c, const char *s, size_t n)
{
	if (c->dead)
		return;
	/* never block the loop for one slow reader: past the ceiling, drop it */
	if (buf_add(&c->out, s, n) < 0)
		c->dead = 1;
	c->h->pending = 1;
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
	for (struct http_conn *c = h->conns; c; c = c->next) {
		if (c->state != C_STREAM ||
		    (c->match != NULL && !c->match(c->filter, subject)))
			continue;
		stream_append(c, head, (size_t)n);
		/* data is compact JSON: one line, no newline to split */
		stream_append(c, data, strlen(data));
		stream_append(c, "\n\n", 2);
	}
}

size_t
http_sse_clients(const struct http *h)
{
	return h ? h->nclients : 0;
}

void
http_get_stats(const struct http *h, struct http_stats *st)
{
	memset(st, 0, sizeof(*st));
	if (h == NULL)
		return;
	*st = h->stats;
	st->open = h->nconns;
}

/* ---- the listener ----------------------------------------------------- */

static enum od_err
parse_listen(const char *where, struct sockaddr_storage *ss,
    socklen_t *sl, uint16_t *port)
{
	char *host;
	int64_t p;
	int ok4, ok6;

	memset(ss, 0, sizeof(*ss));
	if (split_hostport(where, 0, &host, &p) != OD_OK)
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
		*sl = sizeof(struct sockaddr_in);
		return OD_OK;
	}
	if (ok6) {
		((struct sockaddr_in6 *)ss)->sin6_family = AF_INET6;
		((struct sockaddr_in6 *)ss)->sin6_port = htons(*port);
		*sl = sizeof(struct sockaddr_in6);
		return OD_OK;
	}
	return OD_EINVAL;	/* a numeric address: no DNS on the loop */
}

enum od_err
http_start(struct http **out, const char *where,
    const struct http_limits *lim, http_handler_fn *fn, void *arg,
    char *err, size_t errlen)
{
	struct http *h;
	struct sockaddr_storage ss;
	socklen_t sl = 0;
	int one = 1;

	*out = NULL;
	h = xcalloc(1, sizeof(*h));
	h->lfd = h->epfd = -1;
	if (parse_listen(where, &ss, &sl, &h->port) != OD_OK) {
		snprintf(err, errlen, "http.listen \"%s\": expected a numeric "
		    "ADDR:PORT such as 127.0.0.1:8080 or [::1]:8080", where);
		free(h);
		return OD_EINVAL;
	}
	h->handler = fn;
	h->arg = arg;
	h->lim = *lim;
	/* room kept for clients that send their request at once */
	h->shed_at = lim->max_conns - lim->max_conns / 8;
	if ((h->lfd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0)) < 0 ||
	    setsockopt(h->lfd, SOL_SOCKET, SO_REUSEADDR, &one,
	    sizeof(one)) != 0 ||
	    (ss.ss_family == AF_INET6 && setsockopt(h->lfd, IPPROTO_IPV6,
	    IPV6_V6ONLY, &one, sizeof(one)) != 0) ||
	    bind(h->lfd, (struct sockaddr *)&ss, sl) != 0 ||
	    listen(h->lfd, SOMAXCONN) != 0) {
		snprintf(err, errlen, "http: cannot listen on %s: %s", where,
		    strerror(errno));
		goto fail;
	}
	sl = sizeof(ss);
	if (getsockname(h->lfd, (struct sockaddr *)&ss, &sl) == 0)
		h->port = ntohs(ss.ss_family == AF_INET ?
		    ((struct sockaddr_in *)&ss)->sin_port :
		    ((struct sockaddr_in6 *)&ss)->sin6_port);
	if ((h->epfd = epoll_create1(EPOLL_CLOEXEC)) < 0 ||
	    epoll_ctl(h->epfd, EPOLL_CTL_ADD, h->lfd,
	    &(struct epoll_event){ .events = EPOLLIN }) != 0) {
		snprintf(err, errlen, "http: epoll: %s", strerror(errno));
		goto fail;
	}
	h->next_ping = now_mono_ms() + SSE_PING_MS;
	*out = h;
	return OD_OK;
fail:
	if (h->lfd >= 0)
		close(h->lfd);
	if (h->epfd >= 0)
		close(h->epfd);
	free(h);
	return OD_ENET;
}

static void
free_closed(struct http *h)
{
	while (h->closed != NULL) {
		struct http_conn *c = h->closed;

		h->closed = c->free_next;
		conn_free(c);
	}
}

void
http_stop(struct http *h)
{
	if (h == NULL)
		return;
	while (h->conns != NULL)
		conn_close(h->conns);
	free_closed(h);
	close(h->lfd);
	close(h->epfd);
	free(h);
}

/* Throttled: reports are arriving and HTTP's turn is not yet due. */
static int
throttled(const struct http *h, int64_t now)
{
	return now < h->busy_until && now < h->next_slot;
}

int
http_fd(struct http *h)
{
	return throttled(h, now_mono_ms()) ? -1 : h->epfd;
}

void
http_yield(struct http *h)
{
	if (h != NULL)
		h->busy_until = now_mono_ms() + BUSY_MS;
}

int64_t
http_timeout(struct http *h)
{
	int64_t now = now_mono_ms(), t = INT64_MAX;

	if (h->pending)
		return 0;
	if (throttled(h, now))
		return h->next_slot - now;
	if (h->nclients)
		t = h->next_ping - now;
	if (h->nconns && h->next_sweep - now < t)
		t = h->next_sweep - now;	/* the deadlines' sweep */
	if (h->accept_paused && h->accept_paused - now < t)
		t = h->accept_paused - now;
	if (t == INT64_MAX)
		return -1;
	return t < 0 ? 0 : t;
}

void
http_run(struct http *h)
{
	struct epoll_event ev[EVENTS_MAX];
	int64_t now;
	int n;

	if (h == NULL)
		return;
	now = now_mono_ms();
	if (h->accept_paused && now >= h->accept_paused) {
		h->accept_paused = 0;
		(void)epoll_ctl(h->epfd, EPOLL_CTL_ADD, h->lfd,
		    &(struct epoll_event){ .events = EPOLLIN });
	}
	if (throttled(h, now))
		n = 0;		/* the streams' events and the sweep only */
	else {
		/*
		 * Not busy, answers go out whole: a budget per pass split
		 * large ones across passes, and 8 readers of /status saw a
		 * p99 of 13-18 ms instead of 3 (bench, 2026-12-05).
		 */
		h->budget = now < h->busy_until ? BUSY_BUDGET : SIZE_MAX;
		h->next_slot = now + 1;
		n = epoll_wait(h->epfd, ev, EVENTS_MAX, 0);
	}
	for (int i = 0; i < n; i++) {
		struct http_conn *c = ev[i].data.ptr;

		if (c == NULL) {
			accept_all(h);
			continue;
		}
		if (c->fd < 0)
			continue;	/* closed earlier in this run */
		if (c->state == C_ANSWER &&
		    (ev[i].events & (EPOLLHUP | EPOLLERR))) {
			conn_close(c);	/* nobody left to answer */
			continue;
		}
		if (ev[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
			conn_read(c);
		if (c->fd >= 0 && (ev[i].events & EPOLLOUT) &&
		    conn_flush(c) == 0 && c->state == C_HEAD && c->in_len > 0)
			conn_input(c);	/* a request sent before the answer */
	}
	now = now_mono_ms();
	if (h->nclients && now >= h->next_ping) {
		for (struct http_conn *c = h->conns; c; c = c->next)
			if (c->state == C_STREAM)
				stream_append(c, ": ping\n\n", 8);
		h->next_ping = now + SSE_PING_MS;
	}
	if (h->pending) {	/* this pass's events, to their streams */
		h->pending = 0;
		for (struct http_conn *c = h->conns, *next; c; c = next) {
			next = c->next;
			if (c->state == C_STREAM)
				(void)conn_flush(c);
		}
	}
	if (h->nconns && now >= h->next_sweep)
		sweep(h, now);
	free_closed(h);
}

void
http_set_max_body(struct http *h, size_t n)
{
	h->lim.max_body = n;
}

uint16_t
http_port(struct http *h)
{
	return h->port;
}

/* ---- what handlers ask of a request ------------------------------------ */

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
	const struct http_conn *c = req->conn;

	if (c == NULL)
		return pair_value(req->query, key, 0);
	for (size_t i = 0; i < c->nquery; i++)
		if (strcmp(c->qnames[i], key) == 0)
			return c->qvalues[i];
	return NULL;
}

const char *
http_header(const struct http_req *req, const char *name)
{
	if (req->conn == NULL)
		return pair_value(req->headers, name, 1);
	return http_head_field(&req->conn->head, name);
}

void
http_client_addr(const struct http_req *req, char *buf, size_t buflen)
{
	str_copy(buf, req->conn != NULL ? req->conn->ip :
	    req->client != NULL ? req->client : "?", buflen);
}
