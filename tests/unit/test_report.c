/* SPDX-License-Identifier: MIT */
/*
 * test_report.c - decoding and validating report payloads, idempotency
 * keys, rejections and their JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "region.h"
#include "report.h"
#include "util.h"
#include "../../src/core/report_int.h"	/* the flat reader */

#include "t.h"

/* 2026-11-26T10:00:00Z, computed independently (Python, date -d) */
#define T0	INT64_C(1795687200000)
#define NOW	(T0 + 3600 * 1000)		/* an hour later */

#define SEED	"{\"source\":\"dtek\",\"region\":\"Dnipropetrovsk\"," \
		"\"utility\":\"power\",\"status\":\"outage\"," \
		"\"affected\":600000,\"unit\":\"households\"}"
/* the required fields, to build variants */
#define BASE	"\"source\":\"dtek\",\"region\":\"Dnipropetrovsk\"," \
		"\"utility\":\"power\",\"status\":\"outage\""

static struct gazetteer *gaz;
static const struct report_limits lim = { 4096, 10, 300000 };

static void
parse(const char *payload, const char *topic_source,
    struct report_batch *b)
{
	CHECK_INT(report_parse(payload, strlen(payload), &lim, gaz,
	    topic_source, NOW, b), OD_OK);
}

static void
dump(const struct report_batch *b)
{
	for (size_t i = 0; i < b->nrejects; i++)
		fprintf(stderr, "  reject %ld %s: %s\n", b->rejects[i].index,
		    reject_reason_name(b->rejects[i].reason), b->rejects[i].detail);
	for (size_t i = 0; i < b->nreports; i++)
		fprintf(stderr, "  report %s %s\n", b->reports[i].key,
		    b->reports[i].region ? b->reports[i].region->id : "-");
}

/*
 * The payload (len bytes) is refused as a whole or as its one element with
 * reason, and nothing is accepted.  detail_has, when set, must be in detail.
 */
static int
rejected_n(const char *payload, size_t len, const char *topic,
    const char *reason, const char *detail_has)
{
	struct report_batch b;
	int ok;

	if (report_parse(payload, len, &lim, gaz, topic, NOW, &b) != OD_OK)
		return 0;
	ok = b.nreports == 0 && b.nrejects == 1 &&
	    strcmp(reject_reason_name(b.rejects[0].reason), reason) == 0 &&
	    (detail_has == NULL || strstr(b.rejects[0].detail, detail_has));
	if (!ok) {
		fprintf(stderr, "expected one \"%s\" rejection of %.200s\n",
		    reason, payload);
		dump(&b);
	}
	report_batch_free(&b);
	return ok;
}

static int
rejected(const char *payload, const char *reason, const char *detail_has)
{
	return rejected_n(payload, strlen(payload), NULL, reason, detail_has);
}

/* Accepted as one report; the caller frees b. */
static const struct report *
accepted(const char *payload, struct report_batch *b)
{
	parse(payload, NULL, b);
	if (b->nreports != 1 || b->nrejects != 0) {
		fprintf(stderr, "expected one report from %s\n", payload);
		dump(b);
		return NULL;
	}
	return &b->reports[0];
}

static int
is_hex(const char *s, size_t n)
{
	if (strlen(s) != n)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

/*
 * The stored text: a report with an id that is the whole payload is kept
 * as it came (white space around it trimmed), not rendered again; an
 * array's element, and a report without an id (whose key hashes it), as
 * compact JSON with sorted names.
 */
static void
test_raw_text(void)
{
	struct report_batch b;
	const struct report *r;
	char key[REPORT_KEY_MAX];

	r = accepted(" \n{\"id\": \"r1\", " BASE ", \"affected\": 5}\r\n", &b);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_STR(r->raw, "{\"id\": \"r1\", " BASE ", \"affected\": 5}");
		CHECK_STR(r->key, "id:dtek/r1");
	}
	report_batch_free(&b);
	parse("[{\"id\": \"r2\", " BASE "}]", NULL, &b);
	CHECK_INT(b.nreports, 1);
	if (b.nreports == 1)
		CHECK_STR(b.reports[0].raw, "{\"id\":\"r2\",\"region\":"
		    "\"Dnipropetrovsk\",\"source\":\"dtek\",\"status\":"
		    "\"outage\",\"utility\":\"power\"}");
	report_batch_free(&b);
	/* no id: the content is the key, however it is spaced */
	r = accepted("{\"utility\": \"power\", \"status\": \"outage\", "
	    "\"source\": \"dtek\", \"region\": \"Dnipropetrovsk\"}", &b);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_STR(r->raw, "{\"region\":\"Dnipropetrovsk\",\"source\":"
		    "\"dtek\",\"status\":\"outage\",\"utility\":\"power\"}");
		str_copy(key, r->key, sizeof(key));
	}
	report_batch_free(&b);
	r = accepted("{" BASE "}", &b);
	CHECK(r != NULL);
	if (r != NULL)
		CHECK_STR(r->key, key);
	report_batch_free(&b);
}

static void
test_seed_report(void)
{
	struct report_batch b;
	const struct report *r = accepted(SEED, &b);
	json_t *raw, *orig;
	json_error_t jerr;

	CHECK(r != NULL);
	if (r == NULL) {
		report_batch_free(&b);
		return;
	}
	CHECK(r->region == gaz_by_id(gaz, "UA-12"));
	CHECK_STR(r->region_input, "Dnipropetrovsk");
	CHECK_STR(r->source, "dtek");
	CHECK_INT(r->utility, UTIL_POWER);
	CHECK_INT(r->status, RS_OUTAGE);
	CHECK_INT(r->affected, 600000);
	CHECK_STR(r->unit, "households");
	CHECK_INT(r->approximate, 0);
	/* no observed_at: observed when received */
	CHECK_INT(r->observed_at, NOW);
	CHECK_INT(r->received_at, NOW);
	CHECK(strncmp(r->key, "sha256:", 7) == 0);
	CHECK(is_hex(r->key + 7, 64));
	/* raw is the element itself, as JSON */
	CHECK(r->raw != NULL);
	raw = json_loads(r->raw, 0, &jerr);
	orig = json_loads(SEED, 0, &jerr);
	CHECK(raw != NULL && orig != NULL && json_equal(raw, orig));
	json_decref(raw);
	json_decref(orig);
	report_batch_free(&b);
	CHECK(b.reports == NULL && b.nreports == 0 && b.nrejects == 0);
}

static void
test_keys(void)
{
	struct report_batch b1, b2;
	const struct report *r1, *r2;

	/* the same payload twice: the same key */
	r1 = accepted(SEED, &b1);
	r2 = accepted(SEED, &b2);
	CHECK(r1 && r2 && strcmp(r1->key, r2->key) == 0);
	report_batch_free(&b2);

	/* member order and white space do not make another report */
	r2 = accepted("{ \"unit\": \"households\", \"affected\": 600000,\n"
	    "  \"status\": \"outage\", \"utility\": \"power\",\n"
	    "  \"region\": \"Dnipropetrovsk\", \"source\": \"dtek\" }", &b2);
	CHECK(r1 && r2 && strcmp(r1->key, r2->key) == 0);
	report_batch_free(&b2);

	/* another figure is another report */
	r2 = accepted("{" BASE ",\"affected\":600001,\"unit\":\"households\"}",
	    &b2);
	CHECK(r1 && r2 && strcmp(r1->key, r2->key) != 0);
	report_batch_free(&b2);
	report_batch_free(&b1);

	/* with an id, the id is the key, whatever the rest says */
	r1 = accepted("{\"id\":\"n-42\"," BASE ",\"affected\":5}", &b1);
	CHECK(r1 != NULL);
	if (r1 != NULL)
		CHECK_STR(r1->key, "id:dtek/n-42");
	r2 = accepted("{\"id\":\"n-42\"," BASE ",\"affected\":7}", &b2);
	CHECK(r1 && r2 && strcmp(r1->key, r2->key) == 0);
	report_batch_free(&b1);
	report_batch_free(&b2);

	/* the longest id and source still make a whole key */
	{
		char payload[1024], id[REPORT_ID_MAX + 1], src[OD_SOURCE_MAX];
		char want[REPORT_KEY_MAX];

		memset(id, 'i', REPORT_ID_MAX);
		id[REPORT_ID_MAX] = '\0';
		memset(src, 's', OD_SOURCE_MAX - 1);
		src[OD_SOURCE_MAX - 1] = '\0';
		snprintf(payload, sizeof(payload), "{\"id\":\"%s\","
		    "\"source\":\"%s\",\"region\":\"UA-12\",\"utility\":"
		    "\"power\",\"status\":\"outage\"}", id, src);
		snprintf(want, sizeof(want), "id:%s/%s", src, id);
		r1 = accepted(payload, &b1);
		CHECK(r1 != NULL);
		if (r1 != NULL)
			CHECK_STR(r1->key, want);
		report_batch_free(&b1);
	}
}

static void
test_batch(void)
{
	struct report_batch b;
	const char *payload;

	payload = "[{" BASE ",\"affected\":1},"
	    "{\"source\":\"dtek\",\"region\":\"Dnipropetrovsk\","
	    "\"utility\":\"plasma\",\"status\":\"outage\"},"
	    "{\"source\":\"dtek\",\"region\":\"Kharkiv oblast\","
	    "\"utility\":\"heat\",\"status\":\"partial\"}]";
	parse(payload, NULL, &b);
	CHECK_INT(b.nreports, 2);
	CHECK_INT(b.nrejects, 1);
	if (b.nreports == 2 && b.nrejects == 1) {
		CHECK_INT(b.rejects[0].index, 1);
		CHECK_STR(reject_reason_name(b.rejects[0].reason), "invalid_field");
		CHECK_STR(b.rejects[0].source, "dtek");
		/* the good ones, in order */
		CHECK_INT(b.reports[0].affected, 1);
		CHECK(b.reports[0].region == gaz_by_id(gaz, "UA-12"));
		CHECK(b.reports[1].region == gaz_by_id(gaz, "UA-63"));
		CHECK_INT(b.reports[1].utility, UTIL_HEAT);
		CHECK_INT(b.reports[1].status, RS_PARTIAL);
		CHECK_INT(b.reports[1].affected, -1);
		CHECK_STR(b.reports[1].unit, "");
		CHECK(strcmp(b.reports[0].key, b.reports[1].key) != 0);
	}
	report_batch_free(&b);

	/* a non-object element is refused alone */
	parse("[42, {" BASE "}]", NULL, &b);
	CHECK_INT(b.nreports, 1);
	CHECK_INT(b.nrejects, 1);
	if (b.nrejects == 1) {
		CHECK_INT(b.rejects[0].index, 0);
		CHECK_STR(reject_reason_name(b.rejects[0].reason), "invalid_payload");
	}
	report_batch_free(&b);

	/* exactly max_batch elements is fine */
	{
		char buf[4096];
		size_t o = 0;

		buf[o++] = '[';
		for (int i = 0; i < 10; i++)
			o += (size_t)snprintf(buf + o, sizeof(buf) - o,
			    "%s{" BASE ",\"affected\":%d}", i ? "," : "", i);
		buf[o++] = ']';
		buf[o] = '\0';
		parse(buf, NULL, &b);
		CHECK_INT(b.nreports, 10);
		CHECK_INT(b.nrejects, 0);
		report_batch_free(&b);
	}
}

static void
test_payload_rejections(void)
{
	char big[8192];

	CHECK(rejected("{not json", "invalid_json", NULL));
	CHECK(rejected("", "invalid_json", NULL));
	CHECK(rejected("{" BASE "} trailing", "invalid_json", NULL));
	CHECK(rejected("[]", "invalid_payload", NULL));
	CHECK(rejected("{\"source\":\"dtek\",\"source\":\"dtek\","
	    "\"region\":\"UA-12\",\"utility\":\"power\",\"status\":\"outage\"}",
	    "invalid_json", NULL));

	/* 11 elements with max_batch 10 */
	{
		size_t o = 0;

		big[o++] = '[';
		for (int i = 0; i < 11; i++)
			o += (size_t)snprintf(big + o, sizeof(big) - o,
			    "%s{" BASE "}", i ? "," : "");
		big[o++] = ']';
		big[o] = '\0';
		CHECK(strlen(big) <= lim.max_payload);
		CHECK(rejected(big, "too_many_reports", NULL));
	}

	/* over max_payload: refused before parsing, even when not JSON */
	memset(big, 'x', sizeof(big));
	CHECK(rejected_n(big, lim.max_payload + 1, NULL, "payload_too_large",
	    NULL));
	/* a valid report padded to exactly max_payload bytes is fine */
	{
		struct report_batch b;
		size_t n = strlen(SEED);

		memset(big, ' ', lim.max_payload);
		memcpy(big, SEED, n);
		CHECK_INT(report_parse(big, lim.max_payload, &lim, gaz, NULL,
		    NOW, &b), OD_OK);
		CHECK_INT(b.nreports, 1);
		report_batch_free(&b);
		/* one byte more is too large */
		big[lim.max_payload] = ' ';
		CHECK(rejected_n(big, lim.max_payload + 1, NULL,
		    "payload_too_large", NULL));
	}
	/* whole-payload rejections have index -1 */
	{
		struct report_batch b;

		parse("[]", NULL, &b);
		CHECK(b.nrejects == 1 && b.rejects[0].index == -1);
		report_batch_free(&b);
	}
}

/*
 * A payload that is valid JSON but neither a report object nor an array of
 * them is "invalid_payload" (report.c has that branch); "invalid_json" is
 * for text that is not JSON at all.
 */
static void
test_toplevel_scalar(void)
{
	CHECK(rejected("\"outage in Dnipro\"", "invalid_payload", NULL));
	CHECK(rejected("42", "invalid_payload", NULL));
	CHECK(rejected("null", "invalid_payload", NULL));
	CHECK(rejected("true", "invalid_payload", NULL));
}

static void
test_missing_fields(void)
{
	CHECK(rejected("{\"region\":\"UA-12\",\"utility\":\"power\","
	    "\"status\":\"outage\"}", "missing_field", "source"));
	CHECK(rejected("{\"source\":\"dtek\",\"utility\":\"power\","
	    "\"status\":\"outage\"}", "missing_field", "region"));
	CHECK(rejected("{\"source\":\"dtek\",\"region\":\"UA-12\","
	    "\"status\":\"outage\"}", "missing_field", "utility"));
	CHECK(rejected("{\"source\":\"dtek\",\"region\":\"UA-12\","
	    "\"utility\":\"power\"}", "missing_field", "status"));
	/* null is as good as absent */
	CHECK(rejected("{\"source\":\"dtek\",\"region\":null,"
	    "\"utility\":\"power\",\"status\":\"outage\"}", "missing_field",
	    "region"));
	CHECK(rejected("{}", "missing_field", NULL));
}

static void
test_invalid_fields(void)
{
	CHECK(rejected("{\"source\":\"dtek\",\"region\":\"UA-12\","
	    "\"utility\":\"electricity\",\"status\":\"outage\"}",
	    "invalid_field", "utility"));
	CHECK(rejected("{\"source\":\"dtek\",\"region\":\"UA-12\","
	    "\"utility\":\"Power\",\"status\":\"outage\"}", "invalid_field",
	    "utility"));
	CHECK(rejected("{\"source\":\"dtek\",\"region\":\"UA-12\","
	    "\"utility\":\"power\",\"status\":\"down\"}", "invalid_field",
	    "status"));
	CHECK(rejected("{\"source\":\"dtek\",\"region\":\"UA-12\","
	    "\"utility\":7,\"status\":\"outage\"}", "invalid_field",
	    "utility"));
	CHECK(rejected("{" BASE ",\"affected\":10,\"unit\":\"meters\"}",
	    "invalid_field", "unit"));
	CHECK(rejected("{" BASE ",\"affected\":-1}", "invalid_field",
	    "affected"));
	CHECK(rejected("{" BASE ",\"affected\":1.5}", "invalid_field",
	    "affected"));
	CHECK(rejected("{" BASE ",\"affected\":600000.0}", "invalid_field",
	    "affected"));
	CHECK(rejected("{" BASE ",\"affected\":\"600000\"}", "invalid_field",
	    "affected"));
	CHECK(rejected("{" BASE ",\"affected\":true}", "invalid_field",
	    "affected"));
	CHECK(rejected("{" BASE ",\"affected\":10000000001}", "invalid_field",
	    "affected"));
	CHECK(rejected("{" BASE ",\"approximate\":\"yes\"}", "invalid_field",
	    "approximate"));
	CHECK(rejected("{" BASE ",\"observed_at\":\"yesterday\"}",
	    "invalid_field", "observed_at"));
	CHECK(rejected("{" BASE ",\"observed_at\":\"2026-11-26\"}",
	    "invalid_field", "observed_at"));
	CHECK(rejected("{" BASE ",\"observed_at\":1795687200}",
	    "invalid_field", "observed_at"));
	/* NOW is 11:00Z; the limit allows 300 s of skew */
	CHECK(rejected("{" BASE ",\"observed_at\":\"2026-11-26T11:05:01Z\"}",
	    "invalid_field", "future"));
	CHECK(rejected("{" BASE ",\"observed_at\":\"2026-11-27T11:00:00Z\"}",
	    "invalid_field", "future"));
	CHECK(rejected("{" BASE ",\"colour\":\"red\"}", "invalid_field",
	    "colour"));
	CHECK(rejected("{" BASE ",\"Region\":\"UA-12\"}", "invalid_field",
	    "Region"));
	CHECK(rejected("{\"source\":\"dt ek\",\"region\":\"UA-12\","
	    "\"utility\":\"power\",\"status\":\"outage\"}", "invalid_field",
	    "source"));
	CHECK(rejected("{\"source\":\"\",\"region\":\"UA-12\","
	    "\"utility\":\"power\",\"status\":\"outage\"}", "invalid_field",
	    "source"));
	CHECK(rejected("{\"source\":\"dtek\",\"region\":\"\","
	    "\"utility\":\"power\",\"status\":\"outage\"}", "invalid_field",
	    "region"));
	CHECK(rejected("{\"id\":\"a\\u0001b\"," BASE "}", "invalid_field",
	    "id"));
	CHECK(rejected("{\"id\":42," BASE "}", "invalid_field", "id"));
	CHECK(rejected("{" BASE ",\"confidence\":\"high\"}", "invalid_field",
	    "confidence"));
	/* limits on sizes */
	{
		char payload[1024], id[REPORT_ID_MAX + 2];

		memset(id, 'i', REPORT_ID_MAX + 1);
		id[REPORT_ID_MAX + 1] = '\0';
		snprintf(payload, sizeof(payload), "{\"id\":\"%s\"," BASE "}",
		    id);
		CHECK(rejected(payload, "invalid_field", "id"));
	}
}

static void
test_unknown_region(void)
{
	CHECK(rejected("{\"source\":\"dtek\",\"region\":\"Atlantis\","
	    "\"utility\":\"power\",\"status\":\"outage\"}", "unknown_region",
	    "Atlantis"));
	CHECK(rejected("{\"source\":\"dtek\",\"region\":\"UA-99\","
	    "\"utility\":\"power\",\"status\":\"outage\"}", "unknown_region",
	    NULL));
	/* an ambiguous name is not unknown: its candidates are named */
	CHECK(rejected("{\"source\":\"dtek\",\"region\":\"Limburg\","
	    "\"utility\":\"power\",\"status\":\"outage\"}", "ambiguous_region",
	    "NL-LI"));
	/* a control character in the region is not echoed raw */
	{
		struct report_batch b;

		parse("{\"source\":\"dtek\",\"region\":\"At\\nlantis\","
		    "\"utility\":\"power\",\"status\":\"outage\"}", NULL, &b);
		CHECK_INT(b.nrejects, 1);
		if (b.nrejects == 1) {
			CHECK_STR(reject_reason_name(b.rejects[0].reason), "unknown_region");
			CHECK(strchr(b.rejects[0].detail, '\n') == NULL);
		}
		report_batch_free(&b);
	}
}

static void
test_source_mismatch(void)
{
	struct report_batch b;

	CHECK(rejected_n(SEED, strlen(SEED), "ukrenergo", "source_mismatch",
	    "ukrenergo"));
	parse(SEED, "dtek", &b);
	CHECK_INT(b.nreports, 1);
	CHECK_INT(b.nrejects, 0);
	report_batch_free(&b);
	/* the topic names the source of whole-payload rejections */
	parse("{broken", "dtek", &b);
	CHECK_INT(b.nrejects, 1);
	if (b.nrejects == 1) {
		CHECK_STR(reject_reason_name(b.rejects[0].reason), "invalid_json");
		CHECK_STR(b.rejects[0].source, "dtek");
	}
	report_batch_free(&b);
}

static void
test_bad_bytes(void)
{
	struct report_batch b;
	static const char bad_utf8[] = "{\"source\":\"dtek\",\"region\":"
	    "\"Dnipro\xff\xfe\",\"utility\":\"power\",\"status\":\"outage\"}";
	static const char overlong[] = "{\"source\":\"dtek\",\"region\":"
	    "\"Dnipro\xc0\xaf\",\"utility\":\"power\",\"status\":\"outage\"}";
	static const char nul[] = "{\"source\":\"dtek\",\"region\":"
	    "\"Dni\\u0000pro\",\"utility\":\"power\",\"status\":\"outage\"}";
	static const char nul_text[] = "{" BASE ",\"text\":\"a\\u0000b\"}";
	static const char raw_nul[] = "{\"source\":\"dtek\",\"region\":"
	    "\"Dni\0pro\",\"utility\":\"power\",\"status\":\"outage\"}";

	CHECK(rejected(bad_utf8, "invalid_json", NULL));
	CHECK(rejected(overlong, "invalid_json", NULL));
	/* "\u0000" inside a string: refused, never cut short at the NUL */
	parse(nul, NULL, &b);
	CHECK_INT(b.nreports, 0);
	CHECK_INT(b.nrejects, 1);
	if (b.nrejects == 1)
		CHECK(b.rejects[0].reason == REJ_INVALID_JSON ||
		    b.rejects[0].reason == REJ_INVALID_FIELD);
	report_batch_free(&b);
	parse(nul_text, NULL, &b);
	CHECK_INT(b.nreports, 0);
	CHECK_INT(b.nrejects, 1);
	report_batch_free(&b);
	/* a raw NUL byte in the payload */
	CHECK(rejected_n(raw_nul, sizeof(raw_nul) - 1, NULL, "invalid_json",
	    NULL));
}

static void
test_observed_at(void)
{
	struct report_batch b;
	const struct report *r;

	r = accepted("{" BASE ",\"observed_at\":\"2026-11-26T10:00:00Z\"}", &b);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_INT(r->observed_at, INT64_C(1795687200000));
		CHECK_INT(r->received_at, NOW);
	}
	report_batch_free(&b);
	/* the same instant written with a +02:00 offset */
	r = accepted("{" BASE ",\"observed_at\":\"2026-11-26T12:00:00+02:00\"}",
	    &b);
	CHECK(r != NULL);
	if (r != NULL)
		CHECK_INT(r->observed_at, INT64_C(1795687200000));
	report_batch_free(&b);
	r = accepted("{" BASE ",\"observed_at\":\"2026-11-26T05:30:00.250-04:30"
	    "\"}", &b);
	CHECK(r != NULL);
	if (r != NULL)	/* 10:00:00.250Z */
		CHECK_INT(r->observed_at, INT64_C(1795687200250));
	report_batch_free(&b);
	/* inside the tolerated skew: 299 s ahead of NOW */
	r = accepted("{" BASE ",\"observed_at\":\"2026-11-26T11:04:59Z\"}", &b);
	CHECK(r != NULL);
	if (r != NULL)
		CHECK_INT(r->observed_at, NOW + 299 * 1000);
	report_batch_free(&b);
}

static void
test_units(void)
{
	struct report_batch b;
	const struct report *r;

	/* a count without a unit is in the region's denominator unit */
	r = accepted("{" BASE ",\"affected\":600000}", &b);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_STR(r->unit, r->region->denom_unit);
		CHECK_STR(r->unit, "households");
	}
	report_batch_free(&b);
	r = accepted("{\"source\":\"oncor\",\"region\":\"Texas\","
	    "\"utility\":\"power\",\"status\":\"outage\",\"affected\":120000}",
	    &b);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK(r->region == gaz_by_id(gaz, "US-TX"));
		CHECK_STR(r->unit, "customers");
	}
	report_batch_free(&b);
	/* a unit given is kept */
	r = accepted("{" BASE ",\"affected\":5,\"unit\":\"people\","
	    "\"approximate\":true}", &b);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_STR(r->unit, "people");
		CHECK_INT(r->approximate, 1);
	}
	report_batch_free(&b);
	/* no count, no unit */
	r = accepted("{" BASE "}", &b);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_INT(r->affected, -1);
		CHECK_STR(r->unit, "");
	}
	report_batch_free(&b);
	/* zero is a count; 1e10 is the largest */
	r = accepted("{" BASE ",\"affected\":0}", &b);
	CHECK(r != NULL && r->affected == 0);
	report_batch_free(&b);
	r = accepted("{" BASE ",\"affected\":10000000000}", &b);
	CHECK(r != NULL && r->affected == REPORT_AFFECTED_MAX);
	report_batch_free(&b);
	/* restored without a count */
	r = accepted("{\"source\":\"dtek\",\"region\":\"UA-12:dnipro\","
	    "\"utility\":\"water\",\"status\":\"restored\"}", &b);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_INT(r->status, RS_RESTORED);
		CHECK_INT(r->utility, UTIL_WATER);
		CHECK_INT(r->affected, -1);
		CHECK(r->region == gaz_by_id(gaz, "UA-12:dnipro"));
	}
	report_batch_free(&b);
	/* the news-extraction fields are allowed */
	r = accepted("{" BASE ",\"cause\":\"shelling\",\"url\":\"https://x\","
	    "\"text\":\"...\",\"region_name\":\"x\",\"mention\":\"x\","
	    "\"confidence\":0.9,\"sentence\":\"x\",\"country\":\"UA\"}", &b);
	CHECK(r != NULL);
	report_batch_free(&b);
}

/* Parse report_reject_json's output; NULL when it is not a JSON object. */
static json_t *
reject_json(const struct report_reject *rj, const char *payload, size_t len)
{
	char *s = report_reject_json(rj, payload, len);
	json_error_t jerr;
	json_t *j;

	CHECK(s != NULL);
	if (s == NULL)
		return NULL;
	j = json_loads(s, 0, &jerr);
	if (j == NULL)
		fprintf(stderr, "not JSON: %s (%s)\n", s, jerr.text);
	free(s);
	CHECK(json_is_object(j));
	return j;
}

static void
test_reject_json(void)
{
	struct report_batch b;
	char big[4000];
	json_t *j;
	const char *ex;
	const char *small = "{\"source\":\"dtek\",\"region\":\"Atlantis\","
	    "\"utility\":\"power\",\"status\":\"outage\"}";

	parse(small, NULL, &b);
	CHECK_INT(b.nrejects, 1);
	if (b.nrejects == 1) {
		j = reject_json(&b.rejects[0], small, strlen(small));
		CHECK_STR(json_string_value(json_object_get(j, "error")),
		    "unknown_region");
		CHECK_STR(json_string_value(json_object_get(j, "detail")),
		    b.rejects[0].detail);
		/* a short payload is quoted whole */
		CHECK_STR(json_string_value(json_object_get(j, "payload")),
		    small);
		CHECK(json_is_false(json_object_get(j, "truncated")));
		json_decref(j);
	}
	report_batch_free(&b);

	/* an element's index is given */
	parse("[{" BASE "}, {\"source\":\"dtek\"}]", NULL, &b);
	CHECK_INT(b.nrejects, 1);
	if (b.nrejects == 1) {
		j = reject_json(&b.rejects[0], "x", 1);
		CHECK_INT(json_integer_value(json_object_get(j, "index")), 1);
		CHECK_STR(json_string_value(json_object_get(j, "error")),
		    "missing_field");
		json_decref(j);
	}
	report_batch_free(&b);

	/* a long payload: a shorter excerpt, a prefix of it */
	memset(big, 'x', sizeof(big));
	CHECK(rejected_n(big, sizeof(big), NULL, "invalid_json", NULL));
	parse("not json", NULL, &b);
	if (b.nrejects == 1) {
		j = reject_json(&b.rejects[0], big, sizeof(big));
		ex = json_string_value(json_object_get(j, "payload"));
		CHECK(ex != NULL);
		if (ex != NULL) {
			CHECK(strlen(ex) > 0);
			CHECK(strlen(ex) < 1024);
			CHECK(strncmp(ex, big, strlen(ex)) == 0);
		}
		CHECK(json_is_true(json_object_get(j, "truncated")));
		CHECK(json_object_get(j, "error") != NULL);
		CHECK(json_object_get(j, "detail") != NULL);
		json_decref(j);

		/*
		 * Multibyte characters are never cut in half: with and
		 * without a one-byte shift, one of the two cuts falls inside
		 * a two-byte character.
		 */
		big[0] = 'a';
		for (size_t i = 1; i + 1 < sizeof(big); i += 2)
			memcpy(big + i, "\xd0\x96", 2);	/* Ж */
		for (size_t skew = 0; skew < 2; skew++) {
			const char *p = big + 1 - skew;
			size_t len = sizeof(big) - 2 - skew;

			j = reject_json(&b.rejects[0], p, len);
			ex = json_string_value(json_object_get(j, "payload"));
			CHECK(ex != NULL);
			if (ex != NULL) {
				CHECK(strlen(ex) > 0 && strlen(ex) < 1024);
				/* a byte prefix: nothing replaced or cut */
				CHECK(strncmp(ex, p, strlen(ex)) == 0);
			}
			CHECK(json_is_true(json_object_get(j, "truncated")));
			json_decref(j);
		}

		/* invalid UTF-8 is still turned into valid JSON */
		memset(big, 0xff, 300);
		j = reject_json(&b.rejects[0], big, 300);
		CHECK(json_is_string(json_object_get(j, "payload")));
		CHECK(json_is_true(json_object_get(j, "truncated")));
		json_decref(j);
		/* control bytes too */
		j = reject_json(&b.rejects[0], "a\nb\x01", 4);
		ex = json_string_value(json_object_get(j, "payload"));
		CHECK(ex != NULL);
		json_decref(j);
	}
	report_batch_free(&b);
}

static void
test_source_valid(void)
{
	char s[OD_SOURCE_MAX + 1];

	CHECK(report_source_valid("dtek"));
	CHECK(report_source_valid("a.b_c-D9"));
	CHECK(!report_source_valid(""));
	CHECK(!report_source_valid("dt ek"));
	CHECK(!report_source_valid("dtek/1"));
	CHECK(!report_source_valid("dtek+"));
	CHECK(!report_source_valid("Київ"));
	memset(s, 'a', OD_SOURCE_MAX - 1);
	s[OD_SOURCE_MAX - 1] = '\0';
	CHECK(report_source_valid(s));		/* 63 */
	s[OD_SOURCE_MAX - 1] = 'a';
	s[OD_SOURCE_MAX] = '\0';
	CHECK(!report_source_valid(s));		/* 64 */
	CHECK_STR(report_status_name(RS_RESTORED), "restored");
	CHECK_STR(report_status_name(RS_PARTIAL), "partial");
}

/* "percent": a share of the region's consumers, in (0, 100] */
static void
test_percent(void)
{
	struct report_batch b;
	const struct report *r;

	/* instead of a count */
	r = accepted("{" BASE ",\"percent\":40}", &b);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK(r->percent == 40.0);
		CHECK_INT(r->affected, -1);
		CHECK_STR(r->unit, "");
	}
	report_batch_free(&b);
	/* beside a count, fractional, at the bounds */
	r = accepted("{" BASE ",\"affected\":1000,\"percent\":12.5,"
	    "\"unit\":\"consumers\"}", &b);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK(r->percent == 12.5);
		CHECK_INT(r->affected, 1000);
		CHECK_STR(r->unit, "consumers");
	}
	report_batch_free(&b);
	r = accepted("{" BASE ",\"percent\":100}", &b);
	CHECK(r != NULL && r->percent == 100.0);
	report_batch_free(&b);
	r = accepted("{" BASE ",\"percent\":0.1}", &b);
	CHECK(r != NULL && r->percent == 0.1);
	report_batch_free(&b);
	/* null is absent */
	r = accepted("{" BASE ",\"percent\":null}", &b);
	CHECK(r != NULL && r->percent == 0);
	report_batch_free(&b);
	r = accepted(SEED, &b);
	CHECK(r != NULL && r->percent == 0);
	report_batch_free(&b);
	/* out of range or not a number: refused, naming the field */
	CHECK(rejected("{" BASE ",\"percent\":140}", "invalid_field",
	    "\"percent\" must be a number above 0 and at most 100"));
	CHECK(rejected("{" BASE ",\"percent\":100.01}", "invalid_field",
	    "\"percent\""));
	CHECK(rejected("{" BASE ",\"percent\":0}", "invalid_field",
	    "\"percent\""));
	CHECK(rejected("{" BASE ",\"percent\":-5}", "invalid_field",
	    "\"percent\""));
	CHECK(rejected("{" BASE ",\"percent\":\"40%\"}", "invalid_field",
	    "\"percent\""));
	CHECK(rejected("{" BASE ",\"percent\":true}", "invalid_field",
	    "\"percent\""));
	/* jansson refuses a number past a double's range */
	CHECK(rejected("{" BASE ",\"percent\":1e400}", "invalid_json",
	    "overflow"));
	/* in an array, the bad element alone is refused */
	parse("[{" BASE ",\"percent\":40},{" BASE ",\"percent\":140}]", NULL,
	    &b);
	CHECK_INT(b.nreports, 1);
	CHECK_INT(b.nrejects, 1);
	if (b.nrejects == 1)
		CHECK_INT(b.rejects[0].index, 1);
	report_batch_free(&b);
}

/* ---- the flat reader (report_flat.c) against jansson ------------------ */

static int
same_batch(const struct report_batch *a, const struct report_batch *b)
{
	if (a->nreports != b->nreports || a->nrejects != b->nrejects)
		return 0;
	for (size_t i = 0; i < a->nreports; i++) {
		const struct report *x = &a->reports[i], *y = &b->reports[i];

		if (strcmp(x->key, y->key) != 0 ||
		    strcmp(x->source, y->source) != 0 ||
		    x->region != y->region ||
		    strcmp(x->region_input, y->region_input) != 0 ||
		    x->utility != y->utility || x->status != y->status ||
		    x->affected != y->affected ||
		    strcmp(x->unit, y->unit) != 0 ||
		    x->percent != y->percent ||
		    x->approximate != y->approximate ||
		    x->observed_at != y->observed_at ||
		    x->received_at != y->received_at ||
		    x->index != y->index || strcmp(x->raw, y->raw) != 0)
			return 0;
	}
	for (size_t i = 0; i < a->nrejects; i++) {
		const struct report_reject *x = &a->rejects[i];
		const struct report_reject *y = &b->rejects[i];

		if (x->index != y->index || x->reason != y->reason ||
		    strcmp(x->source, y->source) != 0 ||
		    strcmp(x->detail, y->detail) != 0)
			return 0;
	}
	return 1;
}

/* The payload read with and without the flat reader: 1 when the same. */
static int
flat_agrees(const char *payload, size_t len, const char *topic,
    int *flat_took)
{
	struct report_batch a, b;
	struct flat f;
	struct fval id;
	int ok;

	report_flat_enable(1);
	report_parse(payload, len, &lim, gaz, topic, NOW, &a);
	report_flat_enable(0);
	report_parse(payload, len, &lim, gaz, topic, NOW, &b);
	report_flat_enable(1);
	ok = same_batch(&a, &b);
	if (!ok) {
		fprintf(stderr, "flat and jansson differ on %.*s\n", (int)len,
		    payload);
		dump(&a);
		dump(&b);
	}
	if (len <= lim.max_payload && flat_parse(payload, len, &f) == 0) {
		flat_get(&f, "id", &id);
		*flat_took += id.t != FV_ABSENT && id.t != FV_NULL;
	}
	report_batch_free(&a);
	report_batch_free(&b);
	return ok;
}

static void
test_flat_reader(void)
{
	static const char *const seeds[] = {
		"{\"id\":\"b1\",\"source\":\"bench\",\"region\":\"UA-12\","
		    "\"utility\":\"power\",\"status\":\"outage\","
		    "\"affected\":1001}",
		" {\"id\": \"x-9\", \"source\": \"dtek\", \"region\": "
		    "\"Dnipropetrovsk\",\n\t\"utility\": \"power\", \"status\":"
		    " \"partial\", \"affected\": -0, \"unit\": \"customers\", "
		    "\"approximate\": true, \"percent\": 12} \r\n",
		"{\"id\":\"7\",\"source\":\"s\",\"region\":\"UA-63\","
		    "\"utility\":\"heat\",\"status\":\"restored\","
		    "\"affected\":null,\"percent\":50,\"approximate\":false,"
		    "\"confidence\":1,\"observed_at\":\"2026-11-26T10:00:00Z\","
		    "\"cause\":\"storm\",\"url\":\"https://x.example/a\","
		    "\"text\":\"lines down\",\"region_name\":\"Kharkiv\","
		    "\"mention\":\"m\",\"sentence\":\"s\",\"country\":\"UA\"}",
		"{\"id\":\"a\",\"source\":\"s\",\"region\":\"UA-12\","
		    "\"utility\":\"gas\",\"status\":\"outage\","
		    "\"affected\":999999999999999999,\"percent\":0.5}",
		"{\"id\":\"q\",\"source\":\"s\",\"region\":\"UA-12\","
		    "\"utility\":\"water\",\"status\":\"outage\",\"extra\":1}",
		"{\"id\":\"z\"}",
		"{\"id\":\"\",\"source\":\"s\",\"region\":\"US-TX\","
		    "\"utility\":\"telecom\",\"status\":\"outage\"}",
		"[{\"id\":\"b1\",\"source\":\"s\",\"region\":\"UA-12\","
		    "\"utility\":\"power\",\"status\":\"outage\"}]",
	};
	static const char alphabet[] = "{}[]\":,\\ \t\n-+.0123456789eEtrufalsn"
	    "dixyz\x01\x7f\xc3\xa9";
	uint32_t rng = 12345;
	int took = 0, bad = 0, cases = 0;
	char buf[512], tmp[512];	/* tmp: no overlapping copies */

	for (size_t s = 0; s < NELEM(seeds); s++) {
		size_t n = strlen(seeds[s]);

		cases += 2;
		bad += !flat_agrees(seeds[s], n, NULL, &took);
		bad += !flat_agrees(seeds[s], n, "bench", &took);
		for (int m = 0; m < 4000; m++) {
			size_t len = n;
			int edits = 1 + m % 3;

			memcpy(buf, seeds[s], n);
			for (int e = 0; e < edits; e++) {
				size_t at;
				char c;

				rng = rng * 1103515245u + 12345u;
				at = len ? (rng >> 8) % len : 0;
				c = alphabet[(rng >> 20) % (sizeof(alphabet) -
				    1)];
				switch ((rng >> 4) % 3) {
				case 0:		/* replace */
					if (len)
						buf[at] = c;
					break;
				case 1:		/* insert */
					if (len + 1 < sizeof(buf)) {
						memcpy(tmp, buf + at, len - at);
						buf[at] = c;
						memcpy(buf + at + 1, tmp, len - at);
						len++;
					}
					break;
				default:	/* delete */
					if (len) {
						memcpy(tmp, buf + at + 1,
						    len - at - 1);
						memcpy(buf + at, tmp, len - at - 1);
						len--;
					}
				}
			}
			cases++;
			/* a topic's source: "bench" agrees with some seeds */
			bad += !flat_agrees(buf, len, m % 2 ? "bench" : NULL,
			    &took);
		}
	}
	CHECK_INT(bad, 0);
	/* the comparison means something only if both readers took many */
	CHECK(took > cases / 20);
	CHECK(took < cases - cases / 5);
	fprintf(stderr, "# flat reader: %d of %d payloads, all as jansson\n",
	    took, cases);
}

int
main(void)
{
	int status;

	if ((gaz = t_gazetteer()) == NULL)
		return 1;
	RUN(test_seed_report);
	RUN(test_raw_text);
	RUN(test_keys);
	RUN(test_batch);
	RUN(test_payload_rejections);
	RUN(test_toplevel_scalar);
	RUN(test_missing_fields);
	RUN(test_invalid_fields);
	RUN(test_unknown_region);
	RUN(test_source_mismatch);
	RUN(test_bad_bytes);
	RUN(test_observed_at);
	RUN(test_units);
	RUN(test_percent);
	RUN(test_reject_json);
	RUN(test_source_valid);
	RUN(test_flat_reader);
	status = T_DONE();
	gaz_free(gaz);
	return status;
}
