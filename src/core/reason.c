/* SPDX-License-Identifier: MIT */
/*
 * reason.c - the table of rejection reasons (reason.h).
 */
#include <assert.h>
#include <string.h>

#include "reason.h"
#include "util.h"

static const struct {
	const char	*name;
	int		 http_status;
} reasons[REJ_COUNT] = {
	[REJ_INVALID_JSON]	 = { "invalid_json", 400 },
	[REJ_INVALID_PAYLOAD]	 = { "invalid_payload", 400 },
	[REJ_PAYLOAD_TOO_LARGE]	 = { "payload_too_large", 413 },
	[REJ_TOO_MANY_REPORTS]	 = { "too_many_reports", 400 },
	[REJ_MISSING_FIELD]	 = { "missing_field", 400 },
	[REJ_INVALID_FIELD]	 = { "invalid_field", 400 },
	[REJ_UNKNOWN_REGION]	 = { "unknown_region", 400 },
	[REJ_AMBIGUOUS_REGION]	 = { "ambiguous_region", 400 },
	[REJ_SOURCE_MISMATCH]	 = { "source_mismatch", 400 },
	[REJ_SOURCE_NOT_ALLOWED] = { "source_not_allowed", 403 },
	[REJ_INVALID_TOPIC]	 = { "invalid_topic", 400 },
	[REJ_INVALID_ARTICLE]	 = { "invalid_article", 400 },
	[REJ_UNKNOWN_DEVICE]	 = { "unknown_device", 403 },
};

const char *
reject_reason_name(enum reject_reason r)
{
	assert((unsigned)r < REJ_COUNT && reasons[r].name != NULL);
	return reasons[r].name;
}

int
reject_reason_http_status(enum reject_reason r)
{
	assert((unsigned)r < REJ_COUNT);
	return reasons[r].http_status;
}

int
reject_reason_from_name(const char *name, enum reject_reason *out)
{
	for (size_t i = 0; i < NELEM(reasons); i++)
		if (strcmp(reasons[i].name, name) == 0) {
			*out = (enum reject_reason)i;
			return 0;
		}
	return -1;
}
