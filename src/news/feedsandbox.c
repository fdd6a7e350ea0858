/* SPDX-License-Identifier: MIT */
/*
 * feedsandbox.c - the feed child (feedchild.h): `outaged --feed-child FD`.
 * It loads the gazetteer and readies libcurl, closes every descriptor but
 * its socket and stdio, then confines itself with a seccomp filter before
 * it reads its first job: from then on it can talk to the network and to
 * its parent, allocate memory and read files (DNS and TLS configuration),
 * and nothing else.  Opening any file for writing, exec, fork, ptrace,
 * mount and the rest kill it (SIGSYS).  It fetches, parses (expat) and
 * extracts; the daemon stores.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <jansson.h>
#include <seccomp.h>

#include "feed.h"
#include "feedchild.h"
#include "fetch.h"
#include "log.h"
#include "news_int.h"
#include "region.h"
#include "util.h"

#define FIELD_MAX	4096	/* bytes of a job's url, etag, validator */

struct child {
	int		 fd;
	const struct gazetteer *gaz;
	struct fetcher	*fetcher;
	unsigned char	*in;
	size_t		 inlen;
};

struct job {
	long long	 id;
	char		*feed;
};

/* A frame out; the socket is blocking here.  A broken pipe ends us. */
static void
send_frame(struct child *c, json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT);
	unsigned char hdr[4];
	size_t len, off = 0;

	if (s == NULL)
		fatalx("feed child: json_dumps failed");
	len = strlen(s);
	hdr[0] = (unsigned char)(len >> 24);
	hdr[1] = (unsigned char)(len >> 16);
	hdr[2] = (unsigned char)(len >> 8);
	hdr[3] = (unsigned char)len;
	while (off < 4 + len) {
		ssize_t w = off < 4 ? write(c->fd, hdr + off, 4 - off) :
		    write(c->fd, s + off - 4, len - (off - 4));

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			_exit(1);	/* the daemon is gone */
		off += (size_t)w;
	}
	free(s);
}

static json_t *
result_new(const struct job *j)
{
	return json_pack("{s:I,s:s}", "id", (json_int_t)j->id, "feed", j->feed);
}

static void
send_error(struct child *c, const struct job *j, long status, const char *err)
{
	json_t *o = result_new(j);

	json_object_set_new(o, "status", json_integer(status));
	/* curl's and expat's messages are ASCII, but be sure of UTF-8 */
	json_object_set_new(o, "error", json_stringn_nocheck(err, strlen(err)));
	if (json_string_value(json_object_get(o, "error")) == NULL ||
	    !json_is_string(json_object_get(o, "error")))
		json_object_set_new(o, "error", json_string("error"));
	send_frame(c, o);
	json_decref(o);
}

static json_t *
str_or_null(const char *s)
{
	json_t *v = s != NULL && strlen(s) <= FIELD_MAX ? json_string(s) : NULL;

	return v != NULL ? v : json_null();
}

static void
on_fetched(void *arg, void *req_arg, const struct fetch_res *res)
{
	struct child *c = arg;
	struct job *j = req_arg;
	struct feed_doc doc;
	char err[300];
	json_t *o, *items;
	char *s;

	if (!res->ok || (res->status != 200 && res->status != 304)) {
		if (res->ok)
			snprintf(err, sizeof(err), "HTTP status %ld",
			    res->status);
		else
			str_copy(err, res->err, sizeof(err));
		send_error(c, j, res->status, err);
		goto out;
	}
	if (res->status == 304) {
		o = result_new(j);
		json_object_set_new(o, "status", json_integer(304));
		send_frame(c, o);
		json_decref(o);
		goto out;
	}
	if (feed_parse(res->body, res->len, &doc, err, sizeof(err)) != OD_OK) {
		char msg[400];

		snprintf(msg, sizeof(msg), "not a valid feed: %s", err);
		send_error(c, j, res->status, msg);
		goto out;
	}
	o = result_new(j);
	json_object_set_new(o, "status", json_integer(200));
	json_object_set_new(o, "etag", str_or_null(res->etag));
	json_object_set_new(o, "last_modified",
	    str_or_null(res->last_modified));
	items = json_array();
	for (size_t i = 0; i < doc.nitems; i++) {
		const struct feed_item *it = &doc.items[i];
		char key[NEWS_KEY_MAX];
		size_t n = 0;
		json_t *reports, *item;

		news_item_key(j->feed, it->id, key, sizeof(key));
		reports = news_article_reports(c->gaz, j->feed, key, it->title,
		    it->text, it->link, it->published, &n, NULL);
		item = json_pack("{s:s,s:o,s:I,s:I,s:o}", "key", key,
		    "link", str_or_null(it->link),
		    "published", (json_int_t)it->published,
		    "extracted", (json_int_t)n, "reports", reports);
		if (item != NULL)
			json_array_append_new(items, item);
	}
	json_object_set_new(o, "items", items);
	feed_doc_free(&doc);
	/* over the daemon's cap: say so rather than be killed for it */
	s = json_dumps(o, JSON_COMPACT);
	if (s == NULL || strlen(s) > FEEDCHILD_RESULT_MAX) {
		snprintf(err, sizeof(err), "the feed's %zu items give a "
		    "result over %d bytes", doc.nitems, FEEDCHILD_RESULT_MAX);
		send_error(c, j, 200, err);
	} else
		send_frame(c, o);
	free(s);
	json_decref(o);
out:
	free(j->feed);
	free(j);
}

static const char *
job_str(json_t *o, const char *name)
{
	const char *s = json_string_value(json_object_get(o, name));

	return s != NULL && strlen(s) <= FIELD_MAX ? s : NULL;
}

/* One job frame from the daemon (trusted, but checked all the same). */
static void
on_job(struct child *c, const char *buf, size_t len)
{
	json_t *o = json_loadb(buf, len, 0, NULL);
	struct fetch_req req;
	struct job *j;
	json_int_t id = json_integer_value(json_object_get(o, "id"));
	const char *feed = job_str(o, "feed"), *url = job_str(o, "url");

	if (o == NULL || feed == NULL || url == NULL)
		fatalx("feed child: a malformed job from the daemon");
	j = xcalloc(1, sizeof(*j));
	j->id = id;
	j->feed = xstrdup(feed);
	memset(&req, 0, sizeof(req));
	req.url = url;
	req.etag = job_str(o, "etag");
	req.last_modified = job_str(o, "last_modified");
	req.follow_redirects = FETCH_MAX_REDIRECTS;
	req.max_bytes = (size_t)json_integer_value(json_object_get(o,
	    "max_bytes"));
	req.timeout = (long)json_integer_value(json_object_get(o, "timeout"));
	req.allow_private = json_is_true(json_object_get(o, "allow_private"));
	req.arg = j;
	if (fetcher_get(c->fetcher, &req) != OD_OK) {
		send_error(c, j, 0, "cannot start a fetch");
		free(j->feed);
		free(j);
	}
	json_decref(o);
}

/* Read what the daemon sent; 0 on EOF (it is done with us). */
static int
read_jobs(struct child *c)
{
	size_t off = 0;
	ssize_t r;

	r = read(c->fd, c->in + c->inlen, 4 + FEEDCHILD_JOB_MAX - c->inlen);
	if (r < 0)
		return errno == EINTR || errno == EAGAIN ? 1 : 0;
	if (r == 0)
		return 0;
	c->inlen += (size_t)r;
	while (c->inlen - off >= 4) {
		const unsigned char *p = c->in + off;
		size_t len = (size_t)p[0] << 24 | (size_t)p[1] << 16 |
		    (size_t)p[2] << 8 | p[3];

		if (len > FEEDCHILD_JOB_MAX)
			fatalx("feed child: a job frame of %zu bytes", len);
		if (c->inlen - off - 4 < len)
			break;
		on_job(c, (const char *)p + 4, len);
		off += 4 + len;
	}
	memmove(c->in, c->in + off, c->inlen - off);
	c->inlen -= off;
	return 1;
}

/*
 * The filter.  Anything not listed kills the process (SIGSYS, seen by
 * the daemon as a crash).  Found with strace -f on fetches over HTTP and
 * HTTPS, DNS through /etc/hosts and UDP, redirects, gzip.
 */
static void
sandbox(void)
{
	static const char *const allow[] = {
		/* I/O on what we have and what libcurl opens */
		"read", "write", "readv", "writev", "pread64", "close",
		"lseek", "fstat", "newfstatat", "statx", "stat", "lstat",
		"fcntl", "ioctl", "poll", "ppoll", "select", "pselect6",
		"connect", "bind", "getsockname", "getpeername", "sendto",
		"recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg",
		"getsockopt", "setsockopt", "shutdown", "socketpair", "pipe",
		"pipe2", "eventfd2", "getdents64",
		/* memory */
		"brk", "munmap", "mremap", "madvise",
		/* time, threads (libcurl's threaded resolver), signals */
		"clock_gettime", "clock_getres", "gettimeofday", "time",
		"nanosleep", "clock_nanosleep", "futex", "set_robust_list",
		"rseq", "sched_yield", "sched_getaffinity", "getrandom",
		"rt_sigreturn", "rt_sigprocmask", "rt_sigaction",
		"sigaltstack", "restart_syscall", "exit", "exit_group",
		"getpid", "gettid", "getppid", "tgkill", "uname", "getuid",
		"geteuid", "getgid", "getegid", "prlimit64", "membarrier",
	};
	/* writing, creating, truncating: never */
	const unsigned wr = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;
	scmp_filter_ctx ctx;
	int rc = 0;

	if ((ctx = seccomp_init(SCMP_ACT_KILL_PROCESS)) == NULL)
		fatalx("feed child: seccomp_init failed");
	for (size_t i = 0; i < sizeof(allow) / sizeof(allow[0]); i++) {
		int nr = seccomp_syscall_resolve_name(allow[i]);

		if (nr == __NR_SCMP_ERROR || nr < 0)
			continue;	/* not on this architecture */
		if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0)) != 0)
			fatalx("feed child: seccomp: %s: %s", allow[i],
			    strerror(-rc));
	}
	/* files only read-only (resolv.conf, hosts, CA certificates) */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(openat), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, wr, 0));
#ifdef __NR_open
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(open), 1,
	    SCMP_A1(SCMP_CMP_MASKED_EQ, wr, 0));
#endif
	/* memory never both mapped and executable */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mprotect), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
	/* threads, never processes; clone3's flags are out of a filter's
	 * reach, so glibc is told it is not there and falls back to clone */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
	    SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3),
	    0);
	/* sockets: IP, and Unix and netlink for the resolver */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
	    SCMP_A0(SCMP_CMP_EQ, AF_INET));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
	    SCMP_A0(SCMP_CMP_EQ, AF_INET6));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
	    SCMP_A0(SCMP_CMP_EQ, AF_UNIX));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
	    SCMP_A0(SCMP_CMP_EQ, AF_NETLINK));
	if (rc != 0)
		fatalx("feed child: seccomp: a conditional rule failed");
	/* seccomp_load sets no_new_privs first (SCMP_FLTATR_CTL_NNP) */
	if ((rc = seccomp_load(ctx)) != 0)
		fatalx("feed child: seccomp_load: %s", strerror(-rc));
	seccomp_release(ctx);
}

/* Test hook (docs/operations.md): after the filter, try to open a file
 * for writing, as a compromised child would the database, and write to
 * it if that succeeded (it must not: the filter kills us first). */
static void
try_open_hook(void)
{
	const char *path = getenv("OUTAGED_FEED_CHILD_TRY_OPEN");
	int fd;

	if (path == NULL || path[0] == '\0')
		return;
	log_warnx("feed child: test hook: opening %s read-write", path);
	if ((fd = open(path, O_RDWR)) == -1) {
		log_warn("feed child: test hook: open %s refused", path);
		return;
	}
	log_errorx("feed child: test hook: open %s SUCCEEDED (fd %d)", path,
	    fd);
	if (write(fd, "feed child was here", 19) != 19)
		log_warn("feed child: test hook: write %s", path);
	close(fd);
}

int
feedchild_main(int argc, char **argv)
{
	const char *iso = NULL, *packs = NULL;
	struct gazetteer *gaz = NULL;
	struct child c;
	char err[1024];
	int fd = -1;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--feed-child") == 0 && i + 1 < argc) {
			char *end;
			long v = strtol(argv[++i], &end, 10);

			fd = *end == '\0' && v >= 3 && v < 65536 ? (int)v : -1;
		}
		else if (strcmp(argv[i], "--iso-codes") == 0 && i + 1 < argc)
			iso = argv[++i];
		else if (strcmp(argv[i], "--packs") == 0 && i + 1 < argc)
			packs = argv[++i];
		else if (strcmp(argv[i], "-d") == 0)
			log_set_level(LOG_LVL_DEBUG);
		else {
			fprintf(stderr, "outaged --feed-child: unexpected "
			    "argument '%s'\n", argv[i]);
			return 2;
		}
	}
	if (fd < 3) {
		fprintf(stderr, "outaged --feed-child FD: started by the "
		    "daemon only\n");
		return 2;
	}
	/* the daemon gone, we go too */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 || getppid() == 1)
		return 1;
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);	/* a reload is the daemon's */
	signal(SIGINT, SIG_IGN);	/* ^C of a terminal: the daemon's */
	/* nothing open but stdio and our socket */
	if (fd > 3)
		close_range(3, (unsigned)fd - 1, 0);
	close_range((unsigned)fd + 1, ~0U, 0);
	if (gaz_load(&gaz, iso, packs, err, sizeof(err)) != OD_OK)
		fatalx("feed child: regions: %s", err);
	memset(&c, 0, sizeof(c));
	c.fd = fd;
	c.gaz = gaz;
	c.in = xmalloc(4 + FEEDCHILD_JOB_MAX);
	c.fetcher = fetcher_new(on_fetched, &c);
	feed_libs_load();
	sandbox();
	log_info("feed child: pid %ld sandboxed and ready", (long)getpid());
	try_open_hook();
	for (;;) {
		struct pollfd pfd[1 + FETCH_MAX_FDS];
		size_t n;
		int64_t t;

		pfd[0].fd = fd;
		pfd[0].events = POLLIN;
		pfd[0].revents = 0;
		n = fetcher_pollfds(c.fetcher, pfd + 1, FETCH_MAX_FDS);
		t = fetcher_timeout(c.fetcher);
		if (poll(pfd, 1 + n, t < 0 || t > 1000 ? 1000 : (int)t) < 0 &&
		    errno != EINTR)
			fatal("feed child: poll");
		if ((pfd[0].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    !read_jobs(&c))
			break;
		fetcher_run(c.fetcher, pfd + 1, n);
	}
	fetcher_free(c.fetcher);
	free(c.in);
	gaz_free(gaz);
	return 0;
}
