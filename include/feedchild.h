/* SPDX-License-Identifier: MIT */
/*
 * feedchild.h - privilege separation for the feeds, in the manner of
 * OpenBSD ntpd: fetching (libcurl), feed parsing (expat) and extraction
 * run in a child process, a fresh image of the daemon's own binary
 * (`outaged --feed-child FD ...`, exec'd, so nothing of the parent's memory
 * - database path, broker credentials, tokens - is in it), which confines
 * itself with a seccomp filter before it reads any untrusted byte.
 *
 * The two talk over a socketpair in frames: a 4-byte big-endian length,
 * then that many bytes of JSON.  The daemon sends jobs
 *   {"id", "feed", "url", "etag", "last_modified", "max_bytes", "timeout",
 *    "allow_private"}   (at most FEEDCHILD_JOB_MAX bytes)
 * and the child answers each with
 *   {"id", "feed", "status", "etag", "last_modified", "error",
 *    "items": [{"key", "link", "published", "extracted", "reports"}]}
 * (at most FEEDCHILD_RESULT_MAX bytes).  The daemon treats the child as
 * untrusted: a frame over the cap, not JSON, or of the wrong shape kills
 * the child (logged) and a new one is started, with backoff, as after a
 * crash.  Jobs in flight are lost; their feeds are tried at their next
 * interval.
 */
#ifndef FEEDCHILD_H
#define FEEDCHILD_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <jansson.h>

#include "outaged.h"

#define FEEDCHILD_JOB_MAX	(64 * 1024)		/* bytes */
#define FEEDCHILD_RESULT_MAX	(16 * 1024 * 1024)	/* bytes */
#define FEEDCHILD_BACKOFF_MIN_MS 500
#define FEEDCHILD_BACKOFF_MAX_MS (60 * 1000)

struct feedchild;

/*
 * A result frame (parsed JSON, borrowed).  Return 0 when it was well
 * formed, -1 when not: the child is then killed and restarted.
 */
typedef int	 feedchild_result_fn(void *arg, json_t *result);
/* The child is gone (crash, kill, malformed frame): jobs are lost. */
typedef void	 feedchild_lost_fn(void *arg);

/*
 * The parent's side.  The child is started at once (and again after it
 * is lost, with backoff) from exe (NULL: /proc/self/exe) with the
 * gazetteer's directories (borrowed; copied).
 */
struct feedchild *feedchild_new(const char *exe, const char *iso_codes_dir,
		    const char *packs_dir, int debug, feedchild_result_fn *,
		    feedchild_lost_fn *, void *arg);
void		 feedchild_free(struct feedchild *);	/* NULL is fine;
							   kills the child */
/* Queue a job (borrowed).  OD_OK, or OD_ETEMP when no child is up. */
enum od_err	 feedchild_send(struct feedchild *, json_t *job);
int		 feedchild_up(const struct feedchild *);
pid_t		 feedchild_pid(const struct feedchild *);	/* -1: none */
size_t		 feedchild_pollfds(struct feedchild *, struct pollfd *,
		    size_t max);
int64_t		 feedchild_timeout(struct feedchild *);	/* ms, -1: none */
/* After poll(): read results, notice a dead child, restart when due. */
void		 feedchild_run(struct feedchild *, const struct pollfd *,
		    size_t n);

/*
 * The child's side: `outaged --feed-child FD [--iso-codes DIR] [--packs
 * DIR] [-d]` (main.c calls this first thing).  Returns the exit status.
 */
int		 feedchild_main(int argc, char **argv);

#endif /* FEEDCHILD_H */
