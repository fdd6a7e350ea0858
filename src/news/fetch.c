/* SPDX-License-Identifier: MIT */
/*
 * fetch.c - libcurl multi-socket API driven from our poll loop.
 *
 * libcurl tells us which sockets to watch (CURLMOPT_SOCKETFUNCTION) and
 * when to call back (CURLMOPT_TIMERFUNCTION); we keep both in a small
 * table that the loop polls, and hand events back with
 * curl_multi_socket_action().
 *
 * One transfer is an HTTP(S) request (a feed's GET, a webhook's POST) or
 * an SMTP(S) submission (an e-mail).  Every socket any of them opens goes
 * through open_socket(), which applies the address rule (SSRF) to the
 * address actually connected to: DNS answers, redirects and IPv4-in-IPv6
 * spellings do not get around it.  A pooled connection is reused without
 * a new socket, so a transfer allowed to reach private addresses never
 * leaves its connection in the pool (CURLOPT_FORBID_REUSE), and live
 * connections are never shared (no HTTP/2 multiplexing): a transfer only
 * ever rides on a connection that passed its own rule or a stricter one.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
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
	struct curl_slist *rcpt;	/* SMTP recipients */
	char		*up;		/* SMTP: the message, a copy */
	size_t		 up_len;
	size_t		 up_off;
	struct buf	 body;		/* ceiling: the request's max_bytes */
	int		 blocked;	/* an address was refused */
	enum fetch_addr	 blocked_class;
	char		 blocked_addr[INET6_ADDRSTRLEN];
	int		 allow_private;
	int		 smtp;
	char		 errbuf[CURL_ERROR_SIZE];
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
	int		 uniform;	/* every request's allow_private is */
	int		 uniform_allow;	/* this one: connections may be reused */
};

/* ---- address policy ------------------------------------------------- */

static uint32_t
be32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

static enum fetch_addr
stricter(enum fetch_addr a, enum fetch_addr b)
{
	return a > b ? a : b;
}

static enum fetch_addr
v4_class(uint32_t a)
{
	if ((a >> 24) == 0 ||				/* 0/8: "this host" */
	    (a >> 16) == (169u << 8 | 254) ||		/* 169.254/16 */
	    a == (100u << 24 | 100 << 16 | 100 << 8 | 200) || /* Alibaba
							   metadata */
	    (a >> 28) >= 14)				/* 224/4, 240/4,
							   255.255.255.255 */
		return FETCH_ADDR_NEVER;
	if ((a >> 24) == 10 || (a >> 24) == 127 ||
	    (a >> 22) == (100u << 2 | 1) ||		/* 100.64/10 CGNAT */
	    (a >> 20) == (172u << 4 | 1) ||		/* 172.16/12 */
	    (a >> 8) == (192u << 16 | 0 << 8 | 0) ||	/* 192.0.0/24 */
	    (a >> 8) == (192u << 16 | 0 << 8 | 2) ||	/* 192.0.2/24 */
	    (a >> 16) == (192u << 8 | 168) ||		/* 192.168/16 */
	    (a >> 17) == (198u << 7 | 9) ||		/* 198.18/15 */
	    (a >> 8) == (198u << 16 | 51 << 8 | 100) ||	/* 198.51.100/24 */
	    (a >> 8) == (203u << 16 | 0 << 8 | 113))	/* 203.0.113/24 */
		return FETCH_ADDR_PRIVATE;
	return FETCH_ADDR_PUBLIC;
}

static enum fetch_addr
v6_class(const uint8_t *b)
{
	static const uint8_t zero[16];
	static const uint8_t ec2[16] = { 0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0x02, 0x54 };		/* fd00:ec2::254 */

	if (memcmp(b, zero, 16) == 0)			/* :: */
		return FETCH_ADDR_NEVER;
	if (memcmp(b, zero, 15) == 0 && b[15] == 1)	/* ::1 */
		return FETCH_ADDR_PRIVATE;
	/* IPv4 inside: judged as that IPv4 address (::1 and :: above) */
	if (memcmp(b, zero, 10) == 0 && b[10] == 0xff && b[11] == 0xff)
		return v4_class(be32(b + 12));		/* ::ffff:a.b.c.d */
	if (memcmp(b, zero, 12) == 0)
		return v4_class(be32(b + 12));		/* ::a.b.c.d */
	if (memcmp(b, zero, 8) == 0 && b[8] == 0xff && b[9] == 0xff &&
	    b[10] == 0 && b[11] == 0)
		return v4_class(be32(b + 12));		/* ::ffff:0:a.b.c.d */
	if (memcmp(b, ec2, 16) == 0)			/* AWS metadata */
		return FETCH_ADDR_NEVER;
	if (b[0] == 0xff ||				/* multicast */
	    (b[0] == 0xfe && (b[1] & 0xc0) == 0x80))	/* fe80::/10 */
		return FETCH_ADDR_NEVER;
	/* translated or tunnelled IPv4: private, or never like the IPv4 */
	if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b &&
	    memcmp(b + 4, zero, 8) == 0)		/* 64:ff9b::/96 */
		return stricter(FETCH_ADDR_PRIVATE, v4_class(be32(b + 12)));
	if (b[0] == 0x20 && b[1] == 0x02)		/* 2002::/16 6to4 */
		return stricter(FETCH_ADDR_PRIVATE, v4_class(be32(b + 2)));
	if ((b[0] & 0xfe) == 0xfc ||			/* fc00::/7 ULA */
	    (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) ||	/* fec0::/10 */
	    (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d &&
	    b[3] == 0xb8) ||				/* 2001:db8::/32 */
	    (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 &&
	    b[3] == 0) ||				/* 2001::/32 Teredo */
	    (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff &&
	    b[3] == 0x9b) ||				/* 64:ff9b::/32 */
	    (b[0] == 0x01 && b[1] == 0 && memcmp(b + 2, zero, 6) == 0))
							/* 100::/64 discard */
		return FETCH_ADDR_PRIVATE;
	return FETCH_ADDR_PUBLIC;
}

enum fetch_addr
fetch_addr_class(const struct sockaddr *sa)
{
	if (sa == NULL)
		return FETCH_ADDR_NEVER;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		return v4_class(ntohl(in->sin_addr.s_addr));
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		return v6_class(in6->sin6_addr.s6_addr);
	}
	return FETCH_ADDR_NEVER;
}

int
fetch_addr_public(const struct sockaddr *sa)
{
	return fetch_addr_class(sa) == FETCH_ADDR_PUBLIC;
}

int
fetch_addr_allowed(const struct sockaddr *sa, int allow_private)
{
	enum fetch_addr c = fetch_addr_class(sa);

	return c == FETCH_ADDR_PUBLIC ||
	    (c == FETCH_ADDR_PRIVATE && allow_private);
}

/*
 * Every socket of every transfer, after a redirect or for the second
 * address of a name too: the address actually connected to is checked,
 * so DNS tricks do not help.
 */
static curl_socket_t
open_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *addr)
{
	struct transfer *t = clientp;
	const struct sockaddr *sa = &addr->addr;

	(void)purpose;
	if (!fetch_addr_allowed(sa, t->allow_private)) {
		t->blocked = 1;
		t->blocked_class = fetch_addr_class(sa);
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)
			    (const void *)sa)->sin_addr, t->blocked_addr,
			    sizeof(t->blocked_addr));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
			    (const void *)sa)->sin6_addr, t->blocked_addr,
			    sizeof(t->blocked_addr));
		else
			str_copy(t->blocked_addr, "?", sizeof(t->blocked_addr));
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

/* SMTP: the message, handed to libcurl as it asks */
static size_t
on_read(char *dst, size_t size, size_t n, void *userp)
{
	struct transfer *t = userp;
	size_t room = size * n, left = t->up_len - t->up_off;

	if (room > left)
		room = left;
	memcpy(dst, t->up + t->up_off, room);
	t->up_off += room;
	return room;
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
	/* a live connection is one transfer's: see the top of this file */
	curl_multi_setopt(f->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_NOTHING);
	return f;
}

void
fetcher_set_limits(struct fetcher *f, long total, long per_host)
{
	if (total < 1)
		total = 1;
	if (total > FETCH_MAX_FDS)
		total = FETCH_MAX_FDS;
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, total);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    per_host > 0 ? per_host : 0L);
}

void
fetcher_set_uniform(struct fetcher *f, int allow)
{
	f->uniform = 1;
	f->uniform_allow = allow != 0;
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
	curl_slist_free_all(t->rcpt);
	free(t->up);
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

/* ---- starting a request ---------------------------------------------- */

static int
has_crlf(const char *s, size_t n)
{
	return memchr(s, '\r', n) != NULL || memchr(s, '\n', n) != NULL;
}

/* "Name: value", one line: no CR, LF; a name before the colon */
static int
header_ok(const char *h)
{
	const char *colon = strchr(h, ':');

	return colon != NULL && colon != h && !has_crlf(h, strlen(h)) &&
	    strcspn(h, " \t") > (size_t)(colon - h);
}

/*
 * A message whose every CR is followed by LF and every LF preceded by CR:
 * libcurl dot-stuffs only after CRLF, so a bare LF (".\n", "\n.\r\n")
 * would reach the server as the server chooses to read it (SMTP smuggling).
 */
static int
crlf_only(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'))
			return 0;
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			return 0;
	}
	return 1;
}

static int
is_smtp_url(const char *url)
{
	return strncasecmp(url, "smtp://", 7) == 0 ||
	    strncasecmp(url, "smtps://", 8) == 0;
}

static enum od_err
check_req(const struct fetch_req *req, int smtp)
{
	if (req->url == NULL || has_crlf(req->url, strlen(req->url)))
		return OD_EINVAL;
	if (req->body_len > 0 && req->body == NULL)
		return OD_EINVAL;
	if (smtp) {
		if (req->nrcpt == 0 || req->rcpt == NULL ||
		    req->method != NULL || req->nheaders != 0)
			return OD_EINVAL;
		if (req->mail_from != NULL &&
		    has_crlf(req->mail_from, strlen(req->mail_from)))
			return OD_EINVAL;
		for (size_t i = 0; i < req->nrcpt; i++)
			if (req->rcpt[i] == NULL || req->rcpt[i][0] == '\0' ||
			    has_crlf(req->rcpt[i], strlen(req->rcpt[i])))
				return OD_EINVAL;
		if (!crlf_only(req->body, req->body_len))
			return OD_EINVAL;
		return OD_OK;
	}
	if (req->method != NULL && strcmp(req->method, "GET") != 0 &&
	    strcmp(req->method, "POST") != 0 && strcmp(req->method, "PUT") != 0)
		return OD_EINVAL;
	if ((req->method == NULL || strcmp(req->method, "GET") == 0) &&
	    req->body_len > 0)
		return OD_EINVAL;
	if (req->nheaders > 0 && req->headers == NULL)
		return OD_EINVAL;
	for (size_t i = 0; i < req->nheaders; i++)
		if (req->headers[i] == NULL || !header_ok(req->headers[i]))
			return OD_EINVAL;
	if ((req->etag != NULL && has_crlf(req->etag, strlen(req->etag))) ||
	    (req->last_modified != NULL &&
	    has_crlf(req->last_modified, strlen(req->last_modified))))
		return OD_EINVAL;
	return OD_OK;
}

static void
setup_http(struct transfer *t, const struct fetch_req *req)
{
	CURL *e = t->easy;
	char hdr[512];
	int get = req->method == NULL || strcmp(req->method, "GET") == 0;
	long redirs = req->follow_redirects < 0 ? 0 :
	    req->follow_redirects > FETCH_MAX_REDIRECTS ? FETCH_MAX_REDIRECTS :
	    req->follow_redirects;

	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, redirs > 0 ? 1L : 0L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, redirs);
	if (get) {
		/* a 1-byte-per-second trickle is a failure, not a slow
		 * success (a POST waits for its answer: the total timeout) */
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1024L);
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, 15L);
	} else {
		/* the body as-is, copied; no Content-Type unless given
		 * (libcurl's default is application/x-www-form-urlencoded) */
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)req->body_len);
		curl_easy_setopt(e, CURLOPT_COPYPOSTFIELDS,
		    req->body_len > 0 ? req->body : "");
		if (strcmp(req->method, "PUT") == 0)
			curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, "PUT");
		/* no "Expect: 100-continue" round trip */
		t->headers = curl_slist_append(t->headers, "Expect:");
	}
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_USERAGENT, "outaged/" OUTAGED_VERSION);
	if (req->etag != NULL) {
		snprintf(hdr, sizeof(hdr), "If-None-Match: %s", req->etag);
		t->headers = curl_slist_append(t->headers, hdr);
	}
	if (req->last_modified != NULL) {
		snprintf(hdr, sizeof(hdr), "If-Modified-Since: %s",
		    req->last_modified);
		t->headers = curl_slist_append(t->headers, hdr);
	}
	for (size_t i = 0; i < req->nheaders; i++)
		t->headers = curl_slist_append(t->headers, req->headers[i]);
	if (t->headers != NULL)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
}

/*
 * SMTP.  TLS: smtps:// is TLS from the first byte.  smtp:// requires
 * STARTTLS (CURLUSESSL_ALL: a server that does not offer it fails the
 * transfer with CURLE_USE_SSL_FAILED before MAIL FROM or AUTH, so neither
 * the message nor the password is ever sent in clear) unless the request
 * allows plain text; then CURLUSESSL_NONE, not TRY: "plain allowed" is an
 * operator saying this hop is a trusted relay (localhost, a private
 * network), where TRY would only add failures (a relay offering STARTTLS
 * with a self-signed certificate fails verification) and no protection (an
 * attacker on the path strips STARTTLS anyway).  Certificates are
 * verified (libcurl's default).
 *
 * The message: libcurl dot-stuffs it (a "." at the start of a line, i.e.
 * after CRLF, is sent as "..", so "\r\n.\r\n" inside the message does not
 * end it) and ends it with "\r\n.\r\n", or ".\r\n" when the message
 * already ends with CRLF.  It does not touch line ends (CURLOPT_CRLF is
 * off), so the message must be CRLF throughout: check_req() refuses a bare
 * CR or LF, which libcurl would not stuff after and servers read
 * differently.  A message should end with CRLF, or the server sees one
 * more CRLF than was given.
 */
static void
setup_smtp(struct transfer *t, const struct fetch_req *req)
{
	CURL *e = t->easy;
	int smtps = strncasecmp(req->url, "smtps://", 8) == 0;

	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(e, CURLOPT_USE_SSL, smtps || !req->allow_plain ?
	    (long)CURLUSESSL_ALL : (long)CURLUSESSL_NONE);
	curl_easy_setopt(e, CURLOPT_MAIL_FROM,
	    req->mail_from != NULL ? req->mail_from : "");
	for (size_t i = 0; i < req->nrcpt; i++)
		t->rcpt = curl_slist_append(t->rcpt, req->rcpt[i]);
	curl_easy_setopt(e, CURLOPT_MAIL_RCPT, t->rcpt);
	if (req->username != NULL)
		curl_easy_setopt(e, CURLOPT_USERNAME, req->username);
	if (req->password != NULL)
		curl_easy_setopt(e, CURLOPT_PASSWORD, req->password);
	if (req->body_len > 0) {
		t->up = xmalloc(req->body_len);
		memcpy(t->up, req->body, req->body_len);
	}
	t->up_len = req->body_len;
	curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(e, CURLOPT_READFUNCTION, on_read);
	curl_easy_setopt(e, CURLOPT_READDATA, t);
	curl_easy_setopt(e, CURLOPT_INFILESIZE_LARGE, (curl_off_t)t->up_len);
}

enum od_err
fetcher_get(struct fetcher *f, const struct fetch_req *req)
{
	struct transfer *t;
	int smtp = req->url != NULL && is_smtp_url(req->url);
	long total = req->timeout > 0 ? req->timeout : 0;
	long conn = req->connect_timeout > 0 ? req->connect_timeout :
	    total > 0 && total < 10 ? total : 10;
	enum od_err rc;
	CURL *e;

	if ((rc = check_req(req, smtp)) != OD_OK)
		return rc;
	if (f->uniform && (req->allow_private != 0) != f->uniform_allow)
		return OD_EINVAL;	/* its pool is for the other rule */
	if ((e = curl_easy_init()) == NULL)
		return OD_ENOMEM;
	t = xcalloc(1, sizeof(*t));
	t->f = f;
	t->easy = e;
	t->smtp = smtp;
	buf_init(&t->body, req->max_bytes);
	t->allow_private = req->allow_private;
	t->arg = req->arg;
	curl_easy_setopt(e, CURLOPT_URL, req->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, conn);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, total);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)req->max_bytes);
	curl_easy_setopt(e, CURLOPT_PROXY, "");	/* no environment proxy */
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, t);
	/* its connections checked against a looser rule stay its own,
	 * unless every request of this fetcher has the same rule */
	if (req->allow_private && !f->uniform)
		curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
	if (smtp)
		setup_smtp(t, req);
	else
		setup_http(t, req);
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

/* ---- completion -------------------------------------------------------- */

static const char *
header(CURL *e, const char *name)
{
	struct curl_header *h;

	if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return h->value;
}

long
fetch_parse_retry_after(const char *v, int64_t now)
{
	time_t when;
	long secs = 0;

	if (v == NULL)
		return -1;
	while (*v == ' ' || *v == '\t')
		v++;
	if (*v >= '0' && *v <= '9') {		/* delta-seconds */
		for (; *v >= '0' && *v <= '9'; v++)
			secs = secs > (FETCH_RETRY_AFTER_MAX - (*v - '0')) / 10 ?
			    FETCH_RETRY_AFTER_MAX : secs * 10 + (*v - '0');
		while (*v == ' ' || *v == '\t')
			v++;
		return *v == '\0' ? secs : -1;
	}
	if ((when = curl_getdate(v, NULL)) == -1)	/* HTTP-date */
		return -1;
	if ((int64_t)when <= now)
		return 0;
	return (int64_t)when - now > FETCH_RETRY_AFTER_MAX ?
	    FETCH_RETRY_AFTER_MAX : (long)((int64_t)when - now);
}

static enum fetch_fail
classify(struct transfer *t, CURLcode rc, char *err, size_t errlen)
{
	const char *why = t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc);

	if (t->body.overflow || rc == CURLE_FILESIZE_EXCEEDED) {
		snprintf(err, errlen, "larger than %zu bytes", t->body.max);
		return FETCH_FAIL_TOOBIG;
	}
	if (t->blocked && rc != CURLE_OPERATION_TIMEDOUT) {
		snprintf(err, errlen, "refused to connect to %s: %s",
		    t->blocked_addr, t->blocked_class == FETCH_ADDR_NEVER ?
		    "a link-local, metadata or unroutable address" :
		    "a private or loopback address (allow_private is off)");
		return FETCH_FAIL_REFUSED;
	}
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
		snprintf(err, errlen, "%s", why);
		return FETCH_FAIL_TIMEOUT;
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
		snprintf(err, errlen, "%s", why);
		return FETCH_FAIL_CONNECT;
	case CURLE_USE_SSL_FAILED:
		snprintf(err, errlen, "the server does not offer STARTTLS "
		    "and plain text is not allowed: nothing was sent (%s)",
		    why);
		return FETCH_FAIL_TLS;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ENGINE_NOTFOUND:
		snprintf(err, errlen, "TLS: %s", why);
		return FETCH_FAIL_TLS;
	default:
		snprintf(err, errlen, "%s", why);
		return FETCH_FAIL_OTHER;
	}
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
	res.retry_after = -1;
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &res.status);
	if (msg->data.result != CURLE_OK || t->body.overflow)
		res.fail = classify(t, msg->data.result, res.err,
		    sizeof(res.err));
	else {
		res.ok = 1;
		res.body = (char *)(uintptr_t)buf_str(&t->body);
		res.len = t->body.len;
		if (!t->smtp) {
			if ((v = header(t->easy, "ETag")) != NULL)
				res.etag = etag = xstrdup(v);
			if ((v = header(t->easy, "Last-Modified")) != NULL)
				res.last_modified = lm = xstrdup(v);
			res.retry_after = fetch_parse_retry_after(
			    header(t->easy, "Retry-After"),
			    now_wall_ms() / 1000);
		}
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
