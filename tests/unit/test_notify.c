/* SPDX-License-Identifier: MIT */
/*
 * test_notify.c - notification texts from config/templates: the seed
 * example in English and Ukrainian, every event, no count, no percent,
 * approximate or not, plural forms, numbers and durations, and templates
 * refused at load with the file and the key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "region.h"
#include "notify.h"
#include "util.h"

#include "t.h"

#define NBSP	"\xc2\xa0"
#define T0	1795687200000LL		/* 2026-11-26T10:00:00Z */
#define MIN	60000LL

static struct gazetteer *gaz;
static struct notify_texts *texts;

/* The seed: UA-12, power, ~600,000 households, 46.1 %, critical. */
static struct notify_msg
seed(enum route_event ev)
{
	struct notify_msg m = {
		.event = ev,
		.region = gaz_by_id(gaz, "UA-12"),
		.gaz = gaz,
		.utility = UTIL_POWER,
		.severity = SEV_CRITICAL,
		.affected = 600000,
		.unit = "households",
		.percent = 46.1,
		.approximate = 1,
		.started_at = T0 - 135 * MIN,
		.at = T0,
	};

	return m;
}

/* Render, check text and title, free. */
static void
expect(const char *lang, const struct notify_msg *m, const char *text,
    const char *title)
{
	char *tt = NULL, *s = notify_render(texts, lang, m, &tt);

	CHECK_STR(s, text);
	if (title != NULL)
		CHECK_STR(tt, title);
	free(s);
	free(tt);
}

static void
test_seed_en(void)
{
	struct notify_msg m = seed(ROUTE_FIRING);

	expect("en", &m, "\xf0\x9f\x94\xb4 Dnipropetrovsk oblast: no power "
	    "for ~600,000 households (46 %)",
	    "Power outage: Dnipropetrovsk oblast");
	/* the title may be skipped */
	{
		char *s = notify_render(texts, "en", &m, NULL);

		CHECK(s != NULL && strstr(s, "600,000") != NULL);
		free(s);
	}
}

static void
test_seed_uk(void)
{
	struct notify_msg m = seed(ROUTE_FIRING);

	expect("uk", &m, "\xf0\x9f\x94\xb4 Дніпропетровська область: ~600"
	    NBSP "000 домогосподарств без світла (46" NBSP "%)",
	    "Відключення світла: Дніпропетровська область");
}

static void
test_events_en(void)
{
	struct notify_msg m = seed(ROUTE_UPDATED);

	expect("en", &m, "\xf0\x9f\x94\xb4 Dnipropetrovsk oblast: now "
	    "critical, no power for ~600,000 households (46 %)",
	    "Power outage now critical: Dnipropetrovsk oblast");
	m = seed(ROUTE_REPEAT);
	expect("en", &m, "\xf0\x9f\x94\xb4 Dnipropetrovsk oblast: still no "
	    "power after 2 h 15 min, ~600,000 households (46 %)",
	    "Power outage continues: Dnipropetrovsk oblast");
	m = seed(ROUTE_RESOLVED);
	m.severity = SEV_NONE;
	m.affected = 0;
	m.percent = 0;
	m.approximate = 0;
	expect("en", &m, "\xe2\x9c\x85 Dnipropetrovsk oblast: power restored "
	    "after 2 h 15 min", "Power restored: Dnipropetrovsk oblast");
	/* no start known: no duration */
	m.started_at = 0;
	expect("en", &m, "\xe2\x9c\x85 Dnipropetrovsk oblast: power restored",
	    NULL);
}

static void
test_events_uk(void)
{
	struct notify_msg m = seed(ROUTE_UPDATED);

	expect("uk", &m, "\xf0\x9f\x94\xb4 Дніпропетровська область: рівень "
	    "критичний, ~600" NBSP "000 домогосподарств без світла (46" NBSP
	    "%)", "Відключення світла, рівень критичний: Дніпропетровська "
	    "область");
	m = seed(ROUTE_REPEAT);
	expect("uk", &m, "\xf0\x9f\x94\xb4 Дніпропетровська область: ~600"
	    NBSP "000 домогосподарств досі без світла (46" NBSP "%), уже 2 "
	    "год 15 хв", "Відключення світла триває: Дніпропетровська область");
	m = seed(ROUTE_RESOLVED);
	expect("uk", &m, "\xe2\x9c\x85 Дніпропетровська область: світло "
	    "відновлено через 2 год 15 хв",
	    "Світло відновлено: Дніпропетровська область");
}

static void
test_missing_count_and_percent(void)
{
	struct notify_msg m = seed(ROUTE_FIRING);

	/* an outage without a count: minor, no count, no percent */
	m.region = gaz_by_id(gaz, "UA-63");
	m.utility = UTIL_HEAT;
	m.severity = SEV_MINOR;
	m.affected = -1;
	m.unit = NULL;
	m.percent = -1;
	m.approximate = 0;
	expect("en", &m, "\xf0\x9f\x9f\xa1 Kharkiv oblast: no heating",
	    "Heating outage: Kharkiv oblast");
	expect("uk", &m, "\xf0\x9f\x9f\xa1 Харківська область: без опалення",
	    "Відключення опалення: Харківська область");

	/* a count, no denominator (a town): no percent; exact: no "~" */
	m.region = gaz_by_id(gaz, "UA-12:nikopol");
	m.utility = UTIL_WATER;
	m.severity = SEV_MAJOR;
	m.affected = 12000;
	m.unit = "people";
	expect("en", &m, "\xf0\x9f\x9f\xa0 Nikopol: no water for 12,000 people",
	    "Water outage: Nikopol");
	expect("uk", &m, "\xf0\x9f\x9f\xa0 Нікополь: 12" NBSP "000 людей без "
	    "води", "Відключення води: Нікополь");

	/* a percent under one, and a repeat without a count */
	m.percent = 0.4;
	m.approximate = 1;
	expect("en", &m, "\xf0\x9f\x9f\xa0 Nikopol: no water for ~12,000 "
	    "people (<1 %)", NULL);
	expect("uk", &m, "\xf0\x9f\x9f\xa0 Нікополь: ~12" NBSP "000 людей без "
	    "води (<1" NBSP "%)", NULL);
	m.event = ROUTE_REPEAT;
	m.affected = -1;
	m.percent = -1;
	expect("en", &m, "\xf0\x9f\x9f\xa0 Nikopol: still no water after 2 h "
	    "15 min", NULL);
	expect("uk", &m, "\xf0\x9f\x9f\xa0 Нікополь: досі без води, уже 2 год "
	    "15 хв", NULL);
	/* no gazetteer: the region's default name */
	m.gaz = NULL;
	m.region = gaz_by_id(gaz, "UA-12");
	expect("uk", &m, "\xf0\x9f\x9f\xa0 Dnipropetrovska oblast: досі без "
	    "води, уже 2 год 15 хв", NULL);
}

static void
test_plurals_and_units(void)
{
	static const struct {
		int64_t n;
		const char *en, *uk;
	} cases[] = {
		{ 1, "1 household", "1 домогосподарство" },
		{ 2, "2 households", "2 домогосподарства" },
		{ 4, "4 households", "4 домогосподарства" },
		{ 5, "5 households", "5 домогосподарств" },
		{ 11, "11 households", "11 домогосподарств" },
		{ 12, "12 households", "12 домогосподарств" },
		{ 21, "21 households", "21 домогосподарство" },
		{ 22, "22 households", "22 домогосподарства" },
		{ 0, "0 households", "0 домогосподарств" },
		{ 1001, "1,001 households", "1" NBSP "001 домогосподарство" },
	};
	struct notify_msg m = seed(ROUTE_FIRING);

	m.approximate = 0;
	m.percent = -1;
	for (size_t i = 0; i < NELEM(cases); i++) {
		char *s;

		m.affected = cases[i].n;
		s = notify_render(texts, "en", &m, NULL);
		CHECK(s != NULL && strstr(s, cases[i].en) != NULL);
		free(s);
		s = notify_render(texts, "uk", &m, NULL);
		CHECK(s != NULL && strstr(s, cases[i].uk) != NULL);
		if (s == NULL || strstr(s, cases[i].uk) == NULL)
			fprintf(stderr, "got %s, want %s\n", s, cases[i].uk);
		free(s);
	}
	/* each unit; an unknown one is shown as given */
	m.affected = 3;
	m.unit = "customers";
	expect("en", &m, "\xf0\x9f\x94\xb4 Dnipropetrovsk oblast: no power "
	    "for 3 customers", NULL);
	expect("uk", &m, "\xf0\x9f\x94\xb4 Дніпропетровська область: 3 "
	    "абоненти без світла", NULL);
	m.unit = "meters";
	expect("en", &m, "\xf0\x9f\x94\xb4 Dnipropetrovsk oblast: no power "
	    "for 3 meters", NULL);
}

static void
test_numbers_durations(void)
{
	char b[64];

	notify_number(texts, "en", 600000, b, sizeof(b));
	CHECK_STR(b, "600,000");
	notify_number(texts, "uk", 600000, b, sizeof(b));
	CHECK_STR(b, "600" NBSP "000");
	notify_number(texts, "en", 1234567, b, sizeof(b));
	CHECK_STR(b, "1,234,567");
	notify_number(texts, "en", 999, b, sizeof(b));
	CHECK_STR(b, "999");
	notify_number(texts, "en", 1000, b, sizeof(b));
	CHECK_STR(b, "1,000");
	notify_number(texts, "de", 1000, b, sizeof(b));
	CHECK_STR(b, "");

	notify_duration(texts, "en", 135 * MIN, b, sizeof(b));
	CHECK_STR(b, "2 h 15 min");
	notify_duration(texts, "uk", 135 * MIN, b, sizeof(b));
	CHECK_STR(b, "2 год 15 хв");
	notify_duration(texts, "en", 120 * MIN + 59999, b, sizeof(b));
	CHECK_STR(b, "2 h");
	notify_duration(texts, "en", 45 * MIN, b, sizeof(b));
	CHECK_STR(b, "45 min");
	notify_duration(texts, "en", 59999, b, sizeof(b));
	CHECK_STR(b, "<1 min");
	notify_duration(texts, "en", (27 * 60 + 30) * MIN, b, sizeof(b));
	CHECK_STR(b, "1 d 3 h");
	notify_duration(texts, "uk", 2 * 1440 * MIN, b, sizeof(b));
	CHECK_STR(b, "2 д");

	/* percents round to whole ones */
	{
		struct notify_msg m = seed(ROUTE_FIRING);
		static const struct { double p; const char *want; } pc[] = {
			{ 46.1, "(46 %)" }, { 46.5, "(47 %)" }, { 1.0, "(1 %)" },
			{ 0.99, "(<1 %)" }, { 0.0, "(0 %)" }, { 100, "(100 %)" },
		};

		for (size_t i = 0; i < NELEM(pc); i++) {
			char *s;

			m.percent = pc[i].p;
			s = notify_render(texts, "en", &m, NULL);
			CHECK(s != NULL && strstr(s, pc[i].want) != NULL);
			free(s);
		}
	}
}

static void
test_languages(void)
{
	struct notify_msg m = seed(ROUTE_FIRING);
	char *title = (char *)1, *s;

	CHECK(notify_has_lang(texts, "en"));
	CHECK(notify_has_lang(texts, "uk"));
	CHECK(!notify_has_lang(texts, "de"));
	CHECK(!notify_has_lang(texts, NULL));
	/* a language without a file: English */
	expect("de", &m, "\xf0\x9f\x94\xb4 Dnipropetrovsk oblast: no power "
	    "for ~600,000 households (46 %)", NULL);
	expect(NULL, &m, "\xf0\x9f\x94\xb4 Dnipropetrovsk oblast: no power "
	    "for ~600,000 households (46 %)", NULL);
	/* nothing to say about no region */
	m.region = NULL;
	s = notify_render(texts, "en", &m, &title);
	CHECK(s == NULL && title == NULL);
	CHECK(notify_render(NULL, "en", &m, NULL) == NULL);
}

/* ---- load errors ------------------------------------------------------ */

static char tmpdir[64];

/* Write en.json (altered by fn) into a fresh directory; load; clean up. */
static struct notify_texts *
load_altered(void (*fn)(json_t *), const char *name, char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *j = json_load_file("config/templates/en.json", 0, &jerr);
	struct notify_texts *t;
	char path[128];

	CHECK(j != NULL);
	str_copy(tmpdir, "/tmp/test_notify.XXXXXX", sizeof(tmpdir));
	if (j == NULL || mkdtemp(tmpdir) == NULL)
		return NULL;
	if (fn != NULL)
		fn(j);
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	CHECK_INT(json_dump_file(j, path, 0), 0);
	json_decref(j);
	err[0] = '\0';
	t = notify_load(tmpdir, err, errlen);
	unlink(path);
	rmdir(tmpdir);
	return t;
}

static void
bad_placeholder(json_t *j)
{
	json_object_set_new(json_object_get(j, "text"), "firing",
	    json_string("{icon} {regoin}: no {utility_noun}"));
}

static void
missing_key(json_t *j)
{
	json_object_del(json_object_get(j, "text"), "repeat");
}

static void
missing_unit_form(json_t *j)
{
	json_object_del(json_object_get(json_object_get(j, "units"), "people"),
	    "one");
}

static void
unknown_key(json_t *j)
{
	json_object_set_new(json_object_get(j, "utilities"), "steam",
	    json_object());
}

static void
unclosed_group(json_t *j)
{
	json_object_set_new(json_object_get(j, "title"), "resolved",
	    json_string("{utility_restored}[: {region}"));
}

static void
nested_group(json_t *j)
{
	json_object_set_new(json_object_get(j, "text"), "updated",
	    json_string("{icon}[ a[ {percent}]]"));
}

static void
unclosed_brace(json_t *j)
{
	json_object_set_new(json_object_get(j, "text"), "resolved",
	    json_string("{icon} {region"));
}

static void
bad_percent(json_t *j)
{
	json_object_set_new(json_object_get(j, "percent"), "format",
	    json_string("{percent} %"));
}

static void
bad_plural(json_t *j)
{
	json_object_set_new(j, "plural", json_string("one_few_many"));
}

static void
not_a_string(json_t *j)
{
	json_object_set_new(json_object_get(j, "icons"), "major",
	    json_integer(1));
}

static void
escapes(json_t *j)
{
	json_object_set_new(json_object_get(j, "text"), "firing",
	    json_string("{{{region}}} [[{icon}]][ {percent}]"));
}

static void
test_load_errors(void)
{
	static const struct {
		void (*fn)(json_t *);
		const char *want;
	} bad[] = {
		{ bad_placeholder, "text.firing: unknown placeholder {regoin}" },
		{ missing_key, "text.repeat: missing key" },
		{ missing_unit_form, "units.people.one: missing key" },
		{ unknown_key, "utilities.steam: unknown key" },
		{ unclosed_group, "title.resolved: an unclosed [" },
		{ nested_group, "text.updated: a [group] inside a group" },
		{ unclosed_brace, "text.resolved: an unclosed {" },
		{ bad_percent, "percent.format: unknown placeholder {percent}" },
		{ bad_plural, "units.households.other: unknown key" },
		{ not_a_string, "icons.major: must be a non-empty string" },
	};
	char err[512];

	for (size_t i = 0; i < NELEM(bad); i++) {
		struct notify_texts *t = load_altered(bad[i].fn, "fr.json", err,
		    sizeof(err));

		CHECK(t == NULL);
		notify_free(t);
		CHECK(strstr(err, "/fr.json: ") != NULL);
		CHECK(strstr(err, bad[i].want) != NULL);
		if (strstr(err, bad[i].want) == NULL)
			fprintf(stderr, "got: %s\n", err);
	}
	/* a file whose name is not a language */
	CHECK(load_altered(NULL, "english.json", err, sizeof(err)) == NULL);
	CHECK(strstr(err, "english.json: the file's name") != NULL);
	/* no template at all, no directory */
	str_copy(tmpdir, "/tmp/test_notify.XXXXXX", sizeof(tmpdir));
	if (mkdtemp(tmpdir) != NULL) {
		CHECK(notify_load(tmpdir, err, sizeof(err)) == NULL);
		CHECK(strstr(err, "no template") != NULL);
		rmdir(tmpdir);
	}
	CHECK(notify_load("/nonexistent/templates", err, sizeof(err)) == NULL);
	CHECK(strstr(err, "/nonexistent/templates") != NULL);

	/* one more language is one more file; escapes are characters */
	{
		struct notify_texts *t = load_altered(escapes, "fr.json", err,
		    sizeof(err));
		struct notify_msg m = seed(ROUTE_FIRING);
		char *s;

		CHECK(t != NULL);
		CHECK(notify_has_lang(t, "fr"));
		s = notify_render(t, "fr", &m, NULL);
		/* no "fr" name in the packs: the region's default name */
		CHECK_STR(s, "{Dnipropetrovska oblast} [\xf0\x9f\x94\xb4] 46 %");
		free(s);
		/* no English file here: an unknown language has nothing */
		CHECK(notify_render(t, "uk", &m, NULL) == NULL);
		notify_free(t);
	}
	notify_free(NULL);
}

int
main(void)
{
	char err[512];
	int status;

	if ((gaz = t_gazetteer()) == NULL)
		return 1;
	if ((texts = notify_load("config/templates", err, sizeof(err))) ==
	    NULL) {
		printf("FAIL notify_load\n# 0 passed, 1 failed\n");
		fprintf(stderr, "notify_load: %s\n", err);
		gaz_free(gaz);
		return 1;
	}
	RUN(test_seed_en);
	RUN(test_seed_uk);
	RUN(test_events_en);
	RUN(test_events_uk);
	RUN(test_missing_count_and_percent);
	RUN(test_plurals_and_units);
	RUN(test_numbers_durations);
	RUN(test_languages);
	RUN(test_load_errors);
	status = T_DONE();
	notify_free(texts);
	gaz_free(gaz);
	return status;
}
