/* SPDX-License-Identifier: MIT */
/*
 * feedchild.c - the daemon's side of the feed child (feedchild.h): start
 * it (fork, then exec of our own binary with only the socketpair's end
 * open), write jobs, read and check result frames, notice its death and
 * start it again with backoff.  The child's side is feedsandbox.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "feedchild.h"
#include "log.h"
#include "util.h"

#define CHILD_FD		3	/* the socket's number in the child */
#define STABLE_MS		(60 * 1000) /* alive this long: backoff reset */

struct feedchild {
	char		*exe;
	char		*iso_dir;
	char		*packs_dir;
	int		 debug;
	feedchild_result_fn *on_result;
	feedchild_lost_fn *on_lost;
	void		*arg;

	pid_t		 pid;		/* -1: none */
	int		 fd;		/* our end; -1: none */
	int64_t		 started;	/* monotonic ms */
	int64_t		 restart_at;	/* monotonic ms; -1: not pending */
	int64_t		 backoff;	/* ms */
	unsigned char	*in;		/* what the child wrote, unread */
	size_t		 inlen, incap;
	unsigned char	*out;		/* jobs not yet written */
	size_t		 outlen, outoff;
};

/* Only what the child needs of our environment: locale and time zone,
 * where TLS finds its certificates, the sanitizers' options and the
 * child's own test hooks.  Credentials never travel in the environment,
 * but what else is there is none of the child's business. */
static int
env_kept(const char *e)
{
	static const char *const keep[] = {
		"TZ=", "LANG=", "LC_", "SSL_CERT_FILE=", "SSL_CERT_DIR=",
		"CURL_CA_BUNDLE=", "ASAN_OPTIONS=", "UBSAN_OPTIONS=",
		"LSAN_OPTIONS=", "OUTAGED_FEED_CHILD_"
	};

	for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (strncmp(e, keep[i], strlen(keep[i])) == 0)
			return 1;
	return 0;
}

static void
start(struct feedchild *fc)
{
	extern char **environ;
	int sv[2];
	pid_t pid;
	char fdarg[16];
	const char *argv[10];
	char **envp;
	size_t na = 0, ne = 0, nenv = 0;

	fc->restart_at = -1;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		log_warn("feed child: socketpair");
		goto retry;
	}
	snprintf(fdarg, sizeof(fdarg), "%d", CHILD_FD);
	argv[na++] = "outaged";
	argv[na++] = "--feed-child";
	argv[na++] = fdarg;
	if (fc->iso_dir != NULL) {
		argv[na++] = "--iso-codes";
		argv[na++] = fc->iso_dir;
	}
	if (fc->packs_dir != NULL) {
		argv[na++] = "--packs";
		argv[na++] = fc->packs_dir;
	}
	if (fc->debug)
		argv[na++] = "-d";
	argv[na] = NULL;
	for (char **e = environ; *e != NULL; e++)
		nenv++;
	envp = xcalloc(nenv + 1, sizeof(*envp));
	for (char **e = environ; *e != NULL; e++)
		if (env_kept(*e))
			envp[ne++] = *e;
	envp[ne] = NULL;

	if ((pid = fork()) == -1) {
		log_warn("feed child: fork");
		free(envp);
		close(sv[0]);
		close(sv[1]);
		goto retry;
	}
	if (pid == 0) {
		/* only async-signal-safe calls until exec: the socket becomes
		 * fd 3, everything else of ours (database, broker, HTTP) is
		 * closed; stdio stays for the log */
		if (dup2(sv[1], CHILD_FD) == -1)
			_exit(127);
		if (close_range(CHILD_FD + 1, ~0U, 0) == -1)
			for (int fd = CHILD_FD + 1; fd < 65536; fd++)
				close(fd);
		execve(fc->exe, (char *const *)(uintptr_t)argv, envp);
		_exit(127);
	}
	free(envp);
	close(sv[1]);
	fc->fd = sv[0];
	if (fcntl(fc->fd, F_SETFL, fcntl(fc->fd, F_GETFL) | O_NONBLOCK) == -1)
		log_warn("feed child: O_NONBLOCK");
	fc->pid = pid;
	fc->started = now_mono_ms();
	fc->inlen = 0;
	fc->outlen = fc->outoff = 0;
	log_info("feed child: started (pid %ld)", (long)pid);
	return;
retry:
	fc->restart_at = now_mono_ms() + fc->backoff;
}

/* The child is gone or condemned: kill, reap, log, plan the restart. */
static void
lose(struct feedchild *fc, const char *why)
{
	int status = 0;
	pid_t pid = fc->pid;

	if (pid <= 0)
		return;
	if (fc->fd >= 0)
		close(fc->fd);
	fc->fd = -1;
	kill(pid, SIGKILL);	/* no-op if it is already dead */
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	fc->pid = -1;
	if (now_mono_ms() - fc->started >= STABLE_MS)
		fc->backoff = FEEDCHILD_BACKOFF_MIN_MS;
	if (why != NULL)
		log_errorx("feed child: pid %ld killed: %s; restarting in %lld ms",
		    (long)pid, why, (long long)fc->backoff);
	else if (WIFSIGNALED(status))
		log_errorx("feed child: pid %ld died of signal %d (%s); "
		    "restarting in %lld ms", (long)pid, WTERMSIG(status),
		    strsignal(WTERMSIG(status)), (long long)fc->backoff);
	else
		log_errorx("feed child: pid %ld exited with status %d; "
		    "restarting in %lld ms", (long)pid,
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1,
		    (long long)fc->backoff);
	fc->restart_at = now_mono_ms() + fc->backoff;
	fc->backoff *= 2;
	if (fc->backoff > FEEDCHILD_BACKOFF_MAX_MS)
		fc->backoff = FEEDCHILD_BACKOFF_MAX_MS;
	fc->inlen = 0;
	fc->outlen = fc->outoff = 0;
	if (fc->on_lost != NULL)
		fc->on_lost(fc->arg);
}

struct feedchild *
feedchild_new(const char *exe, const char *iso_dir, const char *packs_dir,
    int debug, feedchild_result_fn *on_result, feedchild_lost_fn *on_lost,
    void *arg)
{
	struct feedchild *fc = xcalloc(1, sizeof(*fc));

	fc->exe = xstrdup(exe != NULL ? exe : "/proc/self/exe");
	fc->iso_dir = iso_dir != NULL ? xstrdup(iso_dir) : NULL;
	fc->packs_dir = packs_dir != NULL ? xstrdup(packs_dir) : NULL;
	fc->debug = debug;
	fc->on_result = on_result;
	fc->on_lost = on_lost;
	fc->arg = arg;
	fc->pid = -1;
	fc->fd = -1;
	fc->backoff = FEEDCHILD_BACKOFF_MIN_MS;
	start(fc);
	return fc;
}

void
feedchild_free(struct feedchild *fc)
{
	if (fc == NULL)
		return;
	if (fc->pid > 0) {
		int status;

		close(fc->fd);
		kill(fc->pid, SIGKILL);
		while (waitpid(fc->pid, &status, 0) == -1 && errno == EINTR)
			;
	}
	free(fc->in);
	free(fc->out);
	free(fc->exe);
	free(fc->iso_dir);
	free(fc->packs_dir);
	free(fc);
}

int
feedchild_up(const struct feedchild *fc)
{
	return fc != NULL && fc->pid > 0;
}

pid_t
feedchild_pid(const struct feedchild *fc)
{
	return fc != NULL && fc->pid > 0 ? fc->pid : -1;
}

enum od_err
feedchild_send(struct feedchild *fc, json_t *job)
{
	char *s;
	size_t len;

	if (!feedchild_up(fc))
		return OD_ETEMP;
	if ((s = json_dumps(job, JSON_COMPACT)) == NULL)
		return OD_ENOMEM;
	len = strlen(s);
	if (len > FEEDCHILD_JOB_MAX) {
		free(s);
		return OD_E2BIG;
	}
	if (fc->outoff > 0 && fc->outoff == fc->outlen)
		fc->outlen = fc->outoff = 0;
	fc->out = xreallocarray(fc->out, fc->outlen + 4 + len, 1);
	fc->out[fc->outlen++] = (unsigned char)(len >> 24);
	fc->out[fc->outlen++] = (unsigned char)(len >> 16);
	fc->out[fc->outlen++] = (unsigned char)(len >> 8);
	fc->out[fc->outlen++] = (unsigned char)len;
	memcpy(fc->out + fc->outlen, s, len);
	fc->outlen += len;
	free(s);
	return OD_OK;
}

size_t
feedchild_pollfds(struct feedchild *fc, struct pollfd *pfd, size_t max)
{
	if (fc == NULL || fc->fd < 0 || max < 1)
		return 0;
	pfd[0].fd = fc->fd;
	pfd[0].events = POLLIN;
	if (fc->outoff < fc->outlen)
		pfd[0].events |= POLLOUT;
	pfd[0].revents = 0;
	return 1;
}

int64_t
feedchild_timeout(struct feedchild *fc)
{
	int64_t left;

	if (fc == NULL || fc->restart_at < 0)
		return fc != NULL && fc->outoff < fc->outlen ? 0 : -1;
	left = fc->restart_at - now_mono_ms();
	return left < 0 ? 0 : left;
}

static void
write_out(struct feedchild *fc)
{
	while (fc->outoff < fc->outlen) {
		ssize_t w = write(fc->fd, fc->out + fc->outoff,
		    fc->outlen - fc->outoff);

		if (w < 0) {
			if (errno != EAGAIN && errno != EINTR)
				lose(fc, NULL);
			return;
		}
		fc->outoff += (size_t)w;
	}
}

/* Complete frames handed to the callback; -1 when the child is lost. */
static int
read_in(struct feedchild *fc)
{
	for (;;) {
		ssize_t r;
		size_t off = 0;

		if (fc->incap - fc->inlen < 65536) {
			size_t cap = fc->incap ? fc->incap * 2 : 131072;

			if (cap > FEEDCHILD_RESULT_MAX + 4 + 65536)
				cap = FEEDCHILD_RESULT_MAX + 4 + 65536;
			if (cap > fc->incap) {
				fc->in = xreallocarray(fc->in, cap, 1);
				fc->incap = cap;
			}
		}
		r = read(fc->fd, fc->in + fc->inlen, fc->incap - fc->inlen);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN)
			return 0;
		if (r <= 0) {
			lose(fc, NULL);		/* EOF: it died */
			return -1;
		}
		fc->inlen += (size_t)r;
		while (fc->inlen - off >= 4) {
			const unsigned char *p = fc->in + off;
			size_t len = (size_t)p[0] << 24 | (size_t)p[1] << 16 |
			    (size_t)p[2] << 8 | p[3];
			json_error_t jerr;
			json_t *o;
			char why[300];

			if (len == 0 || len > FEEDCHILD_RESULT_MAX) {
				snprintf(why, sizeof(why), "a frame of %zu "
				    "bytes (at most %d)", len,
				    FEEDCHILD_RESULT_MAX);
				lose(fc, why);
				return -1;
			}
			if (fc->inlen - off - 4 < len)
				break;
			o = json_loadb((const char *)p + 4, len,
			    JSON_REJECT_DUPLICATES, &jerr);
			off += 4 + len;
			if (o == NULL || !json_is_object(o)) {
				snprintf(why, sizeof(why), "a frame that is "
				    "not a JSON object (%s)", o == NULL ?
				    jerr.text : "wrong type");
				json_decref(o);
				lose(fc, why);
				return -1;
			}
			if (fc->on_result(fc->arg, o) != 0) {
				json_decref(o);
				lose(fc, "a malformed result frame");
				return -1;
			}
			json_decref(o);
			if (fc->pid <= 0)
				return -1;
		}
		memmove(fc->in, fc->in + off, fc->inlen - off);
		fc->inlen -= off;
	}
}

void
feedchild_run(struct feedchild *fc, const struct pollfd *pfd, size_t n)
{
	if (fc == NULL)
		return;
	if (fc->pid <= 0) {
		if (fc->restart_at >= 0 && now_mono_ms() >= fc->restart_at)
			start(fc);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (pfd[i].fd != fc->fd || pfd[i].revents == 0)
			continue;
		if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR))
			if (read_in(fc) != 0)
				return;
		break;
	}
	if (fc->pid > 0 && fc->outoff < fc->outlen)
		write_out(fc);
}
