/* SPDX-License-Identifier: MIT */
/*
 * test_extract.c - the news extractor: number phrases, sentence splitting,
 * the report fields and their JSON form, limits, lazy reading, and every
 * golden pair in tests/data/extract/ (NAME.txt in, NAME.json the expected
 * reports, in order).  A rule of docs/extraction.md is tested by a pair
 * there, not by code here.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "extract.h"
#include "report.h"
#include "region.h"
#include "util.h"

#include "t.h"
#include "t_extract.h"

static struct gazetteer *gaz;

static void
test_numbers(void)
{
	int a;
	size_t used;

	CHECK_INT(num("600,000 households", &a, &used), 600000);
	CHECK_INT(a, 0);
	CHECK_INT(used, 7);
	CHECK_INT(num("1.5 million people", &a, &used), 1500000);
	CHECK_INT(used, 11);
	CHECK_INT(num("about 1.5 million", &a, NULL), 1500000);
	CHECK_INT(a, 1);
	CHECK_INT(num("1.2mn homes", &a, &used), 1200000);
	CHECK_INT(used, 5);
	CHECK_INT(num("2-million-plus residents", &a, &used), 2000000);
	CHECK_INT(a, 1);
	CHECK_INT(used, 14);
	CHECK_INT(num("One and a half thousand flats", &a, NULL), 1500);
	CHECK_INT(a, 0);
	CHECK_INT(num("72 thousand", &a, NULL), 72000);
	CHECK_INT(num("more than 4.3 million", &a, NULL), 4300000);
	CHECK_INT(a, 1);
	CHECK_INT(num("an estimated 800,000", &a, NULL), 800000);
	CHECK_INT(a, 1);
	CHECK_INT(num("seventy-two", &a, NULL), 72);
	CHECK_INT(num("twelve", &a, NULL), 12);
	CHECK_INT(num("1.6-million homes", &a, NULL), 1600000);
	CHECK_INT(num("24.3 million", &a, NULL), 24300000);
	CHECK_INT(num("0.5 million", &a, NULL), 500000);
	CHECK_INT(num("3,250,000.", &a, &used), 3250000);
	CHECK_INT(used, 9);
	CHECK_INT(num("12,5 tonnes", &a, &used), 12);	/* not a group */
	CHECK_INT(num("22:00 local time", &a, NULL), -2);
	CHECK_INT(num("15GW", &a, NULL), -2);
	CHECK_INT(num("households", &a, NULL), -2);
	CHECK_INT(num("about", &a, NULL), -2);
	CHECK_INT(num("", &a, NULL), -2);
	CHECK_INT(num("999999999999999999999", &a, NULL), -2);
	CHECK_INT(num("5,000+ homes", &a, NULL), 5000);
	CHECK_INT(a, 1);
	/* thousands grouped by spaces: plain, no-break, thin, narrow */
	CHECK_INT(num("70 000 consumers", &a, &used), 70000);
	CHECK_INT(used, 6);
	CHECK_INT(num("1 250 000 households", &a, NULL), 1250000);
	CHECK_INT(num("70\xc2\xa0" "000 homes", &a, NULL), 70000);
	CHECK_INT(num("48\xe2\x80\x89" "500 homes", &a, NULL), 48500);
	CHECK_INT(num("3\xe2\x80\xaf" "000", &a, NULL), 3000);
	CHECK_INT(num("2022 100 homes", &a, NULL), 2022);	/* a year */
	CHECK_INT(num("12 1000 homes", &a, NULL), 12);
	CHECK_INT(num("5 100,000 homes", &a, NULL), 5);
	CHECK_INT(num("7 00 homes", &a, NULL), 7);
	/* "a million" is one million, not hedged */
	CHECK_INT(num("a million people", &a, NULL), 1000000);
	CHECK_INT(a, 0);
	CHECK_INT(num("about a thousand homes", &a, NULL), 1000);
	CHECK_INT(a, 1);
	CHECK_INT(num("a few homes", &a, NULL), -2);
	/* half a scale; Indian English: lakh, crore, 2-digit grouping */
	CHECK_INT(num("half a million customers", &a, NULL), 500000);
	CHECK_INT(a, 0);
	CHECK_INT(num("nearly half a million", &a, NULL), 500000);
	CHECK_INT(a, 1);
	CHECK_INT(num("46.41 lakh consumers", &a, NULL), 4641000);
	CHECK_INT(num("1.65 crore people", &a, NULL), 16500000);
	CHECK_INT(num("1,51,889 consumers", &a, &used), 151889);
	CHECK_INT(used, 8);
	CHECK_INT(num("25,01,131", &a, NULL), 2501131);
	CHECK_INT(num("1,02,000 households", &a, NULL), 102000);
	CHECK_INT(num("12,34 homes", &a, NULL), 12);	/* no last group */
}

/* Sentence i of text, as a string in buf. */
static const char *
sent(const char *text, size_t i, size_t *n)
{
	static char buf[512];
	struct extract_span sp[16];

	*n = extract_sentences(text, strlen(text), sp, NELEM(sp));
	if (i >= *n)
		return "(none)";
	snprintf(buf, sizeof(buf), "%.*s", (int)sp[i].len, text + sp[i].start);
	return buf;
}

static void
test_sentences(void)
{
	size_t n;
	const char *t;

	t = "Storms hit the U.S. coast on Oct. 9. About 1.5 million lost "
	    "power. Crews in Jackson, Miss. worked overnight!  \"Done,\" "
	    "he said.";
	CHECK_STR(sent(t, 0, &n), "Storms hit the U.S. coast on Oct. 9.");
	CHECK_INT(n, 4);
	CHECK_STR(sent(t, 1, &n), "About 1.5 million lost power.");
	CHECK_STR(sent(t, 2, &n), "Crews in Jackson, Miss. worked overnight!");
	CHECK_STR(sent(t, 3, &n), "\"Done,\" he said.");

	t = "“Power is back,” he said. Trackers at PowerOutage.US agreed";
	CHECK_STR(sent(t, 0, &n), "“Power is back,” he said.");
	CHECK_INT(n, 2);
	CHECK_STR(sent(t, 1, &n), "Trackers at PowerOutage.US agreed");

	t = "Heading without a stop\n\nThe body follows. and continues";
	CHECK_STR(sent(t, 0, &n), "Heading without a stop");
	CHECK_STR(sent(t, 1, &n), "The body follows. and continues");
	CHECK_INT(n, 2);

	CHECK_INT(extract_sentences("   ", 3, NULL, 0), 0);
	CHECK_INT(extract_sentences("One. Two. Three.", 16, NULL, 0), 0);
	t = "A. B. C.";
	(void)sent(t, 0, &n);
	CHECK_INT(n, 1);
}


/* ---- golden pairs ------------------------------------------------------ */

#define GOLDEN_DIR	"tests/data/extract"

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	buf = xmalloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/*
 * Is the string field (NUL-terminated, "" for none) what e says?  A key
 * e does not have is not compared; null is "".
 */
static int
same_str(json_t *e, const char *key, const char *field)
{
	json_t *v = json_object_get(e, key);

	if (v == NULL)
		return 1;
	return strcmp(json_is_string(v) ? json_string_value(v) : "",
	    field) == 0;
}

/*
 * Does report r have the fields of the expected object e?  region,
 * utility, status, affected, unit and approximate always; mention,
 * count_text and percent when e has them.
 */
static int
same(const struct extract_report *r, json_t *e)
{
	json_t *reg = json_object_get(e, "region");
	json_t *aff = json_object_get(e, "affected");
	json_t *unit = json_object_get(e, "unit");

	if (!same_str(e, "mention", r->mention) ||
	    !same_str(e, "count_text", r->count_text))
		return 0;
	/* percent when e has it, null for none */
	if (json_object_get(e, "percent") != NULL &&
	    (json_is_number(json_object_get(e, "percent")) ?
	    json_number_value(json_object_get(e, "percent")) : 0) !=
	    r->percent)
		return 0;

	if (json_is_string(reg) ? (r->region == NULL ||
	    strcmp(r->region->id, json_string_value(reg)) != 0) :
	    r->region != NULL)
		return 0;
	if (strcmp(utility_name(r->utility),
	    json_string_value(json_object_get(e, "utility"))) != 0 ||
	    strcmp(report_status_name(r->status),
	    json_string_value(json_object_get(e, "status"))) != 0)
		return 0;
	if ((json_is_integer(aff) ? json_integer_value(aff) : -1) !=
	    r->affected)
		return 0;
	if (strcmp(json_is_string(unit) ? json_string_value(unit) : "",
	    r->unit) != 0)
		return 0;
	return !r->approximate == !json_is_true(json_object_get(e,
	    "approximate"));
}

static void
describe(const struct extract_report *r)
{
	fprintf(stderr, "    got %s %s %s %lld %s approx=%d mention=\"%s\" "
	    "count_text=\"%s\"\n",
	    r->region != NULL ? r->region->id : "null",
	    utility_name(r->utility), report_status_name(r->status),
	    (long long)r->affected, r->unit[0] ? r->unit : "null",
	    r->approximate, r->mention, r->count_text);
}

/* One golden pair: the expected reports, in text order, and nothing else. */
static void
golden_one(const char *name)
{
	char path[512];
	struct extract_report r[32];
	json_error_t je;
	json_t *exp, *e;
	char *text;
	size_t len = 0, n, i, k;
	int ok = 1;

	snprintf(path, sizeof(path), "%s/%s.txt", GOLDEN_DIR, name);
	text = slurp(path, &len);
	CHECK(text != NULL);
	snprintf(path, sizeof(path), "%s/%s.json", GOLDEN_DIR, name);
	exp = json_load_file(path, 0, &je);
	CHECK(json_is_array(exp));
	if (text == NULL || !json_is_array(exp)) {
		free(text);
		json_decref(exp);
		return;
	}
	n = extract_reports(gaz, text, len, r, NELEM(r));
	json_array_foreach(exp, i, e)
		if (i >= n || !same(&r[i], e))
			ok = 0;
	if (n != json_array_size(exp))
		ok = 0;
	if (!ok) {
		fprintf(stderr, "golden %s: %zu reports, expected %zu\n", name,
		    n, json_array_size(exp));
		for (k = 0; k < n; k++)
			describe(&r[k]);
	}
	CHECK(ok);
	free(text);
	json_decref(exp);
}

/* ---- the capability matrix ---------------------------------------------- */

#define CAPABILITY_FILE	GOLDEN_DIR "/capability-en.jsonl"

/* Is report r the expected e: utility, status, a mention holding e's
   place, and e's count when it names one? */
static int
capable(const struct extract_report *r, json_t *e)
{
	json_t *aff = json_object_get(e, "affected");

	return strcmp(utility_name(r->utility), json_string_value(
	    json_object_get(e, "utility"))) == 0 &&
	    strcmp(report_status_name(r->status), json_string_value(
	    json_object_get(e, "status"))) == 0 &&
	    strstr(r->mention, json_string_value(json_object_get(e,
	    "place"))) != NULL &&
	    (aff == NULL || json_integer_value(aff) == r->affected);
}

/* Does text give exactly the expected reports, in any order? */
static int
capability_row(const char *text, json_t *expect)
{
	struct extract_report r[16];
	unsigned char used[16] = { 0 };
	size_t n = extract_reports(gaz, text, strlen(text), r, NELEM(r));
	size_t i, k;
	json_t *e;

	if (n != json_array_size(expect))
		return 0;
	json_array_foreach(expect, i, e) {
		for (k = 0; k < n && (used[k] || !capable(&r[k], e)); k++)
			;
		if (k == n)
			return 0;
		used[k] = 1;
	}
	return 1;
}

/*
 * scripts/gen-capability-matrix.py's common phrasings: every row without
 * a "gap" gives its reports; a row marked as a known gap that now passes
 * must lose its mark (the file says what the extractor cannot do).
 */
static void
test_capability_matrix(void)
{
	FILE *f = fopen(CAPABILITY_FILE, "r");
	char line[2048];
	int rows = 0, gaps = 0, failed = 0, healed = 0;

	CHECK(f != NULL);
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		json_error_t je;
		json_t *o = json_loads(line, 0, &je);
		const char *text;
		int ok, gap;

		CHECK(o != NULL);
		if (o == NULL)
			continue;
		text = json_string_value(json_object_get(o, "text"));
		gap = json_object_get(o, "gap") != NULL;
		ok = text != NULL && capability_row(text,
		    json_object_get(o, "expect"));
		rows++;
		gaps += gap;
		if (!ok && !gap) {
			fprintf(stderr, "capability: no longer handled: %s\n",
			    text != NULL ? text : "?");
			failed++;
		}
		if (ok && gap) {
			fprintf(stderr, "capability: now handled, drop its "
			    "gap mark: %s\n", text);
			healed++;
		}
		json_decref(o);
	}
	fclose(f);
	printf("# capability matrix: %d rows, %d known gaps\n", rows, gaps);
	CHECK(rows >= 400);
	CHECK_INT(failed, 0);
	CHECK_INT(healed, 0);
}

static void
test_golden(void)
{
	DIR *d = opendir(GOLDEN_DIR);
	struct dirent *de;
	char name[256];
	size_t l;
	int count = 0;

	CHECK(d != NULL);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		l = strlen(de->d_name);
		if (l < 5 || l - 4 >= sizeof(name) ||
		    strcmp(de->d_name + l - 4, ".txt") != 0)
			continue;
		memcpy(name, de->d_name, l - 4);
		name[l - 4] = '\0';
		golden_one(name);
		count++;
	}
	closedir(d);
	CHECK(count >= 100);
}

/* ---- targeted rules ---------------------------------------------------- */

static size_t
run(const char *text, struct extract_report *r, size_t max)
{
	return extract_reports(gaz, text, strlen(text), r, max);
}

/*
 * Confidence (src/extract/confidence.c): read off what the report rests
 * on, from the table fitted on the labelled sets.  A place the sentence
 * names with a unit and a "without" cue ranks highest; the same place
 * inherited from an earlier sentence lower; a report with no place
 * lowest.
 */
static void
test_confidence_basis(void)
{
	struct extract_report r[4], u[4];
	const char *own = "In Lviv, 2,000 households were without power.";
	const char *inh = "In Lviv, 5,000 households lost power on Monday. "
	    "Later 2,000 households were without power.";
	const char *t = "Water was back in 23 towns by Sunday, but in Kenton "
	    "supply was only 64 percent restored.";
	unsigned want = EXTRACT_B_REGION | EXTRACT_B_UNIT | EXTRACT_B_WITHOUT |
	    EXTRACT_B_COUNTED;

	CHECK_INT(run(own, r, NELEM(r)), 1);
	CHECK_INT(run(inh, u, NELEM(u)), 2);
	CHECK((r[0].basis & want) == want);
	CHECK(!(r[0].basis & EXTRACT_B_INHERITED));
	CHECK((u[1].basis & EXTRACT_B_INHERITED) != 0);
	CHECK(r[0].confidence > u[1].confidence);
	CHECK(r[0].confidence > u[0].confidence);	/* "lost" */
	CHECK(r[0].confidence <= 1 && u[1].confidence > 0.5);
	CHECK_INT(run(t, r, NELEM(r)), 2);
	CHECK_STR(r[1].count_text, "64 percent");
	CHECK((r[1].basis & EXTRACT_B_SHARE) != 0);
	CHECK_STR(r[1].mention, "Kenton");
	CHECK(r[0].region == NULL && r[0].mention[0] == '\0');
	CHECK(r[0].confidence < r[1].confidence);	/* no place */
}

/*
 * [story-country]: a one-word subdivision abroad ("Charlotte", a parish
 * of Saint Vincent) is kept as a mention when the story's other places
 * lie in another country, with a mention's confidence; alone it keeps
 * its region.
 */
static void
test_story_country(void)
{
	struct extract_report r[4], u[4];
	const char *both = "Storms left 18,000 customers in Charlotte without "
	    "power on Sunday. Across North Carolina, 41,000 customers were "
	    "without power on Monday.";
	const char *alone = "Storms left 18,000 customers in Charlotte without "
	    "power on Sunday.";
	const char *countless = "Power was out in Charlotte on Sunday. Across "
	    "North Carolina, 41,000 customers were without power on Monday.";
	const char *unknown = "Power was out in Gastonberry on Sunday. Across "
	    "North Carolina, 41,000 customers were without power on Monday.";
	size_t n;

	n = run(both, r, NELEM(r));
	CHECK_INT(n, 2);
	if (n != 2)
		return;
	CHECK(r[0].region == NULL);
	CHECK_STR(r[0].mention, "Charlotte");
	CHECK(r[1].region != NULL && strcmp(r[1].region->id, "US-NC") == 0);
	/* a count-less report: a mention's confidence, not a region's */
	CHECK_INT(run(countless, r, NELEM(r)), 2);
	CHECK_INT(run(unknown, u, NELEM(u)), 2);
	CHECK(r[0].region == NULL && u[0].region == NULL &&
	    r[0].confidence == u[0].confidence);
	CHECK_INT(run("Power was out in Charlotte on Sunday.", u, NELEM(u)),
	    1);
	CHECK(u[0].region != NULL && r[0].confidence < u[0].confidence);
	n = run(alone, r, NELEM(r));
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK(r[0].region != NULL &&
		    strcmp(r[0].region->id, "VC-01") == 0);
}

/*
 * National outage copy (count_shapes.c, restore_checks.c): a percentage
 * restating the count beside it is no report of its own; the base a
 * share of an outage is taken of is no count; "regained power" is back,
 * "regained control" is nothing; "restoration had begun" is no
 * restoration; two counts with their own utilities; an unknown name
 * without its possessive.
 */
static void
test_national_shapes(void)
{
	struct extract_report r[8];
	size_t n;

	n = run("Officials said 90,400 homes or 14 percent of its customers "
	    "in Bohol were without power.", r, NELEM(r));
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK(r[0].affected == 90400);
	n = run("Nearly 80% of the 2.1 million clients across Jamaica were "
	    "without power.", r, NELEM(r));
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK(r[0].affected < 0 && r[0].percent > 79);
	n = run("Crews restored 60% of the 95,000 customers who lost power in "
	    "Ohio.", r, NELEM(r));
	CHECK_INT(n, 2);
	n = run("Residents of Mombasa regained electricity on Sunday.", r,
	    NELEM(r));
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(r[0].status, RS_RESTORED);
	CHECK_INT(run("Troops regained control of 40 villages in Punjab.", r,
	    NELEM(r)), 0);
	n = run("A grid fault cut power across Ghana, and restoration of "
	    "electricity had begun by evening.", r, NELEM(r));
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(r[0].status, RS_OUTAGE);
	n = run("The quake left 52,000 homes in Ishikawa without electricity "
	    "and 30,500 without water.", r, NELEM(r));
	CHECK_INT(n, 2);
	if (n == 2)
		CHECK(r[0].utility == UTIL_POWER && r[0].affected == 52000 &&
		    r[1].utility == UTIL_WATER && r[1].affected == 30500);
	n = run("By noon, 41% of Camaguey's electrical service had been "
	    "restored.", r, NELEM(r));
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(r[0].mention, "Camaguey");
	n = run("Brac, Solta and several smaller islands have been left "
	    "without power.", r, NELEM(r));
	CHECK_INT(n, 2);
	n = run("Power was gradually returning to Maracaibo on Sunday.", r,
	    NELEM(r));
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(r[0].status, RS_PARTIAL);
	CHECK_INT(run("Eskom suspended load shedding on Sunday.", r,
	    NELEM(r)), 0);
	n = run("The blackout affected about 70 percent of Haiti's 11 "
	    "million people.", r, NELEM(r));
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK(r[0].affected < 0 && r[0].percent > 69);
}

static void
test_fields(void)
{
	struct extract_report r[4];
	const char *t = "Weather was calm. In Lviv, 5,000 households lost "
	    "power on Monday.";
	json_t *j;
	size_t n;

	n = run(t, r, NELEM(r));
	CHECK_INT(n, 1);
	if (n != 1)
		return;
	CHECK_STR(r[0].mention, "Lviv");
	CHECK_STR(r[0].count_text, "5,000 households");
	CHECK_INT(r[0].sentence_start, 18);
	CHECK_INT(r[0].sentence_len, strlen(t) - 18);
	CHECK(r[0].confidence > 0.5 && r[0].confidence <= 1);
	j = extract_report_json(&r[0], t);
	CHECK_STR(json_string_value(json_object_get(j, "region")), "UA-46");
	CHECK_STR(json_string_value(json_object_get(j, "mention")), "Lviv");
	CHECK_STR(json_string_value(json_object_get(j, "utility")), "power");
	CHECK_STR(json_string_value(json_object_get(j, "status")), "outage");
	CHECK_INT(json_integer_value(json_object_get(j, "affected")), 5000);
	CHECK_STR(json_string_value(json_object_get(j, "unit")), "households");
	CHECK(json_is_false(json_object_get(j, "approximate")));
	CHECK(json_is_real(json_object_get(j, "confidence")));
	CHECK_STR(json_string_value(json_object_get(j, "sentence")),
	    "In Lviv, 5,000 households lost power on Monday.");
	CHECK_STR(json_string_value(json_object_get(j, "count_text")),
	    "5,000 households");
	CHECK_STR(json_string_value(json_object_get(j, "cue")), "lost");
	CHECK_STR(r[0].cue, "lost");
	CHECK(json_is_null(json_object_get(j, "percent")));
	CHECK(json_object_size(j) == 13);
	json_decref(j);

	/* absent values are null */
	n = run("Heating was cut off.", r, NELEM(r));
	CHECK_INT(n, 1);
	if (n == 1) {
		j = extract_report_json(&r[0], "Heating was cut off.");
		CHECK(json_is_null(json_object_get(j, "region")));
		CHECK(json_is_null(json_object_get(j, "region_name")));
		CHECK(json_is_null(json_object_get(j, "mention")));
		CHECK(json_is_null(json_object_get(j, "affected")));
		CHECK(json_is_null(json_object_get(j, "unit")));
		CHECK(json_is_null(json_object_get(j, "count_text")));
		CHECK_STR(json_string_value(json_object_get(j, "cue")), "cut");
		CHECK_STR(json_string_value(json_object_get(j, "utility")),
		    "heat");
		json_decref(j);
	}
}

static void
test_limits(void)
{
	struct extract_report r[2];
	const char *t = "In Lviv 1,000 homes lost power. In Kyiv 2,000 homes "
	    "lost power. In Odesa 3,000 homes lost power.";
	char bad[] = "In Lviv 7,000 homes lost power \xff\xfe.";
	char *big;
	size_t n, k;
	unsigned seed = 12345;

	CHECK_INT(run(t, r, 2), 2);
	CHECK_INT(r[0].affected, 1000);
	CHECK_INT(r[1].affected, 2000);
	CHECK_INT(run(t, r, 0), 0);
	CHECK_INT(run("", r, 2), 0);
	CHECK_INT(extract_reports(NULL, t, strlen(t), r, 2), 2);
	CHECK(r[0].region == NULL);
	n = run(bad, r, 2);
	CHECK_INT(n, 1);
	if (n == 1) {
		json_t *j = extract_report_json(&r[0], bad);

		CHECK(json_is_string(json_object_get(j, "sentence")));
		json_decref(j);
	}
	/* noise: random bytes and one very long "sentence" */
	big = xmalloc(200001);
	for (k = 0; k < 200000; k++) {
		seed = seed * 1103515245 + 12345;
		big[k] = (char)(seed >> 16);
	}
	big[200000] = '\0';
	(void)extract_reports(gaz, big, 200000, r, 2);
	for (k = 0; k < 200000; k++)
		big[k] = "1,000 homes without power "[k % 26];
	n = extract_reports(gaz, big, 200000, r, 2);
	CHECK_INT(n, 2);
	free(big);

	/* places are found all through a long text */
	{
		static const char one[] = "In Lviv 1,000 homes lost power. ";
		size_t m = sizeof(one) - 1, reps = 300;
		struct extract_report *many = xcalloc(reps + 1, sizeof(*many));

		big = xmalloc(m * reps + 1);
		for (k = 0; k < reps; k++)
			memcpy(big + k * m, one, m);
		n = extract_reports(gaz, big, m * reps, many, reps + 1);
		CHECK_INT(n, reps);
		CHECK(n == reps && many[reps - 1].region != NULL &&
		    strcmp(many[reps - 1].region->id, "UA-46") == 0);
		free(many);
		free(big);
	}
}

/*
 * Generic English shapes (report_passes.c, outage_checks.c, count_shapes.c,
 * place_shapes.c): a list after "cities like", places said
 * to be affected after an outage, "fell from N to M", a count that goes
 * on from the sentence before (not a base or a forecast), "parts of the
 * X".
 */
static void
test_english_shapes(void)
{
	struct extract_report r[8];
	size_t n;

	n = run("A grid failure cut electricity across Pakistan, leaving most "
	    "of the country in the dark, including in big cities like Multan "
	    "and Faisalabad.", r, NELEM(r));
	CHECK_INT(n, 3);
	if (n == 3)
		CHECK(strcmp(r[1].mention, "Multan") == 0 &&
		    strcmp(r[2].mention, "Faisalabad") == 0 &&
		    r[1].affected < 0);
	n = run("A substation fire cut power to much of Galway on Sunday. "
	    "Mayo and Roscommon were also affected.", r, NELEM(r));
	CHECK_INT(n, 3);
	n = run("Power went out for 12,000 customers in Ohio overnight. Dayton "
	    "was hit by the heaviest rain of the year.", r, NELEM(r));
	CHECK_INT(n, 1);
	n = run("The number of customers without power in Nova Scotia fell "
	    "from 61,000 to 9,400.", r, NELEM(r));
	CHECK_INT(n, 2);
	if (n == 2)
		CHECK(r[0].affected == 61000 && r[1].affected == 9400);
	n = run("About 6,200 customers in Summit County were without power. "
	    "Portage County is at just under 3,000.", r, NELEM(r));
	CHECK_INT(n, 2);
	if (n == 2)
		CHECK(r[1].affected == 3000 && r[1].status == RS_OUTAGE &&
		    strcmp(r[1].mention, "Portage County") == 0);
	CHECK_INT(run("About 4,100 customers in Tulsa lost power. The utility "
	    "serves 870,000 customers in the state.", r, NELEM(r)), 1);
	CHECK_INT(run("Some 3,300 customers in Fresno County were without "
	    "power. Another shutoff could affect 9,000 customers.", r,
	    NELEM(r)), 1);
	n = run("About 1,500 customers in Kent, including 350 in Dover, were "
	    "without power.", r, NELEM(r));
	CHECK_INT(n, 2);
	if (n == 2)
		CHECK(r[1].affected == 350 && strcmp(r[1].mention, "Dover") == 0);
	n = run("Gales cut power to 6,400 customers in the central and lower "
	    "North Island.", r, NELEM(r));
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK(strstr(r[0].mention, "North Island") != NULL);
	n = run("About 240 customers were without power in Hancock County, "
	    "notably in Bucksport, where 160 were still without service.", r,
	    NELEM(r));
	CHECK_INT(n, 2);
	if (n == 2)
		CHECK(r[1].affected == 160);
	CHECK_INT(run("Some 14,000 households in Mayo were without water and a "
	    "further 9,500 people are now being supplied by tankers.", r,
	    NELEM(r)), 1);
	CHECK_INT(run("The utility had hoped to reduce the number of homes "
	    "without power in Osaka from 260,000 on Monday to 40,000 by "
	    "Tuesday.", r, NELEM(r)), 1);
	n = run("Heavy snow knocked out power in parts of the Mid-Atlantic "
	    "overnight.", r, NELEM(r));
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(r[0].mention, "Mid-Atlantic");
}

/* The reports of text as one JSON string (caller frees). */
static char *
reports_json(const char *text)
{
	struct extract_report r[64];
	size_t n = extract_reports(gaz, text, strlen(text), r, NELEM(r)), k;
	json_t *a = json_array();
	char *s;

	for (k = 0; k < n; k++)
		json_array_append_new(a, extract_report_json(&r[k], text));
	s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return s;
}

/*
 * A sentence that cannot report is read lazily (can_report() repeats the
 * conditions of counted_reports() and countless_reports()): over every
 * labelled passage and every fixture, one article of them all too, the
 * lazy reports are the eager ones.
 */
static void
test_lazy_equals_eager(void)
{
	static const char *const sets[] = { "tests/data/eval/heldout-a.jsonl",
	    "tests/data/eval/heldout-b.jsonl", "tests/data/eval/heldout-c.jsonl",
	    "tests/data/eval/heldout-d.jsonl",
	    "tests/data/eval/dev-en-w-en.jsonl",
	    "tests/data/eval/dev-en-w-en2.jsonl",
	    "tests/data/eval/dev-en-v-en3.jsonl",
	    "tests/data/eval/dev-en-v-en2.jsonl",
	    "tests/data/eval/dev-en-v-en1.jsonl" };
	char *all = xstrdup(""), *lazy, *full;
	size_t k, i, texts = 0, differ = 0;
	json_error_t je;
	json_t *line, *text;
	DIR *d;
	struct dirent *de;

	for (k = 0; k < NELEM(sets); k++) {
		FILE *f = fopen(sets[k], "r");
		char buf[65536];

		CHECK(f != NULL);
		while (f != NULL && fgets(buf, sizeof(buf), f) != NULL) {
			if ((line = json_loads(buf, 0, &je)) == NULL)
				continue;
			text = json_object_get(line, "text");
			if (json_is_string(text)) {
				size_t n = strlen(all);

				all = xreallocarray(all, n + json_string_length(text) +
				    3, 1);
				snprintf(all + n, json_string_length(text) + 3,
				    "%s\n\n", json_string_value(text));
			}
			json_decref(line);
		}
		if (f != NULL)
			fclose(f);
	}
	if ((d = opendir(GOLDEN_DIR)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			char path[512], *t;
			size_t l = strlen(de->d_name), n, tl;

			if (l < 5 || strcmp(de->d_name + l - 4, ".txt") != 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", GOLDEN_DIR,
			    de->d_name);
			if ((t = slurp(path, &tl)) == NULL)
				continue;
			n = strlen(all);
			all = xreallocarray(all, n + strlen(t) + 3, 1);
			snprintf(all + n, strlen(t) + 3, "%s\n\n", t);
			free(t);
		}
		closedir(d);
	}
	/* every passage alone, then all of them as one long article */
	for (i = 0; all[i] != '\0'; texts++) {
		char *end = strstr(all + i, "\n\n"), save;

		if (end == NULL)
			break;
		save = *end;
		*end = '\0';
		extract_set_eager(0);
		lazy = reports_json(all + i);
		extract_set_eager(1);
		full = reports_json(all + i);
		differ += strcmp(lazy, full) != 0;
		free(lazy);
		free(full);
		*end = save;
		i = (size_t)(end - all) + 2;
	}
	extract_set_eager(0);
	lazy = reports_json(all);
	extract_set_eager(1);
	full = reports_json(all);
	extract_set_eager(0);
	CHECK(texts >= 200);
	CHECK_INT(differ, 0);
	CHECK(strcmp(lazy, full) == 0);
	free(lazy);
	free(full);
	free(all);
}

int
main(void)
{
	int status;

	if ((gaz = t_gazetteer()) == NULL)
		return 1;
	RUN(test_numbers);
	RUN(test_sentences);
	RUN(test_golden);
	RUN(test_capability_matrix);
	RUN(test_fields);
	RUN(test_confidence_basis);
	RUN(test_limits);
	RUN(test_lazy_equals_eager);
	RUN(test_story_country);
	RUN(test_national_shapes);
	RUN(test_english_shapes);
	status = T_DONE();
	gaz_free(gaz);
	return status;
}
