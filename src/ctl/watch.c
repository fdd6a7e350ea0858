/* SPDX-License-Identifier: MIT */
/*
 * watch.c - outagectl watch: one line per status or alert event.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "outaged.h"
#include "util.h"
#include "ctl.h"

struct watch {
	struct backend	*b;
	int		 json;
	int64_t		 want, seen;	/* want 0: until interrupted */
};

/* "power outage critical ~600,000 households (46.1%)" */
static void
figure_summary(struct buf *sb, const json_t *o)
{
	const char *sev = jstr(o, "severity"), *unit = jstr(o, "unit");
	int64_t n = jint(o, "affected", -1);
	double pct = jreal(o, "percent", -1);
	char buf[64];

	if (sev != NULL && strcmp(sev, "none") != 0)
		text_add(sb, " %s", sev);
	if (n >= 0) {
		fmt_affected(n, jbool(o, "approximate"), buf, sizeof(buf));
		text_add(sb, " %s%s%s", buf, unit ? " " : "", unit ? unit : "");
	}
	if (pct >= 0) {
		fmt_percent(pct, n, 0, buf, sizeof(buf));
		text_add(sb, " (%s)", buf);
	}
}

/* One line for an event: time, event, region, what it says. */
static void
watch_line(const char *event, const char *data)
{
	json_t *j = json_loads(data, 0, NULL);
	char when[32];
	struct buf sb = { .max = 1023 };	/* one line */
	int64_t at = jtime(j, "at");
	char *safe;

	if (at == 0)
		at = jtime(j, "generated_at");
	time_format(at != 0 ? at : now_wall_ms(), when, sizeof(when));
	text_add(&sb, "%s  %-6s  %-8s ", when, event,
	    or_dash(jstr(j, "region")));
	if (j == NULL)
		text_add(&sb, " (not JSON)");
	else if (strcmp(event, "alert") == 0) {
		text_add(&sb, " %s: %s", or_dash(jstr(j, "event")),
		    or_dash(jstr(j, "utility")));
		figure_summary(&sb, j);
	} else if (strcmp(event, "status") == 0) {
		const json_t *utils = json_object_get(j, "utilities");
		const char *sep = " ";

		for (int u = 0; u < UTIL_COUNT; u++) {
			const char *name = utility_name((enum utility)u);
			const json_t *fig = json_object_get(utils, name);

			if (!json_is_object(fig) || fig_never(fig))
				continue;
			text_add(&sb, "%s%s %s", sep, name,
			    or_dash(jstr(fig, "status")));
			figure_summary(&sb, fig);
			sep = ", ";
		}
		if (sep[0] == ' ')
			text_add(&sb, " nothing reported");
	}
	safe = term_safe(buf_str(&sb));
	buf_free(&sb);
	puts(safe);
	free(safe);
	json_decref(j);
}

/* Print an event; stop after the events wanted, or when stdout fails. */
static int
watch_event(void *arg, const char *event, const char *data)
{
	struct watch *w = arg;

	if (w->json)
		puts(data);
	else
		watch_line(event, data);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		snprintf(w->b->err, sizeof(w->b->err), "stdout: %s",
		    strerror(errno));
		w->b->fail = CTL_NODATA;
		return -1;
	}
	return w->want > 0 && ++w->seen >= w->want;
}

int
cmd_watch(struct backend *b, const struct opts *o, char **args, int nargs)
{
	struct watch_filter f = { o->region, o->min_severity };
	struct watch w;
	int rc;

	(void)args;
	(void)nargs;
	memset(&w, 0, sizeof(w));
	if ((o->seen & O_COUNT) && (o->count == NULL ||
	    parse_i64(o->count, 1, INT64_MAX, &w.want) != OD_OK)) {
		fprintf(stderr, "outagectl: watch: --count N: expected a number "
		    "of events >= 1\n");
		return CTL_USAGE;
	}
	if (o->region != NULL && !api_text_ok(o->region, 256)) {
		region_usage("--region: ", o->region);
		return CTL_USAGE;
	}
	if (o->min_severity != NULL && severity_rank(o->min_severity) < 0) {
		fprintf(stderr, "outagectl: watch: --min-severity: expected "
		    "none, minor, major or critical\n");
		return CTL_USAGE;
	}
	if ((rc = backend_open(b, o)) != CTL_OK)
		return rc;
	w.b = b;
	w.json = (o->seen & O_JSON) != 0;
	if (isatty(STDOUT_FILENO) && isatty(STDERR_FILENO))
		fprintf(stderr, "Watching %s (interrupt to stop)\n", b->where);
	assert(b->ops->watch != NULL);
	if (b->ops->watch(b, &f, watch_event, &w) != OD_OK)
		return backend_failed(b);
	return CTL_OK;
}
