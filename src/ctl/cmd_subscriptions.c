/* SPDX-License-Identifier: MIT */
/*
 * cmd_subscriptions.c - outagectl subscriptions: the subscriptions the
 * token may see (GET /api/v1/subscriptions), as a table.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "outaged.h"
#include "util.h"
#include "ctl.h"

/* A JSON array of strings as "a,b,c" (NULL: "-"); "all" for every utility. */
static void
join(struct buf *sb, const json_t *a, int utilities)
{
	const json_t *v;
	size_t i;

	if (utilities && json_array_size(a) == UTIL_COUNT) {
		text_add(sb, "all");
		return;
	}
	json_array_foreach(a, i, v)
		text_add(sb, "%s%s", i ? "," : "", or_dash(json_string_value(v)));
	if (json_array_size(a) == 0)
		text_add(sb, "-");
}

/* "major", "major, >=10,000", "minor, >=5%" */
static void
threshold(struct buf *sb, const json_t *s)
{
	int64_t n = jint(s, "min_affected", 0);
	double p = jreal(s, "min_percent", 0);
	char num[32];

	text_add(sb, "%s", or_dash(jstr(s, "min_severity")));
	if (n > 0) {
		fmt_count(n, num, sizeof(num));
		text_add(sb, ", >=%s", num);
	}
	if (p > 0)
		text_add(sb, ", >=%g%%", p);
}

static void
subs_table(const json_t *subs)
{
	static const char *const head[] = { "ID", "NAME", "REGIONS",
	    "UTILITIES", "THRESHOLD", "CHANNEL", "TARGET", "LANG",
	    "DISABLED" };
	static const int right[] = { 1, 0, 0, 0, 0, 0, 0, 0, 0 };
	struct table t = { NELEM(head), head, right, NULL, 0, 0 };
	const json_t *s;
	size_t i;

	json_array_foreach(subs, i, s) {
		struct cell *c = table_row(&t);
		const json_t *ch = json_object_get(s, "channel");
		const char *type = jstr(ch, "type"), *preset = jstr(ch, "preset");
		struct buf sb = { .max = 4095 };
		char num[32];

		snprintf(num, sizeof(num), "%lld", (long long)jint(s, "id", 0));
		cell_set(&c[0], num, NULL);
		cell_set(&c[1], jstr(s, "name") != NULL &&
		    jstr(s, "name")[0] != '\0' ? jstr(s, "name") : "-", NULL);
		if (jstr(s, "device") != NULL)
			text_add(&sb, "device:%s", jstr(s, "device"));
		else
			join(&sb, json_object_get(s, "regions"), 0);
		cell_set(&c[2], buf_str(&sb), NULL);
		buf_reset(&sb);
		join(&sb, json_object_get(s, "utilities"), 1);
		cell_set(&c[3], buf_str(&sb), NULL);
		buf_reset(&sb);
		threshold(&sb, s);
		cell_set(&c[4], buf_str(&sb), severity_sgr(jstr(s,
		    "min_severity")));
		buf_reset(&sb);
		text_add(&sb, "%s%s%s", or_dash(type), preset ? "/" : "",
		    preset ? preset : "");
		cell_set(&c[5], buf_str(&sb), NULL);
		buf_reset(&sb);
		if (type != NULL && strcmp(type, "webhook") == 0) {
			text_add(&sb, "%s", or_dash(jstr(ch, "url")));
			if (jstr(ch, "chat_id") != NULL)
				text_add(&sb, " (chat %s)", jstr(ch, "chat_id"));
		} else if (type != NULL && strcmp(type, "email") == 0)
			text_add(&sb, "%s", or_dash(jstr(ch, "to")));
		else
			text_add(&sb, "%s", or_dash(jstr(ch, "topic")));
		cell_set(&c[6], buf_str(&sb), NULL);
		buf_free(&sb);
		cell_set(&c[7], or_dash(jstr(s, "lang")), NULL);
		cell_set(&c[8], jbool(s, "disabled") ? "yes" : "no", NULL);
	}
	table_print(&t);
	table_free(&t);
}

int
cmd_subscriptions(struct backend *b, const struct opts *o, char **args,
    int nargs)
{
	json_t *j, *subs;
	int rc;

	(void)args;
	(void)nargs;
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	assert(b->ops->subscriptions != NULL);
	if (b->ops->subscriptions(b, &j) != OD_OK)
		return backend_failed(b);
	subs = answer_array(j, "subscriptions");
	if (o->seen & O_JSON)
		rc = print_array(subs);
	else if (json_array_size(subs) == 0)
		printf("No subscriptions.\n");
	else
		subs_table(subs);
	json_decref(j);
	return rc;
}
