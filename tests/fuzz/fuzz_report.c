/* SPDX-License-Identifier: MIT */
/*
 * fuzz_report.c - libFuzzer harness for report_parse() and
 * report_reject_json() (src/core/report.c).
 *
 * The input is the MQTT payload as received.  Its first byte also picks the
 * topic: odd -> the report arrived on outages/reports/fuzz (topic_source
 * "fuzz", so a report naming another source is refused), even -> no topic
 * source (the CLI and bench path).  '{' and '[' are odd; a seed that starts
 * with a space or a newline takes the other path.  "now" is fixed so that a
 * reproducer behaves the same on any day.
 *
 * Besides the sanitizers, it checks what report.h promises: every element
 * lands in reports or rejects, accepted reports are complete, and every
 * rejection renders as JSON carrying "error", "detail" and "payload",
 * and the flat reader (report_flat.c) decides as jansson alone does.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "region.h"
#include "report.h"
#include "../../src/core/report_int.h"	/* report_flat_enable */

#include "fuzz_common.h"

#define FUZZ_NOW_MS	INT64_C(1795694400000)	/* 2026-11-26T12:00:00Z */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_reject_json(const struct report_reject *rj, const char *buf,
    size_t len)
{
	char *s = report_reject_json(rj, buf, len);
	json_error_t jerr;
	json_t *o;

	FUZZ_CHECK(s != NULL);
	o = json_loads(s, JSON_ALLOW_NUL, &jerr);
	FUZZ_CHECK(o != NULL);				/* it is JSON */
	FUZZ_CHECK(json_is_string(json_object_get(o, "error")));
	FUZZ_CHECK(json_is_string(json_object_get(o, "detail")));
	FUZZ_CHECK(json_is_string(json_object_get(o, "payload")));
	FUZZ_CHECK(strcmp(json_string_value(json_object_get(o, "error")),
	    reject_reason_name(rj->reason)) == 0);
	json_decref(o);
	free(s);
}

/* The same batch from jansson alone: every report and rejection. */
static void
check_as_jansson(const struct report_batch *a, const char *buf, size_t len,
    const struct report_limits *lim, const struct gazetteer *gaz,
    const char *topic)
{
	struct report_batch b;

	report_flat_enable(0);
	FUZZ_CHECK(report_parse(buf, len, lim, gaz, topic, FUZZ_NOW_MS,
	    &b) == OD_OK);
	report_flat_enable(1);
	FUZZ_CHECK(a->nreports == b.nreports && a->nrejects == b.nrejects);
	for (size_t i = 0; i < a->nreports; i++) {
		const struct report *x = &a->reports[i], *y = &b.reports[i];

		FUZZ_CHECK(strcmp(x->key, y->key) == 0 &&
		    strcmp(x->raw, y->raw) == 0 &&
		    strcmp(x->region_input, y->region_input) == 0 &&
		    strcmp(x->unit, y->unit) == 0 && x->region == y->region &&
		    x->utility == y->utility && x->status == y->status &&
		    x->affected == y->affected && x->percent == y->percent &&
		    x->approximate == y->approximate &&
		    x->observed_at == y->observed_at && x->index == y->index);
	}
	for (size_t i = 0; i < a->nrejects; i++)
		FUZZ_CHECK(a->rejects[i].reason == b.rejects[i].reason &&
		    a->rejects[i].index == b.rejects[i].index &&
		    strcmp(a->rejects[i].detail, b.rejects[i].detail) == 0 &&
		    strcmp(a->rejects[i].source, b.rejects[i].source) == 0);
	report_batch_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct report_limits lim = {
		.max_payload = 65536,
		.max_batch = 100,
		.max_future_ms = 300000,
	};
	const struct gazetteer *gaz = fuzz_gazetteer();
	const char *buf = (const char *)data;
	const char *topic = (size > 0 && (data[0] & 1)) ? "fuzz" : NULL;
	struct report_batch b;

	FUZZ_CHECK(report_parse(buf, size, &lim, gaz, topic, FUZZ_NOW_MS,
	    &b) == OD_OK);
	check_as_jansson(&b, buf, size, &lim, gaz, topic);

	/* every element ends up somewhere; at most max_batch of them */
	FUZZ_CHECK(b.nreports + b.nrejects >= 1);
	FUZZ_CHECK(b.nreports + b.nrejects <= lim.max_batch);
	FUZZ_CHECK(b.nreports == 0 || b.reports != NULL);
	FUZZ_CHECK(b.nrejects == 0 || b.rejects != NULL);

	for (size_t i = 0; i < b.nreports; i++) {
		const struct report *r = &b.reports[i];

		FUZZ_CHECK(r->region != NULL);
		FUZZ_CHECK(r->region_input != NULL);
		FUZZ_CHECK(r->raw != NULL && r->raw[0] == '{');
		FUZZ_CHECK(r->key[0] != '\0');
		FUZZ_CHECK(memchr(r->key, '\0', sizeof(r->key)) != NULL);
		FUZZ_CHECK(report_source_valid(r->source));
		FUZZ_CHECK(topic == NULL || strcmp(r->source, topic) == 0);
		FUZZ_CHECK((unsigned)r->utility < UTIL_COUNT);
		FUZZ_CHECK((unsigned)r->status <= RS_RESTORED);
		FUZZ_CHECK(r->affected >= -1 &&
		    r->affected <= REPORT_AFFECTED_MAX);
		FUZZ_CHECK(r->affected < 0 || r->unit[0] != '\0');
		FUZZ_CHECK(r->observed_at <= FUZZ_NOW_MS + lim.max_future_ms);
		FUZZ_CHECK(r->received_at == FUZZ_NOW_MS);
	}
	for (size_t i = 0; i < b.nrejects; i++) {
		const struct report_reject *rj = &b.rejects[i];

		FUZZ_CHECK(rj->index >= -1);
		FUZZ_CHECK((unsigned)rj->reason < REJ_COUNT);
		FUZZ_CHECK(memchr(rj->detail, '\0', sizeof(rj->detail)) != NULL);
		FUZZ_CHECK(rj->source[0] == '\0' ||
		    report_source_valid(rj->source));
		check_reject_json(rj, buf, size);
	}
	report_batch_free(&b);
	return 0;
}
