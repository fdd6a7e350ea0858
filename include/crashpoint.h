/* SPDX-License-Identifier: MIT */
/*
 * crashpoint.h - named points where a test build ends the process, to
 * prove that a crash at each loses nothing acknowledged.
 *
 * CRASH_POINT("name") compiles to nothing unless OUTAGED_CRASH_POINTS is
 * defined (make crash: build/crash/outaged).  In that build, the process
 * _exit(99)s at the point when the environment variable OUTAGED_CRASH_AT
 * is "name" (the first time it is reached) or "name:N" (the Nth time),
 * after a line "crash point NAME (hit N)" on stderr.  No atexit handler,
 * no stdio flush, no SQLite close: as near to kill -9 as a test can aim.
 *
 * Points (tests/integration/test_crash_points.sh):
 *   before-begin        store.c store_begin, before BEGIN runs
 *   before-commit       pipeline.c, the pass staged, before COMMIT
 *   after-commit        pipeline.c, committed, before the acks are written
 *   before-publish      pipeline.c, an alert's outbox row, before publish
 *   after-puback        mqtt.c on_publish, the broker's PUBACK in, before
 *                       the outbox row is deleted
 *   webhook-before-mark deliver.c on_done, a webhook answered, before it
 *                       is marked sent
 */
#ifndef CRASHPOINT_H
#define CRASHPOINT_H

#ifdef OUTAGED_CRASH_POINTS
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline void
crash_point(const char *name)
{
	static long hits;	/* per file: each name is in one file */
	const char *at = getenv("OUTAGED_CRASH_AT");
	size_t len = strlen(name);
	long want = 1;

	if (at == NULL || strncmp(at, name, len) != 0 ||
	    (at[len] != '\0' && at[len] != ':'))
		return;
	if (at[len] == ':')
		want = strtol(at + len + 1, NULL, 10);
	if (++hits < want)
		return;
	fprintf(stderr, "crash point %s (hit %ld)\n", name, hits);
	_exit(99);
}
#define CRASH_POINT(name)	crash_point(name)
#else
#define CRASH_POINT(name)	do { } while (0)
#endif

#endif /* CRASHPOINT_H */
