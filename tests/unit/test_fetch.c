/* SPDX-License-Identifier: MIT */
/*
 * test_fetch.c - the loop's HTTP/SMTP client against real local servers:
 * tests/integration/httpreceiver.py (records each request) and
 * tests/integration/smtpreceiver.py (aiosmtpd; keeps each message), both
 * started here on 127.0.0.1 and killed at the end.  Also the address rule
 * (SSRF) over a table of addresses, and Retry-After parsing.
 *
 * Run from the top of the tree (tests/run.sh does).  The SMTP receiver
 * needs Debian's python3-aiosmtpd: /usr/bin/python3 is preferred, as a
 * python3 earlier on PATH may not see Debian's modules.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fetch.h"
#include "t.h"
#include "util.h"

static char	 tmpdir[64];
static const char *python;
static pid_t	 http_pid = -1, smtp_pid = -1, smtp_auth_pid = -1;
static int	 http_port, smtp_port, smtp_auth_port;
static char	 http_log[128], smtp_log[128], smtp_auth_log[128];

/* ---- helpers ------------------------------------------------------------ */

/* A whole file, NUL-terminated (NULL when it cannot be read). */
static char *
slurp(const char *path, size_t *lenp)
{
	FILE *fp = fopen(path, "rb");
	char *s = NULL;
	size_t len = 0, cap = 0, n;

	if (fp == NULL)
		return NULL;
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			s = xreallocarray(s, cap, 1);
		}
		n = fread(s + len, 1, cap - len - 1, fp);
		len += n;
	} while (n > 0);
	fclose(fp);
	s[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return s;
}

static size_t
count_str(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; p && (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/* How many times NEEDLE is in the file (0 when there is no file). */
static size_t
file_count(const char *path, const char *needle)
{
	char *s = slurp(path, NULL);
	size_t n = s ? count_str(s, needle) : 0;

	free(s);
	return n;
}

/* Start a receiver; its port from its port file (0: it did not start). */
static pid_t
spawn(const char *script, const char *auth, const char *log, int *port)
{
	char portfile[160], out[160], *s;
	const char *argv[8];
	size_t argc = 0;
	pid_t pid;

	snprintf(portfile, sizeof(portfile), "%s.port", log);
	snprintf(out, sizeof(out), "%s.out", log);
	argv[argc++] = python;
	argv[argc++] = script;
	if (auth != NULL) {
		argv[argc++] = "--auth";
		argv[argc++] = auth;
	}
	argv[argc++] = log;
	argv[argc++] = portfile;
	argv[argc] = NULL;
	fflush(NULL);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		execv(python, (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	*port = 0;
	for (int i = 0; i < 200 && *port == 0; i++) {	/* up to 10 s */
		int64_t v;

		if ((s = slurp(portfile, NULL)) != NULL) {
			s[strcspn(s, "\n")] = '\0';
			if (parse_i64(s, 1, 65535, &v) == OD_OK)
				*port = (int)v;
			free(s);
		}
		if (*port == 0) {
			if (waitpid(pid, NULL, WNOHANG) == pid)
				return -1;
			usleep(50000);
		}
	}
	if (*port == 0) {
		fprintf(stderr, "%s did not start; see %s\n", script, out);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return -1;
	}
	return pid;
}

static void
stop(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
	}
}

static void
rm_tmpdir(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *de;
	char path[512];

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", tmpdir, de->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(tmpdir);
}

/* ---- one request on a poll loop ---------------------------------------- */

struct got {
	int		 done;
	int		 ok;
	long		 status;
	long		 retry_after;
	enum fetch_fail	 fail;
	char		 err[256];
	char		*body;
	size_t		 len;
	int64_t		 ms;		/* from fetcher_get to the callback */
};

static int64_t	 started;

static void
on_done(void *arg, void *req_arg, const struct fetch_res *r)
{
	struct got *g = req_arg;

	(void)arg;
	g->done++;
	g->ok = r->ok;
	g->status = r->status;
	g->retry_after = r->retry_after;
	g->fail = r->fail;
	str_copy(g->err, r->err, sizeof(g->err));
	g->len = r->len;
	g->body = NULL;
	if (r->ok) {
		g->body = xmalloc(r->len + 1);
		memcpy(g->body, r->body, r->len + 1);
	}
	g->ms = now_mono_ms() - started;
}

/* Run REQ on F until it calls back (or limit_ms passes): 1 when it did. */
static int
drive_on(struct fetcher *f, struct fetch_req *req, struct got *g,
    int64_t limit_ms)
{
	int64_t t0;

	memset(g, 0, sizeof(*g));
	req->arg = g;
	started = t0 = now_mono_ms();
	if (fetcher_get(f, req) != OD_OK)
		return 0;
	while (!g->done && now_mono_ms() - t0 < limit_ms) {
		struct pollfd pfd[FETCH_MAX_FDS];
		size_t n = fetcher_pollfds(f, pfd, FETCH_MAX_FDS);
		int64_t to = fetcher_timeout(f);

		if (to < 0 || to > 50)
			to = 50;
		poll(pfd, n, (int)to);
		fetcher_run(f, pfd, n);
	}
	if (!g->done)
		fprintf(stderr, "%s: no callback within %lld ms\n", req->url,
		    (long long)limit_ms);
	return g->done == 1;
}

static int
drive(struct fetch_req *req, struct got *g, int64_t limit_ms)
{
	struct fetcher *f = fetcher_new(on_done, NULL);
	int rc = drive_on(f, req, g, limit_ms);

	fetcher_free(f);
	return rc;
}

static void
got_free(struct got *g)
{
	free(g->body);
	g->body = NULL;
}

static char *
url(char *buf, size_t len, const char *path)
{
	snprintf(buf, len, "http://127.0.0.1:%d%s", http_port, path);
	return buf;
}

/* ---- the address rule --------------------------------------------------- */

static const struct {
	const char	*addr;
	enum fetch_addr	 want;
} addrs[] = {
	/* IPv4 */
	{ "8.8.8.8",			FETCH_ADDR_PUBLIC },
	{ "93.184.216.34",		FETCH_ADDR_PUBLIC },
	{ "100.63.255.255",		FETCH_ADDR_PUBLIC },
	{ "100.128.0.1",		FETCH_ADDR_PUBLIC },
	{ "172.32.0.1",			FETCH_ADDR_PUBLIC },
	{ "223.255.255.255",		FETCH_ADDR_PUBLIC },
	{ "127.0.0.1",			FETCH_ADDR_PRIVATE },
	{ "127.255.255.254",		FETCH_ADDR_PRIVATE },
	{ "10.1.2.3",			FETCH_ADDR_PRIVATE },
	{ "172.16.0.1",			FETCH_ADDR_PRIVATE },
	{ "172.31.255.255",		FETCH_ADDR_PRIVATE },
	{ "192.168.1.1",		FETCH_ADDR_PRIVATE },
	{ "100.64.0.1",			FETCH_ADDR_PRIVATE },	/* CGNAT */
	{ "100.127.255.254",		FETCH_ADDR_PRIVATE },
	{ "192.0.2.1",			FETCH_ADDR_PRIVATE },
	{ "198.18.0.1",			FETCH_ADDR_PRIVATE },
	{ "203.0.113.9",		FETCH_ADDR_PRIVATE },
	{ "0.0.0.0",			FETCH_ADDR_NEVER },
	{ "0.1.2.3",			FETCH_ADDR_NEVER },
	{ "169.254.169.254",		FETCH_ADDR_NEVER },	/* metadata */
	{ "169.254.0.1",		FETCH_ADDR_NEVER },
	{ "100.100.100.200",		FETCH_ADDR_NEVER },	/* metadata */
	{ "224.0.0.1",			FETCH_ADDR_NEVER },	/* multicast */
	{ "239.255.255.250",		FETCH_ADDR_NEVER },
	{ "240.0.0.1",			FETCH_ADDR_NEVER },
	{ "255.255.255.255",		FETCH_ADDR_NEVER },	/* broadcast */
	/* IPv6 */
	{ "2606:4700:4700::1111",	FETCH_ADDR_PUBLIC },
	{ "2001:4860::8888",		FETCH_ADDR_PUBLIC },
	{ "::1",			FETCH_ADDR_PRIVATE },
	{ "fc00::1",			FETCH_ADDR_PRIVATE },
	{ "fd12:3456::1",		FETCH_ADDR_PRIVATE },
	{ "fec0::1",			FETCH_ADDR_PRIVATE },	/* site-local */
	{ "2001:db8::1",		FETCH_ADDR_PRIVATE },
	{ "2001:0:4136:e378::1",	FETCH_ADDR_PRIVATE },	/* Teredo */
	{ "100::1",			FETCH_ADDR_PRIVATE },
	{ "::",				FETCH_ADDR_NEVER },
	{ "fe80::1",			FETCH_ADDR_NEVER },	/* link-local */
	{ "febf:ffff::1",		FETCH_ADDR_NEVER },
	{ "fd00:ec2::254",		FETCH_ADDR_NEVER },	/* metadata */
	{ "ff02::1",			FETCH_ADDR_NEVER },	/* multicast */
	{ "ff05::1:3",			FETCH_ADDR_NEVER },
	/* IPv4-mapped: the IPv4 meaning */
	{ "::ffff:8.8.8.8",		FETCH_ADDR_PUBLIC },
	{ "::ffff:127.0.0.1",		FETCH_ADDR_PRIVATE },
	{ "::ffff:10.0.0.1",		FETCH_ADDR_PRIVATE },
	{ "::ffff:100.64.1.1",		FETCH_ADDR_PRIVATE },
	{ "::ffff:169.254.169.254",	FETCH_ADDR_NEVER },
	{ "::ffff:a9fe:a9fe",		FETCH_ADDR_NEVER },	/* the same */
	{ "::ffff:0.0.0.0",		FETCH_ADDR_NEVER },
	{ "::ffff:255.255.255.255",	FETCH_ADDR_NEVER },
	{ "::ffff:0:169.254.169.254",	FETCH_ADDR_NEVER },	/* SIIT */
	/* IPv4-compatible (deprecated): the IPv4 meaning */
	{ "::8.8.8.8",			FETCH_ADDR_PUBLIC },
	{ "::127.0.0.1",		FETCH_ADDR_PRIVATE },
	{ "::192.168.0.1",		FETCH_ADDR_PRIVATE },
	{ "::169.254.169.254",		FETCH_ADDR_NEVER },
	{ "::224.0.0.1",		FETCH_ADDR_NEVER },
	/* NAT64 and 6to4: private at least, never like their IPv4 */
	{ "64:ff9b::8.8.8.8",		FETCH_ADDR_PRIVATE },
	{ "64:ff9b::169.254.169.254",	FETCH_ADDR_NEVER },
	{ "2002:0808:0808::1",		FETCH_ADDR_PRIVATE },
	{ "2002:a9fe:a9fe::1",		FETCH_ADDR_NEVER },
};

static int
to_sockaddr(const char *s, struct sockaddr_storage *ss)
{
	struct sockaddr_in *in = (struct sockaddr_in *)(void *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)(void *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, s, &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, s, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		return 0;
	}
	return -1;
}

static void
test_addr_table(void)
{
	static const char *name[] = { "public", "refused unless allowed",
	    "refused always" };
	struct sockaddr_storage ss;

	for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		const struct sockaddr *sa = (const struct sockaddr *)&ss;
		enum fetch_addr c;

		if (to_sockaddr(addrs[i].addr, &ss) != 0) {
			fprintf(stderr, "bad table address %s\n", addrs[i].addr);
			CHECK(0);
			continue;
		}
		c = fetch_addr_class(sa);
		if (c != addrs[i].want) {
			fprintf(stderr, "%s: %s, expected %s\n", addrs[i].addr,
			    name[c], name[addrs[i].want]);
			CHECK(c == addrs[i].want);
		}
		CHECK_INT(fetch_addr_public(sa), addrs[i].want ==
		    FETCH_ADDR_PUBLIC);
		CHECK_INT(fetch_addr_allowed(sa, 0), addrs[i].want ==
		    FETCH_ADDR_PUBLIC);
		CHECK_INT(fetch_addr_allowed(sa, 1), addrs[i].want !=
		    FETCH_ADDR_NEVER);
	}
	/* a family we do not know is never reached */
	memset(&ss, 0, sizeof(ss));
	ss.ss_family = AF_UNIX;
	CHECK_INT(fetch_addr_class((struct sockaddr *)&ss), FETCH_ADDR_NEVER);
	CHECK_INT(fetch_addr_class(NULL), FETCH_ADDR_NEVER);
}

static void
test_retry_after_parse(void)
{
	/* date -u -d '2026-11-26T10:00:00Z' +%s = 1795687200 */
	int64_t now = INT64_C(1795687100);

	CHECK_INT(fetch_parse_retry_after("3", now), 3);
	CHECK_INT(fetch_parse_retry_after("0", now), 0);
	CHECK_INT(fetch_parse_retry_after(" 120 ", now), 120);
	CHECK_INT(fetch_parse_retry_after("99999999999999999999", now),
	    FETCH_RETRY_AFTER_MAX);
	CHECK_INT(fetch_parse_retry_after("Wed, 26 Nov 2026 10:00:00 GMT",
	    now), 100);
	CHECK_INT(fetch_parse_retry_after("Wed, 26 Nov 2026 09:00:00 GMT",
	    now), 0);		/* past: now */
	CHECK_INT(fetch_parse_retry_after(NULL, now), -1);
	CHECK_INT(fetch_parse_retry_after("", now), -1);
	CHECK_INT(fetch_parse_retry_after("-5", now), -1);
	CHECK_INT(fetch_parse_retry_after("3x", now), -1);
	CHECK_INT(fetch_parse_retry_after("soon", now), -1);
}

/* Invalid requests start nothing and never call back. */
static void
test_invalid_requests(void)
{
	struct fetcher *f = fetcher_new(on_done, NULL);
	const char *crlf[] = { "X-Ok: 1", "X-Evil: a\r\nHost: b" };
	const char *lf[] = { "X-Evil: a\nb" };
	const char *noname[] = { ": v" };
	const char *nocolon[] = { "X-Header" };
	const char *spacename[] = { "X Bad: v" };
	const char *rcpt_bad[] = { "a@x.test>\r\nRCPT TO:<b@y.test" };
	const char *rcpt[] = { "a@x.test" };
	struct fetch_req r;
	struct got g;

	memset(&g, 0, sizeof(g));
	memset(&r, 0, sizeof(r));
	r.url = "http://127.0.0.1:9/";
	r.arg = &g;
	r.headers = crlf;
	r.nheaders = 2;
	CHECK_INT(fetcher_get(f, &r), OD_EINVAL);
	r.headers = lf;
	r.nheaders = 1;
	CHECK_INT(fetcher_get(f, &r), OD_EINVAL);
	r.headers = noname;
	CHECK_INT(fetcher_get(f, &r), OD_EINVAL);
	r.headers = nocolon;
	CHECK_INT(fetcher_get(f, &r), OD_EINVAL);
	r.headers = spacename;
	CHECK_INT(fetcher_get(f, &r), OD_EINVAL);
	r.headers = NULL;
	r.nheaders = 0;
	r.method = "DELETE";
	CHECK_INT(fetcher_get(f, &r), OD_EINVAL);
	r.method = "GET";
	r.body = "x";
	r.body_len = 1;		/* a GET has no body */
	CHECK_INT(fetcher_get(f, &r), OD_EINVAL);
	r.method = NULL;
	r.body = NULL;
	r.body_len = 0;
	r.etag = "\"a\"\r\nX: y";
	CHECK_INT(fetcher_get(f, &r), OD_EINVAL);
	r.etag = NULL;
	r.url = "http://127.0.0.1:9/\r\nX: y";
	CHECK_INT(fetcher_get(f, &r), OD_EINVAL);
	/* SMTP */
	r.url = "smtp://127.0.0.1:9";
	r.body = "Subject: x\r\n\r\nbody\r\n";
	r.body_len = strlen(r.body);
	CHECK_INT(fetcher_get(f, &r), OD_EINVAL);	/* no recipient */
	r.rcpt = rcpt_bad;
	r.nrcpt = 1;
	CHECK_INT(fetcher_get(f, &r), OD_EINVAL);
	r.rcpt = rcpt;
	r.mail_from = "a@x.test\r\nRSET";
	CHECK_INT(fetcher_get(f, &r), OD_EINVAL);
	r.mail_from = "a@x.test";
	r.body = "Subject: x\n\nbare LF\n";		/* not CRLF */
	r.body_len = strlen(r.body);
	CHECK_INT(fetcher_get(f, &r), OD_EINVAL);
	r.body = "Subject: x\r\n\r\nbare\rCR\r\n";
	r.body_len = strlen(r.body);
	CHECK_INT(fetcher_get(f, &r), OD_EINVAL);
	r.body = "Subject: x\r\n\r\n\n.\n";		/* smuggling */
	r.body_len = strlen(r.body);
	CHECK_INT(fetcher_get(f, &r), OD_EINVAL);
	CHECK_INT(fetcher_active(f), 0);
	CHECK_INT(g.done, 0);
	fetcher_free(f);
}

/* ---- HTTP against the receiver ----------------------------------------- */

static void
test_post_arrives(void)
{
	static const char body[] = "{\"event\":\"firing\",\"region\":\"UA-12\"}"
	    "\0\x01\xff binary tail";
	const char *hdrs[] = { "Content-Type: application/json",
	    "X-Outaged-Signature: sha256=0123abcd",
	    "Idempotency-Key: d-42" };
	size_t before = file_count(http_log, "\"event\": \"request\"");
	char u[256], bf[256], *log, *sent;
	size_t sent_len = 0;
	struct fetch_req r;
	struct got g;

	memset(&r, 0, sizeof(r));
	r.url = url(u, sizeof(u), "/hook/alerts");
	r.method = "POST";
	r.headers = hdrs;
	r.nheaders = 3;
	r.body = body;
	r.body_len = sizeof(body) - 1;
	r.max_bytes = 65536;
	r.timeout = 10;
	r.allow_private = 1;
	CHECK(drive(&r, &g, 15000));
	CHECK_INT(g.ok, 1);
	CHECK_INT(g.status, 200);
	CHECK_STR(g.body, "ok\n");
	CHECK_INT(g.retry_after, -1);
	CHECK_INT(g.fail, FETCH_FAIL_NONE);
	got_free(&g);
	CHECK_INT(file_count(http_log, "\"event\": \"request\""), before + 1);
	log = slurp(http_log, NULL);
	CHECK(log != NULL);
	if (log == NULL)
		return;
	CHECK(strstr(log, "\"method\": \"POST\", \"path\": \"/hook/alerts\"")
	    != NULL);
	CHECK(strstr(log, "[\"Content-Type\", \"application/json\"]") != NULL);
	CHECK(strstr(log, "[\"X-Outaged-Signature\", \"sha256=0123abcd\"]") !=
	    NULL);
	CHECK(strstr(log, "[\"Idempotency-Key\", \"d-42\"]") != NULL);
	CHECK(strstr(log, "\"Expect\"") == NULL);
	free(log);
	/* the body, byte for byte (NUL and 0xff included) */
	snprintf(bf, sizeof(bf), "%s.%zu.body", http_log, before + 1);
	sent = slurp(bf, &sent_len);
	CHECK(sent != NULL);
	CHECK_INT(sent_len, sizeof(body) - 1);
	CHECK(sent != NULL && sent_len == sizeof(body) - 1 &&
	    memcmp(sent, body, sent_len) == 0);
	free(sent);
}

static void
test_redirect_not_followed(void)
{
	size_t before = file_count(http_log, "\"event\": \"request\"");
	char u[256], path[256], target[200];
	struct fetch_req r;
	struct got g;

	url(target, sizeof(target), "/redirected-here");
	snprintf(path, sizeof(path), "/status/302?location=%s", target);
	memset(&r, 0, sizeof(r));
	r.url = url(u, sizeof(u), path);
	r.method = "POST";
	r.body = "{}";
	r.body_len = 2;
	r.max_bytes = 65536;
	r.timeout = 10;
	r.allow_private = 1;
	r.follow_redirects = 0;		/* delivery */
	CHECK(drive(&r, &g, 15000));
	CHECK_INT(g.ok, 1);
	CHECK_INT(g.status, 302);
	got_free(&g);
	CHECK_INT(file_count(http_log, "\"event\": \"request\""), before + 1);
	CHECK_INT(file_count(http_log, "\"path\": \"/redirected-here\""), 0);

	/* feeds still follow (GET, at most 3) */
	r.method = NULL;
	r.body = NULL;
	r.body_len = 0;
	r.follow_redirects = FETCH_MAX_REDIRECTS;
	CHECK(drive(&r, &g, 15000));
	CHECK_INT(g.ok, 1);
	CHECK_INT(g.status, 200);
	got_free(&g);
	CHECK_INT(file_count(http_log, "\"path\": \"/redirected-here\""), 1);
}

static void
test_retry_after(void)
{
	char u[256];
	struct fetch_req r;
	struct got g;

	memset(&r, 0, sizeof(r));
	r.method = "POST";
	r.max_bytes = 65536;
	r.timeout = 10;
	r.allow_private = 1;
	r.url = url(u, sizeof(u), "/status/429?retry_after=3");
	CHECK(drive(&r, &g, 15000));
	CHECK_INT(g.ok, 1);
	CHECK_INT(g.status, 429);
	CHECK_INT(g.retry_after, 3);
	got_free(&g);
	/* an HTTP-date 120 s from now */
	r.url = url(u, sizeof(u), "/status/503?retry_date=120");
	CHECK(drive(&r, &g, 15000));
	CHECK_INT(g.status, 503);
	CHECK(g.retry_after >= 117 && g.retry_after <= 121);
	if (g.retry_after < 117 || g.retry_after > 121)
		fprintf(stderr, "retry_after %ld\n", g.retry_after);
	got_free(&g);
	/* absent */
	r.url = url(u, sizeof(u), "/gone");
	CHECK(drive(&r, &g, 15000));
	CHECK_INT(g.status, 410);
	CHECK_INT(g.retry_after, -1);
	got_free(&g);
}

/*
 * A listener that never completes a handshake: backlog 0, its one queue
 * slot taken; Linux drops further SYNs, so a connect hangs.
 */
static void
test_connect_timeout(void)
{
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);
	int lfd, filler;
	char u[128];
	struct fetch_req r;
	struct got g;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(lfd >= 0);
	CHECK(bind(lfd, (struct sockaddr *)&sin, sizeof(sin)) == 0);
	CHECK(listen(lfd, 0) == 0);
	CHECK(getsockname(lfd, (struct sockaddr *)&sin, &sl) == 0);
	filler = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (connect(filler, (struct sockaddr *)&sin, sizeof(sin)) != 0 &&
	    errno != EINPROGRESS)
		CHECK(0);
	usleep(100000);
	snprintf(u, sizeof(u), "http://127.0.0.1:%d/", ntohs(sin.sin_port));
	memset(&r, 0, sizeof(r));
	r.url = u;
	r.method = "POST";
	r.max_bytes = 65536;
	r.connect_timeout = 1;
	r.timeout = 20;
	r.allow_private = 1;
	CHECK(drive(&r, &g, 10000));
	CHECK_INT(g.ok, 0);
	CHECK_INT(g.fail, FETCH_FAIL_TIMEOUT);
	CHECK(g.ms >= 900 && g.ms < 3000);
	fprintf(stderr, "# connect timeout 1 s: %lld ms: %s\n",
	    (long long)g.ms, g.err);
	got_free(&g);
	close(filler);
	close(lfd);
}

static void
test_total_timeout(void)
{
	char u[256];
	struct fetch_req r;
	struct got g;

	memset(&r, 0, sizeof(r));
	r.url = url(u, sizeof(u), "/slow?seconds=5");
	r.method = "POST";
	r.body = "x";
	r.body_len = 1;
	r.max_bytes = 65536;
	r.connect_timeout = 1;
	r.timeout = 2;
	r.allow_private = 1;
	CHECK(drive(&r, &g, 10000));
	CHECK_INT(g.ok, 0);
	CHECK_INT(g.fail, FETCH_FAIL_TIMEOUT);
	CHECK(g.ms >= 1900 && g.ms < 4000);
	fprintf(stderr, "# total timeout 2 s: %lld ms: %s\n", (long long)g.ms,
	    g.err);
	got_free(&g);
}

static void
test_response_cap(void)
{
	char u[256];
	struct fetch_req r;
	struct got g;

	memset(&r, 0, sizeof(r));
	r.max_bytes = 10000;
	r.timeout = 10;
	r.allow_private = 1;
	/* with a Content-Length: refused before reading */
	r.url = url(u, sizeof(u), "/big?bytes=100000");
	CHECK(drive(&r, &g, 15000));
	CHECK_INT(g.ok, 0);
	CHECK_INT(g.fail, FETCH_FAIL_TOOBIG);
	CHECK(strstr(g.err, "larger than 10000 bytes") != NULL);
	got_free(&g);
	/* chunked: counted as it comes */
	r.url = url(u, sizeof(u), "/big?bytes=100000&chunked=1");
	CHECK(drive(&r, &g, 15000));
	CHECK_INT(g.ok, 0);
	CHECK_INT(g.fail, FETCH_FAIL_TOOBIG);
	got_free(&g);
	/* under the cap */
	r.url = url(u, sizeof(u), "/big?bytes=10000&chunked=1");
	CHECK(drive(&r, &g, 15000));
	CHECK_INT(g.ok, 1);
	CHECK_INT(g.len, 10000);
	got_free(&g);
}

static void
test_refused_never_connected(void)
{
	size_t before = file_count(http_log, "\"event\": \"connect\"");
	char u[256], path[256], target[128];
	struct fetch_req r;
	struct got g;

	memset(&r, 0, sizeof(r));
	r.method = "POST";
	r.body = "{}";
	r.body_len = 2;
	r.max_bytes = 65536;
	r.timeout = 5;
	r.allow_private = 0;
	r.url = url(u, sizeof(u), "/hook");
	CHECK(drive(&r, &g, 10000));
	CHECK_INT(g.ok, 0);
	CHECK_INT(g.fail, FETCH_FAIL_REFUSED);
	CHECK(strstr(g.err, "127.0.0.1") != NULL);
	got_free(&g);
	/* the same address spelt IPv4-mapped */
	snprintf(u, sizeof(u), "http://[::ffff:127.0.0.1]:%d/hook", http_port);
	r.url = u;
	CHECK(drive(&r, &g, 10000));
	CHECK_INT(g.fail, FETCH_FAIL_REFUSED);
	got_free(&g);
	CHECK_INT(file_count(http_log, "\"event\": \"connect\""), before);

	/* link-local and metadata: refused even when private is allowed
	 * (refused before any packet leaves) */
	r.allow_private = 1;
	r.url = "http://169.254.169.254/latest/meta-data/";
	CHECK(drive(&r, &g, 10000));
	CHECK_INT(g.fail, FETCH_FAIL_REFUSED);
	got_free(&g);
	r.url = "http://[::ffff:169.254.169.254]/latest/meta-data/";
	CHECK(drive(&r, &g, 10000));
	CHECK_INT(g.fail, FETCH_FAIL_REFUSED);
	got_free(&g);
	r.url = "http://[fd00:ec2::254]/latest/meta-data/";
	CHECK(drive(&r, &g, 10000));
	CHECK_INT(g.fail, FETCH_FAIL_REFUSED);
	got_free(&g);
	/* a redirect's target goes through the same rule */
	snprintf(target, sizeof(target), "http://169.254.169.254/latest/");
	snprintf(path, sizeof(path), "/status/302?location=%s", target);
	r.method = NULL;
	r.body = NULL;
	r.body_len = 0;
	r.follow_redirects = FETCH_MAX_REDIRECTS;
	r.url = url(u, sizeof(u), path);
	CHECK(drive(&r, &g, 10000));
	CHECK_INT(g.ok, 0);
	CHECK_INT(g.fail, FETCH_FAIL_REFUSED);
	CHECK(strstr(g.err, "169.254.169.254") != NULL);
	got_free(&g);
}

/*
 * A connection opened for a request allowed to reach private addresses is
 * not left in the pool for a request that is not.
 */
static void
test_no_reuse_across_rules(void)
{
	struct fetcher *f = fetcher_new(on_done, NULL);
	size_t before = file_count(http_log, "\"event\": \"request\"");
	char u[256];
	struct fetch_req r;
	struct got g;

	memset(&r, 0, sizeof(r));
	r.url = url(u, sizeof(u), "/keepalive");
	r.max_bytes = 65536;
	r.timeout = 5;
	r.allow_private = 1;
	CHECK(drive_on(f, &r, &g, 10000));
	CHECK_INT(g.status, 200);
	got_free(&g);
	r.allow_private = 0;
	CHECK(drive_on(f, &r, &g, 10000));
	CHECK_INT(g.ok, 0);
	CHECK_INT(g.fail, FETCH_FAIL_REFUSED);
	got_free(&g);
	CHECK_INT(file_count(http_log, "\"event\": \"request\""), before + 1);
	fetcher_free(f);
}

static void
test_connect_refused(void)
{
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	char u[128];
	struct fetch_req r;
	struct got g;

	/* a port nobody listens on: bound, then closed */
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	CHECK(bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0);
	CHECK(getsockname(fd, (struct sockaddr *)&sin, &sl) == 0);
	close(fd);
	snprintf(u, sizeof(u), "http://127.0.0.1:%d/", ntohs(sin.sin_port));
	memset(&r, 0, sizeof(r));
	r.url = u;
	r.max_bytes = 65536;
	r.timeout = 5;
	r.allow_private = 1;
	CHECK(drive(&r, &g, 10000));
	CHECK_INT(g.ok, 0);
	CHECK_INT(g.fail, FETCH_FAIL_CONNECT);
	got_free(&g);
}

/* ---- SMTP against aiosmtpd ---------------------------------------------- */

/* CRLF throughout; a line starting with "." and a "CRLF.CRLF" inside */
static const char message[] =
    "From: outaged <alerts@outaged.test>\r\n"
    "To: ops <ops@example.test>\r\n"
    "Subject: [critical] UA-12 power: 600000 households\r\n"
    "\r\n"
    "Power is out for 600,000 households in UA-12.\r\n"
    ".a line that starts with a dot\r\n"
    "\r\n.\r\n"
    "..two dots\r\n"
    "the end\r\n";

static void
smtp_req(struct fetch_req *r, char *u, size_t ulen, int port,
    const char **rcpt, size_t nrcpt)
{
	snprintf(u, ulen, "smtp://127.0.0.1:%d/outaged.test", port);
	memset(r, 0, sizeof(*r));
	r->url = u;
	r->mail_from = "alerts@outaged.test";
	r->rcpt = rcpt;
	r->nrcpt = nrcpt;
	r->body = message;
	r->body_len = sizeof(message) - 1;
	r->max_bytes = 65536;
	r->connect_timeout = 5;
	r->timeout = 10;
	r->allow_private = 1;
}

static void
check_eml(const char *log, size_t n)
{
	char path[256], *got;
	size_t len = 0;

	snprintf(path, sizeof(path), "%s.%zu.eml", log, n);
	got = slurp(path, &len);
	CHECK(got != NULL);
	CHECK_INT(len, sizeof(message) - 1);
	CHECK(got != NULL && len == sizeof(message) - 1 &&
	    memcmp(got, message, len) == 0);
	free(got);
}

static void
test_smtp_plain_allowed(void)
{
	const char *rcpt[] = { "ops@example.test", "<oncall@example.test>" };
	char u[128], *log;
	struct fetch_req r;
	struct got g;

	smtp_req(&r, u, sizeof(u), smtp_port, rcpt, 2);
	r.allow_plain = 1;
	CHECK(drive(&r, &g, 15000));
	CHECK_INT(g.ok, 1);
	CHECK_INT(g.status, 250);
	if (!g.ok)
		fprintf(stderr, "smtp: %s\n", g.err);
	got_free(&g);
	log = slurp(smtp_log, NULL);
	CHECK(log != NULL);
	CHECK(log != NULL && strstr(log, "\"mail_from\": "
	    "\"alerts@outaged.test\", \"rcpt_tos\": [\"ops@example.test\", "
	    "\"oncall@example.test\"], \"auth_user\": null") != NULL);
	CHECK_INT(count_str(log, "\"mail_from\""), 1);
	free(log);
	check_eml(smtp_log, 1);
}

static void
test_smtp_auth(void)
{
	const char *rcpt[] = { "ops@example.test" };
	char u[128];
	struct fetch_req r;
	struct got g;

	smtp_req(&r, u, sizeof(u), smtp_auth_port, rcpt, 1);
	r.allow_plain = 1;
	r.username = "alice";
	r.password = "wrong";
	CHECK(drive(&r, &g, 15000));
	CHECK_INT(g.ok, 0);
	CHECK_INT(g.status, 535);
	CHECK_INT(g.fail, FETCH_FAIL_OTHER);
	got_free(&g);
	CHECK_INT(file_count(smtp_auth_log, "\"mail_from\""), 0);
	r.password = "s3cret";
	CHECK(drive(&r, &g, 15000));
	CHECK_INT(g.ok, 1);
	CHECK_INT(g.status, 250);
	if (!g.ok)
		fprintf(stderr, "smtp auth: %s\n", g.err);
	got_free(&g);
	CHECK_INT(file_count(smtp_auth_log, "\"auth_user\": \"alice\""), 1);
	check_eml(smtp_auth_log, 1);
}

/* STARTTLS required, not offered: fails, and nothing is sent in clear */
static void
test_smtp_tls_required(void)
{
	const char *rcpt[] = { "ops@example.test" };
	size_t before = file_count(smtp_log, "\"mail_from\"");
	char u[128];
	struct fetch_req r;
	struct got g;

	smtp_req(&r, u, sizeof(u), smtp_port, rcpt, 1);
	r.allow_plain = 0;
	CHECK(drive(&r, &g, 15000));
	CHECK_INT(g.ok, 0);
	CHECK_INT(g.fail, FETCH_FAIL_TLS);
	CHECK(strstr(g.err, "STARTTLS") != NULL);
	fprintf(stderr, "# smtp, plain not allowed: %s\n", g.err);
	got_free(&g);
	/* the same with credentials: AUTH is not attempted either */
	smtp_req(&r, u, sizeof(u), smtp_auth_port, rcpt, 1);
	r.username = "alice";
	r.password = "s3cret";
	CHECK(drive(&r, &g, 15000));
	CHECK_INT(g.fail, FETCH_FAIL_TLS);
	got_free(&g);
	/* smtps:// to a plain-text server: a TLS failure */
	snprintf(u, sizeof(u), "smtps://127.0.0.1:%d/", smtp_port);
	r.url = u;
	r.username = r.password = NULL;
	r.allow_plain = 1;		/* ignored for smtps:// */
	r.timeout = 5;
	CHECK(drive(&r, &g, 15000));
	CHECK_INT(g.ok, 0);
	CHECK(g.fail == FETCH_FAIL_TLS || g.fail == FETCH_FAIL_TIMEOUT);
	got_free(&g);
	CHECK_INT(file_count(smtp_log, "\"mail_from\""), before);
	CHECK_INT(file_count(smtp_auth_log, "\"mail_from\""), 1);
}

/* refused addresses hold for mail too */
static void
test_smtp_refused(void)
{
	const char *rcpt[] = { "ops@example.test" };
	size_t before = file_count(smtp_log, "\"mail_from\"");
	char u[128];
	struct fetch_req r;
	struct got g;

	smtp_req(&r, u, sizeof(u), smtp_port, rcpt, 1);
	r.allow_plain = 1;
	r.allow_private = 0;
	CHECK(drive(&r, &g, 15000));
	CHECK_INT(g.ok, 0);
	CHECK_INT(g.fail, FETCH_FAIL_REFUSED);
	got_free(&g);
	CHECK_INT(file_count(smtp_log, "\"mail_from\""), before);
}

static void
fail_all(const char *why, const char *const *names, size_t n)
{
	fprintf(stderr, "%s\n", why);
	for (size_t i = 0; i < n; i++) {
		printf("FAIL %s\n", names[i]);
		t_fail++;
	}
}

int
main(void)
{
	static const char *http_tests[] = { "test_post_arrives",
	    "test_redirect_not_followed", "test_retry_after",
	    "test_connect_timeout", "test_total_timeout", "test_response_cap",
	    "test_refused_never_connected", "test_no_reuse_across_rules",
	    "test_connect_refused" };
	static const char *smtp_tests[] = { "test_smtp_plain_allowed",
	    "test_smtp_auth", "test_smtp_tls_required", "test_smtp_refused" };

	signal(SIGPIPE, SIG_IGN);
	python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" :
	    "python3";
	RUN(test_addr_table);
	RUN(test_retry_after_parse);
	RUN(test_invalid_requests);

	str_copy(tmpdir, "/tmp/outaged-fetch.XXXXXX", sizeof(tmpdir));
	if (mkdtemp(tmpdir) == NULL) {
		fail_all("mkdtemp failed", http_tests, 9);
		return T_DONE();
	}
	snprintf(http_log, sizeof(http_log), "%s/http.log", tmpdir);
	snprintf(smtp_log, sizeof(smtp_log), "%s/smtp.log", tmpdir);
	snprintf(smtp_auth_log, sizeof(smtp_auth_log), "%s/smtp-auth.log",
	    tmpdir);
	http_pid = spawn("tests/integration/httpreceiver.py", NULL, http_log,
	    &http_port);
	if (http_pid < 0)
		fail_all("httpreceiver.py did not start", http_tests, 9);
	else {
		RUN(test_post_arrives);
		RUN(test_redirect_not_followed);
		RUN(test_retry_after);
		RUN(test_connect_timeout);
		RUN(test_total_timeout);
		RUN(test_response_cap);
		RUN(test_refused_never_connected);
		RUN(test_no_reuse_across_rules);
		RUN(test_connect_refused);
	}
	smtp_pid = spawn("tests/integration/smtpreceiver.py", NULL, smtp_log,
	    &smtp_port);
	smtp_auth_pid = spawn("tests/integration/smtpreceiver.py",
	    "alice:s3cret", smtp_auth_log, &smtp_auth_port);
	if (smtp_pid < 0 || smtp_auth_pid < 0)
		fail_all("smtpreceiver.py did not start (python3-aiosmtpd: "
		    "scripts/install-deps.sh)", smtp_tests, 4);
	else {
		RUN(test_smtp_plain_allowed);
		RUN(test_smtp_auth);
		RUN(test_smtp_tls_required);
		RUN(test_smtp_refused);
	}
	stop(http_pid);
	stop(smtp_pid);
	stop(smtp_auth_pid);
	if (t_fail == 0)
		rm_tmpdir();
	else
		fprintf(stderr, "# files kept in %s\n", tmpdir);
	return T_DONE();
}
