/* SPDX-License-Identifier: MIT */
/*
 * fetch.c - libcurl multi-socket API driven from our poll loop.
 *
 * libcurl tells us which sockets to watch (CURLMOPT_SOCKETFUNCTION) and
 * when to call back (CURLMOPT_TIMERFUNCTION); we keep both in a small
 * table that the loop polls, and hand events back with
 * curl_multi_socket_action().
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <curl/curl.h>

#include "buf.h"
#include "fetch.h"
#include "log.h"
#include "util.h"

struct watch {
	curl_socket_t	 fd;
	short		 events;
};

struct transfer {
	struct fetcher	*f;
	CURL		*easy;
	struct curl_slist *headers;
	struct buf	 body;		/* ceiling: the request's max_bytes */
	int		 blocked;	/* the address was refused */
	int		 allow_private;
	void		*arg;
	struct transfer	*next;
};

struct fetcher {
	CURLM		*multi;
	fetch_done_fn	*done;
	void		*arg;
	struct watch	 w[FETCH_MAX_FDS];
	size_t		 nw;
	int64_t		 deadline;	/* monotonic ms; -1 none */
	size_t		 active;
	struct transfer	*transfers;	/* running */
};

/* ---- address policy ------------------------------------------------- */

static int
v4_private(uint32_t a)
{
	return (a >> 24) == 0 || (a >> 24) == 10 || (a >> 24) == 127 ||
	    (a >> 22) == (100u << 2 | 1) ||		/* 100.64/10 */
	    (a >> 16) == (169u << 8 | 254) ||		/* 169.254/16 */
	    (a >> 20) == (172u << 4 | 1) ||		/* 172.16/12 */
	    (a >> 8) == (192u << 16 | 0 << 8 | 0) ||	/* 192.0.0/24 */
	    (a >> 8) == (192u << 16 | 0 << 8 | 2) ||	/* 192.0.2/24 */
	    (a >> 16) == (192u << 8 | 168) ||		/* 192.168/16 */
	    (a >> 17) == (198u << 7 | 9) ||		/* 198.18/15 */
	    (a >> 8) == (198u << 16 | 51 << 8 | 100) ||	/* 198.51.100/24 */
	    (a >> 8) == (203u << 16 | 0 << 8 | 113) ||	/* 203.0.113/24 */
	    (a >> 28) >= 14;				/* 224/4, 240/4 */
}

int
fetch_addr_public(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		return !v4_private(ntohl(in->sin_addr.s_addr));
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;
		const uint8_t *b = in6->sin6_addr.s6_addr;
		static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0,
		    0, 0xff, 0xff };

		if (memcmp(b, mapped, 12) == 0)	/* ::ffff:a.b.c.d */
			return !v4_private((uint32_t)b[12] << 24 |
			    (uint32_t)b[13] << 16 | (uint32_t)b[14] << 8 | b[15]);
		if (IN6_IS_ADDR_UNSPECIFIED(&in6->sin6_addr) ||
		    IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr) ||
		    (b[0] & 0xfe) == 0xfc ||		/* fc00::/7 */
		    (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) ||	/* fe80::/10 */
		    b[0] == 0xff ||			/* multicast */
		    (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d &&
		    b[3] == 0xb8) ||			/* 2001:db8::/32 */
		    (b[0] == 0x20 && b[1] == 0x02) ||	/* 6to4 */
		    (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff &&
		    b[3] == 0x9b))			/* 64:ff9b::/96 */
			return 0;
		return 1;
	}
	return 0;
}

/* Checked on the address actually connected to: DNS tricks do not help. */
static curl_socket_t
open_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *addr)
{
	struct transfer *t = clientp;

	(void)purpose;
	if (!t->allow_private && !fetch_addr_public(&addr->addr)) {
		t->blocked = 1;
		return CURL_SOCKET_BAD;
	}
	/* 169.254/16 (cloud metadata) is never a feed */
	if (addr->addr.sa_family == AF_INET &&
	    (ntohl(((struct sockaddr_in *)(void *)&addr->addr)->sin_addr.s_addr)
	    >> 16) == (169u << 8 | 254)) {
		t->blocked = 1;
		return CURL_SOCKET_BAD;
	}
	return socket(addr->family, addr->socktype | SOCK_CLOEXEC,
	    addr->protocol);
}

/* ---- the multi handle's sockets and timer ---------------------------- */

static int
on_socket(CURL *easy, curl_socket_t fd, int what, void *userp, void *sockp)
{
	struct fetcher *f = userp;
	size_t i;

	(void)easy;
	(void)sockp;
	for (i = 0; i < f->nw; i++)
		if (f->w[i].fd == fd)
			break;
	if (what == CURL_POLL_REMOVE) {
		if (i < f->nw)
			f->w[i] = f->w[--f->nw];
		return 0;
	}
	if (i == f->nw) {
		if (f->nw == FETCH_MAX_FDS) {
			log_warnx("fetch: more than %d sockets", FETCH_MAX_FDS);
			return -1;
		}
		f->nw++;
	}
	f->w[i].fd = fd;
	f->w[i].events = (short)(((what & CURL_POLL_IN) ? POLLIN : 0) |
	    ((what & CURL_POLL_OUT) ? POLLOUT : 0));
	return 0;
}

static int
on_timer(CURLM *multi, long timeout_ms, void *userp)
{
	struct fetcher *f = userp;

	(void)multi;
	f->deadline = timeout_ms < 0 ? -1 : now_mono_ms() + timeout_ms;
	return 0;
}

static size_t
on_body(char *data, size_t size, size_t n, void *userp)
{
	struct transfer *t = userp;
	size_t bytes = size * n;

	/* counted after decompression: a gzip bomb stops here */
	if (buf_add(&t->body, data, bytes) < 0)
		return 0;
	return bytes;
}

struct fetcher *
fetcher_new(fetch_done_fn *fn, void *arg)
{
	struct fetcher *f = xcalloc(1, sizeof(*f));

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if ((f->multi = curl_multi_init()) == NULL)
		fatalx("fetch: curl_multi_init failed");
	f->done = fn;
	f->arg = arg;
	f->deadline = -1;
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION, on_timer);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, 8L);
	return f;
}

static void
transfer_free(struct transfer *t)
{
	struct fetcher *f = t->f;

	for (struct transfer **pp = &f->transfers; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			f->active--;
			break;
		}
	}
	curl_multi_remove_handle(f->multi, t->easy);
	curl_easy_cleanup(t->easy);
	curl_slist_free_all(t->headers);
	buf_free(&t->body);
	free(t);
}

void
fetcher_free(struct fetcher *f)
{
	if (f == NULL)
		return;
	while (f->transfers != NULL)
		transfer_free(f->transfers);
	curl_multi_cleanup(f->multi);
	free(f);
	curl_global_cleanup();
}

size_t
fetcher_active(const struct fetcher *f)
{
	return f ? f->active : 0;
}

enum od_err
fetcher_get(struct fetcher *f, const struct fetch_req *req)
{
	struct transfer *t = xcalloc(1, sizeof(*t));
	char hdr[512];
	CURL *e;

	if ((e = curl_easy_init()) == NULL) {
		free(t);
		return OD_ENOMEM;
	}
	t->f = f;
	t->easy = e;
	buf_init(&t->body, req->max_bytes);
	t->allow_private = req->allow_private;
	t->arg = req->arg;
	curl_easy_setopt(e, CURLOPT_URL, req->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, 3L);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT,
	    req->timeout < 10 ? req->timeout : 10L);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, req->timeout);
	/* a 1-byte-per-second trickle is a failure, not a slow success */
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1024L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, 15L);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)req->max_bytes);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_PROXY, "");	/* no environment proxy */
	curl_easy_setopt(e, CURLOPT_USERAGENT, "outaged/" OUTAGED_VERSION);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, t);
	if (req->etag != NULL) {
		snprintf(hdr, sizeof(hdr), "If-None-Match: %s", req->etag);
		t->headers = curl_slist_append(t->headers, hdr);
	}
	if (req->last_modified != NULL) {
		snprintf(hdr, sizeof(hdr), "If-Modified-Since: %s",
		    req->last_modified);
		t->headers = curl_slist_append(t->headers, hdr);
	}
	if (t->headers != NULL)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
	t->next = f->transfers;
	f->transfers = t;
	f->active++;
	if (curl_multi_add_handle(f->multi, e) != CURLM_OK) {
		transfer_free(t);
		return OD_ENET;
	}
	return OD_OK;
}

size_t
fetcher_pollfds(struct fetcher *f, struct pollfd *pfd, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; f != NULL && i < f->nw && n < max; i++) {
		pfd[n].fd = f->w[i].fd;
		pfd[n].events = f->w[i].events;
		pfd[n].revents = 0;
		n++;
	}
	return n;
}

int64_t
fetcher_timeout(struct fetcher *f)
{
	int64_t left;

	if (f == NULL || f->deadline < 0)
		return -1;
	left = f->deadline - now_mono_ms();
	return left > 0 ? left : 0;
}

static const char *
header(CURL *e, const char *name)
{
	struct curl_header *h;

	if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return h->value;
}

static void
finish(struct fetcher *f, CURLMsg *msg)
{
	struct transfer *t = NULL;
	struct fetch_res res;
	char *etag = NULL, *lm = NULL;
	const char *v;

	curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
	memset(&res, 0, sizeof(res));
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &res.status);
	if (t->blocked)
		snprintf(res.err, sizeof(res.err), "refused to connect to a "
		    "private or link-local address");
	else if (t->body.overflow)
		snprintf(res.err, sizeof(res.err), "larger than %zu bytes",
		    t->body.max);
	else if (msg->data.result != CURLE_OK)
		snprintf(res.err, sizeof(res.err), "%s",
		    curl_easy_strerror(msg->data.result));
	else {
		res.ok = 1;
		res.body = (char *)(uintptr_t)buf_str(&t->body);
		res.len = t->body.len;
		if ((v = header(t->easy, "ETag")) != NULL)
			res.etag = etag = xstrdup(v);
		if ((v = header(t->easy, "Last-Modified")) != NULL)
			res.last_modified = lm = xstrdup(v);
	}
	f->done(f->arg, t->arg, &res);
	free(etag);
	free(lm);
	transfer_free(t);
}

void
fetcher_run(struct fetcher *f, const struct pollfd *pfd, size_t n)
{
	CURLMsg *msg;
	int running, left;

	if (f == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		int ev = 0;

		if (pfd[i].revents & POLLIN)
			ev |= CURL_CSELECT_IN;
		if (pfd[i].revents & POLLOUT)
			ev |= CURL_CSELECT_OUT;
		if (pfd[i].revents & (POLLERR | POLLHUP))
			ev |= CURL_CSELECT_ERR;
		if (ev != 0)
			curl_multi_socket_action(f->multi, pfd[i].fd, ev,
			    &running);
	}
	if (f->deadline >= 0 && now_mono_ms() >= f->deadline) {
		f->deadline = -1;
		curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0,
		    &running);
	}
	while ((msg = curl_multi_info_read(f->multi, &left)) != NULL)
		if (msg->msg == CURLMSG_DONE)
			finish(f, msg);
}
