/* SPDX-License-Identifier: MIT */
/*
 * cmd_subscribe.c - outagectl subscribe: add a subscription (POST
 * /api/v1/subscriptions) and print its id.  What the daemon validates
 * (regions, severities, durations, URLs, secrets, languages) is left to
 * it, so its reason is shown as it gave it; only what cannot be sent at
 * all is a usage error here.
 */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "outaged.h"
#include "util.h"
#include "ctl.h"

static int
sub_usage(const char *why)
{
	fprintf(stderr, "outagectl: subscribe: %s\n", why);
	return CTL_USAGE;
}

/* "HH:MM-HH:MM" into the two halves; -1 when it is not that. */
static int
parse_quiet(const char *s, char *from, char *to)
{
	const char *dash = strchr(s, '-');

	if (dash == NULL || dash - s != 5 || strlen(dash + 1) != 5)
		return -1;
	memcpy(from, s, 5);
	from[5] = '\0';
	memcpy(to, dash + 1, 6);
	for (int i = 0; i < 5; i++)
		if ((i == 2) != (from[i] == ':') || (i == 2) != (to[i] == ':') ||
		    (i != 2 && (from[i] < '0' || from[i] > '9' ||
		    to[i] < '0' || to[i] > '9')))
			return -1;
	return 0;
}

/* The channel object from --webhook, --email or --mqtt. */
static json_t *
channel_json(const struct opts *o)
{
	json_t *c = json_object();

	if (o->webhook != NULL) {
		json_object_set_new(c, "type", j_str("webhook"));
		json_object_set_new(c, "url", j_str(o->webhook));
		if (o->secret != NULL)
			json_object_set_new(c, "secret", j_str(o->secret));
		if (o->preset != NULL)
			json_object_set_new(c, "preset", j_str(o->preset));
		if (o->chat_id != NULL)
			json_object_set_new(c, "chat_id", j_str(o->chat_id));
	} else if (o->email != NULL) {
		json_object_set_new(c, "type", j_str("email"));
		json_object_set_new(c, "to", j_str(o->email));
	} else {
		json_object_set_new(c, "type", j_str("mqtt"));
		json_object_set_new(c, "topic", j_str(o->mqtt));
	}
	return c;
}

int
cmd_subscribe(struct backend *b, const struct opts *o, char **args, int nargs)
{
	int nchan = (o->webhook != NULL) + (o->email != NULL) +
	    (o->mqtt != NULL);
	char from[8], to[8];
	int64_t affected = -1;
	double percent = -1;
	json_t *body, *a, *j;
	char *post, *end, *safe;
	int rc;

	(void)args;
	(void)nargs;
	if (o->nregion == 0 && o->device == NULL)
		return sub_usage("--region is required (repeat it for more; "
		    "\"*\" is every region), or --device ID");
	if (o->nregion > 0 && o->device != NULL)
		return sub_usage("--region and --device do not go together "
		    "(a subscription names regions or one device)");
	if (o->device != NULL && !api_text_ok(o->device, 64))
		return sub_usage("--device: expected a device id (such as "
		    "home-1)");
	if (nchan != 1)
		return sub_usage("give one channel: --webhook URL, --email "
		    "ADDR or --mqtt TOPIC");
	if (o->webhook == NULL && (o->seen & (O_SECRET | O_PRESET | O_CHAT_ID)))
		return sub_usage("--secret, --preset and --chat-id go with "
		    "--webhook");
	if (o->tz != NULL && o->quiet == NULL)
		return sub_usage("--tz goes with --quiet");
	for (size_t i = 0; i < o->nregion; i++)
		if (!api_text_ok(o->regionv[i], 256)) {
			region_usage("--region: ", o->regionv[i]);
			return CTL_USAGE;
		}
	if (o->min_affected != NULL && parse_i64(o->min_affected, 0,
	    INT64_MAX, &affected) != OD_OK)
		return sub_usage("--min-affected: expected a number >= 0");
	if (o->min_percent != NULL) {
		errno = 0;
		percent = strtod(o->min_percent, &end);
		if (errno != 0 || end == o->min_percent || *end != '\0' ||
		    !isfinite(percent))
			return sub_usage("--min-percent: expected a number "
			    "(percent, such as 5 or 2.5)");
	}
	if (o->quiet != NULL && parse_quiet(o->quiet, from, to) < 0)
		return sub_usage("--quiet: expected HH:MM-HH:MM, such as "
		    "22:00-07:00");
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;

	body = json_object();
	if (o->name != NULL)
		json_object_set_new(body, "name", j_str(o->name));
	if (o->device != NULL) {
		json_object_set_new(body, "device", j_str(o->device));
	} else {
		a = json_array();
		for (size_t i = 0; i < o->nregion; i++)
			json_array_append_new(a, j_str(o->regionv[i]));
		json_object_set_new(body, "regions", a);
	}
	if (o->nutility > 0) {
		a = json_array();
		for (size_t i = 0; i < o->nutility; i++)
			json_array_append_new(a, j_str(o->utilityv[i]));
		json_object_set_new(body, "utilities", a);
	}
	if (o->min_severity != NULL)
		json_object_set_new(body, "min_severity",
		    j_str(o->min_severity));
	if (affected >= 0)
		json_object_set_new(body, "min_affected",
		    json_integer((json_int_t)affected));
	if (o->min_percent != NULL)
		json_object_set_new(body, "min_percent", json_real(percent));
	json_object_set_new(body, "channel", channel_json(o));
	if (o->repeat != NULL)
		json_object_set_new(body, "repeat", j_str(o->repeat));
	if (o->seen & O_NO_RESOLVED)
		json_object_set_new(body, "send_resolved", json_false());
	if (o->min_clear != NULL)
		json_object_set_new(body, "min_clear", j_str(o->min_clear));
	if (o->quiet != NULL) {
		json_t *q = json_pack("{s:s,s:s}", "from", from, "to", to);

		if (o->tz != NULL)
			json_object_set_new(q, "tz", j_str(o->tz));
		json_object_set_new(body, "quiet_hours", q);
	}
	if (o->lang != NULL)
		json_object_set_new(body, "lang", j_str(o->lang));
	post = json_dumps(body, OD_JSON_COMPACT);
	json_decref(body);
	if (post == NULL) {
		fprintf(stderr, "outagectl: cannot encode the subscription (is "
		    "every value UTF-8?)\n");
		return CTL_USAGE;
	}
	assert(b->ops->subscribe != NULL);
	if (b->ops->subscribe(b, post, &j) != OD_OK) {
		free(post);
		return backend_failed(b);
	}
	free(post);
	if (o->seen & O_JSON)
		return json_print(j) == 0 ? CTL_OK : CTL_NODATA;
	/* the id alone: id=$(outagectl subscribe ...) */
	if (!json_is_integer(json_object_get(j, "id"))) {
		safe = term_safe(b->where);
		fprintf(stderr, "outagectl: %s answered without an id\n", safe);
		free(safe);
		json_decref(j);
		return CTL_UNAVAIL;
	}
	printf("%lld\n", (long long)jint(j, "id", 0));
	json_decref(j);
	return CTL_OK;
}
