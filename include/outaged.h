/* SPDX-License-Identifier: MIT */
/*
 * outaged.h - project-wide constants and the one error enum every module
 * returns.  Functions return enum od_err; when the caller needs a reason it
 * passes a buffer (char *err, size_t errlen) that the callee fills.
 */
#ifndef OUTAGED_H
#define OUTAGED_H

#include <stddef.h>

#define OUTAGED_VERSION		"0.1.0"

enum od_err {
	OD_OK = 0,
	OD_ENOMEM,		/* allocation failed */
	OD_EINVAL,		/* invalid argument or value */
	OD_EPARSE,		/* malformed input */
	OD_E2BIG,		/* input over a size limit */
	OD_ENOENT,		/* no such thing (region, file, row) */
	OD_EDB,			/* database error */
	OD_ENET,		/* network or broker error */
	OD_ETEMP,		/* temporary; try again later */
	OD_EDUP			/* already present (idempotent no-op) */
};

const char	*od_strerror(enum od_err);

/* Utilities a report may name (DESIGN.md, Report). */
enum utility {
	UTIL_POWER = 0,
	UTIL_HEAT,
	UTIL_WATER,
	UTIL_GAS,
	UTIL_TELECOM,
	UTIL_COUNT
};

const char	*utility_name(enum utility);
int		 utility_from_name(const char *, enum utility *);	/* 0 ok, -1 unknown */

/* Severity of a region's situation for one utility. */
enum severity {
	SEV_NONE = 0,
	SEV_MINOR,
	SEV_MAJOR,
	SEV_CRITICAL
};

const char	*severity_name(enum severity);
int		 severity_from_name(const char *, enum severity *);

#define OD_REGION_ID_MAX	64	/* bytes, "UA-12:dnipro" style ids */
#define OD_SOURCE_MAX		64	/* bytes, [A-Za-z0-9._-] */

/* jansson dump flags for what we send: compact, 46.1 rather than 46.100000000000001 */
#define OD_JSON_COMPACT		(JSON_COMPACT | JSON_REAL_PRECISION(12))

#endif /* OUTAGED_H */
