/* SPDX-License-Identifier: MIT */
/*
 * reason.h - why a report or article was refused.  One enum, one table of
 * the names senders see (the "error" of a rejection, the reason label of
 * outaged_reports_rejected_total) and of the HTTP status each maps to.
 */
#ifndef REASON_H
#define REASON_H

enum reject_reason {
	REJ_INVALID_JSON = 0,	/* not JSON, bad UTF-8, duplicate keys */
	REJ_INVALID_PAYLOAD,	/* neither an object nor an array of them */
	REJ_PAYLOAD_TOO_LARGE,	/* over limits.max_payload */
	REJ_TOO_MANY_REPORTS,	/* an array over limits.max_batch */
	REJ_MISSING_FIELD,
	REJ_INVALID_FIELD,
	REJ_UNKNOWN_REGION,
	REJ_AMBIGUOUS_REGION,
	REJ_SOURCE_MISMATCH,	/* the report's source is not the topic's */
	REJ_SOURCE_NOT_ALLOWED,	/* the token is scoped to other sources */
	REJ_INVALID_TOPIC,	/* the topic's source level is not a name */
	REJ_INVALID_ARTICLE,	/* a pushed article that is not one */
	REJ_UNKNOWN_DEVICE,	/* a sensor message from an unregistered device */
	REJ_COUNT
};

/* "unknown_region" and so on; never NULL for a valid reason. */
const char	*reject_reason_name(enum reject_reason);
/* The HTTP status of a request refused for this reason alone (400, 403, 413). */
int		 reject_reason_http_status(enum reject_reason);
/* 0 and *out, or -1 for a name that is not a reason. */
int		 reject_reason_from_name(const char *, enum reject_reason *out);

#endif /* REASON_H */
